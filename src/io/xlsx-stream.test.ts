/**
 * The sheet scanned in its bytes, and a sheet's part read as a stream (readSheetCellsAsync): the
 * same cells and notes as the whole-part read, wherever the pieces are cut (inside a tag, inside
 * a multi-byte character), and the whole-part read's outcome whenever the stream fails.
 */
import { inflateSync, strToU8, unzipSync, zipSync } from "fflate";
import type { CellValue } from "../sheet/grid";
import type { ColumnStore } from "./columns";
import { openXlsx, type InflateRawStream, type XlsxNote } from "./xlsx";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A package of one sheet (and shared strings when given); the parts as bytes. */
function book(sheetXml: string | Uint8Array, sst?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${
        sst
          ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
          : ""
      }</Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": typeof sheetXml === "string" ? strToU8(sheetXml) : sheetXml,
  };
  if (sst) files["xl/sharedStrings.xml"] = strToU8(sst);
  return zipSync(files, { level: 1 });
}

const sheet = (rows: string, p = ""): string =>
  `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ""}="${NS}"><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;

/** A stream inflating with fflate, its output handed over in pieces of the sizes given, in turn. */
function cutInto(sizes: number[]): InflateRawStream {
  return async function* (stored: Uint8Array) {
    const all = inflateSync(stored);
    let k = 0;
    for (let at = 0; at < all.length; k++) {
      const n = sizes[k % sizes.length];
      yield all.subarray(at, at + n);
      at += n;
    }
  };
}

/** Every row of the store as the grid holds it, and the notes. */
function contents(read: { cells: ColumnStore; notes: XlsxNote[] }): {
  rows: CellValue[][];
  notes: XlsxNote[];
} {
  return { rows: read.cells.toRows(), notes: read.notes };
}

async function bothWays(data: Uint8Array, stream: InflateRawStream) {
  const whole = openXlsx(data).readSheetCells("S");
  const streamed = await openXlsx(data, { inflateRawStream: stream }).readSheetCellsAsync("S");
  return { whole: contents(whole), streamed: contents(streamed) };
}

/** Rows of every kind of cell, text with characters of 1 to 4 UTF-8 bytes. */
function mixedRows(n: number, p = ""): string {
  const out: string[] = [];
  for (let r = 1; r <= n; r++) {
    const cells =
      `<${p}c r="A${r}"><${p}v>${r}.25</${p}v></${p}c>` +
      `<${p}c r="B${r}" t="inlineStr"><${p}is><${p}t>客户é${r}😀&amp;_x0041_</${p}t></${p}is></${p}c>` +
      `<${p}c r="C${r}" t="str"><${p}f>A1</${p}f><${p}v>名称${r}</${p}v></${p}c>` +
      `<${p}c t="s"><${p}v>${r % 3}</${p}v></${p}c>` + // no r: the next column
      `<${p}c r="E${r}" t="b"><${p}v>${r % 2}</${p}v></${p}c>` +
      `<${p}c r="F${r}" t="d"><${p}v>2025-06-${String((r % 28) + 1).padStart(2, "0")}</${p}v></${p}c>` +
      `<${p}c r="G${r}" t="e"><${p}v>#N/A</${p}v></${p}c>` +
      `<${p}c r="H${r}"><${p}v>1.5E3</${p}v></${p}c>` +
      (r % 1000 === 0 ? `<${p}c r="I${r}"><${p}v>0x1F</${p}v></${p}c>` : "");
    // Every tenth row without its r attribute (the row after the last).
    out.push(r % 10 === 0 ? `<${p}row>${cells}</${p}row>` : `<${p}row r="${r}">${cells}</${p}row>`);
  }
  return out.join("");
}

const SST = `<sst xmlns="${NS}"><si><t>零</t></si><si><t xml:space="preserve"> 一 </t></si><si><r><t>二</t></r><r><t>½</t></r></si></sst>`;

