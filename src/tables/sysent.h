/*
 * sysent.h - the syscall signature table and the flag/enum tables.
 *
 * The data lives in src/tables/ as text (syscalls.tsv, argkinds.txt, the
 * flag lists) and is turned into C by scripts/gen-tables.py at build time;
 * syscall numbers per ABI come from libseccomp (scripts/sysnums.c), merged
 * with the kernel's own tables (syscall_64.tbl, syscall_32.tbl) for the
 * calls the build machine's libseccomp does not know.
 * Every lookup by (abi, nr) goes through sysent_get(), which is bounds-checked.
 */
#ifndef XLAT_SYSENT_H
#define XLAT_SYSENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "tables/tables-gen.h"	/* enum argkind (AK_*), enum xtab (XT_*), enum structid (ST_*) */

enum abi { ABI_X86_64, ABI_I386, ABI_COUNT };

/* Syscall classes, as strace's -e trace=%class. */
enum sysclass {
	CLS_FILE	= 1u << 0,
	CLS_DESC	= 1u << 1,
	CLS_NETWORK	= 1u << 2,
	CLS_PROCESS	= 1u << 3,
	CLS_MEMORY	= 1u << 4,
	CLS_SIGNAL	= 1u << 5,
	CLS_IPC		= 1u << 6,
	CLS_CREDS	= 1u << 7,
	CLS_CLOCK	= 1u << 8,
	CLS_STAT	= 1u << 9,
	CLS_LSTAT	= 1u << 10,
	CLS_FSTAT	= 1u << 11,
	CLS_STATFS	= 1u << 12,
	CLS_FSTATFS	= 1u << 13,
	CLS_PURE	= 1u << 14,
};

struct sysarg {
	const char *name;	/* the kernel's parameter name */
	uint16_t kind;		/* enum argkind */
	int16_t aux;		/* kind-specific: index of the length argument,
				   flag table (enum xtab) or struct (enum structid);
				   -1 when unused */
	uint8_t reg;		/* first register (0..5) holding the value */
	uint8_t nregs;		/* 1, or 2 for a 64-bit value in an i386 pair */
};

struct sysent {
	const char *name;
	uint32_t classes;	/* enum sysclass bits */
	uint16_t ret_kind;	/* enum argkind of the return value */
	uint8_t nargs;		/* logical arguments in args[] */
	struct sysarg args[6];
};

extern const struct sysent sysent_table[];
extern const unsigned int sysent_count;
extern const char *const abi_names[ABI_COUNT];

/* The entry for (abi, nr), or NULL when the number is unknown. */
const struct sysent *sysent_get(enum abi abi, unsigned long nr);
/* The neutral id (index into sysent_table) for (abi, nr), or -1. */
int sysent_id(enum abi abi, unsigned long nr);
/* The number of neutral id on abi, or -1 when that ABI lacks it. */
long sysent_nr(enum abi abi, int id);
/* The neutral id of x32 call nr (with or without the 0x40000000 bit), or -1.
   xlat does not trace x32; this keeps the names of its calls at hand. */
int sysent_x32_id(unsigned long nr);
/* One past the largest known number on abi. */
unsigned long sysent_nr_end(enum abi abi);
/* Class bit for a class name without '%' ("file"), or 0 when unknown. */
uint32_t sysclass_parse(const char *name);

/* Flag and enum tables (XT_*). */
struct xlat_entry {
	uint64_t val;
	const char *name;
};
struct xlat_table {
	const char *name;		/* the list's name, e.g. "open" */
	const struct xlat_entry *entries;
	unsigned int count;
	bool flags;			/* bit set (true) or enum (false) */
};
extern const struct xlat_table xlat_tables[XT_COUNT];

/* Name of an enum value, or NULL. */
const char *xlat_name(enum xtab t, uint64_t val);
/* Value of a name in table t; 0 when found, -ENOENT otherwise. */
int xlat_value(enum xtab t, const char *name, uint64_t *val);
/* Value of a constant name in any table ("O_WRONLY", "AF_INET"). */
int xlat_any_value(const char *name, uint64_t *val);

#endif
