/**
 * The adapter's writes (and the reads that check them) against the in-process fake of Excel
 * (src/excel/fake-excel.ts): office-addin-mock cannot model collections, per-argument objects,
 * ordered writes or payload sizes (see the fake's header).
 */
import { FakeExcel, parseAddress, type FakeSheet } from "../support/fake-excel";
import { GENERATED_KEY, OfficeWorkbook } from "../../src/excel/office-workbook";
import { cmToPoints } from "../../src/excel/print";
import { widthToPoints } from "../../src/excel/styles";
import { builtinTemplates } from "../../src/sheet/templates/builtin";
import {
  MONEY_FORMAT,
  type CellStyle,
  type SheetSpec,
  type SpecCell,
  type SpecRow,
} from "../../src/sheet/spec";

function at(sheet: FakeSheet, a1: string) {
  const b = parseAddress(a1);
  return sheet.cell(b.row, b.column);
}

describe("formula injection", () => {
  const hostile = [
    '=HYPERLINK("http://evil.example","Click")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "00123",
    "TRUE",
    "#N/A",
    "1/2",
  ];

  test("the fake parses text like Excel does: without protection it would become a formula", async () => {
    // The control: assigning the strings as they are turns them into formulas and numbers.
    const fake = new FakeExcel();
    fake.addSheet("S");
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A3").values = [
        [hostile[0]],
        ["-2+3"],
        ["00123"],
      ];
      await context.sync();
    });
    const s = fake.find("S")!;
    expect(at(s, "A1")?.formula).toBe(hostile[0]);
    expect(at(s, "A2")?.formula).toBe("-2+3");
    expect(at(s, "A3")?.value).toBe(123);
  });

  test("text from data stays text; only FormulaValue cells become formulas", async () => {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run);
    const spec: SheetSpec = {
      name: "Customers",
      rows: [
        ["Customer", "Balance"],
        ...hostile.map((t, i) => [t, { value: i * 100, format: MONEY_FORMAT }]),
        [
          { value: "Total", bold: true },
          { value: { formula: `SUM(B2:B${hostile.length + 1})` }, bold: true },
        ],
      ],
    };
    await wb.writeSheets([spec]);
    const s = fake.find("Customers")!;
    hostile.forEach((t, i) => {
      const cell = s.cell(i + 1, 0);
      expect({ t, formula: cell?.formula, value: cell?.value }).toEqual({
        t,
        formula: undefined,
        value: t,
      });
      expect(cell?.numberFormat).toBe("@");
    });
    expect(at(s, `B${hostile.length + 2}`)?.formula).toBe(`=SUM(B2:B${hostile.length + 1})`);
    expect(at(s, "A1")?.numberFormat).toBeUndefined(); // plain text is left in General
    // The Text format went in before the values it protects.
    const textFormat = fake.log.findIndex(
      (l) => l.startsWith("numberFormat A2:A") && l.endsWith(" @"),
    );
    const values = fake.log.findIndex((l) => l.startsWith("values A1:"));
    expect(textFormat).toBeGreaterThanOrEqual(0);
    expect(textFormat).toBeLessThan(values);
    // And it reads back as the same text.
    const grid = await wb.readValues("Customers");
    expect(grid.rows.slice(1, hostile.length + 1).map((r) => r[0])).toEqual(hostile);
  });
});

