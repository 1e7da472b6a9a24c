import { fromOffice, needsTextFormat, TEXT_FORMAT, toOffice } from "../../src/excel/cells";
import {
  cmToPoints,
  freezeFromAddress,
  joinHeaderFooter,
  pointsToCm,
  splitHeaderFooter,
  titleRowsFromAddress,
} from "../../src/excel/print";
import {
  borderFromOffice,
  keyRects,
  lookKey,
  lookOfKey,
  officeBorder,
  pointsToWidth,
  rectBorders,
  widthToPoints,
} from "../../src/excel/styles";
import type { BorderStyle, SpecRow } from "../../src/sheet/spec";

describe("cell values", () => {
  test("Office's blanks and error texts", () => {
    expect(fromOffice("")).toBeNull();
    expect(fromOffice("#N/A")).toEqual({ error: "#N/A" });
    expect(fromOffice("#N/A", "Error")).toEqual({ error: "#N/A" });
    expect(fromOffice("#N/A", "String")).toBe("#N/A"); // text that reads like an error
    expect(fromOffice("#hashtag")).toBe("#hashtag");
    expect(fromOffice(45658)).toBe(45658);
    expect(fromOffice(false)).toBe(false);
  });

  test("text Excel would parse is written under the Text format", () => {
    const risky = [
      '=HYPERLINK("http://evil","x")',
      "+SUM(A1)",
      "-2+3",
      "@SUM(A1)",
      "'quoted",
      "00123",
      "1/2",
      "3-5",
      "1e5",
      "50%",
      "$12",
      "(100)",
      "TRUE",
      "false",
      "#N/A",
      " =1",
      "Mar 5",
      "2024年3月5日",
      "１２３",
    ];
    for (const t of risky) {
      expect([t, needsTextFormat(t)]).toEqual([t, true]);
      expect(toOffice({ value: t, format: "#,##0" })).toEqual({
        value: t,
        numberFormat: TEXT_FORMAT,
      });
    }
    for (const t of ["ACME Ltd", "上海某某公司", "{{customer.name}}", "Invoice INV-001", "Δ"]) {
      expect([t, needsTextFormat(t)]).toEqual([t, false]);
    }
    expect(toOffice({ value: "ACME", bold: true })).toEqual({
      value: "ACME",
      numberFormat: undefined,
    });
  });

  test("formulas, dates and numbers", () => {
    expect(toOffice({ value: { formula: "SUM(A1:A3)" } })).toEqual({
      value: null,
      formula: "=SUM(A1:A3)",
      numberFormat: undefined,
    });
    expect(toOffice({ value: { formula: "=A1" }, format: "0" }).formula).toBe("=A1");
    expect(toOffice({ value: { date: 45658 }, format: "yyyy-mm-dd" })).toEqual({
      value: 45658,
      numberFormat: "yyyy-mm-dd",
    });
    expect(toOffice({ value: NaN }).value).toBeNull();
    expect(toOffice(null)).toEqual({ value: null });
  });
});

describe("style rectangles", () => {
  const S = { format: "#,##0.00", border: { bottom: "thin" as BorderStyle } };

  test("equal styles over contiguous cells make one rectangle", () => {
    const rows: SpecRow[] = Array.from({ length: 1000 }, (_, r) => [
      `c${r}`,
      { value: r, ...S },
      { value: r * 2, ...S },
    ]);
    rows[0] = [
      { value: "Name", bold: true },
      { value: "A", bold: true },
      { value: "B", bold: true },
    ];
    const rects = keyRects(rows, 0, rows.length, lookKey);
    expect(rects).toEqual([
      { row: 0, column: 0, rows: 1, columns: 3, key: "bold=true" },
      { row: 1, column: 1, rows: 999, columns: 2, key: "bottom=thin" },
    ]);
  });

  test("every keyed cell is covered exactly once, whatever the pattern", () => {
    const keys = ["a", "b", undefined];
    const rows: SpecRow[] = Array.from({ length: 60 }, (_, r) =>
      Array.from({ length: 7 }, (_, c) => ((r * 7 + c * 3 + (r >> 2)) % 5 === 0 ? null : c)),
    );
    const keyOf = (_: unknown, r: number, c: number) => keys[(r * c + (c >> 1)) % 3];
    const rects = keyRects(rows, 5, 50, keyOf);
    const seen = new Map<string, string>();
    for (const rect of rects) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.column; c < rect.column + rect.columns; c++) {
          expect(seen.has(`${r},${c}`)).toBe(false);
          seen.set(`${r},${c}`, rect.key);
        }
      }
    }
    for (let r = 5; r < 55; r++) {
      for (let c = 0; c < 7; c++) expect(seen.get(`${r},${c}`)).toBe(keyOf(null, r, c));
    }
  });

  test("look keys round-trip", () => {
    const look = {
      bold: true,
      italic: true,
      size: 9,
      font: "SimSun",
      color: "595959",
      fill: "DDEBF7",
      align: "center" as const,
      valign: "top" as const,
      wrap: true,
      underline: true,
      border: { top: "thin" as const, left: "double" as const },
    };
    expect(lookOfKey(lookKey({ value: 1, format: "0", ...look })!)).toEqual(look);
    expect(lookKey({ value: 1, format: "0" })).toBeUndefined();
    expect(lookKey("text")).toBeUndefined();
  });
});

