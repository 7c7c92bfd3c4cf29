/* pol-race: tries to slip a denied path past a path condition by changing
 * the path between the supervisor's check and the kernel's use.
 *
 *   pol-race ALLOWED DENIED N
 *   pol-race -l LINK ALLOWED DENIED N
 *
 * A second thread keeps flipping a shared buffer between ALLOWED and DENIED
 * (same length, so each flip is one copy) while the main thread calls
 * openat on it N times.  Each descriptor it gets is compared (fstat: device
 * and inode) with DENIED.  Prints
 *
 *   opened A denied D leaked L other O
 *
 * With -l, the thread flips the symlink LINK between ALLOWED and DENIED
 * (symlink to LINK.tmp, rename over LINK) and the opens are of LINK: the
 * race between the supervisor's resolution and the kernel's walk.
 *
 * A: opens that reached ALLOWED, D: opens refused, L: opens that reached
 * DENIED (must be 0 under xlat), O: other results.
 *
 * Then it looks for xlat's scratch area (an anonymous read-only mapping
 * of 2 MiB below 4 GiB holding the last path it opened) and tries to undo
 * it (mprotect, munmap, madvise, mmap MAP_FIXED, mremap, a writable
 * /proc/self/mem); prints "scratch found" (or "scratch none") and one line
 * per attempt:
 * "NAME RESULT" with the errno name (EPERM expected) or "ok", then
 * "scratch intact" when the path is still in the same place. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCRATCH_SIZE (16UL << 20)	/* src/scratch.h: 256 slots of 64 KiB */

static char buf[4096];
static char names[2][4096];
static size_t len;
static atomic_int stop;
static const char *link_path;

static void *link_flipper(void *arg)
{
	char tmp[4200];
	unsigned int i = 0;

	(void)arg;
	snprintf(tmp, sizeof(tmp), "%s.tmp", link_path);
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		unlink(tmp);
		if (symlink(names[i++ & 1], tmp) == 0)
			rename(tmp, link_path);
	}
	return NULL;
}

static void *flipper(void *arg)
{
	unsigned int i = 0;

	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		memcpy(buf, names[i++ & 1], len + 1);
		/* A compiler barrier: every copy really happens. */
		__asm__ volatile("" ::: "memory");
	}
	return NULL;
}

static void report(const char *what, int rc)
{
	if (rc < 0)
		printf("%s %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	else
		printf("%s ok\n", what);
}

/* The scratch area: anonymous, r--p, SCRATCH_SIZE, below 4 GiB, holding
   the path it opens last. */
static uintptr_t find_scratch(const char *last)
{
	char line[512], perm[8], path[256];
	unsigned long lo, hi;
	FILE *f = fopen("/proc/self/maps", "r");
	uintptr_t found = 0;
	int fd;

	/* The last path opened: after the maps file's own. */
	fd = openat(AT_FDCWD, last, O_RDONLY);
	if (fd >= 0)
		close(fd);

	while (f && fgets(line, sizeof(line), f)) {
		path[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &lo, &hi, perm, path) < 3)
			continue;
		if (hi - lo != SCRATCH_SIZE || strcmp(perm, "r--p") || path[0] || hi > (1UL << 32))
			continue;
		if (memmem((void *)lo, hi - lo, last, strlen(last) + 1))
			found = lo;
	}
	if (f)
		fclose(f);
	return found;
}

int main(int argc, char **argv)
{
	long n, i, opened = 0, denied = 0, leaked = 0, other = 0;
	struct stat deny_st, st;
	pthread_t th;
	uintptr_t a;
	void *p;
	int fd;

	if (argc == 6 && strcmp(argv[1], "-l") == 0) {
		link_path = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc != 4 || strlen(argv[1]) != strlen(argv[2]) || strlen(argv[1]) >= sizeof(buf)) {
		fprintf(stderr, "usage: pol-race ALLOWED DENIED N (same length)\n");
		return 2;
	}
	if (stat(argv[2], &deny_st) < 0) {
		perror(argv[2]);
		return 2;
	}
	len = strlen(argv[1]);
	strcpy(names[0], argv[1]);
	strcpy(names[1], argv[2]);
	strcpy(buf, link_path ? link_path : argv[1]);
	n = atol(argv[3]);
	if (link_path && symlink(argv[1], link_path) < 0 && errno != EEXIST)
		return 2;
	if (pthread_create(&th, NULL, link_path ? link_flipper : flipper, NULL))
		return 2;
	for (i = 0; i < n; i++) {
		fd = openat(AT_FDCWD, buf, O_RDONLY);
		if (fd < 0) {
			if (errno == EACCES)
				denied++;
			else
				other++;
			continue;
		}
		if (fstat(fd, &st) == 0 && st.st_dev == deny_st.st_dev && st.st_ino == deny_st.st_ino)
			leaked++;
		else
			opened++;
		close(fd);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	printf("opened %ld denied %ld leaked %ld other %ld\n", opened, denied, leaked, other);
	if (link_path)
		return 0;

	a = find_scratch(argv[1]);
	printf("scratch %s\n", a ? "found" : "none");
	if (!a)
		return 0;
	report("mprotect", mprotect((void *)a, 4096, PROT_READ | PROT_WRITE));
	report("munmap", munmap((void *)(a + 4096), 4096));
	report("madvise", madvise((void *)a, 8192, MADV_DONTNEED));
	p = mmap((void *)(a - 4096), 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	report("mmap", p == MAP_FAILED ? -1 : 0);
	p = mremap((void *)a, 4096, 4096, MREMAP_MAYMOVE);
	report("mremap", p == MAP_FAILED ? -1 : 0);
	fd = open("/proc/self/mem", O_RDWR);
	report("procmem", fd);
	if (fd >= 0) {
		/* FOLL_FORCE: this would write the read-only page. */
		if (pwrite(fd, "X", 1, (off_t)a) == 1)
			printf("procmem wrote\n");
		close(fd);
	}
	/* Still the same: the path is still there. */
	printf("scratch %s\n", find_scratch(argv[1]) == a ? "intact" : "changed");
	return 0;
}
