/*
 * trace.c - JSON text building (jbuf) and the line-whole output buffer.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

/* --- jbuf ---------------------------------------------------------------- */

/* Room for more bytes: the check is inline, the growth is not. */
static bool _jb_grow_slow(struct jbuf *b, size_t more)
{
	size_t cap;
	char *s;

	if (b->oom)
		return false;
	cap = b->cap ? b->cap : 512;
	while (cap <= b->len + more)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s) {
		b->oom = true;
		return false;
	}
	b->s = s;
	b->cap = cap;
	return true;
}

static inline bool _jb_grow(struct jbuf *b, size_t more)
{
	return b->len + more < b->cap || _jb_grow_slow(b, more);
}

static inline void _jb_put(struct jbuf *b, const char *s, size_t n)
{
	if (!_jb_grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

static inline void _jb_putc(struct jbuf *b, char c)
{
	if (!_jb_grow(b, 1))
		return;
	b->s[b->len++] = c;
}

/* Separator before a value or key at the current level. */
static void _jb_sep(struct jbuf *b)
{
	if (b->after_key) {
		b->after_key = false;
		return;
	}
	if (b->need_comma[b->depth])
		_jb_putc(b, ',');
	b->need_comma[b->depth] = true;
}

void jb_reset(struct jbuf *b)
{
	b->len = 0;
	b->depth = 0;
	b->need_comma[0] = false;
	b->after_key = false;
	b->oom = false;
}

void jb_free(struct jbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

static void _jb_open(struct jbuf *b, char c)
{
	_jb_sep(b);
	_jb_putc(b, c);
	if (b->depth < JB_DEPTH - 1)
		b->depth++;
	b->need_comma[b->depth] = false;
}

static void _jb_close(struct jbuf *b, char c)
{
	if (b->depth > 0)
		b->depth--;
	_jb_putc(b, c);
}

void jb_obj_begin(struct jbuf *b) { _jb_open(b, '{'); }
void jb_obj_end(struct jbuf *b) { _jb_close(b, '}'); }
void jb_arr_begin(struct jbuf *b) { _jb_open(b, '['); }
void jb_arr_end(struct jbuf *b) { _jb_close(b, ']'); }

void jb_keyn(struct jbuf *b, const char *key, size_t n)
{
	char *p;

	/* One check for the separator, the quotes, the name and the colon. */
	if (!_jb_grow(b, n + 4))
		return;
	p = b->s + b->len;
	if (b->after_key)
		b->after_key = false;
	else if (b->need_comma[b->depth])
		*p++ = ',';
	b->need_comma[b->depth] = true;
	*p++ = '"';
	memcpy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	b->len = p - b->s;
	b->after_key = true;
}

static void _jb_udec(struct jbuf *b, uint64_t v, bool neg)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	if (neg)
		tmp[--i] = '-';
	_jb_put(b, tmp + i, sizeof(tmp) - i);
}

void jb_int(struct jbuf *b, int64_t v)
{
	_jb_sep(b);
	if (v < 0)
		_jb_udec(b, -(uint64_t)v, true);
	else
		_jb_udec(b, v, false);
}

void jb_uint(struct jbuf *b, uint64_t v)
{
	_jb_sep(b);
	_jb_udec(b, v, false);
}

void jb_hex(struct jbuf *b, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[20];
	int i = sizeof(tmp);

	_jb_sep(b);
	tmp[--i] = '"';
	do {
		tmp[--i] = digits[v & 15];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	tmp[--i] = '"';
	_jb_put(b, tmp + i, sizeof(tmp) - i);
}

void jb_null(struct jbuf *b)
{
	_jb_sep(b);
	_jb_put(b, "null", 4);
}

void jb_bool(struct jbuf *b, bool v)
{
	_jb_sep(b);
	if (v)
		_jb_put(b, "true", 4);
	else
		_jb_put(b, "false", 5);
}

void jb_secs(struct jbuf *b, int64_t usec)
{
	char tmp[32], *p = tmp + sizeof(tmp);
	uint64_t u, whole;
	int i;

	_jb_sep(b);
	u = usec < 0 ? -(uint64_t)usec : (uint64_t)usec;
	whole = u / 1000000;
	u %= 1000000;
	/* Built backwards: six decimals, the point, the seconds, the sign. */
	for (i = 0; i < 6; i++) {
		*--p = '0' + u % 10;
		u /= 10;
	}
	*--p = '.';
	do {
		*--p = '0' + whole % 10;
		whole /= 10;
	} while (whole);
	if (usec < 0)
		*--p = '-';
	_jb_put(b, p, tmp + sizeof(tmp) - p);
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t _utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	size_t len, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* A byte a JSON string holds as it is: printable ASCII but " and \. */
static inline bool _plain(unsigned char c)
{
	return (unsigned int)c - 0x20u < 0x5fu && c != '"' && c != '\\';
}

void jb_bytes(struct jbuf *b, const void *data, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = data;
	size_t i = 0, run;
	char esc[8];

	_jb_sep(b);
	/* The common case: nothing to escape, one copy between quotes. */
	while (i < n && _plain(p[i]))
		i++;
	if (!_jb_grow(b, n + 2))
		return;
	b->s[b->len++] = '"';
	memcpy(b->s + b->len, p, i);
	b->len += i;
	while (i < n) {
		unsigned char c = p[i];

		/* Copy a run of plain printable ASCII in one go. */
		for (run = i; run < n && _plain(p[run]); run++)
			;
		if (run > i) {
			_jb_put(b, (const char *)p + i, run - i);
			i = run;
			continue;
		}
		switch (c) {
		case '"': _jb_put(b, "\\\"", 2); i++; continue;
		case '\\': _jb_put(b, "\\\\", 2); i++; continue;
		case '\n': _jb_put(b, "\\n", 2); i++; continue;
		case '\t': _jb_put(b, "\\t", 2); i++; continue;
		case '\r': _jb_put(b, "\\r", 2); i++; continue;
		}
		if (c < 0x20 || c == 0x7f) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			_jb_put(b, esc, 6);
			i++;
			continue;
		}
		run = _utf8_len(p + i, n - i);
		if (run) {
			_jb_put(b, (const char *)p + i, run);
			i += run;
			continue;
		}
		/* A byte that is not UTF-8: a lone low surrogate U+DC80+byte,
		   as Python's surrogateescape, so the bytes can be recovered. */
		memcpy(esc, "\\udc", 4);
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		_jb_put(b, esc, 6);
		i++;
	}
	_jb_putc(b, '"');
}

void jb_str(struct jbuf *b, const char *s)
{
	jb_bytes(b, s, strlen(s));
}

void jb_raw(struct jbuf *b, const char *s, size_t n)
{
	_jb_sep(b);
	_jb_put(b, s, n);
}

/* --- output -------------------------------------------------------------- */

#define OUT_FLUSH_AT (64 * 1024)

static struct {
	int fd;
	bool on;
	bool line_buffered;	/* a terminal: each line goes out at once */
	bool failed;
	bool timer_armed;	/* a flush is due when ITIMER_REAL fires */
	struct jbuf rec;
	char *out;
	size_t out_len, out_cap;
	uint64_t records, dropped;
	struct timespec start, start_wall;
	const struct trace_sink *sink;
	void *sink_ctx;
} T = { .fd = -1 };

int64_t trace_now_us(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - T.start.tv_sec) * 1000000 +
	       (now.tv_nsec - T.start.tv_nsec) / 1000;
}

void trace_set_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &T.start);
	clock_gettime(CLOCK_REALTIME, &T.start_wall);
}

