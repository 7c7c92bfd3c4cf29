/*
 * identity.h - the parts of the identity translator (-0, --fake-root)
 * and what they give each other.  Not a translator interface: only
 * src/translate/id-*.c and identity.c include it.
 *
 *   identity.c    the call table, the hooks, the order of the work
 *   id-procs.c    the emulated ids, groups and capabilities of each process
 *   id-files.c    the file database: what each inode looks like to the command
 *   id-fcalls.c   the file calls: chown, chmod, mknod, creation, unlink,
 *                 rename, access and root's permissions
 *   id-stat.c     the stat family's buffers and getdents' d_type rewritten
 *   id-db.c       the database file: fakeroot(1)'s -s / -i format
 *   id-trap.c     the filter that makes a process's opens stop once its
 *                 fake fsuid is not 0
 *
 * Lower to upper: id-files and id-procs know nothing of the others
 * (id-trap uses id-procs);
 * id-stat and id-db use id-files; id-fcalls uses both; identity.c uses all.
 */
#ifndef XLAT_TRANSLATE_IDENTITY_H
#define XLAT_TRANSLATE_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "translate/translate.h"

#define NOID UINT32_MAX		/* -1: leave the id as it is */
#define OVERFLOW_ID 65534	/* a 16-bit field's view of a larger id */

enum id_kind {
	K_NONE,
	K_GET,		/* getuid, geteuid, getgid, getegid */
	K_GETRES,	/* getresuid, getresgid */
	K_SET,		/* setuid, setgid */
	K_SETRE,	/* setreuid, setregid */
	K_SETRES,	/* setresuid, setresgid */
	K_SETFS,	/* setfsuid, setfsgid */
	K_SETGROUPS,
	K_GETGROUPS,
	K_CAPGET,
	K_CAPSET,
	K_CHOWN,	/* chown, lchown, fchown, fchownat */
	K_CHMOD,	/* chmod, fchmod, fchmodat, fchmodat2 */
	K_MKNOD,	/* mknod, mknodat */
	K_MKDIR,	/* mkdir, mkdirat */
	K_SYMLINK,	/* symlink, symlinkat */
	K_OPEN,		/* open, openat, creat, openat2 */
	K_UNLINK,	/* unlink, unlinkat, rmdir */
	K_RENAME,	/* rename, renameat, renameat2 */
	K_ACCESS,	/* access, faccessat, faccessat2 */
	K_STAT,		/* the stat family: rewritten at exit */
	K_DENTS,	/* getdents, getdents64: d_type rewritten at exit */
};

enum { REAL, EFFECTIVE };	/* K_GET: which id */
enum { UIDS, GIDS };		/* which set of ids a call is about */
enum { O_OPEN, O_OPENAT, O_CREAT_, O_OPENAT2 };	/* K_OPEN: which call */

#define NOARG (-1)

/* One call the translator handles, as data: where its arguments are. */
struct id_call {
	uint8_t kind;		/* enum id_kind */
	uint8_t sub;		/* K_GET: REAL or EFFECTIVE; K_OPEN: O_* */
	uint8_t set;		/* UIDS or GIDS */
	bool id32;		/* 32-bit ids on i386 too */
	int8_t fd;		/* the fd (path NOARG) or the dirfd, or NOARG */
	int8_t path;		/* the path, or NOARG */
	int8_t flags;		/* AT_* flags, or NOARG */
	int8_t arg;		/* the owner, mode or access mode */
	bool nofollow;		/* the last link is the file (lchown, unlink) */
};

/* --- id-procs.c ------------------------------------------------------------ */

struct id_ids {
	uint32_t r, e, s, fs;
};

