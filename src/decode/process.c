/*
 * decode/process.c - processes: wait status, clone3's struct clone_args,
 * rlimit, utsname, futex's fourth argument, and i386 ipc shown with its
 * subcall's name.
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h) and, for futex's timeout, decode_substruct, never another family's decoder nor the walk.
 */
#include "config.h"

#include <linux/futex.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "decode/prim.h"
#include "mem.h"

/* The int status of wait4/waitpid as an object: {"WIFEXITED": true,
   "WEXITSTATUS": 0}, {"WIFSIGNALED": true, "WTERMSIG": "SIGKILL",
   "WCOREDUMP": false}, {"WIFSTOPPED": true, "WSTOPSIG": ...}, and the raw
   value when nothing matches. */
void decode_waitstatus(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	int32_t st;

	if (!decode_fetch(c, addr, &st, 4, b))
		return;
	jb_obj_begin(b);
	if (WIFEXITED(st)) {
		jb_key(b, "WIFEXITED");
		jb_bool(b, true);
		jb_key(b, "WEXITSTATUS");
		jb_int(b, WEXITSTATUS(st));
	} else if (WIFSIGNALED(st)) {
		jb_key(b, "WIFSIGNALED");
		jb_bool(b, true);
		jb_key(b, "WTERMSIG");
		decode_signo(WTERMSIG(st), b);
		jb_key(b, "WCOREDUMP");
		jb_bool(b, WCOREDUMP(st) != 0);
	} else if (WIFSTOPPED(st)) {
		jb_key(b, "WIFSTOPPED");
		jb_bool(b, true);
		jb_key(b, "WSTOPSIG");
		decode_signo(WSTOPSIG(st) & 0x7f, b);
		if (st >> 16) {
			jb_key(b, "event");
			jb_int(b, st >> 16);
		}
	} else if (WIFCONTINUED(st)) {
		jb_key(b, "WIFCONTINUED");
		jb_bool(b, true);
	}
	jb_key(b, "raw");
	jb_hex(b, (uint32_t)st);
	jb_obj_end(b);
}

/* struct clone_args: eleven u64 (fewer when size says an older version). */
void decode_clone_args(struct dctx *c, uint64_t addr, uint64_t size, struct jbuf *b)
{
	static const char *const names[11] = {
		"flags", "pidfd", "child_tid", "parent_tid", "exit_signal",
		"stack", "stack_size", "tls", "set_tid", "set_tid_size", "cgroup",
	};
	uint64_t a[11];
	unsigned int k, n;

	if (size < 64) {
		decode_ptr(b, addr);
		return;
	}
	n = size >= 88 ? 11 : size / 8;
	memset(a, 0, sizeof(a));
	if (!decode_fetch(c, addr, a, n * 8, b))
		return;
	jb_obj_begin(b);
	for (k = 0; k < n; k++) {
		jb_key(b, names[k]);
		if (k == 0)
			decode_flags(XT_clone3, a[k], b);
		else if (k == 4)
			decode_signo((int64_t)a[k], b);
		else if (k == 6 || k == 9)
			jb_uint(b, a[k]);
		else if (k == 10)
			jb_uint(b, a[k]);
		else
			decode_ptr(b, a[k]);
	}
	jb_obj_end(b);
}

static void _rlim(uint64_t v, bool infinite, struct jbuf *b)
{
	if (infinite)
		jb_str(b, "RLIM_INFINITY");
	else
		jb_uint(b, v);
}

void decode_rlimit(struct dctx *c, int st, uint64_t addr, struct jbuf *b)
{
	uint64_t cur, max;

	if (st == ST_rlimit64 || !decode_i386(c)) {
		uint64_t r[2];

		if (!decode_fetch(c, addr, r, sizeof(r), b))
			return;
		jb_obj_begin(b);
		jb_key(b, "rlim_cur");
		_rlim(r[0], r[0] == UINT64_MAX, b);
		jb_key(b, "rlim_max");
		_rlim(r[1], r[1] == UINT64_MAX, b);
		jb_obj_end(b);
		return;
	}
	{
		uint32_t r[2];

		if (!decode_fetch(c, addr, r, sizeof(r), b))
			return;
		cur = r[0];
		max = r[1];
	}
	jb_obj_begin(b);
	jb_key(b, "rlim_cur");
	_rlim(cur, cur == UINT32_MAX, b);
	jb_key(b, "rlim_max");
	_rlim(max, max == UINT32_MAX, b);
	jb_obj_end(b);
}

