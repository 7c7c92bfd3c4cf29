/*
 * write.c - the learned policy written out: each rule's paths folded into
 * globs (temporaries, /proc/PID, full directories: man/xlat-policy.5,
 * LEARNED POLICIES), values written with their symbolic names, the rules
 * sorted, the header, and the file replaced atomically (a temporary file
 * in the same directory, renamed over it).  It reads the store and the
 * tables.
 */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "learn/internal.h"
#include "tables/sysent.h"

/* --- folding ------------------------------------------------------------- */

/* s with fnmatch's special characters escaped, appended to out. */
static void _esc(char *out, size_t n, const char *s, size_t len)
{
	size_t o = strlen(out);

	for (; len && *s && o + 2 < n; s++, len--) {
		if (strchr("*?[\\", *s))
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o] = '\0';
}

/* 'g' DIR/\* (or DIR/.\* for a dot file) for the entry path. */
static void _dir_glob(char *out, size_t n, const char *path)
{
	const char *slash = strrchr(path, '/');

	snprintf(out, n, "g");
	_esc(out, n, path, slash - path);
	snprintf(out + strlen(out), n - strlen(out), "/%s", slash[1] == '.' ? ".*" : "*");
}

/* /proc/PID/... and .../task/TID/...: the numbers become "*".  True when
   the path had any. */
static bool _proc_glob(char *out, size_t n, const char *path)
{
	const char *p = path, *end;
	bool any = false, num;
	size_t k;

	if (strncmp(path, "/proc/", 6) != 0)
		return false;
	snprintf(out, n, "g");
	while (*p == '/') {
		end = strchr(p + 1, '/');
		if (!end)
			end = p + strlen(p);
		num = end > p + 1;
		for (k = 1; p + k < end; k++)
			num &= p[k] >= '0' && p[k] <= '9';
		if (num && (p == path + 5 || (p >= path + 5 && strncmp(p - 5, "/task", 5) == 0))) {
			snprintf(out + strlen(out), n - strlen(out), "/*");
			any = true;
		} else {
			_esc(out, n, p, end - p);
		}
		p = end;
	}
	return any;
}

static int _strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The patterns of r, folded, into out. */
static int _fold(const struct learn *l, const struct lrule *r, struct lset *out)
{
	struct lset exact = { 0 };
	char buf[8192], **keys;
	size_t i, j, k;
	const char *p, *slash;
	bool covered;
	int rc = 0;

	for (i = 0; !rc && i < r->paths.n; i++) {
		p = r->paths.v[i] + 1;
		if (r->paths.v[i][0] != 'e')
			rc = lset_add(out, r->paths.v[i]);
		else if (lset_has(&l->created, p) && lset_has(&l->removed, p) && strcmp(p, "/"))
			(_dir_glob(buf, sizeof(buf), p), rc = lset_add(out, buf));
		else if (_proc_glob(buf, sizeof(buf), p))
			rc = lset_add(out, buf);
		else
			rc = lset_add(&exact, p);
	}
	/* A directory with more than LEARN_FOLD entries (dot files counted
	   apart, since "*" does not match them) becomes DIR/\*. */
	keys = calloc(exact.n + 1, sizeof(*keys));
	if (!keys)
		rc = -ENOMEM;
	for (i = 0; !rc && i < exact.n; i++) {
		slash = strrchr(exact.v[i], '/');
		if (slash == exact.v[i] && !slash[1]) {
			keys[i] = strdup("");
		} else {
			_dir_glob(buf, sizeof(buf), exact.v[i]);
			keys[i] = strdup(buf);
		}
		if (!keys[i])
			rc = -ENOMEM;
	}
	if (!rc)
		qsort(keys, exact.n, sizeof(*keys), _strcmp);
	for (i = 0; !rc && i < exact.n; i = j) {
		for (j = i; j < exact.n && strcmp(keys[j], keys[i]) == 0; j++)
			;
		if (j - i > LEARN_FOLD && keys[i][0])
			rc = lset_add(out, keys[i]);
	}
	for (i = 0; keys && i < exact.n; i++)
		free(keys[i]);
	free(keys);
	/* Exact paths a pattern covers go. */
	for (i = 0; !rc && i < exact.n; i++) {
		covered = false;
		for (k = 0; !covered && k < out->n; k++) {
			p = out->v[k] + 1;
			if (out->v[k][0] == 'g')
				covered = fnmatch(p, exact.v[i], FNM_PATHNAME | FNM_PERIOD) == 0;
			else if (out->v[k][0] == 'p')
				covered = strncmp(exact.v[i], p, strlen(p)) == 0 &&
					  (p[strlen(p) - 1] == '/' || exact.v[i][strlen(p)] == '/' ||
					   !exact.v[i][strlen(p)]);
		}
		if (!covered) {
			snprintf(buf, sizeof(buf), "e%s", exact.v[i]);
			rc = lset_add(out, buf);
		}
	}
	lset_free(&exact);
	return rc;
}

