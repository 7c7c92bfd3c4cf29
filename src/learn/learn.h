/*
 * learn.h - --learn=FILE: the calls a run makes, observed at their entry
 * stops, merged with a policy learned before, and written as the xlat
 * policy that allows exactly them (man/xlat-policy.5, LEARNED POLICIES).
 * The store and the observation are learn.c's, the merge of an earlier
 * FILE merge.c's, the folding and the JSON write.c's.
 */
#ifndef XLAT_LEARN_H
#define XLAT_LEARN_H

#include <stdint.h>
#include <sys/types.h>

#include "policy.h"

struct learn;

/* A new, empty store; NULL when out of memory. */
struct learn *learn_new(void);
void learn_free(struct learn *l);

/* One call at its entry: (abi, id) with its registers, in tid, whose path
   arguments are read and resolved now. */
void learn_observe(struct learn *l, pid_t tid, int abi, int id, const uint64_t args[6]);

/* Add what the learned policy in file allows (a missing file adds
   nothing).  0, or -EINVAL with the message in err. */
int learn_merge(struct learn *l, const char *file, char *err, size_t n);

/* The default action written: deny with EPERM unless changed here (or by
   the merged file).  "deny[:ERRNO]", "kill" or "allow"; 0 or -EINVAL. */
int learn_set_default(struct learn *l, const char *spec, char *err, size_t n);

/* Can file be written (a temporary file made beside it)?  0, or -errno
   with the message in err. */
int learn_can_write(const char *file, char *err, size_t n);

/* Write the policy to file (through a temporary file and a rename): a
   header naming argv, the date and xlat's version, then the rules.
   0, or -errno with the message in err. */
int learn_write(struct learn *l, const char *file, char *const argv[], char *err, size_t n);

#endif
