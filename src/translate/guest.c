/*
 * guest.c - the guest-root translator (-r, -b; DESIGN.md §7 "path"): what
 * the per-call pipeline's path step does not do for a guest.  The pipeline
 * resolves every path argument and pins its host path; this translator
 *
 *   - runs the guest's programs: an execve of a dynamically linked ELF runs
 *     the guest's program interpreter (PT_INTERP) with the program as its
 *     argument and argv[0] kept (ld.so --argv0), a #! script its guest
 *     interpreter (with its argument, recursively), and the program's path
 *     is remembered for /proc/PID/exe and written into AT_EXECFN;
 *   - gives the guest its own paths back: getcwd, and readlink of the
 *     magic links /proc/PID/{exe,cwd,root,fd/N};
 *   - fails closed where translation cannot be faithful: mount calls,
 *     chroot and pivot_root (EPERM, as for a user), open_by_handle_at and
 *     io_uring_setup (ENOSYS, so that libc falls back).
 *
 * It calls the path resolver, the scratch area, tracee memory and libelf's
 * reader; it knows no other translator.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfinfo.h"
#include "mem.h"
#include "path.h"
#include "regs.h"
#include "scratch.h"
#include "tables/sysent.h"
#include "translate/translate.h"

#define MAX_INTERP 4		/* the kernel's BINPRM_MAX_RECURSION */
#define MAX_ARGV 4096		/* argv entries an exec may have under -r */

/* --- per-process: the guest path of the program it runs ------------------ */

struct exe {
	pid_t pid;
	char *path;
};
static struct exe *_exes;
static size_t _nexes;
static pid_t _exec_tid;		/* the execve in flight, and its program: */
static char _exec_path[PATH_MAX];	/* the guest path (/proc/PID/exe) */
static char _exec_given[PATH_MAX];	/* as the program named it (AT_EXECFN) */

static struct exe *_exe(pid_t pid)
{
	size_t i;

	for (i = 0; i < _nexes; i++)
		if (_exes[i].pid == pid)
			return &_exes[i];
	return NULL;
}

static int _set_exe(pid_t pid, const char *path)
{
	struct exe *e = _exe(pid), *ne;
	char *p = strdup(path);

	if (!p)
		return -ENOMEM;
	if (!e) {
		ne = realloc(_exes, (_nexes + 1) * sizeof(*ne));
		if (!ne) {
			free(p);
			return -ENOMEM;
		}
		_exes = ne;
		e = &_exes[_nexes++];
		e->pid = pid;
		e->path = NULL;
	}
	free(e->path);
	e->path = p;
	return 0;
}

static int _fork(pid_t parent, pid_t child)
{
	struct exe *e = _exe(parent);

	return e ? _set_exe(child, e->path) : 0;
}

static void _gone(pid_t pid)
{
	struct exe *e = _exe(pid);

	if (!e)
		return;
	free(e->path);
	*e = _exes[--_nexes];
}

/* --- which calls ------------------------------------------------------------ */

static bool _active(const struct policy *p)
{
	return path_view_active(&p->view);
}

static const struct { const char *name; int err; } _closed[] = {
	{ "mount", EPERM }, { "umount", EPERM }, { "umount2", EPERM },
	{ "pivot_root", EPERM }, { "chroot", EPERM }, { "swapon", EPERM },
	{ "swapoff", EPERM }, { "fsopen", EPERM }, { "fsmount", EPERM },
	{ "move_mount", EPERM }, { "open_tree", EPERM }, { "open_tree_attr", EPERM },
	{ "fspick", EPERM }, { "mount_setattr", EPERM },
	{ "open_by_handle_at", ENOSYS }, { "io_uring_setup", ENOSYS },
};

/* The errno a call that cannot be translated fails with, by id: made from
   _closed once, so that a stop looks it up instead of comparing names. */
static int _closed_err(int id)
{
	static uint8_t err[SYSID_COUNT];
	static bool made;
	unsigned int i;
	int k;

	if (!made) {
		for (i = 0; i < sizeof(_closed) / sizeof(_closed[0]); i++)
			for (k = 0; k < SYSID_COUNT; k++)
				if (strcmp(sysent_table[k].name, _closed[i].name) == 0)
					err[k] = (uint8_t)_closed[i].err;
		made = true;
	}
	return id >= 0 && id < SYSID_COUNT ? err[id] : 0;
}

static bool _is_exec(int id)
{
	return id == SYSID_execve || id == SYSID_execveat;
}

static bool _gives_paths(int id)
{
	return id == SYSID_getcwd || id == SYSID_readlink || id == SYSID_readlinkat;
}

