/**
 * The CSV parser on UTF-8 bytes: the records of a well-formed UTF-8 file read straight from its
 * bytes into a column store, as `parseCsv` reads decoded text, without decoding the file first.
 *
 * Why: decoding a full-sheet CSV (130 MB) makes a string of 240 MB that the parser then walks
 * character by character, and most of its texts repeat (customers, dates, currencies). Here
 * delimiters, quotes and line ends are found in the bytes, each field's bytes are hashed to look
 * it up among the distinct texts, and only a text not seen before is decoded.
 *
 * Why it reads what the text parser reads: every byte that structures a record (delimiter, quote,
 * CR, LF) is ASCII, and no byte of a multi-byte UTF-8 character is below 128, so a byte found here
 * is the character the text parser finds, and a field's bytes decode to the field's text. Equal
 * texts have equal bytes and back (UTF-8 is one-to-one on well-formed text), so the table of
 * distinct texts is the same, in the same order. A plain decimal (`1234.50`) is ASCII and is
 * read from its bytes as the text parser reads it from its characters.
 *
 * Every byte of 128 or more is checked as it is decoded: a field's bytes when its text is new
 * (a repeat has the same bytes), each text of a column of distinct texts, and the whole span of a
 * record with a quote (whose fields are pieces of it). Bytes that are not well-formed UTF-8 stop
 * the parse (`parseUtf8Cells` gives null) and the caller decodes the file as before: a damaged
 * or GB18030 file reads as it always did.
 */

import { ColumnStore } from "./columns";
import { DECIMAL_KINDS, count, decimalKind, newStats, type DecimalStats } from "./csv-decimals";

/** A quoted field spanning more lines than this is taken for a quote left open (parseText). */
export const MAX_FIELD_LINES = 50;

/** Texts of a column looked at before deciding whether they repeat (`CellSink`, `ByteCells`). */
export const UNIQUE_SAMPLE = 16384;

/** Digits of a decimal held as its number: a double holds every integer of 15 digits exactly. */
export const MAX_DIGITS = 15;

/** Seed of the byte hash, so that no file can be made to collide on purpose. */
const BYTE_SEED = (Math.random() * 0x100000000) | 0;

/** The hash of bytes so far (BYTE_SEED for none) with one more byte. */
function byteHash(h: number, c: number): number {
  return Math.imul(h ^ c, 16777619);
}

/**
 * The hash of the bytes b[a, e), as the line's split computes it (parseBytes): the first three
 * bytes of a character of 3 or 4 bytes (a lead byte from 0xE0) are hashed as one number.
 */
function hashOf(b: Uint8Array, a: number, e: number): number {
  let h = BYTE_SEED;
  for (let k = a; k < e; k++) {
    const c = b[k];
    if (c < 0xe0) h = byteHash(h, c);
    else {
      h = byteHash(h, c | (b[k + 1] << 8) | (b[k + 2] << 16));
      k += 2;
    }
  }
  return h;
}

/** Thrown where the bytes are not well-formed UTF-8 (caught by parseUtf8Cells). */
const NOT_UTF8 = new Error("not well-formed UTF-8");

/**
 * A byte-order mark inside the text is text (as in the decoded file, past its start). Made on
 * first use (see csv.ts `headDecoder`).
 */
let strict: InstanceType<typeof TextDecoder> | null = null;

function decodeStrict(b: Uint8Array, a: number, e: number): string {
  strict ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(b.subarray(a, e));
  } catch {
    throw NOT_UTF8;
  }
}

/** The text of the bytes b[a, e), which must be well-formed UTF-8. Short ASCII built directly. */
function textOf(b: Uint8Array, a: number, e: number): string {
  const len = e - a;
  if (len > 12) return decodeStrict(b, a, e);
  for (let k = a; k < e; k++) if (b[k] >= 128) return decodeStrict(b, a, e);
  return asciiText(b, a, len);
}

const char = String.fromCharCode;

