/*
 * kstat.h - the kernel's stat layouts on x86_64 and i386, spelled with
 * fixed-size types so that one x86_64 build reads both ABIs
 * (arch/x86/include/uapi/asm/stat.h).  The decoder reads them; the
 * identity translator rewrites their owner fields.  statx has one layout
 * on both ABIs: struct statx of <linux/stat.h>.
 */
#ifndef XLAT_KSTAT_H
#define XLAT_KSTAT_H

#include <stdint.h>

/* stat, lstat, fstat, newfstatat on x86_64. */
struct k_stat64_x86_64 {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	int64_t unused[3];
};

/* stat, lstat, fstat on i386: 16-bit owner. */
struct k_stat_i386 {
	uint32_t st_dev, st_ino;
	uint16_t st_mode, st_nlink, st_uid, st_gid;
	uint32_t st_rdev, st_size, st_blksize, st_blocks;
	uint32_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	uint32_t unused4, unused5;
};

/* stat64, lstat64, fstat64, fstatat64 on i386. */
struct k_stat64_i386 {
	uint64_t st_dev;
	uint8_t pad0[4];
	uint32_t st_ino32;
	uint32_t st_mode, st_nlink, st_uid, st_gid;
	uint64_t st_rdev;
	uint8_t pad3[4];
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	uint64_t st_ino;
} __attribute__((packed));

/* oldstat, oldlstat, oldfstat on i386. */
struct k_old_kernel_stat {
	uint16_t st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
	uint16_t pad;
	uint32_t st_size, st_atime_, st_mtime_, st_ctime_;
};

#endif
