/*
 * notify.h - the filter's listener: calls the seccomp filter sends to xlat
 * with SECCOMP_RET_USER_NOTIF instead of a ptrace stop, answered by the
 * translators (their notify hooks) in a thread of their own.
 *
 * A ptrace stop costs the tracee two context switches and the supervisor
 * four or five ptrace requests; a notification costs one round trip, and
 * from Linux 6.6 the two sides hand the CPU to each other
 * (SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) instead of waking an idle one.
 * Only calls a translator answers whole come this way (the fake root's
 * stat family): they are neither recorded nor decided by the policy.
 */
#ifndef XLAT_NOTIFY_H
#define XLAT_NOTIFY_H

#include <stdint.h>

#include "policy.h"

struct notify_counts {
	uint64_t calls;		/* notifications answered or let run */
};

/* Start the listener's thread: it gets the listener from listener()
   (which may block until the command has loaded its filter; -1: there is
   none, and the thread ends) and answers calls until xlat exits.
   0 or -errno. */
int notify_start(const struct policy *pol, int (*listener)(void));
/* What it has done so far. */
void notify_counts(struct notify_counts *c);

#endif
