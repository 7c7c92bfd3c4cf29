/* exitcode N | exitcode -SIG: exit with status N, or die of signal SIG. */
#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 0;

	if (n < 0) {
		/* No core of ours: any core file left must be xlat's. */
		struct rlimit no_core = { 0, 0 };

		setrlimit(RLIMIT_CORE, &no_core);
		signal(-n, SIG_DFL);
		kill(getpid(), -n);
		pause();
	}
	return n;
}
