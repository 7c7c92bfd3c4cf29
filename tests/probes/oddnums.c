/*
 * oddnums - make syscalls with numbers no table names, or that only the
 * kernel's number decoding makes sense of, and print what each returned:
 * "NAME ret=R errno=E" a line each.  xlat must not change any of it
 * (tests/transparent-numbers.test compares a native run with runs under
 * xlat).  Raw syscall instructions, so that libc cannot filter a number.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static long _raw(uint64_t nr, long a0)
{
	long ret;

	__asm__ volatile ("syscall"
			  : "=a"(ret)
			  : "0"(nr), "D"(a0)
			  : "rcx", "r11", "memory");
	return ret;
}

static void _try(const char *what, uint64_t nr, long a0)
{
	long r = _raw(nr, a0);

	/* getpid's value differs between runs: print whether it matched. */
	if (strcmp(what, "low-half-getpid") == 0)
		printf("%s ret=%s\n", what, r == getpid() ? "pid" : "other");
	else if (r < 0 && r >= -4095)
		printf("%s ret=-1 errno=%ld\n", what, -r);
	else
		printf("%s ret=%ld\n", what, r);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	_try("minus-one", (uint64_t)-1, 0);
	_try("int-min", 0x80000000u, 0);
	_try("int-min-64", (uint64_t)(int64_t)INT32_MIN, 0);
	_try("big-3fffffff", 0x3fffffff, 0);
	_try("big-7fffffff", 0x7fffffff, 0);
	_try("x32-600", 0x40000000 | 600, 0);
	/* x32's getpid (39): runs where the kernel has the x32 ABI. */
	_try("x32-getpid", 0x40000000 | 39, 0);
	_try("unassigned-500", 500, 0);
	/* 0x100000027: the kernel reads the low half, 39, getpid. */
	_try("low-half-getpid", 0x100000027ull, 0);
	return 0;
}
