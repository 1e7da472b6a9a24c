/**
 * A fast .xlsx writer: SheetSpecs straight to SpreadsheetML, zipped with Node's zlib.
 *
 * ExcelJS builds an object per cell, hashes every cell's style and deflates in JavaScript; for
 * a 60,000-row sheet of statements that is seconds. Here each sheet's XML is built as string
 * chunks, a few thousand cells at a time, which are encoded and deflated (native zlib, level 1)
 * as they fill, so memory holds the compressed file and one chunk, not the whole XML.
 *
 * - Text is always text: strings go to the shared string table (`t="s"`), whatever they start
 *   with; only a FormulaValue writes `<f>`. Shared strings rather than inline ones because they
 *   are what Excel itself writes (every reader supports them first), and a document's repeated
 *   labels, names and dates-as-text are stored once: the file is smaller and opens faster.
 * - Styles are deduplicated by a key built from the style's fields (a format-only cell, the
 *   common case, is one map lookup by its format); fonts, fills, borders and number formats are
 *   deduplicated in turn.
 * - XML 1.0 forbids most control characters: they are dropped. Everything else (emoji, RTL,
 *   CJK) is kept. Text longer than Excel's 32,767-character cell limit is cut to it.
 * - Literal `_xHHHH_` in text is escaped as `_x005F_xHHHH_` so Excel does not decode it; a
 *   carriage return is written `_x000D_`, as Excel does (XML would make it a line feed).
 *
 * The zip is written here too (stored names, deflate, no zip64: entries stay under 4 GB).
 */
import * as zlib from "node:zlib";
import { writeFileAtomic } from "./safe-write";
import type { CellStyle, PrintSetup, SheetSpec, SpecCell, SpecRow } from "../../sheet/spec";

/** Excel's last row: a longer sheet would not open (refused, not written). */
export const MAX_SHEET_ROWS = 1048576;

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32767;

const CM_PER_INCH = 2.54;
const PAPER = { A4: 9, A3: 8, letter: 1 } as const;
const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";
/** Margins in inches when a sheet has no print setup (Excel's "Normal"). */
const EXCEL_MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
/** Margins in centimetres a print setup's margins default to (as the ExcelJS writer did). */
const SPEC_MARGINS_CM = { top: 2, bottom: 2, left: 2, right: 2, header: 0.8, footer: 0.8 };

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cells' XML strings held before a chunk is encoded and deflated. */
const CHUNK_PARTS = 16384;

// ---------------------------------------------------------------------------------------------
// Text

// Characters XML 1.0 does not allow (tab, LF and CR are allowed), and the ones to escape.
// eslint-disable-next-line no-control-regex -- these are the characters to remove
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- as ILLEGAL, plus the ones to escape
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const OOXML_ESCAPE = /_x[0-9A-Fa-f]{4}_/g;

/** Text safe in XML content and in double-quoted attributes. */
export function xmlText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(ILLEGAL, "").replace(SPECIAL, (ch) => ENTITY[ch]);
}

/** A cell's text as stored: at most 32,767 characters, `_xHHHH_` escaped, XML-safe. */
function cellText(s: string): string {
  if (s.length > MAX_CELL_TEXT) {
    let end = MAX_CELL_TEXT;
    // Do not leave half of a surrogate pair.
    const last = s.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    s = s.slice(0, end);
  }
  if (s.indexOf("_x") >= 0) s = s.replace(OOXML_ESCAPE, (m) => "_x005F" + m);
  // XML readers turn a carriage return into a line feed; Excel's escape keeps it.
  if (s.indexOf("\r") >= 0) s = s.replace(/\r/g, "_x000D_");
  return xmlText(s);
}

function needsPreserve(s: string): boolean {
  if (s.length === 0) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return a <= 32 || b <= 32 || s.indexOf("\n") >= 0;
}

// ---------------------------------------------------------------------------------------------
// References

const LETTERS: string[] = [];

