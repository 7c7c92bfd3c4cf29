/*
 * identity.c - fake root: -0, --fake-root (DESIGN.md §7 "identity").
 *
 * The translator's call table and hooks.  The work is done by its parts
 * (id.h): the emulated credentials of each process (id-procs.c),
 * the file database (id-files.c), the file calls (id-fcalls.c), the stat
 * and getdents results (id-stat.c), and the database file (id-db.c).
 * The identity calls and chown, chmod and access are answered in one
 * stop without running; the calls that make or remove files run and are
 * looked at again at their exit stop.  The x86_64 stat family and
 * getdents come from the filter's listener (notify.h) and are answered
 * without a stop: the supervisor makes the call itself; i386's stop.
 * open and openat stop only when they create (O_CREAT), until a process
 * is no longer root (id-trap.c).
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "tables/sysent.h"
#include "translate/id.h"

#define ID32 true		/* 32-bit ids on i386 too */
#define N NOARG
#define NOFOLLOW true

/* The calls the translator answers or rewrites, by neutral id:
   kind, sub, set, id32, fd, path, flags, arg, nofollow. */
static const struct id_call _calls[SYSID_COUNT] = {
	[SYSID_getuid]		= { K_GET, REAL, UIDS },
	[SYSID_getuid32]	= { K_GET, REAL, UIDS, ID32 },
	[SYSID_geteuid]		= { K_GET, EFFECTIVE, UIDS },
	[SYSID_geteuid32]	= { K_GET, EFFECTIVE, UIDS, ID32 },
	[SYSID_getgid]		= { K_GET, REAL, GIDS },
	[SYSID_getgid32]	= { K_GET, REAL, GIDS, ID32 },
	[SYSID_getegid]		= { K_GET, EFFECTIVE, GIDS },
	[SYSID_getegid32]	= { K_GET, EFFECTIVE, GIDS, ID32 },
	[SYSID_getresuid]	= { K_GETRES, 0, UIDS },
	[SYSID_getresuid32]	= { K_GETRES, 0, UIDS, ID32 },
	[SYSID_getresgid]	= { K_GETRES, 0, GIDS },
	[SYSID_getresgid32]	= { K_GETRES, 0, GIDS, ID32 },
	[SYSID_setuid]		= { K_SET, 0, UIDS },
	[SYSID_setuid32]	= { K_SET, 0, UIDS, ID32 },
	[SYSID_setgid]		= { K_SET, 0, GIDS },
	[SYSID_setgid32]	= { K_SET, 0, GIDS, ID32 },
	[SYSID_setreuid]	= { K_SETRE, 0, UIDS },
	[SYSID_setreuid32]	= { K_SETRE, 0, UIDS, ID32 },
	[SYSID_setregid]	= { K_SETRE, 0, GIDS },
	[SYSID_setregid32]	= { K_SETRE, 0, GIDS, ID32 },
	[SYSID_setresuid]	= { K_SETRES, 0, UIDS },
	[SYSID_setresuid32]	= { K_SETRES, 0, UIDS, ID32 },
	[SYSID_setresgid]	= { K_SETRES, 0, GIDS },
	[SYSID_setresgid32]	= { K_SETRES, 0, GIDS, ID32 },
	[SYSID_setfsuid]	= { K_SETFS, 0, UIDS },
	[SYSID_setfsuid32]	= { K_SETFS, 0, UIDS, ID32 },
	[SYSID_setfsgid]	= { K_SETFS, 0, GIDS },
	[SYSID_setfsgid32]	= { K_SETFS, 0, GIDS, ID32 },
	[SYSID_setgroups]	= { K_SETGROUPS, 0, GIDS },
	[SYSID_setgroups32]	= { K_SETGROUPS, 0, GIDS, ID32 },
	[SYSID_getgroups]	= { K_GETGROUPS, 0, GIDS },
	[SYSID_getgroups32]	= { K_GETGROUPS, 0, GIDS, ID32 },
	[SYSID_capget]		= { K_CAPGET },
	[SYSID_capset]		= { K_CAPSET },
	[SYSID_chown]		= { K_CHOWN, 0, UIDS, 0, N, 0, N, 1 },
	[SYSID_chown32]		= { K_CHOWN, 0, UIDS, ID32, N, 0, N, 1 },
	[SYSID_lchown]		= { K_CHOWN, 0, UIDS, 0, N, 0, N, 1, NOFOLLOW },
	[SYSID_lchown32]	= { K_CHOWN, 0, UIDS, ID32, N, 0, N, 1, NOFOLLOW },
	[SYSID_fchown]		= { K_CHOWN, 0, UIDS, 0, 0, N, N, 1 },
	[SYSID_fchown32]	= { K_CHOWN, 0, UIDS, ID32, 0, N, N, 1 },
	[SYSID_fchownat]	= { K_CHOWN, 0, UIDS, ID32, 0, 1, 4, 2 },
	[SYSID_chmod]		= { K_CHMOD, 0, 0, 0, N, 0, N, 1 },
	[SYSID_fchmod]		= { K_CHMOD, 0, 0, 0, 0, N, N, 1 },
	[SYSID_fchmodat]	= { K_CHMOD, 0, 0, 0, 0, 1, N, 2 },
	[SYSID_fchmodat2]	= { K_CHMOD, 0, 0, 0, 0, 1, 3, 2 },
	[SYSID_mknod]		= { K_MKNOD, 0, 0, 0, N, 0, N, 1, NOFOLLOW },
	[SYSID_mknodat]		= { K_MKNOD, 0, 0, 0, 0, 1, N, 2, NOFOLLOW },
	[SYSID_mkdir]		= { K_MKDIR, 0, 0, 0, N, 0, N, 1, NOFOLLOW },
	[SYSID_mkdirat]		= { K_MKDIR, 0, 0, 0, 0, 1, N, 2, NOFOLLOW },
	[SYSID_symlink]		= { K_SYMLINK, 0, 0, 0, N, 1, N, N, NOFOLLOW },
	[SYSID_symlinkat]	= { K_SYMLINK, 0, 0, 0, 1, 2, N, N, NOFOLLOW },
	[SYSID_open]		= { K_OPEN, O_OPEN, 0, 0, N, 0, N, 1 },
	[SYSID_openat]		= { K_OPEN, O_OPENAT, 0, 0, 0, 1, N, 2 },
	[SYSID_creat]		= { K_OPEN, O_CREAT_, 0, 0, N, 0, N, 1 },
	[SYSID_openat2]		= { K_OPEN, O_OPENAT2, 0, 0, 0, 1, N, 2 },
	[SYSID_unlink]		= { K_UNLINK, 0, 0, 0, N, 0, N, N, NOFOLLOW },
	[SYSID_rmdir]		= { K_UNLINK, 0, 0, 0, N, 0, N, N, NOFOLLOW },
	[SYSID_unlinkat]	= { K_UNLINK, 0, 0, 0, 0, 1, N, N, NOFOLLOW },
	[SYSID_rename]		= { K_RENAME, 0, 0, 0, N, 1, N, N, NOFOLLOW },
	[SYSID_renameat]	= { K_RENAME, 0, 0, 0, 2, 3, N, N, NOFOLLOW },
	[SYSID_renameat2]	= { K_RENAME, 0, 0, 0, 2, 3, N, 4, NOFOLLOW },
	[SYSID_access]		= { K_ACCESS, 0, 0, 0, N, 0, N, 1 },
	[SYSID_faccessat]	= { K_ACCESS, 0, 0, 0, 0, 1, N, 2 },
	[SYSID_faccessat2]	= { K_ACCESS, 0, 0, 0, 0, 1, 3, 2 },
	[SYSID_stat]		= { K_STAT },
	[SYSID_lstat]		= { K_STAT },
	[SYSID_fstat]		= { K_STAT },
	[SYSID_newfstatat]	= { K_STAT },
	[SYSID_statx]		= { K_STAT },
	[SYSID_oldstat]		= { K_STAT },
	[SYSID_oldlstat]	= { K_STAT },
	[SYSID_oldfstat]	= { K_STAT },
	[SYSID_stat64]		= { K_STAT },
	[SYSID_lstat64]		= { K_STAT },
	[SYSID_fstat64]		= { K_STAT },
	[SYSID_fstatat64]	= { K_STAT },
	[SYSID_getdents]	= { K_DENTS },
	[SYSID_getdents64]	= { K_DENTS },
};

