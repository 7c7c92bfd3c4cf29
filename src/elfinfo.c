/*
 * elfinfo.c - read the ELF header and program headers with libelf.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "elfinfo.h"

static bool _elf_ready;

int elf_inspect(const char *path, struct elfinfo *out)
{
	GElf_Ehdr eh;
	GElf_Phdr ph;
	size_t nph, i;
	Elf *e;
	int fd, rc = 0;

	memset(out, 0, sizeof(*out));
	if (!_elf_ready) {
		if (elf_version(EV_CURRENT) == EV_NONE)
			return -ENOSYS;
		_elf_ready = true;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
		rc = -ENOEXEC;
		goto out_end;
	}
	out->elfclass = gelf_getclass(e) == ELFCLASS32 ? 32 : 64;
	switch (eh.e_machine) {
	case EM_X86_64:
		out->machine = "x86_64";
		break;
	case EM_386:
		out->machine = "i386";
		break;
	default:
		snprintf(out->machine_buf, sizeof(out->machine_buf), "EM_%u", eh.e_machine);
		out->machine = out->machine_buf;
	}
	out->pie = eh.e_type == ET_DYN;
	out->is_static = true;
	if (elf_getphdrnum(e, &nph) != 0)
		nph = 0;
	for (i = 0; i < nph; i++) {
		size_t len;
		ssize_t n;

		if (!gelf_getphdr(e, i, &ph) || ph.p_type != PT_INTERP)
			continue;
		out->is_static = false;
		/* Read just the string: the image may be large. */
		len = ph.p_filesz < sizeof(out->interp) ? ph.p_filesz
							: sizeof(out->interp) - 1;
		n = pread(fd, out->interp, len, (off_t)ph.p_offset);
		out->interp[n > 0 ? (size_t)n : 0] = '\0';
		break;
	}
out_end:
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}
