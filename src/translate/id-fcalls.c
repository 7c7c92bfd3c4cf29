/*
 * id-fcalls.c - fake root: the calls that make, change, remove and check
 * files, kept in the file database (id-files.c).
 *
 *   chown      skipped; the owner is recorded (the file keeps its own)
 *   chmod      made by the supervisor with at least u+rw (u+rwx for a
 *              directory) so that the real user can still use the file;
 *              the mode asked for is recorded; EPERM is ignored
 *   mknod      a device becomes a regular empty file (the call is made
 *              with S_IFREG) recorded with its type and number
 *   creation   mkdir, mknod, symlink and open with O_CREAT: at exit the
 *              new file gets the fake fsuid and fsgid (the directory's
 *              group when it is set-group-ID), and any entry left by an
 *              earlier file of that inode is dropped; modes are made with
 *              the same floor as chmod
 *   unlink     unlink, rmdir, rename over a file: the entry of an inode
 *              whose last name went is dropped at exit
 *   access     answered from the recorded owner and mode, as the kernel
 *              answers root (R and W always; X when some x bit is set or
 *              for a directory) or another fake id
 *   open       as a fake fsuid other than 0, checked against the recorded
 *              owner and mode before the kernel sees it
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "mem.h"
#include "policy.h"
#include "regs.h"
#include "tables/sysent.h"
#include "translate/id.h"

#define FLOOR_FILE (S_IRUSR | S_IWUSR)
#define FLOOR_DIR (S_IRWXU)

/* --- what a call names ------------------------------------------------------ */

/* stat() what a descriptor of tid refers to (its cwd for AT_FDCWD). */
static int _stat_fd(pid_t tid, int fd, struct stat *st)
{
	char path[64];

	if (fd == AT_FDCWD)
		snprintf(path, sizeof(path), "/proc/%d/cwd", tid);
	else if (fd < 0)
		return -EBADF;
	else
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", tid, fd);
	if (stat(path, st) == 0)
		return 0;
	return errno == ENOENT && fd != AT_FDCWD ? -EBADF : -errno;
}

/* Split path into its directory (into dir) and last name; "." when it
   has no slash.  A trailing slash belongs to the name. */
static const char *_split(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');

	while (slash && slash > path && slash[1] == '\0') {
		/* "a/b/": the name is "b/" */
		const char *p = slash - 1;

		while (p > path && *p != '/')
			p--;
		slash = *p == '/' ? p : NULL;
	}
	if (!slash)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
	return slash ? slash + 1 : path;
}

/* The host path of (dirfd, path) in tid, in real: 0 or -errno.  With
   nofollow only the directory is resolved, so that a symbolic link at
   the end is the file; a trailing slash, "." and ".." follow. */
