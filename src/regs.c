/*
 * regs.c - PTRACE_GET_SYSCALL_INFO and the register writes that skip a call
 * or change its result.
 */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "regs.h"
#include "tables/sysent.h"

#define X32_SYSCALL_BIT 0x40000000UL

/* <sys/ptrace.h> and <linux/ptrace.h> disagree on names; use our own copy
   of the stable struct layout of PTRACE_GET_SYSCALL_INFO (Linux 5.3). */
struct _sci {
	uint8_t op;
	uint8_t pad[3];
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t stack_pointer;
	union {
		struct {
			uint64_t nr;
			uint64_t args[6];
		} entry;
		struct {
			int64_t rval;
			uint8_t is_error;
		} exit;
		struct {
			uint64_t nr;
			uint64_t args[6];
			uint32_t ret_data;
		} seccomp;
	};
};

static int _abi_of(uint32_t arch)
{
	switch (arch) {
	case AUDIT_ARCH_X86_64:
		return ABI_X86_64;
	case AUDIT_ARCH_I386:
		return ABI_I386;
	default:
		return -1;
	}
}

/* The call the kernel makes of a number: on x86_64 it dispatches on the
   low 32 bits of the register, as an int; numbers with bit 30 set (and bit
   31 clear) are x32 calls; negative ones are no call at all. */
static void _set_call(struct scinfo *si, uint64_t nr, const uint64_t *args)
{
	uint32_t k = (uint32_t)nr;
	int i;

	si->raw_nr = (int64_t)nr;
	si->nr = (long)nr;
	if (si->abi == ABI_X86_64) {
		if (k < X32_SYSCALL_BIT) {
			si->nr = k;
		} else if (k < 0x80000000u) {
			si->x32 = true;
			si->nr = k & ~X32_SYSCALL_BIT;
		} else {
			si->nr = (int32_t)k;
		}
	} else if (si->abi == ABI_I386) {
		si->raw_nr = (int32_t)nr;
		si->nr = (int32_t)nr;
	}
	for (i = 0; i < 6; i++)
		si->args[i] = si->abi == ABI_I386 ? (uint32_t)args[i] : args[i];
}

int regs_get(pid_t tid, struct scinfo *si)
{
	struct _sci k;
	long n;

	memset(si, 0, sizeof(*si));
	n = ptrace(PTRACE_GET_SYSCALL_INFO, tid, (void *)sizeof(k), &k);
	if (n < 0)
		return -errno;
	si->abi = _abi_of(k.arch);
	switch (k.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		si->op = OP_ENTRY;
		_set_call(si, k.entry.nr, k.entry.args);
		break;
	case PTRACE_SYSCALL_INFO_SECCOMP:
		si->op = OP_SECCOMP;
		_set_call(si, k.seccomp.nr, k.seccomp.args);
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		si->op = OP_EXIT;
		si->rval = k.exit.rval;
		if (si->abi == ABI_I386)
			si->rval = (int32_t)si->rval;
		si->is_error = k.exit.is_error;
		break;
	default:
		si->op = OP_NONE;
		break;
	}
	return 0;
}

int regs_skip(pid_t tid, int64_t retval)
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, tid, NULL, &r) < 0)
		return -errno;
	/* The kernel skips a call whose number a tracer set to -1 and returns
	   what the tracer left in the return register. */
	r.orig_rax = (unsigned long long)-1;
	r.rax = (unsigned long long)retval;
	if (ptrace(PTRACE_SETREGS, tid, NULL, &r) < 0)
		return -errno;
	return 0;
}

int regs_sp(pid_t tid, uint64_t *sp)
{
	long v;

	errno = 0;
	v = ptrace(PTRACE_PEEKUSER, tid, offsetof(struct user_regs_struct, rsp), NULL);
	if (v == -1 && errno)
		return -errno;
	*sp = (uint64_t)v;
	return 0;
}

int regs_set_ret(pid_t tid, int64_t retval)
{
	if (ptrace(PTRACE_POKEUSER, tid, offsetof(struct user_regs_struct, rax),
		   (void *)retval) < 0)
		return -errno;
	return 0;
}

int regs_get_raw(pid_t tid, int abi, long *nr, uint64_t args[6])
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, tid, NULL, &r) < 0)
		return -errno;
	if (abi == ABI_I386) {
		*nr = (int32_t)r.orig_rax;
		args[0] = (uint32_t)r.rbx;
		args[1] = (uint32_t)r.rcx;
		args[2] = (uint32_t)r.rdx;
		args[3] = (uint32_t)r.rsi;
		args[4] = (uint32_t)r.rdi;
		args[5] = (uint32_t)r.rbp;
	} else {
		*nr = (long)r.orig_rax;
		args[0] = r.rdi;
		args[1] = r.rsi;
		args[2] = r.rdx;
		args[3] = r.r10;
		args[4] = r.r8;
		args[5] = r.r9;
	}
	return 0;
}

