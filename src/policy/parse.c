/*
 * parse.c - the policy's JSON grammar (man/xlat-policy.5): a policy file
 * read and parsed with json-c into the rules of the model, a rule's
 * selectors, conditions on arguments and paths, action and errno map.
 * Values and positioned messages are json.c's; it builds on the rule
 * model.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "suggest.h"
#include "tables/sysent.h"

#define MAX_DEPTH 8
#define MAX_TEXT (1 << 20)

static const char *const _op_names[] = {
	[PO_EQ] = "eq", [PO_NE] = "ne", [PO_LT] = "lt", [PO_LE] = "le",
	[PO_GT] = "gt", [PO_GE] = "ge", [PO_MASKED_EQ] = "masked_eq",
};

/* Does every selected call have argument c, and what is its kind? */
static int _check_cond_arg(struct pj_ctx *c, const struct pol_rule *r,
			   const struct pol_argcond *ac, const char *path)
{
	unsigned int id;

	for (id = 0; id < sysent_count; id++) {
		if (!r->ids[id])
			continue;
		if (policy_cond_arg(ac, id) < 0) {
			struct suggest sg;
			char buf[96];
			int i;

			if (!ac->name)
				return pj_err(c, path, false, "%s has no argument %d",
					      sysent_table[id].name, ac->index);
			suggest_begin(&sg, ac->name);
			for (i = 0; i < sysent_table[id].nargs; i++)
				suggest_offer(&sg, sysent_table[id].args[i].name);
			return pj_err(c, path, false, "%s has no argument '%s'%s",
				      sysent_table[id].name, ac->name, pol_dym(&sg, buf, sizeof(buf)));
		}
	}
	return 0;
}

static int _cond(struct pj_ctx *c, struct pol_rule *r, json_object *o, const char *path)
{
	static const char *const keys[] = { "arg", "op", "value", "mask" };
	struct pol_argcond *ac;
	json_object *v;
	char kp[8192], buf[96];
	struct suggest sg;
	unsigned int i;
	bool neg;
	int rc;

	rc = pj_want(c, o, path, json_type_object, "a condition");
	if (!rc)
		rc = pj_keys(c, o, path, keys, N(keys));
	if (rc)
		return rc;
	ac = realloc(r->conds, (r->nconds + 1) * sizeof(*ac));
	if (!ac)
		return -ENOMEM;
	r->conds = ac;
	ac = &r->conds[r->nconds++];
	memset(ac, 0, sizeof(*ac));
	ac->op = PO_EQ;
	PATHF(kp, "%s/arg", path);
	if (!json_object_object_get_ex(o, "arg", &v))
		return pj_err(c, path, false, "a condition needs \"arg\"");
	if (json_object_is_type(v, json_type_int)) {
		int64_t i64 = json_object_get_int64(v);

		if (i64 < 0 || i64 > 5)
			return pj_err(c, kp, false, "\"arg\" must be a name or an index from 0 to 5");
		ac->index = (int)i64;
	} else if (json_object_is_type(v, json_type_string)) {
		ac->name = strdup(json_object_get_string(v));
		if (!ac->name)
			return -ENOMEM;
	} else {
		return pj_err(c, kp, false, "\"arg\" must be a name or an index, not %s",
			      pj_type_name(v));
	}
	rc = _check_cond_arg(c, r, ac, kp);
	if (rc)
		return rc;
	if (json_object_object_get_ex(o, "op", &v)) {
		PATHF(kp, "%s/op", path);
		rc = pj_want(c, v, kp, json_type_string, "\"op\"");
		if (rc)
			return rc;
		for (i = 0; i < N(_op_names); i++)
			if (strcmp(json_object_get_string(v), _op_names[i]) == 0)
				break;
		if (i == N(_op_names)) {
			suggest_begin(&sg, json_object_get_string(v));
			for (i = 0; i < N(_op_names); i++)
				suggest_offer(&sg, _op_names[i]);
			return pj_err(c, kp, false, "unknown op '%s'%s", json_object_get_string(v),
				      pol_dym(&sg, buf, sizeof(buf)));
		}
		ac->op = i;
	}
	PATHF(kp, "%s/value", path);
	if (!json_object_object_get_ex(o, "value", &v))
		return pj_err(c, path, false, "a condition needs \"value\"");
	rc = pj_int_value(c, v, kp, "\"value\"", &ac->value, &neg);
	if (rc)
		return rc;
	PATHF(kp, "%s/mask", path);
	if (json_object_object_get_ex(o, "mask", &v)) {
		if (ac->op != PO_MASKED_EQ)
			return pj_err(c, kp, true, "\"mask\" goes with \"op\": \"masked_eq\" only");
		rc = pj_int_value(c, v, kp, "\"mask\"", &ac->mask, &neg);
		if (rc)
			return rc;
	} else if (ac->op == PO_MASKED_EQ) {
		return pj_err(c, path, false, "\"masked_eq\" needs \"mask\"");
	}
	return 0;
}

