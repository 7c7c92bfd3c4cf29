/*
 * decode/stat.c - file metadata: the four stat layouts (x86_64 stat,
 * i386 stat, stat64, old_kernel_stat), statx, statfs and the entry count
 * of getdents.  Modes and device numbers are primitives (names.c).
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h), never another family's decoder nor the walk.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/stat.h>

#include "decode/prim.h"
#include "kstat.h"
#include "mem.h"

/* The common view every layout is converted to. */
struct xstat {
	uint64_t dev, ino, nlink, rdev, blocks;
	uint32_t mode, uid, gid;
	int64_t size, blksize;
	int64_t t[3], ns[3];
	bool has_ns, has_blocks;
};

static void _emit(const struct xstat *x, struct jbuf *b)
{
	static const char *const tn[3] = { "st_atime", "st_mtime", "st_ctime" };
	static const char *const nn[3] = { "st_atime_nsec", "st_mtime_nsec", "st_ctime_nsec" };
	int k;

	jb_obj_begin(b);
	jb_key(b, "st_dev");
	decode_dev(x->dev, b);
	jb_key(b, "st_ino");
	jb_uint(b, x->ino);
	jb_key(b, "st_mode");
	decode_mode(x->mode, b);
	jb_key(b, "st_nlink");
	jb_uint(b, x->nlink);
	jb_key(b, "st_uid");
	jb_uint(b, x->uid);
	jb_key(b, "st_gid");
	jb_uint(b, x->gid);
	if (S_ISCHR(x->mode) || S_ISBLK(x->mode)) {
		jb_key(b, "st_rdev");
		decode_dev(x->rdev, b);
	}
	jb_key(b, "st_size");
	jb_int(b, x->size);
	if (x->has_blocks) {
		jb_key(b, "st_blksize");
		jb_int(b, x->blksize);
		jb_key(b, "st_blocks");
		jb_uint(b, x->blocks);
	}
	for (k = 0; k < 3; k++) {
		jb_key(b, tn[k]);
		jb_int(b, x->t[k]);
		if (x->has_ns) {
			jb_key(b, nn[k]);
			jb_int(b, x->ns[k]);
		}
	}
	jb_obj_end(b);
}

static uint64_t _dev_old(uint32_t d)
{
	/* The old 16-bit (and i386 stat's 32-bit) encoding: major in bits 8..15. */
	return makedev((d >> 8) & 0xfff, (d & 0xff) | ((d >> 12) & 0xfff00));
}

void decode_stat(struct dctx *c, int st, uint64_t addr, struct jbuf *b)
{
	struct xstat x;

	memset(&x, 0, sizeof(x));
	x.has_ns = x.has_blocks = true;
	if (st == ST_stat) {
		struct k_stat64_x86_64 s;

		if (!decode_fetch(c, addr, &s, sizeof(s), b))
			return;
		x.dev = s.st_dev; x.ino = s.st_ino; x.nlink = s.st_nlink;
		x.mode = s.st_mode; x.uid = s.st_uid; x.gid = s.st_gid;
		x.rdev = s.st_rdev; x.size = s.st_size; x.blksize = s.st_blksize;
		x.blocks = s.st_blocks;
		x.t[0] = s.st_atime_; x.ns[0] = s.st_atime_nsec;
		x.t[1] = s.st_mtime_; x.ns[1] = s.st_mtime_nsec;
		x.t[2] = s.st_ctime_; x.ns[2] = s.st_ctime_nsec;
	} else if (st == ST_stat_i386) {
		struct k_stat_i386 s;

		if (!decode_fetch(c, addr, &s, sizeof(s), b))
			return;
		x.dev = _dev_old(s.st_dev); x.ino = s.st_ino; x.nlink = s.st_nlink;
		x.mode = s.st_mode; x.uid = s.st_uid; x.gid = s.st_gid;
		x.rdev = _dev_old(s.st_rdev); x.size = s.st_size; x.blksize = s.st_blksize;
		x.blocks = s.st_blocks;
		x.t[0] = (int32_t)s.st_atime_; x.ns[0] = s.st_atime_nsec;
		x.t[1] = (int32_t)s.st_mtime_; x.ns[1] = s.st_mtime_nsec;
		x.t[2] = (int32_t)s.st_ctime_; x.ns[2] = s.st_ctime_nsec;
	} else if (st == ST_stat64) {
		struct k_stat64_i386 s;

		if (!decode_fetch(c, addr, &s, sizeof(s), b))
			return;
		x.dev = s.st_dev; x.ino = s.st_ino; x.nlink = s.st_nlink;
		x.mode = s.st_mode; x.uid = s.st_uid; x.gid = s.st_gid;
		x.rdev = s.st_rdev; x.size = s.st_size; x.blksize = s.st_blksize;
		x.blocks = s.st_blocks;
		x.t[0] = (int32_t)s.st_atime_; x.ns[0] = s.st_atime_nsec;
		x.t[1] = (int32_t)s.st_mtime_; x.ns[1] = s.st_mtime_nsec;
		x.t[2] = (int32_t)s.st_ctime_; x.ns[2] = s.st_ctime_nsec;
	} else {
		struct k_old_kernel_stat s;

		if (!decode_fetch(c, addr, &s, sizeof(s), b))
			return;
		x.has_ns = x.has_blocks = false;
		x.dev = _dev_old(s.st_dev); x.ino = s.st_ino; x.nlink = s.st_nlink;
		x.mode = s.st_mode; x.uid = s.st_uid; x.gid = s.st_gid;
		x.rdev = _dev_old(s.st_rdev); x.size = s.st_size;
		x.t[0] = (int32_t)s.st_atime_;
		x.t[1] = (int32_t)s.st_mtime_;
		x.t[2] = (int32_t)s.st_ctime_;
	}
	_emit(&x, b);
}

