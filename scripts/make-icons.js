#!/usr/bin/env node
// Draws the add-in icons (assets/icon-16|32|64|80.png, assets/logo-filled.png): white "AR" on a
// green rounded square. Pure Node: pixels are computed here and written as RGBA PNG chunks, with
// node:zlib only for deflate. Output is deterministic, so re-running leaves the files unchanged.
//
//   node scripts/make-icons.js [outDir]     (default: assets/)
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const GREEN = [0x21, 0x73, 0x46]; // Excel green
const WHITE = [0xff, 0xff, 0xff];

// Bitmap glyphs, "#" = ink. The 3x5 set keeps 16 px crisp; larger sizes use 5x7.
const FONTS = {
  small: {
    A: ["###", "#.#", "###", "#.#", "#.#"],
    R: ["##.", "#.#", "##.", "#.#", "#.#"],
  },
  large: {
    A: [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    R: ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"],
  },
};

// size -> font and integer pixels per glyph cell, so strokes land on whole pixels.
const LAYOUTS = { 16: ["small", 2], 32: ["large", 2], 64: ["large", 4], 80: ["large", 5] };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes width*height RGBA pixels (row-major, 4 bytes each) as a PNG. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    raw[row] = 0; // filter type None
    rgba.copy(raw, row + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Fraction (0..1) of pixel (px, py) inside a rounded square of side `size`, by 4x4 sampling. */
function squareCoverage(px, py, size, radius) {
  const N = 4;
  let inside = 0;
  for (let sy = 0; sy < N; sy++) {
    for (let sx = 0; sx < N; sx++) {
      const x = px + (sx + 0.5) / N;
      const y = py + (sy + 0.5) / N;
      const cx = Math.min(Math.max(x, radius), size - radius);
      const cy = Math.min(Math.max(y, radius), size - radius);
      if ((x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2) inside++;
    }
  }
  return inside / (N * N);
}

/** Set of "x,y" pixels covered by the text, centred in the square. */
function textPixels(size) {
  const [fontName, scale] = LAYOUTS[size];
  const glyphs = ["A", "R"].map((ch) => FONTS[fontName][ch]);
  const glyphW = glyphs[0][0].length;
  const glyphH = glyphs[0].length;
  const gap = 1;
  const textW = (glyphs.length * glyphW + (glyphs.length - 1) * gap) * scale;
  const textH = glyphH * scale;
  const left = Math.floor((size - textW) / 2);
  const top = Math.floor((size - textH) / 2);
  const ink = new Set();
  glyphs.forEach((rows, g) => {
    rows.forEach((row, r) => {
      [...row].forEach((cell, c) => {
        if (cell !== "#") return;
        const x0 = left + (g * (glyphW + gap) + c) * scale;
        const y0 = top + r * scale;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) ink.add(`${x0 + dx},${y0 + dy}`);
        }
      });
    });
  });
  return ink;
}

function drawIcon(size) {
  const radius = Math.max(2, Math.round(size * 0.18));
  const ink = textPixels(size);
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = squareCoverage(x, y, size, radius);
      const [r, g, b] = ink.has(`${x},${y}`) ? WHITE : GREEN;
      const i = (y * size + x) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  const files = {
    "icon-16.png": 16,
    "icon-32.png": 32,
    "icon-64.png": 64,
    "icon-80.png": 80,
    "logo-filled.png": 80,
  };
  for (const [name, size] of Object.entries(files)) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, drawIcon(size));
    console.log(`${path.relative(process.cwd(), file)}  ${size}x${size}`);
  }
}

if (require.main === module) main();

module.exports = { drawIcon, encodePng };
