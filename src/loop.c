/*
 * loop.c - the ptrace event loop and stop classification.
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

static void _resume(struct session *s, struct tracee *t, int sig)
{
	/* In the seccomp mode only a traced call's exit needs a stop. */
	int req = (!s->seccomp || t->in_syscall) ? PTRACE_SYSCALL : PTRACE_CONT;

	/* ESRCH: killed meanwhile (SIGKILL); its death is reported next. */
	ptrace(req, t->tid, NULL, (void *)(long)sig);
}

/* --- syscall records ----------------------------------------------------- */

static const char *_syscall_name(const struct sysent *se, long nr, char *buf, size_t n)
{
	if (se)
		return se->name;
	snprintf(buf, n, "syscall_%ld", nr);
	return buf;
}

static void _dctx_init(struct session *s, struct tracee *t, struct dctx *c)
{
	memset(c, 0, sizeof(*c));
	c->tid = t->tid;
	c->abi = t->cur.abi;
	c->se = sysent_get(t->cur.abi, t->cur.nr);
	c->args = t->cur.args;
	c->strlimit = s->opt->string_limit;
	c->decode_fds = s->opt->decode_fds;
	c->truncated = &t->cur.truncated;
}

/* At entry: decode the input arguments into the tracee's argbuf. */
static void _decode_entry(struct session *s, struct tracee *t)
{
	struct cursys *cs = &t->cur;
	struct dctx c;
	int i;

	_dctx_init(s, t, &c);
	jb_reset(&cs->argbuf);
	cs->truncated = 0;
	if (!c.se)
		return;
	for (i = 0; i < c.se->nargs; i++) {
		cs->argoff[i] = cs->argend[i] = 0;
		if (decode_at_exit(c.se, i) && !decode_inout(c.se, i))
			continue;
		cs->argbuf.need_comma[0] = false;
		cs->argoff[i] = cs->argbuf.len;
		decode_arg(&c, i, &cs->argbuf);
		cs->argend[i] = cs->argbuf.len;
	}
}

/* "out": the in/out arguments decoded at entry, as the kernel left them. */
static void _emit_out(struct dctx *c, struct jbuf *b)
{
	bool open = false;
	int i;

	for (i = 0; i < c->se->nargs; i++) {
		if (!decode_inout(c->se, i))
			continue;
		if (!open) {
			jb_key(b, "out");
			jb_obj_begin(b);
			open = true;
		}
		jb_key(b, c->se->args[i].name);
		decode_arg(c, i, b);
	}
	if (open)
		jb_obj_end(b);
}

/* Write the record of the call t is (or was) inside of. */
static void _emit_syscall(struct session *s, struct tracee *t, bool returned,
			  int64_t rval, bool is_error)
{
	struct cursys *cs = &t->cur;
	int64_t now = trace_now_us();
	struct jbuf *b;
	struct dctx c;
	char nbuf[32];
	const char *ename;
	int i;

	if (s->opt->summary)
		summary_add(cs->id, cs->abi, returned && is_error, now - cs->t0_us);
	if (!s->record)
		return;
	_dctx_init(s, t, &c);
	c.exiting = returned;
	c.rval = rval;
	c.is_error = is_error;

	b = trace_begin("syscall", t->pid, t->tid);
	jb_key(b, "abi");
	jb_str(b, abi_names[cs->abi]);
	jb_key(b, "nr");
	jb_int(b, cs->nr);
	jb_key(b, "name");
	jb_str(b, _syscall_name(c.se, cs->nr, nbuf, sizeof(nbuf)));
	jb_key(b, "args");
	jb_obj_begin(b);
	if (c.se) {
		for (i = 0; i < c.se->nargs; i++) {
			jb_key(b, c.se->args[i].name);
			if (cs->argend[i])
				jb_raw(b, cs->argbuf.s + cs->argoff[i],
				       cs->argend[i] - cs->argoff[i]);
			else
				decode_arg(&c, i, b);
		}
	} else {
		decode_raw_args(cs->args, b);
	}
	jb_obj_end(b);
	if (returned && !is_error && !cs->skipped && c.se)
		_emit_out(&c, b);
	jb_key(b, "ret");
	if (!returned) {
		jb_null(b);
	} else {
		decode_ret(&c, b);
		decode_ret_path(&c, b);
	}
	if (returned && is_error) {
		ename = xlat_name(XT_errno, (uint64_t)-rval);
		jb_key(b, "errno");
		if (ename)
			jb_str(b, ename);
		else
			jb_int(b, -rval);
	}
	jb_key(b, "dur");
	jb_secs(b, now - cs->t0_us);
	jb_key(b, "action");
	jb_str(b, cs->shown ? cs->shown : "allow");
	if (s->pol && cs->rule >= 0 && s->pol->rules[cs->rule].number >= 0) {
		jb_key(b, "rule");
		jb_int(b, s->pol->rules[cs->rule].number);
	}
	if (cs->pinned && c.se) {
		jb_key(b, "orig");
		jb_obj_begin(b);
		for (i = 0; i < c.se->nargs; i++) {
			if (!(cs->pinned & (1u << c.se->args[i].reg)))
				continue;
			jb_key(b, c.se->args[i].name);
			jb_hex(b, cs->orig[c.se->args[i].reg]);
		}
		jb_obj_end(b);
	}
	if (cs->truncated && c.se) {
		jb_key(b, "truncated");
		jb_arr_begin(b);
		for (i = 0; i < c.se->nargs; i++)
			if (cs->truncated & (1u << i))
				jb_str(b, c.se->args[i].name);
		jb_arr_end(b);
	}
	trace_end();
	s->n.syscalls++;
}

