#!/usr/bin/python3
"""check-tables.py - checks for tests/tables-complete.test.

  check-tables.py names SRCDIR SYSNUMS
      Every syscall libseccomp knows (SYSNUMS, from scripts/sysnums) or the
      kernel's tables know (SRCDIR/syscall_64.tbl, syscall_32.tbl) has a
      line in SRCDIR/syscalls.tsv, every line names a syscall one of them
      knows, and every name@abi override names one that ABI has.
  check-tables.py merged SRCDIR SYSNUMS OUT
      Write the merged numbers (libseccomp's and the kernel tables') to OUT,
      as "abi<TAB>name<TAB>nr" lines, for the harness.
  check-tables.py harness OUT.c
      Write the C program that checks the generated tables at run time.
  check-tables.py dropped SRCDIR DUMP
      Report flag-list names that the #ifdef guards dropped (DUMP is the
      harness's "list<TAB>name" output); a list that lost every name fails.

Exit 0 when the check passes, 1 when it fails.  Standard library only.
"""

import importlib.util
import os
import sys

ABIS = ("x86_64", "i386")


def _gen_tables():
    """scripts/gen-tables.py as a module: one reader of the kernel tables."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "gen-tables.py")
    spec = importlib.util.spec_from_file_location("gen_tables", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_merged(srcdir, sysnums):
    """(release, numbers by abi and name, kernel numbers by abi and name)."""
    gen = _gen_tables()
    try:
        known = gen.read_sysnums(sysnums)
        release, _ = gen.merge_kernel(known, srcdir)
        kernel = {}
        for fn, abimap in gen.KERNEL_TABLES:
            _, t = gen.read_kernel_tbl(os.path.join(srcdir, fn), abimap)
            for abi in ABIS:
                kernel.setdefault(abi, {}).update({n: nr for n, (nr, _) in t.get(abi, {}).items()})
    except gen.TableError as e:
        raise SystemExit(str(e))
    return release, known, kernel


def write_merged(srcdir, sysnums, out):
    _, known, _ = read_merged(srcdir, sysnums)
    with open(out, "w", encoding="utf-8") as f:
        for abi in ABIS:
            for name, nr in sorted(known[abi].items(), key=lambda x: x[1]):
                f.write("%s\t%s\t%d\n" % (abi, name, nr))
    return 0


def check_names(srcdir, sysnums):
    release, known, kernel = read_merged(srcdir, sysnums)
    tsv = os.path.join(srcdir, "syscalls.tsv")
    base, overrides, bad = set(), [], []
    with open(tsv, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            name, _, abi = s.split()[0].partition("@")
            where = "%s:%d" % (tsv, n)
            if abi:
                overrides.append((where, name, abi))
            else:
                base.add(name)
                if not any(name in known[a] for a in ABIS):
                    bad.append("%s: '%s' is a syscall on neither %s (libseccomp, Linux %s)"
                               % (where, name, " nor ".join(ABIS), release))
    for where, name, abi in overrides:
        if abi not in ABIS:
            bad.append("%s: unknown ABI '%s'" % (where, abi))
        elif name not in known[abi]:
            bad.append("%s: '%s@%s': %s has no syscall '%s'" % (where, name, abi, abi, name))
    for abi in ABIS:
        for name in sorted(known[abi]):
            if name not in base:
                bad.append("%s: no signature for '%s' (%s number %d%s)"
                           % (tsv, name, abi, known[abi][name],
                              ", Linux %s" % release if name in kernel[abi] else ""))
    for b in bad:
        print(b)
    total = len(set(known["x86_64"]) | set(known["i386"]))
    print("# %d syscalls known to libseccomp or Linux %s (%d x86_64, %d i386; the kernel tables: "
          "%d x86_64, %d i386), %d signatures, %d overrides"
          % (total, release, len(known["x86_64"]), len(known["i386"]), len(kernel["x86_64"]),
             len(kernel["i386"]), len(base), len(overrides)))
    return 1 if bad else 0


HARNESS = r'''/* Run-time checks of the generated tables (written by tests/check-tables.py). */
#define _GNU_SOURCE 1
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tables/sysent.h"

static int bad;

#define CHECK(cond, ...) do { if (!(cond)) { printf("FAIL: " __VA_ARGS__); printf("\n"); bad = 1; } } while (0)

static int abi_of(const char *s)
{
	for (int a = 0; a < ABI_COUNT; a++)
		if (strcmp(abi_names[a], s) == 0)
			return a;
	return -1;
}

static void check_entry(const struct sysent *e)
{
	unsigned int reg = 0;

	CHECK(e->nargs <= 6, "%s: %u arguments", e->name, e->nargs);
	for (unsigned int i = 0; i < e->nargs && i < 6; i++) {
		const struct sysarg *a = &e->args[i];

		CHECK(a->kind < AK_COUNT, "%s.%s: kind %u", e->name, a->name, a->kind);
		CHECK(a->reg == reg, "%s.%s: register %u, expected %u", e->name, a->name, a->reg, reg);
		CHECK(a->nregs == 1 || a->nregs == 2, "%s.%s: %u registers", e->name, a->name, a->nregs);
		reg += a->nregs;
	}
	CHECK(reg <= 6, "%s: %u registers", e->name, reg);
	CHECK(e->ret_kind < AK_COUNT, "%s: return kind %u", e->name, e->ret_kind);
}

int main(int argc, char **argv)
{
	char line[256], abi[32], name[128];
	unsigned long nr;
	static unsigned char seen[ABI_COUNT][4096];
	FILE *f;

	if (argc != 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: harness SYSNUMS\n");
		return 2;
	}
	/* Every (abi, nr) libseccomp knows maps to an entry of that name. */
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%31s %127s %lu", abi, name, &nr) != 3)
			continue;
		int a = abi_of(abi);
		CHECK(a >= 0, "unknown ABI %s", abi);
		if (a < 0)
			continue;
		const struct sysent *e = sysent_get(a, nr);
		CHECK(e != NULL && strcmp(e->name, name) == 0, "%s %lu: expected %s, got %s",
		      abi, nr, name, e ? e->name : "NULL");
		int id = sysent_id(a, nr);
		CHECK(id >= 0 && (unsigned int)id < sysent_count && strcmp(sysent_table[id].name, name) == 0,
		      "%s %lu: neutral id %d", abi, nr, id);
		CHECK(sysent_nr(a, id) == (long)nr, "%s %s: sysent_nr %ld, expected %lu",
		      abi, name, sysent_nr(a, id), nr);
		if (e != NULL)
			check_entry(e);
		if (nr < 4096)
			seen[a][nr] = 1;
	}
	fclose(f);
	/* Numbers libseccomp does not know have no entry. */
	for (int a = 0; a < ABI_COUNT; a++) {
		for (unsigned long n = 0; n < sysent_nr_end(a) && n < 4096; n++)
			CHECK(seen[a][n] || sysent_get(a, n) == NULL, "%s %lu: unexpected entry %s",
			      abi_names[a], n, sysent_get(a, n)->name);
		CHECK(sysent_get(a, sysent_nr_end(a)) == NULL, "%s: entry past the end", abi_names[a]);
		CHECK(sysent_get(a, (unsigned long)-1) == NULL, "%s: entry at -1", abi_names[a]);
		CHECK(sysent_id(a, 1UL << 40) == -1, "%s: id past the end", abi_names[a]);
	}
	CHECK(sysent_get(ABI_COUNT, 0) == NULL, "bad ABI accepted");
	for (unsigned int i = 0; i < sysent_count; i++)
		check_entry(&sysent_table[i]);

	/* The examples every other part relies on. */
	CHECK(strcmp(sysent_get(ABI_X86_64, 257)->name, "openat") == 0, "x86_64 257 is not openat");
	CHECK(strcmp(sysent_get(ABI_I386, 5)->name, "open") == 0, "i386 5 is not open");
	/* Calls newer than the libseccomp of Debian 12, from the kernel tables. */
	CHECK(sysent_id(ABI_X86_64, 462) == SYSID_mseal && sysent_id(ABI_I386, 462) == SYSID_mseal,
	      "462 is not mseal");
	CHECK(sysent_nr(ABI_X86_64, SYSID_file_setattr) == 469 && sysent_nr(ABI_I386, SYSID_statmount) == 457,
	      "file_setattr/statmount numbers");
	CHECK(sysent_nr(ABI_I386, SYSID_uprobe) == -1, "i386 has an uprobe");
	/* x32: the names, by number with or without the x32 bit. */
	CHECK(sysent_x32_id(0x40000000UL | 512) == SYSID_rt_sigaction, "x32 512 is not rt_sigaction");
	CHECK(sysent_x32_id(0x40000000UL | 0) == SYSID_read, "x32 0 is not read");
	CHECK(sysent_x32_id(0x40000000UL | 463) == SYSID_setxattrat, "x32 463 is not setxattrat");
	CHECK(sysent_x32_id(13) == -1 && sysent_x32_id(548) == -1, "x32 has a 64-only call");
	CHECK(sysclass_parse("file") == CLS_FILE && sysclass_parse("nope") == 0, "sysclass_parse");

	/* errno: every name glibc knows, spelled as glibc spells it. */
	for (int e = 1; e < 4096; e++) {
		const char *want = strerrorname_np(e);
		const char *got = xlat_name(XT_errno, (uint64_t)e);
		if (want != NULL)
			CHECK(got != NULL && strcmp(want, got) == 0, "errno %d: %s, expected %s",
			      e, got ? got : "NULL", want);
	}
	CHECK(xlat_name(XT_errno, 2) && strcmp(xlat_name(XT_errno, 2), "ENOENT") == 0, "errno 2");
	static const char *const internal[] = { "ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND",
						"ENOIOCTLCMD", "ERESTART_RESTARTBLOCK" };
	for (int i = 0; i < 5; i++) {
		const char *got = xlat_name(XT_errno, (uint64_t)(512 + i));
		CHECK(got != NULL && strcmp(got, internal[i]) == 0, "errno %d: %s", 512 + i, got ? got : "NULL");
	}
	uint64_t v;
	CHECK(xlat_value(XT_errno, "EWOULDBLOCK", &v) == 0 && v == EAGAIN, "EWOULDBLOCK");
	CHECK(xlat_value(XT_errno, "ENOSUCHNAME", &v) == -ENOENT, "unknown errno name accepted");

	/* Signals 1..31: named, and glibc's names resolve. */
	for (int s = 1; s < 32; s++) {
		const char *abbrev = sigabbrev_np(s);
		const char *got = xlat_name(XT_signal, (uint64_t)s);
		char want[32];

		if (abbrev == NULL)
			continue;
		/* glibc's name may be an alias (SIGPOLL for SIGIO): it must resolve. */
		snprintf(want, sizeof(want), "SIG%s", abbrev);
		CHECK(got != NULL, "signal %d has no name", s);
		CHECK(xlat_value(XT_signal, want, &v) == 0 && v == (uint64_t)s,
		      "signal %d: %s does not resolve to it", s, want);
	}
	CHECK(xlat_any_value("AF_INET", &v) == 0 && v == 2, "AF_INET");

	/* Lists: none empty, fields point at enums. */
	for (unsigned int t = 0; t < XT_COUNT; t++) {
		const struct xlat_table *x = &xlat_tables[t];

		CHECK(x->name != NULL && x->count > 0, "list %u (%s) is empty", t, x->name ? x->name : "?");
		if (xlat_fields[t].mask != 0) {
			CHECK(x->flags, "list %s: field in an enum", x->name);
			CHECK(xlat_fields[t].table >= 0 && xlat_fields[t].table < XT_COUNT
			      && !xlat_tables[xlat_fields[t].table].flags, "list %s: bad field list", x->name);
		}
		for (unsigned int i = 0; i < x->count; i++)
			printf("%s\t%s\n", x->name, x->entries[i].name);
	}
	return bad;
}
'''


def write_harness(out):
    with open(out, "w", encoding="utf-8") as f:
        f.write(HARNESS)
    return 0


def check_dropped(srcdir, dump):
    have = {}
    with open(dump, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2:
                have.setdefault(parts[0], set()).add(parts[1])
    fdir = os.path.join(srcdir, "flags")
    rc = 0
    for fn in sorted(os.listdir(fdir)):
        if not fn.endswith(".in"):
            continue
        lst = fn[:-3]
        names = []
        with open(os.path.join(fdir, fn), encoding="utf-8") as f:
            for line in f:
                s = line.strip()
                if s and not s.startswith("#"):
                    names.append(s.split()[0])
        gone = [n for n in names if n not in have.get(lst, set())]
        if gone and len(gone) == len(set(names)):
            print("FAIL: %s: every name dropped out (headers: see its #From line)" % fn)
            rc = 1
        elif gone:
            print("# %s: not in this libc's headers: %s" % (fn, " ".join(gone)))
    return rc


def main(argv):
    if len(argv) == 4 and argv[1] == "names":
        return check_names(argv[2], argv[3])
    if len(argv) == 5 and argv[1] == "merged":
        return write_merged(argv[2], argv[3], argv[4])
    if len(argv) == 3 and argv[1] == "harness":
        return write_harness(argv[2])
    if len(argv) == 4 and argv[1] == "dropped":
        return check_dropped(argv[2], argv[3])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
