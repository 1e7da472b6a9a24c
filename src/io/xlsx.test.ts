import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import type { CellValue } from "../sheet/grid";
import { InputError } from "./errors";
import { isoToSerial, openXlsx } from "./xlsx";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-xlsx-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let fileNo = 0;
/** Writes the workbook to a temp .xlsx file and returns its bytes. */
async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const file = path.join(tmp, `book${++fileNo}.xlsx`);
  await wb.xlsx.writeFile(file);
  return new Uint8Array(fs.readFileSync(file));
}

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const utcDate = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** A hand-written package: workbook + rels + the given parts (sheet XML etc.). */
function handMade(
  sheets: { name: string; xml: string; target?: string }[],
  extra: Record<string, string> = {},
  workbookPr = "",
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const rels = sheets
    .map(
      (s, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`,
    )
    .join("");
  const sst = extra["xl/sharedStrings.xml"]
    ? `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
    : "";
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}${sst}</Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${workbookPr}<sheets>${sheets
      .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
  );
  sheets.forEach((s, i) => {
    const target = s.target ?? `worksheets/sheet${i + 1}.xml`;
    const p = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    files[p] = strToU8(s.xml);
  });
  for (const [k, v] of Object.entries(extra)) files[k] = strToU8(v);
  return zipSync(files, { level: 1 });
}

const sheetXml = (data: string, root = "worksheet", p = ""): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}${root} xmlns${p ? `:${p.slice(0, -1)}` : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}dimension ref="A1"/><${p}sheetData>${data}</${p}sheetData><${p}pageMargins left="0.7"/></${p}${root}>`;

describe("openXlsx on ExcelJS-written workbooks", () => {
  test("values of every kind", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    ws.getCell("A1").value = "客户";
    ws.getCell("B1").value = "金额 & <note>";
    ws.getCell("C1").value = {
      richText: [{ text: "Hello " }, { font: { bold: true }, text: "世界" }],
    };
    ws.getCell("D1").value = "  padded  ";
    ws.getCell("A2").value = 42;
    ws.getCell("B2").value = -1234.56;
    ws.getCell("C2").value = 1e-10;
    ws.getCell("D2").value = 123456789012345;
    ws.getCell("A3").value = utcDate(2025, 1, 1);
    ws.getCell("B3").value = utcDate(1900, 3, 1);
    ws.getCell("A4").value = true;
    ws.getCell("B4").value = false;
    ws.getCell("C4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("D4").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
    ws.getCell("A5").value = { formula: "A2*2", result: 84 } as ExcelJS.CellFormulaValue;
    ws.getCell("B5").value = { formula: '"x"&"y"', result: "xy" } as ExcelJS.CellFormulaValue;
    ws.getCell("C5").value = { formula: "A4", result: true } as ExcelJS.CellFormulaValue;
    ws.getCell("D5").value = {
      formula: "NA()",
      result: { error: "#N/A" },
    } as ExcelJS.CellFormulaValue;
    // row 6, 7 blank; a gap in row 8
    ws.getCell("A8").value = "left";
    ws.getCell("E8").value = "right";
    ws.getCell("C9").value = null;
    ws.getCell("C9").style = { font: { bold: true } };
    ws.getCell("B10").value = "last";

    const book = openXlsx(await bytesOf(wb));
    expect(book.sheetNames).toEqual(["Data"]);
    expect(book.date1904).toBe(false);
    expect(book.readSheet("Data")).toEqual([
      ["客户", "金额 & <note>", "Hello 世界", "  padded  "],
      [42, -1234.56, 1e-10, 123456789012345],
      [45658, 61],
      [true, false, { error: "#N/A" }, { error: "#DIV/0!" }],
      [84, "xy", true, { error: "#N/A" }],
      [],
      [],
      ["left", null, null, null, "right"],
      [],
      [null, "last"],
    ]);
  });

  test("several sheets, names with spaces, Chinese and &", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sales 2025").getCell("A1").value = "s";
    wb.addWorksheet("应收账款").getCell("B2").value = 2;
    wb.addWorksheet("A&B <x>").getCell("A1").value = "amp";
    wb.addWorksheet("Empty");
    const book = openXlsx(await bytesOf(wb));
    expect(book.sheetNames).toEqual(["Sales 2025", "应收账款", "A&B <x>", "Empty"]);
    expect(book.readSheet("应收账款")).toEqual([[], [null, 2]]);
    expect(book.readSheet("A&B <x>")).toEqual([["amp"]]);
    expect(book.readSheet("Sales 2025")).toEqual([["s"]]);
    expect(book.readSheet("Empty")).toEqual([]);
    expect(() => book.readSheet("Nope")).toThrow(InputError);
  });

  test("a 1904 workbook reports date1904 and 1904 serials", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet("S").getCell("A1").value = utcDate(2025, 1, 1);
    const book = openXlsx(await bytesOf(wb));
    expect(book.date1904).toBe(true);
    expect(book.readSheet("S")).toEqual([[45658 - 1462]]);
  });

  test("matches ExcelJS on a random 2,000-row sheet", async () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const words = ["客户", "Acme & Co", "a<b>c", 'quote "q"', "it's", " lead", "多 行\n文本", "x"];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Random");
    for (let r = 1; r <= 2000; r++) {
      for (let c = 1; c <= 9; c++) {
        const k = rand();
        const cell = ws.getCell(r, c);
        if (k < 0.12) continue;
        else if (k < 0.35) cell.value = Math.round(rand() * 1e8) / 100;
        else if (k < 0.45) cell.value = Math.floor(rand() * 1e6) - 5e5;
        else if (k < 0.65) cell.value = words[Math.floor(rand() * words.length)] + r;
        else if (k < 0.75)
          cell.value = utcDate(2000 + Math.floor(rand() * 30), 1 + (r % 12), 1 + c);
        else if (k < 0.8) cell.value = rand() < 0.5;
        else if (k < 0.83) cell.value = { error: "#N/A" } as ExcelJS.CellErrorValue;
        else if (k < 0.9) {
          cell.value = { formula: `ROW()*${c}`, result: r * c } as ExcelJS.CellFormulaValue;
        } else if (rand() < 0.5) {
          cell.value = {
            richText: [{ text: "rich " }, { text: String(r), font: { italic: true } }],
          };
        } else cell.value = `t${Math.floor(rand() * 50)}`;
      }
    }
    const bytes = await bytesOf(wb);
    const fast = openXlsx(bytes).readSheet("Random");

    const ref = new ExcelJS.Workbook();
    await ref.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const expected: CellValue[][] = [];
    ref.getWorksheet("Random")!.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = plain(cell.value);
        if (v === null) return;
        while (cells.length < c - 1) cells.push(null);
        cells[c - 1] = v;
      });
      while (expected.length < r - 1) expected.push([]);
      expected[r - 1] = cells;
    });
    while (expected.length > 0 && expected[expected.length - 1].length === 0) expected.pop();
    expect(fast.length).toBe(expected.length);
    expect(fast).toEqual(expected);
  });
});

/** ExcelJS's reading of a cell as a plain value. */
function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (v.getTime() - EPOCH_1900) / 86400000;
  if (typeof v !== "object") return v;
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("error" in v) return { error: v.error };
  if ("result" in v) return plain(v.result as ExcelJS.CellValue);
  if ("text" in v) return plain(v.text as ExcelJS.CellValue);
  throw new Error(`unexpected ExcelJS value ${JSON.stringify(v)}`);
}

describe("openXlsx on hand-written XML", () => {
  test("inline strings, ISO dates, entities, cells and rows without r, str results", () => {
    const xml = sheetXml(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>inline &amp; &lt;ok&gt;</t></is></c>` +
        `<c r="B1" t="inlineStr"><is><r><t xml:space="preserve">rich </t></r><r><rPr><b/></rPr><t>run</t></r></is></c>` +
        `<c r="C1" t="d"><v>2025-01-01T00:00:00Z</v></c><c r="D1" t="d"><v>2025-01-01T12:00:00</v></c>` +
        `<c r="E1" t="str"><f>A1</f><v>&quot;q&quot; &apos;a&apos; &#20013;&#x6587; &#x1F600;</v></c></row>` +
        `<row r="3"><c t="n"><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>` +
        `<row><c r="A4"/><c r="B4" s="3"/><c r="C4" t="b"><v>0</v></c></row>` +
        `<row r="6" spans="1:2"><c r="A6" t="e"><v>#REF!</v></c><c r="B6"><f>1/0</f></c>` +
        `<c r="C6" t="inlineStr"><is><t>line1_x000D_&#10;line2</t></is></c><c r="D6" t="str"><v></v></c></row>` +
        `<row r="7"/><row r="8" hidden="1"></row>`,
    );
    const book = openXlsx(handMade([{ name: "S", xml }]));
    expect(book.readSheet("S")).toEqual([
      ["inline & <ok>", "rich run", 45658, 45658.5, `"q" 'a' 中文 😀`],
      [],
      [1, 2, null, null, 5, 6],
      [null, null, false],
      [],
      [{ error: "#REF!" }, null, "line1\r\nline2", ""],
    ]);
  });

  test("shared strings with rich runs and phonetic runs; prefixed markup; absolute target", () => {
    const sst =
      `<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4">` +
      `<x:si><x:t>plain</x:t></x:si>` +
      `<x:si><x:r><x:t>東京</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve"> 都</x:t></x:r>` +
      `<x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>` +
      `<x:si/><x:si><x:t/></x:si><x:si><x:t>a&amp;b</x:t></x:si></x:sst>`;
    const xml = sheetXml(
      `<x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="s"><x:v>0</x:v></x:c>` +
        `<x:c r="D2" t="s"><x:v>2</x:v></x:c><x:c r="E2" t="s"><x:v>4</x:v></x:c><x:c r="F2"><x:v>7.5</x:v></x:c></x:row>`,
      "worksheet",
      "x:",
    );
    const book = openXlsx(
      handMade([{ name: "Pref", xml, target: "/xl/worksheets/sheetA.xml" }], {
        "xl/sharedStrings.xml": sst,
      }),
    );
    expect(book.readSheet("Pref")).toEqual([[], [null, "東京 都", "plain", "", "a&b", 7.5]]);
  });

  test("date1904 from workbookPr, empty sheetData, sheet names with entities", () => {
    const data = handMade(
      [
        {
          name: "R&amp;D",
          xml: sheetXml(`<row r="1"><c r="A1" t="d"><v>1904-01-02</v></c></row>`),
        },
        { name: "Blank", xml: sheetXml("").replace("<sheetData></sheetData>", "<sheetData/>") },
      ],
      {},
      `<workbookPr date1904="true"/>`,
    );
    const book = openXlsx(data);
    expect(book.date1904).toBe(true);
    expect(book.sheetNames).toEqual(["R&D", "Blank"]);
    expect(book.readSheet("R&D")).toEqual([[1]]);
    expect(book.readSheet("Blank")).toEqual([]);
  });

  test.each([
    ["plain", ""],
    ["prefixed", "x:"],
  ])("a sheet larger than one decoding chunk (%s markup)", (_label, p) => {
    const rows: string[] = [];
    const n = 120000;
    for (let r = 1; r <= n; r++) {
      rows.push(
        `<${p}row r="${r}" spans="1:3"><${p}c r="A${r}"><${p}v>${r}</${p}v></${p}c>` +
          `<${p}c r="B${r}" t="inlineStr"><${p}is><${p}t>名${r}</${p}t></${p}is></${p}c>` +
          `<${p}c r="C${r}" t="b"><${p}v>${r % 2}</${p}v></${p}c></${p}row>`,
      );
    }
    const xml = sheetXml(rows.join(""), "worksheet", p);
    expect(xml.length).toBeGreaterThan(9 * 1024 * 1024);
    const grid = openXlsx(handMade([{ name: "Big", xml }])).readSheet("Big");
    expect(grid.length).toBe(n);
    for (let r = 1; r <= n; r++) {
      const row = grid[r - 1];
      if (row[0] !== r || row[1] !== `名${r}` || row[2] !== (r % 2 === 1) || row.length !== 3) {
        throw new Error(`row ${r}: ${JSON.stringify(row)}`);
      }
    }
  });

  test("isoToSerial", () => {
    expect(isoToSerial("2025-01-01", false)).toBe(45658);
    expect(isoToSerial("1900-02-28", false)).toBe(59);
    expect(isoToSerial("1900-03-01T06:00:00.000Z", false)).toBe(61.25);
    expect(isoToSerial("12:00:00", false)).toBe(0.5);
    expect(isoToSerial("1904-01-01", true)).toBe(0);
    expect(isoToSerial("not a date", false)).toBeNull();
  });
});

describe("openXlsx errors", () => {
  test("not a zip", () => {
    expect(() => openXlsx(strToU8("客户,金额\nA,1\n".repeat(10)))).toThrow(InputError);
  });
  test("a truncated zip", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = 1;
    const bytes = await bytesOf(wb);
    expect(() => openXlsx(bytes.subarray(0, Math.floor(bytes.length / 2)))).toThrow(InputError);
  });
  test("a zip without a workbook", () => {
    const zip = zipSync({ "word/document.xml": strToU8("<w:document/>") });
    expect(() => openXlsx(zip)).toThrow(/not an Excel workbook/);
  });
});
