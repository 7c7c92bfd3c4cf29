/*
 * elfinfo.h - what libelf tells about an executable: class, machine,
 * program interpreter, static or not.
 */
#ifndef XLAT_ELFINFO_H
#define XLAT_ELFINFO_H

#include <stdbool.h>

struct elfinfo {
	int elfclass;		/* 32 or 64 */
	const char *machine;	/* "x86_64", "i386", or "EM_<n>" in machine_buf */
	char machine_buf[16];
	char interp[256];	/* PT_INTERP, "" when none */
	bool is_static;		/* no PT_INTERP */
	bool pie;		/* ET_DYN */
};

/* Inspect the ELF file at path: 0, -ENOEXEC when it is not ELF, -errno. */
int elf_inspect(const char *path, struct elfinfo *out);

#endif
