import { deflateSync, strToU8, zipSync } from "fflate";
import type { CellValue } from "../sheet/grid";
import { ColumnStore } from "./columns";
import { openXlsx } from "./xlsx";
import { unzipEntries } from "./zip";

/** The grid the row reader builds from the same puts (its `put`, copied). */
function rowsOf(puts: [number, number, CellValue][]): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const [r, c, v] of puts) {
    while (rows.length <= r) rows.push([]);
    const cells = rows[r];
    if (c === cells.length) cells.push(v);
    else if (c < cells.length) cells[c] = v;
    else {
      while (cells.length < c) cells.push(null);
      cells.push(v);
    }
  }
  return rows;
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe("ColumnStore holds what the grid holds", () => {
  test.each([1, 2, 3])("random cells, seed %i", (seed) => {
    const rnd = random(seed);
    const puts: [number, number, CellValue][] = [];
    const values: CellValue[] = ["x", "", 0, -0, 1.5, true, false, { error: "#N/A" }, 45658];
    for (let k = 0; k < 5000; k++) {
      const r = Math.floor(rnd() * 3000);
      const c = Math.floor(rnd() * 12);
      puts.push([r, c, values[Math.floor(rnd() * values.length)]]);
    }
    const store = new ColumnStore();
    for (const [r, c, v] of puts) {
      if (typeof v === "number" && rnd() < 0.5) store.putNumber(r, c, v);
      else store.put(r, c, v);
    }
    const rows = rowsOf(puts);
    expect(store.rowCount).toBe(rows.length);
    expect(store.toRows()).toEqual(rows);
    const into: CellValue[] = ["stale", "stale"];
    for (let r = 0; r < rows.length + 2; r++) {
      expect(store.row(r, into)).toEqual(rows[r]);
      for (let c = 0; c < 14; c++) expect(store.cell(r, c)).toEqual(rows[r]?.[c]);
    }
  });

  test("a sheet wider than the columns it holds turns into rows, values kept", () => {
    const puts: [number, number, CellValue][] = [
      [0, 0, "a"],
      [1, 3, 2.5],
      [2, 300, "far"],
      [3, 1, 7],
    ];
    const store = new ColumnStore();
    for (const [r, c, v] of puts) store.put(r, c, v);
    expect(store.toRows()).toEqual(rowsOf(puts));
    expect(store.row(2, [])).toEqual(rowsOf(puts)[2]);
  });

  test("readSheetCells reads what readSheet reads", () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户</t></is></c>' +
      '<c r="C1"><v>12.5</v></c></row><row r="3"><c r="B3" t="b"><v>1</v></c>' +
      '<c r="D3" t="e"><v>#N/A</v></c><c r="A3"><v>-0</v></c></row></sheetData></worksheet>';
    const bytes = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8(
        '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": strToU8(xml),
    });
    const book = openXlsx(bytes);
    expect(book.readSheetCells("S").cells.toRows()).toEqual(book.readSheet("S"));
  });
});

describe("unzipEntries", () => {
  const files = { "a.xml": strToU8("<a>" + "x".repeat(5000) + "</a>"), "b.txt": strToU8("b") };
  const zip = zipSync(files, { level: 6 });

  test("reads what fflate's unzip reads, through an injected inflater or fflate's", () => {
    const mine = unzipEntries(zip, () => true);
    expect(mine).toEqual(files);
    let calls = 0;
    const injected = unzipEntries(
      zip,
      (f) => f.name === "a.xml",
      (d, n) => {
        calls++;
        return inflateWithFflate(d, n);
      },
    );
    expect(calls).toBe(1);
    expect(injected).toEqual({ "a.xml": files["a.xml"] });
  });

  test("an inflater that throws or overruns the declared size is not believed", () => {
    expect(
      unzipEntries(
        zip,
        () => true,
        () => {
          throw new Error("no");
        },
      ),
    ).toEqual(files);
    expect(
      unzipEntries(
        zip,
        () => true,
        (_d, n) => new Uint8Array(n + 1),
      ),
    ).toEqual(files);
  });

  test("not a zip: a plain error", () => {
    expect(() => unzipEntries(deflateSync(strToU8("x".repeat(100))), () => true)).toThrow(
      /invalid zip data/,
    );
  });
});

function inflateWithFflate(d: Uint8Array, n: number): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("fflate") as typeof import("fflate")).inflateSync(d, { out: new Uint8Array(n) });
}
