#!/usr/bin/env python3
"""Check that a PDF's text layer carries the text of a warraq document model.

Usage:
    check_text_layer.py REPORT.json OUT.pdf [--min NAME=PCT ...]
                        [--furniture STRING ...] [--json] [--quiet]

REPORT.json is the document model (the JSON given to warraq): its `blocks`
give the expected texts, in order:
  heading        -> its `text`, and its `label` (as a separate entry)
  paragraph      -> `text`
  recommendation -> `text`
  list           -> each item's `text`, recursively
A text is a string or an array of spans {"text", "lang"?, "strong"?},
concatenated.

The PDF's text is extracted with each extractor below; both sides are
normalized (NFC; all whitespace and bidi controls removed) and an expected
text is "found" when it is a substring of the extractor's whole-document
output.  Extractors (names for --min):

  pdfinfo-struct     poppler `pdfinfo -struct-text` (text of the struct tree)
  pdfinfo-struct-eq  same output, but each expected block must EQUAL the text
                     of one structure element (H*/P/LI/LBody/...)
  pdftotext          poppler `pdftotext` (default mode)
  pdftotext-raw      poppler `pdftotext -raw`
  pdfminer           pdfminer.six high-level extract_text()
  pymupdf            PyMuPDF page.get_text()
  mutool             `mutool draw -F txt`

Fails (exit 1) when: a --min threshold is not met; any extractor's output
contains U+0640 ARABIC TATWEEL (kashida must be drawn, not encoded as text;
more tatweels than the model's own text has fails);
or a block is found only once a --furniture string (running header/footer)
is cut out of the output, i.e. furniture was interleaved inside the block.
An extractor that crashes scores 0% (its error is printed), which fails
only if it has a --min threshold.  `--min all=PCT` sets every extractor.
Exit 2 on bad usage or an unreadable model.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import traceback
import unicodedata

TATWEEL = "\u0640"
BIDI_CONTROLS = set(
    "\u200e\u200f"  # LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u061c"  # ALM
)
EXTRACTORS = [
    "pdfinfo-struct",
    "pdfinfo-struct-eq",
    "pdftotext",
    "pdftotext-raw",
    "pdfminer",
    "pymupdf",
    "mutool",
]
TIMEOUT = int(os.environ.get("CHECK_TEXT_TIMEOUT", "300"))
# Struct element types whose text may stand for one block of the model.
BLOCK_TYPES = {
    "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "LI", "LBody", "Caption",
    "BlockQuote", "Quote", "Note", "Div", "Sect", "Title", "Lbl", "Span",
}


def normalize(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    return "".join(ch for ch in s if not ch.isspace() and ch not in BIDI_CONTROLS)


# --------------------------------------------------------------------------
# Expected texts from the model


def text_of(t) -> str:
    if t is None:
        return ""
    if isinstance(t, str):
        return t
    if isinstance(t, list):
        out = []
        for span in t:
            if isinstance(span, str):
                out.append(span)
            elif isinstance(span, dict):
                out.append(str(span.get("text", "")))
        return "".join(out)
    if isinstance(t, dict):
        return str(t.get("text", ""))
    return str(t)


class Expected:
    def __init__(self, index: str, kind: str, raw: str, alts=()):
        self.index = index  # e.g. "3", "5.items[1].items[0]"
        self.kind = kind
        self.raw = raw
        self.norm = normalize(raw)
        # Other acceptable forms for the struct-equality check.
        self.alts = [normalize(a) for a in alts if a]


def expected_texts(model) -> list[Expected]:
    blocks = model.get("blocks") if isinstance(model, dict) else model
    if not isinstance(blocks, list):
        raise ValueError("the model has no `blocks` array")
    out: list[Expected] = []

    def items(prefix: str, its):
        for j, it in enumerate(its or []):
            if not isinstance(it, dict):
                continue
            idx = f"{prefix}.items[{j}]"
            txt = text_of(it.get("text"))
            label = it.get("label")
            alts = [label + txt] if label else []
            out.append(Expected(idx, "item", txt, alts))
            items(idx, it.get("items"))

    for i, b in enumerate(blocks):
        if not isinstance(b, dict):
            continue
        kind = b.get("kind") or b.get("type") or "?"
        if kind == "heading":
            txt = text_of(b.get("text"))
            label = b.get("label")
            alts = [label + txt] if label else []
            out.append(Expected(str(i), "heading", txt, alts))
            if label:
                out.append(Expected(f"{i}.label", "label", label))
        elif kind in ("paragraph", "recommendation"):
            out.append(Expected(str(i), kind, text_of(b.get("text"))))
        elif kind == "list":
            items(str(i), b.get("items"))
        elif "text" in b:
            out.append(Expected(str(i), kind, text_of(b.get("text"))))
    return [e for e in out if e.norm]


# --------------------------------------------------------------------------
# Extractors: each returns the whole-document text (str)


def run(cmd: list[str]) -> str:
    if not shutil.which(cmd[0]):
        raise RuntimeError(f"{cmd[0]} not found on PATH")
    p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    if p.returncode != 0:
        err = [ln.strip() for ln in p.stderr.decode("utf-8", "replace").splitlines()
               if ln.strip() and "ICC support is not available" not in ln]
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {' | '.join(err)[-500:]}")
    return p.stdout.decode("utf-8", "replace")


class StructNode:
    def __init__(self, type_: str, depth: int):
        self.type = type_
        self.depth = depth
        self.children: list[StructNode] = []
        self.texts: list[str] = []  # in order, interleaved with children via items
        self._items = []

    # items: ("t", text) | ("n", node), in document order
    def add_text(self, t: str):
        self.texts.append(t)
        self._items.append(("t", t))

    def add_child(self, n: "StructNode"):
        self.children.append(n)
        self._items.append(("n", n))

    def text(self, skip=frozenset()) -> str:
        parts = []
        for kind, v in self._items:
            if kind == "t":
                parts.append(v)
            elif v.type not in skip:
                parts.append(v.text(skip))
        return "".join(parts)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


_ELEM_RE = re.compile(r'^(?P<type>[^\s"]+)(?: <[^>]*>)?(?: ".*")?(?: r\d+)?(?: \((?:inline|block)\))?:?$')


def parse_struct_text(out: str):
    """Parse `pdfinfo -struct-text` output (poppler's printStruct).

    Each line is indented by 2 spaces per tree level.  An element line is
    `Type[ <ID>][ "Title"][ rN][ (block|inline)][:]`; a trailing `:` means
    attribute lines follow, indented one level deeper plus one space and
    starting with `/`.  A marked-content child prints as `"text"` (the text
    of one MCID) or `(No content?)`; an object reference as `Object N G`.
    Text may contain newlines, so a quoted line that does not end with `"`
    continues on the next lines.
    Returns (root, [all text chunks in order]).
    """
    root = StructNode("#root", -1)
    stack = [root]
    chunks: list[str] = []
    lines = out.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        depth = indent // 2
        if stripped.startswith("/") and indent % 2 == 1:
            continue  # attribute line
        if stripped.startswith('"'):
            body = stripped[1:]
            # continuation for multi-line text
            while not body.endswith('"') and i < len(lines):
                body += "\n" + lines[i]
                i += 1
            if body.endswith('"'):
                body = body[:-1]
            while len(stack) > 1 and stack[-1].depth >= depth:
                stack.pop()
            stack[-1].add_text(body)
            chunks.append(body)
            continue
        if stripped.startswith("(No content?)") or stripped.startswith("Object "):
            continue
        m = _ELEM_RE.match(stripped)
        type_ = m.group("type") if m else stripped.split(" ", 1)[0]
        while len(stack) > 1 and stack[-1].depth >= depth:
            stack.pop()
        node = StructNode(type_, depth)
        stack[-1].add_child(node)
        stack.append(node)
    return root, chunks


def ex_pdfinfo_struct(pdf: str):
    out = run(["pdfinfo", "-struct-text", pdf])
    root, chunks = parse_struct_text(out)
    if not chunks and not root.children:
        raise RuntimeError("no structure tree (is the PDF tagged?)")
    return "\n".join(chunks), root


def ex_pdftotext(pdf: str):
    return run(["pdftotext", "-enc", "UTF-8", pdf, "-"])


def ex_pdftotext_raw(pdf: str):
    return run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"])


def ex_pdfminer(pdf: str):
    from pdfminer.high_level import extract_text

    return extract_text(pdf)


def ex_pymupdf(pdf: str):
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return "\n".join(page.get_text() for page in doc)


def ex_mutool(pdf: str):
    return run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf])


# --------------------------------------------------------------------------
# Scoring


def longest_prefix(needle: str, hay: str) -> int:
    lo, hi = 0, len(needle)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needle[:mid] in hay:
            lo = mid
        else:
            hi = mid - 1
    return lo


def strip_furniture(hay: str, furniture: list[str]) -> str:
    for f in furniture:
        if f:
            hay = hay.replace(f, "")
    return hay


def score_substrings(name, text, expected, furniture, allow_breaks=False):
    norm = normalize(text)
    hay_nf = strip_furniture(norm, furniture)
    missing, interleaved, allowed = [], [], []
    found = 0
    for e in expected:
        if e.norm in norm:
            found += 1
            continue
        if furniture and e.norm in hay_nf:
            if allow_breaks:
                allowed.append(e.index)
                found += 1
                continue
            interleaved.append(e)
        p = longest_prefix(e.norm, norm)
        after = ""
        if p:
            at = norm.find(e.norm[:p])
            after = norm[at + p: at + p + 20]
        missing.append({
            "index": e.index,
            "kind": e.kind,
            "start": e.raw.strip()[:40],
            "prefix": p,
            "length": len(e.norm),
            "expected_next": e.norm[p: p + 20],
            "got_next": after,
        })
    return {
        "name": name,
        "found": found,
        "total": len(expected),
        "tatweels": text.count(TATWEEL),
        "furniture_hits": {f: norm.count(normalize(f)) for f in furniture},
        "interleaved": [e.index for e in interleaved],
        "interleaved_allowed": allowed,
        "missing": missing,
        "error": None,
        "chars": len(norm),
    }


def score_struct_eq(root: StructNode, expected):
    """Each expected block must equal the text of one element.

    Heading labels are not separate entries here: a heading element may
    equal either its text or label + text.
    """
    expected = [e for e in expected if e.kind != "label"]
    pool: dict[str, int] = {}
    for n in root.walk():
        if n.type not in BLOCK_TYPES:
            continue
        variants = {
            normalize(n.text()),
            normalize(n.text(skip=frozenset({"L", "Lbl", "Artifact"}))),
        }
        for v in variants:
            if v:
                pool[v] = pool.get(v, 0) + 1
    found, missing = 0, []
    for e in expected:
        hit = next((f for f in [e.norm, *e.alts] if pool.get(f, 0) > 0), None)
        if hit is not None:
            pool[hit] -= 1
            found += 1
        else:
            missing.append({
                "index": e.index, "kind": e.kind, "start": e.raw.strip()[:40],
                "prefix": 0, "length": len(e.norm), "expected_next": "", "got_next": "",
            })
    return {
        "name": "pdfinfo-struct-eq", "found": found, "total": len(expected),
        "tatweels": 0, "furniture_hits": {}, "interleaved": [],
        "interleaved_allowed": [], "missing": missing, "error": None, "chars": None,
    }


def failed_result(name, total, err):
    return {
        "name": name, "found": 0, "total": total, "tatweels": 0,
        "furniture_hits": {}, "interleaved": [], "interleaved_allowed": [],
        "missing": [], "error": err, "chars": None,
    }


def parse_min(values):
    mins = {}
    for v in values:
        for part in v.split(","):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise ValueError(f"--min wants NAME=PCT, got {part!r}")
            k, p = part.split("=", 1)
            k = k.strip()
            if k != "all" and k not in EXTRACTORS:
                raise ValueError(f"--min: unknown extractor {k!r} (one of: all, {', '.join(EXTRACTORS)})")
            mins[k] = float(p)
    if "all" in mins:
        a = mins.pop("all")
        for k in EXTRACTORS:
            mins.setdefault(k, a)
    return mins


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("model", help="document model JSON (REPORT.json)")
    ap.add_argument("pdf", help="PDF to check")
    ap.add_argument("--min", action="append", default=[], metavar="NAME=PCT",
                    help="minimum %% found for an extractor (repeatable; NAME=all for every one)")
    ap.add_argument("--furniture", action="append", default=[], metavar="STRING",
                    help="running header/footer text that must not interrupt a block (repeatable)")
    ap.add_argument("--allow-furniture-breaks", action="store_true",
                    help="for the page-order extractors (all but pdfinfo-struct*), count a block "
                         "that is found once the --furniture strings are cut out as found: a "
                         "paragraph that crosses a page break has the footer and next header "
                         "inside it in page order, whatever the tagging; still reported")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="run only these extractors (repeatable)")
    ap.add_argument("--json", action="store_true", help="print a JSON report instead of the table")
    ap.add_argument("--quiet", action="store_true", help="table only, no per-block diagnosis")
    args = ap.parse_args(argv)

    try:
        mins = parse_min(args.min)
        with open(args.model, encoding="utf-8") as f:
            model = json.load(f)
        expected = expected_texts(model)
    except Exception as e:  # noqa: BLE001
        print(f"check_text_layer: {e}", file=sys.stderr)
        return 2
    if not os.path.isfile(args.pdf):
        print(f"check_text_layer: no such file: {args.pdf}", file=sys.stderr)
        return 2
    furniture = [normalize(f) for f in args.furniture]
    wanted = set(args.only) if args.only else set(EXTRACTORS)

    results = []
    struct_root = None
    struct_err = None
    funcs = {
        "pdfinfo-struct": ex_pdfinfo_struct,
        "pdftotext": ex_pdftotext,
        "pdftotext-raw": ex_pdftotext_raw,
        "pdfminer": ex_pdfminer,
        "pymupdf": ex_pymupdf,
        "mutool": ex_mutool,
    }
    for name in EXTRACTORS:
        if name not in wanted and not (name == "pdfinfo-struct" and "pdfinfo-struct-eq" in wanted):
            continue
        if name == "pdfinfo-struct-eq":
            if struct_root is None:
                results.append(failed_result(name, len(expected), struct_err or "pdfinfo-struct failed"))
            else:
                results.append(score_struct_eq(struct_root, expected))
            continue
        try:
            out = funcs[name](args.pdf)
            if name == "pdfinfo-struct":
                out, struct_root = out
            r = score_substrings(name, out, expected, furniture,
                                 allow_breaks=args.allow_furniture_breaks and name != "pdfinfo-struct")
        except BaseException as e:  # noqa: BLE001 - an extractor crash is a 0% score
            if isinstance(e, KeyboardInterrupt):
                raise
            msg = f"{type(e).__name__}: {e}".strip()
            if os.environ.get("CHECK_TEXT_DEBUG"):
                msg += "\n" + traceback.format_exc()
            if name == "pdfinfo-struct":
                struct_err = msg
            r = failed_result(name, len(expected), msg)
        if name in wanted:
            results.append(r)

    # Kashida must be drawn, never encoded: the only tatweels allowed in the
    # text layer are those the model's own text contains.
    model_tatweels = sum(e.raw.count(TATWEEL) for e in expected if e.kind != "label")
    failures = []
    for r in results:
        r["percent"] = 100.0 * r["found"] / r["total"] if r["total"] else 100.0
        m = mins.get(r["name"])
        r["min"] = m
        if m is not None and r["percent"] + 1e-9 < m:
            failures.append(f"{r['name']}: {r['percent']:.1f}% < {m:g}%"
                            + (f" ({r['error'].splitlines()[0]})" if r["error"] else ""))
        if r["tatweels"] > model_tatweels:
            failures.append(f"{r['name']}: {r['tatweels']} U+0640 TATWEEL in the text layer"
                            + (f" (the model itself has {model_tatweels})" if model_tatweels else ""))
        if r["interleaved"]:
            failures.append(f"{r['name']}: furniture inside block(s) {', '.join(r['interleaved'])}")

    if args.json:
        print(json.dumps({
            "pdf": args.pdf, "model": args.model, "expected": len(expected),
            "furniture": args.furniture, "model_tatweels": model_tatweels, "results": results,
            "failures": failures, "ok": not failures,
        }, ensure_ascii=False, indent=2))
        return 1 if failures else 0

    print(f"{args.pdf}: {len(expected)} expected texts from {args.model}")
    hdr = f"{'extractor':<18} {'found/total':>12} {'%':>7} {'min':>5} {'tatweels':>8}  furniture"
    print(hdr)
    print("-" * len(hdr))
    for r in results:
        fur = " ".join(f"{v}" for v in r["furniture_hits"].values()) if r["furniture_hits"] else ""
        mn = f"{r['min']:g}" if r["min"] is not None else "-"
        status = "ERROR" if r["error"] else ""
        print(f"{r['name']:<18} {r['found']:>5}/{r['total']:<6} {r['percent']:>6.1f}% {mn:>5} {r['tatweels']:>8}  {fur} {status}")
    if not args.quiet:
        for r in results:
            if r["error"]:
                print(f"\n[{r['name']}] ERROR: {r['error']}")
                continue
            if r["interleaved_allowed"]:
                print(f"\n[{r['name']}] found only with furniture cut out (allowed): "
                      + ", ".join(r["interleaved_allowed"]))
            if not r["missing"]:
                continue
            print(f"\n[{r['name']}] missing {len(r['missing'])}:")
            for m in r["missing"][:50]:
                line = f"  #{m['index']:<14} {m['kind']:<14} prefix {m['prefix']}/{m['length']}  {m['start']!r}"
                if m["prefix"] or m["got_next"]:
                    line += f"\n  {'':<14} expected next {m['expected_next']!r}, got {m['got_next']!r}"
                print(line)
            if len(r["missing"]) > 50:
                print(f"  ... and {len(r['missing']) - 50} more")
    if failures:
        print("\nFAIL:")
        for f in failures:
            print(f"  {f}")
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