static int _host_path(pid_t tid, int dirfd, bool use_dirfd, const char *path,
		      bool nofollow, char *real, size_t n)
{
	char dir[PATH_MAX];
	const char *name = _split(path, dir, sizeof(dir));
	size_t len;
	int rc;

	if (!nofollow || !*name || strchr(name, '/') || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return policy_resolve(tid, dirfd, use_dirfd, path, real, n);
	rc = policy_resolve(tid, dirfd, use_dirfd, dir, real, n);
	if (rc < 0)
		return rc;
	len = strlen(real);
	if (snprintf(real + len, n - len, "%s%s", len && real[len - 1] == '/' ? "" : "/",
		     name) >= (int)(n - len))
		return -ENAMETOOLONG;
	return 0;
}

/* The file call c of x names. */
struct target {
	char host[PATH_MAX * 2];	/* its host path; "" for a descriptor */
	char path[PATH_MAX];		/* as the command gave it */
	int dirfd;
	bool at, nofollow, byfd;
};

static int _target(const struct xcall *x, const struct id_call *c, struct target *t)
{
	int flags = c->flags == NOARG ? 0 : (int)x->args[c->flags];
	bool complete;
	ssize_t n;

	t->host[0] = t->path[0] = '\0';
	t->at = c->fd != NOARG && c->path != NOARG;
	t->dirfd = c->fd == NOARG ? AT_FDCWD : (int)x->args[c->fd];
	t->nofollow = c->nofollow || (flags & AT_SYMLINK_NOFOLLOW);
	t->byfd = c->path == NOARG;
	if (t->byfd)
		return 0;
	n = mem_read_str(x->tid, x->args[c->path], t->path, sizeof(t->path) - 1, &complete);
	if (n < 0)
		return -EFAULT;
	if (!complete)
		return -ENAMETOOLONG;
	t->path[n] = '\0';
	if (n == 0) {
		if (!(flags & AT_EMPTY_PATH))
			return -ENOENT;
		t->byfd = true;
		return 0;
	}
	return _host_path(x->tid, t->dirfd, t->at, t->path, t->nofollow, t->host,
			  sizeof(t->host));
}

static int _target_stat(pid_t tid, const struct target *t, struct stat *st)
{
	if (t->byfd)
		return _stat_fd(tid, t->dirfd, st);
	if ((t->nofollow ? lstat(t->host, st) : stat(t->host, st)) == 0)
		return 0;
	return -errno;
}

/* The directory a new name is made in, as the command sees it. */
static int _parent_view(const struct xcall *x, const struct target *t, struct fview *v)
{
	char dir[PATH_MAX], host[PATH_MAX * 2];
	struct stat st;
	int rc;

	_split(t->path, dir, sizeof(dir));
	rc = policy_resolve(x->tid, t->dirfd, t->at, dir, host, sizeof(host));
	if (rc < 0)
		return rc;
	if (stat(host, &st) < 0)
		return -errno;
	idf_from_stat(v, &st);
	idf_view(v);
	return 0;
}

/* --- the state of a call between its stops ----------------------------------- */

struct pend {
	pid_t tid;
	bool absent;		/* open O_CREAT: the name was free at entry */
	bool victim;		/* unlink, rename: a file with an entry goes */
	uint64_t dev, ino;
};

static void *_pends;

static int _pend_cmp(const void *a, const void *b)
{
	pid_t x = ((const struct pend *)a)->tid, y = ((const struct pend *)b)->tid;

	return (x > y) - (x < y);
}

static struct pend *_pend(pid_t tid, bool add)
{
	struct pend key = { .tid = tid }, **n, *p;

	n = tfind(&key, &_pends, _pend_cmp);
	if (n || !add)
		return n ? *n : NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->tid = tid;
	if (!tsearch(p, &_pends, _pend_cmp)) {
		free(p);
		return NULL;
	}
	return p;
}

static void _pend_clear(pid_t tid)
{
	struct pend *p = _pend(tid, false);

	if (p)
		p->absent = p->victim = false;
}

void idc_gone(pid_t pid)
{
	struct pend key = { .tid = pid }, *p = _pend(pid, false);

	if (p) {
		tdelete(&key, &_pends, _pend_cmp);
		free(p);
	}
}

/* The file a chown, chmod or access names: its target, what stat()
   says of it and what the command sees.  0 or -errno. */
static int _named(const struct xcall *x, const struct id_call *c, int allowed,
		  struct target *t, struct stat *st, struct fview *v)
{
	int flags = c->flags == NOARG ? 0 : (int)x->args[c->flags];
	int rc;

	if (flags & ~allowed)
		return -EINVAL;
	rc = _target(x, c, t);
	if (rc == 0)
		rc = _target_stat(x->tid, t, st);
	if (rc < 0)
		return rc;
	idf_from_stat(v, st);
	idf_view(v);
	return 0;
}

/* --- permissions ------------------------------------------------------------- */

/* May a process with (uid, gid) do want (R_OK, W_OK, X_OK) to v?  As
   the kernel: root reads and writes anything, and executes what has an
   x bit (searches any directory). */
static bool _may(pid_t pid, uint32_t uid, uint32_t gid, const struct fview *v, int want)
{
	unsigned int perm;

	if (uid == 0)
		return !(want & X_OK) || S_ISDIR(v->mode) || (v->mode & 0111);
	if (uid == v->uid)
		perm = (v->mode >> 6) & 7;
	else if (gid == v->gid || idp_in_group(pid, v->gid))
		perm = (v->mode >> 3) & 7;
	else
		perm = v->mode & 7;
	return (want & perm) == (want & 7);
}

/* access, faccessat, faccessat2 */
static int64_t _access(const struct xcall *x, const struct id_call *c)
{
	int flags = c->flags == NOARG ? 0 : (int)x->args[c->flags];
	int want = (int)x->args[c->arg];
	const struct id_ids *ids = idp_ids(x->pid);
	bool eff = flags & AT_EACCESS;
	struct target t;
	struct stat st;
	struct fview v;
	int rc;

	if (want & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	rc = _named(x, c, AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &t, &st, &v);
	if (rc < 0 || want == F_OK)
		return rc;
	if (!_may(x->pid, eff ? ids[UIDS].fs : ids[UIDS].r, eff ? ids[GIDS].fs : ids[GIDS].r,
		  &v, want))
		return -EACCES;
	/* Root cannot write a read-only file system either. */
	if ((want & W_OK) && !t.byfd && access(t.host, W_OK) < 0 && errno == EROFS)
		return -EROFS;
	return 0;
}

/* --- chown, chmod -------------------------------------------------------------- */

static int64_t _chown(const struct xcall *x, const struct id_call *c)
{
	uint32_t uid = idp_id_arg(x, c, c->arg), gid = idp_id_arg(x, c, c->arg + 1);
	struct target t;
	struct stat st;
	struct fview v;
	int rc;

	/* -1 keeps the owner the command saw until now. */
	rc = _named(x, c, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &t, &st, &v);
	if (rc < 0 || (uid == NOID && gid == NOID))
		return rc;
	if (uid != NOID)
		v.uid = uid;
	if (gid != NOID)
		v.gid = gid;
	return idf_set(&v);
}

static int64_t _chmod(const struct xcall *x, const struct id_call *c)
{
	uint32_t mode = (uint32_t)x->args[c->arg] & 07777, real;
	char fdpath[64];
	struct target t;
	struct stat st;
	struct fview v;
	int rc;

	rc = _named(x, c, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &t, &st, &v);
	if (rc < 0)
		return rc;
	if (S_ISLNK(st.st_mode))
		return -EOPNOTSUPP;
	real = mode | (S_ISDIR(st.st_mode) ? FLOOR_DIR : FLOOR_FILE);
	if (t.byfd && t.dirfd == AT_FDCWD)
		snprintf(fdpath, sizeof(fdpath), "/proc/%d/cwd", x->tid);
	else if (t.byfd)
		snprintf(fdpath, sizeof(fdpath), "/proc/%d/fd/%d", x->tid, t.dirfd);
	/* The real user cannot chmod a file it does not own: the mode is
	   recorded all the same, as fakeroot does. */
	if (chmod(t.byfd ? fdpath : t.host, real) < 0 && errno != EPERM)
		return -errno;
	v.mode = (v.mode & S_IFMT) | mode;
	return idf_set_or_drop(&v, &st);
}

/* --- creation ------------------------------------------------------------------ */

/* The mode a creating call asks for, its position, and the floor. */
static int _mode_arg(const struct xcall *x, const struct id_call *c, uint32_t *floor)
{
	int flags;

	switch (c->kind) {
	case K_MKDIR:
		*floor = FLOOR_DIR;
		return c->arg;
	case K_MKNOD:
		*floor = FLOOR_FILE;
		return c->arg;
	case K_OPEN:
		*floor = FLOOR_FILE;
		if (c->sub == O_CREAT_)
			return c->arg;
		flags = (int)x->args[c->arg];
		return flags & O_CREAT ? c->arg + 1 : NOARG;
	}
	return NOARG;
}

/* At entry of a creating call: raise the mode to the floor; a device
   becomes a regular file.  0 or -errno. */
static int _create_enter(struct xcall *x, const struct id_call *c)
{
	uint64_t args[6];
	uint32_t floor, type;
	int i = _mode_arg(x, c, &floor);

	if (i == NOARG)
		return 0;
	memcpy(args, x->args, sizeof(args));
	if (c->kind == K_MKNOD) {
		type = (uint32_t)args[i] & S_IFMT;
		if (type == S_IFCHR || type == S_IFBLK)
			args[i] = (args[i] & ~(uint64_t)S_IFMT) | S_IFREG;
	}
	args[i] |= floor;
	if (memcmp(args, x->args, sizeof(args)) == 0)
		return 0;
	return regs_set_args(x->tid, x->abi, args);
}

/* At exit of a creating call that succeeded: the new file's entry. */
static int _create_exit(const struct xcall *x, const struct id_call *c)
{
	const struct id_ids *ids = idp_ids(x->pid);
	struct fview v, dir;
	struct target t;
	struct stat st;
	uint32_t floor = 0, asked = 07777, type;
	int i, rc;

	rc = _target(x, c, &t);
	if (rc < 0)
		return rc;
	if (c->kind == K_OPEN)
		rc = _stat_fd(x->tid, (int)x->ret, &st);
	else
		rc = lstat(t.host, &st) == 0 ? 0 : -errno;
	if (rc < 0)
		return rc;
	idf_from_stat(&v, &st);
	v.uid = ids[UIDS].fs;
	v.gid = ids[GIDS].fs;
	if (_parent_view(x, &t, &dir) == 0 && (dir.mode & S_ISGID)) {
		v.gid = dir.gid;
		if (S_ISDIR(st.st_mode))
			v.mode |= S_ISGID;
	}
	i = _mode_arg(x, c, &floor);
	if (i != NOARG)
		asked = (uint32_t)x->args[i] & 07777;
	v.mode &= S_IFMT | asked | ~floor;
	if (c->kind == K_MKNOD) {
		type = (uint32_t)x->args[c->arg] & S_IFMT;
		if (type == S_IFCHR || type == S_IFBLK) {
			v.mode = (v.mode & ~S_IFMT) | type;
			v.rdev = (uint32_t)x->args[c->arg + 1];
		}
	}
	return idf_set_or_drop(&v, &st);
}

/* --- open ---------------------------------------------------------------------- */

static int _open_flags(const struct xcall *x, const struct id_call *c, uint64_t *flags)
{
	struct open_how how;

	switch (c->sub) {
	case O_CREAT_:
		*flags = O_CREAT | O_WRONLY | O_TRUNC;
		return 0;
	case O_OPENAT2:
		if (mem_read(x->tid, x->args[2], &how, sizeof(how.flags)) < 0)
			return -EFAULT;
		*flags = how.flags;
		return 0;
	default:
		*flags = (uint32_t)x->args[c->arg];
		return 0;
	}
}

/* The K_OPEN entry: root's or another fake id's permissions, and the
   creation's floor. */
static int _open_enter(struct xcall *x, const struct id_call *c)
{
	const struct id_ids *ids = idp_ids(x->pid);
	struct id_call oc = *c;
	uint64_t flags;
	struct target t;
	struct stat st;
	struct fview v;
	struct pend *p;
	int want = 0, rc;
	bool exists;

	rc = _open_flags(x, c, &flags);
	if (rc < 0 || (!(flags & O_CREAT) && ids[UIDS].fs == 0))
		return 0;
	oc.nofollow = flags & (O_NOFOLLOW | O_EXCL);
	if (_target(x, &oc, &t) < 0)
		return 0;
	exists = _target_stat(x->tid, &t, &st) == 0;
	if (ids[UIDS].fs != 0 && !(flags & O_PATH)) {
		if (exists) {
			idf_from_stat(&v, &st);
			idf_view(&v);
			if ((flags & O_ACCMODE) != O_WRONLY)
				want |= R_OK;
			if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
				want |= W_OK;
		} else if (flags & O_CREAT) {
			if (_parent_view(x, &t, &v) < 0)
				return 0;
			want = W_OK | X_OK;
		}
		if (want && !_may(x->pid, ids[UIDS].fs, ids[GIDS].fs, &v, want)) {
			x->ret = -EACCES;
			return XH_SKIP;
		}
	}
	if (!(flags & O_CREAT) || (exists && !(flags & O_EXCL)) || c->sub == O_OPENAT2)
		return 0;
	p = _pend(x->tid, true);
	if (!p)
		return 0;
	p->absent = true;
	rc = _create_enter(x, c);
	return rc < 0 ? 0 : XH_EXIT;
}

/* --- unlink, rename ------------------------------------------------------------ */

static int _unlink_enter(struct xcall *x, const struct id_call *c)
{
	struct target t;
	struct stat st;
	struct pend *p;

	if (c->kind == K_RENAME && c->arg != NOARG && (x->args[c->arg] & 3))
		return 0;	/* RENAME_NOREPLACE, RENAME_EXCHANGE: no file goes */
	if (_target(x, c, &t) < 0 || _target_stat(x->tid, &t, &st) < 0)
		return 0;
	if (!idf_type(st.st_dev, st.st_ino) || (st.st_nlink > 1 && !S_ISDIR(st.st_mode)))
		return 0;
	p = _pend(x->tid, true);
	if (!p)
		return 0;
	p->victim = true;
	p->dev = st.st_dev;
	p->ino = st.st_ino;
	return XH_EXIT;
}

/* --- the hooks ----------------------------------------------------------------- */

int idc_enter(struct xcall *x, const struct id_call *c)
{
	int rc;

	_pend_clear(x->tid);
	switch (c->kind) {
	case K_CHOWN:
		x->ret = _chown(x, c);
		return XH_SKIP;
	case K_CHMOD:
		x->ret = _chmod(x, c);
		return XH_SKIP;
	case K_ACCESS:
		x->ret = _access(x, c);
		return XH_SKIP;
	case K_OPEN:
		return _open_enter(x, c);
	case K_UNLINK:
	case K_RENAME:
		return _unlink_enter(x, c);
	case K_MKNOD:
	case K_MKDIR:
	case K_SYMLINK:
		rc = _create_enter(x, c);
		if (rc < 0) {
			x->ret = rc;
			return XH_SKIP;
		}
		return XH_EXIT;
	}
	return 0;
}

bool idc_exit(struct xcall *x, const struct id_call *c)
{
	struct pend *p = _pend(x->tid, false);

	if (x->ret < 0)
		return false;
	switch (c->kind) {
	case K_OPEN:
		if (p && p->absent)
			_create_exit(x, c);
		break;
	case K_MKNOD:
	case K_MKDIR:
	case K_SYMLINK:
		_create_exit(x, c);
		break;
	case K_UNLINK:
	case K_RENAME:
		if (p && p->victim)
			idf_drop(p->dev, p->ino);
		break;
	}
	if (p)
		p->absent = p->victim = false;
	return false;
}

void idc_reset(void)
{
	tdestroy(_pends, free);
	_pends = NULL;
}
