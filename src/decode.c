/*
 * decode.c - the generic argument walk and the decoders of plain kinds:
 * integers, fds, paths and strings, flags and enums, byte buffers, argv.
 * Struct and array decoders live in the decode-*.c files of their family.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "mem.h"

#define ARGV_MAX 4096	/* entries shown of an argv array */

/* The value of logical argument i: one register, or an i386 pair. */
uint64_t decode_value(const struct dctx *c, int i)
{
	const struct sysarg *a = &c->se->args[i];
	uint64_t v = c->args[a->reg];

	if (a->nregs == 2 && a->reg + 1 < 6)
		v = (v & 0xffffffffULL) | c->args[a->reg + 1] << 32;
	return v;
}

/* Sign-extend a register value of the ABI's long/int width. */
static int64_t _sval(const struct dctx *c, uint64_t v, bool is_long)
{
	if (c->abi == ABI_I386 || !is_long)
		return (int32_t)v;
	return (int64_t)v;
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
	char stackbuf[4096], *buf = stackbuf;
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

/* Names of the bits of v in table t, strace style: "O_RDWR|O_CLOEXEC". */
void decode_flags(enum xtab t, uint64_t v, struct jbuf *b)
{
	const struct xlat_table *x = &xlat_tables[t];
	const struct xlat_field *f = &xlat_fields[t];
	char out[1024], hex[24];
	size_t len = 0;
	unsigned int k;
	const char *name;

	out[0] = '\0';
#define APPEND(s) do { \
		size_t _l = strlen(s); \
		if (len + _l + 2 < sizeof(out)) { \
			if (len) out[len++] = '|'; \
			memcpy(out + len, s, _l); len += _l; out[len] = '\0'; \
		} \
	} while (0)
	if (f->mask) {
		uint64_t fv = v & f->mask;

		name = f->table >= 0 ? xlat_name(f->table, fv) : NULL;
		if (name)
			APPEND(name);
		else {
			snprintf(hex, sizeof(hex), "%#llx", (unsigned long long)fv);
			APPEND(hex);
		}
		v &= ~f->mask;
	}
	for (k = 0; k < x->count && v; k++) {
		uint64_t e = x->entries[k].val;

		if (e && (v & e) == e) {
			APPEND(x->entries[k].name);
			v &= ~e;
		}
	}
	if (v || len == 0) {
		snprintf(hex, sizeof(hex), "%#llx", (unsigned long long)v);
		if (v == 0)
			snprintf(hex, sizeof(hex), "0");
		APPEND(hex);
	}
#undef APPEND
	jb_str(b, out);
}

void decode_enum(enum xtab t, int64_t v, struct jbuf *b)
{
	const char *name = xlat_name(t, (uint64_t)v);

	if (name)
		jb_str(b, name);
	else
		jb_int(b, v);
}

void decode_signo(int64_t sig, struct jbuf *b)
{
	char buf[24];
	const char *name = xlat_name(XT_signal, sig);

	if (name)
		jb_str(b, name);
	else if (sig >= 32 && sig <= 64) {
		snprintf(buf, sizeof(buf), "SIGRTMIN+%d", (int)(sig - 32));
		jb_str(b, buf);
	} else
		jb_int(b, sig);
}

