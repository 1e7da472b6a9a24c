/**
 * CSV (RFC 4180, leniently): quoted fields with `""` escapes and embedded line breaks, CRLF / LF /
 * CR line ends, the delimiter detected among `,` `;` tab `|`, and the encodings Excel and Chinese
 * ERPs export (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 ⊃ GBK).
 *
 * Every value is a string as written; an empty field is null, a blank line an empty row.
 *
 * The cells are held in a column store (`CsvData.cells`), not as rows of strings: each text is
 * an index into a table of the file's distinct texts (customers, dates, currencies, terms
 * repeat down a column), and a plain decimal such as `1234.50` is held as its number (see
 * CELL_DECIMAL), its text given back on request. A million-row file is then a few typed arrays
 * and one string per distinct text, not seven million strings for the garbage collector to walk.
 */

import {
  CELL_DECIMAL,
  CELL_OTHER,
  CELL_SHARED,
  columnLetters,
  decimalText,
  type CellValue,
} from "../sheet/grid";
import { ColumnStore } from "./columns";
import {
  MAX_DIGITS,
  MAX_FIELD_LINES,
  UNIQUE_SAMPLE,
  parseUtf8Cells,
  type StrayQuote,
} from "./csv-bytes";
import {
  DECIMAL_KINDS,
  count,
  decimalKind,
  newStats,
  pointForm,
  type DecimalStats,
} from "./csv-decimals";

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** Something wrong or worth knowing in the file itself, at a 1-based row (a problem on import). */
export interface CsvNote {
  code:
    "file.unbalancedQuote" | "file.badBytes" | "column.decimalComma" | "column.ambiguousDecimal";
  severity: "warning" | "info";
  row: number;
  /** Column letters, for a column's note. */
  column: string | null;
  params: Record<string, string | number>;
}

export interface CsvData {
  /** The rows, made from `cells` on first use. */
  readonly rows: CellValue[][];
  /** The same cells held column by column (see the file's comment). */
  cells: ColumnStore;
  encoding: CsvEncoding;
  delimiter: string;
  notes: CsvNote[];
}

const DELIMITERS = [",", ";", "\t", "|"];

export function parseCsv(data: Uint8Array): CsvData {
  return parseUtf8Csv(data) ?? parseDecodedCsv(data);
}

/** Excel's "sep=;" first line, which names the delimiter (on the first 8 characters). */
const SEP_LINE = /^sep=(.)(\r\n|\n|\r|$)/;

/**
 * A UTF-8 file (nearly every file) read from its bytes (see csv-bytes.ts), or null: the file is
 * not UTF-8 by decodeCsv's reading, or not well-formed UTF-8, or names a delimiter that the
 * byte parser does not take (a non-ASCII character, a quote). Its rows, cells and notes are those
 * `parseDecodedCsv` gives.
 */
export function parseUtf8Csv(data: Uint8Array): CsvData | null {
  const start = utf8Body(data);
  if (start < 0) return null;
  // The text's head, for the sep= line and the delimiter: detectDelimiter reads at most 65,536
  // characters, and 3 bytes or more make each character of UTF-16 (4 bytes make 2).
  headDecoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
  const head = headDecoder.decode(data.subarray(start, start + 3 * 65536 + 4));
  let from = start;
  let delimiter: string | null = null;
  const sep = SEP_LINE.exec(head.slice(0, 8));
  if (sep) {
    delimiter = sep[1];
    from += sep[0].length;
    if (delimiter.charCodeAt(0) >= 128) return null;
  }
  delimiter ??= detectDelimiter(head);
  const strays: StrayQuote[] = [];
  const cells = parseUtf8Cells(data, from, delimiter, strays);
  if (cells === null) return null;
  const notes = strays.map(({ row, lines }) => unbalancedQuote(row, lines));
  return csvData(cells, "utf-8", delimiter, notes);
}

/**
 * Not fatal: the head may end inside a character (a file not well-formed fails later). Made on
 * first use, not when the module loads: a page or test environment without TextDecoder can
 * still load the module for what needs no decoding.
 */
