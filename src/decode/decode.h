/*
 * decode/decode.h - the top layer of the decoders: the argument walk, the
 * only part of src/decode/ the rest of xlat calls (loop, main, translators).
 *
 * The walk reads a call's signature (kind of each argument, tables/sysent.h)
 * and reaches the decoder of each kind: primitives (decode/prim.h) for plain
 * kinds, the class decoders (decode/classes.h) for structs and arrays, the
 * latter through a table of struct kinds.  A decoder reads registers and
 * tracee memory and emits structure through the jbuf calls of trace.h; it
 * never writes JSON syntax itself.  Input arguments are decoded at the
 * entry stop (before the kernel or another thread can change the memory),
 * output arguments at the exit stop.
 */
#ifndef XLAT_DECODE_H
#define XLAT_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/prim.h"	/* struct dctx; decode_si_code */
#include "trace.h"
#include "tables/sysent.h"

/* Argument i is read and written by the kernel (select's fd sets, a
   timeout, accept's addrlen, sendfile's offset): decoded at entry into
   "args" and, when the call succeeded, again at exit into "out". */
bool decode_inout(const struct sysent *se, int i);
/* Whether argument i can only be decoded once the call has returned. */
bool decode_at_exit(const struct sysent *se, int i);
/* Emit the value of logical argument i. */
void decode_arg(struct dctx *c, int i, struct jbuf *b);
/* Emit the return value (c->exiting). */
void decode_ret(struct dctx *c, struct jbuf *b);
/* With -y, after "ret": "ret_path", the path behind a returned fd. */
void decode_ret_path(struct dctx *c, struct jbuf *b);
/* Emit raw register values for a call the tables do not know. */
void decode_raw_args(const uint64_t *args, struct jbuf *b);
/* The fields of a wait status in the current object: "code", or
   "signal" and "core" for a death by a signal. */
void decode_exit_status(struct jbuf *b, int status);

#endif