/**
 * The text of len (1 to 12) ASCII bytes from b[a], made in one call up to 10 (a column of distinct
 * texts, such as invoice numbers, makes one per row: a decoder call, or a string grown a character
 * at a time, costs about twice as much); 11 or 12 made of two, a flat string all the same.
 */
function asciiText(b: Uint8Array, a: number, len: number): string {
  switch (len) {
    case 1:
      return char(b[a]);
    case 2:
      return char(b[a], b[a + 1]);
    case 3:
      return char(b[a], b[a + 1], b[a + 2]);
    case 4:
      return char(b[a], b[a + 1], b[a + 2], b[a + 3]);
    case 5:
      return char(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4]);
    case 6:
      return char(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4], b[a + 5]);
    case 7:
      return char(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4], b[a + 5], b[a + 6]);
    case 8:
      return char(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4], b[a + 5], b[a + 6], b[a + 7]);
    case 9:
      return char(
        b[a],
        b[a + 1],
        b[a + 2],
        b[a + 3],
        b[a + 4],
        b[a + 5],
        b[a + 6],
        b[a + 7],
        b[a + 8],
      );
    case 10:
      return char(
        b[a],
        b[a + 1],
        b[a + 2],
        b[a + 3],
        b[a + 4],
        b[a + 5],
        b[a + 6],
        b[a + 7],
        b[a + 8],
        b[a + 9],
      );
    default:
      return asciiText(b, a, 8) + asciiText(b, a + 8, len - 8);
  }
}

/** Throws NOT_UTF8 unless b[a, e) is well-formed UTF-8. */
function checkUtf8(b: Uint8Array, a: number, e: number): void {
  for (let k = a; k < e; k++) {
    if (b[k] >= 128) {
      decodeStrict(b, k, e);
      return;
    }
  }
}

/**
 * Distinct texts and their indexes, looked up by their UTF-8 bytes (as TextTable in csv.ts by
 * characters): a hash table in typed arrays, open addressing, the bytes of each text kept in a
 * pool to compare with. (Exported for its test: texts whose hashes collide.)
 */
export class ByteTable {
  /**
   * Per slot, eight numbers side by side (one memory access): 1 + the index of its text in
   * `strings` (0 when free), the text's hash, where its bytes are in `pool` (start, length), and
   * for a text of 16 bytes or fewer (dates, codes, currencies, most names) its bytes themselves,
   * four to a number, so that it is compared without a visit to the pool.
   */
  private slots = new Int32Array(8 * 1024);
  private pool = new Uint8Array(64 * 1024);
  private poolEnd = 0;
  constructor(private readonly strings: string[]) {}

  /**
   * The index of the text of b[a, e) in `strings`, added when new (`text` if the caller has it,
   * else decoded, NOT_UTF8 thrown for bytes that are not well-formed); `hash` from byteHash.
   */
  find(b: Uint8Array, a: number, e: number, hash: number, text?: string): number {
    const len = e - a;
    let h = hash ^ len;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    const slots = this.slots;
    const mask = (slots.length >> 3) - 1;
    let p = h & mask;
    for (; ; p = (p + 1) & mask) {
      const q = 8 * p;
      const i = slots[q] - 1;
      if (i < 0) break;
      if (slots[q + 1] !== h || slots[q + 3] !== len) continue;
      if (
        len <= INLINE
          ? sameWords(slots, q + 4, b, a, len)
          : this.samePooled(slots[q + 2], b, a, len)
      )
        return i;
    }
    const i = this.strings.length;
    this.strings.push(text ?? textOf(b, a, e));
    const q = 8 * p;
    slots[q] = i + 1;
    slots[q + 1] = h;
    slots[q + 2] = this.keep(b, a, e);
    slots[q + 3] = len;
    if (len <= INLINE) for (let k = 0; k < len; k += 4) slots[q + 4 + (k >> 2)] = word(b, a + k, e);
    if (16 * (i + 1) > slots.length) this.rehash();
    return i;
  }

  private samePooled(s: number, b: Uint8Array, a: number, len: number): boolean {
    const pool = this.pool;
    let k = 0;
    while (k < len && pool[s + k] === b[a + k]) k++;
    return k === len;
  }

