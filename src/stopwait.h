/*
 * stopwait.h - wait for the next stop of any tracee.
 *
 * A ptrace stop is a hand-off between two CPUs: the tracee sleeps, the
 * supervisor wakes, and back.  On a machine (or VM) whose idle CPUs sleep
 * deeply, the wake-up costs more than the work of the stop.  While stops
 * come quickly, the supervisor therefore polls for a short while before it
 * sleeps in waitpid, so that it is awake when the next stop arrives; as soon
 * as a stop takes longer than that, it sleeps right away again.
 */
#ifndef XLAT_STOPWAIT_H
#define XLAT_STOPWAIT_H

#include <stdbool.h>
#include <sys/types.h>

/* Decide whether polling can help at all (it cannot on one CPU). */
void stopwait_init(void);

/* As waitpid(-1, status, __WALL): the tid, or -1 with errno (EINTR when a
   signal of xlat's arrived while it polled or slept, ECHILD).  may_poll:
   polling would take no CPU a tracee wants (the caller's estimate). */
pid_t stopwait_next(int *status, bool may_poll);

#endif
