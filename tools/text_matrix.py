#!/usr/bin/env python3
"""Print the extraction matrix (issue 11) as markdown, for the README.

Usage:
    tools/text_matrix.py [--warraq PATH] [--out DIR] [--full] [MODEL.json ...]

Renders each model (default: the example report and the three documents of
tests/fixtures/documents/) with the release CLI (default
target/release/warraq: `cargo build --release` first), runs
tools/check_text_layer.py on each PDF (its --json report, furniture = the
model's symbol and job number) and prints
  - the overview: one row per engine, per document "words % / strict % /
    word recall / added controls per 1,000 characters";
  - with --full, each document's own table (spacing defects, wrappers);
  - the search line for the example report (tests/fixtures/search/report.json);
  - pdftotext's reach per document (tools/poppler_reach.py): the share of
    texts poppler's own reordering gives back from a text layer in bidi
    order (a line break can save a few more).
Exit 0 when everything ran (the targets are the tests' business:
tests/pdf_matrix.rs), 1 when a render or the checker failed, 2 on bad usage.
Run it after `. tools/env.sh`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCUMENTS = [
    "examples/un-report/report.json",
    "tests/fixtures/documents/mixed.json",
    "tests/fixtures/documents/vocalized.json",
    "tests/fixtures/documents/lists.json",
]
SEARCH = {"examples/un-report/report.json": "tests/fixtures/search/report.json"}
# Engines in the README's order, with who reads through them.
ENGINES = [
    ("pdfinfo-struct", "`pdfinfo -struct-text` (structure tree: assistive technology)"),
    ("pdfinfo-struct-eq", "structure element = text"),
    ("pdftotext", "pdftotext (poppler: Evince, Okular, indexers)"),
    ("mutool", "`mutool draw -F txt` (MuPDF: SumatraPDF)"),
    ("pymupdf", "PyMuPDF (MuPDF: RAG pipelines)"),
    ("pdfminer", "pdfminer.six"),
    ("pdfium", "pypdfium2 (PDFium: Chrome, Edge, Android)"),
    ("pdfjs", "PDF.js (Firefox, web apps)"),
    ("pypdf", "pypdf"),
]


def render(warraq: str, model: str, out_dir: str, order: str = "visual") -> str:
    pdf = os.path.join(out_dir, os.path.splitext(os.path.basename(model))[0] + ".pdf")
    p = subprocess.run([warraq, "render", os.path.join(ROOT, model), "--pdf", pdf,
                        "--text-order", order],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"warraq render {model}: {p.stderr.strip()}")
    return pdf


def measure(model: str, pdf: str) -> dict:
    cmd = [sys.executable, os.path.join(ROOT, "tools/check_text_layer.py"),
           os.path.join(ROOT, model), pdf, "--json", "--model-furniture"]
    for name, _ in ENGINES:
        cmd += ["--only", name]
    if model in SEARCH:
        cmd += ["--search", os.path.join(ROOT, SEARCH[model])]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"check_text_layer {model}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def cell(r: dict | None) -> str:
    if r is None:
        return "–"
    if r["error"]:
        return "error"
    pc = r["percent"]
    parts = [f"{pc['words']:.1f} / {pc['strict']:.1f}"]
    if r["recall"] is not None:
        parts.append(f"{r['recall']:.3f}")
    if r["added_per_1000"] is not None:
        parts.append(f"{r['added_per_1000']:.1f}")
    return " / ".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", default=DOCUMENTS, help="models (default: the four)")
    ap.add_argument("--warraq", default=os.path.join(ROOT, "target/release/warraq"))
    ap.add_argument("--out", help="keep the PDFs in this directory")
    ap.add_argument("--full", action="store_true", help="each document's own table too")
    ap.add_argument("--text-order", default="visual", choices=["visual", "logical"],
                    help="the PDF text layer's order (warraq render --text-order)")
    args = ap.parse_args(argv)
    if not os.access(args.warraq, os.X_OK):
        print(f"text_matrix: no {args.warraq} (cargo build --release)", file=sys.stderr)
        return 2
    out_dir = args.out or tempfile.mkdtemp(prefix="warraq-matrix-")
    os.makedirs(out_dir, exist_ok=True)
    reports = {}
    try:
        for model in args.models:
            reports[model] = measure(model, render(args.warraq, model, out_dir, args.text_order))
    except (RuntimeError, json.JSONDecodeError) as e:
        print(f"text_matrix: {e}", file=sys.stderr)
        return 1

    names = [os.path.splitext(os.path.basename(m))[0] for m in args.models]
    print("Per engine and document: texts found, **words % / strict %**, word recall, "
          "added invisible controls per 1,000 characters ("
          + ", ".join(f"{n}: {reports[m]['expected']} texts" for n, m in zip(names, args.models))
          + "; metrics: `tools/check_text_layer.py --help`).\n")
    print("| engine | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for name, who in ENGINES:
        row = []
        for m in args.models:
            r = next((x for x in reports[m]["results"] if x["name"] == name), None)
            row.append(cell(r))
        print(f"| {who} | " + " | ".join(row) + " |")
    for m in args.models:
        s = reports[m].get("search")
        if s:
            ok = {e: sum(x["page"] in x[e] for x in s) for e in ("pdfium", "pdfjs")}
            print(f"\nSearch ({SEARCH[m]}): {len(s)} phrases found on their page: "
                  f"PDFium {ok['pdfium']}/{len(s)}, PDF.js {ok['pdfjs']}/{len(s)}.")
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    from poppler_reach import reach

    cells = []
    for n, m in zip(names, args.models):
        with open(os.path.join(ROOT, m), encoding="utf-8") as f:
            rows = reach(json.load(f))
        cells.append(f"{n} {100.0 * sum(ok for _, ok in rows) / max(len(rows), 1):.1f} %")
    print("\npdftotext's reach (`tools/poppler_reach.py`: the texts poppler's own reordering "
          "gives back from a text layer in bidi order): " + ", ".join(cells) + ".")
    if args.full:
        from check_text_layer import markdown_table

        for n, m in zip(names, args.models):
            print(f"\n#### {n} ({m})\n")
            print("\n".join(markdown_table(reports[m]["results"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
