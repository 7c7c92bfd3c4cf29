/*
 * text.c - records to strace's text lines (see text.h): the batch put in
 * time order, the line leader (pid prefix, stamps), and the value forms
 * strace prints (quoted strings, signal sets, stat and wait status
 * abbreviations, clone's named arguments).  The argument kinds come from
 * the syscall table, so a string that is a path is told from a flag name.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format/text.h"
#include "tables/sysent.h"

#define BATCH_MAX 4096		/* records held before a flush is forced */
#define ACOLUMN 40		/* strace's column for " = " */
#define NO_KIND (-1)

/* --- a growable line buffer --------------------------------------------- */

struct sb {
	char *s;
	size_t len, cap;
	bool oom;
};

static void _put(struct sb *b, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->s, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void _puts(struct sb *b, const char *s) { _put(b, s, strlen(s)); }
static void _putc(struct sb *b, char c) { _put(b, &c, 1); }

static void __attribute__((format(printf, 2, 3))) _printf(struct sb *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* --- state --------------------------------------------------------------- */

struct item {
	json_object *rec;
	int64_t entry, exit;	/* microseconds since the trace start */
	long seq;
	int tid;
	bool call;		/* a syscall record (two events) */
	bool split;		/* written as <unfinished ...> + <... resumed> */
};

/* Events sort by time, then class: at one time, exits (and records that
   are not calls) come before entries, and the exit of a call that took no
   time comes after its own entry. */
enum { EV_EXIT, EV_ENTRY, EV_EXIT_LATE };

struct ev {
	int64_t t;
	int cls;
	long seq;
	struct item *it;
	bool entry;
};

struct tidstate {
	int tid;		/* 0: free slot */
	int64_t last_exit;
	bool alive;
};

struct text {
	struct text_opts o;
	text_write_fn *write;
	void *ctx;
	struct item *items;
	size_t n, cap;
	long seq;
	struct tidstate *tids;
	size_t ntids, tidcap;
	int alive;
	int64_t epoch_us;	/* wall clock at ts 0, from the start record */
	int64_t watermark;	/* time of the last event written */
	int64_t last_stamp;	/* for -r */
	bool have_stamp;
	struct sb line;
	int err;
};

static int64_t _usec(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	return (int64_t)(json_object_get_double(v) * 1e6 + 0.5);
}

static const char *_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *_get(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static int _int(json_object *o, const char *key)
{
	json_object *v = _get(o, key);

	return v ? json_object_get_int(v) : 0;
}

static struct tidstate *_tid(struct text *t, int tid)
{
	struct tidstate *tab;
	size_t i, cap;

	if (t->ntids * 2 >= t->tidcap) {
		cap = t->tidcap ? t->tidcap * 2 : 64;
		tab = calloc(cap, sizeof(*tab));
		if (!tab)
			return NULL;
		for (i = 0; i < t->tidcap; i++) {
			struct tidstate *s = &t->tids[i];
			size_t j;

			if (!s->tid)
				continue;
			for (j = (unsigned)s->tid % cap; tab[j].tid; j = (j + 1) % cap)
				;
			tab[j] = *s;
		}
		free(t->tids);
		t->tids = tab;
		t->tidcap = cap;
	}
	for (i = (unsigned)tid % t->tidcap; t->tids[i].tid; i = (i + 1) % t->tidcap)
		if (t->tids[i].tid == tid)
			return &t->tids[i];
	t->tids[i].tid = tid;
	t->tids[i].last_exit = 0;
	t->tids[i].alive = false;
	t->ntids++;
	return &t->tids[i];
}

struct text *text_new(const struct text_opts *o, text_write_fn *write, void *ctx)
{
	struct text *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->o = *o;
	t->write = write;
	t->ctx = ctx;
	return t;
}

bool text_pending(const struct text *t)
{
	return t->n > 0;
}

void text_free(struct text *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		json_object_put(t->items[i].rec);
	free(t->items);
	free(t->tids);
	free(t->line.s);
	free(t);
}

/* Wall clock at ts 0: "epoch" of the start record, else its "time"
   (whole seconds, taken at the start record's ts). */
static void _start(struct text *t, json_object *rec)
{
	json_object *e = _get(rec, "epoch");
	const char *when = _str(rec, "time");
	struct tm tm;

	if (e) {
		t->epoch_us = (int64_t)(json_object_get_double(e) * 1e6 + 0.5);
		return;
	}
	memset(&tm, 0, sizeof(tm));
	if (when && strptime(when, "%Y-%m-%dT%H:%M:%SZ", &tm))
		t->epoch_us = (int64_t)timegm(&tm) * 1000000 - _usec(rec, "ts");
}

int text_add(struct text *t, json_object *rec)
{
	const char *ev = _str(rec, "event");
	struct item *it;
	struct tidstate *ts;
	int64_t at;

	if (!ev || strcmp(ev, "end") == 0 || strcmp(ev, "exec") == 0) {
		json_object_put(rec);
		return 0;
	}
	if (strcmp(ev, "start") == 0) {
		_start(t, rec);
		json_object_put(rec);
		return 0;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct item *p = realloc(t->items, cap * sizeof(*p));

		if (!p) {
			json_object_put(rec);
			return -ENOMEM;
		}
		t->items = p;
		t->cap = cap;
	}
	it = &t->items[t->n++];
	memset(it, 0, sizeof(*it));
	it->rec = rec;
	it->seq = t->seq++;
	it->tid = _int(rec, "tid");
	at = _usec(rec, "ts");
	it->exit = it->entry = at;
	if (strcmp(ev, "syscall") == 0) {
		it->call = true;
		it->entry = at - _usec(rec, "dur");
		/* A thread makes one call at a time: its entry is not before
		   the exit of its previous call (the stamps are rounded). */
		ts = _tid(t, it->tid);
		if (ts && it->entry < ts->last_exit)
			it->entry = ts->last_exit;
		if (ts)
			ts->last_exit = at;
	}
	if (t->n >= BATCH_MAX)
		return text_flush(t);
	return 0;
}

/* --- strace's quoting ---------------------------------------------------- */

static void _quote(struct sb *b, const unsigned char *p, size_t n, bool cut, bool hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	_putc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (hex) {
			char e[4] = { '\\', 'x', digits[c >> 4], digits[c & 15] };
			_put(b, e, 4);
			continue;
		}
		switch (c) {
		case '"': _puts(b, "\\\""); continue;
		case '\\': _puts(b, "\\\\"); continue;
		case '\f': _puts(b, "\\f"); continue;
		case '\n': _puts(b, "\\n"); continue;
		case '\r': _puts(b, "\\r"); continue;
		case '\t': _puts(b, "\\t"); continue;
		case '\v': _puts(b, "\\v"); continue;
		}
		if (c >= 0x20 && c < 0x7f) {
			_putc(b, c);
			continue;
		}
		/* Octal, as short as it can be unless a digit follows. */
		_putc(b, '\\');
		if (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7') {
			_putc(b, '0' + (c >> 6));
			_putc(b, '0' + ((c >> 3) & 7));
		} else if (c >> 3) {
			if (c >> 6)
				_putc(b, '0' + (c >> 6));
			_putc(b, '0' + ((c >> 3) & 7));
		}
		_putc(b, '0' + (c & 7));
	}
	_putc(b, '"');
	if (cut)
		_puts(b, "...");
}

/* A JSON string as a strace string: cut at -s, or marked as cut already. */
static void _qstr(struct text *t, struct sb *b, json_object *v, bool cut, bool whole, bool hex)
{
	const unsigned char *p = (const unsigned char *)json_object_get_string(v);
	size_t n = json_object_get_string_len(v);

	if (!whole && n > t->o.string_limit) {
		n = t->o.string_limit;
		cut = true;
	}
	_quote(b, p, n, cut, hex);
}

/* --- signal sets ----------------------------------------------------------- */

static const char *const _signames[32] = {
	NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
	"USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT",
	"STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
	"WINCH", "IO", "PWR", "SYS",
};

static int _signo(const char *name)
{
	int i;

	if (strncmp(name, "SIG", 3) != 0)
		return 0;
	name += 3;
	if (strcmp(name, "RTMIN") == 0)
		return 32;
	if (strncmp(name, "RTMIN+", 6) == 0)
		return 32 + atoi(name + 6);
	if (strcmp(name, "POLL") == 0)
		return 29;
	for (i = 1; i < 32; i++)
		if (strcmp(name, _signames[i]) == 0)
			return i;
	return 0;
}

static void _signame_short(struct sb *b, int n)
{
	if (n < 32)
		_puts(b, _signames[n]);
	else if (n == 32)
		_puts(b, "RTMIN");
	else
		_printf(b, "RT_%d", n - 32);
}

/* [CHLD], [], or ~[RTMIN RT_1] when most signals are in the set. */
static void _sigset(struct sb *b, json_object *arr)
{
	bool in[65] = { false };
	size_t i, n = json_object_array_length(arr);
	int s, count = 0;
	bool inv, first = true;

	for (i = 0; i < n; i++) {
		s = _signo(json_object_get_string(json_object_array_get_idx(arr, i)));
		if (s > 0 && s <= 64 && !in[s]) {
			in[s] = true;
			count++;
		}
	}
	inv = count >= 32;
	if (inv)
		_putc(b, '~');
	_putc(b, '[');
	for (s = 1; s <= 64; s++) {
		if (in[s] == inv)
			continue;
		if (!first)
			_putc(b, ' ');
		_signame_short(b, s);
		first = false;
	}
	_putc(b, ']');
}

static bool _is_sigset(json_object *v)
{
	size_t i, n = json_object_array_length(v);

	for (i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(v, i);

		if (!json_object_is_type(e, json_type_string) ||
		    !_signo(json_object_get_string(e)))
			return false;
	}
	return n > 0;
}

/* --- values -------------------------------------------------------------- */

struct argctx {
	const char *call;	/* the syscall's name */
	bool cut;		/* the argument is listed in "truncated" */
};

static void _value(struct text *t, struct sb *b, json_object *v, int kind,
		   const char *key, const struct argctx *a);

/* Struct fields that hold strings, not names. */
static bool _string_field(const char *key)
{
	static const char *const keys[] = {
		"sun_path", "iov_base", "d_name", "sysname", "nodename", "release",
		"version", "machine", "domainname", "mtext", "msg_control", "buf",
		"filename", "name", NULL,
	};
	int i;

	for (i = 0; keys[i]; i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

static void _number(struct sb *b, json_object *v)
{
	if (json_object_is_type(v, json_type_double))
		_printf(b, "%g", json_object_get_double(v));
	else if (json_object_get_int64(v) == INT64_MAX)
		_printf(b, "%" PRIu64, json_object_get_uint64(v));
	else
		_printf(b, "%" PRId64, json_object_get_int64(v));
}

/* rlim_cur=8192*1024, RLIM64_INFINITY for prlimit64, as strace writes them. */
static void _rlim(struct sb *b, json_object *v, const struct argctx *a)
{
	uint64_t n;

	if (json_object_is_type(v, json_type_string)) {
		if (strcmp(json_object_get_string(v), "RLIM_INFINITY") == 0 &&
		    strcmp(a->call, "prlimit64") == 0)
			_puts(b, "RLIM64_INFINITY");
		else
			_puts(b, json_object_get_string(v));
		return;
	}
	n = json_object_get_uint64(v);
	if (n > 1024 && n % 1024 == 0)
		_printf(b, "%" PRIu64 "*1024", n / 1024);
	else
		_number(b, v);
}

static void _field(struct text *t, struct sb *b, json_object *obj, const char *key,
		   const struct argctx *a, bool *first)
{
	json_object *v = _get(obj, key);

	if (!v)
		return;
	if (!*first)
		_puts(b, ", ");
	*first = false;
	_printf(b, "%s=", key);
	_value(t, b, v, NO_KIND, key, a);
}

/* {WIFEXITED(s) && WEXITSTATUS(s) == 0} in brackets, as strace. */
static bool _waitstatus(struct sb *b, json_object *v)
{
	json_object *x;

	if ((x = _get(v, "WIFEXITED")) && json_object_get_boolean(x)) {
		_printf(b, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", _int(v, "WEXITSTATUS"));
		return true;
	}
	if ((x = _get(v, "WIFSIGNALED")) && json_object_get_boolean(x)) {
		_printf(b, "[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]", _str(v, "WTERMSIG") ?: "?",
			(x = _get(v, "WCOREDUMP")) && json_object_get_boolean(x) ?
			" && WCOREDUMP(s)" : "");
		return true;
	}
	if ((x = _get(v, "WIFSTOPPED")) && json_object_get_boolean(x)) {
		_printf(b, "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]", _str(v, "WSTOPSIG") ?: "?");
		return true;
	}
	return false;
}

/* strace abbreviates stat and statx to the type, size (device) and "...". */
static bool _stat_abbrev(struct text *t, struct sb *b, json_object *v, const struct argctx *a)
{
	const char *pfx, *mode;
	char k[32];
	bool first = true, dev;

	if (_get(v, "st_mode"))
		pfx = "st_";
	else if (_get(v, "stx_mode"))
		pfx = "stx_";
	else
		return false;
	snprintf(k, sizeof(k), "%smode", pfx);
	mode = _str(v, k);
	dev = mode && (strncmp(mode, "S_IFCHR", 7) == 0 || strncmp(mode, "S_IFBLK", 7) == 0);
	_putc(b, '{');
	if (pfx[2] == 'x') {
		_field(t, b, v, "stx_mask", a, &first);
		_field(t, b, v, "stx_attributes", a, &first);
	}
	_field(t, b, v, k, a, &first);
	if (dev) {
		snprintf(k, sizeof(k), "%srdev", pfx);
		if (_get(v, k))
			_field(t, b, v, k, a, &first);
		else if (_get(v, "stx_rdev_major")) {
			_printf(b, ", stx_rdev_major=%d, stx_rdev_minor=%d",
				_int(v, "stx_rdev_major"), _int(v, "stx_rdev_minor"));
		}
	} else {
		snprintf(k, sizeof(k), "%ssize", pfx);
		_field(t, b, v, k, a, &first);
	}
	_puts(b, ", ...}");
	return true;
}

static void _object(struct text *t, struct sb *b, json_object *v, int kind, const struct argctx *a)
{
	json_object *x, *y;
	bool first = true;

	/* Unreadable memory: the pointer. */
	if ((x = _get(v, "fault")) && (y = _get(v, "addr"))) {
		_puts(b, json_object_get_string(y));
		return;
	}
	/* -y: 3</etc/passwd> */
	if ((x = _get(v, "fd")) && (y = _get(v, "path")) && json_object_object_length(v) == 2) {
		_printf(b, "%d<%s>", json_object_get_int(x), json_object_get_string(y));
		return;
	}
	if (kind == AK_envp && (x = _get(v, "count"))) {
		_printf(b, "/* %d vars */", json_object_get_int(x));
		return;
	}
	if ((x = _get(v, "count")) && (y = _get(v, "addr")) && json_object_object_length(v) == 2) {
		_printf(b, "%s /* %d entries */", json_object_get_string(y), json_object_get_int(x));
		return;
	}
	if (kind == AK_waitstatus && _waitstatus(b, v))
		return;
	if (_stat_abbrev(t, b, v, a))
		return;
	if (_get(v, "sysname")) {
		_putc(b, '{');
		_field(t, b, v, "sysname", a, &first);
		_field(t, b, v, "nodename", a, &first);
		_puts(b, ", ...}");
		return;
	}
	_putc(b, '{');
	json_object_object_foreach(v, key, val) {
		if (!first)
			_puts(b, ", ");
		first = false;
		if (strcmp(key, "sin_port") == 0 || strcmp(key, "sin6_port") == 0) {
			_printf(b, "%s=htons(%d)", key, json_object_get_int(val));
		} else if (strcmp(key, "sin_addr") == 0) {
			_printf(b, "sin_addr=inet_addr(\"%s\")", json_object_get_string(val));
		} else if (strcmp(key, "sin6_addr") == 0) {
			_printf(b, "inet_pton(AF_INET6, \"%s\", &sin6_addr)", json_object_get_string(val));
		} else if (strcmp(key, "sin6_flowinfo") == 0) {
			_printf(b, "sin6_flowinfo=htonl(%d)", json_object_get_int(val));
		} else if (strncmp(key, "rlim_", 5) == 0) {
			_printf(b, "%s=", key);
			_rlim(b, val, a);
		} else {
			_printf(b, "%s=", key);
			_value(t, b, val, NO_KIND, key, a);
		}
	}
	_putc(b, '}');
}

static bool _quoted_kind(int kind)
{
	return kind == AK_path || kind == AK_str || kind == AK_bufin || kind == AK_bufout;
}

static void _value(struct text *t, struct sb *b, json_object *v, int kind,
		   const char *key, const struct argctx *a)
{
	size_t i, n;
	const char *s;

	switch (json_object_get_type(v)) {
	case json_type_null:
		_puts(b, "NULL");
		return;
	case json_type_boolean:
		_puts(b, json_object_get_boolean(v) ? "true" : "false");
		return;
	case json_type_int:
	case json_type_double:
		_number(b, v);
		return;
	case json_type_string:
		s = json_object_get_string(v);
		if (_quoted_kind(kind)) {
			_qstr(t, b, v, a->cut, kind == AK_path,
			      strcmp(a->call, "getrandom") == 0);
		} else if (kind == NO_KIND && key && _string_field(key)) {
			/* A string inside a struct or array: cut at -s by the
			   trace, so one of exactly that length was cut. */
			_qstr(t, b, v, a->cut && json_object_get_string_len(v) >= t->o.string_limit,
			      strcmp(key, "sun_path") == 0, false);
		} else if (strcmp(s, "0x0") == 0) {
			_putc(b, '0');
		} else {
			_puts(b, s);
		}
		return;
	case json_type_array:
		n = json_object_array_length(v);
		if (kind == AK_sigset || kind == AK_sigsetout ||
		    (key && strstr(key, "mask") && n == 0) || _is_sigset(v)) {
			_sigset(b, v);
			return;
		}
		_putc(b, '[');
		for (i = 0; i < n; i++) {
			json_object *e = json_object_array_get_idx(v, i);

			if (i)
				_puts(b, ", ");
			if (kind == AK_argv && json_object_is_type(e, json_type_string))
				_qstr(t, b, e, a->cut && json_object_get_string_len(e) >= t->o.string_limit,
				      false, false);
			else
				_value(t, b, e, NO_KIND, key, a);
		}
		_putc(b, ']');
		return;
	case json_type_object:
		_object(t, b, v, kind, a);
		return;
	}
}

/* --- calls ----------------------------------------------------------------- */

static bool _out_kind(int kind)
{
	return (kind >= AK_bufout && kind <= AK_offout);
}

static bool _listed(json_object *arr, const char *name)
{
	size_t i, n;

	if (!arr)
		return false;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(arr, i)), name) == 0)
			return true;
	return false;
}

static bool _has_flag(const char *flags, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = flags; p && (p = strstr(p, name)); p += n)
		if ((p == flags || p[-1] == '|') && (p[n] == 0 || p[n] == '|'))
			return true;
	return false;
}

/* Which arguments strace shows; false for one it leaves out. */
static bool _shown(const char *call, json_object *args, const char *name)
{
	const char *op;

	if (strcmp(call, "open") == 0 || strcmp(call, "openat") == 0) {
		const char *fl = _str(args, "flags");

		if (strcmp(name, "mode") == 0)
			return _has_flag(fl, "O_CREAT") || _has_flag(fl, "O_TMPFILE");
		return true;
	}
	if (strcmp(call, "futex") == 0 && (op = _str(args, "op"))) {
		bool wait = strstr(op, "FUTEX_WAIT") && !strstr(op, "REQUEUE");
		bool bitset = strstr(op, "BITSET") != NULL;

		if (strcmp(name, "utime") == 0)
			return wait;
		if (strcmp(name, "uaddr2") == 0)
			return strstr(op, "REQUEUE") || strstr(op, "WAKE_OP");
		if (strcmp(name, "val3") == 0)
			return bitset || strstr(op, "CMP_REQUEUE") || strstr(op, "WAKE_OP");
	}
	return true;
}

/* clone(child_stack=..., flags=..., ...): strace names the arguments and
   shows the tid and tls pointers only where the flags use them. */
static void _clone_args(struct sb *b, json_object *args)
{
	const char *fl = _str(args, "clone_flags");
	json_object *v;

	_puts(b, "child_stack=");
	v = _get(args, "newsp");
	_puts(b, v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "NULL");
	_printf(b, ", flags=%s", fl ? fl : "0");
	if (_has_flag(fl, "CLONE_PARENT_SETTID") && (v = _get(args, "parent_tidptr")))
		_printf(b, ", parent_tid=%s", json_object_get_string(v) ?: "NULL");
	if ((_has_flag(fl, "CLONE_CHILD_SETTID") || _has_flag(fl, "CLONE_CHILD_CLEARTID")) &&
	    (v = _get(args, "child_tidptr")))
		_printf(b, ", child_tidptr=%s", json_object_get_string(v) ?: "NULL");
	if (_has_flag(fl, "CLONE_SETTLS") && (v = _get(args, "tls")))
		_printf(b, ", tls=%s", json_object_get_string(v) ?: "NULL");
}

static void _clone3_args(struct text *t, struct sb *b, json_object *args, json_object *ret,
			 const struct argctx *a)
{
	json_object *u = _get(args, "uargs"), *v;
	const char *fl;
	bool first = true;

	if (!u || !json_object_is_type(u, json_type_object) || _get(u, "fault")) {
		if (u)
			_value(t, b, u, AK_struct, NULL, a);
	} else {
		fl = _str(u, "flags");
		_putc(b, '{');
		_field(t, b, u, "flags", a, &first);
		if (_has_flag(fl, "CLONE_PIDFD"))
			_field(t, b, u, "pidfd", a, &first);
		if (_has_flag(fl, "CLONE_CHILD_SETTID") || _has_flag(fl, "CLONE_CHILD_CLEARTID"))
			_field(t, b, u, "child_tid", a, &first);
		if (_has_flag(fl, "CLONE_PARENT_SETTID"))
			_field(t, b, u, "parent_tid", a, &first);
		_field(t, b, u, "exit_signal", a, &first);
		_field(t, b, u, "stack", a, &first);
		if ((v = _get(u, "stack_size")))
			_printf(b, ", stack_size=%#" PRIx64, json_object_get_uint64(v));
		if (_has_flag(fl, "CLONE_SETTLS"))
			_field(t, b, u, "tls", a, &first);
		_putc(b, '}');
		if (_has_flag(fl, "CLONE_PARENT_SETTID") && ret &&
		    json_object_is_type(ret, json_type_int) && json_object_get_int(ret) > 0)
			_printf(b, " => {parent_tid=[%d]}", json_object_get_int(ret));
	}
	if ((v = _get(args, "size")))
		_printf(b, ", %d", json_object_get_int(v));
}

/* The arguments from index `from` up to `to`, joined by ", ". */
static void _args(struct text *t, struct sb *b, json_object *rec, const struct sysent *se,
		  int from, int to)
{
	json_object *args = _get(rec, "args"), *tr = _get(rec, "truncated");
	const char *call = _str(rec, "name");
	struct argctx a = { .call = call ? call : "" };
	int i = 0;
	bool first = true;

	if (!args || !json_object_is_type(args, json_type_object))
		return;
	json_object_object_foreach(args, key, val) {
		int kind = se && i < se->nargs ? se->args[i].kind : NO_KIND;

		if (i >= from && i < to && _shown(a.call, args, key)) {
			if (!first)
				_puts(b, ", ");
			first = false;
			a.cut = _listed(tr, key);
			if (strcmp(a.call, "rseq") == 0 && strcmp(key, "rseq_len") == 0)
				_printf(b, "%#x", json_object_get_int(val));
			else
				_value(t, b, val, kind, key, &a);
		}
		i++;
	}
}

/* Index of the first argument strace shows only at exit (the split point
   of <unfinished ...>), or nargs. */
static int _split_at(json_object *rec, const struct sysent *se)
{
	json_object *args = _get(rec, "args");
	int i, n = args ? json_object_object_length(args) : 0;

	if (!se)
		return n;
	for (i = 0; i < n && i < se->nargs; i++)
		if (_out_kind(se->args[i].kind))
			return i;
	return n;
}

static const char *_errmsg(const char *name, int err)
{
	static const struct { const char *name, *msg; } restart[] = {
		{ "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
		{ "ERESTARTNOINTR", "To be restarted" },
		{ "ERESTARTNOHAND", "To be restarted if no handler" },
		{ "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	};
	size_t i;

	for (i = 0; i < sizeof(restart) / sizeof(restart[0]); i++)
		if (strcmp(name, restart[i].name) == 0)
			return restart[i].msg;
	return strerror(err);
}

static void _ret(struct text *t, struct sb *b, json_object *rec)
{
	json_object *ret = _get(rec, "ret");
	const char *err = _str(rec, "errno"), *call = _str(rec, "name") ?: "";
	size_t col = b->len;	/* the caller made this the line start */
	int64_t r;

	(void)col;
	if (!ret || json_object_is_type(ret, json_type_null)) {
		_puts(b, "?");
		return;
	}
	if (err) {
		r = json_object_get_int64(ret);
		_printf(b, "%s %s (%s)", strncmp(err, "ERESTART", 8) == 0 ? "?" : "-1",
			err, _errmsg(err, (int)-r));
	} else if (json_object_is_type(ret, json_type_string)) {
		_puts(b, json_object_get_string(ret));
	} else {
		_number(b, ret);
		if (json_object_get_int64(ret) == 0 &&
		    (strcmp(call, "poll") == 0 || strcmp(call, "ppoll") == 0 ||
		     strcmp(call, "select") == 0 || strcmp(call, "pselect6") == 0))
			_puts(b, " (Timeout)");
	}
	if (t->o.durations) {
		int64_t d = _usec(rec, "dur");

		_printf(b, " <%" PRId64 ".%06" PRId64 ">", d / 1000000, d % 1000000);
	}
}

/* --- lines ------------------------------------------------------------------- */

static void _leader(struct text *t, struct sb *b, int tid, int64_t at)
{
	if (t->o.pid_column)
		_printf(b, "%-5d ", tid);
	else if (t->alive > 1)
		_printf(b, "[pid %5d] ", tid);
	if (t->o.stamps) {
		int64_t wall = t->epoch_us + at;
		time_t sec = wall / 1000000;
		struct tm tm;
		char hms[16];

		if (t->o.stamps >= 3) {
			_printf(b, "%" PRId64 ".%06" PRId64 " ", wall / 1000000, wall % 1000000);
		} else {
			localtime_r(&sec, &tm);
			strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
			if (t->o.stamps == 2)
				_printf(b, "%s.%06" PRId64 " ", hms, wall % 1000000);
			else
				_printf(b, "%s ", hms);
		}
	}
	if (t->o.relative) {
		int64_t d = t->have_stamp ? at - t->last_stamp : 0;

		if (d < 0)
			d = 0;
		_printf(b, "%s%6" PRId64 ".%06" PRId64 "%s ", t->o.stamps ? "(+" : "",
			d / 1000000, d % 1000000, t->o.stamps ? ")" : "");
		t->last_stamp = at;
		t->have_stamp = true;
	}
}

static void _tabto(struct sb *b, size_t start)
{
	size_t col = b->len - start;

	if (col < ACOLUMN)
		_printf(b, "%*s", (int)(ACOLUMN - col), "");
	else
		_putc(b, ' ');
}

static const struct sysent *_sysent(json_object *rec)
{
	const char *abi = _str(rec, "abi");
	json_object *nr = _get(rec, "nr");

	if (!nr)
		return NULL;
	return sysent_get(abi && strcmp(abi, "i386") == 0 ? ABI_I386 : ABI_X86_64,
			  json_object_get_int64(nr));
}

/* name(args up to the split, for the entry part; all of them otherwise. */
static void _call_open(struct text *t, struct sb *b, json_object *rec, const struct sysent *se,
		       bool whole)
{
	const char *name = _str(rec, "name") ?: "?";
	json_object *args = _get(rec, "args");
	int n = args && json_object_is_type(args, json_type_object) ?
		json_object_object_length(args) : 0;
	int k = whole ? n : _split_at(rec, se);

	_printf(b, "%s(", name);
	if (strcmp(name, "clone") == 0) {
		_clone_args(b, args);
		return;
	}
	if (strcmp(name, "clone3") == 0) {
		if (whole)
			_clone3_args(t, b, args, _get(rec, "ret"), &(struct argctx){ .call = name });
		return;
	}
	_args(t, b, rec, se, 0, k);
	if (!whole && k < n && k > 0)
		_puts(b, ", ");
}

/* The rest of the call after its entry part (nothing of the arguments
   when whole: _call_open wrote them all), ") = ret". */
static void _call_close(struct text *t, struct sb *b, json_object *rec, const struct sysent *se,
			size_t start, bool whole)
{
	const char *name = _str(rec, "name") ?: "?";
	json_object *args = _get(rec, "args");
	int n = args && json_object_is_type(args, json_type_object) ?
		json_object_object_length(args) : 0;

	if (whole)
		;
	else if (strcmp(name, "clone3") == 0)
		_clone3_args(t, b, args, _get(rec, "ret"), &(struct argctx){ .call = name });
	else if (strcmp(name, "clone") != 0)
		_args(t, b, rec, se, _split_at(rec, se), n);
	_putc(b, ')');
	_tabto(b, start);
	_puts(b, "= ");
	_ret(t, b, rec);
}

static int _emit(struct text *t, struct sb *b)
{
	int rc;

	_putc(b, '\n');
	if (b->oom)
		return -ENOMEM;
	rc = t->write(t->ctx, b->s, b->len);
	b->len = 0;
	if (b->s)
		b->s[0] = 0;
	return rc;
}

static void _point(struct text *t, struct sb *b, struct item *it)
{
	json_object *rec = it->rec;
	const char *ev = _str(rec, "event");
	struct tidstate *ts;
	const char *sig;

	if (strcmp(ev, "spawn") == 0) {
		ts = _tid(t, _int(rec, "child_tid"));
		if (ts && !ts->alive) {
			ts->alive = true;
			t->alive++;
		}
		return;
	}
	_leader(t, b, it->tid, it->exit);
	if (strcmp(ev, "signal") == 0) {
		sig = _str(rec, "signal") ?: "?";
		_printf(b, "--- %s {si_signo=%s", sig, sig);
		if (_str(rec, "code"))
			_printf(b, ", si_code=%s", _str(rec, "code"));
		if (_str(rec, "addr"))
			_printf(b, ", si_addr=%s", strcmp(_str(rec, "addr"), "0x0") == 0 ?
				"NULL" : _str(rec, "addr"));
		else if (_get(rec, "sender"))
			_printf(b, ", si_pid=%d, ...", _int(rec, "sender"));
		_puts(b, "} ---");
	} else if (strcmp(ev, "exit") == 0) {
		json_object *core = _get(rec, "core");

		if ((sig = _str(rec, "signal")))
			_printf(b, "+++ killed by %s%s +++", sig,
				core && json_object_get_boolean(core) ? " (core dumped)" : "");
		else
			_printf(b, "+++ exited with %d +++", _int(rec, "code"));
	} else {
		_printf(b, "--- %s ---", ev);
	}
}

static int _cmp_ev(const void *pa, const void *pb)
{
	const struct ev *a = pa, *b = pb;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int text_flush(struct text *t)
{
	struct ev *evs;
	size_t i, n = 0;
	struct item *open = NULL;	/* a call whose entry is due but unwritten */
	struct sb *b = &t->line;
	size_t start;
	int rc = 0;

	if (!t->n)
		return t->err;
	evs = malloc(2 * t->n * sizeof(*evs));
	if (!evs)
		return -ENOMEM;
	for (i = 0; i < t->n; i++) {
		struct item *it = &t->items[i];

		if (it->call) {
			/* Lines after its entry are out already: it was in the
			   call all along, so it shows as unfinished first. */
			if (it->entry < t->watermark) {
				it->entry = t->watermark;
				it->split = true;
			}
			evs[n++] = (struct ev){ it->entry, EV_ENTRY, it->seq, it, true };
		}
		evs[n++] = (struct ev){ it->exit,
					it->call && it->exit <= it->entry ? EV_EXIT_LATE : EV_EXIT,
					it->seq, it, false };
	}
	qsort(evs, n, sizeof(*evs), _cmp_ev);

	for (i = 0; i < n && !rc; i++) {
		struct item *it = evs[i].it;
		const struct sysent *se = it->call ? _sysent(it->rec) : NULL;
		struct tidstate *ts = _tid(t, it->tid);

		if (ts && !ts->alive && it->tid) {
			ts->alive = true;
			t->alive++;
		}
		/* Another event comes between a call's entry and its exit. */
		if (open && !(it == open && !evs[i].entry)) {
			start = b->len;
			_leader(t, b, open->tid, open->entry);
			_call_open(t, b, open->rec, _sysent(open->rec), false);
			_puts(b, " <unfinished ...>");
			rc = _emit(t, b);
			open->split = true;
			open = NULL;
			if (rc)
				break;
		}
		if (evs[i].entry) {
			if (it->split) {
				_leader(t, b, it->tid, it->entry);
				_call_open(t, b, it->rec, se, false);
				_puts(b, " <unfinished ...>");
				rc = _emit(t, b);
			} else {
				open = it;
			}
		} else if (it->call && !it->split) {
			start = b->len;
			_leader(t, b, it->tid, it->entry);
			_call_open(t, b, it->rec, se, true);
			_call_close(t, b, it->rec, se, start, true);
			rc = _emit(t, b);
			open = NULL;
		} else if (it->call) {
			start = b->len;
			_leader(t, b, it->tid, it->exit);
			_printf(b, "<... %s resumed>", _str(it->rec, "name") ?: "?");
			_call_close(t, b, it->rec, se, start, false);
			rc = _emit(t, b);
		} else {
			_point(t, b, it);
			if (b->len)
				rc = _emit(t, b);
			if (ts && strcmp(_str(it->rec, "event"), "exit") == 0 && ts->alive) {
				ts->alive = false;
				t->alive--;
			}
		}
		if (evs[i].t > t->watermark)
			t->watermark = evs[i].t;
	}
	free(evs);
	for (i = 0; i < t->n; i++)
		json_object_put(t->items[i].rec);
	t->n = 0;
	if (rc && !t->err)
		t->err = rc;
	return rc;
}