/** Column letters of a 0-based column index. */
export function columnLetters(c: number): string {
  let s = LETTERS[c];
  if (s !== undefined) return s;
  s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  LETTERS[c] = s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

const RANGE = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/;
/** A cell or a range, `$` allowed. */
const AREA = /^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$/;
const CELL_REF = /\$?([A-Za-z]{1,3})\$?(\d+)/g;

interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function parseRange(range: string, what: string): Box {
  const m = RANGE.exec(range);
  if (!m) throw new Error(`${what}: not a range: ${range}`);
  const box = {
    c1: columnNumber(m[1]),
    r1: Number(m[2]),
    c2: columnNumber(m[3]),
    r2: Number(m[4]),
  };
  if (box.r1 < 1 || box.r2 < box.r1 || box.c2 < box.c1 || box.c2 > 16384 || box.r2 > 1048576)
    throw new Error(`${what}: not a range: ${range}`);
  return box;
}

/**
 * Checks merges as ExcelJS's mergeCells would (with mergeAll's linear check): each is a range,
 * and no two share a cell.
 */
export function checkMerges(ranges: string[]): void {
  const covered = new Set<number>();
  for (const range of ranges) {
    const b = parseRange(range, "merge");
    for (let r = b.r1; r <= b.r2; r++)
      for (let c = b.c1; c <= b.c2; c++) {
        const key = r * 16384 + c;
        if (covered.has(key)) throw new Error(`merge ${range} overlaps another merge`);
        covered.add(key);
      }
  }
}

/** `'Sheet name'!$A$1:$C$3` for each comma-separated range of an A1 reference. */
function absoluteRef(sheet: string, ref: string): string {
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  return ref
    .split(",")
    .map(
      (part) =>
        `${quoted}!${part.trim().replace(CELL_REF, (_m, c: string, r: string) => `$${c.toUpperCase()}$${r}`)}`,
    )
    .join(",");
}

// ---------------------------------------------------------------------------------------------
// Styles

const HEX6 = /^[0-9A-Fa-f]{6}$/;
const HEX8 = /^[0-9A-Fa-f]{8}$/;

function argb(color: string, what: string): string {
  if (HEX6.test(color)) return "FF" + color.toUpperCase();
  if (HEX8.test(color)) return color.toUpperCase();
  throw new Error(`${what} colour is not RRGGBB: ${color}`);
}

/** Number formats Excel has built in, by code. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

const VALIGN = { top: "top", middle: "center", bottom: "bottom" } as const;
const SIDES = ["left", "right", "top", "bottom"] as const;

class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = new Map<string, number>([["", 0]]);
  private readonly fontXml = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills = new Map<string, number>();
  private readonly fillXml = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly borders = new Map<string, number>([["", 0]]);
  private readonly borderXml = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly xfs = new Map<string, number>([["0|0|0|0|", 0]]);
  private readonly xfXml = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  /** Format-only styles: format code → xf. */
  private readonly byFormat = new Map<string, number>();

  /** Per column, the last style seen there and its xf: a column's cells mostly look alike. */
  private readonly lastStyle: (CellStyle | undefined)[] = [];
  private readonly lastFormat: (string | undefined)[] = [];
  private readonly lastXf: number[] = [];

  /**
   * The xf index of the style of a cell in column `col`; `format` is its number format, a
   * date's default applied. A cell styled like the previous one in its column (field by field,
   * the border object by identity, as cells copied from one template share it) costs a dozen
   * comparisons; another builds the style's key.
   */
  xfAt(st: CellStyle, format: string | undefined, col: number): number {
    const p = this.lastStyle[col];
    if (
      p !== undefined &&
      format === this.lastFormat[col] &&
      st.bold === p.bold &&
      st.italic === p.italic &&
      st.underline === p.underline &&
      st.size === p.size &&
      st.font === p.font &&
      st.color === p.color &&
      st.align === p.align &&
      st.valign === p.valign &&
      st.wrap === p.wrap &&
      st.fill === p.fill &&
      st.border === p.border
    )
      return this.lastXf[col];
    const xf = this.xf(st, format);
    this.lastStyle[col] = st;
    this.lastFormat[col] = format;
    this.lastXf[col] = xf;
    return xf;
  }

  /** The xf index of a style; `format` is its number format, a date's default applied. */
  xf(st: CellStyle, format: string | undefined): number {
    if (
      !st.bold &&
      !st.italic &&
      !st.underline &&
      !st.size &&
      !st.font &&
      !st.color &&
      !st.align &&
      !st.valign &&
      !st.wrap &&
      !st.fill &&
      !st.border
    ) {
      if (!format) return 0;
      const known = this.byFormat.get(format);
      if (known !== undefined) return known;
      const xf = this.xfOf(this.numFmt(format), 0, 0, 0, "");
      this.byFormat.set(format, xf);
      return xf;
    }
    const b = st.border;
    const key =
      (format ?? "") +
      "\u0001" +
      (st.bold ? "b" : "") +
      (st.italic ? "i" : "") +
      (st.underline ? "u" : "") +
      (st.wrap ? "w" : "") +
      "\u0001" +
      (st.size ?? "") +
      "\u0001" +
      (st.font ?? "") +
      "\u0001" +
      (st.color ?? "") +
      "\u0001" +
      (st.align ?? "") +
      "\u0001" +
      (st.valign ?? "") +
      "\u0001" +
      (st.fill ?? "") +
      "\u0001" +
      (b ? `${b.left ?? ""},${b.right ?? ""},${b.top ?? ""},${b.bottom ?? ""}` : "");
    const known = this.xfs.get(key);
    if (known !== undefined) return known;
    let align = "";
    if (st.align || st.valign || st.wrap) {
      align =
        "<alignment" +
        (st.align ? ` horizontal="${st.align}"` : "") +
        (st.valign ? ` vertical="${VALIGN[st.valign]}"` : "") +
        (st.wrap ? ' wrapText="1"' : "") +
        "/>";
    }
    const xf = this.xfOf(
      format ? this.numFmt(format) : 0,
      this.font(st),
      this.fill(st.fill),
      this.border(st.border),
      align,
    );
    this.xfs.set(key, xf);
    return xf;
  }

  private xfOf(numFmt: number, font: number, fill: number, border: number, align: string): number {
    const key = `${numFmt}|${font}|${fill}|${border}|${align}`;
    const known = this.xfs.get(key);
    if (known !== undefined) return known;
    const id = this.xfXml.length;
    this.xfXml.push(
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
        (numFmt ? ' applyNumberFormat="1"' : "") +
        (font ? ' applyFont="1"' : "") +
        (fill ? ' applyFill="1"' : "") +
        (border ? ' applyBorder="1"' : "") +
        (align ? ` applyAlignment="1">${align}</xf>` : "/>"),
    );
    this.xfs.set(key, id);
    return id;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  private font(st: CellStyle): number {
    if (!st.bold && !st.italic && !st.underline && !st.size && !st.font && !st.color) return 0;
    const name = st.font ?? "Calibri";
    const xml =
      "<font>" +
      (st.bold ? "<b/>" : "") +
      (st.italic ? "<i/>" : "") +
      (st.underline ? "<u/>" : "") +
      `<sz val="${st.size || 11}"/>` +
      (st.color ? `<color rgb="${argb(st.color, "font")}"/>` : "") +
      `<name val="${xmlText(name)}"/>` +
      (st.font ? "" : '<family val="2"/>') +
      "</font>";
    let id = this.fonts.get(xml);
    if (id === undefined) {
      id = this.fontXml.length;
      this.fontXml.push(xml);
      this.fonts.set(xml, id);
    }
    return id;
  }

  private fill(color: string | undefined): number {
    if (!color) return 0;
    let id = this.fills.get(color);
    if (id === undefined) {
      id = this.fillXml.length;
      this.fillXml.push(
        `<fill><patternFill patternType="solid"><fgColor rgb="${argb(color, "fill")}"/>` +
          '<bgColor indexed="64"/></patternFill></fill>',
      );
      this.fills.set(color, id);
    }
    return id;
  }

  private border(b: CellStyle["border"]): number {
    if (!b || !(b.left || b.right || b.top || b.bottom)) return 0;
    let xml = "<border>";
    for (const side of SIDES) {
      const s = b[side];
      xml += s ? `<${side} style="${s}"><color indexed="64"/></${side}>` : `<${side}/>`;
    }
    xml += "<diagonal/></border>";
    let id = this.borders.get(xml);
    if (id === undefined) {
      id = this.borderXml.length;
      this.borderXml.push(xml);
      this.borders.set(xml, id);
    }
    return id;
  }

  xml(): string {
    const fmts = [...this.numFmts].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`,
    );
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join("")}</numFmts>` : "") +
      `<fonts count="${this.fontXml.length}">${this.fontXml.join("")}</fonts>` +
      `<fills count="${this.fillXml.length}">${this.fillXml.join("")}</fills>` +
      `<borders count="${this.borderXml.length}">${this.borderXml.join("")}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/>' +
      "</styleSheet>"
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  id(s: string): number {
    this.count++;
    let id = this.index.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(s);
      this.index.set(s, id);
    }
    return id;
  }

  /** The table's XML, written in chunks into `out`. */
  write(out: DeflatedEntry): void {
    out.write(
      XML_HEAD + `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">`,
    );
    const parts: string[] = [];
    for (const s of this.list) {
      const t = cellText(s);
      parts.push(
        needsPreserve(t) ? `<si><t xml:space="preserve">${t}</t></si>` : `<si><t>${t}</t></si>`,
      );
      if (parts.length >= CHUNK_PARTS) {
        out.write(parts.join(""));
        parts.length = 0;
      }
    }
    parts.push("</sst>");
    out.write(parts.join(""));
  }
}

