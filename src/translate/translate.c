/*
 * translate.c - the list of translators and the loops over their hooks.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>

#include "tables/sysent.h"
#include "translate/translate.h"

static const struct translator *const _all[] = {
	&translate_emulate,
	&translate_errno_map,
	&translate_uname,
	&translate_identity,
	&translate_guest,
	&translate_guest_unix,
	&translate_affinity,
};

#define NT (sizeof(_all) / sizeof(_all[0]))

static bool _filtered;

/* Every hook runs under it: the listener's thread answers calls too. */
static pthread_mutex_t _lock = PTHREAD_MUTEX_INITIALIZER;

void translate_need(const struct policy *p, bool *need, struct trap_if *when, bool *notify)
{
	unsigned int i, id;

	for (i = 0; i < NT; i++) {
		if (_all[i]->need)
			_all[i]->need(p, need);
		if (_all[i]->need_if)
			_all[i]->need_if(p, when);
		if (_all[i]->need_notify)
			_all[i]->need_notify(p, notify);
	}
	/* A call one translator must stop at stops; one that two want in
	   different ways stops (the stop sees them all). */
	for (id = 0; id < sysent_count; id++) {
		if (notify[id] && when[id].bits) {
			need[id] = true;
		}
		if (need[id]) {
			when[id].bits = 0;
			notify[id] = false;
		}
	}
}

int translate_notify(struct xcall *x)
{
	unsigned int i;
	int r = 0;

	pthread_mutex_lock(&_lock);
	for (i = 0; i < NT && !(r & XH_SKIP); i++)
		if (_all[i]->notify)
			r |= _all[i]->notify(x);
	pthread_mutex_unlock(&_lock);
	return r & XH_SKIP;
}

void translate_set_filtered(bool filtered)
{
	_filtered = filtered;
}

bool translate_filtered(void)
{
	return _filtered;
}

int translate_enter(struct xcall *x)
{
	unsigned int i;
	int r = 0;

	pthread_mutex_lock(&_lock);
	for (i = 0; i < NT; i++) {
		if (!_all[i]->enter)
			continue;
		r |= _all[i]->enter(x);
		if (r & (XH_SKIP | XH_KILL | XH_AGAIN))
			break;
	}
	pthread_mutex_unlock(&_lock);
	return r;
}

bool translate_exit(struct xcall *x)
{
	unsigned int i;
	bool changed = false;

	pthread_mutex_lock(&_lock);
	for (i = 0; i < NT; i++)
		if (_all[i]->exit)
			changed |= _all[i]->exit(x);
	pthread_mutex_unlock(&_lock);
	return changed;
}

int translate_start(const struct policy *p, char *err, size_t n)
{
	unsigned int i;
	int rc;

	for (i = 0; i < NT; i++) {
		if (!_all[i]->start)
			continue;
		rc = _all[i]->start(p, err, n);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int translate_fork(pid_t parent, pid_t child)
{
	unsigned int i;
	int rc = 0;

	pthread_mutex_lock(&_lock);
	for (i = 0; i < NT; i++)
		if (_all[i]->fork && _all[i]->fork(parent, child) < 0)
			rc = -ENOMEM;
	pthread_mutex_unlock(&_lock);
	return rc;
}

void translate_gone(pid_t pid)
{
	unsigned int i;

	pthread_mutex_lock(&_lock);
	for (i = 0; i < NT; i++)
		if (_all[i]->gone)
			_all[i]->gone(pid);
	pthread_mutex_unlock(&_lock);
}

void translate_exec(const struct policy *p, pid_t pid, pid_t tid, pid_t former)
{
	unsigned int i;

	pthread_mutex_lock(&_lock);
	for (i = 0; p && i < NT; i++)
		if (_all[i]->exec)
			_all[i]->exec(p, pid, tid, former);
	pthread_mutex_unlock(&_lock);
}

int translate_finish(const struct policy *p, char *err, size_t n)
{
	unsigned int i;
	int rc = 0, r;

	pthread_mutex_lock(&_lock);
	for (i = 0; i < NT; i++) {
		if (!_all[i]->finish)
			continue;
		/* Each one runs; the first failure is the one reported. */
		r = _all[i]->finish(p, rc ? NULL : err, rc ? 0 : n);
		if (r < 0 && !rc)
			rc = r;
	}
	pthread_mutex_unlock(&_lock);
	return rc;
}
