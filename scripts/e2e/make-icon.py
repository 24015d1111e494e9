#!/usr/bin/env python3
"""Writes images/icon.png (128x128 RGBA) with the standard library only: a page with text lines (docstrings)
and a row of bits below it (bitwise hovers). Run from the repository root: python3 scripts/e2e/make-icon.py"""
import struct
import sys
import zlib

W = H = 128
BG = (32, 58, 96, 255)        # dark blue
PAGE = (245, 241, 228, 255)   # paper
INK = (60, 72, 88, 255)       # text lines
ON = (255, 196, 61, 255)      # a set bit
OFF = (86, 110, 148, 255)     # a clear bit
CLEAR = (0, 0, 0, 0)

px = [[CLEAR] * W for _ in range(H)]


def rounded_rect(x0, y0, x1, y1, r, colour):
    for y in range(y0, y1):
        for x in range(x0, x1):
            cx = min(max(x, x0 + r), x1 - 1 - r)
            cy = min(max(y, y0 + r), y1 - 1 - r)
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                px[y][x] = colour


rounded_rect(0, 0, 128, 128, 22, BG)
rounded_rect(30, 14, 98, 78, 6, PAGE)                       # the page
for i, width in enumerate((44, 36, 48, 28)):                 # its text lines
    rounded_rect(40, 26 + i * 12, 40 + width, 31 + i * 12, 2, INK)
bits = "10110101"
for i, b in enumerate(bits):                                 # 8 bits under the page
    x = 14 + i * 13
    rounded_rect(x, 90, x + 10, 112, 3, ON if b == "1" else OFF)

raw = b"".join(b"\x00" + bytes(c for p in row for c in p) for row in px)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
out = sys.argv[1] if len(sys.argv) > 1 else "images/icon.png"
with open(out, "wb") as f:
    f.write(png)
print(f"{out}: {len(png)} bytes, {W}x{H}")
