/*
 * model.c - the policy's rule model, the small core the other parts of
 * src/policy/ build on: a policy and its rules (init, free, a new rule),
 * the names rules are made of (syscall sets, errnos, numbers, "did you
 * mean"), the queries on rules that parse, evaluate and compile share, and
 * policy_finish: the implicit rules of the security stance (DESIGN.md §8)
 * and the numbering of the user's rules.  It uses only the tables and
 * suggest.c.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "suggest.h"
#include "tables/sysent.h"

const char *const pol_action_names[] = {
	[PA_ALLOW] = "allow", [PA_DENY] = "deny", [PA_KILL] = "kill",
	[PA_RETURN] = "return", [PA_TRACE] = "trace",
};

const char *const pol_uts_names[UTS_FIELDS] = {
	"sysname", "nodename", "release", "version", "machine", "domainname",
};

static const char *const _class_names[] = {
	"file", "desc", "network", "process", "memory", "signal", "ipc", "creds",
	"clock", "stat", "lstat", "fstat", "statfs", "fstatfs", "pure",
};

void pol_pathf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

/* --- the policy and its rules -------------------------------------------- */

void policy_init(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	p->def = PA_ALLOW;
	p->def_err = EPERM;
}

void policy_free(struct policy *p)
{
	int i, k;

	for (i = 0; i < p->nrules; i++) {
		struct pol_rule *r = &p->rules[i];

		free(r->ids);
		free(r->named);
		for (k = 0; k < r->nconds; k++)
			free(r->conds[k].name);
		free(r->conds);
		for (k = 0; k < r->npaths; k++)
			free(r->paths[k].pattern);
		free(r->paths);
		free(r->map);
	}
	free(p->rules);
	free(p->map);
	for (i = 0; i < UTS_FIELDS; i++)
		free(p->uts[i]);
	free(p->fake_root_load);
	free(p->fake_root_save);
	path_view_free(&p->view);
	policy_init(p);
}

struct pol_rule *pol_new_rule(struct policy *p)
{
	struct pol_rule *r = realloc(p->rules, (p->nrules + 1) * sizeof(*r));

	if (!r)
		return NULL;
	p->rules = r;
	r = &p->rules[p->nrules];
	memset(r, 0, sizeof(*r));
	r->ids = calloc(sysent_count ? sysent_count : 1, sizeof(bool));
	r->named = calloc(sysent_count ? sysent_count : 1, sizeof(bool));
	if (!r->ids || !r->named) {
		free(r->ids);
		free(r->named);
		return NULL;
	}
	r->abi = -1;
	r->err = EPERM;
	p->nrules++;
	return r;
}

/* --- names --------------------------------------------------------------- */

void pol_sugg_errno(struct suggest *sg)
{
	const struct xlat_table *t = &xlat_tables[XT_errno];
	unsigned int i;

	for (i = 0; i < t->count; i++)
		suggest_offer(sg, t->entries[i].name);
}

static void _sugg_syscall(struct suggest *sg)
{
	unsigned int i;

	for (i = 0; i < sysent_count; i++)
		suggest_offer(sg, sysent_table[i].name);
}

/* " (did you mean X?)" or "". */
const char *pol_dym(const struct suggest *sg, char *buf, size_t n)
{
	const char *r = suggest_result(sg);

	if (!r)
		return "";
	snprintf(buf, n, " (did you mean %s?)", r);
	return buf;
}

/* An errno name ("EPERM") to its number; 0 when unknown. */
int pol_errno_value(const char *name)
{
	uint64_t v;

	if (xlat_value(XT_errno, name, &v) == 0 && v > 0 && v < POL_ERRNO_MAX)
		return (int)v;
	return 0;
}

/* Mark the ids one selector names: a syscall, %class or "*".
   0, or -ENOENT with a suggestion in sg. */
int pol_select(const char *tok, bool *ids, bool *named, struct suggest *sg)
{
	unsigned int i, n = 0;
	uint32_t cls;

	if (strcmp(tok, "*") == 0) {
		for (i = 0; i < sysent_count; i++)
			ids[i] = true;
		return 0;
	}
	if (tok[0] == '%') {
		cls = sysclass_parse(tok + 1);
		if (!cls) {
			suggest_begin(sg, tok + 1);
			for (i = 0; i < N(_class_names); i++)
				suggest_offer(sg, _class_names[i]);
			return -ENOENT;
		}
		for (i = 0; i < sysent_count; i++)
			if (sysent_table[i].classes & cls)
				ids[i] = true;
		return 0;
	}
	for (i = 0; i < sysent_count; i++) {
		if (strcmp(sysent_table[i].name, tok) == 0) {
			ids[i] = named[i] = true;
			n++;
		}
	}
	if (n)
		return 0;
	suggest_begin(sg, tok);
	_sugg_syscall(sg);
	return -ENOENT;
}

/* A number in text: decimal, 0x hex or 0 octal, optionally negative.
   0, -EINVAL or -ERANGE. */
int pol_number(const char *s, size_t len, bool *neg, uint64_t *v)
{
	char buf[64], *end;

	if (len == 0 || len >= sizeof(buf))
		return len ? -ERANGE : -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*neg = buf[0] == '-';
	errno = 0;
	*v = strtoull(buf + *neg, &end, 0);
	if (end == buf + *neg || *end || buf[*neg] == '-' || buf[*neg] == '+')
		return -EINVAL;
	if (errno == ERANGE || (*neg && *v > (uint64_t)INT64_MAX + 1))
		return -ERANGE;
	if (*neg)
		*v = -*v;
	return 0;
}

