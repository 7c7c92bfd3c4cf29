/*
 * guest-unix.c - AF_UNIX socket paths under the guest root (-r, -b): the
 * sun_path a program binds, connects or sends to is a guest path, turned
 * into its host path (in the scratch area); the names the kernel hands
 * back (getsockname, getpeername, accept, recvfrom) become guest paths
 * again; sendmsg's and recvmsg's msg_name too, and all of these when
 * i386's socketcall multiplexes them.  Abstract names (a leading NUL) and
 * unnamed sockets pass as they are.  sendmmsg/recvmmsg are not translated
 * (xlat.1 says so).
 *
 * It calls the path resolver, the scratch area and tracee memory.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "mem.h"
#include "path.h"
#include "regs.h"
#include "scratch.h"
#include "tables/sysent.h"
#include "translate/translate.h"

#define SUN_LEN_MAX ((int)sizeof(struct sockaddr_un))
#define SUN_OFF offsetof(struct sockaddr_un, sun_path)
#define CHANGED 0x100		/* x->args rewritten (bits in x->rewrote) */

static bool _active(const struct policy *p)
{
	return path_view_active(&p->view);
}

/* The socket address arguments of call id: the address and, for an
   input address, its length; for an output one, the socklen_t pointer. */
static bool _addr_args(int id, bool *out, int *areg, int *lreg)
{
	const struct sysent *se;
	int i;

	if (id < 0)
		return false;
	se = &sysent_table[id];
	for (i = 0; i < se->nargs; i++) {
		if (se->args[i].kind != AK_sockaddr && se->args[i].kind != AK_sockaddrout)
			continue;
		if (se->args[i].aux < 0 || se->args[i].aux >= se->nargs)
			return false;
		*out = se->args[i].kind == AK_sockaddrout;
		*areg = se->args[i].reg;
		*lreg = se->args[se->args[i].aux].reg;
		return true;
	}
	return false;
}

static bool _named(int id, const char *name)
{
	return id >= 0 && strcmp(sysent_table[id].name, name) == 0;
}

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;
	int a, l;
	bool out;

	if (!_active(p))
		return;
	for (id = 0; id < sysent_count; id++)
		if (((sysent_table[id].classes & CLS_NETWORK) && _addr_args(id, &out, &a, &l)) ||
		    _named(id, "sendmsg") || _named(id, "recvmsg") || _named(id, "socketcall"))
			need[id] = true;
}

/* The guest sockaddr_un sun (of length len) as its host twin, in place:
   1 when it changed, 0 when it is no named AF_UNIX address, -errno. */
static int _to_host(struct xcall *x, struct sockaddr_un *sun, uint64_t *len, bool binds)
{
	struct path_res r;
	size_t k;
	int rc;

	if (*len <= SUN_OFF + 1 || *len > (uint64_t)SUN_LEN_MAX || sun->sun_family != AF_UNIX ||
	    !sun->sun_path[0])
		return 0;
	k = strnlen(sun->sun_path, *len - SUN_OFF);
	sun->sun_path[k < sizeof(sun->sun_path) ? k : sizeof(sun->sun_path) - 1] = '\0';
	rc = path_resolve(&x->pol->view, x->tid, x->pid, -100, false, sun->sun_path,
			  binds ? PATH_NOFOLLOW : 0, &r);
	if (rc > 0)
		return 0;
	if (rc == 0 && strlen(r.host) >= sizeof(sun->sun_path))
		rc = -ENAMETOOLONG;	/* the host path does not fit sun_path */
	if (rc < 0)
		return rc;
	strcpy(sun->sun_path, r.host);
	*len = SUN_OFF + strlen(r.host) + 1;
	return 1;
}

/* The guest name of the host AF_UNIX address sun, in place: its new
   length, or 0 when it has none (or none that fits). */
static size_t _to_guest(const struct xcall *x, struct sockaddr_un *sun)
{
	char g[sizeof(sun->sun_path) * 4];

	if (sun->sun_family != AF_UNIX || !sun->sun_path[0])
		return 0;
	sun->sun_path[sizeof(sun->sun_path) - 1] = '\0';
	if (path_to_guest(&x->pol->view, sun->sun_path, g, sizeof(g)) < 0 ||
	    strlen(g) >= sizeof(sun->sun_path))
		return 0;
	strcpy(sun->sun_path, g);
	return SUN_OFF + strlen(g) + 1;
}