/* --- syscall stops ------------------------------------------------------- */

static bool _is_exec(int id)
{
	const char *name;

	if (id < 0)
		return false;
	name = sysent_table[id].name;
	return strcmp(name, "execve") == 0 || strcmp(name, "execveat") == 0;
}

/* Remember the path of an execve in flight, for the exec record. */
static void _note_exec_path(struct tracee *t, const struct scinfo *si, int id)
{
	char buf[4096];
	uint64_t addr;
	bool complete;
	ssize_t n;

	addr = strcmp(sysent_table[id].name, "execveat") == 0 ? si->args[1] : si->args[0];
	n = mem_read_str(t->tid, addr, buf, sizeof(buf) - 1, &complete);
	free(t->exec_path);
	t->exec_path = n >= 0 ? strndup(buf, n) : NULL;
}

static void _xcall(struct session *s, struct tracee *t, struct xcall *x)
{
	struct cursys *cs = &t->cur;

	x->tid = t->tid;
	x->pid = t->pid;
	x->abi = cs->abi;
	x->id = cs->id;
	memcpy(x->args, cs->args, sizeof(x->args));
	x->pol = s->pol;
	x->rule = cs->rule;
	x->action = cs->action;
	x->ret = 0;
}

static const char *const _shown[] = {
	[PA_ALLOW] = "allow", [PA_DENY] = "deny", [PA_KILL] = "kill",
	[PA_RETURN] = "return", [PA_TRACE] = "allow",
};

/* Path conditions: make the kernel read the copy the policy decides on,
   from the tracee's read-only scratch area, and keep that area in place.
   0, 1 when the call was rewound to place the area first (nothing more
   to do at this stop), or a -errno the call must fail with. */
static int _pin_paths(struct session *s, struct tracee *t, const struct scinfo *si, int id)
{
	struct cursys *cs = &t->cur;
	unsigned int changed = 0;
	int rc, status;

	if (policy_reads_paths(s->pol, si->abi, id) ||
	    (scratch_opens(id) && policy_has_paths(s->pol))) {
		if (!scratch_addr(t->pid) && !scratch_failed(t->pid)) {
			rc = scratch_place(t->tid, t->pid, si->abi, &status);
			if (rc < 0)
				return -EPERM;
			s->n.stops++;
			if (rc > 0) {
				t->in_syscall = false;
				_handle(s, t->tid, status);
				return 1;
			}
			t->in_syscall = false;
			_resume(s, t, 0);
			return 1;
		}
		rc = scratch_pin(t->tid, t->pid, si->abi, id, cs->args, cs->orig, &changed);
		cs->pinned = changed;
		if (rc < 0)
			return rc;
	}
	/* An open a rule checks: decided on its resolved path, then made
	   with no symlink followed, if allowed (scratch.h). */
	if (cs->pinned && scratch_opens(id) && policy_reads_paths(s->pol, si->abi, id) &&
	    filter_passes(s->pol, si->abi, SYSID_openat2)) {
		rc = scratch_resolve_open(t->tid, t->pid, si->abi, id, cs->args, cs->orig,
					  &changed);
		if (rc < 0)
			return rc;
		cs->pinned |= changed;
		cs->reopen = rc > 0;
	}
	if (scratch_guarded(id) && scratch_touches(t->tid, t->pid, si->abi, id, cs->args))
		return -EPERM;
	return 0;
}