static const struct id_call *_call(const struct xcall *x)
{
	if (!x->pol->fake_root || x->id < 0 || x->id >= SYSID_COUNT ||
	    _calls[x->id].kind == K_NONE)
		return NULL;
	return &_calls[x->id];
}

/* The flags argument of an open that may stop only when it creates, or
   -1 (creat, openat2: the flags are not in a register). */
static int _creating(unsigned int id)
{
	const struct id_call *c = &_calls[id];

	if (c->kind != K_OPEN || (c->sub != O_OPEN && c->sub != O_OPENAT))
		return -1;
	return c->arg;
}

/* The x86_64 stat family and getdents come from the listener where they
   can (i386's stop, as do all where there is no listener). */
static bool _notified(unsigned int id)
{
	return (_calls[id].kind == K_STAT || _calls[id].kind == K_DENTS) &&
	       sysent_nr(ABI_X86_64, (int)id) >= 0;
}

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;

	if (!p->fake_root)
		return;
	for (id = 0; id < SYSID_COUNT; id++)
		if (_calls[id].kind != K_NONE && _creating(id) < 0 && !_notified(id))
			need[id] = true;
}

/* open and openat stop only when they create while the fake fsuid is 0
   (id-trap.c); the others of the table always. */
static void _need_if(const struct policy *p, struct trap_if *when)
{
	unsigned int id;

	if (!p->fake_root)
		return;
	for (id = 0; id < SYSID_COUNT; id++) {
		if (_calls[id].kind == K_NONE || _creating(id) < 0)
			continue;
		when[id].arg = (int8_t)_creating(id);
		when[id].bits = O_CREAT;
	}
}

