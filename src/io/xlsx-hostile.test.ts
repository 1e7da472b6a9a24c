/** Issue 15: the .xlsx reader notes nonsense at its place instead of accepting it silently. */
import { strToU8, zipSync } from "fflate";
import { openXlsx } from "./xlsx";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook of these sheets (name, sheetData content or a whole part), shared strings given. */
function book(sheets: { name: string; data?: string; part?: string }[], sst: string[] = []) {
  const files: Record<string, Uint8Array> = {};
  files["xl/workbook.xml"] = strToU8(
    `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets
      .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_s, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        "",
      )}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files["xl/sharedStrings.xml"] = strToU8(
    `<sst xmlns="${NS}">${sst.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`,
  );
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      s.part ?? `<worksheet xmlns="${NS}"><sheetData>${s.data ?? ""}</sheetData></worksheet>`,
    );
  });
  return openXlsx(zipSync(files, { level: 1 }));
}

describe("sheets are their parts", () => {
  test("two sheets of the same name: each read once, the second told apart and noted", () => {
    const b = book([
      { name: "Data", data: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      { name: "Data", data: '<row r="1"><c r="A1"><v>2</v></c></row>' },
      { name: "Data (2)", data: '<row r="1"><c r="A1"><v>3</v></c></row>' },
    ]);
    expect(b.sheetNames).toEqual(["Data", "Data (3)", "Data (2)"]);
    expect(b.sheetNames.map((n) => b.readSheet(n)[0][0])).toEqual([1, 2, 3]);
    expect(b.readSheetNotes("Data (3)").notes).toEqual([
      { code: "sheet.duplicateName", row: 1, params: { name: "Data", label: "Data (3)" } },
    ]);
    expect(b.readSheetNotes("Data").notes).toEqual([]);
  });
});

describe("cells that are not what they say", () => {
  test("a shared-string index that is not a number, or past the table", () => {
    const b = book(
      [
        {
          name: "S",
          data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1x</v></c><c r="C1" t="s"><v>7</v></c></row>',
        },
      ],
      ["客户"],
    );
    const { rows, notes } = b.readSheetNotes("S");
    expect(rows).toEqual([["客户"]]);
    expect(notes.map((n) => [n.code, n.row, n.params.cell, n.params.value])).toEqual([
      ["file.badSharedString", 1, "B1", "1x"],
      ["file.badSharedString", 1, "C1", "7"],
    ]);
  });

  test("hex and Infinity are not numbers: kept as text, noted", () => {
    const b = book([
      {
        name: "N",
        data: '<row r="2"><c r="A2"><v>0x1F</v></c><c r="B2"><v>Infinity</v></c><c r="C2"><v>1.5E3</v></c></row>',
      },
    ]);
    const { rows, notes } = b.readSheetNotes("N");
    expect(rows[1]).toEqual(["0x1F", "Infinity", 1500]);
    expect(notes.map((n) => [n.code, n.row, n.params.cell])).toEqual([
      ["file.badNumber", 2, "A2"],
      ["file.badNumber", 2, "B2"],
    ]);
  });

  test("references past XFD or row 1,048,576 are noted and dropped, without a hang", () => {
    const b = book([
      {
        name: "G",
        data:
          '<row r="1"><c r="A1"><v>1</v></c><c r="ZZZZZZ5"><v>2</v></c></row>' +
          '<row r="2"><c r="A2000000000"><v>3</v></c><c r="XFD2"><v>4</v></c></row>' +
          '<row r="99999999999"><c><v>5</v></c></row>',
      },
    ]);
    const { rows, notes } = b.readSheetNotes("G");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([1]);
    expect(rows[1][16383]).toBe(4);
    expect(notes.map((n) => n.code)).toEqual([
      "file.outsideGrid",
      "file.outsideGrid",
      "file.outsideGrid",
      "file.outsideGrid",
    ]);
    expect(notes.map((n) => n.params.cell)).toEqual([
      "ZZZZZZ5",
      "A2000000000",
      '<row r="99999999999">',
      "A1048577",
    ]);
  });

  test("a sheet cut off before </sheetData>: the rows read are kept, the cut noted", () => {
    const part = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v`;
    const b = book([{ name: "T", part }]);
    const { rows, notes } = b.readSheetNotes("T");
    expect(rows.slice(0, 2)).toEqual([[1], [2]]);
    expect(notes).toEqual([expect.objectContaining({ code: "file.truncated" })]);
  });

  test("many bad cells: at most 200 notes and one that counts the rest", () => {
    const cells = Array.from({ length: 500 }, (_v, i) => `<c r="A${i + 1}"><v>0x${i}</v></c>`);
    const b = book([{ name: "M", data: `<row>${cells.join("")}</row>` }]);
    const { notes } = b.readSheetNotes("M");
    expect(notes).toHaveLength(201);
    expect(notes[200]).toEqual(
      expect.objectContaining({ code: "file.moreProblems", params: { count: 300 } }),
    );
  });
});