/* --- JSON ---------------------------------------------------------------- */

static void _str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* v in the names of argument ai's table (flags joined by |, unknown bits
   in hex), each name checked to read back as itself; else a number. */
static void _value(FILE *f, int id, int ai, uint64_t v)
{
	const struct sysarg *a = &sysent_table[id].args[ai];
	const struct xlat_table *t;
	char out[512] = "";
	uint64_t rest = v, back;
	const char *name;
	unsigned int i;

	if ((a->kind != AK_flags && a->kind != AK_enum) || a->aux < 0 || a->aux >= XT_COUNT || !v)
		goto number;
	t = &xlat_tables[a->aux];
	if (!t->flags) {
		name = xlat_name(a->aux, v);
		if (name && xlat_any_value(name, &back) == 0 && back == v) {
			_str(f, name);
			return;
		}
		goto number;
	}
	for (i = 0; i < t->count; i++) {
		const struct xlat_entry *e = &t->entries[i];

		if (!e->val || (rest & e->val) != e->val)
			continue;
		if (xlat_any_value(e->name, &back) || back != e->val)
			continue;
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", *out ? "|" : "", e->name);
		rest &= ~e->val;
	}
	if (!*out)
		goto number;
	if (rest)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "|%#llx", (unsigned long long)rest);
	_str(f, out);
	return;
number:
	if (v <= 0xffff)
		fprintf(f, "%llu", (unsigned long long)v);
	else
		fprintf(f, "\"%#llx\"", (unsigned long long)v);
}

static void _cond(FILE *f, int id, int ai, uint64_t mask, uint64_t v, bool *first)
{
	fprintf(f, "%s{\"arg\": ", *first ? "" : ", ");
	_str(f, sysent_table[id].args[ai].name);
	if (mask != ~(uint64_t)0) {
		fprintf(f, ", \"op\": \"masked_eq\", \"mask\": ");
		_value(f, id, ai, mask);
	}
	fprintf(f, ", \"value\": ");
	_value(f, id, ai, v);
	fprintf(f, "}");
	*first = false;
}

static int _rule_cmp(const void *a, const void *b)
{
	const struct lrule *x = a, *y = b;
	int c;

	if (x->abi != y->abi)
		return x->abi - y->abi;
	c = strcmp(sysent_table[x->id].name, sysent_table[y->id].name);
	if (c)
		return c;
	return (int)x->mode - (int)y->mode;
}

static int _val_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return 0;
}

/* Is the rule a plain "allow the call" on its ABI? */
static bool _plain(const struct lrule *r, const struct lkey **k, int ai[2])
{
	int bits;

	*k = learn_key(r->id, ai);
	if (*k && !r->any && r->nvals == 2 && ai[1] < 0) {
		bits = __builtin_popcountll((*k)->mask[0]);
		if (bits == 1)
			return true;	/* both values of a one-bit key */
	}
	if (*k && !r->any)
		return false;
	if (r->mode == LM_READ || r->mode == LM_WRITE || r->mode == LM_EMPTY)
		return false;
	return !learn_pathcall(r->id) || (r->anypath && r->mode == LM_NONE) ||
	       (r->anypath && r->mode == LM_CREATE);
}

/* The open flags (or, for AT_EMPTY_PATH, the *at flags) argument, or -1. */
static int _flags_arg(int id, bool at)
{
	const struct sysent *se = &sysent_table[id];
	int i;

	for (i = 0; i < se->nargs; i++)
		if (se->args[i].kind == AK_flags && (strcmp(se->args[i].name, "flags") == 0 ||
						     (at && strcmp(se->args[i].name, "flag") == 0)))
			return i;
	return -1;
}

static void _head(FILE *f, const struct lrule *r)
{
	fprintf(f, "    {\"syscalls\": ");
	_str(f, sysent_table[r->id].name);
	fprintf(f, ", \"abi\": \"%s\", \"action\": \"allow\"", abi_names[r->abi]);
}

