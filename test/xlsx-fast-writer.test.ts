/**
 * The fast .xlsx writer against three independent readers: ExcelJS (every feature a spec can
 * ask for), LibreOffice (opens, recalculates, prints) and our own fast reader (values). Hostile
 * text stays text, exactly as given, except for the control characters XML cannot hold.
 */
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { openXlsx } from "../src/io/xlsx";
import { jsCrc32, MAX_CELL_TEXT, writeXlsx, writeXlsxFile } from "../src/cli/io/xlsx-fast-writer";
import { sheetSpecOf } from "../src/cli/io/template-reader";
import { renderSpecs, writeSpecs } from "../src/cli/xlsx-writer";
import type { SheetSpec, SpecRow } from "../src/sheet/spec";
import { libreOffice, recalculate, toPdf } from "./support/libreoffice";

/** A sheet with every feature of a SheetSpec. */
const FULL: SheetSpec = {
  name: "Letter",
  widths: [12, 20, 14, 10],
  heights: [30, undefined, 113],
  rows: [
    [
      {
        value: "Title {{x}}",
        bold: true,
        italic: true,
        underline: true,
        size: 16,
        align: "center",
        valign: "middle",
        font: "Arial",
        color: "C00000",
      },
    ],
    ["plain", 12.5, { value: { date: 46203 }, format: "yyyy-mm-dd" }, true],
    [
      {
        value: "=not a formula",
        wrap: true,
        border: { top: "thin", bottom: "double", left: "dashed", right: "medium" },
        fill: "F2F2F2",
      },
      { value: { formula: "B2*2", result: 25 } },
      { value: { formula: '="x"&A2', result: "xplain" }, align: "right" },
      { value: { date: 46000 } },
    ],
    [
      { value: -1234.5, format: "#,##0.00;[Red]-#,##0.00" },
      { value: 7, format: "#,##0.00;[Red]-#,##0.00" },
      { value: null, fill: "DDEBF7" },
      false,
    ],
    ...Array.from({ length: 6 }, (_, k): SpecRow => [`line ${k + 5}`, k]),
  ],
  merges: ["A1:D1", "C5:D6"],
  freeze: { rows: 2, columns: 1 },
  hideGridLines: true,
  tabColor: "00B050",
  autoFilter: "A2:D3",
  validations: [
    { range: "D5:D10", list: ["open", "paid, late", 'say "no"'] },
    { range: "C7:C10", date: true },
  ],
  print: {
    orientation: "landscape",
    paper: "A3",
    fitToWidth: true,
    margins: { top: 2, bottom: 1.5, left: 1, right: 1.2, header: 0.8, footer: 0.6 },
    area: "A1:D10",
    titleRows: [2, 2],
    breaksAfter: [5, 3],
    header: '&C"Q&A" <draft>',
    footer: "&LACME&RPage &P of &N",
    centerHorizontally: true,
  },
};

/** A second sheet whose name needs quoting in references. */
const SECOND: SheetSpec = {
  name: "O'Brien & Co",
  rows: [["a", 1], ["b", 2], [{ value: { formula: "SUM(B1:B2)" } }]],
  print: { area: "A1:B3", titleRows: [1, 1] },
};

/** Text a ledger may hold, each of which must come back as the same text. */
const HOSTILE = [
  "=1+1",
  '=HYPERLINK("http://evil.example","click")',
  "+41 22 555 0100",
  "-5",
  "@SUM(A1:A2)",
  "\tleading tab",
  "  spaced  ",
  "line 1\nline 2",
  "windows\r\nline end",
  "💸 paid 💶",
  "مرحبا بالعالم",
  "שלום",
  "上海示例商贸有限公司",
  "<b>&amp; \"quoted\" 'single'</b>",
  "_x0041_ stays literal",
  "]]>",
  "x".repeat(10_000),
];

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-fast-writer-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function exceljs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function part(bytes: Uint8Array, name: string): string {
  return strFromU8(unzipSync(bytes, { filter: (f) => f.name === name })[name]);
}

