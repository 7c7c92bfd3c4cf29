/*
 * session.h - what one run of xlat knows about itself: the options, the
 * selection of recorded calls, the policy, the trap set, the command's
 * fate and the counts of the end record.  Filled by main, read by the
 * event loop and the per-call pipeline.
 */
#ifndef XLAT_SESSION_H
#define XLAT_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "options.h"
#include "policy.h"
#include "select.h"

struct trap_if;

struct attached;

struct counts {
	uint64_t syscalls;	/* syscall records written */
	uint64_t stops;		/* syscall stops: seccomp, entry, exit */
	uint64_t events;	/* other ptrace stops */
	uint64_t processes;	/* thread groups seen */
	uint64_t threads;	/* threads seen */
	uint64_t signals;	/* signals delivered */
};

struct session {
	const struct options *opt;
	struct selection sel;	/* calls to record */
	bool *trap;		/* by id: calls that stop at entry */
	struct trap_if *trap_if;	/* by id: ... when an argument says so */
	bool *notify;		/* by id: answered by the listener (notify.h) */
	const struct policy *pol;	/* NULL: no policy */
	struct learn *learn;	/* --learn: every call is observed */
	bool record;		/* the trace is on */
	bool seccomp;		/* a filter decides which calls stop */
	pid_t main_pid;
	int main_status;	/* wait status of the command */
	bool main_done;
	int stop_pending;	/* a terminal stop signal xlat has yet to follow */
	bool term_sent;		/* the command's leftovers got SIGTERM/SIGHUP */
	/* -p: the threads seized, and whether xlat let them go. */
	const struct attached *threads;
	int nthreads;
	bool detaching, detached;
	struct counts n;
};

#endif
