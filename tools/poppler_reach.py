#!/usr/bin/env python3
"""Which texts of a document pdftotext can give back.

Usage:
    poppler_reach.py MODEL.json [MODEL.json ...] [--pdf OUT.pdf] [--details] [--json]

poppler's `pdftotext` (and the text selection and search of Evince and
Okular) rebuilds the reading order of a right-to-left line with its own rule,
`reorderText` in poppler/TextOutputDev.cc (22.12, the same since xpdf 3):

  - it takes the line's characters in the order of their positions, left to
    right, with one space for each gap it sees between words (the space
    characters of the content stream only end words);
  - on a page it reads as right to left (more R than L characters on it),
    it walks that string from the right end: a "right-to-left section" is
    written reversed, up to the next L or number character; a "left-to-right
    section" is then written as it stands, up to the next R character; and
    so on;
  - its "number" class (`UnicodeTypeTable.cc`) holds the digits and, among
    others, `, . : / - + % # $ ، ٪ ٫ ٬` and the no-break space (measured
    here: `كلمة X كلمة` reads `كلمة  Xكلمة` for each of those and `كلمة X كلمة`
    for `; ( ) " ! ? ؛ ؟ « » – — …`).

Whatever the text layer holds, then, every left-to-right section it writes
ends on an L or number character and is followed by an R character or the
line's end: on a right-to-left page, no output of it holds a digit, an
Arabic comma or a full stop followed by a space and an Arabic letter in one
line (`الأطراف، وفقا` comes out `الأطراف ،وفقا`, `الفقرة ١ من` as
`الفقرة  ١من`). And from a text layer in the visual order of the Unicode
Bidirectional Algorithm (the order PDF.js and PDFium read back) a section's
neutrals and digit groups come out in the order they are drawn: `٢٠١٣-٢٠٢٠`,
drawn with 2020 on the left, comes out `٢٠٢٠-٢٠١٣`, and no bracket is
mirrored.

This tool lays each expected text out as one line in that visual order
(GNU FriBidi, `fribidi --vtol`), runs poppler's rule on it with the
document's direction, and counts the texts that come back: pdftotext's
reach from such a text layer. A line break in the right place can save a
text (a comma at a line's end), and so can a text layer that departs from
visual order (warraq writes digit groups `١ ٢٠٣` in the order viewers read
back). With --pdf it also runs pdftotext on the PDF and lists the texts
within reach that it missed (those are warraq's to mend) and those it found
beyond it.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import unicodedata

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_text_layer as ctl  # noqa: E402

# poppler's UnicodeTypeTable classes where they differ from the bidi class.
# Its "#" (number) class beyond the decimal digits: measured with pdftotext
# 22.12 (`كلمة X كلمة` reads `كلمة  Xكلمة`) for each of the 2,839 symbols,
# punctuation and numbers (bidi ES, ET, CS, AN, EN, ON, S, WS; no format or
# combining character) below U+3000 and in U+FE50-FF65 that a font here
# draws; 135 of them are in the class. Added from the table itself: the no-break
# space, U+0604-0605 and the marks U+0659-065F.
POPPLER_NUMBER = frozenset(
    chr(int(code, 16))
    for code in """
    0023 0024 0025 002B 002C 002D 002E 002F 003A 00A2 00A3 00A4 00A5 00B0 00B1 00B2 00B3 00B9
    0606 0607 0609 060A 060C 066A 066B 066C 09F2 09F3 0AF1 0BF9 0C78 0C79 0C7A 0C7B 0C7C 0C7D
    0C7E 0E3F 1390 1391 1392 1393 1394 1395 1396 1397 1398 1399 1400 17DB 2030 2031 2032 2033
    2034 2044 2070 2074 2075 2076 2077 2078 2079 207A 207B 2080 2081 2082 2083 2084 2085 2086
    2087 2088 2089 208A 208B 20A0 20A1 20A2 20A3 20A4 20A5 20A6 20A7 20A8 20A9 20AA 20AB 20AC
    20AD 20AE 20AF 20B0 20B1 212E 2212 2213 2488 2489 248A 248B 248C 248D 248E 248F 2490 2491
    2492 2493 2494 2495 2496 2497 2498 2499 249A 249B FE50 FE52 FE55 FE5F FE62 FE63 FE69 FE6A
    FF03 FF04 FF05 FF0B FF0C FF0D FF0E FF0F FF1A
    00A0 0604 0605 0659 065A 065B 065C 065D 065E 065F
    """.split()
)
POPPLER_R = frozenset(
    [chr(c) for c in range(0x0600, 0x0604)] + [chr(c) for c in range(0x0616, 0x061B)]
    + ["\u06dd", "\u202b", "\u202e"]
)
POPPLER_L = frozenset(["\u202a", "\u202d"])
RTL_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "ug", "sd", "he", "yi", "dv"})


def poppler_type(ch: str) -> str:
    """poppler's class of a character: "L", "R", "#" (number) or " "."""
    if ch in POPPLER_NUMBER or unicodedata.category(ch) == "Nd":
        return "#"
    if ch in POPPLER_R:
        return "R"
    if ch in POPPLER_L:
        return "L"
    bidi = unicodedata.bidirectional(ch)
    if bidi == "L":
        return "L"
    if bidi in ("R", "AL"):
        return "R"
    return " "


