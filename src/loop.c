/*
 * loop.c - the ptrace event loop: stop classification and the books of
 * processes and threads (spawn, exec, exit, signals, group-stops).  Every
 * syscall stop goes to the per-call pipeline (call.c), which says how to
 * go on; the loop resumes.
 *
 * Each wakeup also collects the other stops already waiting (waitpid
 * WNOHANG) and handles them in arrival order, so a busy tracee cannot
 * starve the others.  The trace is buffered; what is pending when the loop
 * goes idle is written out by a short timer, never a line at a time.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"
#include "call.h"
#include "cpushare.h"
#include "decode/decode.h"
#include "elfinfo.h"
#include "filter.h"
#include "loop.h"
#include "mem.h"
#include "regs.h"
#include "scratch.h"
#include "signals.h"
#include "stopwait.h"
#include "summary.h"
#include "trace.h"
#include "tracee.h"
#include "translate/translate.h"

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif
#ifndef CLONE_THREAD
#define CLONE_THREAD 0x00010000
#endif
#ifndef CLONE_VM
#define CLONE_VM 0x00000100
#endif

#define BATCH 256

struct waited {
	pid_t tid;
	int status;
};

unsigned long loop_ptrace_options(bool exit_events)
{
	unsigned long o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |
			  PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			  PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP |
			  PTRACE_O_EXITKILL;

	/* An exit event costs a stop per thread: only for exit and
	   exit_group records, which it is the only place to make. */
	if (exit_events)
		o |= PTRACE_O_TRACEEXIT;
	return o;
}

/* --- resuming ------------------------------------------------------------ */

static void _handle(struct session *s, pid_t tid, int status);
static void _detach_stop(struct session *s, struct tracee *t, int status);

static void _resume(struct session *s, struct tracee *t, int sig)
{
	/* In the seccomp mode only a traced call's exit needs a stop. */
	int req = (!s->seccomp || t->in_syscall) ? PTRACE_SYSCALL : PTRACE_CONT;

	/* ESRCH: killed meanwhile (SIGKILL); its death is reported next. */
	ptrace(req, t->tid, NULL, (void *)(long)sig);
}

/* --- syscall stops: the per-call pipeline --------------------------------- */

static void _on_syscall_stop(struct session *s, struct tracee *t)
{
	int status = 0;

	switch (call_stop(s, t, &status)) {
	case CALL_RESUME:
		cpushare_stop(t->tid, tracee_count() == 1);
		_resume(s, t, 0);
		break;
	case CALL_RESTOPPED:
		_handle(s, t->tid, status);
		break;
	case CALL_LEFT:
		break;
	}
}

/* --- process events ------------------------------------------------------ */

static const char *_via(struct tracee *parent, int event, bool *thread, bool *vm)
{
	struct scinfo si;
	uint64_t args[6], flags = 0;
	const struct sysent *se;
	long nr;

	*thread = false;
	*vm = event == PTRACE_EVENT_VFORK;
	if (event == PTRACE_EVENT_VFORK)
		return "vfork";
	if (regs_get(parent->tid, &si) < 0 || si.abi < 0 ||
	    regs_get_raw(parent->tid, si.abi, &nr, args) < 0)
		return event == PTRACE_EVENT_FORK ? "fork" : "clone";
	se = sysent_get(si.abi, nr);
	if (se && strcmp(se->name, "clone3") == 0) {
		if (mem_read(parent->tid, args[0], &flags, sizeof(flags)) == 0)
			*thread = flags & CLONE_THREAD;
		*vm = flags & CLONE_VM;
		return "clone3";
	}
	if (se && strcmp(se->name, "clone") == 0) {
		*thread = args[0] & CLONE_THREAD;
		*vm = args[0] & CLONE_VM;
		return "clone";
	}
	return event == PTRACE_EVENT_FORK ? "fork" : "clone";
}

