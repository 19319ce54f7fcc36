#!/usr/bin/env python3
"""Typographic figures of a laid-out document, from `warraq layout` JSON.

Prints, for the justified lines, the stretch of the word spaces relative to
their natural width, counting inserted kashidas (their whole drawn width) as
stretch: median, 95th percentile, maximum and the lines over 1.5x, 2x, 3x;
the lines too loose to fill, spread to the limit and ending short of the
measure (not justified, counted apart with their stretch); kashidas per line and per word, the letters they join (before -> after,
logical order) and the rule breaks (inside a lam-alef or another ligature,
after a non-joining letter, in a word of three letters or fewer, two in one
word); digit-group spaces ("٦ ٠٠٠") broken at a line end or stretched;
enumerators like "(أ)" left at a line end; a number split from its month;
single-word last lines (runts), lead-ins (a line ending with ':') at the foot
of a page, the gap at each page's bottom, and line collisions.

A line collision (the definition src/layout/ink.rs lays lines out by): two
content lines of a page on different baselines, and a glyph of each, whose
ink boxes (the glyph's bounding box in the font, at its shaped position; a
kashida's as wide as it is drawn) overlap horizontally and are less than
CLEARANCE (0.5 pt) apart vertically, or overlap. Each pair of lines counts
once, with its smallest vertical distance (negative: the boxes overlap).

Usage:
  warraq layout DOC.json > dump.json; tools/typography.py dump.json
  tools/typography.py --doc DOC.json   (runs `cargo run --release -- layout`)
Add --worst N to list the N most stretched lines.
"""
import json
import os
import re
import statistics
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Unicode Joining_Type R (right-joining: no join to the next letter) of the
# Arabic block, as src/layout/inline/kashida.rs has them.
RIGHT_JOINING = set(
    "\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631\u0632\u0648"
    "\u0671\u0672\u0673\u0675\u0676\u0677\u06c0\u06c3\u06c4\u06c5\u06c6"
    "\u06c7\u06c8\u06c9\u06ca\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef"
) | {chr(c) for c in range(0x0688, 0x069A)}
ALEFS = set("\u0622\u0623\u0625\u0627\u0671\u0672\u0673\u0675")
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
MONTHS = (
    "كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|"
    "يناير|فبراير|مارس|أبريل|مايو|يونيه|يوليه|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر"
)


def is_mark(c):
    o = ord(c)
    return 0x0610 <= o <= 0x061A or 0x064B <= o <= 0x065F or o == 0x0670 or 0x06D6 <= o <= 0x06ED


def is_letter(c):
    o = ord(c)
    return (0x0620 <= o <= 0x064A or 0x066E <= o <= 0x06D3 or o == 0x06D5) and o != 0x0640


def units_per_em(font, cache={}):
    """unitsPerEm from the font's `head` table (fonts/NAME.ttf)."""
    if font not in cache:
        with open(os.path.join(ROOT, "fonts", font + ".ttf"), "rb") as f:
            data = f.read()
        (tables,) = struct.unpack(">H", data[4:6])
        cache[font] = 1000
        for k in range(tables):
            tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * k: 28 + 16 * k])
            if tag == b"head":
                (cache[font],) = struct.unpack(">H", data[offset + 18: offset + 20])
    return cache[font]


def char_at(text, cluster):
    """The character at byte offset `cluster` of `text` (UTF-8)."""
    b = text.encode()
    return b[cluster:].decode(errors="ignore")[:1] if cluster < len(b) else ""


