/**
 * CSV (RFC 4180, leniently): quoted fields with `""` escapes and embedded line breaks, CRLF / LF /
 * CR line ends, the delimiter detected among `,` `;` tab `|`, and the encodings Excel and Chinese
 * ERPs export (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 ⊃ GBK).
 *
 * Every value is a string as written; an empty field is null, a blank line an empty row.
 */

import { columnLetters, type CellValue } from "../sheet/grid";

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
  rows: CellValue[][];
  encoding: CsvEncoding;
  delimiter: string;
  notes: CsvNote[];
}

const DELIMITERS = [",", ";", "\t", "|"];

export function parseCsv(data: Uint8Array): CsvData {
  const { text, encoding, badBytes } = decodeCsv(data);
  let body = text;
  let delimiter: string | null = null;
  // Excel's "sep=;" first line names the delimiter.
  const sep = /^sep=(.)(\r\n|\n|\r|$)/.exec(body.slice(0, 8));
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(body);
  const notes: CsvNote[] = [];
  const rows = parseText(body, delimiter, notes);
  if (badBytes > 0) {
    // Where the undecodable bytes are: the rows holding a replacement character.
    rows.forEach((row, r) => {
      if (row.some((v) => typeof v === "string" && v.includes("\uFFFD")))
        notes.push({
          code: "file.badBytes",
          severity: "warning",
          row: r + 1,
          column: null,
          params: { encoding: encoding.toUpperCase() },
        });
    });
  }
  inferDecimals(rows, delimiter, notes);
  notes.sort((a, b) => a.row - b.row);
  return { rows, encoding, delimiter, notes };
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

/** A quoted field spanning more lines than this is taken for a quote left open. */
const MAX_FIELD_LINES = 50;

/**
 * Splits decoded CSV text into rows. A quote that opens a field and is not closed on its line
 * may be a field with line breaks (an address) or a stray quote that would swallow the records
 * after it: it is taken for a stray quote when it is never closed, when it would run over more
 * than 50 lines, or when a line it would swallow holds as many delimiters as the first record
 * (a record of its own). Then the quote is read as an ordinary character and the line as a row
 * of its own, noted at its row; every physical line stays a row.
 */
export function parseText(s: string, delimiter: string, notes: CsvNote[] = []): CellValue[][] {
  const d = delimiter.charCodeAt(0);
  const n = s.length;
  const rows: CellValue[][] = [];
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
      if (eol === i) rows.push([]);
      else {
        const cells: CellValue[] = s.slice(i, eol).split(delimiter);
        for (let k = 0; k < cells.length; k++) if (cells[k] === "") cells[k] = null;
        rows.push(cells);
      }
      i = eol;
      if (i < n) i += s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      const after = parseRecord(s, i, d, rows, shape, false);
      if (after >= 0) i = after;
      else {
        // A stray quote: this physical line alone, the quote as a character.
        parseRecord(s.slice(i, eol), 0, d, rows, shape, true);
        notes.push({
          code: "file.unbalancedQuote",
          severity: "warning",
          row: rows.length,
          column: null,
          params: { lines: shape.swallowed ?? 0 },
        });
        i = eol;
        if (i < n) i += s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
      }
    }
    if (shape.width === 0) {
      const last = rows[rows.length - 1];
      if (last && last.length > 1) shape.width = last.length;
    }
  }
  return rows;
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
  rows: CellValue[][],
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

// Numbers as written in a column: a sign, a currency mark or bracket before or after, then one of
const AROUND = "[^\\d.,]{0,4}";
/** The decimal comma, unmistakably: dot groups before a comma, or a comma not before 3 digits. */
const EU = new RegExp(
  `^${AROUND}\\d{1,3}(?:\\.\\d{3})+,\\d+${AROUND}$|^${AROUND}\\d+,(?:\\d{1,2}|\\d{4,})${AROUND}$|^${AROUND}\\d{1,3}(?:\\.\\d{3}){2,}${AROUND}$`,
);
/** The decimal point, unmistakably: comma groups before a point, or a point not before 3 digits. */
const US = new RegExp(
  `^${AROUND}\\d{1,3}(?:,\\d{3})+\\.\\d+${AROUND}$|^${AROUND}\\d+\\.(?:\\d{1,2}|\\d{4,})${AROUND}$|^${AROUND}\\d{1,3}(?:,\\d{3}){2,}${AROUND}$`,
);
/** One dot before 3 digits: a thousand (1.234) or a decimal (1.234), the column must tell. */
const DOT3 = new RegExp(`^${AROUND}\\d{1,3}\\.\\d{3}${AROUND}$`);

/** In a decimal-comma column, `1,234` is one and a bit. */
const COMMA3 = new RegExp(`^${AROUND}\\d+,\\d{3}${AROUND}$`);

/**
 * The decimal convention of each column, on the evidence of its values, as the day/month order
 * of dates is: a column whose numbers show the decimal comma (`1.234,56`, `12,5`) and never the
 * decimal point is rewritten to the point (`1234.56`), and so are its `1.234`s (a thousand).
 * A column with only `1.234`-like values is read the same way when the file's other columns use
 * the decimal comma; in a `;`-separated file without such evidence it is noted as ambiguous.
 */
export function inferDecimals(rows: CellValue[][], delimiter: string, notes: CsvNote[]): void {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const stats = Array.from({ length: width }, () => ({
    eu: 0,
    us: 0,
    dot3: 0,
    first: 0,
    example: "",
  }));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || v.length > 40) continue;
      // Every shape below has a point or a comma: most cells (dates, codes, names) have neither.
      if (v.indexOf(".") < 0 && v.indexOf(",") < 0) continue;
      if (!/\d/.test(v)) continue;
      const t = v.trim();
      const st = stats[c];
      const kind = EU.test(t) ? "eu" : US.test(t) ? "us" : DOT3.test(t) ? "dot3" : null;
      if (!kind) continue;
      st[kind]++;
      if (kind !== "us" && !st.first) {
        st.first = r + 1;
        st.example = t;
      }
    }
  }
  const fileEu = stats.some((st) => st.eu > 0 && st.us === 0);
  const fileUs = stats.some((st) => st.us > 0);
  stats.forEach((st, c) => {
    const convert = st.us === 0 && (st.eu > 0 || (st.dot3 > 0 && fileEu && !fileUs));
    if (convert) {
      let count = 0;
      for (const row of rows) {
        const v = row[c];
        if (typeof v !== "string") continue;
        const t = v.trim();
        if (!EU.test(t) && !DOT3.test(t) && !COMMA3.test(t)) continue;
        row[c] = t.replace(/(\d)\.(?=\d{3}(?!\d))/g, "$1").replace(/(\d),(\d)/, "$1.$2");
        count++;
      }
      notes.push({
        code: "column.decimalComma",
        severity: "info",
        row: st.first,
        column: columnLetters(c),
        params: { count },
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
