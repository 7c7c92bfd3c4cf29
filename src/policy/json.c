/*
 * json.c - the JSON values of a policy read for the parser (parse.c):
 * types, allowed keys, integers and constant names, errnos, errno maps
 * and actions, each failing with a "FILE:LINE:COL: message" (positions
 * from jpos.c) and, for names, the nearest known one.  It uses the rule
 * model and the tables.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "suggest.h"
#include "tables/sysent.h"

/* --- errors -------------------------------------------------------------- */

/* Set p->err to "FILE:LINE:COL: message" for the value at path (or its
   key, when at_key); -EINVAL. */
int pj_err(struct pj_ctx *c, const char *path, bool at_key, const char *fmt, ...)
{
	const struct jpos_entry *e = jpos_find(&c->pos, path);
	int line = 1, col = 1, n;
	va_list ap;

	if (e) {
		line = at_key && e->kline ? e->kline : e->line;
		col = at_key && e->kline ? e->kcol : e->col;
	}
	n = snprintf(c->p->err, sizeof(c->p->err), "%s:%d:%d: ", c->file, line, col);
	va_start(ap, fmt);
	vsnprintf(c->p->err + n, sizeof(c->p->err) - n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* --- constants ----------------------------------------------------------- */

/* "O_WRONLY|O_CREAT" or "0x10" to a value; -ENOENT names the unknown
   part in bad[]. */
static int _symbolic(const char *s, uint64_t *v, char *bad, size_t nbad)
{
	char *copy = strdup(s), *tok, *save;
	uint64_t one;
	bool neg;
	int rc = 0;

	if (!copy)
		return -ENOMEM;
	*v = 0;
	for (tok = strtok_r(copy, "|", &save); tok && !rc; tok = strtok_r(NULL, "|", &save)) {
		while (*tok == ' ')
			tok++;
		while (*tok && tok[strlen(tok) - 1] == ' ')
			tok[strlen(tok) - 1] = '\0';
		if (pol_number(tok, strlen(tok), &neg, &one) == 0 ||
		    xlat_any_value(tok, &one) == 0) {
			*v |= one;
			continue;
		}
		snprintf(bad, nbad, "%s", tok);
		rc = -ENOENT;
	}
	if (!tok && !rc && *v == 0 && strchr(s, '|') == NULL && !*s)
		rc = -EINVAL;
	free(copy);
	return rc;
}

/* --- JSON values --------------------------------------------------------- */

const char *pj_type_name(json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null: return "null";
	case json_type_boolean: return "a boolean";
	case json_type_double: return "a fraction";
	case json_type_int: return "a number";
	case json_type_object: return "an object";
	case json_type_array: return "an array";
	case json_type_string: return "a string";
	}
	return "?";
}

/* Keys of an object must be among allowed. */
int pj_keys(struct pj_ctx *c, json_object *o, const char *path,
	    const char *const *allowed, size_t n)
{
	char kp[8192], buf[96];
	struct suggest sg;
	size_t i;

	json_object_object_foreach(o, key, val) {
		(void)val;
		for (i = 0; i < n; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (i < n)
			continue;
		suggest_begin(&sg, key);
		for (i = 0; i < n; i++)
			suggest_offer(&sg, allowed[i]);
		PATHF(kp, "%s/%s", path, key);
		return pj_err(c, kp, true, "unknown key '%s'%s", key, pol_dym(&sg, buf, sizeof(buf)));
	}
	return 0;
}

int pj_want(struct pj_ctx *c, json_object *o, const char *path, enum json_type t,
	    const char *what)
{
	if (json_object_get_type(o) == t)
		return 0;
	return pj_err(c, path, false, "%s must be %s, not %s", what,
		      t == json_type_string ? "a string" : t == json_type_object ? "an object" :
		      t == json_type_array ? "an array" : "a number", pj_type_name(o));
}

/* An integer value: a JSON number (range-checked on its text) or a
   string with a number or constant names. */
int pj_int_value(struct pj_ctx *c, json_object *o, const char *path, const char *what,
		 uint64_t *v, bool *neg)
{
	const struct jpos_entry *e;
	char bad[128], buf[96];
	struct suggest sg;
	unsigned int t, i;
	int rc;

	*neg = false;
	if (json_object_is_type(o, json_type_int)) {
		e = jpos_find(&c->pos, path);
		if (!e)
			return pj_err(c, path, false, "%s: cannot find its text", what);
		rc = pol_number(c->pos.text + e->off, e->len, neg, v);
		if (rc == -ERANGE)
			return pj_err(c, path, false, "%s: %.*s does not fit in 64 bits", what,
				      (int)(e->len > 40 ? 40 : e->len), c->pos.text + e->off);
		if (rc)
			return pj_err(c, path, false, "%s must be an integer", what);
		return 0;
	}
	if (json_object_is_type(o, json_type_string)) {
		const char *s = json_object_get_string(o);

		rc = _symbolic(s, v, bad, sizeof(bad));
		if (rc == -ENOENT) {
			suggest_begin(&sg, bad);
			for (t = 0; t < XT_COUNT; t++)
				for (i = 0; i < xlat_tables[t].count; i++)
					suggest_offer(&sg, xlat_tables[t].entries[i].name);
			return pj_err(c, path, false, "%s: unknown constant '%s'%s", what, bad,
				      pol_dym(&sg, buf, sizeof(buf)));
		}
		if (rc)
			return pj_err(c, path, false, "%s: '%s' is not a number or constant", what, s);
		*neg = (int64_t)*v < 0 && s[0] == '-';
		return 0;
	}
	return pj_err(c, path, false, "%s must be a number or a constant name, not %s",
		      what, pj_type_name(o));
}

int pj_errno_of(struct pj_ctx *c, json_object *o, const char *path, const char *what, int *e)
{
	struct suggest sg;
	char buf[96];
	int rc;

	rc = pj_want(c, o, path, json_type_string, what);
	if (rc)
		return rc;
	*e = pol_errno_value(json_object_get_string(o));
	if (*e)
		return 0;
	suggest_begin(&sg, json_object_get_string(o));
	pol_sugg_errno(&sg);
	return pj_err(c, path, false, "unknown errno '%s'%s", json_object_get_string(o),
		      pol_dym(&sg, buf, sizeof(buf)));
}

int pj_errmap(struct pj_ctx *c, json_object *o, const char *path,
	      struct pol_errmap **map, int *n)
{
	char kp[8192];
	struct pol_errmap *m;
	int rc, from, to;
	struct suggest sg;
	char buf[96];

	rc = pj_want(c, o, path, json_type_object, "\"errno_map\"");
	if (rc)
		return rc;
	json_object_object_foreach(o, key, val) {
		PATHF(kp, "%s/%s", path, key);
		from = pol_errno_value(key);
		if (!from) {
			suggest_begin(&sg, key);
			pol_sugg_errno(&sg);
			return pj_err(c, kp, true, "unknown errno '%s'%s", key,
				      pol_dym(&sg, buf, sizeof(buf)));
		}
		rc = pj_errno_of(c, val, kp, "an errno_map value", &to);
		if (rc)
			return rc;
		m = realloc(*map, (*n + 1) * sizeof(*m));
		if (!m)
			return -ENOMEM;
		m[*n].from = from;
		m[*n].to = to;
		*map = m;
		(*n)++;
	}
	return 0;
}

/* An action: "deny" or {"action": "deny", "errno": "EACCES"} (default). */
int pj_action_name(struct pj_ctx *c, json_object *o, const char *path,
		   enum pol_action *a, bool rule)
{
	struct suggest sg;
	char buf[96];
	const char *s;
	unsigned int i;
	int rc;

	rc = pj_want(c, o, path, json_type_string, "an action");
	if (rc)
		return rc;
	s = json_object_get_string(o);
	for (i = 0; i < N(pol_action_names); i++) {
		if (strcmp(s, pol_action_names[i]) == 0) {
			if (!rule && i != PA_ALLOW && i != PA_DENY && i != PA_KILL)
				return pj_err(c, path, false, "the default action must be "
					      "allow, deny or kill, not '%s'", s);
			*a = i;
			return 0;
		}
	}
	suggest_begin(&sg, s);
	for (i = 0; i < N(pol_action_names); i++)
		suggest_offer(&sg, pol_action_names[i]);
	return pj_err(c, path, false, "unknown action '%s'%s", s, pol_dym(&sg, buf, sizeof(buf)));
}
