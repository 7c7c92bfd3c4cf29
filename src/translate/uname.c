/*
 * uname.c - fake fields of uname(2) (--uname, the policy's "uname").
 * x86_64: uname (struct new_utsname, 6 fields of 65 bytes).  i386: uname
 * (new_utsname), olduname (struct old_utsname, 5 fields of 65) and
 * oldolduname (struct oldold_utsname, 5 fields of 9).  Fields are written
 * at the exit stop, over what the kernel filled in.
 */
#include "config.h"

#include <string.h>

#include "mem.h"
#include "tables/sysent.h"
#include "translate/translate.h"

static bool _active(const struct policy *p)
{
	int i;

	for (i = 0; i < UTS_FIELDS; i++)
		if (p->uts[i])
			return true;
	return false;
}

/* Field count and size of the struct id fills, or 0. */
static int _layout(int id, size_t *fsize)
{
	const char *name;

	if (id < 0)
		return 0;
	name = sysent_table[id].name;
	*fsize = 65;
	if (strcmp(name, "uname") == 0)
		return 6;
	if (strcmp(name, "olduname") == 0)
		return 5;
	if (strcmp(name, "oldolduname") == 0) {
		*fsize = 9;
		return 5;
	}
	return 0;
}

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;
	size_t fs;

	if (!_active(p))
		return;
	for (id = 0; id < sysent_count; id++)
		if (_layout(id, &fs))
			need[id] = true;
}

static int _enter(struct xcall *x)
{
	size_t fs;

	return _active(x->pol) && _layout(x->id, &fs) ? XH_EXIT : 0;
}

static bool _on_exit(struct xcall *x)
{
	char field[65];
	size_t fs;
	int i, n = _layout(x->id, &fs);
	bool changed = false;

	if (x->ret != 0 || !_active(x->pol))
		return false;
	for (i = 0; i < n; i++) {
		if (!x->pol->uts[i])
			continue;
		memset(field, 0, sizeof(field));
		strncpy(field, x->pol->uts[i], fs - 1);
		if (mem_write(x->tid, x->args[0] + i * fs, field, fs) == 0)
			changed = true;
	}
	return changed;	/* the result itself stays 0 */
}

const struct translator translate_uname = {
	.name = "uname",
	.need = _need,
	.enter = _enter,
	.exit = _on_exit,
};
