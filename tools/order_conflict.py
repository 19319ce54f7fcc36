#!/usr/bin/env python3
"""The evidence of issue 11 item 5: no single order of the text layer reads
right in every engine.

Usage:
    tools/order_conflict.py [--warraq PATH]

Renders a minimal document (a title, four one-line paragraphs: pure Arabic;
Arabic with an English phrase and digits; vocalized Arabic; Arabic with "،",
Arabic-Indic digits and "." each before a space; and a table row of three
one-word cells, found when they come back in order with a space or a line
break between them) twice with
the release CLI (default target/release/warraq): `--text-order logical`
(glyphs in reading order, the stream that poppler, MuPDF and pdfminer read
verbatim) and `--text-order visual` (glyphs left to right, what PDFium and
PDF.js reorder). Each engine of tools/text_engines.py extracts both PDFs; the
table says, per engine and order, which of the lines come back exactly
(controls removed, whitespace runs made one space: the "words" metric), and
prints what came back for the line that did not. Exit 0 when everything ran.
Run it after `. tools/env.sh`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import text_engines  # noqa: E402

LINES = [
    "سلام على العالمين",
    "العدد 2019 في تقرير CTOC/COP عن How to Guide",
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ",
    "مساعدة الضحايا، والنظر في عام ٢٠١٩ اعتمد الفريق. ثم انتهى",
    "الأرجنتين ٢ عضو",
]
ENGINES = ["pdfinfo-struct", "pdftotext", "mutool", "pymupdf", "pdfminer", "pdfium", "pdfjs", "pypdf"]
CONTROLS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def words(s: str) -> str:
    s = unicodedata.normalize("NFC", CONTROLS.sub("", s))
    return " ".join(s.split())


def render(warraq: str, order: str, out: str) -> None:
    doc = {
        "title": "نص",
        "date": "2019-09-23",
        "justify": "none",
        "blocks": [
            {"kind": "paragraph", "text": LINES[0]},
            {"kind": "paragraph", "text": [
                {"text": "العدد 2019 في تقرير CTOC/COP عن "},
                {"text": "How to Guide", "lang": "en"},
            ]},
            {"kind": "paragraph", "text": LINES[2]},
            {"kind": "paragraph", "text": LINES[3]},
            {"kind": "table", "rows": [LINES[4].split(" ")]},
        ],
    }
    src = out + ".json"
    with open(src, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    subprocess.run([warraq, "render", src, "--pdf", out, "--text-order", order, "-q"], check=True)


def extract(engine: str, pdf: str) -> list[str]:
    got = text_engines.FUNCS[engine](pdf)
    if engine == "pdfinfo-struct":
        got = got[0]
    if isinstance(got, list):
        got = "\n".join(got)
    return [words(line) for line in got.splitlines() if words(line)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warraq", default=os.path.join(ROOT, "target/release/warraq"))
    args = ap.parse_args()
    want = [words(line) for line in LINES]
    print("| engine | order | exact lines | what came back for a line that did not |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = {}
        for order in ("logical", "visual"):
            pdfs[order] = os.path.join(tmp, f"{order}.pdf")
            render(args.warraq, order, pdfs[order])
        for engine in ENGINES:
            for order in ("logical", "visual"):
                try:
                    got = extract(engine, pdfs[order])
                except Exception as e:  # an engine that fails is reported, not hidden
                    print(f"| {engine} | {order} | error | {str(e)[:120]} |")
                    continue
                # A line is found when it comes back whole, on a line of its
                # own or across lines (a table's cells may come back one per
                # line): the extracted lines are joined with spaces.
                joined = " ".join(got)
                exact = [w for w in want if w in joined]
                missing = [i for i, w in enumerate(want) if w not in joined]
                # For each line not found, the extracted line sharing most
                # characters with it (a reversed line shares them all).
                samples = []
                for i in missing:
                    target = Counter(want[i])
                    best = max(got, key=lambda g: sum((target & Counter(g)).values())
                               - sum((Counter(g) - target).values()), default="")
                    samples.append(f"{i + 1}: `{best}`")
                sample = "; ".join(samples)
                print(f"| {engine} | {order} | {len(exact)}/{len(want)} | {sample} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