static void _need(const struct policy *p, bool *need)
{
	unsigned int id;

	if (!_active(p))
		return;
	for (id = 0; id < sysent_count; id++)
		if (_closed_err(id) || _is_exec(id) || _gives_paths(id))
			need[id] = true;
}

/* --- exec ------------------------------------------------------------------- */

/* The #! line of host file h: interpreter and optional argument.  1 when
   there is one, 0 when not, -errno. */
static int _shebang(const char *h, char *interp, size_t n, char *arg, size_t m)
{
	char buf[256], *s, *e, *nl;
	ssize_t k;
	int fd = open(h, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	k = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (k < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	buf[k] = '\0';
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	for (s = buf + 2; *s == ' ' || *s == '\t'; s++)
		;
	for (e = s; *e && *e != ' ' && *e != '\t'; e++)
		;
	if (e == s)
		return -ENOEXEC;
	snprintf(interp, n, "%.*s", (int)(e - s), s);
	while (*e == ' ' || *e == '\t')
		e++;
	/* As the kernel: the rest of the line, trailing blanks cut, is one
	   argument. */
	k = strlen(e);
	while (k > 0 && (e[k - 1] == ' ' || e[k - 1] == '\t'))
		e[--k] = '\0';
	snprintf(arg, m, "%s", e);
	return 1;
}

/* One entry of the argv the kernel is given: a string of ours, or a
   pointer into the tracee's own argv. */
struct arg {
	const char *s;		/* NULL: ptr */
	uint64_t ptr;
};

static struct arg _av[MAX_ARGV + 3 * MAX_INTERP + 8];
static char _strs[MAX_INTERP * 3 + 4][PATH_MAX];

/* Put n entries at the front of _av (of *len), dropping the first `drop`. */
static void _prepend(size_t *len, size_t drop, const struct arg *front, size_t n)
{
	if (drop > *len)
		drop = *len;
	memmove(_av + n, _av + drop, (*len - drop) * sizeof(*_av));
	memcpy(_av, front, n * sizeof(*_av));
	*len = *len - drop + n;
}

/* Lay the new call out in the scratch area: the host program, our
   strings, the pointer array; point the registers at them. */
static int _lay_out(struct xcall *x, int preg, int areg, const char *host, size_t len)
{
	static unsigned char buf[SCRATCH_SLOT - SCRATCH_DATA];
	unsigned int ws = x->abi == ABI_I386 ? 4 : 8;
	size_t off, k, arr;
	uint64_t dest, p;
	int rc;

	off = strlen(host) + 1;
	if (off > sizeof(buf))
		return -E2BIG;
	memcpy(buf, host, off);
	/* First pass: the strings, their offsets in the pointers' place. */
	for (k = 0; k < len; k++) {
		if (!_av[k].s)
			continue;
		if (off + strlen(_av[k].s) + 1 > sizeof(buf))
			return -E2BIG;
		memcpy(buf + off, _av[k].s, strlen(_av[k].s) + 1);
		_av[k].ptr = off;	/* relative for now */
		off += strlen(_av[k].s) + 1;
	}
	arr = (off + 15) & ~(size_t)15;
	if (arr + (len + 1) * ws > sizeof(buf))
		return -E2BIG;
	/* The area's address is known once one byte is in. */
	rc = scratch_put(x->tid, x->pid, SCRATCH_DATA, buf, 1, &dest);
	if (rc)
		return rc;
	for (k = 0; k <= len; k++) {
		p = k == len ? 0 : _av[k].s ? dest + _av[k].ptr : _av[k].ptr;
		memcpy(buf + arr + k * ws, &p, ws);
	}
	rc = scratch_put(x->tid, x->pid, SCRATCH_DATA, buf, arr + (len + 1) * ws, &dest);
	if (rc)
		return rc;
	x->rewrote |= (1u << preg) | (1u << areg);
	x->orig[preg] = x->args[preg];
	x->orig[areg] = x->args[areg];
	x->args[preg] = dest;
	x->args[areg] = dest + arr;
	return regs_set_args(x->tid, x->abi, x->args) < 0 ? -EPERM : 1;
}

/* An exec under the guest root: find what the kernel must run, and make
   the call run it.  0 (the call as it is), 1 (rewritten) or -errno. */
static int _exec(struct xcall *x)
{
	const struct path_view *v = &x->pol->view;
	int preg = x->id == SYSID_execveat ? 1 : 0, areg;
	unsigned int ws = x->abi == ABI_I386 ? 4 : 8, ns = 0;
	char host[PATH_MAX], guest[PATH_MAX], iarg[PATH_MAX];
	struct arg front[4];
	struct path_res r;
	struct elfinfo ei;
	bool complete, changed = false;
	size_t len;
	uint64_t ptr;
	int depth, rc;
	ssize_t n;

	areg = preg + 1;
	n = mem_read_str(x->tid, x->args[preg], host, sizeof(host) - 1, &complete);
	if (n < 0 || !complete)
		return 0;	/* the kernel fails it */
	host[n] = '\0';
	if (path_to_guest(v, host, guest, sizeof(guest)) < 0)
		snprintf(guest, sizeof(guest), "%s", host);
	snprintf(_exec_path, sizeof(_exec_path), "%s", guest);
	/* The name the program used: what the kernel would pass a #!
	   interpreter, and what the loader makes AT_EXECFN. */
	n = mem_read_str(x->tid, x->given[preg], _exec_given, sizeof(_exec_given) - 1, &complete);
	_exec_given[n > 0 && complete ? n : 0] = '\0';
	if (_exec_given[0])
		snprintf(guest, sizeof(guest), "%s", _exec_given);
	_exec_tid = x->tid;
	/* The program's argv as the tracee has it: pointers, kept. */
	for (len = 0; len < MAX_ARGV; len++) {
		ptr = 0;
		if (!x->args[areg] || mem_read(x->tid, x->args[areg] + len * ws, &ptr, ws) < 0)
			break;
		if (!ptr)
			break;
		_av[len].s = NULL;
		_av[len].ptr = ptr;
	}
	if (len == MAX_ARGV)
		return -E2BIG;
	/* #! lines, as the kernel reads them, but in the guest:
	   argv becomes interp [arg] script argv[1..]. */
	for (depth = 0; depth <= MAX_INTERP; depth++) {
		char *interp = _strs[ns];

		rc = _shebang(host, interp, PATH_MAX, iarg, sizeof(iarg));
		if (rc < 0)
			return rc == -ENOENT ? 0 : rc;
		if (rc == 0)
			break;
		if (depth == MAX_INTERP)
			return -ELOOP;
		n = 0;
		front[n++] = (struct arg){ .s = interp };
		ns++;
		if (iarg[0]) {
			snprintf(_strs[ns], PATH_MAX, "%s", iarg);
			front[n++] = (struct arg){ .s = _strs[ns++] };
		}
		snprintf(_strs[ns], PATH_MAX, "%s", guest);
		front[n++] = (struct arg){ .s = _strs[ns++] };
		_prepend(&len, 1, front, n);
		rc = path_resolve(v, x->tid, x->pid, -100, false, interp, 0, &r);
		if (rc < 0)
			return rc;
		snprintf(host, sizeof(host), "%s", r.host);
		snprintf(guest, sizeof(guest), "%s", interp);
		changed = true;
	}
	if (elf_inspect(host, &ei) == 0 && ei.interp[0]) {
		/* The guest's loader runs the program:
		   loader --argv0 ARGV0 program argv[1..]. */
		rc = path_resolve(v, x->tid, x->pid, -100, false, ei.interp, 0, &r);
		if (rc < 0)
			return rc;
		snprintf(_strs[ns], PATH_MAX, "%s", ei.interp);
		front[0] = (struct arg){ .s = _strs[ns++] };
		front[1] = (struct arg){ .s = "--argv0" };
		front[2] = len ? _av[0] : (struct arg){ .s = guest };
		snprintf(_strs[ns], PATH_MAX, "%s", guest);
		front[3] = (struct arg){ .s = _strs[ns++] };
		_prepend(&len, 1, front, 4);
		snprintf(host, sizeof(host), "%s", r.host);
		changed = true;
	}
	if (!changed)
		return 0;
	return _lay_out(x, preg, areg, host, len);
}

/* AT_EXECFN of the new program of pid names the file the kernel ran (the
   loader's host path): make it the program's guest path, in place, when
   that fits in the string the kernel wrote. */
static void _execfn(pid_t pid, const char *guest)
{
	char path[64], name[PATH_MAX];
	unsigned char aux[4096];
	struct elfinfo ei;
	size_t w, i;
	uint64_t type, val, addr = 0;
	bool complete;
	ssize_t n, k;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	if (elf_inspect(path, &ei) < 0)
		return;
	w = ei.elfclass == 32 ? 4 : 8;
	snprintf(path, sizeof(path), "/proc/%d/auxv", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, aux, sizeof(aux));
	close(fd);
	for (i = 0; n > 0 && i + 2 * w <= (size_t)n; i += 2 * w) {
		type = val = 0;
		memcpy(&type, aux + i, w);
		memcpy(&val, aux + i + w, w);
		if (type == 31 /* AT_EXECFN */)
			addr = val;
	}
	if (!addr)
		return;
	k = mem_read_str(pid, addr, name, sizeof(name) - 1, &complete);
	if (k < 0 || !complete || strlen(guest) > (size_t)k)
		return;
	mem_write(pid, addr, guest, strlen(guest) + 1);
}

static void _on_exec(const struct policy *p, pid_t pid, pid_t tid, pid_t former)
{
	if (!_active(p) || !_exec_tid || (_exec_tid != tid && _exec_tid != former))
		return;
	_exec_tid = 0;
	_set_exe(pid, _exec_path);
	_execfn(pid, _exec_given[0] ? _exec_given : _exec_path);
}

/* --- hooks ------------------------------------------------------------------- */

static int _on_enter(struct xcall *x)
{
	int err, rc;

	if (!_active(x->pol) || x->id < 0)
		return 0;
	err = _closed_err(x->id);
	if (err) {
		x->ret = -err;
		return XH_SKIP;
	}
	if (_is_exec(x->id)) {
		rc = _exec(x);
		if (rc < 0) {
			x->ret = rc;
			return XH_SKIP;
		}
		return 0;	/* its exec event says it worked */
	}
	if (x->id == SYSID_getcwd)
		return XH_EXIT;
	if (_gives_paths(x->id)) {
		/* readlink(at): only the kernel's links in /proc name host
		   paths; the path here is the host path the pipeline pinned.
		   Other links (realpath makes many) need no exit stop. */
		char head[8];
		int preg = x->id == SYSID_readlinkat ? 1 : 0;

		/* The pipeline knows the path it pinned: no read of it. */
		if (x->host[preg])
			return strncmp(x->host[preg], "/proc/", 6) == 0 ? XH_EXIT : 0;
		if (mem_read(x->tid, x->args[preg], head, 6) == 0 && memcmp(head, "/proc/", 6) == 0)
			return XH_EXIT;
	}
	return 0;
}

/* Write guest path g as a call's result into the tracee's buffer of size
   room: the new result (getcwd counts the NUL, readlink does not). */
static int64_t _give(struct xcall *x, uint64_t buf, uint64_t room, const char *g, bool nul)
{
	size_t k = strlen(g) + (nul ? 1 : 0);

	if (nul && k > room)
		return -ERANGE;
	if (k > room)
		k = room;	/* readlink truncates */
	if (mem_write(x->tid, buf, g, k) < 0)
		return -EFAULT;
	return (int64_t)k;
}

static bool _on_exit(struct xcall *x)
{
	const struct path_view *v = &x->pol->view;
	char h[PATH_MAX], g[PATH_MAX], link[PATH_MAX];
	int preg, breg;
	bool complete;
	struct exe *e;
	ssize_t n;
	pid_t pid;

	if (!_active(x->pol) || x->id < 0)
		return false;
	if (x->ret <= 0)
		return false;
	if (x->id == SYSID_getcwd) {
		n = x->ret < (int64_t)sizeof(h) ? x->ret : (ssize_t)sizeof(h) - 1;
		if (mem_read(x->tid, x->args[0], h, n) < 0)
			return false;
		h[n] = '\0';
		if (path_to_guest(v, h, g, sizeof(g)) < 0)
			snprintf(g, sizeof(g), "(unreachable)%.*s", (int)sizeof(g) - 16, h);
		x->ret = _give(x, x->args[0], x->args[1], g, true);
		return true;
	}
	/* readlink(path, buf, size), readlinkat(dfd, path, buf, size): only
	   the kernel's own links name host paths. */
	preg = x->id == SYSID_readlinkat ? 1 : 0;
	breg = preg + 1;
	n = mem_read_str(x->tid, x->args[preg], link, sizeof(link) - 1, &complete);
	if (n < 0 || !complete || strncmp(link, "/proc/", 6) != 0)
		return false;
	link[n] = '\0';
	n = x->ret < (int64_t)sizeof(h) ? x->ret : (ssize_t)sizeof(h) - 1;
	if (mem_read(x->tid, x->args[breg], h, n) < 0)
		return false;
	h[n] = '\0';
	pid = (pid_t)atoi(link + 6);
	if (pid > 0 && strcmp(strrchr(link, '/'), "/exe") == 0 && (e = _exe(pid)))
		snprintf(g, sizeof(g), "%s", e->path);
	else if (strcmp(strrchr(link, '/'), "/root") == 0)
		snprintf(g, sizeof(g), "/");
	else if (path_link_guest(v, h, g, sizeof(g)) < 0)
		return false;
	x->ret = _give(x, x->args[breg], x->args[breg + 1], g, false);
	return true;
}

const struct translator translate_guest = {
	.name = "guest",
	.need = _need,
	.enter = _on_enter,
	.exit = _on_exit,
	.fork = _fork,
	.gone = _gone,
	.exec = _on_exec,
};
