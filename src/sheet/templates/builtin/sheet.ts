/**
 * The grid every built-in template is laid on: 8 columns on A4 portrait (2 cm margins, one page
 * wide), the cell styles the letters share, and a builder that adds rows, merges and heights.
 */
import { perLocale } from "../../../core/i18n";
import type { Locale } from "../../../core/messages";
import type { CellStyle, SheetSpec, SpecCell, SpecRow } from "../../spec";

const COLS = 8;
const WIDTHS = [13, 12, 12, 12, 13, 13, 13, 12];
const MONEY = "#,##0.00;[Red]-#,##0.00";
const DATE = "yyyy-mm-dd";

const THIN = { top: "thin", bottom: "thin", left: "thin", right: "thin" } as const;
export const S = {
  company: { bold: true, size: 12, align: "center" },
  title: { bold: true, size: 18, align: "center", valign: "middle" },
  docNo: { align: "right", size: 10 },
  para: { wrap: true, valign: "top", size: 11 },
  bold: { bold: true, size: 11 },
  th: { bold: true, fill: "F2F2F2", border: THIN, align: "center", valign: "middle", wrap: true },
  td: { border: THIN, size: 10 },
  money: { border: THIN, size: 10, format: MONEY },
  date: { border: THIN, size: 10, format: DATE, align: "center" },
  int: { border: THIN, size: 10, format: "0", align: "right" },
  total: { bold: true, border: THIN, size: 10, format: MONEY },
  box: { border: THIN, valign: "top", size: 10, wrap: true },
  small: { size: 9, italic: true, color: "595959", wrap: true },
  cut: { align: "center", color: "7F7F7F", size: 9 },
} satisfies Record<string, CellStyle>;

/** 4 cm in points: the seal box's height. */
export const SEAL = 113;

/** Builds a letter row by row on an 8-column A4 grid. */
export class Sheet {
  readonly rows: SpecRow[] = [];
  readonly heights: (number | undefined)[] = [];
  readonly merges: string[] = [];

  /** 1-based number of the next row. */
  get next(): number {
    return this.rows.length + 1;
  }

  /** A row of cells; `spans` merges cells: [[firstCol, lastCol], ...] 1-based. */
  row(cells: (SpecCell | null)[], height?: number, spans: [number, number][] = []): this {
    const r = this.next;
    this.rows.push(cells);
    this.heights.push(height);
    for (const [a, b] of spans) this.merges.push(`${col(a)}${r}:${col(b)}${r}`);
    return this;
  }

  /** One cell across the whole width. */
  wide(text: string, style: CellStyle = S.para, height?: number): this {
    return this.row([{ value: text, ...style }], height, [[1, COLS]]);
  }

  blank(height = 8): this {
    return this.row([], height);
  }

  /** Pairs of [text, style, span] laid left to right. */
  cells(parts: [string | SpecCell["value"], CellStyle, number][], height?: number): this {
    const cells: (SpecCell | null)[] = [];
    const spans: [number, number][] = [];
    let c = 1;
    for (const [value, style, span] of parts) {
      cells[c - 1] = { value, ...style };
      for (let k = 1; k < span; k++) cells[c - 1 + k] = { value: null, ...style };
      if (span > 1) spans.push([c, c + span - 1]);
      c += span;
    }
    return this.row(cells, height, spans);
  }

  done(name: string, footer: string): SheetSpec {
    return {
      name,
      widths: WIDTHS,
      heights: this.heights,
      rows: this.rows,
      merges: this.merges,
      hideGridLines: true,
      print: {
        orientation: "portrait",
        paper: "A4",
        fitToWidth: true,
        margins: { top: 2, bottom: 2, left: 2, right: 2, header: 0.8, footer: 0.8 },
        area: `A1:H${this.rows.length}`,
        footer,
        centerHorizontally: true,
      },
    };
  }
}

function col(c: number): string {
  return String.fromCharCode(64 + c);
}

const LETTER_DATE = perLocale({ "zh-CN": 'yyyy"年"m"月"d"日"', "en-US": "d mmmm yyyy" });

/** A date as a letter writes it: 2026年6月30日, 30 June 2026. */
export function letterDate(locale: Locale): CellStyle {
  return { format: LETTER_DATE[locale], align: "left" };
}
