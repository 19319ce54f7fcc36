#!/usr/bin/env python3
"""Writes a document model whose blocks are the report's repeated N times
(numbers renumbered so they stay continuous): repeat.py REPORT.json N > out.json"""
import copy
import json
import sys

doc = json.load(open(sys.argv[1], encoding="utf-8"))
n = int(sys.argv[2])
blocks = []
para = rec = 0
for _ in range(n):
    for b in copy.deepcopy(doc["blocks"]):
        if b["kind"] == "paragraph" and "number" in b:
            para += 1
            b["number"] = para
        if b["kind"] == "recommendation":
            rec += 1
            b["number"] = rec
        blocks.append(b)
doc["blocks"] = blocks
json.dump(doc, sys.stdout, ensure_ascii=False)
