/*
 * tracee.h - the table of traced threads, found by tid in O(1).
 */
#ifndef XLAT_TRACEE_H
#define XLAT_TRACEE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace.h"

/* The syscall a thread is inside of, between its entry and exit stops. */
struct cursys {
	int abi;		/* enum abi */
	long nr;		/* the number the kernel dispatches on */
	int64_t raw_nr;		/* as the program set it (the record's "nr") */
	bool x32;		/* an x32 call: named, arguments raw */
	int id;			/* neutral id, or -1 */
	uint64_t args[6];
	int64_t t0_us;		/* entry time */
	bool record;		/* a record is owed at exit */
	int rule;		/* the policy rule that decided it, -1: default */
	uint8_t action;		/* enum pol_action of the verdict */
	bool xlate_exit;	/* a translator wants its exit stop */
	const char *shown;	/* the record's "action" */
	uint8_t truncated;	/* bit i: argument i was cut at -s */
	/* Arguments decoded at entry, as JSON value texts in argbuf:
	   argoff[i]..argend[i]; argend[i] == 0 means decode at exit. */
	uint32_t argoff[6], argend[6];
	struct jbuf argbuf;
	/* Registers whose values were replaced (bit i: register i) by
	   pointers into the scratch area, and their former values. */
	uint8_t pinned;
	uint64_t orig[6];
	bool reopen;		/* to be made as openat2 if allowed */
	uint8_t xlated;		/* bit i: register i holds a translated path */
	uint32_t hostoff, hostend;	/* argbuf: the "host" object, or 0 */
	bool skipped;		/* never ran: its result came from the supervisor */
	bool uncache;		/* may rename or remove a directory: the path
				   resolver's cache is emptied at its exit too */
};

struct tracee {
	pid_t tid;
	pid_t pid;		/* thread group id */
	bool in_syscall;	/* between a traced entry and its exit stop */
	bool seen;		/* its first stop has arrived */
	bool group_stopped;	/* in a group-stop (PTRACE_LISTEN) */
	bool setup;		/* xlat's own child code before the first execve */
	bool has_parent;	/* its parent's fork/clone event was handled */
	bool held;		/* first stop came early: resumed by that event */
	char *exec_path;	/* path of the execve in flight, for the exec record */
	struct cursys cur;
};

int tracee_init(void);
struct tracee *tracee_find(pid_t tid);
/* Find or add; NULL only when out of memory. */
struct tracee *tracee_add(pid_t tid, pid_t pid);
void tracee_del(struct tracee *t);
/* Re-key t under a new tid (a non-leader thread took over the leader's). */
int tracee_retid(struct tracee *t, pid_t tid);
unsigned int tracee_count(void);
/* Call fn for every tracee (teardown only). */
void tracee_each(void (*fn)(struct tracee *t, void *arg), void *arg);

#endif
