/*
 * guest-unix.c - AF_UNIX socket paths under the guest root (-r, -b): the
 * sun_path a program binds, connects or sends to is a guest path, turned
 * into its host path (in the scratch area); the names the kernel hands
 * back (getsockname, getpeername, accept, recvfrom) become guest paths
 * again.  Abstract names (a leading NUL) and unnamed sockets pass as they
 * are.  i386's socketcall multiplexes these calls in memory and is not
 * translated (xlat.1 says so).
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

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;
	int a, l;
	bool out;

	if (!_active(p))
		return;
	for (id = 0; id < sysent_count; id++)
		if ((sysent_table[id].classes & CLS_NETWORK) && _addr_args(id, &out, &a, &l))
			need[id] = true;
}

/* The capacity of the buffer of an output address, read at entry. */
static pid_t _cap_tid;
static uint32_t _cap;

static int _on_enter(struct xcall *x)
{
	const struct path_view *v = &x->pol->view;
	struct sockaddr_un sun;
	struct path_res r;
	uint64_t len, dest;
	bool out, binds;
	int areg, lreg, rc;
	size_t k;

	if (!_active(x->pol) || !_addr_args(x->id, &out, &areg, &lreg) || !x->args[areg])
		return 0;
	if (out) {
		_cap = 0;
		_cap_tid = x->tid;
		if (x->args[lreg])
			mem_read(x->tid, x->args[lreg], &_cap, sizeof(_cap));
		return XH_EXIT;
	}
	len = x->args[lreg];
	if (len <= SUN_OFF + 1 || len > (uint64_t)SUN_LEN_MAX)
		return 0;
	memset(&sun, 0, sizeof(sun));
	if (mem_read(x->tid, x->args[areg], &sun, len) < 0 || sun.sun_family != AF_UNIX ||
	    !sun.sun_path[0])
		return 0;	/* the kernel's to fail, or abstract */
	k = strnlen(sun.sun_path, len - SUN_OFF);
	sun.sun_path[k < sizeof(sun.sun_path) ? k : sizeof(sun.sun_path) - 1] = '\0';
	binds = strcmp(sysent_table[x->id].name, "bind") == 0;
	rc = path_resolve(v, x->tid, x->pid, -100, false, sun.sun_path,
			  binds ? PATH_NOFOLLOW : 0, &r);
	if (rc > 0)
		return 0;
	if (rc == 0 && strlen(r.host) >= sizeof(sun.sun_path))
		rc = -ENAMETOOLONG;	/* the host path does not fit sun_path */
	if (rc < 0) {
		x->ret = rc;
		return XH_SKIP;
	}
	strcpy(sun.sun_path, r.host);
	len = SUN_OFF + strlen(r.host) + 1;
	rc = scratch_put(x->tid, x->pid, SCRATCH_DATA, &sun, len, &dest);
	if (rc) {
		x->ret = rc;
		return XH_SKIP;
	}
	x->rewrote |= (1u << areg) | (1u << lreg);
	x->orig[areg] = x->args[areg];
	x->orig[lreg] = x->args[lreg];
	x->args[areg] = dest;
	x->args[lreg] = len;
	if (regs_set_args(x->tid, x->abi, x->args) < 0) {
		x->ret = -EPERM;
		return XH_SKIP;
	}
	return 0;
}

static bool _on_exit(struct xcall *x)
{
	const struct path_view *v = &x->pol->view;
	struct sockaddr_un sun;
	char g[sizeof(sun.sun_path) * 4];
	uint32_t n, cap;
	bool out;
	int areg, lreg;
	size_t len;

	if (!_active(x->pol) || x->ret < 0 || !_addr_args(x->id, &out, &areg, &lreg) || !out ||
	    !x->args[areg] || !x->args[lreg] || _cap_tid != x->tid)
		return false;
	cap = _cap;
	_cap_tid = 0;
	if (mem_read(x->tid, x->args[lreg], &n, sizeof(n)) < 0 || n <= SUN_OFF + 1)
		return false;
	memset(&sun, 0, sizeof(sun));
	if (mem_read(x->tid, x->args[areg], &sun, n < cap ? (n < sizeof(sun) ? n : sizeof(sun)) :
		     (cap < sizeof(sun) ? cap : sizeof(sun))) < 0 ||
	    sun.sun_family != AF_UNIX || !sun.sun_path[0])
		return false;
	sun.sun_path[sizeof(sun.sun_path) - 1] = '\0';
	if (path_to_guest(v, sun.sun_path, g, sizeof(g)) < 0 || strlen(g) >= sizeof(sun.sun_path))
		return false;	/* no guest name, or none that fits: as it is */
	strcpy(sun.sun_path, g);
	len = SUN_OFF + strlen(g) + 1;
	/* As the kernel: the buffer gets what fits, the length says all. */
	if (mem_write(x->tid, x->args[areg], &sun, len < cap ? len : cap) < 0)
		return false;
	n = (uint32_t)len;
	mem_write(x->tid, x->args[lreg], &n, sizeof(n));
	return false;	/* the result is unchanged */
}

const struct translator translate_guest_unix = {
	.name = "guest-unix",
	.need = _need,
	.enter = _on_enter,
	.exit = _on_exit,
};
