/*
 * model.c - records into the model of model.h: the process tree from
 * spawn, exec and exit records, calls in compact form, the per-syscall
 * table, files from the path arguments of open/creat/unlink/mkdir/rename,
 * and endpoints from the socket addresses of connect/bind/send/accept.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/linkhash.h>

#include "model.h"

struct index {
	struct lh_table *tids, *pids, *sys, *errnos, *files, *net;
};

/* Grow an array of elements of size sz to hold one more; 0 or -ENOMEM. */
static int _grow(void **arr, size_t *cap, size_t n, size_t sz)
{
	void *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	p = realloc(*arr, c * sz);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = c;
	return 0;
}
#define GROW(arr, cap, n) _grow((void **)&(arr), &(cap), (n), sizeof(*(arr)))

static void _free_key(struct lh_entry *e)
{
	free(lh_entry_k(e));
}

static struct lh_table *_table(void)
{
	return lh_kchar_table_new(1024, _free_key);
}

/* The index of key in t, or -1. */
static long _find(struct lh_table *t, const char *key)
{
	void *v;

	return lh_table_lookup_ex(t, key, &v) ? (long)(intptr_t)v : -1;
}

static int _put(struct lh_table *t, const char *key, long idx)
{
	char *k = strdup(key);

	if (!k)
		return -ENOMEM;
	return lh_table_insert(t, k, (void *)(intptr_t)idx) ? -ENOMEM : 0;
}

