/*
 * decode/io.c - descriptors and I/O: pollfd arrays, fd_set,
 * epoll_event, the fd pair of pipe/socketpair, fcntl's third argument
 * by command, the i386 old select's sel_arg_struct, open_how and
 * file_handle.  iovec arrays are primitives (prim.c).
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h) and, for the timeval of sel_arg_struct,
 * decode_substruct, never another family's decoder nor the walk.
 */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "decode/prim.h"
#include "mem.h"

#define POLL_MAX_SHOWN 64

void decode_pollfd(struct dctx *c, uint64_t addr, uint64_t n, struct jbuf *b)
{
	struct pollfd p;
	uint64_t k;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (n > 0 && mem_read(c->tid, addr, &p, sizeof(p)) < 0) {
		decode_fault(b, addr);
		return;
	}
	jb_arr_begin(b);
	for (k = 0; k < n && k < POLL_MAX_SHOWN; k++) {
		if (mem_read(c->tid, addr + k * sizeof(p), &p, sizeof(p)) < 0)
			break;
		jb_obj_begin(b);
		jb_key(b, "fd");
		decode_fd(c, p.fd, b);
		jb_key(b, "events");
		decode_flags(XT_poll, (uint16_t)p.events, b);
		if (c->exiting && !c->is_error) {
			jb_key(b, "revents");
			decode_flags(XT_poll, (uint16_t)p.revents, b);
		}
		jb_obj_end(b);
	}
	jb_arr_end(b);
}

/* fd_set of nfds bits, shown as the array of fds set. */
void decode_fdset(struct dctx *c, uint64_t addr, int64_t nfds, struct jbuf *b)
{
	uint8_t set[128];
	size_t len;
	int64_t k;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (nfds < 0 || nfds > 1024) {
		decode_ptr(b, addr);
		return;
	}
	/* The kernel reads whole longs. */
	len = ((nfds + 63) / 64) * 8;
	if (len == 0) {
		jb_arr_begin(b);
		jb_arr_end(b);
		return;
	}
	if (!decode_fetch(c, addr, set, len, b))
		return;
	jb_arr_begin(b);
	for (k = 0; k < nfds; k++)
		if (set[k / 8] & (1u << (k % 8)))
			jb_int(b, k);
	jb_arr_end(b);
}

/* struct epoll_event is packed on x86_64 and 12 bytes on both ABIs.
   n == -1: one struct (epoll_ctl). */
void decode_epoll_events(struct dctx *c, uint64_t addr, uint64_t n, struct jbuf *b)
{
	uint8_t e[12];
	uint32_t events;
	uint64_t data, k, count = n == (uint64_t)-1 ? 1 : n;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (count > 0 && mem_read(c->tid, addr, e, 12) < 0) {
		decode_fault(b, addr);
		return;
	}
	if (n != (uint64_t)-1)
		jb_arr_begin(b);
	for (k = 0; k < count && k < POLL_MAX_SHOWN; k++) {
		if (mem_read(c->tid, addr + k * 12, e, 12) < 0)
			break;
		memcpy(&events, e, 4);
		memcpy(&data, e + 4, 8);
		jb_obj_begin(b);
		jb_key(b, "events");
		decode_flags(XT_epoll, events, b);
		jb_key(b, "data");
		jb_hex(b, data);
		jb_obj_end(b);
	}
	if (n != (uint64_t)-1)
		jb_arr_end(b);
}

void decode_fdpair(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	int32_t fds[2];

	if (!decode_fetch(c, addr, fds, sizeof(fds), b))
		return;
	jb_arr_begin(b);
	decode_fd(c, fds[0], b);
	decode_fd(c, fds[1], b);
	jb_arr_end(b);
}

/* struct flock (32-bit off_t on i386 fcntl) or flock64 (F_*LK64, OFD). */
static void _flock(struct dctx *c, uint64_t addr, bool is64, struct jbuf *b)
{
	uint8_t raw[32];
	int16_t type, whence;
	int64_t start, len;
	int32_t pid;
	const char *name;

	if (!decode_fetch(c, addr, raw, is64 ? 24 : 16, b))
		return;
	memcpy(&type, raw, 2);
	memcpy(&whence, raw + 2, 2);
	if (is64 && decode_i386(c)) {	/* packed: 2+2+8+8+4 */
		memcpy(&start, raw + 4, 8);
		memcpy(&len, raw + 12, 8);
		memcpy(&pid, raw + 20, 4);
	} else if (is64 || !decode_i386(c)) {
		memcpy(&start, raw + 8, 8);
		memcpy(&len, raw + 16, 8);
		memcpy(&pid, raw + 24, 4);
	} else {
		int32_t s32, l32;

		memcpy(&s32, raw + 4, 4);
		memcpy(&l32, raw + 8, 4);
		memcpy(&pid, raw + 12, 4);
		start = s32;
		len = l32;
	}
	jb_obj_begin(b);
	jb_key(b, "l_type");
	name = xlat_name(XT_lock_type, (uint64_t)(int64_t)type);
	if (name)
		jb_str(b, name);
	else
		jb_int(b, type);
	jb_key(b, "l_whence");
	decode_enum(XT_whence, whence, b);
	jb_key(b, "l_start");
	jb_int(b, start);
	jb_key(b, "l_len");
	jb_int(b, len);
	jb_key(b, "l_pid");
	jb_int(b, pid);
	jb_obj_end(b);
}