describe("borders", () => {
  test("spec borders map to Office lines and back", () => {
    for (const b of ["hair", "thin", "medium", "thick", "dashed", "dotted", "double"] as const) {
      const o = officeBorder(b);
      expect(borderFromOffice(o.style, o.weight ?? "Thick")).toBe(b);
    }
    expect(borderFromOffice("None", "Thin")).toBeUndefined();
  });

  test("a rectangle's lines: edges plus the shared lines inside", () => {
    expect(rectBorders({ bottom: "thin" }, 3, 1)).toEqual([
      ["EdgeBottom", { style: "Continuous", weight: "Thin" }],
      ["InsideHorizontal", { style: "Continuous", weight: "Thin" }],
    ]);
    const grid = rectBorders({ top: "thin", bottom: "thin", left: "thin", right: "thin" }, 2, 2);
    expect(grid.map(([e]) => e)).toEqual([
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
      "InsideHorizontal",
      "InsideVertical",
    ]);
    expect(rectBorders({ top: "thin" }, 1, 1).map(([e]) => e)).toEqual(["EdgeTop"]);
  });
});

describe("units", () => {
  test("column widths: characters ↔ points (7-pixel digit, 0.75 pt a pixel)", () => {
    expect(widthToPoints(9.140625)).toBe(48); // Excel's default column: 64 px
    expect(widthToPoints(12)).toBe(63); // 84 px
    expect(widthToPoints(0)).toBe(0);
    for (const w of [4, 8, 10, 12, 14, 18, 30]) expect(pointsToWidth(widthToPoints(w))).toBe(w);
  });

  test("margins: centimetres ↔ points", () => {
    expect(cmToPoints(2.54)).toBeCloseTo(72, 10);
    for (const cm of [0, 0.8, 1.9, 2, 2.5]) expect(pointsToCm(cmToPoints(cm))).toBe(cm);
  });
});

describe("headers and footers", () => {
  test("Excel's codes split into Office's three sections and join back", () => {
    expect(splitHeaderFooter("&CDZ-2026-0001  第 &P / &N 页")).toEqual({
      left: "",
      center: "DZ-2026-0001  第 &P / &N 页",
      right: "",
    });
    expect(splitHeaderFooter("&L&D&RPage &P of &N")).toEqual({
      left: "&D",
      center: "",
      right: "Page &P of &N",
    });
    expect(splitHeaderFooter("A && B")).toEqual({ left: "", center: "A && B", right: "" });
    expect(joinHeaderFooter(splitHeaderFooter("&L&D&RPage &P of &N"))).toBe("&L&D&RPage &P of &N");
    expect(joinHeaderFooter({ left: "", center: "", right: "" })).toBeUndefined();
  });

  test("addresses of title rows and frozen panes", () => {
    expect(titleRowsFromAddress("Sheet1!$5:$7")).toEqual([5, 7]);
    expect(titleRowsFromAddress("'My sheet'!$5:$5")).toEqual([5, 5]);
    expect(freezeFromAddress("S!$1:$2")).toEqual({ rows: 2, columns: 0 });
    expect(freezeFromAddress("S!$A:$C")).toEqual({ rows: 0, columns: 3 });
    expect(freezeFromAddress("S!$A$1:$B$4")).toEqual({ rows: 4, columns: 2 });
  });
});
