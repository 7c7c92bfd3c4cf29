/*
 * select.c - the -e trace=SET language: names, %classes, /regex, all,
 * none, and a leading ! that negates the set; several sets are joined.
 */
#include "config.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"
#include "suggest.h"
#include "tables/sysent.h"

void select_all(struct selection *sel, bool on)
{
	unsigned int i;

	for (i = 0; i < sysent_count; i++)
		sel->ids[i] = on;
	sel->unknown = on;
}

/* Mark the ids one token names in set[]; 0 or -EINVAL. */
static int _token(bool *set, bool *unknown, const char *tok, const char *whole)
{
	unsigned int i, n = 0;
	uint32_t cls;
	struct suggest sg;
	regex_t re;

	if (strcmp(tok, "all") == 0) {
		for (i = 0; i < sysent_count; i++)
			set[i] = true;
		*unknown = true;
		return 0;
	}
	if (strcmp(tok, "none") == 0)
		return 0;
	if (tok[0] == '%') {
		cls = sysclass_parse(tok + 1);
		if (!cls) {
			fprintf(stderr, "xlat: -e trace=%s: unknown class '%s' "
				"(classes: %%file %%desc %%network %%process %%memory "
				"%%signal %%ipc %%creds %%clock %%stat %%lstat %%fstat "
				"%%statfs %%fstatfs %%pure)\n", whole, tok);
			return -EINVAL;
		}
		for (i = 0; i < sysent_count; i++)
			if (sysent_table[i].classes & cls)
				set[i] = true;
		return 0;
	}
	if (tok[0] == '/') {
		if (regcomp(&re, tok + 1, REG_EXTENDED | REG_NOSUB) != 0) {
			fprintf(stderr, "xlat: -e trace=%s: bad regular expression '%s'\n",
				whole, tok + 1);
			return -EINVAL;
		}
		for (i = 0; i < sysent_count; i++)
			if (regexec(&re, sysent_table[i].name, 0, NULL, 0) == 0)
				set[i] = true;
		regfree(&re);
		return 0;
	}
	for (i = 0; i < sysent_count; i++) {
		if (strcmp(sysent_table[i].name, tok) == 0) {
			set[i] = true;
			n++;
		}
	}
	if (n)
		return 0;
	suggest_begin(&sg, tok);
	for (i = 0; i < sysent_count; i++)
		suggest_offer(&sg, sysent_table[i].name);
	if (suggest_result(&sg))
		fprintf(stderr, "xlat: -e trace=%s: unknown syscall '%s' "
			"(did you mean %s?)\n", whole, tok, suggest_result(&sg));
	else
		fprintf(stderr, "xlat: -e trace=%s: unknown syscall '%s'\n", whole, tok);
	return -EINVAL;
}

static int _one_set(struct selection *sel, const char *spec)
{
	bool negate = false, unknown = false, *set;
	char *copy, *tok, *save;
	unsigned int i;
	int rc = 0;

	set = calloc(sysent_count ? sysent_count : 1, sizeof(*set));
	copy = strdup(spec);
	if (!set || !copy) {
		free(set);
		free(copy);
		return -ENOMEM;
	}
	tok = copy;
	if (*tok == '!') {
		negate = true;
		tok++;
	}
	if (*tok == '\0') {
		fprintf(stderr, "xlat: -e trace=%s: empty set\n", spec);
		rc = -EINVAL;
	}
	for (tok = strtok_r(tok, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save))
		rc = _token(set, &unknown, tok, spec);
	if (!rc) {
		for (i = 0; i < sysent_count; i++)
			if (set[i] != negate)
				sel->ids[i] = true;
		if (unknown != negate)
			sel->unknown = true;
	}
	free(set);
	free(copy);
	return rc;
}

int select_parse(struct selection *sel, const char *const *sets, int nsets)
{
	unsigned int i;
	int k, rc;

	sel->ids = calloc(sysent_count ? sysent_count : 1, sizeof(*sel->ids));
	if (!sel->ids)
		return -ENOMEM;
	if (nsets == 0)
		select_all(sel, true);
	for (k = 0; k < nsets; k++) {
		rc = _one_set(sel, sets[k]);
		if (rc)
			return rc;
	}
	sel->count = 0;
	for (i = 0; i < sysent_count; i++)
		sel->count += sel->ids[i];
	return 0;
}