static int _rules(FILE *f, const struct learn *l)
{
	const struct lkey *k;
	struct lset pats;
	const char *sep = "";
	int ai[2], abi, fi, i, col, rc;
	size_t j, p;
	bool first, any;

	for (abi = 0; abi < ABI_COUNT; abi++) {
		/* The plain calls of an ABI: one rule. */
		any = false;
		col = 0;
		for (j = 0; j < l->n; j++) {
			if (l->r[j].abi != abi || !_plain(&l->r[j], &k, ai))
				continue;
			if (j && l->r[j - 1].abi == abi && l->r[j - 1].id == l->r[j].id &&
			    _plain(&l->r[j - 1], &k, ai))
				continue;
			if (!any)
				fprintf(f, "%s    {\"abi\": \"%s\", \"action\": \"allow\", \"syscalls\": [\n      ",
					sep, abi_names[abi]);
			else
				fprintf(f, col > 60 ? ",\n      " : ", ");
			if (col > 60)
				col = 0;
			_str(f, sysent_table[l->r[j].id].name);
			col += strlen(sysent_table[l->r[j].id].name) + 4;
			any = true;
			sep = ",\n";
		}
		if (any)
			fprintf(f, "]}");
		for (j = 0; j < l->n; j++) {
			const struct lrule *r = &l->r[j];

			if (r->abi != abi || _plain(r, &k, ai))
				continue;
			if (k && !r->any) {
				/* One rule per tuple of key values. */
				for (i = 0; i < r->nvals; i++) {
					fprintf(f, "%s", sep);
					_head(f, r);
					fprintf(f, ",\n     \"args\": [");
					first = true;
					_cond(f, r->id, ai[0], k->mask[0], r->vals[i][0], &first);
					if (ai[1] >= 0)
						_cond(f, r->id, ai[1], k->mask[1], r->vals[i][1], &first);
					fprintf(f, "]}");
					sep = ",\n";
				}
				continue;
			}
			fprintf(f, "%s", sep);
			sep = ",\n";
			_head(f, r);
			first = true;
			fi = _flags_arg(r->id, r->mode == LM_EMPTY);
			if (fi >= 0 && (r->mode == LM_READ || r->mode == LM_WRITE || r->mode == LM_EMPTY)) {
				uint64_t m = r->mode == LM_READ ? LEARN_READ_MASK :
					     r->mode == LM_WRITE ? LEARN_WRITE_MASK : LEARN_AT_EMPTY_PATH;

				fprintf(f, ",\n     \"args\": [");
				_cond(f, r->id, fi, m, r->mode == LM_EMPTY ? m : 0, &first);
				fprintf(f, "]");
			}
			if (r->anypath || r->mode == LM_EMPTY || !r->paths.n) {
				fprintf(f, "}");
				continue;
			}
			memset(&pats, 0, sizeof(pats));
			rc = _fold(l, r, &pats);
			if (rc) {
				lset_free(&pats);
				return rc;
			}
			fprintf(f, ",\n     \"path\": [\n");
			for (p = 0; p < pats.n; p++) {
				fprintf(f, "      {\"%s\": ", pats.v[p][0] == 'e' ? "exact" :
					pats.v[p][0] == 'g' ? "glob" : "prefix");
				_str(f, pats.v[p] + 1);
				fprintf(f, "}%s\n", p + 1 < pats.n ? "," : "");
			}
			fprintf(f, "     ]}");
			lset_free(&pats);
		}
	}
	fprintf(f, "\n");
	return 0;
}

/* --- the file ------------------------------------------------------------ */

static void _header(FILE *f, const struct learn *l, char *const argv[])
{
	char when[64];
	struct tm tm;
	time_t now = time(NULL);
	size_t i;

	fprintf(f, "{\n  \"learned\": [\n");
	for (i = 0; i < l->runs.n; i++)
		fprintf(f, "    %s,\n", l->runs.v[i]);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "    {\"command\": [");
	for (i = 0; argv[i]; i++) {
		fprintf(f, "%s", i ? ", " : "");
		_str(f, argv[i]);
	}
	fprintf(f, "], \"date\": \"%s\", \"xlat\": \"%s\"}\n  ],\n", when, PACKAGE_VERSION);
	fprintf(f, "  \"default\": \"%s\",\n", pol_action_names[l->def]);
	if (l->def == PA_DENY)
		fprintf(f, "  \"errno\": \"%s\",\n", xlat_name(XT_errno, l->def_err) ?: "EPERM");
	fprintf(f, "  \"rules\": [\n");
}

int learn_can_write(const char *file, char *err, size_t n)
{
	char tmp[4096];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", file);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, n, "cannot write the learned policy '%s': %s", file, strerror(errno));
		return -errno;
	}
	close(fd);
	unlink(tmp);
	return 0;
}

int learn_write(struct learn *l, const char *file, char *const argv[], char *err, size_t n)
{
	char tmp[4096];
	mode_t um;
	FILE *f;
	int fd, rc;

	qsort(l->r, l->n, sizeof(*l->r), _rule_cmp);
	for (size_t j = 0; j < l->n; j++)
		qsort(l->r[j].vals, l->r[j].nvals, sizeof(l->r[j].vals[0]), _val_cmp);
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", file) >= (int)sizeof(tmp)) {
		snprintf(err, n, "%s: name too long", file);
		return -ENAMETOOLONG;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, n, "cannot write the learned policy '%s': %s", file, strerror(errno));
		return rc;
	}
	um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	f = fdopen(fd, "w");
	if (!f) {
		rc = -errno;
		close(fd);
		goto out_unlink;
	}
	_header(f, l, argv);
	rc = _rules(f, l);
	fprintf(f, "  ]\n}\n");
	if (ferror(f) && !rc)
		rc = -EIO;
	if (fclose(f) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, file) < 0)
		rc = -errno;
	if (!rc)
		return 0;
out_unlink:
	snprintf(err, n, "cannot write the learned policy '%s': %s", file, strerror(-rc));
	unlink(tmp);
	return rc;
}