let headDecoder: InstanceType<typeof TextDecoder> | null = null;

/**
 * Where the text starts in a file that decodeCsv reads as UTF-8 (after the byte-order mark, and a
 * second one, which its decoder drops too), or -1: decodeCsv reads it as UTF-16.
 */
function utf8Body(data: Uint8Array): number {
  const bom = (k: number) => data[k] === 0xef && data[k + 1] === 0xbb && data[k + 2] === 0xbf;
  if (bom(0)) return bom(3) ? 6 : 3;
  const b0 = data[0];
  const b1 = data[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return -1;
  if (data.length >= 4 && data.length % 2 === 0) {
    if (b0 !== 0 && b1 === 0 && data[3] === 0) return -1;
    if (b0 === 0 && b1 !== 0 && data[2] === 0) return -1;
  }
  return 0;
}

/**
 * The general path: the file decoded to text (any encoding decodeCsv knows, bytes it cannot
 * decode as U+FFFD and noted at their rows), then parsed. `parseCsv` gives the same for a
 * well-formed UTF-8 file without decoding it.
 */
export function parseDecodedCsv(data: Uint8Array): CsvData {
  const { text, encoding, badBytes } = decodeCsv(data);
  let body = text;
  let delimiter: string | null = null;
  const sep = SEP_LINE.exec(body.slice(0, 8));
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(body);
  const notes: CsvNote[] = [];
  const sink = new CellSink();
  parseInto(body, delimiter, notes, sink);
  const cells = sink.store;
  if (badBytes > 0) {
    // Where the undecodable bytes are: the rows holding a replacement character.
    const row: CellValue[] = [];
    for (let r = 0; r < cells.rowCount; r++) {
      const values = cells.row(r, row) ?? [];
      if (values.some((v) => typeof v === "string" && v.includes("\uFFFD")))
        notes.push({
          code: "file.badBytes",
          severity: "warning",
          row: r + 1,
          column: null,
          params: { encoding: encoding.toUpperCase() },
        });
    }
  }
  return csvData(sink, encoding, delimiter, notes);
}

/** The cells of a parsed file: a column store and the distinct texts its cells index. */
interface InternedCells {
  readonly store: ColumnStore;
  readonly strings: string[];
  /** The index of a text in `strings`, added when new. */
  intern(t: string): number;
  /**
   * What the texts of each column (up to the widest row) said of the decimal convention, if
   * counted as the cells were put (else `countDecimals` counts them in the store).
   */
  decimalStats?(): DecimalStats[];
}

/** The parsed file, its decimals settled and its notes in row order. */
function csvData(
  sink: InternedCells,
  encoding: CsvEncoding,
  delimiter: string,
  notes: CsvNote[],
): CsvData {
  inferCellDecimals(sink, delimiter, notes);
  notes.sort((a, b) => a.row - b.row);
  const cells = sink.store;
  let rows: CellValue[][] | null = null;
  return {
    get rows(): CellValue[][] {
      return (rows ??= cells.toRows());
    },
    cells,
    encoding,
    delimiter,
    notes,
  };
}

/** Where parsed records go: rows of values, or a column store (`CellSink`). */
interface RecordSink {
  /** Records so far. */
  readonly count: number;
  /** Number of cells of the last record. */
  readonly lastWidth: number;
  /** A record of values (an empty array for a blank line). */
  push(cells: CellValue[]): void;
  /** A record on one line without quotes: s[a, b) split at the delimiter d (a < b). */
  line(s: string, a: number, b: number, d: string): void;
}

/** Records as arrays of values (`parseText`). */
class RowSink implements RecordSink {
  readonly rows: CellValue[][] = [];
  get count(): number {
    return this.rows.length;
  }
  get lastWidth(): number {
    return this.rows.length ? this.rows[this.rows.length - 1].length : 0;
  }
  push(cells: CellValue[]): void {
    this.rows.push(cells);
  }
  line(s: string, a: number, b: number, d: string): void {
    const cells: CellValue[] = s.slice(a, b).split(d);
    for (let k = 0; k < cells.length; k++) if (cells[k] === "") cells[k] = null;
    this.rows.push(cells);
  }
}

/** Seed of TextTable's hash, so that no file can be made to collide on purpose. */
const TEXT_SEED = (Math.random() * 0x100000000) | 0;

/**
 * s[a, b) as a string of its own. In V8 a slice of 13 characters or more points into the text it
 * was cut from: one such cell kept would keep the whole decoded file (hundreds of MB) alive.
 */
function ownText(s: string, a: number, b: number): string {
  // (A quoted field's value may itself be such a slice: copied too.)
  const t = a === 0 && b === s.length ? s : s.slice(a, b);
  return t.length < 13 ? t : (" " + t).slice(1);
}

/** The hash of a text so far (TEXT_SEED for none) with one more character. */
function textHash(h: number, ch: number): number {
  return Math.imul(h ^ ch, 16777619);
}

/**
 * Distinct texts and their indexes, looked up by a span of a larger text: a repeated text (a
 * customer, a date) is found without a string being made for it (a hash table in typed arrays,
 * open addressing).
 */
class TextTable {
  /**
   * Per slot, two numbers side by side (one memory access): 1 + the index of its text in
   * `strings` (0 when free), and the text's hash.
   */
  private slots = new Int32Array(2 * 1024);
  constructor(private readonly strings: string[]) {}

  /** The index of s[a, b) in `strings`, added when new. */
  indexOf(s: string, a: number, b: number): number {
    let h = TEXT_SEED;
    for (let k = a; k < b; k++) h = textHash(h, s.charCodeAt(k));
    return this.find(s, a, b, h);
  }

  /** As `indexOf`, given the hash of s[a, b)'s characters (TEXT_SEED, then `textHash` each). */
  find(s: string, a: number, b: number, hash: number): number {
    let h = hash ^ (b - a);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const strings = this.strings;
    let p = h & mask;
    for (; ; p = (p + 1) & mask) {
      const e = slots[2 * p] - 1;
      if (e < 0) break;
      if (slots[2 * p + 1] !== h) continue;
      const t = strings[e];
      if (t.length !== b - a) continue;
      let k = 0;
      while (k < t.length && t.charCodeAt(k) === s.charCodeAt(a + k)) k++;
      if (k === t.length) return e;
    }
    const i = strings.length;
    strings.push(ownText(s, a, b));
    slots[2 * p] = i + 1;
    slots[2 * p + 1] = h;
    if (4 * (i + 1) > slots.length) this.rehash();
    return i;
  }

  /** Twice the slots, every text placed again. */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >> 1) - 1;
    for (let q = 0; q < old.length; q += 2) {
      if (old[q] === 0) continue;
      let p = old[q + 1] & mask;
      while (slots[2 * p] !== 0) p = (p + 1) & mask;
      slots[2 * p] = old[q];
      slots[2 * p + 1] = old[q + 1];
    }
    this.slots = slots;
  }
}