  /** Keeps the bytes b[a, e) in the pool; where they start. */
  private keep(b: Uint8Array, a: number, e: number): number {
    const at = this.poolEnd;
    const end = at + (e - a);
    if (end > this.pool.length) {
      let cap = this.pool.length;
      while (cap < end) cap *= 2;
      const pool = new Uint8Array(cap);
      pool.set(this.pool.subarray(0, at));
      this.pool = pool;
    }
    const pool = this.pool;
    for (let k = a; k < e; k++) pool[at + k - a] = b[k];
    this.poolEnd = end;
    return at;
  }

  /** Twice the slots, every text placed again. */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >> 3) - 1;
    for (let q = 0; q < old.length; q += 8) {
      if (old[q] === 0) continue;
      let p = old[q + 1] & mask;
      while (slots[8 * p] !== 0) p = (p + 1) & mask;
      slots.set(old.subarray(q, q + 8), 8 * p);
    }
    this.slots = slots;
  }
}

/** Texts of at most this many bytes are kept in their slot too (ByteTable). */
const INLINE = 16;

/** The bytes b[k, min(k + 4, e)) as one number, the first lowest (missing bytes 0). */
function word(b: Uint8Array, k: number, e: number): number {
  if (k + 4 <= e) return b[k] | (b[k + 1] << 8) | (b[k + 2] << 16) | (b[k + 3] << 24);
  let w = 0;
  for (let j = 0; k + j < e; j++) w |= b[k + j] << (8 * j);
  return w;
}

/** Whether the len bytes from b[a] are those kept as numbers from slots[q] (`word`). */
function sameWords(slots: Int32Array, q: number, b: Uint8Array, a: number, len: number): boolean {
  const e = a + len;
  for (let k = 0; k < len; k += 4) if (slots[q + (k >> 2)] !== word(b, a + k, e)) return false;
  return true;
}

/** Made on first use (see csv.ts `headDecoder`). */
let encoder: InstanceType<typeof TextEncoder> | null = null;

/**
 * Records into a column store, as CellSink (csv.ts) puts them: each text interned, or held as
 * itself in a column of distinct texts, or held as its number when written as a plain decimal
 * with 1 or 2 digits after the point. The two must put the same cells; a test holds them to it.
 */
export class ByteCells {
  readonly store = new ColumnStore();
  /** The distinct texts, which CELL_SHARED cells index. */
  readonly strings: string[] = [];
  private readonly table = new ByteTable(this.strings);
  /** By column: texts put so far (up to UNIQUE_SAMPLE), and how many were new to `strings`. */
  private readonly seen: number[] = [];
  private readonly fresh: number[] = [];
  /** By column: whether its texts are nearly all distinct (held as themselves). */
  private readonly unique: boolean[] = [];
  /**
   * By column: what its texts say of the decimal convention, counted as the cells are put (one
   * pass less over the store; `countDecimals` in csv.ts counts the same from the store).
   */
  private readonly decimals: DecimalStats[] = [];
  /** By text index: 1 + the index in DECIMAL_KINDS of the kind its text shows. */
  private kinds = new Uint8Array(1024);
  count = 0;
  lastWidth = 0;
  /** Length of the longest row. */
  private width = 0;
  constructor() {
    this.store.setStrings(this.strings);
  }

  /** The index of a text in `strings`, added when new. */
  intern(t: string): number {
    const b = (encoder ??= new TextEncoder()).encode(t);
    return this.table.find(b, 0, b.length, hashOf(b, 0, b.length), t);
  }

  endRow(r: number, width: number): void {
    this.store.setRowLength(r, width);
    this.count = r + 1;
    this.lastWidth = width;
    if (width > this.width) this.width = width;
  }

  /** What each column's texts said of the decimal convention (see `decimals`). */
  decimalStats(): DecimalStats[] {
    return Array.from({ length: this.width }, (_, c) => this.decimals[c] ?? newStats());
  }

  private statsOf(c: number): DecimalStats {
    return (this.decimals[c] ??= newStats());
  }

