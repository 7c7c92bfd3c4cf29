/*
 * trace.h - the JSON Lines writer: the only code that knows JSON syntax.
 *
 * Callers emit structure (begin object, key, value, end) into a jbuf; a
 * finished record is appended whole to the output buffer, which is written
 * only in whole lines, so the trace file is line-complete whatever happens
 * to xlat afterwards.  Nothing on the per-record path allocates once the
 * buffers have grown to their working size.
 */
#ifndef XLAT_TRACE_H
#define XLAT_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define JB_DEPTH 32

/* A growable JSON text buffer with comma bookkeeping. */
struct jbuf {
	char *s;
	size_t len, cap;
	int depth;
	bool need_comma[JB_DEPTH];
	bool after_key;
	bool oom;
};

void jb_reset(struct jbuf *b);
void jb_free(struct jbuf *b);
void jb_obj_begin(struct jbuf *b);
void jb_obj_end(struct jbuf *b);
void jb_arr_begin(struct jbuf *b);
void jb_arr_end(struct jbuf *b);
void jb_keyn(struct jbuf *b, const char *key, size_t n);
/* A key: one of xlat's own identifiers, never escaped (its length is
   known at compile time when it is a literal). */
static inline void jb_key(struct jbuf *b, const char *key)
{
	jb_keyn(b, key, __builtin_strlen(key));
}
void jb_int(struct jbuf *b, int64_t v);
void jb_uint(struct jbuf *b, uint64_t v);
void jb_hex(struct jbuf *b, uint64_t v);	/* "0x1f" */
void jb_null(struct jbuf *b);
void jb_bool(struct jbuf *b, bool v);
void jb_secs(struct jbuf *b, int64_t usec);	/* seconds, microsecond precision */
void jb_str(struct jbuf *b, const char *s);
/* Bytes as a JSON string: UTF-8 kept, other bytes as \udc80..\udcff. */
void jb_bytes(struct jbuf *b, const void *p, size_t n);
/* Raw, already-valid JSON value text (a fragment made by another jbuf). */
void jb_raw(struct jbuf *b, const char *s, size_t n);

/* The output. */
int trace_open(const char *path);	/* NULL: stderr, "-": stdout */
bool trace_on(void);
/* Start a record with the common fields; returns the buffer to fill. */
struct jbuf *trace_begin(const char *event, pid_t pid, pid_t tid);
/* Finish the record and queue it as one line. */
void trace_end(void);
void trace_flush(void);
/* The supervisor is about to wait: make sure pending lines are written
   soon (a one-shot ITIMER_REAL; its SIGALRM interrupts the wait). */
void trace_idle(void);
/* The timer of trace_idle fired: write what is pending. */
void trace_timer_fired(void);
void trace_close(void);
/* Another view of the records (--format=text): each finished record, one
   line of JSON without its newline, goes to sink->record instead of the
   output; the sink writes its own lines with trace_write().  flush is
   called whenever the output is flushed, pending says whether the sink
   holds lines (so the idle timer flushes them too). */
struct trace_sink {
	void (*record)(void *ctx, const char *line, size_t n);
	void (*flush)(void *ctx);
	bool (*pending)(void *ctx);
};
void trace_set_sink(const struct trace_sink *sink, void *ctx);
/* Queue n bytes of whole lines for the output.  0, or -EIO when the
   output has failed. */
int trace_write(const char *s, size_t n);
uint64_t trace_dropped(void);
uint64_t trace_records(void);
/* Microseconds since trace start (CLOCK_MONOTONIC). */
int64_t trace_now_us(void);
void trace_set_start(void);
/* Wall-clock microseconds since the epoch at trace_set_start(). */
int64_t trace_start_epoch_us(void);

#endif
