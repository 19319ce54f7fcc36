#!/usr/bin/env python3
"""Lists the functions in src/ longer than a limit (80 lines by default).

A function's length is the number of lines from its `fn` line to its
closing brace, both included; braces inside strings, chars and comments
are skipped. Exits 1 when one is found.

    python3 tools/long_fns.py [--max N] [ROOT]
"""

import pathlib
import re
import sys

FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def code_of(line, state):
    """The line without strings, chars and comments; `state` carries an
    open block comment or string across lines."""
    out = []
    i = 0
    while i < len(line):
        c = line[i]
        if state["block"]:
            if line.startswith("*/", i):
                state["block"] = False
                i += 2
                continue
            i += 1
            continue
        if state["string"]:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                state["string"] = False
            i += 1
            continue
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"] = True
            i += 2
            continue
        if c == '"':
            state["string"] = True
            i += 1
            continue
        if c == "'":
            # A char literal ('x', '\n', '{'), not a lifetime ('a).
            m = re.match(r"'(\\.|[^\\'])'", line[i:])
            if m:
                i += len(m.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    state = {"block": False, "string": False}
    codes = [code_of(l, state) for l in lines]
    found = []
    for start, code in enumerate(codes):
        m = FN.match(code)
        if not m:
            continue
        depth = 0
        opened = False
        for end in range(start, len(codes)):
            for ch in codes[end]:
                if ch == "{":
                    depth += 1
                    opened = True
                elif ch == "}":
                    depth -= 1
                elif ch == ";" and not opened and depth == 0:
                    break  # a declaration without a body
            else:
                if opened and depth == 0:
                    found.append((end - start + 1, m.group(6), start + 1))
                    break
                continue
            break
    return found


def main():
    args = sys.argv[1:]
    limit = 80
    if args[:1] == ["--max"]:
        limit = int(args[1])
        args = args[2:]
    root = pathlib.Path(args[0] if args else "src")
    long = []
    for path in sorted(root.rglob("*.rs")):
        for length, name, line in functions(path):
            if length > limit:
                long.append((length, f"{path}:{line}", name))
    for length, where, name in sorted(long, reverse=True):
        print(f"{length:4} {where} {name}")
    return 1 if long else 0


if __name__ == "__main__":
    sys.exit(main())
