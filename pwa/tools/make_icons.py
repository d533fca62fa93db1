#!/usr/bin/env python3
"""Draws the reader's app icons: PNG 192 and 512 (any), 512 maskable, and an SVG.

The design is geometric so no font is needed: a red tile (the portal's red) with
a white newspaper page, a headline bar and text lines. The maskable icon has a
full-bleed background and keeps the page inside the central 80 % safe zone.
Run from the repository root: `python3 pwa/tools/make_icons.py`. Uses only the
standard library (zlib) and writes deterministic files, committed to git.
"""
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "icons"
RED = (179, 32, 31)
WHITE = (255, 255, 255)
INK = (60, 64, 72)
ACCENT = (179, 32, 31)


def shapes(size, maskable):
    """Rectangles in icon units of 0..1, drawn in order: (x0, y0, x1, y1, colour, radius)."""
    pad = 0.22 if maskable else 0.16
    page = (pad, pad, 1 - pad, 1 - pad)
    w = page[2] - page[0]
    out = [(0, 0, 1, 1, RED, 0.0 if maskable else 0.18), (*page, WHITE, 0.04)]
    x0 = page[0] + w * 0.12
    x1 = page[2] - w * 0.12
    y = page[1] + w * 0.12
    out.append((x0, y, x1, y + w * 0.14, ACCENT, 0.01))
    y += w * 0.24
    for i in range(5):
        right = x1 if i % 3 != 2 else x0 + (x1 - x0) * 0.6
        out.append((x0, y, right, y + w * 0.06, INK, 0.0))
        y += w * 0.12
    return out


def inside(px, py, rect):
    x0, y0, x1, y1, _, r = rect
    if not (x0 <= px < x1 and y0 <= py < y1):
        return False
    cx = min(max(px, x0 + r), x1 - r)
    cy = min(max(py, y0 + r), y1 - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def render(size, maskable):
    rects = shapes(size, maskable)
    rows = []
    samples = ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75))
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sx, sy in samples:
                px, py = (x + sx) / size, (y + sy) / size
                colour, alpha = (0, 0, 0), 0.0
                for rect in rects:
                    if inside(px, py, rect):
                        colour, alpha = rect[4], 1.0
                for i in range(3):
                    acc[i] += colour[i] * alpha
                acc[3] += alpha
            a = acc[3] / len(samples)
            if acc[3] > 0:
                rgb = [round(acc[i] / acc[3]) for i in range(3)]
            else:
                rgb = [0, 0, 0]
            row += bytes(rgb + [round(a * 255)])
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def svg():
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">']
    for x0, y0, x1, y1, colour, r in shapes(512, False):
        parts.append(
            '<rect x="%g" y="%g" width="%g" height="%g" rx="%g" fill="#%02x%02x%02x"/>'
            % (x0 * 512, y0 * 512, (x1 - x0) * 512, (y1 - y0) * 512, r * 512, *colour)
        )
    parts.append("</svg>\n")
    return "".join(parts)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon-192.png").write_bytes(render(192, False))
    (OUT / "icon-512.png").write_bytes(render(512, False))
    (OUT / "icon-maskable-512.png").write_bytes(render(512, True))
    (OUT / "icon.svg").write_text(svg())


if __name__ == "__main__":
    main()
