/*
 * id-trap.c - fake root: the filter a process adds once it is no longer
 * root.
 *
 * While a process's fake fsuid is 0, an open that creates nothing needs
 * nothing of the fake root (the real user keeps owner read and write on
 * every file the command made: id-fcalls.c), so xlat's filter stops open
 * and openat only when they have O_CREAT.  A process whose fsuid becomes
 * another user's must have each open checked against the recorded owners
 * and modes.  A filter cannot be changed, but a process can add one: at
 * the set*id call, the process is made to call seccomp(2) with a filter
 * that returns SECCOMP_RET_TRACE for open and openat of both ABIs, for
 * all its threads (TSYNC, or the calling thread alone when the others
 * cannot follow), and its children inherit it.  The set*id call is then
 * rewound, stops again, and is answered.
 *
 * The program is written below the thread's stack pointer, past the red
 * zone, as the kernel writes a signal frame; seccomp(2) copies it.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "mem.h"
#include "regs.h"
#include "tables/sysent.h"
#include "translate/id.h"

#define RED_ZONE 128
#define NINSNS 12

/* struct sock_fprog as an i386 process passes it. */
struct fprog32 {
	uint16_t len;
	uint32_t filter;
} __attribute__((packed, aligned(4)));

/* open and openat of either ABI stop; all else passes (to the filters
   below this one, which decide it as before). */
static void _program(struct sock_filter f[NINSNS])
{
	const uint32_t trace = SECCOMP_RET_TRACE, allow = SECCOMP_RET_ALLOW;
	const struct sock_filter p[NINSNS] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 4),
		/* 2 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* 3 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 (uint32_t)sysent_nr(ABI_X86_64, SYSID_open), 7, 0),
		/* 4 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 (uint32_t)sysent_nr(ABI_X86_64, SYSID_openat), 6, 0),
		/* 5 */ BPF_STMT(BPF_RET | BPF_K, allow),
		/* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 3),
		/* 7 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 (uint32_t)sysent_nr(ABI_I386, SYSID_open), 2, 0),
		/* 9 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 (uint32_t)sysent_nr(ABI_I386, SYSID_openat), 1, 0),
		/* 10 */ BPF_STMT(BPF_RET | BPF_K, allow),
		/* 11 */ BPF_STMT(BPF_RET | BPF_K, trace),
	};

	memcpy(f, p, sizeof(p));
}

/* Write the program below tid's stack: its struct sock_fprog's address
   in *addr.  0 or -errno. */
static int _put(struct xcall *x, uint64_t *addr)
{
	unsigned char b[sizeof(struct sock_fprog) + NINSNS * sizeof(struct sock_filter)];
	struct sock_filter *f = (struct sock_filter *)(b + sizeof(struct sock_fprog));
	struct sock_fprog p64;
	struct fprog32 p32;
	uint64_t sp, at;
	int rc;

	rc = regs_sp(x->tid, &sp);
	if (rc < 0)
		return rc;
	at = (sp - RED_ZONE - sizeof(b)) & ~(uint64_t)15;
	_program(f);
	memset(b, 0, sizeof(struct sock_fprog));
	if (x->abi == ABI_I386) {
		if (at + sizeof(b) > UINT32_MAX)
			return -EFAULT;	/* int $0x80 from a 64-bit stack */
		p32.len = NINSNS;
		p32.filter = (uint32_t)(at + sizeof(struct sock_fprog));
		memcpy(b, &p32, sizeof(p32));
	} else {
		p64.len = NINSNS;
		p64.filter = (struct sock_filter *)(uintptr_t)(at + sizeof(struct sock_fprog));
		memcpy(b, &p64, sizeof(p64));
	}
	*addr = at;
	return mem_write(x->tid, at, b, sizeof(b));
}

int idt_trap_opens(struct xcall *x)
{
	bool all = idp_opens(x->pid) != OPENS_THREAD;
	uint64_t args[6] = { SECCOMP_SET_MODE_FILTER, all ? SECCOMP_FILTER_FLAG_TSYNC : 0 };
	long nr = sysent_nr(x->abi, SYSID_seccomp);
	int64_t ret;
	int rc;

	if (nr < 0 || _put(x, &args[2]) < 0)
		return 0;
	rc = regs_call(x->tid, x->abi, nr, args, &ret, &x->status);
	if (rc < 0)
		return 0;
	if (rc > 0)
		return XH_AGAIN | XH_RESTOPPED;
	/* Thread ret cannot take the filter (its filters went their own
	   way): when the call stops again, this thread alone.  Otherwise
	   made, or refused by the kernel (no privilege to add a filter):
	   either way not tried again for this process. */
	idp_set_opens(x->pid, all && ret > 0 ? OPENS_THREAD : OPENS_DONE);
	return XH_AGAIN;
}
