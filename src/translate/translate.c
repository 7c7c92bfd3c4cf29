/*
 * translate.c - the list of translators and the loops over their hooks.
 */
#include "config.h"

#include <errno.h>

#include "translate/translate.h"

static const struct translator *const _all[] = {
	&translate_emulate,
	&translate_errno_map,
	&translate_uname,
	&translate_identity,
	&translate_guest,
	&translate_guest_unix,
};

#define NT (sizeof(_all) / sizeof(_all[0]))

void translate_need(const struct policy *p, bool *need)
{
	unsigned int i;

	for (i = 0; i < NT; i++)
		if (_all[i]->need)
			_all[i]->need(p, need);
}

int translate_enter(struct xcall *x)
{
	unsigned int i;
	int r = 0;

	for (i = 0; i < NT; i++) {
		if (!_all[i]->enter)
			continue;
		r |= _all[i]->enter(x);
		if (r & (XH_SKIP | XH_KILL))
			break;
	}
	return r;
}

bool translate_exit(struct xcall *x)
{
	unsigned int i;
	bool changed = false;

	for (i = 0; i < NT; i++)
		if (_all[i]->exit)
			changed |= _all[i]->exit(x);
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

	for (i = 0; i < NT; i++)
		if (_all[i]->fork && _all[i]->fork(parent, child) < 0)
			rc = -ENOMEM;
	return rc;
}

void translate_gone(pid_t pid)
{
	unsigned int i;

	for (i = 0; i < NT; i++)
		if (_all[i]->gone)
			_all[i]->gone(pid);
}

void translate_exec(const struct policy *p, pid_t pid, pid_t tid, pid_t former)
{
	unsigned int i;

	for (i = 0; p && i < NT; i++)
		if (_all[i]->exec)
			_all[i]->exec(p, pid, tid, former);
}

int translate_finish(const struct policy *p, char *err, size_t n)
{
	unsigned int i;
	int rc = 0, r;

	for (i = 0; i < NT; i++) {
		if (!_all[i]->finish)
			continue;
		/* Each one runs; the first failure is the one reported. */
		r = _all[i]->finish(p, rc ? NULL : err, rc ? 0 : n);
		if (r < 0 && !rc)
			rc = r;
	}
	return rc;
}
