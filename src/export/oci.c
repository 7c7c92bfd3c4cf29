/*
 * oci.c - the OCI seccomp profile of a policy: defaultAction and
 * defaultErrnoRet from the default, architectures, and syscalls[] entries
 * (names, action, errnoRet, args) from the rules in order.  The format
 * has no rule order, no ABI per rule, no paths, no errno maps and no
 * emulation: what it cannot say is dropped towards allowing (the profile
 * allows at least what the policy does), listed in the warnings and in the
 * profile's "comment".  Names are written as the tables spell them, which
 * are libseccomp's: a runtime resolves each on each architecture (i386-only
 * calls such as socketcall reach the x86 filter; names its libseccomp does
 * not know are skipped by the runtime and get the default action).  It uses
 * the policy parser (policy.h), the tables, libseccomp for names and json-c.
 */
#include "config.h"

#include <errno.h>
#include <json.h>
#include <stdarg.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/oci.h"
#include "filter.h"
#include "policy.h"
#include "tables/sysent.h"

static const char *const _ops[] = {
	[PO_EQ] = "SCMP_CMP_EQ", [PO_NE] = "SCMP_CMP_NE", [PO_LT] = "SCMP_CMP_LT",
	[PO_LE] = "SCMP_CMP_LE", [PO_GT] = "SCMP_CMP_GT", [PO_GE] = "SCMP_CMP_GE",
	[PO_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

/* Calls the runtime itself needs after it loads the profile (execve of the
   command), and those a policy's default never reaches (DESIGN.md §1). */
static const char *const _always[] = {
	"execve", "exit", "exit_group", "rt_sigreturn", "sigreturn", "restart_syscall",
};

struct ex {
	json_object *calls;
	bool *decided;		/* by id: an unconditional entry came first */
	int *cond_act;		/* by id: 0, or 1 + the action of a conditional entry */
	char *warn;
	size_t nwarn;
};

static void _warn(struct ex *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void _warn(struct ex *x, const char *fmt, ...)
{
	size_t len = strlen(x->warn);
	va_list ap;

	if (len + 2 >= x->nwarn)
		return;
	va_start(ap, fmt);
	vsnprintf(x->warn + len, x->nwarn - len - 1, fmt, ap);
	va_end(ap);
	strcat(x->warn, "\n");
}

static void _action(json_object *o, enum pol_action a, int err)
{
	json_object_object_add(o, "action", json_object_new_string(
		a == PA_DENY ? "SCMP_ACT_ERRNO" : a == PA_KILL ? "SCMP_ACT_KILL_PROCESS" :
		"SCMP_ACT_ALLOW"));
	if (a == PA_DENY)
		json_object_object_add(o, "errnoRet", json_object_new_int(err));
}

static json_object *_entry(json_object *names, enum pol_action a, int err)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "names", names);
	_action(o, a, err);
	return o;
}

static void _rule(struct ex *x, const struct policy *p, int no)
{
	const struct pol_rule *r = &p->rules[no];
	enum pol_action a = r->action;
	json_object *names = NULL, *o, *args, *arg;
	int err = r->err, k, ai, abi;
	unsigned int id;
	bool sel;

	if (a == PA_TRACE)
		a = PA_ALLOW;
	if (a == PA_RETURN) {
		if (r->value >= -4095 && r->value <= -1) {
			a = PA_DENY;
			err = (int)-r->value;
		} else {
			_warn(x, "rule %d: \"return\" %lld cannot be said: allowed instead",
			      no, (long long)r->value);
			a = PA_ALLOW;
		}
	}
	if (r->npaths && a != PA_ALLOW) {
		_warn(x, "rule %d: a %s on paths cannot be said: left out", no, pol_action_names[r->action]);
		return;
	}
	if (r->npaths)
		_warn(x, "rule %d: path conditions dropped: allowed for any path", no);
	if (r->abi >= 0)
		_warn(x, "rule %d: \"abi\": \"%s\" dropped: applies to both x86_64 and i386",
		      no, abi_names[r->abi]);
	if (r->nmap)
		_warn(x, "rule %d: \"errno_map\" dropped", no);
	for (id = 0; id < sysent_count; id++) {
		for (sel = false, abi = 0; abi < ABI_COUNT; abi++)
			sel |= policy_selects(r, abi, id) && sysent_nr(abi, id) >= 0;
		if (!sel || x->decided[id])
			continue;
		if (!r->named[id] && filter_never_trap(sysent_table[id].name))
			continue;
		if (x->cond_act[id] && x->cond_act[id] != 1 + (int)a)
			_warn(x, "rule %d: %s has rules with different actions, whose order "
			      "the profile does not keep", no, sysent_table[id].name);
		if (seccomp_syscall_resolve_name(sysent_table[id].name) == __NR_SCMP_ERROR)
			_warn(x, "%s: unknown to libseccomp %u.%u.%u: a runtime built with it skips the "
			      "name, and the call gets the default action", sysent_table[id].name,
			      seccomp_version()->major, seccomp_version()->minor, seccomp_version()->micro);
		if (!r->nconds) {
			x->decided[id] = true;
			if (!names)
				names = json_object_new_array();
			json_object_array_add(names, json_object_new_string(sysent_table[id].name));
			continue;
		}
		/* Conditions: one entry per call, since an argument's index
		   may differ from call to call. */
		x->cond_act[id] = 1 + (int)a;
		args = json_object_new_array();
		for (k = 0; k < r->nconds; k++) {
			const struct pol_argcond *c = &r->conds[k];

			ai = policy_cond_arg(c, id);
			arg = json_object_new_object();
			json_object_object_add(arg, "index", json_object_new_int(ai));
			json_object_object_add(arg, "value", json_object_new_uint64(
				c->op == PO_MASKED_EQ ? c->mask : c->value));
			json_object_object_add(arg, "valueTwo", json_object_new_uint64(
				c->op == PO_MASKED_EQ ? c->value : 0));
			json_object_object_add(arg, "op", json_object_new_string(_ops[c->op]));
			json_object_array_add(args, arg);
		}
		o = json_object_new_array();
		json_object_array_add(o, json_object_new_string(sysent_table[id].name));
		o = _entry(o, a, err);
		json_object_object_add(o, "args", args);
		json_object_array_add(x->calls, o);
	}
	if (names)
		json_object_array_add(x->calls, _entry(names, a, err));
}

static int _write(const char *out, const char *text, char *err, size_t n)
{
	char tmp[4096];
	mode_t um;
	FILE *f;
	int fd, rc = 0;

	if (!out || strcmp(out, "-") == 0) {
		if (fputs(text, stdout) == EOF || fflush(stdout) == EOF) {
			snprintf(err, n, "cannot write the profile: %s", strerror(errno));
			return -EIO;
		}
		return 0;
	}
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", out);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, n, "cannot write the profile '%s': %s", out, strerror(errno));
		return rc;
	}
	um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	f = fdopen(fd, "w");
	if (!f || fputs(text, f) == EOF)
		rc = -errno ? -errno : -EIO;
	if (f && fclose(f) && !rc)
		rc = -errno;
	else if (!f)
		close(fd);
	if (!rc && rename(tmp, out) < 0)
		rc = -errno;
	if (rc) {
		snprintf(err, n, "cannot write the profile '%s': %s", out, strerror(-rc));
		unlink(tmp);
	}
	return rc;
}

