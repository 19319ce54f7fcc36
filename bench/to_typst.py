#!/usr/bin/env python3
"""Writes a Typst source with the same content and layout intent as warraq's
rendering of a document model (JSON), for bench/compare.sh.

usage: to_typst.py REPORT.json [--repeat N] > report.typ
"""
import argparse
import json
import sys

AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def lit(s):
    """A Typst string literal placed as text: #"..."."""
    return '#"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def text(t):
    if isinstance(t, str):
        return lit(t)
    out = []
    for span in t:
        if "note" in span:
            out.append(f"#footnote[{text(span['note'])}]")
            continue
        inner = lit(span["text"])
        if span.get("strong"):
            inner = f"#strong[{inner}]"
        if span.get("lang"):
            inner = f'#text(lang: "{span["lang"]}", dir: ltr)[{inner}]'
        out.append(inner)
    return "".join(out)


def hanging(label, body, indent_cm):
    return (f"#grid(columns: ({indent_cm}cm, 1fr), column-gutter: 0pt, "
            f"[{lit(label)}], [{body}])\n")


def items(list_items, depth):
    out = []
    for item in list_items:
        label = item.get("label", "")
        out.append(f"#pad(right: {depth}cm)[" + hanging(label, text(item["text"]), 1).strip() + "]\n")
        out.extend(items(item.get("items", []), depth + 1))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    doc = json.load(open(args.report, encoding="utf-8"))
    out = [
        f'#set document(title: {json.dumps(doc["title"], ensure_ascii=False)})\n',
        '#set page(paper: "a4", margin: 25mm, header: align(left)[#text(size: 10pt)['
        + lit(doc.get("symbol", "")) + ']], footer: context align(left)[#text(size: 10pt)['
        + lit(doc.get("job_number", ""))
        + ' #counter(page).display("1/1", both: true)]])\n',
        '#set text(font: "Amiri", lang: "ar", dir: rtl, size: 12pt)\n',
        "#set par(justify: true, leading: 0.65em)\n",
        f'#align(center)[#text(size: 16pt, weight: "bold")[{lit(doc["title"])}]]\n',
    ]
    if doc.get("subtitle"):
        out.append(f'#align(center)[#text(size: 14pt)[{lit(doc["subtitle"])}]]\n')
    for _ in range(args.repeat):
        for b in doc["blocks"]:
            kind = b["kind"]
            if kind == "heading":
                label = b.get("label")
                head = (lit(label + " - ") if label else "") + text(b["text"])
                out.append("=" * b["level"] + " " + head + "\n")
            elif kind == "paragraph":
                if b.get("number") is not None:
                    out.append(hanging(str(b["number"]).translate(AR_DIGITS) + "-", text(b["text"]), 1))
                else:
                    out.append(f"#pad(right: 1cm)[{text(b['text'])}]\n")
            elif kind == "recommendation":
                n = str(b["number"]).translate(AR_DIGITS)
                out.append(f'#align(center)[#strong[{lit("التوصية " + n)}]]\n')
                out.append(f"#pad(right: 1cm)[{text(b['text'])}]\n")
            elif kind == "list":
                out.extend(items(b["items"], 1))
            out.append("\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
