/*
 * decode/signal.c - signal sets, sigaction in the kernel's layouts (rt and
 * old, per ABI), siginfo and sigaltstack.
 *
 * A class decoder (decode/classes.h): may call the primitives
 * (decode/prim.h), never another family's decoder nor the walk.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "decode/prim.h"

/* Names of the signals in a mask of nbits bits. */
static void _mask(uint64_t m, unsigned int nbits, struct jbuf *b)
{
	unsigned int k;

	jb_arr_begin(b);
	for (k = 0; k < nbits && k < 64; k++)
		if (m & (1ULL << k))
			decode_signo(k + 1, b);
	jb_arr_end(b);
}

void decode_sigset(struct dctx *c, uint64_t addr, uint64_t size, struct jbuf *b)
{
	uint64_t m = 0;
	uint32_t m32;

	if (size == 0 || size > 8) {
		/* The kernel rejects other sizes (EINVAL): show the pointer. */
		decode_ptr(b, addr);
		return;
	}
	if (size < 8) {
		if (!decode_fetch(c, addr, &m32, 4, b))
			return;
		m = m32;
		_mask(m, 32, b);
		return;
	}
	if (!decode_fetch(c, addr, &m, 8, b))
		return;
	_mask(m, 64, b);
}

static void _handler(struct dctx *c, uint64_t h, struct jbuf *b)
{
	const char *name = xlat_name(XT_sig_handler, decode_i386(c) ? (uint64_t)(int64_t)(int32_t)h : h);

	if (name == NULL && decode_i386(c))
		name = xlat_name(XT_sig_handler, (uint32_t)h);
	if (name)
		jb_str(b, name);
	else
		decode_ptr(b, h);
}

void decode_sigaction(struct dctx *c, int st, uint64_t addr, struct jbuf *b)
{
	uint8_t raw[32];
	uint64_t handler, flags, restorer, mask;
	unsigned int w = decode_wordsize(c);

	if (st == ST_sigaction) {
		/* handler, flags, restorer: longs; then the 64-bit mask. */
		if (!decode_fetch(c, addr, raw, 3 * w + 8, b))
			return;
		handler = (uint64_t)decode_word(c, raw, false);
		flags = (uint64_t)decode_word(c, raw + w, false);
		restorer = (uint64_t)decode_word(c, raw + 2 * w, false);
		memcpy(&mask, raw + 3 * w, 8);
	} else {
		/* old_sigaction (i386): handler, mask (32 bits), flags, restorer. */
		uint32_t o[4];

		if (!decode_fetch(c, addr, o, sizeof(o), b))
			return;
		handler = o[0];
		mask = o[1];
		flags = o[2];
		restorer = o[3];
	}
	jb_obj_begin(b);
	jb_key(b, "sa_handler");
	_handler(c, handler, b);
	jb_key(b, "sa_mask");
	_mask(mask, st == ST_sigaction ? 64 : 32, b);
	jb_key(b, "sa_flags");
	decode_flags(XT_sigaction, flags, b);
	if (flags & 0x04000000) {	/* SA_RESTORER */
		jb_key(b, "sa_restorer");
		decode_ptr(b, restorer);
	}
	jb_obj_end(b);
}

void decode_siginfo(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint8_t raw[128];
	int32_t signo, err, code, pid, i32;
	uint32_t uid;
	unsigned int w = decode_wordsize(c), u = decode_i386(c) ? 12 : 16;
	const char *cname;

	if (!decode_fetch(c, addr, raw, sizeof(raw), b))
		return;
	memcpy(&signo, raw, 4);
	memcpy(&err, raw + 4, 4);
	memcpy(&code, raw + 8, 4);
	jb_obj_begin(b);
	jb_key(b, "si_signo");
	if (signo == 0)
		jb_int(b, 0);
	else
		decode_signo(signo, b);
	jb_key(b, "si_code");
	cname = decode_si_code(signo, code);
	if (cname)
		jb_str(b, cname);
	else
		jb_int(b, code);
	if (err) {
		jb_key(b, "si_errno");
		jb_int(b, err);
	}
	switch (signo) {
	case 0:
		break;
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
		if (code > 0) {
			jb_key(b, "si_addr");
			decode_ptr(b, (uint64_t)decode_word(c, raw + u, false));
			break;
		}
		/* FALLTHROUGH */
	default:
		memcpy(&pid, raw + u, 4);
		memcpy(&uid, raw + u + 4, 4);
		jb_key(b, "si_pid");
		jb_int(b, pid);
		jb_key(b, "si_uid");
		jb_uint(b, uid);
		if (signo == SIGCHLD) {
			memcpy(&i32, raw + u + 8, 4);
			jb_key(b, "si_status");
			if (code == CLD_EXITED)
				jb_int(b, i32);
			else
				decode_signo(i32, b);
		} else if (code == SI_QUEUE || code == SI_TIMER || code == SI_MESGQ) {
			jb_key(b, "si_value");
			jb_int(b, decode_word(c, raw + u + 8, true));
		}
	}
	(void)w;
	jb_obj_end(b);
}

void decode_sigaltstack(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint8_t raw[24];
	unsigned int w = decode_wordsize(c);
	int32_t flags;

	/* void *ss_sp; int ss_flags; size_t ss_size */
	if (!decode_fetch(c, addr, raw, 3 * w, b))
		return;
	memcpy(&flags, raw + w, 4);
	jb_obj_begin(b);
	jb_key(b, "ss_sp");
	decode_ptr(b, (uint64_t)decode_word(c, raw, false));
	jb_key(b, "ss_flags");
	decode_flags(XT_sigaltstack, (uint32_t)flags, b);
	jb_key(b, "ss_size");
	jb_uint(b, (uint64_t)decode_word(c, raw + 2 * w, false));
	jb_obj_end(b);
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; } in
   ABI words. */
void decode_pselect6_sig(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint8_t raw[16];
	unsigned int w = decode_wordsize(c);
	uint64_t ss, len;

	if (!decode_fetch(c, addr, raw, 2 * w, b))
		return;
	ss = (uint64_t)decode_word(c, raw, false);
	len = (uint64_t)decode_word(c, raw + w, false);
	jb_obj_begin(b);
	jb_key(b, "ss");
	decode_sigset(c, ss, len, b);
	jb_key(b, "ss_len");
	jb_uint(b, len);
	jb_obj_end(b);
}

/* struct sigevent: sigev_value (a pointer-sized union), int signo, int
   notify, then the thread id for SIGEV_THREAD_ID. */
void decode_sigevent(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	uint8_t raw[24];
	unsigned int w = decode_wordsize(c);
	int32_t signo, notify, tid;

	if (!decode_fetch(c, addr, raw, w + 12, b))
		return;
	memcpy(&signo, raw + w, 4);
	memcpy(&notify, raw + w + 4, 4);
	memcpy(&tid, raw + w + 8, 4);
	jb_obj_begin(b);
	jb_key(b, "sigev_value");
	jb_hex(b, (uint64_t)decode_word(c, raw, false));
	jb_key(b, "sigev_signo");
	decode_signo(signo, b);
	jb_key(b, "sigev_notify");
	decode_enum(XT_sigev_notify, notify, b);
	if (notify == 4) {	/* SIGEV_THREAD_ID */
		jb_key(b, "sigev_notify_thread_id");
		jb_int(b, tid);
	}
	jb_obj_end(b);
}
