/*
 * mem.h - reading and writing tracee memory.
 *
 * Tracee addresses are plain uint64_t values named *_tracee; buffers in
 * our own memory are named *_tracer.
 */
#ifndef XLAT_MEM_H
#define XLAT_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Read len bytes; 0 on success, -EFAULT (or another -errno) otherwise. */
int mem_read(pid_t tid, uint64_t src_tracee, void *dest_tracer, size_t len);
/* Read up to len bytes, stopping early at an unreadable page; returns
   the count read (0..len) or -errno when nothing could be read. */
ssize_t mem_read_some(pid_t tid, uint64_t src_tracee, void *dest_tracer, size_t len);
/* Read a NUL-terminated string of at most max bytes (without the NUL).
   Returns its length, or -errno when the first byte is unreadable;
   *complete tells whether the NUL was found within max bytes. */
ssize_t mem_read_str(pid_t tid, uint64_t src_tracee, char *dest_tracer,
		     size_t max, bool *complete);
int mem_write(pid_t tid, uint64_t dest_tracee, const void *src_tracer, size_t len);

/* /proc/TID/mem opened for reading and writing, to be kept by the caller
   for as long as the address space lives (it stays bound to the address
   space it was opened on, not to the thread): an fd or -errno. */
int mem_open(pid_t tid);
/* Write through an fd of mem_open, read-only pages too (as a debugger
   does): 0 or -errno. */
int mem_write_fd(int fd, uint64_t dest_tracee, const void *src_tracer, size_t len);

#endif
