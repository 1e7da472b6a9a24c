/**
 * Moving A1 references in a template's formulas when rows are repeated or shifted, as Excel does
 * when rows are inserted: a total row's `=SUM(F10:F10)` over one template line becomes
 * `=SUM(F10:F24)` over fifteen generated lines, and a cell below the lines keeps pointing at the
 * same content.
 */
import { columnLetters } from "../grid";

/** Where a template row went: `role` says whether it is a range's start, end or a lone cell. */
export type RowMapper = (
  row: number,
  role: "start" | "end" | "single",
  absolute: boolean,
) => number;

// A cell or range reference, optionally sheet-qualified. Not preceded by a name character (so
// `LOG10(` is not a cell), not followed by one or by `(`.
const REF =
  /(?<![A-Za-z0-9_.$!'])((?:'[^']+'|[A-Za-z0-9_\u00C0-\uFFFF]+)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(])/g;

/**
 * Rewrites the row numbers of the formula's references to cells of its own sheet (unqualified,
 * or qualified with `ownSheet`); text inside string literals is left alone.
 */
export function mapFormulaRows(formula: string, ownSheet: string | null, map: RowMapper): string {
  const parts = formula.split('"');
  for (let k = 0; k < parts.length; k += 2) {
    parts[k] = parts[k].replace(
      REF,
      (all, sheet: string | undefined, c1a, c1, r1a, r1, c2a, c2, r2a, r2) => {
        if (sheet) {
          const name = sheet.slice(0, -1).replace(/^'|'$/g, "").replace(/''/g, "'");
          if (ownSheet === null || name !== ownSheet) return all;
        }
        const prefix = sheet ?? "";
        if (c2 === undefined) {
          return `${prefix}${c1a}${c1}${r1a}${map(Number(r1), "single", r1a === "$")}`;
        }
        const start = map(Number(r1), "start", r1a === "$");
        const end = map(Number(r2), "end", r2a === "$");
        return `${prefix}${c1a}${c1}${r1a}${start}:${c2a}${c2}${r2a}${end}`;
      },
    );
  }
  return parts.join('"');
}

/** Parses `B3:D5` (or `B3`) into 1-based corners. */
export function parseRange(a1: string): { r1: number; c1: number; r2: number; c2: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(a1.trim());
  if (!m) throw new Error(`Not an A1 range: ${a1}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const c1 = col(m[1]);
  return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? col(m[3]) : c1 };
}

/** `B3:D5` from 1-based corners. */
export function formatRange(r1: number, c1: number, r2: number, c2: number): string {
  return `${columnLetters(c1 - 1)}${r1}:${columnLetters(c2 - 1)}${r2}`;
}
