#!/usr/bin/env python3
"""Which texts of a document pdftotext can give back, from any PDF that shows them right.

Usage:
    poppler_reach.py MODEL.json [MODEL.json ...] [--pdf OUT.pdf] [--details] [--json]

poppler's `pdftotext` (and the text selection and search of Evince and
Okular) rebuilds the reading order of a right-to-left line with its own rule,
`reorderText` in poppler/TextOutputDev.cc (22.12, the same since xpdf 3):

  - it takes the line's characters in visual order, left to right, with one
    space for each gap it sees between words (the space characters of the
    content stream only end words);
  - in a line it reads as right to left (more R than L characters in its
    block), it walks that string from the right end: a "right-to-left
    section" is written reversed, up to the next L or number character; a
    "left-to-right section" is then written as it stands, up to the next R
    character; and so on;
  - its "number" class holds the digits and `, . : / - + % # $ ، ٪ ٫ ٬`
    (measured here: `كلمة X كلمة` reads `كلمة  Xكلمة` for each of them and
    `كلمة X كلمة` for `; ( ) " ! ? ؛ ؟ « » – — …`).

So every left-to-right section it writes ends on an L or number character and
is followed by an R character: no output of it holds a digit, an Arabic comma
or a full stop followed by a space and an Arabic letter (`الأطراف، وفقا` comes
out `الأطراف ،وفقا`, `الفقرة ١ من` as `الفقرة  ١من`), and a section's
neutrals and digit groups come out in the order they are drawn
(`٢٠١٣-٢٠٢٠`, which the Unicode Bidirectional Algorithm draws with 2020 on
the left, comes out `٢٠٢٠-٢٠١٣`; poppler mirrors no bracket either).

This tool lays each expected text out as one line in the visual order of the
Unicode Bidirectional Algorithm (GNU FriBidi, `fribidi --vtol`: the order in
which any PDF that shows the text right draws it, and the order PDF.js and
PDFium read back), runs poppler's rule on it, and counts the texts that come
back.  A text that does not come back cannot be given back by pdftotext from
any PDF that draws it right, whatever its text layer holds, unless a line
break falls in the right place: that is pdftotext's reach.  With --pdf it also
runs pdftotext on the PDF and lists the texts within reach that it missed
(those are warraq's to mend).
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

# poppler's UnicodeTypeTable "#" class beyond the decimal digits.
POPPLER_NUMBER = frozenset(",.:/-+%#$\u060c\u066a\u066b\u066c")
RTL_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "ug", "sd", "he", "yi", "dv"})


def poppler_type(ch: str) -> str:
    """poppler's class of a character: "L", "R", "#" (number) or " "."""
    if ch in POPPLER_NUMBER or unicodedata.category(ch) == "Nd":
        return "#"
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


def primary_lr(text: str) -> bool:
    """poppler's block direction: left to right unless R characters outnumber L ones."""
    count = 0
    for ch in text:
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

    The PDF draws a mark after its letter, over it; poppler joins it to that
    letter's word before the letter in visual order, as UBA's own order has
    it (pdftotext reads `بَ` back from a right-to-left section reversed)."""
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
    out = []
    for e, line in zip(expected, visual):
        back = poppler_reorder(line, primary_lr(e.raw))
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
