#!/usr/bin/env python3
"""check-trace-events.py FILE [PROCESSES CALLS]: FILE follows the rules of
Chrome's trace-event format (the JSON Object Format that chrome://tracing
and ui.perfetto.dev load): a "traceEvents" array of objects, each with a
known phase "ph", a string "name", integer "pid" and "tid"; "ts" (and, for
complete events, "dur") non-negative numbers; instant events with a scope
"s" of g, p or t; metadata events naming processes and threads with
args.name; complete events on one thread nested, never partly overlapping.
With PROCESSES and CALLS: that many process_name events and X events."""
import json, sys

PHASES = set("BEXIiCbnesftPOND") | {"M"}

def main():
    path = sys.argv[1]
    doc = json.load(open(path))
    errs = []
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        print(f"{path}: no traceEvents array", file=sys.stderr); return 1
    procs = calls = 0
    lanes = {}
    for k, e in enumerate(doc["traceEvents"]):
        where = f"{path}: event {k}"
        if not isinstance(e, dict): errs.append(f"{where}: not an object"); continue
        ph = e.get("ph")
        if ph not in PHASES: errs.append(f"{where}: unknown ph {ph!r}"); continue
        if not isinstance(e.get("name"), str): errs.append(f"{where}: name is not a string")
        for f in ("pid", "tid"):
            if not isinstance(e.get(f), int): errs.append(f"{where}: {f} is not an integer")
        if ph == "M":
            if e.get("name") not in ("process_name", "thread_name", "process_sort_index",
                                     "thread_sort_index", "process_labels"):
                errs.append(f"{where}: unknown metadata {e.get('name')!r}")
            elif not isinstance(e.get("args", {}).get("name", ""), str):
                errs.append(f"{where}: metadata without args.name")
            procs += e.get("name") == "process_name"
            continue
        ts = e.get("ts")
        if not isinstance(ts, (int, float)) or ts < 0: errs.append(f"{where}: bad ts {ts!r}")
        if ph == "X":
            d = e.get("dur")
            if not isinstance(d, (int, float)) or d < 0: errs.append(f"{where}: bad dur {d!r}")
            else: lanes.setdefault((e["pid"], e["tid"]), []).append((ts, ts + d, k))
            calls += 1
        if ph in "iI" and e.get("s", "t") not in ("g", "p", "t"):
            errs.append(f"{where}: instant scope {e.get('s')!r}")
        if "args" in e and not isinstance(e["args"], dict):
            errs.append(f"{where}: args is not an object")
    for lane, evs in lanes.items():
        evs.sort()
        stack = []
        for b, end, k in evs:
            while stack and stack[-1] <= b: stack.pop()
            if stack and end > stack[-1]:
                errs.append(f"{path}: event {k} on {lane} overlaps the one before without nesting"); break
            stack.append(end)
    if len(sys.argv) == 4:
        if procs != int(sys.argv[2]): errs.append(f"{procs} processes named, {sys.argv[2]} expected")
        if calls != int(sys.argv[3]): errs.append(f"{calls} call events, {sys.argv[3]} expected")
    for e in errs[:10]: print(e, file=sys.stderr)
    return 1 if errs else 0

sys.exit(main())