int64_t trace_start_epoch_us(void)
{
	return (int64_t)T.start_wall.tv_sec * 1000000 + T.start_wall.tv_nsec / 1000;
}

void trace_set_sink(const struct trace_sink *sink, void *ctx)
{
	T.sink = sink;
	T.sink_ctx = ctx;
}

int trace_open(const char *path)
{
	int fd;

	if (!path)
		fd = STDERR_FILENO;
	else if (strcmp(path, "-") == 0)
		fd = STDOUT_FILENO;
	else {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0)
			return -errno;
	}
	T.fd = fd;
	T.on = true;
	T.line_buffered = isatty(fd);
	T.out_cap = OUT_FLUSH_AT * 2;
	T.out = malloc(T.out_cap);
	if (!T.out)
		return -ENOMEM;
	/* The command must not inherit a trace descriptor of our own. */
	if (fd > STDERR_FILENO)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

bool trace_on(void)
{
	return T.on;
}

/* "pid":N,"tid":N of the last thread that had a record. */
static struct {
	pid_t pid, tid;
	char text[64];
	size_t len;
} _ids;

static void _ids_text(pid_t pid, pid_t tid)
{
	struct jbuf t = { 0 };

	/* Built once per change of thread: most records follow one. */
	if (_ids.len && _ids.pid == pid && _ids.tid == tid)
		return;
	t.s = _ids.text;
	t.cap = sizeof(_ids.text);
	t.depth = 1;
	jb_key(&t, "pid");
	jb_int(&t, pid);
	jb_key(&t, "tid");
	jb_int(&t, tid);
	_ids.pid = pid;
	_ids.tid = tid;
	_ids.len = t.len;
}

