/**
 * Print setup between SheetSpec (PrintSetup, margins in centimetres) and Office.js
 * `worksheet.pageLayout` (margins in points, header/footer in three sections). Pure
 * functions, no Office.
 */
import type { PrintSetup } from "../sheet/spec";

/** 1 inch = 2.54 cm = 72 points. */
export const POINTS_PER_CM = 72 / 2.54;

export function cmToPoints(cm: number): number {
  return cm * POINTS_PER_CM;
}

/** Points to centimetres, to 1/100 cm (margins are set in cm; this undoes the float noise). */
export function pointsToCm(points: number): number {
  return Math.round((points / POINTS_PER_CM) * 100) / 100;
}

/** The margins the ExcelJS writer uses when a spec gives only some (xlsx-writer.ts). */
export const DEFAULT_MARGINS_CM = {
  top: 2,
  bottom: 2,
  left: 2,
  right: 2,
  header: 0.8,
  footer: 0.8,
};

export type OfficePaper = "A4" | "A3" | "Letter";

export function paperToOffice(p: PrintSetup["paper"]): OfficePaper {
  return p === "A3" ? "A3" : p === "letter" ? "Letter" : "A4";
}

export function paperFromOffice(p: string | undefined): PrintSetup["paper"] {
  return p === "A3" ? "A3" : p === "Letter" ? "letter" : p === "A4" ? "A4" : undefined;
}

/** A header or footer in Office's three sections. */
export interface HeaderFooterSections {
  left: string;
  center: string;
  right: string;
}

/**
 * Splits a header or footer string in Excel's codes into its sections: `&L`, `&C` and `&R`
 * start the left, centre and right sections; text before any of them is centred, as Excel
 * does. Other codes (`&P`, `&N`, `&D`, `&"font"`, `&&`…) stay in their section's text, which is
 * how Office.js takes them.
 */
export function splitHeaderFooter(s: string | undefined): HeaderFooterSections {
  const out: HeaderFooterSections = { left: "", center: "", right: "" };
  if (!s) return out;
  let section: keyof HeaderFooterSections = "center";
  let i = 0;
  while (i < s.length) {
    if (s[i] === "&" && i + 1 < s.length) {
      const code = s[i + 1];
      if (code === "L" || code === "C" || code === "R") {
        section = code === "L" ? "left" : code === "C" ? "center" : "right";
        i += 2;
        continue;
      }
      out[section] += s.slice(i, i + 2); // `&&`, `&P`… kept whole so `&&L` stays text
      i += 2;
      continue;
    }
    out[section] += s[i];
    i++;
  }
  return out;
}

/** The string of sections (the inverse of splitHeaderFooter), or undefined when all empty. */
export function joinHeaderFooter(h: Partial<HeaderFooterSections>): string | undefined {
  const parts: string[] = [];
  if (h.left) parts.push("&L" + h.left);
  if (h.center) parts.push("&C" + h.center);
  if (h.right) parts.push("&R" + h.right);
  return parts.length ? parts.join("") : undefined;
}

/** `$5:$7` of title rows [5, 7]. */
export function titleRowsAddress(rows: [number, number]): string {
  return `$${rows[0]}:$${rows[1]}`;
}

/** Title rows of an address such as `Sheet1!$5:$7` or `$A$5:$XFD$7`. */
export function titleRowsFromAddress(address: string | undefined): [number, number] | undefined {
  if (!address) return undefined;
  const a = address.slice(address.lastIndexOf("!") + 1);
  const m = /^\$?[A-Z]*\$?(\d+)(?::\$?[A-Z]*\$?(\d+))?$/i.exec(a);
  if (!m) return undefined;
  const first = Number(m[1]);
  return [first, m[2] ? Number(m[2]) : first];
}

/** An address without its sheet and `$` signs: `Sheet 1'!$A$1:$H$40` → `A1:H40`. */
export function localAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
}

/**
 * Frozen rows and columns of a frozen pane's location (`worksheet.freezePanes.getLocation`):
 * `$1:$2` is two rows, `$A:$B` two columns, `$A$1:$B$2` both.
 */
export function freezeFromAddress(
  address: string | undefined,
): { rows: number; columns: number } | undefined {
  if (!address) return undefined;
  const a = localAddress(address);
  const rows = /^(\d+):(\d+)$/.exec(a);
  if (rows) return { rows: Number(rows[2]), columns: 0 };
  const cols = /^([A-Z]+):([A-Z]+)$/i.exec(a);
  if (cols) return { rows: 0, columns: columnNumber(cols[2]) };
  const both = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
  if (both) {
    const col = both[3] ?? both[1];
    const row = both[4] ?? both[2];
    return { rows: Number(row), columns: columnNumber(col) };
  }
  return undefined;
}

/** 1-based number of column letters: A → 1, AB → 28. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