/* --- queries ------------------------------------------------------------- */

bool policy_selects(const struct pol_rule *r, int abi, int id)
{
	return id >= 0 && r->ids[id] && (r->abi < 0 || r->abi == abi);
}

bool policy_arg32(int abi, int id, int i)
{
	if (abi == ABI_I386)
		return sysent_table[id].args[i].nregs == 1;
	switch (sysent_table[id].args[i].kind) {
	case AK_int: case AK_uint: case AK_fd: case AK_dirfd: case AK_pid:
	case AK_uid: case AK_gid: case AK_uid16: case AK_gid16: case AK_signo:
	case AK_mode: case AK_umode: case AK_clockid: case AK_flags: case AK_enum:
		return true;
	default:
		return false;
	}
}

int policy_cond_arg(const struct pol_argcond *c, int id)
{
	const struct sysent *se = &sysent_table[id];
	int i;

	if (!c->name)
		return c->index < se->nargs ? c->index : -1;
	for (i = 0; i < se->nargs; i++)
		if (strcmp(se->args[i].name, c->name) == 0)
			return i;
	return -1;
}

bool policy_active(const struct policy *p)
{
	int i;

	if (p->def != PA_ALLOW)
		return true;
	for (i = 0; i < p->nrules; i++)
		if (!p->rules[i].implicit && p->rules[i].action != PA_ALLOW &&
		    p->rules[i].action != PA_TRACE)
			return true;
	return false;
}

bool policy_reads_paths(const struct policy *p, int abi, int id)
{
	int i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].npaths && policy_selects(&p->rules[i], abi, id))
			return true;
	return false;
}

bool policy_has_paths(const struct policy *p)
{
	int i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].npaths)
			return true;
	return false;
}

/* --- the security stance ------------------------------------------------- */

static bool _named_anywhere(const struct policy *p, const char *name)
{
	unsigned int id;
	int i;

	for (i = 0; i < p->nrules; i++)
		for (id = 0; id < sysent_count; id++)
			if (p->rules[i].named[id] && strcmp(sysent_table[id].name, name) == 0)
				return true;
	return false;
}

/* Put an implicit rule first: name, optional masked condition, deny e. */
static int _implicit(struct policy *p, const char *name, const char *arg, uint64_t mask, int e)
{
	struct pol_rule r, *nr;
	struct suggest sg;
	int n = p->nrules;

	if (!pol_new_rule(p))
		return -ENOMEM;
	r = p->rules[n];
	if (pol_select(name, r.ids, r.named, &sg)) {
		/* A name this table lacks: nothing to guard. */
		free(r.ids);
		free(r.named);
		p->nrules--;
		return 0;
	}
	memset(r.named, 0, sysent_count * sizeof(bool));
	r.action = PA_DENY;
	r.err = e;
	r.implicit = true;
	if (arg) {
		r.conds = calloc(1, sizeof(*r.conds));
		if (!r.conds || !(r.conds[0].name = strdup(arg)))
			return -ENOMEM;
		r.conds[0].op = PO_MASKED_EQ;
		r.conds[0].mask = mask;
		r.conds[0].value = mask;
		r.nconds = 1;
	}
	nr = p->rules;
	memmove(nr + 1, nr, n * sizeof(*nr));
	nr[0] = r;
	return 0;
}

static void _number_rules(struct policy *p)
{
	int i, n = 0;

	for (i = 0; i < p->nrules; i++)
		p->rules[i].number = p->rules[i].implicit ? -1 : n++;
}

#define X_CLONE_UNTRACED 0x00800000
#define X_SECCOMP_FILTER_FLAG_NEW_LISTENER 8

int policy_finish(struct policy *p)
{
	static const char *const uring[] = {
		"io_uring_setup", "io_uring_enter", "io_uring_register",
	};
	unsigned int i;
	int rc;

	/* A CLONE_UNTRACED child would run outside the supervisor. */
	rc = _implicit(p, "clone", "clone_flags", X_CLONE_UNTRACED, EPERM);
	if (rc || !policy_active(p))
		goto out;
	/* clone3's flags are in memory, out of the filter's sight: ENOSYS
	   makes libc fall back to clone, whose flags it can see. */
	if (!_named_anywhere(p, "clone3"))
		rc = _implicit(p, "clone3", NULL, 0, ENOSYS);
	/* io_uring performs I/O that no syscall stop sees. */
	if (!rc && !_named_anywhere(p, "io_uring_setup"))
		for (i = 0; !rc && i < N(uring); i++)
			rc = _implicit(p, uring[i], NULL, 0, ENOSYS);
	/* Another tracer, or writes into other processes' memory, would
	   undo the supervisor's decisions. */
	if (!rc && !_named_anywhere(p, "ptrace"))
		rc = _implicit(p, "ptrace", NULL, 0, EPERM);
	if (!rc && !_named_anywhere(p, "process_vm_writev"))
		rc = _implicit(p, "process_vm_writev", NULL, 0, EPERM);
	/* A user-notification filter's verdict takes precedence over
	   RET_TRACE: the tracee could answer its own calls. */
	if (!rc)
		rc = _implicit(p, "seccomp", "flags", X_SECCOMP_FILTER_FLAG_NEW_LISTENER, EPERM);
out:
	_number_rules(p);
	return rc;
}
