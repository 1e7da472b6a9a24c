/**
 * Cell styles between SheetSpec (CellStyle) and Office.js range formats, and the grouping that
 * keeps a 100k-row write to a handful of format operations: cells with the same style that
 * touch form rectangles, and one rectangle is one range operation. Pure functions, no Office.
 */
import type { BorderStyle, CellStyle, SpecRow } from "../sheet/spec";
import { specCell } from "./cells";

/** A rectangle of cells (0-based sheet row and column) sharing one key. */
export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
  key: string;
}

/**
 * Rectangles covering every cell of rows `start .. start + count - 1` whose key is defined,
 * cells of one rectangle sharing the key. Each row is cut into runs of equal keys; a run
 * exactly below a rectangle's last row (same columns, same key) extends it downwards. A table
 * whose columns each have one style therefore gives one rectangle per column run, however
 * many rows it has. `keyOf(cell, row, column)` gets sheet coordinates.
 */
export function keyRects(
  rows: readonly SpecRow[],
  start: number,
  count: number,
  keyOf: (cell: SpecRow[number] | undefined, row: number, column: number) => string | undefined,
): Rect[] {
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (let r = start; r < start + count; r++) {
    const row = rows[r] ?? [];
    const next = new Map<string, Rect>();
    let c = 0;
    while (c < row.length) {
      const key = keyOf(row[c], r, c);
      if (key === undefined) {
        c++;
        continue;
      }
      let end = c + 1;
      while (end < row.length && keyOf(row[end], r, end) === key) end++;
      const id = `${c}:${end}:${key}`;
      const above = open.get(id);
      if (above) {
        above.rows++;
        open.delete(id);
        next.set(id, above);
      } else {
        next.set(id, { row: r, column: c, rows: 1, columns: end - c, key });
      }
      c = end;
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  }
  for (const rect of open.values()) done.push(rect);
  return done.sort((a, b) => a.row - b.row || a.column - b.column);
}

/** The look of a cell: its style less the number format (set separately, before values). */
export type Look = Omit<CellStyle, "format">;

const LOOK_KEYS = [
  "bold",
  "italic",
  "underline",
  "size",
  "font",
  "color",
  "align",
  "valign",
  "wrap",
  "fill",
] as const;

/** A stable key of a cell's look, or undefined when it has none. */
export function lookKey(raw: SpecRow[number] | undefined): string | undefined {
  const cell = specCell(raw);
  if (!cell) return undefined;
  const parts: string[] = [];
  for (const k of LOOK_KEYS) {
    const v = cell[k];
    if (v !== undefined && v !== false && v !== "") parts.push(`${k}=${String(v)}`);
  }
  const b = cell.border;
  if (b) {
    for (const side of ["top", "bottom", "left", "right"] as const) {
      if (b[side]) parts.push(`${side}=${b[side]}`);
    }
  }
  return parts.length ? parts.join(";") : undefined;
}

/** The look a key stands for (the inverse of lookKey). */
export function lookOfKey(key: string): Look {
  const look: Look = {};
  const border: NonNullable<Look["border"]> = {};
  for (const part of key.split(";")) {
    const eq = part.indexOf("=");
    const k = part.slice(0, eq);
    const v = part.slice(eq + 1);
    switch (k) {
      case "bold":
      case "italic":
      case "underline":
      case "wrap":
        look[k] = v === "true";
        break;
      case "size":
        look.size = Number(v);
        break;
      case "font":
      case "color":
      case "fill":
        look[k] = v;
        break;
      case "align":
        look.align = v as Look["align"];
        break;
      case "valign":
        look.valign = v as Look["valign"];
        break;
      case "top":
      case "bottom":
      case "left":
      case "right":
        border[k] = v as BorderStyle;
        break;
    }
  }
  if (Object.keys(border).length) look.border = border;
  return look;
}

/** Office's border index names for the edges of a range and the lines inside it. */
export type BorderEdge =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

/** An Office border line: `style` plus `weight` where the style has one. */
export interface OfficeBorder {
  style: "Continuous" | "Dash" | "Dot" | "Double";
  weight?: "Hairline" | "Thin" | "Medium" | "Thick";
}

const TO_OFFICE_BORDER: Record<BorderStyle, OfficeBorder> = {
  hair: { style: "Continuous", weight: "Hairline" },
  thin: { style: "Continuous", weight: "Thin" },
  medium: { style: "Continuous", weight: "Medium" },
  thick: { style: "Continuous", weight: "Thick" },
  dashed: { style: "Dash", weight: "Thin" },
  dotted: { style: "Dot", weight: "Thin" },
  double: { style: "Double" },
};

export function officeBorder(b: BorderStyle): OfficeBorder {
  return TO_OFFICE_BORDER[b];
}

/** A spec border of an Office border line (style and weight as Office reports them). */
export function borderFromOffice(
  style: string | undefined,
  weight: string | undefined,
): BorderStyle | undefined {
  switch (style) {
    case undefined:
    case "None":
      return undefined;
    case "Continuous":
      return weight === "Hairline"
        ? "hair"
        : weight === "Medium"
          ? "medium"
          : weight === "Thick"
            ? "thick"
            : "thin";
    case "Dot":
      return "dotted";
    case "Double":
      return "double";
    default:
      return "dashed"; // Dash, DashDot, DashDotDot, SlantDashDot
  }
}

/**
 * The Office border lines of a rectangle whose every cell has `border`: a cell's top edge on
 * the rectangle's top edge, its bottom on the bottom, and the lines between two cells from the
 * edge they share (the bottom of the upper cell, else the top of the lower one; the right of
 * the left cell, else the left of the right one). Excel draws a shared edge once.
 */
export function rectBorders(
  border: NonNullable<CellStyle["border"]>,
  rows: number,
  columns: number,
): [BorderEdge, OfficeBorder][] {
  const lines: [BorderEdge, BorderStyle | undefined][] = [
    ["EdgeTop", border.top],
    ["EdgeBottom", border.bottom],
    ["EdgeLeft", border.left],
    ["EdgeRight", border.right],
  ];
  if (rows > 1) lines.push(["InsideHorizontal", border.bottom ?? border.top]);
  if (columns > 1) lines.push(["InsideVertical", border.right ?? border.left]);
  return lines.filter(([, b]) => b !== undefined).map(([e, b]) => [e, officeBorder(b!)]);
}

/** Office alignment names of a spec's alignments. */
export const H_ALIGN = {
  left: "Left",
  center: "Center",
  right: "Right",
  justify: "Justify",
} as const;
export const V_ALIGN = { top: "Top", middle: "Center", bottom: "Bottom" } as const;

export function alignFromOffice(h: string | undefined): CellStyle["align"] {
  switch (h) {
    case "Left":
    case "Fill":
      return "left";
    case "Center":
    case "CenterAcrossSelection":
      return "center";
    case "Right":
      return "right";
    case "Justify":
    case "Distributed":
      return "justify";
    default:
      return undefined; // General
  }
}

/** Bottom is Excel's default vertical alignment: it is left out of a spec. */
export function valignFromOffice(v: string | undefined): CellStyle["valign"] {
  if (v === "Top") return "top";
  if (v === "Center" || v === "Justify" || v === "Distributed") return "middle";
  return undefined;
}

/** `RRGGBB` of an Office colour (`#RRGGBB`), or undefined. */
export function colorFromOffice(c: string | null | undefined): string | undefined {
  if (!c) return undefined;
  const m = /^#?([0-9a-f]{6})$/i.exec(c.trim());
  return m ? m[1].toUpperCase() : undefined;
}

export function colorToOffice(c: string): string {
  return "#" + c.replace(/^#/, "").toUpperCase();
}

/**
 * Column widths: SheetSpec widths are Excel character units as the .xlsx file stores them
 * (`<col width>`, ExcelJS `column.width`), Office.js `format.columnWidth` is points. With the
 * default font (Calibri 11, a maximum digit width of 7 px at 96 dpi) Excel shows a width of w
 * characters as floor(7·w + 0.5) pixels (the file's 256ths rounding: Truncate((256·w +
 * Truncate(128/7))/256 · 7)), and a pixel is 0.75 point. So 8.43 (Excel's default, stored as
 * 9.140625) is 64 px = 48 pt, and one character is about 5.25 pt. Other default fonts have
 * other digit widths; this is the conversion for the common case, exact to the pixel there.
 */
export const DIGIT_PX = 7;
export const PT_PER_PX = 0.75;

export function widthToPoints(chars: number): number {
  if (!(chars > 0)) return 0;
  return Math.floor(((256 * chars + Math.floor(128 / DIGIT_PX)) / 256) * DIGIT_PX) * PT_PER_PX;
}

/** The inverse of widthToPoints, to 1/100 of a character (exact for whole-pixel widths). */
export function pointsToWidth(points: number): number {
  if (!(points > 0)) return 0;
  return Math.round((points / PT_PER_PX / DIGIT_PX) * 100) / 100;
}
