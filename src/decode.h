/*
 * decode.h - argument decoders by kind (fd, path, flags, struct, ...).
 *
 * A decoder reads registers and tracee memory and emits structure through
 * the jbuf calls of trace.h; it never writes JSON syntax itself.  Input
 * arguments are decoded at the entry stop (before the kernel or another
 * thread can change the memory), output arguments at the exit stop.
 */
#ifndef XLAT_DECODE_H
#define XLAT_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace.h"
#include "tables/sysent.h"

struct dctx {
	pid_t tid;
	int abi;			/* enum abi */
	const struct sysent *se;
	const uint64_t *args;		/* raw registers by argument register */
	bool exiting;			/* at the exit stop: rval is valid */
	int64_t rval;
	bool is_error;
	unsigned int strlimit;		/* -s */
	bool decode_fds;		/* -y */
	uint8_t *truncated;		/* bit i: argument i was cut at -s */
};

/* Whether argument i can only be decoded once the call has returned. */
bool decode_at_exit(const struct sysent *se, int i);
/* Emit the value of logical argument i. */
void decode_arg(struct dctx *c, int i, struct jbuf *b);
/* Emit the return value (c->exiting). */
void decode_ret(struct dctx *c, struct jbuf *b);
/* Emit raw register values for a call the tables do not know. */
void decode_raw_args(const uint64_t *args, struct jbuf *b);
/* Name of a siginfo si_code for signal sig, or NULL. */
const char *decode_si_code(int sig, int code);

/* Building blocks for the decoders of each family. */
uint64_t decode_value(const struct dctx *c, int i);
void decode_ptr(struct jbuf *b, uint64_t addr);
void decode_fault(struct jbuf *b, uint64_t addr);
void decode_string(struct dctx *c, int i, uint64_t addr, bool whole, struct jbuf *b);
void decode_bytes(struct dctx *c, int i, uint64_t addr, uint64_t len, struct jbuf *b);
void decode_flags(enum xtab t, uint64_t v, struct jbuf *b);
void decode_enum(enum xtab t, int64_t v, struct jbuf *b);
void decode_signo(int64_t sig, struct jbuf *b);

#endif