  /** Cell (r, c) holding the text of b[a, e) (not empty), whose bytes hash to h (byteHash). */
  field(b: Uint8Array, a: number, e: number, h: number, r: number, c: number): void {
    // A plain decimal: -?(0|[1-9]\d*)\.\d{1,2}, at most 15 digits, not a negative zero (as
    // CellSink.text reads it from the characters).
    let i = a;
    const negative = b[i] === 45;
    if (negative) i++;
    const lead = b[i];
    if (i < e && lead >= 48 && lead <= 57 && e - i <= MAX_DIGITS + 1) {
      let n = 0;
      let k = i;
      let c0 = lead;
      while (k < e && c0 >= 48 && c0 <= 57) {
        n = n * 10 + (c0 - 48);
        c0 = b[++k];
      }
      const intDigits = k - i;
      if (k < e && c0 === 46 && (intDigits === 1 || lead !== 48)) {
        const point = k++;
        while (k < e) {
          c0 = b[k];
          if (c0 < 48 || c0 > 57) break;
          n = n * 10 + (c0 - 48);
          k++;
        }
        const digits = k - point - 1;
        if (k === e && (digits === 1 || digits === 2) && !(negative && n === 0)) {
          const v = n / (digits === 1 ? 10 : 100);
          this.store.putDecimal(r, c, negative ? -v : v, digits);
          // `-?\d+\.\d{1,2}`: the point, unmistakably (US).
          this.statsOf(c).us++;
          return;
        }
      }
    }
    if (this.unique[c] === true) {
      const v = textOf(b, a, e);
      this.store.put(r, c, v);
      const kind = decimalKind(v);
      if (kind !== null) count(this.statsOf(c), kind, v, r);
      return;
    }
    const before = this.strings.length;
    const t = this.table.find(b, a, e, h);
    this.store.putShared(r, c, t);
    if (t === before) this.kindOf(t);
    const k = this.kinds[t];
    if (k > 1) count(this.statsOf(c), DECIMAL_KINDS[k - 1], this.strings[t], r);
    const seen = (this.seen[c] ?? 0) + 1;
    if (seen > UNIQUE_SAMPLE) return;
    this.seen[c] = seen;
    const fresh = (this.fresh[c] ?? 0) + (this.strings.length > before ? 1 : 0);
    this.fresh[c] = fresh;
    if (seen === UNIQUE_SAMPLE && fresh >= 0.9 * UNIQUE_SAMPLE) this.unique[c] = true;
  }

  /** Keeps the decimal kind of new text i. */
  private kindOf(i: number): void {
    if (i >= this.kinds.length) {
      const kinds = new Uint8Array(2 * this.kinds.length);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    this.kinds[i] = 1 + DECIMAL_KINDS.indexOf(decimalKind(this.strings[i]));
  }

  /** A record of fields built in `rec` (parseRecordBytes). */
  record(rec: RecordBytes): void {
    const r = this.count;
    const cells = rec.cells;
    const n = cells.length >> 1;
    // A record of one empty field is a blank line (an empty row), as parseRecord gives it.
    if (n === 1 && cells[0] === cells[1]) {
      this.endRow(r, 0);
      return;
    }
    const b = rec.bytes;
    for (let c = 0; c < n; c++) {
      const a = cells[2 * c];
      const e = cells[2 * c + 1];
      if (e > a) this.field(b, a, e, hashOf(b, a, e), r, c);
    }
    this.endRow(r, n);
  }
}

/** The fields of one record with quotes, their bytes unquoted into a buffer of their own. */
class RecordBytes {
  bytes = new Uint8Array(1024);
  private end = 0;
  /** Per field: its start and end in `bytes`. */
  readonly cells: number[] = [];

  reset(): void {
    this.end = 0;
    this.cells.length = 0;
  }

  /** Starts a field (ended by `endField`). */
  startField(): void {
    this.cells.push(this.end);
  }

  endField(): void {
    this.cells.push(this.end);
  }