static int _pathcond(struct pj_ctx *c, struct pol_rule *r, json_object *o, const char *path)
{
	static const char *const keys[] = { "exact", "prefix", "glob" };
	struct pol_pathcond *pc;
	char kp[8192];
	int rc, n = 0;
	unsigned int i;

	rc = pj_want(c, o, path, json_type_object, "a path condition");
	if (!rc)
		rc = pj_keys(c, o, path, keys, N(keys));
	if (rc)
		return rc;
	json_object_object_foreach(o, key, val) {
		PATHF(kp, "%s/%s", path, key);
		rc = pj_want(c, val, kp, json_type_string, "a path pattern");
		if (rc)
			return rc;
		if (json_object_get_string(val)[0] != '/')
			return pj_err(c, kp, false, "a path pattern must be absolute");
		pc = realloc(r->paths, (r->npaths + 1) * sizeof(*pc));
		if (!pc)
			return -ENOMEM;
		r->paths = pc;
		pc = &r->paths[r->npaths++];
		for (i = 0; i < N(keys); i++)
			if (strcmp(key, keys[i]) == 0)
				pc->op = i;
		pc->pattern = strdup(json_object_get_string(val));
		if (!pc->pattern)
			return -ENOMEM;
		n++;
	}
	if (n != 1)
		return pj_err(c, path, false, "a path condition has one of "
			      "\"exact\", \"prefix\", \"glob\"");
	return 0;
}

static bool _has_path_arg(int id)
{
	const struct sysent *se = &sysent_table[id];
	int i;

	for (i = 0; i < se->nargs; i++)
		if (se->args[i].kind == AK_path)
			return true;
	return false;
}

