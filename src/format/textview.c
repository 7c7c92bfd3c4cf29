/*
 * textview.c - wiring of textview.h: trace writer -> text converter
 * (live), and saved trace -> reader -> text converter -> a descriptor.
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "format/jsonl.h"
#include "format/textview.h"
#include "trace.h"

/* --- live ---------------------------------------------------------------- */

static struct text *_live;

static int _to_trace(void *ctx, const char *s, size_t n)
{
	return trace_write(s, n);
}

static void _record(void *ctx, const char *line, size_t n)
{
	json_object *rec = jsonl_parse(line, n);

	if (rec)
		text_add(_live, rec);
}

static void _flush(void *ctx)
{
	text_flush(_live);
}

static bool _pending(void *ctx)
{
	return text_pending(_live);
}

static const struct trace_sink _sink = {
	.record = _record,
	.flush = _flush,
	.pending = _pending,
};

int textview_live(const struct text_opts *o)
{
	_live = text_new(o, _to_trace, NULL);
	if (!_live)
		return -ENOMEM;
	trace_set_sink(&_sink, NULL);
	return 0;
}

/* --- replay -------------------------------------------------------------- */

static int _to_fd(void *ctx, const char *s, size_t n)
{
	int fd = *(int *)ctx;
	ssize_t w;

	while (n) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		s += w;
		n -= w;
	}
	return 0;
}

long textview_replay(const char *path, int fd, const struct text_opts *o,
		     textview_warn_fn *warn)
{
	struct jsonl_reader r;
	struct text *t;
	json_object *rec;
	int rc;

	rc = jsonl_open(&r, path);
	if (rc < 0)
		return rc;
	t = text_new(o, _to_fd, &fd);
	if (!t) {
		jsonl_close(&r);
		return -ENOMEM;
	}
	while ((rc = jsonl_next(&r, &rec)) != 0) {
		if (rc == -EINVAL)
			warn(r.err);
		else if (rc < 0)
			break;
		if (rec && (rc = text_add(t, rec)) < 0)
			break;
		rc = 0;
	}
	if (!rc)
		rc = text_flush(t);
	text_free(t);
	jsonl_close(&r);
	return rc < 0 ? rc : r.bad;
}
