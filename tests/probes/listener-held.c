/*
 * listener-held - run a command under a seccomp filter that has a
 * listener already, as an outer supervisor's would: a process can have
 * only one, so the command's own filter cannot.
 *
 *   listener-held CMD [ARG...]
 *
 * The filter notifies only uselib(2), which nothing calls; its listener
 * stays open in the command (the kernel forgets a listener once closed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

int main(int argc, char **argv)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_uselib, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: listener-held CMD [ARG...]\n");
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    (fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			       SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog)) < 0 ||
	    fcntl(fd, F_SETFD, 0) < 0) {
		fprintf(stderr, "listener-held: seccomp: %s\n", strerror(errno));
		return 1;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "listener-held: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