/* struct msghdr's msg_name and msg_namelen, per ABI. */
static int _msg_name(const struct xcall *x, uint64_t *name, uint32_t *namelen, size_t *size)
{
	uint32_t m32[7];
	uint64_t m64[7];

	if (x->abi == ABI_I386) {
		if (mem_read(x->tid, x->args[1], m32, sizeof(m32)) < 0)
			return -EFAULT;
		*name = m32[0];
		*namelen = m32[1];
		*size = sizeof(m32);
	} else {
		if (mem_read(x->tid, x->args[1], m64, sizeof(m64)) < 0)
			return -EFAULT;
		*name = m64[0];
		*namelen = (uint32_t)m64[1];
		*size = 7 * 8;
	}
	return 0;
}

/* sendmsg: a copy of the msghdr whose msg_name is the host address. */
static int _sendmsg(struct xcall *x)
{
	struct sockaddr_un sun;
	unsigned char hdr[7 * 8];
	uint64_t name, len, dest, hdest;
	uint32_t namelen, nl;
	size_t size;
	int rc;

	if (_msg_name(x, &name, &namelen, &size) < 0 || !name)
		return 0;
	len = namelen;
	memset(&sun, 0, sizeof(sun));
	if (len > sizeof(sun) || mem_read(x->tid, name, &sun, len) < 0)
		return 0;
	rc = _to_host(x, &sun, &len, false);
	if (rc <= 0)
		return rc;
	if (mem_read(x->tid, x->args[1], hdr, size) < 0)
		return -EFAULT;
	rc = scratch_put(x->tid, x->pid, SCRATCH_DATA, &sun, len, &dest);
	if (rc)
		return rc;
	nl = (uint32_t)len;
	if (x->abi == ABI_I386) {
		uint32_t d32 = (uint32_t)dest;

		memcpy(hdr, &d32, 4);
		memcpy(hdr + 4, &nl, 4);
	} else {
		memcpy(hdr, &dest, 8);
		memcpy(hdr + 8, &nl, 4);
	}
	rc = scratch_put(x->tid, x->pid, SCRATCH_DATA + 128, hdr, size, &hdest);
	if (rc)
		return rc;
	x->rewrote |= 1u << 1;
	x->orig[1] = x->args[1];
	x->args[1] = hdest;
	return CHANGED;
}

/* recvmsg: the sender's name, as the guest knows it. */
static void _recvmsg(const struct xcall *x)
{
	struct sockaddr_un sun;
	uint64_t name;
	uint32_t namelen, nl;
	size_t size, len;

	if (_msg_name(x, &name, &namelen, &size) < 0 || !name || namelen <= SUN_OFF + 1)
		return;
	memset(&sun, 0, sizeof(sun));
	if (mem_read(x->tid, name, &sun, namelen < sizeof(sun) ? namelen : sizeof(sun)) < 0)
		return;
	len = _to_guest(x, &sun);
	if (!len || mem_write(x->tid, name, &sun, len < namelen ? len : namelen) < 0)
		return;
	nl = (uint32_t)len;
	mem_write(x->tid, x->args[1] + (x->abi == ABI_I386 ? 4 : 8), &nl, sizeof(nl));
}

/* The capacity of the buffer of an output address, read at entry. */
static pid_t _cap_tid;
static uint32_t _cap;

/* The calls i386's socketcall(call, args) stands for, by SYS_* number
   (linux/net.h), and how many 32-bit words of args each reads. */
static const struct { const char *name; int nargs; } _sockcalls[] = {
	[2] = { "bind", 3 }, [3] = { "connect", 3 }, [5] = { "accept", 3 },
	[6] = { "getsockname", 3 }, [7] = { "getpeername", 3 }, [11] = { "sendto", 6 },
	[12] = { "recvfrom", 6 }, [16] = { "sendmsg", 3 }, [17] = { "recvmsg", 3 },
	[18] = { "accept4", 4 },
};

/* The call a socketcall stands for, as a call of its own in y: its word
   count, or 0 when it is none of ours. */
static int _unmux(const struct xcall *x, struct xcall *y)
{
	uint32_t w[6];
	uint64_t call = x->args[0];
	int i, n;

	if (x->abi != ABI_I386 || !_named(x->id, "socketcall") ||
	    call >= sizeof(_sockcalls) / sizeof(_sockcalls[0]) || !_sockcalls[call].name)
		return 0;
	n = _sockcalls[call].nargs;
	if (mem_read(x->tid, x->args[1], w, n * sizeof(*w)) < 0)
		return 0;
	*y = *x;
	y->rewrote = 0;
	for (i = 0; i < 6; i++)
		y->args[i] = i < n ? w[i] : 0;
	for (i = 0; i < (int)sysent_count; i++)
		if (strcmp(sysent_table[i].name, _sockcalls[call].name) == 0)
			break;
	y->id = i < (int)sysent_count ? i : -1;
	return y->id < 0 ? 0 : n;
}

