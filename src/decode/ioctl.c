/*
 * decode/ioctl.c - ioctl requests by name and the third argument by
 * request where its meaning is known (an int in or out, a winsize, the
 * kernel's termios).
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h), never another family's decoder nor the walk.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "decode/prim.h"
#include "mem.h"

/* The request's name: i386 entries first where the number differs there. */
void decode_ioctl_cmd(struct dctx *c, uint32_t req, struct jbuf *b)
{
	const char *name = NULL;

	if (decode_i386(c))
		name = xlat_name(XT_ioctl, xlat_qual(ABI_I386, req));
	if (!name)
		name = xlat_name(XT_ioctl, req);
	if (name)
		jb_str(b, name);
	else
		jb_hex(b, req);
}

static void _winsize(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	struct winsize w;

	if (!decode_fetch(c, addr, &w, sizeof(w), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "ws_row");
	jb_uint(b, w.ws_row);
	jb_key(b, "ws_col");
	jb_uint(b, w.ws_col);
	jb_key(b, "ws_xpixel");
	jb_uint(b, w.ws_xpixel);
	jb_key(b, "ws_ypixel");
	jb_uint(b, w.ws_ypixel);
	jb_obj_end(b);
}

/* The kernel's struct termios (TCGETS, TCSETS*), not glibc's: four flag
   words, the line discipline and 19 control characters, the same on
   x86_64 and i386. */
struct kernel_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};

static void _termios(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	struct kernel_termios t;
	unsigned int k;

	if (!decode_fetch(c, addr, &t, sizeof(t), b))
		return;
	jb_obj_begin(b);
	jb_key(b, "c_iflag");
	decode_flags(XT_termios_iflag, t.c_iflag, b);
	jb_key(b, "c_oflag");
	decode_flags(XT_termios_oflag, t.c_oflag, b);
	jb_key(b, "c_cflag");
	decode_flags_ex(XT_termios_cflag, t.c_cflag, true, b);
	jb_key(b, "c_lflag");
	decode_flags(XT_termios_lflag, t.c_lflag, b);
	jb_key(b, "c_line");
	jb_uint(b, t.c_line);
	jb_key(b, "c_cc");
	jb_arr_begin(b);
	for (k = 0; k < sizeof(t.c_cc); k++)
		jb_uint(b, t.c_cc[k]);
	jb_arr_end(b);
	jb_obj_end(b);
}

void decode_ioctlarg(struct dctx *c, int i, struct jbuf *b)
{
	uint32_t req = (uint32_t)decode_value(c, i - 1);
	uint64_t v = decode_value(c, i);
	int32_t n;

	if (decode_i386(c))
		v = (uint32_t)v;
	switch (req) {
	case TIOCGWINSZ:
		if (decode_out_ready(c, v, b))
			_winsize(c, v, b);
		break;
	case TIOCSWINSZ:
		_winsize(c, v, b);
		break;
	case TCGETS:
		if (decode_out_ready(c, v, b))
			_termios(c, v, b);
		break;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		_termios(c, v, b);
		break;
	case FIONREAD:
	case TIOCOUTQ:
	case TIOCGPGRP:
	case TIOCGSID:
		if (decode_out_ready(c, v, b) && decode_fetch(c, v, &n, 4, b))
			jb_int(b, n);
		break;
	case FIONBIO:
	case FIOASYNC:
	case TIOCSPGRP:
		if (decode_fetch(c, v, &n, 4, b))
			jb_int(b, n);
		break;
	case FIOCLEX:
	case FIONCLEX:
	case TIOCNOTTY:
	case TIOCSCTTY:
		jb_hex(b, v);
		break;
	default:
		decode_ptr(b, v);
	}
}
