/*
 * untraced.h - run the command under its filter alone.
 *
 * When nothing is recorded and no call can stop in the supervisor, the
 * kernel enforces the whole policy through the seccomp filter and a tracer
 * would only follow processes, at the price of several ptrace stops for
 * every fork.  xlat then does not trace at all: the command runs with its
 * filter, dies with SIGKILL if xlat dies (PR_SET_PDEATHSIG), and xlat, a
 * child subreaper, waits for it and for every process it leaves behind,
 * as it waits for every tracee otherwise.
 */
#ifndef XLAT_UNTRACED_H
#define XLAT_UNTRACED_H

#include "loop.h"

/* Become the subreaper of what the command leaves behind; call before the
   command is started.  0 or -errno. */
int untraced_prepare(void);

/* Wait until the command and everything it left behind are gone; the
   command's wait status goes to s->main_status.  0 or -errno. */
int untraced_run(struct session *s);

#endif
