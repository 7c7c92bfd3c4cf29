/*
 * spawn.h - start the command under supervision.
 */
#ifndef XLAT_SPAWN_H
#define XLAT_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>
#include <seccomp.h>

#include "path.h"

/* The command starts in host directory host_dir ("" to stay), with its
   chdir made before it is traced. */
void spawn_chdir(const char *host_dir);
/* Find cmd as execvp(3) would, in the guest's view v (-r/-b; an empty one
   is the host's); path receives the file to execute, as the command names
   it.  0, -ENOENT (not found: exit 127) or -EACCES (found, not
   executable: 126). */
int spawn_resolve(const struct path_view *v, const char *cmd, char *path, size_t size);

enum spawn_mode {
	SPAWN_TRACED,		/* seized; its filter makes calls stop */
	SPAWN_TRACED_STOPPED,	/* seized and made to stop first: no filter */
	SPAWN_UNTRACED,		/* the filter alone; killed when xlat dies */
};

/* Fork the command; the child waits until the parent has seized it with
   PTRACE_SEIZE and the given options (not when untraced), then sets
   NO_NEW_PRIVS, loads the filter (when not NULL) and executes path with
   argv.  SPAWN_TRACED_STOPPED also makes it stop (PTRACE_INTERRUPT) before
   it runs on, for the mode without a filter.  Returns the pid, or -errno
   (nothing is left running). */
pid_t spawn_start(const char *path, char *const argv[], scmp_filter_ctx filter,
		  enum spawn_mode mode, unsigned long ptrace_options);

/* The filter given to spawn_start has SCMP_ACT_NOTIFY rules: the child
   passes its listener to xlat, and where the kernel refuses it one (a
   filter of an outer supervisor has one already) loads fallback, which
   has none.  Call before spawn_start. */
void spawn_notify(scmp_filter_ctx fallback);
/* After spawn_start: the listener of the command's filter, or -1 when it
   has none (the fallback was loaded, or the child failed first).  It
   blocks until the child has loaded its filter, and the child may stop
   in the tracer first: call it from another thread than the loop's. */
int spawn_listener(void);

/* After the command is gone: why the child never reached the command, as a
   message in msg (empty when it did), and the exit status xlat should use
   (125 for our own failure, 126/127 for the command, or -1 when fine). */
int spawn_failure(char *msg, size_t size);

#endif