static const char *_str(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *_get(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static int _int(json_object *o, const char *key)
{
	json_object *v = _get(o, key);

	return v ? json_object_get_int(v) : 0;
}

static int64_t _usec(json_object *o, const char *key)
{
	json_object *v = _get(o, key);

	return v ? (int64_t)(json_object_get_double(v) * 1e6 + 0.5) : 0;
}

int model_init(struct model *m, bool keep_args)
{
	struct index *ix;

	memset(m, 0, sizeof(*m));
	m->keep_args = keep_args;
	ix = calloc(1, sizeof(*ix));
	if (!ix)
		return -ENOMEM;
	ix->tids = _table();
	ix->pids = _table();
	ix->sys = _table();
	ix->errnos = _table();
	ix->files = _table();
	ix->net = _table();
	m->index = ix;
	if (!ix->tids || !ix->pids || !ix->sys || !ix->errnos || !ix->files || !ix->net)
		return -ENOMEM;
	return 0;
}

static long _process(struct model *m, int pid, int64_t at)
{
	struct index *ix = m->index;
	char key[16];
	long i;

	snprintf(key, sizeof(key), "%d", pid);
	if ((i = _find(ix->pids, key)) >= 0)
		return i;
	if (GROW(m->procs, m->capprocs, m->nprocs) || _put(ix->pids, key, m->nprocs))
		return -ENOMEM;
	memset(&m->procs[m->nprocs], 0, sizeof(m->procs[0]));
	m->procs[m->nprocs].pid = pid;
	m->procs[m->nprocs].start = at;
	m->procs[m->nprocs].end = at;
	return m->nprocs++;
}

static long _thread(struct model *m, int tid, int pid, int64_t at)
{
	struct index *ix = m->index;
	char key[16];
	long i;

	snprintf(key, sizeof(key), "%d", tid);
	if ((i = _find(ix->tids, key)) >= 0) {
		if (at > m->threads[i].last)
			m->threads[i].last = at;
		return i;
	}
	if (_process(m, pid, at) < 0)
		return -ENOMEM;
	if (GROW(m->threads, m->capthreads, m->nthreads) || _put(ix->tids, key, m->nthreads))
		return -ENOMEM;
	m->threads[m->nthreads] = (struct thread){ tid, pid, at, at };
	return m->nthreads++;
}

static long _named(struct lh_table *t, char ***arr, size_t *n, size_t *cap, const char *name)
{
	long i = _find(t, name);
	char *s;

	if (i >= 0)
		return i;
	if (_grow((void **)arr, cap, *n, sizeof(**arr)) || !(s = strdup(name)) || _put(t, name, *n))
		return -ENOMEM;
	(*arr)[*n] = s;
	return (*n)++;
}

static long _sysstat(struct model *m, const char *name)
{
	struct index *ix = m->index;
	long i = _find(ix->sys, name);

	if (i >= 0)
		return i;
	if (GROW(m->sys, m->capsys, m->nsys) || _put(ix->sys, name, m->nsys))
		return -ENOMEM;
	m->sys[m->nsys] = (struct sysstat){ .name = strdup(name) };
	if (!m->sys[m->nsys].name)
		return -ENOMEM;
	return m->nsys++;
}

static int _count(struct lh_table *t, struct counted **arr, size_t *n, size_t *cap,
		  const char *key, int what)
{
	long i = _find(t, key);

	if (i < 0) {
		if (_grow((void **)arr, cap, *n, sizeof(**arr)) || _put(t, key, *n))
			return -ENOMEM;
		memset(&(*arr)[*n], 0, sizeof(**arr));
		(*arr)[*n].key = strdup(key);
		if (!(*arr)[*n].key)
			return -ENOMEM;
		i = (*n)++;
	}
	(*arr)[i].n[what]++;
	return 0;
}

/* A short text of the first arguments: "\"/etc/passwd\", O_RDONLY". */
static char *_summary(json_object *args)
{
	char buf[160];
	size_t len = 0;
	int k = 0;

	buf[0] = 0;
	if (!args || !json_object_is_type(args, json_type_object))
		return strdup("");
	json_object_object_foreach(args, key, v) {
		const char *s;
		int w;

		(void)key;
		if (k++ == 3 || len >= sizeof(buf) - 8)
			break;
		switch (json_object_get_type(v)) {
		case json_type_string:
			s = json_object_get_string(v);
			if (strncmp(s, "0x", 2) == 0 || (s[0] >= 'A' && s[0] <= 'Z' && !strchr(s, '/')))
				w = snprintf(buf + len, sizeof(buf) - len, "%s%.40s", k > 1 ? ", " : "", s);
			else
				w = snprintf(buf + len, sizeof(buf) - len, "%s\"%.60s\"", k > 1 ? ", " : "", s);
			break;
		case json_type_null:
			w = snprintf(buf + len, sizeof(buf) - len, "%sNULL", k > 1 ? ", " : "");
			break;
		case json_type_object:
			if ((s = _str(v, "path")))
				w = snprintf(buf + len, sizeof(buf) - len, "%s%d<%.60s>", k > 1 ? ", " : "",
					     _int(v, "fd"), s);
			else
				w = snprintf(buf + len, sizeof(buf) - len, "%s{...}", k > 1 ? ", " : "");
			break;
		case json_type_array:
			w = snprintf(buf + len, sizeof(buf) - len, "%s[...]", k > 1 ? ", " : "");
			break;
		default:
			w = snprintf(buf + len, sizeof(buf) - len, "%s%s", k > 1 ? ", " : "",
				     json_object_to_json_string(v));
		}
		if (w < 0)
			break;
		len += (size_t)w < sizeof(buf) - len ? (size_t)w : sizeof(buf) - len - 1;
	}
	return strdup(buf);
}

/* Files: what the call did to which path. */
static int _files(struct model *m, const char *name, json_object *args, bool ok)
{
	struct index *ix = m->index;
	const char *path = _str(args, "filename") ?: _str(args, "pathname");
	const char *fl = _str(args, "flags");
	int what = -1;

	if (!strcmp(name, "open") || !strcmp(name, "openat") || !strcmp(name, "openat2") ||
	    !strcmp(name, "creat")) {
		if (!strcmp(name, "creat") || (fl && strstr(fl, "O_CREAT")))
			what = 2;
		else if (fl && (strstr(fl, "O_WRONLY") || strstr(fl, "O_RDWR")))
			what = 1;
		else
			what = 0;
	} else if (!strcmp(name, "unlink") || !strcmp(name, "unlinkat") || !strcmp(name, "rmdir")) {
		what = 3;
	} else if (!strcmp(name, "mkdir") || !strcmp(name, "mkdirat") || !strcmp(name, "mknod") ||
		   !strcmp(name, "mknodat")) {
		what = 2;
	} else if (!strncmp(name, "rename", 6)) {
		const char *from = _str(args, "oldname"), *to = _str(args, "newname");

		if (from && _count(ix->files, &m->files, &m->nfiles, &m->capfiles, from, ok ? 3 : 4))
			return -ENOMEM;
		path = to;
		what = 2;
	}
	if (what < 0 || !path)
		return 0;
	return _count(ix->files, &m->files, &m->nfiles, &m->capfiles, path, ok ? what : 4);
}

/* Network endpoints: the socket address a call names. */
static int _net(struct model *m, const char *name, json_object *args, bool ok)
{
	struct index *ix = m->index;
	const char *fam, *s;
	char key[300];
	int what;

	if (!strcmp(name, "connect"))
		what = 0;
	else if (!strcmp(name, "bind"))
		what = 1;
	else if (!strcmp(name, "sendto") || !strcmp(name, "sendmsg"))
		what = 2;
	else if (!strcmp(name, "accept") || !strcmp(name, "accept4"))
		what = 3;
	else
		return 0;
	if (!args || !json_object_is_type(args, json_type_object))
		return 0;
	json_object_object_foreach(args, k, v) {
		(void)k;
		if (!json_object_is_type(v, json_type_object) || !(fam = _str(v, "sa_family")))
			continue;
		if ((s = _str(v, "sun_path")))
			snprintf(key, sizeof(key), "unix:%s%s", _get(v, "abstract") ? "@" : "", s);
		else if ((s = _str(v, "sin_addr")))
			snprintf(key, sizeof(key), "%s:%d", s, _int(v, "sin_port"));
		else if ((s = _str(v, "sin6_addr")))
			snprintf(key, sizeof(key), "[%s]:%d", s, _int(v, "sin6_port"));
		else
			snprintf(key, sizeof(key), "%s", fam);
		return _count(ix->net, &m->net, &m->nnet, &m->capnet, key, ok ? what : 4);
	}
	return 0;
}

static int _mark(struct model *m, int thread, int64_t at, const char *text, bool exit)
{
	if (GROW(m->marks, m->capmarks, m->nmarks))
		return -ENOMEM;
	m->marks[m->nmarks] = (struct mark){ at, thread, strdup(text), exit };
	return m->marks[m->nmarks++].text ? 0 : -ENOMEM;
}

static char *_join(json_object *arr)
{
	size_t i, n, len = 0;
	char *s;

	if (!arr || !json_object_is_type(arr, json_type_array))
		return strdup("?");
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++)
		len += json_object_get_string_len(json_object_array_get_idx(arr, i)) + 1;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	s[0] = 0;
	for (i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, json_object_get_string(json_object_array_get_idx(arr, i)));
	}
	return s;
}

