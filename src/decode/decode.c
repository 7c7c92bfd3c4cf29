/*
 * decode/decode.c - the argument walk, top layer of the decoders: for each
 * argument of a call, by its kind (tables/sysent.h), when it is decoded
 * (decode_at_exit, decode_inout) and by what: integers, ids, paths and
 * strings, buffers, argv, single output values and the arrays of plain
 * values are decoded here with the primitives (decode/prim.h); structs are
 * found in the table of struct kinds below (ST_* -> the decoder of their
 * family, decode/classes.h); the other arrays and the arguments that follow
 * another one go to their family's decoder by kind.
 *
 * When each argument is decoded: input kinds at the entry stop, output and
 * in/out kinds at the exit stop (in/out memory is shown once, as the kernel
 * left it), and arguments whose meaning follows another one (ioctl, fcntl,
 * the i386 socketcall and ipc subcalls) at the exit stop too, since some
 * of them are outputs.  An output is shown only when the call succeeded;
 * otherwise it is its bare pointer.
 *
 * May call: the class decoders and the primitives below it.  Called by the
 * rest of xlat (decode/decode.h).  The class decoders reach it back only
 * through the hooks it puts in every context it walks (c->hooks).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>

#include "decode/decode.h"
#include "decode/classes.h"
#include "mem.h"

#define ARGV_MAX 4096	/* entries shown of an argv array */

/* Sign-extend a register value of the ABI's long/int width. */
static int64_t _sval(const struct dctx *c, uint64_t v, bool is_long)
{
	if (c->abi == ABI_I386 || !is_long)
		return (int32_t)v;
	return (int64_t)v;
}

/*
 * The decoders of struct kinds, by kind: with the kind (one decoder reads
 * several layouts), with only the address, or with the argument index.
 * A kind with no entry is shown as its pointer.
 */
struct st_decoder {
	void (*by_kind)(struct dctx *c, int st, uint64_t addr, struct jbuf *b);
	void (*by_addr)(struct dctx *c, uint64_t addr, struct jbuf *b);
	void (*by_arg)(struct dctx *c, int i, uint64_t addr, struct jbuf *b);
};

/* clone3(uargs, size): the size of struct clone_args is the next argument. */
static void _clone_args(struct dctx *c, int i, uint64_t addr, struct jbuf *b)
{
	uint64_t size = (i >= 0 && i + 1 < c->se->nargs) ? decode_value(c, i + 1) : 88;

	decode_clone_args(c, addr, size, b);
}

/* One epoll_event (epoll_ctl's). */
static void _epoll_event(struct dctx *c, uint64_t addr, struct jbuf *b)
{
	decode_epoll_events(c, addr, (uint64_t)-1, b);
}

