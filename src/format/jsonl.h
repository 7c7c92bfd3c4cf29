/*
 * jsonl.h - reading a saved trace: one JSON record per line, with line
 * numbers, the trace's own byte escapes undone, and the checks every
 * reader of a trace needs (a line that is not JSON, a truncated last
 * line, a schema this reader does not know).  Shared by the text replay
 * (xlat --format=text --replay) and xlat-report.
 */
#ifndef XLAT_JSONL_H
#define XLAT_JSONL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

#define JSONL_SCHEMA 1		/* the schema version this reader knows */

struct jsonl_reader {
	FILE *f;
	const char *name;	/* for messages: "t.jsonl" */
	long line;		/* number of the line last read, from 1 */
	char *buf;
	size_t cap;
	long bad;		/* lines that could not be read */
	char err[256];		/* the last problem: "t.jsonl:7: not JSON ..." */
};

/* Open path ("-" is stdin).  0 or -errno. */
int jsonl_open(struct jsonl_reader *r, const char *path);
void jsonl_close(struct jsonl_reader *r);
/* The next record into *rec (the caller puts it).  1: a record; 0: end of
   file; -EINVAL: this line is bad, r->err says why and where, and the
   next call goes on with the following line (*rec is NULL, or the record
   when it is still readable: a start record of an unknown schema);
   -errno: a read error. */
int jsonl_next(struct jsonl_reader *r, json_object **rec);
/* Parse one line of n bytes (no newline needed).  The trace writes bytes
   that are not UTF-8 as the escapes \udc80..\udcff (xlat-trace(5)); json-c
   would turn them into U+FFFD, so they are put back as the raw bytes
   first.  NULL when the line is not a JSON object. */
json_object *jsonl_parse(const char *s, size_t n);

#endif