/**
 * Records into a column store, each text interned (one string and one index per distinct text)
 * or, when written as a plain decimal with 1 or 2 digits after the point (an amount), held as
 * its number (CELL_DECIMAL).
 */
class CellSink implements RecordSink, InternedCells {
  readonly store = new ColumnStore();
  /** The distinct texts, which CELL_SHARED cells index. */
  readonly strings: string[] = [];
  private readonly index = new TextTable(this.strings);
  /** By column: texts put so far (up to UNIQUE_SAMPLE), and how many were new to `strings`. */
  private readonly seen: number[] = [];
  private readonly fresh: number[] = [];
  /** By column: whether its texts are nearly all distinct (held as themselves, see `text`). */
  private readonly unique: boolean[] = [];
  count = 0;
  lastWidth = 0;
  constructor() {
    this.store.setStrings(this.strings);
  }

  /** The index of a text in `strings`, added when new. */
  intern(t: string): number {
    return this.index.indexOf(t, 0, t.length);
  }

  push(cells: CellValue[]): void {
    const r = this.count;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (typeof v !== "string") continue;
      let h = TEXT_SEED;
      for (let k = 0; k < v.length; k++) h = textHash(h, v.charCodeAt(k));
      this.text(r, c, v, 0, v.length, h);
    }
    this.endRow(r, cells.length);
  }

  line(s: string, a: number, b: number, d: string): void {
    const r = this.count;
    const dc = d.charCodeAt(0);
    let c = 0;
    let start = a;
    // One pass over the characters: the fields' ends and the hash of each field's text.
    let h = TEXT_SEED;
    for (let k = a; k < b; k++) {
      const ch = s.charCodeAt(k);
      if (ch === dc) {
        if (k > start) this.text(r, c, s, start, k, h);
        c++;
        start = k + 1;
        h = TEXT_SEED;
      } else h = textHash(h, ch);
    }
    if (b > start) this.text(r, c, s, start, b, h);
    this.endRow(r, c + 1);
  }

  private endRow(r: number, width: number): void {
    this.store.setRowLength(r, width);
    this.count = r + 1;
    this.lastWidth = width;
  }

  /** Cell (r, c) holding s[a, b) (not empty), whose characters hash to h (see TextTable.find). */
  private text(r: number, c: number, s: string, a: number, b: number, h: number): void {
    // A plain decimal: -?(0|[1-9]\d*)\.\d{1,2}, at most 15 digits, not a negative zero.
    let i = a;
    const negative = s.charCodeAt(i) === 45;
    if (negative) i++;
    const lead = s.charCodeAt(i);
    if (lead >= 48 && lead <= 57 && b - i <= MAX_DIGITS + 1) {
      let n = 0;
      let k = i;
      let c0 = lead;
      while (k < b && c0 >= 48 && c0 <= 57) {
        n = n * 10 + (c0 - 48);
        c0 = s.charCodeAt(++k);
      }
      const intDigits = k - i;
      if (k < b && c0 === 46 && (intDigits === 1 || lead !== 48)) {
        const point = k++;
        while (k < b) {
          c0 = s.charCodeAt(k);
          if (c0 < 48 || c0 > 57) break;
          n = n * 10 + (c0 - 48);
          k++;
        }
        const digits = k - point - 1;
        if (k === b && (digits === 1 || digits === 2) && !(negative && n === 0)) {
          // Both this and Number(text) are the double nearest the decimal: n and 10^digits are
          // exact, and the division is rounded once.
          const v = n / (digits === 1 ? 10 : 100);
          this.store.putDecimal(r, c, negative ? -v : v, digits);
          return;
        }
      }
    }
    if (this.unique[c] === true) {
      this.store.put(r, c, ownText(s, a, b));
      return;
    }
    // A column of distinct texts (invoice numbers, notes) would only grow the table: after a
    // sample of its texts nearly all new, its texts are held as themselves (CELL_OTHER).
    const before = this.strings.length;
    this.store.putShared(r, c, this.index.find(s, a, b, h));
    const seen = (this.seen[c] ?? 0) + 1;
    if (seen > UNIQUE_SAMPLE) return;
    this.seen[c] = seen;
    const fresh = (this.fresh[c] ?? 0) + (this.strings.length > before ? 1 : 0);
    this.fresh[c] = fresh;
    if (seen === UNIQUE_SAMPLE && fresh >= 0.9 * UNIQUE_SAMPLE) this.unique[c] = true;
  }
}

