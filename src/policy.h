/*
 * policy.h - the sandbox policy: a default action and an ordered list of
 * rules, first match wins (DESIGN.md §6).  The API of src/policy/: rules
 * on the rule model (model.c), built from JSON (parse.c, json.c; json-c)
 * and from the command-line shorthands (shorthand.c), evaluated for
 * trapped calls (evaluate.c, paths.c, socketcall.c) and compiled into the
 * seccomp filter (compile.c, whose API is filter.h).
 */
#ifndef XLAT_POLICY_H
#define XLAT_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "path.h"

enum pol_action { PA_ALLOW, PA_DENY, PA_KILL, PA_RETURN, PA_TRACE };
enum pol_op { PO_EQ, PO_NE, PO_LT, PO_LE, PO_GT, PO_GE, PO_MASKED_EQ };
enum pol_pathop { PP_EXACT, PP_PREFIX, PP_GLOB };

extern const char *const pol_action_names[];

/* A condition on a register argument, by the kernel's parameter name
   (resolved per call) or by index. */
struct pol_argcond {
	char *name;		/* NULL: by index */
	int index;
	enum pol_op op;
	uint64_t value;
	uint64_t mask;		/* PO_MASKED_EQ */
};

struct pol_pathcond {
	enum pol_pathop op;
	char *pattern;
};

#define POL_ERRNO_MAX 4096

struct pol_errmap {
	uint16_t from, to;
};

struct pol_rule {
	bool *ids;		/* by neutral id: the calls it selects */
	bool *named;		/* by id: selected by name, not by class or "*" */
	int abi;		/* enum abi, or -1 for both */
	struct pol_argcond *conds;
	int nconds;
	struct pol_pathcond *paths;	/* any of them matches */
	int npaths;
	enum pol_action action;
	int err;		/* PA_DENY */
	int64_t value;		/* PA_RETURN */
	struct pol_errmap *map;
	int nmap;
	bool implicit;		/* added by xlat (security stance), not the user */
	int number;		/* its index among the user's rules, -1 if implicit */
};

#define UTS_FIELDS 6
extern const char *const pol_uts_names[UTS_FIELDS];

struct policy {
	enum pol_action def;	/* PA_ALLOW, PA_DENY or PA_KILL */
	int def_err;
	struct pol_rule *rules;
	int nrules;
	struct pol_errmap *map;	/* global errno map */
	int nmap;
	char *uts[UTS_FIELDS];	/* uname fields to fake, NULL: keep */
	bool fake_root;		/* -0: the identity translator is on */
	char *fake_root_load;	/* its database: read at the start, or NULL */
	char *fake_root_save;	/* and written at the end, or NULL */
	struct path_view view;	/* -r/-b: the guest's view; empty: the host's */
	char err[1024];		/* the message of the last error */
};

void policy_init(struct policy *p);
void policy_free(struct policy *p);

/* Add the rules of a JSON text (named file, for messages) to p; its
   "default" replaces p's.  0, or -EINVAL with p->err set to
   "FILE:LINE:COL: message". */
int policy_parse(struct policy *p, const char *file, const char *text, size_t len);
int policy_load(struct policy *p, const char *file);

/* The shorthands: --deny=SET[:ERRNO], --kill=SET, --return=SET:VALUE,
   --map-errno=FROM:TO, --default=ACTION[:ERRNO], --uname=FIELD=VALUE,
   and --fake-root (any arg), --fake-root-load=FILE, --fake-root-save=FILE.
   0 or -EINVAL with p->err set. */
int policy_shorthand(struct policy *p, const char *opt, const char *arg);

/* Add the rules the security stance needs (DESIGN.md §8) once every
   user rule is in.  0 or -ENOMEM. */
int policy_finish(struct policy *p);

/* True when the policy can change what a call does. */
bool policy_active(const struct policy *p);

/* Does rule r select (abi, id)? */
bool policy_selects(const struct pol_rule *r, int abi, int id);
/* Is argument i of id 32 bits wide (compared on its low 32 bits)? */
bool policy_arg32(int abi, int id, int i);
/* The argument index of a condition for call id, or -1 when id lacks it. */
int policy_cond_arg(const struct pol_argcond *c, int id);

/* The rule deciding a call, in order: its index, or -1 for the default.
   Path conditions match guest[i], the resolved path of logical argument
   i, where the caller resolved it (under -r: the guest's path); else path
   arguments are read from tid's memory and resolved here. */
int policy_decide(const struct policy *p, pid_t tid, int abi, int id, const uint64_t args[6],
		  const char *const guest[6]);
/* i386 socketcall: does any rule other than a plain allow (or the
   default) concern a call it multiplexes?  Then socketcall is trapped and
   decided by the rules of the call it stands for. */
bool policy_socketcall_selected(const struct policy *p);
/* The id of a socket call by name, preferring the one i386 has. */
int policy_socketcall_id(const char *name);

/* Does a rule with path conditions select (abi, id)?  Does any rule
   have path conditions? */
bool policy_reads_paths(const struct policy *p, int abi, int id);
bool policy_has_paths(const struct policy *p);
/* The absolute path the kernel would reach from (dirfd, path) in tid, as
   path conditions see it (dirfd is used when use_dirfd).  0 or -errno. */
int policy_resolve(pid_t tid, int dirfd, bool use_dirfd, const char *path,
		   char *out, size_t n);

/* The action and errno of rule (or the default for -1). */
enum pol_action policy_rule_action(const struct policy *p, int rule);
/* errno e after the map of rule (or the global one): the new errno. */
int policy_map_errno(const struct policy *p, int rule, int e);
/* Whether rule (or the global map) maps any errno. */
bool policy_has_map(const struct policy *p, int rule);

#endif
