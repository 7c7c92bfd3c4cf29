/*
 * scratch.c - the read-only scratch area of each traced address space,
 * where the supervisor puts the paths it has checked (see scratch.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mem.h"
#include "policy.h"
#include "regs.h"
#include "scratch.h"
#include "tables/sysent.h"

#ifndef MAP_32BIT
#define MAP_32BIT 0x40
#endif
#ifndef MREMAP_FIXED
#define MREMAP_FIXED 2
#endif
#define X_RESOLVE_NO_SYMLINKS 0x04
#define X_O_TMPFILE_BIT 020000000	/* __O_TMPFILE */
/* The flags open(2) passes on (VALID_OPEN_FLAGS), and those O_PATH keeps. */
#define X_VALID_OPEN (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | \
		      O_NONBLOCK | O_SYNC | O_ASYNC | O_DIRECT | \
		      O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | \
		      O_PATH | X_O_TMPFILE_BIT)
#define X_O_PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)
#define X_SHM_REMAP 040000
#define X_IPC_SHMAT 21

/* One address space: shared by the processes CLONE_VM made. */
struct space {
	uint64_t addr;		/* 0: not placed */
	bool failed;
	int refs;
	int memfd;		/* its /proc/TID/mem, kept open; -1: not yet */
	pid_t slot[SCRATCH_SLOTS];	/* the tid using each slot, 0: free */
	/* The paths pinned in each slot's ring (NULL: none yet). */
	struct pinned *pins[SCRATCH_SLOTS];
};

/* The last part of each slot is a ring of the paths pinned there, with
   our copy of it, so that a path pinned again (a compiler looks at the
   same directories for every header) is not written again: the tracee
   cannot change the area (scratch_touches).  An entry is used again only
   while the writes one call can still make (SCRATCH_PATHS paths, each
   with the skip to the ring's start) cannot reach it. */
#define PIN_RING 32768u
#define PIN_OFF (SCRATCH_SLOT - PIN_RING)
#define PIN_HASH 1024u
#define PIN_MARGIN (2u * SCRATCH_PATHS * PATH_MAX)

struct pinned {
	uint64_t head;		/* where the next path goes, counted from the start */
	uint64_t floor;		/* entries that begin below are gone */
	struct {
		uint64_t start;
		uint32_t len;	/* with the NUL; 0: empty */
		uint32_t hash;
	} e[PIN_HASH];
	char text[PIN_RING];
};

struct proc {
	pid_t pid;
	struct space *sp;
};

static struct proc *_procs;
static unsigned int _nprocs, _cap;

static struct proc *_find(pid_t pid)
{
	unsigned int i;

	for (i = 0; i < _nprocs; i++)
		if (_procs[i].pid == pid)
			return &_procs[i];
	return NULL;
}

static struct space *_space(pid_t pid)
{
	struct proc *p = _find(pid);

	return p ? p->sp : NULL;
}

/* pid's entry, made (with a new space) when it has none. */
static struct proc *_get(pid_t pid)
{
	struct proc *p = _find(pid), *np;

	if (p)
		return p;
	if (_nprocs == _cap) {
		np = realloc(_procs, (_cap ? _cap * 2 : 16) * sizeof(*np));
		if (!np)
			return NULL;
		_procs = np;
		_cap = _cap ? _cap * 2 : 16;
	}
	p = &_procs[_nprocs];
	p->pid = pid;
	p->sp = calloc(1, sizeof(*p->sp));
	if (!p->sp)
		return NULL;
	p->sp->refs = 1;
	p->sp->memfd = -1;
	_nprocs++;
	return p;
}

static void _space_free(struct space *sp)
{
	int i;

	for (i = 0; i < SCRATCH_SLOTS; i++)
		free(sp->pins[i]);
	if (sp->memfd >= 0)
		close(sp->memfd);
	free(sp);
}

/* Write into sp's memory, the scratch area's read-only pages too, through
   the /proc/TID/mem it keeps open (one pwrite, not an open, a write and a
   close per path): 0 or -errno. */
