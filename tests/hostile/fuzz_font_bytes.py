#!/usr/bin/env python3
"""Mutation fuzzing of `--font` bytes through the CLI (issue 19).

Flips one byte of DejaVu Sans (mostly inside a table's first 4 KB, sometimes
in the table directory), renders a one-paragraph document whose snowman
only that font has (so it is shaped, subset for the PDF and the EPUB), and
reports every exit other than 0, 1 or 2, and every run over 15 s, keeping
the font as crash-OFFSET.ttf / hang-OFFSET.ttf in the current directory.

Usage: tests/hostile/fuzz_font_bytes.py target/debug/warraq SECONDS [SEED]
(a debug build also finds arithmetic overflows in the dependencies).
"""
import random
import struct
import subprocess
import sys
import time

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DOC = '{"title": "ثلج", "blocks": [{"kind": "paragraph", "text": "ثلج ☃ هنا"}]}'


def main():
    warraq, budget = sys.argv[1], float(sys.argv[2])
    random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 19)
    with open("fuzz-doc.json", "w", encoding="utf-8") as f:
        f.write(DOC)
    data = open(DEJAVU, "rb").read()
    count = struct.unpack(">H", data[4:6])[0]
    tables = []
    for k in range(count):
        r = 12 + 16 * k
        offset, length = struct.unpack(">II", data[r + 8 : r + 16])
        tables.append((data[r : r + 4].decode(), offset, length))
    start, runs, codes = time.time(), 0, {}
    while time.time() - start < budget:
        tag, offset, length = random.choice(tables)
        if random.random() < 0.9:
            pos = offset + random.randrange(min(length, 4096))
        else:
            tag, pos = "directory", random.randrange(12 + 16 * count)
        font = bytearray(data)
        font[pos] ^= random.choice([0x01, 0x10, 0x80, 0xFF])
        open("fuzz-font.ttf", "wb").write(font)
        args = [warraq, "render", "fuzz-doc.json", "--pdf", "/dev/null",
                "--epub", "/dev/null", "--font", "fuzz-font.ttf", "-q"]
        runs += 1
        try:
            p = subprocess.run(args, capture_output=True, timeout=15)
        except subprocess.TimeoutExpired:
            print(f"HANG {tag} byte {pos}")
            open(f"hang-{pos}.ttf", "wb").write(font)
            continue
        codes[p.returncode] = codes.get(p.returncode, 0) + 1
        if p.returncode not in (0, 1, 2):
            print(f"CRASH {tag} byte {pos} exit {p.returncode}: {p.stderr.decode()[-300:]}")
            open(f"crash-{pos}.ttf", "wb").write(font)
    print(f"runs {runs} exit codes {codes}")


if __name__ == "__main__":
    main()
