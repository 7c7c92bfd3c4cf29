/* int80: a 64-bit program that makes i386 system calls with int $0x80.
 *
 * The kernel treats int $0x80 from a 64-bit process as the i386 ABI: the
 * number is looked up in the i386 table and only the low 32 bits of each
 * argument register are used.  So every pointer handed over must lie below
 * 4 GiB; this probe copies its strings into a MAP_32BIT mapping first (a PIE
 * executable's own data lies far above that).
 *
 * What a tracer should show, in order:
 *   write (x86_64 1) of "int80: start\n"
 *   write (i386 4) of "int80: hello\n" to fd 1          -> 13
 *   getpid (i386 20)                                     -> the pid
 *   getpid (x86_64 39), to compare
 *   open (i386 5) of "/dev/null", O_RDONLY               -> a fd
 *   close (i386 6) of that fd                            -> 0
 *   open (i386 5) of "/nonexistent/int80", O_RDONLY      -> -1 ENOENT
 *   write (x86_64 1) of each report line below, between those calls
 *   exit (i386 1) with 0
 * The report printed on stdout is the same natively and under a tracer. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "int80.h"

/* i386 system call numbers (arch/x86/entry/syscalls/syscall_32.tbl). */
#define I386_EXIT	1
#define I386_WRITE	4
#define I386_OPEN	5
#define I386_CLOSE	6
#define I386_GETPID	20

/* say: print one report line, FMT with one %ld, with a 64-bit write (stdio
 * buffers would be lost at the raw exit at the end). */
static void
say(const char *fmt, long v)
{
	char line[128];
	int n = snprintf(line, sizeof line, fmt, v);

	if (n < 0 || n >= (int)sizeof line || write(1, line, (size_t)n) != n)
		_exit(90);
}

int
main(void)
{
	static const char hello[] = "int80: hello\n";
	static const char null[] = "/dev/null";
	static const char missing[] = "/nonexistent/int80";
	char *low;
	long ret, fd;

	low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED) {
		perror("int80: mmap MAP_32BIT");
		return 99;
	}
	memcpy(low, hello, sizeof hello);
	memcpy(low + 256, null, sizeof null);
	memcpy(low + 512, missing, sizeof missing);

	if (write(1, "int80: start\n", 13) != 13)
		return 90;

	ret = int80_call(I386_WRITE, 1, (long)low, sizeof hello - 1);
	say("write=%ld\n", ret);

	ret = int80_call(I386_GETPID, 0, 0, 0);
	say("getpid=%ld\n", ret == getpid());	/* 1: same as the 64-bit call */
	if (ret != getpid())
		return 1;

	fd = int80_call(I386_OPEN, (long)(low + 256), 0 /* O_RDONLY */, 0);
	say("open=%ld\n", fd >= 0);	/* 1: a descriptor (its number may differ) */
	if (fd < 0)
		return 1;
	ret = int80_call(I386_CLOSE, fd, 0, 0);
	say("close=%ld\n", ret);

	ret = int80_call(I386_OPEN, (long)(low + 512), 0, 0);
	say("open missing=%ld\n", ret);
	if (ret != -ENOENT)
		return 1;

	int80_call(I386_EXIT, 0, 0, 0);
	return 98;	/* not reached */
}
