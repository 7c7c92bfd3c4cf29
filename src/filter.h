/*
 * filter.h - the seccomp filter: which calls stop in the supervisor.
 */
#ifndef XLAT_FILTER_H
#define XLAT_FILTER_H

#include <stdbool.h>
#include <seccomp.h>

/* Calls that must never be trapped with RET_TRACE: a tracee whose tracer
   is gone would get ENOSYS from them and spin, or could not die. */
bool filter_never_trap(const char *name);

/* Build a filter for x86_64 and x86 (int 0x80) in which the ids marked in
   trap[] (and, when trap_unknown, numbers the tables do not know) return
   SECCOMP_RET_TRACE and everything else is allowed; x32 and unknown arches
   kill the process.  NULL with errno set on failure. */
scmp_filter_ctx filter_build(const bool *trap, bool trap_unknown);

#endif