static void _put_args(struct user_regs_struct *r, int abi, const uint64_t args[6])
{
	if (abi == ABI_I386) {
		r->rbx = (uint32_t)args[0];
		r->rcx = (uint32_t)args[1];
		r->rdx = (uint32_t)args[2];
		r->rsi = (uint32_t)args[3];
		r->rdi = (uint32_t)args[4];
		r->rbp = (uint32_t)args[5];
	} else {
		r->rdi = args[0];
		r->rsi = args[1];
		r->rdx = args[2];
		r->r10 = args[3];
		r->r8 = args[4];
		r->r9 = args[5];
	}
}

int regs_set_args(pid_t tid, int abi, const uint64_t args[6])
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, tid, NULL, &r) < 0)
		return -errno;
	_put_args(&r, abi, args);
	if (ptrace(PTRACE_SETREGS, tid, NULL, &r) < 0)
		return -errno;
	return 0;
}

/* Where each argument register of an ABI lives in struct user_regs_struct. */
static const size_t _arg_off[2][6] = {
	[ABI_X86_64] = {
		offsetof(struct user_regs_struct, rdi), offsetof(struct user_regs_struct, rsi),
		offsetof(struct user_regs_struct, rdx), offsetof(struct user_regs_struct, r10),
		offsetof(struct user_regs_struct, r8), offsetof(struct user_regs_struct, r9),
	},
	[ABI_I386] = {
		offsetof(struct user_regs_struct, rbx), offsetof(struct user_regs_struct, rcx),
		offsetof(struct user_regs_struct, rdx), offsetof(struct user_regs_struct, rsi),
		offsetof(struct user_regs_struct, rdi), offsetof(struct user_regs_struct, rbp),
	},
};

int regs_set_some_args(pid_t tid, int abi, const uint64_t args[6], unsigned int which)
{
	uint64_t v;
	int i;

	if (abi != ABI_X86_64 && abi != ABI_I386)
		return -EINVAL;
	/* One POKEUSER a register: a path pinned is one register, where
	   GETREGS and SETREGS are two calls. */
	for (i = 0; i < 6; i++) {
		if (!(which & (1u << i)))
			continue;
		v = abi == ABI_I386 ? (uint32_t)args[i] : args[i];
		if (ptrace(PTRACE_POKEUSER, tid, _arg_off[abi][i], (void *)(uintptr_t)v) < 0)
			return -errno;
	}
	return 0;
}

int regs_set_call(pid_t tid, int abi, long nr, const uint64_t args[6])
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, tid, NULL, &r) < 0)
		return -errno;
	r.orig_rax = (unsigned long long)nr;
	_put_args(&r, abi, args);
	if (ptrace(PTRACE_SETREGS, tid, NULL, &r) < 0)
		return -errno;
	return 0;
}

int regs_call(pid_t tid, int abi, long nr, const uint64_t args[6], int64_t *ret,
	      int *status)
{
	struct user_regs_struct saved, r;

	if (ptrace(PTRACE_GETREGS, tid, NULL, &saved) < 0)
		return -errno;
	r = saved;
	r.orig_rax = (unsigned long long)nr;
	_put_args(&r, abi, args);
	if (ptrace(PTRACE_SETREGS, tid, NULL, &r) < 0 ||
	    ptrace(PTRACE_SYSCALL, tid, NULL, NULL) < 0)
		return -errno;
	while (waitpid(tid, status, __WALL) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFSTOPPED(*status) || WSTOPSIG(*status) != (SIGTRAP | 0x80))
		return 1;
	if (ptrace(PTRACE_GETREGS, tid, NULL, &r) < 0)
		return -errno;
	*ret = (int64_t)r.rax;
	if (abi == ABI_I386)	/* a 32-bit result: an address or -errno */
		*ret = (uint32_t)r.rax > (uint32_t)-4096 ? (int32_t)r.rax : (uint32_t)r.rax;
	/* Back over the syscall instruction (syscall and int $0x80 are both
	   two bytes long) with the number where the kernel expects it. */
	saved.rip -= 2;
	saved.rax = saved.orig_rax;
	if (ptrace(PTRACE_SETREGS, tid, NULL, &saved) < 0)
		return -errno;
	return 0;
}