/**
 * UTF-8 on the evidence: how many well-formed multi-byte sequences and how many bytes that no
 * UTF-8 sequence allows.
 */
function utf8Evidence(d: Uint8Array): { multi: number; bad: number } {
  let multi = 0;
  let bad = 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => k < d.length && d[k] >= lo && d[k] <= hi;
  for (let i = 0; i < d.length;) {
    const b = d[i];
    if (b < 0x80) {
      i++;
    } else if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) {
      multi++;
      i += 2;
    } else if (
      b >= 0xe0 &&
      b <= 0xef &&
      cont(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) &&
      cont(i + 2)
    ) {
      multi++;
      i += 3;
    } else if (
      b >= 0xf0 &&
      b <= 0xf4 &&
      cont(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) &&
      cont(i + 2) &&
      cont(i + 3)
    ) {
      multi++;
      i += 4;
    } else {
      bad++;
      i++;
    }
  }
  return { multi, bad };
}

/** The text of bytes that are well-formed UTF-8 (as utf8Evidence finds no bad byte), else null. */
function wellFormedUtf8(d: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(d);
  } catch {
    return null;
  }
}

export function decodeCsv(data: Uint8Array): {
  text: string;
  encoding: CsvEncoding;
  /** Bytes the encoding does not allow (decoded as U+FFFD). */
  badBytes: number;
} {
  const b0 = data[0];
  const b1 = data[1];
  if (b0 === 0xef && b1 === 0xbb && data[2] === 0xbf) {
    const body = data.subarray(3);
    const text = wellFormedUtf8(body);
    if (text !== null) return { text, encoding: "utf-8", badBytes: 0 };
    return {
      text: new TextDecoder("utf-8").decode(body),
      encoding: "utf-8",
      badBytes: utf8Evidence(body).bad,
    };
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return {
      text: new TextDecoder("utf-16le").decode(data.subarray(2)),
      encoding: "utf-16le",
      badBytes: 0,
    };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return {
      text: new TextDecoder("utf-16be").decode(data.subarray(2)),
      encoding: "utf-16be",
      badBytes: 0,
    };
  }
  // BOM-less UTF-16 of text starting with an ASCII character.
  if (data.length >= 4 && data.length % 2 === 0) {
    if (b0 !== 0 && b1 === 0 && data[3] === 0) {
      return {
        text: new TextDecoder("utf-16le").decode(data),
        encoding: "utf-16le",
        badBytes: 0,
      };
    }
    if (b0 === 0 && b1 !== 0 && data[2] === 0) {
      return {
        text: new TextDecoder("utf-16be").decode(data),
        encoding: "utf-16be",
        badBytes: 0,
      };
    }
  }
  // Well-formed UTF-8 (nearly every file): decoded in one pass, no evidence to weigh.
  const text = wellFormedUtf8(data);
  if (text !== null) return { text, encoding: "utf-8", badBytes: 0 };
  // UTF-8 unless the bytes say otherwise: a few stray bytes among many well-formed multi-byte
  // sequences are damage in a UTF-8 file (reported at their rows), not a sign of GB18030.
  const { multi, bad } = utf8Evidence(data);
  if (bad === 0 || multi >= 2 * bad) {
    return { text: new TextDecoder("utf-8").decode(data), encoding: "utf-8", badBytes: bad };
  }
  try {
    return {
      text: new TextDecoder("gb18030", { fatal: true }).decode(data),
      encoding: "gb18030",
      badBytes: 0,
    };
  } catch {
    return { text: new TextDecoder("gb18030").decode(data), encoding: "gb18030", badBytes: 1 };
  }
}

