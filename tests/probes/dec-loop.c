/*
 * dec-loop N: makes N getppid calls (raw syscalls, so libc cannot cache
 * them), for tests/memory-flat.test.  With a second argument it pauses
 * for that many milliseconds between the halves, so that the test can
 * sample the supervisor's memory early and late.
 */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000, i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
