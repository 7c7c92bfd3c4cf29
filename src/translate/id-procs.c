/*
 * id-procs.c - fake root: the emulated credentials of each process.
 *
 * Every process has user and group ids (real, effective, saved,
 * filesystem), supplementary groups and, from them, capabilities: all
 * root's at the start, inherited at fork.  get*id, getgroups and capget
 * return them; set*id change them by the kernel's rules (kernel/sys.c),
 * setgroups replaces the groups, capset is accepted.  Processes whose
 * credentials are still root's have no entry.  On i386 the calls without
 * "32" in their name carry 16-bit ids, as the kernel's *16 ones.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>

#include "mem.h"
#include "tables/sysent.h"
#include "translate/id.h"

struct proc {
	pid_t pid;
	struct id_ids id[2];	/* [UIDS], [GIDS] */
	uint32_t ngroups;
	uint32_t *groups;	/* malloc'd, or _root_groups */
	uint8_t opens;		/* the filter that stops its opens: OPENS_* */
};

static uint32_t _root_groups[1];	/* { 0 } */
static void *_procs;		/* tsearch tree of struct proc */
static const struct proc _root = { .ngroups = 1, .groups = _root_groups };

static int _proc_cmp(const void *a, const void *b)
{
	pid_t x = ((const struct proc *)a)->pid, y = ((const struct proc *)b)->pid;

	return (x > y) - (x < y);
}

static const struct proc *_proc(pid_t pid)
{
	struct proc key = { .pid = pid };
	struct proc **n = tfind(&key, &_procs, _proc_cmp);

	return n ? *n : &_root;
}

/* The entry of pid, added with root's credentials if it had none; NULL
   when out of memory. */
static struct proc *_proc_entry(pid_t pid)
{
	struct proc key = { .pid = pid }, *p, **n;

	n = tfind(&key, &_procs, _proc_cmp);
	if (n)
		return *n;
	p = malloc(sizeof(*p));
	if (!p)
		return NULL;
	*p = _root;
	p->pid = pid;
	if (!tsearch(p, &_procs, _proc_cmp)) {
		free(p);
		return NULL;
	}
	return p;
}

static void _proc_free(void *v)
{
	struct proc *p = v;

	if (p->groups != _root_groups)
		free(p->groups);
	free(p);
}

void idp_gone(pid_t pid)
{
	struct proc key = { .pid = pid }, **n, *p;

	n = tfind(&key, &_procs, _proc_cmp);
	if (!n)
		return;
	p = *n;
	tdelete(&key, &_procs, _proc_cmp);
	_proc_free(p);
}

const struct id_ids *idp_ids(pid_t pid)
{
	return _proc(pid)->id;
}

void idp_save(pid_t pid, struct id_ids saved[2])
{
	memcpy(saved, _proc(pid)->id, 2 * sizeof(*saved));
}

void idp_restore(pid_t pid, const struct id_ids saved[2])
{
	struct proc *p = _proc_entry(pid);

	if (p)
		memcpy(p->id, saved, 2 * sizeof(*saved));
}

int idp_opens(pid_t pid)
{
	return _proc(pid)->opens;
}

int idp_set_opens(pid_t pid, int state)
{
	struct proc *p = _proc_entry(pid);

	if (!p)
		return -ENOMEM;
	p->opens = (uint8_t)state;
	return 0;
}

bool idp_in_group(pid_t pid, uint32_t gid)
{
	const struct proc *p = _proc(pid);
	uint32_t i;

	for (i = 0; i < p->ngroups; i++)
		if (p->groups[i] == gid)
			return true;
	return false;
}

/* --- ids in registers and memory ------------------------------------------ */

static bool _narrow(const struct xcall *x, const struct id_call *c)
{
	return x->abi == ABI_I386 && !c->id32;
}

uint32_t idp_id_arg(const struct xcall *x, const struct id_call *c, int i)
{
	if (_narrow(x, c))
		return (uint16_t)x->args[i] == UINT16_MAX ? NOID : (uint16_t)x->args[i];
	return (uint32_t)x->args[i];
}

uint32_t idp_id_out(const struct xcall *x, const struct id_call *c, uint32_t id)
{
	return _narrow(x, c) && id > UINT16_MAX ? OVERFLOW_ID : id;
}

/* --- get*id, set*id ------------------------------------------------------- */