// ---------------------------------------------------------------------------------------------
// Zip

const crc32: (data: Uint8Array, value: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === "function"
    ? (data, value) =>
        (zlib as unknown as { crc32(d: Uint8Array, v: number): number }).crc32(data, value)
    : jsCrc32;

let CRC_TABLE: Int32Array | undefined;

/** CRC-32 in JavaScript, for Node versions without zlib.crc32 (exported for tests). */
export function jsCrc32(data: Uint8Array, value: number): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const DEFLATE_CHUNK = { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const DEFLATE_LAST = { level: 1 };

/**
 * One zip entry deflated as it is written. Each piece is deflated on its own and ended with a
 * sync flush (byte-aligned, not final), so the pieces concatenate into one deflate stream; the
 * last piece ends it.
 */
class DeflatedEntry {
  readonly chunks: Buffer[] = [];
  crc = 0;
  size = 0;
  compressed = 0;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(readonly name: string) {}

  write(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength >= 1 << 20) this.flush(false);
  }

  flush(last: boolean): void {
    const text = this.pending.length === 1 ? this.pending[0] : this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    const raw = Buffer.from(text, "utf8");
    this.crc = crc32(raw, this.crc);
    this.size += raw.length;
    const z = zlib.deflateRawSync(raw, last ? DEFLATE_LAST : DEFLATE_CHUNK);
    this.compressed += z.length;
    this.chunks.push(z);
    if (this.size > 0xfffffffe || this.compressed > 0xfffffffe)
      throw new Error(`${this.name} is larger than 4 GB, more than a zip without zip64 holds`);
  }
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** The zip archive of finished entries, as a list of buffers. */
function zipOf(entries: DeflatedEntry[]): Buffer[] {
  const { time, date } = dosDateTime(new Date());
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    out.push(local, name, ...e.chunks);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4); // made by
    cd.writeUInt16LE(20, 6); // needed
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.compressed, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.compressed;
    if (offset > 0xfffffffe) throw new Error("workbook larger than 4 GB (zip64 not supported)");
  }
  let cdSize = 0;
  for (const b of central) cdSize += b.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  out.push(...central, end);
  return out;
}