describe("generated sheets", () => {
  test("a user's sheet named like a generated one is untouched and the spec gets 'Name (2)'", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Statement", [["user data", 1]]);
    const wb = new OfficeWorkbook(fake.run);
    const written = await wb.writeSheets([{ name: "Statement", rows: [["generated"]] }]);
    expect(written).toEqual([
      { wanted: "Statement", name: "Statement (2)", replaced: false, rows: 1 },
    ]);
    const user = fake.find("Statement")!;
    expect(at(user, "A1")?.value).toBe("user data");
    expect(user.properties.size).toBe(0);
    expect(at(fake.find("Statement (2)")!, "A1")?.value).toBe("generated");
    expect(await wb.sheets()).toEqual([
      { name: "Statement", rows: 1, columns: 2, generated: false },
      { name: "Statement (2)", rows: 1, columns: 1, generated: true },
    ]);
  });

  test("regenerating replaces only ar-desk's own sheet, in place, with a clean slate", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Data", [["customer", "amount"]]);
    const wb = new OfficeWorkbook(fake.run);
    await wb.writeSheets([
      {
        name: "Aging",
        rows: [["old"], ["stale"], ["rows"]],
        merges: ["A1:B1"],
        print: { breaksAfter: [2] },
      },
    ]);
    fake.addSheet("Notes", [["mine"]]);
    const before = JSON.stringify([...fake.find("Data")!.cells]);
    const written = await wb.writeSheets([{ name: "Aging", rows: [["new"]] }]);
    expect(written).toEqual([{ wanted: "Aging", name: "Aging", replaced: true, rows: 1 }]);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Data", "Aging", "Notes"]);
    const aging = fake.find("Aging")!;
    expect(at(aging, "A1")?.value).toBe("new");
    expect(at(aging, "A2")).toBeUndefined();
    expect(aging.merges).toEqual([]);
    expect(aging.breaks).toEqual([]);
    expect(aging.properties.get(GENERATED_KEY.toLowerCase())?.value).toBe("Aging");
    expect(JSON.stringify([...fake.find("Data")!.cells])).toBe(before);
    expect(at(fake.find("Notes")!, "A1")?.value).toBe("mine");
  });

  test("renames never make a sheet replaceable", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Data", [["customer"]]);
    const wb = new OfficeWorkbook(fake.run);
    await wb.writeSheets([
      { name: "Summary", rows: [["s"]] },
      { name: "Aging", rows: [["a"]] },
    ]);
    // The user renames ar-desk's "Aging" and takes it over…
    fake.find("Aging")!.name = "My aging";
    // …and deletes "Summary", then renames their own sheet to "Summary".
    fake.sheets.splice(fake.sheets.indexOf(fake.find("Summary")!), 1);
    fake.find("Data")!.name = "Summary";
    expect((await wb.sheets()).map((s) => [s.name, s.generated])).toEqual([
      ["Summary", false],
      ["My aging", false],
    ]);
    const written = await wb.writeSheets([
      { name: "Summary", rows: [["x"]] },
      { name: "My aging", rows: [["y"]] },
    ]);
    expect(written.map((w) => [w.name, w.replaced])).toEqual([
      ["Summary (2)", false],
      ["My aging (2)", false],
    ]);
    expect(at(fake.find("Summary")!, "A1")?.value).toBe("customer");
    expect(at(fake.find("My aging")!, "A1")?.value).toBe("a");
  });

  test("progress is reported once each sheet has been sent", async () => {
    const fake = new FakeExcel();
    const progress: string[] = [];
    await new OfficeWorkbook(fake.run).writeSheets(
      [
        { name: "A", rows: [[1]] },
        { name: "B", rows: [[2]] },
      ],
      (p) => progress.push(`${p.done}/${p.total} ${p.sheet} after ${fake.syncs} syncs`),
    );
    // Two requests list the sheets; both small sheets then go in one request.
    expect(progress).toEqual(["1/2 A after 3 syncs", "2/2 B after 3 syncs"]);
  });
});

/** A table of `n` rows × 6 columns with one repeated style, under a bold header. */
function table(name: string, n: number): SheetSpec {
  const cell: CellStyle = {
    format: MONEY_FORMAT,
    size: 10,
    border: { top: "thin", bottom: "thin", left: "thin", right: "thin" },
  };
  const rows: SpecRow[] = [
    ["客户", "Invoice", "Due", "Amount", "Paid", "Open"].map((h) => ({
      value: h,
      bold: true,
      fill: "DDEBF7",
    })),
  ];
  for (let r = 0; r < n; r++) {
    rows.push([
      `客户 ${r % 97}`,
      `INV-${String(r).padStart(6, "0")}`,
      { value: { date: 45658 + (r % 365) }, format: "yyyy-mm-dd" },
      { value: r * 1.25, ...cell },
      { value: r % 7, ...cell },
      { value: r * 1.25 - (r % 7), ...cell },
    ]);
  }
  return { name, rows, widths: [20, 14, 12, 14, 14, 14], freeze: { rows: 1, columns: 0 } };
}