void decode_utsname(struct dctx *c, int st, uint64_t addr, struct jbuf *b)
{
	static const char *const names[6] = {
		"sysname", "nodename", "release", "version", "machine", "domainname",
	};
	char u[6 * 65];
	unsigned int len = st == ST_oldold_utsname ? 9 : 65, n = st == ST_utsname ? 6 : 5, k;

	if (!decode_fetch(c, addr, u, n * len, b))
		return;
	jb_obj_begin(b);
	for (k = 0; k < n; k++) {
		jb_key(b, names[k]);
		jb_bytes(b, u + k * len, strnlen(u + k * len, len));
	}
	jb_obj_end(b);
}

/* futex(uaddr, op, val, utime, uaddr2, val3): utime is a timeout for the
   waiting ops and the count val2 for the requeue and wake_op ones. */
void decode_futexarg(struct dctx *c, int i, struct jbuf *b)
{
	int op = (int)decode_value(c, 1) & FUTEX_CMD_MASK;
	uint64_t v = decode_value(c, i);
	int st = c->se->args[i].aux;

	if (decode_i386(c))
		v = (uint32_t)v;
	switch (op) {
	case FUTEX_WAIT: case FUTEX_WAIT_BITSET: case FUTEX_LOCK_PI:
	case FUTEX_WAIT_REQUEUE_PI:
#ifdef FUTEX_LOCK_PI2
	case FUTEX_LOCK_PI2:
#endif
		if (v == 0)
			jb_null(b);
		else
			decode_substruct(c, i, st >= 0 ? st : ST_timespec, v, b);
		break;
	case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
	case FUTEX_CMP_REQUEUE_PI:
		jb_uint(b, (uint32_t)v);
		break;
	default:
		decode_ptr(b, v);
	}
}

/* i386 ipc(call, first, second, third, ptr, fifth): the call is already
   shown by name (SEMOP, MSGSND, SHMAT...); ptr is shown as
   {"addr", "call"} with the subcall's name, and for msgsnd/msgrcv the
   message type and text. */
void decode_ipc(struct dctx *c, int i, struct jbuf *b)
{
	uint32_t call = (uint32_t)c->args[0] & 0xffff;
	uint64_t ptr = (uint32_t)decode_value(c, i);
	const char *name = xlat_name(XT_ipc, call);

	if (ptr == 0) {
		jb_null(b);
		return;
	}
	jb_obj_begin(b);
	jb_key(b, "addr");
	jb_hex(b, ptr);
	if (name) {
		char lower[32];
		size_t k;

		for (k = 0; name[k] && k + 1 < sizeof(lower); k++)
			lower[k] = (name[k] >= 'A' && name[k] <= 'Z') ? name[k] + 32 : name[k];
		lower[k] = '\0';
		jb_key(b, "call");
		jb_str(b, lower);
	}
	if (call == 11) {	/* MSGSND: struct msgbuf { long mtype; char mtext[]; } */
		int32_t mtype;

		if (mem_read(c->tid, ptr, &mtype, 4) == 0) {
			jb_key(b, "mtype");
			jb_int(b, mtype);
			jb_key(b, "mtext");
			decode_bytes(c, i, ptr + 4, (uint32_t)c->args[2], b);
		}
	}
	jb_obj_end(b);
}

/* struct user_desc (i386 set_thread_area, get_thread_area, modify_ldt):
   entry_number, base_addr, limit, then a word of bit fields. */
