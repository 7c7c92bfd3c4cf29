/*
 * loop.h - the ptrace event loop: one waitpid(-1, __WALL) loop that
 * classifies each stop and acts on it, until no tracee is left.
 */
#ifndef XLAT_LOOP_H
#define XLAT_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "session.h"

/* The ptrace options every tracee gets; exit_events when exit or
   exit_group is recorded or counted. */
unsigned long loop_ptrace_options(bool exit_events);
/* Run until every tracee is gone; 0 or -errno. */
int loop_run(struct session *s);

#endif
