/*
 * learn.c - the learner's store and what it observes: for each call at its
 * entry, the rule that would allow it (the call on its ABI; the values of
 * its key arguments, as the key table says; its resolved paths and how an
 * open uses them), and the paths a run creates and removes (write.c folds
 * those temporaries).  It reads the tracee through mem.c and resolves
 * paths as the policy's path conditions do (policy.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/internal.h"
#include "mem.h"
#include "tables/sysent.h"

#define ALL (~(uint64_t)0)
#define X_PROT_EXEC 0x4
/* CLONE_VM|CLONE_VFORK|CLONE_THREAD and the namespace flags: a thread, a
   vfork, a fork and a new namespace are each their own value. */
#define X_CLONE_KIND (0x100 | 0x4000 | 0x10000 | 0x20000 | 0x02000000 | \
		      0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000)

/* The key arguments: calls whose meaning is in an enum or a flag set. */
static const struct lkey _keys[] = {
	{ "socket",	   { "family", "type" }, { ALL, 0xf } },
	{ "socketpair",	   { "family", "type" }, { ALL, 0xf } },
	{ "clone",	   { "clone_flags" }, { X_CLONE_KIND } },
	{ "prctl",	   { "option" }, { ALL } },
	{ "fcntl",	   { "cmd" }, { ALL } },
	{ "fcntl64",	   { "cmd" }, { ALL } },
	{ "ioctl",	   { "cmd" }, { ALL } },
	{ "personality",   { "personality" }, { ALL } },
	{ "mmap",	   { "prot" }, { X_PROT_EXEC } },
	{ "mmap2",	   { "prot" }, { X_PROT_EXEC } },
	{ "mprotect",	   { "prot" }, { X_PROT_EXEC } },
	{ "pkey_mprotect", { "prot" }, { X_PROT_EXEC } },
	{ "socketcall",	   { "call" }, { ALL } },
	{ "ipc",	   { "call" }, { ALL } },
};

/* Calls that remove the path in their first path argument. */
static const char *const _removers[] = {
	"unlink", "unlinkat", "rmdir", "rename", "renameat", "renameat2",
};

static int _arg_index(int id, const char *name)
{
	const struct sysent *se = &sysent_table[id];
	int i;

	for (i = 0; name && i < se->nargs; i++)
		if (strcmp(se->args[i].name, name) == 0)
			return i;
	return -1;
}

const struct lkey *learn_key(int id, int ai[2])
{
	size_t k;

	for (k = 0; k < sizeof(_keys) / sizeof(_keys[0]); k++) {
		if (strcmp(sysent_table[id].name, _keys[k].call) != 0)
			continue;
		ai[0] = _arg_index(id, _keys[k].arg[0]);
		ai[1] = _arg_index(id, _keys[k].arg[1]);
		return ai[0] >= 0 ? &_keys[k] : NULL;
	}
	return NULL;
}

bool learn_pathcall(int id)
{
	const struct sysent *se = &sysent_table[id];
	int i;

	for (i = 0; i < se->nargs; i++)
		if (se->args[i].kind == AK_path)
			return true;
	return false;
}

/* --- sets ---------------------------------------------------------------- */