static int _write(struct space *sp, pid_t tid, uint64_t dest_tracee, const void *src, size_t len)
{
	int rc;

	if (sp->memfd < 0) {
		rc = mem_open(tid);
		if (rc < 0)
			return mem_write(tid, dest_tracee, src, len);
		sp->memfd = rc;
	}
	return mem_write_fd(sp->memfd, dest_tracee, src, len);
}

uint64_t scratch_addr(pid_t pid)
{
	struct space *sp = _space(pid);

	return sp ? sp->addr : 0;
}

bool scratch_failed(pid_t pid)
{
	struct space *sp = _space(pid);

	return sp && sp->failed;
}

int scratch_place(pid_t tid, pid_t pid, int abi, int *status)
{
	uint64_t args[6] = { 0, SCRATCH_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0 };
	struct proc *p = _get(pid);
	int64_t ret;
	long nr;
	int rc;

	if (!p)
		return -ENOMEM;
	/* Below 2 GiB, so that i386 calls (int $0x80 from a 64-bit process
	   too) can point at it; i386 has mmap2, with an offset in pages. */
	if (abi == ABI_I386) {
		nr = sysent_nr(abi, SYSID_mmap2);
		args[4] = 0xffffffffu;
	} else {
		nr = sysent_nr(abi, SYSID_mmap);
		args[3] |= MAP_32BIT;
	}
	rc = regs_call(tid, abi, nr, args, &ret, status);
	if (rc)
		return rc;
	if (ret < 0 && ret >= -4095)
		p->sp->failed = true;
	else
		p->sp->addr = (uint64_t)ret;
	return 0;
}

/* tid's slot in sp: its own, or a free one.  -1 when all are taken. */
static int _slot(struct space *sp, pid_t tid)
{
	int i, free_slot = -1;

	for (i = 0; i < SCRATCH_SLOTS; i++) {
		if (sp->slot[i] == tid)
			return i;
		if (!sp->slot[i] && free_slot < 0)
			free_slot = i;
	}
	if (free_slot >= 0)
		sp->slot[free_slot] = tid;
	return free_slot;
}

int scratch_pin(pid_t tid, pid_t pid, int abi, int id, uint64_t args[6],
		uint64_t orig[6], unsigned int *changed)
{
	const struct sysent *se = &sysent_table[id];
	static char bufs[SCRATCH_PATHS][PATH_MAX];
	const char *str[6] = { NULL };
	struct space *sp = _space(pid);
	bool complete;
	ssize_t n;
	int i, k = 0, reg;

	*changed = 0;
	if (!sp || !sp->addr)
		return -EPERM;
	for (i = 0; i < se->nargs && k < SCRATCH_PATHS; i++) {
		if (se->args[i].kind != AK_path)
			continue;
		reg = se->args[i].reg;
		if (!args[reg])
			continue;	/* NULL (utimensat): nothing to read */
		n = mem_read_str(tid, args[reg], bufs[k], PATH_MAX - 1, &complete);
		if (n < 0)
			return -EFAULT;
		if (!complete)
			return -ENAMETOOLONG;
		bufs[k][n] = '\0';
		str[reg] = bufs[k++];
	}
	return scratch_pin_as(tid, pid, abi, str, args, orig, changed);
}

/* Bytes off..off+len of slot s are written: forget the ring's paths when
   they reach it (an exec's argv can). */
static void _forget(struct space *sp, int s, size_t off, size_t len)
{
	if (sp->pins[s] && off + len > PIN_OFF)
		sp->pins[s]->floor = sp->pins[s]->head;
}

int scratch_put(pid_t tid, pid_t pid, size_t off, const void *data, size_t len,
		uint64_t *addr)
{
	struct space *sp = _space(pid);
	int s;

	if (!sp || !sp->addr)
		return -EPERM;
	if (off > SCRATCH_SLOT || len > SCRATCH_SLOT - off)
		return -E2BIG;
	s = _slot(sp, tid);
	if (s < 0)
		return -EAGAIN;
	*addr = sp->addr + (uint64_t)s * SCRATCH_SLOT + off;
	_forget(sp, s, off, len);
	return _write(sp, tid, *addr, data, len) < 0 ? -EPERM : 0;
}

