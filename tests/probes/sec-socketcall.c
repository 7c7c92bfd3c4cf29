/* sec-socketcall: i386 socket calls made with int $0x80 from a 64-bit
 * program, both through the socketcall multiplexer (arguments in memory)
 * and directly; prints one line each, "socketcall(AF_INET) RESULT" and
 * "socket(AF_INET) RESULT", RESULT "ok" or the errno number.  A policy
 * about socket must reach both.  Needs a kernel with ia32 emulation. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include "int80.h"

#define I386_SOCKETCALL	102
#define I386_SOCKET	359
#define SYS_SOCKET_	1

static void report(const char *what, long rc)
{
	if (rc < 0)
		printf("%s %ld\n", what, -rc);
	else
		printf("%s ok\n", what);
}

int main(void)
{
	/* The argument block must lie below 4 GiB for the i386 ABI. */
	uint32_t *args = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	if (args == MAP_FAILED)
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	args[0] = AF_INET;
	args[1] = SOCK_STREAM;
	args[2] = 0;
	report("socketcall(AF_INET)", int80_call(I386_SOCKETCALL, SYS_SOCKET_,
						  (long)(uintptr_t)args, 0));
	args[0] = AF_UNIX;
	report("socketcall(AF_UNIX)", int80_call(I386_SOCKETCALL, SYS_SOCKET_,
						  (long)(uintptr_t)args, 0));
	report("socket(AF_INET)", int80_call(I386_SOCKET, AF_INET, SOCK_STREAM, 0));
	return 0;
}
