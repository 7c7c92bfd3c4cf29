/*
 * path.h - the one path resolver (DESIGN.md §7): a path argument of a
 * tracee, with its dirfd and flags, turned into the path the guest means
 * and the host path the kernel must use.
 *
 * The guest's view of the host is a root (a host directory that is "/" for
 * the command, -r) and binds (host paths made visible at guest paths, -b).
 * An empty view is the host's own: then guest and host paths are the same,
 * and the resolver still gives policy path conditions the file a call
 * reaches.  Resolution follows the guest's semantics: absolute symlinks and
 * ".." stay inside the root, binds are crossed both ways, 40 links give
 * ELOOP, the last component is not followed with NOFOLLOW, and the
 * tracee's /proc/self, /proc/thread-self and /proc/PID/{cwd,root,exe,fd/N}
 * mean the tracee's.
 */
#ifndef XLAT_PATH_H
#define XLAT_PATH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct path_bind {
	char *host;		/* absolute, canonical, no trailing slash */
	char *guest;		/* absolute, canonical, no trailing slash */
	size_t hlen, glen;
};

struct path_view {
	char *root;		/* host directory of the guest's "/", NULL: "/" */
	size_t rootlen;
	struct path_bind *binds;
	int nbinds;
};

/* Does v change any path (a root or a bind)? */
static inline bool path_view_active(const struct path_view *v)
{
	return v && (v->root || v->nbinds);
}

/* Set the root of v to host directory dir (made canonical): 0 or -errno
   (-ENOTDIR, -ENOENT...). */
int path_view_root(struct path_view *v, const char *dir);
/* Add a bind of host path host at guest path guest (NULL: the same path):
   0, -ENOENT when host does not exist, -EINVAL when guest is relative,
   -ENOMEM. */
int path_view_bind(struct path_view *v, const char *host, const char *guest);
void path_view_free(struct path_view *v);

/* The host path of canonical absolute guest path g: 0 or -ENAMETOOLONG. */
int path_to_host(const struct path_view *v, const char *g, char *host, size_t n);
/* The guest path of host path h: 0, or -EXDEV when h lies outside the
   root and every bind (the guest cannot name it). */
int path_to_guest(const struct path_view *v, const char *h, char *guest, size_t n);

/* Flags of path_resolve. */
enum {
	PATH_NOFOLLOW = 1,	/* the last component is not followed */
	PATH_EMPTY = 2,		/* AT_EMPTY_PATH: "" names dirfd itself */
};

/* The result: what the guest means and what the kernel must use. */
struct path_res {
	char guest[PATH_MAX];
	char host[PATH_MAX];
};

/* Resolve path, as tid of thread group pid passes it with dirfd (used
   when use_dirfd, else the cwd).  0: r holds both paths; 1: leave the
   argument as it is (an empty path, a dirfd that names no directory the
   guest can see: the kernel decides); -ELOOP, -ENAMETOOLONG, or another
   -errno when the tracee's cwd or dirfd cannot be read. */
int path_resolve(const struct path_view *v, pid_t tid, pid_t pid, int dirfd,
		 bool use_dirfd, const char *path, unsigned int flags,
		 struct path_res *r);

/* Forget the directories the resolver remembers (path.c): to be called
   before and after every call that can rename, remove or cover a
   directory. */
void path_cache_clear(void);

/* The guest path of what /proc/PID/fd/N, cwd or exe of a tracee is (the
   kernel's link text, host side), in guest: 0 or -errno. */
int path_link_guest(const struct path_view *v, const char *link, char *guest, size_t n);

#endif