static void _on_entry(struct session *s, struct tracee *t, const struct scinfo *si)
{
	struct cursys *cs = &t->cur;
	int id = si->abi < 0 ? -1 : sysent_id(si->abi, si->nr);
	bool was_setup = t->setup;
	struct xcall x;
	int h = 0, refuse = 0;

	if (si->abi < 0 || si->x32) {
		/* Only reachable without the filter, which kills these. */
		if (s->pol && policy_active(s->pol)) {
			kill(t->pid, SIGKILL);
			return;
		}
		_resume(s, t, 0);
		return;
	}
	if (_is_exec(id)) {
		_note_exec_path(t, si, id);
		t->setup = false;
	}
	if (t->setup) {
		/* Our child's own calls before it executes the command. */
		t->in_syscall = !s->seccomp;
		t->cur.record = false;
		_resume(s, t, 0);
		return;
	}
	cs->abi = si->abi;
	cs->nr = si->nr;
	cs->id = id;
	memcpy(cs->args, si->args, sizeof(cs->args));
	cs->rule = -1;
	cs->action = PA_ALLOW;
	cs->shown = NULL;
	cs->xlate_exit = false;
	cs->pinned = 0;
	cs->reopen = false;
	cs->skipped = false;
	/* The policy's verdict; xlat's own execve of the command passes. */
	if (s->pol && !was_setup) {
		if (id >= 0) {
			refuse = _pin_paths(s, t, si, id);
			if (refuse > 0)
				return;
		}
		cs->rule = policy_decide(s->pol, t->tid, si->abi, id, cs->args);
		cs->action = policy_rule_action(s->pol, cs->rule);
		_xcall(s, t, &x);
		h = translate_enter(&x);
		cs->shown = _shown[cs->action];
		/* A translator answered a call the policy let through. */
		if ((h & XH_SKIP) && (cs->action == PA_ALLOW || cs->action == PA_TRACE))
			cs->shown = "emulate";
		cs->xlate_exit = h & XH_EXIT;
		if (refuse && !(h & (XH_SKIP | XH_KILL))) {
			/* Fail closed: the path could not be pinned, or the
			   call would undo the scratch area. */
			h = XH_SKIP;
			x.ret = refuse;
			cs->shown = "deny";
			cs->xlate_exit = false;
		}
		if (cs->reopen && !(h & (XH_SKIP | XH_KILL))) {
			refuse = scratch_openat2(t->tid, t->pid, si->abi);
			if (refuse < 0) {
				h = XH_SKIP;
				x.ret = refuse;
				cs->shown = "deny";
				cs->xlate_exit = false;
			}
		}
	}
	cs->record = (select_has(&s->sel, id) || cs->action == PA_TRACE) &&
		     (s->record || s->opt->summary);
	if (cs->record) {
		cs->t0_us = trace_now_us();
		if (s->record)
			_decode_entry(s, t);
	}
	if (h & XH_KILL) {
		/* As SECCOMP_RET_KILL_PROCESS: the whole thread group. */
		kill(t->pid, SIGKILL);
		if (cs->record)
			_emit_syscall(s, t, false, 0, false);
		cs->record = false;
		t->in_syscall = false;
		return;
	}
	if (h & XH_SKIP) {
		/* One stop: the kernel skips the call and returns x.ret. */
		regs_skip(t->tid, x.ret);
		cs->skipped = true;
		if (cs->record)
			_emit_syscall(s, t, true, x.ret, x.ret < 0 && x.ret >= -4095);
		cs->record = false;
		t->in_syscall = !s->seccomp;
		_resume(s, t, 0);
		return;
	}
	/* Without the filter every entry has an exit stop; with it, only
	   calls we record or translate at exit need one. */
	t->in_syscall = !s->seccomp || cs->record || cs->xlate_exit;
	_resume(s, t, 0);
}

