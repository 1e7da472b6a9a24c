/**
 * A CSV is held as columns (each text an index into a table of distinct texts, a plain decimal
 * as its number), and a grid given as rows is read in place by the import's fast path.
 * Whatever the path, the result must be what the rows give read the general way: the same rows
 * and notes from the parser, the same ledger, problems and counts from the import.
 */
import { HEADERS, csvFields, generateRows, makeCustomers } from "../bench/data";
import {
  decodeCsv,
  detectDelimiter,
  inferDecimals,
  parseCsv,
  parseText,
  type CsvNote,
} from "../src/io/csv";
import { problem } from "../src/core/problems";
import { CELL_DECIMAL, decimalText, type CellValue, type Grid } from "../src/sheet/grid";
import { importGrids, type GridInput, type ImportOptions } from "../src/sheet/import";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** parseCsv as rows of strings, the notes worked out on them (what the parser did before). */
function csvAsRows(data: Uint8Array): { rows: CellValue[][]; notes: CsvNote[] } {
  const { text, encoding, badBytes } = decodeCsv(data);
  let body = text;
  let delimiter: string | null = null;
  const sep = /^sep=(.)(\r\n|\n|\r|$)/.exec(body.slice(0, 8));
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(body);
  const notes: CsvNote[] = [];
  const rows = parseText(body, delimiter, notes);
  if (badBytes > 0) {
    rows.forEach((row, r) => {
      if (row.some((v) => typeof v === "string" && v.includes("\uFFFD")))
        notes.push({
          code: "file.badBytes",
          severity: "warning",
          row: r + 1,
          column: null,
          params: { encoding: encoding.toUpperCase() },
        });
    });
  }
  inferDecimals(rows, delimiter, notes);
  notes.sort((a, b) => a.row - b.row);
  return { rows, notes };
}

/** The grid of a CSV as the CLI makes it: held as columns, rows on request. */
function csvGrid(data: Uint8Array, file = "book.csv"): Grid {
  const parsed = parseCsv(data);
  const problems = parsed.notes.map((n) =>
    problem(n.code, n.severity, { file, sheet: null, row: n.row }, n.column, n.params),
  );
  const grid: Grid = {
    sheet: null,
    file,
    get rows(): CellValue[][] {
      return parsed.rows;
    },
    ...(problems.length ? { problems } : {}),
  };
  Object.defineProperty(grid, "cells", { value: parsed.cells, enumerable: false });
  return grid;
}

/** The same CSV as a plain grid of rows (as the pane gets a sheet from Office.js). */
function rowGrid(data: Uint8Array, file = "book.csv"): Grid {
  const { rows, notes } = csvAsRows(data);
  const problems = notes.map((n) =>
    problem(n.code, n.severity, { file, sheet: null, row: n.row }, n.column, n.params),
  );
  return { sheet: null, file, rows, ...(problems.length ? { problems } : {}) };
}

function expectSame(a: ReturnType<typeof importGrids>, b: ReturnType<typeof importGrids>): void {
  expect(b.rows).toEqual(a.rows);
  expect(b.sheets).toEqual(a.sheets);
  expect(b.problems).toEqual(a.problems);
  expect(b.ledger).toEqual(a.ledger);
  expect(b.lastReview).toEqual(a.lastReview);
}

/**
 * The parser gives the rows and notes of the reference; the import of the CSV's columns and the
 * import of its rows (read in place) give what the general path gives.
 */
function check(text: string | Uint8Array, options: ImportOptions = {}, extra: GridInput[] = []) {
  const data = typeof text === "string" ? utf8(text) : text;
  const parsed = parseCsv(data);
  const ref = csvAsRows(data);
  expect(parsed.rows).toEqual(ref.rows);
  expect(parsed.notes).toEqual(ref.notes);
  const reference = importGrids([{ grid: rowGrid(data) }, ...extra], {
    ...options,
    reference: true,
  });
  expectSame(reference, importGrids([{ grid: csvGrid(data) }, ...extra], options));
  expectSame(reference, importGrids([{ grid: rowGrid(data) }, ...extra], options));
  return reference;
}

const HEADER = "发票号,客户编码,客户名称,发票日期,到期日,币种,金额,已收金额,结清日期,付款条件,状态";

