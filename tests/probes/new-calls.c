/*
 * new-calls.c - make calls of Linux 6.8..6.17 with raw numbers (Debian 12's
 * headers and libseccomp know none of them): listmount, statmount, mseal,
 * setxattrat, getxattrat, removexattrat, lsm_list_modules, file_getattr.
 * Argument: a file to put an extended attribute on.  Each call may fail
 * (ENOSYS on an older kernel, EOPNOTSUPP on a file system without user
 * xattrs).  It prints "name ret errno" for each; tests/new-calls.test reads
 * that and the trace.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* x86_64 numbers, from the kernel's syscall_64.tbl. */
enum {
	NR_statmount = 457, NR_listmount = 458, NR_lsm_list_modules = 461, NR_mseal = 462,
	NR_setxattrat = 463, NR_getxattrat = 464, NR_removexattrat = 466, NR_file_getattr = 468,
};

struct mnt_id_req { uint32_t size, mnt_ns_fd; uint64_t mnt_id, param; };
struct xattr_args { uint64_t value; uint32_t size, flags; };
struct file_attr { uint64_t fa_xflags; uint32_t fa_extsize, fa_nextents, fa_projid, fa_cowextsize; };

static long _show(const char *name, long ret)
{
	printf("%s %ld %d\n", name, ret, ret < 0 ? errno : 0);
	return ret;
}

int main(int argc, char **argv)
{
	struct mnt_id_req req = { .size = 24, .mnt_id = UINT64_MAX };
	uint64_t ids[4] = { 0 }, lsm[16];
	static uint64_t sm[512];
	char value[16] = "v1", got[16];
	struct xattr_args xa = { (uintptr_t)value, 2, 1 /* XATTR_CREATE */ };
	struct file_attr fa;
	uint32_t lsmsize = sizeof(lsm);
	long n;
	void *p;

	if (argc != 2) {
		fprintf(stderr, "usage: new-calls FILE\n");
		return 2;
	}
	n = _show("listmount", syscall(NR_listmount, &req, ids, 4, 0));
	req.mnt_id = n > 0 ? ids[0] : 1;
	req.param = 0x3;	/* STATMOUNT_SB_BASIC|STATMOUNT_MNT_BASIC */
	_show("statmount", syscall(NR_statmount, &req, sm, sizeof(sm), 0));
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED)
		_show("mseal", syscall(NR_mseal, p, 4096, 0));
	_show("setxattrat", syscall(NR_setxattrat, AT_FDCWD, argv[1], 0, "user.xlat", &xa, sizeof(xa)));
	xa = (struct xattr_args){ (uintptr_t)got, sizeof(got), 0 };
	_show("getxattrat", syscall(NR_getxattrat, AT_FDCWD, argv[1], 0, "user.xlat", &xa, sizeof(xa)));
	_show("removexattrat", syscall(NR_removexattrat, AT_FDCWD, argv[1], 0, "user.xlat"));
	_show("lsm_list_modules", syscall(NR_lsm_list_modules, lsm, &lsmsize, 0));
	_show("file_getattr", syscall(NR_file_getattr, AT_FDCWD, argv[1], &fa, sizeof(fa), 0));
	return 0;
}