void decode_fcntlarg(struct dctx *c, int i, struct jbuf *b)
{
	int32_t cmd = (int32_t)decode_value(c, i - 1);
	uint64_t v = decode_value(c, i);

	if (decode_i386(c))
		v = (uint32_t)v;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		decode_fd(c, (int32_t)v, b);
		break;
	case F_SETFD:
		decode_flags(XT_fd, (uint32_t)v, b);
		break;
	case F_SETFL:
		decode_flags(XT_open, (uint32_t)v, b);
		break;
	case F_SETSIG:
		decode_signo((int32_t)v, b);
		break;
	case F_SETLEASE:
		decode_enum(XT_lock_type, (int32_t)v, b);
		break;
	case F_NOTIFY:
		decode_flags(XT_dnotify, (uint32_t)v, b);
		break;
#ifdef F_ADD_SEALS
	case F_ADD_SEALS:
		decode_flags(XT_seals, (uint32_t)v, b);
		break;
#endif
	case F_GETLK: case F_SETLK: case F_SETLKW:
		/* On x86_64 these are the 64-bit forms; on i386 12..14 are
		   F_GETLK64.. and 5..7 the 32-bit ones. */
		_flock(c, v, !decode_i386(c), b);
		break;
	case 12: case 13: case 14:	/* F_GETLK64, F_SETLK64, F_SETLKW64 (i386) */
		if (decode_i386(c))
			_flock(c, v, true, b);
		else
			jb_hex(b, v);
		break;
#ifdef F_OFD_GETLK
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		_flock(c, v, true, b);
		break;
#endif
	case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG:
	case F_GETLEASE:
#ifdef F_GETPIPE_SZ
	case F_GETPIPE_SZ:
#endif
#ifdef F_GET_SEALS
	case F_GET_SEALS:
#endif
		/* No argument: the register holds whatever was there. */
		jb_null(b);
		break;
	default:
		jb_int(b, (int32_t)v);
	}
}

/* The i386 old select (82): one struct sel_arg_struct { u32 n; fd_set
   *inp, *outp, *exp; struct timeval *tvp; }.  The sets are shown as the
   kernel left them (this is decoded at entry, so as the caller set them). */
