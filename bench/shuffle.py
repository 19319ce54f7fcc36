#!/usr/bin/env python3
"""Writes an N-times-longer document built from the report's sentences,
shuffled and recombined with a fixed seed, for bench/compare.sh:

    shuffle.py REPORT.json N [SEED] > out.json

The report repeated N times would let a shaping cache see only repeats;
here every block of the report's structure (headings, numbered paragraphs,
recommendations, lists) is refilled, in each of the N rounds, with
sentences drawn from the whole report, and one word in eight takes a
proclitic (و، ف، ب، ل) or an enclitic (ها، هم) it did not have, so that the
vocabulary keeps growing with N as a real book's does (the script prints
the number of distinct words to stderr). Numbers are renumbered so they
stay continuous. Same N and seed, same document."""
import json
import random
import re
import sys


def text_of(t):
    if isinstance(t, str):
        return t
    return "".join(s.get("text", "") for s in t if isinstance(s, dict))


def sentences(doc):
    out = []
    def add(t):
        for s in re.split(r"(?<=[.؛:])\s+", text_of(t)):
            if len(s.split()) >= 3:
                out.append(s)
    for b in doc["blocks"]:
        if "text" in b:
            add(b["text"])
        stack = list(b.get("items", []))
        while stack:
            it = stack.pop()
            add(it["text"])
            stack.extend(it.get("items", []))
    return out


ARABIC = re.compile(r"^[\u0621-\u064A][\u0621-\u0652]+$")


def vary(sentence, rng):
    words = sentence.split(" ")
    for k, w in enumerate(words):
        if ARABIC.match(w) and rng.random() < 0.125:
            if rng.random() < 0.5:
                words[k] = rng.choice("وفبل") + w
            else:
                words[k] = w + rng.choice(["ها", "هم"])
    return " ".join(words)


def refill(t, pool, rng):
    """A text of about the same length as `t`, from the pool."""
    want = len(text_of(t))
    out = []
    while sum(len(s) + 1 for s in out) < want:
        out.append(vary(rng.choice(pool), rng))
    return " ".join(out)


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    n = int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2019)
    pool = sentences(doc)
    blocks, para, rec = [], 0, 0
    for _ in range(n):
        for b in doc["blocks"]:
            b = json.loads(json.dumps(b))
            if b["kind"] in ("paragraph", "recommendation"):
                b["text"] = refill(b["text"], pool, rng)
            if b["kind"] == "paragraph" and "number" in b:
                para += 1
                b["number"] = para
            if b["kind"] == "recommendation":
                rec += 1
                b["number"] = rec
            stack = list(b.get("items", []))
            while stack:
                it = stack.pop()
                it["text"] = refill(it["text"], pool, rng)
                stack.extend(it.get("items", []))
            blocks.append(b)
    doc["blocks"] = blocks
    words = {w for b in blocks for w in text_of(b.get("text", "")).split()}
    print(f"shuffle.py: {n}x, {len(blocks)} blocks, {len(words)} distinct words", file=sys.stderr)
    json.dump(doc, sys.stdout, ensure_ascii=False)


main()
