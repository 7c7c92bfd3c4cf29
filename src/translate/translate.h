/*
 * translate.h - the translator hook interface (DESIGN.md §7).
 *
 * Each translator declares the calls it must see and has an enter hook
 * (at the seccomp stop, after the policy's verdict) and an exit hook (at
 * the exit stop).  The filter traps exactly the union of what they need;
 * they do not call each other, and run in the order of translate.c's list.
 * A translator that keeps state has hooks for the session's start and
 * end, and for processes that are forked and gone.  Calls a translator
 * answers whole, from its own reading of the tracee, may come instead
 * from the filter's listener (notify.h), in another thread: translate.c
 * runs every hook under one lock.
 */
#ifndef XLAT_TRANSLATE_H
#define XLAT_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "filter.h"
#include "policy.h"

/* One call as the hooks see it. */
struct xcall {
	pid_t tid, pid;
	int abi;
	int id;			/* neutral id, or -1 */
	uint64_t args[6];		/* as the kernel will see them (paths pinned) */
	uint64_t given[6];		/* as the program set them */
	const struct policy *pol;	/* never NULL */
	int rule;		/* the deciding rule, -1 for the default */
	enum pol_action action;	/* the policy's verdict */
	int64_t ret;		/* enter: the result of a skipped call; exit: the result */
	/* Enter: registers a hook rewrote (bit i: register i, set in the
	   tracee and in args) and their values before; the record shows
	   the call as the program made it. */
	unsigned int rewrote;
	uint64_t orig[6];
	int status;		/* XH_RESTOPPED: the new stop's status */
	/* Enter, at a stop: by register, the host path the pipeline pinned
	   there (-r, -b), NULL where none. */
	const char *host[6];
};

/* What an enter hook asks for; bits. */
enum {
	XH_EXIT = 1,		/* stop at the call's exit too */
	XH_SKIP = 2,		/* skip the call; x->ret is its result */
	XH_KILL = 4,		/* kill the thread group */
	/* The hook made the tracee run a call of its own and rewound it
	   (regs_call): resume it, the call stops again and starts over;
	   with XH_RESTOPPED another stop came instead (x->status). */
	XH_AGAIN = 8,
	XH_RESTOPPED = 16,
};

struct translator {
	const char *name;
	/* Mark in need[] (by id) the calls it must stop at. */
	void (*need)(const struct policy *p, bool *need);
	/* Set in when[] (by id) the calls it must stop at only when an
	   argument says so.  NULL: none. */
	void (*need_if)(const struct policy *p, struct trap_if *when);
	/* Set in notify[] (by id) the calls it answers whole from the
	   listener, without a ptrace stop (x86_64 calls the policy lets
	   run; the others stop as need[] says).  NULL: none. */
	void (*need_notify)(const struct policy *p, bool *notify);
	/* Such a call: XH_SKIP with its result in x->ret, or 0 (it runs as
	   it is).  x->pid is the thread's id too; action is PA_ALLOW. */
	int (*notify)(struct xcall *x);
	/* 0 or XH_* bits. NULL: nothing to do at entry. */
	int (*enter)(struct xcall *x);
	/* Change x->ret if it must; true when it did. NULL: nothing at exit. */
	bool (*exit)(struct xcall *x);
	/* Before the command starts: 0, or -errno with a message in err. */
	int (*start)(const struct policy *p, char *err, size_t n);
	/* Process child was forked from process parent (not a thread):
	   0 or -ENOMEM. */
	int (*fork)(pid_t parent, pid_t child);
	/* Process pid is gone. */
	void (*gone)(pid_t pid);
	/* Thread tid of process pid has exec'd (PTRACE_EVENT_EXEC; former:
	   its tid before, when a non-leader thread exec'd). */
	void (*exec)(const struct policy *p, pid_t pid, pid_t tid, pid_t former);
	/* After the command ended: 0, or -errno with a message in err. */
	int (*finish)(const struct policy *p, char *err, size_t n);
};

extern const struct translator translate_emulate;
extern const struct translator translate_errno_map;
extern const struct translator translate_uname;
extern const struct translator translate_identity;
extern const struct translator translate_guest;
extern const struct translator translate_guest_unix;
extern const struct translator translate_affinity;

/* The union of the translators' needs, added to need[] and when[]; a
   call in need[] has no condition. */
void translate_need(const struct policy *p, bool *need, struct trap_if *when, bool *notify);
/* A call from the listener: the notify hooks, up to the first that
   answers it (XH_SKIP), or 0. */
int translate_notify(struct xcall *x);
/* Whether the command runs under xlat's own seccomp filter, so that a
   filter added to a process stops its calls at the supervisor (set by the
   session before the command starts; not when attached or --no-seccomp). */
void translate_set_filtered(bool filtered);
bool translate_filtered(void);
/* Run the enter hooks in order, up to the first that skips or kills. */
int translate_enter(struct xcall *x);
/* Run the exit hooks; true when any changed the result. */
bool translate_exit(struct xcall *x);
/* The start hooks in order, up to the first that fails: 0 or its -errno,
   with its message in err. */
int translate_start(const struct policy *p, char *err, size_t n);
/* A process forked, a process gone: 0, or -ENOMEM when a translator
   could not follow the child. */
int translate_fork(pid_t parent, pid_t child);
void translate_gone(pid_t pid);
void translate_exec(const struct policy *p, pid_t pid, pid_t tid, pid_t former);
/* Every finish hook: 0, or the first failure's -errno and message. */
int translate_finish(const struct policy *p, char *err, size_t n);

#endif
