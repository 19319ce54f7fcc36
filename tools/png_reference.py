#!/usr/bin/env python3
"""PNG reference pages (issue 16): typographically hard pages rendered to PNG
and compared with the references kept in tests/fixtures/png/.

Usage:
    tools/png_reference.py CASES.json [--update] [--out DIR]

CASES.json lists the pages: [{"name": "report-p01", "pdf": "PATH.pdf",
"page": 1}, ...] (paths relative to the repository). Each page is rendered
with poppler's `pdftoppm -r 60 -gray` and compared, pixel by pixel, with
tests/fixtures/png/NAME.png. A pixel differs when its grey level moves by
more than 48 of 255 (anti-aliasing noise stays under that; a moved glyph,
line or kashida does not). On any difference the script writes, into --out
(default target/png-diff), NAME.png (the new rendering) and NAME.diff.png
(the reference in grey with the differing pixels in red, and the bounding box
of the change), prints how many pixels differ and where, and exits 1.

--update writes the new renderings as the references instead (commit them
with the change that moved the pages, after looking at them).

Needs pdftoppm (poppler-utils) and Pillow (in the venv of .ci/setup).
Exit 0: every page matches (or --update); 1: a page differs or has no
reference; 2: bad usage or a tool failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFS = os.path.join(ROOT, "tests", "fixtures", "png")
DPI = 60
# Largest change of a pixel's grey level (0-255) that is still the same page.
TOLERANCE = 48


def render(pdf: str, page: int, out_png: str) -> None:
    base = out_png[: -len(".png")]
    subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page),
         "-singlefile", pdf, base],
        check=True,
    )


def compare(ref, new):
    """(number of differing pixels, their bounding box or None)."""
    from PIL import ImageChops

    if ref.size != new.size:
        return ref.size[0] * ref.size[1], (0, 0) + ref.size
    diff = ImageChops.difference(ref, new).point(lambda v: 255 if v > TOLERANCE else 0)
    box = diff.getbbox()
    count = sum(1 for v in diff.getdata() if v)
    return count, box


def diff_image(ref, new, box, path):
    from PIL import Image, ImageChops, ImageDraw

    base = ref.convert("RGB").point(lambda v: 160 + v * 95 // 255)
    if ref.size == new.size:
        mask = ImageChops.difference(ref, new).point(lambda v: 255 if v > TOLERANCE else 0)
        red = Image.new("RGB", ref.size, (220, 0, 0))
        base.paste(red, mask=mask)
    if box:
        ImageDraw.Draw(base).rectangle(box, outline=(0, 0, 255))
    base.save(path)


def main() -> int:
    args = sys.argv[1:]
    update = "--update" in args
    out_dir = os.path.join(ROOT, "target", "png-diff")
    if "--out" in args:
        out_dir = args[args.index("--out") + 1]
    rest = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--out")]
    if len(rest) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        from PIL import Image
    except ImportError:
        print("Pillow is missing (python3 -m pip install pillow)", file=sys.stderr)
        return 2
    with open(rest[0], encoding="utf-8") as f:
        cases = json.load(f)
    os.makedirs(REFS, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            name, page = case["name"], int(case["page"])
            pdf = os.path.join(ROOT, case["pdf"]) if not os.path.isabs(case["pdf"]) else case["pdf"]
            new_png = os.path.join(tmp, name + ".png")
            try:
                render(pdf, page, new_png)
            except (OSError, subprocess.CalledProcessError) as e:
                print(f"{name}: pdftoppm failed on {pdf} page {page}: {e}", file=sys.stderr)
                return 2
            ref_png = os.path.join(REFS, name + ".png")
            if update:
                Image.open(new_png).save(ref_png, optimize=True)
                print(f"{name}: reference written ({os.path.relpath(ref_png, ROOT)})")
                continue
            if not os.path.exists(ref_png):
                print(f"{name}: no reference {os.path.relpath(ref_png, ROOT)} (run with --update)")
                failed += 1
                continue
            ref = Image.open(ref_png).convert("L")
            new = Image.open(new_png).convert("L")
            count, box = compare(ref, new)
            if count == 0:
                print(f"{name}: same as the reference")
                continue
            failed += 1
            os.makedirs(out_dir, exist_ok=True)
            new.save(os.path.join(out_dir, name + ".png"))
            diff_path = os.path.join(out_dir, name + ".diff.png")
            diff_image(ref, new, box, diff_path)
            print(
                f"{name}: {count} pixels differ (grey level by more than {TOLERANCE}) in the box "
                f"{box} of a {ref.size[0]}x{ref.size[1]} page; new rendering and difference image "
                f"in {os.path.relpath(out_dir, ROOT) if out_dir.startswith(ROOT) else out_dir}/"
                f"{name}.png and {name}.diff.png"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