  /** Appends b[a, e) to the field. */
  append(b: Uint8Array, a: number, e: number): void {
    const need = this.end + (e - a);
    if (need > this.bytes.length) {
      let cap = this.bytes.length;
      while (cap < need) cap *= 2;
      const bytes = new Uint8Array(cap);
      bytes.set(this.bytes.subarray(0, this.end));
      this.bytes = bytes;
    }
    this.bytes.set(b.subarray(a, e), this.end);
    this.end = need;
  }
}

/** Index of byte v in b[from, n), or -1. */
function indexIn(b: Uint8Array, v: number, from: number, n: number): number {
  const at = b.indexOf(v, from);
  return at < 0 || at >= n ? -1 : at;
}

type Shape = { width: number; swallowed?: number };

/** A quote taken for a stray one: the 1-based row of its line, and the lines it would swallow. */
export interface StrayQuote {
  row: number;
  lines: number;
}

/**
 * The records of the UTF-8 bytes b[start, b.length) with the delimiter (an ASCII character other
 * than a quote), read as parseText reads the decoded text (see csv.ts), each stray quote added
 * to `strays` (csv.ts notes it); null when the bytes are not well-formed UTF-8.
 */
export function parseUtf8Cells(
  b: Uint8Array,
  start: number,
  delimiter: string,
  strays: StrayQuote[],
): ByteCells | null {
  const d = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || d >= 128 || d === 34 || d === 10 || d === 13) return null;
  const out = new ByteCells();
  try {
    parseBytes(b, start, d, strays, out);
  } catch (e) {
    if (e === NOT_UTF8) return null;
    throw e;
  }
  return out;
}

function parseBytes(b: Uint8Array, start: number, d: number, strays: StrayQuote[], out: ByteCells) {
  const n = b.length;
  out.store.reserve(lineCount(b, start));
  const shape: Shape = { width: 0 };
  const rec = new RecordBytes();
  // The next line feed, carriage return and quote at or after i (n for none), found by the
  // array's own search (much faster than a loop over the bytes); quotes are rare.
  const next = (v: number, from: number): number => {
    const at = b.indexOf(v, from);
    return at < 0 ? n : at;
  };
  let nextLf = next(10, start);
  let nextCr = next(13, start);
  let nextQuote = next(34, start);
  let i = start;
  while (i < n) {
    if (nextLf < i) nextLf = next(10, i);
    if (nextCr < i) nextCr = next(13, i);
    if (nextQuote < i) nextQuote = next(34, i);
    const eol = nextLf < nextCr ? nextLf : nextCr;
    if (nextQuote >= eol) {
      // A record on one line without quotes (parseInto's fast path): one pass over its bytes,
      // each field put at its end with the hash of its bytes.
      const r = out.count;
      if (eol === i) out.endRow(r, 0);
      else {
        let c = 0;
        let a = i;
        let h = BYTE_SEED;
        for (let k = i; k < eol; k++) {
          const ch = b[k];
          if (ch === d) {
            if (k > a) out.field(b, a, k, h, r, c);
            c++;
            a = k + 1;
            h = BYTE_SEED;
          } else if (ch < 0xe0) h = byteHash(h, ch);
          else {
            // A character of 3 bytes or more (CJK: most of a Chinese file's bytes): its next two
            // are no delimiter, and are hashed with it as one number (a third of the multiplies
            // in the hash's chain). In bytes that are not UTF-8 this may run past a delimiter or
            // the line's end: the field then holds bytes that are not UTF-8, which is never a
            // text already seen, and fails when decoded (the file goes the decoding path).
            h = byteHash(h, ch | (b[k + 1] << 8) | (b[k + 2] << 16));
            k += 2;
          }
        }
        if (eol > a) out.field(b, a, eol, h, r, c);
        out.endRow(r, c + 1);
      }
      i = eol;
      if (i < n) i += b[i] === 13 && b[i + 1] === 10 ? 2 : 1;
    } else {
      const after = parseRecordBytes(b, i, n, d, out, shape, false, rec);
      if (after >= 0) i = after;
      else {
        // A stray quote: this physical line alone, the quote as a character.
        parseRecordBytes(b, i, eol, d, out, shape, true, rec);
        strays.push({ row: out.count, lines: shape.swallowed ?? 0 });
        i = eol;
        if (i < n) i += b[i] === 13 && b[i + 1] === 10 ? 2 : 1;
      }
    }
    if (shape.width === 0 && out.lastWidth > 1) shape.width = out.lastWidth;
  }
}

