/* m32-hello: an i386 static program making a few ordinary calls.
 * Built with gcc -m32 -static, so every call it makes after exec is an i386
 * system call (glibc enters the kernel through the vDSO or int 0x80).
 *
 * What a tracer should show, in order (names as i386 knows them):
 *   getpid (20), openat (295) of "/dev/null" with O_RDONLY, close (6),
 *   write (4) of "hello from i386\n" to fd 1, exit_group (252) with 7.
 * Prints "hello from i386" and exits with status 7. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	static const char msg[] = "hello from i386\n";
	int fd;

	if (getpid() <= 0)
		return 1;
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0)
		return 2;
	if (close(fd) != 0)
		return 3;
	if (write(1, msg, strlen(msg)) != (ssize_t)strlen(msg))
		return 4;
	return 7;
}