/**
 * The delimiter of the first lines (up to 20 records or 64K characters, quotes respected): the
 * candidate with the same non-zero count on every sampled line, most occurrences first; failing
 * that, the one most often matching the first line's count. Comma by default.
 */
export function detectDelimiter(s: string): string {
  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  const perLine: number[][] = codes.map(() => []);
  let current = codes.map(() => 0);
  let lineHasText = false;
  let inQuotes = false;
  const limit = Math.min(s.length, 65536);
  let i = 0;
  const endLine = (): void => {
    if (lineHasText) current.forEach((n, k) => perLine[k].push(n));
    current = codes.map(() => 0);
    lineHasText = false;
  };
  for (; i < limit && perLine[0].length < 20; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      inQuotes = !inQuotes;
      lineHasText = true;
    } else if (inQuotes) continue;
    else if (c === 10 || c === 13) endLine();
    else {
      lineHasText = true;
      const k = codes.indexOf(c);
      if (k >= 0) current[k]++;
    }
  }
  // The last line counts if it is complete (end of text) or the only one.
  if (i >= s.length || perLine[0].length === 0) endLine();

  let best = 0;
  let bestScore = 0;
  for (let k = 0; k < codes.length; k++) {
    const counts = perLine[k];
    if (counts.length === 0 || counts[0] === 0) continue;
    const matching = counts.filter((n) => n === counts[0]).length;
    const consistent = matching === counts.length ? 1 : 0;
    // consistency first, then the share of matching lines, then the count itself
    const score =
      consistent * 1e9 + (matching / counts.length) * 1e6 + Math.min(counts[0], 999_999);
    if (score > bestScore) {
      best = k;
      bestScore = score;
    }
  }
  return DELIMITERS[best];
}

