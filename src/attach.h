/*
 * attach.h - seize running processes (-p PID), and let them go again.
 *
 * A process cannot be given a seccomp filter from outside, so attached
 * threads stop at every call (PTRACE_SYSCALL) and the supervisor applies
 * the selection and the policy itself.
 */
#ifndef XLAT_ATTACH_H
#define XLAT_ATTACH_H

#include <stddef.h>
#include <sys/types.h>

/* The threads seized: tid and thread group. */
struct attached {
	pid_t tid, pid;
};

/* PTRACE_SEIZE every thread of each of the n processes (all of
   /proc/PID/task, again until no new one shows up) with the ptrace
   options, and interrupt each so that it stops.  0 with the threads in
   *out (malloc'd, *nout of them), or -errno with a message naming the
   cause in err (nothing is left attached). */
int attach_seize(const pid_t *pids, int n, unsigned long options,
		 struct attached **out, int *nout, char *err, size_t errlen);

#endif
