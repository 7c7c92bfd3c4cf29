/*
 * identity.c - fake root: -0, --fake-root (DESIGN.md §7 "identity").
 *
 * Every process has emulated user and group ids (real, effective, saved,
 * filesystem), all 0 at the start and inherited at fork.  get*id return
 * them and set*id change them by the kernel's rules, in one stop: the call
 * is skipped.  chown and friends are skipped too, and remember the owner
 * they give a file by its (st_dev, st_ino); the stat family shows that
 * owner at its exit stop, and shows the real user's files as root's.  The
 * remembered owners can be loaded before the command starts and saved
 * after it ends (--fake-root-load, --fake-root-save), one file a line:
 *
 *     dev=0x803,ino=1234,uid=1000,gid=1000
 *
 * Processes whose ids are still all 0 have no entry.  On i386 the calls
 * without "32" in their name carry 16-bit ids, as the kernel's *16 ones.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <search.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "kstat.h"
#include "mem.h"
#include "tables/sysent.h"
#include "translate/translate.h"

#define NOID UINT32_MAX		/* -1: leave the id as it is */
#define OVERFLOW_ID 65534	/* a 16-bit field's view of a larger id */

enum kind {
	K_NONE,
	K_GET,		/* getuid, geteuid, getgid, getegid */
	K_GETRES,	/* getresuid, getresgid */
	K_SET,		/* setuid, setgid */
	K_SETRE,	/* setreuid, setregid */
	K_SETRES,	/* setresuid, setresgid */
	K_SETFS,	/* setfsuid, setfsgid */
	K_SETGROUPS,
	K_CHOWN,	/* chown, lchown, fchown, fchownat */
	K_STAT,		/* the stat family: rewritten at exit */
};

/* K_GET: which id. */
enum { REAL, EFFECTIVE };
/* K_CHOWN: how the call names its file, and so where its arguments are. */
enum { BY_PATH, BY_LINK, BY_FD, BY_AT };
/* Which set of ids a call is about. */
enum { UIDS, GIDS };

#define ID32 true		/* 32-bit ids on i386 too */

struct call {
	uint8_t kind;		/* enum kind */
	uint8_t sub;		/* K_GET: REAL or EFFECTIVE; K_CHOWN: BY_* */
	uint8_t set;		/* UIDS or GIDS */
	bool id32;
};

/* The calls the translator answers or rewrites, by neutral id. */
static const struct call _calls[SYSID_COUNT] = {
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
	[SYSID_chown]		= { K_CHOWN, BY_PATH, UIDS },
	[SYSID_chown32]		= { K_CHOWN, BY_PATH, UIDS, ID32 },
	[SYSID_lchown]		= { K_CHOWN, BY_LINK, UIDS },
	[SYSID_lchown32]	= { K_CHOWN, BY_LINK, UIDS, ID32 },
	[SYSID_fchown]		= { K_CHOWN, BY_FD, UIDS },
	[SYSID_fchown32]	= { K_CHOWN, BY_FD, UIDS, ID32 },
	[SYSID_fchownat]	= { K_CHOWN, BY_AT, UIDS, ID32 },
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
};

/* --- processes ----------------------------------------------------------- */

struct ids {
	uint32_t r, e, s, fs;
};

struct proc {
	pid_t pid;
	struct ids id[2];	/* [UIDS], [GIDS] */
};

static void *_procs;		/* tsearch tree of struct proc */
static const struct proc _root;	/* the ids of a process without an entry */

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

/* The entry of pid, added with ids all 0 if it had none; NULL when out
   of memory. */
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

static void _proc_drop(pid_t pid)
{
	struct proc key = { .pid = pid }, **n, *p;

	n = tfind(&key, &_procs, _proc_cmp);
	if (!n)
		return;
	p = *n;
	tdelete(&key, &_procs, _proc_cmp);
	free(p);
}

/* --- files --------------------------------------------------------------- */

struct file {
	uint64_t dev, ino;
	uint32_t uid, gid;
};

static void *_files;		/* tsearch tree of struct file */
static uint32_t _real_uid, _real_gid;	/* xlat's, shown as root's */

static int _file_cmp(const void *a, const void *b)
{
	const struct file *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return (x->ino > y->ino) - (x->ino < y->ino);
}

/* The entry of (dev, ino) in *f: 1 when it was added (owner unset),
   0 when it was there, -ENOMEM. */
