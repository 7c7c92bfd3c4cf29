/* m32-unix: AF_UNIX names through i386's socketcall(2), the way old
 * 32-bit programs reach the socket calls: bind a path, getsockname it,
 * connect to it, and print what the kernel says.  tests/root-calls.test
 * runs it under chroot and under xlat -r, where the path is translated
 * inside socketcall's argument block. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static long sc(int call, unsigned long *args)
{
	return syscall(SYS_socketcall, call, args);
}

int main(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX }, b;
	socklen_t len = sizeof(b);
	unsigned long args[3];
	long s, c, r;

	strcpy(a.sun_path, "/tmp/s32");
	unlink(a.sun_path);
	args[0] = AF_UNIX; args[1] = SOCK_STREAM; args[2] = 0;
	s = sc(1, args);			/* socket */
	c = sc(1, args);
	args[0] = s; args[1] = (unsigned long)&a; args[2] = sizeof(a);
	printf("bind %ld\n", sc(2, args));	/* bind */
	args[0] = s; args[1] = 128;
	sc(4, args);				/* listen */
	memset(&b, 0, sizeof(b));
	args[0] = s; args[1] = (unsigned long)&b; args[2] = (unsigned long)&len;
	r = sc(6, args);			/* getsockname */
	printf("getsockname %ld %s\n", r, b.sun_path);
	args[0] = c; args[1] = (unsigned long)&a; args[2] = sizeof(a);
	printf("connect %ld\n", sc(3, args));	/* connect */
	printf("exists %d\n", access("/tmp/s32", F_OK) == 0);
	unlink("/tmp/s32");
	return 0;
}