static void _on_spawn(struct session *s, struct tracee *t, int event)
{
	unsigned long msg = 0;
	struct tracee *child;
	const char *via;
	bool thread, vm;
	pid_t ctid;

	if (ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg) < 0 || msg == 0)
		return;
	ctid = (pid_t)msg;
	via = _via(t, event, &thread, &vm);
	if (!thread && (scratch_spawn(t->pid, ctid, vm) < 0 || translate_fork(t->pid, ctid) < 0))
		kill(ctid, SIGKILL);	/* no memory to guard its area, or for its ids */
	cpushare_spawn(ctid);
	child = tracee_add(ctid, thread ? t->pid : ctid);
	if (child) {
		child->pid = thread ? t->pid : ctid;
		child->has_parent = true;
		if (child->held) {
			/* Its first stop came before this event: let it go. */
			child->held = false;
			_resume(s, child, 0);
		}
	}
	s->n.threads++;
	if (!thread)
		s->n.processes++;
	if (!s->record)
		return;
	struct jbuf *b = trace_begin("spawn", t->pid, t->tid);
	jb_key(b, "parent");
	jb_int(b, t->tid);
	jb_key(b, "child_pid");
	jb_int(b, thread ? t->pid : ctid);
	jb_key(b, "child_tid");
	jb_int(b, ctid);
	jb_key(b, "via");
	jb_str(b, via);
	jb_key(b, "thread");
	jb_bool(b, thread);
	trace_end();
}

static void _emit_argv(pid_t pid, struct jbuf *b)
{
	char path[32], *buf;
	size_t len = 0, cap = 4096, i, start;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	buf = malloc(cap);
	jb_arr_begin(b);
	if (fd >= 0 && buf) {
		while ((n = read(fd, buf + len, cap - len)) > 0) {
			len += n;
			if (len == cap) {
				char *nb = realloc(buf, cap * 2);
				if (!nb)
					break;
				buf = nb;
				cap *= 2;
			}
		}
		for (i = start = 0; i < len; i++) {
			if (buf[i])
				continue;
			jb_bytes(b, buf + start, i - start);
			start = i + 1;
		}
	}
	jb_arr_end(b);
	if (fd >= 0)
		close(fd);
	free(buf);
}

static void _on_exec(struct session *s, struct tracee *t)
{
	unsigned long former = 0;
	struct tracee *old;
	struct elfinfo ei;
	char exe[32];
	struct jbuf *b;
	pid_t former_tid;
	int rc;

	if (ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &former) < 0)
		former = t->tid;
	former_tid = (pid_t)former;
	if (former_tid != t->tid) {
		/* A non-leader thread exec'd: it now has the leader's tid and
		   the leader is gone without a death report of its own. */
		old = tracee_find(former_tid);
		if (old) {
			pid_t leader = t->tid;

			call_unfinished(s, t);
			tracee_del(t);
			tracee_retid(old, leader);
			t = old;
		}
	}
	if (!s->record)
		goto out_free;
	snprintf(exe, sizeof(exe), "/proc/%d/exe", t->tid);
	rc = elf_inspect(exe, &ei);
	b = trace_begin("exec", t->pid, t->tid);
	jb_key(b, "path");
	if (t->exec_path) {
		jb_str(b, t->exec_path);
	} else {
		char target[4096];
		ssize_t n = readlink(exe, target, sizeof(target));
		if (n > 0)
			jb_bytes(b, target, n);
		else
			jb_null(b);
	}
	jb_key(b, "argv");
	_emit_argv(t->tid, b);
	jb_key(b, "abi");
	jb_str(b, rc == 0 && ei.elfclass == 32 ? "i386" : "x86_64");
	jb_key(b, "elf");
	if (rc == 0) {
		jb_obj_begin(b);
		jb_key(b, "class");
		jb_int(b, ei.elfclass);
		jb_key(b, "machine");
		jb_str(b, ei.machine);
		jb_key(b, "interpreter");
		if (ei.interp[0])
			jb_str(b, ei.interp);
		else
			jb_null(b);
		jb_key(b, "static");
		jb_bool(b, ei.is_static);
		jb_key(b, "pie");
		jb_bool(b, ei.pie);
		jb_obj_end(b);
	} else {
		jb_null(b);
	}
	if (former_tid != t->tid) {
		jb_key(b, "former_tid");
		jb_int(b, former_tid);
	}
	trace_end();
out_free:
	translate_exec(s->pol, t->pid, t->tid, former_tid);
	/* A new address space: its scratch area is placed when needed. */
	scratch_drop(t->pid);
	free(t->exec_path);
	t->exec_path = NULL;
	/* Past this event execve can only return 0: its record is complete
	   now, and the exit stop is spared (one stop less per exec). */
	call_exec_done(s, t);
}