function entryOf(name: string, xml: string): DeflatedEntry {
  const e = new DeflatedEntry(name);
  e.write(xml);
  e.flush(true);
  return e;
}

// ---------------------------------------------------------------------------------------------
// Sheets

function isSpecCell(v: unknown): v is SpecCell {
  return typeof v === "object" && v !== null && "value" in v;
}

function num(n: number): string {
  // Enough digits to round-trip, and no exponent quirks for ordinary amounts.
  return String(n);
}

function sheetViewXml(spec: SheetSpec, first: boolean): string {
  const attrs =
    (spec.hideGridLines ? ' showGridLines="0"' : "") + (first ? ' tabSelected="1"' : "");
  const rows = Math.max(0, Math.floor(spec.freeze?.rows ?? 0));
  const cols = Math.max(0, Math.floor(spec.freeze?.columns ?? 0));
  if (!rows && !cols) return `<sheetViews><sheetView${attrs} workbookViewId="0"/></sheetViews>`;
  const pane = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  const topLeft = columnLetters(cols) + (rows + 1);
  return (
    `<sheetViews><sheetView${attrs} workbookViewId="0">` +
    `<pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""}` +
    ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>` +
    "</sheetView></sheetViews>"
  );
}

function printXml(print: PrintSetup | undefined): string {
  let xml = "";
  if (print?.centerHorizontally) xml += '<printOptions horizontalCentered="1"/>';
  let m = EXCEL_MARGINS;
  if (print?.margins) {
    const g = print.margins;
    const inch = (cm: number | undefined, dflt: number) => (cm ?? dflt) / CM_PER_INCH;
    m = {
      left: inch(g.left, SPEC_MARGINS_CM.left),
      right: inch(g.right, SPEC_MARGINS_CM.right),
      top: inch(g.top, SPEC_MARGINS_CM.top),
      bottom: inch(g.bottom, SPEC_MARGINS_CM.bottom),
      header: inch(g.header, SPEC_MARGINS_CM.header),
      footer: inch(g.footer, SPEC_MARGINS_CM.footer),
    };
  }
  xml +=
    `<pageMargins left="${num(m.left)}" right="${num(m.right)}" top="${num(m.top)}"` +
    ` bottom="${num(m.bottom)}" header="${num(m.header)}" footer="${num(m.footer)}"/>`;
  if (print) {
    xml +=
      `<pageSetup paperSize="${PAPER[print.paper ?? "A4"] ?? 9}"` +
      ` orientation="${print.orientation === "landscape" ? "landscape" : "portrait"}"` +
      (print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : "") +
      // Page numbers start at 1 on each sheet, also when the whole workbook is printed: a
      // sheet's "page x of y" counts its own pages.
      ' firstPageNumber="1" useFirstPageNumber="1"' +
      "/>";
    if (print.header || print.footer) {
      xml +=
        "<headerFooter>" +
        (print.header ? `<oddHeader>${xmlText(print.header)}</oddHeader>` : "") +
        (print.footer ? `<oddFooter>${xmlText(print.footer)}</oddFooter>` : "") +
        "</headerFooter>";
    }
    const breaks = [...new Set(print.breaksAfter ?? [])]
      .filter((r) => Number.isInteger(r) && r >= 1 && r < 1048576)
      .sort((a, b) => a - b);
    if (breaks.length) {
      xml += `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">`;
      for (const r of breaks) xml += `<brk id="${r}" max="16383" man="1"/>`;
      xml += "</rowBreaks>";
    }
  }
  return xml;
}

