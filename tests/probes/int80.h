/*
 * int80.h - the one place the probes spell an i386 system call made with
 * int $0x80 from 64-bit code.
 */
#ifndef XLAT_PROBES_INT80_H
#define XLAT_PROBES_INT80_H

/* int80_call: i386 system call NR with up to three arguments; returns the
 * kernel's value (-errno on failure).  r8-r11 are listed as clobbered
 * because kernels before 4.17 did not preserve them across int $0x80. */
static inline long int80_call(long nr, long a1, long a2, long a3)
{
	int ret;

	__asm__ volatile ("int $0x80"
		: "=a" (ret)
		: "a" (nr), "b" (a1), "c" (a2), "d" (a3)
		: "r8", "r9", "r10", "r11", "memory", "cc");
	return ret;
}

#endif