describe("style grouping", () => {
  test("a 10k-row spec with one repeated style takes a handful of format operations", async () => {
    const fake = new FakeExcel();
    await new OfficeWorkbook(fake.run).writeSheets([table("T", 10_000)]);
    const formatOps = fake.log.filter((l) =>
      /^(numberFormat|font\.|fill\.|border\.|horizontal|vertical|wrap)/.test(l),
    );
    // Two number formats (dates, money), the header's bold and fill, and one look (size and six
    // border lines × style and weight) over the whole table. One per cell would be 60,000.
    expect(formatOps).toEqual([
      "numberFormat C2:C10001 yyyy-mm-dd",
      `numberFormat D2:F10001 ${MONEY_FORMAT}`,
      "font.bold A1:F1 true",
      "fill.color A1:F1 #DDEBF7",
      "font.size D2:F10001 10",
      ...[
        "EdgeTop",
        "EdgeBottom",
        "EdgeLeft",
        "EdgeRight",
        "InsideHorizontal",
        "InsideVertical",
      ].flatMap((e) => [
        `border.${e}.style D2:F10001 Continuous`,
        `border.${e}.weight D2:F10001 Thin`,
      ]),
    ]);
    const s = fake.find("T")!;
    const c = at(s, "E7000")!;
    expect(c.numberFormat).toBe(MONEY_FORMAT);
    expect(c.font?.size).toBe(10);
    for (const side of ["top", "bottom", "left", "right"] as const) {
      expect(c.borders?.[side]).toEqual({ style: "Continuous", weight: "Thin" });
    }
    expect(at(s, "C2")).toMatchObject({ value: 45658, numberFormat: "yyyy-mm-dd" });
    expect(at(s, "A1")?.font?.bold).toBe(true);
    expect(at(s, "F1")?.fill).toBe("#DDEBF7");
    expect(at(s, "B10001")?.value).toBe("INV-009999");
    expect(s.freeze).toEqual({ rows: 1, columns: 0 });
    expect(s.widths.get(0)).toBe(widthToPoints(20));
  });

  test("cell by cell styles still group: a checkerboard of two looks is one operation per run", async () => {
    const fake = new FakeExcel();
    const rows: SpecRow[] = Array.from({ length: 50 }, (_, r) =>
      Array.from({ length: 4 }, (_, c) => ({ value: r * 4 + c, bold: (r + c) % 2 === 0 })),
    );
    await new OfficeWorkbook(fake.run).writeSheets([{ name: "C", rows }]);
    const s = fake.find("C")!;
    for (let r = 0; r < 50; r++) {
      for (let c = 0; c < 4; c++)
        expect([r, c, s.cell(r, c)?.font?.bold]).toEqual([r, c, (r + c) % 2 === 0 || undefined]);
    }
  });
});