static int _rule(struct pj_ctx *c, json_object *o, const char *path)
{
	static const char *const keys[] = {
		"syscalls", "abi", "args", "path", "action", "errno", "value",
		"errno_map", "comment",
	};
	struct pol_rule *r;
	json_object *v, *item;
	char kp[8192], ip[8192], buf[96];
	struct suggest sg;
	size_t i, n;
	unsigned int id;
	bool neg, any;
	int rc;

	rc = pj_want(c, o, path, json_type_object, "a rule");
	if (!rc)
		rc = pj_keys(c, o, path, keys, N(keys));
	if (rc)
		return rc;
	r = pol_new_rule(c->p);
	if (!r)
		return -ENOMEM;

	PATHF(kp, "%s/syscalls", path);
	if (!json_object_object_get_ex(o, "syscalls", &v))
		return pj_err(c, path, false, "a rule needs \"syscalls\"");
	if (json_object_is_type(v, json_type_string)) {
		if (pol_select(json_object_get_string(v), r->ids, r->named, &sg))
			return pj_err(c, kp, false, "unknown %s '%s'%s",
				      json_object_get_string(v)[0] == '%' ? "class" : "syscall",
				      json_object_get_string(v), pol_dym(&sg, buf, sizeof(buf)));
	} else if (json_object_is_type(v, json_type_array)) {
		n = json_object_array_length(v);
		if (n == 0)
			return pj_err(c, kp, false, "\"syscalls\" is empty");
		for (i = 0; i < n; i++) {
			item = json_object_array_get_idx(v, i);
			PATHF(ip, "%s/%zu", kp, i);
			rc = pj_want(c, item, ip, json_type_string, "a syscall selector");
			if (rc)
				return rc;
			if (pol_select(json_object_get_string(item), r->ids, r->named, &sg))
				return pj_err(c, ip, false, "unknown %s '%s'%s",
					      json_object_get_string(item)[0] == '%' ? "class" : "syscall",
					      json_object_get_string(item), pol_dym(&sg, buf, sizeof(buf)));
		}
	} else {
		return pj_err(c, kp, false, "\"syscalls\" must be a string or an array, not %s",
			      pj_type_name(v));
	}

	if (json_object_object_get_ex(o, "abi", &v)) {
		PATHF(kp, "%s/abi", path);
		rc = pj_want(c, v, kp, json_type_string, "\"abi\"");
		if (rc)
			return rc;
		for (i = 0; i < ABI_COUNT; i++)
			if (strcmp(json_object_get_string(v), abi_names[i]) == 0)
				r->abi = i;
		if (r->abi < 0)
			return pj_err(c, kp, false, "unknown abi '%s' (x86_64 or i386)",
				      json_object_get_string(v));
	}

	if (json_object_object_get_ex(o, "args", &v)) {
		PATHF(kp, "%s/args", path);
		rc = pj_want(c, v, kp, json_type_array, "\"args\"");
		if (rc)
			return rc;
		n = json_object_array_length(v);
		if (n > 6)
			return pj_err(c, kp, false, "at most 6 conditions per rule");
		for (i = 0; i < n; i++) {
			PATHF(ip, "%s/%zu", kp, i);
			rc = _cond(c, r, json_object_array_get_idx(v, i), ip);
			if (rc)
				return rc;
		}
	}

	if (json_object_object_get_ex(o, "path", &v)) {
		PATHF(kp, "%s/path", path);
		if (json_object_is_type(v, json_type_array)) {
			n = json_object_array_length(v);
			if (n == 0)
				return pj_err(c, kp, false, "\"path\" is empty");
			for (i = 0; i < n; i++) {
				PATHF(ip, "%s/%zu", kp, i);
				rc = _pathcond(c, r, json_object_array_get_idx(v, i), ip);
				if (rc)
					return rc;
			}
		} else {
			rc = _pathcond(c, r, v, kp);
			if (rc)
				return rc;
		}
		any = false;
		for (id = 0; id < sysent_count; id++)
			any |= r->ids[id] && _has_path_arg(id);
		if (!any)
			return pj_err(c, kp, true, "none of the selected calls takes a path");
	}

	PATHF(kp, "%s/action", path);
	if (!json_object_object_get_ex(o, "action", &v))
		return pj_err(c, path, false, "a rule needs \"action\"");
	rc = pj_action_name(c, v, kp, &r->action, true);
	if (rc)
		return rc;
	if (json_object_object_get_ex(o, "errno", &v)) {
		PATHF(kp, "%s/errno", path);
		if (r->action != PA_DENY)
			return pj_err(c, kp, true, "\"errno\" goes with \"action\": \"deny\" only");
		rc = pj_errno_of(c, v, kp, "\"errno\"", &r->err);
		if (rc)
			return rc;
	}
	PATHF(kp, "%s/value", path);
	if (json_object_object_get_ex(o, "value", &v)) {
		if (r->action != PA_RETURN)
			return pj_err(c, kp, true, "\"value\" goes with \"action\": \"return\" only");
		rc = pj_int_value(c, v, kp, "\"value\"", (uint64_t *)&r->value, &neg);
		if (rc)
			return rc;
		if (!neg && (uint64_t)r->value > INT64_MAX)
			return pj_err(c, kp, false, "\"value\" does not fit in a signed 64-bit return value");
	} else if (r->action == PA_RETURN) {
		return pj_err(c, path, false, "\"action\": \"return\" needs \"value\"");
	}
	if (json_object_object_get_ex(o, "errno_map", &v)) {
		PATHF(kp, "%s/errno_map", path);
		rc = pj_errmap(c, v, kp, &r->map, &r->nmap);
		if (rc)
			return rc;
	}
	if (json_object_object_get_ex(o, "comment", &v)) {
		PATHF(kp, "%s/comment", path);
		rc = pj_want(c, v, kp, json_type_string, "\"comment\"");
		if (rc)
			return rc;
	}
	return 0;
}

/* "learned": the runs --learn made the policy from (command, date,
   xlat version); xlat does not act on it. */
static int _learned(struct pj_ctx *c, json_object *v)
{
	static const char *const keys[] = { "command", "date", "xlat" };
	json_object *run;
	char kp[64];
	size_t i;
	int rc;

	rc = pj_want(c, v, "/learned", json_type_array, "\"learned\"");
	for (i = 0; !rc && i < json_object_array_length(v); i++) {
		PATHF(kp, "/learned/%zu", i);
		run = json_object_array_get_idx(v, i);
		rc = pj_want(c, run, kp, json_type_object, "a run");
		if (!rc)
			rc = pj_keys(c, run, kp, keys, N(keys));
	}
	return rc;
}

