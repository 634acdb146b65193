"""A small PNG reader (stdlib zlib) for checking what a headless browser drew."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    data: bytes  # unfiltered rows, ``channels`` bytes a pixel

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * self.channels
        return self.data[i], self.data[i + 1], self.data[i + 2]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path: Path) -> Image:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG."""
    raw = Path(path).read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat = 8, []
    width = height = channels = 0
    while pos < len(raw):
        length, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        body = raw[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "only 8-bit RGB/RGBA, non-interlaced"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    packed = zlib.decompress(b"".join(idat))
    stride = width * channels
    out = bytearray(stride * height)
    prev = bytearray(stride)
    for y in range(height):
        f = packed[y * (stride + 1)]
        line = bytearray(packed[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif f == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                upleft = prev[i - channels] if i >= channels else 0
                line[i] = (line[i] + _paeth(left, prev[i], upleft)) & 0xFF
        out[y * stride:(y + 1) * stride] = line
        prev = line
    return Image(width, height, channels, bytes(out))


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """"#rrggbb" as an (r, g, b) tuple."""
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def region(img: Image, colour: str) -> tuple[int, int, int, int]:
    """Bounding box (x0, y0, x1, y1) of the pixels of exactly this colour (sampled every 2 px)."""
    want = rgb(colour)
    xs, ys = [], []
    for y in range(0, img.height, 2):
        for x in range(0, img.width, 2):
            if img.pixel(x, y) == want:
                xs.append(x)
                ys.append(y)
    assert xs, f"no pixel of {colour} in the screenshot: the region was not drawn"
    return min(xs), min(ys), max(xs), max(ys)


def count(img: Image, box: tuple[int, int, int, int], colour: str,
          skip: tuple[int, int, int, int] | None = None) -> int:
    """Pixels inside ``box`` (outside ``skip``) within 2 levels of ``colour`` on each channel."""
    want = rgb(colour)
    n = 0
    for y in range(box[1], box[3] + 1):
        for x in range(box[0], box[2] + 1):
            if skip and skip[0] <= x <= skip[2] and skip[1] <= y <= skip[3]:
                continue
            if all(abs(a - b) <= 2 for a, b in zip(img.pixel(x, y), want, strict=True)):
                n += 1
    return n
