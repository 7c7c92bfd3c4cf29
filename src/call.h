/*
 * call.h - the per-call pipeline (DESIGN.md §1): what happens to a system
 * call at its stops, from reading it to its record.  The event loop
 * classifies stops and hands every syscall stop here; the pipeline tells
 * it how to go on.
 */
#ifndef XLAT_CALL_H
#define XLAT_CALL_H

#include <stdbool.h>
#include <stdint.h>

#include "session.h"
#include "tracee.h"

/* What the loop does after the pipeline handled a stop. */
enum call_next {
	CALL_RESUME,		/* resume the thread (t->in_syscall says how) */
	CALL_LEFT,		/* leave it: it was killed, or already resumed */
	CALL_RESTOPPED,		/* another stop of the thread came instead:
				   handle its status as a new stop */
};

/* A syscall stop (seccomp, entry or exit) of t.  *status is set for
   CALL_RESTOPPED. */
enum call_next call_stop(struct session *s, struct tracee *t, int *status);

/* The thread leaves the call it is inside of without returning (killed,
   exec'd by another thread, gone): its record, with "ret": null. */
void call_unfinished(struct session *s, struct tracee *t);
/* A successful execve of t: past the exec event it can only return 0, so
   its record ends here and its exit stop is spared when nothing must see
   it.  Afterwards t->in_syscall says whether the exit stop is still due. */
void call_exec_done(struct session *s, struct tracee *t);
/* PTRACE_EVENT_EXIT of a thread that is not inside a traced call: the
   exit or exit_group it makes, recorded with "ret": null when selected. */
void call_exit_event(struct session *s, struct tracee *t);

#endif
