#!/usr/bin/env python3
"""Before/after PNG crops of the most stretched lines of two renderings.

For the N paragraphs holding the most stretched justified lines of the
"before" rendering (stretch as `tools/typography.py` measures it, kashida
counted), and for every line of the "after" rendering that was too loose to
fill (spread to the limit, short of the measure), writes one PNG per
paragraph: the paragraph as "before" printed it, a red band, and the same
paragraph (found by its text) as "after" prints it. A red tick marks the
line in question on the left edge.

Usage:
  tools/worst_lines.py BEFORE.json BEFORE.pdf AFTER.json AFTER.pdf OUTDIR [N]
where the .json files are `warraq layout` dumps of the .pdf files' document.
Needs pdftoppm (poppler-utils) and Pillow (the venv of .ci/setup).
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("typography", os.path.join(HERE, "typography.py"))
typography = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(typography)

DPI = 110
SCALE = DPI / 72


def blocks(layout):
    """Lines by block: {block: [(page, line), ...]}."""
    out = {}
    for page in layout["pages"]:
        for line in page["lines"]:
            if line["block"] is not None:
                out.setdefault(line["block"], []).append((page["number"], line))
    return out


def key(lines):
    """A paragraph's text without its spaces: the same in both renderings."""
    return "".join(l["text"] for _, l in lines if l["role"] in ("body", "itembody")).replace(" ", "")


def too_loose(line):
    r = typography.line_stretch(line)
    return not line["justified"] and line["role"] == "body" and r is not None and r > 1.001


def crop(pdf, lines, mark, tmp):
    """The paragraph's lines on its first page, with `mark` ticked."""
    page = lines[0][0]
    out = os.path.join(tmp, f"p{page}-{abs(hash(pdf))}")
    if not os.path.exists(out + ".png"):
        subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(DPI), "-gray",
                        "-png", "-singlefile", pdf, out], check=True)
    im = Image.open(out + ".png")
    ys = [l["y"] for p, l in lines if p == page]
    top, bottom = (min(ys) - 16) * SCALE, (max(ys) + 8) * SCALE
    c = im.crop((int(50 * SCALE), int(top), int(im.width - 50 * SCALE), int(bottom))).convert("RGB")
    draw = ImageDraw.Draw(c)
    for p, l in lines:
        if p == page and l is mark:
            y = (l["y"] - top / SCALE) * SCALE
            draw.rectangle((0, y - 15 * SCALE, 3, y + 5 * SCALE), fill="red")
    return c


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    before_json, before_pdf, after_json, after_pdf, outdir = sys.argv[1:6]
    n = int(sys.argv[6]) if len(sys.argv) > 6 else 4
    with open(before_json, encoding="utf-8") as f:
        before = blocks(json.load(f))
    with open(after_json, encoding="utf-8") as f:
        after = blocks(json.load(f))
    before_by_text = {key(v): k for k, v in before.items()}
    after_by_text = {key(v): k for k, v in after.items()}
    ratios = sorted(((typography.line_stretch(l), b, l) for b, v in before.items()
                     for _, l in v if l["justified"] and typography.line_stretch(l)),
                    key=lambda t: -t[0])
    chosen = []  # (label, before block, before mark, after block, after mark)
    for r, b, line in ratios:
        if len(chosen) >= n:
            break
        if any(c[1] == b for c in chosen):
            continue
        a = after_by_text.get(key(before[b]))
        mark = next((l for _, l in after[a] if too_loose(l)), None) if a is not None else None
        chosen.append((f"{r:.2f}x (before):", b, line, a, mark))
    for a, lines in after.items():
        for _, line in lines:
            b = before_by_text.get(key(lines))
            if too_loose(line) and not any(c[3] == a for c in chosen):
                r = typography.line_stretch(line)
                chosen.append((f"{r:.2f}x (after):", b, None, a, line))
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, b, bmark, a, amark) in enumerate(chosen, 1):
            images = []
            if b is not None:
                images.append(crop(before_pdf, before[b], bmark, tmp))
            if a is not None:
                images.append(crop(after_pdf, after[a], amark, tmp))
            width = max(im.width for im in images)
            height = sum(im.height for im in images) + 8 * (len(images) - 1)
            sheet = Image.new("RGB", (width, height), (200, 0, 0))
            y = 0
            for im in images:
                sheet.paste(im, (0, y))
                y += im.height + 8
            path = os.path.join(outdir, f"worst-{i}.png")
            sheet.save(path, optimize=True)
            pages = [f"before p.{before[b][0][0]}" if b is not None else "",
                     f"after p.{after[a][0][0]}" if a is not None else ""]
            print(path, label, " ".join(p for p in pages if p))


if __name__ == "__main__":
    main()