static uint32_t _hash(const char *p, size_t k)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (k--)
		h = (h ^ (unsigned char)*p++) * 16777619u;
	return h;
}

/* Pin path p in tid's slot: where the ring has it already, else written
   into the ring; at path place k when there is no ring.  0 or -errno. */
static int _put_path(pid_t tid, pid_t pid, int k, const char *p, uint64_t *addr)
{
	struct space *sp = _space(pid);
	size_t len = strlen(p) + 1;
	uint32_t h = _hash(p, len);
	struct pinned *pn;
	uint64_t base, pos;
	unsigned int i = h & (PIN_HASH - 1);
	int s;

	if (!sp || !sp->addr)
		return -EPERM;
	s = _slot(sp, tid);
	if (s < 0)
		return -EAGAIN;
	pn = sp->pins[s];
	if (!pn)
		pn = sp->pins[s] = calloc(1, sizeof(*pn));
	if (!pn)
		return scratch_put(tid, pid, (size_t)k * PATH_MAX, p, len, addr);
	base = sp->addr + (uint64_t)s * SCRATCH_SLOT + PIN_OFF;
	if (pn->e[i].len == len && pn->e[i].hash == h && pn->e[i].start >= pn->floor &&
	    pn->e[i].start + PIN_RING >= pn->head + PIN_MARGIN &&
	    memcmp(pn->text + pn->e[i].start % PIN_RING, p, len) == 0) {
		*addr = base + pn->e[i].start % PIN_RING;
		return 0;
	}
	pos = pn->head % PIN_RING;
	if (pos + len > PIN_RING) {
		pn->head += PIN_RING - pos;
		pos = 0;
	}
	if (_write(sp, tid, base + pos, p, len) < 0) {
		pn->floor = pn->head + len;	/* what it held is lost */
		return -EPERM;
	}
	memcpy(pn->text + pos, p, len);
	pn->e[i].start = pn->head;
	pn->e[i].len = (uint32_t)len;
	pn->e[i].hash = h;
	pn->head += len;
	*addr = base + pos;
	return 0;
}

int scratch_pin_as(pid_t tid, pid_t pid, int abi, const char *const str[6], uint64_t args[6],
		   uint64_t orig[6], unsigned int *changed)
{
	uint64_t next[6], dest;
	unsigned int ch = 0;
	int reg, k = 0, rc;

	*changed = 0;
	memcpy(next, args, sizeof(next));
	for (reg = 0; reg < 6; reg++) {
		if (!str[reg])
			continue;
		if (k == SCRATCH_PATHS)
			return -E2BIG;
		rc = _put_path(tid, pid, k, str[reg], &dest);
		if (rc)
			return rc;
		orig[reg] = args[reg];
		next[reg] = dest;
		ch |= 1u << reg;
		k++;
	}
	if (!ch)
		return 0;
	if (regs_set_some_args(tid, abi, next, ch) < 0)
		return -EPERM;
	memcpy(args, next, sizeof(next));
	*changed = ch;
	return 0;
}

/* struct open_how of openat2(2). */
struct _how {
	uint64_t flags, mode, resolve;
};

static bool _kernel_openat2(void)
{
	static int has = -1;
	struct _how how = { O_PATH | O_CLOEXEC, 0, X_RESOLVE_NO_SYMLINKS };
	long fd;

	if (has < 0) {
		fd = syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));
		has = fd >= 0;
		if (fd >= 0)
			close((int)fd);
	}
	return has;
}

