/*
 * json.h - what the policy's parser (parse.c) takes from json.c: the
 * context of one parse and the readers of JSON values that fail with
 * "FILE:LINE:COL: message".  Internal to src/policy/.
 */
#ifndef XLAT_POLICY_JSON_H
#define XLAT_POLICY_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "internal.h"
#include "jpos.h"

struct pj_ctx {
	struct policy *p;
	const char *file;
	struct jpos pos;
};

/* Set p->err to "FILE:LINE:COL: message" for the value at path (or its
   key, when at_key); -EINVAL. */
int __attribute__((format(printf, 4, 5)))
pj_err(struct pj_ctx *c, const char *path, bool at_key, const char *fmt, ...);

/* "a string", "an object", ...: the type of o, for messages. */
const char *pj_type_name(json_object *o);
/* Keys of an object must be among allowed (n of them). */
int pj_keys(struct pj_ctx *c, json_object *o, const char *path,
	    const char *const *allowed, size_t n);
/* o must be of type t; what names it in the message. */
int pj_want(struct pj_ctx *c, json_object *o, const char *path, enum json_type t,
	    const char *what);
/* An integer value: a JSON number (range-checked on its text) or a
   string with a number or constant names. */
int pj_int_value(struct pj_ctx *c, json_object *o, const char *path, const char *what,
		 uint64_t *v, bool *neg);
/* An errno by name. */
int pj_errno_of(struct pj_ctx *c, json_object *o, const char *path, const char *what, int *e);
/* An errno map {"FROM": "TO", ...} appended to *map (*n entries). */
int pj_errmap(struct pj_ctx *c, json_object *o, const char *path,
	      struct pol_errmap **map, int *n);
/* An action: "deny" or {"action": "deny", "errno": "EACCES"} (default);
   the default action (rule false) is allow, deny or kill. */
int pj_action_name(struct pj_ctx *c, json_object *o, const char *path,
		   enum pol_action *a, bool rule);

#endif