describe("CSV columns and row grids import as the general path reads the rows", () => {
  test("decimals, ISO dates, currencies, credits, terms, statuses", () => {
    const r = check(
      [
        HEADER,
        "INV-1,C1,甲公司,2025-01-05,2025-02-04,人民币,1200.50,,,月结30天,",
        "INV-2,C1,甲公司,2025-01-06,2025-02-05,人民币,-120.50,,,月结30天,",
        "INV-3,C2,乙公司,2025-02-01,2025-03-03,USD,99.9,99.9,2025-03-01,Net 30,已付",
        "INV-4,C2,乙公司,2025-02-01,2025-03-03,美元,0.5,0,,Net 30,未付",
        "INV-5,C3,丙公司,2025-03-01,,人民币,1000,,,,",
        "INV-6,C3,丙公司,2025-03-01,2025-03-31,人民币,1000.00,1000.00,,60天,部分付款",
        "INV-7,C3,丙公司,2025-03-01,2025-03-31,JPY,1234.56,,,60天,",
        "INV-8,C4,丁公司,2025-03-01,2025-03-31,人民币,-0.00,,,60天,",
        "INV-9,C4,丁公司,2025-03-01,2025-03-31,人民币,-0.5,-0.5,2025-04-01,60天,作废",
        "INV-10,C4,丁公司,2025-03-01,2025-02-01,人民币,007.50,,,60天,什么",
        "INV-11,C4 ,丁公司,2025-03-01,2025-03-31,人民币, 12.50 ,,,60天,",
        "INV-12,c4,丁公司,2025/3/1,20250331,人民币,123456789012345.6,,,60天,",
        "INV-13,C5,戊公司,2025年3月1日,2025-03-31,人民币,12345678901234.56,,,60天,",
        "INV-14,C5,戊公司,2025-03-01,2025-03-31,人民币,99999999999999.9,,,60天,",
      ].join("\n"),
    );
    expect(r.rows.imported).toBeGreaterThan(8);
  });

  test("day-first dates (the column tells), and a column that cannot tell", () => {
    const rows = (dates: string[]) =>
      [HEADER, ...dates.map((d, k) => `INV-${k},C${k % 3},客户${k % 3},${d},,人民币,10.00,,,30,`)]
        .join("\r\n")
        .concat("\r\n");
    check(rows(["13/01/2025", "05/03/2025", "05/03/2025", "3/3/2025", "28/2/2025"]));
    check(rows(["01/13/2025", "05/03/2025", "05/03/2025"]));
    check(rows(["13/01/2025", "01/13/2025", "05/03/2025"]));
    check(rows(["05/03/2025", "06/03/2025", "05/03/2025"]));
    check(rows(["05/03/2025", "06/03/2025", "05/03/2025"]), { dateOrder: "dmy" });
    check(rows(["05/03/2025", "06/03/2025", "05/03/2025"]), { dateOrder: "mdy" });
  });

  test("decimal commas in a ;-separated file, and an ambiguous 1.234", () => {
    check(
      [
        "Rechnung;Kunde;Datum;Betrag;Bezahlt",
        "R1;K1;01.02.2025;1.234,56;",
        "R2;K1;03.02.2025;12,5;12,5",
        "R3;K2;04.02.2025;1.234;1,234",
        "R4;K2;05.02.2025;7;0",
      ].join("\n"),
    );
    check(
      ["Rechnung;Kunde;Datum;Betrag", "R1;K1;2025-02-01;1.234", "R2;K1;2025-02-01;2.5"].join("\n"),
    );
    check(["a;b;c;d", "R1;K1;2025-02-01;1.234", "R2;K1;2025-02-01;2.500"].join("\n"));
  });

  test("blank, subtotal, note and footer rows; bad cells; marks; duplicates; quotes", () => {
    check(
      [
        HEADER,
        "INV-1,C1,甲公司,2025-01-05,2025-02-04,人民币,100.00,,,30,",
        "",
        ",,,,,,,,,,",
        "合计,,,,,,100.00,,,,",
        "INV-2,小计,,,,,100.00,,,,",
        "注：单位元",
        "制表人：张三   审核人：李四,,,,,,,,,,",
        "INV-3,C1,甲公司,2025-01-05,2025-02-04,人民币,abc,,,30,",
        "INV-4,C1,甲公司,2025-13-45,2025-02-04,人民币,10.00,,,30,",
        "INV-5,C1,甲公司,2025-01-05,2025-02-04,人民币,#N/A,,,30,",
        'INV-6,C1,甲公司,2025-01-05,2025-02-04,人民币,"¥1,234.50",,,30,',
        'INV-7,C1,甲公司,2025-01-05,2025-02-04,,"1,234.50元",,,30,',
        'INV-8,C1,甲公司,2025-01-05,2025-02-04,人民币,"(1,234.50)",-,,30,',
        "INV-9,C1,甲公司,2025-01-05,2025-02-04,XXX,10.00,,,30,",
        "INV-10,C1,甲公司,2025-01-05,2025-02-04,人民币,10.00,,,bad terms,",
        "INV-1,C1,甲公司,2025-01-05,2025-02-04,人民币,100.00,,,30,",
        "INV-1,C2,乙公司,2025-01-05,2025-02-04,人民币,5.00,,,30,",
        "INV-11,,,2025-01-05,2025-02-04,人民币,5.00,,,30,",
        "INV-12,C2,乙公司,,,人民币,5.00,,,30,",
        "INV-13,C2,乙公司,2025-01-05,2025-02-04,人民币,,,,30,",
        "  ,C2,乙公司,2025-01-05,2025-02-04,人民币,5.00,,,30,",
        'INV-14,"C2","乙公司, 北京",2025-01-05,2025-02-04,人民币,"5.00",,,30,',
        'INV-15,C2,"乙公司\n分部",2025-01-05,2025-02-04,人民币,5.00,,,30,',
        'INV-16,C2,"乙公司,2025-01-05,2025-02-04,人民币,5.00,,,30,',
        "INV-17,C2,乙公司,2025-01-05,2025-02-04,人民币,  ,,,30,",
        "INV-18,C2,乙公司,  ,2025-02-04,人民币,5.00,  ,,30,",
        "10.50",
        "INV-19,C2,乙公司,2025-01-05,2025-02-04,人民币,5.00,5.001,,30,",
        "INV-20,C2,乙公司,45658,2025-02-04,人民币,5.00,,,30,",
      ].join("\n"),
    );
  });

  test("with a customer list and payments beside the CSV", () => {
    const master: Grid = {
      file: "customers.xlsx",
      sheet: "客户",
      rows: [
        ["客户编码", "客户名称", "信用额度", "付款条件"],
        ["C1", "甲公司", 1000, "月结30天"],
      ],
    };
    const payments: Grid = {
      file: "payments.xlsx",
      sheet: "收款",
      rows: [
        ["收款单号", "发票号", "客户编码", "收款日期", "收款金额"],
        ["P1", "INV-1", "C1", 45700, 40],
        ["P2", "INV-2", "C2", 45700, 5],
      ],
    };
    check(
      [
        HEADER,
        "INV-1,C1,甲公司,2025-01-05,2025-02-04,人民币,100.00,,,,",
        "INV-2,C2,乙公司,2025-01-05,,人民币,100.00,,,,",
        "INV-3,C2,乙公司,2025-01-05,,人民币,100.00,,,,已付",
      ].join("\n"),
      {},
      [
        { grid: master, kind: "customers" },
        { grid: payments, kind: "payments" },
      ],
    );
  });

  test("the bench generator's export (its anomalies included)", () => {
    const customers = makeCustomers(3000, 11);
    const lines = [HEADERS.join(",")];
    for (const row of generateRows(3000, customers, 11)) {
      lines.push(
        csvFields(row.cells)
          .map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
          .join(","),
      );
    }
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(lines.join("\r\n") + "\r\n")]);
    const r = check(bom);
    expect(r.rows.read).toBe(3000);
  });

  test("random files", () => {
    let seed = 17;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const texts = [
      "",
      "",
      "1.5",
      "12.50",
      "-0.50",
      "-0",
      "-0.0",
      "0.00",
      "007.5",
      "1.",
      ".5",
      "1e3",
      "100",
      " 3.25",
      "1,234.50",
      "1.234,50",
      "12,5",
      "1.234",
      "¥12.00",
      "(5.00)",
      "-",
      "2025-01-05",
      "2025/1/6",
      "5/3/2025",
      "13/3/2025",
      "3/13/2025",
      "45658",
      "Net 30",
      "月结",
      "是",
      "否",
      "已付",
      "作废",
      "人民币",
      "USD",
      "C1",
      "C2",
      "c1 ",
      "合计",
      "注：x",
      '"q,1"',
      '"a""b"',
      "#N/A",
    ];
    const header = "发票号,客户编码,发票日期,到期日,币种,金额,已收金额,付款条件,状态,争议";
    for (let file = 0; file < 12; file++) {
      const lines = [header];
      for (let r = 0; r < 150; r++) {
        const cells = [
          rnd() < 0.9 ? `INV-${Math.floor(rnd() * 140)}` : pick(texts),
          rnd() < 0.8 ? pick(["C1", "C2", "C3", "客户4"]) : pick(texts),
          rnd() < 0.7 ? pick(["2025-01-05", "2025-02-05", "5/3/2025", "13/3/2025"]) : pick(texts),
          rnd() < 0.7 ? pick(["2025-03-05", "2025-04-05", "", "45700"]) : pick(texts),
          rnd() < 0.7 ? pick(["人民币", "USD", "JPY", ""]) : pick(texts),
          rnd() < 0.7 ? pick(["10.50", "-3.25", "1000", "99.9", "0.01"]) : pick(texts),
          rnd() < 0.7 ? pick(["", "", "5.25", "10.50"]) : pick(texts),
          pick(texts),
          rnd() < 0.7 ? "" : pick(texts),
          rnd() < 0.8 ? "" : pick(texts),
        ];
        lines.push(cells.slice(0, rnd() < 0.05 ? Math.floor(rnd() * 10) : 10).join(","));
      }
      const text = lines.join(rnd() < 0.5 ? "\n" : "\r\n");
      check(text);
      check(text, { dateOrder: "mdy" });
    }
  });
});

