"""Writes the example's two figures: chart.png (a bar chart on a transparent
background: a PNG with alpha) and map.jpg (a JPEG). Run with the venv's
Python (Pillow): /opt/warraq-venv/bin/python make_images.py"""
from PIL import Image, ImageDraw

# A bar chart, 480 x 300 px, its background transparent.
chart = Image.new("RGBA", (480, 300), (255, 255, 255, 0))
d = ImageDraw.Draw(chart)
d.line([(40, 20), (40, 270), (460, 270)], fill=(40, 40, 40, 255), width=2)
values = [120, 180, 90, 210, 150]
colors = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189)]
for i, (v, c) in enumerate(zip(values, colors)):
    x = 70 + i * 78
    d.rectangle([x, 270 - v, x + 50, 269], fill=c + (230,))
for y in range(70, 270, 50):
    d.line([(36, y), (460, y)], fill=(120, 120, 120, 90), width=1)
chart.save("chart.png", optimize=True)

# A "map": soft shapes on a sea-blue ground, 400 x 260 px, as a JPEG.
m = Image.new("RGB", (400, 260), (170, 205, 230))
d = ImageDraw.Draw(m)
d.polygon([(40, 60), (150, 30), (230, 80), (200, 170), (90, 200), (30, 140)], fill=(200, 190, 140))
d.polygon([(250, 120), (360, 100), (380, 200), (280, 230)], fill=(180, 200, 130))
d.ellipse([120, 90, 140, 110], fill=(200, 40, 40))
d.ellipse([300, 150, 316, 166], fill=(200, 40, 40))
m.save("map.jpg", quality=85)