/**
 * Splits decoded CSV text into rows. A quote that opens a field and is not closed on its line
 * may be a field with line breaks (an address) or a stray quote that would swallow the records
 * after it: it is taken for a stray quote when it is never closed, when it would run over more
 * than 50 lines, or when a line it would swallow holds as many delimiters as the first record
 * (a record of its own). Then the quote is read as an ordinary character and the line as a row
 * of its own, noted at its row; every physical line stays a row.
 */
export function parseText(s: string, delimiter: string, notes: CsvNote[] = []): CellValue[][] {
  const sink = new RowSink();
  parseInto(s, delimiter, notes, sink);
  return sink.rows;
}

/** As `parseText`, the records given to `out`. */
function parseInto(s: string, delimiter: string, notes: CsvNote[], out: RecordSink): void {
  const d = delimiter.charCodeAt(0);
  const n = s.length;
  const next = (ch: string, from: number): number => {
    const at = s.indexOf(ch, from);
    return at < 0 ? n : at;
  };
  let nextQuote = next('"', 0);
  let nextLf = next("\n", 0);
  let nextCr = next("\r", 0);
  let i = 0;
  const shape: { width: number; swallowed?: number } = { width: 0 };
  while (i < n) {
    if (nextLf < i) nextLf = next("\n", i);
    if (nextCr < i) nextCr = next("\r", i);
    if (nextQuote < i) nextQuote = next('"', i);
    const eol = nextLf < nextCr ? nextLf : nextCr;
    if (nextQuote >= eol) {
      // Fast path: a record on one line without quotes.
      if (eol === i) out.push([]);
      else out.line(s, i, eol, delimiter);
      i = eol;
      if (i < n) i += s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      const after = parseRecord(s, i, d, out, shape, false);
      if (after >= 0) i = after;
      else {
        // A stray quote: this physical line alone, the quote as a character.
        parseRecord(s.slice(i, eol), 0, d, out, shape, true);
        notes.push(unbalancedQuote(out.count, shape.swallowed ?? 0));
        i = eol;
        if (i < n) i += s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
      }
    }
    if (shape.width === 0 && out.lastWidth > 1) shape.width = out.lastWidth;
  }
}

/** The note of a quote taken for a stray one, on its row, that would swallow `lines` lines. */
function unbalancedQuote(row: number, lines: number): CsvNote {
  return {
    code: "file.unbalancedQuote",
    severity: "warning",
    row,
    column: null,
    params: { lines },
  };
}

/** Line breaks in s[a, b). */
function lineBreaks(s: string, a: number, b: number): number[] {
  const at: number[] = [];
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c === 10 || (c === 13 && s.charCodeAt(k + 1) !== 10)) at.push(k);
  }
  return at;
}

