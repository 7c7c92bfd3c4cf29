/*
 * sysnums.c - print every syscall libseccomp knows for the two ABIs xlat
 * traces, one "ABI<TAB>name<TAB>nr" line each, for scripts/gen-tables.py.
 *
 * The numbers come from libseccomp, never from a hand-kept list
 * (DESIGN.md section 3).  Numbers 0..1023 are probed on each arch; the
 * pseudo-numbers libseccomp uses for syscalls an arch lacks are negative,
 * so they never appear.
 */
#include <stdio.h>
#include <stdlib.h>
#include <seccomp.h>

#define NR_MAX 1024

static const struct {
	const char *abi;
	uint32_t arch;
} abis[] = {
	{ "x86_64", SCMP_ARCH_X86_64 },
	{ "i386", SCMP_ARCH_X86 },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(abis) / sizeof(abis[0]); i++) {
		for (int nr = 0; nr < NR_MAX; nr++) {
			char *name = seccomp_syscall_resolve_num_arch(abis[i].arch, nr);

			if (name == NULL)
				continue;
			printf("%s\t%s\t%d\n", abis[i].abi, name, nr);
			free(name);
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("sysnums: stdout");
		return 1;
	}
	return 0;
}