describe("chunked writes", () => {
  test("a 12k-row write: within the budget, the estimate an upper bound of what is sent", async () => {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run);
    await wb.writeSheets([table("Big", 12_000)]);
    // 12,001 rows in 5,000-row chunks (three value blocks), sent together: under the budget.
    expect(fake.log.filter((l) => l.startsWith("values "))).toEqual([
      "values A1:F5000",
      "values A5001:F10000",
      "values A10001:F12001",
    ]);
    expect(fake.syncs).toBe(3); // two to list the sheets, one to write
    const measured = Math.max(...fake.requests.map((r) => r.requestBytes));
    expect(wb.stats.largestRequest).toBeGreaterThanOrEqual(measured);
    expect(wb.stats.largestRequest).toBeLessThan(wb.limits.budgetBytes);
    const s = fake.find("Big")!;
    expect(at(s, "D12001")?.value).toBe(11_999 * 1.25);
    expect(at(s, "A12001")?.value).toBe(`客户 ${11_999 % 97}`);
  });

  test("a 100,000-row write: requests of at most the budget, each suspending calculation and screen", async () => {
    const fake = new FakeExcel({ apply: false }); // measure only: keep the test light
    const wb = new OfficeWorkbook(fake.run);
    await wb.writeSheets([table("Huge", 100_000)]);
    const writes = fake.requests.slice(2);
    const sent = writes.reduce((n, r) => n + r.requestBytes, 0);
    // Packed to the 4,000,000-byte budget: as few requests as the bytes need, plus at most one.
    expect(writes.length).toBeGreaterThanOrEqual(Math.ceil(sent / wb.limits.budgetBytes));
    expect(writes.length).toBeLessThanOrEqual(
      Math.ceil(wb.stats.totalRequest / wb.limits.budgetBytes) + 1,
    );
    for (const r of writes) expect(r.requestBytes).toBeLessThan(wb.limits.budgetBytes);
    expect(wb.stats.largestRequest).toBeLessThanOrEqual(wb.limits.budgetBytes);
    expect(wb.stats.largestRequest).toBeGreaterThanOrEqual(
      Math.max(...writes.map((r) => r.requestBytes)),
    );
    expect(wb.stats.syncs).toBe(fake.syncs);
    // 100,001 rows went out in blocks of at most 5,000 rows.
    const blocks = fake.log.filter((l) => l.startsWith("values "));
    expect(blocks).toHaveLength(21);
    // Every write request starts by suspending calculation and, for a bulk write, the screen.
    const batches = fake.log.join("\n").split("sync\n").slice(3);
    expect(batches).toHaveLength(writes.length);
    for (const b of batches) {
      expect(b.startsWith("app.suspendCalculation\napp.suspendScreenUpdating\n")).toBe(true);
    }
  });

  test("many small documents share requests", async () => {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run);
    const docs = builtinTemplates("zh-CN").map((t, i) => ({ ...t, name: `Doc ${i}` }));
    const many = Array.from({ length: 40 }, (_, k) => ({
      ...docs[k % docs.length],
      name: `对账单 ${k}`,
    }));
    await wb.writeSheets(many);
    expect(fake.sheets).toHaveLength(40);
    expect(fake.syncs).toBeLessThan(10);
  });
});