/**
 * Rows to make room for: one per line feed and one more (CR-only line ends, counted as none,
 * leave the store to grow as it fills). Counted by the array's own search, cheaper than growing
 * the store's columns by doubling (copying each) as the rows arrive.
 */
function lineCount(b: Uint8Array, start: number): number {
  let count = 1;
  for (let at = b.indexOf(10, start); at >= 0; at = b.indexOf(10, at + 1)) count++;
  return count;
}

/** Whether a quoted field b[a, e) with line breaks looks like a stray quote (runaway, csv.ts). */
function runawayBytes(
  b: Uint8Array,
  a: number,
  e: number,
  closed: boolean,
  d: number,
  shape: Shape,
): boolean {
  const breaks: number[] = [];
  for (let k = a; k < e; k++) {
    const c = b[k];
    if (c === 10 || (c === 13 && b[k + 1] !== 10)) breaks.push(k);
  }
  if (!breaks.length) return false;
  shape.swallowed = breaks.length;
  if (!closed || breaks.length > MAX_FIELD_LINES) return true;
  if (shape.width < 3) return false;
  for (let k = 0; k < breaks.length; k++) {
    const end = k + 1 < breaks.length ? breaks[k + 1] : e;
    let delims = 0;
    for (let j = breaks[k] + 1; j < end; j++) if (b[j] === d) delims++;
    if (delims >= shape.width - 1) return true;
  }
  return false;
}

/**
 * As parseRecord (csv.ts) on the bytes b[i, n): reads the record starting at i, puts it; returns
 * the next index, or -1 (nothing put) when a quoted field looks like a stray quote. `line`:
 * b[i, n) is one physical line and a quote not closed on it is an ordinary character.
 */
function parseRecordBytes(
  b: Uint8Array,
  i: number,
  n: number,
  d: number,
  out: ByteCells,
  shape: Shape,
  line: boolean,
  rec: RecordBytes,
): number {
  const first = i;
  rec.reset();
  for (;;) {
    rec.startField();
    if (i < n && b[i] === 34 && line && indexIn(b, 34, i + 1, n) < 0) {
      // A stray quote: the field as written, without it.
      const start = i + 1;
      i = start;
      while (i < n && b[i] !== d) i++;
      rec.append(b, start, i);
    } else if (i < n && b[i] === 34) {
      let from = i + 1;
      const open = i + 1;
      for (;;) {
        const q = indexIn(b, 34, from, n);
        if (q < 0) {
          if (runawayBytes(b, open, n, false, d, shape)) return -1;
          // unterminated quote on the last line: the rest of the text is the field
          rec.append(b, from, n);
          i = n;
          break;
        }
        if (q + 1 < n && b[q + 1] === 34) {
          rec.append(b, from, q + 1);
          from = q + 2;
          continue;
        }
        if (!line && runawayBytes(b, open, q, true, d, shape)) return -1;
        rec.append(b, from, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept (lenient).
      const rest = i;
      while (i < n) {
        const c = b[i];
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      rec.append(b, rest, i);
    } else {
      const start = i;
      while (i < n) {
        const c = b[i];
        if (c === d || c === 10 || c === 13) break;
        i++;
      }
      rec.append(b, start, i);
    }
    rec.endField();
    if (i >= n) break;
    const c = b[i];
    i++;
    if (c === d) continue;
    if (c === 13 && i < n && b[i] === 10) i++;
    break;
  }
  // The fields are pieces of the record's bytes joined: the bytes as written must be UTF-8 (a
  // quote can stand between the pieces of a character that the join would make whole).
  checkUtf8(b, first, i);
  out.record(rec);
  return i;
}
