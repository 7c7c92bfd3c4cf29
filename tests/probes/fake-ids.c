/*
 * fake-ids: a statically linked program (no LD_PRELOAD can reach it) that
 * makes the identity calls with syscall(2), one step per argument, and
 * prints one line per step: what the call returned, or its errno's name.
 *
 *   ids                          getuid geteuid getgid getegid
 *   res                          ruid euid suid fsuid rgid egid sgid fsgid
 *   setuid:N  setgid:N  setfsuid:N  setfsgid:N
 *   setreuid:R:E  setregid:R:E  setresuid:R:E:S  setresgid:R:E:S
 *   setgroups                    setgroups(1, {4242})
 *   chown:PATH:U:G  lchown:PATH:U:G  fchown:PATH:U:G
 *   stat:PATH  lstat:PATH        st_uid st_gid (fstatat, as glibc does)
 *   getresuid-null               getresuid(NULL, NULL, NULL)
 *   proc                         the real Uid: and Gid: of /proc/self/status
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void result(const char *step, long r)
{
	if (r < 0)
		printf("%s %s\n", step, strerrorname_np(errno));
	else
		printf("%s %ld\n", step, r);
}

/* The numbers after "name:", as ids; -1 for those not given. */
static void numbers(const char *arg, long v[3])
{
	const char *p = strchr(arg, ':');
	int n;

	for (n = 0; n < 3; n++) {
		v[n] = p ? strtol(p + 1, NULL, 10) : -1;
		p = p ? strchr(p + 1, ':') : NULL;
	}
}

/* The kernel's view, which the translator does not change: the Uid: and
   Gid: lines, tabs as spaces. */
static void proc(void)
{
	char line[256], out[512] = "proc";
	FILE *f = fopen("/proc/self/status", "r");
	size_t n = 4;
	char *t;

	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "Uid:", 4) == 0 || strncmp(line, "Gid:", 4) == 0)
			n += snprintf(out + n, sizeof(out) - n, "%.250s", line + 4);
	}
	if (f)
		fclose(f);
	while ((t = strchr(out, '\t')))
		*t = ' ';
	printf("%s\n", out);
}

static void res(void)
{
	unsigned int u[3], g[3];

	syscall(SYS_getresuid, &u[0], &u[1], &u[2]);
	syscall(SYS_getresgid, &g[0], &g[1], &g[2]);
	printf("res %u %u %u %ld %u %u %u %ld\n", u[0], u[1], u[2],
	       syscall(SYS_setfsuid, -1), g[0], g[1], g[2], syscall(SYS_setfsgid, -1));
}

/* chown:PATH:U:G and friends: PATH is everything up to the last two ':'. */
static void chown_step(const char *step)
{
	char path[4096], *c;
	long v[3];
	int fd;

	snprintf(path, sizeof(path), "%s", strchr(step, ':') + 1);
	c = strrchr(path, ':');
	if (!c)
		return;
	*c = '\0';
	c = strrchr(path, ':');
	if (!c)
		return;
	*c = '\0';
	v[0] = strtol(c + 1, &c, 10);
	v[1] = strtol(c + 1, NULL, 10);
	if (strncmp(step, "chown:", 6) == 0) {
		result("chown", syscall(SYS_chown, path, v[0], v[1]));
	} else if (strncmp(step, "lchown:", 7) == 0) {
		result("lchown", syscall(SYS_lchown, path, v[0], v[1]));
	} else {
		fd = open(path, O_RDONLY);
		result("fchown", syscall(SYS_fchown, fd, v[0], v[1]));
		close(fd);
	}
}

static void stat_step(const char *step, int flags)
{
	struct stat st;

	if (fstatat(AT_FDCWD, strchr(step, ':') + 1, &st, flags) < 0)
		printf("stat %s\n", strerrorname_np(errno));
	else
		printf("stat %u %u\n", st.st_uid, st.st_gid);
}

int main(int argc, char **argv)
{
	static const struct { const char *name; long nr; } sets[] = {
		{ "setuid", SYS_setuid }, { "setgid", SYS_setgid },
		{ "setfsuid", SYS_setfsuid }, { "setfsgid", SYS_setfsgid },
		{ "setreuid", SYS_setreuid }, { "setregid", SYS_setregid },
		{ "setresuid", SYS_setresuid }, { "setresgid", SYS_setresgid },
	};
	unsigned int gid = 4242, k;
	long v[3];
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t n = strcspn(a, ":");

		if (strcmp(a, "ids") == 0) {
			printf("ids %ld %ld %ld %ld\n", syscall(SYS_getuid), syscall(SYS_geteuid),
			       syscall(SYS_getgid), syscall(SYS_getegid));
			continue;
		}
		if (strcmp(a, "res") == 0) {
			res();
			continue;
		}
		if (strcmp(a, "proc") == 0) {
			proc();
			continue;
		}
		if (strcmp(a, "setgroups") == 0) {
			result(a, syscall(SYS_setgroups, 1, &gid));
			continue;
		}
		if (strcmp(a, "getresuid-null") == 0) {
			result(a, syscall(SYS_getresuid, NULL, NULL, NULL));
			continue;
		}
		if (strncmp(a, "stat:", 5) == 0 || strncmp(a, "lstat:", 6) == 0) {
			stat_step(a, a[0] == 'l' ? AT_SYMLINK_NOFOLLOW : 0);
			continue;
		}
		if (strstr(a, "chown:") == a || strstr(a, "lchown:") == a ||
		    strstr(a, "fchown:") == a) {
			chown_step(a);
			continue;
		}
		for (k = 0; k < sizeof(sets) / sizeof(sets[0]); k++) {
			if (strlen(sets[k].name) != n || strncmp(a, sets[k].name, n) != 0)
				continue;
			numbers(a, v);
			result(sets[k].name, syscall(sets[k].nr, v[0], v[1], v[2]));
			break;
		}
		if (k == sizeof(sets) / sizeof(sets[0])) {
			fprintf(stderr, "fake-ids: unknown step '%s'\n", a);
			return 2;
		}
	}
	return 0;
}