static void _sxts(const char *key, const struct statx_timestamp *t, struct jbuf *b)
{
	jb_key(b, key);
	jb_obj_begin(b);
	jb_key(b, "tv_sec");
	jb_int(b, t->tv_sec);
	jb_key(b, "tv_nsec");
	jb_uint(b, t->tv_nsec);
	jb_obj_end(b);
}

void decode_statx(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	struct statx s;

	if (!decode_fetch(c, addr, &s, sizeof(s), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "stx_mask");
	decode_flags(XT_statx_mask, s.stx_mask, b);
	jb_key(b, "stx_blksize");
	jb_uint(b, s.stx_blksize);
	jb_key(b, "stx_attributes");
	jb_hex(b, s.stx_attributes);
	jb_key(b, "stx_nlink");
	jb_uint(b, s.stx_nlink);
	jb_key(b, "stx_uid");
	jb_uint(b, s.stx_uid);
	jb_key(b, "stx_gid");
	jb_uint(b, s.stx_gid);
	jb_key(b, "stx_mode");
	decode_mode(s.stx_mode, b);
	jb_key(b, "stx_ino");
	jb_uint(b, s.stx_ino);
	jb_key(b, "stx_size");
	jb_uint(b, s.stx_size);
	jb_key(b, "stx_blocks");
	jb_uint(b, s.stx_blocks);
	jb_key(b, "stx_attributes_mask");
	jb_hex(b, s.stx_attributes_mask);
	_sxts("stx_atime", &s.stx_atime, b);
	_sxts("stx_btime", &s.stx_btime, b);
	_sxts("stx_ctime", &s.stx_ctime, b);
	_sxts("stx_mtime", &s.stx_mtime, b);
	jb_key(b, "stx_rdev");
	decode_dev(makedev(s.stx_rdev_major, s.stx_rdev_minor), b);
	jb_key(b, "stx_dev");
	decode_dev(makedev(s.stx_dev_major, s.stx_dev_minor), b);
	jb_obj_end(b);
}

/* struct statfs: longs on both ABIs (statfs), or 64-bit counts (statfs64). */
void decode_statfs(struct dctx *c, int st, uint64_t addr, struct jbuf *b)
{
	static const char *const names[] = {
		"f_type", "f_bsize", "f_blocks", "f_bfree", "f_bavail",
		"f_files", "f_ffree",
	};
	uint8_t raw[128];
	uint64_t v[7];
	unsigned int k, w = decode_wordsize(c);

	if (!decode_fetch(c, addr, raw, decode_i386(c) ? 64 : 120, b))
		return;
	if (st == ST_statfs64 && decode_i386(c)) {
		/* f_type, f_bsize: 32 bits; then 64-bit counts (packed at 4). */
		uint32_t t32[2];
		memcpy(t32, raw, 8);
		v[0] = t32[0]; v[1] = t32[1];
		for (k = 2; k < 7; k++)
			memcpy(&v[k], raw + 8 + (k - 2) * 8, 8);
	} else {
		for (k = 0; k < 7; k++)
			v[k] = (uint64_t)decode_word(c, raw + k * w, false);
	}
	jb_obj_begin(b);
	for (k = 0; k < 7; k++) {
		jb_key(b, names[k]);
		if (k == 0)
			jb_hex(b, v[k]);
		else
			jb_uint(b, v[k]);
	}
	jb_obj_end(b);
}

/* getdents/getdents64 output: the number of entries the kernel wrote
   (c->rval bytes), and their names. */
void decode_dirents(struct dctx *c, uint64_t addr, bool is64, struct jbuf *b)
{
	uint8_t buf[32768];
	size_t len = (uint64_t)c->rval < sizeof(buf) ? (size_t)c->rval : sizeof(buf);
	size_t off = 0;
	unsigned int count = 0;
	ssize_t n = mem_read_some(c->tid, addr, buf, len);

	if (n < 0) {
		decode_fault(b, addr);
		return;
	}
	while (off + (is64 ? 19 : 18) <= (size_t)n) {
		uint16_t reclen;

		memcpy(&reclen, buf + off + (is64 ? 16 : 2 * decode_wordsize(c)), 2);
		if (reclen == 0)
			break;
		count++;
		off += reclen;
	}
	jb_obj_begin(b);
	jb_key(b, "addr");
	jb_hex(b, addr);
	jb_key(b, "count");
	jb_uint(b, count);
	jb_obj_end(b);
}

/* struct file_attr { u64 fa_xflags; u32 fa_extsize, fa_nextents, fa_projid,
   fa_cowextsize; } of file_getattr (out) and file_setattr (in). */
void decode_file_attr(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	struct {
		uint64_t fa_xflags;
		uint32_t fa_extsize, fa_nextents, fa_projid, fa_cowextsize;
	} a;

	if (!decode_fetch(c, addr, &a, sizeof(a), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "fa_xflags");
	jb_hex(b, a.fa_xflags);
	jb_key(b, "fa_extsize");
	jb_uint(b, a.fa_extsize);
	jb_key(b, "fa_nextents");
	jb_uint(b, a.fa_nextents);
	jb_key(b, "fa_projid");
	jb_uint(b, a.fa_projid);
	jb_key(b, "fa_cowextsize");
	jb_uint(b, a.fa_cowextsize);
	jb_obj_end(b);
}
