/*
 * stopwait.h - wait for the next stop of any tracee.
 *
 * A ptrace stop is a hand-off between the tracee and the supervisor.  On a
 * VM whose idle vCPUs halt, a wake-up that crosses to the other, halted
 * vCPU costs tens of microseconds, far more than the work of the stop.
 * The supervisor therefore sleeps in a blocking waitpid (it never spins:
 * a spinning supervisor keeps its own CPU busy, so the scheduler wakes the
 * tracee on the other, halted one), and while a single thread is traced
 * it follows that thread's CPU with its own affinity (cpufollow.h), so
 * that both wake-ups of a stop stay on one CPU.
 */
#ifndef XLAT_STOPWAIT_H
#define XLAT_STOPWAIT_H

#include <stdbool.h>
#include <sys/types.h>

/* Remember the supervisor's own CPU affinity, to give it back. */
void stopwait_init(void);

/* As waitpid(-1, status, __WALL): the tid, or -1 with errno (EINTR when a
   signal of xlat's arrived while it slept, ECHILD).  single: only one
   thread is traced (the caller's count), so following its CPU keeps the
   hand-offs on one CPU and takes no CPU another tracee wants. */
pid_t stopwait_next(int *status, bool single);

#endif
