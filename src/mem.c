/*
 * mem.c - tracee memory through process_vm_readv/writev, page by page,
 * with /proc/TID/mem as the fallback (a kernel without CONFIG_CROSS_MEMORY_ATTACH,
 * or pages process_vm_readv refuses, such as some special mappings).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mem.h"

#define PAGE 4096UL
#define FIRST_READ 256UL

static bool _no_vm_readv;

static ssize_t _procmem(pid_t tid, uint64_t addr, void *buf, size_t len, bool write)
{
	char path[32];
	ssize_t n;
	int fd, err;

	snprintf(path, sizeof(path), "/proc/%d/mem", tid);
	fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write)
		n = pwrite(fd, buf, len, (off_t)addr);
	else
		n = pread(fd, buf, len, (off_t)addr);
	err = errno;
	close(fd);
	if (n < 0)
		return err == EIO ? -EFAULT : -err;
	return n;
}

/* One chunk that does not cross a page boundary. */
static ssize_t _read_chunk(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (!_no_vm_readv) {
		n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
		if (n >= 0)
			return n;
		if (errno == ENOSYS)
			_no_vm_readv = true;
		else if (errno == ESRCH)
			return -ESRCH;
	}
	return _procmem(tid, addr, buf, len, false);
}

ssize_t mem_read_some(pid_t tid, uint64_t src_tracee, void *dest_tracer, size_t len)
{
	struct iovec local = { dest_tracer, len };
	struct iovec remote = { (void *)(uintptr_t)src_tracee, len };
	size_t done = 0, chunk;
	ssize_t n;

	if (len == 0)
		return 0;
	if (src_tracee == 0)
		return -EFAULT;
	/* The common case: all of it in one call. */
	if (!_no_vm_readv) {
		n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
		if (n == (ssize_t)len)
			return n;
	}
	/* Then page by page, to get as far as the readable part goes. */
	while (done < len) {
		chunk = PAGE - ((src_tracee + done) & (PAGE - 1));
		if (chunk > len - done)
			chunk = len - done;
		n = _read_chunk(tid, src_tracee + done, (char *)dest_tracer + done, chunk);
		if (n <= 0)
			break;
		done += n;
		if ((size_t)n < chunk)
			break;
	}
	if (done == 0)
		return -EFAULT;
	return done;
}

int mem_read(pid_t tid, uint64_t src_tracee, void *dest_tracer, size_t len)
{
	ssize_t n = mem_read_some(tid, src_tracee, dest_tracer, len);

	if (n < 0)
		return n;
	return (size_t)n == len ? 0 : -EFAULT;
}

ssize_t mem_read_str(pid_t tid, uint64_t src_tracee, char *dest_tracer,
		     size_t max, bool *complete)
{
	size_t done = 0, chunk;
	ssize_t n;
	char *nul;

	*complete = false;
	if (src_tracee == 0)
		return -EFAULT;
	/* Page-bounded chunks: a string that ends just before an unmapped
	   page must not make the read of its last page fail.  The first is
	   at most FIRST_READ bytes: most paths are shorter, and a copy of
	   a page's rest costs more than the rare second read. */
	while (done <= max) {
		chunk = PAGE - ((src_tracee + done) & (PAGE - 1));
		if (done == 0 && chunk > FIRST_READ)
			chunk = FIRST_READ;
		if (chunk > max + 1 - done)
			chunk = max + 1 - done;
		n = _read_chunk(tid, src_tracee + done, dest_tracer + done, chunk);
		if (n <= 0)
			break;
		nul = memchr(dest_tracer + done, '\0', n);
		if (nul) {
			*complete = true;
			return nul - dest_tracer;
		}
		done += n;
		if ((size_t)n < chunk)
			break;
	}
	if (done == 0)
		return -EFAULT;
	return done > max ? (ssize_t)max : (ssize_t)done;
}

int mem_open(pid_t tid)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", tid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int mem_write_fd(int fd, uint64_t dest_tracee, const void *src_tracer, size_t len)
{
	ssize_t n = pwrite(fd, src_tracer, len, (off_t)dest_tracee);

	if (n < 0)
		return errno == EIO ? -EFAULT : -errno;
	return (size_t)n == len ? 0 : -EFAULT;
}

int mem_write(pid_t tid, uint64_t dest_tracee, const void *src_tracer, size_t len)
{
	struct iovec local = { (void *)src_tracer, len };
	struct iovec remote = { (void *)(uintptr_t)dest_tracee, len };
	ssize_t n;

	n = process_vm_writev(tid, &local, 1, &remote, 1, 0);
	if (n == (ssize_t)len)
		return 0;
	/* /proc/TID/mem also writes read-only pages (as a debugger does). */
	n = _procmem(tid, dest_tracee, (void *)src_tracer, len, true);
	if (n < 0)
		return n;
	return (size_t)n == len ? 0 : -EFAULT;
}
