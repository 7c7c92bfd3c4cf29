/*
 * select.h - which syscalls to record (-e trace=SET).
 */
#ifndef XLAT_SELECT_H
#define XLAT_SELECT_H

#include <stdbool.h>

struct selection {
	bool *ids;		/* by neutral id */
	bool unknown;		/* numbers the tables do not know */
	unsigned int count;	/* ids selected */
};

/* Parse the -e trace= sets (union of all; none given means all).
   On error print a message naming the bad token and return -EINVAL. */
int select_parse(struct selection *sel, const char *const *sets, int nsets);
void select_all(struct selection *sel, bool on);
static inline bool select_has(const struct selection *sel, int id)
{
	return id < 0 ? sel->unknown : sel->ids[id];
}

#endif