def poppler_reorder(visual: str, primary_lr: bool) -> str:
    """`reorderText` of poppler 22.12 on a line in visual order (wrappers left out)."""
    kinds = [poppler_type(ch) for ch in visual]
    out: list[str] = []
    n = len(visual)
    if primary_lr:
        i = 0
        while i < n:
            j = i
            while j < n and kinds[j] != "R":
                j += 1
            out.extend(visual[i:j])
            i = j
            while j < n and kinds[j] not in ("L", "#"):
                j += 1
            out.extend(reversed(visual[i:j]))
            i = j
        return "".join(out)
    i = n - 1
    while i >= 0:
        j = i
        while j >= 0 and kinds[j] not in ("L", "#"):
            j -= 1
        out.extend(reversed(visual[j + 1 : i + 1]))
        i = j
        while j >= 0 and kinds[j] != "R":
            j -= 1
        out.extend(visual[j + 1 : i + 1])
        i = j
    return "".join(out)


def primary_lr(texts: list[str]) -> bool:
    """poppler's direction of a page (here: of the whole document's texts):
    left to right unless R characters outnumber L ones."""
    count = 0
    for ch in "".join(texts):
        kind = poppler_type(ch)
        count += kind == "L"
        count -= kind == "R"
    return count >= 0


def uba_visual(texts: list[str], rtl: bool) -> list[str]:
    """Each text in the visual order of GNU FriBidi, as one line, unmirrored."""
    one_line = [t.replace("\n", " ") for t in texts]
    proc = subprocess.run(
        ["fribidi", "--nobreak", "--novisual", "--vtol", "--rtl" if rtl else "--ltr"],
        input="\n".join(one_line) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    maps = proc.stdout.splitlines()
    if len(maps) != len(one_line):
        raise SystemExit(f"fribidi gave {len(maps)} maps for {len(one_line)} texts")
    out = []
    for text, line in zip(one_line, maps):
        order = [int(k) for k in line.split()]
        if sorted(order) != list(range(len(text))):
            raise SystemExit(f"fribidi's map does not fit {text!r}")
        out.append(marks_before_bases("".join(text[k] for k in order)))
    return out


def marks_before_bases(visual: str) -> str:
    """Undo FriBidi's rule L3 (marks after their right-to-left base in visual order).

    Before rule L3, UBA's visual order has a right-to-left letter's marks
    left of it, the order in which warraq writes them and in which poppler
    takes them (it types the Arabic vowel marks as neutral): a right-to-left
    section reversed then gives `بَ` back."""
    out: list[str] = []
    i = 0
    while i < len(visual):
        j = i + 1
        while j < len(visual) and unicodedata.category(visual[j]) == "Mn":
            j += 1
        if j > i + 1 and poppler_type(visual[i]) == "R":
            out.extend(visual[i + 1 : j])
            out.append(visual[i])
        else:
            out.extend(visual[i:j])
        i = j
    return "".join(out)


def reach(model: dict) -> list[tuple[object, bool]]:
    """Each expected text of the model, and whether poppler's rule gives it back."""
    norm = ctl.Norm(ctl.BIDI_CONTROLS)
    expected = ctl.expected_texts(model)
    lang = (model.get("lang") or "ar").split("-")[0].lower()
    visual = uba_visual([e.raw for e in expected], lang in RTL_LANGS)
    ltr = primary_lr([e.raw for e in expected])
    out = []
    for e, line in zip(expected, visual):
        back = poppler_reorder(line, ltr)
        out.append((e, norm.words(back) == norm.words(e.raw)))
    return out


def pdftotext_missed(model_path: str, pdf: str) -> set[str]:
    """The expected texts (their index) that pdftotext does not give back from PDF."""
    proc = subprocess.run(
        [sys.executable, str(pathlib.Path(__file__).with_name("check_text_layer.py")),
         model_path, pdf, "--model-furniture", "--metric", "words",
         "--only", "pdftotext", "--json"],
        capture_output=True,
        text=True,
    )
    results = json.loads(proc.stdout)["results"][0]
    return {m["index"] for m in results["missing"] if not m["words"]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="+", help="document model JSON")
    ap.add_argument("--pdf", help="the PDF of the (single) model: list what pdftotext misses")
    ap.add_argument("--details", action="store_true", help="list the texts out of reach")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.pdf and len(args.models) != 1:
        ap.error("--pdf takes one model")
    report = []
    for path in args.models:
        rows = reach(json.loads(pathlib.Path(path).read_text(encoding="utf-8")))
        within = [e.index for e, ok in rows if ok]
        entry = {"model": path, "texts": len(rows), "within_reach": len(within),
                 "percent": round(100.0 * len(within) / max(len(rows), 1), 1),
                 "out_of_reach": [e.index for e, ok in rows if not ok]}
        if args.pdf:
            missed = pdftotext_missed(path, args.pdf)
            entry["missed_within_reach"] = [i for i in within if i in missed]
            entry["found_out_of_reach"] = [
                i for i in entry["out_of_reach"] if i not in missed]
        report.append((entry, rows))
    if args.json:
        print(json.dumps([entry for entry, _ in report], ensure_ascii=False, indent=1))
        return 0
    for entry, rows in report:
        print(f"{entry['model']}: {entry['within_reach']}/{entry['texts']} texts within "
              f"pdftotext's reach ({entry['percent']} %)")
        if args.details:
            for e, ok in rows:
                if not ok:
                    print(f"  out of reach  {e.index:<16} {e.raw[:60]!r}")
        for key in ("missed_within_reach", "found_out_of_reach"):
            if key in entry:
                print(f"  {key.replace('_', ' ')}: {len(entry[key])} {entry[key][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