/** Drop-down lists and date rules, as the ExcelJS writer makes them. */
function validationsXml(rules: SheetSpec["validations"]): string {
  const out: string[] = [];
  for (const rule of rules ?? []) {
    const sqref = xmlText(rule.range);
    if (rule.list?.length) {
      // One quoted, comma-separated string: commas and quotes in an entry would split or end
      // it, so they become spaces.
      const list = rule.list.map((x) => x.replace(/[",]/g, " ")).join(",");
      out.push(
        `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${sqref}">` +
          `<formula1>"${xmlText(list)}"</formula1></dataValidation>`,
      );
    } else if (rule.date) {
      // Any date after 1900-01-01 (serial 1).
      out.push(
        `<dataValidation type="date" operator="greaterThan" allowBlank="1" showErrorMessage="1"` +
          ` sqref="${sqref}"><formula1>1</formula1></dataValidation>`,
      );
    }
  }
  return out.length
    ? `<dataValidations count="${out.length}">${out.join("")}</dataValidations>`
    : "";
}

/** ` s="N"`, the style attribute of xf N, made once. */
const S_ATTR: string[] = [];

/** Writes one sheet's XML into `out`, its strings into `sst`, its styles into `styles`. */
function writeSheet(
  spec: SheetSpec,
  first: boolean,
  out: DeflatedEntry,
  sst: SharedStrings,
  styles: Styles,
): void {
  const merges = spec.merges ?? [];
  checkMerges(merges);
  if (spec.autoFilter && !AREA.test(spec.autoFilter))
    throw new Error(`autoFilter: not a range: ${spec.autoFilter}`);

  // The used rectangle, for <dimension> (a hint to readers; cheap to find first).
  const rows = spec.rows;
  const heights = spec.heights ?? [];
  const rowCount = Math.max(rows.length, heights.length);
  let maxCol = -1;
  let maxRow = 0;
  for (let r = 0; r < rowCount; r++) {
    const row = rows[r];
    let c = row ? row.length - 1 : -1;
    while (c >= 0 && (row[c] === null || row[c] === undefined)) c--;
    if (c > maxCol) maxCol = c;
    if (c >= 0 || heights[r]) maxRow = r + 1;
  }

  const widths = spec.widths ?? [];
  const tab = spec.tabColor ? `<tabColor rgb="${argb(spec.tabColor, "tab")}"/>` : "";
  const fit = spec.print?.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "";
  let head =
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    (tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : "") +
    `<dimension ref="${maxRow && maxCol >= 0 ? `A1:${columnLetters(maxCol)}${maxRow}` : "A1"}"/>` +
    sheetViewXml(spec, first) +
    '<sheetFormatPr defaultRowHeight="15"/>';
  const cols: string[] = [];
  widths.forEach((w, c) => {
    if (w && Number.isFinite(w) && w > 0)
      cols.push(`<col min="${c + 1}" max="${c + 1}" width="${num(w)}" customWidth="1"/>`);
  });
  if (cols.length) head += `<cols>${cols.join("")}</cols>`;
  head += "<sheetData>";
  out.write(head);

  const parts: string[] = [];
  for (let r = 0; r < maxRow; r++) {
    const row: SpecRow | undefined = rows[r];
    const h = heights[r];
    const rn = String(r + 1);
    const rowStart = parts.length;
    parts.push(h ? `<row r="${rn}" ht="${num(h)}" customHeight="1">` : `<row r="${rn}">`);
    const n = row ? row.length : 0;
    for (let c = 0; c < n; c++) {
      const raw = row![c];
      if (raw === null || raw === undefined) continue;
      const ref = columnLetters(c) + rn;
      switch (typeof raw) {
        case "string":
          parts.push(`<c r="${ref}" t="s"><v>${sst.id(raw)}</v></c>`);
          continue;
        case "number":
          parts.push(
            Number.isFinite(raw) ? `<c r="${ref}"><v>${num(raw)}</v></c>` : `<c r="${ref}"/>`,
          );
          continue;
        case "boolean":
          parts.push(`<c r="${ref}" t="b"><v>${raw ? 1 : 0}</v></c>`);
          continue;
      }
      if (!isSpecCell(raw)) continue;
      const v = raw.value;
      let format = raw.format;
      if (!format && v !== null && typeof v === "object" && "date" in v)
        format = DEFAULT_DATE_FORMAT;
      const xf = styles.xfAt(raw, format, c);
      const s = xf ? (S_ATTR[xf] ??= ` s="${xf}"`) : "";
      if (v === null || v === undefined) {
        if (xf) parts.push(`<c r="${ref}"${s}/>`);
        continue;
      }
      switch (typeof v) {
        case "string":
          parts.push(`<c r="${ref}"${s} t="s"><v>${sst.id(v)}</v></c>`);
          continue;
        case "number":
          parts.push(
            Number.isFinite(v) ? `<c r="${ref}"${s}><v>${num(v)}</v></c>` : `<c r="${ref}"${s}/>`,
          );
          continue;
        case "boolean":
          parts.push(`<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`);
          continue;
      }
      if ("date" in v) {
        parts.push(
          Number.isFinite(v.date)
            ? `<c r="${ref}"${s}><v>${num(v.date)}</v></c>`
            : `<c r="${ref}"${s}/>`,
        );
      } else if ("formula" in v) {
        const f = xmlText(v.formula.replace(/^=/, ""));
        const res = v.result;
        if (typeof res === "number" && Number.isFinite(res))
          parts.push(`<c r="${ref}"${s}><f>${f}</f><v>${num(res)}</v></c>`);
        else if (typeof res === "string")
          parts.push(`<c r="${ref}"${s} t="str"><f>${f}</f><v>${cellText(res)}</v></c>`);
        else if (typeof res === "boolean")
          parts.push(`<c r="${ref}"${s} t="b"><f>${f}</f><v>${res ? 1 : 0}</v></c>`);
        else parts.push(`<c r="${ref}"${s}><f>${f}</f></c>`);
      }
    }
    if (parts.length === rowStart + 1 && !h) {
      parts.length = rowStart; // nothing written in this row
      continue;
    }
    parts.push("</row>");
    if (parts.length >= CHUNK_PARTS) {
      out.write(parts.join(""));
      parts.length = 0;
    }
  }
  parts.push("</sheetData>");
  out.write(parts.join(""));

  let tail = "";
  if (spec.autoFilter) tail += `<autoFilter ref="${spec.autoFilter.replace(/\$/g, "")}"/>`;
  if (merges.length) {
    const m: string[] = [];
    for (const range of merges) m.push(`<mergeCell ref="${range}"/>`);
    tail += `<mergeCells count="${merges.length}">${m.join("")}</mergeCells>`;
  }
  tail += validationsXml(spec.validations);
  tail += printXml(spec.print);
  tail += "</worksheet>";
  out.write(tail);
  out.flush(true);
}

// ---------------------------------------------------------------------------------------------
// Workbook

const INVALID_SHEET_NAME = /[[\]:*?/\\]/;

/**
 * The specs with their sheet names checked as ExcelJS did: none empty, none "History", none of
 * `[]:*?/\`, no apostrophe first or last, no two alike ignoring case; longer than 31 characters
 * is cut to 31.
 */
function namedSpecs(specs: SheetSpec[]): SheetSpec[] {
  const seen = new Set<string>();
  return specs.map((spec) => {
    const name = spec.name.length > 31 ? spec.name.slice(0, 31) : spec.name;
    if (
      !name ||
      name === "History" ||
      INVALID_SHEET_NAME.test(name) ||
      /^'|'$/.test(name) ||
      xmlText(name) !== name.replace(SPECIAL, (ch) => ENTITY[ch])
    )
      throw new Error(`not a valid sheet name: ${JSON.stringify(spec.name)}`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`two sheets are named ${JSON.stringify(name)}`);
    seen.add(key);
    return name === spec.name ? spec : { ...spec, name };
  });
}

function workbookXml(specs: SheetSpec[]): string {
  const sheets: string[] = [];
  const names: string[] = [];
  specs.forEach((spec, i) => {
    sheets.push(`<sheet name="${xmlText(spec.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
    if (spec.autoFilter) {
      names.push(
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
          `${xmlText(absoluteRef(spec.name, spec.autoFilter))}</definedName>`,
      );
    }
    const area = spec.print?.area;
    if (area) {
      names.push(
        `<definedName name="_xlnm.Print_Area" localSheetId="${i}">` +
          `${xmlText(absoluteRef(spec.name, area))}</definedName>`,
      );
    }
    for (const n of spec.names ?? []) {
      names.push(
        `<definedName name="${xmlText(n.name)}" localSheetId="${i}">` +
          `${xmlText(absoluteRef(spec.name, n.ref.replace(/\$/g, "")))}</definedName>`,
      );
    }
    const titles = spec.print?.titleRows;
    if (titles) {
      const quoted = `'${spec.name.replace(/'/g, "''")}'`;
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">` +
          `${xmlText(`${quoted}!$${titles[0]}:$${titles[1]}`)}</definedName>`,
      );
    }
  });
  return (
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    "<workbookPr/>" +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${sheets.join("")}</sheets>` +
    (names.length ? `<definedNames>${names.join("")}</definedNames>` : "") +
    // Formulas from templates carry no cached result: Excel computes them on opening.
    '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
    "</workbook>"
  );
}

function workbookRelsXml(specs: SheetSpec[]): string {
  const rels = specs.map(
    (_s, i) =>
      `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const n = specs.length;
  rels.push(
    `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`,
  );
  return XML_HEAD + `<Relationships xmlns="${NS_PKG_REL}">${rels.join("")}</Relationships>`;
}

function contentTypesXml(specs: SheetSpec[]): string {
  const ct = "application/vnd.openxmlformats-officedocument";
  const sheets = specs.map(
    (_s, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`,
  );
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
    sheets.join("") +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
    "</Types>"
  );
}

const ROOT_RELS =
  XML_HEAD +
  `<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
  "</Relationships>";

function coreXml(now: Date): string {
  const when = now.toISOString().replace(/\.\d+Z$/, "Z");
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    "<dc:creator>ar-desk</dc:creator><cp:lastModifiedBy>ar-desk</cp:lastModifiedBy>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

function appXml(specs: SheetSpec[]): string {
  const names = specs.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join("");
  return (
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"' +
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>ar-desk</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${specs.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${specs.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts>` +
    "</Properties>"
  );
}

/** The workbook's zip as a list of buffers (concatenated, they are the .xlsx file). */
function xlsxParts(given: SheetSpec[]): Buffer[] {
  if (!given.length) throw new Error("a workbook needs at least one sheet");
  const specs = namedSpecs(given);
  for (const spec of specs) {
    if (spec.rows.length > MAX_SHEET_ROWS)
      throw new Error(
        `sheet "${spec.name}" would have ${spec.rows.length} rows, more than Excel's ${MAX_SHEET_ROWS}`,
      );
  }
  const sst = new SharedStrings();
  const styles = new Styles();
  const sheets = specs.map((spec, i) => {
    const e = new DeflatedEntry(`xl/worksheets/sheet${i + 1}.xml`);
    writeSheet(spec, i === 0, e, sst, styles);
    return e;
  });
  const strings = new DeflatedEntry("xl/sharedStrings.xml");
  sst.write(strings);
  strings.flush(true);
  return zipOf([
    entryOf("[Content_Types].xml", contentTypesXml(specs)),
    entryOf("_rels/.rels", ROOT_RELS),
    entryOf("docProps/core.xml", coreXml(new Date())),
    entryOf("docProps/app.xml", appXml(specs)),
    entryOf("xl/workbook.xml", workbookXml(specs)),
    entryOf("xl/_rels/workbook.xml.rels", workbookRelsXml(specs)),
    entryOf("xl/styles.xml", styles.xml()),
    strings,
    ...sheets,
  ]);
}

/** The .xlsx file of the specs, one worksheet per spec in order. */
export function writeXlsx(specs: SheetSpec[]): Uint8Array {
  return Buffer.concat(xlsxParts(specs));
}

/** Writes the specs to an .xlsx file, replacing it atomically (io/safe-write.ts). */
export async function writeXlsxFile(path: string, specs: SheetSpec[]): Promise<void> {
  await writeFileAtomic(path, xlsxParts(specs));
}
