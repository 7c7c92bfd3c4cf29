/* threads-exec N: start N threads; thread N/2 executes "/bin/echo exec-ok"
   while the others (and the leader) are still running. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int nthreads;
static pthread_barrier_t ready;

static void *worker(void *arg)
{
	long i = (long)arg;

	pthread_barrier_wait(&ready);
	if (i == nthreads / 2) {
		execl("/bin/echo", "echo", "exec-ok", (char *)NULL);
		perror("execl");
		exit(1);
	}
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	long i;

	nthreads = argc > 1 ? atoi(argv[1]) : 100;
	pthread_barrier_init(&ready, NULL, nthreads + 1);
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&t, NULL, worker, (void *)i) != 0) {
			perror("pthread_create");
			return 1;
		}
	pthread_barrier_wait(&ready);
	for (;;)
		pause();
}