static void _fd(struct dctx *c, int64_t fd, struct jbuf *b)
{
	char link[32], target[4096];
	ssize_t n;

	if (!c->decode_fds || fd < 0) {
		jb_int(b, fd);
		return;
	}
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", c->tid, (int)fd);
	n = readlink(link, target, sizeof(target));
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

static void _argv(struct dctx *c, int i, uint64_t addr, bool count_only, struct jbuf *b)
{
	unsigned int ptrsize = c->abi == ABI_I386 ? 4 : 8, n;
	uint64_t p;
	uint32_t p32;
	int rc;

	if (addr == 0) {
		jb_null(b);
		return;
	}
	if (!count_only)
		jb_arr_begin(b);
	for (n = 0; n < ARGV_MAX; n++) {
		if (ptrsize == 4) {
			rc = mem_read(c->tid, addr + n * 4ULL, &p32, 4);
			p = p32;
		} else
			rc = mem_read(c->tid, addr + n * 8ULL, &p, 8);
		if (rc < 0) {
			if (n == 0 && count_only) {
				decode_fault(b, addr);
				return;
			}
			break;
		}
		if (p == 0)
			break;
		if (!count_only)
			decode_string(c, i, p, false, b);
	}
	if (count_only) {
		jb_obj_begin(b);
		jb_key(b, "count");
		jb_uint(b, n);
		jb_obj_end(b);
	} else
		jb_arr_end(b);
}

static void _raw(struct dctx *c, unsigned int kind, uint64_t v, struct jbuf *b)
{
	switch (argkind_base[kind]) {
	case AB_INT:
		jb_int(b, _sval(c, v, true));
		break;
	case AB_UINT:
		jb_uint(b, c->abi == ABI_I386 ? (uint32_t)v : v);
		break;
	case AB_HEX:
		jb_hex(b, v);
		break;
	default:
		decode_ptr(b, v);
	}
}

static bool _is_out_kind(unsigned int kind)
{
	switch (kind) {
	case AK_bufout: case AK_structout: case AK_iovecout: case AK_fdpair:
	case AK_sigsetout: case AK_sockaddrout: case AK_msghdrout:
	case AK_mmsghdrout: case AK_epolleventout: case AK_dirents:
	case AK_dirents64: case AK_gidarrayout: case AK_cpusetout:
	case AK_waitstatus: case AK_intout: case AK_ulongout: case AK_uidout:
	case AK_gidout: case AK_offout:
		return true;
	default:
		return false;
	}
}

bool decode_at_exit(const struct sysent *se, int i)
{
	return _is_out_kind(se->args[i].kind);
}

void decode_arg(struct dctx *c, int i, struct jbuf *b)
{
	const struct sysarg *a = &c->se->args[i];
	uint64_t v = decode_value(c, i);
	char buf[16];

	switch (a->kind) {
	case AK_int:
	case AK_pid:
		jb_int(b, (int32_t)v);
		break;
	case AK_uint:
		jb_uint(b, (uint32_t)v);
		break;
	case AK_uid:
	case AK_gid:
		if ((uint32_t)v == (uint32_t)-1)
			jb_int(b, -1);
		else
			jb_uint(b, (uint32_t)v);
		break;
	case AK_fd:
		_fd(c, (int32_t)v, b);
		break;
	case AK_dirfd:
		if ((int32_t)v == AT_FDCWD)
			jb_str(b, "AT_FDCWD");
		else
			_fd(c, (int32_t)v, b);
		break;
	case AK_signo:
		decode_signo((int32_t)v, b);
		break;
	case AK_umode:
	case AK_mode:
		snprintf(buf, sizeof(buf), "0%o", (unsigned int)v);
		jb_str(b, buf);
		break;
	case AK_flags:
		if (a->aux >= 0)
			decode_flags(a->aux, c->abi == ABI_I386 ? (uint32_t)v : v, b);
		else
			jb_hex(b, v);
		break;
	case AK_enum:
		if (a->aux >= 0)
			decode_enum(a->aux, (int32_t)v, b);
		else
			jb_int(b, (int32_t)v);
		break;
	case AK_u64pair:
		jb_uint(b, v);
		break;
	case AK_offpair:
		jb_int(b, (int64_t)v);
		break;
	case AK_path:
		decode_string(c, i, v, true, b);
		break;
	case AK_str:
		decode_string(c, i, v, false, b);
		break;
	case AK_bufin:
		decode_bytes(c, i, v, a->aux >= 0 ? decode_value(c, a->aux) : 0, b);
		break;
	case AK_bufout:
		if (!c->exiting || c->is_error)
			decode_ptr(b, v);
		else
			decode_bytes(c, i, v, (uint64_t)c->rval, b);
		break;
	case AK_argv:
		_argv(c, i, v, false, b);
		break;
	case AK_envp:
		_argv(c, i, v, true, b);
		break;
	default:
		_raw(c, a->kind, v, b);
	}
}

void decode_ret(struct dctx *c, struct jbuf *b)
{
	unsigned int kind = c->se ? c->se->ret_kind : AK_long;

	if (c->is_error || argkind_base[kind] != AB_PTR) {
		jb_int(b, c->rval);
		return;
	}
	jb_hex(b, c->abi == ABI_I386 ? (uint32_t)c->rval : (uint64_t)c->rval);
}

void decode_raw_args(const uint64_t *args, struct jbuf *b)
{
	static const char *const names[6] = { "arg0", "arg1", "arg2", "arg3", "arg4", "arg5" };
	int i;

	for (i = 0; i < 6; i++) {
		jb_key(b, names[i]);
		jb_hex(b, args[i]);
	}
}

const char *decode_si_code(int sig, int code)
{
	const char *name = xlat_name(XT_si_code, xlat_qual(sig, (uint32_t)code));

	if (name || code <= 0)
		return name ? name : xlat_name(XT_si_code, (uint32_t)code);
	return xlat_name(XT_si_code, (uint32_t)code);
}
