/*
 * shorthand.c - the command-line shorthands (--deny, --kill, --return,
 * --map-errno, --default, --uname, --fake-root*) turned into rules and
 * settings of the policy, with messages that name the option.  It builds
 * on the rule model only.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "suggest.h"

static int _sh_err(struct policy *p, const char *opt, const char *arg, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(p->err, sizeof(p->err), "%s=%s: ", opt, arg);
	va_start(ap, fmt);
	vsnprintf(p->err + n, sizeof(p->err) - n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* SET: comma-separated selectors into a new rule. */
static int _sh_rule(struct policy *p, const char *opt, const char *arg, const char *set,
		    enum pol_action a)
{
	struct pol_rule *r = pol_new_rule(p);
	char *copy, *tok, *save, buf[96];
	struct suggest sg;
	int rc = 0;

	if (!r || !(copy = strdup(set)))
		return -ENOMEM;
	r->action = a;
	if (!*set)
		rc = _sh_err(p, opt, arg, "empty set");
	for (tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "all") == 0)
			tok = "*";
		if (pol_select(tok, r->ids, r->named, &sg))
			rc = _sh_err(p, opt, arg, "unknown %s '%s'%s",
				     tok[0] == '%' ? "class" : "syscall", tok,
				     pol_dym(&sg, buf, sizeof(buf)));
	}
	free(copy);
	return rc;
}

static int _sh_errno(struct policy *p, const char *opt, const char *arg, const char *name, int *e)
{
	struct suggest sg;
	char buf[96];

	*e = pol_errno_value(name);
	if (*e)
		return 0;
	suggest_begin(&sg, name);
	pol_sugg_errno(&sg);
	return _sh_err(p, opt, arg, "unknown errno '%s'%s", name, pol_dym(&sg, buf, sizeof(buf)));
}

int policy_shorthand(struct policy *p, const char *opt, const char *arg)
{
	char *copy = strdup(arg), *colon, *eq;
	struct pol_errmap *m;
	uint64_t v;
	bool neg;
	int rc = 0, e, to;
	unsigned int i;

	if (!copy)
		return -ENOMEM;
	colon = strrchr(copy, ':');
	if (strcmp(opt, "--deny") == 0) {
		if (colon)
			*colon = '\0';
		rc = _sh_rule(p, opt, arg, copy, PA_DENY);
		if (!rc && colon)
			rc = _sh_errno(p, opt, arg, colon + 1, &p->rules[p->nrules - 1].err);
	} else if (strcmp(opt, "--kill") == 0) {
		rc = _sh_rule(p, opt, arg, copy, PA_KILL);
	} else if (strcmp(opt, "--return") == 0) {
		if (!colon) {
			rc = _sh_err(p, opt, arg, "needs SET:VALUE");
			goto out;
		}
		*colon = '\0';
		rc = pol_number(colon + 1, strlen(colon + 1), &neg, &v);
		if (rc || (!neg && v > INT64_MAX)) {
			rc = _sh_err(p, opt, arg, "'%s' is not a 64-bit integer", colon + 1);
			goto out;
		}
		rc = _sh_rule(p, opt, arg, copy, PA_RETURN);
		if (!rc)
			p->rules[p->nrules - 1].value = (int64_t)v;
	} else if (strcmp(opt, "--map-errno") == 0) {
		if (!colon) {
			rc = _sh_err(p, opt, arg, "needs FROM:TO");
			goto out;
		}
		*colon = '\0';
		rc = _sh_errno(p, opt, arg, copy, &e);
		if (!rc)
			rc = _sh_errno(p, opt, arg, colon + 1, &to);
		if (rc)
			goto out;
		m = realloc(p->map, (p->nmap + 1) * sizeof(*m));
		if (!m) {
			rc = -ENOMEM;
			goto out;
		}
		p->map = m;
		m[p->nmap].from = e;
		m[p->nmap++].to = to;
	} else if (strcmp(opt, "--default") == 0) {
		if (colon)
			*colon = '\0';
		if (strcmp(copy, "allow") == 0)
			p->def = PA_ALLOW;
		else if (strcmp(copy, "deny") == 0)
			p->def = PA_DENY;
		else if (strcmp(copy, "kill") == 0)
			p->def = PA_KILL;
		else
			rc = _sh_err(p, opt, arg, "the default action is allow, deny[:ERRNO] or kill");
		p->def_err = EPERM;
		if (!rc && colon) {
			if (p->def != PA_DENY)
				rc = _sh_err(p, opt, arg, "an errno goes with deny only");
			else
				rc = _sh_errno(p, opt, arg, colon + 1, &p->def_err);
		}
	} else if (strcmp(opt, "--uname") == 0) {
		eq = strchr(copy, '=');
		if (!eq) {
			rc = _sh_err(p, opt, arg, "needs FIELD=VALUE");
			goto out;
		}
		*eq = '\0';
		for (i = 0; i < UTS_FIELDS; i++)
			if (strcmp(copy, pol_uts_names[i]) == 0)
				break;
		if (i == UTS_FIELDS) {
			rc = _sh_err(p, opt, arg, "unknown field '%s' (sysname, nodename, "
				     "release, version, machine, domainname)", copy);
			goto out;
		}
		if (strlen(eq + 1) > 64) {
			rc = _sh_err(p, opt, arg, "a uname field has at most 64 bytes");
			goto out;
		}
		free(p->uts[i]);
		p->uts[i] = strdup(eq + 1);
		if (!p->uts[i])
			rc = -ENOMEM;
	} else if (strcmp(opt, "--fake-root") == 0) {
		p->fake_root = true;
	} else if (strcmp(opt, "--fake-root-load") == 0 || strcmp(opt, "--fake-root-save") == 0) {
		char **file = strcmp(opt, "--fake-root-load") == 0 ?
			      &p->fake_root_load : &p->fake_root_save;

		if (!*arg) {
			rc = _sh_err(p, opt, arg, "needs a FILE");
			goto out;
		}
		free(*file);
		*file = copy;
		copy = NULL;
		p->fake_root = true;
	} else {
		rc = -EINVAL;
	}
out:
	free(copy);
	return rc;
}
