/* skip-call: unit test of the skip primitive (regs_skip): a child traps
   getppid with SECCOMP_RET_TRACE; at the seccomp stop the parent skips the
   call and sets its result to 4242 (then -EPERM for the second call) in that
   one stop, with no exit stop.  The child checks what it got. */
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "regs.h"

int main(void)
{
	int st, stops = 0, sync[2];
	scmp_filter_ctx ctx;
	pid_t pid;
	char c;

	if (pipe(sync) < 0)
		return 99;
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), SCMP_SYS(getppid), 0);
	pid = fork();
	if (pid == 0) {
		close(sync[1]);
		if (read(sync[0], &c, 1) < 0)
			_exit(98);
		prctl(PR_SET_NO_NEW_PRIVS, 1);
		if (seccomp_load(ctx) < 0)
			_exit(97);
		long a = syscall(SYS_getppid);
		long b = syscall(SYS_getppid);
		int e = errno;
		_exit(a == 4242 && b == -1 && e == EPERM ? 0 : 1);
	}
	if (ptrace(PTRACE_SEIZE, pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD |
				  PTRACE_O_EXITKILL)) < 0) {
		perror("PTRACE_SEIZE");
		return 99;
	}
	close(sync[1]);
	while (waitpid(pid, &st, __WALL) == pid && WIFSTOPPED(st)) {
		int sig = 0;

		if (st >> 8 == (SIGTRAP | PTRACE_EVENT_SECCOMP << 8)) {
			struct scinfo si;

			stops++;
			if (regs_get(pid, &si) < 0 || si.op != OP_SECCOMP)
				return 1;
			if (regs_skip(pid, stops == 1 ? 4242 : -EPERM) < 0)
				return 1;
		} else if (WSTOPSIG(st) == (SIGTRAP | 0x80)) {
			fprintf(stderr, "skip-call: an exit stop came after a skip\n");
			return 1;
		} else if (st >> 16 == 0) {
			sig = WSTOPSIG(st);
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig);
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "skip-call: child saw the wrong results (status %#x)\n", st);
		return 1;
	}
	if (stops != 2) {
		fprintf(stderr, "skip-call: %d stops, expected 2 (one per call)\n", stops);
		return 1;
	}
	printf("skip-call: 2 calls skipped in 1 stop each\n");
	return 0;
}