static int _syscall(struct model *m, json_object *rec, long th)
{
	struct index *ix = m->index;
	const char *name = _str(rec, "name") ?: "?", *err = _str(rec, "errno");
	json_object *args = _get(rec, "args"), *ret = _get(rec, "ret");
	struct call *c;
	long s;
	char rbuf[64];

	if ((s = _sysstat(m, name)) < 0 || GROW(m->calls, m->capcalls, m->ncalls))
		return -ENOMEM;
	c = &m->calls[m->ncalls];
	memset(c, 0, sizeof(*c));
	c->dur = _usec(rec, "dur");
	c->start = _usec(rec, "ts") - c->dur;
	if (m->ncalls && m->calls[m->ncalls - 1].thread == th &&
	    c->start < m->calls[m->ncalls - 1].start + m->calls[m->ncalls - 1].dur)
		c->start = m->calls[m->ncalls - 1].start + m->calls[m->ncalls - 1].dur;
	c->thread = th;
	c->name = s;
	c->err = err ? _named(ix->errnos, &m->errnos, &m->nerrnos, &m->caperrnos, err) : -1;
	if (!ret || json_object_is_type(ret, json_type_null))
		snprintf(rbuf, sizeof(rbuf), "?");
	else if (err)
		snprintf(rbuf, sizeof(rbuf), "-1 %s", err);
	else
		snprintf(rbuf, sizeof(rbuf), "%s", json_object_get_string(ret));
	c->ret = strdup(rbuf);
	c->summary = _summary(args);
	if (m->keep_args && args)
		c->args = json_object_get(args);
	m->ncalls++;
	m->sys[s].count++;
	m->sys[s].errors += err != NULL;
	m->sys[s].time += c->dur;
	m->procs[_process(m, m->threads[th].pid, c->start)].calls++;
	if (_files(m, name, args, !err) || _net(m, name, args, !err))
		return -ENOMEM;
	return c->ret && c->summary ? 0 : -ENOMEM;
}