void decode_user_desc(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint32_t u[4];

	if (!decode_fetch(c, addr, u, sizeof(u), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "entry_number");
	jb_int(b, (int32_t)u[0]);
	jb_key(b, "base_addr");
	jb_hex(b, u[1]);
	jb_key(b, "limit");
	jb_hex(b, u[2]);
	jb_key(b, "seg_32bit");
	jb_uint(b, u[3] & 1);
	jb_key(b, "contents");
	jb_uint(b, (u[3] >> 1) & 3);
	jb_key(b, "read_exec_only");
	jb_uint(b, (u[3] >> 3) & 1);
	jb_key(b, "limit_in_pages");
	jb_uint(b, (u[3] >> 4) & 1);
	jb_key(b, "seg_not_present");
	jb_uint(b, (u[3] >> 5) & 1);
	jb_key(b, "useable");
	jb_uint(b, (u[3] >> 6) & 1);
	jb_obj_end(b);
}

void decode_sched_param(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	int32_t prio;

	if (!decode_fetch(c, addr, &prio, 4, b))
		return;
	jb_obj_begin(b);
	jb_key(b, "sched_priority");
	jb_int(b, prio);
	jb_obj_end(b);
}

/* struct __user_cap_header_struct { u32 version; int pid; } */
void decode_cap_header(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint32_t h[2];

	if (!decode_fetch(c, addr, h, sizeof(h), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "version");
	jb_hex(b, h[0]);
	jb_key(b, "pid");
	jb_int(b, (int32_t)h[1]);
	jb_obj_end(b);
}

/* struct sched_attr: u32 size, policy; u64 flags; s32 nice; u32 priority;
   u64 runtime, deadline, period (then utilisation clamps, not shown). */
void decode_sched_attr(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint8_t raw[48];
	uint32_t size, policy, prio;
	int32_t nice;
	uint64_t flags, t[3];
	const char *name;

	if (!decode_fetch(c, addr, raw, sizeof(raw), b))
		return;
	memcpy(&size, raw, 4);
	memcpy(&policy, raw + 4, 4);
	memcpy(&flags, raw + 8, 8);
	memcpy(&nice, raw + 16, 4);
	memcpy(&prio, raw + 20, 4);
	memcpy(t, raw + 24, 24);
	jb_obj_begin(b);
	jb_key(b, "size");
	jb_uint(b, size);
	jb_key(b, "sched_policy");
	name = xlat_name(XT_sched_policy, policy);
	if (name)
		jb_str(b, name);
	else
		jb_uint(b, policy);
	jb_key(b, "sched_flags");
	jb_hex(b, flags);
	jb_key(b, "sched_nice");
	jb_int(b, nice);
	jb_key(b, "sched_priority");
	jb_uint(b, prio);
	jb_key(b, "sched_runtime");
	jb_uint(b, t[0]);
	jb_key(b, "sched_deadline");
	jb_uint(b, t[1]);
	jb_key(b, "sched_period");
	jb_uint(b, t[2]);
	jb_obj_end(b);
}

/* struct __user_cap_data_struct[2] { u32 effective, permitted, inheritable; } */
void decode_cap_data(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	static const char *const names[3] = { "effective", "permitted", "inheritable" };
	uint32_t d[6];
	unsigned int k;

	if (!decode_fetch(c, addr, d, sizeof(d), b))
		return;
	jb_obj_begin(b);
	for (k = 0; k < 3; k++) {
		jb_key(b, names[k]);
		jb_hex(b, (uint64_t)d[3 + k] << 32 | d[k]);
	}
	jb_obj_end(b);
}

/* struct mq_attr: four longs (mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs). */
void decode_mq_attr(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	static const char *const names[4] = { "mq_flags", "mq_maxmsg", "mq_msgsize", "mq_curmsgs" };
	uint8_t raw[32];
	unsigned int w = decode_wordsize(c), k;

	if (!decode_fetch(c, addr, raw, 4 * w, b))
		return;
	jb_obj_begin(b);
	for (k = 0; k < 4; k++) {
		jb_key(b, names[k]);
		if (k == 0)
			decode_flags(XT_open, (uint64_t)decode_word(c, raw, false), b);
		else
			jb_int(b, decode_word(c, raw + k * w, true));
	}
	jb_obj_end(b);
}
