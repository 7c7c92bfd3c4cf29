/*
 * signals.h - xlat's own signal dispositions, and the command's.
 *
 * SIGINT and SIGQUIT from the terminal reach the command directly (it is in
 * our process group), so xlat ignores them; SIGTERM and SIGHUP sent to xlat
 * are passed on to the command; SIGTSTP and friends make xlat stop itself
 * once the command has stopped, so that the shell sees the job stopped.
 */
#ifndef XLAT_SIGNALS_H
#define XLAT_SIGNALS_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* attach: SIGINT, SIGQUIT, SIGTERM and SIGHUP mean "detach" (they are
   only noted; signals_term() says which came). */
void signals_setup(bool attach);
/* The command's pid, to which SIGTERM/SIGHUP are forwarded. */
void signals_set_target(pid_t pid);
/* In the child: the dispositions and mask xlat was started with. */
void signals_restore(void);
/* A terminal stop signal arrived since the last call (and clear it). */
int signals_take_stop(void);
/* SIGALRM (the trace's flush timer) arrived since the last call. */
bool signals_take_alarm(void);
/* Changes whenever one of xlat's handled signals arrives: a poll that
   sees it change returns as a sleeping waitpid would with EINTR. */
unsigned int signals_generation(void);
/* The SIGTERM or SIGHUP xlat passed on to the command, or 0. */
int signals_term(void);
/* xlat dies of sig, with no core file of its own. */
void signals_die(int sig) __attribute__((noreturn));

#endif