int model_add(struct model *m, json_object *rec)
{
	const char *ev = _str(rec, "event"), *sig;
	int64_t at = _usec(rec, "ts");
	long th = -1, p;
	char text[64];
	struct process *pr;

	if (!ev)
		return 0;
	if (at > m->end)
		m->end = at;
	if (!strcmp(ev, "start")) {
		free(m->command);
		m->command = _join(_get(rec, "command"));
		m->started = strdup(_str(rec, "time") ?: "");
		return m->command && m->started ? 0 : -ENOMEM;
	}
	if (!strcmp(ev, "end")) {
		json_object *st = _get(rec, "status");

		if ((sig = _str(st, "signal")))
			snprintf(text, sizeof(text), "killed by %s", sig);
		else
			snprintf(text, sizeof(text), "exited with %d", _int(st, "code"));
		free(m->status);
		m->status = strdup(text);
		return m->status ? 0 : -ENOMEM;
	}
	if (_get(rec, "tid") && (th = _thread(m, _int(rec, "tid"), _int(rec, "pid"), at)) < 0)
		return -ENOMEM;
	if (th < 0)
		return 0;
	if (!strcmp(ev, "syscall"))
		return _syscall(m, rec, th);
	if (!strcmp(ev, "spawn")) {
		json_object *thr = _get(rec, "thread");

		if (thr && json_object_get_boolean(thr))
			return _thread(m, _int(rec, "child_tid"), _int(rec, "child_pid"), at) < 0 ? -ENOMEM : 0;
		if ((p = _process(m, _int(rec, "child_pid"), at)) < 0)
			return -ENOMEM;
		m->procs[p].ppid = _int(rec, "pid");
		/* A forked child runs its parent's program until it execs. */
		if (!m->procs[p].command) {
			long q = _process(m, _int(rec, "pid"), at);

			if (q >= 0 && m->procs[q].command)
				m->procs[p].command = strdup(m->procs[q].command);
		}
		return _thread(m, _int(rec, "child_tid"), _int(rec, "child_pid"), at) < 0 ? -ENOMEM : 0;
	}
	if (!strcmp(ev, "exec")) {
		pr = &m->procs[_process(m, _int(rec, "pid"), at)];
		free(pr->command);
		pr->command = _join(_get(rec, "argv"));
		return pr->command ? 0 : -ENOMEM;
	}
	if (!strcmp(ev, "signal"))
		return _mark(m, th, at, _str(rec, "signal") ?: "signal", false);
	if (!strcmp(ev, "exit")) {
		if ((sig = _str(rec, "signal")))
			snprintf(text, sizeof(text), "killed by %s", sig);
		else
			snprintf(text, sizeof(text), "exit %d", _int(rec, "code"));
		if (_int(rec, "tid") == _int(rec, "pid")) {
			pr = &m->procs[_process(m, _int(rec, "pid"), at)];
			pr->end = at;
			free(pr->exit);
			pr->exit = strdup(sig ? sig : text + 5);
		}
		return _mark(m, th, at, text, true);
	}
	return 0;
}

static int _by_time(const void *a, const void *b)
{
	const struct call *x = a, *y = b;

	if (x->thread != y->thread)
		return x->thread - y->thread;
	return x->start < y->start ? -1 : x->start > y->start;
}

void model_finish(struct model *m)
{
	size_t i;

	/* Calls per thread, in time order: the timeline's lanes. */
	qsort(m->calls, m->ncalls, sizeof(*m->calls), _by_time);
	/* A thread makes one call at a time; the stamps are rounded to the
	   microsecond, so a call may seem to start before the last one ended. */
	for (i = 1; i < m->ncalls; i++) {
		struct call *p = &m->calls[i - 1], *c = &m->calls[i];

		if (p->thread == c->thread && c->start < p->start + p->dur)
			c->start = p->start + p->dur;
	}
	for (i = 0; i < m->nprocs; i++)
		if (m->procs[i].end < m->procs[i].start)
			m->procs[i].end = m->procs[i].start;
	for (i = 0; i < m->nthreads; i++) {
		struct process *p = NULL;
		size_t j;

		for (j = 0; j < m->nprocs; j++)
			if (m->procs[j].pid == m->threads[i].pid)
				p = &m->procs[j];
		if (p && !p->exit && m->threads[i].last > p->end)
			p->end = m->threads[i].last;
	}
}

void model_free(struct model *m)
{
	struct index *ix = m->index;
	size_t i;

	for (i = 0; i < m->ncalls; i++) {
		free(m->calls[i].ret);
		free(m->calls[i].summary);
		json_object_put(m->calls[i].args);
	}
	for (i = 0; i < m->nmarks; i++)
		free(m->marks[i].text);
	for (i = 0; i < m->nprocs; i++) {
		free(m->procs[i].command);
		free(m->procs[i].exit);
	}
	for (i = 0; i < m->nsys; i++)
		free(m->sys[i].name);
	for (i = 0; i < m->nerrnos; i++)
		free(m->errnos[i]);
	for (i = 0; i < m->nfiles; i++)
		free(m->files[i].key);
	for (i = 0; i < m->nnet; i++)
		free(m->net[i].key);
	free(m->calls); free(m->marks); free(m->threads); free(m->procs);
	free(m->sys); free(m->errnos); free(m->files); free(m->net);
	free(m->command); free(m->status); free(m->started);
	if (ix) {
		lh_table_free(ix->tids); lh_table_free(ix->pids); lh_table_free(ix->sys);
		lh_table_free(ix->errnos); lh_table_free(ix->files); lh_table_free(ix->net);
		free(ix);
	}
}
