"""Prints `go test -json` output as `go test` would (each package's result,
and all the output of a failing test), plus the log lines of the tests
whose names match the pattern given as the first argument."""
import json
import re
import sys

show = re.compile(sys.argv[1]) if len(sys.argv) > 1 else None
buffered = {}
for line in sys.stdin:
    try:
        ev = json.loads(line)
    except ValueError:
        print(line, end="")  # a build error
        continue
    test, out, action = ev.get("Test"), ev.get("Output", ""), ev.get("Action")
    key = (ev.get("Package"), test)
    if test is None:
        if action == "output" and not out.startswith(("=== ", "PASS\n", "FAIL\n", "--- ")):
            print(out, end="")
        continue
    if action == "output":
        buffered.setdefault(key, []).append(out)
        if show and show.match(test) and out.startswith("    ") and not out.startswith("    ---"):
            print(f"{test}: {out.strip()}")
    elif action == "fail":
        print("".join(buffered.pop(key, [])), end="")
    elif action in ("pass", "skip"):
        buffered.pop(key, None)
