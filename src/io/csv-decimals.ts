/**
 * The decimal convention a CSV's texts show (`1.234,56`, `1,234.56`, `1.234`): what each text
 * says, counted per column, for csv.ts to settle each column's convention. Shared by the parser
 * of decoded text and the byte parser (csv-bytes.ts), which counts as it puts the cells.
 */

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

/** What a column's values said of its decimal convention. */
export interface DecimalStats {
  eu: number;
  us: number;
  dot3: number;
  first: number;
  example: string;
}

export function newStats(): DecimalStats {
  return { eu: 0, us: 0, dot3: 0, first: 0, example: "" };
}

export type DecimalKind = "eu" | "us" | "dot3" | null;

/** The kinds, by a small number (1 + the index here) kept per distinct text. */
export const DECIMAL_KINDS: readonly DecimalKind[] = [null, "eu", "us", "dot3"];

/** The decimal convention a text shows, if any. */
export function decimalKind(v: string): DecimalKind {
  if (v.length > 40) return null;
  // Every shape below has a point or a comma: most cells (dates, codes, names) have neither.
  if (v.indexOf(".") < 0 && v.indexOf(",") < 0) return null;
  if (!/\d/.test(v)) return null;
  const t = v.trim();
  return EU.test(t) ? "eu" : US.test(t) ? "us" : DOT3.test(t) ? "dot3" : null;
}

/** Counts a value of the kind at 0-based row r. */
export function count(st: DecimalStats, kind: DecimalKind, v: string, r: number): void {
  if (!kind) return;
  st[kind]++;
  if (kind !== "us" && !st.first) {
    st.first = r + 1;
    st.example = v.trim();
  }
}

/** A decimal-comma value rewritten to the point (`1.234,5` → `1234.5`), or null: not one. */
export function pointForm(v: string): string | null {
  const t = v.trim();
  if (!EU.test(t) && !DOT3.test(t) && !COMMA3.test(t)) return null;
  return t.replace(/(\d)\.(?=\d{3}(?!\d))/g, "$1").replace(/(\d),(\d)/, "$1.$2");
}
