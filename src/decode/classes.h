/*
 * decode/classes.h - the middle layer of the decoders: one file per family
 * of structs and arrays (stat.c, time.c, signal.c, net.c, io.c, process.c,
 * ioctl.c, mem.c), each a reader of the kernel's layouts per ABI.
 *
 * Only the walk (decode/decode.c) includes this header.  A class decoder
 * includes decode/prim.h and no other decode header: it uses primitives,
 * never another family's decoder nor the walk; where it needs a struct of
 * another family (a timeval inside a sel_arg_struct) or a subcall's
 * arguments (socketcall) it goes through decode_substruct/decode_subarg,
 * the walk's hooks.
 *
 * The struct decoders are reached through the walk's table of struct kinds
 * (ST_* -> decoder, in decode.c): a new struct needs a decoder here and one
 * line there.
 */
#ifndef XLAT_DECODE_CLASSES_H
#define XLAT_DECODE_CLASSES_H

#include "decode/prim.h"

/* stat.c */
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
void decode_pselect6_sig(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_sigevent(struct dctx *c, uint64_t addr, struct jbuf *b);
/* net.c */
void decode_sockaddr(struct dctx *c, uint64_t addr, uint64_t len, struct jbuf *b);
void decode_msghdr(struct dctx *c, int i, uint64_t addr, bool out, struct jbuf *b);
void decode_mmsghdr(struct dctx *c, int i, uint64_t addr, uint64_t n, bool out, struct jbuf *b);
void decode_socketcall(struct dctx *c, int i, struct jbuf *b);
/* io.c */
void decode_pollfd(struct dctx *c, uint64_t addr, uint64_t n, struct jbuf *b);
void decode_fdset(struct dctx *c, uint64_t addr, int64_t nfds, struct jbuf *b);
void decode_epoll_events(struct dctx *c, uint64_t addr, uint64_t n, struct jbuf *b);
void decode_fdpair(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_fcntlarg(struct dctx *c, int i, struct jbuf *b);
void decode_sel_arg(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_open_how(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_file_handle(struct dctx *c, int i, uint64_t addr, struct jbuf *b);
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
void decode_sched_attr(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_cap_data(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_mq_attr(struct dctx *c, uint64_t addr, struct jbuf *b);
/* mem.c */
void decode_mmap_arg(struct dctx *c, uint64_t addr, struct jbuf *b);
/* ioctl.c */
void decode_ioctl_cmd(struct dctx *c, uint32_t req, struct jbuf *b);
void decode_ioctlarg(struct dctx *c, int i, struct jbuf *b);

/* Linux 6.6-6.17: xattr_args (io.c), mnt_id_req and the statmount
   header (io.c), file_attr (stat.c). */
void decode_xattr_args(struct dctx *c, int i, uint64_t addr, struct jbuf *b);
void decode_mnt_id_req(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_statmount(struct dctx *c, uint64_t addr, struct jbuf *b);
void decode_file_attr(struct dctx *c, uint64_t addr, struct jbuf *b);

#endif
