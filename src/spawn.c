/*
 * spawn.c - fork the command, seize it, release it into its filter and exec.
 *
 * The child stops itself by blocking on a pipe until the parent has seized
 * it, so no SIGSTOP/SIGCONT pair appears in the command's life.  A failure
 * after fork (filter, exec) comes back through a close-on-exec pipe.  An
 * untraced child instead asks to be killed when xlat dies.  A filter with
 * notify rules has a listener, which the child sends to xlat over a
 * close-on-exec socket pair before it executes the command.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "signals.h"
#include "spawn.h"

extern char **environ;

enum { STAGE_FILTER = 1, STAGE_EXEC = 2 };

/* The child's status when xlat died before it could run the command. */
#define EXIT_XLAT_CHILD 125

struct _failure {
	int stage;
	int err;
};

static int _errpipe = -1;
static scmp_filter_ctx _fallback;	/* spawn_notify: the filter without */
static int _lsock[2] = { -1, -1 };	/* the listener's way to xlat */
static char _cmd[PATH_MAX];

static const struct path_view *_view;	/* the guest's view, or NULL */
static char _guest_cwd[PATH_MAX];	/* where the command starts, guest side */
static char _chdir[PATH_MAX];		/* and host side; empty: stay */

void spawn_notify(scmp_filter_ctx fallback)
{
	_fallback = fallback;
}

