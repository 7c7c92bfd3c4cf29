/*
 * scratch.h - the read-only scratch area of each traced address space.
 *
 * Path conditions are decided on a copy of the path; so that the kernel
 * reads that very copy, the supervisor writes it into a PROT_READ private
 * mapping of the tracee (through /proc/PID/mem) and points the argument
 * there.  No tracee thread can write that memory, and the calls that could
 * unmap, remap, reprotect or zero it are refused while it exists.
 *
 * The area is placed by making the tracee itself call mmap at a seccomp
 * stop, then re-issuing the call it stopped in.  Each thread gets its own
 * slot (a thread is in one call at a time, so its slot is free again at its
 * next stop).  fork copies the area (same address, new slots), CLONE_VM
 * shares it, exec drops it.
 */
#ifndef XLAT_SCRATCH_H
#define XLAT_SCRATCH_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define SCRATCH_SLOT 65536	/* per thread: paths, and an exec's new argv */
#define SCRATCH_PATHS 2		/* path arguments of one call, PATH_MAX each */
#define SCRATCH_SLOTS 256	/* threads at once in one address space */
#define SCRATCH_SIZE ((uint64_t)SCRATCH_SLOT * SCRATCH_SLOTS)

/* The area of a thread group: its address, 0 when it has none (yet). */
uint64_t scratch_addr(pid_t pid);
/* The area of pid could not be placed (mmap failed): calls that need it
   fail closed. */
bool scratch_failed(pid_t pid);

/* At a seccomp (or entry) stop of tid in the call of abi: run mmap in the
   tracee, record the area for pid, and rewind tid so that its call is
   made again.  0: done (resume tid; its call stops again); 1: another stop
   of tid came instead, its status in *status, for the loop to handle;
   -errno: nothing was changed. */
int scratch_place(pid_t tid, pid_t pid, int abi, int *status);

/* Copy the path arguments of call id into tid's slot and point args (and
   the registers) at the copies.  0 or -errno: the call must fail with it
   (unreadable path: EFAULT, too long: ENAMETOOLONG, no area: EPERM).
   orig receives the replaced values, bit i of *changed tells which. */
int scratch_pin(pid_t tid, pid_t pid, int abi, int id, uint64_t args[6],
		uint64_t orig[6], unsigned int *changed);

/* Write the strings str[reg] (NULL: leave that register) into tid's slot
   and point the registers at them: the translated paths of a call.
   0 or -errno (no area: EPERM); orig and *changed as scratch_pin. */
int scratch_pin_as(pid_t tid, pid_t pid, int abi, const char *const str[6], uint64_t args[6],
		   uint64_t orig[6], unsigned int *changed);
/* Write len bytes at offset off (past the pinned paths) of tid's slot:
   their address in *addr.  0 or -errno (-E2BIG when they do not fit).
   The slot's last 32 KiB keep the paths pinned before, for use again
   (scratch.c); a write that reaches them makes them forgotten. */
int scratch_put(pid_t tid, pid_t pid, size_t off, const void *data, size_t len,
		uint64_t *addr);
#define SCRATCH_DATA ((size_t)SCRATCH_PATHS * PATH_MAX)	/* first free offset */

/* An open, openat or creat that a path rule checks, its path pinned:
   replace the pinned path by its resolved form (and an openat's dirfd by
   AT_FDCWD) in args, for the policy to decide on, when opening it with
   openat2(RESOLVE_NO_SYMLINKS) is equivalent.  1: done (then, if the call
   is allowed, scratch_openat2 makes it), 0: left as it is (the kernel
   lacks openat2, or O_NOFOLLOW, /proc, a trailing slash...), -errno. */
int scratch_resolve_open(pid_t tid, pid_t pid, int abi, int id, uint64_t args[6],
			 uint64_t orig[6], unsigned int *changed);
/* Make tid's call openat2(AT_FDCWD, resolved path, RESOLVE_NO_SYMLINKS),
   so that no symlink planted after the check is followed.  0 or -errno. */
int scratch_openat2(pid_t tid, pid_t pid, int abi);

/* Would call id with args unmap, remap, reprotect, zero or write pid's
   area?  The open family is among them (a writable /proc/PID/mem writes
   read-only pages): its path arguments must be pinned first. */
bool scratch_guarded(int id);
bool scratch_opens(int id);
bool scratch_touches(pid_t tid, pid_t pid, int abi, int id, const uint64_t args[6]);

/* A new process or thread: pid's child. */
int scratch_spawn(pid_t parent, pid_t child, bool share_vm);
/* A thread is gone: its slot is free. */
void scratch_thread_gone(pid_t pid, pid_t tid);
/* pid exec'd or is gone: its area is no more. */
void scratch_drop(pid_t pid);

#endif
