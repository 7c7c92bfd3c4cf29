/*
 * root-calls - makes every kind of path-taking call once, on paths under
 * /tmp/rc of whatever root it runs in, and prints one line per call: its
 * name, its result and what it returned.  tests/root-calls.test runs it
 * under chroot and under xlat -r and compares.  Raw syscalls where libc
 * would use another call, so that each one named here is the one made.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utime.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

struct how { uint64_t flags, mode, resolve; };

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s -1 %s\n", what, strerrorname_np(errno));
	else
		printf("%s %ld\n", what, r);
}

static void show_stat(const char *what, long r, const struct stat *st)
{
	if (r < 0)
		show(what, r);
	else
		printf("%s 0 mode=%o size=%lld\n", what, (unsigned)st->st_mode,
		       (long long)st->st_size);
}

int main(void)
{
	char buf[PATH_MAX];
	struct stat st;
	struct statx sx;
	struct statfs sf;
	struct how how = { O_RDONLY, 0, 0 };
	struct timespec ts[2] = { { 1000, 0 }, { 2000, 0 } };
	struct timeval tv[2] = { { 3000, 0 }, { 4000, 0 } };
	struct utimbuf ub = { 5000, 6000 };
	long r;
	int fd, dfd, in;

	setvbuf(stdout, NULL, _IOLBF, 0);
	system("rm -rf /tmp/rc");
	show("mkdir", mkdir("/tmp/rc", 0755));
	show("mkdirat", mkdirat(AT_FDCWD, "/tmp/rc/d", 0755));
	show("chdir", chdir("/tmp/rc"));
	fd = open("f", O_CREAT | O_WRONLY, 0644);
	show("open", fd >= 0 ? 0 : -1);
	show("write", write(fd, "hello\n", 6));
	close(fd);
	show("creat", (r = creat("/tmp/rc/c", 0600)) >= 0 ? 0 : -1);
	if (r >= 0)
		close(r);
	dfd = open("/tmp/rc", O_RDONLY | O_DIRECTORY);
	show("openat", (r = openat(dfd, "f", O_RDONLY)) >= 0 ? 0 : -1);
	if (r >= 0)
		close(r);
	r = syscall(SYS_openat2, AT_FDCWD, "/tmp/rc/f", &how, sizeof(how));
	show("openat2", r >= 0 ? 0 : -1);
	if (r >= 0)
		close(r);
	how.resolve = 0x10;	/* RESOLVE_IN_ROOT, from the directory */
	r = syscall(SYS_openat2, dfd, "/f", &how, sizeof(how));
	show("openat2-in-root", r >= 0 ? 0 : -1);
	if (r >= 0)
		close(r);
	show_stat("stat", stat("/tmp/rc/f", &st), &st);
	show("symlink", symlink("/tmp/rc/f", "/tmp/rc/l"));
	show("symlinkat", symlinkat("d", dfd, "ld"));
	show_stat("lstat", lstat("/tmp/rc/l", &st), &st);
	show_stat("fstatat", fstatat(dfd, "l", &st, 0), &st);
	show_stat("fstatat-nofollow", fstatat(dfd, "l", &st, AT_SYMLINK_NOFOLLOW), &st);
	r = statx(AT_FDCWD, "/tmp/rc/l", 0, STATX_SIZE, &sx);
	printf("statx %ld size=%llu\n", r, r ? 0ULL : (unsigned long long)sx.stx_size);
	show("statfs", statfs("/tmp/rc", &sf));
	show("access", access("/tmp/rc/f", R_OK));
	show("faccessat", faccessat(dfd, "f", W_OK, 0));
	show("faccessat2", syscall(SYS_faccessat2, dfd, "l", R_OK, AT_SYMLINK_NOFOLLOW));
	r = readlink("/tmp/rc/l", buf, sizeof(buf) - 1);
	printf("readlink %ld %.*s\n", r, (int)(r > 0 ? r : 0), buf);
	r = readlinkat(dfd, "ld", buf, sizeof(buf) - 1);
	printf("readlinkat %ld %.*s\n", r, (int)(r > 0 ? r : 0), buf);
	show("chmod", chmod("/tmp/rc/f", 0640));
	show("fchmodat", fchmodat(dfd, "f", 0644, 0));
	show("fchmodat2", syscall(SYS_fchmodat2, dfd, "f", 0600, 0));
	show("chown", chown("/tmp/rc/f", getuid(), getgid()));
	show("lchown", lchown("/tmp/rc/l", getuid(), getgid()));
	show("fchownat", fchownat(dfd, "f", getuid(), getgid(), 0));
	show("truncate", truncate("/tmp/rc/f", 3));
	show("utimensat", utimensat(dfd, "f", ts, 0));
	show("utimes", utimes("/tmp/rc/f", tv));
	show("utime", utime("/tmp/rc/f", &ub));
	show_stat("stat-after", stat("f", &st), &st);
	printf("mtime %ld\n", (long)st.st_mtime);
	show("link", link("/tmp/rc/f", "/tmp/rc/h"));
	show("linkat", linkat(dfd, "f", dfd, "h2", 0));
	show("rename", rename("/tmp/rc/h", "/tmp/rc/h3"));
	show("renameat", renameat(dfd, "h3", dfd, "h4"));
	show("renameat2", renameat2(dfd, "h4", dfd, "h2", RENAME_NOREPLACE));
	show("unlink", unlink("/tmp/rc/h4"));
	show("unlinkat", unlinkat(dfd, "h2", 0));
	show("mknod", mknod("/tmp/rc/p", S_IFIFO | 0644, 0));
	show("mknodat", mknodat(dfd, "p2", S_IFIFO | 0644, 0));
	r = setxattr("/tmp/rc/f", "user.x", "v", 1, 0);
	show("setxattr", r < 0 && errno == ENOTSUP ? 0 : r);
	r = getxattr("/tmp/rc/f", "user.x", buf, sizeof(buf));
	show("getxattr", r < 0 && errno == ENOTSUP ? 1 : r);
	r = listxattr("/tmp/rc/f", buf, sizeof(buf));
	show("listxattr", r < 0 && errno == ENOTSUP ? 7 : r);
	r = removexattr("/tmp/rc/f", "user.x");
	show("removexattr", r < 0 && errno == ENOTSUP ? 0 : r);
	in = inotify_init1(IN_CLOEXEC);
	show("inotify_add_watch", inotify_add_watch(in, "/tmp/rc/f", IN_MODIFY) > 0 ? 0 : -1);
	close(in);
	show("chdir-d", chdir("/tmp/rc/ld"));
	printf("getcwd %s\n", getcwd(buf, sizeof(buf)) ? buf : "(null)");
	show("fchdir", fchdir(dfd));
	printf("getcwd %s\n", getcwd(buf, sizeof(buf)) ? buf : "(null)");
	show("rmdir", rmdir("/tmp/rc/d"));
	show("rmdir-gone", rmdir("/tmp/rc/d"));
	show("chroot", chroot("/tmp/rc"));
	show("mount", syscall(SYS_mount, "none", "/tmp/rc", "tmpfs", 0, NULL) < 0 ? -1 : 0);
	close(dfd);
	system("rm -rf /tmp/rc");
	return 0;
}