int scratch_resolve_open(pid_t tid, pid_t pid, int abi, int id, uint64_t args[6],
			 uint64_t orig[6], unsigned int *changed)
{
	char path[PATH_MAX], res[PATH_MAX];
	struct space *sp = _space(pid);
	uint64_t path_tracee, dest;
	struct _how how;
	struct stat st;
	bool complete, at = id == SYSID_openat;
	const char *last;
	ssize_t n;
	int s, reg = id == SYSID_openat ? 1 : 0;

	*changed = 0;
	if (!sp || !sp->addr || !_kernel_openat2())
		return 0;
	if (id == SYSID_open) {
		path_tracee = args[0];
		how.flags = args[1];
		how.mode = args[2];
	} else if (id == SYSID_openat) {
		path_tracee = args[1];
		how.flags = args[2];
		how.mode = args[3];
	} else if (id == SYSID_creat) {
		path_tracee = args[0];
		how.flags = O_CREAT | O_WRONLY | O_TRUNC;
		how.mode = args[1];
	} else {
		return 0;
	}
	/* As the kernel builds open_how for open(2) (build_open_how). */
	how.flags = (uint32_t)how.flags & X_VALID_OPEN;
	how.mode &= 07777;
	if (how.flags & O_PATH)
		how.flags &= X_O_PATH_FLAGS;
	if (!(how.flags & (O_CREAT | X_O_TMPFILE_BIT)))
		how.mode = 0;
	how.resolve = X_RESOLVE_NO_SYMLINKS;
	/* O_NOFOLLOW refuses a final symlink the resolved path no longer has. */
	if (how.flags & O_NOFOLLOW)
		return 0;
	n = mem_read_str(tid, path_tracee, path, sizeof(path) - 1, &complete);
	if (n <= 0 || !complete)
		return 0;
	path[n] = '\0';
	/* "x/", "x/.", "x/..": the kernel's own rules (EISDIR, ENOTDIR) for
	   the last component, which a resolved path would lose. */
	last = strrchr(path, '/');
	last = last ? last + 1 : path;
	if (!*last || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		return 0;
	if (policy_resolve(tid, (int)args[0], at, path, res, sizeof(res)) < 0)
		return 0;
	/* /proc: magic links and per-process views, not plain files. */
	if (strncmp(res, "/proc/", 6) == 0 || strcmp(res, "/proc") == 0)
		return 0;
	/* A final symlink that was not followed (dangling, or a file still
	   to be created through it): the kernel would follow it. */
	if (lstat(res, &st) == 0 ? S_ISLNK(st.st_mode) : errno != ENOENT)
		return 0;
	s = _slot(sp, tid);
	if (s < 0)
		return 0;
	dest = sp->addr + (uint64_t)s * SCRATCH_SLOT;
	/* The registers still point here: from now on the call is made
	   on the resolved path, as openat2 (scratch_openat2) or not at all. */
	if (_write(sp, tid, dest, res, strlen(res) + 1) < 0 ||
	    _write(sp, tid, dest + PATH_MAX, &how, sizeof(how)) < 0)
		return -EPERM;
	/* A path pinned already (in the ring) keeps the program's pointer
	   in orig. */
	if (path_tracee < sp->addr || path_tracee >= sp->addr + SCRATCH_SIZE) {
		orig[reg] = path_tracee;
		*changed |= 1u << reg;
	}
	args[reg] = dest;
	if (at) {
		orig[0] = args[0];
		*changed |= 1u;
		args[0] = abi == ABI_I386 ? (uint32_t)AT_FDCWD : (uint64_t)(int64_t)AT_FDCWD;
	}
	return 1;
}

int scratch_openat2(pid_t tid, pid_t pid, int abi)
{
	struct space *sp = _space(pid);
	uint64_t a[6] = { 0 }, dest;
	int s;

	if (!sp || !sp->addr || (s = _slot(sp, tid)) < 0)
		return -EPERM;
	dest = sp->addr + (uint64_t)s * SCRATCH_SLOT;
	a[0] = abi == ABI_I386 ? (uint32_t)AT_FDCWD : (uint64_t)(int64_t)AT_FDCWD;
	a[1] = dest;
	a[2] = dest + PATH_MAX;
	a[3] = sizeof(struct _how);
	if (regs_set_call(tid, abi, sysent_nr(abi, SYSID_openat2), a) < 0)
		return -EPERM;
	return 0;
}

bool scratch_opens(int id)
{
	return id == SYSID_open || id == SYSID_openat || id == SYSID_openat2 || id == SYSID_creat;
}

bool scratch_guarded(int id)
{
	if (scratch_opens(id))
		return true;
	switch (id) {
	case SYSID_mmap: case SYSID_mmap2: case SYSID_munmap: case SYSID_mprotect:
	case SYSID_pkey_mprotect: case SYSID_mremap: case SYSID_madvise:
	case SYSID_shmat: case SYSID_ipc:
		return true;
	default:
		return false;
	}
}

static bool _overlaps(const struct space *sp, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;

	if (len == 0 || end < start)
		end = UINT64_MAX;	/* the kernel rounds up; be safe */
	/* Page rounding: the kernel acts on whole pages. */
	start &= ~(uint64_t)4095;
	return start < sp->addr + SCRATCH_SIZE && end > sp->addr;
}

/* Does an open of (pinned) path arguments reach some process's memory
   file, for writing?  openat2's flags are in memory: any open counts. */
static bool _opens_mem(pid_t tid, int id, const uint64_t args[6])
{
	char path[PATH_MAX], res[PATH_MAX];
	bool at = id == SYSID_openat || id == SYSID_openat2, complete;
	uint64_t flags = id == SYSID_open ? args[1] : id == SYSID_openat ? args[2] : O_WRONLY;
	ssize_t n;

	if ((flags & O_ACCMODE) == O_RDONLY)
		return false;
	n = mem_read_str(tid, at ? args[1] : args[0], path, sizeof(path) - 1, &complete);
	if (n < 0 || !complete)
		return false;	/* the kernel fails it the same way */
	path[n] = '\0';
	if (policy_resolve(tid, (int)args[0], at, path, res, sizeof(res)) < 0)
		return true;	/* fail closed */
	return fnmatch("/proc/*/mem", res, FNM_PATHNAME) == 0 ||
	       fnmatch("/proc/*/task/*/mem", res, FNM_PATHNAME) == 0;
}

bool scratch_touches(pid_t tid, pid_t pid, int abi, int id, const uint64_t args[6])
{
	struct space *sp = _space(pid);

	if (!sp || !sp->addr)
		return false;
	if (scratch_opens(id))
		return _opens_mem(tid, id, args);
	switch (id) {
	case SYSID_mmap:
		/* i386's old mmap reads its arguments from memory, where
		   another thread could change them after a check. */
		if (abi == ABI_I386)
			return true;
		/* fall through */
	case SYSID_mmap2:
		/* Without MAP_FIXED the address is only a hint. */
		return (args[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) &&
		       _overlaps(sp, args[0], args[1]);
	case SYSID_munmap:
	case SYSID_mprotect:
	case SYSID_pkey_mprotect:
	case SYSID_madvise:
		return _overlaps(sp, args[0], args[1]);
	case SYSID_mremap:
		return _overlaps(sp, args[0], args[1]) ||
		       ((args[3] & MREMAP_FIXED) && _overlaps(sp, args[4], args[2]));
	case SYSID_shmat:
		return args[2] & X_SHM_REMAP;
	case SYSID_ipc:
		return (args[0] & 0xffff) == X_IPC_SHMAT && (args[2] & X_SHM_REMAP);
	default:
		return false;
	}
}

int scratch_spawn(pid_t parent, pid_t child, bool share_vm)
{
	struct space *sp = _space(parent);
	struct proc *c;

	scratch_drop(child);	/* a pid used before */
	if (!sp)
		return 0;
	c = _get(child);
	if (!c)
		return -ENOMEM;
	if (share_vm) {
		_space_free(c->sp);
		c->sp = sp;
		sp->refs++;
	} else {
		/* fork: the copy of the mapping is at the same address. */
		c->sp->addr = sp->addr;
		c->sp->failed = sp->failed;
	}
	return 0;
}

void scratch_thread_gone(pid_t pid, pid_t tid)
{
	struct space *sp = _space(pid);
	int i;

	if (!sp)
		return;
	for (i = 0; i < SCRATCH_SLOTS; i++)
		if (sp->slot[i] == tid)
			sp->slot[i] = 0;
}

void scratch_drop(pid_t pid)
{
	struct proc *p = _find(pid);

	if (!p)
		return;
	/* Shared with a CLONE_VM parent (vfork, posix_spawn): the child's
	   slot goes with it. */
	scratch_thread_gone(pid, pid);
	if (--p->sp->refs == 0)
		_space_free(p->sp);
	*p = _procs[--_nprocs];
}
