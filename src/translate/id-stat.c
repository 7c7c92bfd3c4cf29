/*
 * id-stat.c - fake root: what the stat family and getdents return,
 * rewritten at their exit stop to show the file database's view
 * (id-files.c): mode (type and permission bits), owner, group and device
 * number, in every layout of both ABIs (kstat.h, struct statx); and the
 * d_type of directory entries whose file shows another type (devices
 * made by mknod), so that find -type c and ls see them without a stat.
 * On x86_64 a stat relative to a directory descriptor or the cwd is made
 * by the supervisor itself (same credentials, from /proc/TID/fd/N) and
 * answered in one stop.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include "kstat.h"
#include "mem.h"
#include "tables/sysent.h"
#include "translate/id.h"

/* Where a stat layout has what is read and written: offset and width of
   the device (statx: its major, the minor follows), the inode, the mode,
   the uid (the gid follows) and rdev (statx: its major, minor follows). */
struct layout {
	int st;			/* ST_* */
	uint16_t size;
	uint8_t dev, ino, mode, uid, rdev;
	uint8_t dev_w, ino_w, mode_w, id_w, rdev_w;
};

#define W(type, f) sizeof(((struct type *)0)->f)
#define LAYOUT(st, type, dev, ino, mode, uid, rdev) { st, sizeof(struct type), \
	offsetof(struct type, dev), offsetof(struct type, ino), \
	offsetof(struct type, mode), offsetof(struct type, uid), \
	offsetof(struct type, rdev), W(type, dev), W(type, ino), W(type, mode), \
	W(type, uid), W(type, rdev) }

static const struct layout _layouts[] = {
	LAYOUT(ST_stat, k_stat64_x86_64, st_dev, st_ino, st_mode, st_uid, st_rdev),
	LAYOUT(ST_stat_i386, k_stat_i386, st_dev, st_ino, st_mode, st_uid, st_rdev),
	LAYOUT(ST_stat64, k_stat64_i386, st_dev, st_ino, st_mode, st_uid, st_rdev),
	LAYOUT(ST_old_kernel_stat, k_old_kernel_stat, st_dev, st_ino, st_mode, st_uid, st_rdev),
	LAYOUT(ST_statx, statx, stx_dev_major, stx_ino, stx_mode, stx_uid, stx_rdev_major),
};

/* The layout of the call's stat buffer and in *addr where it is, from
   the signature the decoder reads too; NULL when it has none. */
static const struct layout *_stat_buf(const struct xcall *x, uint64_t *addr)
{
	const struct sysent *se = sysent_get(x->abi, sysent_nr(x->abi, x->id));
	unsigned int k;
	int i;

	for (i = 0; se && i < se->nargs; i++) {
		if (se->args[i].kind != AK_structout)
			continue;
		for (k = 0; k < sizeof(_layouts) / sizeof(_layouts[0]); k++) {
			if (_layouts[k].st == se->args[i].aux) {
				*addr = x->args[se->args[i].reg];
				return &_layouts[k];
			}
		}
	}
	return NULL;
}

/* An unsigned field of w bytes at b + off. */
static uint64_t _get(const uint8_t *b, size_t off, size_t w)
{
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;

	switch (w) {
	case 2:
		memcpy(&v16, b + off, 2);
		return v16;
	case 4:
		memcpy(&v32, b + off, 4);
		return v32;
	default:
		memcpy(&v64, b + off, 8);
		return v64;
	}
}

static void _put(uint8_t *b, size_t off, size_t w, uint64_t v)
{
	uint32_t v32 = v;
	uint16_t v16 = v;

	if (w == 2)
		memcpy(b + off, &v16, 2);
	else if (w == 4)
		memcpy(b + off, &v32, 4);
	else
		memcpy(b + off, &v, 8);
}

static uint32_t _narrow_id(const struct layout *l, uint32_t id)
{
	return l->id_w == 2 && id > UINT16_MAX ? OVERFLOW_ID : id;
}

