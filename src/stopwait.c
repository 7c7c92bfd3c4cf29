/*
 * stopwait.c - wait for the next stop of any tracee: one blocking waitpid
 * per stop, and, while one thread is traced, keep the supervisor on that
 * thread's CPU (cpufollow.c).
 *
 * There is no polling.  A poll of waitpid(WNOHANG) almost never found a
 * stop (a stop costs the kernel more than the poll lasted) and kept the
 * supervisor's CPU busy, so that the scheduler woke the tracee on the
 * other vCPU, the halted one, at each resume: the measured cost of
 * polling was higher than what it saved (see BENCHMARKS.md, run 5).
 */
#include "config.h"

#include <sys/wait.h>

#include "cpufollow.h"
#include "stopwait.h"

void stopwait_init(void)
{
	cpufollow_init();
}

pid_t stopwait_next(int *status, bool single)
{
	pid_t tid = waitpid(-1, status, __WALL);

	if (tid > 0) {
		if (single && WIFSTOPPED(*status))
			cpufollow_stop(tid);
		else if (!single)
			cpufollow_release();
	}
	return tid;
}
