/*
 * m32-dec: an i386 static program making calls whose i386 layouts the
 * decoders must know, with known arguments, for tests/decode-i386.test:
 * open (5) with O_RDONLY|O_LARGEFILE, fstat (108, struct stat of i386),
 * fstat64 (197), _llseek (140) to offset 16, fadvise64_64 (272) with a
 * 64-bit offset of 2^32 split over two registers, mmap2 (192) and old
 * mmap (90, one struct), socketcall (102) SYS_SOCKET and SYS_CONNECT to a
 * missing unix path, rt_sigaction (174) in the i386 layout,
 * clock_nanosleep (267, 32-bit timespec) and clock_nanosleep_time64
 * (407), waitpid (7) of a child exiting with 5, uname (122), and fstat64
 * to an unmapped pointer (EFAULT) and of a bad fd (EBADF), and ipc (117)
 * msgsnd of "hi".  argv[1] is a file to open.  Exits 0 when every call behaved as expected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define FAIL(n) do { return n; } while (0)

struct k_sigaction32 {
	uint32_t handler, flags, restorer;
	uint32_t mask[2];
};

struct ts64 { int64_t sec, nsec; };
struct ts32 { int32_t sec, nsec; };

static void handler(int sig) { (void)sig; }

int main(int argc, char **argv)
{
	static char st[256], st64[256];
	int fd, sfd, status;
	long rc;
	uint32_t lo_hi[2] = { 0, 0 };
	int64_t result = -1;
	uint32_t mm[6] = { 0, 4096, 3, 0x22, (uint32_t)-1, 0 };
	uint32_t sargs[3];
	struct sockaddr_un sun;
	struct k_sigaction32 sa;
	struct ts32 t32 = { 0, 1000 };
	struct ts64 t64 = { 0, 2000 };
	static char uts[6 * 65];
	pid_t pid;

	(void)lo_hi;
	if (argc != 2)
		FAIL(2);
	fd = syscall(SYS_open, argv[1], O_RDONLY | 0100000);
	if (fd < 0)
		FAIL(3);
	if (syscall(SYS_fstat, fd, st) != 0)
		FAIL(4);
	if (syscall(SYS_fstat64, fd, st64) != 0)
		FAIL(5);
	if (syscall(SYS__llseek, fd, 0, 16, &result, SEEK_SET) != 0 || result != 16)
		FAIL(6);
	if (syscall(SYS_fadvise64_64, fd, 0, 1, 0, 0, POSIX_FADV_NORMAL) != 0)
		FAIL(7);
	if (syscall(SYS_mmap2, 0, 8192, 3, 0x22, -1, 0) == -1)
		FAIL(8);
	if (syscall(SYS_mmap, mm) == -1)
		FAIL(9);
	sargs[0] = AF_UNIX;
	sargs[1] = 1;	/* SOCK_STREAM */
	sargs[2] = 0;
	sfd = syscall(SYS_socketcall, 1, sargs);
	if (sfd < 0)
		FAIL(10);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "/nonexistent/m32.sock");
	sargs[0] = sfd;
	sargs[1] = (uint32_t)(uintptr_t)&sun;
	sargs[2] = sizeof(sun);
	if (syscall(SYS_socketcall, 3, sargs) != -1 || errno != ENOENT)
		FAIL(11);
	memset(&sa, 0, sizeof(sa));
	sa.handler = (uint32_t)(uintptr_t)handler;
	sa.flags = SA_RESTART;
	sa.mask[0] = 1u << (SIGUSR2 - 1);
	if (syscall(SYS_rt_sigaction, SIGUSR1, &sa, NULL, 8) != 0)
		FAIL(12);
	if (syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &t32, NULL) != 0)
		FAIL(13);
	rc = syscall(407, CLOCK_MONOTONIC, 0, &t64, NULL);
	if (rc != 0 && errno != ENOSYS)
		FAIL(14);
	pid = fork();
	if (pid < 0)
		FAIL(15);
	if (pid == 0)
		_exit(5);
	if (syscall(SYS_waitpid, pid, &status, 0) != pid)
		FAIL(16);
	if (syscall(SYS_uname, uts) != 0)
		FAIL(17);
	if (syscall(SYS_fstat64, fd, (void *)16) != -1 || errno != EFAULT)
		FAIL(18);
	if (syscall(SYS_fstat64, 999, st64) != -1 || errno != EBADF)
		FAIL(19);
	/* ipc (117): msgget (13) of a private queue, msgsnd (11) of type 1
	   text "hi", msgctl (14) IPC_RMID.  A kernel without System V IPC
	   answers ENOSYS; the test then finds no msgsnd. */
	{
		struct { int32_t mtype; char mtext[2]; } msg = { 1, { 'h', 'i' } };
		long id = syscall(SYS_ipc, 13, 0 /* IPC_PRIVATE */, 0600, 0, 0, 0);

		if (id >= 0) {
			if (syscall(SYS_ipc, 11, id, 2, 0, &msg, 0) != 0)
				FAIL(20);
			syscall(SYS_ipc, 14, id, 0 /* IPC_RMID */, 0, 0, 0);
		}
	}
	return 0;
}
