#!/usr/bin/python3
"""check-includes.py - no circle of files under src/ (tests/include-cycles.test).

  check-includes.py SRCDIR [BUILDDIR]

What counts, read from the text of the files (no compiler is run):

  * An include is a line `#include "NAME"`.  It is resolved as the compiler
    does for the build (-I SRCDIR/src -I BUILDDIR/src): first the including
    file's own folder, then SRCDIR/src, then BUILDDIR/src (where generated
    headers such as tables/tables-gen.h are).  <NAME> includes and names
    found nowhere under src/ (config.h, system headers) are not files of
    the graph.

  * Header cycle: headers that include each other, directly or through
    other headers (a.h -> b.h -> a.h).

  * Call cycle: a loop in the graph of which .c file uses which, where a
    .c file A uses a .c file B (B is not A) when
      - A includes B's header (foo.h beside foo.c: the module foo.c + foo.h,
        so "A includes a header whose implementation file B includes A's
        header" is the circle A -> B -> A), or
      - A calls a function that a header A includes (directly or through
        other headers) declares and that B defines, not static: the header
        of a layer may be implemented by several files (decode/prim.h by
        prim.c and names.c), and one header for two layers hides a circle
        between its files.
    A reference to data is not a call: a dispatcher that reaches the files
    below it through their ops structs or tables (translate.c and the
    translators, sysent.c and the generated tables) is the layering the
    house wants, not a circle.

Every circle is reported with its files and, for each step, the header
that ties it.  Exit 0 when there is none, 1 when there is one, 2 on bad
usage.  Standard library only.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# A prototype in a header: the name before "(" of a declaration that ends
# with ";".
DECL_FUNC = re.compile(r'^[A-Za-z_][^#;{}=]*?\b([A-Za-z_]\w*)\s*\([^;{}]*\)\s*;', re.M)
# A function defined at file scope in a .c file, in the house layout: type
# and name from column 0, not static, then its parameters and its body.
DEF_FUNC = re.compile(r'^(?!static\b|extern\b|typedef\b)[A-Za-z_][^;{}=()]*?\b([A-Za-z_]\w*)\s*\([^;]*?\)\s*\{', re.M)
CALL = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def sources(root):
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(('.c', '.h')):
                out.append(os.path.join(d, f))
    return out


def read(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.read()


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    srcdir = os.path.join(argv[1], 'src')
    builddir = os.path.join(argv[2], 'src') if len(argv) == 3 else None
    if not os.path.isdir(srcdir):
        print('check-includes: no folder %s' % srcdir, file=sys.stderr)
        return 2

    files = sources(srcdir)
    if builddir and os.path.realpath(builddir) != os.path.realpath(srcdir) and os.path.isdir(builddir):
        files += sources(builddir)
    files = sorted(set(os.path.realpath(f) for f in files))
    tops = [os.path.realpath(srcdir)] + ([os.path.realpath(builddir)] if builddir else [])

    def name(path):
        for t in tops:
            if path.startswith(t + os.sep):
                return 'src/' + os.path.relpath(path, t)
        return path

    def resolve(inc, where):
        for d in [os.path.dirname(where)] + tops:
            p = os.path.realpath(os.path.join(d, inc))
            if os.path.isfile(p):
                return p
        return None

    text = {f: read(f) for f in files}
    code = {f: COMMENT.sub(' ', t) for f, t in text.items()}
    includes = {}
    for f in files:
        inc = [resolve(m.group(1), f) for m in INCLUDE.finditer(code[f])]
        includes[f] = [p for p in inc if p and p in text]

    headers = [f for f in files if f.endswith('.h')]
    cfiles = [f for f in files if f.endswith('.c')]

    # 1. Header include cycles.
    hgraph = {h: [(i, None) for i in includes[h] if i.endswith('.h')] for h in headers}
    problems = cycles(hgraph)
    for members, cyc in problems:
        print('header cycle of %d files: %s' % (len(members), ' '.join(name(f) for f in members)))
        print('  for one: ' + ' -> '.join(name(f) for f, _ in cyc) + ' -> ' + name(cyc[0][0]))

    # 2. Call cycles between .c files.
    declared = {h: set(DECL_FUNC.findall(code[h])) for h in headers}
    defined = {c: set(DEF_FUNC.findall(code[c])) for c in cfiles}
    called = {c: set(CALL.findall(code[c])) for c in cfiles}

    def seen(f):
        """Headers f includes, directly or through headers."""
        out, todo = set(), [i for i in includes[f] if i.endswith('.h')]
        while todo:
            h = todo.pop()
            if h in out:
                continue
            out.add(h)
            todo += [i for i in includes[h] if i.endswith('.h')]
        return out

    cgraph = {}
    for c in cfiles:
        edges = {}
        for h in includes[c]:
            same = os.path.splitext(h)[0] + '.c'
            if h.endswith('.h') and same != c and same in defined:
                edges.setdefault(same, 'includes %s' % name(h))
        for h in sorted(seen(c)):
            wanted = declared[h] & called[c]
            for b in cfiles:
                if b != c and b not in edges and wanted & defined[b]:
                    edges[b] = 'calls %s, declared in %s' % (sorted(wanted & defined[b])[0], name(h))
        cgraph[c] = sorted(edges.items())
    calls = cycles(cgraph)
    for members, cyc in calls:
        print('call cycle of %d files: %s' % (len(members), ' '.join(name(f) for f in members)))
        for f, why in cyc:
            print('  %s %s' % (name(f), why))
        print('  so %s is back at %s' % (name(cyc[-1][0]), name(cyc[0][0])))
    return 1 if problems or calls else 0


def cycles(graph):
    """For each strongly connected component of more than one node (or a
    node with an edge to itself): its members, and one shortest cycle
    through its first member as (node, label) pairs, where label ties the
    node to the next one."""
    index, low, stack, on, comps = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        # Iterative Tarjan: deep include chains must not hit the recursion limit.
        work = [(v, iter(graph.get(v, ())))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            for w, _ in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(graph.get(w, ()))))
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    comps.append(comp)

    for v in sorted(graph):
        if v not in index:
            strong(v)
    out = []
    for comp in comps:
        members = set(comp)
        start = min(comp)
        if len(comp) == 1 and not any(w == start for w, _ in graph.get(start, ())):
            continue
        out.append((sorted(comp), _path(graph, start, members)))
    return sorted(out)


def _path(graph, start, members):
    """A shortest cycle through start inside members, as (node, label) pairs."""
    prev = {start: None}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w, label in graph.get(v, ()):
                if w == start:
                    path, node, lab = [], v, label
                    while node is not None:
                        path.append((node, lab))
                        p = prev[node]
                        if p is None:
                            break
                        node, lab = p
                    return list(reversed(path))
                if w in members and w not in prev:
                    prev[w] = (v, label)
                    nxt.append(w)
        frontier = nxt
    return [(start, None)]


if __name__ == '__main__':
    sys.exit(main(sys.argv))