describe("print setup", () => {
  const spec: SheetSpec = {
    name: "Letter",
    widths: [12, 30, 8],
    heights: [30, undefined, 20],
    rows: [
      [
        { value: "对账函", bold: true, size: 18, align: "center", valign: "middle" },
        { value: null, bold: true, size: 18, align: "center", valign: "middle" },
      ],
      [],
      ["No.", "Item", { value: 1234.5, format: MONEY_FORMAT, border: { bottom: "double" } }],
    ],
    merges: ["A1:B1"],
    freeze: { rows: 2, columns: 1 },
    hideGridLines: true,
    tabColor: "C00000",
    print: {
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      margins: { top: 2, bottom: 2, left: 1.5, right: 1.5, header: 0.8, footer: 0.8 },
      area: "A1:C3",
      titleRows: [2, 2],
      breaksAfter: [1, 2],
      header: "&LACME Ltd&R&D",
      footer: "&CDZ-2026-0001  第 &P / &N 页",
      centerHorizontally: true,
    },
  };

  test("maps to Office's page layout", async () => {
    const fake = new FakeExcel();
    await new OfficeWorkbook(fake.run).writeSheets([spec]);
    const s = fake.find("Letter")!;
    expect(s.page).toMatchObject({
      paperSize: "A4",
      orientation: "Landscape",
      // One page wide; the height a page count that cannot bind (one a row), not 0.
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 3 },
      centerHorizontally: true,
    });
    expect(s.page.topMargin).toBeCloseTo(56.693, 3); // 2 cm
    expect(s.page.leftMargin).toBeCloseTo(cmToPoints(1.5), 10);
    expect(s.page.footerMargin).toBeCloseTo(22.677, 3);
    expect(s.printArea).toEqual(parseAddress("A1:C3"));
    expect(s.titleRows).toEqual([2, 2]);
    expect(s.breaks).toEqual([1, 2]); // new pages start at rows 2 and 3
    expect(s.headerFooter).toMatchObject({
      leftHeader: "ACME Ltd",
      centerHeader: "",
      rightHeader: "&D",
      centerFooter: "DZ-2026-0001  第 &P / &N 页",
    });
    expect(s.freeze).toEqual({ rows: 2, columns: 1 });
    expect(s.showGridlines).toBe(false);
    expect(s.tabColor).toBe("#C00000");
    expect(s.widths.get(1)).toBe(widthToPoints(30));
    expect(s.heights.get(0)).toBe(30);
    expect(s.heights.has(1)).toBe(false);
    expect(s.merges).toEqual([parseAddress("A1:B1")]);
    expect(at(s, "C3")?.borders?.bottom).toEqual({ style: "Double" });
  });

  test("goes in its own request after the cells", async () => {
    const fake = new FakeExcel();
    await new OfficeWorkbook(fake.run).writeSheets([spec]);
    const lastCells = Math.max(
      ...["values ", "merge ", "numberFormat "].map((p) =>
        fake.log.map((l) => l.startsWith(p)).lastIndexOf(true),
      ),
    );
    const firstPage = fake.log.findIndex((l) => l.startsWith("page."));
    expect(lastCells).toBeGreaterThan(0);
    // A sync separates the last cell operation from the first page setting.
    expect(fake.log.slice(lastCells, firstPage)).toContain("sync");
  });

  test("a print setting Excel refuses is reported; the cells and the other sheets stay", async () => {
    const fake: FakeExcel = new FakeExcel({
      reject: (label: string): string | undefined =>
        label.startsWith("page.zoom") && fake.log.includes("sheet.add Letter")
          ? "InvalidArgument"
          : undefined,
    });
    const other: SheetSpec = {
      ...spec,
      name: "Other",
      print: { ...spec.print!, fitToWidth: false },
    };
    const written = await new OfficeWorkbook(fake.run).writeSheets([spec, other]);
    expect(written.map((w) => [w.name, w.printError !== undefined])).toEqual([
      ["Letter", true],
      ["Other", false],
    ]);
    expect(written[0].printError).toMatch(/page\.zoom/);
    const s = fake.find("Letter")!;
    expect(at(s, "A1")?.value).toBe("对账函");
    expect(at(s, "C3")?.value).toBe(1234.5);
    expect(s.merges).toEqual([parseAddress("A1:B1")]);
    // The other sheet's print setup went in whole.
    const o = fake.find("Other")!;
    expect(o.page).toMatchObject({ orientation: "Landscape" });
    expect(o.headerFooter).toMatchObject({ leftHeader: "ACME Ltd" });
    expect(o.breaks).toEqual([1, 2]);
  });

  test("reads back as the same spec", async () => {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run);
    await wb.writeSheets([spec]);
    const back = await wb.readSheet("Letter");
    expect(back).toEqual({
      ...spec,
      rows: [spec.rows[0], [], ["No.", "Item", spec.rows[2][2]]],
      heights: [30, undefined, 20],
    });
  });
});

describe("below ExcelApi 1.13", () => {
  test("a template reads without its merges, everything else intact", async () => {
    const fake = new FakeExcel();
    const asked: string[] = [];
    const wb = new OfficeWorkbook(fake.run, {
      supports: (set, version) => {
        asked.push(`${set} ${version}`);
        return version !== "1.13";
      },
    });
    const spec: SheetSpec = {
      name: "Letter",
      rows: [
        ["Title", null],
        ["a", "b"],
      ],
      merges: ["A1:B1"],
    };
    await wb.writeSheets([spec]);
    const back = await wb.readSheet("Letter");
    expect(asked).toContain("ExcelApi 1.13");
    expect(back.merges).toBeUndefined();
    expect(back.rows).toEqual([["Title"], ["a", "b"]]);
    // With the set, the merge is read.
    const full = await new OfficeWorkbook(fake.run, { supports: () => true }).readSheet("Letter");
    expect(full.merges).toEqual(["A1:B1"]);
  });
});

