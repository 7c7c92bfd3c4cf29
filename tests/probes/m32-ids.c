/*
 * m32-ids: an i386 static program making the identity calls of the i386
 * ABI, 16-bit and *32, for tests/fakeroot-i386.test: one line per call,
 * its result or errno's name.  Run as root, every call is one the kernel
 * allows, so that the native run prints the same lines as the one under
 * xlat -0.  argv[1] is a file, argv[2] a symbolic link to it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ID16_NONE 0xffff	/* -1 of the 16-bit calls */

static void result(const char *what, long r)
{
	if (r < 0)
		printf("%s %s\n", what, strerrorname_np(errno));
	else
		printf("%s %ld\n", what, r);
}

/* A stat buffer's owner: 16-bit or 32-bit fields at off and off + w. */
static void owner(const char *what, long r, const uint8_t *b, int off, int w)
{
	uint16_t u16[2];
	uint32_t u32[2];

	if (r < 0) {
		printf("%s %s\n", what, strerrorname_np(errno));
	} else if (w == 2) {
		memcpy(u16, b + off, sizeof(u16));
		printf("%s %u %u\n", what, u16[0], u16[1]);
	} else {
		memcpy(u32, b + off, sizeof(u32));
		printf("%s %u %u\n", what, u32[0], u32[1]);
	}
}

static void ids(const char *what, long u, long eu, long g, long eg)
{
	printf("%s %ld %ld %ld %ld\n", what, syscall(u), syscall(eu), syscall(g), syscall(eg));
}

int main(int argc, char **argv)
{
	static uint8_t b[512];
	uint16_t r16[3];
	uint32_t r32[3];
	int fd;

	if (argc < 3)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	ids("ids16", SYS_getuid, SYS_geteuid, SYS_getgid, SYS_getegid);
	ids("ids32", SYS_getuid32, SYS_geteuid32, SYS_getgid32, SYS_getegid32);

	result("chown16", syscall(SYS_chown, argv[1], 1000, ID16_NONE));
	result("lchown16", syscall(SYS_lchown, argv[2], ID16_NONE, 7));
	fd = open(argv[1], O_RDONLY);
	result("fchown16", syscall(SYS_fchown, fd, ID16_NONE, 1001));
	close(fd);
	result("chown32", syscall(SYS_chown32, argv[1], 70000, -1));
	result("chown-missing", syscall(SYS_chown32, "/nonexistent/x", 1, 1));
	/* Owner fields: struct stat (i386) at 12, old_kernel_stat at 8,
	   stat64 at 24, statx at 20. */
	owner("stat", syscall(SYS_stat, argv[1], b), b, 12, 2);
	owner("oldstat", syscall(SYS_oldstat, argv[1], b), b, 8, 2);
	owner("stat64", syscall(SYS_stat64, argv[1], b), b, 24, 4);
	owner("lstat64", syscall(SYS_lstat64, argv[2], b), b, 24, 4);
	owner("fstatat64", syscall(SYS_fstatat64, AT_FDCWD, argv[1], b, 0), b, 24, 4);
	owner("statx", syscall(SYS_statx, AT_FDCWD, argv[1], 0, 0x7ff, b), b, 20, 4);

	result("setgid16", syscall(SYS_setgid, 50));
	result("setresgid32", syscall(SYS_setresgid32, -1, 70000, -1));
	syscall(SYS_getresgid, &r16[0], &r16[1], &r16[2]);
	printf("getresgid16 %u %u %u\n", r16[0], r16[1], r16[2]);
	syscall(SYS_getresgid32, &r32[0], &r32[1], &r32[2]);
	printf("getresgid32 %u %u %u\n", r32[0], r32[1], r32[2]);
	result("setfsgid16", syscall(SYS_setfsgid, ID16_NONE));
	result("setreuid16", syscall(SYS_setreuid, 5, ID16_NONE));
	syscall(SYS_getresuid, &r16[0], &r16[1], &r16[2]);
	printf("getresuid16 %u %u %u\n", r16[0], r16[1], r16[2]);
	result("setuid32", syscall(SYS_setuid32, 70001));
	ids("ids16", SYS_getuid, SYS_geteuid, SYS_getgid, SYS_getegid);
	ids("ids32", SYS_getuid32, SYS_geteuid32, SYS_getgid32, SYS_getegid32);
	result("getresuid16-null", syscall(SYS_getresuid, NULL, NULL, NULL));
	return 0;
}