static void _on_exit_stop(struct session *s, struct tracee *t, const struct scinfo *si)
{
	struct xcall x;
	int64_t rval = si->rval;
	bool is_error = si->is_error;

	if (t->in_syscall && t->cur.xlate_exit && s->pol) {
		_xcall(s, t, &x);
		x.ret = rval;
		if (translate_exit(&x)) {
			if (x.ret != rval)
				regs_set_ret(t->tid, x.ret);
			rval = x.ret;
			is_error = rval < 0 && rval >= -4095;
			t->cur.shown = "rewrite";
		}
	}
	if (t->in_syscall && t->cur.record)
		_emit_syscall(s, t, true, rval, is_error);
	t->in_syscall = false;
	t->cur.record = false;
	t->cur.xlate_exit = false;
	_resume(s, t, 0);
}

static void _on_syscall_stop(struct session *s, struct tracee *t)
{
	struct scinfo si;

	s->n.stops++;
	if (regs_get(t->tid, &si) < 0) {
		_resume(s, t, 0);
		return;
	}
	switch (si.op) {
	case OP_SECCOMP:
	case OP_ENTRY:
		_on_entry(s, t, &si);
		break;
	case OP_EXIT:
		_on_exit_stop(s, t, &si);
		break;
	default:
		_resume(s, t, 0);
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

			if (t->in_syscall && t->cur.record)
				_emit_syscall(s, t, false, 0, false);
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
	/* A new address space: its scratch area is placed when needed. */
	scratch_drop(t->pid);
	free(t->exec_path);
	t->exec_path = NULL;
	/* Past this event execve can only return 0: its record is complete
	   now, and the exit stop is spared (one stop less per exec). */
	if (s->seccomp && t->in_syscall && !t->cur.xlate_exit) {
		if (t->cur.record)
			_emit_syscall(s, t, true, 0, false);
		t->in_syscall = false;
		t->cur.record = false;
	}
}

/* PTRACE_EVENT_EXIT: the thread is about to go; its registers still hold
   the call that ends it (exit, exit_group), or the one it was blocked in. */
static void _on_exit_event(struct session *s, struct tracee *t)
{
	struct scinfo si;
	uint64_t args[6];
	const struct sysent *se;
	unsigned long status = 0;
	long nr;
	int id;

	if (t->in_syscall) {
		if (t->cur.record)
			_emit_syscall(s, t, false, 0, false);
		t->in_syscall = false;
		t->cur.record = false;
		return;
	}
	ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &status);
	if (WIFSIGNALED(status) || (!s->record && !s->opt->summary))
		return;
	if (regs_get(t->tid, &si) < 0 || si.abi < 0 ||
	    regs_get_raw(t->tid, si.abi, &nr, args) < 0)
		return;
	se = sysent_get(si.abi, nr);
	if (!se || (strcmp(se->name, "exit") && strcmp(se->name, "exit_group")))
		return;
	id = sysent_id(si.abi, nr);
	if (!select_has(&s->sel, id))
		return;
	t->cur.abi = si.abi;
	t->cur.nr = nr;
	t->cur.id = id;
	t->cur.rule = -1;
	t->cur.shown = NULL;
	t->cur.pinned = 0;
	memcpy(t->cur.args, args, sizeof(args));
	t->cur.t0_us = trace_now_us();
	if (s->record)
		_decode_entry(s, t);
	s->n.stops++;
	_emit_syscall(s, t, false, 0, false);
}

static void _on_reaped(struct session *s, struct tracee *t, int status)
{
	struct jbuf *b;

	if (t->in_syscall && t->cur.record)
		_emit_syscall(s, t, false, 0, false);
	if (s->record) {
		b = trace_begin("exit", t->pid, t->tid);
		decode_exit_status(b, status);
		trace_end();
	}
	scratch_thread_gone(t->pid, t->tid);
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
		_on_exit_event(s, t);
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
static void _follow_termination(struct session *s)
{
	int sig = signals_term();

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
	m = tracee_add(s->main_pid, s->main_pid);
	if (!m)
		return -ENOMEM;
	m->seen = true;
	m->has_parent = true;
	m->setup = true;
	s->n.processes = s->n.threads = 1;

	for (;;) {
		/* Polling for the next stop pays only while it takes no CPU
		   that another tracee may want. */
		tid = stopwait_next(&status, tracee_count() == 1);
		if (tid < 0) {
			if (errno == EINTR) {
				if (signals_take_alarm())
					trace_timer_fired();
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
		if (signals_take_alarm())
			trace_timer_fired();
		/* Lines still buffered go out within a moment, even if no
		   tracee stops again for a long time. */
		trace_idle();
	}
	return 0;
}
