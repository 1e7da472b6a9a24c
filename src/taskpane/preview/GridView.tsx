/**
 * A plain grid of one sheet, as Excel would show it: column letters, row numbers, the values of
 * a user's sheet or the cells ar-desk would write (formulas shown as formulas), and the cell the
 * pane selected. Only the rows in view are rendered, so a 100,000-row sheet scrolls freely.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { isoFromSerial } from "../../core/dates";
import { columnLetters, type CellValue } from "../../sheet/grid";
import type { SpecRow } from "../../sheet/spec";

const ROW_H = 22;
const HEAD_W = 48;
const COL_W = 96;
const OVERSCAN = 8;

const useStyles = makeStyles({
  scroller: {
    position: "relative",
    overflow: "auto",
    flexGrow: 1,
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase200,
    fontFamily: tokens.fontFamilyBase,
  },
  row: { position: "absolute", left: 0, display: "flex", height: `${ROW_H}px` },
  cell: {
    boxSizing: "border-box",
    height: `${ROW_H}px`,
    lineHeight: `${ROW_H - 1}px`,
    paddingLeft: "4px",
    paddingRight: "4px",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    flexShrink: 0,
  },
  num: { textAlign: "right" },
  formula: { color: tokens.colorPaletteGreenForeground1, fontFamily: tokens.fontFamilyMonospace },
  bold: { fontWeight: tokens.fontWeightSemibold },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    textAlign: "center",
    position: "sticky",
    zIndex: 1,
  },
  top: { top: 0 },
  left: { left: 0 },
  selected: {
    outline: `2px solid ${tokens.colorPaletteGreenBorderActive}`,
    outlineOffset: "-2px",
    backgroundColor: tokens.colorPaletteGreenBackground1,
  },
  selectedHead: {
    backgroundColor: tokens.colorNeutralBackground5,
    color: tokens.colorNeutralForeground1,
  },
});

type AnyCell = SpecRow[number] | CellValue | undefined;

/** Pixels of a column: a spec's width in characters, else the default. */
function columnWidth(widths: number[] | undefined, c: number): number {
  return Math.max(48, Math.min(320, widths?.[c] ? widths[c] * 7.5 : COL_W));
}

/** What a cell shows, and whether it is a number or a formula. */
export function cellText(cell: AnyCell): { text: string; kind: "text" | "number" | "formula" } {
  if (cell === null || cell === undefined) return { text: "", kind: "text" };
  if (typeof cell === "number") return { text: String(cell), kind: "number" };
  if (typeof cell === "boolean") return { text: cell ? "TRUE" : "FALSE", kind: "text" };
  if (typeof cell === "string") return { text: cell, kind: "text" };
  if ("error" in cell) return { text: String(cell.error), kind: "text" };
  const v = cell.value;
  if (v === null || v === undefined) return { text: "", kind: "text" };
  if (typeof v === "object") {
    if ("date" in v) return { text: isoFromSerial(v.date), kind: "number" };
    return { text: v.formula.startsWith("=") ? v.formula : `=${v.formula}`, kind: "formula" };
  }
  if (typeof v === "number") {
    const f = cell.format ?? "";
    if (f.includes("%")) return { text: `${(v * 100).toFixed(1)}%`, kind: "number" };
    if (/0\.0/.test(f))
      return {
        text: v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
        kind: "number",
      };
    if (f.startsWith("#,##0")) return { text: v.toLocaleString("en-US"), kind: "number" };
    if (/y/.test(f)) return { text: isoFromSerial(v), kind: "number" };
    return { text: String(v), kind: "number" };
  }
  return { text: String(v), kind: "text" };
}

export interface GridViewProps {
  name: string;
  rows: readonly (readonly AnyCell[] | undefined)[];
  /** Column widths in characters (a spec's), else the default. */
  widths?: number[];
  /** The selected cell (1-based), if on this sheet. */
  selection: { row: number; column: number } | null;
}