/* The index of str in s, or where it would go (*found false). */
static size_t _find(const struct lset *s, const char *str, bool *found)
{
	size_t lo = 0, hi = s->n, mid;
	int c;

	*found = false;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(s->v[mid], str);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int lset_add(struct lset *s, const char *str)
{
	bool found;
	size_t at = _find(s, str, &found);
	char **v, *copy;

	if (found)
		return 0;
	if (s->n == s->cap) {
		v = realloc(s->v, (s->cap ? s->cap * 2 : 16) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = s->cap ? s->cap * 2 : 16;
	}
	copy = strdup(str);
	if (!copy)
		return -ENOMEM;
	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof(*s->v));
	s->v[at] = copy;
	s->n++;
	return 0;
}

int lset_push(struct lset *s, const char *str)
{
	char **v;

	if (s->n == s->cap) {
		v = realloc(s->v, (s->cap ? s->cap * 2 : 16) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = s->cap ? s->cap * 2 : 16;
	}
	s->v[s->n] = strdup(str);
	return s->v[s->n] ? (s->n++, 0) : -ENOMEM;
}

bool lset_has(const struct lset *s, const char *str)
{
	bool found;

	_find(s, str, &found);
	return found;
}

void lset_free(struct lset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* --- the store ----------------------------------------------------------- */

struct learn *learn_new(void)
{
	struct learn *l = calloc(1, sizeof(*l));

	if (l) {
		l->def = PA_DENY;
		l->def_err = EPERM;
	}
	return l;
}

void learn_free(struct learn *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		lset_free(&l->r[i].paths);
	free(l->r);
	lset_free(&l->created);
	lset_free(&l->removed);
	lset_free(&l->runs);
	free(l);
}

struct lrule *learn_rule(struct learn *l, int abi, int id, enum lmode mode)
{
	struct lrule *r;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->r[i].abi == abi && l->r[i].id == id && l->r[i].mode == mode)
			return &l->r[i];
	if (l->n == l->cap) {
		r = realloc(l->r, (l->cap ? l->cap * 2 : 64) * sizeof(*r));
		if (!r)
			return NULL;
		l->r = r;
		l->cap = l->cap ? l->cap * 2 : 64;
	}
	r = &l->r[l->n++];
	memset(r, 0, sizeof(*r));
	r->abi = abi;
	r->id = id;
	r->mode = mode;
	return r;
}

void learn_add_vals(struct lrule *r, uint64_t v0, uint64_t v1)
{
	int i;

	if (r->any)
		return;
	for (i = 0; i < r->nvals; i++)
		if (r->vals[i][0] == v0 && r->vals[i][1] == v1)
			return;
	if (r->nvals == LEARN_MAXVALS) {
		r->any = true;
		return;
	}
	r->vals[r->nvals][0] = v0;
	r->vals[r->nvals++][1] = v1;
}

int learn_set_default(struct learn *l, const char *spec, char *err, size_t n)
{
	const char *colon = strchr(spec, ':');
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	uint64_t e;

	if (len == 4 && strncmp(spec, "deny", 4) == 0) {
		l->def = PA_DENY;
		l->def_err = EPERM;
		if (colon) {
			if (xlat_value(XT_errno, colon + 1, &e) < 0) {
				snprintf(err, n, "--learn-default=%s: unknown errno '%s'", spec, colon + 1);
				return -EINVAL;
			}
			l->def_err = (int)e;
		}
	} else if (!colon && strcmp(spec, "kill") == 0) {
		l->def = PA_KILL;
	} else if (!colon && strcmp(spec, "allow") == 0) {
		l->def = PA_ALLOW;
	} else {
		snprintf(err, n, "--learn-default=%s: not deny[:ERRNO], kill or allow", spec);
		return -EINVAL;
	}
	l->def_set = true;
	return 0;
}

/* --- observing a call ---------------------------------------------------- */

static enum lmode _open_mode(int id, const uint64_t args[6])
{
	const char *name = sysent_table[id].name;
	int fi = _arg_index(id, "flags");
	uint64_t f;

	if (strcmp(name, "creat") == 0)
		return LM_CREATE;
	if ((strcmp(name, "open") && strcmp(name, "openat")) || fi < 0)
		return LM_NONE;
	f = args[sysent_table[id].args[fi].reg];
	if (f & (0x40 /* O_CREAT */ | 020000000 /* __O_TMPFILE */))
		return LM_CREATE;
	if (f & (0x3 | 0x200 /* O_TRUNC */))
		return LM_WRITE;
	return LM_READ;
}

/* The *at flags argument that may hold AT_EMPTY_PATH, or -1. */
static int _at_flags(int id)
{
	const struct sysent *se = &sysent_table[id];
	int i;

	for (i = 0; i < se->nargs; i++)
		if (se->args[i].kind == AK_flags &&
		    (strcmp(se->args[i].name, "flag") == 0 || strcmp(se->args[i].name, "flags") == 0))
			return i;
	return -1;
}

static bool _removes(int id)
{
	size_t k;

	for (k = 0; k < sizeof(_removers) / sizeof(_removers[0]); k++)
		if (strcmp(sysent_table[id].name, _removers[k]) == 0)
			return true;
	return false;
}

/* The resolved path arguments of a path call into r (or r->anypath). */
static void _paths(struct learn *l, struct lrule *r, pid_t tid, int id, const uint64_t args[6])
{
	const struct sysent *se = &sysent_table[id];
	char buf[PATH_MAX], res[PATH_MAX + 1];
	bool complete, dirfd_before, first = true;
	int i, dirfd = AT_FDCWD;
	ssize_t n;

	for (i = 0; i < se->nargs; i++) {
		if (se->args[i].kind != AK_path)
			continue;
		dirfd_before = i > 0 && se->args[i - 1].kind == AK_dirfd;
		if (dirfd_before)
			dirfd = (int)args[se->args[i - 1].reg];
		n = mem_read_str(tid, args[se->args[i].reg], buf, sizeof(buf) - 1, &complete);
		if (n < 0 || !complete ||
		    policy_resolve(tid, dirfd, dirfd_before, (buf[n] = '\0', buf),
				   res + 1, sizeof(res) - 1) < 0) {
			r->anypath = true;
			continue;
		}
		res[0] = 'e';
		lset_add(&r->paths, res);
		if (r->mode == LM_CREATE || strncmp(se->name, "mkdir", 5) == 0 ||
		    strncmp(se->name, "mknod", 5) == 0 || strncmp(se->name, "symlink", 7) == 0 ||
		    (!first && _removes(id)))
			lset_add(&l->created, res + 1);
		if (first && _removes(id))
			lset_add(&l->removed, res + 1);
		first = false;
	}
}

void learn_observe(struct learn *l, pid_t tid, int abi, int id, const uint64_t args[6])
{
	const struct lkey *k;
	struct lrule *r;
	enum lmode mode;
	uint64_t v[2] = { 0, 0 };
	int ai[2], i, fi;
	bool empty = false;
	char c;

	if (id < 0 || abi < 0 || abi >= ABI_COUNT)
		return;
	mode = _open_mode(id, args);
	/* fstatat(fd, "", AT_EMPTY_PATH) and its like act on the fd. */
	fi = _at_flags(id);
	if (fi >= 0 && (args[sysent_table[id].args[fi].reg] & LEARN_AT_EMPTY_PATH)) {
		for (i = 0; i < sysent_table[id].nargs; i++)
			if (sysent_table[id].args[i].kind == AK_path &&
			    mem_read(tid, args[sysent_table[id].args[i].reg], &c, 1) == 0 && !c)
				empty = true;
		if (empty)
			mode = LM_EMPTY;
	}
	r = learn_rule(l, abi, id, mode);
	if (!r)
		return;
	k = learn_key(id, ai);
	if (k) {
		for (i = 0; i < 2; i++) {
			if (ai[i] < 0)
				continue;
			v[i] = args[sysent_table[id].args[ai[i]].reg] & k->mask[i];
			if (policy_arg32(abi, id, ai[i]))
				v[i] &= 0xffffffffu;
		}
		learn_add_vals(r, v[0], v[1]);
	}
	if (learn_pathcall(id) && mode != LM_EMPTY)
		_paths(l, r, tid, id, args);
}
