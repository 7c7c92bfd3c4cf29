/*
 * internal.h - what the parts of the learner (src/learn/) share: the store
 * of observed rules.  learn.c fills it from calls, merge.c from an earlier
 * learned policy, write.c folds and writes it.
 */
#ifndef XLAT_LEARN_INTERNAL_H
#define XLAT_LEARN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "learn/learn.h"

/* Distinct key values kept per call before its condition is dropped. */
#define LEARN_MAXVALS 16
/* A directory with more than this many distinct entries in one rule
   becomes DIR/\*. */
#define LEARN_FOLD 5

/* How an open uses its path (the open flags), or what else a rule keys on. */
enum lmode {
	LM_NONE,	/* any other call */
	LM_READ,	/* open without O_WRONLY, O_RDWR, O_CREAT, O_TRUNC */
	LM_WRITE,	/* open for writing, without O_CREAT */
	LM_CREATE,	/* open with O_CREAT (and creat) */
	LM_EMPTY,	/* an *at call on its fd alone: "" with AT_EMPTY_PATH */
};

/* The open flags masks of LM_READ and LM_WRITE. */
#define LEARN_READ_MASK 0x243	/* O_WRONLY|O_RDWR|O_CREAT|O_TRUNC */
#define LEARN_WRITE_MASK 0x40	/* O_CREAT */
#define LEARN_AT_EMPTY_PATH 0x1000

/* A sorted set of strings.  Path patterns are stored with their kind as
   the first byte: 'e' exact, 'g' glob, 'p' prefix. */
struct lset {
	char **v;
	size_t n, cap;
};

/* One rule: a call on one ABI, in one mode, with the key values seen (as
   a key spec says), or the path patterns seen. */
struct lrule {
	int abi, id;
	enum lmode mode;
	int nvals;
	uint64_t vals[LEARN_MAXVALS][2];
	bool any;		/* too many values, or merged unconditional */
	bool anypath;		/* a path that cannot be resolved: no condition */
	struct lset paths;
};

/* Which arguments of a call are its key, masked. */
struct lkey {
	const char *call;
	const char *arg[2];
	uint64_t mask[2];
};

struct learn {
	struct lrule *r;
	size_t n, cap;
	struct lset created, removed;	/* paths, for temporaries */
	struct lset runs;		/* earlier headers, as JSON text */
	enum pol_action def;
	int def_err;
	bool def_set;			/* by --learn-default */
};

/* The key spec of call id, or NULL; the index of its arguments in ai[]. */
const struct lkey *learn_key(int id, int ai[2]);
/* The rule for (abi, id, mode), made when new; NULL when out of memory. */
struct lrule *learn_rule(struct learn *l, int abi, int id, enum lmode mode);
/* Add a key tuple to r (dropping the condition past LEARN_MAXVALS). */
void learn_add_vals(struct lrule *r, uint64_t v0, uint64_t v1);
/* Does call id take a path argument? */
bool learn_pathcall(int id);

/* Add s to the set (kept sorted, no duplicates).  0 or -ENOMEM. */
int lset_add(struct lset *s, const char *str);
/* Append s, unsorted (a list).  0 or -ENOMEM. */
int lset_push(struct lset *s, const char *str);
bool lset_has(const struct lset *s, const char *str);
void lset_free(struct lset *s);

#endif
