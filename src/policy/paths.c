/*
 * paths.c - path conditions: the path arguments of a call read from the
 * tracee, resolved as the kernel would (policy_resolve, also used by
 * scratch.c and the identity translator) and matched against a rule's
 * patterns.  The resolution is the shared resolver's (src/path.c), in the
 * host's view or, under -r, the pipeline's guest paths.  It uses the rule
 * model, path.c, mem.c and the tables.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "mem.h"
#include "path.h"
#include "tables/sysent.h"

/* --- resolution ---------------------------------------------------------- */

/* The absolute path the kernel would reach from (dirfd, path) in tid:
   the shared resolver (src/path.c) in the host's own view.  A missing last
   component is kept as written.  0 or -errno. */
static int _resolve(pid_t tid, pid_t pid, int dirfd, bool use_dirfd, const char *path,
		    char *out, size_t n)
{
	static struct path_res r;
	int rc = path_resolve(NULL, tid, pid, dirfd, use_dirfd, path, 0, &r);

	if (rc > 0)
		return -ENOENT;	/* "", or a dirfd that is no directory */
	if (rc < 0)
		return rc;
	if (strlen(r.host) >= n)
		return -ENAMETOOLONG;
	strcpy(out, r.host);
	return 0;
}

static pid_t _tgid(pid_t tid)
{
	char p[64], buf[512], *s;
	FILE *f;
	pid_t tgid = tid;

	snprintf(p, sizeof(p), "/proc/%d/status", tid);
	f = fopen(p, "re");
	if (!f)
		return tid;
	while (fgets(buf, sizeof(buf), f)) {
		if (strncmp(buf, "Tgid:", 5) == 0) {
			s = buf + 5;
			tgid = (pid_t)strtol(s, NULL, 10);
			break;
		}
	}
	fclose(f);
	return tgid;
}

int policy_resolve(pid_t tid, int dirfd, bool use_dirfd, const char *path,
		   char *out, size_t n)
{
	return _resolve(tid, _tgid(tid), dirfd, use_dirfd, path, out, n);
}

/* openat2 with RESOLVE_BENEATH or RESOLVE_IN_ROOT walks the path from its
   dirfd as a root, which _resolve does not model: such a call (or one whose
   open_how cannot be read) is treated as a path that cannot be resolved,
   so it fails closed. */
static bool _openat2_scoped(pid_t tid, const uint64_t args[6])
{
	uint64_t how[3];	/* struct open_how: flags, mode, resolve */

	if (mem_read(tid, args[2], how, sizeof(how)) < 0)
		return true;
	return how[2] & (0x08 /* RESOLVE_BENEATH */ | 0x10 /* RESOLVE_IN_ROOT */);
}

/* --- matching ------------------------------------------------------------ */

static bool _path_matches(const struct pol_pathcond *pc, const char *path)
{
	size_t n = strlen(pc->pattern);

	switch (pc->op) {
	case PP_EXACT:
		return strcmp(path, pc->pattern) == 0;
	case PP_PREFIX:
		if (strncmp(path, pc->pattern, n) != 0)
			return false;
		return pc->pattern[n - 1] == '/' || path[n] == '/' || path[n] == '\0';
	case PP_GLOB:
		return fnmatch(pc->pattern, path, FNM_PATHNAME | FNM_PERIOD) == 0;
	}
	return false;
}

/* Does one resolved path match any of the rule's patterns? */
static bool _any_pattern(const struct pol_rule *r, const char *path)
{
	int k;

	for (k = 0; k < r->npaths; k++)
		if (_path_matches(&r->paths[k], path))
			return true;
	return false;
}

/* The path conditions of r for a call: an allow rule needs every path
   argument to match (rename from /etc into /tmp is not "in /tmp"), the
   other actions any.  A path that cannot be read or resolved fails
   closed: no match for allow, a match for the others. */
bool pol_paths_hold(const struct pol_rule *r, pid_t tid, int id, const uint64_t args[6],
		    const char *const guest[6])
{
	const struct sysent *se = &sysent_table[id];
	char buf[PATH_MAX], res[PATH_MAX];
	bool complete, dirfd_before, all = r->action == PA_ALLOW, m;
	int i, dirfd = AT_FDCWD, seen = 0;
	ssize_t n;

	if (id == SYSID_openat2 && _openat2_scoped(tid, args))
		return !all;
	for (i = 0; i < se->nargs; i++) {
		if (se->args[i].kind != AK_path)
			continue;
		seen++;
		if (guest && guest[i]) {
			m = _any_pattern(r, guest[i]);
			if (all && !m)
				return false;
			if (!all && m)
				return true;
			continue;
		}
		dirfd_before = i > 0 && se->args[i - 1].kind == AK_dirfd;
		if (dirfd_before)
			dirfd = (int)args[se->args[i - 1].reg];
		n = mem_read_str(tid, args[se->args[i].reg], buf, sizeof(buf) - 1, &complete);
		if (n < 0 || !complete)
			return !all;
		buf[n] = '\0';
		if (_resolve(tid, _tgid(tid), dirfd, dirfd_before, buf, res, sizeof(res)) < 0)
			return !all;
		m = _any_pattern(r, res);
		if (all && !m)
			return false;
		if (!all && m)
			return true;
	}
	return all && seen;
}