#define BY_KIND(f)	{ .by_kind = f }
#define BY_ADDR(f)	{ .by_addr = f }
#define BY_ARG(f)	{ .by_arg = f }
static const struct st_decoder _structs[ST_COUNT] = {
	[ST_stat] = BY_KIND(decode_stat),
	[ST_stat64] = BY_KIND(decode_stat),
	[ST_stat_i386] = BY_KIND(decode_stat),
	[ST_old_kernel_stat] = BY_KIND(decode_stat),
	[ST_statx] = BY_ADDR(decode_statx),
	[ST_statfs] = BY_KIND(decode_statfs),
	[ST_statfs64] = BY_KIND(decode_statfs),
	[ST_timespec] = BY_KIND(decode_time),
	[ST_timespec64] = BY_KIND(decode_time),
	[ST_timespec_pair] = BY_KIND(decode_time),
	[ST_timespec64_pair] = BY_KIND(decode_time),
	[ST_timeval] = BY_KIND(decode_time),
	[ST_timeval_pair] = BY_KIND(decode_time),
	[ST_itimerspec] = BY_KIND(decode_time),
	[ST_itimerspec64] = BY_KIND(decode_time),
	[ST_itimerval] = BY_KIND(decode_time),
	[ST_timezone] = BY_KIND(decode_time),
	[ST_utimbuf] = BY_KIND(decode_time),
	[ST_tms] = BY_KIND(decode_time),
	[ST_rusage] = BY_ADDR(decode_rusage),
	[ST_sysinfo] = BY_ADDR(decode_sysinfo),
	[ST_sigaction] = BY_KIND(decode_sigaction),
	[ST_old_sigaction] = BY_KIND(decode_sigaction),
	[ST_siginfo] = BY_ADDR(decode_siginfo),
	[ST_sigaltstack] = BY_ADDR(decode_sigaltstack),
	[ST_clone_args] = BY_ARG(_clone_args),
	[ST_rlimit] = BY_KIND(decode_rlimit),
	[ST_rlimit64] = BY_KIND(decode_rlimit),
	[ST_utsname] = BY_KIND(decode_utsname),
	[ST_old_utsname] = BY_KIND(decode_utsname),
	[ST_oldold_utsname] = BY_KIND(decode_utsname),
	[ST_user_desc] = BY_ADDR(decode_user_desc),
	[ST_sched_param] = BY_ADDR(decode_sched_param),
	[ST_cap_user_header] = BY_ADDR(decode_cap_header),
	[ST_open_how] = BY_ADDR(decode_open_how),
	[ST_pselect6_sig] = BY_ADDR(decode_pselect6_sig),
	[ST_sigevent] = BY_ADDR(decode_sigevent),
	[ST_sched_attr] = BY_ADDR(decode_sched_attr),
	[ST_cap_user_data] = BY_ADDR(decode_cap_data),
	[ST_mq_attr] = BY_ADDR(decode_mq_attr),
	[ST_file_handle] = BY_ARG(decode_file_handle),
	[ST_mmap_arg_struct] = BY_ADDR(decode_mmap_arg),
	[ST_sel_arg_struct] = BY_ADDR(decode_sel_arg),
	[ST_epoll_event] = BY_ADDR(_epoll_event),
	[ST_xattr_args] = BY_ARG(decode_xattr_args),
	[ST_mnt_id_req] = BY_ADDR(decode_mnt_id_req),
	[ST_statmount] = BY_ADDR(decode_statmount),
	[ST_file_attr] = BY_ADDR(decode_file_attr),
};
#undef BY_KIND
#undef BY_ADDR
#undef BY_ARG

/* One struct of kind st at addr, by its family's decoder. */
static void _struct(struct dctx *c, int i, int st, uint64_t addr, struct jbuf *b)
{
	const struct st_decoder *d = st >= 0 && st < ST_COUNT ? &_structs[st] : NULL;

	if (d && d->by_kind)
		d->by_kind(c, st, addr, b);
	else if (d && d->by_addr)
		d->by_addr(c, addr, b);
	else if (d && d->by_arg)
		d->by_arg(c, i, addr, b);
	else
		decode_ptr(b, addr);
}

/* What the class decoders may ask of the walk (decode/prim.h). */
static const struct decode_hooks _hooks = {
	.structure = _struct,
	.arg = decode_arg,
};

void decode_ret_path(struct dctx *c, struct jbuf *b)
{
	char target[4096];
	ssize_t n;

	if (!c->decode_fds || c->is_error || !c->se || c->se->ret_kind != AK_fd)
		return;
	n = decode_fd_target(c, c->rval, target, sizeof(target));
	if (n < 0)
		return;
	jb_key(b, "ret_path");
	jb_bytes(b, target, n);
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
	/* In/out, shown once at exit: its events do not change, its revents
	   are the output.  The other in/out kinds: decode_inout. */
	case AK_pollfd:
	/* Their meaning follows the request; some are output. */
	case AK_ioctlarg: case AK_fcntlarg:
		return true;
	default:
		return false;
	}
}

bool decode_inout(const struct sysent *se, int i)
{
	switch (se->args[i].kind) {
	case AK_structio: case AK_offptr: case AK_socklenptr: case AK_fdset:
		return true;
	default:
		return false;
	}
}

bool decode_at_exit(const struct sysent *se, int i)
{
	/* socketcall and ipc: the subcall may have output arguments. */
	if (se->args[i].kind == AK_ptr && i == 1 &&
	    (strcmp(se->name, "socketcall") == 0))
		return true;
	if (se->args[i].kind == AK_ptr && i == 4 && strcmp(se->name, "ipc") == 0)
		return true;
	return _is_out_kind(se->args[i].kind) || decode_inout(se, i);
}

