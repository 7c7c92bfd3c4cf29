#!/usr/bin/python3
"""check-trace.py TRACE [--allow-dropped]: every line of an xlat trace is a
complete JSON object valid against schema/xlat-trace.schema.json, the trace
opens with "start" and closes with "end", and the events balance: every
thread that a spawn record starts is closed by an exit record (or handed over
by an exec record's former_tid), and the command's own process exits."""
import json
import os
import sys

def main():
    path = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    schema_path = os.path.join(here, "..", "schema", "xlat-trace.schema.json")
    validator = None
    try:
        import jsonschema
        with open(schema_path) as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        validator = cls(schema)
    except ImportError:
        print("check-trace: python3-jsonschema missing, schema not checked",
              file=sys.stderr)
    errors = []
    recs = []
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        errors.append("the last line is not complete")
    for n, line in enumerate(data.split(b"\n")[:-1] if data else [], 1):
        try:
            r = json.loads(line)
        except ValueError as e:
            errors.append(f"{path}:{n}: not JSON: {e}")
            continue
        if validator:
            for e in validator.iter_errors(r):
                errors.append(f"{path}:{n}: {e.message} at {list(e.absolute_path)}")
        recs.append(r)
    if not recs:
        errors.append("empty trace")
    else:
        if recs[0].get("event") != "start":
            errors.append("the first record is not 'start'")
        if recs[-1].get("event") != "end":
            errors.append("the last record is not 'end'")
        if sum(r.get("event") == "end" for r in recs) != 1:
            errors.append("not exactly one 'end' record")
        end = recs[-1]
        if end.get("event") == "end":
            if end["counts"]["dropped"] != 0:
                errors.append(f"{end['counts']['dropped']} records dropped")
            if end["counts"].get("records") not in (None, len(recs)):
                errors.append(f"end counts {end['counts']['records']} records, "
                              f"the file has {len(recs)}")
        open_tids = set()
        first_pid = None
        # -p: every attached process's threads are there from the start,
        # and a detached run ends with threads still alive.
        attached = set(recs[0].get("attached") or [])
        for r in recs:
            ev = r.get("event")
            if r.get("pid") in attached and r.get("tid") not in open_tids:
                open_tids.add(r["tid"])
            if first_pid is None and "pid" in r:
                first_pid = r["pid"]
                open_tids.add(first_pid)
            if ev == "spawn":
                open_tids.add(r["child_tid"])
            elif ev == "exec" and "former_tid" in r:
                open_tids.discard(r["former_tid"])
            elif ev == "exit":
                if r["tid"] not in open_tids:
                    errors.append(f"exit of tid {r['tid']} that was never started")
                open_tids.discard(r["tid"])
        if open_tids and not end.get("detached"):
            errors.append(f"threads without an exit record: {sorted(open_tids)}")
    for e in errors[:20]:
        print("check-trace:", e, file=sys.stderr)
    return 1 if errors else 0

sys.exit(main())