/** Whether a quoted field s[a, b) with line breaks looks like a stray quote (see parseText). */
function runaway(
  s: string,
  a: number,
  b: number,
  closed: boolean,
  d: number,
  shape: { width: number; swallowed?: number },
): boolean {
  const breaks = lineBreaks(s, a, b);
  if (!breaks.length) return false;
  shape.swallowed = breaks.length;
  if (!closed || breaks.length > MAX_FIELD_LINES) return true;
  if (shape.width < 3) return false;
  for (let k = 0; k < breaks.length; k++) {
    const end = k + 1 < breaks.length ? breaks[k + 1] : b;
    let delims = 0;
    for (let j = breaks[k] + 1; j < end; j++) if (s.charCodeAt(j) === d) delims++;
    if (delims >= shape.width - 1) return true;
  }
  return false;
}

/**
 * Parses the record starting at i char by char, appends it to rows; returns the next index, or
 * -1 (nothing appended) when a quoted field looks like a stray quote. `line`: s is one physical
 * line and a quote not closed on it is an ordinary character.
 */
function parseRecord(
  s: string,
  i: number,
  d: number,
  rows: RecordSink,
  shape: { width: number; swallowed?: number },
  line: boolean,
): number {
  const n = s.length;
  const cells: CellValue[] = [];
  for (;;) {
    let value: string;
    if (s.charCodeAt(i) === 34 && line && s.indexOf('"', i + 1) < 0) {
      // A stray quote: the field as written, without it.
      const start = i + 1;
      i = start;
      while (i < n && s.charCodeAt(i) !== d) i++;
      value = s.slice(start, i);
    } else if (s.charCodeAt(i) === 34) {
      value = "";
      let from = i + 1;
      const open = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q < 0) {
          if (runaway(s, open, n, false, d, shape)) return -1;
          // unterminated quote on the last line: the rest of the text is the field
          value += s.slice(from);
          i = n;
          break;
        }
        if (s.charCodeAt(q + 1) === 34) {
          value += s.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        if (!line && runaway(s, open, q, true, d, shape)) return -1;
        value += s.slice(from, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept (lenient).
      const rest = i;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      if (i > rest) value += s.slice(rest, i);
    } else {
      const start = i;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      value = s.slice(start, i);
    }
    cells.push(value === "" ? null : value);
    if (i >= n) break;
    const c = s.charCodeAt(i);
    i++;
    if (c === d) continue;
    if (c === 13 && s.charCodeAt(i) === 10) i++;
    break;
  }
  rows.push(cells.length === 1 && cells[0] === null ? [] : cells);
  return i;
}

/**
 * The decimal convention of each column, on the evidence of its values, as the day/month order
 * of dates is: a column whose numbers show the decimal comma (`1.234,56`, `12,5`) and never the
 * decimal point is rewritten to the point (`1234.56`), and so are its `1.234`s (a thousand).
 * A column with only `1.234`-like values is read the same way when the file's other columns use
 * the decimal comma; in a `;`-separated file without such evidence it is noted as ambiguous.
 */
export function inferDecimals(rows: CellValue[][], delimiter: string, notes: CsvNote[]): void {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const stats = Array.from({ length: width }, newStats);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "string") count(stats[c], decimalKind(v), v, r);
    }
  }
  settleDecimals(stats, delimiter, notes, (c) => {
    let converted = 0;
    for (const row of rows) {
      const v = row[c];
      if (typeof v !== "string") continue;
      const t = pointForm(v);
      if (t === null) continue;
      row[c] = t;
      converted++;
    }
    return converted;
  });
}

/** The notes of each column's convention, and the columns to convert (`convert(c)`: how many). */
function settleDecimals(
  stats: DecimalStats[],
  delimiter: string,
  notes: CsvNote[],
  convert: (c: number) => number,
): void {
  const fileEu = stats.some((st) => st.eu > 0 && st.us === 0);
  const fileUs = stats.some((st) => st.us > 0);
  stats.forEach((st, c) => {
    if (st.us === 0 && (st.eu > 0 || (st.dot3 > 0 && fileEu && !fileUs))) {
      notes.push({
        code: "column.decimalComma",
        severity: "info",
        row: st.first,
        column: columnLetters(c),
        params: { count: convert(c) },
      });
    } else if (st.us === 0 && st.eu === 0 && st.dot3 > 0 && (delimiter === ";" || fileEu)) {
      notes.push({
        code: "column.ambiguousDecimal",
        severity: "warning",
        row: st.first,
        column: columnLetters(c),
        params: { count: st.dot3, value: st.example },
      });
    }
  });
}