static int _file_entry(uint64_t dev, uint64_t ino, struct file **f)
{
	struct file key = { .dev = dev, .ino = ino }, **n;

	n = tfind(&key, &_files, _file_cmp);
	if (n) {
		*f = *n;
		return 0;
	}
	*f = malloc(sizeof(**f));
	if (!*f)
		return -ENOMEM;
	**f = key;
	if (!tsearch(*f, &_files, _file_cmp)) {
		free(*f);
		return -ENOMEM;
	}
	return 1;
}

/* The owner the command sees for a file the kernel says (uid, gid) owns. */
static void _owner(uint64_t dev, uint64_t ino, uint32_t *uid, uint32_t *gid)
{
	struct file key = { .dev = dev, .ino = ino }, **n;

	n = tfind(&key, &_files, _file_cmp);
	if (n) {
		*uid = (*n)->uid;
		*gid = (*n)->gid;
		return;
	}
	if (*uid == _real_uid)
		*uid = 0;
	if (*gid == _real_gid)
		*gid = 0;
}

/* --- ids in registers and memory ------------------------------------------ */

static bool _narrow(const struct xcall *x, const struct call *c)
{
	return x->abi == ABI_I386 && !c->id32;
}

/* Argument i as an id, NOID for -1. */
static uint32_t _id_arg(const struct xcall *x, const struct call *c, int i)
{
	if (_narrow(x, c))
		return (uint16_t)x->args[i] == UINT16_MAX ? NOID : (uint16_t)x->args[i];
	return (uint32_t)x->args[i];
}

/* An id as a call of c's width shows it. */
static uint32_t _id_out(const struct xcall *x, const struct call *c, uint32_t id)
{
	return _narrow(x, c) && id > UINT16_MAX ? OVERFLOW_ID : id;
}

/* --- get*id, set*id ------------------------------------------------------- */