struct jbuf *trace_begin(const char *event, pid_t pid, pid_t tid)
{
	static const char head[] = "{\"event\":\"";
	struct jbuf *b = &T.rec;
	size_t n = strlen(event);	/* one of xlat's own names */

	jb_reset(b);
	if (!_jb_grow(b, sizeof(head) + n + 8))
		return b;
	memcpy(b->s, head, sizeof(head) - 1);
	memcpy(b->s + sizeof(head) - 1, event, n);
	memcpy(b->s + sizeof(head) - 1 + n, "\",\"ts\":", 7);
	b->len = sizeof(head) - 1 + n + 7;
	b->depth = 1;
	b->need_comma[1] = true;
	b->after_key = true;
	jb_secs(b, trace_now_us());
	if (pid > 0) {
		_ids_text(pid, tid);
		jb_raw(b, _ids.text, _ids.len);
	}
	return b;
}

static void _out_write(void)
{
	size_t off = 0;
	ssize_t n;

	while (off < T.out_len && !T.failed) {
		n = write(T.fd, T.out + off, T.out_len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* The reader is gone (EPIPE) or the disk is full:
			   count what is lost from here on. */
			T.failed = true;
			break;
		}
		off += n;
	}
	T.out_len = 0;
}

/* Append n bytes of whole lines to the output buffer. */
static int _out_queue(const char *s, size_t n)
{
	char *p;

	if (T.failed)
		return -EIO;
	if (T.out_len + n > T.out_cap) {
		_out_write();
		if (n > T.out_cap) {
			p = realloc(T.out, n);
			if (!p)
				return -ENOMEM;
			T.out = p;
			T.out_cap = n;
		}
	}
	memcpy(T.out + T.out_len, s, n);
	T.out_len += n;
	if (T.line_buffered || T.out_len >= OUT_FLUSH_AT)
		_out_write();
	return 0;
}

int trace_write(const char *s, size_t n)
{
	return _out_queue(s, n) ? -EIO : 0;
}

void trace_end(void)
{
	struct jbuf *b = &T.rec;

	jb_obj_end(b);
	if (b->oom || T.failed) {
		T.dropped++;
		return;
	}
	if (T.sink) {
		T.sink->record(T.sink_ctx, b->s, b->len);
		T.records++;
		return;
	}
	_jb_putc(b, '\n');
	if (b->oom || _out_queue(b->s, b->len) < 0) {
		T.dropped++;
		return;
	}
	T.records++;
}

void trace_flush(void)
{
	if (T.on && T.sink)
		T.sink->flush(T.sink_ctx);
	if (T.on && T.out_len)
		_out_write();
}

#define IDLE_FLUSH_USEC 50000

void trace_idle(void)
{
	struct itimerval it = { { 0, 0 }, { 0, IDLE_FLUSH_USEC } };

	if (!T.on || T.timer_armed ||
	    (!T.out_len && !(T.sink && T.sink->pending(T.sink_ctx))))
		return;
	if (setitimer(ITIMER_REAL, &it, NULL) == 0)
		T.timer_armed = true;
	else
		trace_flush();
}

void trace_timer_fired(void)
{
	T.timer_armed = false;
	trace_flush();
}

void trace_close(void)
{
	if (!T.on)
		return;
	trace_flush();
	if (T.fd > STDERR_FILENO)
		close(T.fd);
	T.on = false;
}

uint64_t trace_dropped(void)
{
	return T.dropped;
}

uint64_t trace_records(void)
{
	return T.records;
}
