/*
 * cpushare.h - one CPU for the supervisor and a lone tracee.
 *
 * A ptrace stop hands the CPU from the tracee to the supervisor and back.
 * Left to the scheduler, the two land on different CPUs, and each hand-off
 * wakes a sleeping CPU: on a VM that costs more than all the work of the
 * stop.  While the traced tree is a single thread making calls in quick
 * succession, xlat therefore binds that thread and its own main thread to
 * the CPU the thread last ran on, and gives the thread its own affinity
 * back as soon as it has company (fork, clone, another tracee), every
 * REPICK interval (so the scheduler may choose another CPU), and for good
 * when the program sets an affinity of its own or, bound, opens a file
 * named "status" (/proc/self/status shows Cpus_allowed); a thread that
 * holds a status file of /proc open is never bound.  What the program asks
 * of its own affinity, sched_getaffinity, is answered with the mask it
 * had (translate/affinity.c).
 */
#ifndef XLAT_CPUSHARE_H
#define XLAT_CPUSHARE_H

#include <stdbool.h>
#include <sys/types.h>

/* Whether sharing may happen in this run: the caller says whether every
   open of the command stops (so that a "status" file is seen before it is
   read).  Sharing needs two CPUs or more. */
void cpushare_init(bool opens_stop);
bool cpushare_enabled(void);

/* A syscall stop of tid, about to be resumed; alone: it is the only
   thread traced.  Binds or lets go as described above. */
void cpushare_stop(pid_t tid, bool alone);
/* SIGALRM came: a thread bound for long enough is let go. */
void cpushare_tick(void);
/* The tracee is about to get company (a fork or clone of it) or left:
   it gets its own affinity back, and so does the child. */
void cpushare_release(void);
void cpushare_spawn(pid_t child);
void cpushare_gone(pid_t tid);
/* Not at this stop: the call about to run may open a status file. */
void cpushare_not_now(void);
/* No more sharing in this run (the program handles affinity itself). */
void cpushare_end(void);
/* Whether the supervisor is bound with a tracee now (a poll for its
   stop would keep it from running). */
bool cpushare_bound(void);

/* The command's own affinity mask, as the kernel gives it: up to len
   bytes at buf; the count written. */
size_t cpushare_mask(void *buf, size_t len);

#endif
