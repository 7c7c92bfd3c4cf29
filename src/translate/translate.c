/*
 * translate.c - the list of translators and the loops over their hooks.
 */
#include "config.h"

#include "translate/translate.h"

static const struct translator *const _all[] = {
	&translate_emulate,
	&translate_errno_map,
	&translate_uname,
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