bool ids_stat_exit(const struct xcall *x)
{
	uint8_t b[sizeof(struct statx)], old[sizeof(struct statx)];	/* statx: the largest */
	const struct layout *l;
	struct fview v;
	uint64_t addr;
	uint32_t mask = UINT32_MAX;
	bool sx;

	l = _stat_buf(x, &addr);
	if (!l || l->size > sizeof(b) || mem_read(x->tid, addr, b, l->size) < 0)
		return false;
	memcpy(old, b, l->size);
	sx = l->st == ST_statx;
	/* Device numbers as stat() gives them to xlat: the kernel's
	   encoding, the same in every layout for the numbers Linux has. */
	if (sx) {
		mask = _get(b, offsetof(struct statx, stx_mask), 4);
		v.dev = makedev(_get(b, l->dev, 4), _get(b, l->dev + 4, 4));
		v.rdev = makedev(_get(b, l->rdev, 4), _get(b, l->rdev + 4, 4));
	} else {
		v.dev = _get(b, l->dev, l->dev_w);
		v.rdev = _get(b, l->rdev, l->rdev_w);
	}
	v.ino = _get(b, l->ino, l->ino_w);
	v.mode = _get(b, l->mode, l->mode_w);
	v.uid = _get(b, l->uid, l->id_w);
	v.gid = _get(b, l->uid + l->id_w, l->id_w);
	v.nlink = 1;
	idf_view(&v);
	/* statx: only the fields the kernel filled in. */
	if (mask & STATX_UID)
		_put(b, l->uid, l->id_w, _narrow_id(l, v.uid));
	if (mask & STATX_GID)
		_put(b, l->uid + l->id_w, l->id_w, _narrow_id(l, v.gid));
	if (!sx) {
		_put(b, l->mode, l->mode_w, v.mode);
		_put(b, l->rdev, l->rdev_w, v.rdev);
	} else {
		if (mask & STATX_TYPE)
			_put(b, l->mode, 2, (_get(b, l->mode, 2) & ~S_IFMT) | (v.mode & S_IFMT));
		if (mask & STATX_MODE)
			_put(b, l->mode, 2, (_get(b, l->mode, 2) & S_IFMT) | (v.mode & ~S_IFMT));
		_put(b, l->rdev, 4, major(v.rdev));
		_put(b, l->rdev + 4, 4, minor(v.rdev));
	}
	if (memcmp(old, b, l->size) == 0)
		return false;
	return mem_write(x->tid, addr, b, l->size) == 0;
}

/* getdents (unsigned long d_ino, d_off; d_type last) and getdents64
   (u64 d_ino, d_off; d_type after d_reclen): the d_type of entries whose
   file shows another type. */
bool ids_dents_exit(const struct xcall *x)
{
	bool is64 = x->id == SYSID_getdents64;
	size_t lw = is64 || x->abi != ABI_I386 ? 8 : 4;	/* d_ino, d_off */
	size_t len = (size_t)x->ret, off, tpos;
	char path[64];
	struct stat dir;
	uint16_t reclen;
	uint32_t type;
	bool changed = false;
	uint8_t *b;

	if (x->ret <= 0 || !idf_has_types())
		return false;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", x->tid, (int)x->args[0]);
	if (stat(path, &dir) < 0)
		return false;
	b = malloc(len);
	if (!b)
		return false;
	if (mem_read(x->tid, x->args[1], b, len) < 0) {
		free(b);
		return false;
	}
	for (off = 0; off + 2 * lw + 2 < len; off += reclen) {
		memcpy(&reclen, b + off + 2 * lw, 2);
		if (reclen == 0 || off + reclen > len)
			break;
		type = idf_type(dir.st_dev, _get(b, off, lw));
		if (!type || !(S_ISCHR(type) || S_ISBLK(type) || S_ISFIFO(type) || S_ISSOCK(type)))
			continue;
		tpos = is64 ? off + 2 * lw + 2 : off + reclen - 1;
		if (b[tpos] != DT_REG)
			continue;
		b[tpos] = IFTODT(type);
		changed = true;
	}
	if (changed)
		changed = mem_write(x->tid, x->args[1], b, len) == 0;
	free(b);
	return changed;
}

/* The listener's getdents: where no entry fakes a type, the call runs as
   it is; else it is made here on the tracee's own open directory (a
   duplicate from pidfd_getfd shares its position), the records written
   into its buffer and rewritten. */
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL	/* Linux 6.9: a pidfd for any thread */
#endif
#define DENTS_MAX 65536

