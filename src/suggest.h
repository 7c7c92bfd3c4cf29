/*
 * suggest.h - "did you mean": the nearest known name to a misspelt one.
 */
#ifndef XLAT_SUGGEST_H
#define XLAT_SUGGEST_H

#include <stddef.h>

/* Edit distance (insert, delete, substitute, swap) between a and b. */
unsigned int suggest_distance(const char *a, const char *b);

/* A running search: feed candidates, read the best one. */
struct suggest {
	const char *word;
	const char *best;
	unsigned int best_dist;
};
void suggest_begin(struct suggest *s, const char *word);
void suggest_offer(struct suggest *s, const char *candidate);
/* The best candidate if it is close enough to be worth naming, else NULL. */
const char *suggest_result(const struct suggest *s);

#endif