export function GridView({ name, rows, widths, selection }: GridViewProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const columns = useMemo(() => {
    let n = 0;
    for (const r of rows) if (r && r.length > n) n = r.length;
    return Math.max(n, 8);
    // A sheet still arriving grows in place: its length is part of what is counted.
  }, [rows, rows.length]);
  const lefts = useMemo(() => {
    const out = [HEAD_W];
    for (let c = 0; c < columns; c++) out.push(out[c] + columnWidth(widths, c));
    return out;
  }, [columns, widths]);
  const colW = (c: number) => lefts[c + 1] - lefts[c];
  const total = Math.max(rows.length, 30);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight });
    update();
    el.addEventListener("scroll", update, { passive: true });
    // The scroller's own size (a layout change resizes it without resizing the window).
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(update);
    observer?.observe(el);
    window.addEventListener("resize", update);
    return () => {
      el.removeEventListener("scroll", update);
      observer?.disconnect();
      window.removeEventListener("resize", update);
    };
  }, []);

  // Bring the selected cell into view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !selection) return;
    const y = selection.row * ROW_H;
    if (y < el.scrollTop + ROW_H || y > el.scrollTop + el.clientHeight - ROW_H)
      el.scrollTop = Math.max(0, y - el.clientHeight / 3);
    const x = lefts[selection.column - 1] ?? 0;
    if (x < el.scrollLeft + HEAD_W || x > el.scrollLeft + el.clientWidth - 100)
      el.scrollLeft = Math.max(0, x - HEAD_W - 40);
  }, [selection, lefts, name]);

  const first = Math.max(0, Math.floor(view.top / ROW_H) - OVERSCAN);
  const last = Math.min(total, Math.ceil((view.top + view.height) / ROW_H) + OVERSCAN);
  const width = lefts[columns];

  const body = [];
  for (let r = first; r < last; r++) {
    const cells = rows[r];
    const selRow = selection?.row === r + 1;
    body.push(
      <div
        key={r}
        className={styles.row}
        style={{ top: (r + 1) * ROW_H, width }}
        role="row"
        aria-rowindex={r + 1}
      >
        <div
          className={`${styles.cell} ${styles.head} ${styles.left} ${selRow ? styles.selectedHead : ""}`}
          style={{ width: HEAD_W }}
          role="rowheader"
        >
          {r + 1}
        </div>
        {Array.from({ length: columns }, (_, c) => {
          const { text, kind } = cellText(cells?.[c]);
          const raw = cells?.[c];
          const bold = raw !== null && typeof raw === "object" && "bold" in raw && raw.bold;
          const sel = selRow && selection?.column === c + 1;
          return (
            <div
              key={c}
              role="gridcell"
              aria-colindex={c + 1}
              aria-selected={sel || undefined}
              data-cell={sel ? `${columnLetters(c)}${r + 1}` : undefined}
              title={text}
              className={`${styles.cell} ${kind !== "text" ? styles.num : ""} ${kind === "formula" ? styles.formula : ""} ${bold ? styles.bold : ""} ${sel ? styles.selected : ""}`}
              style={{ width: colW(c), textAlign: kind === "formula" ? "left" : undefined }}
            >
              {text}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="grid"
      aria-label={name}
      aria-rowcount={rows.length}
      data-testid="grid"
      data-sheet={name}
      tabIndex={0}
    >
      <div style={{ height: (total + 1) * ROW_H, width, position: "relative" }}>
        <div
          className={styles.row}
          style={{ top: 0, width, position: "sticky", zIndex: 2 }}
          role="row"
        >
          <div
            className={`${styles.cell} ${styles.head} ${styles.left} ${styles.top}`}
            style={{ width: HEAD_W }}
          />
          {Array.from({ length: columns }, (_, c) => (
            <div
              key={c}
              role="columnheader"
              className={`${styles.cell} ${styles.head} ${styles.top} ${selection?.column === c + 1 ? styles.selectedHead : ""}`}
              style={{ width: colW(c) }}
            >
              {columnLetters(c)}
            </div>
          ))}
        </div>
        {body}
      </div>
    </div>
  );
}