/* The length an output buffer holds: the return value, capped by the room
   (which may be behind a socklen_t pointer). */
static uint64_t _outlen(struct dctx *c, const struct sysarg *a)
{
	uint64_t room = (uint64_t)-1;
	uint32_t sl;

	if (a->aux >= 0) {
		room = decode_value(c, a->aux);
		if (c->se->args[a->aux].kind == AK_socklenptr) {
			if (mem_read(c->tid, room, &sl, 4) < 0)
				return 0;
			return sl;
		}
		if (decode_i386(c))
			room = (uint32_t)room;
	}
	return (uint64_t)c->rval < room ? (uint64_t)c->rval : room;
}

/* One 4- or 8-byte value in tracee memory: null, the fault marker, or the
   number (-1 for an unset uid/gid when ugid). */
static void _scalar(struct dctx *c, uint64_t addr, unsigned int size, bool is_signed,
		    bool ugid, struct jbuf *b)
{
	union { uint32_t u32; uint64_t u64; } u;

	if (!decode_fetch(c, addr, &u, size, b))
		return;
	if (size == 4) {
		if (ugid && u.u32 == (uint32_t)-1)
			jb_int(b, -1);
		else if (is_signed)
			jb_int(b, (int32_t)u.u32);
		else
			jb_uint(b, u.u32);
	} else if (is_signed)
		jb_int(b, (int64_t)u.u64);
	else
		jb_uint(b, u.u64);
}

/* The same for an output value: shown only once the call succeeded. */
static void _scalar_out(struct dctx *c, uint64_t addr, unsigned int size, bool is_signed,
			bool ugid, struct jbuf *b)
{
	if (decode_out_ready(c, addr, b))
		_scalar(c, addr, size, is_signed, ugid, b);
}

/* Array of count gid_t (4 bytes on both ABIs; 16 bits for the old calls
   is not distinguished by the tables). */
static void _gidarray(struct dctx *c, uint64_t addr, uint64_t count, struct jbuf *b)
{
	uint32_t g[64];
	uint64_t k, n = count < 64 ? count : 64;

	if (!decode_fetch(c, addr, g, n * 4, b))
		return;
	jb_arr_begin(b);
	for (k = 0; k < n; k++)
		jb_uint(b, g[k]);
	jb_arr_end(b);
}

/* CPU mask as the list of CPU numbers set. */
static void _cpuset(struct dctx *c, uint64_t addr, uint64_t size, struct jbuf *b)
{
	uint8_t m[128];
	uint64_t k, n = size < sizeof(m) ? size : sizeof(m);

	if (!decode_fetch(c, addr, m, n, b))
		return;
	jb_arr_begin(b);
	for (k = 0; k < n * 8; k++)
		if (m[k / 8] & (1u << (k % 8)))
			jb_uint(b, k);
	jb_arr_end(b);
}

/* The length argument named by a's PARAM (size_t: 32 bits on i386). */
static uint64_t _len_arg(struct dctx *c, const struct sysarg *a)
{
	uint64_t len;

	if (a->aux < 0)
		return 0;
	len = decode_value(c, a->aux);
	return decode_i386(c) ? (uint32_t)len : len;
}

static int64_t _arg_or(struct dctx *c, const struct sysarg *a, int64_t dflt)
{
	return a->aux >= 0 ? (int64_t)decode_value(c, a->aux) : dflt;
}

