/*
 * summary.h - -c: per-syscall count, errors and time, as strace -c.
 */
#ifndef XLAT_SUMMARY_H
#define XLAT_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h"

int summary_init(void);
void summary_add(int id, int abi, bool failed, int64_t dur_us);
/* The table, sorted by total time (then calls), as strace -c prints it. */
void summary_print(FILE *f);
/* The same as a JSON array of objects, for the end record. */
void summary_json(struct jbuf *b);

#endif
