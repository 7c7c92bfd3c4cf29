/*
 * regs.h - syscall registers by role, for the x86_64 and i386 ABIs.
 *
 * The ABI of a stop comes from the kernel (PTRACE_GET_SYSCALL_INFO's arch),
 * not from the executable's ELF class: a 64-bit process that executes
 * int $0x80 makes i386 calls.
 */
#ifndef XLAT_REGS_H
#define XLAT_REGS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

enum stop_op { OP_NONE, OP_ENTRY, OP_EXIT, OP_SECCOMP };

struct scinfo {
	enum stop_op op;
	int abi;		/* enum abi, or -1 for an arch we do not know */
	bool x32;		/* x86_64 arch with the x32 bit set */
	long nr;		/* the number the kernel dispatches on, without
				   the x32 bit; negative: no call */
	int64_t raw_nr;		/* the register as the program set it */
	uint64_t args[6];	/* i386: truncated to 32 bits, as the kernel does */
	int64_t rval;
	bool is_error;
};

/* Read the syscall state of a stopped thread. 0 or -errno. */
int regs_get(pid_t tid, struct scinfo *si);
/* At a seccomp or entry stop: skip the call, making it return retval
   (a negative errno for failure). One stop, no exit stop follows. */
int regs_skip(pid_t tid, int64_t retval);
/* The stack pointer of a stopped thread: 0 or -errno. */
int regs_sp(pid_t tid, uint64_t *sp);
/* At an exit stop: replace the return value. */
int regs_set_ret(pid_t tid, int64_t retval);
/* The syscall number and arguments in the registers (PTRACE_EVENT_EXIT
   stops, where the syscall info says nothing): 0 or -errno. */
int regs_get_raw(pid_t tid, int abi, long *nr, uint64_t args[6]);
/* At a seccomp or entry stop: replace the call's arguments; or the call
   itself (the seccomp filter then checks the new call again). */
int regs_set_args(pid_t tid, int abi, const uint64_t args[6]);
int regs_set_call(pid_t tid, int abi, long nr, const uint64_t args[6]);
/* The same as regs_set_args for the registers of bits in which only. */
int regs_set_some_args(pid_t tid, int abi, const uint64_t args[6], unsigned int which);
/* At a seccomp or entry stop: make the tracee run call nr(args) of abi
   instead, wait for its exit stop, and rewind the tracee so that it makes
   its own call again (it stops there anew).  0 with the result in *ret;
   1 when another stop of tid came (its status in *status, the registers
   left as they are: the tracee is dying or was signalled); -errno. */
int regs_call(pid_t tid, int abi, long nr, const uint64_t args[6], int64_t *ret,
	      int *status);

#endif
