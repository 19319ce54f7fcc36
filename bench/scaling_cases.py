#!/usr/bin/env python3
"""Writes one of the formerly quadratic inputs of issue 19 (items 5 and 6) at
size factor F:  scaling_cases.py CASE F > case.json   (F may be fractional)

At F = 4 every case is the size the issue measured (a 100,000-item list, 512K
digits, ...); bench/scaling.sh renders F, 2F and 4F. `scaling_cases.py list`
prints the case names. Every case is valid input (within src/limits.rs) and
renders to PDF and EPUB; `numbered1` is meant for `warraq check` (it renders too).
"""
import json
import sys

QUARTER_MB = 256 * 1024


def doc(blocks, **meta):
    d = {"lang": "ar", "title": "حالة اختبار", "date": "2019-09-23"}
    d.update(meta)
    d["blocks"] = blocks
    return d


def para(text):
    return {"kind": "paragraph", "text": text}


def repeat_to(unit, nbytes):
    """`unit` repeated to about `nbytes` bytes of UTF-8 (whole units)."""
    return unit * max(1, nbytes // len(unit.encode("utf-8")))


def list_items(f):
    """A list of 25,000·F items (the issue: 100,000 items, 238 s), at most
    99,999: the list and its items count toward MAX_BLOCKS (100,000)."""
    n = min(int(25_000 * f), 99_999)
    items = [{"label": "(أ)", "text": f"البند {i}"} for i in range(n)]
    return doc([{"kind": "list", "items": items}])


def digits(f):
    """128K·F digits without a space (the issue: 512K, 135 s)."""
    return doc([para("1234567890" * int(12_800 * f))])


def headings(f):
    """25,000·F headings (the issue: 99,999 headings, 103 s)."""
    n = min(int(25_000 * f), 99_999)
    return doc([{"kind": "heading", "level": 1 + i % 2, "text": f"عنوان {i}"} for i in range(n)])


def spans(f):
    """25,000·F spans alternating Arabic and English in one paragraph
    (the issue: 100,000 spans, 71 s)."""
    n = int(25_000 * f)
    out = []
    for i in range(n):
        if i % 2:
            out.append({"text": "word ", "lang": "en"})
        else:
            out.append({"text": "كلمة "})
    return doc([para(out)])


def zwsp(f):
    """A ZWSP after every letter, ¼ MB·F/2 (the issue: ¼ → ½ MB, 4.2 → 18.8 s)."""
    return doc([para(repeat_to("ب\u200b", int(QUARTER_MB * f / 2)))])


def ba_hyphen(f):
    """`ب-` chains, ¼ MB·F/2."""
    return doc([para(repeat_to("ب-", int(QUARTER_MB * f / 2)))])


def comma(f):
    """`، ` repeated, ¼ MB·F/2."""
    return doc([para(repeat_to("، ", int(QUARTER_MB * f / 2)))])


def numbered1(f):
    """5,000·F paragraphs all numbered 1: each repeats, a warning each
    (the issue: 20,000 paragraphs, `check` 62.5 s)."""
    n = int(5_000 * f)
    return doc([{"kind": "paragraph", "number": 1, "text": "نص"} for _ in range(n)])


def symbol(f):
    """A symbol (running header) of ¼ MB·F, a job number (footer) of the same
    size, and ten pages of body (the issue: a 1 MB symbol, 44 MB and 2.5 s a page)."""
    size = min(int(QUARTER_MB * f), 1024 * 1024)
    sym = repeat_to("CTOC/COP/WG.4/2019/6 ", size)[:size].strip()
    job = repeat_to("V.19-09715 ", size)[:size].strip()
    body = [para("نص الفقرة " * 60) for _ in range(30)]
    return doc(body, symbol=sym, job_number=job)


CASES = {
    "list": list_items,
    "digits": digits,
    "headings": headings,
    "spans": spans,
    "zwsp": zwsp,
    "ba_hyphen": ba_hyphen,
    "comma": comma,
    "numbered1": numbered1,
    "symbol": symbol,
}

if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "list":
        print("\n".join(CASES))
        sys.exit(0)
    if len(sys.argv) != 3 or sys.argv[1] not in CASES:
        sys.exit(f"usage: scaling_cases.py {{list|{'|'.join(CASES)}}} FACTOR")
    json.dump(CASES[sys.argv[1]](float(sys.argv[2])), sys.stdout, ensure_ascii=False)