/* The x86_64 stat family and getdents are answered from the listener
   (notify.h): the supervisor makes the call itself, as at the stop,
   without the stop. */
static void _need_notify(const struct policy *p, bool *notify)
{
	unsigned int id;

	if (!p->fake_root)
		return;
	for (id = 0; id < SYSID_COUNT; id++)
		if (_notified(id))
			notify[id] = true;
}

static int _notify(struct xcall *x)
{
	const struct id_call *c = _call(x);

	if (!c)
		return 0;
	if (c->kind == K_DENTS)
		return ids_dents_notify(x);
	return c->kind == K_STAT ? ids_stat_notify(x) & XH_SKIP : 0;
}

/* set*id: a process whose fake fsuid leaves 0 is first made to add the
   filter that stops all its opens; its call then stops again. */
static int _ids(struct xcall *x, const struct id_call *c)
{
	struct id_ids before[2];
	int h;

	if (c->set != UIDS || c->kind < K_SET || c->kind > K_SETFS ||
	    !translate_filtered() || idp_opens(x->pid) == OPENS_DONE) {
		x->ret = idp_call(x, c);
		return XH_SKIP;
	}
	idp_save(x->pid, before);
	x->ret = idp_call(x, c);
	if (idp_ids(x->pid)[UIDS].fs == 0)
		return XH_SKIP;
	h = idt_trap_opens(x);
	if (!h)
		return XH_SKIP;	/* answered without: opens keep the kernel's checks */
	idp_restore(x->pid, before);
	return h;
}

static int _enter(struct xcall *x)
{
	const struct id_call *c = _call(x);

	if (!c)
		return 0;
	switch (c->kind) {
	case K_STAT:
		return ids_stat_enter(x);
	case K_DENTS:
		/* Only devices and the like change a d_type. */
		return idf_has_types() ? XH_EXIT : 0;
	case K_CHOWN:
	case K_CHMOD:
	case K_MKNOD:
	case K_MKDIR:
	case K_SYMLINK:
	case K_OPEN:
	case K_UNLINK:
	case K_RENAME:
	case K_ACCESS:
		return idc_enter(x, c);
	default:
		return _ids(x, c);
	}
}

static bool _on_exit(struct xcall *x)
{
	const struct id_call *c = _call(x);

	if (!c)
		return false;
	switch (c->kind) {
	case K_STAT:
		return x->ret == 0 && ids_stat_exit(x);
	case K_DENTS:
		return ids_dents_exit(x);
	default:
		return idc_exit(x, c);
	}
}

static int _start(const struct policy *p, char *err, size_t n)
{
	if (!p->fake_root)
		return 0;
	idf_init(getuid(), getgid());
	return p->fake_root_load ? iddb_load(p->fake_root_load, err, n) : 0;
}

static void _gone(pid_t pid)
{
	idp_gone(pid);
	idc_gone(pid);
}

static int _finish(const struct policy *p, char *err, size_t n)
{
	int rc = 0;

	if (p->fake_root_save)
		rc = iddb_save(p->fake_root_save, err, n);
	idf_reset();
	idp_reset();
	idc_reset();
	return rc;
}

const struct translator translate_identity = {
	.name = "identity",
	.need = _need,
	.need_if = _need_if,
	.need_notify = _need_notify,
	.notify = _notify,
	.enter = _enter,
	.exit = _on_exit,
	.start = _start,
	.fork = idp_fork,
	.gone = _gone,
	.finish = _finish,
};