static int _tracee_fd(pid_t tid, int fd)
{
	int pfd, dup, err;

	pfd = (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD);
	if (pfd < 0)
		pfd = (int)syscall(SYS_pidfd_open, tid, 0);	/* a leader, before 6.9 */
	if (pfd < 0)
		return -errno;
	dup = (int)syscall(SYS_pidfd_getfd, pfd, fd, 0);
	err = errno;
	close(pfd);
	return dup < 0 ? -err : dup;
}

int ids_dents_notify(struct xcall *x)
{
	bool is64 = x->id == SYSID_getdents64;
	size_t len = (size_t)x->args[2] < DENTS_MAX ? (size_t)x->args[2] : DENTS_MAX;
	long n;
	void *b;
	int fd;

	if (!idf_has_types() || x->abi != ABI_X86_64)
		return 0;
	fd = _tracee_fd(x->tid, (int)x->args[0]);
	if (fd == -EBADF) {
		x->ret = -EBADF;
		return XH_SKIP;
	}
	b = fd < 0 ? NULL : malloc(len ? len : 1);
	if (!b) {
		if (fd >= 0)
			close(fd);
		return 0;	/* it runs, its types as the disk has them */
	}
	n = syscall(is64 ? SYS_getdents64 : SYS_getdents, fd, b, len);
	x->ret = n < 0 ? -errno : n;
	close(fd);
	if (n > 0 && mem_write(x->tid, x->args[1], b, (size_t)n) < 0)
		x->ret = -EFAULT;
	free(b);
	if (x->ret > 0)
		ids_dents_exit(x);
	return XH_SKIP;
}

/* --- one stop: the stat made by the supervisor --------------------------- */

_Static_assert(sizeof(struct stat) == sizeof(struct k_stat64_x86_64) &&
	       offsetof(struct stat, st_mode) == offsetof(struct k_stat64_x86_64, st_mode) &&
	       offsetof(struct stat, st_rdev) == offsetof(struct k_stat64_x86_64, st_rdev),
	       "glibc's struct stat is the kernel's on x86_64");

/* Where an x86_64 stat call has its arguments: dirfd (NOARG: AT_FDCWD),
   path (NOARG: the fd itself), flags (NOARG: fixed), buffer, and statx's
   mask. */
static bool _stat_args(const struct xcall *x, int *dfd, uint64_t *path, int *flags,
		       uint64_t *buf, unsigned int *mask)
{
	const uint64_t *a = x->args;

	*mask = 0;
	switch (x->id) {
	case SYSID_newfstatat:
		*dfd = (int)a[0], *path = a[1], *buf = a[2], *flags = (int)a[3];
		return true;
	case SYSID_statx:
		*dfd = (int)a[0], *path = a[1], *flags = (int)a[2], *mask = (unsigned int)a[3];
		*buf = a[4];
		return true;
	case SYSID_fstat:
		*dfd = (int)a[0], *path = 0, *buf = a[1], *flags = AT_EMPTY_PATH;
		return true;
	case SYSID_stat:
	case SYSID_lstat:
		*dfd = AT_FDCWD, *path = a[0], *buf = a[1];
		*flags = x->id == SYSID_lstat ? AT_SYMLINK_NOFOLLOW : 0;
		return true;
	}
	return false;
}

/* The errors the supervisor's own stat gives as the tracee's would: it
   has the same credentials and starts from the same directory. */
static bool _same_error(int e)
{
	return e == ENOENT || e == ENOTDIR || e == ELOOP || e == EACCES || e == ENAMETOOLONG;
}

/* The stat of x made by the supervisor, through the tracee's own links
   in /proc (its root, cwd or fd: the same lookup from the same place,
   with the same credentials), and the result written into its buffer.
   whole: every case is answered (the listener cannot let the call run
   and look at it later); else XH_EXIT where the call had better run. */
