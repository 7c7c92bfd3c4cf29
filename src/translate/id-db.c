/*
 * id-db.c - fake root: the database file, in the format of fakeroot(1)'s
 * -s (save) and -i (load), so that either tool reads what the other
 * wrote.  One file a line, fields in this order:
 *
 *     dev=HEX,ino=DEC,mode=OCT,uid=DEC,gid=DEC,nlink=DEC,rdev=DEC
 *
 * dev and rdev are device numbers as the kernel encodes them in stat
 * (st_dev, st_rdev); mode is the whole st_mode.  A line that does not
 * read so is an error naming FILE:LINE:COLUMN; the file is saved by
 * writing FILE.tmp and renaming it over FILE, so a failed save leaves
 * FILE as it was.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "translate/id.h"

static int __attribute__((format(printf, 6, 7)))
_err(char *err, size_t n, const char *file, unsigned long line, size_t col,
     const char *fmt, ...)
{
	va_list ap;
	int k;

	k = snprintf(err, n, "%s:%lu:%zu: ", file, line, col);
	if (k < 0 || (size_t)k >= n)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(err + k, n - k, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* The fields of a line: name, base, the largest value. */
static const struct {
	const char *key;
	int base;
	uint64_t max;
} _fields[] = {
	{ "dev", 16, UINT64_MAX },
	{ "ino", 10, UINT64_MAX },
	{ "mode", 8, 0177777 },
	{ "uid", 10, NOID - 1 },
	{ "gid", 10, NOID - 1 },
	{ "nlink", 10, UINT64_MAX },
	{ "rdev", 10, UINT64_MAX },
};
#define NFIELDS (sizeof(_fields) / sizeof(_fields[0]))

static bool _digit(int c, int base)
{
	return base == 16 ? isxdigit(c) : base == 8 ? c >= '0' && c <= '7' : isdigit(c);
}

static int _line(const char *file, unsigned long ln, const char *line, size_t len,
		 char *err, size_t n)
{
	uint64_t v[NFIELDS];
	const char *p = line;
	struct fview f;
	unsigned int i;
	size_t k;
	char *end;

	if (strlen(line) != len)
		return _err(err, n, file, ln, strlen(line) + 1, "a NUL byte in the line");
	for (i = 0; i < NFIELDS; i++) {
		k = strlen(_fields[i].key);
		if (strncmp(p, _fields[i].key, k) != 0 || p[k] != '=')
			return _err(err, n, file, ln, p - line + 1, "expected '%s='%s",
				    _fields[i].key, i == 0 ? " (fakeroot's format: dev=,ino=,mode=,uid=,gid=,nlink=,rdev=)" : "");
		p += k + 1;
		if (!_digit((unsigned char)*p, _fields[i].base))
			return _err(err, n, file, ln, p - line + 1, "%s: '%.*s' is not a %s number",
				    _fields[i].key, (int)strcspn(p, ","), p,
				    _fields[i].base == 16 ? "hexadecimal" :
				    _fields[i].base == 8 ? "octal" : "decimal");
		errno = 0;
		v[i] = strtoull(p, &end, _fields[i].base);
		if (errno || v[i] > _fields[i].max)
			return _err(err, n, file, ln, p - line + 1, "%s %.*s is out of range",
				    _fields[i].key, (int)strcspn(p, ","), p);
		p = end;
		if (i + 1 < NFIELDS && *p != ',')
			return _err(err, n, file, ln, p - line + 1, "expected ',' after %s",
				    _fields[i].key);
		if (i + 1 < NFIELDS)
			p++;
	}
	if (*p)
		return _err(err, n, file, ln, p - line + 1, "unexpected '%.20s' at the end", p);
	if (!(v[2] & S_IFMT))
		return _err(err, n, file, ln, strstr(line, "mode=") - line + 6,
			    "mode %" PRIo64 " has no file type", v[2]);
	f = (struct fview){ .dev = v[0], .ino = v[1], .mode = v[2], .uid = v[3],
			    .gid = v[4], .nlink = v[5], .rdev = v[6] };
	/* fakeroot keeps the last line of a file listed twice; so do we. */
	return idf_set(&f);
}

int iddb_load(const char *file, char *err, size_t n)
{
	FILE *fp = fopen(file, "re");
	unsigned long ln = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	bool nl = true;
	int rc = 0;

	if (!fp) {
		rc = -errno;
		snprintf(err, n, "%s: cannot read the fake-root database: %s", file, strerror(-rc));
		return rc;
	}
	while (!rc && (len = getline(&line, &cap, fp)) >= 0) {
		ln++;
		nl = len > 0 && line[len - 1] == '\n';
		if (nl)
			line[--len] = '\0';
		rc = _line(file, ln, line, len, err, n);
	}
	if (!rc && !nl)
		rc = _err(err, n, file, ln, len > 0 ? (size_t)len + 1 : 1,
			  "the last line has no newline (a truncated file?)");
	if (!rc && ferror(fp)) {
		rc = -EIO;
		snprintf(err, n, "%s: cannot read the fake-root database: %s", file, strerror(EIO));
	}
	if (rc == -ENOMEM)
		snprintf(err, n, "%s: out of memory", file);
	free(line);
	fclose(fp);
	return rc;
}

static void _save_one(const struct fview *f, void *fp)
{
	fprintf(fp, "dev=%" PRIx64 ",ino=%" PRIu64 ",mode=%" PRIo32 ",uid=%" PRIu32
		",gid=%" PRIu32 ",nlink=%" PRIu64 ",rdev=%" PRIu64 "\n",
		f->dev, f->ino, f->mode, f->uid, f->gid, f->nlink, f->rdev);
}

int iddb_save(const char *file, char *err, size_t n)
{
	char tmp[4096];
	FILE *fp;
	int rc = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", file) >= (int)sizeof(tmp)) {
		snprintf(err, n, "%s: cannot write the fake-root database: %s", file,
			 strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	fp = fopen(tmp, "we");
	if (fp) {
		idf_walk(_save_one, fp);
		if (ferror(fp))
			rc = -EIO;
		if (fclose(fp) != 0 && !rc)
			rc = -errno;
		if (!rc && rename(tmp, file) < 0)
			rc = -errno;
		if (rc)
			unlink(tmp);
	} else {
		rc = -errno;
	}
	if (rc)
		snprintf(err, n, "%s: cannot write the fake-root database: %s", file, strerror(-rc));
	return rc;
}
