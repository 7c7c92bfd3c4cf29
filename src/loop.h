/*
 * loop.h - the ptrace event loop: one waitpid(-1, __WALL) loop that
 * classifies each stop and acts on it, until no tracee is left.
 */
#ifndef XLAT_LOOP_H
#define XLAT_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "options.h"
#include "policy.h"
#include "select.h"

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
	const struct policy *pol;	/* NULL: no policy */
	bool record;		/* the trace is on */
	bool seccomp;		/* a filter decides which calls stop */
	pid_t main_pid;
	int main_status;	/* wait status of the command */
	bool main_done;
	int stop_pending;	/* a terminal stop signal xlat has yet to follow */
	bool term_sent;		/* the command's leftovers got SIGTERM/SIGHUP */
	struct counts n;
};

/* The ptrace options every tracee gets; exit_events when exit or
   exit_group is recorded or counted. */
unsigned long loop_ptrace_options(bool exit_events);
/* Run until every tracee is gone; 0 or -errno. */
int loop_run(struct session *s);

#endif
