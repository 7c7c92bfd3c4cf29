/*
 * jpos.c - a position index of a JSON text: one pass that records the
 * line and column of every key and value under its JSON path.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jpos.h"

struct _scan {
	struct jpos *p;
	const char *s;
	size_t len, i;
	int line, col;
	int max_depth;
};

static void _adv(struct _scan *sc)
{
	if (sc->s[sc->i] == '\n') {
		sc->line++;
		sc->col = 1;
	} else {
		sc->col++;
	}
	sc->i++;
}

static void _ws(struct _scan *sc)
{
	while (sc->i < sc->len && strchr(" \t\r\n", sc->s[sc->i]) && sc->s[sc->i])
		_adv(sc);
}

static int _add(struct _scan *sc, const char *path, int kline, int kcol,
		int line, int col, size_t off)
{
	struct jpos *p = sc->p;
	struct jpos_entry *e;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;

		e = realloc(p->e, cap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		p->e = e;
		p->cap = cap;
	}
	e = &p->e[p->n];
	e->path = strdup(path);
	if (!e->path)
		return -ENOMEM;
	e->kline = kline;
	e->kcol = kcol;
	e->line = line;
	e->col = col;
	e->off = off;
	e->len = 0;
	return (int)p->n++;
}

/* Skip a string; on return sc->i is past the closing quote. */
static int _string(struct _scan *sc)
{
	if (sc->i >= sc->len || sc->s[sc->i] != '"')
		return -EINVAL;
	_adv(sc);
	while (sc->i < sc->len && sc->s[sc->i] != '"') {
		if (sc->s[sc->i] == '\\' && sc->i + 1 < sc->len)
			_adv(sc);
		_adv(sc);
	}
	if (sc->i >= sc->len)
		return -EINVAL;
	_adv(sc);
	return 0;
}

/* After a member of an object or array: 1 when a ',' says another
   follows, 0 when the closing bracket ends it, -EINVAL otherwise. */
static int _after_member(struct _scan *sc, char close)
{
	_ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == ',') {
		_adv(sc);
		return 1;
	}
	if (sc->i < sc->len && sc->s[sc->i] == close) {
		_adv(sc);
		return 0;
	}
	return -EINVAL;
}

static int _value(struct _scan *sc, char *path, size_t plen, int kline, int kcol, int depth)
{
	size_t off, start, klen, n;
	int idx, rc, kl, kc;

	if (depth > sc->max_depth)
		return -EINVAL;
	_ws(sc);
	if (sc->i >= sc->len)
		return -EINVAL;
	off = sc->i;
	idx = _add(sc, path, kline, kcol, sc->line, sc->col, off);
	if (idx < 0)
		return idx;
	switch (sc->s[sc->i]) {
	case '{':
		_adv(sc);
		_ws(sc);
		if (sc->i < sc->len && sc->s[sc->i] == '}') {
			_adv(sc);
			break;
		}
		for (;;) {
			_ws(sc);
			kl = sc->line;
			kc = sc->col;
			start = sc->i + 1;
			rc = _string(sc);
			if (rc)
				return rc;
			klen = sc->i - 1 - start;
			n = plen + 1 + klen;
			if (n >= 4096)
				return -EINVAL;
			path[plen] = '/';
			memcpy(path + plen + 1, sc->s + start, klen);
			path[n] = '\0';
			_ws(sc);
			if (sc->i >= sc->len || sc->s[sc->i] != ':')
				return -EINVAL;
			_adv(sc);
			rc = _value(sc, path, n, kl, kc, depth + 1);
			path[plen] = '\0';
			if (rc)
				return rc;
			rc = _after_member(sc, '}');
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
		}
		break;
	case '[':
		_adv(sc);
		_ws(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ']') {
			_adv(sc);
			break;
		}
		for (n = 0;; n++) {
			int w = snprintf(path + plen, 4096 - plen, "/%zu", n);

			if (w < 0 || (size_t)w >= 4096 - plen)
				return -EINVAL;
			rc = _value(sc, path, plen + w, 0, 0, depth + 1);
			path[plen] = '\0';
			if (rc)
				return rc;
			rc = _after_member(sc, ']');
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
		}
		break;
	case '"':
		rc = _string(sc);
		if (rc)
			return rc;
		break;
	default:
		/* A number or a literal: up to the next delimiter. */
		while (sc->i < sc->len && !strchr(",]} \t\r\n", sc->s[sc->i]))
			_adv(sc);
		if (sc->i == off)
			return -EINVAL;
		break;
	}
	sc->p->e[idx].len = sc->i - off;
	return 0;
}

int jpos_build(struct jpos *p, const char *text, size_t len, int max_depth)
{
	struct _scan sc = { .p = p, .s = text, .len = len, .line = 1, .col = 1,
			    .max_depth = max_depth };
	char path[4096] = "";

	memset(p, 0, sizeof(*p));
	p->text = text;
	return _value(&sc, path, 0, 0, 0, 0);
}

const struct jpos_entry *jpos_find(const struct jpos *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->e[i].path, path) == 0)
			return &p->e[i];
	return NULL;
}

void jpos_linecol(const char *text, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

void jpos_free(struct jpos *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->e[i].path);
	free(p->e);
	memset(p, 0, sizeof(*p));
}