describe("a sheet's part read as a stream", () => {
  // About 9 MB of sheet XML: more than one piece of the stream and one chunk of the whole read.
  const big = sheet(mixedRows(30000));
  const bigBook = book(big, SST);

  test.each([
    ["cut every few bytes, inside characters and tags", [1, 3, 7, 4093, 65537, 1000003]],
    ["cut in large pieces", [1 << 20]],
    ["handed over whole", [1 << 30]],
  ])("the same cells and notes, %s", async (_label, sizes) => {
    const { whole, streamed } = await bothWays(bigBook, cutInto(sizes));
    expect(whole.rows.length).toBe(30000);
    expect(whole.rows[9]).toEqual([
      10.25,
      "客户é10😀&A",
      "名称10",
      " 一 ",
      false,
      45819,
      { error: "#N/A" },
      1500,
    ]);
    expect(whole.notes.map((n) => n.code)).toContain("file.badNumber");
    expect(streamed).toEqual(whole);
  });

  test("prefixed markup (x:row, x:c)", async () => {
    const data = book(sheet(mixedRows(12000, "x:"), "x:"), SST);
    const { whole, streamed } = await bothWays(data, cutInto([5, 777, 300001]));
    expect(whole.rows.length).toBe(12000);
    expect(streamed).toEqual(whole);
  });

  test("a sheet cut off after some pieces were read: the truncation noted as in the whole read", async () => {
    const data = book(big.slice(0, big.indexOf('<row r="20001">') - 30), SST);
    const { whole, streamed } = await bothWays(data, cutInto([65536]));
    expect(whole.notes.map((n) => n.code)).toContain("file.truncated");
    expect(streamed).toEqual(whole);
  });

  test("a small sheet cut off, an empty sheetData, no sheetData, rows after </sheetData>", async () => {
    const rows = mixedRows(20);
    const cases = [
      sheet(rows).slice(0, sheet(rows).indexOf('<row r="8">') - 5),
      sheet("").replace("<sheetData></sheetData>", "<sheetData/>"),
      `<worksheet xmlns="${NS}"><dimension ref="A1"/></worksheet>`,
      sheet(mixedRows(3)).replace("</worksheet>", `<row r="9"><c><v>9</v></c></row></worksheet>`),
      sheet(mixedRows(3)).replace("</sheetData>", `</sheetData><sheetData>${mixedRows(2)}`),
    ];
    for (const xml of cases) {
      const { whole, streamed } = await bothWays(book(xml, SST), cutInto([1, 2, 50]));
      expect(streamed).toEqual(whole);
    }
  });

  test("rows after a </sheetData> in a large sheet: read whole, as ever", async () => {
    const xml = big.replace("</worksheet>", `<row r="1"><c><v>-1</v></c></row></worksheet>`);
    const { whole, streamed } = await bothWays(book(xml, SST), cutInto([1 << 20]));
    expect(whole.rows[0][0]).toBe(1.25);
    expect(streamed).toEqual(whole);
  });

  test("a stream that fails, or gives more than the part declares: the whole read's result", async () => {
    const failing: InflateRawStream = async function* (stored) {
      const all = inflateSync(stored);
      yield all.subarray(0, 3 << 20);
      throw new Error("inflate failed");
    };
    const longer: InflateRawStream = async function* (stored) {
      yield inflateSync(stored);
      yield strToU8("<row><c><v>1</v></c></row>");
    };
    for (const stream of [failing, longer]) {
      const { whole, streamed } = await bothWays(bigBook, stream);
      expect(streamed).toEqual(whole);
    }
  });

  test("a corrupt part: the same error as the whole read", async () => {
    const parts = unzipSync(book(sheet(mixedRows(50)), SST));
    const data = zipSync(parts, { level: 6 });
    // Damage the deflated sheet part in the archive (after its local header).
    const name = strToU8("xl/worksheets/sheet1.xml");
    let at = 0;
    while (!name.every((b, k) => data[at + k] === b)) at++;
    for (let k = 40; k < 200; k += 3) data[at + name.length + k] ^= 0x5a;
    let wholeError: unknown = null;
    try {
      openXlsx(data).readSheetCells("S");
    } catch (e) {
      wholeError = e;
    }
    expect(wholeError).not.toBeNull();
    await expect(
      openXlsx(data, { inflateRawStream: cutInto([4096]) }).readSheetCellsAsync("S"),
    ).rejects.toEqual(wholeError);
  });

  test("without a stream inflater, the whole read", async () => {
    const data = book(sheet(mixedRows(5)), SST);
    const whole = contents(openXlsx(data).readSheetCells("S"));
    expect(contents(await openXlsx(data).readSheetCellsAsync("S"))).toEqual(whole);
  });
});

describe("text decoded from the sheet's bytes", () => {
  const cell = (inner: string, t = "inlineStr") =>
    book(sheet(`<row r="1"><c r="A1" t="${t}">${inner}</c></row>`));
  const value = (data: Uint8Array) => openXlsx(data).readSheet("S")[0]?.[0];

  test("characters of every length, a byte-order mark inside text, entities, line ends", () => {
    expect(value(cell("<is><t>\uFEFF前😀é\r\nx&#x4E2D;&lt;</t></is>"))).toBe("\uFEFF前😀é\nx中<");
    expect(value(cell("<v>文本 \uFEFF😀</v>", "str"))).toBe("文本 \uFEFF😀");
    // Long text (the decoder), short ASCII (built directly), short non-ASCII.
    const long = "长".repeat(40) + "a".repeat(40);
    expect(value(cell(`<is><t>${long}</t></is>`))).toBe(long);
    expect(value(cell("<is><t>abc</t></is>"))).toBe("abc");
    expect(value(cell("<is><t>ab€</t></is>"))).toBe("ab€");
  });

  test("bytes that are not UTF-8 read as the decoder reads them", () => {
    const xml = sheet(`<row r="1"><c r="A1" t="str"><v>a#b</v></c></row>`);
    const at = xml.indexOf("#");
    const bytes = [
      ...strToU8(xml.slice(0, at)),
      ...[0xe4, 0xb8, 0xff], // a character cut short, then a byte no UTF-8 has
      ...strToU8(xml.slice(at + 1)),
    ];
    const expected = new TextDecoder().decode(new Uint8Array([0x61, 0xe4, 0xb8, 0xff, 0x62]));
    expect(value(book(new Uint8Array(bytes)))).toBe(expected);
  });

  test("a value quoted in a note: its first 20 characters", () => {
    const ref = "名".repeat(30);
    const { notes } = openXlsx(
      book(sheet(`<row r="1"><c r="A1" t="s"><v>${ref}</v></c></row>`)),
    ).readSheetNotes("S");
    expect(notes[0].params.value).toBe(ref.slice(0, 20));
  });
});