static int64_t _getres(const struct xcall *x, const struct id_call *c)
{
	const struct id_ids *n = &_proc(x->pid)->id[c->set];
	uint32_t v[3] = { n->r, n->e, n->s };
	uint16_t v16;
	int i, rc;

	/* In order, up to the first pointer that cannot be written, as the
	   kernel's put_user() calls do. */
	for (i = 0; i < 3; i++) {
		if (_narrow(x, c)) {
			v16 = idp_id_out(x, c, v[i]);
			rc = mem_write(x->tid, x->args[i], &v16, sizeof(v16));
		} else {
			rc = mem_write(x->tid, x->args[i], &v[i], sizeof(v[i]));
		}
		if (rc < 0)
			return -EFAULT;
	}
	return 0;
}

/* The new ids after a set call (kernel/sys.c), and its result.  The
   emulated process is privileged (CAP_SETUID, CAP_SETGID) while its
   effective uid is 0.  Where the kernel would refuse an unprivileged
   change, the change is made all the same: set*id always succeed. */
static int64_t _set(const struct xcall *x, const struct id_call *c, struct id_ids *n, bool priv)
{
	uint32_t a = idp_id_arg(x, c, 0), b = idp_id_arg(x, c, 1), s = idp_id_arg(x, c, 2);
	uint32_t old_r = n->r, old_fs = n->fs;

	switch (c->kind) {
	case K_SET:
		if (a == NOID)
			return -EINVAL;
		if (priv)
			n->r = n->s = a;
		n->e = n->fs = a;
		return 0;
	case K_SETRE:
		if (a != NOID)
			n->r = a;
		if (b != NOID)
			n->e = b;
		if (a != NOID || (b != NOID && b != old_r))
			n->s = n->e;
		n->fs = n->e;
		return 0;
	case K_SETRES:
		if (a != NOID)
			n->r = a;
		if (b != NOID)
			n->e = b;
		if (s != NOID)
			n->s = s;
		n->fs = n->e;
		return 0;
	case K_SETFS:
		/* The old id whole, also from setfsuid16 (kernel/uid16.c). */
		if (a != NOID)
			n->fs = a;
		return old_fs;
	}
	return -ENOSYS;
}

static int64_t _setid(const struct xcall *x, const struct id_call *c)
{
	const struct proc *p = _proc(x->pid);
	struct id_ids n = p->id[c->set];
	struct proc *w;
	int64_t ret;

	ret = _set(x, c, &n, p->id[UIDS].e == 0);
	if (ret < 0 || memcmp(&n, &p->id[c->set], sizeof(n)) == 0)
		return ret;
	w = _proc_entry(x->pid);
	if (!w)
		return -ENOMEM;
	w->id[c->set] = n;
	return ret;
}

/* --- groups ------------------------------------------------------------------ */

static int64_t _getgroups(const struct xcall *x, const struct id_call *c)
{
	const struct proc *p = _proc(x->pid);
	int size = (int)x->args[0];
	size_t w = _narrow(x, c) ? 2 : 4;
	uint8_t *buf;
	uint32_t i, v;
	uint16_t v16;
	int rc;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return p->ngroups;
	if ((uint32_t)size < p->ngroups)
		return -EINVAL;
	buf = malloc(p->ngroups * w);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < p->ngroups; i++) {
		v = idp_id_out(x, c, p->groups[i]);
		v16 = v;
		memcpy(buf + i * w, w == 2 ? (void *)&v16 : (void *)&v, w);
	}
	rc = mem_write(x->tid, x->args[1], buf, p->ngroups * w);
	free(buf);
	return rc < 0 ? -EFAULT : p->ngroups;
}

static int64_t _setgroups(const struct xcall *x, const struct id_call *c)
{
	uint32_t size = (uint32_t)x->args[0], i, *g;
	size_t w = _narrow(x, c) ? 2 : 4;
	uint8_t *buf;
	struct proc *p;
	uint16_t v16;

	if (size > NGROUPS_MAX)
		return -EINVAL;
	buf = malloc(size * w + 1);
	g = malloc(size * sizeof(*g) + 1);
	if (!buf || !g) {
		free(buf);
		free(g);
		return -ENOMEM;
	}
	if (size && mem_read(x->tid, x->args[1], buf, size * w) < 0) {
		free(buf);
		free(g);
		return -EFAULT;
	}
	for (i = 0; i < size; i++) {
		if (w == 2) {
			memcpy(&v16, buf + i * 2, 2);
			g[i] = v16;
		} else {
			memcpy(&g[i], buf + i * 4, 4);
		}
	}
	free(buf);
	p = _proc_entry(x->pid);
	if (!p) {
		free(g);
		return -ENOMEM;
	}
	if (p->groups != _root_groups)
		free(p->groups);
	p->groups = g;
	p->ngroups = size;
	return 0;
}

