/*
 * signals.c - signal dispositions of the supervisor and of the child.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "signals.h"

static const int _handled[] = {
	SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGALRM,
};
#define NHANDLED (sizeof(_handled) / sizeof(_handled[0]))

static struct sigaction _saved[NHANDLED];
static sigset_t _saved_mask;
static volatile pid_t _target;
static volatile sig_atomic_t _stop_sig;
static volatile sig_atomic_t _term_sig;
static volatile sig_atomic_t _alarm;
static volatile sig_atomic_t _generation;

static void _forward(int sig)
{
	int saved = errno;

	/* kill(2) is async-signal-safe: forwarding here leaves no window
	   between a flag check and a blocking waitpid. */
	if (_target > 0)
		kill(_target, sig);
	_term_sig = sig;
	_generation++;
	errno = saved;
}

static void _stop(int sig)
{
	_stop_sig = sig;
	_generation++;
}

static void _alarmed(int sig)
{
	_alarm = 1;
	_generation++;
}

void signals_setup(bool attach)
{
	struct sigaction sa;
	unsigned int i;

	sigprocmask(SIG_SETMASK, NULL, &_saved_mask);
	for (i = 0; i < NHANDLED; i++)
		sigaction(_handled[i], NULL, &_saved[i]);

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);	/* a closed trace reader is an EPIPE */

	/* No SA_RESTART: a blocking waitpid returns EINTR so the loop looks. */
	sa.sa_handler = _forward;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (attach) {
		/* The attached processes are not in our terminal's job: ^C
		   and ^\ are for xlat, and mean "let them go". */
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
	}
	sa.sa_handler = _stop;
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGTTIN, &sa, NULL);
	sigaction(SIGTTOU, &sa, NULL);
	sa.sa_handler = _alarmed;	/* trace_idle's flush timer */
	sigaction(SIGALRM, &sa, NULL);
}

void signals_set_target(pid_t pid)
{
	_target = pid;
}

void signals_restore(void)
{
	unsigned int i;

	for (i = 0; i < NHANDLED; i++)
		sigaction(_handled[i], &_saved[i], NULL);
	sigprocmask(SIG_SETMASK, &_saved_mask, NULL);
}

int signals_take_stop(void)
{
	int sig = _stop_sig;

	_stop_sig = 0;
	return sig;
}

bool signals_take_alarm(void)
{
	bool fired = _alarm;

	_alarm = 0;
	return fired;
}

unsigned int signals_generation(void)
{
	return (unsigned int)_generation;
}

int signals_term(void)
{
	return _term_sig;
}

void signals_die(int sig)
{
	struct rlimit no_core = { 0, 0 };
	struct sigaction sa;
	sigset_t set;

	setrlimit(RLIMIT_CORE, &no_core);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	/* A signal whose default is not to die (it should not happen). */
	_exit(128 + sig);
}
