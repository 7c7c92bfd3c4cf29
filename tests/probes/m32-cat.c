/* m32-cat: a dynamically linked i386 program for the -r tests: prints the
 * file it is given, then what readlink(/proc/self/exe) and argv[0] say. */
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv) {
	char buf[256]; ssize_t n; FILE *f = fopen(argv[1], "r");
	if (!f) { perror(argv[1]); return 2; }
	while (fgets(buf, sizeof buf, f)) fputs(buf, stdout);
	n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) { buf[n] = 0; printf("exe %s\n", buf); }
	printf("argv0 %s\n", argv[0]);
	return 0;
}
