/*
 * decode/prim.h - the bottom layer of the decoders: the per-call decoding
 * context (struct dctx) and the primitives every decoder builds on.
 *
 * prim.c owns what reads the tracee: argument values, ABI words, pointers
 * and fault markers, structs fetched from tracee memory, strings, byte
 * buffers and iovec arrays of buffers, fds (and the path behind one).
 * names.c owns what turns a number into a name: flags, enums, signals,
 * si_codes, octal modes, file modes, device numbers.
 *
 * Layers, bottom up: trace.h (the JSON builder, the only code that knows
 * JSON syntax) <- these primitives <- the class decoders (classes.h) <- the
 * argument walk (decode.h), which is all the rest of xlat calls.  This
 * header includes nothing of the layers above it.  A class decoder that
 * needs a struct of another family, or a subcall's arguments, asks through
 * c->hooks, which the walk fills: it never calls the walk by name.
 */
#ifndef XLAT_DECODE_PRIM_H
#define XLAT_DECODE_PRIM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace.h"
#include "tables/sysent.h"

struct dctx;

/* What a class decoder may ask of the walk above it.  The walk fills
   c->hooks before it calls a class decoder; NULL (a context nobody walked)
   shows the bare pointer or the raw register instead. */
struct decode_hooks {
	/* A struct of kind st (enum structid) at addr, by its family's
	   decoder; i is the logical argument it belongs to, or -1. */
	void (*structure)(struct dctx *c, int i, int st, uint64_t addr, struct jbuf *b);
	/* Logical argument i of c->se (a subcall's, for i386 socketcall). */
	void (*arg)(struct dctx *c, int i, struct jbuf *b);
};

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
	const struct decode_hooks *hooks;	/* filled by the walk */
};

/* --- prim.c: values and tracee memory ------------------------------------ */

/* The value of logical argument i: one register, or an i386 pair. */
uint64_t decode_value(const struct dctx *c, int i);
static inline bool decode_i386(const struct dctx *c) { return c->abi == ABI_I386; }
static inline unsigned int decode_wordsize(const struct dctx *c) { return c->abi == ABI_I386 ? 4 : 8; }
/* One ABI long (4 bytes on i386) from a struct image. */
int64_t decode_word(const struct dctx *c, const void *p, bool is_signed);
/* A pointer: null for 0, else "0x...". */
void decode_ptr(struct jbuf *b, uint64_t addr);
/* Memory at addr could not be read: {"addr", "fault": true}. */
void decode_fault(struct jbuf *b, uint64_t addr);
/*
 * decode_fetch reads len bytes at addr; when it cannot (addr 0, or
 * unreadable memory) it emits null or the fault marker itself and returns
 * false.  decode_out_ready says whether an output argument can be shown: at
 * the exit stop of a call that succeeded; otherwise it emits the bare
 * pointer and returns false.
 */
bool decode_fetch(struct dctx *c, uint64_t addr, void *buf, size_t len, struct jbuf *b);
bool decode_out_ready(struct dctx *c, uint64_t addr, struct jbuf *b);
/* A NUL-terminated string, cut at -s unless whole is set; a cut marks
   argument i (when i >= 0) in c->truncated. */
void decode_string(struct dctx *c, int i, uint64_t addr, bool whole, struct jbuf *b);
/* len bytes at addr, cut at -s. */
void decode_bytes(struct dctx *c, int i, uint64_t addr, uint64_t len, struct jbuf *b);
/* An iovec array of n entries.  room < 0: the bytes are input (all iov_len
   of each); room >= 0: output, room bytes in all were filled. */
void decode_iovec(struct dctx *c, int i, uint64_t addr, uint64_t n, int64_t room, struct jbuf *b);
/* An fd: its number, or with -y {"fd", "path"}. */
void decode_fd(struct dctx *c, int64_t fd, struct jbuf *b);
/* What /proc/TID/fd/FD names, into target: its length, or -1. */
ssize_t decode_fd_target(const struct dctx *c, int64_t fd, char *target, size_t n);
/* Through c->hooks: a struct of another family, a subcall's argument. */
void decode_substruct(struct dctx *c, int i, int st, uint64_t addr, struct jbuf *b);
void decode_subarg(struct dctx *c, int i, struct jbuf *b);

/* --- names.c: numbers by name -------------------------------------------- */

/* Names of the bits of v in table t, strace style: "O_RDWR|O_CLOEXEC";
   with zero_field false a field whose value is 0 is left out even when it
   has a name (pipe2's O_RDONLY). */
void decode_flags(enum xtab t, uint64_t v, struct jbuf *b);
void decode_flags_ex(enum xtab t, uint64_t v, bool zero_field, struct jbuf *b);
/* The name of v in table t, or the number. */
void decode_enum(enum xtab t, int64_t v, struct jbuf *b);
/* A signal number: "SIGTERM", "SIGRTMIN+3", or the number. */
void decode_signo(int64_t sig, struct jbuf *b);
/* Name of a siginfo si_code for signal sig, or NULL. */
const char *decode_si_code(int sig, int code);
/* Permission bits as octal ("0644"). */
void decode_octal(uint64_t v, struct jbuf *b);
/* A file mode: "S_IFREG|0644". */
void decode_mode(uint32_t mode, struct jbuf *b);
/* A device number: "makedev(0x8, 0x1)". */
void decode_dev(uint64_t dev, struct jbuf *b);

#endif
