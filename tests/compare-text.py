#!/usr/bin/env python3
"""compare-text.py STRACE_FILE XLAT_FILE: how many of strace's lines xlat's
text view prints identically, after the normalisation below.  Prints
"identical TOTAL_MATCHED TOTAL_STRACE" and, with -v, the lines that differ.

Both files are `strace -f -o FILE` style (a pid column).  What legitimately
differs between two runs, or between strace and a view made from records
written at each call's exit, is normalised away on both sides:
  - pids and tids: renamed in order of first appearance (also inside lines:
    return values, si_pid=, parent_tid=[N]);
  - addresses and other hex numbers: 0xADDR;
  - interleaving: an "<unfinished ...>" line and its "<... resumed>" line
    are joined into one, and lines are compared per thread (threads paired
    in order of their ids), so the order in which two threads' calls
    happened to interleave does not count;
  - the padding before " = ";
  - strace's envp pointer ("0x7ffc... /* 37 vars */"): the trace keeps only
    the count, xlat prints "/* 37 vars */";
  - signal lines: the trace records signo, code and sender only, xlat
    prints "{si_signo=..., si_code=..., si_pid=N, ...}"; strace's further
    fields (si_uid, si_status, si_utime, si_stime) are cut to "...";
  - rt_sigreturn, sigreturn and restart_syscall, which xlat never traps,
    are left out of strace's side; "strace: Process N attached" notes too;
  - getrandom's random bytes, and getppid's value (the tracer is the parent).
"""
import difflib, re, sys

LINE = re.compile(r"^(\d+) +(.*)$")

def load(path, is_strace):
    threads, order, pending = {}, [], {}
    for raw in open(path, errors="surrogateescape"):
        raw = raw.rstrip("\n")
        m = LINE.match(raw)
        if not m:
            continue
        tid, rest = int(m.group(1)), m.group(2)
        if tid not in threads:
            threads[tid] = []
            order.append(tid)
        if rest.endswith("<unfinished ...>"):
            pending[tid] = rest[:-len("<unfinished ...>")].rstrip()
            continue
        r = re.match(r"^<\.\.\. ([a-z_0-9]+) resumed>(.*)$", rest)
        if r:
            head = pending.pop(tid, r.group(1) + "(")
            # "wait4(-1, " + "[...], 0, NULL) = 1": one space between.
            head = head.rstrip()
            tail = r.group(2)
            if head.endswith(",") or head.endswith("("):
                sep = " " if head.endswith(",") and tail and not tail.startswith(")") else ""
                rest = head + sep + tail
            else:
                rest = head + tail
        if is_strace and re.match(r"^(rt_sigreturn|sigreturn|restart_syscall)\(", rest):
            continue
        threads[tid].append(rest)
    for tid, rest in pending.items():
        threads[tid].append(rest + " <unfinished ...>")
    return threads, order

def normalise(threads, order):
    names = {tid: f"P{i}" for i, tid in enumerate(sorted(order))}
    pidre = re.compile(r"\b(" + "|".join(str(t) for t in sorted(order, reverse=True)) + r")\b") if order else None
    out = {}
    for tid in order:
        lines = []
        for l in threads[tid]:
            if pidre:
                l = pidre.sub(lambda m: names[int(m.group(1))], l)
            l = re.sub(r"0x[0-9a-f]+ (/\* \d+ vars? \*/)", r"\1", l)
            l = re.sub(r"0x[0-9a-f]+", "0xADDR", l)
            l = re.sub(r"\)\s+= ", ") = ", l)
            l = re.sub(r"^(--- SIG\w+ \{si_signo=\w+, si_code=\w+, si_pid=P\d+), si_uid=.*\} ---$",
                       r"\1, ...} ---", l)
            l = re.sub(r"^getppid\(\) = \d+", "getppid() = PPID", l)
            l = re.sub(r'^getrandom\("[^"]*"', 'getrandom("RANDOM"', l)
            lines.append(l)
        out[names[tid]] = lines
    return out

def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    s = normalise(*load(args[0], True))
    x = normalise(*load(args[1], False))
    same = total = 0
    for k in sorted(s, key=lambda n: int(n[1:])):
        a, b = s[k], x.get(k, [])
        total += len(a)
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        same += sum(blk.size for blk in sm.get_matching_blocks())
        if verbose:
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op == "equal":
                    continue
                for l in a[i1:i2]:
                    print(f"{k} strace: {l}")
                for l in b[j1:j2]:
                    print(f"{k} xlat:   {l}")
    print(f"identical {same} {total}")

main()