/* The child: send the listener fd (-1: none) to xlat. */
static void _send_listener(int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, c = fd < 0 ? 'n' : 'y';
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (fd >= 0) {
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		cm = CMSG_FIRSTHDR(&m);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	while (sendmsg(_lsock[1], &m, MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
	close(_lsock[1]);
	_lsock[1] = -1;
	if (fd >= 0)
		close(fd);
}

int spawn_listener(void)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd = -1;
	ssize_t n;

	if (_lsock[0] < 0)
		return -1;
	/* Until the child sends, or fails and exits (the end closes). */
	while ((n = recvmsg(_lsock[0], &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
		;
	cm = n > 0 ? CMSG_FIRSTHDR(&m) : NULL;
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	close(_lsock[0]);
	_lsock[0] = -1;
	return fd;
}

void spawn_chdir(const char *host_dir)
{
	snprintf(_chdir, sizeof(_chdir), "%s", host_dir);
}

static int _check_file(const char *path)
{
	char g[PATH_MAX * 2];
	struct path_res r;
	struct stat st;
	int rc;

	if (path_view_active(_view)) {
		/* A guest path: look at the file it names in the guest. */
		snprintf(g, sizeof(g), "%s%s%s", path[0] == '/' ? "" : _guest_cwd,
			 path[0] == '/' ? "" : "/", path);
		rc = path_resolve(_view, getpid(), getpid(), -100, false, g, 0, &r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			path = r.host;
	}
	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EACCES;
	if (access(path, X_OK) < 0)
		return -errno;
	return 0;
}

int spawn_resolve(const struct path_view *v, const char *cmd, char *path, size_t size)
{
	const char *dirs, *p, *end;
	int rc, seen = -ENOENT;
	size_t dl;

	_view = v;
	if (path_view_active(v) &&
	    (!_chdir[0] || path_to_guest(v, _chdir, _guest_cwd, sizeof(_guest_cwd)) < 0))
		snprintf(_guest_cwd, sizeof(_guest_cwd), "/");

	if (!*cmd)
		return -ENOENT;
	if (strchr(cmd, '/')) {
		if (strlen(cmd) >= size)
			return -ENAMETOOLONG;
		strcpy(path, cmd);
		return _check_file(path);
	}
	dirs = getenv("PATH");
	if (!dirs)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	for (p = dirs; ; p = end + 1) {
		end = strchrnul(p, ':');
		dl = end - p;
		if (dl + strlen(cmd) + 2 <= size) {
			if (dl == 0)
				snprintf(path, size, "%s", cmd);
			else
				snprintf(path, size, "%.*s/%s", (int)dl, p, cmd);
			rc = _check_file(path);
			if (rc == 0)
				return 0;
			/* As execvp: a file found but not runnable is remembered. */
			if (rc == -EACCES)
				seen = rc;
		}
		if (!*end)
			break;
	}
	return seen;
}

static bool _is_elf(const char *path)
{
	char magic[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool elf;

	if (fd < 0)
		return false;
	elf = read(fd, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) == 0;
	close(fd);
	return elf;
}

static void _child(int syncfd, int errfd, const char *path, char *const argv[],
		   scmp_filter_ctx filter, enum spawn_mode mode, pid_t parent)
{
	struct _failure f = { 0, 0 };
	char c;
	int rc, n;

	signals_restore();
	/* Before the tracer sees us: a host path, which it would translate. */
	if (_chdir[0] && chdir(_chdir) < 0) {
		f.stage = STAGE_EXEC;
		f.err = errno;
		goto out_fail;
	}
	/* Wait until the parent has seized us (it closes its end). */
	while (read(syncfd, &c, 1) < 0 && errno == EINTR)
		;
	close(syncfd);
	/* No tracer will kill us with PTRACE_O_EXITKILL: die with xlat.  The
	   setting survives execve (NO_NEW_PRIVS rules out set-id programs). */
	if (mode == SPAWN_UNTRACED &&
	    (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 || getppid() != parent))
		_exit(EXIT_XLAT_CHILD);

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		f.stage = STAGE_FILTER;
		f.err = errno;
		goto out_fail;
	}
	if (filter) {
		rc = seccomp_load(filter);
		/* One listener in a process's filters: an outer supervisor
		   may have it (EBUSY), or the kernel has none.  Then the
		   calls stop in the tracer instead. */
		if (rc < 0 && _fallback)
			rc = seccomp_load(_fallback);
		else if (rc == 0 && _fallback)
			_send_listener(seccomp_notify_fd(filter));
		if (rc < 0) {
			f.stage = STAGE_FILTER;
			f.err = -rc;
			goto out_fail;
		}
		if (_lsock[1] >= 0)
			_send_listener(-1);
	}
	execve(path, argv, environ);
	f.stage = STAGE_EXEC;
	f.err = errno;
	if (errno == ENOEXEC && !_is_elf(path)) {
		/* As execvp: a file without a #! line is a shell script; an ELF
		   file the kernel refuses (another machine, no ia32 emulation,
		   corrupt) is not. */
		for (n = 0; argv[n]; n++)
			;
		char **sh = calloc(n + 2, sizeof(*sh));
		if (sh) {
			sh[0] = "sh";
			sh[1] = (char *)path;
			memcpy(sh + 2, argv + 1, n * sizeof(*sh));
			execve("/bin/sh", sh, environ);
		}
	}
out_fail:
	while (write(errfd, &f, sizeof(f)) < 0 && errno == EINTR)
		;
	_exit(f.stage == STAGE_FILTER ? 125 : f.err == ENOENT ? 127 : 126);
}

pid_t spawn_start(const char *path, char *const argv[], scmp_filter_ctx filter,
		  enum spawn_mode mode, unsigned long ptrace_options)
{
	pid_t pid, parent = getpid();
	int sync[2], errp[2], err;

	snprintf(_cmd, sizeof(_cmd), "%s", argv[0]);
	if (pipe2(sync, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(errp, O_CLOEXEC) < 0) {
		err = -errno;
		close(sync[0]);
		close(sync[1]);
		return err;
	}
	if (_fallback && socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, _lsock) < 0)
		_lsock[0] = _lsock[1] = -1;	/* no listener: the child loads the fallback */
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(sync[0]);
		close(sync[1]);
		close(errp[0]);
		close(errp[1]);
		return err;
	}
	if (pid == 0) {
		close(sync[1]);
		close(errp[0]);
		if (_lsock[0] >= 0)
			close(_lsock[0]);
		else if (_fallback)
			filter = _fallback;
		_child(sync[0], errp[1], path, argv, filter, mode, parent);
	}
	close(sync[0]);
	close(errp[1]);
	if (_lsock[1] >= 0) {
		close(_lsock[1]);
		_lsock[1] = -1;
	}
	if (mode != SPAWN_UNTRACED && ptrace(PTRACE_SEIZE, pid, NULL, (void *)ptrace_options) < 0) {
		err = -errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(sync[1]);
		close(errp[0]);
		return err;
	}
	/* Without a filter nothing stops the child until a tracer asks: make
	   it stop now so that its first call is seen (the loop then resumes it
	   with PTRACE_SYSCALL). */
	if (mode == SPAWN_TRACED_STOPPED)
		ptrace(PTRACE_INTERRUPT, pid, NULL, NULL);
	_errpipe = errp[0];
	close(sync[1]);		/* release the child */
	return pid;
}

int spawn_failure(char *msg, size_t size)
{
	struct _failure f;
	ssize_t n;

	msg[0] = '\0';
	if (_errpipe < 0)
		return -1;
	n = read(_errpipe, &f, sizeof(f));
	close(_errpipe);
	_errpipe = -1;
	if (n != sizeof(f))
		return -1;
	if (f.stage == STAGE_FILTER) {
		snprintf(msg, size, "cannot install the seccomp filter: %s", strerror(f.err));
		return 125;
	}
	snprintf(msg, size, "cannot execute '%s': %s", _cmd, strerror(f.err));
	return f.err == ENOENT ? 127 : 126;
}
