/*
 * internal.h - what the parts of the policy (src/policy/) share and the
 * rest of xlat does not see; the rest of xlat uses policy.h and filter.h.
 *
 * The parts, bottom up; each uses only what is listed beside it:
 *   model.c        the policy and its rules, names, queries,   tables, suggest.c
 *                  the security stance (policy_finish)
 *   socketcall.c   i386's socketcall: what it stands for       model, mem.c
 *   paths.c        path conditions: resolution, matching       model, mem.c
 *   json.c         JSON values, with positioned messages       model, jpos.c
 *   parse.c        the JSON grammar -> rules                   json.c, model, jpos.c
 *   shorthand.c    the command-line shorthands -> rules        model
 *   evaluate.c     rules x call -> verdict                     model, paths.c, socketcall.c
 *   compile.c      rules -> seccomp filter (filter.h)          model, socketcall.c, scratch.c
 */
#ifndef XLAT_POLICY_INTERNAL_H
#define XLAT_POLICY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "policy.h"
#include "suggest.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* A JSON path into buf; a cut one only costs a message its position. */
#define PATHF(buf, ...) pol_pathf(buf, sizeof(buf), __VA_ARGS__)

/* policy.h's table of action names, with its size for N(). */
extern const char *const pol_action_names[PA_TRACE + 1];

/* --- model.c ------------------------------------------------------------- */

void pol_pathf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A new rule at the end of p's list: selects nothing, for both ABIs,
   denies with EPERM.  NULL when out of memory. */
struct pol_rule *pol_new_rule(struct policy *p);

/* An errno name ("EPERM") to its number; 0 when unknown. */
int pol_errno_value(const char *name);
/* Mark the ids one selector names: a syscall, %class or "*".
   0, or -ENOENT with a suggestion in sg. */
int pol_select(const char *tok, bool *ids, bool *named, struct suggest *sg);
/* A number in text: decimal, 0x hex or 0 octal, optionally negative.
   0, -EINVAL or -ERANGE. */
int pol_number(const char *s, size_t len, bool *neg, uint64_t *v);
/* Offer every errno name to sg. */
void pol_sugg_errno(struct suggest *sg);
/* " (did you mean X?)" or "". */
const char *pol_dym(const struct suggest *sg, char *buf, size_t n);

/* --- socketcall.c -------------------------------------------------------- */

/* The id of the call an i386 socketcall stands for, with its arguments
   (read from tid) in inner[]; -1 when it stands for none. */
int pol_unmux_socketcall(pid_t tid, const uint64_t args[6], uint64_t inner[6]);

/* --- paths.c ------------------------------------------------------------- */

/* Do the path conditions of r hold for call id with args in tid? */
bool pol_paths_hold(const struct pol_rule *r, pid_t tid, int id, const uint64_t args[6],
		    const char *const guest[6]);

#endif
