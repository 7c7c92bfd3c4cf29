/*
 * cpufollow.c - keep the supervisor on the CPU of the one traced thread
 * (its own affinity only; see cpufollow.h).
 *
 * The CPU a thread last ran on is field 39 of /proc/TID/stat.  Reading it
 * costs a few microseconds, so it is read at the first stop of a thread
 * and then once every CHECK_EVERY stops: a thread that shares its CPU with
 * the supervisor is seldom moved (its CPU is busy with the supervisor only
 * while the thread is stopped), and when it is, the next check follows it.
 */
#include "config.h"

#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpufollow.h"

#define CHECK_EVERY 64
#define STAT_CPU_FIELD 39

static cpu_set_t _all;		/* xlat's affinity as it started */
static bool _enabled;
static int _pinned = -1;	/* the CPU xlat is pinned to, or -1 */
static pid_t _tid;		/* whose stat _fd is */
static int _fd = -1;
static unsigned int _stops;

void cpufollow_init(void)
{
	_enabled = sched_getaffinity(0, sizeof(_all), &_all) == 0 &&
		   CPU_COUNT(&_all) > 1;
}

/* The CPU tid last ran on, or -1. */
static int _cpu_of(pid_t tid)
{
	char buf[1024], *p;
	ssize_t n;
	int field;

	if (_fd < 0 || _tid != tid) {
		if (_fd >= 0)
			close(_fd);
		snprintf(buf, sizeof(buf), "/proc/%d/stat", (int)tid);
		_fd = open(buf, O_RDONLY | O_CLOEXEC);
		_tid = tid;
		if (_fd < 0)
			return -1;
	}
	n = pread(_fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* Field 2 is "(comm)", which may hold spaces: count from its end. */
	p = strrchr(buf, ')');
	for (field = 2; p && field < STAT_CPU_FIELD; field++)
		p = strchr(p + 1, ' ');
	return p ? atoi(p + 1) : -1;
}

static void _pin(int cpu)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) == 0)
		_pinned = cpu;
}

void cpufollow_stop(pid_t tid)
{
	int cpu;

	if (!_enabled)
		return;
	if (tid == _tid && _pinned >= 0 && ++_stops % CHECK_EVERY != 0)
		return;
	cpu = _cpu_of(tid);
	if (cpu >= 0 && cpu < CPU_SETSIZE && CPU_ISSET(cpu, &_all) &&
	    cpu != _pinned)
		_pin(cpu);
}

void cpufollow_release(void)
{
	if (_pinned < 0)
		return;
	if (sched_setaffinity(0, sizeof(_all), &_all) == 0)
		_pinned = -1;
	_stops = 0;
}