describe("fast xlsx writer: read back by ExcelJS", () => {
  const bytes = writeXlsx([FULL, SECOND]);

  it("keeps values and their types", async () => {
    const ws = (await exceljs(bytes)).getWorksheet("Letter")!;
    expect(ws.getCell("A1").value).toBe("Title {{x}}");
    expect(ws.getCell("A2").value).toBe("plain");
    expect(ws.getCell("B2").value).toBe(12.5);
    expect(ws.getCell("C2").value).toEqual(new Date(Date.UTC(2026, 5, 30)));
    expect(ws.getCell("C2").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("D2").value).toBe(true);
    expect(ws.getCell("D4").value).toBe(false);
    expect(ws.getCell("A3").value).toBe("=not a formula");
    expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("B3").value).toEqual({ formula: "B2*2", result: 25 });
    expect(ws.getCell("C3").value).toEqual({ formula: '"x"&A2', result: "xplain" });
    // A date without a format gets the date format, so it shows as a date.
    expect(ws.getCell("D3").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("A4").value).toBe(-1234.5);
    expect(ws.getCell("A4").numFmt).toBe("#,##0.00;[Red]-#,##0.00");
    expect(ws.getCell("B4").style).toEqual(ws.getCell("A4").style);
    expect(ws.getCell("A10").value).toBe("line 10");
    expect(ws.getCell("B10").value).toBe(5);
  });

  it("keeps styles, merges, sizes and the sheet view", async () => {
    const ws = (await exceljs(bytes)).getWorksheet("Letter")!;
    expect(ws.getCell("A1").font).toMatchObject({
      bold: true,
      italic: true,
      underline: true,
      size: 16,
      name: "Arial",
      color: { argb: "FFC00000" },
    });
    expect(ws.getCell("A1").alignment).toMatchObject({ horizontal: "center", vertical: "middle" });
    expect(ws.getCell("C3").alignment).toMatchObject({ horizontal: "right" });
    expect(ws.getCell("A3").alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell("A3").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFF2F2F2" },
    });
    expect(ws.getCell("A3").border).toMatchObject({
      top: { style: "thin" },
      bottom: { style: "double" },
      left: { style: "dashed" },
      right: { style: "medium" },
    });
    expect(ws.getCell("C4").fill).toMatchObject({ fgColor: { argb: "FFDDEBF7" } });
    expect((ws.model as { merges: string[] }).merges.sort()).toEqual(["A1:D1", "C5:D6"]);
    expect(ws.getCell("C1").isMerged).toBe(true);
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([12, 20, 14, 10]);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.getRow(3).height).toBe(113);
    expect(ws.views[0]).toMatchObject({
      state: "frozen",
      xSplit: 1,
      ySplit: 2,
      topLeftCell: "B3",
      showGridLines: false,
    });
    expect(ws.properties.tabColor).toMatchObject({ argb: "FF00B050" });
    expect(ws.autoFilter).toBe("A2:D3");
    const rules = (ws as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    // ExcelJS spreads a rule over its cells when it reads one.
    expect(rules.D10).toMatchObject({
      type: "list",
      allowBlank: true,
      showErrorMessage: true,
      formulae: ['"open,paid  late,say  no "'],
    });
    expect(rules.C7).toMatchObject({ type: "date", operator: "greaterThan" });
    expect(rules.C6).toBeUndefined();
  });

  it("keeps the print setup", async () => {
    const wb = await exceljs(bytes);
    const ws = wb.getWorksheet("Letter")!;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printArea: "A1:D10",
      printTitlesRow: "2:2",
    });
    const m = ws.pageSetup.margins!;
    expect(m.top).toBeCloseTo(2 / 2.54, 9);
    expect(m.bottom).toBeCloseTo(1.5 / 2.54, 9);
    expect(m.left).toBeCloseTo(1 / 2.54, 9);
    expect(m.right).toBeCloseTo(1.2 / 2.54, 9);
    expect(m.header).toBeCloseTo(0.8 / 2.54, 9);
    expect(m.footer).toBeCloseTo(0.6 / 2.54, 9);
    expect(ws.headerFooter).toMatchObject({
      oddHeader: '&C"Q&A" <draft>',
      oddFooter: "&LACME&RPage &P of &N",
    });
    const second = wb.getWorksheet("O'Brien & Co")!;
    expect(second.pageSetup).toMatchObject({ paperSize: 9, printArea: "A1:B3" });
    expect(second.pageSetup.printTitlesRow).toBe("1:1");
    expect(second.getCell("A3").value).toEqual({ formula: "SUM(B1:B2)" });
  });

  it("reads back through the template reader as the spec", async () => {
    const back = sheetSpecOf((await exceljs(bytes)).getWorksheet("Letter")!);
    expect(back.merges?.sort()).toEqual(["A1:D1", "C5:D6"]);
    expect(back.widths).toEqual([12, 20, 14, 10]);
    expect(back.hideGridLines).toBe(true);
    expect(back.print).toMatchObject({
      orientation: "landscape",
      paper: "A3",
      fitToWidth: true,
      area: "A1:D10",
      titleRows: [2, 2],
      header: '&C"Q&A" <draft>',
      footer: "&LACME&RPage &P of &N",
      centerHorizontally: true,
      margins: { top: 2, bottom: 1.5, left: 1, right: 1.2, header: 0.8, footer: 0.6 },
    });
    expect(back.rows[1][2]).toMatchObject({ value: { date: 46203 }, format: "yyyy-mm-dd" });
    expect(back.rows[2][0]).toMatchObject({ value: "=not a formula", wrap: true });
    expect(back.rows[2][1]).toMatchObject({ value: { formula: "B2*2" } });
  });

  it("writes the workbook parts as asked", () => {
    const sheet = part(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain(
      '<rowBreaks count="2" manualBreakCount="2"><brk id="3" max="16383" man="1"/>' +
        '<brk id="5" max="16383" man="1"/></rowBreaks>',
    );
    expect(sheet).toContain('<dimension ref="A1:D10"/>');
    expect(sheet).toContain('<c r="B3"><f>B2*2</f><v>25</v></c>');
    expect(sheet).not.toContain("<f>=");
    const workbook = part(bytes, "xl/workbook.xml");
    expect(workbook).toContain('fullCalcOnLoad="1"');
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="1">'O''Brien &amp; Co'!$A$1:$B$3</definedName>`,
    );
    expect(part(bytes, "docProps/core.xml")).toContain("<dc:creator>ar-desk</dc:creator>");
    // Styles are shared, not one per cell.
    const xfs = /<cellXfs count="(\d+)"/.exec(part(bytes, "xl/styles.xml"))![1];
    expect(Number(xfs)).toBeLessThanOrEqual(8);
  });

  it("refuses overlapping merges, bad ranges and duplicate sheet names", async () => {
    expect(() => writeXlsx([{ name: "m", rows: [], merges: ["B2:C2", "C2:D3"] }])).toThrow(
      /overlaps/,
    );
    expect(() => writeXlsx([{ name: "m", rows: [], merges: ["B2"] }])).toThrow(/not a range/);
    expect(() =>
      writeXlsx([
        { name: "a", rows: [] },
        { name: "A", rows: [] },
      ]),
    ).toThrow(/two sheets/);
    expect(() => writeXlsx([{ name: "a:b", rows: [] }])).toThrow(/not a valid sheet name/);
    // Too long a name is cut to Excel's 31 characters, as ExcelJS did.
    const long = openXlsx(writeXlsx([{ name: "n".repeat(40), rows: [["x"]] }]));
    expect(long.sheetNames).toEqual(["n".repeat(31)]);
    await expect(
      writeSpecs(path.join(dir, "bad.xlsx"), [{ name: "m", rows: [], merges: ["A1:B2", "B2"] }]),
    ).rejects.toThrow();
  });
});

describe("fast xlsx writer: our fast reader", () => {
  it("reads the same values", () => {
    const book = openXlsx(writeXlsx([FULL, SECOND]));
    expect(book.sheetNames).toEqual(["Letter", "O'Brien & Co"]);
    const rows = book.readSheet("Letter");
    expect(rows.slice(0, 4)).toEqual([
      ["Title {{x}}"],
      ["plain", 12.5, 46203, true],
      ["=not a formula", 25, "xplain", 46000],
      [-1234.5, 7, null, false],
    ]);
    expect(rows[9]).toEqual(["line 10", 5]);
  });

  it("reads what it reads from the ExcelJS writer's file of the same specs", async () => {
    const wb = new ExcelJS.Workbook();
    renderSpecs(wb, [FULL, SECOND]);
    const theirs = openXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    const ours = openXlsx(writeXlsx([FULL, SECOND]));
    for (const name of ["Letter", "O'Brien & Co"])
      expect(ours.readSheet(name)).toEqual(theirs.readSheet(name));
  });

  it("reads a large sheet written in many deflate pieces", () => {
    const rows: SpecRow[] = [];
    for (let r = 0; r < 30_000; r++)
      rows.push([
        `customer ${r % 997}`,
        { value: r * 1.25, format: "#,##0.00" },
        { value: { date: 45000 + (r % 400) }, format: "yyyy-mm-dd" },
        { value: `note ${r}`, bold: r % 2 === 0 },
        r % 3 === 0,
      ]);
    const bytes = writeXlsx([{ name: "Big", rows, merges: ["F1:G1"] }]);
    const back = openXlsx(bytes).readSheet("Big");
    expect(back).toHaveLength(30_000);
    for (const r of [0, 1, 9_999, 17_123, 29_999])
      expect(back[r]).toEqual([
        `customer ${r % 997}`,
        r * 1.25,
        45000 + (r % 400),
        `note ${r}`,
        r % 3 === 0,
      ]);
  });
});

describe("fast xlsx writer: zip", () => {
  it("has a JavaScript CRC-32 equal to zlib's, run on in pieces", () => {
    const data = Buffer.from("héllo, 世界 💸 ".repeat(5000), "utf8");
    const crc = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
    const whole = jsCrc32(data, 0);
    expect(jsCrc32(data.subarray(7000), jsCrc32(data.subarray(0, 7000), 0))).toBe(whole);
    expect(jsCrc32(Buffer.from("123456789"), 0)).toBe(0xcbf43926);
    if (crc) expect(crc(data, 0)).toBe(whole);
  });
});

describe("fast xlsx writer: hostile text", () => {
  const spec: SheetSpec = {
    name: "Hostile",
    rows: [
      ...HOSTILE.map((t): SpecRow => [t, { value: t, bold: true }]),
      ["a\u0000b\u0001c\u0008d\u000Be\u001Ff\uFFFEg"],
      ["y".repeat(MAX_CELL_TEXT + 100)],
    ],
  };
  const bytes = writeXlsx([spec]);
  const expected = [...HOSTILE, "abcdefg", "y".repeat(MAX_CELL_TEXT)];

  it("stays text in ExcelJS", async () => {
    const ws = (await exceljs(bytes)).getWorksheet("Hostile")!;
    expected.forEach((t, r) => {
      expect(ws.getCell(r + 1, 1).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(r + 1, 1).value).toBe(t);
      if (r < HOSTILE.length) expect(ws.getCell(r + 1, 2).value).toBe(t);
    });
  });

  it("stays text in our fast reader", () => {
    const rows = openXlsx(bytes).readSheet("Hostile");
    expect(rows.map((r) => r[0])).toEqual(expected);
  });

  it("writes no formula", () => {
    expect(part(bytes, "xl/worksheets/sheet1.xml")).not.toContain("<f>");
  });
});

const lo = libreOffice ? describe : describe.skip;
if (!libreOffice) console.warn("LibreOffice (soffice) not found: skipping the LibreOffice tests");

lo("fast xlsx writer: LibreOffice", () => {
  it("recalculates formulas to the right values and keeps text as text", async () => {
    const file = path.join(dir, "formulas.xlsx");
    await writeXlsxFile(file, [
      {
        name: "Calc",
        rows: [
          [
            2,
            3,
            { value: { formula: "A1*B1" } },
            { value: { formula: "=SUM(A1:B1)", result: 999 } },
          ],
          [
            "=1+1",
            { value: { formula: 'A2&"!"' } },
            { value: { date: 46203 }, format: "yyyy-mm-dd" },
            { value: { formula: "C2+1" } },
          ],
          ...HOSTILE.slice(0, 5).map((t): SpecRow => [t]),
        ],
      },
      { name: "O'Brien & Co", rows: [[{ value: { formula: "'Calc'!A1*10" } }]] },
    ]);
    const out = recalculate(file, path.join(dir, "recalc"));
    const book = openXlsx(fs.readFileSync(out));
    const rows = book.readSheet("Calc");
    expect(rows[0]).toEqual([2, 3, 6, 5]);
    expect(rows[1]).toEqual(["=1+1", "=1+1!", 46203, 46204]);
    expect(rows.slice(2, 7).map((r) => r[0])).toEqual(HOSTILE.slice(0, 5));
    expect(book.readSheet("O'Brien & Co")).toEqual([[20]]);
  });

  it("prints every feature, with its page breaks and hostile text", async () => {
    const file = path.join(dir, "full.xlsx");
    const hostile: SheetSpec = {
      name: "Hostile",
      rows: HOSTILE.map((t) => [t]),
      print: { fitToWidth: true },
    };
    await writeXlsxFile(file, [FULL, hostile]);
    const { pages } = toPdf(file, path.join(dir, "pdf"));
    // Letter: the breaks after rows 3 and 5 make three pages at least; Hostile: one or more.
    expect(pages).toBeGreaterThanOrEqual(4);
  });
});
