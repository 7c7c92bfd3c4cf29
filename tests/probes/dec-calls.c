/*
 * dec-calls: makes each decoded call once with known arguments, for
 * tests/decode-probe.test to check field by field.  argv[1] is a scratch
 * directory.  Calls that must fail do so with a known errno.  Prints
 * nothing; exits 0 when every call behaved as expected natively.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "dec-calls: %s:%d: %s\n", __FILE__, __LINE__, #cond); exit(1); } } while (0)

static void on_usr1(int sig) { (void)sig; }

int main(int argc, char **argv)
{
	char path[4096], buf[256];
	struct stat st;
	int fd, fds[2], rc;
	void *p;
	struct sockaddr_un sun;
	struct pollfd pfd;
	struct timespec ts = { 0, 1000 };
	struct sigaction sa;
	pid_t pid;
	int status;
	struct utsname u;
	struct sysinfo si;
	struct rlimit rl;
	struct iovec iov[2];
	static const char bytes[] = "\xff\xfe" "A";
	char longbuf[100];

	CHECK(argc == 2);
	CHECK(chdir(argv[1]) == 0);

	/* open/openat flags and mode; write; fstat of a known file */
	fd = syscall(SYS_openat, AT_FDCWD, "file", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello\n", 6) == 6);
	CHECK(syscall(SYS_fstat, fd, &st) == 0 && st.st_size == 6);
	CHECK(close(fd) == 0);
	CHECK(syscall(SYS_openat, AT_FDCWD, "missing", O_RDONLY) < 0 && errno == ENOENT);

	/* memory */
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK(mprotect(p, 4096, PROT_READ) == 0);
	CHECK(munmap(p, 8192) == 0);

	/* a unix socket connecting to a path that does not exist */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(fd >= 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "/nonexistent/xlat.sock");
	CHECK(connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 && errno == ENOENT);
	CHECK(close(fd) == 0);

	/* pipe2 and poll: nothing to read, then one byte */
	CHECK(pipe2(fds, O_NONBLOCK) == 0);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	CHECK(poll(&pfd, 1, 0) == 0);
	CHECK(write(fds[1], "x", 1) == 1);
	CHECK(poll(&pfd, 1, 0) == 1);
	/* select: given both ends to read, the read end comes back ready;
	   the timeout is read and written too */
	{
		struct timeval tv = { 5, 0 };
		fd_set rd;
		int n = (fds[0] > fds[1] ? fds[0] : fds[1]) + 1;

		FD_ZERO(&rd);
		FD_SET(fds[0], &rd);
		FD_SET(fds[1], &rd);
		CHECK(syscall(SYS_select, n, &rd, NULL, NULL, &tv) == 1);
		CHECK(FD_ISSET(fds[0], &rd) && !FD_ISSET(fds[1], &rd));
	}
	iov[0].iov_base = buf;
	iov[0].iov_len = 1;
	CHECK(readv(fds[0], iov, 1) == 1);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);

	/* time */
	CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL) == 0);

	/* signals */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);

	/* getcwd and readlink */
	CHECK(getcwd(path, sizeof(path)) != NULL);
	CHECK(symlink("target-of-link", "link") == 0);
	CHECK(readlink("link", buf, sizeof(buf)) == 14);

	/* wait4 of a child exiting with 3 */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(3);
	CHECK(wait4(pid, &status, 0, NULL) == pid && WEXITSTATUS(status) == 3);

	/* structs the kernel fills */
	CHECK(uname(&u) == 0);
	CHECK(sysinfo(&si) == 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);

	/* failures: EFAULT pointers, a bad fd */
	CHECK(syscall(SYS_fstat, 0, (void *)16) < 0 && errno == EFAULT);
	CHECK(syscall(SYS_openat, AT_FDCWD, (void *)16, O_RDONLY) < 0 && errno == EFAULT);
	CHECK(read(999, buf, 10) < 0 && errno == EBADF);

	/* bytes that are not UTF-8, and a buffer cut at -s */
	fd = open("/dev/null", O_WRONLY);
	CHECK(fd >= 0);
	CHECK(write(fd, bytes, 3) == 3);
	memset(longbuf, 'a', sizeof(longbuf));
	CHECK(write(fd, longbuf, sizeof(longbuf)) == sizeof(longbuf));
	CHECK(close(fd) == 0);
	/* more flag strings (tests/strace-compare.test compares them) */
	fd = open("/dev/null", O_RDWR | O_APPEND | O_NOCTTY);
	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND) == 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
	CHECK(fcntl(fd, F_GETFL) >= 0);
	rc = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	CHECK(rc >= 10 && close(rc) == 0 && close(fd) == 0);
	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (fd >= 0)
		CHECK(close(fd) == 0);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED && munmap(p, 8192) == 0);
	rc = 0;
	return rc;
}
