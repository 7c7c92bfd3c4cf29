/*
 * jsonl.c - the trace reader of jsonl.h: lines, byte escapes, checks.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "format/jsonl.h"

static int _hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Copy s to out, turning each escape \udcXX (XX >= 80) into the byte XX.
   Every backslash in JSON text starts a two-character escape, so walking
   the escapes in pairs never mistakes "\\udc80" for one. */
static size_t _unescape_bytes(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;
	int hi, lo;

	while (i < n) {
		if (s[i] != '\\' || i + 1 >= n) {
			out[o++] = s[i++];
			continue;
		}
		if (s[i + 1] == 'u' && i + 5 < n &&
		    (s[i + 2] == 'd' || s[i + 2] == 'D') &&
		    (s[i + 3] == 'c' || s[i + 3] == 'C') &&
		    (hi = _hexval(s[i + 4])) >= 8 && (lo = _hexval(s[i + 5])) >= 0) {
			out[o++] = (char)(hi << 4 | lo);
			i += 6;
			continue;
		}
		out[o++] = s[i++];
		out[o++] = s[i++];
	}
	out[o] = 0;
	return o;
}

json_object *jsonl_parse(const char *s, size_t n)
{
	struct json_tokener *tok;
	json_object *o;
	char *tmp;

	tmp = malloc(n + 1);
	if (!tmp)
		return NULL;
	n = _unescape_bytes(s, n, tmp);
	tok = json_tokener_new();
	if (!tok) {
		free(tmp);
		return NULL;
	}
	o = json_tokener_parse_ex(tok, tmp, n);
	/* The whole line must be one object, with nothing but blanks after it. */
	if (o) {
		size_t end = json_tokener_get_parse_end(tok);

		while (end < n && strchr(" \t\r", tmp[end]))
			end++;
		if (json_tokener_get_error(tok) != json_tokener_success || end < n ||
		    !json_object_is_type(o, json_type_object)) {
			json_object_put(o);
			o = NULL;
		}
	}
	json_tokener_free(tok);
	free(tmp);
	return o;
}

int jsonl_open(struct jsonl_reader *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->name = path;
	if (strcmp(path, "-") == 0) {
		r->f = stdin;
		r->name = "<stdin>";
	} else {
		r->f = fopen(path, "re");
		if (!r->f)
			return -errno;
	}
	return 0;
}

void jsonl_close(struct jsonl_reader *r)
{
	if (r->f && r->f != stdin)
		fclose(r->f);
	free(r->buf);
	r->f = NULL;
	r->buf = NULL;
}

/* The schema check: the start record names the version it was written in. */
static int _check_start(struct jsonl_reader *r, json_object *rec)
{
	json_object *ev, *sc;

	if (!json_object_object_get_ex(rec, "event", &ev) ||
	    strcmp(json_object_get_string(ev), "start") != 0)
		return 0;
	if (!json_object_object_get_ex(rec, "schema", &sc) ||
	    !json_object_is_type(sc, json_type_int)) {
		snprintf(r->err, sizeof(r->err), "%s:%ld: the start record names no schema version",
			 r->name, r->line);
		return -EINVAL;
	}
	if (json_object_get_int(sc) != JSONL_SCHEMA) {
		snprintf(r->err, sizeof(r->err),
			 "%s:%ld: schema version %d is not known (this reader knows %d); "
			 "reading on as if it were %d", r->name, r->line,
			 json_object_get_int(sc), JSONL_SCHEMA, JSONL_SCHEMA);
		return -EINVAL;
	}
	return 0;
}

int jsonl_next(struct jsonl_reader *r, json_object **rec)
{
	ssize_t n;
	json_object *o;
	bool last;

	*rec = NULL;
	for (;;) {
		errno = 0;
		n = getline(&r->buf, &r->cap, r->f);
		if (n < 0)
			return errno ? -errno : 0;
		r->line++;
		last = r->buf[n - 1] != '\n';
		while (n > 0 && (r->buf[n - 1] == '\n' || r->buf[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;	/* an empty line is no record */
		break;
	}
	o = jsonl_parse(r->buf, n);
	if (!o) {
		r->bad++;
		if (last)
			snprintf(r->err, sizeof(r->err),
				 "%s:%ld: the last line is cut short (%zd bytes, no newline): "
				 "the run was probably killed; the lines before it are used",
				 r->name, r->line, n);
		else
			snprintf(r->err, sizeof(r->err), "%s:%ld: not a JSON object: %.40s%s",
				 r->name, r->line, r->buf, n > 40 ? "..." : "");
		return -EINVAL;
	}
	if (!json_object_object_get_ex(o, "event", NULL)) {
		r->bad++;
		snprintf(r->err, sizeof(r->err), "%s:%ld: a record without \"event\"",
			 r->name, r->line);
		json_object_put(o);
		return -EINVAL;
	}
	*rec = o;
	if (_check_start(r, o) < 0) {
		r->bad++;
		return -EINVAL;	/* the record is still given: read on */
	}
	return 1;
}
