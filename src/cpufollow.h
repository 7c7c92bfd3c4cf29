/*
 * cpufollow.h - the supervisor's own CPU affinity: follow the CPU of the
 * one traced thread, so that the two wake-ups of each ptrace stop (tracee
 * to supervisor, supervisor to tracee) stay on one CPU instead of crossing
 * to another, idle (on a VM: halted) one.  Only xlat's own affinity is
 * ever changed, never a tracee's: the command sees the affinity, nproc and
 * Cpus_allowed it would see natively.
 */
#ifndef XLAT_CPUFOLLOW_H
#define XLAT_CPUFOLLOW_H

#include <sys/types.h>

/* Remember xlat's affinity; following is off when it allows one CPU. */
void cpufollow_init(void);

/* tid stopped and is the only traced thread: now and then look up the CPU
   it ran on and move xlat there. */
void cpufollow_stop(pid_t tid);

/* More than one thread is traced: give xlat its whole affinity back, so
   the supervisor does not compete with one tracee for one CPU. */
void cpufollow_release(void);

#endif