static void _on_reaped(struct session *s, struct tracee *t, int status)
{
	struct jbuf *b;

	call_unfinished(s, t);
	if (s->record) {
		b = trace_begin("exit", t->pid, t->tid);
		decode_exit_status(b, status);
		trace_end();
	}
	scratch_thread_gone(t->pid, t->tid);
	cpushare_gone(t->tid);
	if (t->tid == t->pid) {
		scratch_drop(t->pid);
		translate_gone(t->pid);
	}
	if (t->tid == s->main_pid) {
		s->main_status = status;
		s->main_done = true;
	}
	tracee_del(t);
}

/* --- signals and group-stops --------------------------------------------- */

static void _on_signal(struct session *s, struct tracee *t, int sig)
{
	siginfo_t si;
	const char *name, *code;
	struct jbuf *b;
	bool have = ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si) == 0;

	s->n.signals++;
	if (sig == SIGCONT && t->tid == s->main_pid)
		s->stop_pending = 0;	/* continued before it stopped */
	if (s->record) {
		b = trace_begin("signal", t->pid, t->tid);
		name = xlat_name(XT_signal, sig);
		jb_key(b, "signal");
		if (name)
			jb_str(b, name);
		else
			jb_int(b, sig);
		if (have) {
			code = decode_si_code(sig, si.si_code);
			jb_key(b, "code");
			if (code)
				jb_str(b, code);
			else
				jb_int(b, si.si_code);
			/* A sender is known for kill/tkill/sigqueue and SIGCHLD. */
			if (si.si_code <= 0 || sig == SIGCHLD) {
				jb_key(b, "sender");
				jb_int(b, si.si_pid);
			}
			if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) {
				jb_key(b, "addr");
				jb_hex(b, (uint64_t)(uintptr_t)si.si_addr);
			}
		}
		trace_end();
	}
	_resume(s, t, sig);
}

static bool _is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void _on_group_stop(struct session *s, struct tracee *t, int sig)
{
	t->group_stopped = true;
	/* LISTEN: stay stopped, but let SIGCONT and SIGKILL through. */
	ptrace(PTRACE_LISTEN, t->tid, NULL, NULL);
	(void)s;
	(void)sig;
}

/* --- dispatch ------------------------------------------------------------ */