static int64_t _getres(const struct xcall *x, const struct call *c)
{
	const struct ids *n = &_proc(x->pid)->id[c->set];
	uint32_t v[3] = { n->r, n->e, n->s };
	uint16_t v16;
	int i, rc;

	/* In order, up to the first pointer that cannot be written, as the
	   kernel's put_user() calls do. */
	for (i = 0; i < 3; i++) {
		if (_narrow(x, c)) {
			v16 = _id_out(x, c, v[i]);
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
static int64_t _set(const struct xcall *x, const struct call *c, struct ids *n, bool priv)
{
	uint32_t a = _id_arg(x, c, 0), b = _id_arg(x, c, 1), s = _id_arg(x, c, 2);
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
	case K_SETGROUPS:
		/* Accepted and forgotten: getgroups shows the real groups. */
		return (unsigned int)x->args[0] > NGROUPS_MAX ? -EINVAL : 0;
	}
	return -ENOSYS;
}

static int64_t _setid(const struct xcall *x, const struct call *c)
{
	const struct proc *p = _proc(x->pid);
	struct ids n = p->id[c->set];
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

/* --- chown ----------------------------------------------------------------- */

/* stat() what a descriptor of tid refers to (its cwd for AT_FDCWD). */
static int _stat_fd(pid_t tid, int fd, struct stat *st)
{
	char path[64];

	if (fd == AT_FDCWD)
		snprintf(path, sizeof(path), "/proc/%d/cwd", tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", tid, fd);
	if (stat(path, st) == 0)
		return 0;
	return errno == ENOENT && fd != AT_FDCWD ? -EBADF : -errno;
}

/* stat() or, with nofollow, lstat() the file the kernel would reach from
   (dirfd, path) in tid.  With nofollow only the directory is resolved,
   so that a symbolic link at the end is the file; a trailing slash, "."
   and ".." follow, as in the kernel. */
static int _stat_path(pid_t tid, int dirfd, bool use_dirfd, const char *path,
		      bool nofollow, struct stat *st)
{
	char dir[PATH_MAX], real[PATH_MAX * 2];
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t len;
	int rc;

	if (!nofollow || !*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		rc = policy_resolve(tid, dirfd, use_dirfd, path, real, sizeof(real));
		if (rc < 0)
			return rc;
		return stat(real, st) == 0 ? 0 : -errno;
	}
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	rc = policy_resolve(tid, dirfd, use_dirfd, dir, real, sizeof(real));
	if (rc < 0)
		return rc;
	len = strlen(real);
	if (snprintf(real + len, sizeof(real) - len, "/%s", name) >= (int)(sizeof(real) - len))
		return -ENAMETOOLONG;
	return lstat(real, st) == 0 ? 0 : -errno;
}

/* The file a chown call names, as stat() sees it: 0 or -errno. */
static int _chown_target(const struct xcall *x, const struct call *c, struct stat *st)
{
	char path[PATH_MAX];
	int dirfd = AT_FDCWD, flags = 0;
	bool complete;
	ssize_t n;

	if (c->sub == BY_FD)
		return (int)x->args[0] < 0 ? -EBADF : _stat_fd(x->tid, (int)x->args[0], st);
	if (c->sub == BY_AT) {
		dirfd = (int)x->args[0];
		flags = (int)x->args[4];
		if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
			return -EINVAL;
	}
	n = mem_read_str(x->tid, x->args[c->sub == BY_AT ? 1 : 0], path,
			 sizeof(path) - 1, &complete);
	if (n < 0)
		return -EFAULT;
	if (!complete)
		return -ENAMETOOLONG;
	path[n] = '\0';
	if (n == 0)
		return flags & AT_EMPTY_PATH ? _stat_fd(x->tid, dirfd, st) : -ENOENT;
	return _stat_path(x->tid, dirfd, c->sub == BY_AT, path,
			  c->sub == BY_LINK || (flags & AT_SYMLINK_NOFOLLOW), st);
}

static int64_t _chown(const struct xcall *x, const struct call *c)
{
	int first = c->sub == BY_AT ? 2 : 1;	/* the user argument */
	uint32_t uid = _id_arg(x, c, first), gid = _id_arg(x, c, first + 1), u, g;
	struct stat st;
	struct file *f;
	int rc;

	rc = _chown_target(x, c, &st);
	if (rc < 0 || (uid == NOID && gid == NOID))
		return rc;
	/* -1 keeps the owner the command saw until now. */
	u = st.st_uid;
	g = st.st_gid;
	_owner(st.st_dev, st.st_ino, &u, &g);
	rc = _file_entry(st.st_dev, st.st_ino, &f);
	if (rc < 0)
		return rc;
	f->uid = uid == NOID ? u : uid;
	f->gid = gid == NOID ? g : gid;
	return 0;
}

/* --- stat ------------------------------------------------------------------ */

/* Where a stat layout has what the translator reads and writes: offset
   and width of the device (statx: its major, the minor follows), the
   inode and the uid (the gid follows). */
struct layout {
	int st;			/* ST_* */
	uint16_t size;
	uint8_t dev, ino, uid;
	uint8_t dev_w, ino_w, id_w;
};

#define LAYOUT(st, type, dev, ino, uid) { st, sizeof(struct type), \
	offsetof(struct type, dev), offsetof(struct type, ino), offsetof(struct type, uid), \
	sizeof(((struct type *)0)->dev), sizeof(((struct type *)0)->ino), \
	sizeof(((struct type *)0)->uid) }

static const struct layout _layouts[] = {
	LAYOUT(ST_stat, k_stat64_x86_64, st_dev, st_ino, st_uid),
	LAYOUT(ST_stat_i386, k_stat_i386, st_dev, st_ino, st_uid),
	LAYOUT(ST_stat64, k_stat64_i386, st_dev, st_ino, st_uid),
	LAYOUT(ST_old_kernel_stat, k_old_kernel_stat, st_dev, st_ino, st_uid),
	LAYOUT(ST_statx, statx, stx_dev_major, stx_ino, stx_uid),
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

static void _put(uint8_t *b, size_t off, size_t w, uint32_t v)
{
	uint16_t v16 = v;

	if (w == 2)
		memcpy(b + off, &v16, 2);
	else
		memcpy(b + off, &v, 4);
}

/* Show the owner _owner() gives in the stat buffer the kernel filled in;
   true when it changed. */
static bool _stat_rewrite(pid_t tid, const struct layout *l, uint64_t addr)
{
	uint8_t b[sizeof(struct statx)], ids[8];	/* statx: the largest */
	uint64_t dev, ino;
	uint32_t uid, gid, u, g, mask;

	if (l->size > sizeof(b) || mem_read(tid, addr, b, l->size) < 0)
		return false;
	/* Device numbers as stat() gives them to xlat: the kernel's
	   encoding, the same in every layout for the numbers Linux has. */
	if (l->st == ST_statx)
		dev = makedev(_get(b, l->dev, l->dev_w), _get(b, l->dev + l->dev_w, l->dev_w));
	else
		dev = _get(b, l->dev, l->dev_w);
	ino = _get(b, l->ino, l->ino_w);
	u = uid = _get(b, l->uid, l->id_w);
	g = gid = _get(b, l->uid + l->id_w, l->id_w);
	_owner(dev, ino, &u, &g);
	if (l->st == ST_statx) {
		/* Only the fields the kernel filled in. */
		mask = _get(b, offsetof(struct statx, stx_mask), 4);
		u = mask & STATX_UID ? u : uid;
		g = mask & STATX_GID ? g : gid;
	}
	if (l->id_w == 2) {
		u = u > UINT16_MAX ? OVERFLOW_ID : u;
		g = g > UINT16_MAX ? OVERFLOW_ID : g;
	}
	if (u == uid && g == gid)
		return false;
	_put(ids, 0, l->id_w, u);
	_put(ids, l->id_w, l->id_w, g);
	return mem_write(tid, addr + l->uid, ids, 2 * l->id_w) == 0;
}

/* --- the database file ---------------------------------------------------- */

static int __attribute__((format(printf, 6, 7)))
_db_err(char *err, size_t n, const char *file, unsigned long line, size_t col,
	const char *fmt, ...)
{
	va_list ap;
	int k;

	k = snprintf(err, n, "%s:%lu:%zu: ", file, line, col);
	if (k < 0 || (size_t)k >= n)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(err + k, n - k, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* A number: decimal, or hexadecimal after 0x.  0, or -EINVAL. */
static int _db_number(const char *s, const char **end, uint64_t *v)
{
	int base = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10;
	const char *digits = base == 16 ? s + 2 : s;
	char *e;

	if (!(base == 16 ? isxdigit((unsigned char)*digits) : isdigit((unsigned char)*digits)))
		return -EINVAL;
	errno = 0;
	*v = strtoull(digits, &e, base);
	*end = e;
	return errno ? -EINVAL : 0;
}

/* One line: dev=N,ino=N,uid=N,gid=N, keys in any order; blank lines and
   lines that start with '#' say nothing. */
static int _db_line(const char *file, unsigned long ln, const char *line, size_t len,
		    char *err, size_t n)
{
	static const char *const keys[4] = { "dev", "ino", "uid", "gid" };
	uint64_t v[4];
	bool seen[4] = { false };
	const char *p = line, *end;
	struct file *f;
	size_t k;
	int i, rc;

	if (strlen(line) != len)
		return _db_err(err, n, file, ln, strlen(line) + 1, "a NUL byte in the line");
	if (!*line || *line == '#')
		return 0;
	for (;;) {
		k = strcspn(p, "=,");
		if (p[k] != '=')
			return _db_err(err, n, file, ln, p - line + 1,
				       "expected KEY=VALUE (dev, ino, uid, gid)");
		for (i = 0; i < 4; i++)
			if (strlen(keys[i]) == k && strncmp(p, keys[i], k) == 0)
				break;
		if (i == 4)
			return _db_err(err, n, file, ln, p - line + 1,
				       "unknown key '%.*s' (dev, ino, uid, gid)", (int)k, p);
		if (seen[i])
			return _db_err(err, n, file, ln, p - line + 1, "'%s' given twice", keys[i]);
		seen[i] = true;
		p += k + 1;
		if (_db_number(p, &end, &v[i]) < 0 || (*end && *end != ','))
			return _db_err(err, n, file, ln, p - line + 1,
				       "'%.*s' is not a number", (int)strcspn(p, ","), p);
		if (i >= 2 && v[i] >= NOID)
			return _db_err(err, n, file, ln, p - line + 1,
				       "%s %" PRIu64 " is out of range (0 to %" PRIu32 ")",
				       keys[i], v[i], NOID - 1);
		p = end;
		if (!*p)
			break;
		p++;
	}
	for (i = 0; i < 4; i++)
		if (!seen[i])
			return _db_err(err, n, file, ln, len + 1, "missing '%s'", keys[i]);
	rc = _file_entry(v[0], v[1], &f);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return _db_err(err, n, file, ln, 1, "the file dev=0x%" PRIx64 ",ino=%" PRIu64
			       " is listed twice", v[0], v[1]);
	f->uid = v[2];
	f->gid = v[3];
	return 0;
}

static int _db_load(const char *file, char *err, size_t n)
{
	FILE *fp = fopen(file, "re");
	unsigned long ln = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (!fp) {
		rc = -errno;
		snprintf(err, n, "%s: cannot read the fake-root database: %s", file, strerror(-rc));
		return rc;
	}
	while (!rc && (len = getline(&line, &cap, fp)) >= 0) {
		ln++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		rc = _db_line(file, ln, line, len, err, n);
	}
	if (!rc && ferror(fp)) {
		rc = -EIO;
		snprintf(err, n, "%s: cannot read the fake-root database: %s", file, strerror(EIO));
	}
	if (rc == -ENOMEM)
		snprintf(err, n, "%s: out of memory", file);
	free(line);
	fclose(fp);
	return rc;
}

static void _db_save_one(const void *node, VISIT v, void *fp)
{
	const struct file *f = *(const struct file *const *)node;

	/* In order: by device, then inode. */
	if (v == postorder || v == leaf)
		fprintf(fp, "dev=0x%" PRIx64 ",ino=%" PRIu64 ",uid=%" PRIu32 ",gid=%" PRIu32 "\n",
			f->dev, f->ino, f->uid, f->gid);
}

static int _db_save(const char *file, char *err, size_t n)
{
	FILE *fp = fopen(file, "we");
	int rc = 0;

	if (fp) {
		fprintf(fp, "# xlat --fake-root-save: the owners chown gave, one file a line\n");
		twalk_r(_files, _db_save_one, fp);
		if (ferror(fp))
			rc = -EIO;
		if (fclose(fp) != 0 && !rc)
			rc = -errno;
	} else {
		rc = -errno;
	}
	if (rc)
		snprintf(err, n, "%s: cannot write the fake-root database: %s", file, strerror(-rc));
	return rc;
}

/* --- the hooks ------------------------------------------------------------- */

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;

	if (!p->fake_root)
		return;
	for (id = 0; id < SYSID_COUNT; id++)
		if (_calls[id].kind != K_NONE)
			need[id] = true;
}

static int _enter(struct xcall *x)
{
	const struct call *c;
	const struct ids *n;

	if (!x->pol->fake_root || x->id < 0 || x->id >= SYSID_COUNT)
		return 0;
	c = &_calls[x->id];
	switch (c->kind) {
	case K_NONE:
		return 0;
	case K_STAT:
		return XH_EXIT;
	case K_GET:
		n = &_proc(x->pid)->id[c->set];
		x->ret = _id_out(x, c, c->sub == REAL ? n->r : n->e);
		break;
	case K_GETRES:
		x->ret = _getres(x, c);
		break;
	case K_CHOWN:
		x->ret = _chown(x, c);
		break;
	default:
		x->ret = _setid(x, c);
	}
	return XH_SKIP;
}

static bool _on_exit(struct xcall *x)
{
	const struct layout *l;
	uint64_t addr;

	if (x->ret != 0 || !x->pol->fake_root || x->id < 0 || x->id >= SYSID_COUNT ||
	    _calls[x->id].kind != K_STAT)
		return false;
	l = _stat_buf(x, &addr);
	return l && _stat_rewrite(x->tid, l, addr);
}

static int _start(const struct policy *p, char *err, size_t n)
{
	if (!p->fake_root)
		return 0;
	_real_uid = getuid();
	_real_gid = getgid();
	return p->fake_root_load ? _db_load(p->fake_root_load, err, n) : 0;
}

static int _fork(pid_t parent, pid_t child)
{
	const struct proc *p = _proc(parent);
	struct proc *c;

	if (p == &_root) {
		_proc_drop(child);	/* a stale entry of a reused pid */
		return 0;
	}
	c = _proc_entry(child);
	if (!c)
		return -ENOMEM;
	memcpy(c->id, p->id, sizeof(c->id));
	return 0;
}

static int _finish(const struct policy *p, char *err, size_t n)
{
	int rc = 0;

	if (p->fake_root_save)
		rc = _db_save(p->fake_root_save, err, n);
	tdestroy(_files, free);
	tdestroy(_procs, free);
	_files = _procs = NULL;
	return rc;
}

const struct translator translate_identity = {
	.name = "identity",
	.need = _need,
	.enter = _enter,
	.exit = _on_exit,
	.start = _start,
	.fork = _fork,
	.gone = _proc_drop,
	.finish = _finish,
};
