/*
 * cpushare.c - one CPU for the supervisor and a lone tracee (cpushare.h).
 *
 * A thread is bound after STREAK syscall stops in a row with no other
 * tracee, so that a shell forking a command every few calls is never
 * bound.  REPICK_NS after a binding a timer (SIGALRM, which the loop
 * passes on as cpushare_tick) lets the thread go, also when it computes
 * without a call for a long while: the scheduler places it, perhaps
 * elsewhere when the CPU got busy, and it is bound again where it then
 * runs after RESTREAK stops.  Without a timer, the clock is read every
 * CHECK_EVERY stops instead.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <limits.h>
#include <unistd.h>

#include "cpushare.h"

#define STREAK 64
#define RESTREAK 8		/* stops let go before binding again */
#define CHECK_EVERY 1024
#define REPICK_NS 100000000LL

static bool _on;
static cpu_set_t _mask;		/* the command's and the supervisor's own */
static pid_t _bound;		/* the thread bound, or 0 */
static unsigned int _streak;
static bool _not_now;
static unsigned int _stops;
static long long _since;
static timer_t _timer;
static bool _have_timer;

static long long _now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void cpushare_init(bool opens_stop)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM };

	_on = opens_stop && sched_getaffinity(0, sizeof(_mask), &_mask) == 0 &&
	      CPU_COUNT(&_mask) > 1;
	_bound = 0;
	_streak = 0;
	_have_timer = _on && timer_create(CLOCK_MONOTONIC, &sev, &_timer) == 0;
}

static void _arm(long long ns)
{
	struct itimerspec it = { .it_value = { ns / 1000000000LL, ns % 1000000000LL } };

	if (_have_timer)
		timer_settime(_timer, 0, &it, NULL);
}

bool cpushare_enabled(void)
{
	return _on;
}

bool cpushare_bound(void)
{
	return _bound != 0;
}

/* The CPU tid last ran on: field 39 of /proc/TID/stat, or -1. */
static int _last_cpu(pid_t tid)
{
	char path[64], buf[1024], *p;
	int fd, i, cpu = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* The name (field 2) may hold spaces and parentheses. */
	p = strrchr(buf, ')');
	/* Field 3 follows the name; 36 more fields to the 39th. */
	for (i = 2; p && i < 39; i++)
		p = strchr(p + 1, ' ');
	if (p)
		cpu = atoi(p + 1);
	return cpu;
}

/* Whether tid holds a status file of /proc open (opened while it was not
   bound, so its open was let through unchecked): its Cpus_allowed lines
   are made when it is read, and would show the binding. */
static bool _holds_status(pid_t tid)
{
	char dir[64], link[PATH_MAX];
	struct dirent *e;
	bool found = false;
	size_t n;
	ssize_t k;
	DIR *d;
	int dfd;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)tid);
	d = opendir(dir);
	if (!d)
		return true;	/* cannot tell: do not bind */
	dfd = dirfd(d);
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		k = readlinkat(dfd, e->d_name, link, sizeof(link) - 1);
		if (k <= 0)
			continue;
		link[k] = '\0';
		n = (size_t)k;
		found = strncmp(link, "/proc/", 6) == 0 && n > 7 &&
			strcmp(link + n - 7, "/status") == 0;
	}
	closedir(d);
	return found;
}

static void _bind(pid_t tid)
{
	cpu_set_t one;
	int cpu;

	if (_holds_status(tid)) {
		cpushare_end();
		return;
	}
	cpu = _last_cpu(tid);
	if (cpu < 0)
		cpu = sched_getcpu();
	if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &_mask))
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(tid, sizeof(one), &one) < 0)
		return;
	if (sched_setaffinity(0, sizeof(one), &one) < 0) {
		sched_setaffinity(tid, sizeof(_mask), &_mask);
		return;
	}
	_bound = tid;
	_since = _now_ns();
	_stops = 0;
	_arm(REPICK_NS);
}

/* The supervisor's side of letting go. */
static void _unbind_self(void)
{
	sched_setaffinity(0, sizeof(_mask), &_mask);
	_bound = 0;
	_streak = 0;
	_arm(0);
}

void cpushare_release(void)
{
	if (!_bound)
		return;
	/* ESRCH: it is gone, and its mask with it. */
	sched_setaffinity(_bound, sizeof(_mask), &_mask);
	_unbind_self();
}

void cpushare_tick(void)
{
	/* SIGALRM also comes from the trace's flush timer. */
	if (!_bound || _now_ns() - _since < REPICK_NS)
		return;
	cpushare_release();
	_streak = STREAK - RESTREAK;
}

void cpushare_stop(pid_t tid, bool alone)
{
	/* cpushare_not_now speaks of this stop only. */
	bool not_now = _not_now;

	_not_now = false;
	if (!_on)
		return;
	if (!alone) {
		cpushare_release();
		return;
	}
	if (_bound == tid) {
		if (!_have_timer && ++_stops % CHECK_EVERY == 0)
			cpushare_tick();
		return;
	}
	if (_bound)
		cpushare_release();
	if (++_streak >= STREAK && !not_now)
		_bind(tid);
}

void cpushare_not_now(void)
{
	_not_now = true;
}

void cpushare_spawn(pid_t child)
{
	if (!_bound)
		return;
	/* Born bound (its fork did not stop first): its own mask back. */
	sched_setaffinity(child, sizeof(_mask), &_mask);
	cpushare_release();
}

void cpushare_gone(pid_t tid)
{
	/* Its tid may be another's soon: only xlat's own mask back. */
	if (_bound == tid)
		_unbind_self();
}

void cpushare_end(void)
{
	cpushare_release();
	_on = false;
}

size_t cpushare_mask(void *buf, size_t len)
{
	if (len > sizeof(_mask))
		len = sizeof(_mask);
	memcpy(buf, &_mask, len);
	return len;
}