static void _handle(struct session *s, pid_t tid, int status)
{
	struct tracee *t = tracee_find(tid);
	int sig, event;

	if (!t) {
		/* A new child whose parent's fork event has not come yet. */
		t = tracee_add(tid, tid);
		if (!t) {
			fprintf(stderr, "xlat: out of memory for tracee %d\n", tid);
			kill(tid, SIGKILL);
			return;
		}
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		_on_reaped(s, t, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (s->detaching) {
		_detach_stop(s, t, status);
		return;
	}
	sig = WSTOPSIG(status);
	event = (unsigned int)status >> 16;
	t->group_stopped = false;

	if (sig == (SIGTRAP | 0x80)) {
		_on_syscall_stop(s, t);
		return;
	}
	if (event == PTRACE_EVENT_SECCOMP) {
		_on_syscall_stop(s, t);
		return;
	}
	s->n.events++;
	switch (event) {
	case 0:
		_on_signal(s, t, sig);
		return;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		_on_spawn(s, t, event);
		break;
	case PTRACE_EVENT_EXEC:
		_on_exec(s, t);
		/* The tracee may have a new identity now. */
		t = tracee_find(tid);
		if (!t)
			return;
		/* The command runs: the policy applies from here on, also
		   when its execve did not stop (not recorded, not trapped). */
		t->setup = false;
		break;
	case PTRACE_EVENT_EXIT:
		call_exit_event(s, t);
		break;
	case PTRACE_EVENT_STOP:
		if (_is_stop_signal(sig)) {
			_on_group_stop(s, t, sig);
			return;
		}
		if (!t->seen && !t->has_parent && tid != s->main_pid) {
			/* First stop of a child, before its parent's event:
			   hold it so no record of it precedes its spawn. */
			t->seen = true;
			t->held = true;
			return;
		}
		break;
	default:
		break;
	}
	t->seen = true;
	_resume(s, t, 0);
}

/* A stop from the terminal (Ctrl-Z) reached the command and xlat: once
   the command is in its group-stop, xlat stops itself too, so that the
   shell sees the job stopped; fg's SIGCONT then wakes both. */
static void _follow_terminal_stop(struct session *s)
{
	struct tracee *m;
	int sig = signals_take_stop();

	if (sig)
		s->stop_pending = sig;
	if (!s->stop_pending)
		return;
	m = tracee_find(s->main_pid);
	if (m && !m->group_stopped)
		return;
	s->stop_pending = 0;
	trace_flush();
	kill(getpid(), SIGSTOP);
}

static void _term_one(struct tracee *t, void *arg)
{
	if (t->tid == t->pid)
		kill(t->pid, *(int *)arg);
}

/* xlat was told to terminate and passed the signal on to the command; once
   the command is gone, its remaining processes (children it left behind)
   get the signal too, so that the trace ends instead of waiting on them. */
static void _interrupt_one(struct tracee *t, void *arg)
{
	ptrace(PTRACE_INTERRUPT, t->tid, NULL, NULL);
}

/* -p and xlat was told to stop: interrupt every thread, and let each go
   at the stop that follows (_detach_stop). */
static void _follow_detach(struct session *s)
{
	if (!signals_term() || s->detaching)
		return;
	s->detaching = s->detached = true;
	tracee_each(_interrupt_one, NULL);
}

/* A stop while detaching: finish the record of a call that returned,
   pass on a signal that was being delivered, and detach. */
static void _detach_stop(struct session *s, struct tracee *t, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned int)status >> 16, dsig = 0, st;
	struct scinfo si;

	if (sig == (SIGTRAP | 0x80) || event == PTRACE_EVENT_SECCOMP) {
		if (regs_get(t->tid, &si) == 0 && si.op == OP_EXIT)
			call_stop(s, t, &st);
	} else if (event == 0 && sig != SIGTRAP) {
		dsig = sig;	/* a signal-delivery stop: deliver it */
		s->n.signals++;
	}
	call_unfinished(s, t);
	ptrace(PTRACE_DETACH, t->tid, NULL, (void *)(long)dsig);
	tracee_del(t);
}

static void _follow_termination(struct session *s)
{
	int sig = signals_term();

	if (s->threads) {
		_follow_detach(s);
		return;
	}
	if (!sig || !s->main_done || s->term_sent)
		return;
	s->term_sent = true;
	tracee_each(_term_one, &sig);
}

int loop_run(struct session *s)
{
	struct waited batch[BATCH];
	struct tracee *m;
	int n, i, status;
	pid_t tid;

	stopwait_init();
	if (s->threads) {
		/* -p: every thread seized, each about to stop for the
		   interrupt; none runs xlat's own child code. */
		for (i = 0; i < s->nthreads; i++) {
			m = tracee_add(s->threads[i].tid, s->threads[i].pid);
			if (!m)
				return -ENOMEM;
			m->seen = m->has_parent = true;
			s->n.threads++;
			s->n.processes += s->threads[i].tid == s->threads[i].pid;
		}
	} else {
		m = tracee_add(s->main_pid, s->main_pid);
		if (!m)
			return -ENOMEM;
		m->seen = true;
		m->has_parent = true;
		m->setup = true;
		s->n.processes = s->n.threads = 1;
	}

	for (;;) {
		/* Polling for the next stop pays only while it takes no CPU
		   that another tracee may want, the bound one included. */
		tid = stopwait_next(&status, tracee_count() == 1 && !cpushare_bound());
		if (tid < 0) {
			if (errno == EINTR) {
				if (signals_take_alarm()) {
					trace_timer_fired();
					cpushare_tick();
				}
				_follow_terminal_stop(s);
				_follow_termination(s);
				continue;
			}
			if (errno == ECHILD)
				break;
			return -errno;
		}
		batch[0].tid = tid;
		batch[0].status = status;
		n = 1;
		/* Collect whatever else is ready and handle it in arrival
		   order, so one busy tracee cannot starve the others. */
		while (n < BATCH && tracee_count() > 1) {
			tid = waitpid(-1, &status, __WALL | WNOHANG);
			if (tid <= 0)
				break;
			batch[n].tid = tid;
			batch[n].status = status;
			n++;
		}
		for (i = 0; i < n; i++)
			_handle(s, batch[i].tid, batch[i].status);
		_follow_terminal_stop(s);
		_follow_termination(s);
		if (signals_take_alarm()) {
			trace_timer_fired();
			cpushare_tick();
		}
		/* Lines still buffered go out within a moment, even if no
		   tracee stops again for a long time. */
		trace_idle();
	}
	return 0;
}
