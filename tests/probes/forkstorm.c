/* forkstorm N: fork N short-lived children, up to 64 at a time, reap them
   all and print how many exited with status 7. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000, started = 0, running = 0, ok = 0, st;
	pid_t p;

	while (started < n || running > 0) {
		while (started < n && running < 64) {
			p = fork();
			if (p < 0) {
				perror("fork");
				return 1;
			}
			if (p == 0)
				_exit(7);
			started++;
			running++;
		}
		p = wait(&st);
		if (p < 0) {
			perror("wait");
			return 1;
		}
		running--;
		ok += WIFEXITED(st) && WEXITSTATUS(st) == 7;
	}
	printf("%d\n", ok);
	return 0;
}
