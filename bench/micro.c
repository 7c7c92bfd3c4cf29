/*
 * bench/micro.c - the micro-benchmark probe of scripts/bench.
 *
 * Makes a number of calls of one system call in a tight loop, once per loop
 * named on the command line, times each loop itself with clock_gettime
 * (CLOCK_MONOTONIC) and prints one JSON line with the microseconds per call.
 * Built by scripts/bench for the host ABI and, with -m32 -static, for i386.
 *
 *     micro [-n CALLS] LOOP[=CALLS]...
 *
 * Loops (each chosen so that the call is cheap and harmless natively):
 *     getppid    getppid(): no arguments, never traced by a %file filter
 *     faccessat  faccessat(AT_FDCWD, MISSING, F_OK, 0): a %file call, ENOENT
 *     syncfs     syncfs(-1): EBADF natively; the policy config returns 0
 *     acct       acct(MISSING): ENOENT (root) or EPERM natively, changes
 *                nothing; the policy config denies it in the filter
 *
 * Output, on one line:
 *     {"abi":"x86_64","loops":{"getppid":{"calls":1000000,"us":0.981,
 *      "ret":1234,"errno":0},...}}
 * "ret" and "errno" are those of the last call of the loop, so the harness
 * can tell that a policy really acted (a returned 0 instead of EBADF).
 *
 * Exit status: 0, or 2 for a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MISSING_PATH "/nonexistent/xlat-bench/missing"
#define DEFAULT_CALLS 1000000L
#define WARMUP_CALLS 1000L

/* Raw calls through syscall(2), so that no libc caching or wrapper logic
 * (vDSO, fallbacks to older calls) changes what reaches the kernel. */
static long
call_getppid(void)
{
	return syscall(SYS_getppid);
}

static long
call_faccessat(void)
{
	return syscall(SYS_faccessat, AT_FDCWD, MISSING_PATH, F_OK, 0);
}

static long
call_syncfs(void)
{
	return syscall(SYS_syncfs, -1);
}

static long
call_acct(void)
{
	return syscall(SYS_acct, MISSING_PATH);
}

static const struct loop {
	const char *name;
	long (*call)(void);
} loops[] = {
	{ "getppid", call_getppid },
	{ "faccessat", call_faccessat },
	{ "syncfs", call_syncfs },
	{ "acct", call_acct },
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static const struct loop *
find_loop(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(loops) / sizeof(loops[0]); i++)
		if (strlen(loops[i].name) == len &&
		    strncmp(loops[i].name, name, len) == 0)
			return &loops[i];
	return NULL;
}

static long
parse_count(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n <= 0)
		return -1;
	return n;
}

static void
usage(void)
{
	fprintf(stderr, "usage: micro [-n CALLS] "
	    "{getppid|faccessat|syncfs|acct}[=CALLS]...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	long default_calls = DEFAULT_CALLS;
	const char *sep = "";
	int i;

	if (argc >= 3 && strcmp(argv[1], "-n") == 0) {
		default_calls = parse_count(argv[2]);
		if (default_calls < 0)
			usage();
		argv += 2;
		argc -= 2;
	}
	if (argc < 2)
		usage();

	printf("{\"abi\":\"%s\",\"loops\":{",
	    sizeof(void *) == 4 ? "i386" : "x86_64");
	for (i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		const struct loop *loop = find_loop(argv[i], len);
		long calls = eq ? parse_count(eq + 1) : default_calls;
		long n, ret = 0;
		int err = 0;
		double t0, t1;

		if (loop == NULL || calls < 0) {
			fprintf(stderr, "micro: bad loop '%s'\n", argv[i]);
			usage();
		}
		for (n = 0; n < WARMUP_CALLS; n++)
			loop->call();
		t0 = now_us();
		for (n = 0; n < calls; n++)
			ret = loop->call();
		t1 = now_us();
		if (ret < 0)
			err = errno;
		printf("%s\"%s\":{\"calls\":%ld,\"us\":%.4f,\"ret\":%ld,"
		    "\"errno\":%d}", sep, loop->name, calls,
		    (t1 - t0) / calls, ret, err);
		sep = ",";
	}
	printf("}}\n");
	return 0;
}
