/*
 * bench/floor.c - the "floor" tracer of scripts/bench: the least a
 * seccomp+ptrace tracer that stops twice per call can cost.
 *
 *     floor COMMAND [ARG]...
 *
 * It forks COMMAND, PTRACE_SEIZEs it, and the child loads a seccomp filter
 * that returns SECCOMP_RET_TRACE for every call but those xlat never traps
 * either (exit, exit_group, rt_sigreturn, sigreturn, restart_syscall), on
 * x86_64 and i386 alike.  Each call then makes exactly two stops: the
 * seccomp stop, resumed with PTRACE_SYSCALL, and the syscall-exit stop,
 * resumed with PTRACE_CONT.  Nothing is read, decoded or written; the only
 * other work is what following a process tree needs (fork, vfork, clone
 * and exec events, signal-delivery stops passed on, group-stops listened
 * to).  The supervisor waits in a blocking waitpid; it never polls and
 * never touches its own or the command's CPU affinity.
 *
 * Exit status: the command's, or 128+N when a signal N killed it; 125 when
 * the tracer itself fails.  Built by scripts/bench with gcc -O2, standard
 * headers only (no libseccomp).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif

#define NR(n) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (n), 0, 1), \
	      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

/* Trace every call of either ABI but the five that must never be trapped. */
static struct sock_filter _prog[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 11),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	NR(60),			/* exit */
	NR(231),		/* exit_group */
	NR(15),			/* rt_sigreturn */
	NR(219),		/* restart_syscall */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	NR(1),			/* exit */
	NR(252),		/* exit_group */
	NR(173),		/* rt_sigreturn */
	NR(119),		/* sigreturn */
	NR(0),			/* restart_syscall */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
};

static void _child(int syncfd, char **argv)
{
	struct sock_fprog fprog = {
		.len = sizeof(_prog) / sizeof(_prog[0]),
		.filter = _prog,
	};
	char c;

	/* Wait until the parent has seized us (it closes its end). */
	while (read(syncfd, &c, 1) < 0 && errno == EINTR)
		;
	close(syncfd);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) < 0) {
		perror("floor: seccomp filter");
		_exit(125);
	}
	execvp(argv[0], argv);
	perror(argv[0]);
	_exit(errno == ENOENT ? 127 : 126);
}

int main(int argc, char **argv)
{
	unsigned long opts = PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD |
			     PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			     PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
			     PTRACE_O_EXITKILL;
	int sync[2], status, main_status = 0, sig, event;
	pid_t pid, tid;

	if (argc < 2) {
		fprintf(stderr, "usage: floor COMMAND [ARG]...\n");
		return 125;
	}
	if (pipe2(sync, O_CLOEXEC) < 0) {
		perror("floor: pipe");
		return 125;
	}
	pid = fork();
	if (pid < 0) {
		perror("floor: fork");
		return 125;
	}
	if (pid == 0) {
		close(sync[1]);
		_child(sync[0], argv + 1);
	}
	close(sync[0]);
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)opts) < 0) {
		perror("floor: PTRACE_SEIZE");
		kill(pid, SIGKILL);
		return 125;
	}
	close(sync[1]);

	while ((tid = waitpid(-1, &status, __WALL)) != -1 || errno == EINTR) {
		if (tid < 0)
			continue;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (tid == pid)
				main_status = status;
			continue;
		}
		sig = WSTOPSIG(status);
		event = (unsigned int)status >> 16;
		if (event == PTRACE_EVENT_SECCOMP) {
			/* The first of the call's two stops. */
			ptrace(PTRACE_SYSCALL, tid, NULL, NULL);
		} else if (sig == (SIGTRAP | 0x80)) {
			/* The second: the call's exit. */
			ptrace(PTRACE_CONT, tid, NULL, NULL);
		} else if (event == PTRACE_EVENT_STOP) {
			if (sig == SIGSTOP || sig == SIGTSTP ||
			    sig == SIGTTIN || sig == SIGTTOU)
				ptrace(PTRACE_LISTEN, tid, NULL, NULL);
			else
				ptrace(PTRACE_CONT, tid, NULL, NULL);
		} else if (event != 0) {
			/* fork, vfork, clone, exec: children are auto-attached. */
			ptrace(PTRACE_CONT, tid, NULL, NULL);
		} else {
			/* A signal for the tracee: deliver it. */
			ptrace(PTRACE_CONT, tid, NULL, (void *)(long)sig);
		}
	}
	if (WIFSIGNALED(main_status))
		return 128 + WTERMSIG(main_status);
	return WEXITSTATUS(main_status);
}
