/*
 * sysent.c - lookups over the generated syscall and flag tables.
 *
 * The tables themselves are data (src/tables/syscalls.tsv, argkinds.txt,
 * flags/NAME.in), turned into tables-gen.c by scripts/gen-tables.py.  This
 * file owns the only code that indexes them by (abi, nr): every lookup is
 * bounds-checked here, so callers never touch the per-ABI arrays.
 */
#include <errno.h>
#include <string.h>

#include "tables/sysent.h"

/* In tables-gen.c; private to this file. */
extern const struct sysent sysent_variants[];
extern const int16_t sysent_ids_x86_64[], sysent_ids_i386[];
extern const int16_t sysent_variant_x86_64[], sysent_variant_i386[];
extern const unsigned long sysent_end_x86_64, sysent_end_i386;
extern const int16_t sysent_ids_x32[];
extern const unsigned long sysent_end_x32;
extern const int16_t sysent_nrs[ABI_COUNT][SYSID_COUNT];

struct _abi_map {
	const int16_t *ids;
	const int16_t *variant;
	const unsigned long *end;
};

static const struct _abi_map _maps[ABI_COUNT] = {
	[ABI_X86_64] = { sysent_ids_x86_64, sysent_variant_x86_64, &sysent_end_x86_64 },
	[ABI_I386] = { sysent_ids_i386, sysent_variant_i386, &sysent_end_i386 },
};

static const struct _abi_map *_map(enum abi abi, unsigned long nr)
{
	if ((unsigned int)abi >= ABI_COUNT || nr >= *_maps[abi].end)
		return NULL;
	return &_maps[abi];
}

int sysent_id(enum abi abi, unsigned long nr)
{
	const struct _abi_map *m = _map(abi, nr);

	return m ? m->ids[nr] : -1;
}

const struct sysent *sysent_get(enum abi abi, unsigned long nr)
{
	const struct _abi_map *m = _map(abi, nr);

	if (m == NULL || m->ids[nr] < 0)
		return NULL;
	if (m->variant[nr] >= 0)
		return &sysent_variants[m->variant[nr]];
	return &sysent_table[m->ids[nr]];
}

int sysent_x32_id(unsigned long nr)
{
	nr &= ~0x40000000UL;
	return nr < sysent_end_x32 ? sysent_ids_x32[nr] : -1;
}

long sysent_nr(enum abi abi, int id)
{
	if ((unsigned int)abi >= ABI_COUNT || id < 0 || (unsigned int)id >= sysent_count)
		return -1;
	return sysent_nrs[abi][id];
}

unsigned long sysent_nr_end(enum abi abi)
{
	if ((unsigned int)abi >= ABI_COUNT)
		return 0;
	return *_maps[abi].end;
}

static const struct {
	const char *name;
	uint32_t bit;
} _classes[] = {
	{ "file", CLS_FILE },
	{ "desc", CLS_DESC },
	{ "network", CLS_NETWORK },
	{ "process", CLS_PROCESS },
	{ "memory", CLS_MEMORY },
	{ "signal", CLS_SIGNAL },
	{ "ipc", CLS_IPC },
	{ "creds", CLS_CREDS },
	{ "clock", CLS_CLOCK },
	{ "stat", CLS_STAT },
	{ "lstat", CLS_LSTAT },
	{ "fstat", CLS_FSTAT },
	{ "statfs", CLS_STATFS },
	{ "fstatfs", CLS_FSTATFS },
	{ "pure", CLS_PURE },
};

uint32_t sysclass_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(_classes) / sizeof(_classes[0]); i++)
		if (strcmp(name, _classes[i].name) == 0)
			return _classes[i].bit;
	return 0;
}

/*
 * Linear scans: the lists are short (errno, the longest on the hot path,
 * has under 200 entries) and their order is meaningful (the first name
 * of a value wins, so aliases follow canonical names).
 */
const char *xlat_name(enum xtab t, uint64_t val)
{
	if ((unsigned int)t >= XT_COUNT)
		return NULL;
	const struct xlat_table *x = &xlat_tables[t];

	for (unsigned int i = 0; i < x->count; i++)
		if (x->entries[i].val == val)
			return x->entries[i].name;
	return NULL;
}

int xlat_value(enum xtab t, const char *name, uint64_t *val)
{
	if ((unsigned int)t >= XT_COUNT)
		return -ENOENT;
	const struct xlat_table *x = &xlat_tables[t];

	for (unsigned int i = 0; i < x->count; i++) {
		if (strcmp(x->entries[i].name, name) == 0) {
			*val = x->entries[i].val;
			return 0;
		}
	}
	return -ENOENT;
}

int xlat_any_value(const char *name, uint64_t *val)
{
	for (unsigned int t = 0; t < XT_COUNT; t++)
		if (xlat_value((enum xtab)t, name, val) == 0)
			return 0;
	return -ENOENT;
}
