/** Issue 15: a broken CSV never loses a row silently (quotes, encoding, decimal commas). */
import { parseCsv } from "./csv";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A 1,001-line invoice list (header + 1,000 rows), customer names 客户0001…. */
function invoices(n: number, delimiter = ","): string[] {
  const lines = [["客户", "单据编号", "业务日期", "价税合计"].join(delimiter)];
  for (let i = 1; i <= n; i++) {
    const k = String(i).padStart(4, "0");
    lines.push([`客户${k}`, `INV${k}`, "2026-05-01", String(100 + i)].join(delimiter));
  }
  return lines;
}

describe("a quote left open", () => {
  test("one stray quote in a 1,001-line file: every line is a row, the quote located", () => {
    const lines = invoices(1000);
    lines[3] = lines[3].replace("客户0003", '"客户0003');
    // A later quoted field, whose quote the stray one would pair with.
    lines[900] = lines[900].replace("客户0900", '"客户0900"');
    const r = parseCsv(utf8(lines.join("\n") + "\n"));
    expect(r.rows).toHaveLength(1001);
    expect(r.rows[3]).toEqual(["客户0003", "INV0003", "2026-05-01", "103"]);
    expect(r.rows[4][0]).toBe("客户0004");
    expect(r.rows[900][0]).toBe("客户0900");
    expect(r.notes).toEqual([
      expect.objectContaining({ code: "file.unbalancedQuote", row: 4, params: { lines: 897 } }),
    ]);
  });

  test("a quote never closed, on the last lines", () => {
    const lines = invoices(5);
    lines[4] = lines[4].replace("客户0004", '"客户0004');
    const r = parseCsv(utf8(lines.join("\r\n")));
    expect(r.rows).toHaveLength(6);
    expect(r.rows[5][0]).toBe("客户0005");
    expect(r.notes.map((n) => [n.code, n.row])).toEqual([["file.unbalancedQuote", 5]]);
  });

  test("a real multi-line field (an address) stays one field", () => {
    const text = '客户,地址,金额,备注\nA公司,"北京市\n朝阳区 1 号",100,x\nB公司,上海,200,y\n';
    const r = parseCsv(utf8(text));
    expect(r.rows).toEqual([
      ["客户", "地址", "金额", "备注"],
      ["A公司", "北京市\n朝阳区 1 号", "100", "x"],
      ["B公司", "上海", "200", "y"],
    ]);
    expect(r.notes).toEqual([]);
  });
});

describe("encoding on the evidence", () => {
  test("one stray byte in a UTF-8 file: still UTF-8, the byte reported at its row", () => {
    const lines = invoices(20);
    const bytes = utf8(lines.join("\n") + "\n");
    const at = Buffer.from(bytes).indexOf(Buffer.from("INV0007"));
    const damaged = Uint8Array.from([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at)]);
    const r = parseCsv(damaged);
    expect(r.encoding).toBe("utf-8");
    expect(r.rows[1][0]).toBe("客户0001");
    expect(r.rows[20][0]).toBe("客户0020");
    expect(r.notes.map((n) => [n.code, n.row])).toEqual([["file.badBytes", 8]]);
  });

  test("a GBK file is still GB18030", () => {
    // 客户 BFCD BBA7, 公司 B9AB CBBE
    const bytes = Uint8Array.from([
      0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0x61, 0x0a, 0xb9, 0xab, 0xcb, 0xbe, 0x2c, 0x31, 0x0a,
    ]);
    const r = parseCsv(bytes);
    expect(r.encoding).toBe("gb18030");
    expect(r.rows).toEqual([
      ["客户", "a"],
      ["公司", "1"],
    ]);
    expect(r.notes).toEqual([]);
  });
});

describe("the decimal comma", () => {
  test("a ;-separated export with 1.234,56 and 1.234: read as 1234.56 and 1234", () => {
    const text =
      "Kunde;Rechnung;Datum;Betrag\nA;R1;01.05.2026;1.234,56\nB;R2;02.05.2026;1.234\nC;R3;03.05.2026;12,5\n";
    const r = parseCsv(utf8(text));
    expect(r.rows.map((row) => row[3])).toEqual(["Betrag", "1234.56", "1234", "12.5"]);
    // Dates are not numbers.
    expect(r.rows[1][2]).toBe("01.05.2026");
    expect(r.notes).toEqual([
      expect.objectContaining({ code: "column.decimalComma", column: "D", params: { count: 3 } }),
    ]);
  });

  test("only 1.234s in a ;-separated file: ambiguous, said so, values left as written", () => {
    const text = "Kunde;Betrag\nA;1.234\nB;2.500\n";
    const r = parseCsv(utf8(text));
    expect(r.rows[1][1]).toBe("1.234");
    expect(r.notes).toEqual([
      expect.objectContaining({
        code: "column.ambiguousDecimal",
        row: 2,
        column: "B",
        params: { count: 2, value: "1.234" },
      }),
    ]);
  });

  test("a comma-separated file with decimal points is untouched", () => {
    const text = 'Customer,Amount\nA,"1,234.56"\nB,1.234\nC,12.50\n';
    const r = parseCsv(utf8(text));
    expect(r.rows.map((row) => row[1])).toEqual(["Amount", "1,234.56", "1.234", "12.50"]);
    expect(r.notes).toEqual([]);
  });
});