/* The ids of pid: [UIDS], [GIDS]. */
const struct id_ids *idp_ids(pid_t pid);
/* Is gid one of pid's supplementary groups? */
bool idp_in_group(pid_t pid, uint32_t gid);
/* The get*, set*, groups and capability calls: their result. */
int64_t idp_call(const struct xcall *x, const struct id_call *c);
/* An id argument (NOID for -1) and an id as a call of c's width shows it. */
uint32_t idp_id_arg(const struct xcall *x, const struct id_call *c, int i);
uint32_t idp_id_out(const struct xcall *x, const struct id_call *c, uint32_t id);
/* pid's ids, to be put back when a set*id call is made again. */
void idp_save(pid_t pid, struct id_ids saved[2]);
void idp_restore(pid_t pid, const struct id_ids saved[2]);
/* Where pid is with the filter that stops every open (id-trap.c). */
enum { OPENS_NOT, OPENS_THREAD, OPENS_DONE };
int idp_opens(pid_t pid);
int idp_set_opens(pid_t pid, int state);
int idp_fork(pid_t parent, pid_t child);
void idp_gone(pid_t pid);
void idp_reset(void);

/* --- id-files.c ------------------------------------------------------------ */

/* What the command sees of a file: the kernel's values rewritten. */
struct fview {
	uint64_t dev, ino, nlink, rdev;
	uint32_t mode, uid, gid;
};

/* The real user, whose files are shown as root's. */
void idf_init(uint32_t real_uid, uint32_t real_gid);
/* A view from what stat() said. */
void idf_from_stat(struct fview *v, const struct stat *st);
/* Rewrite v, the kernel's view, to the command's; true when the file has
   an entry.  An entry whose type the file cannot have (the inode was
   reused for a file of another kind) is dropped. */
bool idf_view(struct fview *v);
/* Set the entry of v's (dev, ino) to v: 0 or -ENOMEM. */
int idf_set(const struct fview *v);
/* Set it unless v is what the file shows without one (then drop it). */
int idf_set_or_drop(const struct fview *v, const struct stat *real);
void idf_drop(uint64_t dev, uint64_t ino);
/* Whether any entry shows a type other than the file's (devices). */
bool idf_has_types(void);
/* The type an entry shows for (dev, ino), or 0 when it has none. */
uint32_t idf_type(uint64_t dev, uint64_t ino);
/* Every entry, in order of (dev, ino). */
void idf_walk(void (*fn)(const struct fview *v, void *arg), void *arg);
void idf_reset(void);

/* --- id-fcalls.c ----------------------------------------------------------- */

/* At entry: 0, XH_EXIT or XH_SKIP (result in x->ret). */
int idc_enter(struct xcall *x, const struct id_call *c);
/* At exit: true when x->ret changed. */
bool idc_exit(struct xcall *x, const struct id_call *c);
void idc_gone(pid_t pid);
void idc_reset(void);

/* --- id-stat.c ------------------------------------------------------------- */

/* The stat buffer (or getdents' records) of a call that succeeded,
   rewritten; true when the tracee's memory changed. */
bool ids_stat_exit(const struct xcall *x);
/* At entry: the stat made by the supervisor and its result written, in
   one stop (XH_SKIP); or XH_EXIT where it cannot be. */
int ids_stat_enter(struct xcall *x);
/* From the listener: the same, answered whatever the case (XH_SKIP), or
   XH_EXIT for a call of another ABI or kind. */
int ids_stat_notify(struct xcall *x);
bool ids_dents_exit(const struct xcall *x);
/* From the listener: 0 (it runs as it is) or XH_SKIP. */
int ids_dents_notify(struct xcall *x);

/* --- id-trap.c -------------------------------------------------------------- */

/* The filter opens trapped only when they create (open without O_CREAT
   does not stop); at a set*id call of x that leaves the fake fsuid not 0,
   make the process add a filter that stops all its open and openat
   calls, so that their permissions follow the new fsuid.  The call is
   rewound and stops again: XH_AGAIN (| XH_RESTOPPED); 0 when that cannot
   be done (the call is then answered as it is). */
int idt_trap_opens(struct xcall *x);

/* --- id-db.c --------------------------------------------------------------- */

/* fakeroot's format: 0, or -errno with a message naming file:line. */
int iddb_load(const char *file, char *err, size_t n);
int iddb_save(const char *file, char *err, size_t n);

#endif
