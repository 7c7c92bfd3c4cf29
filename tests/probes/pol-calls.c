/* pol-calls: makes the calls the policy tests decide on, and prints what
 * each returned, one line per call: "NAME RESULT" where RESULT is the
 * return value or the errno name.  The policy tests run it under
 * different policies and compare these lines with what they expect.
 *
 *   pol-calls getppid N      getppid() N times, one line in all ("ppid"
 *                            when it returned the real parent's pid)
 *   pol-calls socket         socket(AF_UNIX), socket(AF_INET), socket(AF_INET6)
 *   pol-calls open PATH...   open(PATH, O_RDONLY) for each
 *   pol-calls uname          the uname fields
 *   pol-calls enosys         a call that fails with ENOSYS (number 999) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static void report(const char *what, long rc)
{
	if (rc < 0)
		printf("%s %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	else
		printf("%s %ld\n", what, rc);
}

/* The parent's pid, without the call under test. */
static long real_ppid(void)
{
	char line[256];
	long pp = -2;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "PPid:", 5) == 0)
			pp = atol(line + 5);
	if (f)
		fclose(f);
	return pp;
}

int main(int argc, char **argv)
{
	long rc = 0;
	int i, n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "getppid") == 0) {
		n = argc > 2 ? atoi(argv[2]) : 1;
		for (i = 0; i < n; i++)
			rc = syscall(SYS_getppid);
		if (rc == real_ppid())
			printf("getppid ppid\n");
		else
			report("getppid", rc);
	} else if (strcmp(argv[1], "socket") == 0) {
		report("socket(AF_UNIX)", rc = socket(AF_UNIX, SOCK_STREAM, 0) < 0 ? -1 : 0);
		report("socket(AF_INET)", rc = socket(AF_INET, SOCK_STREAM, 0) < 0 ? -1 : 0);
		report("socket(AF_INET6)", rc = socket(AF_INET6, SOCK_STREAM, 0) < 0 ? -1 : 0);
	} else if (strcmp(argv[1], "open") == 0) {
		for (i = 2; i < argc; i++) {
			int fd = open(argv[i], O_RDONLY);

			report(argv[i], fd < 0 ? -1 : 0);
			if (fd >= 0)
				close(fd);
		}
	} else if (strcmp(argv[1], "uname") == 0) {
		struct utsname u;

		if (uname(&u) < 0)
			return 1;
		printf("%s %s %s\n", u.sysname, u.release, u.machine);
	} else if (strcmp(argv[1], "enosys") == 0) {
		report("syscall999", syscall(999));
	} else {
		return 2;
	}
	return 0;
}
