/*
 * decode/decode.h - argument decoders by kind (fd, path, flags, struct, ...).
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
/* Argument i is read and written by the kernel (select's fd sets, a
   timeout, accept's addrlen, sendfile's offset): decoded at entry into
   "args" and, when the call succeeded, again at exit into "out". */
bool decode_inout(const struct sysent *se, int i);
bool decode_at_exit(const struct sysent *se, int i);
/* Emit the value of logical argument i. */
void decode_arg(struct dctx *c, int i, struct jbuf *b);
/* Emit the return value (c->exiting). */
/* With -y, after "ret": "ret_path", the path behind a returned fd. */
void decode_ret_path(struct dctx *c, struct jbuf *b);
void decode_ret(struct dctx *c, struct jbuf *b);
/* Emit raw register values for a call the tables do not know. */
void decode_raw_args(const uint64_t *args, struct jbuf *b);
/* The fields of a wait status in the current object: "code", or
   "signal" and "core" for a death by a signal. */
void decode_exit_status(struct jbuf *b, int status);
/* Name of a siginfo si_code for signal sig, or NULL. */
const char *decode_si_code(int sig, int code);

/* Building blocks for the decoders of each family. */
uint64_t decode_value(const struct dctx *c, int i);
void decode_ptr(struct jbuf *b, uint64_t addr);
void decode_fault(struct jbuf *b, uint64_t addr);
void decode_string(struct dctx *c, int i, uint64_t addr, bool whole, struct jbuf *b);
void decode_bytes(struct dctx *c, int i, uint64_t addr, uint64_t len, struct jbuf *b);
void decode_flags(enum xtab t, uint64_t v, struct jbuf *b);
void decode_flags_ex(enum xtab t, uint64_t v, bool zero_field, struct jbuf *b);
void decode_enum(enum xtab t, int64_t v, struct jbuf *b);
void decode_signo(int64_t sig, struct jbuf *b);

/*
 * Shared by the family decoders (src/decode/).  decode_fetch reads len bytes
 * at addr; when it cannot (addr 0, or unreadable memory) it emits null or the
 * fault marker itself and returns false.  decode_long reads one ABI long
 * (4 bytes on i386) from a struct image.  decode_out_ready says whether an
 * output argument can be shown: at the exit stop of a call that succeeded;
 * otherwise it emits the bare pointer and returns false.
 */
bool decode_fetch(struct dctx *c, uint64_t addr, void *buf, size_t len, struct jbuf *b);
bool decode_out_ready(struct dctx *c, uint64_t addr, struct jbuf *b);
static inline bool decode_i386(const struct dctx *c) { return c->abi == ABI_I386; }
static inline unsigned int decode_wordsize(const struct dctx *c) { return c->abi == ABI_I386 ? 4 : 8; }
int64_t decode_word(const struct dctx *c, const void *p, bool is_signed);
void decode_struct(struct dctx *c, int i, int st, uint64_t addr, struct jbuf *b);
void decode_fd(struct dctx *c, int64_t fd, struct jbuf *b);
void decode_octal(uint64_t v, struct jbuf *b);

/* stat.c */
void decode_mode(uint32_t mode, struct jbuf *b);
void decode_dev(uint64_t dev, struct jbuf *b);
void decode_stat(struct dctx *c, int st, uint64_t addr, struct jbuf *b);
void decode_statx(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_statfs(struct dctx *c, int st, uint64_t addr, struct jbuf *b);
void decode_dirents(struct dctx *c, uint64_t addr, bool is64, struct jbuf *b);
/* time.c */
void decode_clockid(int32_t id, struct jbuf *b);
void decode_time(struct dctx *c, int st, uint64_t addr, struct jbuf *b);
void decode_rusage(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_sysinfo(struct dctx *c, uint64_t addr, struct jbuf *b);
/* signal.c */
void decode_sigset(struct dctx *c, uint64_t addr, uint64_t size, struct jbuf *b);
void decode_sigaction(struct dctx *c, int st, uint64_t addr, struct jbuf *b);
void decode_siginfo(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_sigaltstack(struct dctx *c, uint64_t addr, struct jbuf *b);
/* net.c */
void decode_sockaddr(struct dctx *c, uint64_t addr, uint64_t len, struct jbuf *b);
void decode_msghdr(struct dctx *c, int i, uint64_t addr, bool out, struct jbuf *b);
void decode_mmsghdr(struct dctx *c, int i, uint64_t addr, uint64_t n, bool out, struct jbuf *b);
void decode_socketcall(struct dctx *c, int i, struct jbuf *b);
/* io.c */
void decode_iovec(struct dctx *c, int i, uint64_t addr, uint64_t n, int64_t room, struct jbuf *b);
void decode_pollfd(struct dctx *c, uint64_t addr, uint64_t n, struct jbuf *b);
void decode_fdset(struct dctx *c, uint64_t addr, int64_t nfds, struct jbuf *b);
void decode_epoll_events(struct dctx *c, uint64_t addr, uint64_t n, struct jbuf *b);
void decode_fdpair(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_fcntlarg(struct dctx *c, int i, struct jbuf *b);
/* process.c */
void decode_waitstatus(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_clone_args(struct dctx *c, uint64_t addr, uint64_t size, struct jbuf *b);
void decode_rlimit(struct dctx *c, int st, uint64_t addr, struct jbuf *b);
void decode_utsname(struct dctx *c, int st, uint64_t addr, struct jbuf *b);
void decode_futexarg(struct dctx *c, int i, struct jbuf *b);
void decode_ipc(struct dctx *c, int i, struct jbuf *b);
void decode_user_desc(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_sched_param(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_cap_header(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_open_how(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_pselect6_sig(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_sigevent(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_sched_attr(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_cap_data(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_mq_attr(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_file_handle(struct dctx *c, int i, uint64_t addr, struct jbuf *b);
/* mem.c */
void decode_mmap_arg(struct dctx *c, uint64_t addr, struct jbuf *b);
/* io.c (i386 old select) */
void decode_sel_arg(struct dctx *c, uint64_t addr, struct jbuf *b);
/* ioctl.c */
void decode_ioctl_cmd(struct dctx *c, uint32_t req, struct jbuf *b);
void decode_ioctlarg(struct dctx *c, int i, struct jbuf *b);

#endif
