/* hello-static: a statically linked program that writes, reads a file and exits 3. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char buf[16];
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;

	printf("static hello %s\n", n > 0 ? "read" : "noread");
	return 3;
}
