# tests/lib.sh - shared helpers for the shell tests; sourced, never run.
# Environment from make check: XLAT, PROBES, TESTS_SRCDIR, TOP_SRCDIR, PYTHON3.
set -u
: "${XLAT:=$(pwd)/xlat}"
: "${PROBES:=$(pwd)/tests/probes}"
: "${TESTS_SRCDIR:=$(pwd)/tests}"
: "${PYTHON3:=python3}"

TEST_NAME=$(basename "$0" .test)
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/xlat-$TEST_NAME.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

fail() { echo "FAIL: $TEST_NAME: $*" >&2; exit 1; }
skip() { echo "SKIP: $TEST_NAME: $*" >&2; exit 77; }
hard() { echo "ERROR: $TEST_NAME: $*" >&2; exit 99; }
note() { echo "# $*" >&2; }

need() { for c in "$@"; do command -v "$c" >/dev/null 2>&1 || skip "needs $c"; done; }

# can_run_i386: true when this kernel runs 32-bit code (it does not on the
# development hosts; scripts/vmtest runs these tests in a VM that does).
can_run_i386() {
	[ -x "$PROBES/m32-true" ] && "$PROBES/m32-true" >/dev/null 2>&1
}
need_i386() {
	can_run_i386 || skip "this kernel runs no 32-bit code; run scripts/vmtest"
}

# same_as_native CMD...: stdout, stderr and exit status of CMD are the same
# natively and under xlat (trace to a file); leaves the trace in $TMPD/trace.
same_as_native() {
	"$@" >"$TMPD/n.out" 2>"$TMPD/n.err"; n_rc=$?
	"$XLAT" -o "$TMPD/trace" -- "$@" >"$TMPD/x.out" 2>"$TMPD/x.err"; x_rc=$?
	[ "$n_rc" = "$x_rc" ] || fail "$*: exit $n_rc natively, $x_rc under xlat"
	cmp -s "$TMPD/n.out" "$TMPD/x.out" || { diff "$TMPD/n.out" "$TMPD/x.out" | head >&2; fail "$*: stdout differs"; }
	cmp -s "$TMPD/n.err" "$TMPD/x.err" || { diff "$TMPD/n.err" "$TMPD/x.err" | head >&2; fail "$*: stderr differs"; }
	check_trace "$TMPD/trace"
}

# check_trace FILE: every line parses and matches the schema, events balance.
check_trace() {
	"$PYTHON3" "$TESTS_SRCDIR/check-trace.py" "$1" || fail "trace $1 is not valid"
}

# syscalls FILE: "name errno" of each syscall record, one per line (errno
# empty when the call succeeded).
syscalls() {
	jq -r 'select(.event == "syscall") | "\(.name) \(.errno // "")"' "$1"
}
# syscall_names FILE: the distinct names of the syscall records, on one line.
syscall_names() {
	jq -r 'select(.event == "syscall") | .name' "$1" | sort -u | tr '\n' ' '
}

# nobody CMD...: run CMD as uid and gid 65534 with no groups (setpriv).
# need_nobody: skip unless that works and nobody can run the build: the
# fake-root tests run xlat as a user who is not root.  Then $WORK is an
# empty directory nobody owns.
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
need_nobody() {
	[ "$(id -u)" = 0 ] || skip "needs root, to run xlat as nobody"
	need setpriv
	chmod 755 "$TMPD"
	nobody "$XLAT" -q -- true 2>/dev/null || skip "nobody cannot run $XLAT (setpriv, or a build nobody cannot read)"
	WORK="$TMPD/work"
	mkdir "$WORK" && chown 65534:65534 "$WORK" || hard "cannot make $WORK"
}

# make_rootfs DIR: a small guest system for the -r tests: busybox-static
# with its applets, a dynamically linked cat (dcat) with the host's libc
# and loader, /etc/passwd and /etc/group naming root and nobody.  Skips
# when busybox or chroot is missing.
make_rootfs() {
	_bb=/bin/busybox
	[ -x "$_bb" ] || _bb=$(command -v busybox) || skip "needs busybox (Debian package busybox-static)"
	command -v chroot >/dev/null || skip "needs chroot"
	mkdir -p "$1/bin" "$1/etc" "$1/tmp" "$1/proc" "$1/dev" "$1/usr/local/bin" "$1/mnt" &&
		cp "$_bb" "$1/bin/busybox" || hard "cannot make the rootfs $1"
	for _c in sh ls cat echo pwd readlink realpath mkdir ln rm mv touch test id \
		  chown chmod mknod stat grep tar wc sort find true; do
		ln -s busybox "$1/bin/$_c"
	done
	cp /bin/cat "$1/usr/local/bin/dcat" || hard "cannot copy cat"
	for _l in $(ldd /bin/cat | grep -o '/lib[^ ]*' | sort -u); do
		mkdir -p "$1$(dirname "$_l")" && cp -L "$_l" "$1$_l" || hard "cannot copy $_l"
	done
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$1/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$1/etc/group"
	chmod 1777 "$1/tmp"
}
