/*
 * path.c - the one path resolver (path.h).  It walks a guest path one
 * component at a time in the supervisor: each component is mapped to its
 * host path (the longest bind, else the root), and only components that
 * must be followed are looked at (lstat, readlink), so a relative name
 * under a dirfd costs one readlink of /proc/TID/fd/N and nothing more.
 * Where the walk cannot go on (a missing or non-directory component, a
 * magic link of /proc that names no path), the rest of the path is passed
 * to the kernel as written, which then fails or follows as it would.
 *
 * It may call libc and nothing of xlat: policy path conditions, the
 * per-call pipeline and the translators call it.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"

#define MAX_LINKS 40		/* as the kernel's MAXSYMLINKS */

/* --- the view -------------------------------------------------------------- */

/* A canonical absolute path: no "//", no "." or "..", no trailing slash. */
static int _canonical(const char *p, char *out, size_t n)
{
	char *r = realpath(p, NULL);

	if (!r)
		return -errno;
	if (strlen(r) >= n) {
		free(r);
		return -ENAMETOOLONG;
	}
	strcpy(out, r);
	free(r);
	return 0;
}

/* Normalise an absolute guest path textually (binds name guest paths the
   guest may not have yet). */
static void _normal(const char *p, char *out, size_t n)
{
	size_t len = 0, k;
	const char *s = p, *e;

	out[0] = '\0';
	while (*s) {
		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		k = e ? (size_t)(e - s) : strlen(s);
		if (k == 1 && s[0] == '.') {
			/* nothing */
		} else if (k == 2 && s[0] == '.' && s[1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			out[len] = '\0';
		} else if (len + k + 2 < n) {
			out[len++] = '/';
			memcpy(out + len, s, k);
			len += k;
			out[len] = '\0';
		}
		s += k;
	}
	if (len == 0)
		snprintf(out, n, "/");
}

int path_view_root(struct path_view *v, const char *dir)
{
	char buf[PATH_MAX];
	struct stat st;
	int rc;

	rc = _canonical(dir, buf, sizeof(buf));
	if (rc)
		return rc;
	if (stat(buf, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	free(v->root);
	v->root = NULL;
	v->rootlen = 0;
	if (strcmp(buf, "/") == 0)
		return 0;	/* the host's own root: no change */
	v->root = strdup(buf);
	if (!v->root)
		return -ENOMEM;
	v->rootlen = strlen(buf);
	return 0;
}

int path_view_bind(struct path_view *v, const char *host, const char *guest)
{
	char h[PATH_MAX], g[PATH_MAX];
	struct path_bind *nb, *b;
	int rc;

	rc = _canonical(host, h, sizeof(h));
	if (rc)
		return rc;
	if (!guest)
		guest = host;
	if (guest[0] != '/')
		return -EINVAL;
	_normal(guest, g, sizeof(g));
	nb = realloc(v->binds, (v->nbinds + 1) * sizeof(*nb));
	if (!nb)
		return -ENOMEM;
	v->binds = nb;
	b = &nb[v->nbinds];
	b->host = strdup(h);
	b->guest = strdup(g);
	if (!b->host || !b->guest) {
		free(b->host);
		free(b->guest);
		return -ENOMEM;
	}
	/* "/" as either side is kept as the empty prefix. */
	if (strcmp(b->host, "/") == 0)
		b->host[0] = '\0';
	if (strcmp(b->guest, "/") == 0)
		b->guest[0] = '\0';
	b->hlen = strlen(b->host);
	b->glen = strlen(b->guest);
	v->nbinds++;
	return 0;
}

void path_view_free(struct path_view *v)
{
	int i;

	for (i = 0; i < v->nbinds; i++) {
		free(v->binds[i].host);
		free(v->binds[i].guest);
	}
	free(v->binds);
	free(v->root);
	memset(v, 0, sizeof(*v));
}

/* --- guest <-> host ---------------------------------------------------------- */

/* Is p equal to prefix (of len k) or below it? */
static bool _under(const char *p, const char *prefix, size_t k)
{
	return strncmp(p, prefix, k) == 0 && (p[k] == '/' || p[k] == '\0');
}

/* out = a b, or "/" when both are empty (memcpy: this is on every walk). */
static int _join(char *out, size_t n, const char *a, const char *b)
{
	size_t ka = strlen(a), kb = strlen(b);

	if (!ka && !kb) {
		b = "/";
		kb = 1;
	}
	if (ka + kb >= n)
		return -ENAMETOOLONG;
	memcpy(out, a, ka);
	memcpy(out + ka, b, kb + 1);
	return 0;
}

/* The bind whose guest side (guest_side) or host side holds p, the
   longest, the later of two as long; NULL when none. */
static const struct path_bind *_bind_of(const struct path_view *v, const char *p,
					bool guest_side)
{
	const struct path_bind *best = NULL, *b;
	size_t k, bk = 0;
	int i;

	for (i = 0; v && i < v->nbinds; i++) {
		b = &v->binds[i];
		k = guest_side ? b->glen : b->hlen;
		if (_under(p, guest_side ? b->guest : b->host, k) && (!best || k >= bk)) {
			best = b;
			bk = k;
		}
	}
	return best;
}

int path_to_host(const struct path_view *v, const char *g, char *host, size_t n)
{
	const struct path_bind *b = _bind_of(v, g, true);

	if (b)
		return _join(host, n, b->host, g + b->glen);
	if (v && v->root)
		return _join(host, n, v->root, strcmp(g, "/") == 0 ? "" : g);
	return _join(host, n, "", g);
}

int path_to_guest(const struct path_view *v, const char *h, char *guest, size_t n)
{
	const struct path_bind *b = _bind_of(v, h, false);

	if (b)
		return _join(guest, n, b->guest, h + b->hlen);
	if (!v || !v->root)
		return _join(guest, n, "", h);
	if (_under(h, v->root, v->rootlen))
		return _join(guest, n, "", h + v->rootlen);
	return -EXDEV;
}

/* --- the directory cache ------------------------------------------------------ */

/* Guest paths the walk found to be directories (not links) of the view,
   so that the next walk through them makes no lstat.  Only a call that
   renames or removes a directory, or mounts, can make an entry wrong: the
   pipeline empties the cache at the entry and the exit of each
   (path_cache_clear).  It serves the thread that first used it only (the
   supervisor's loop); any other resolves without it. */
#define CACHE_SLOTS 8192	/* a power of two */
#define CACHE_ARENA (1u << 20)	/* bytes of path text */

static struct {
	const struct path_view *view;
	pthread_t owner;
	bool owned;
	unsigned int used;
	uint32_t hash[CACHE_SLOTS];
	uint32_t off[CACHE_SLOTS];	/* into text, +1; 0: empty */
	uint32_t len[CACHE_SLOTS];
	char text[CACHE_ARENA];
	uint32_t textlen;
} _dc;

void path_cache_clear(void)
{
	if (!_dc.used)
		return;
	memset(_dc.off, 0, sizeof(_dc.off));
	_dc.used = 0;
	_dc.textlen = 0;
}

/* May the walk in view v use the cache? */
static bool _cache_ok(const struct path_view *v)
{
	if (!path_view_active(v))
		return false;
	if (!_dc.owned) {
		_dc.owner = pthread_self();
		_dc.owned = true;
	}
	if (!pthread_equal(_dc.owner, pthread_self()))
		return false;
	if (_dc.view != v) {
		_dc.view = v;
		_dc.used = 1;	/* make the clear do its work */
		path_cache_clear();
	}
	return true;
}

static uint32_t _hash(const char *p, size_t k)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (k--)
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* The slot of guest path p (of length k): where it is, or the empty one
   where it would go. */
static unsigned int _slot_of(const char *p, size_t k, uint32_t h)
{
	unsigned int i = h & (CACHE_SLOTS - 1);

	while (_dc.off[i] && !(_dc.hash[i] == h && _dc.len[i] == k &&
			       memcmp(_dc.text + _dc.off[i] - 1, p, k) == 0))
		i = (i + 1) & (CACHE_SLOTS - 1);
	return i;
}

static bool _cached_dir(const char *p, size_t k)
{
	uint32_t h = _hash(p, k);

	return _dc.off[_slot_of(p, k, h)] != 0;
}

static void _cache_dir(const char *p, size_t k)
{
	uint32_t h = _hash(p, k);
	unsigned int i;

	/* Full (at three quarters, to keep probes short): start over. */
	if (_dc.used >= CACHE_SLOTS / 4 * 3 || _dc.textlen + k > CACHE_ARENA)
		path_cache_clear();
	i = _slot_of(p, k, h);
	if (_dc.off[i])
		return;
	memcpy(_dc.text + _dc.textlen, p, k);
	_dc.hash[i] = h;
	_dc.len[i] = (uint32_t)k;
	_dc.off[i] = _dc.textlen + 1;
	_dc.textlen += (uint32_t)k;
	_dc.used++;
}

/* --- walking ------------------------------------------------------------------ */

static bool _deleted(const char *link)
{
	size_t k = strlen(link), d = sizeof(" (deleted)") - 1;

	return k > d && strcmp(link + k - d, " (deleted)") == 0;
}

int path_link_guest(const struct path_view *v, const char *link, char *guest, size_t n)
{
	if (link[0] != '/' || _deleted(link))
		return -EINVAL;
	return path_to_guest(v, link, guest, n);
}

/* The guest path the walk of a relative path starts from: the tracee's
   cwd, or its dirfd.  0, 1 (leave the call to the kernel) or -errno. */
static int _base(const struct path_view *v, pid_t tid, int dirfd, bool use_dirfd,
		 char *out, size_t n)
{
	char link[64], host[PATH_MAX];
	ssize_t k;

	if (use_dirfd && dirfd != -100 /* AT_FDCWD */)
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", tid, dirfd);
	else
		snprintf(link, sizeof(link), "/proc/%d/cwd", tid);
	k = readlink(link, host, sizeof(host) - 1);
	if (k < 0)
		return errno == ENOENT && use_dirfd ? 1 : -errno;	/* EBADF is the kernel's */
	host[k] = '\0';
	if (path_link_guest(v, host, out, n) < 0)
		return 1;	/* a pipe, a deleted or an unseen directory */
	return 0;
}

/* Drop the last component of canonical guest path p. */
static void _up(char *p)
{
	char *s = strrchr(p, '/');

	if (s == p)
		p[1] = '\0';
	else if (s)
		*s = '\0';
}

/* Is host path h (in the real /proc) a tracee's root link, /proc/N/root or
   /proc/N/task/T/root?  Its target is the guest's "/". */
static bool _proc_root(const char *h)
{
	const char *s = strrchr(h, '/');

	return s && strcmp(s, "/root") == 0 && strncmp(h, "/proc/", 6) == 0 &&
	       h[6] >= '0' && h[6] <= '9';
}

/* The text of the link at host path h as the guest reads it, into t.
   0; 1 for a magic link the walk leaves to the kernel; -errno. */
static int _link(const struct path_view *v, pid_t tid, pid_t pid, const char *h,
		 char *t, size_t n)
{
	char raw[PATH_MAX];
	ssize_t k;

	/* /proc/self and /proc/thread-self are the tracee's, not ours. */
	if (strcmp(h, "/proc/self") == 0) {
		snprintf(t, n, "%d", pid);
		return 0;
	}
	if (strcmp(h, "/proc/thread-self") == 0) {
		snprintf(t, n, "%d/task/%d", pid, tid);
		return 0;
	}
	k = readlink(h, raw, sizeof(raw) - 1);
	if (k < 0)
		return -errno;
	raw[k] = '\0';
	if (!_under(h, "/proc", 5)) {
		/* A link of the guest's tree: its text is a guest path. */
		if ((size_t)k >= n)
			return -ENAMETOOLONG;
		memcpy(t, raw, k + 1);
		return 0;
	}
	/* In the real /proc, absolute links are the kernel's host paths. */
	if (_proc_root(h)) {
		snprintf(t, n, "/");
		return 0;
	}
	if (raw[0] != '/') {
		/* pipe:[N], socket:[N], anon_inode:...: no path to walk. */
		if (!raw[0] || strchr(raw, ':'))
			return 1;
		snprintf(t, n, "%s", raw);
		return 0;
	}
	return path_link_guest(v, raw, t, n) < 0 ? 1 : 0;
}

int path_resolve(const struct path_view *v, pid_t tid, pid_t pid, int dirfd,
		 bool use_dirfd, const char *path, unsigned int flags,
		 struct path_res *r)
{
	char cur[PATH_MAX], cand[PATH_MAX], h[PATH_MAX], t[PATH_MAX];
	char rest[PATH_MAX * 2], *s, *e;
	size_t plen = strlen(path), k;
	bool trailing, last, is_link, exists = true;
	struct stat st;
	int links = 0, rc;
	bool cache = _cache_ok(v);
	size_t cl;

	if (plen == 0)
		return 1;	/* "" with AT_EMPTY_PATH is dirfd; without, ENOENT */
	if (plen >= PATH_MAX)
		return -ENAMETOOLONG;
	if (path[0] == '/') {
		strcpy(cur, "/");
	} else {
		rc = _base(v, tid, dirfd, use_dirfd, cur, sizeof(cur));
		if (rc)
			return rc;
	}
	trailing = path[plen - 1] == '/';
	memcpy(rest, path, plen + 1);
	s = rest;
	for (;;) {
		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		k = e ? (size_t)(e - s) : strlen(s);
		last = !e || !e[strspn(e, "/")];
		if (k == 1 && s[0] == '.') {
			s += k;
			continue;
		}
		if (k == 2 && s[0] == '.' && s[1] == '.') {
			_up(cur);
			s += k;
			continue;
		}
		/* cand = cur "/" component, without snprintf. */
		cl = strlen(cur);
		if (cl == 1)
			cl = 0;	/* "/" */
		if (cl + 1 + k >= sizeof(cand))
			return -ENAMETOOLONG;
		memcpy(cand, cur, cl);
		cand[cl] = '/';
		memcpy(cand + cl + 1, s, k);
		cl += 1 + k;
		cand[cl] = '\0';
		s += k;
		if (last && !trailing && (flags & PATH_NOFOLLOW)) {
			strcpy(cur, cand);
			break;
		}
		if (cache && _cached_dir(cand, cl)) {
			memcpy(cur, cand, cl + 1);
			exists = true;
			continue;
		}
		rc = path_to_host(v, cand, h, sizeof(h));
		if (rc)
			return rc;
		if (strcmp(h, "/proc/self") == 0 || strcmp(h, "/proc/thread-self") == 0) {
			is_link = true;
		} else {
			exists = lstat(h, &st) == 0;
			is_link = exists && S_ISLNK(st.st_mode);
			/* Not the host's /proc: its directories come and go
			   with the processes. */
			if (cache && exists && S_ISDIR(st.st_mode) && !_under(h, "/proc", 5))
				_cache_dir(cand, cl);
		}
		if (!is_link) {
			strcpy(cur, cand);
			if (!last && (!exists || !S_ISDIR(st.st_mode)))
				goto out_unwalked;
			continue;
		}
		rc = _link(v, tid, pid, h, t, sizeof(t));
		if (rc < 0)
			return rc;
		if (rc > 0) {
			strcpy(cur, cand);
			goto out_unwalked;
		}
		if (++links > MAX_LINKS)
			return -ELOOP;
		/* Walk the link's text, then what was left. */
		k = strlen(t);
		if (k + 1 + strlen(s) + 1 > sizeof(rest))
			return -ENAMETOOLONG;
		memmove(rest + k + 1, s, strlen(s) + 1);
		memcpy(rest, t, k);
		rest[k] = '/';
		if (!*(rest + k + 1))
			rest[k] = '\0';	/* keep "no trailing slash" for the last link */
		s = rest;
		if (t[0] == '/')
			strcpy(cur, "/");
		else if (!t[0])
			return -ENOENT;
	}
	if (snprintf(r->guest, sizeof(r->guest), "%s%s", cur,
		     trailing && strcmp(cur, "/") ? "/" : "") >= (int)sizeof(r->guest))
		return -ENAMETOOLONG;
	rc = path_to_host(v, cur, r->host, sizeof(r->host));
	if (rc)
		return rc;
	if (trailing && strcmp(r->host, "/") && strlen(r->host) + 1 < sizeof(r->host))
		strcat(r->host, "/");
	return 0;

out_unwalked:
	/* The kernel takes it from here, from the host path reached so far:
	   it fails at the component that stopped the walk.  A ".." after it
	   would be resolved on the host's terms: fail here instead. */
	if (strstr(s, "/../") || (strlen(s) >= 3 && strcmp(s + strlen(s) - 3, "/..") == 0))
		return exists ? -ENOTDIR : -ENOENT;
	if (snprintf(r->guest, sizeof(r->guest), "%s%s", cur, s) >= (int)sizeof(r->guest))
		return -ENAMETOOLONG;
	rc = path_to_host(v, cur, h, sizeof(h));
	if (rc)
		return rc;
	if (snprintf(r->host, sizeof(r->host), "%s%s", h, s) >= (int)sizeof(r->host))
		return -ENAMETOOLONG;
	return 0;
}