int export_oci(const char *file, const char *out, char *warn, size_t nwarn,
	       char *err, size_t nerr)
{
	struct ex x = { .warn = warn, .nwarn = nwarn };
	static struct policy p;
	json_object *root, *arches, *names = NULL;
	unsigned int i, id;
	int rc;

	warn[0] = '\0';
	policy_init(&p);
	rc = policy_load(&p, file);
	if (rc) {
		snprintf(err, nerr, "%s", p.err);
		policy_free(&p);
		return -EINVAL;
	}
	x.decided = calloc(sysent_count, sizeof(*x.decided));
	x.cond_act = calloc(sysent_count, sizeof(*x.cond_act));
	if (!x.decided || !x.cond_act) {
		snprintf(err, nerr, "out of memory");
		rc = -ENOMEM;
		goto out;
	}
	root = json_object_new_object();
	_action(root, p.def, p.def_err);
	json_object_object_add(root, "defaultAction", json_object_get(
		json_object_object_get(root, "action")));
	json_object_object_del(root, "action");
	if (p.def == PA_DENY) {
		json_object_object_add(root, "defaultErrnoRet", json_object_get(
			json_object_object_get(root, "errnoRet")));
		json_object_object_del(root, "errnoRet");
	}
	arches = json_object_new_array();
	json_object_array_add(arches, json_object_new_string("SCMP_ARCH_X86_64"));
	json_object_array_add(arches, json_object_new_string("SCMP_ARCH_X86"));
	/* xlat kills x32 calls whenever a policy restricts anything. */
	if (!policy_active(&p))
		json_object_array_add(arches, json_object_new_string("SCMP_ARCH_X32"));
	json_object_object_add(root, "architectures", arches);
	x.calls = json_object_new_array();
	for (i = 0; i < (unsigned int)p.nrules; i++)
		_rule(&x, &p, i);
	if (p.def != PA_ALLOW) {
		for (i = 0; i < sizeof(_always) / sizeof(_always[0]); i++) {
			for (id = 0; id < sysent_count; id++)
				if (strcmp(sysent_table[id].name, _always[i]) == 0 && !x.decided[id] &&
				    !x.cond_act[id])
					break;
			if (id == sysent_count)
				continue;
			if (!names)
				names = json_object_new_array();
			json_object_array_add(names, json_object_new_string(_always[i]));
		}
		if (names) {
			json_object_array_add(x.calls, _entry(names, PA_ALLOW, 0));
			_warn(&x, "allowed for the runtime and for every process to end, as "
			      "under xlat: execve (any program), exit, exit_group, "
			      "rt_sigreturn, sigreturn, restart_syscall");
		}
	}
	if (p.nmap)
		_warn(&x, "the global \"errno_map\" dropped");
	for (i = 0; i < UTS_FIELDS; i++)
		if (p.uts[i])
			_warn(&x, "\"uname\" %s dropped", pol_uts_names[i]);
	json_object_object_add(root, "syscalls", x.calls);
	{
		size_t len = strlen(warn) + strlen(file) + 200;
		char *head = malloc(len);

		if (head && *warn)
			snprintf(head, len, "exported by xlat " PACKAGE_VERSION " from %s; what the "
				 "profile cannot say errs towards allowing:\n%s", file, warn);
		else if (head)
			snprintf(head, len, "exported by xlat " PACKAGE_VERSION " from %s: "
				 "nothing dropped", file);
		json_object_object_add(root, "comment", json_object_new_string(head ? head : ""));
		free(head);
	}
	rc = _write(out, json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
		JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE), err, nerr);
	json_object_put(root);
out:
	free(x.decided);
	free(x.cond_act);
	policy_free(&p);
	return rc;
}