/** A spec reduced to what Excel keeps, for comparing a written spec with what is read back. */
function normal(spec: SheetSpec) {
  const cell = (raw: SpecRow[number] | undefined) => {
    if (raw === null || raw === undefined) return null;
    const c: SpecCell = typeof raw === "object" ? { ...raw } : { value: raw };
    if (c.value === "") c.value = null; // Excel keeps no empty text
    if (typeof c.value === "string" && c.format === "@") delete c.format; // the protection
    if (c.size === 11) delete c.size; // the Normal style's size
    if (c.valign === "bottom") delete c.valign;
    for (const k of Object.keys(c) as (keyof SpecCell)[])
      if (c[k] === false || c[k] === undefined) delete c[k];
    if (c.value && typeof c.value === "object" && "formula" in c.value)
      c.value = { formula: c.value.formula };
    return Object.keys(c).length === 1 && c.value === null ? null : c;
  };
  const rows = spec.rows.map((r) => {
    const out = Array.from({ length: r.length }, (_, c) => cell(r[c]));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  const heights = (spec.heights ?? []).map((h) => h ?? null);
  while (heights.length && heights[heights.length - 1] === null) heights.pop();
  return {
    name: spec.name,
    rows,
    heights,
    widths: (spec.widths ?? []).map((w) => Math.round(w * 7)), // to the pixel
    merges: [...(spec.merges ?? [])].sort(),
    print: { header: undefined, ...spec.print },
    hideGridLines: spec.hideGridLines ?? false,
  };
}

test("the built-in templates survive a write and a read (readSheet for templates)", async () => {
  for (const locale of ["zh-CN", "en-US"] as const) {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run);
    const templates = builtinTemplates(locale);
    await wb.writeSheets(templates);
    for (const t of templates) {
      const back = await wb.readSheet(t.name);
      const want = normal(t);
      const got = normal(back);
      got.widths = got.widths.slice(0, want.widths.length);
      expect(got).toEqual(want);
    }
  }
});

test("sheets() lists names in tab order with used-range extents from A1", async () => {
  const fake = new FakeExcel();
  fake.addSheet(
    "Offset",
    [
      ["a", "b"],
      ["c", "d"],
    ],
    { row: 4, column: 2 },
  );
  fake.addSheet("Empty");
  expect(await new OfficeWorkbook(fake.run).sheets()).toEqual([
    { name: "Offset", rows: 6, columns: 4, generated: false },
    { name: "Empty", rows: 0, columns: 0, generated: false },
  ]);
});

test("readValues on the fake: padding, error cells, a missing sheet", async () => {
  const fake = new FakeExcel();
  fake.addSheet(
    "Data",
    [
      ["客户", { error: "#N/A" }],
      ["#N/A", 3],
    ],
    { row: 2, column: 1 },
  );
  const wb = new OfficeWorkbook(fake.run);
  expect((await wb.readValues("Data")).rows).toEqual([
    [],
    [],
    [null, "客户", { error: "#N/A" }],
    [null, "#N/A", 3],
  ]);
  await expect(wb.readValues("Nope")).rejects.toThrow('No sheet named "Nope"');
});

test("a read chunk over the response limit is halved and retried", async () => {
  const fake = new FakeExcel({ maxPayloadBytes: 40_000 });
  const rows = Array.from({ length: 3000 }, (_, r) => [`row ${r} ${"x".repeat(40)}`, r]);
  fake.addSheet("Dense", rows);
  // Limits that believe cells are tiny: the first chunk asks for far too much.
  const wb = new OfficeWorkbook(fake.run, { limits: { budgetBytes: 30_000, readBytesPerCell: 1 } });
  const grid = await wb.readValues("Dense");
  expect(grid.rows).toEqual(rows);
  expect(fake.requests.some((r) => r.responseBytes > 40_000)).toBe(true); // the failed one
  expect(Math.max(...fake.requests.slice(-3).map((r) => r.responseBytes))).toBeLessThanOrEqual(
    40_000,
  );
});

test("readSheet and select name a missing sheet in their error", async () => {
  const fake = new FakeExcel();
  fake.addSheet("Data");
  const wb = new OfficeWorkbook(fake.run);
  await expect(wb.readSheet("Nope")).rejects.toThrow('No sheet named "Nope"');
  await expect(wb.select("Nope", 1, 1)).rejects.toThrow('No sheet named "Nope"');
  await wb.select("Data", 3, 2);
  expect(fake.selection).toEqual({ sheet: "Data", row: 3, column: 2 });
  expect(fake.active).toBe("Data");
  expect(await wb.writeSheets([])).toEqual([]);
  expect(fake.syncs).toBe(3);
});
