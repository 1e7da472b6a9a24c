/**
 * Reading entries of a zip archive (an .xlsx), platform-neutral.
 *
 * The central directory is read as fflate's `unzipSync` reads it (the end record searched from
 * the end, zip64 sizes and offsets where the record says so), and each wanted entry is inflated
 * on its own. Inflating is fflate's by default; a host with a faster inflater (Node's zlib, in the
 * CLI) passes it in. Whatever that inflater cannot do (an error, output beyond the declared size)
 * is done again by fflate, so a broken or dishonest file reads exactly as it always did.
 */
import { inflateSync } from "fflate";

/**
 * Inflates raw deflate data whose declared inflated size is `size`. May throw, or return more than
 * `size` bytes: the entry is then inflated by fflate instead.
 */
export type InflateRaw = (compressed: Uint8Array, size: number) => Uint8Array;

/** What the central directory says of one entry. */
export interface ZipEntryInfo {
  name: string;
  /** Compressed size in bytes. */
  size: number;
  /** Inflated size in bytes, as declared. */
  originalSize: number;
  /** 0 stored, 8 deflate. */
  compression: number;
}

const b2 = (d: Uint8Array, b: number): number => d[b] | (d[b + 1] << 8);
const b4 = (d: Uint8Array, b: number): number =>
  (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0;
const b8 = (d: Uint8Array, b: number): number => b4(d, b) + b4(d, b + 4) * 4294967296;

const latin1 = (d: Uint8Array): string => {
  let s = "";
  for (let i = 0; i < d.length; i++) s += String.fromCharCode(d[i]);
  return s;
};
const utf8 = new TextDecoder("utf-8");

function bad(message: string): Error {
  return new Error(`invalid zip data (${message})`);
}

/**
 * The entries the filter accepts, inflated: name as written in the archive → bytes. Throws a plain
 * Error on a malformed archive; whatever the filter throws passes through.
 */
export function unzipEntries(
  data: Uint8Array,
  filter: (entry: ZipEntryInfo) => boolean,
  inflateRaw?: InflateRaw,
): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  walkEntries(data, filter, (name, info, start) => {
    const { size, originalSize, compression } = info;
    if (compression === 0) files[name] = data.slice(start, start + size);
    else if (compression === 8)
      files[name] = inflateEntry(data.subarray(start, start + size), originalSize, inflateRaw);
    else throw bad(`unknown compression type ${compression}`);
  });
  return files;
}

/** An entry as stored: what the directory says of it and its bytes, still compressed. */
export interface RawZipEntry {
  info: ZipEntryInfo;
  /** The stored bytes (a view into the archive): deflated when `info.compression` is 8. */
  stored: Uint8Array;
}

/**
 * The entries the filter accepts, not inflated (for a reader that inflates an entry as a stream).
 * Throws as unzipEntries does, an unknown compression type included.
 */
export function rawEntries(
  data: Uint8Array,
  filter: (entry: ZipEntryInfo) => boolean,
): Record<string, RawZipEntry> {
  const out: Record<string, RawZipEntry> = {};
  walkEntries(data, filter, (name, info, start) => {
    if (info.compression !== 0 && info.compression !== 8)
      throw bad(`unknown compression type ${info.compression}`);
    const stored = data.subarray(start, start + info.size);
    if (stored.length !== info.size) throw bad("entry cut short");
    out[name] = { info, stored };
  });
  return out;
}

/** Calls `each` with every entry the filter accepts and the offset of its stored bytes. */
function walkEntries(
  data: Uint8Array,
  filter: (entry: ZipEntryInfo) => boolean,
  each: (name: string, info: ZipEntryInfo, start: number) => void,
): void {
  let e = data.length - 22;
  for (; b4(data, e) !== 0x6054b50; --e) {
    if (!e || data.length - e > 65558 || e < 0) throw bad("no end of central directory");
  }
  let count = b2(data, e + 8);
  if (!count) return;
  let o = b4(data, e + 16);
  let z = b4(data, e - 20) === 0x7064b50;
  if (z) {
    const ze = b4(data, e - 12);
    z = b4(data, ze) === 0x6064b50;
    if (z) {
      count = b4(data, ze + 32);
      o = b4(data, ze + 48);
    }
  }
  for (let i = 0; i < count; ++i) {
    if (o + 46 > data.length) throw bad("central directory cut short");
    const fnl = b2(data, o + 28);
    const efl = b2(data, o + 30);
    const nameBytes = data.subarray(o + 46, o + 46 + fnl);
    const name = b2(data, o + 8) & 2048 ? utf8.decode(nameBytes) : latin1(nameBytes);
    const es = o + 46 + fnl;
    let size = b4(data, o + 20);
    let originalSize = b4(data, o + 24);
    let off = b4(data, o + 42);
    if (z && (size === 4294967295 || originalSize === 4294967295 || off === 4294967295)) {
      const nsc = size === 4294967295 ? 1 : 0;
      const nsu = originalSize === 4294967295 ? 1 : 0;
      const noff = off === 4294967295 ? 1 : 0;
      let found = false;
      for (let b = es; b + 4 < es + efl; b += 4 + b2(data, b + 2)) {
        if (b2(data, b) === 1) {
          if (nsc) size = b8(data, b + 4 + 8 * nsu);
          if (nsu) originalSize = b8(data, b + 4);
          if (noff) off = b8(data, b + 4 + 8 * (nsu + nsc));
          found = true;
          break;
        }
      }
      if (!found) throw bad("zip64 sizes missing");
    }
    const compression = b2(data, o + 10);
    o = es + efl + b2(data, o + 32);
    const info = { name, size, originalSize, compression };
    if (!filter(info)) continue;
    each(name, info, off + 30 + b2(data, off + 26) + b2(data, off + 28));
  }
}

function inflateEntry(compressed: Uint8Array, size: number, fast?: InflateRaw): Uint8Array {
  if (fast) {
    let out: Uint8Array | null;
    try {
      out = fast(compressed, size);
    } catch {
      out = null;
    }
    if (out !== null && out.length <= size) return out;
  }
  return inflateSync(compressed, { out: new Uint8Array(size) });
}
