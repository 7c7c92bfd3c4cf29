/*
 * jpos.h - where each key and value of a JSON text is: line and column by
 * JSON path ("/rules/0/action"), for error messages.  json-c parses the
 * text; this index only remembers positions, which json-c does not keep.
 */
#ifndef XLAT_JPOS_H
#define XLAT_JPOS_H

#include <stdbool.h>
#include <stddef.h>

struct jpos_entry {
	char *path;		/* "" for the root, "/key/0/key" below it */
	int kline, kcol;	/* the key (0 when the value is not a member) */
	int line, col;		/* the value */
	size_t off, len;	/* the value's text */
};

struct jpos {
	const char *text;
	struct jpos_entry *e;
	size_t n, cap;
};

/* Index a text json-c has accepted, nested at most max_depth deep.
   0 or -errno (-EINVAL when the text is not the JSON it expects). */
int jpos_build(struct jpos *p, const char *text, size_t len, int max_depth);
/* The entry for a path, or NULL. */
const struct jpos_entry *jpos_find(const struct jpos *p, const char *path);
/* Line and column (from 1) of a byte offset. */
void jpos_linecol(const char *text, size_t off, int *line, int *col);
void jpos_free(struct jpos *p);

#endif
