/*
 * affinity.c - what a program sees of its own CPU affinity after a burst
 * of calls: affinity GO PIDFILE writes its pid to PIDFILE, makes calls
 * until the file GO exists (at most 30 s), then prints the CPU count of
 * sched_getaffinity for 0, its pid and its tid (raw calls: the byte count
 * the kernel returned too), its Cpus_allowed_list (with a third argument
 * "early", first from a status file it opened before the calls), and a
 * forked child's.  With "spin" it first works two seconds without a call.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void _allowed(const char *who, FILE *f)
{
	char line[512];

	if (!f)
		f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "Cpus_allowed_list:", 18) == 0)
			printf("%s %s", who, line);
	if (f)
		fclose(f);
}

static void _count(const char *what, pid_t pid)
{
	unsigned long mask[16];
	long n;
	int i, cpus = 0;

	memset(mask, 0xff, sizeof(mask));
	n = syscall(SYS_sched_getaffinity, pid, sizeof(mask), mask);
	if (n < 0) {
		printf("%s: error\n", what);
		return;
	}
	for (i = 0; i < n * 8; i++)
		cpus += (mask[i / (8 * sizeof(long))] >> (i % (8 * sizeof(long)))) & 1;
	printf("%s: %d cpus\n", what, cpus);
}

int main(int argc, char **argv)
{
	time_t end = time(NULL) + 30;
	FILE *f, *early;
	pid_t child;
	long i;

	if (argc != 3 && argc != 4)
		return 2;
	/* With "early": opened first (before xlat could have bound the
	   thread), read once the calls are done. */
	early = argc == 4 && strcmp(argv[3], "early") == 0 ?
		fopen("/proc/self/status", "r") : NULL;
	f = fopen(argv[2], "w");
	if (!f)
		return 2;
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	for (i = 0; access(argv[1], F_OK) != 0 && time(NULL) < end; i++)
		syscall(SYS_getppid);
	if (argc == 4 && strcmp(argv[3], "spin") == 0) {
		/* Two seconds of work without a call (the vDSO's clock). */
		struct timespec t0, t;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		do
			clock_gettime(CLOCK_MONOTONIC, &t);
		while (t.tv_sec - t0.tv_sec < 2);
	}
	_count("getaffinity(0)", 0);
	_count("getaffinity(pid)", getpid());
	_count("getaffinity(tid)", (pid_t)syscall(SYS_gettid));
	if (early)
		_allowed("early", early);
	_allowed("self", NULL);
	fflush(stdout);
	child = fork();
	if (child == 0) {
		_allowed("child", NULL);
		return 0;
	}
	waitpid(child, NULL, 0);
	return 0;
}
