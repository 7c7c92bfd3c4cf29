/*
 * summary.c - counters per (abi, syscall) and their strace -c style table.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "tables/sysent.h"

struct _row {
	uint64_t calls, errors;
	int64_t usec;
	int id, abi;
};

static struct _row *_rows;	/* [abi * sysent_count + id] */
static struct _row _unknown[ABI_COUNT];

int summary_init(void)
{
	_rows = calloc((size_t)ABI_COUNT * sysent_count, sizeof(*_rows));
	return _rows ? 0 : -ENOMEM;
}

void summary_add(int id, int abi, bool failed, int64_t dur_us)
{
	struct _row *r;

	if (!_rows || abi < 0 || abi >= ABI_COUNT)
		return;
	r = id >= 0 ? &_rows[(size_t)abi * sysent_count + id] : &_unknown[abi];
	r->calls++;
	r->errors += failed;
	r->usec += dur_us > 0 ? dur_us : 0;
}

static int _cmp(const void *pa, const void *pb)
{
	const struct _row *a = pa, *b = pb;

	if (a->usec != b->usec)
		return a->usec < b->usec ? 1 : -1;
	if (a->calls != b->calls)
		return a->calls < b->calls ? 1 : -1;
	return a->id - b->id;
}

/* The rows with calls, sorted; caller frees. */
static struct _row *_sorted(size_t *n, struct _row *total)
{
	size_t i, k = 0, all = (size_t)ABI_COUNT * sysent_count;
	struct _row *v;

	memset(total, 0, sizeof(*total));
	*n = 0;
	if (!_rows)
		return NULL;
	v = malloc((all + ABI_COUNT) * sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i < all + ABI_COUNT; i++) {
		struct _row r = i < all ? _rows[i] : _unknown[i - all];

		if (!r.calls)
			continue;
		r.abi = i < all ? (int)(i / sysent_count) : (int)(i - all);
		r.id = i < all ? (int)(i % sysent_count) : -1;
		total->calls += r.calls;
		total->errors += r.errors;
		total->usec += r.usec;
		v[k++] = r;
	}
	qsort(v, k, sizeof(*v), _cmp);
	*n = k;
	return v;
}

static const char *_name(const struct _row *r)
{
	static char buf[40];
	const char *n = r->id >= 0 ? sysent_table[r->id].name : "(unknown)";

	if (r->abi == ABI_X86_64)
		return n;
	snprintf(buf, sizeof(buf), "%s@%s", n, abi_names[r->abi]);
	return buf;
}

void summary_print(FILE *f)
{
	struct _row total, *v;
	size_t n, i;

	v = _sorted(&n, &total);
	fprintf(f, "%% time     seconds  usecs/call     calls    errors syscall\n");
	fprintf(f, "------ ----------- ----------- --------- --------- ----------------\n");
	for (i = 0; i < n; i++) {
		fprintf(f, "%6.2f %11.6f %11llu %9llu ",
			total.usec ? 100.0 * v[i].usec / total.usec : 0.0,
			v[i].usec / 1e6,
			(unsigned long long)(v[i].usec / v[i].calls),
			(unsigned long long)v[i].calls);
		if (v[i].errors)
			fprintf(f, "%9llu ", (unsigned long long)v[i].errors);
		else
			fprintf(f, "%9s ", "");
		fprintf(f, "%s\n", _name(&v[i]));
	}
	fprintf(f, "------ ----------- ----------- --------- --------- ----------------\n");
	fprintf(f, "100.00 %11.6f %11llu %9llu %9llu total\n", total.usec / 1e6,
		(unsigned long long)(total.calls ? total.usec / total.calls : 0),
		(unsigned long long)total.calls, (unsigned long long)total.errors);
	free(v);
}

void summary_json(struct jbuf *b)
{
	struct _row total, *v;
	size_t n, i;

	v = _sorted(&n, &total);
	jb_arr_begin(b);
	for (i = 0; i < n; i++) {
		jb_obj_begin(b);
		jb_key(b, "name");
		jb_str(b, v[i].id >= 0 ? sysent_table[v[i].id].name : "(unknown)");
		jb_key(b, "abi");
		jb_str(b, abi_names[v[i].abi]);
		jb_key(b, "calls");
		jb_uint(b, v[i].calls);
		jb_key(b, "errors");
		jb_uint(b, v[i].errors);
		jb_key(b, "seconds");
		jb_secs(b, v[i].usec);
		jb_obj_end(b);
	}
	jb_arr_end(b);
	free(v);
}