static int _top(struct pj_ctx *c, json_object *root)
{
	static const char *const keys[] = {
		"default", "errno", "rules", "errno_map", "uname", "comment", "learned",
	};
	json_object *v;
	char kp[8192];
	size_t i, n;
	int rc;

	rc = pj_want(c, root, "", json_type_object, "a policy");
	if (!rc)
		rc = pj_keys(c, root, "", keys, N(keys));
	if (rc)
		return rc;
	if (json_object_object_get_ex(root, "default", &v)) {
		rc = pj_action_name(c, v, "/default", &c->p->def, false);
		if (rc)
			return rc;
		c->p->def_err = EPERM;
	}
	if (json_object_object_get_ex(root, "errno", &v)) {
		if (c->p->def != PA_DENY)
			return pj_err(c, "/errno", true, "\"errno\" goes with \"default\": \"deny\" only");
		rc = pj_errno_of(c, v, "/errno", "\"errno\"", &c->p->def_err);
		if (rc)
			return rc;
	}
	if (json_object_object_get_ex(root, "errno_map", &v)) {
		rc = pj_errmap(c, v, "/errno_map", &c->p->map, &c->p->nmap);
		if (rc)
			return rc;
	}
	if (json_object_object_get_ex(root, "uname", &v)) {
		rc = pj_want(c, v, "/uname", json_type_object, "\"uname\"");
		if (!rc)
			rc = pj_keys(c, v, "/uname", pol_uts_names, UTS_FIELDS);
		if (rc)
			return rc;
		json_object_object_foreach(v, key, val) {
			PATHF(kp, "/uname/%s", key);
			rc = pj_want(c, val, kp, json_type_string, "a uname field");
			if (rc)
				return rc;
			if (strlen(json_object_get_string(val)) > 64)
				return pj_err(c, kp, false, "a uname field has at most 64 bytes");
			for (i = 0; i < UTS_FIELDS; i++) {
				if (strcmp(key, pol_uts_names[i]) == 0) {
					free(c->p->uts[i]);
					c->p->uts[i] = strdup(json_object_get_string(val));
					if (!c->p->uts[i])
						return -ENOMEM;
				}
			}
		}
	}
	if (json_object_object_get_ex(root, "comment", &v)) {
		rc = pj_want(c, v, "/comment", json_type_string, "\"comment\"");
		if (rc)
			return rc;
	}
	if (json_object_object_get_ex(root, "learned", &v)) {
		rc = _learned(c, v);
		if (rc)
			return rc;
	}
	if (json_object_object_get_ex(root, "rules", &v)) {
		rc = pj_want(c, v, "/rules", json_type_array, "\"rules\"");
		if (rc)
			return rc;
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			PATHF(kp, "/rules/%zu", i);
			rc = _rule(c, json_object_array_get_idx(v, i), kp);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int policy_parse(struct policy *p, const char *file, const char *text, size_t len)
{
	struct pj_ctx c = { .p = p, .file = file };
	struct json_tokener *tok;
	enum json_tokener_error jerr;
	json_object *root;
	size_t end;
	int rc, line, col;

	if (len > MAX_TEXT) {
		snprintf(p->err, sizeof(p->err), "%s: a policy has at most %d bytes",
			 file, MAX_TEXT);
		return -EINVAL;
	}
	if (memchr(text, '\0', len)) {
		jpos_linecol(text, (const char *)memchr(text, '\0', len) - text, &line, &col);
		snprintf(p->err, sizeof(p->err), "%s:%d:%d: a NUL byte in the policy",
			 file, line, col);
		return -EINVAL;
	}
	tok = json_tokener_new_ex(MAX_DEPTH);
	if (!tok)
		return -ENOMEM;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (!root || jerr != json_tokener_success) {
		if (jerr == json_tokener_continue)
			end = len;
		jpos_linecol(text, end, &line, &col);
		snprintf(p->err, sizeof(p->err), "%s:%d:%d: %s", file, line, col,
			 jerr == json_tokener_continue ? "unexpected end of the policy (truncated JSON?)" :
			 jerr == json_tokener_error_depth ? "nested too deep (at most 8 levels)" :
			 json_tokener_error_desc(jerr));
		json_tokener_free(tok);
		json_object_put(root);
		return -EINVAL;
	}
	json_tokener_free(tok);
	while (end < len && strchr(" \t\r\n", text[end]))
		end++;
	if (end < len) {
		jpos_linecol(text, end, &line, &col);
		snprintf(p->err, sizeof(p->err), "%s:%d:%d: text after the policy", file, line, col);
		json_object_put(root);
		return -EINVAL;
	}
	rc = jpos_build(&c.pos, text, len, MAX_DEPTH + 1);
	if (rc == -ENOMEM)
		goto out;
	if (rc) {
		snprintf(p->err, sizeof(p->err), "%s: cannot index the policy", file);
		goto out;
	}
	rc = _top(&c, root);
	if (rc == -ENOMEM)
		snprintf(p->err, sizeof(p->err), "%s: out of memory", file);
out:
	jpos_free(&c.pos);
	json_object_put(root);
	return rc;
}

int policy_load(struct policy *p, const char *file)
{
	char *text = NULL, *nt;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd, rc;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(p->err, sizeof(p->err), "%s: %s", file, strerror(errno));
		return -EINVAL;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			nt = cap > MAX_TEXT * 2 ? NULL : realloc(text, cap);
			if (!nt) {
				snprintf(p->err, sizeof(p->err), "%s: too large", file);
				free(text);
				close(fd);
				return -EINVAL;
			}
			text = nt;
		}
		n = read(fd, text + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(p->err, sizeof(p->err), "%s: %s", file, strerror(errno));
			free(text);
			close(fd);
			return -EINVAL;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	rc = policy_parse(p, file, text ? text : "", len);
	free(text);
	return rc;
}
