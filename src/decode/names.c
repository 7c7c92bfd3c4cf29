/*
 * decode/names.c - numbers by name: flag sets and enums from the tables,
 * signal numbers, siginfo si_codes, octal permission bits, file modes and
 * device numbers.
 *
 * May call: trace.h (the JSON builder) and the tables.  Part of the
 * primitives layer (decode/prim.h); calls nothing of the layers above.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode/prim.h"

/* printf's %#llx (0 alone, else 0x and the digits) at p; the end. */
static char *_fmt_hex(char *p, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	int i = 0;

	*p++ = '0';
	if (!v)
		return p;
	*p++ = 'x';
	while (v) {
		tmp[i++] = digits[v & 15];
		v >>= 4;
	}
	while (i)
		*p++ = tmp[--i];
	return p;
}

/* v in octal, at least min digits, at p; the end. */
static char *_fmt_oct(char *p, uint64_t v, int min)
{
	char tmp[24];
	int i = 0;

	while (v || i < min) {
		tmp[i++] = '0' + (v & 7);
		v >>= 3;
	}
	while (i)
		*p++ = tmp[--i];
	return p;
}

static char *_fmt_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* Names of the bits of v in table t, strace style: "O_RDWR|O_CLOEXEC".
   A field (xlat_fields) is printed first, except the exit signal of clone,
   which strace prints last; a field whose value is 0 is left out when it
   has no name, or when zero_field is false (pipe2's O_RDONLY). */
void decode_flags_ex(enum xtab t, uint64_t v, bool zero_field, struct jbuf *b)
{
	const struct xlat_table *x = &xlat_tables[t];
	const struct xlat_field *f = &xlat_fields[t];
	char out[1024], hex[24], field[64];
	size_t len = 0;
	unsigned int k;
	const char *name;

	out[0] = field[0] = '\0';
#define APPEND(s) do { \
		size_t _l = strlen(s); \
		if (len + _l + 2 < sizeof(out)) { \
			if (len) out[len++] = '|'; \
			memcpy(out + len, s, _l); len += _l; out[len] = '\0'; \
		} \
	} while (0)
	if (f->mask) {
		uint64_t fv = v & f->mask;

		name = f->table >= 0 ? xlat_name(f->table, fv) : NULL;
		if (fv == 0 && (!zero_field || !name))
			;
		else if (name && strlen(name) < sizeof(field))
			memcpy(field, name, strlen(name) + 1);
		else
			*_fmt_hex(field, fv) = '\0';
		v &= ~f->mask;
		if (field[0] && t != XT_clone)
			APPEND(field);
	}
	for (k = 0; k < x->count && v; k++) {
		uint64_t e = x->entries[k].val;

		if (e && (v & e) == e) {
			APPEND(x->entries[k].name);
			v &= ~e;
		}
	}
	if (v) {
		*_fmt_hex(hex, v) = '\0';
		APPEND(hex);
	}
	if (field[0] && t == XT_clone)
		APPEND(field);
	if (len == 0) {
		/* Only a zero-valued name (F_OK, PROT_NONE) names 0. */
		name = xlat_name(t, 0);
		APPEND(name ? name : "0");
	}
#undef APPEND
	jb_str(b, out);
}

void decode_flags(enum xtab t, uint64_t v, struct jbuf *b)
{
	decode_flags_ex(t, v, true, b);
}

void decode_enum(enum xtab t, int64_t v, struct jbuf *b)
{
	const char *name = xlat_name(t, (uint64_t)v);

	if (name)
		jb_str(b, name);
	else
		jb_int(b, v);
}

void decode_signo(int64_t sig, struct jbuf *b)
{
	char buf[24];
	const char *name = xlat_name(XT_signal, sig);

	if (name)
		jb_str(b, name);
	else if (sig >= 32 && sig <= 64) {
		snprintf(buf, sizeof(buf), "SIGRTMIN+%d", (int)(sig - 32));
		jb_str(b, buf);
	} else
		jb_int(b, sig);
}

const char *decode_si_code(int sig, int code)
{
	const char *name = xlat_name(XT_si_code, xlat_qual(sig, (uint32_t)code));

	if (name || code <= 0)
		return name ? name : xlat_name(XT_si_code, (uint32_t)code);
	return xlat_name(XT_si_code, (uint32_t)code);
}

void decode_octal(uint64_t v, struct jbuf *b)
{
	char buf[32];

	buf[0] = '0';
	*_fmt_oct(buf + 1, v, 2) = '\0';
	jb_str(b, buf);
}

void decode_mode(uint32_t mode, struct jbuf *b)
{
	char buf[96], *p = buf;
	const char *type = xlat_name(XT_mode_type, mode & S_IFMT);

	if (type && strlen(type) < 32)
		p = _fmt_str(p, type);
	else if (mode & S_IFMT)
		p = _fmt_oct(_fmt_str(p, "0"), mode & S_IFMT, 1);
	if (p != buf)
		*p++ = '|';
	if (mode & S_ISUID)
		p = _fmt_str(p, "S_ISUID|");
	if (mode & S_ISGID)
		p = _fmt_str(p, "S_ISGID|");
	if (mode & S_ISVTX)
		p = _fmt_str(p, "S_ISVTX|");
	*p++ = '0';
	*_fmt_oct(p, mode & 0777, 3) = '\0';
	jb_str(b, buf);
}

void decode_dev(uint64_t dev, struct jbuf *b)
{
	char buf[64], *p;

	p = _fmt_hex(_fmt_str(buf, "makedev("), major(dev));
	p = _fmt_hex(_fmt_str(p, ", "), minor(dev));
	*_fmt_str(p, ")") = '\0';
	jb_str(b, buf);
}
