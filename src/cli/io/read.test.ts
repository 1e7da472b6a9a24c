import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { InputError } from "../../io/errors";
import { openSource } from "./read";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-read-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (name: string): string => path.join(tmp, name);

/** The InputError openSource (and then read) throws, checked to be a one-line message. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(err.name).toBe("InputError");
    return err;
  }
  throw new Error("expected an InputError");
}

let workbook: string;
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ledger");
  ws.addRow(["客户", "金额"]);
  ws.addRow(["A公司", 100]);
  wb.addWorksheet("应收 2025").getCell("A1").value = "x";
  workbook = at("book.xlsx");
  await wb.xlsx.writeFile(workbook);
});

describe("openSource", () => {
  test("reads an .xlsx: sheet names, first sheet by default, a sheet by name", () => {
    const src = openSource(workbook);
    expect(src.kind).toBe("xlsx");
    expect(src.file).toBe(workbook);
    expect(src.sheetNames).toEqual(["Ledger", "应收 2025"]);
    expect(src.date1904).toBe(false);
    expect(src.read(null)).toEqual({
      sheet: "Ledger",
      file: workbook,
      rows: [
        ["客户", "金额"],
        ["A公司", 100],
      ],
    });
    expect(src.read("应收 2025").rows).toEqual([["x"]]);
    expect(src.read("ledger").sheet).toBe("Ledger");
  });

  test("an .xlsm is read as a workbook", () => {
    const file = at("macro.xlsm");
    fs.copyFileSync(workbook, file);
    expect(openSource(file).read("Ledger").rows[1]).toEqual(["A公司", 100]);
  });

  test("reads a CSV (.csv, .txt, .tsv)", () => {
    for (const name of ["a.csv", "a.txt", "a.TSV"]) {
      const file = at(name);
      fs.writeFileSync(file, name.endsWith("TSV") ? "客户\t金额\nA\t1\n" : "客户,金额\nA,1\n");
      const src = openSource(file);
      expect(src.kind).toBe("csv");
      expect(src.sheetNames).toEqual([]);
      expect(src.read(null)).toEqual({
        sheet: null,
        file,
        rows: [
          ["客户", "金额"],
          ["A", "1"],
        ],
      });
    }
  });

  test("a missing file", () => {
    const err = inputError(() => openSource(at("nope.xlsx")));
    expect(err.message).toBe("nope.xlsx: file not found");
  });

  test("a folder", () => {
    fs.mkdirSync(at("dir.xlsx"));
    expect(inputError(() => openSource(at("dir.xlsx"))).message).toMatch(/^dir\.xlsx: .*folder/);
  });

  test(".xls asks for .xlsx", () => {
    fs.writeFileSync(at("old.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(inputError(() => openSource(at("old.xls"))).message).toMatch(
      /^old\.xls: .*not supported.*save it as \.xlsx/,
    );
  });

  test("an unsupported extension", () => {
    fs.writeFileSync(at("notes.pdf"), "%PDF");
    expect(inputError(() => openSource(at("notes.pdf"))).message).toMatch(
      /^notes\.pdf: unsupported file type "\.pdf"/,
    );
  });

  test("a corrupt .xlsx (not a zip, truncated zip)", () => {
    fs.writeFileSync(at("bad.xlsx"), "this is not a workbook\nsecond line\n");
    expect(inputError(() => openSource(at("bad.xlsx"))).message).toMatch(/^bad\.xlsx: not a valid/);
    const bytes = fs.readFileSync(workbook);
    fs.writeFileSync(at("cut.xlsx"), bytes.subarray(0, bytes.length - 200));
    expect(inputError(() => openSource(at("cut.xlsx"))).message).toMatch(/^cut\.xlsx: /);
  });

  test("an encrypted (OLE) .xlsx", () => {
    fs.writeFileSync(
      at("locked.xlsx"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    );
    expect(inputError(() => openSource(at("locked.xlsx"))).message).toMatch(/password/);
  });

  test("an unknown sheet lists the sheets", () => {
    const err = inputError(() => openSource(workbook).read("Sales"));
    expect(err.message).toBe(
      'book.xlsx: no sheet named "Sales"; the sheets are "Ledger", "应收 2025"',
    );
  });

  test("a sheet name for a CSV", () => {
    const file = at("s.csv");
    fs.writeFileSync(file, "a\n");
    expect(inputError(() => openSource(file).read("Sheet1")).message).toMatch(
      /^s\.csv: .*no sheets/,
    );
  });

  test("InputError flattens line breaks", () => {
    expect(new InputError("one\n  two\r\nthree").message).toBe("one two three");
  });
});

describe("preload: sheets read ahead through Node's zlib as a stream", () => {
  /** A workbook large enough for the stream to hand its sheet over in many pieces. */
  let large: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("应收明细");
    ws.addRow(["客户", "单据编号", "金额", "日期"]);
    for (let i = 1; i <= 60000; i++)
      ws.addRow([
        `客户${i % 97}😀`,
        `INV${i}`,
        i * 1.25,
        new Date(Date.UTC(2025, 0, 1 + (i % 300))),
      ]);
    wb.addWorksheet("Other").getCell("B2").value = "é";
    large = at("large.xlsx");
    await wb.xlsx.writeFile(large);
  });

  test("every sheet read ahead equals the sheet read as before, handed over once", async () => {
    for (const file of [workbook, large]) {
      const plain = openSource(file);
      const ahead = openSource(file);
      await ahead.preload(null);
      for (const name of plain.sheetNames) {
        const expected = plain.read(name);
        const early = ahead.read(name);
        expect(early).toEqual(expected);
        expect(early.rows).toEqual(expected.rows);
        // Handed over once: the next read reads the sheet again, the same.
        const again = ahead.read(name);
        expect(again).not.toBe(early);
        expect(again).toEqual(expected);
      }
    }
  });

  test("one sheet by name (letter case aside), and a name no sheet has left to read", async () => {
    const src = openSource(workbook);
    await src.preload("ledger");
    expect(src.read("Ledger").rows[1]).toEqual(["A公司", 100]);
    await src.preload("Nope");
    const err = inputError(() => src.read("Nope"));
    expect(err.message).toMatch(/Nope/);
  });

  test("a CSV has nothing to read ahead", async () => {
    const csv = at("ahead.csv");
    fs.writeFileSync(csv, "a,b\n1,2\n");
    const src = openSource(csv);
    await src.preload(null);
    expect(src.read(null).rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  test("a sheet whose part is corrupt: preload passes, read says what is wrong as before", async () => {
    const data = new Uint8Array(fs.readFileSync(large));
    // The sheet part's deflated data opens with a block of the reserved type 3: no inflater reads it.
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    let at0 = 30;
    while (!name.every((b, k) => data[at0 + k] === b) || data[at0 - 30] !== 0x50) at0++;
    const extra = data[at0 - 2] | (data[at0 - 1] << 8);
    data[at0 + name.length + extra] = 0xff;
    const broken = at("broken.xlsx");
    fs.writeFileSync(broken, data);
    const before = inputError(() => openSource(broken).read("应收明细"));
    const src = openSource(broken);
    await src.preload(null);
    expect(inputError(() => src.read("应收明细")).message).toBe(before.message);
  });
});
