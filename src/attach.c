/*
 * attach.c - seize running processes for -p (attach.h).  It reads /proc
 * and calls ptrace; it knows nothing of the loop that follows.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"

/* The tracer of pid, from /proc/PID/status (0: none), or -1. */
static pid_t _tracer(pid_t pid)
{
	char path[64], line[256];
	pid_t t = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "TracerPid: %d", &t) == 1)
			break;
	fclose(f);
	return t;
}

/* Why PTRACE_SEIZE of pid failed with e, in words. */
static void _why(pid_t pid, int e, char *err, size_t n)
{
	char buf[16] = "";
	pid_t t;
	FILE *f;

	if (e == ESRCH) {
		snprintf(err, n, "-p %d: no such process", pid);
		return;
	}
	if (e == EPERM) {
		t = _tracer(pid);
		if (t > 0) {
			snprintf(err, n, "-p %d: already traced by process %d", pid, t);
			return;
		}
		f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
		if (f) {
			if (!fgets(buf, sizeof(buf), f))
				buf[0] = '\0';
			fclose(f);
		}
		if (atoi(buf) > 0 && geteuid() != 0) {
			snprintf(err, n, "-p %d: not permitted by Yama: kernel.yama.ptrace_scope is %d "
				 "(0 allows tracing your own processes; as root, or with "
				 "CAP_SYS_PTRACE, any)", pid, atoi(buf));
			return;
		}
		if (atoi(buf) == 3) {
			snprintf(err, n, "-p %d: kernel.yama.ptrace_scope is 3: no process may be traced",
				 pid);
			return;
		}
		snprintf(err, n, "-p %d: permission denied (another user's process, or one "
			 "that is not dumpable)", pid);
		return;
	}
	snprintf(err, n, "-p %d: cannot attach: %s", pid, strerror(e));
}

static bool _have(const struct attached *a, int n, pid_t tid)
{
	int i;

	for (i = 0; i < n; i++)
		if (a[i].tid == tid)
			return true;
	return false;
}

/* Seize the threads of pid not seized yet: how many were new, or -errno. */
static int _seize_tasks(pid_t pid, unsigned long options, struct attached **a, int *n,
			int *cap, char *err, size_t errlen)
{
	char path[64];
	struct dirent *d;
	struct attached *na;
	DIR *dir;
	pid_t tid;
	int added = 0, e;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir) {
		e = errno == ENOENT ? ESRCH : errno;
		_why(pid, e, err, errlen);
		return -e;
	}
	while ((d = readdir(dir))) {
		tid = (pid_t)atoi(d->d_name);
		if (tid <= 0 || _have(*a, *n, tid))
			continue;
		if (ptrace(PTRACE_SEIZE, tid, NULL, (void *)options) < 0) {
			e = errno;
			if (e == ESRCH && tid != pid)
				continue;	/* a thread that just ended */
			closedir(dir);
			_why(pid, e, err, errlen);
			return -e;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			na = realloc(*a, *cap * sizeof(*na));
			if (!na) {
				closedir(dir);
				snprintf(err, errlen, "out of memory");
				return -ENOMEM;
			}
			*a = na;
		}
		(*a)[*n].tid = tid;
		(*a)[(*n)++].pid = pid;
		ptrace(PTRACE_INTERRUPT, tid, NULL, NULL);
		added++;
	}
	closedir(dir);
	return added;
}

int attach_seize(const pid_t *pids, int n, unsigned long options,
		 struct attached **out, int *nout, char *err, size_t errlen)
{
	struct attached *a = NULL;
	int na = 0, cap = 0, i, rc;

	for (i = 0; i < n; i++) {
		if (pids[i] == getpid()) {
			snprintf(err, errlen, "-p %d: that is xlat itself", pids[i]);
			rc = -EINVAL;
			goto out_detach;
		}
		/* Threads made while we seize the others are followed by
		   PTRACE_O_TRACECLONE once their creator is seized; one made
		   before that shows up on the next pass. */
		do {
			rc = _seize_tasks(pids[i], options, &a, &na, &cap, err, errlen);
			if (rc < 0)
				goto out_detach;
		} while (rc > 0);
	}
	*out = a;
	*nout = na;
	return 0;

out_detach:
	/* Each was interrupted: detach at that stop. */
	for (i = 0; i < na; i++) {
		int st;

		if (waitpid(a[i].tid, &st, __WALL) == a[i].tid && WIFSTOPPED(st))
			ptrace(PTRACE_DETACH, a[i].tid, NULL, NULL);
	}
	free(a);
	return rc;
}
