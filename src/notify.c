/*
 * notify.c - the filter's listener thread (notify.h).
 *
 * The thread blocks every signal (they are the loop's), receives each
 * notification, hands it to the translators as a struct xcall and sends
 * their answer: the result, or "run it as it is"
 * (SECCOMP_USER_NOTIF_FLAG_CONTINUE).  A call the tracee gave up (a
 * signal interrupted it) makes the send fail with ENOENT, and the call,
 * when restarted, comes again.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>

#include "notify.h"
#include "tables/sysent.h"
#include "translate/translate.h"

/* Linux 6.6: the listener and the tracee hand the CPU to each other. */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

static const struct policy *_pol;
static int (*_listener)(void);
static _Atomic uint64_t _calls;

static void _answer(int fd, const struct seccomp_notif *req)
{
	struct seccomp_notif_resp resp = { .id = req->id };
	struct xcall x = { 0 };
	int h = 0;

	x.tid = x.pid = (pid_t)req->pid;
	x.abi = req->data.arch == AUDIT_ARCH_I386 ? ABI_I386 : ABI_X86_64;
	x.id = sysent_id(x.abi, (unsigned long)req->data.nr);
	memcpy(x.args, req->data.args, sizeof(x.args));
	memcpy(x.given, req->data.args, sizeof(x.given));
	x.pol = _pol;
	x.rule = -1;
	x.action = PA_ALLOW;
	if (x.id >= 0)
		h = translate_notify(&x);
	if (h & XH_SKIP) {
		resp.val = x.ret < 0 ? 0 : x.ret;
		resp.error = x.ret < 0 ? (int32_t)x.ret : 0;
	} else {
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	}
	/* The tracee's memory was read and written by its pid: a pid cannot
	   be reused while its notification is pending, and one that died
	   meanwhile makes the send fail (ENOENT), harmlessly. */
	while (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 && errno == EINTR)
		;
	atomic_fetch_add_explicit(&_calls, 1, memory_order_relaxed);
}

static void *_run(void *arg)
{
	struct seccomp_notif req;
	uint64_t sync = SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP;
	int fd;

	(void)arg;
	fd = _listener();
	if (fd < 0)
		return NULL;
	(void)ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS, sync);	/* before 6.6: EINVAL */
	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			break;
		}
		_answer(fd, &req);
	}
	return NULL;
}

int notify_start(const struct policy *pol, int (*listener)(void))
{
	sigset_t all, old;
	pthread_attr_t a;
	pthread_t t;
	int rc;

	_pol = pol;
	_listener = listener;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&t, &a, _run, NULL);
	pthread_attr_destroy(&a);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return -rc;
}

void notify_counts(struct notify_counts *c)
{
	c->calls = atomic_load_explicit(&_calls, memory_order_relaxed);
}
