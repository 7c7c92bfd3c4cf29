/*
 * decode/mem.c - memory calls: the one-struct argument of the i386 old
 * mmap (90), struct mmap_arg_struct.
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h), never another family's decoder nor the walk.
 */
#include "config.h"

#include <string.h>

#include "decode/prim.h"

/* struct mmap_arg_struct { u32 addr, len, prot, flags, fd, offset; } */
void decode_mmap_arg(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint32_t a[6];

	if (!decode_fetch(c, addr, a, sizeof(a), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "addr");
	decode_ptr(b, a[0]);
	jb_key(b, "len");
	jb_uint(b, a[1]);
	jb_key(b, "prot");
	decode_flags(XT_mmap_prot, a[2], b);
	jb_key(b, "flags");
	decode_flags(XT_mmap, a[3], b);
	jb_key(b, "fd");
	decode_fd(c, (int32_t)a[4], b);
	jb_key(b, "offset");
	jb_hex(b, a[5]);
	jb_obj_end(b);
}
