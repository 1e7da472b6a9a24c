/**
 * A fast, values-only .xlsx reader.
 *
 * Only the parts needed for cell values are inflated (workbook, its relationships, the shared
 * strings and the sheet asked for), and the XML is scanned with indexOf / charCode loops rather
 * than a DOM parser. Element names are matched by local name, so prefixed markup (`<x:c>`) reads
 * the same as the usual unprefixed one. Styles are ignored: numbers, dates included, come back as
 * the serials the cells hold.
 *
 * A sheet's XML is scanned in its UTF-8 bytes, in pieces cut after a `</row>`, and only the text
 * that is kept is decoded (see "Sheet: scanned as bytes"). `readSheetCellsAsync` reads the part
 * as a stream inflater hands it over, so a full sheet's 400 MB part is never held whole.
 */

import type { CellValue } from "../sheet/grid";
import { ColumnStore, putInRows } from "./columns";
import { InputError } from "./errors";
import { ioError } from "./messages";
import {
  rawEntries,
  unzipEntries,
  type InflateRaw,
  type RawZipEntry,
  type ZipEntryInfo,
} from "./zip";

/** Something wrong in a sheet's XML, at a 1-based row (a problem on import). */
export interface XlsxNote {
  code:
    | "file.outsideGrid"
    | "file.badSharedString"
    | "file.badNumber"
    | "file.moreProblems"
    | "file.truncated"
    | "sheet.duplicateName";
  row: number;
  params: Record<string, string | number>;
}

/** Excel's grid: 1,048,576 rows by 16,384 columns (A…XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;
/** Notes kept per sheet; the rest are counted in the last one. */
const MAX_NOTES = 200;

export interface XlsxBook {
  /**
   * Sheet names in workbook order (chart sheets included; they read as empty). A name the
   * workbook repeats (Excel forbids it; a hand-made file may not) is given once as written and
   * then as `name (2)`, … so that every sheet part is read once.
   */
  sheetNames: string[];
  /** True when the workbook uses the 1904 date system (serials count days from 1904-01-01). */
  date1904: boolean;
  /** The sheet's values: `rows[r][c]` is the cell at row r + 1, column c + 1. */
  readSheet(name: string): CellValue[][];
  /** The values and what was wrong in the sheet's XML. */
  readSheetNotes(name: string): { rows: CellValue[][]; notes: XlsxNote[] };
  /** The same, the values held column by column (see ColumnStore): for large sheets. */
  readSheetCells(name: string): { cells: ColumnStore; notes: XlsxNote[] };
  /**
   * As readSheetCells, the sheet's part inflated as a stream by `inflateRawStream` (when given)
   * and read as it comes; the same cells and notes, the same errors.
   */
  readSheetCellsAsync(name: string): Promise<{ cells: ColumnStore; notes: XlsxNote[] }>;
}

const utf8 = new TextDecoder("utf-8");

/** Bytes of sheet XML scanned at a time (each piece cut after a `</row>`). */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Bytes of a sheet part inflated as a stream gathered before they are scanned. */
const FEED_BYTES = 2 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Zip access

/**
 * The most one part may inflate to (512 MiB, about two million rows of ordinary invoices), and
 * the most one part may inflate to per byte stored (deflate cannot do better than about 1032:1;
 * a part claiming more is not honest). Both are checked on the sizes the zip declares, before
 * anything is inflated: a 19 MB file that would inflate to a 5 GB sheet is refused, not read.
 */
export const MAX_PART_BYTES = 512 * 1024 * 1024;
const MAX_RATIO = 1100;

function inflateParts(
  data: Uint8Array,
  paths: string[],
  inflateRaw?: InflateRaw,
): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipEntries(data, partFilter(paths), inflateRaw);
  } catch (e) {
    if (e instanceof RangeError || e instanceof InputError) throw e; // out of memory, a bomb
    throw ioError("corrupt");
  }
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(files)) out.set(normalEntryName(name), files[name]);
  return out;
}

/** Accepts the entries of the given parts, refusing one too large or too compressed. */
function partFilter(paths: string[]): (f: ZipEntryInfo) => boolean {
  const wanted = new Set(paths.map((p) => p.toLowerCase()));
  return (f) => {
    if (!wanted.has(normalEntryName(f.name))) return false;
    const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
    if (f.originalSize > MAX_PART_BYTES)
      throw ioError("partTooLarge", {
        part: f.name,
        size: mb(f.originalSize),
        max: mb(MAX_PART_BYTES),
      });
    if (f.originalSize > 1048576 && f.originalSize > MAX_RATIO * Math.max(1, f.size))
      throw ioError("partRatio", {
        part: f.name,
        ratio: Math.round(f.originalSize / Math.max(1, f.size)),
      });
    return true;
  };
}

/**
 * The one entry of a part, still compressed, for inflating as a stream; null when the archive
 * does not hold it exactly once or anything about it is wrong (the whole-part path then reads it
 * and says what is wrong, as it always did).
 */
function storedPart(data: Uint8Array, path: string): RawZipEntry | null {
  try {
    const found = Object.values(rawEntries(data, partFilter([path])));
    return found.length === 1 ? found[0] : null;
  } catch {
    return null;
  }
}

function normalEntryName(name: string): string {
  let n = name.replace(/\\/g, "/").toLowerCase();
  if (n.charCodeAt(0) === 47) n = n.slice(1);
  return n;
}