static int _stat_here(struct xcall *x, bool whole)
{
	char path[PATH_MAX], proc[PATH_MAX + 64];
	unsigned int mask;
	uint64_t pathp, buf;
	int dfd, flags, k, rc, fd = -1;
	const char *at;
	struct statx stx;
	struct stat st;
	struct fview v;
	bool complete;
	ssize_t n;

	if (x->abi != ABI_X86_64 || !_stat_args(x, &dfd, &pathp, &flags, &buf, &mask))
		return XH_EXIT;
	if (!whole && (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
				 (x->id == SYSID_statx ? AT_STATX_SYNC_TYPE : 0))))
		return XH_EXIT;
	path[0] = '\0';
	n = 0;
	if (pathp) {
		n = mem_read_str(x->tid, pathp, path, sizeof(path) - 1, &complete);
		if (n < 0 || !complete) {
			if (!whole)
				return XH_EXIT;
			x->ret = n < 0 ? -EFAULT : -ENAMETOOLONG;
			return XH_SKIP;
		}
		path[n] = '\0';
	}
	if (!path[0] && !(flags & AT_EMPTY_PATH)) {
		if (!whole)
			return XH_EXIT;
		x->ret = pathp ? -ENOENT : -EFAULT;
		return XH_SKIP;
	}
	/* One lookup through the tracee's own link to its root, its cwd or
	   the directory (or to the file, for an empty path: followed, it is
	   the fd's file even when that is a symlink opened with O_PATH), no
	   descriptor of our own: /proc/TID/root/PATH, /proc/TID/cwd/PATH,
	   /proc/TID/fd/N/PATH or /proc/TID/fd/N.  A path from the root is
	   answered so only when it must be: for a process in a chroot of its
	   own, .. at its root would climb out. */
	if (path[0] == '/' && !whole)
		return XH_EXIT;
	if (path[0] == '/')
		k = snprintf(proc, sizeof(proc), "/proc/%d/root", x->tid);
	else if (dfd == AT_FDCWD)
		k = snprintf(proc, sizeof(proc), "/proc/%d/cwd", x->tid);
	else if (dfd >= 0)
		k = snprintf(proc, sizeof(proc), "/proc/%d/fd/%d", x->tid, dfd);
	else if (!whole)
		return XH_EXIT;
	else {
		x->ret = -EBADF;
		return XH_SKIP;
	}
	at = proc;
	if (path[0] && (size_t)k + 1 + (size_t)n >= PATH_MAX) {
		/* Too long for us, not for the tracee: from a descriptor. */
		if (!whole)
			return XH_EXIT;
		fd = open(proc, O_PATH | O_CLOEXEC);
		if (fd < 0) {
			x->ret = errno == ENOENT ? -EBADF : -errno;
			return XH_SKIP;
		}
		at = path[0] == '/' ? path + 1 : path;
	} else if (path[0]) {
		proc[k] = '/';
		memcpy(proc + k + 1, path[0] == '/' ? path + 1 : path, (size_t)n + 1);
	} else {
		flags &= ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);
	}
	if (x->id == SYSID_statx)
		rc = statx(fd >= 0 ? fd : AT_FDCWD, at, flags, mask, &stx);
	else
		rc = fstatat(fd >= 0 ? fd : AT_FDCWD, at, &st, flags);
	rc = rc < 0 ? -errno : 0;
	if (fd >= 0)
		close(fd);
	if (rc < 0) {
		if (!whole && !_same_error(-rc))
			return XH_EXIT;
		proc[k] = '\0';	/* no such fd: the kernel says EBADF */
		if (rc == -ENOENT && dfd >= 0 && path[0] != '/' && lstat(proc, &st) < 0) {
			if (!whole)
				return XH_EXIT;
			rc = -EBADF;
		}
		x->ret = rc;
		return XH_SKIP;
	}
	if (x->id == SYSID_statx) {
		if (mem_write(x->tid, buf, &stx, sizeof(stx)) < 0)
			goto fault;
		ids_stat_exit(x);
	} else {
		idf_from_stat(&v, &st);
		idf_view(&v);
		st.st_mode = v.mode;
		st.st_uid = v.uid;
		st.st_gid = v.gid;
		st.st_rdev = v.rdev;
		if (mem_write(x->tid, buf, &st, sizeof(st)) < 0)
			goto fault;
	}
	x->ret = 0;
	return XH_SKIP;
fault:
	if (!whole)
		return XH_EXIT;
	x->ret = -EFAULT;
	return XH_SKIP;
}

int ids_stat_enter(struct xcall *x)
{
	return _stat_here(x, false);
}

int ids_stat_notify(struct xcall *x)
{
	return _stat_here(x, true);
}