/**
 * `inferDecimals` on the column store of a CSV: each distinct text is looked at once, and a
 * decimal held as its number (CELL_DECIMAL, 1 or 2 digits after the point) shows the point.
 */
function inferCellDecimals(sink: InternedCells, delimiter: string, notes: CsvNote[]): void {
  const store = sink.store;
  if (store.column(0) === null) {
    // Held as rows (a sheet too wide for columns): the rows are the store's own.
    inferDecimals(store.toRows(), delimiter, notes);
    return;
  }
  const strings = sink.strings;
  const rowCount = store.rowCount;
  const stats = sink.decimalStats?.() ?? countDecimals(store, strings);
  settleDecimals(stats, delimiter, notes, (c) => {
    const col = store.column(c);
    if (!col) return 0;
    // By text index: 0 not yet looked at, -1 not converted, else 1 + the new text's index.
    const to = new Int32Array(strings.length);
    let converted = 0;
    for (let r = 0; r < rowCount; r++) {
      const t = col.tag[r];
      if (t === 0) continue;
      if (t === CELL_SHARED && col.num[r] < to.length) {
        const i = col.num[r];
        if (to[i] === 0) {
          const p = pointForm(strings[i]);
          to[i] = p === null ? -1 : 1 + sink.intern(p);
        }
        if (to[i] < 0) continue;
        store.putShared(r, c, to[i] - 1);
      } else {
        const v = cellTextAt(t, col.num[r], col.obj);
        const p = v === null ? null : pointForm(v);
        if (p === null) continue;
        store.putShared(r, c, sink.intern(p));
      }
      converted++;
    }
    return converted;
  });
}

/** What the texts of each column of the store say of the decimal convention (`count`). */
function countDecimals(store: ColumnStore, strings: readonly string[]): DecimalStats[] {
  const rowCount = store.rowCount;
  let width = 0;
  for (let r = 0; r < rowCount; r++) width = Math.max(width, store.rowLength(r));
  // By text index: 0 not yet looked at, else 1 + the index of its kind in DECIMAL_KINDS.
  const seen = new Uint8Array(strings.length);
  const stats = Array.from({ length: width }, newStats);
  for (let c = 0; c < width; c++) {
    const col = store.column(c);
    if (!col) continue;
    const st = stats[c];
    // (The column's arrays and the count held in locals: this loop visits every cell.)
    const tags = col.tag;
    const nums = col.num;
    let points = 0;
    for (let r = 0; r < rowCount; r++) {
      const t = tags[r];
      if (t === 0) continue;
      if (t === CELL_SHARED) {
        const i = nums[r];
        let k = seen[i];
        if (k === 0) seen[i] = k = 1 + DECIMAL_KINDS.indexOf(decimalKind(strings[i]));
        if (k > 1) count(st, DECIMAL_KINDS[k - 1], strings[i], r);
      } else if (t > CELL_DECIMAL && t !== CELL_DECIMAL + 3) {
        // `-?\d+\.\d{1,2}` and the like: the point, unmistakably (US), without making the text.
        points++;
      } else {
        const v = cellTextAt(t, nums[r], col.obj);
        if (v !== null) count(st, decimalKind(v), v, r);
      }
    }
    st.us += points;
  }
  return stats;
}

/** The text of a stored cell other than a shared one, or null (a number, a boolean, an error). */
function cellTextAt(tag: number, num: number, obj: readonly CellValue[]): string | null {
  if (tag > CELL_DECIMAL) return decimalText(tag, num);
  if (tag === CELL_OTHER) {
    const v = obj[num];
    return typeof v === "string" ? v : null;
  }
  return null;
}
