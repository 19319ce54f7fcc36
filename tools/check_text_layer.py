#!/usr/bin/env python3
"""Check that a PDF's text layer carries the text of a warraq document model.

Usage:
    check_text_layer.py --self-test
    check_text_layer.py MODEL.json OUT.pdf [--only NAME ...] [--furniture STRING ...]
        [--metric loose|words|strict] [--min NAME=PCT ...] [--min-strict NAME=PCT ...]
        [--min-recall NAME=R ...] [--max-added-controls NAME=N ...]
        [--max-split-words NAME=N ...] [--max-space-before-punct NAME=N ...]
        [--search PHRASES.json] [--details] [--json]

MODEL.json is the document model (the JSON given to warraq).  The expected
texts, in order: the title, the subtitle, and per block
  heading        -> "label - text" as printed (the structure tree holds Lbl
                    and text as two elements: there "label text" counts too)
  paragraph      -> `text`          recommendation -> `text`
  list           -> each item's `text`, recursively (labels are generated
                    marks, not checked)
A text is a string or an array of spans {"text", ...}, concatenated; NFC.

Metrics, per extractor ("engine"), over the engine's whole-document output
(lines that are a --furniture string, i.e. running header/footer, removed):
  loose   every whitespace and bidi control removed on both sides (the old
          measure: it cannot see a space inside a word or two glued words)
  words   bidi/format controls (LRM RLM ALM LRE RLE PDF LRO RLO LRI RLI FSI
          PDI, and ZWJ/ZWNJ unless the model contains them) removed and every
          whitespace run made one space, on both sides: a text is found when
          it is a substring of the output, so a space inside a word or two
          glued words fail
  strict  the same with the controls kept
  recall  multiset of the model's words against the output's words
          (controls removed): |intersection| / |model words|
  added controls  controls in the output beyond those in the model, per
          1,000 non-space characters of output.  An engine's own
          embedding wrappers (a line's LRE/RLE ... PDF pair, balanced within
          the line, as poppler writes around right-to-left lines and number
          runs) are not counted (reported as "wrappers") and are removed
          before the strict metric
  split words / space before punct / glued: for texts found by `loose` but
          not by `words`, spaces the output has inside a word, before
          punctuation (. , ، ؛ : ! ? ؟ ) ] » and the like) where the model has
          none, and model spaces the output lacks

Engines (names for --only and the thresholds):
  pdfinfo-struct     poppler `pdfinfo -struct-text` (text of the structure tree)
  pdfinfo-struct-eq  same output, but each expected text must EQUAL the text
                     of one structure element (H*/P/LI/LBody/Lbl/Span/...)
  pdftotext          poppler `pdftotext` (Evince, Okular, search indexers)
  pdftotext-raw      poppler `pdftotext -raw`
  mutool             MuPDF `mutool draw -F txt`
  pymupdf            PyMuPDF page.get_text()
  pdfminer           pdfminer.six extract_text()
  pdfium             pypdfium2 (PDFium: Chrome, Edge, Android) textpage.get_text_range()
  pdfjs              PDF.js (Firefox) getTextContent(), via tools/pdfjs_text.mjs in Node
  pypdf              pypdf page.extract_text()

/ActualText (structure elements and marked content, pages and forms) is
audited too: controls in it that the model never has (--max-actualtext-controls).

--search PHRASES.json: a list of {"phrase", "page"} (1-based page); each
phrase must be found on its page by PDFium's text search (FPDFText_Find,
textpage.search) and in PDF.js's text of that page (words-normalized).

Fails (exit 1) when a threshold is not met; any output contains U+0640
TATWEEL beyond the model's own (kashida must be drawn, not encoded); a block
is found (loose) only once the --furniture lines are removed (furniture
interleaved in a block);
or a search phrase is not found on its page.  An engine that crashes scores
0 (its error is printed), which fails only if it has a threshold.  NAME=all
sets every engine.  Exit 2 on bad usage or an unreadable model.

Output: a markdown table per engine, then the failures; --details adds
per-text failures with a short diff (expected vs the closest text in the
output); --json prints everything as JSON instead.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import traceback
import unicodedata

from text_engines import FUNCS, StructNode, actualtext_strings, ex_pdfjs, parse_struct_text

TATWEEL = "\u0640"
BIDI_CONTROLS = frozenset(
    "\u200e\u200f"  # LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u061c"  # ALM
)
JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: controls only if the model lacks them
CONTROL_NAMES = {
    "\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM", "\u202a": "LRE", "\u202b": "RLE",
    "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO", "\u2066": "LRI", "\u2067": "RLI",
    "\u2068": "FSI", "\u2069": "PDI", "\u200c": "ZWNJ", "\u200d": "ZWJ",
}
WRAP_OPEN = "\u202a\u202b\u202d\u202e"
WRAP_CLOSE = "\u202c"
# Punctuation before which an output space the model lacks is counted.
PUNCT = set(".,،؛;:!?؟)]}»\"'”’%٪")
EXTRACTORS = [
    "pdfinfo-struct",
    "pdfinfo-struct-eq",
    "pdftotext",
    "pdftotext-raw",
    "mutool",
    "pymupdf",
    "pdfminer",
    "pdfium",
    "pdfjs",
    "pypdf",
]
METRICS = ("loose", "words", "strict")
# Struct element types whose text may stand for one block of the model.
BLOCK_TYPES = {
    "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "LI", "LBody", "Caption",
    "BlockQuote", "Quote", "Note", "Div", "Sect", "Title", "Lbl", "Span",
}


class Norm:
    """The three normalizations, given which characters count as controls."""

    def __init__(self, controls: frozenset[str]):
        self.controls = controls

    def loose(self, s: str) -> str:
        s = unicodedata.normalize("NFC", s)
        return "".join(ch for ch in s if not ch.isspace() and ch not in self.controls)

    def strict(self, s: str) -> str:
        s = unicodedata.normalize("NFC", s)
        out, space = [], False
        for ch in s:
            if ch.isspace():
                space = bool(out)
                continue
            if space:
                out.append(" ")
                space = False
            out.append(ch)
        return "".join(out)

    def words(self, s: str) -> str:
        return self.strict("".join(ch for ch in s if ch not in self.controls))

    def get(self, metric: str):
        return getattr(self, metric)


# Kept for callers of the old module interface.
normalize = Norm(BIDI_CONTROLS).loose


# --------------------------------------------------------------------------
# Expected texts from the model


class NoteMarks:
    """Note marks as warraq prints them: a note span prints a narrow
    no-break space and its mark (`mark`, else the next number in the
    document's digits: Arabic-Indic for Arabic); the notes' texts are
    collected, in reading order, with their marks."""

    # The first digit of each language's digits (model::language::LANGUAGES;
    # Latin for the others) and of the numbering systems of a `-u-nu-`
    # extension that warraq writes (Locale::of).
    ZERO = {"ar": 0x0660, "ckb": 0x0660, "fa": 0x06F0, "ur": 0x06F0, "ps": 0x06F0}
    NUMBERING = {"latn": ord("0"), "arab": 0x0660, "arabext": 0x06F0}

    def __init__(self, lang: str):
        subtags = (lang or "ar").lower().split("-")
        self.zero = self.ZERO.get(subtags[0], ord("0"))
        if "u" in subtags:
            ext = subtags[subtags.index("u") + 1 :]
            for key, value in zip(ext, ext[1:]):
                if key == "nu" and value in self.NUMBERING:
                    self.zero = self.NUMBERING[value]
        self.number = 0
        self.notes: list[tuple[str, object]] = []

    def mark(self, span: dict) -> str:
        if span.get("mark"):
            label = str(span["mark"])
        else:
            self.number += 1
            label = str(self.number)
            label = "".join(chr(self.zero + int(d)) for d in label)
        self.notes.append((label, span.get("note")))
        return "\u202f" + label


def text_of(t, marks: "NoteMarks | None" = None) -> str:
    if t is None:
        return ""
    if isinstance(t, str):
        return t
    if isinstance(t, list):
        out = []
        for s in t:
            if isinstance(s, str):
                out.append(s)
            elif isinstance(s, dict) and "note" in s:
                out.append(marks.mark(s) if marks is not None else "")
            elif isinstance(s, dict):
                out.append(str(s.get("text", "")))
        return "".join(out)
    if isinstance(t, dict):
        return str(t.get("text", ""))
    return str(t)


# The masthead's words per language (model::language::LANGUAGES: organisation,
# distribution, original, the language's own name), for the languages of the
# examples and fixtures; a masthead in another language is not checked.
MASTHEAD_WORDS = {
    "ar": ("الأمم المتحدة", "التوزيع", "الأصل", "العربية"),
    "fa": ("سازمان ملل متحد", "توزیع", "اصل", "فارسی"),
    "ur": ("اقوام متحدہ", "تقسیم", "اصل", "اردو"),
}


def masthead_texts(model) -> list[str]:
    """The printed lines of the masthead (model::semantics::masthead_lines),
    with the organisation, in the document's language."""
    m = model.get("masthead") if isinstance(model, dict) else None
    lang = (model.get("lang") or "ar").split("-")[0].lower() if isinstance(model, dict) else "ar"
    if not isinstance(m, dict) or lang not in MASTHEAD_WORDS:
        return []
    organisation, distribution, original, name = MASTHEAD_WORDS[lang]
    out = [organisation]
    if m.get("distribution"):
        out.append(f"{distribution}: {m['distribution']}")
    if m.get("date"):
        out.append(m["date"])
    out.append(name)
    if m.get("original"):
        out.append(f"{original}: {m['original']}")
    if m.get("organ"):
        out.append(m["organ"])
    out.extend(m.get("meeting") or [])
    if m.get("agenda_item"):
        out.append(m["agenda_item"])
    return out


class Expected:
    def __init__(self, index: str, kind: str, raw: str, alts=(), words=None):
        self.index = index  # e.g. "3", "5.items[1].items[0]", "title"
        self.kind = kind
        # The text as printed on the page.
        self.raw = unicodedata.normalize("NFC", raw)
        # Other forms the structure tree may hold (pdfinfo-struct*).
        self.alts = [unicodedata.normalize("NFC", a) for a in alts if a]
        # The model's own words (for word recall): not the generated " - ".
        self.source = unicodedata.normalize("NFC", raw if words is None else words)


def expected_texts(model) -> list[Expected]:
    blocks = model.get("blocks") if isinstance(model, dict) else model
    if not isinstance(blocks, list):
        raise ValueError("the model has no `blocks` array")
    out: list[Expected] = []
    marks = NoteMarks(model.get("lang", "ar") if isinstance(model, dict) else "ar")
    for k, line in enumerate(masthead_texts(model)):
        out.append(Expected(f"masthead[{k}]", "masthead", line))
    if isinstance(model, dict):
        for key in ("title", "subtitle"):
            if model.get(key):
                out.append(Expected(key, key, text_of(model[key], marks)))

    def items(prefix: str, its):
        for j, it in enumerate(its or []):
            if not isinstance(it, dict):
                continue
            idx = f"{prefix}.items[{j}]"
            txt = text_of(it.get("text"), marks)
            label = it.get("label")
            alts = [label + txt, f"{label} {txt}"] if label else []
            out.append(Expected(idx, "item", txt, alts))
            items(idx, it.get("items"))

    for i, b in enumerate(blocks):
        if not isinstance(b, dict):
            continue
        kind = b.get("kind") or b.get("type") or "?"
        if kind == "heading":
            # Printed "label - text"; the structure tree has the label (Lbl)
            # and the text as two elements: "label text" there.
            txt = text_of(b.get("text"), marks)
            label = b.get("label")
            if label:
                out.append(Expected(str(i), "heading", f"{label} - {txt}",
                                    [f"{label} {txt}"], words=f"{label} {txt}"))
            else:
                out.append(Expected(str(i), "heading", txt))
        elif kind in ("paragraph", "recommendation"):
            out.append(Expected(str(i), kind, text_of(b.get("text"), marks)))
        elif kind == "list":
            items(str(i), b.get("items"))
        elif kind in ("table", "figure"):
            # A table's caption and every cell's text, row by row; a
            # figure's caption (its image has no text).
            if b.get("caption"):
                out.append(Expected(f"{i}.caption", "caption", text_of(b["caption"], marks)))
            for r, row in enumerate(b.get("rows") or []):
                for c, cell in enumerate(row or []):
                    t = cell.get("text") if isinstance(cell, dict) else cell
                    out.append(Expected(f"{i}.rows[{r}][{c}]", "cell", text_of(t, marks)))
        elif "text" in b:
            out.append(Expected(str(i), kind, text_of(b.get("text"), marks)))
    # Each note's text, printed at the foot of its page (its label hangs
    # before it, like a paragraph's number).
    for k, (label, note) in enumerate(marks.notes):
        out.append(Expected(f"note[{k}]", "note", text_of(note), [f"{label}{text_of(note)}", f"{label} {text_of(note)}"]))
    return [e for e in out if e.raw.strip()]


# --------------------------------------------------------------------------
# Scoring


def strip_wrappers(text: str) -> tuple[str, int]:
    """Remove an engine's own embedding wrappers: LRE/RLE/LRO/RLO ... PDF
    pairs balanced within one line.  Returns (text, number of pairs)."""
    pairs = 0
    out_lines = []
    for line in text.split("\n"):
        stack, drop = [], set()
        for k, ch in enumerate(line):
            if ch in WRAP_OPEN:
                stack.append(k)
            elif ch == WRAP_CLOSE and stack:
                drop.add(stack.pop())
                drop.add(k)
        pairs += len(drop) // 2
        out_lines.append("".join(ch for k, ch in enumerate(line) if k not in drop) if drop else line)
    return "\n".join(out_lines), pairs


def cut_furniture(text: str, furniture: list[str], norm: "Norm") -> str:
    """Remove the lines that are running header/footer: a line whose text
    (words-normalized) is one of the --furniture strings and that recurs
    (on two lines or more: "running").  Only whole lines: the same string
    inside a block (a symbol quoted in the text, which an engine may put on
    a line of its own) stays."""
    if not furniture:
        return text
    wanted = {norm.words(f) for f in furniture}
    lines = text.split("\n")
    count = collections.Counter(w for w in map(norm.words, lines) if w in wanted)
    running = {w for w, n in count.items() if n >= 2}
    return "\n".join("" if norm.words(line) in running else line for line in lines)


def longest_prefix(needle: str, hay: str) -> int:
    lo, hi = 0, len(needle)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needle[:mid] in hay:
            lo = mid
        else:
            hi = mid - 1
    return lo


def spacing_diff(exp_w: str, hay_w: str, hay_l: str, idx: list[int]):
    """For an expected text found with all spaces removed: compare its
    spacing with the output's.  Returns (split, before_punct, glued,
    segment, examples)."""
    exp_l = exp_w.replace(" ", "")
    at = hay_l.find(exp_l)
    if at < 0 or not exp_l:
        return None
    seg = hay_w[idx[at]: idx[at + len(exp_l) - 1] + 1]
    split = punct = glued = 0
    examples = []
    i = j = 0
    while i < len(exp_w) and j < len(seg):
        e_sp, s_sp = exp_w[i] == " ", seg[j] == " "
        if e_sp and s_sp:
            i += 1
            j += 1
        elif s_sp:
            nxt = seg[j + 1] if j + 1 < len(seg) else ""
            if nxt in PUNCT:
                punct += 1
                kind = "space before punctuation"
            else:
                split += 1
                kind = "space inside a word"
            if len(examples) < 3:
                examples.append(f"{kind}: {seg[max(0, j - 12): j + 12]!r}")
            j += 1
        elif e_sp:
            glued += 1
            if len(examples) < 3:
                examples.append(f"glued: {exp_w[max(0, i - 12): i + 12]!r}")
            i += 1
        else:
            i += 1
            j += 1
    return split, punct, glued, seg, examples


def score(name, text, expected, norm: Norm, src_controls, src_words, furniture, allow_breaks,
          struct=False):
    """All metrics of one engine's output (`struct`: the structure tree's
    forms of a text count too)."""
    tatweels = text.count(TATWEEL)
    unwrapped, wrappers = strip_wrappers(text)
    cut = cut_furniture(unwrapped, furniture, norm)
    hay = {m: norm.get(m)(cut) for m in METRICS}
    loose_with_furniture = norm.loose(unwrapped)
    hay_l = hay["words"].replace(" ", "")
    idx = [k for k, ch in enumerate(hay["words"]) if ch != " "]
    found = {m: 0 for m in METRICS}
    missing, interleaved, allowed = [], [], []
    spacing = {"split": 0, "punct": 0, "glued": 0}
    for e in expected:
        forms = [e.raw, *e.alts] if struct else [e.raw]
        exp = {m: norm.get(m)(e.raw) for m in METRICS}
        hit = {m: any(norm.get(m)(f) in hay[m] for f in forms) for m in METRICS}
        if hit["loose"] and furniture and not any(norm.loose(f) in loose_with_furniture for f in forms):
            if allow_breaks:
                allowed.append(e.index)
            else:
                interleaved.append(e.index)
                hit["loose"] = False
        for m in METRICS:
            found[m] += hit[m]
        if hit["words"] and hit["strict"]:
            continue
        miss = {"index": e.index, "kind": e.kind, "start": e.raw.strip()[:40],
                "words": hit["words"], "strict": hit["strict"], "loose": hit["loose"]}
        if not hit["words"]:
            d = spacing_diff(exp["words"], hay["words"], hay_l, idx) if hit["loose"] else None
            if d:
                s, p, g, seg, ex = d
                spacing["split"] += s
                spacing["punct"] += p
                spacing["glued"] += g
                miss["diff"] = ex
            else:
                w = exp["words"]
                pre = longest_prefix(w, hay["words"])
                at = hay["words"].find(w[:pre]) if pre else -1
                got = hay["words"][at + pre: at + pre + 30] if at >= 0 else ""
                miss["diff"] = [f"matches {pre}/{len(w)} chars, then expected {w[pre:pre + 30]!r}, got {got!r}"]
        else:  # words found, strict not: controls inside the text
            w = exp["strict"]
            pre = longest_prefix(w, hay["strict"])
            at = hay["strict"].find(w[:pre]) if pre else -1
            got = hay["strict"][at + pre: at + pre + 12] if at >= 0 else ""
            miss["diff"] = [f"controls: expected {w[pre:pre + 12]!r}, got {got!r}"]
        missing.append(miss)
    # Word recall: multiset intersection of words (controls removed).
    out_words = collections.Counter(hay["words"].split(" "))
    inter = sum(min(c, out_words.get(w, 0)) for w, c in src_words.items())
    total_words = sum(src_words.values())
    # Controls the model does not have.
    counts = collections.Counter(ch for ch in unwrapped if ch in norm.controls)
    added = {CONTROL_NAMES.get(c, hex(ord(c))): n - src_controls.get(c, 0)
             for c, n in counts.items() if n > src_controls.get(c, 0)}
    chars = len(hay["loose"])
    n_added = sum(added.values())
    return {
        "name": name, "error": None, "total": len(expected),
        "found": found, "percent": {m: pct(found[m], len(expected)) for m in METRICS},
        "recall": inter / total_words if total_words else 1.0,
        "added_controls": n_added, "added_by_kind": dict(sorted(added.items())),
        "added_per_1000": 1000.0 * n_added / chars if chars else 0.0,
        "wrappers": wrappers, "split_words": spacing["split"],
        "space_before_punct": spacing["punct"], "glued": spacing["glued"],
        "tatweels": tatweels, "interleaved": interleaved, "interleaved_allowed": allowed,
        "missing": missing, "chars": chars,
    }


def pct(n, total):
    return 100.0 * n / total if total else 100.0


def score_struct_eq(root: StructNode, expected, norm: Norm):
    """Each expected text must equal the text of one structure element
    (a heading may equal its text, or label and text).  Labels count."""
    pools = {m: collections.Counter() for m in METRICS}
    for n in root.walk():
        if n.type not in BLOCK_TYPES:
            continue
        # Marked contents joined as they are (pieces of one text); block
        # children (a heading's Lbl) also set apart by a line break.
        variants = {n.text(), n.text(sep="\n"), n.text(skip=frozenset({"L", "Lbl", "Artifact"}))}
        for m in METRICS:
            for v in {norm.get(m)(v) for v in variants}:
                if v:
                    pools[m][v] += 1
    found = {m: 0 for m in METRICS}
    missing = []
    for e in expected:
        hit = {}
        for m in METRICS:
            f = norm.get(m)
            key = next((k for k in [f(e.raw), *map(f, e.alts)] if pools[m][k] > 0), None)
            if key is not None:
                pools[m][key] -= 1
            hit[m] = key is not None
            found[m] += hit[m]
        if not (hit["words"] and hit["strict"]):
            missing.append({"index": e.index, "kind": e.kind, "start": e.raw.strip()[:40],
                            "words": hit["words"], "strict": hit["strict"], "loose": hit["loose"],
                            "diff": ["no structure element has exactly this text"]})
    return {
        "name": "pdfinfo-struct-eq", "error": None, "total": len(expected), "found": found,
        "percent": {m: pct(found[m], len(expected)) for m in METRICS},
        "recall": None, "added_controls": None, "added_by_kind": {}, "added_per_1000": None,
        "wrappers": None, "split_words": None, "space_before_punct": None, "glued": None,
        "tatweels": 0, "interleaved": [], "interleaved_allowed": [], "missing": missing, "chars": None,
    }


def failed_result(name, total, err):
    return {
        "name": name, "error": err, "total": total, "found": {m: 0 for m in METRICS},
        "percent": {m: 0.0 for m in METRICS}, "recall": 0.0, "added_controls": None,
        "added_by_kind": {}, "added_per_1000": None, "wrappers": None, "split_words": None,
        "space_before_punct": None, "glued": None, "tatweels": 0, "interleaved": [],
        "interleaved_allowed": [], "missing": [], "chars": None,
    }


# --------------------------------------------------------------------------
# /ActualText


def actualtext_audit(pdf: str, norm: "Norm", src_controls) -> dict:
    """Controls in /ActualText that the model never has."""
    try:
        texts = actualtext_strings(pdf)
    except Exception as e:  # noqa: BLE001
        return {"error": f"{type(e).__name__}: {e}", "strings": 0, "added": None, "by_kind": {}}
    counts = collections.Counter(ch for t in texts for ch in t if ch in norm.controls)
    added = {CONTROL_NAMES.get(c, hex(ord(c))): n for c, n in counts.items() if not src_controls.get(c)}
    return {"error": None, "strings": len(texts), "added": sum(added.values()),
            "by_kind": dict(sorted(added.items()))}


# --------------------------------------------------------------------------
# Search


def search(pdf: str, phrases, norm: Norm):
    """Each phrase through PDFium's text search and PDF.js's page text."""
    results = []
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(pdf)
        tps = [doc[i].get_textpage() for i in range(len(doc))]
        pdfium_err = None
    except Exception as e:  # noqa: BLE001
        tps, pdfium_err = [], f"{type(e).__name__}: {e}"
    try:
        js_pages = [norm.words(p) for p in ex_pdfjs(pdf)]
        js_err = None
    except Exception as e:  # noqa: BLE001
        js_pages, js_err = [], f"{type(e).__name__}: {e}"
    for ph in phrases:
        phrase, page = ph["phrase"], int(ph["page"])
        r = {"phrase": phrase, "page": page, "note": ph.get("note", "")}
        if pdfium_err:
            r["pdfium"] = [pdfium_err]
        else:
            pages = []
            for n, tp in enumerate(tps, 1):
                s = tp.search(phrase, match_case=False, match_whole_word=False)
                if s.get_next() is not None:
                    pages.append(n)
                s.close()
            r["pdfium"] = pages
        if js_err:
            r["pdfjs"] = [js_err]
        else:
            w = norm.words(phrase)
            r["pdfjs"] = [n for n, t in enumerate(js_pages, 1) if w in t]
        results.append(r)
    return results


# --------------------------------------------------------------------------
# Self-test of the instrument (tests/pdf_matrix.rs runs it)


def self_test() -> list[str]:
    """Known inputs, known measures; returns the failed checks."""
    fails = []

    def expect(what, got, want):
        if got != want:
            fails.append(f"{what}: got {got!r}, want {want!r}")

    norm = Norm(BIDI_CONTROLS | JOINERS)
    expect("words: controls out, spaces collapsed", norm.words(" ا\u200fب \n\t ج "), "اب ج")
    expect("strict: controls kept", norm.strict("ا\u200fب  ج"), "ا\u200fب ج")
    expect("loose", norm.loose("ا ب\u200e ج"), "ابج")
    expect("wrappers: balanced pairs in a line", strip_wrappers("\u202bاب \u202a١\u202c\u202c\n\u202a"),
           ("اب ١\n\u202a", 2))
    text = "CTOC/1\nالوثيقة\nCTOC/1\nنص\nV.1\n"
    expect("furniture: recurring whole lines only",
           cut_furniture(text, ["CTOC/1", "V.1"], norm), "\nالوثيقة\n\nنص\nV.1\n")
    exp = [Expected("0", "paragraph", "قرر الفريق العامل، في جلسته"),
           Expected("1", "paragraph", "ثم اختتم")]
    src = collections.Counter(w for e in exp for w in norm.words(e.source).split())
    r = score("t", "قرر الفر يق العامل ، في\nجلسته\u200f ثماختتم", exp, norm, collections.Counter(),
              src, [], False)
    expect("score: words found", r["found"]["words"], 0)
    expect("score: loose found", r["found"]["loose"], 2)
    expect("score: space inside a word", r["split_words"], 1)
    expect("score: space before punctuation", r["space_before_punct"], 1)
    expect("score: glued", r["glued"], 1)
    expect("score: added controls", r["added_by_kind"], {"RLM": 1})
    expect("score: recall", round(r["recall"], 3), round(3 / 7, 3))
    root = parse_struct_text('Document\n  H1 (block)\n    Lbl (block)\n      "أولاً"\n'
                             '    Span (inline)\n      "مقدِّمة"\n  P (block)\n      "نص"\n')
    expect("struct: document text", norm.words(root.text(sep="\n")), "أولاً مقدِّمة نص")
    h = Expected("0", "heading", "أولاً - مقدِّمة", ["أولاً مقدِّمة"])
    expect("struct-eq: a heading as Lbl + text", score_struct_eq(root, [h], norm)["found"]["strict"], 1)
    return fails


# --------------------------------------------------------------------------
# Command line


def parse_thresholds(values, flag):
    out = {}
    for v in values:
        for part in v.split(","):
            part = part.strip()
            if not part:
                continue
            if "=" not in part:
                raise ValueError(f"{flag} wants NAME=NUMBER, got {part!r}")
            k, p = part.split("=", 1)
            k = k.strip()
            if k != "all" and k not in EXTRACTORS:
                raise ValueError(f"{flag}: unknown extractor {k!r} (one of: all, {', '.join(EXTRACTORS)})")
            out[k] = float(p)
    if "all" in out:
        a = out.pop("all")
        for k in EXTRACTORS:
            out.setdefault(k, a)
    return out


def parse_min(values):  # the old interface
    return parse_thresholds(values, "--min")


def check(r, th, metric):
    """Threshold failures of one result."""
    name, fails = r["name"], []
    err = f" ({r['error'].splitlines()[0]})" if r["error"] else ""

    def at_least(value, key, what, fmt):
        m = th[key].get(name)
        if m is not None and (value is None or value + 1e-9 < m):
            shown = "n/a" if value is None else format(value, fmt)
            fails.append(f"{name}: {what} {shown} < {m:{fmt}}{err}")

    def at_most(value, key, what):
        m = th[key].get(name)
        if m is not None and value is not None and value > m:
            fails.append(f"{name}: {what} {value} > {m:g}")
        elif m is not None and value is None and r["error"]:
            fails.append(f"{name}: {what} unknown{err}")

    at_least(r["percent"][metric], "min", f"{metric} %", ".1f")
    at_least(r["percent"]["strict"], "min_strict", "strict %", ".1f")
    if r["name"] != "pdfinfo-struct-eq":
        at_least(r["recall"], "min_recall", "word recall", ".3f")
        at_most(r["added_controls"], "max_added_controls", "added controls")
        at_most(r["split_words"], "max_split_words", "spaces inside words")
        at_most(r["space_before_punct"], "max_space_before_punct", "spaces before punctuation")
    return fails


def fmt_num(v, spec):
    return "–" if v is None else format(v, spec)


def markdown_table(results) -> list[str]:
    rows = ["| engine | words % | strict % | loose % | word recall | added controls /1000 | "
            "split words | space before punct | glued | wrappers |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if r["error"]:
            rows.append(f"| {r['name']} | ERROR | | | | | | | | |")
            continue
        kinds = ", ".join(f"{n} {k}" for k, n in r["added_by_kind"].items())
        ctl = fmt_num(r["added_per_1000"], ".1f") + (f" ({kinds})" if kinds else "")
        rows.append(
            f"| {r['name']} | {r['percent']['words']:.1f} | {r['percent']['strict']:.1f} | "
            f"{r['percent']['loose']:.1f} | {fmt_num(r['recall'], '.3f')} | {ctl} | "
            f"{fmt_num(r['split_words'], 'd')} | {fmt_num(r['space_before_punct'], 'd')} | "
            f"{fmt_num(r['glued'], 'd')} | {fmt_num(r['wrappers'], 'd')} |")
    return rows


def main(argv=None) -> int:
    if argv is None and sys.argv[1:] == ["--self-test"]:
        fails = self_test()
        for f in fails:
            print(f"self-test: {f}")
        print("self-test: FAIL" if fails else "self-test: OK")
        return 1 if fails else 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", help="document model JSON")
    ap.add_argument("pdf", help="PDF to check")
    ap.add_argument("--metric", choices=METRICS, default="loose",
                    help="the metric --min applies to (default loose, the old measure)")
    ap.add_argument("--min", action="append", default=[], metavar="NAME=PCT",
                    help="minimum %% of texts found (--metric) for an engine (repeatable)")
    ap.add_argument("--min-strict", action="append", default=[], metavar="NAME=PCT")
    ap.add_argument("--min-recall", action="append", default=[], metavar="NAME=R",
                    help="minimum word recall (0..1)")
    ap.add_argument("--max-added-controls", action="append", default=[], metavar="NAME=N",
                    help="maximum number of controls the model does not have")
    ap.add_argument("--max-actualtext-controls", type=int, metavar="N",
                    help="maximum number of controls in /ActualText strings the model never has")
    ap.add_argument("--max-split-words", action="append", default=[], metavar="NAME=N")
    ap.add_argument("--max-space-before-punct", action="append", default=[], metavar="NAME=N")
    ap.add_argument("--furniture", action="append", default=[], metavar="STRING",
                    help="running header/footer text, cut out of the output; it must not "
                         "interrupt a block (repeatable)")
    ap.add_argument("--model-furniture", action="store_true",
                    help="the model's `symbol` and `job_number` are --furniture too")
    ap.add_argument("--allow-furniture-breaks", action="store_true",
                    help="for the page-order engines, count a block found once the --furniture "
                         "strings are cut out as found (a paragraph crossing a page break)")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="run only these engines (repeatable)")
    ap.add_argument("--min-search", metavar="NAME=N", action="append", default=[],
                    help="with --search: phrases pdfium or pdfjs must find on their page "
                         "(default: all)")
    ap.add_argument("--search", metavar="PHRASES.json",
                    help="check that each phrase is found on its page (PDFium search, PDF.js text)")
    ap.add_argument("--details", action="store_true", help="per-text failures with a short diff")
    ap.add_argument("--quiet", action="store_true", help="(accepted; the default is quiet)")
    ap.add_argument("--json", action="store_true", help="print a JSON report instead of the table")
    args = ap.parse_args(argv)
    try:
        args.min_search = {k: int(v) for item in args.min_search
                           for k, v in (kv.split("=", 1) for kv in item.split(","))}
    except ValueError:
        print("check_text_layer: --min-search takes NAME=N", file=sys.stderr)
        return 2

    try:
        th = {
            "min": parse_thresholds(args.min, "--min"),
            "min_strict": parse_thresholds(args.min_strict, "--min-strict"),
            "min_recall": parse_thresholds(args.min_recall, "--min-recall"),
            "max_added_controls": parse_thresholds(args.max_added_controls, "--max-added-controls"),
            "max_split_words": parse_thresholds(args.max_split_words, "--max-split-words"),
            "max_space_before_punct": parse_thresholds(args.max_space_before_punct,
                                                       "--max-space-before-punct"),
        }
        for k in args.only:
            if k not in EXTRACTORS:
                raise ValueError(f"--only: unknown extractor {k!r}")
        with open(args.model, encoding="utf-8") as f:
            model = json.load(f)
        expected = expected_texts(model)
        phrases = None
        if args.search:
            with open(args.search, encoding="utf-8") as f:
                phrases = json.load(f)
            if isinstance(phrases, dict):
                phrases = phrases.get("phrases", [])
    except Exception as e:  # noqa: BLE001
        print(f"check_text_layer: {e}", file=sys.stderr)
        return 2
    if not os.path.isfile(args.pdf):
        print(f"check_text_layer: no such file: {args.pdf}", file=sys.stderr)
        return 2

    source = "".join(e.source for e in expected)
    controls = BIDI_CONTROLS | frozenset(j for j in JOINERS if j not in source)
    norm = Norm(controls)
    src_controls = collections.Counter(ch for ch in source if ch in controls)
    src_words = collections.Counter(w for e in expected for w in norm.words(e.source).split(" ") if w)
    if args.model_furniture and isinstance(model, dict):
        args.furniture += [str(model[k]) for k in ("symbol", "job_number") if model.get(k)]
    furniture = [unicodedata.normalize("NFC", f) for f in args.furniture if f]
    wanted = set(args.only) if args.only else set(EXTRACTORS)

    results, struct_root, struct_err = [], None, None
    for name in EXTRACTORS:
        need_struct = name == "pdfinfo-struct" and "pdfinfo-struct-eq" in wanted
        if name not in wanted and not need_struct:
            continue
        if name == "pdfinfo-struct-eq":
            results.append(score_struct_eq(struct_root, expected, norm) if struct_root is not None
                           else failed_result(name, len(expected), struct_err or "pdfinfo-struct failed"))
            continue
        try:
            out = FUNCS[name](args.pdf)
            if name == "pdfinfo-struct":
                out, struct_root = out
            if isinstance(out, list):
                out = "\n".join(out)
            r = score(name, out, expected, norm, src_controls, src_words, furniture,
                      allow_breaks=args.allow_furniture_breaks and name != "pdfinfo-struct",
                      struct=name == "pdfinfo-struct")
        except BaseException as e:  # noqa: BLE001 - an engine crash is a 0 score
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

    model_tatweels = source.count(TATWEEL)
    failures = []
    for r in results:
        failures += check(r, th, args.metric)
        if r["tatweels"] > model_tatweels:
            failures.append(f"{r['name']}: {r['tatweels']} U+0640 TATWEEL in the text layer"
                            + (f" (the model itself has {model_tatweels})" if model_tatweels else ""))
        if r["interleaved"]:
            failures.append(f"{r['name']}: furniture inside block(s) {', '.join(r['interleaved'])}")
    actual = actualtext_audit(args.pdf, norm, src_controls)
    if args.max_actualtext_controls is not None:
        if actual["error"]:
            failures.append(f"/ActualText: could not read: {actual['error']}")
        elif actual["added"] > args.max_actualtext_controls:
            failures.append(f"/ActualText: {actual['added']} controls the model lacks "
                            f"({actual['by_kind']}) > {args.max_actualtext_controls}")
    searched = search(args.pdf, phrases, norm) if phrases is not None else None
    for eng in ("pdfium", "pdfjs"):
        missed = [s for s in searched or [] if s["page"] not in s[eng]]
        need = args.min_search.get(eng, len(searched or []))
        if len(searched or []) - len(missed) < need:
            for s in missed:
                failures.append(f"search {eng}: {s['phrase']!r} not found on page {s['page']} "
                                f"(found on {s[eng] or 'no page'})")

    if args.json:
        print(json.dumps({
            "pdf": args.pdf, "model": args.model, "expected": len(expected),
            "furniture": args.furniture, "model_tatweels": model_tatweels, "results": results,
            "actualtext": actual, "search": searched, "failures": failures, "ok": not failures,
        }, ensure_ascii=False, indent=2))
        return 1 if failures else 0

    print(f"{args.pdf}: {len(expected)} expected texts from {args.model}\n")
    print("\n".join(markdown_table(results)))
    if actual["error"]:
        print(f"\n/ActualText: could not read ({actual['error']})")
    else:
        kinds = ", ".join(f"{n} {k}" for k, n in actual["by_kind"].items())
        print(f"\n/ActualText: {actual['strings']} strings, {actual['added']} controls the model lacks"
              + (f" ({kinds})" if kinds else ""))
    if searched is not None:
        ok = {e: sum(s["page"] in s[e] for s in searched) for e in ("pdfium", "pdfjs")}
        print(f"\nsearch: {len(searched)} phrases; on the right page: "
              f"pdfium {ok['pdfium']}/{len(searched)}, pdfjs {ok['pdfjs']}/{len(searched)}")
    if args.details:
        for r in results:
            if r["error"]:
                print(f"\n[{r['name']}] ERROR: {r['error']}")
                continue
            if r["interleaved_allowed"]:
                print(f"\n[{r['name']}] found only with furniture cut out (allowed): "
                      + ", ".join(r["interleaved_allowed"]))
            if not r["missing"]:
                continue
            print(f"\n[{r['name']}] {len(r['missing'])} texts not found (words or strict):")
            for m in r["missing"][:40]:
                flags = "".join(k[0] if m[k] else "-" for k in ("loose", "words", "strict"))
                print(f"  #{m['index']:<16} {m['kind']:<14} [{flags}] {m['start']!r}")
                for d in m.get("diff", []):
                    print(f"  {'':<16} {d}")
            if len(r["missing"]) > 40:
                print(f"  ... and {len(r['missing']) - 40} more")
        for s in searched or []:
            if s["page"] not in s["pdfium"] or s["page"] not in s["pdfjs"]:
                print(f"\nsearch {s['phrase']!r} (page {s['page']}): "
                      f"pdfium {s['pdfium']}, pdfjs {s['pdfjs']}")
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