void decode_sel_arg(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	static const char *const names[3] = { "inp", "outp", "exp" };
	uint32_t a[5];
	unsigned int k;

	if (!decode_fetch(c, addr, a, sizeof(a), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "n");
	jb_int(b, (int32_t)a[0]);
	for (k = 0; k < 3; k++) {
		jb_key(b, names[k]);
		decode_fdset(c, a[1 + k], (int32_t)a[0], b);
	}
	jb_key(b, "tvp");
	if (a[4])
		decode_substruct(c, -1, ST_timeval, a[4], b);
	else
		jb_null(b);
	jb_obj_end(b);
}

/* struct open_how { u64 flags, mode, resolve; } (openat2) */
void decode_open_how(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint64_t h[3];

	if (!decode_fetch(c, addr, h, sizeof(h), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "flags");
	decode_flags(XT_open, h[0], b);
	jb_key(b, "mode");
	decode_octal(h[1], b);
	jb_key(b, "resolve");
	jb_hex(b, h[2]);
	jb_obj_end(b);
}

/* struct file_handle { u32 handle_bytes; int handle_type; u8 f_handle[]; } */
void decode_file_handle(struct dctx *c, int i, uint64_t addr, struct jbuf *b)
{
	uint32_t h[2];

	if (!decode_fetch(c, addr, h, sizeof(h), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "handle_bytes");
	jb_uint(b, h[0]);
	jb_key(b, "handle_type");
	jb_int(b, (int32_t)h[1]);
	if (c->exiting && !c->is_error && h[0] <= 128) {
		uint8_t f[128];

		if (mem_read(c->tid, addr + 8, f, h[0]) == 0) {
			char hex[257];
			unsigned int k;

			for (k = 0; k < h[0]; k++) {
				hex[2 * k] = "0123456789abcdef"[f[k] >> 4];
				hex[2 * k + 1] = "0123456789abcdef"[f[k] & 15];
			}
			hex[2 * h[0]] = '\0';
			jb_key(b, "f_handle");
			jb_str(b, hex);
		}
	}
	(void)i;
	jb_obj_end(b);
}

/* struct xattr_args { u64 value; u32 size; u32 flags; } of setxattrat and
   getxattrat: setxattrat's value bytes are read by the kernel (shown),
   getxattrat's buffer is only filled (its address is shown). */
void decode_xattr_args(struct dctx *c, int i, uint64_t addr, struct jbuf *b)
{
	uint64_t h[2];

	if (!decode_fetch(c, addr, h, sizeof(h), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "value");
	if (strcmp(c->se->name, "setxattrat") == 0 && h[0] != 0)
		decode_bytes(c, i, h[0], (uint32_t)h[1], b);
	else
		decode_ptr(b, h[0]);
	jb_key(b, "size");
	jb_uint(b, (uint32_t)h[1]);
	jb_key(b, "flags");
	decode_flags(XT_xattr, h[1] >> 32, b);
	jb_obj_end(b);
}

/* struct mnt_id_req { u32 size; u32 mnt_ns_fd; u64 mnt_id; u64 param;
   u64 mnt_ns_id (size >= 32); } of statmount and listmount: param is the
   STATMOUNT_* mask of statmount, the last id seen by listmount. */
void decode_mnt_id_req(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint64_t h[4] = { 0 };
	uint32_t size;

	if (!decode_fetch(c, addr, h, 24, b))
		return;
	size = (uint32_t)h[0];
	if (size >= 32 && mem_read(c->tid, addr + 24, &h[3], 8) < 0)
		size = 24;
	jb_obj_begin(b);
	jb_key(b, "size");
	jb_uint(b, size);
	jb_key(b, "mnt_id");
	if (h[1] == UINT64_MAX)
		jb_str(b, "LSMT_ROOT");
	else
		jb_uint(b, h[1]);
	jb_key(b, "param");
	if (strcmp(c->se->name, "statmount") == 0)
		decode_flags(XT_statmount_mask, h[2], b);
	else
		jb_uint(b, h[2]);
	if (size >= 32) {
		jb_key(b, "mnt_ns_id");
		jb_uint(b, h[3]);
	}
	jb_obj_end(b);
}

/* The fixed header of struct statmount (linux/mount.h): the fields the
   returned mask says are filled.  The strings after it are not shown. */
void decode_statmount(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	struct {
		uint32_t size, mnt_opts;
		uint64_t mask;
		uint32_t sb_dev_major, sb_dev_minor;
		uint64_t sb_magic;
		uint32_t sb_flags, fs_type;
		uint64_t mnt_id, mnt_parent_id;
		uint32_t mnt_id_old, mnt_parent_id_old;
		uint64_t mnt_attr, mnt_propagation, mnt_peer_group, mnt_master;
	} s;

	if (!decode_fetch(c, addr, &s, sizeof(s), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "size");
	jb_uint(b, s.size);
	jb_key(b, "mask");
	decode_flags(XT_statmount_mask, s.mask, b);
	if (s.mask & 0x1) {	/* STATMOUNT_SB_BASIC */
		jb_key(b, "sb_dev_major");
		jb_uint(b, s.sb_dev_major);
		jb_key(b, "sb_dev_minor");
		jb_uint(b, s.sb_dev_minor);
		jb_key(b, "sb_magic");
		jb_hex(b, s.sb_magic);
		jb_key(b, "sb_flags");
		jb_hex(b, s.sb_flags);
	}
	if (s.mask & 0x2) {	/* STATMOUNT_MNT_BASIC */
		jb_key(b, "mnt_id");
		jb_uint(b, s.mnt_id);
		jb_key(b, "mnt_parent_id");
		jb_uint(b, s.mnt_parent_id);
		jb_key(b, "mnt_id_old");
		jb_uint(b, s.mnt_id_old);
		jb_key(b, "mnt_parent_id_old");
		jb_uint(b, s.mnt_parent_id_old);
		jb_key(b, "mnt_attr");
		decode_flags(XT_mount_attr, s.mnt_attr, b);
		jb_key(b, "mnt_propagation");
		jb_hex(b, s.mnt_propagation);
	}
	jb_obj_end(b);
}
