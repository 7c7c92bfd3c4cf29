/*
 * suggest.c - optimal string alignment distance for "did you mean" hints.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"

#define MAXLEN 64

unsigned int suggest_distance(const char *a, const char *b)
{
	unsigned int d[MAXLEN + 1][MAXLEN + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned int v;

	if (la > MAXLEN || lb > MAXLEN)
		return (unsigned int)-1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

void suggest_begin(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->best_dist = (unsigned int)-1;
}

void suggest_offer(struct suggest *s, const char *candidate)
{
	unsigned int d = suggest_distance(s->word, candidate);

	if (d < s->best_dist) {
		s->best_dist = d;
		s->best = candidate;
	}
}

const char *suggest_result(const struct suggest *s)
{
	size_t len = strlen(s->word);

	/* Up to a third of the word may be wrong, and at least one edit. */
	if (s->best && s->best_dist <= (len < 3 ? 1 : len / 3))
		return s->best;
	return NULL;
}
