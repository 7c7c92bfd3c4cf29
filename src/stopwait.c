/*
 * stopwait.c - wait for the next stop of any tracee: poll briefly, then sleep.
 *
 * A poll lasts at most POLL_NS of wall time.  Whether to poll is learnt
 * from how polls fared: a hit raises a score, a miss lowers it four times
 * as much, so polling goes on only while more than four polls in five
 * catch a stop (as when every call of a busy tracee is traced).  Below
 * that, xlat sleeps at once and polls only every PROBE_EVERY-th wait, to
 * notice when stops come quickly again; a tracee that computes between
 * its calls then costs the supervisor little more than sleeping would.
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <time.h>

#include "signals.h"
#include "stopwait.h"

/* How long a poll lasts: stops that follow a resume within this are caught
   awake (about 20 waitpid calls). */
#define POLL_NS 20000
#define SCORE_MAX 8
#define SCORE_POLL 4		/* poll while the score is at least this */
#define MISS_COST 4
#define PROBE_EVERY 16

static bool _can_poll;
static unsigned int _score;
static unsigned int _waits;

void stopwait_init(void)
{
	cpu_set_t set;

	/* With one CPU the tracee cannot run while the supervisor polls. */
	_can_poll = sched_getaffinity(0, sizeof(set), &set) == 0 &&
		    CPU_COUNT(&set) > 1;
	_score = 0;
	_waits = 0;
}

static long long _now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Poll for a stop: its tid, 0 when none came in time, or -1 with errno. */
static pid_t _poll(int *status)
{
	unsigned int gen = signals_generation();
	long long t0 = _now_ns();
	pid_t tid;

	do {
		tid = waitpid(-1, status, __WALL | WNOHANG);
		if (tid != 0)
			return tid;
		if (signals_generation() != gen) {
			errno = EINTR;
			return -1;
		}
	} while (_now_ns() - t0 < POLL_NS);
	return 0;
}

pid_t stopwait_next(int *status, bool may_poll)
{
	pid_t tid;

	if (_can_poll && may_poll &&
	    (_score >= SCORE_POLL || ++_waits % PROBE_EVERY == 0)) {
		tid = _poll(status);
		if (tid != 0) {
			if (tid > 0 && _score < SCORE_MAX)
				_score++;
			return tid;
		}
		_score = _score > MISS_COST ? _score - MISS_COST : 0;
	}
	return waitpid(-1, status, __WALL);
}
