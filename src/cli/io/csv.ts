/**
 * CSV (RFC 4180, leniently): quoted fields with `""` escapes and embedded line breaks, CRLF / LF /
 * CR line ends, the delimiter detected among `,` `;` tab `|`, and the encodings Excel and Chinese
 * ERPs export (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 ⊃ GBK).
 *
 * Every value is a string as written; an empty field is null, a blank line an empty row.
 */

import type { CellValue } from "../../sheet/grid";

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface CsvData {
  rows: CellValue[][];
  encoding: CsvEncoding;
  delimiter: string;
}

const DELIMITERS = [",", ";", "\t", "|"];

export function parseCsv(data: Uint8Array): CsvData {
  const { text, encoding } = decodeCsv(data);
  let body = text;
  let delimiter: string | null = null;
  // Excel's "sep=;" first line names the delimiter.
  const sep = /^sep=(.)(\r\n|\n|\r|$)/.exec(body.slice(0, 8));
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(body);
  return { rows: parseText(body, delimiter), encoding, delimiter };
}

export function decodeCsv(data: Uint8Array): { text: string; encoding: CsvEncoding } {
  const b0 = data[0];
  const b1 = data[1];
  if (b0 === 0xef && b1 === 0xbb && data[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(data.subarray(3)), encoding: "utf-8" };
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(data.subarray(2)), encoding: "utf-16le" };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(data.subarray(2)), encoding: "utf-16be" };
  }
  // BOM-less UTF-16 of text starting with an ASCII character.
  if (data.length >= 4 && data.length % 2 === 0) {
    if (b0 !== 0 && b1 === 0 && data[3] === 0) {
      return { text: new TextDecoder("utf-16le").decode(data), encoding: "utf-16le" };
    }
    if (b0 === 0 && b1 !== 0 && data[2] === 0) {
      return { text: new TextDecoder("utf-16be").decode(data), encoding: "utf-16be" };
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(data), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(data), encoding: "gb18030" };
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

/** Splits decoded CSV text into rows. */
export function parseText(s: string, delimiter: string): CellValue[][] {
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
      i = parseRecord(s, i, d, rows);
    }
  }
  return rows;
}

/** Parses the record starting at i char by char, appends it to rows; returns the next index. */
function parseRecord(s: string, i: number, d: number, rows: CellValue[][]): number {
  const n = s.length;
  const cells: CellValue[] = [];
  for (;;) {
    let value: string;
    if (s.charCodeAt(i) === 34) {
      value = "";
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q < 0) {
          // unterminated quote: the rest of the text is the field
          value += s.slice(from);
          i = n;
          break;
        }
        if (s.charCodeAt(q + 1) === 34) {
          value += s.slice(from, q + 1);
          from = q + 2;
          continue;
        }
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
