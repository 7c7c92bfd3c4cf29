/*
 * untraced.c - wait for a command that runs under its filter alone.
 *
 * The same duties as the event loop has towards the command, without
 * ptrace: its exit status, the terminal's stops (xlat stops itself once the
 * command has stopped, so the shell sees the job stopped), and SIGTERM or
 * SIGHUP passed on to the processes it left behind once it is gone.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "signals.h"
#include "untraced.h"

int untraced_prepare(void)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		return -errno;
	return 0;
}

/* Signal every child of xlat: the command's orphans, adopted by the
   subreaper.  Orphans of those are adopted as their parents die, so this
   runs again after each reaped process. */
static void _signal_children(int sig)
{
	char path[64];
	FILE *f;
	long pid;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	f = fopen(path, "re");
	if (!f)
		return;
	while (fscanf(f, "%ld", &pid) == 1)
		kill((pid_t)pid, sig);
	fclose(f);
}

static void _follow(struct session *s, bool main_stopped)
{
	int sig = signals_take_stop();

	if (sig)
		s->stop_pending = sig;
	if (s->stop_pending && main_stopped) {
		s->stop_pending = 0;
		kill(getpid(), SIGSTOP);
	}
	sig = signals_term();
	if (sig && s->main_done) {
		/* Orphans of deeper processes are adopted without a word to
		   xlat: look again five times a second until all are gone. */
		if (!s->term_sent) {
			struct itimerval tick = { { 0, 200000 }, { 0, 200000 } };

			setitimer(ITIMER_REAL, &tick, NULL);
			s->term_sent = true;
		}
		signals_take_alarm();
		_signal_children(sig);
	}
}

int untraced_run(struct session *s)
{
	bool main_stopped = false;
	int status;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, __WALL | WUNTRACED | WCONTINUED);
		if (pid < 0) {
			if (errno == ECHILD)
				return 0;
			if (errno != EINTR)
				return -errno;
		} else if (pid == s->main_pid) {
			if (WIFEXITED(status) || WIFSIGNALED(status)) {
				s->main_status = status;
				s->main_done = true;
			}
			main_stopped = WIFSTOPPED(status);
		}
		_follow(s, main_stopped);
	}
}