/** The zip path of a relationship target, relative to `baseDir` ("xl/") unless absolute. */
function resolveTarget(baseDir: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  if (/%[0-9a-f]{2}/i.test(t)) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // keep as written
    }
  }
  const parts = (t.charCodeAt(0) === 47 ? t.slice(1) : baseDir + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

// ---------------------------------------------------------------------------------------------
// Shared XML scanning helpers

// Results of nextAttr (module state keeps the per-cell path free of allocations).
let attrName = 0;
let attrNameLen = 0;
let attrVal = 0;
let attrValEnd = 0;
let tagEnd = 0;

/**
 * Reads the start tag attribute at or after `k`. Returns the index after it, or -1 at the end of
 * the tag, having set `tagEnd` (index after `>`).
 */
function nextAttr(s: string, k: number): number {
  const n = s.length;
  let c = s.charCodeAt(k);
  while (c <= 32 && k < n) c = s.charCodeAt(++k);
  if (c === 62) {
    tagEnd = k + 1;
    return -1;
  }
  if (c === 47 || k >= n) {
    const gt = s.charCodeAt(k + 1) === 62 ? k + 1 : s.indexOf(">", k);
    tagEnd = gt < 0 ? n : gt + 1;
    return -1;
  }
  attrName = k;
  while (c !== 61 && c > 32 && k < n) c = s.charCodeAt(++k);
  attrNameLen = k - attrName;
  while (c !== 34 && c !== 39 && k < n) c = s.charCodeAt(++k);
  if (k >= n) {
    tagEnd = n;
    return -1;
  }
  attrVal = k + 1;
  const quote = c;
  do c = s.charCodeAt(++k);
  while (c !== quote && k < n);
  attrValEnd = k;
  if (k >= n) {
    tagEnd = n;
    return -1;
  }
  return attrValEnd + 1;
}

// Results of scanTag.
let nameStart = 0;
let nameEnd = 0;

/**
 * For the tag opening at `lt` (`<`), sets nameStart/nameEnd to its local name (any `prefix:`
 * skipped; a closing tag's `/` skipped too).
 */
function scanTag(s: string, lt: number, closing: boolean): void {
  let n0 = closing ? lt + 2 : lt + 1;
  let k = n0;
  let c = s.charCodeAt(k);
  while (c > 32 && c !== 62 && c !== 47) {
    if (c === 58) n0 = k + 1;
    c = s.charCodeAt(++k);
  }
  nameStart = n0;
  nameEnd = k;
}

function nameIs(s: string, name: string): boolean {
  return nameEnd - nameStart === name.length && s.startsWith(name, nameStart);
}

/** Index after the `-->` / `?>` / `>` ending a comment, processing instruction or declaration. */
function skipSpecial(s: string, lt: number): number {
  const end = s.startsWith("!--", lt + 1) ? s.indexOf("-->", lt + 4) + 3 : s.indexOf(">", lt) + 1;
  return end <= 2 ? s.length : end;
}

interface Tag {
  attrs: Record<string, string>;
}

/** Every start tag with the given local name, with its attributes (for the small parts). */
function startTags(s: string, local: string): Tag[] {
  const out: Tag[] = [];
  let i = 0;
  for (;;) {
    const lt = s.indexOf("<", i);
    if (lt < 0) return out;
    const c = s.charCodeAt(lt + 1);
    if (c === 33 || c === 63) {
      i = skipSpecial(s, lt);
      continue;
    }
    if (c === 47) {
      i = lt + 2;
      continue;
    }
    scanTag(s, lt, false);
    if (!nameIs(s, local)) {
      i = nameEnd;
      continue;
    }
    const attrs: Record<string, string> = Object.create(null);
    let k = nameEnd;
    for (;;) {
      k = nextAttr(s, k);
      if (k < 0) break;
      attrs[s.slice(attrName, attrName + attrNameLen)] = decodeText(s, attrVal, attrValEnd);
    }
    out.push({ attrs });
    i = tagEnd;
  }
}

/** The value of an attribute by local name (`r:id`, `x:id` → "id"), or undefined. */
function attrByLocal(attrs: Record<string, string>, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const key of Object.keys(attrs)) {
    const colon = key.indexOf(":");
    if (colon >= 0 && key.slice(colon + 1) === local && key.slice(0, colon) !== "xmlns") {
      return attrs[key];
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Text

/** XML text between a and b: line ends normalised, entities and OOXML `_xHHHH_` escapes decoded. */
function decodeText(s: string, a: number, b: number): string {
  return cleanText(s.slice(a, b));
}

/** Text with line ends normalised, entities and OOXML `_xHHHH_` escapes decoded. */
function cleanText(text: string): string {
  let t = text;
  if (t.indexOf("\r") >= 0) t = t.replace(/\r\n?/g, "\n");
  if (t.indexOf("&") >= 0) t = decodeEntities(t);
  if (t.indexOf("_x") >= 0) {
    t = t.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return t;
}

function decodeEntities(t: string): string {
  let out = "";
  let i = 0;
  for (;;) {
    const amp = t.indexOf("&", i);
    if (amp < 0) return out + t.slice(i);
    const semi = t.indexOf(";", amp + 1);
    let rep: string | undefined;
    if (semi > amp + 1 && semi - amp <= 12) {
      const name = t.slice(amp + 1, semi);
      if (name.charCodeAt(0) === 35) {
        const x = name.charCodeAt(1);
        const digits = x === 120 || x === 88 ? name.slice(2) : name.slice(1);
        const cp = x === 120 || x === 88 ? Number("0x" + digits) : Number(digits);
        if (/^[0-9a-fA-F]+$/.test(digits) && Number.isInteger(cp) && cp <= 0x10ffff) {
          rep = String.fromCodePoint(cp);
        }
      } else {
        switch (name) {
          case "amp":
            rep = "&";
            break;
          case "lt":
            rep = "<";
            break;
          case "gt":
            rep = ">";
            break;
          case "quot":
            rep = '"';
            break;
          case "apos":
            rep = "'";
            break;
        }
      }
    }
    if (rep === undefined) {
      out += t.slice(i, amp + 1);
      i = amp + 1;
    } else {
      out += t.slice(i, amp) + rep;
      i = semi + 1;
    }
  }
}

let richEnd = 0;

/**
 * The text of a rich-text container (`<si>` / `<is>`) whose content starts at j: the `<t>` runs
 * concatenated, phonetic `<rPh>` runs left out. Sets richEnd to the index after `</term>`.
 */
function richText(s: string, j: number, term: string): string {
  const n = s.length;
  let out = "";
  let phonetic = 0;
  for (;;) {
    const lt = s.indexOf("<", j);
    if (lt < 0) {
      richEnd = n;
      return out;
    }
    const c = s.charCodeAt(lt + 1);
    if (c === 33 || c === 63) {
      j = skipSpecial(s, lt);
      continue;
    }
    const closing = c === 47;
    scanTag(s, lt, closing);
    const gt = s.indexOf(">", nameEnd);
    const after = gt < 0 ? n : gt + 1;
    if (closing) {
      if (nameIs(s, term)) {
        richEnd = after;
        return out;
      }
      if (nameIs(s, "rPh")) phonetic--;
      j = after;
      continue;
    }
    j = after;
    if (s.charCodeAt(gt - 1) === 47) continue; // self-closing: <t/>, <rPh/>, …
    if (nameIs(s, "rPh")) phonetic++;
    else if (phonetic === 0 && nameEnd - nameStart === 1 && s.charCodeAt(nameStart) === 116) {
      let e = s.indexOf("<", after);
      if (e < 0) e = n;
      out += decodeText(s, after, e);
      j = e;
    }
  }
}

function parseSharedStrings(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const lt = s.indexOf("<", i);
    if (lt < 0) return out;
    const c = s.charCodeAt(lt + 1);
    if (c === 33 || c === 63) {
      i = skipSpecial(s, lt);
      continue;
    }
    if (c === 47) {
      i = lt + 2;
      continue;
    }
    scanTag(s, lt, false);
    if (!nameIs(s, "si")) {
      i = nameEnd;
      continue;
    }
    const gt = s.indexOf(">", nameEnd);
    if (gt < 0) return out;
    if (s.charCodeAt(gt - 1) === 47) {
      out.push("");
      i = gt + 1;
    } else {
      const plain = plainSi(s, gt + 1);
      out.push(plain ?? richText(s, gt + 1, "si"));
      i = richEnd;
    }
  }
}

/**
 * The text of an `<si>` whose content starting at j is one plain run, `<t>…</t></si>` or
 * `<t xml:space="preserve">…</t></si>` (what writers almost always write), setting richEnd as
 * richText does; null for anything else, which richText then reads. A million strings read
 * without richText's general walk.
 */
function plainSi(s: string, j: number): string | null {
  if (s.charCodeAt(j) !== 60 || s.charCodeAt(j + 1) !== 116) return null;
  const c = s.charCodeAt(j + 2);
  if (c !== 62 && !(c <= 32)) return null;
  const gt = c === 62 ? j + 2 : s.indexOf(">", j + 2);
  if (gt < 0 || s.charCodeAt(gt - 1) === 47) return null;
  const e = s.indexOf("<", gt + 1);
  if (e < 0 || !s.startsWith("</t></si>", e)) return null;
  richEnd = e + 9;
  return decodeText(s, gt + 1, e);
}

// ---------------------------------------------------------------------------------------------
// Dates

const MS_PER_DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const ISO_TIME = /^T?(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function dayFraction(h?: string, m?: string, sec?: string, frac?: string): number {
  const seconds =
    Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(sec ?? 0) + Number(frac ?? 0);
  return seconds / 86400;
}

/**
 * The serial of an ISO 8601 `t="d"` cell in the workbook's date system (the 1900 system keeps
 * Excel's fictitious 1900-02-29, so dates before March 1900 are one lower). Null if unparsable.
 */
export function isoToSerial(text: string, date1904: boolean): number | null {
  const t = text.trim();
  const d = ISO_DATE.exec(t);
  if (d) {
    const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    let days = Math.round((ms - (date1904 ? EPOCH_1904 : EPOCH_1900)) / MS_PER_DAY);
    if (!date1904 && days > 0 && days < 61) days -= 1;
    return days + dayFraction(d[4], d[5], d[6], d[7]);
  }
  const tm = ISO_TIME.exec(t);
  if (tm) return dayFraction(tm[1], tm[2], tm[3], tm[4]);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Sheet: scanned as bytes
//
// A sheet part is scanned in its UTF-8 bytes, not decoded to a string first: decoding a full
// sheet (400 MB) cost about half a second, and almost none of its text is kept (numbers and
// shared-string indexes are read from the digits). Every delimiter XML uses is ASCII and no byte
// of a multi-byte UTF-8 character is below 128, so a position found in the bytes is the position
// the decoded text had, and the scan reads the same tags, attributes and values the string scan
// did. Only text that is kept (inline strings, `t="str"`, errors, dates, a bad number or index
// for a note) is decoded, from exactly the bytes it spans.

/** Decodes a piece of a sheet: a byte-order mark inside text is text, as it was in the part. */
const utf8Text = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of the UTF-8 bytes b[a, e). Short ASCII runs are built directly (no decoder call). */
function textOf(b: Uint8Array, a: number, e: number): string {
  if (e - a <= 32) {
    let s = "";
    for (let k = a; k < e; k++) {
      const c = b[k];
      if (c >= 128) return utf8Text.decode(b.subarray(a, e));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8Text.decode(b.subarray(a, e));
}

/** As decodeText, on the bytes b[a, e). */
function decodeBytes(b: Uint8Array, a: number, e: number): string {
  return cleanText(textOf(b, a, e));
}

/** The first 20 characters of the text in b[a, e) (a value quoted in a note). */
function head20(b: Uint8Array, a: number, e: number): string {
  // 80 bytes hold at least 20 characters whole (at most 4 bytes for 2 UTF-16 units).
  return textOf(b, a, Math.min(e, a + 80)).slice(0, 20);
}

/** Index of the ASCII sequence `seq` in b at or after from, or -1 (as String indexOf). */
function indexOfSeq(b: Uint8Array, seq: string, from: number): number {
  const first = seq.charCodeAt(0);
  const m = seq.length;
  for (let i = b.indexOf(first, from); i >= 0; i = b.indexOf(first, i + 1)) {
    let k = 1;
    while (k < m && b[i + k] === seq.charCodeAt(k)) k++;
    if (k === m) return i;
  }
  return -1;
}

/** As skipSpecial, on bytes. */
function skipSpecialBytes(b: Uint8Array, lt: number): number {
  const comment = b[lt + 1] === 33 && b[lt + 2] === 45 && b[lt + 3] === 45;
  const end = comment ? indexOfSeq(b, "-->", lt + 4) + 3 : b.indexOf(62, lt) + 1;
  return end <= 2 ? b.length : end;
}

// Results of scanTagBytes.
let bNameStart = 0;
let bNameEnd = 0;

/** As scanTag, on bytes: the local name of the tag whose name (prefix included) starts at n0. */
function scanTagBytes(b: Uint8Array, n0: number): void {
  let k = n0;
  let c = b[k];
  while (c > 32 && c !== 62 && c !== 47) {
    if (c === 58) n0 = k + 1;
    c = b[++k];
  }
  bNameStart = n0;
  bNameEnd = k;
}

/** Whether the local name scanTagBytes found is `name` (ASCII). */
function bNameIs(b: Uint8Array, name: string): boolean {
  if (bNameEnd - bNameStart !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (b[bNameStart + k] !== name.charCodeAt(k)) return false;
  return true;
}

// Results of nextAttrBytes.
let bAttrName = 0;
let bAttrNameLen = 0;
let bAttrVal = 0;
let bAttrValEnd = 0;
let bTagEnd = 0;

/** As nextAttr, on bytes. */
function nextAttrBytes(b: Uint8Array, k: number): number {
  const n = b.length;
  let c = b[k];
  while (c <= 32 && k < n) c = b[++k];
  if (c === 62) {
    bTagEnd = k + 1;
    return -1;
  }
  if (c === 47 || k >= n) {
    const gt = b[k + 1] === 62 ? k + 1 : b.indexOf(62, k);
    bTagEnd = gt < 0 ? n : gt + 1;
    return -1;
  }
  bAttrName = k;
  while (c !== 61 && c > 32 && k < n) c = b[++k];
  bAttrNameLen = k - bAttrName;
  while (c !== 34 && c !== 39 && k < n) c = b[++k];
  if (k >= n) {
    bTagEnd = n;
    return -1;
  }
  bAttrVal = k + 1;
  const quote = c;
  do c = b[++k];
  while (c !== quote && k < n);
  bAttrValEnd = k;
  if (k >= n) {
    bTagEnd = n;
    return -1;
  }
  return bAttrValEnd + 1;
}

let bRichEnd = 0;

/** As richText, on bytes (each `<t>` run decoded from its own bytes). */
function richTextBytes(b: Uint8Array, j: number, term: string): string {
  const n = b.length;
  let out = "";
  let phonetic = 0;
  for (;;) {
    const lt = b.indexOf(60, j);
    if (lt < 0) {
      bRichEnd = n;
      return out;
    }
    const c = b[lt + 1];
    if (c === 33 || c === 63) {
      j = skipSpecialBytes(b, lt);
      continue;
    }
    const closing = c === 47;
    scanTagBytes(b, closing ? lt + 2 : lt + 1);
    const gt = b.indexOf(62, bNameEnd);
    const after = gt < 0 ? n : gt + 1;
    if (closing) {
      if (bNameIs(b, term)) {
        bRichEnd = after;
        return out;
      }
      if (bNameIs(b, "rPh")) phonetic--;
      j = after;
      continue;
    }
    j = after;
    if (b[gt - 1] === 47) continue; // self-closing: <t/>, <rPh/>, …
    if (bNameIs(b, "rPh")) phonetic++;
    else if (phonetic === 0 && bNameEnd - bNameStart === 1 && b[bNameStart] === 116) {
      let e = b.indexOf(60, after);
      if (e < 0) e = n;
      out += decodeBytes(b, after, e);
      j = e;
    }
  }
}

/** Set by parseNumber: the text was a plain decimal (so a valid XML number, no check needed). */
let plainNumber = false;

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number written in b[a, e). Plain decimals of up to 15 digits are computed directly (an
 * integer divided by an exact power of ten rounds correctly, so this equals Number()); anything
 * else goes through Number(). NaN if it is not a number.
 */
function parseNumber(b: Uint8Array, a: number, e: number): number {
  plainNumber = false;
  let i = a;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else break;
  }
  if (i < e || digits === 0 || digits > 15) {
    const t = textOf(b, a, e).trim();
    return t === "" ? NaN : Number(t);
  }
  plainNumber = true;
  const v = scale > 0 ? m / POW10[scale] : m;
  return neg ? -v : v;
}

const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

/** XML white space (all of which trim() removes too). */
function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** `A1` for a 0-based row and column (for notes). */
function cellName(r: number, c: number): string {
  let letters = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${r + 1}`;
}

/** A plain decimal number as XML Schema writes it (no hex, no Infinity, no spaces inside). */
const XML_NUMBER = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

class SheetReader {
  readonly rows: CellValue[][] = [];
  /** When set, values go here instead of `rows`. */
  store: ColumnStore | null = null;
  readonly notes: XlsxNote[] = [];
  private dropped = 0;
  /** 0-based index of the current row. */
  private row = 0;
  /** 0-based column of the last cell read in the current row. */
  private col = -1;

  get strings(): readonly string[] {
    return this.sst;
  }

  constructor(
    private readonly sst: string[],
    private readonly date1904: boolean,
  ) {}

  note(row: number, code: XlsxNote["code"], params: XlsxNote["params"]): void {
    if (this.notes.length < MAX_NOTES) this.notes.push({ code, row, params });
    else this.dropped++;
  }

  /** The notes, the ones beyond the cap counted in a last one. */
  allNotes(): XlsxNote[] {
    if (!this.dropped) return this.notes;
    const last = this.notes[this.notes.length - 1];
    return [
      ...this.notes,
      { code: "file.moreProblems", row: last.row, params: { count: this.dropped } },
    ];
  }

  /** Rows read so far (for the note on a sheet cut short). */
  get rowCount(): number {
    return this.store ? this.store.rowCount : this.rows.length;
  }

  private put(r: number, c: number, v: CellValue): void {
    if (this.store !== null) {
      this.store.put(r, c, v);
      return;
    }
    putInRows(this.rows, r, c, v);
  }

  /**
   * Reads the cells in a piece of `<sheetData>` content, its UTF-8 bytes (state carries over
   * between pieces).
   */
  scan(b: Uint8Array): void {
    let i = 0;
    for (;;) {
      const lt = b[i] === 60 ? i : b.indexOf(60, i);
      if (lt < 0) return;
      const c = b[lt + 1];
      if (c === 47) {
        i = lt + 2;
        continue;
      }
      if (c === 33 || c === 63) {
        i = skipSpecialBytes(b, lt);
        continue;
      }
      const d = b[lt + 2];
      if (c === 99 && !(d > 32 && d !== 62 && d !== 47)) {
        i = this.cell(b, lt + 2); // `<c …`, the tag of most of the sheet, named as scanTag would
        continue;
      }
      scanTagBytes(b, lt + 1);
      const len = bNameEnd - bNameStart;
      const first = b[bNameStart];
      if (len === 1 && first === 99) i = this.cell(b, bNameEnd);
      else if (len === 3 && first === 114 && b[bNameStart + 1] === 111 && b[bNameStart + 2] === 119)
        i = this.rowStart(b, bNameEnd);
      else i = bNameEnd;
    }
  }

  private rowStart(b: Uint8Array, k: number): number {
    let r = -1;
    for (;;) {
      k = nextAttrBytes(b, k);
      if (k < 0) break;
      if (bAttrNameLen === 1 && b[bAttrName] === 114) {
        let v = 0;
        for (let j = bAttrVal; j < bAttrValEnd && v <= MAX_ROWS; j++) {
          const d = b[j] - 48;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        if (v > MAX_ROWS) {
          this.note(MAX_ROWS, "file.outsideGrid", {
            cell: `<row r="${head20(b, bAttrVal, bAttrValEnd)}">`,
          });
          r = MAX_ROWS; // out of the grid: its cells are dropped
        } else if (v > 0) r = v - 1;
      }
    }
    this.row = r >= 0 ? r : this.row + 1;
    this.col = -1;
    return bTagEnd;
  }

  private cell(b: Uint8Array, k: number): number {
    let col = -1;
    let type = T_N;
    let outside: string | null = null;
    // The attributes, read as nextAttrBytes reads them, inlined: this loop runs for every cell of
    // the sheet (eleven million in a full one), and locals cost less than the shared results.
    const n = b.length;
    let tagEnd = n;
    let selfClosing = true;
    for (;;) {
      let c = b[k];
      while (c <= 32 && k < n) c = b[++k];
      if (c === 62) {
        tagEnd = k + 1;
        selfClosing = false;
        break;
      }
      if (c === 47 || k >= n) {
        const gt = b[k + 1] === 62 ? k + 1 : b.indexOf(62, k);
        tagEnd = gt < 0 ? n : gt + 1;
        selfClosing = c === 47;
        break;
      }
      const attrName = k;
      while (c !== 61 && c > 32 && k < n) c = b[++k];
      const nameLen = k - attrName;
      while (c !== 34 && c !== 39 && k < n) c = b[++k];
      if (k >= n) break; // tagEnd n, self-closing
      const attrVal = k + 1;
      const quote = c;
      do c = b[++k];
      while (c !== quote && k < n);
      const attrValEnd = k;
      if (k >= n) break;
      k++;
      if (nameLen !== 1) continue;
      const a = b[attrName];
      if (a === 114) {
        // r="AB12": column letters, then the row number
        let j = attrVal;
        let letters = 0;
        let ch = b[j];
        while (j < attrValEnd && ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122))) {
          if (letters <= MAX_COLUMNS) letters = letters * 26 + ((ch | 32) - 96);
          ch = b[++j];
        }
        let rowNum = 0;
        while (j < attrValEnd && ch >= 48 && ch <= 57) {
          if (rowNum <= MAX_ROWS) rowNum = rowNum * 10 + ch - 48;
          ch = b[++j];
        }
        if (letters > MAX_COLUMNS || rowNum > MAX_ROWS) {
          outside = head20(b, attrVal, attrValEnd);
        } else {
          if (letters > 0) col = letters - 1;
          if (rowNum > 0) this.row = rowNum - 1;
        }
      } else if (a === 116) {
        const f = b[attrVal];
        const len = attrValEnd - attrVal;
        if (f === 115) type = len === 1 ? T_S : T_STR;
        else if (f === 105) type = T_INLINE;
        else if (f === 98) type = T_B;
        else if (f === 101) type = T_E;
        else if (f === 100) type = T_D;
        else type = T_N;
      }
    }
    if (col < 0) col = this.col + 1;
    this.col = col;
    if (outside === null && (col >= MAX_COLUMNS || this.row >= MAX_ROWS))
      outside = cellName(this.row, col);
    if (outside !== null) {
      // Not a cell of Excel's grid: noted, its content skipped.
      this.note(Math.min(this.row + 1, MAX_ROWS), "file.outsideGrid", { cell: outside });
      this.col = Math.min(col, MAX_COLUMNS);
      if (selfClosing) return tagEnd;
      const close = indexOfSeq(b, "</", tagEnd);
      let end = indexOfSeq(b, "</c>", tagEnd);
      if (end < 0) end = close < 0 ? b.length : close;
      return end < 0 ? b.length : end;
    }
    if (selfClosing) return tagEnd;

    // Content: <f>…</f>, <v>…</v>, <is>…</is>, up to </c>.
    let j = tagEnd;
    let vs = -1;
    let ve = -1;
    let inline: string | null = null;
    let done = false;
    // Fast path for the usual `<v>…</v></c>`.
    if (b[j] === 60 && b[j + 1] === 118 && b[j + 2] === 62) {
      let e = j + 3;
      while (e < n && b[e] !== 60) e++;
      if (
        b[e + 1] === 47 &&
        b[e + 2] === 118 &&
        b[e + 3] === 62 &&
        b[e + 4] === 60 &&
        b[e + 5] === 47 &&
        b[e + 6] === 99 &&
        b[e + 7] === 62
      ) {
        vs = j + 3;
        ve = e;
        j = e + 8;
        done = true;
      }
    }
    while (!done) {
      const lt = b[j] === 60 ? j : b.indexOf(60, j);
      if (lt < 0) {
        j = n;
        break;
      }
      const c = b[lt + 1];
      if (c === 33 || c === 63) {
        j = skipSpecialBytes(b, lt);
        continue;
      }
      const closing = c === 47;
      scanTagBytes(b, closing ? lt + 2 : lt + 1);
      const nameEnd = bNameEnd;
      const len = nameEnd - bNameStart;
      const first = b[bNameStart];
      if (closing) {
        const gt = b[nameEnd] === 62 ? nameEnd : b.indexOf(62, nameEnd);
        j = gt < 0 ? n : gt + 1;
        if (len === 1 && first === 99) break;
        continue;
      }
      if (len === 1 && first === 118) {
        const gt = b[nameEnd] === 62 ? nameEnd : b.indexOf(62, nameEnd);
        if (gt < 0) {
          j = n;
          break;
        }
        if (b[gt - 1] === 47) {
          j = gt + 1;
          continue;
        }
        vs = gt + 1;
        ve = vs;
        while (ve < n && b[ve] !== 60) ve++;
        j = ve;
        continue;
      }
      if (len === 2 && first === 105 && b[bNameStart + 1] === 115) {
        const gt = b.indexOf(62, nameEnd);
        if (gt < 0) {
          j = n;
          break;
        }
        if (b[gt - 1] === 47) {
          inline = "";
          j = gt + 1;
        } else {
          inline = richTextBytes(b, gt + 1, "is");
          j = bRichEnd;
        }
        continue;
      }
      j = nameEnd; // <f>, <extLst>, …: their text holds no '<', so scanning on is safe
    }

    let v: CellValue = null;
    // The shared-string index of a `t="s"` cell, else -1.
    let shared = -1;
    switch (type) {
      case T_N:
        if (ve > vs) {
          let num = parseNumber(b, vs, ve);
          if (plainNumber && this.store !== null) {
            // Straight into its column: no boxed number on the way.
            this.store.putNumber(this.row, col, num);
            return j;
          }
          if (
            !plainNumber &&
            !Number.isNaN(num) &&
            !(Number.isFinite(num) && XML_NUMBER.test(textOf(b, vs, ve)))
          )
            num = NaN; // hex (0x1F), Infinity, …: what Number() takes and XML does not
          v = Number.isNaN(num) ? decodeBytes(b, vs, ve) : num;
          if (Number.isNaN(num))
            this.note(this.row + 1, "file.badNumber", {
              cell: cellName(this.row, col),
              value: String(v).slice(0, 20),
            });
        } else if (inline !== null) v = inline;
        break;
      case T_S:
        if (ve > vs) {
          // The index: 1 to 9 digits (white space around them allowed), read without a new string.
          let a = vs;
          let e = ve;
          while (a < e && isXmlSpace(b[a])) a++;
          while (e > a && isXmlSpace(b[e - 1])) e--;
          let idx = e > a && e - a <= 9 ? 0 : -1;
          for (let k = a; k < e && idx >= 0; k++) {
            const d = b[k] - 48;
            idx = d >= 0 && d <= 9 ? idx * 10 + d : -1;
          }
          if (idx < 0) {
            // Not plain digits: as trim() and the pattern read it (other white space, or bad).
            const t = textOf(b, vs, ve).trim();
            idx = /^\d{1,9}$/.test(t) ? Number(t) : -1;
          }
          const str = idx >= 0 ? this.sst[idx] : undefined;
          v = str === undefined ? null : str;
          if (str !== undefined) shared = idx;
          else
            this.note(this.row + 1, "file.badSharedString", {
              cell: cellName(this.row, col),
              value: textOf(b, vs, ve).trim().slice(0, 20),
              count: this.sst.length,
            });
        }
        break;
      case T_STR:
        v = vs >= 0 ? decodeBytes(b, vs, ve) : inline;
        break;
      case T_INLINE:
        v = inline !== null ? inline : vs >= 0 ? decodeBytes(b, vs, ve) : null;
        break;
      case T_B:
        if (ve > vs) {
          const c = b[vs];
          v = c === 49 || c === 116 || c === 84; // "1", "true", "TRUE"
        }
        break;
      case T_E:
        if (ve > vs) v = { error: decodeBytes(b, vs, ve).trim() };
        break;
      case T_D:
        if (ve > vs) {
          const text = decodeBytes(b, vs, ve);
          const serial = isoToSerial(text, this.date1904);
          v = serial === null ? text : serial;
        }
        break;
    }
    if (v !== null) {
      // A shared string goes into the column store by its index (the import reads it so).
      if (shared >= 0 && this.store !== null) this.store.putShared(this.row, col, shared);
      else this.put(this.row, col, v);
    }
    return j;
  }
}

// Byte-level helpers for cutting the sheet XML into chunks.

/** Whether a "sheetData" tag name (prefixed or not) starts at i. */
function isSheetDataAt(b: Uint8Array, i: number): boolean {
  const pat = "sheetData";
  const before = b[i - 1];
  if (i === 0 || (before !== 60 && before !== 58 && before !== 47)) return false;
  for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat.charCodeAt(k)) return false;
  const after = b[i + pat.length];
  return after === 62 || after === 47 || after <= 32;
}

/** Index of the first (or last, down to from) "sheetData" tag name, or -1. */
function findSheetData(b: Uint8Array, from: number, last: boolean): number {
  if (!last) {
    for (let i = b.indexOf(0x73, from); i >= 0; i = b.indexOf(0x73, i + 1)) {
      if (isSheetDataAt(b, i)) return i;
    }
    return -1;
  }
  for (let i = b.lastIndexOf(0x73); i >= from && i > 0; i = b.lastIndexOf(0x73, i - 1)) {
    if (isSheetDataAt(b, i)) return i;
  }
  return -1;
}

/** Index just after the last `</row>` (or `</x:row>`) ending in [lo, hi), or -1. */
function lastRowEnd(b: Uint8Array, lo: number, hi: number): number {
  let g = hi;
  for (;;) {
    g = b.lastIndexOf(62, g - 1);
    if (g < lo + 5) return -1;
    if (isRowClose(b, g)) return g + 1;
  }
}

/** Index just after the first `</row>` ending at or after from, before hi, or -1. */
function nextRowEnd(b: Uint8Array, from: number, hi: number): number {
  let g = from;
  for (;;) {
    g = b.indexOf(62, g);
    if (g < 0 || g >= hi) return -1;
    if (g >= 5 && isRowClose(b, g)) return g + 1;
    g++;
  }
}

/** Whether the `>` at g closes a `</row>` / `</prefix:row>` tag. */
function isRowClose(b: Uint8Array, g: number): boolean {
  if (b[g - 1] !== 119 || b[g - 2] !== 111 || b[g - 3] !== 114) return false;
  let k = g - 4;
  if (b[k] === 58) {
    const stop = Math.max(0, k - 32);
    while (k > stop && b[k] !== 47 && b[k] > 32 && b[k] !== 62 && b[k] !== 60) k--;
  }
  return b[k] === 47 && b[k - 1] === 60;
}

function readSheetXml(xml: Uint8Array, reader: SheetReader): void {
  const open = findSheetData(xml, 0, false);
  if (open < 0) return;
  const gt = xml.indexOf(62, open);
  if (gt < 0 || xml[gt - 1] === 47) return; // <sheetData/>
  let end = xml.length;
  const close = findSheetData(xml, gt, true);
  let closed = false;
  if (close > gt) {
    const lt = xml.lastIndexOf(60, close);
    if (lt > gt) {
      end = lt;
      closed = true;
    }
  }
  scanRange(xml, gt + 1, end, reader);
  if (!closed) noteTruncated(reader);
}

/** Scans xml[pos, end) in pieces of about CHUNK_BYTES, each cut after a `</row>`. */
function scanRange(xml: Uint8Array, pos: number, end: number, reader: SheetReader): void {
  while (pos < end) {
    let cut = pos + CHUNK_BYTES;
    if (cut >= end) cut = end;
    else {
      let at = lastRowEnd(xml, pos, cut);
      if (at < 0) at = nextRowEnd(xml, cut, end);
      cut = at < 0 ? end : at;
    }
    reader.scan(xml.subarray(pos, cut));
    pos = cut;
  }
}

/** A cut-off file: the rows after the cut are gone, and nothing says how many. */
function noteTruncated(reader: SheetReader): void {
  reader.note(Math.max(1, reader.rowCount), "file.truncated", { row: reader.rowCount });
}

/**
 * Reads a sheet part handed over in pieces as it is inflated, as readSheetXml reads the whole
 * part: the bytes before `<sheetData>` are skipped, the rows are scanned in pieces cut after a
 * `</row>` as they come, and the last piece is read as readSheetXml reads the end of the part.
 * Only some `FEED_BYTES` of the part are held at a time (a full sheet's part is 400 MB).
 *
 * What readSheetXml decides from the whole part, the stream cannot always decide from what it
 * has seen: `finish` returns false when the end of the part has no `sheetData` tag after rows
 * already scanned (a cut-off or odd file), and the caller then reads the part whole.
 */
class SheetFeed {
  private buf: Uint8Array;
  private len = 0;
  /** 0 looking for `<sheetData>`, 1 in its rows, 2 nothing to read (`<sheetData/>`). */
  private state = 0;
  private searched = 0;
  /** Whether some rows were scanned before the end was seen. */
  private scanned = false;

  /** `size`: the part's declared size (a small part needs no larger buffer). */
  constructor(
    private readonly reader: SheetReader,
    size: number,
  ) {
    this.buf = new Uint8Array(Math.min(Math.max(size, 0), FEED_BYTES * 2));
  }

  push(piece: Uint8Array): void {
    if (this.state === 2) return;
    this.append(piece);
    if (this.state === 0) {
      const view = this.buf.subarray(0, this.len);
      const open = findSheetData(view, Math.max(0, this.searched - 16), false);
      if (open < 0) {
        this.searched = this.len;
        return;
      }
      this.searched = open;
      const gt = view.indexOf(62, open);
      if (gt < 0) return;
      if (view[gt - 1] === 47) {
        this.state = 2; // <sheetData/>
        return;
      }
      this.drop(gt + 1);
      this.state = 1;
    }
    if (this.len >= FEED_BYTES) {
      const cut = lastRowEnd(this.buf, 0, this.len);
      if (cut > 0) {
        this.reader.scan(this.buf.subarray(0, cut));
        this.scanned = true;
        this.drop(cut);
      }
    }
  }

  /** Reads what is left; false if the part must be read whole to be read as it always was. */
  finish(): boolean {
    if (this.state !== 1) return true; // no <sheetData>, or an empty one: no rows, no note
    const tail = this.buf.subarray(0, this.len);
    let end = tail.length;
    let closed = false;
    const close = findSheetData(tail, 0, true);
    if (close >= 0) {
      const lt = tail.lastIndexOf(60, close);
      // No '<' after the rows already scanned: readSheetXml ends at one among them.
      end = lt >= 0 ? lt : this.scanned ? 0 : end;
      closed = lt >= 0 || this.scanned;
    } else if (this.scanned) return false;
    scanRange(tail, 0, end, this.reader);
    if (!closed) noteTruncated(this.reader);
    return true;
  }

  private append(piece: Uint8Array): void {
    const need = this.len + piece.length;
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(piece, this.len);
    this.len = need;
  }

  private drop(n: number): void {
    this.buf.copyWithin(0, n, this.len);
    this.len -= n;
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook

interface SheetEntry {
  name: string;
  /** Zip path of the sheet part, or null if the relationship is missing. */
  path: string | null;
  chart: boolean;
}

function looksLikeZip(d: Uint8Array): boolean {
  return d.length >= 22 && d[0] === 0x50 && d[1] === 0x4b && (d[2] === 3 || d[2] === 5);
}

/**
 * Inflates raw deflate data as a stream: its output in pieces, in order; an error ends it. Node's
 * zlib (the CLI's) inflates on the thread pool, so the next piece is inflated while the reader
 * scans this one, and a full sheet's part is never held whole.
 */
export type InflateRawStream = (stored: Uint8Array) => AsyncIterable<Uint8Array>;

export interface XlsxOptions {
  /** A faster raw-deflate inflater than fflate's (the CLI passes Node's zlib). */
  inflateRaw?: InflateRaw;
  /** An inflater for `readSheetCellsAsync` to read a sheet's part as it is inflated. */
  inflateRawStream?: InflateRawStream;
}

/** Opens .xlsx / .xlsm bytes. Throws InputError if they are not a readable workbook. */
export function openXlsx(data: Uint8Array, options: XlsxOptions = {}): XlsxBook {
  const inflate = (d: Uint8Array, paths: string[]) => inflateParts(d, paths, options.inflateRaw);
  if (!looksLikeZip(data)) throw ioError("corrupt");

  const defaults = [
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
  ];
  const parts = inflate(data, defaults);
  const text = (path: string): string | null => {
    const bytes = parts.get(path.toLowerCase());
    return bytes ? utf8.decode(bytes) : null;
  };

  let wbPath = "xl/workbook.xml";
  const rootRels = text("_rels/.rels");
  if (rootRels) {
    for (const { attrs } of startTags(rootRels, "Relationship")) {
      if (/\/officeDocument$/.test(attrs.Type ?? "") && attrs.Target) {
        wbPath = resolveTarget("", attrs.Target);
        break;
      }
    }
  }
  const wbDir = dirOf(wbPath);
  const relsPath = `${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`;
  const missing = [wbPath, relsPath].filter((p) => !parts.has(p.toLowerCase()));
  if (missing.length > 0) for (const [k, v] of inflate(data, missing)) parts.set(k, v);

  const wbXml = text(wbPath);
  if (wbXml === null) throw ioError("notWorkbook", { part: wbPath });
  const relsXml = text(relsPath) ?? "";

  const targets = new Map<string, { path: string; type: string }>();
  let sstPath: string | null = null;
  for (const { attrs } of startTags(relsXml, "Relationship")) {
    if (!attrs.Id || !attrs.Target || attrs.TargetMode === "External") continue;
    const type = attrs.Type ?? "";
    const path = resolveTarget(wbDir, attrs.Target);
    targets.set(attrs.Id, { path, type });
    if (/\/sharedStrings$/.test(type)) sstPath = path;
  }
  if (sstPath === null && parts.has("xl/sharedstrings.xml")) sstPath = "xl/sharedStrings.xml";

  let date1904 = false;
  for (const { attrs } of startTags(wbXml, "workbookPr")) {
    const v = (attrs.date1904 ?? "").trim().toLowerCase();
    date1904 = v === "1" || v === "true";
  }

  const sheets: SheetEntry[] = [];
  for (const { attrs } of startTags(wbXml, "sheet")) {
    if (attrs.name === undefined) continue;
    const id = attrByLocal(attrs, "id");
    const target = id === undefined ? undefined : targets.get(id);
    sheets.push({
      name: attrs.name,
      path: target ? target.path : null,
      chart: target ? /\/chartsheet$/.test(target.type) : false,
    });
  }

  let sst: string[] | null = null;
  const sharedStrings = (): string[] => {
    if (sst) return sst;
    if (sstPath === null) return (sst = []);
    let bytes = parts.get(sstPath.toLowerCase());
    if (!bytes) bytes = inflate(data, [sstPath]).get(sstPath.toLowerCase());
    sst = bytes ? parseSharedStrings(utf8.decode(bytes)) : [];
    parts.delete(sstPath.toLowerCase());
    return sst;
  };

  // Sheets are their parts: a repeated name is told apart so that each part is read once.
  const written = new Map<string, string>();
  const taken = new Set(sheets.map((s) => s.name));
  const seen = new Set<string>();
  for (const sheet of sheets) {
    if (!seen.has(sheet.name)) {
      seen.add(sheet.name);
      continue;
    }
    let k = 2;
    while (taken.has(`${sheet.name} (${k})`)) k++;
    const label = `${sheet.name} (${k})`;
    written.set(label, sheet.name);
    taken.add(label);
    seen.add(label);
    sheet.name = label;
  }

  const readSheet = (name: string, store: ColumnStore | null) => {
    const entry = sheets.find((s) => s.name === name);
    if (!entry) throw ioError("noSheetNamed", { name });
    const notes: XlsxNote[] = [];
    const original = written.get(name);
    if (original !== undefined)
      notes.push({ code: "sheet.duplicateName", row: 1, params: { name: original, label: name } });
    if (entry.chart) return { reader: null, notes };
    if (entry.path === null) throw ioError("sheetMissing", { name });
    const xml = inflate(data, [entry.path]).get(entry.path.toLowerCase());
    if (!xml) throw ioError("sheetMissing", { name });
    const reader = new SheetReader(sharedStrings(), date1904);
    reader.store = store;
    if (store !== null) store.setStrings(reader.strings);
    readSheetXml(xml, reader);
    return { reader, notes: [...notes, ...reader.allNotes()] };
  };
  const readSheetNotes = (name: string): { rows: CellValue[][]; notes: XlsxNote[] } => {
    const { reader, notes } = readSheet(name, null);
    return { rows: reader ? reader.rows : [], notes };
  };
  const readSheetCells = (name: string): { cells: ColumnStore; notes: XlsxNote[] } => {
    const cells = new ColumnStore();
    return { cells, notes: readSheet(name, cells).notes };
  };
  const readSheetCellsAsync = async (
    name: string,
  ): Promise<{ cells: ColumnStore; notes: XlsxNote[] }> => {
    const stream = options.inflateRawStream;
    const entry = sheets.find((s) => s.name === name);
    const stored =
      stream && entry && !entry.chart && entry.path !== null ? storedPart(data, entry.path) : null;
    // Anything but one deflated part (a stored part, a duplicate entry, a part refused for its
    // size) is read whole, where it is read, refused or reported as it always was.
    if (stream === undefined || stored === null || stored.info.compression !== 8)
      return readSheetCells(name);
    const cells = new ColumnStore();
    let read: XlsxNote[] | null = null;
    try {
      const reader = new SheetReader(sharedStrings(), date1904);
      reader.store = cells;
      cells.setStrings(reader.strings);
      const size = stored.info.originalSize;
      const feed = new SheetFeed(reader, size);
      let total = 0;
      for await (const piece of stream(stored.stored)) {
        total += piece.length;
        if (total > size) break; // more than the part says it holds: read whole, as ever
        feed.push(piece);
      }
      if (total <= size && feed.finish()) read = reader.allNotes();
    } catch {
      read = null; // a broken part, or shared strings that cannot be read: read whole
    }
    if (read === null) return readSheetCells(name);
    const original = written.get(name);
    const notes: XlsxNote[] =
      original === undefined
        ? []
        : [{ code: "sheet.duplicateName", row: 1, params: { name: original, label: name } }];
    return { cells, notes: [...notes, ...read] };
  };
  return {
    sheetNames: sheets.map((s) => s.name),
    date1904,
    readSheet: (name: string): CellValue[][] => readSheetNotes(name).rows,
    readSheetNotes,
    readSheetCells,
    readSheetCellsAsync,
  };
}
