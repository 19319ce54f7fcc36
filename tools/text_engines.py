"""The text engines of tools/check_text_layer.py: each extractor returns the
text a PDF engine gives for a whole PDF (a str, or a list of page texts),
plus the parse of `pdfinfo -struct-text` and the /ActualText reader."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

TIMEOUT = int(os.environ.get("CHECK_TEXT_TIMEOUT", "300"))
HERE = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------
# Extractors: each returns the whole-document text (str), or a list of page
# texts (joined with newlines for the metrics).


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
    def __init__(self, type_: str, depth: int, block: bool = True):
        self.type = type_
        self.depth = depth
        self.block = block
        self.children: list[StructNode] = []
        self._items = []  # ("t", text) | ("n", node), in document order

    def add_text(self, t: str):
        self._items.append(("t", t))

    def add_child(self, n: "StructNode"):
        self.children.append(n)
        self._items.append(("n", n))

    def text(self, skip=frozenset(), sep="") -> str:
        """The element's text: its marked contents concatenated (they are
        pieces of one text); with `sep`, block-level children are set apart
        by it (the whole-document text: blocks on their own lines)."""
        parts = []
        for kind, v in self._items:
            if kind == "t":
                parts.append(v)
            elif v.type not in skip:
                t = v.text(skip, sep)
                parts.append(f"{sep}{t}{sep}" if sep and v.block else t)
        return "".join(parts)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


_ELEM_RE = re.compile(r'^(?P<type>[^\s"]+)(?: <[^>]*>)?(?: ".*")?(?: r\d+)?(?: \((?P<disp>inline|block)\))?:?$')


def parse_struct_text(out: str):
    """Parse `pdfinfo -struct-text` output (poppler's printStruct).

    Each line is indented by 2 spaces per tree level.  An element line is
    `Type[ <ID>][ "Title"][ rN][ (block|inline)][:]`; a trailing `:` means
    attribute lines follow, indented one level deeper plus one space and
    starting with `/`.  A marked-content child prints as `"text"` (the text
    of one MCID) or `(No content?)`; an object reference as `Object N G`.
    Text may contain newlines, so a quoted line that does not end with `"`
    continues on the next lines.
    """
    root = StructNode("#root", -1)
    stack = [root]
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
            while not body.endswith('"') and i < len(lines):
                body += "\n" + lines[i]
                i += 1
            if body.endswith('"'):
                body = body[:-1]
            while len(stack) > 1 and stack[-1].depth >= depth:
                stack.pop()
            stack[-1].add_text(body)
            continue
        if stripped.startswith("(No content?)") or stripped.startswith("Object "):
            continue
        m = _ELEM_RE.match(stripped)
        type_ = m.group("type") if m else stripped.split(" ", 1)[0]
        block = not (m and m.group("disp") == "inline")
        while len(stack) > 1 and stack[-1].depth >= depth:
            stack.pop()
        node = StructNode(type_, depth, block)
        stack[-1].add_child(node)
        stack.append(node)
    return root


def ex_pdfinfo_struct(pdf: str):
    root = parse_struct_text(run(["pdfinfo", "-struct-text", pdf]))
    if not root.children:
        raise RuntimeError("no structure tree (is the PDF tagged?)")
    return root.text(sep="\n"), root


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
        return [page.get_text() for page in doc]


def ex_mutool(pdf: str):
    return run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf])


def ex_pdfium(pdf: str):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            pages.append(tp.get_text_range())
            tp.close()
            page.close()
        return pages
    finally:
        doc.close()


_PDFJS_CACHE: dict[str, list[str]] = {}


def ex_pdfjs(pdf: str):
    if pdf not in _PDFJS_CACHE:
        out = run(["node", os.path.join(HERE, "pdfjs_text.mjs"), pdf])
        _PDFJS_CACHE[pdf] = json.loads(out)["pages"]
    return _PDFJS_CACHE[pdf]


def ex_pypdf(pdf: str):
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(pdf).pages]


FUNCS = {
    "pdfinfo-struct": ex_pdfinfo_struct,
    "pdftotext": ex_pdftotext,
    "pdftotext-raw": ex_pdftotext_raw,
    "mutool": ex_mutool,
    "pymupdf": ex_pymupdf,
    "pdfminer": ex_pdfminer,
    "pdfium": ex_pdfium,
    "pdfjs": ex_pdfjs,
    "pypdf": ex_pypdf,
}



# --------------------------------------------------------------------------
# /ActualText




def actualtext_strings(pdf: str) -> list[str]:
    """Every /ActualText of the PDF: of structure elements (and any other
    dictionary), and of marked content (BDC property lists, inline or in
    /Properties) in page and form XObject content streams."""
    import pikepdf

    out = []
    with pikepdf.open(pdf) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ActualText" in obj:
                out.append(str(obj.ActualText))

        def scan(owner, props):
            for operands, op in pikepdf.parse_content_stream(owner):
                if str(op) != "BDC" or len(operands) < 2:
                    continue
                d = operands[1]
                if isinstance(d, pikepdf.Name) and props is not None and d in props:
                    d = props[d]
                if isinstance(d, pikepdf.Dictionary) and "/ActualText" in d:
                    out.append(str(d.ActualText))

        seen = set()
        for page in doc.pages:
            res = page.obj.get("/Resources")
            scan(page, res.get("/Properties") if res is not None else None)
            xobjs = res.get("/XObject") if res is not None else None
            for _, x in (xobjs.items() if xobjs is not None else []):
                if x.objgen in seen or x.get("/Subtype") != "/Form":
                    continue
                seen.add(x.objgen)
                xres = x.get("/Resources")
                scan(x, xres.get("/Properties") if xres is not None else None)
    return out
