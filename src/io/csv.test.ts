import { detectDelimiter, parseCsv } from "./csv";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (number[] | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function utf16(s: string, bigEndian: boolean, bom = true): Uint8Array {
  const out: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (bigEndian) out.push(c >> 8, c & 0xff);
    else out.push(c & 0xff, c >> 8);
  }
  return Uint8Array.from(out);
}

describe("encodings", () => {
  test("UTF-8 without BOM", () => {
    const r = parseCsv(utf8("客户,金额\nA公司,100\n"));
    expect(r.encoding).toBe("utf-8");
    expect(r.rows).toEqual([
      ["客户", "金额"],
      ["A公司", "100"],
    ]);
  });

  test("UTF-8 with BOM (the BOM is not part of the first header)", () => {
    const r = parseCsv(concat([0xef, 0xbb, 0xbf], utf8("客户,金额\r\nA,1\r\n")));
    expect(r.encoding).toBe("utf-8");
    expect(r.rows[0][0]).toBe("客户");
  });

  test("GBK bytes decode as GB18030", () => {
    // 客户,金额 CRLF 公司,100 CRLF — 客 BFCD 户 BBA7 金 BDF0 额 B6EE 公 B9AB 司 CBBE
    const bytes = concat(
      [0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0d, 0x0a],
      [0xb9, 0xab, 0xcb, 0xbe, 0x2c, 0x31, 0x30, 0x30, 0x0d, 0x0a],
    );
    const r = parseCsv(bytes);
    expect(r.encoding).toBe("gb18030");
    expect(r.rows).toEqual([
      ["客户", "金额"],
      ["公司", "100"],
    ]);
  });

  test("UTF-16LE and UTF-16BE with BOM, tab-delimited (Excel's Unicode text)", () => {
    const text = "客户\t金额\r\nA公司\t1,234.50\r\n";
    for (const be of [false, true]) {
      const r = parseCsv(utf16(text, be));
      expect(r.encoding).toBe(be ? "utf-16be" : "utf-16le");
      expect(r.delimiter).toBe("\t");
      expect(r.rows).toEqual([
        ["客户", "金额"],
        ["A公司", "1,234.50"],
      ]);
    }
  });

  test("UTF-16LE without BOM", () => {
    const r = parseCsv(utf16("a,b\n1,2\n", false, false));
    expect(r.encoding).toBe("utf-16le");
    expect(r.rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("RFC 4180 fields", () => {
  test("quoted fields with delimiters, doubled quotes and line breaks", () => {
    const r = parseCsv(
      utf8('name,note,amount\r\n"Acme, Inc.","said ""hi""\r\nthen left",12\r\n"x",,""\r\n'),
    );
    expect(r.rows).toEqual([
      ["name", "note", "amount"],
      ["Acme, Inc.", 'said "hi"\r\nthen left', "12"],
      ["x", null, null],
    ]);
  });

  test("empty fields are null, blank lines are empty rows, ragged rows kept", () => {
    const r = parseCsv(utf8("a,,c\n\n,b\nd,e,f,g,\n"));
    expect(r.rows).toEqual([["a", null, "c"], [], [null, "b"], ["d", "e", "f", "g", null]]);
  });

  test("with and without a trailing newline; CR-only line ends", () => {
    expect(parseCsv(utf8("a,b\n1,2")).rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv(utf8("a,b\n1,2\n")).rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv(utf8("a,b\r1,2\r")).rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv(utf8('a,"b\rc"\r1,2')).rows).toEqual([
      ["a", "b\rc"],
      ["1", "2"],
    ]);
  });

  test("a quoted field ending the file, a delimiter ending the file, an empty file", () => {
    expect(parseCsv(utf8('a,"b"')).rows).toEqual([["a", "b"]]);
    expect(parseCsv(utf8("a,")).rows).toEqual([["a", null]]);
    expect(parseCsv(utf8('"a",')).rows).toEqual([["a", null]]);
    expect(parseCsv(new Uint8Array(0)).rows).toEqual([]);
  });

  test("lenient: text after a closing quote is kept; a quote never closed is a character", () => {
    expect(parseCsv(utf8('"ab"cd,e\n')).rows).toEqual([["abcd", "e"]]);
    // Issue 15: an unclosed quote no longer swallows the lines after it; it is noted.
    const open = parseCsv(utf8('x,"open\nrest'));
    expect(open.rows).toEqual([["x", "open"], ["rest"]]);
    expect(open.notes.map((n) => [n.code, n.row])).toEqual([["file.unbalancedQuote", 1]]);
  });

  test("spaces are kept as written", () => {
    expect(parseCsv(utf8(" a , b \n")).rows).toEqual([[" a ", " b "]]);
  });
});

describe("delimiters", () => {
  test("semicolon with decimal commas", () => {
    const r = parseCsv(utf8("Kunde;Betrag;Datum\nA;1,5;01.02.2025\nB;2,75;03.02.2025\n"));
    expect(r.delimiter).toBe(";");
    // The decimal comma is rewritten to the point (issue 15); dates are left alone.
    expect(r.rows[1]).toEqual(["A", "1.5", "01.02.2025"]);
  });

  test("tab, pipe, and a single column", () => {
    expect(parseCsv(utf8("a\tb\n1\t2\n")).delimiter).toBe("\t");
    expect(parseCsv(utf8("a|b|c\n1|2|3\n")).rows).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    const single = parseCsv(utf8("amount\n1\n2\n"));
    expect(single.delimiter).toBe(",");
    expect(single.rows).toEqual([["amount"], ["1"], ["2"]]);
  });

  test("delimiters inside quotes do not count", () => {
    expect(detectDelimiter('"a;b;c;d",x\n"e;f;g;h",y\n')).toBe(",");
  });

  test("Excel's sep= line", () => {
    const r = parseCsv(utf8("sep=;\r\na;b\r\n1;2\r\n"));
    expect(r.delimiter).toBe(";");
    expect(r.rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

test("100k rows mixing quoted and plain records", () => {
  const lines = ["id,name,amount"];
  for (let i = 0; i < 100000; i++) {
    lines.push(i % 7 === 0 ? `${i},"n, ""${i}""\nx",${i}.5` : `${i},n${i},${i}.5`);
  }
  const rows = parseCsv(utf8(lines.join("\r\n"))).rows;
  expect(rows.length).toBe(100001);
  expect(rows[1]).toEqual(["0", 'n, "0"\nx', "0.5"]);
  expect(rows[100000]).toEqual(["99999", "n99999", "99999.5"]);
});