void decode_arg(struct dctx *c, int i, struct jbuf *b)
{
	const struct sysarg *a = &c->se->args[i];
	uint64_t v = decode_value(c, i);

	c->hooks = &_hooks;
	if (decode_i386(c) && a->nregs == 1)
		v = (uint32_t)v;
	switch (a->kind) {
	case AK_int:
	case AK_pid:
		jb_int(b, (int32_t)v);
		break;
	case AK_uint:
		jb_uint(b, (uint32_t)v);
		break;
	case AK_long:
	case AK_ssize:
	case AK_off:
		jb_int(b, _sval(c, v, true));
		break;
	case AK_ulong:
	case AK_size:
		jb_uint(b, v);
		break;
	case AK_uid:
	case AK_gid:
		if ((uint32_t)v == (uint32_t)-1)
			jb_int(b, -1);
		else
			jb_uint(b, (uint32_t)v);
		break;
	case AK_uid16:
	case AK_gid16:
		if ((uint16_t)v == 0xffff)
			jb_int(b, -1);
		else
			jb_uint(b, (uint16_t)v);
		break;
	case AK_fd:
		decode_fd(c, (int32_t)v, b);
		break;
	case AK_dirfd:
		if ((int32_t)v == AT_FDCWD)
			jb_str(b, "AT_FDCWD");
		else
			decode_fd(c, (int32_t)v, b);
		break;
	case AK_signo:
		decode_signo((int32_t)v, b);
		break;
	case AK_umode:
		decode_octal((uint32_t)v, b);
		break;
	case AK_mode:
		decode_mode((uint32_t)v, b);
		break;
	case AK_dev:
		decode_dev(v, b);
		break;
	case AK_clockid:
		decode_clockid((int32_t)v, b);
		break;
	case AK_flags:
		if (a->aux == XT_open)
			/* Only the open calls have an access mode. */
			decode_flags_ex(a->aux, v, strncmp(c->se->name, "open", 4) == 0 ||
					strcmp(c->se->name, "mq_open") == 0, b);
		else if (a->aux >= 0)
			decode_flags(a->aux, v, b);
		else
			jb_hex(b, v);
		break;
	case AK_enum:
		if (a->aux == XT_ioctl)
			decode_ioctl_cmd(c, (uint32_t)v, b);
		else if (a->aux == XT_signal)
			decode_signo((int32_t)v, b);
		else if (a->aux == XT_sockopt && i > 0)
			decode_enum(a->aux, xlat_qual((uint32_t)decode_value(c, i - 1), (uint32_t)v), b);
		else if (a->aux >= 0) {
			const char *name = xlat_name(a->aux, (uint64_t)(int64_t)(int32_t)v);

			if (!name)
				name = xlat_name(a->aux, (uint32_t)v);
			if (name)
				jb_str(b, name);
			else
				jb_int(b, (int32_t)v);
		} else
			jb_int(b, (int32_t)v);
		break;
	case AK_u64pair:
		jb_uint(b, v);
		break;
	case AK_offpair:
		jb_int(b, (int64_t)v);
		break;
	case AK_ioctlarg:
		decode_ioctlarg(c, i, b);
		break;
	case AK_fcntlarg:
		decode_fcntlarg(c, i, b);
		break;
	case AK_futexarg:
		decode_futexarg(c, i, b);
		break;
	case AK_path:
		decode_string(c, i, v, true, b);
		break;
	case AK_str:
		decode_string(c, i, v, false, b);
		break;
	case AK_bufin:
		decode_bytes(c, i, v, _len_arg(c, a), b);
		break;
	case AK_bufout:
		if (!decode_out_ready(c, v, b))
			break;
		if (strcmp(c->se->name, "getcwd") == 0)
			decode_string(c, i, v, true, b);
		else
			decode_bytes(c, i, v, _outlen(c, a), b);
		break;
	case AK_struct:
		_struct(c, i, a->aux, v, b);
		break;
	case AK_structout:
		if (decode_out_ready(c, v, b))
			_struct(c, i, a->aux, v, b);
		break;
	case AK_structio:
		_struct(c, i, a->aux, v, b);
		break;
	case AK_argv:
		_argv(c, i, v, false, b);
		break;
	case AK_envp:
		_argv(c, i, v, true, b);
		break;
	case AK_iovec:
		decode_iovec(c, i, v, _arg_or(c, a, 0), -1, b);
		break;
	case AK_iovecout:
		if (!c->exiting || c->is_error)
			decode_iovec(c, i, v, _arg_or(c, a, 0), 0, b);
		else
			decode_iovec(c, i, v, _arg_or(c, a, 0), c->rval, b);
		break;
	case AK_sigset:
		decode_sigset(c, v, _arg_or(c, a, 4), b);
		break;
	case AK_sigsetout:
		if (decode_out_ready(c, v, b))
			decode_sigset(c, v, _arg_or(c, a, 4), b);
		break;
	case AK_sockaddr:
		decode_sockaddr(c, v, (uint32_t)_arg_or(c, a, 0), b);
		break;
	case AK_sockaddrout:
		if (decode_out_ready(c, v, b)) {
			uint32_t sl = 0;

			if (a->aux >= 0 && mem_read(c->tid, decode_value(c, a->aux), &sl, 4) < 0)
				sl = 0;
			decode_sockaddr(c, v, sl, b);
		}
		break;
	case AK_msghdr:
		decode_msghdr(c, i, v, false, b);
		break;
	case AK_msghdrout:
		if (!c->exiting || c->is_error)
			decode_ptr(b, v);
		else
			decode_msghdr(c, i, v, true, b);
		break;
	case AK_mmsghdr:
		decode_mmsghdr(c, i, v, (uint32_t)_arg_or(c, a, 0), false, b);
		break;
	case AK_mmsghdrout:
		if (decode_out_ready(c, v, b))
			decode_mmsghdr(c, i, v, (uint64_t)c->rval, true, b);
		break;
	case AK_gidarray:
		_gidarray(c, v, (uint32_t)_arg_or(c, a, 0), b);
		break;
	case AK_gidarrayout:
		if (decode_out_ready(c, v, b))
			_gidarray(c, v, (uint64_t)c->rval, b);
		break;
	case AK_cpuset:
		_cpuset(c, v, (uint32_t)_arg_or(c, a, 0), b);
		break;
	case AK_cpusetout:
		if (decode_out_ready(c, v, b))
			_cpuset(c, v, (uint64_t)c->rval, b);
		break;
	case AK_epolleventout:
		if (decode_out_ready(c, v, b))
			decode_epoll_events(c, v, (uint64_t)c->rval, b);
		break;
	case AK_dirents:
	case AK_dirents64:
		if (decode_out_ready(c, v, b))
			decode_dirents(c, v, a->kind == AK_dirents64, b);
		break;
	case AK_fdpair:
		if (decode_out_ready(c, v, b))
			decode_fdpair(c, v, b);
		break;
	case AK_waitstatus:
		if (!c->exiting || c->is_error || c->rval == 0)
			decode_ptr(b, v);
		else
			decode_waitstatus(c, v, b);
		break;
	case AK_intout:
		_scalar_out(c, v, 4, true, false, b);
		break;
	case AK_ulongout:
		_scalar_out(c, v, decode_wordsize(c), false, false, b);
		break;
	case AK_uidout:
	case AK_gidout:
		_scalar_out(c, v, 4, false, true, b);
		break;
	case AK_offout:
		_scalar_out(c, v, 8, true, false, b);
		break;
	case AK_offptr:
		_scalar(c, v, 8, true, false, b);
		break;
	case AK_socklenptr:
		_scalar(c, v, 4, false, false, b);
		break;
	case AK_pollfd:
		decode_pollfd(c, v, (uint32_t)_arg_or(c, a, 0), b);
		break;
	case AK_fdset:
		decode_fdset(c, v, (int32_t)_arg_or(c, a, 0), b);
		break;
	case AK_ptr:
		if (strcmp(c->se->name, "socketcall") == 0 && i == 1)
			decode_socketcall(c, i, b);
		else if (strcmp(c->se->name, "ipc") == 0 && i == 4)
			decode_ipc(c, i, b);
		else
			decode_ptr(b, v);
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

void decode_exit_status(struct jbuf *b, int status)
{
	const char *sig;

	if (!WIFSIGNALED(status)) {
		jb_key(b, "code");
		jb_int(b, WEXITSTATUS(status));
		return;
	}
	sig = xlat_name(XT_signal, WTERMSIG(status));
	jb_key(b, "signal");
	if (sig)
		jb_str(b, sig);
	else
		jb_int(b, WTERMSIG(status));
	jb_key(b, "core");
	jb_bool(b, WCOREDUMP(status));
}
