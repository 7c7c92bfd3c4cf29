/*
 * tracee.c - open-addressing hash table of tracees keyed by tid.
 *
 * Linear probing with backward-shift deletion: lookups stay O(1) with
 * thousands of short-lived processes and no tombstones pile up.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tracee.h"

static struct tracee **_slots;
static unsigned int _cap;	/* power of two */
static unsigned int _count;

static inline unsigned int _hash(pid_t tid)
{
	return ((uint32_t)tid * 2654435761u) & (_cap - 1);
}

int tracee_init(void)
{
	_cap = 256;
	_slots = calloc(_cap, sizeof(*_slots));
	return _slots ? 0 : -ENOMEM;
}

struct tracee *tracee_find(pid_t tid)
{
	unsigned int i;

	for (i = _hash(tid); _slots[i]; i = (i + 1) & (_cap - 1))
		if (_slots[i]->tid == tid)
			return _slots[i];
	return NULL;
}

static void _insert(struct tracee *t)
{
	unsigned int i;

	for (i = _hash(t->tid); _slots[i]; i = (i + 1) & (_cap - 1))
		;
	_slots[i] = t;
}

static int _grow(void)
{
	struct tracee **old = _slots;
	unsigned int oldcap = _cap, i;

	_slots = calloc(oldcap * 2, sizeof(*_slots));
	if (!_slots) {
		_slots = old;
		return -ENOMEM;
	}
	_cap = oldcap * 2;
	for (i = 0; i < oldcap; i++)
		if (old[i])
			_insert(old[i]);
	free(old);
	return 0;
}

struct tracee *tracee_add(pid_t tid, pid_t pid)
{
	struct tracee *t = tracee_find(tid);

	if (t)
		return t;
	if ((_count + 1) * 2 > _cap && _grow() < 0)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->tid = tid;
	t->pid = pid;
	_insert(t);
	_count++;
	return t;
}

static void _unlink(struct tracee *t)
{
	unsigned int i, j, h;

	for (i = _hash(t->tid); _slots[i] != t; i = (i + 1) & (_cap - 1))
		;
	_slots[i] = NULL;
	/* Shift back the entries of the probe run that follows. */
	for (j = (i + 1) & (_cap - 1); _slots[j]; j = (j + 1) & (_cap - 1)) {
		h = _hash(_slots[j]->tid);
		if (((j - h) & (_cap - 1)) >= ((j - i) & (_cap - 1))) {
			_slots[i] = _slots[j];
			_slots[j] = NULL;
			i = j;
		}
	}
	_count--;
}

void tracee_del(struct tracee *t)
{
	_unlink(t);
	free(t->exec_path);
	jb_free(&t->cur.argbuf);
	free(t);
}

int tracee_retid(struct tracee *t, pid_t tid)
{
	_unlink(t);
	t->tid = tid;
	_insert(t);
	_count++;
	return 0;
}

unsigned int tracee_count(void)
{
	return _count;
}

void tracee_each(void (*fn)(struct tracee *t, void *arg), void *arg)
{
	unsigned int i;

	for (i = 0; i < _cap; i++)
		if (_slots[i])
			fn(_slots[i], arg);
}