test("a file wider than the store's columns, and rows ending in empty fields", () => {
  const wide = Array.from({ length: 300 }, (_, c) => (c % 7 === 0 ? "" : `v${c}`));
  const text = [
    "a,b,c",
    "1.50,,",
    "",
    ",,,,",
    `x,${"2.25,".repeat(260)}`,
    wide.join(","),
    "y,3.5",
  ].join("\n");
  const data = utf8(text);
  const parsed = parseCsv(data);
  expect(parsed.rows).toEqual(csvAsRows(data).rows);
  expect(parsed.notes).toEqual(csvAsRows(data).notes);
  const narrow = utf8("a,b,c\n1.50,,\n\n,,,,\nz,\n");
  expect(parseCsv(narrow).rows).toEqual(csvAsRows(narrow).rows);
  expect(parseCsv(narrow).rows).toEqual([
    ["a", "b", "c"],
    ["1.50", null, null],
    [],
    [null, null, null, null, null],
    ["z", null],
  ]);
});

test("a decimal text held as its number gives its text back", () => {
  let seed = 3;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const texts: string[] = ["0.5", "-0.5", "0.05", "9.99", "1.1", "123456789012.34"];
  for (let k = 0; k < 4000; k++) {
    const digits = 1 + Math.floor(rnd() * 15);
    let int = String(Math.floor(rnd() * 10 ** Math.min(digits, 15)));
    const frac = rnd() < 0.5 ? 1 : 2;
    if (int.length + frac > 15) int = int.slice(0, 15 - frac);
    const f = String(Math.floor(rnd() * 10 ** frac)).padStart(frac, "0");
    texts.push(`${rnd() < 0.3 ? "-" : ""}${int}.${f}`);
  }
  const cells = parseCsv(utf8(["x", ...texts].join("\n"))).cells;
  const col = cells.column(0)!;
  for (let r = 1; r <= texts.length; r++) {
    const t = texts[r - 1];
    if (/^-0\.0+$/.test(t)) continue;
    expect(col.tag[r]).toBe(CELL_DECIMAL + (t.length - t.indexOf(".") - 1));
    expect(decimalText(col.tag[r], col.num[r])).toBe(t);
    expect(col.num[r]).toBe(Number(t));
  }
});
