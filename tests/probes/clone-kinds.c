/* clone-kinds: a child by the fork syscall, one by vfork(), a thread by raw clone()
   with CLONE_THREAD, a thread by pthread_create (clone3); prints a line for
   each, in order. */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int done;

static int raw_thread(void *arg)
{
	__atomic_store_n(&done, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &done, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0);
	return 0;
}

static void *pthread_fn(void *arg)
{
	return arg;
}

int main(void)
{
	static char stack[64 * 1024];
	pthread_t t;
	pid_t p;
	int st;

	p = syscall(SYS_fork);	/* glibc's fork() uses clone */
	if (p == 0)
		_exit(11);
	waitpid(p, &st, 0);
	printf("fork %d\n", WEXITSTATUS(st));

	p = vfork();
	if (p == 0)
		_exit(12);
	waitpid(p, &st, 0);
	printf("vfork %d\n", WEXITSTATUS(st));

	p = clone(raw_thread, stack + sizeof(stack),
		  CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		  CLONE_SYSVSEM, NULL);
	if (p < 0) {
		perror("clone");
		return 1;
	}
	while (!__atomic_load_n(&done, __ATOMIC_SEQ_CST))
		syscall(SYS_futex, &done, 0 /* FUTEX_WAIT */, 0, NULL, NULL, 0);
	printf("clone thread\n");

	pthread_create(&t, NULL, pthread_fn, NULL);
	pthread_join(t, NULL);
	printf("pthread\n");
	fflush(stdout);
	return 0;
}