/* Entry: 0 (as it is), CHANGED, XH_EXIT (the result needs the exit stop),
   or -errno to fail the call with. */
static int _enter_core(struct xcall *x)
{
	struct sockaddr_un sun;
	uint64_t len, dest;
	bool out;
	int areg, lreg, rc;

	if (_named(x->id, "sendmsg"))
		return _sendmsg(x);
	if (_named(x->id, "recvmsg"))
		return XH_EXIT;
	if (!_addr_args(x->id, &out, &areg, &lreg) || !x->args[areg])
		return 0;
	if (out) {
		_cap = 0;
		_cap_tid = x->tid;
		if (x->args[lreg])
			mem_read(x->tid, x->args[lreg], &_cap, sizeof(_cap));
		return XH_EXIT;
	}
	len = x->args[lreg];
	memset(&sun, 0, sizeof(sun));
	if (len > sizeof(sun) || mem_read(x->tid, x->args[areg], &sun, len) < 0)
		return 0;	/* the kernel's to fail */
	rc = _to_host(x, &sun, &len, _named(x->id, "bind"));
	if (rc <= 0)
		return rc;
	rc = scratch_put(x->tid, x->pid, SCRATCH_DATA, &sun, len, &dest);
	if (rc < 0)
		return rc;
	x->rewrote |= (1u << areg) | (1u << lreg);
	x->orig[areg] = x->args[areg];
	x->orig[lreg] = x->args[lreg];
	x->args[areg] = dest;
	x->args[lreg] = len;
	return CHANGED;
}

static int _on_enter(struct xcall *x)
{
	struct xcall y;
	uint32_t w[6];
	uint64_t dest;
	int n, i, rc;

	if (!_active(x->pol))
		return 0;
	n = _unmux(x, &y);
	rc = _enter_core(n ? &y : x);
	if (rc == CHANGED && n) {
		/* A copy of socketcall's argument words, with the new ones. */
		for (i = 0; i < n; i++)
			w[i] = (uint32_t)y.args[i];
		rc = scratch_put(x->tid, x->pid, SCRATCH_DATA + 512, w, n * sizeof(*w), &dest);
		if (rc == 0) {
			x->rewrote |= 1u << 1;
			x->orig[1] = x->args[1];
			x->args[1] = dest;
			rc = CHANGED;
		}
	}
	if (rc == CHANGED)
		rc = regs_set_args(x->tid, x->abi, x->args) < 0 ? -EPERM : 0;
	if (rc < 0) {
		x->ret = rc;
		return XH_SKIP;
	}
	return rc;
}

/* Exit: the names the kernel gave back, as the guest knows them. */
static void _exit_core(struct xcall *x)
{
	struct sockaddr_un sun;
	uint32_t n, cap;
	bool out;
	int areg, lreg;
	size_t len;

	if (_named(x->id, "recvmsg")) {
		_recvmsg(x);
		return;
	}
	if (!_addr_args(x->id, &out, &areg, &lreg) || !out || !x->args[areg] || !x->args[lreg] ||
	    _cap_tid != x->tid)
		return;
	cap = _cap;
	_cap_tid = 0;
	if (mem_read(x->tid, x->args[lreg], &n, sizeof(n)) < 0 || n <= SUN_OFF + 1)
		return;
	memset(&sun, 0, sizeof(sun));
	len = n < cap ? n : cap;
	if (mem_read(x->tid, x->args[areg], &sun, len < sizeof(sun) ? len : sizeof(sun)) < 0)
		return;
	len = _to_guest(x, &sun);
	/* As the kernel: the buffer gets what fits, the length says all. */
	if (!len || mem_write(x->tid, x->args[areg], &sun, len < cap ? len : cap) < 0)
		return;
	n = (uint32_t)len;
	mem_write(x->tid, x->args[lreg], &n, sizeof(n));
}

static bool _on_exit(struct xcall *x)
{
	struct xcall y;

	if (!_active(x->pol) || x->ret < 0)
		return false;
	_exit_core(_unmux(x, &y) ? &y : x);
	return false;	/* the result is unchanged */
}

const struct translator translate_guest_unix = {
	.name = "guest-unix",
	.need = _need,
	.enter = _on_enter,
	.exit = _on_exit,
};
