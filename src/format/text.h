/*
 * text.h - trace records to strace's text lines: "name(args) = ret",
 * "--- SIGCHLD {...} ---", "+++ exited with 0 +++", the pid prefix of
 * strace -f, the -t/-tt/-ttt/-r/-T stamps, and <unfinished ...> /
 * <... name resumed> where the calls of several threads overlap.
 *
 * Records come in as parsed json-c objects in the order they were written
 * (each call is written once, at its exit).  They are held in a batch
 * until text_flush(); the batch is put in time order (a call's entry is
 * its "ts" less its "dur") and written as strace would have printed it.
 * A call whose entry lies before lines already flushed is written as an
 * <unfinished ...> line directly followed by its <... resumed> line.
 */
#ifndef XLAT_TEXT_H
#define XLAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

struct text_opts {
	unsigned int string_limit;	/* -s: strings longer than this get "..." */
	int stamps;		/* 0; 1 -t (HH:MM:SS); 2 -tt (+ usec); 3 -ttt (epoch.usec) */
	bool relative;		/* strace -r: seconds since the previous line */
	bool durations;		/* strace -T: <seconds> in the call */
	bool pid_column;	/* strace -f -o FILE: every line starts "PID " */
};

/* Where the lines go: whole lines, each ending in '\n'.  0 or -errno. */
typedef int text_write_fn(void *ctx, const char *s, size_t n);

struct text;

/* NULL when out of memory. */
struct text *text_new(const struct text_opts *o, text_write_fn *write, void *ctx);
/* Add a record; the text takes the caller's reference.  A batch that has
   grown large is flushed.  0 or -errno (of the writer, or -ENOMEM). */
int text_add(struct text *t, json_object *rec);
/* Write every record held, in time order.  0 or -errno. */
int text_flush(struct text *t);
/* True when records are held. */
bool text_pending(const struct text *t);
void text_free(struct text *t);

#endif
