/*
 * filter.h - the seccomp filter: which calls the kernel decides alone
 * (allow, deny, kill, from the policy's register-only rules) and which stop
 * in the supervisor.  Made by src/policy/compile.c (rules -> filter).
 */
#ifndef XLAT_FILTER_H
#define XLAT_FILTER_H

#include <stdbool.h>
#include <stdint.h>
#include <seccomp.h>

#include "policy.h"

/* A call that stops only when argument arg has a bit of bits set (one
   seccomp argument check per bit); bits 0: no condition.  The fake root
   needs open and openat only when they create. */
struct trap_if {
	int8_t arg;
	uint32_t bits;
};

/* Calls that must never be trapped with RET_TRACE: a tracee whose tracer
   is gone would get ENOSYS from them and spin, or could not die. */
bool filter_never_trap(const char *name);

/* Must (abi, id) stop in the supervisor for the policy to be applied in
   order?  True for return, trace, path conditions and errno maps, and for
   rules libseccomp could not keep in first-match order. */
bool filter_must_trap(const struct policy *pol, int abi, int id);
/* Does the filter let (abi, id) run, or trap it, whatever its arguments?
   (A call a tracer changed to id is checked by the filter again.) */
bool filter_passes(const struct policy *pol, int abi, int id);

/* Build a filter for x86_64 and x86 (int 0x80) in which the ids marked in
   trap[] (and, when trap_unknown, numbers the tables do not know) return
   SECCOMP_RET_TRACE, those of when[] (may be NULL) return it when their
   condition holds (or always, where the policy has its own verdict or
   conditions for the call), those of notify[] (may be NULL) return
   SECCOMP_RET_USER_NOTIF on x86_64 where the policy lets them run (else
   RET_TRACE; the listener answers them, notify.h), and every other call
   gets the policy's verdict (pol may be NULL: allow).  x32 numbers and unknown arches kill the
   process when the policy restricts anything; otherwise they pass, or
   stop when trap_unknown.
   NULL with errno set on failure. */
scmp_filter_ctx filter_build(const struct policy *pol, const bool *trap,
			     const struct trap_if *when, const bool *notify,
			     bool trap_unknown);

#endif
