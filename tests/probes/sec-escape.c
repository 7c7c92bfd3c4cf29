/* sec-escape: attempts to get past the supervisor, one per mode; prints
 * one line "MODE RESULT" (the errno name, "ok" when the attempt was let
 * through, or what the kernel did).  The security tests run it under
 * policies that must stop each attempt.
 *
 *   untraced    clone(CLONE_UNTRACED|SIGCHLD): a child the tracer would not see
 *   clone3      clone3() with SIGCHLD: flags in memory, out of the filter's sight
 *   io_uring    io_uring_setup(): I/O that no syscall stop sees
 *   ptrace      ptrace(PTRACE_ATTACH) of a child of ours (a sibling's stand-in)
 *   vmwrite     process_vm_writev() into the parent
 *   listener    seccomp(SET_MODE_FILTER, NEW_LISTENER): a filter whose
 *               user notifications would take precedence over RET_TRACE
 *   highbits    socket(AF_INET | 1 << 32, ...): the kernel reads an int
 *   x32         getpid with the x32 bit set (the filter kills the process) */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED 0x00800000
#endif
#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

static void report(const char *mode, long rc)
{
	if (rc < 0)
		printf("%s %s\n", mode, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	else
		printf("%s ok\n", mode);
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	long rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(m, "untraced") == 0 || strcmp(m, "clone3") == 0) {
		if (m[0] == 'u') {
			rc = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
		} else {
			uint64_t args[11] = { 0 };

			args[4] = SIGCHLD;	/* exit_signal */
			rc = syscall(SYS_clone3, args, sizeof(args));
		}
		if (rc == 0)
			_exit(0);
		if (rc > 0)
			waitpid(rc, NULL, 0);
		report(m, rc);
	} else if (strcmp(m, "io_uring") == 0) {
		char params[120] = { 0 };

		report(m, syscall(SYS_io_uring_setup, 4, params));
	} else if (strcmp(m, "ptrace") == 0) {
		pid_t c = fork();

		if (c == 0) {
			pause();
			_exit(0);
		}
		rc = syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, c, 0, 0);
		report(m, rc);
		kill(c, SIGKILL);
		waitpid(c, NULL, 0);
	} else if (strcmp(m, "vmwrite") == 0) {
		static char target[8];
		char src[8] = "x";
		struct iovec l = { src, 1 }, r = { target, 1 };

		/* Our own address space stands for a sibling's: the call is
		   refused before the kernel looks at the pid. */
		report(m, syscall(SYS_process_vm_writev, getpid(), &l, 1, &r, 1, 0));
	} else if (strcmp(m, "listener") == 0) {
		struct sock_filter f[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
		struct sock_fprog prog = { 1, f };

		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		report(m, syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog));
	} else if (strcmp(m, "highbits") == 0) {
		report(m, syscall(SYS_socket, AF_INET | (1L << 32), SOCK_STREAM, 0));
	} else if (strcmp(m, "x32") == 0) {
		rc = syscall(SYS_getpid | 0x40000000);
		report(m, rc);
	} else {
		return 2;
	}
	return 0;
}
