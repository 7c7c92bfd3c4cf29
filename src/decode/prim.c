/*
 * decode/prim.c - the primitives that read the tracee: argument values and
 * ABI words, pointers and fault markers, structs fetched from tracee memory,
 * strings, byte buffers and iovec arrays of them, fds; and the two hooks
 * through which a class decoder reaches the walk without calling it.
 *
 * May call: trace.h (the JSON builder), mem.h, the tables.  Called by the
 * class decoders and the walk above (decode/prim.h); calls neither.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/prim.h"
#include "mem.h"

#define IOV_MAX_SHOWN 32

/* The value of logical argument i: one register, or an i386 pair. */
uint64_t decode_value(const struct dctx *c, int i)
{
	const struct sysarg *a = &c->se->args[i];
	uint64_t v = c->args[a->reg];

	if (a->nregs == 2 && a->reg + 1 < 6)
		v = (v & 0xffffffffULL) | c->args[a->reg + 1] << 32;
	return v;
}

int64_t decode_word(const struct dctx *c, const void *p, bool is_signed)
{
	uint32_t w32;
	uint64_t w64;

	if (decode_i386(c)) {
		memcpy(&w32, p, 4);
		return is_signed ? (int64_t)(int32_t)w32 : (int64_t)w32;
	}
	memcpy(&w64, p, 8);
	return (int64_t)w64;
}

void decode_fault(struct jbuf *b, uint64_t addr)
{
	jb_obj_begin(b);
	jb_key(b, "addr");
	jb_hex(b, addr);
	jb_key(b, "fault");
	jb_bool(b, true);
	jb_obj_end(b);
}

void decode_ptr(struct jbuf *b, uint64_t addr)
{
	if (addr == 0)
		jb_null(b);
	else
		jb_hex(b, addr);
}

bool decode_fetch(struct dctx *c, uint64_t addr, void *buf, size_t len, struct jbuf *b)
{
	if (addr == 0) {
		jb_null(b);
		return false;
	}
	if (mem_read(c->tid, addr, buf, len) < 0) {
		decode_fault(b, addr);
		return false;
	}
	return true;
}

bool decode_out_ready(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	if (!c->exiting || c->is_error || addr == 0) {
		decode_ptr(b, addr);
		return false;
	}
	return true;
}

/* A NUL-terminated string of the tracee, cut at -s unless whole is set. */
void decode_string(struct dctx *c, int i, uint64_t addr, bool whole, struct jbuf *b)
{
	char stackbuf[4097], *buf = stackbuf;
	size_t max = whole ? 4096 : c->strlimit;
	bool complete;
	ssize_t n;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (max > 4096)
		buf = malloc(max + 1);
	if (!buf) {
		decode_ptr(b, addr);
		return;
	}
	n = mem_read_str(c->tid, addr, buf, max, &complete);
	if (n < 0)
		decode_fault(b, addr);
	else {
		jb_bytes(b, buf, n);
		if (!complete && i >= 0)
			*c->truncated |= 1u << i;
	}
	if (buf != stackbuf)
		free(buf);
}

/* len bytes at addr, cut at -s. */
void decode_bytes(struct dctx *c, int i, uint64_t addr, uint64_t len, struct jbuf *b)
{
	char stackbuf[4096] = "", *buf = stackbuf;
	size_t want = len < c->strlimit ? len : c->strlimit;
	ssize_t n;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (want > sizeof(stackbuf))
		buf = malloc(want);
	if (!buf) {
		decode_ptr(b, addr);
		return;
	}
	n = want ? mem_read_some(c->tid, addr, buf, want) : 0;
	if (n < 0)
		decode_fault(b, addr);
	else {
		jb_bytes(b, buf, n);
		if ((uint64_t)n < len && i >= 0)
			*c->truncated |= 1u << i;
	}
	if (buf != stackbuf)
		free(buf);
}

/* An iovec array: each entry's iov_base shown as its bytes.  room < 0: the
   bytes are input (all iov_len of each); room >= 0: output, room bytes in
   all were filled (0 at entry or on failure: pointers only). */
void decode_iovec(struct dctx *c, int i, uint64_t addr, uint64_t n, int64_t room, struct jbuf *b)
{
	unsigned int w = decode_wordsize(c);
	uint8_t raw[16];
	uint64_t k, base, len;
	bool out_known = room > 0 && c->exiting && !c->is_error;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (n > 0 && mem_read(c->tid, addr, raw, 2 * w) < 0) {
		decode_fault(b, addr);
		return;
	}
	jb_arr_begin(b);
	for (k = 0; k < n && k < IOV_MAX_SHOWN; k++) {
		if (mem_read(c->tid, addr + k * 2 * w, raw, 2 * w) < 0) {
			decode_fault(b, addr + k * 2 * w);
			break;
		}
		base = (uint64_t)decode_word(c, raw, false);
		len = (uint64_t)decode_word(c, raw + w, false);
		jb_obj_begin(b);
		jb_key(b, "iov_base");
		if (room < 0)
			decode_bytes(c, i, base, len, b);
		else if (out_known) {
			uint64_t got = len < (uint64_t)room ? len : (uint64_t)room;

			decode_bytes(c, i, base, got, b);
			room -= got;
		} else
			decode_ptr(b, base);
		jb_key(b, "iov_len");
		jb_uint(b, len);
		jb_obj_end(b);
	}
	if (k < n)
		*c->truncated |= 1u << i;
	jb_arr_end(b);
}

/* What /proc/TID/fd/FD names, into target: its length, or -1. */
ssize_t decode_fd_target(const struct dctx *c, int64_t fd, char *target, size_t n)
{
	char link[48];

	if (fd < 0 || fd > INT32_MAX)
		return -1;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", c->tid, (int)fd);
	return readlink(link, target, n);
}

void decode_fd(struct dctx *c, int64_t fd, struct jbuf *b)
{
	char target[4096];
	ssize_t n = c->decode_fds ? decode_fd_target(c, fd, target, sizeof(target)) : -1;

	if (n < 0) {
		jb_int(b, fd);
		return;
	}
	jb_obj_begin(b);
	jb_key(b, "fd");
	jb_int(b, fd);
	jb_key(b, "path");
	jb_bytes(b, target, n);
	jb_obj_end(b);
}

void decode_substruct(struct dctx *c, int i, int st, uint64_t addr, struct jbuf *b)
{
	if (c->hooks && c->hooks->structure)
		c->hooks->structure(c, i, st, addr, b);
	else
		decode_ptr(b, addr);
}

void decode_subarg(struct dctx *c, int i, struct jbuf *b)
{
	if (c->hooks && c->hooks->arg)
		c->hooks->arg(c, i, b);
	else
		jb_hex(b, decode_value(c, i));
}
