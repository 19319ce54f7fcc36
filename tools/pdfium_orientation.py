#!/usr/bin/env python3
"""The direction PDFium guesses for each page's text, as its text page does.

Usage:
    tools/pdfium_orientation.py PDF [PDF ...]

Prints, per PDF, one letter per page: H (horizontal), V (vertical) or U
(unknown). It redoes `CPDF_TextPage::FindTextlineFlowOrientation` (PDFium,
core/fpdftext/cpdf_textpage.cpp) on the page's text objects as pypdfium2
gives them: the share of the text's extent that text objects cover across
and down. On a page it takes for vertical text, PDFium reads each text
object of a single glyph (marks and stretched letters that warraq writes
apart) as a line of its own (README, Known limits). Exit 1 when a page is
not H. Run it after `. tools/env.sh`.
"""

from __future__ import annotations

import sys

import pypdfium2 as pdfium
import pypdfium2.raw as raw


def page_orientation(page) -> str:
    """H, V or U for one page, as PDFium decides it."""
    width, height = int(page.get_width()), int(page.get_height())
    across = [False] * width
    down = [False] * height
    line_height = 0.0
    start_h, end_h, start_v, end_v = width, 0, height, 0
    for obj in page.get_objects(max_depth=0):
        if obj.type != raw.FPDF_PAGEOBJ_TEXT:
            continue
        left, bottom, right, top = obj.get_bounds()
        min_h = int(min(max(left, 0), width))
        max_h = int(min(max(right, 0), width))
        min_v = int(min(max(bottom, 0), height))
        max_v = int(min(max(top, 0), height))
        if min_h >= max_h or min_v >= max_v:
            continue
        for i in range(min_h, max_h):
            across[i] = True
        for i in range(min_v, max_v):
            down[i] = True
        start_h, end_h = min(start_h, min_h), max(end_h, max_h)
        start_v, end_v = min(start_v, min_v), max(end_v, max_v)
        if line_height <= 0:
            line_height = top - bottom
    double = int(2 * line_height)
    if end_v - start_v < double:
        return "H"
    if end_h - start_h < double:
        return "V"
    share_h = sum(across[start_h:end_h]) / max(1, end_h - start_h)
    if share_h > 0.8:
        return "H"
    share_v = sum(down[start_v:end_v]) / max(1, end_v - start_v)
    if share_h > share_v:
        return "H"
    return "V" if share_h < share_v else "U"


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    ok = True
    for path in sys.argv[1:]:
        doc = pdfium.PdfDocument(path)
        letters = "".join(page_orientation(doc[i]) for i in range(len(doc)))
        doc.close()
        print(f"{path} {letters}")
        ok &= set(letters) <= {"H"}
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