/* --- capabilities ------------------------------------------------------------ */

/* All the capabilities this kernel has, as two 32-bit words. */
static void _full_caps(uint32_t w[2])
{
	static int last = -1;
	FILE *f;

	if (last < 0) {
		f = fopen("/proc/sys/kernel/cap_last_cap", "re");
		if (!f || fscanf(f, "%d", &last) != 1 || last < 0 || last > 63)
			last = CAP_LAST_CAP;
		if (f)
			fclose(f);
	}
	w[0] = last >= 31 ? UINT32_MAX : (UINT32_C(1) << (last + 1)) - 1;
	w[1] = last >= 63 ? UINT32_MAX : last < 32 ? 0 : (UINT32_C(1) << (last - 31)) - 1;
}

/* capget(header, data): root's full set while the effective uid is 0
   (permitted while any uid is), nothing for other ids. */
static int64_t _capget(const struct xcall *x)
{
	struct { uint32_t version; int32_t pid; } hdr;
	uint32_t data[2][3] = { { 0 } }, full[2];
	const struct id_ids *u;
	int n, i;

	if (mem_read(x->tid, x->args[0], &hdr, sizeof(hdr)) < 0)
		return -EFAULT;
	switch (hdr.version) {
	case _LINUX_CAPABILITY_VERSION_1:
		n = 1;
		break;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		n = 2;
		break;
	default:
		hdr.version = _LINUX_CAPABILITY_VERSION_3;
		if (mem_write(x->tid, x->args[0], &hdr.version, sizeof(hdr.version)) < 0)
			return -EFAULT;
		return x->args[1] ? -EINVAL : 0;
	}
	if (!x->args[1])
		return 0;
	if (hdr.pid < 0)
		return -EINVAL;
	u = _proc(hdr.pid ? hdr.pid : x->pid)->id;
	_full_caps(full);
	for (i = 0; i < n; i++) {
		data[i][0] = u[UIDS].e == 0 ? full[i] : 0;
		data[i][1] = u[UIDS].e == 0 || u[UIDS].r == 0 || u[UIDS].s == 0 ? full[i] : 0;
	}
	return mem_write(x->tid, x->args[1], data, n * sizeof(data[0])) < 0 ? -EFAULT : 0;
}

int64_t idp_call(const struct xcall *x, const struct id_call *c)
{
	const struct id_ids *n;

	switch (c->kind) {
	case K_GET:
		n = &_proc(x->pid)->id[c->set];
		return idp_id_out(x, c, c->sub == REAL ? n->r : n->e);
	case K_GETRES:
		return _getres(x, c);
	case K_GETGROUPS:
		return _getgroups(x, c);
	case K_SETGROUPS:
		return _setgroups(x, c);
	case K_CAPGET:
		return _capget(x);
	case K_CAPSET:
		return 0;
	default:
		return _setid(x, c);
	}
}

int idp_fork(pid_t parent, pid_t child)
{
	const struct proc *p = _proc(parent);
	struct proc *c;

	idp_gone(child);	/* a stale entry of a reused pid */
	if (p == &_root)
		return 0;
	c = _proc_entry(child);
	if (!c)
		return -ENOMEM;
	memcpy(c->id, p->id, sizeof(c->id));
	c->opens = p->opens;	/* the filter is inherited */
	if (p->groups != _root_groups) {
		c->groups = malloc(p->ngroups * sizeof(*c->groups) + 1);
		if (!c->groups) {
			c->groups = _root_groups;
			c->ngroups = 1;
			return -ENOMEM;
		}
		memcpy(c->groups, p->groups, p->ngroups * sizeof(*c->groups));
		c->ngroups = p->ngroups;
	}
	return 0;
}

void idp_reset(void)
{
	tdestroy(_procs, _proc_free);
	_procs = NULL;
}
