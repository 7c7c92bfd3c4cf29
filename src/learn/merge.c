/*
 * merge.c - learning again over an existing FILE: the policy read with the
 * policy's own parser (so a file that is not an xlat policy gets its
 * positioned error), its "learned" header kept, and each of its rules
 * taken back into the store, so that the new file allows the union of
 * both runs.  Only the shapes write.c writes are taken back.
 */
#include "config.h"

#include <errno.h>
#include <json.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "learn/internal.h"
#include "tables/sysent.h"

static int _cond_value(const struct pol_rule *r, int id, int ai, uint64_t *v)
{
	int k;

	for (k = 0; k < r->nconds; k++) {
		if (policy_cond_arg(&r->conds[k], id) == ai) {
			*v = r->conds[k].value;
			return 0;
		}
	}
	return -ENOENT;
}

/* The mode a rule's conditions on the open or *at flags give. */
static enum lmode _mode(const struct pol_rule *r, int id)
{
	const char *name = sysent_table[id].name;
	int k;

	for (k = 0; k < r->nconds; k++) {
		if (r->conds[k].op != PO_MASKED_EQ)
			continue;
		if (r->conds[k].mask == LEARN_AT_EMPTY_PATH)
			return LM_EMPTY;
		if (r->conds[k].mask == LEARN_READ_MASK)
			return LM_READ;
		if (r->conds[k].mask == LEARN_WRITE_MASK)
			return LM_WRITE;
	}
	if (!strcmp(name, "open") || !strcmp(name, "openat") || !strcmp(name, "creat"))
		return LM_CREATE;
	return LM_NONE;
}

static int _ingest(struct learn *l, const struct pol_rule *pr, int abi, int id,
		   const char *file, int no, char *err, size_t n)
{
	const struct lkey *k;
	struct lrule *r;
	enum lmode mode = _mode(pr, id);
	uint64_t v[2] = { 0, 0 };
	char buf[8192];
	int ai[2], i, known = 0;

	r = learn_rule(l, abi, id, mode);
	if (!r)
		return -ENOMEM;
	k = learn_key(id, ai);
	if (k && pr->nconds == 0)
		r->any = true;
	else if (k) {
		for (i = 0; i < 2; i++)
			if (ai[i] >= 0 && _cond_value(pr, id, ai[i], &v[i]) == 0)
				known++;
		learn_add_vals(r, v[0], v[1]);
	}
	if (pr->nconds > known + (mode == LM_READ || mode == LM_WRITE || mode == LM_EMPTY)) {
		snprintf(err, n, "%s: rule %d: a condition on %s that --learn does not write; "
			 "merge only into a policy --learn wrote", file, no, sysent_table[id].name);
		return -EINVAL;
	}
	if (learn_pathcall(id) && mode != LM_EMPTY && !pr->npaths)
		r->anypath = true;
	for (i = 0; i < pr->npaths; i++) {
		snprintf(buf, sizeof(buf), "%c%s", pr->paths[i].op == PP_EXACT ? 'e' :
			 pr->paths[i].op == PP_GLOB ? 'g' : 'p', pr->paths[i].pattern);
		if (lset_add(&r->paths, buf))
			return -ENOMEM;
	}
	return 0;
}

static int _header(struct learn *l, const char *file, char *err, size_t n)
{
	json_object *root = json_object_from_file(file), *runs;
	size_t i;
	int rc = 0;

	if (!root || !json_object_object_get_ex(root, "learned", &runs)) {
		snprintf(err, n, "%s: not a policy --learn wrote (no \"learned\" header); "
			 "give --learn a new file", file);
		json_object_put(root);
		return -EINVAL;
	}
	for (i = 0; !rc && i < json_object_array_length(runs); i++)
		rc = lset_push(&l->runs, json_object_to_json_string_ext(
			json_object_array_get_idx(runs, i),
			JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return rc;
}

int learn_merge(struct learn *l, const char *file, char *err, size_t n)
{
	struct policy p;
	unsigned int id;
	int i, abi, rc;

	if (access(file, F_OK) < 0 && errno == ENOENT)
		return 0;
	policy_init(&p);
	rc = policy_load(&p, file);
	if (rc) {
		snprintf(err, n, "%s", p.err);
		goto out;
	}
	rc = _header(l, file, err, n);
	if (rc)
		goto out;
	if (!l->def_set) {
		l->def = p.def;
		l->def_err = p.def_err;
	}
	for (i = 0; !rc && i < p.nrules; i++) {
		if (p.rules[i].action != PA_ALLOW) {
			snprintf(err, n, "%s: rule %d: \"action\": \"%s\"; --learn merges only "
				 "the allow rules it writes", file, i, pol_action_names[p.rules[i].action]);
			rc = -EINVAL;
			break;
		}
		for (abi = 0; !rc && abi < ABI_COUNT; abi++) {
			if (p.rules[i].abi >= 0 && p.rules[i].abi != abi)
				continue;
			for (id = 0; !rc && id < sysent_count; id++)
				if (p.rules[i].ids[id] && sysent_nr(abi, id) >= 0)
					rc = _ingest(l, &p.rules[i], abi, id, file, i, err, n);
		}
	}
out:
	if (rc == -ENOMEM)
		snprintf(err, n, "%s: out of memory", file);
	policy_free(&p);
	return rc ? -EINVAL : 0;
}