def percentile(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def run_offsets(line):
    """Byte offset of each run's text in the line's text (runs are listed in
    visual order; the dump has no ranges): runs whose text occurs once are
    placed first, the others at the first free occurrence."""
    text = line["text"].encode()
    runs = [r["text"].encode() for r in line["runs"]]
    offsets = [None] * len(runs)
    taken = [False] * (len(text) + 1)

    def occurrences(t):
        found, at = [], text.find(t) if t else -1
        while at >= 0:
            found.append(at)
            at = text.find(t, at + 1)
        return found

    order = sorted(range(len(runs)), key=lambda k: (len(occurrences(runs[k])) != 1, -len(runs[k])))
    for k in order:
        for at in occurrences(runs[k]):
            if not any(taken[at: at + len(runs[k])]):
                offsets[k] = at
                for i in range(at, at + len(runs[k])):
                    taken[i] = True
                break
    return offsets


def placed_glyphs(line):
    """The line's glyphs in visual order: (run, glyph, byte offset in the line's
    text of its cluster, drawn width up to the next glyph)."""
    out = []
    for run, off in zip(line["runs"], run_offsets(line)):
        for g in run["glyphs"]:
            out.append([run, g, None if off is None else off + g["cluster"], 0.0])
    for k, item in enumerate(out):
        s = item[0]["size"] / units_per_em(item[0]["font"])
        nxt = out[k + 1][1]["x"] if k + 1 < len(out) else item[1]["x"] + item[1]["x_advance"] * s
        item[3] = nxt - item[1]["x"]
    return out


def word_at(text, at):
    """The word (between spaces) of `text` (bytes) holding byte `at`, and its start."""
    start = text.rfind(b" ", 0, at) + 1
    end = text.find(b" ", at)
    end = len(text) if end < 0 else end
    return text[start:end], start


def kashida_facts(line, at):
    """(before letter, after letter, word, word start, before's offset) of a
    kashida before byte `at` of the line's text."""
    text = line["text"].encode()
    after = text[at:].decode(errors="ignore")[:1]
    before_text = text[:at].decode(errors="ignore")
    k = len(before_text)
    while k > 0 and is_mark(before_text[k - 1]):
        k -= 1
    before = before_text[k - 1] if k else ""
    before_at = len(before_text[: k - 1].encode()) if k else 0
    word, start = word_at(text, at)
    return before, after, word, start, before_at


def line_stretch(line):
    """Word-space width of a justified line relative to natural, kashida counted."""
    natural, spaces = 0.0, 0.0
    for run in line["runs"]:
        s = run["size"] / units_per_em(run["font"])
        for g in run["glyphs"]:
            if g["kashida"]:
                continue
            adv = g["x_advance"] * s
            natural += adv
            if char_at(run["text"], g["cluster"]) in (" ", "\u00a0"):
                spaces += adv
    if spaces <= 0:
        return None
    return (spaces + line["width"] - natural) / spaces


def stretch_section(lines, worst):
    out = []
    ratios = []
    for page, line in lines:
        if line["justified"]:
            r = line_stretch(line)
            if r is not None:
                ratios.append((r, page, line))
    values = [r for r, _, _ in ratios]
    out.append(f"justified lines: {len(values)}")
    if values:
        out.append(
            "stretch (word spaces / natural, kashida counted): median %.2f, p95 %.2f, max %.2f"
            % (statistics.median(values), percentile(values, 95), max(values))
        )
        out.append(
            "lines over 1.5x: %d, over 2x: %d, over 3x: %d"
            % tuple(sum(v > t for v in values) for t in (1.5, 2.0, 3.0))
        )
    for r, page, line in sorted(ratios, key=lambda t: -t[0])[:worst]:
        out.append("  %.2fx p.%d: %s" % (r, page, line["text"][:70]))
    # Lines too loose to fill: spread to the limit, ending short of the
    # measure (not justified, but their spaces stretched).
    short = []
    for page, line in lines:
        if not line["justified"]:
            r = line_stretch(line)
            if r is not None and r > 1.001:
                short.append((r, page, line))
    out.append(
        "lines spread short of the measure (too loose to fill): %d%s"
        % (len(short), ", stretch max %.2f" % max(r for r, _, _ in short) if short else "")
    )
    for r, page, line in short:
        out.append("  %.2fx p.%d: %s" % (r, page, line["text"][:70]))
    return out


def kashida_section(lines):
    per_line = []
    words = {}
    letters = {}
    breaks = {"in lam-alef": [], "in another ligature": [], "after a non-joiner": [],
              "in a word of <= 3 letters": [], "second in a word": []}
    justified = 0
    for page, line in lines:
        if not line["justified"]:
            continue
        justified += 1
        n = 0
        for run, g, at, _ in placed_glyphs(line):
            if not g["kashida"] or at is None:
                continue
            n += 1
            before, after, word, start, before_at = kashida_facts(line, at)
            key = (page, line["y"], line["x"], start)
            words[key] = words.get(key, 0) + 1
            letters[(before, after)] = letters.get((before, after), 0) + 1
            shown = word.decode(errors="ignore")
            where = "p.%d %s" % (page, shown)
            if before == "\u0644" and after in ALEFS:
                breaks["in lam-alef"].append(where)
            elif in_ligature(run["font"], shown, before_at - start, at - start):
                breaks["in another ligature"].append(where)
            if before in RIGHT_JOINING or not is_letter(before):
                breaks["after a non-joiner"].append(where)
            if sum(is_letter(c) for c in shown) <= 3:
                breaks["in a word of <= 3 letters"].append(where)
            if words[key] == 2:
                breaks["second in a word"].append(where)
        per_line.append(n)
    out = [
        "kashidas: %d on %d of %d justified lines (%d lines without)"
        % (sum(per_line), sum(1 for n in per_line if n), justified, sum(1 for n in per_line if not n))
    ]
    if per_line:
        out.append("kashidas per line: max %d, mean %.2f; per elongated word: max %d"
                   % (max(per_line), statistics.mean(per_line), max(words.values(), default=0)))
    top = sorted(letters.items(), key=lambda t: (-t[1], t[0]))[:12]
    out.append("joints (before>after): " + ", ".join(f"{b}>{a} {n}" for (b, a), n in top))
    for what, where in breaks.items():
        out.append(f"  {what}: {len(where)}" + (" (" + "; ".join(where[:6]) + ")" if where else ""))
    return out


def in_ligature(font, word, before_at, after_at, cache={}):
    """Whether HarfBuzz sets the letters at byte offsets `before_at` and
    `after_at` of `word` (without kashidas) in one glyph cluster: a ligature
    (lam-alef, or any glyph carrying several letters) the tatweel would cut."""
    key = (font, word)
    if key not in cache:
        out = subprocess.run(
            ["hb-shape", "--font-funcs=ot", "--no-glyph-names", "--no-positions", "--utf8-clusters",
             "--output-format=json", "--direction=rtl", "--language=ar",
             "--font-file", os.path.join(ROOT, "fonts", font + ".ttf"), "--text", word],
            capture_output=True, text=True)
        cache[key] = sorted({g["cl"] for g in json.loads(out.stdout or "[]")})
    starts = cache[key]

    def cluster_of(at):
        return max((c for c in starts if c <= at), default=0)

    return cluster_of(before_at) == cluster_of(after_at)


def tie_section(lines):
    group = re.compile(f"[{DIGITS}]+ [{DIGITS}]{{3}}(?![{DIGITS}])")
    out = []
    broken_groups, stretched, enumerators, months = [], [], [], []
    texts = [(page, line) for page, line in lines]
    for k, (page, line) in enumerate(texts):
        text = line["text"]
        nxt = texts[k + 1][1] if k + 1 < len(texts) else None
        same_piece = nxt is not None and nxt["line"] == line["line"] + 1 and nxt["role"] == line["role"]
        tail = text.rstrip()
        if same_piece:
            head = nxt["text"]
            if re.search(f"[{DIGITS}]$", tail) and re.match(f"[{DIGITS}]{{3}}(?![{DIGITS}])", head):
                broken_groups.append(f"p.{page} …{tail[-12:]} | {head[:8]}")
            if re.search(r"\(\w{1,2}\)$", tail):
                enumerators.append(f"p.{page} …{tail[-16:]}")
            if re.search(f"[{DIGITS}]$", tail) and re.match(f"({MONTHS})", head):
                months.append(f"p.{page} …{tail[-12:]} | {head[:10]}")
        if line["justified"]:
            widths = {at: (w, g, run) for run, g, at, w in placed_glyphs(line)}
            for m in group.finditer(text):
                sp = len(text[: m.start()].encode()) + len(
                    re.match(f"[{DIGITS}]+", m.group()).group().encode())
                if sp in widths:
                    w, g, run = widths[sp]
                    if w > g["x_advance"] * run["size"] / units_per_em(run["font"]) + 0.01:
                        stretched.append(f"p.{page} {m.group()} {w:.2f}pt")
    out.append(f"digit groups broken at a line end: {len(broken_groups)} {broken_groups[:4]}")
    out.append(f"digit-group spaces stretched: {len(stretched)} {stretched[:4]}")
    out.append(f"enumerators at a line end: {len(enumerators)} {enumerators[:4]}")
    out.append(f"number | month at a line end: {len(months)} {months[:4]}")
    return out


def runt_section(lines):
    runts = []
    pieces = []
    for page, line in lines:
        if line["line"] == 0 or not pieces:
            pieces.append([])
        pieces[-1].append((page, line))
    for piece in pieces:
        if len(piece) < 2 or piece[-1][1]["role"] not in ("body", "itembody", "notebody"):
            continue
        page, last = piece[-1]
        if len(last["text"].split()) == 1:
            runts.append(f"p.{page} {last['text'].strip()}")
    return [f"single-word last lines (runts): {len(runts)} {runts[:6]}"]


def lead_in_section(layout):
    """A line ending with ':' at the foot of a page: what it introduces is
    on the next page (issue 16: an isolated "item:" line)."""
    found = []
    for page in layout["pages"][:-1]:
        body = [l for l in page["lines"] if l["role"] in ("body", "itembody")]
        if body:
            last = max(body, key=lambda l: l["y"])
            if last["text"].rstrip().endswith(":"):
                found.append(f"p.{page['number']} {last['text'].strip()[-40:]}")
    return [f"lead-ins (ending with ':') at a page foot: {len(found)} {found[:4]}"]


def page_section(layout):
    bottoms = []
    for page in layout["pages"]:
        # A table row or a figure ends at its box's bottom (what the page
        # breaker places on the bottom of the text block).
        ys = [l["y"] for l in page["lines"]] + [
            c["rect"][1] + c["rect"][3] for c in page.get("cells", []) + page.get("figures", [])]
        if ys:
            bottoms.append((page["number"], max(ys)))
    if len(bottoms) < 2:
        return []
    full = bottoms[:-1]
    lowest = max(y for _, y in full)
    gaps = [(n, lowest - y) for n, y in full]
    spread = " ".join(f"{n}:{g:.0f}" for n, g in gaps)
    return [
        "page-bottom gaps (pt above the lowest last baseline, last page left out): max %.1f, "
        "pages more than 1 pt short: %d" % (max(g for _, g in gaps), sum(g > 1 for _, g in gaps)),
        "  " + spread,
    ]


# Least vertical distance between the ink boxes of glyphs on two lines, pt.
CLEARANCE = 0.5


def glyph_boxes(font, cache={}):
    """Per glyph id of fonts/FONT.ttf: (xMin, yMin, xMax, yMax) in font units,
    None for a glyph without ink; None for a font not in fonts/."""
    if font not in cache:
        path = os.path.join(ROOT, "fonts", font + ".ttf")
        if not os.path.exists(path):
            cache[font] = None
        else:
            from fontTools.ttLib import TTFont

            tt = TTFont(path)
            glyf = tt["glyf"]
            boxes = []
            for name in tt.getGlyphOrder():
                g = glyf[name]
                if g.numberOfContours == 0:
                    boxes.append(None)
                else:
                    if not hasattr(g, "xMin"):
                        g.recalcBounds(glyf)
                    boxes.append((g.xMin, g.yMin, g.xMax, g.yMax))
            cache[font] = boxes
    return cache[font]


def ink_boxes(line):
    """The line's glyph ink boxes on the page: (left, top, right, bottom), pt,
    y growing downwards."""
    out = []
    for run in line["runs"]:
        boxes = glyph_boxes(run["font"])
        if boxes is None:
            continue
        s = run["size"] / units_per_em(run["font"])
        base = line["y"] - run.get("rise", 0.0)
        for g in run["glyphs"]:
            box = boxes[g["id"]] if g["id"] < len(boxes) else None
            if box is None:
                continue
            x0, y0, x1, y1 = box
            ox, oy = g["x"] + g["x_offset"] * s, base - g["y_offset"] * s
            if g["kashida"]:
                left, right = g["x"], g["x"] + g["x_advance"] * s
            else:
                left, right = ox + x0 * s, ox + x1 * s
            out.append((left, oy - y1 * s, right, oy - y0 * s))
    return out


def collisions(page):
    """The pairs of lines of a page that collide: (smallest distance, upper
    line, lower line)."""
    lines = [(l, ink_boxes(l)) for l in page["lines"]]
    lines = [(l, b) for l, b in lines if b]
    lines.sort(key=lambda t: t[0]["y"])
    out = []
    for i, (upper, ub) in enumerate(lines):
        low_edge = max(b[3] for b in ub)
        for lower, lb in lines[i + 1:]:
            if lower["y"] - upper["y"] < 0.01:
                continue
            if min(b[1] for b in lb) >= low_edge + CLEARANCE:
                if lower["y"] - upper["y"] > 200:
                    break
                continue
            nearest = None
            for a in ub:
                for b in lb:
                    if a[0] < b[2] and b[0] < a[2]:
                        d = b[1] - a[3]
                        if nearest is None or d < nearest:
                            nearest = d
            if nearest is not None and nearest < CLEARANCE:
                out.append((nearest, upper, lower))
    return out


def collision_section(layout):
    found = [(p["number"], c) for p in layout["pages"] for c in collisions(p)]
    out = ["line collisions (ink boxes closer than %.1f pt): %d%s" % (
        CLEARANCE, len(found),
        ", closest %.2f pt" % min(c[0] for _, c in found) if found else "")]
    for page, (d, upper, lower) in sorted(found, key=lambda t: t[1][0])[:8]:
        out.append("  p.%d %.2f pt: %s | %s" % (page, d, upper["text"][:30], lower["text"][:30]))
    return out


def main():
    args = sys.argv[1:]
    worst = 0
    if "--worst" in args:
        i = args.index("--worst")
        worst = int(args[i + 1])
        del args[i: i + 2]
    if args and args[0] == "--doc":
        dump = subprocess.run(["cargo", "run", "--quiet", "--release", "--", "layout", args[1]],
                              cwd=ROOT, check=True, capture_output=True, text=True).stdout
        layout = json.loads(dump)
    else:
        with open(args[0], encoding="utf-8") as f:
            layout = json.load(f)
    lines = [(p["number"], l) for p in layout["pages"] for l in p["lines"]]
    for section in (stretch_section(lines, worst), kashida_section(lines), tie_section(lines),
                    runt_section(lines), lead_in_section(layout), page_section(layout),
                    collision_section(layout)):
        print("\n".join(section))


if __name__ == "__main__":
    main()
