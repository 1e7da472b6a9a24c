/**
 * The collection log (催收记录): the sheet ar-desk creates (headers, drop-downs, date rules) on a
 * real .xlsx, the reader (nothing lost: every row an entry, skipped or rejected with its place),
 * and end to end through `ar-desk generate plan --log` on the sample: a promise holds the item
 * until its date; past it unpaid, the level rises by one and the plan says the promise is broken.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "./support/cli";
import { renderSpecs } from "../src/cli/xlsx-writer";
import { ledgerFrom } from "../src/core/ledger";
import { actionLabel } from "../src/core/documents";
import { cust, d, inv } from "./support/core-builders";
import { problemMessage } from "../src/core/messages";
import {
  ACTION_LABELS,
  collectionLogSpec,
  LOG_HEADERS,
  readCollectionLog,
  RESULT_LABELS,
} from "../src/sheet/collection-log";
import type { CellValue } from "../src/sheet/grid";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-log-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the log sheet", () => {
  test.each(["zh-CN", "en-US"] as const)(
    "%s: headers, drop-downs and date rules in a real workbook",
    async (locale) => {
      const wb = new ExcelJS.Workbook();
      renderSpecs(wb, [collectionLogSpec(locale, 200)]);
      const file = path.join(dir, `log-${locale}.xlsx`);
      await wb.xlsx.writeFile(file);
      const back = new ExcelJS.Workbook();
      await back.xlsx.readFile(file);
      const ws = back.worksheets[0];
      expect(ws.name).toBe(locale === "zh-CN" ? "催收记录" : "Collection log");
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(
        Object.values(LOG_HEADERS[locale]),
      );
      const action = ws.getCell("D2").dataValidation;
      expect(action.type).toBe("list");
      expect(action.formulae[0]).toBe(`"${Object.values(ACTION_LABELS[locale]).join(",")}"`);
      expect(ws.getCell("D201").dataValidation.type).toBe("list");
      expect(ws.getCell("F50").dataValidation.formulae[0]).toContain(RESULT_LABELS[locale].promise);
      expect(ws.getCell("A2").dataValidation.type).toBe("date");
      expect(ws.getCell("G2").dataValidation.type).toBe("date");
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    },
  );
});

describe("reading a filled log", () => {
  const ledger = ledgerFrom(
    [
      inv({ ref: "A1", customer: "C1", date: "2026-01-30", due: "2026-03-01", amount: 100_00 }),
      inv({ ref: "B1", customer: "C2", date: "2026-01-30", due: "2026-03-01", amount: 100_00 }),
    ],
    [],
    [cust("C1", { name: "甲公司" }), cust("C2")],
  );
  const grid = (rows: CellValue[][]) => ({ file: "log.xlsx", sheet: "催收记录", rows });
  const H = Object.values(LOG_HEADERS["zh-CN"]);

  test("good rows become entries, either language's values", () => {
    const r = readCollectionLog(
      grid([
        ["催收记录"],
        H,
        [
          d("2026-03-05"),
          "C1",
          "A1",
          "电话",
          "张伟",
          "承诺付款",
          d("2026-03-20"),
          "100.00",
          "跟进",
        ],
        ["2026-03-06", "甲公司", null, "letter", "Li", "disputed"],
        [],
        [d("2026-03-07"), "C2", "B1", "lawyer's letter", null, null],
      ]),
      ledger,
    );
    expect(r.headerRow).toBe(2);
    expect(r.rows).toEqual({ read: 4, imported: 3, skipped: 1, rejected: 0 });
    expect(r.entries[0]).toMatchObject({
      date: d("2026-03-05"),
      customer: 0,
      items: [0],
      action: "phone",
      owner: "张伟",
      result: "promise",
      promiseDate: d("2026-03-20"),
      promiseAmount: 100_00,
      next: "跟进",
      source: { sheet: "催收记录", row: 3 },
    });
    expect(r.entries[1]).toMatchObject({
      customer: 0,
      items: [],
      action: "letter",
      result: "dispute",
    });
    expect(r.entries[2]).toMatchObject({ customer: 1, action: "lawyerLetter" });
  });

  test("nothing lost: bad rows are rejected with sheet, row and column", () => {
    const r = readCollectionLog(
      grid([
        H,
        [null, "C1", null, "电话"],
        ["2026-13-45", "C1", null, "电话"],
        [d("2026-03-05"), "NOBODY", null, "电话"],
        [d("2026-03-05"), "C1", null, "飞鸽传书"],
        [d("2026-03-05"), "C1", null, null, null, "承诺付款"],
        [d("2026-03-05"), "C1", null, null, "张伟"],
        [d("2026-03-05"), "C1", "A1 B1 Z9", "电话", null, null, null, "很多"],
        [d("2026-03-05"), "C1", "A1、B1、Z9", "电话"],
      ]),
      ledger,
    );
    expect(r.rows).toEqual({ read: 8, imported: 1, skipped: 0, rejected: 7 });
    const codes = r.problems.map((p) => [p.source?.row, p.code, p.column]);
    expect(codes).toEqual([
      [2, "log.noDate", "日期"],
      [3, "row.badDate", "日期"],
      [4, "customer.unknown", "客户"],
      [5, "log.unknownAction", "催收方式"],
      [6, "log.noPromiseDate", "承诺付款日"],
      [7, "log.nothingRecorded", "催收方式"],
      [8, "log.otherCustomer", "单据编号"],
      [8, "log.unknownItem", "单据编号"],
      [8, "row.badAmount", "承诺金额"],
      [9, "log.otherCustomer", "单据编号"],
      [9, "log.unknownItem", "单据编号"],
    ]);
    expect(r.entries[0].items).toEqual([0]);
    for (const p of r.problems) {
      expect(p.source?.sheet).toBe("催收记录");
      expect(problemMessage(p, "zh-CN")).not.toBe("");
      expect(problemMessage(p, "en-US")).not.toBe("");
    }
  });

  test("a grid without a log header is not a log", () => {
    const r = readCollectionLog(
      grid([
        ["发票号", "金额"],
        ["A1", 5],
      ]),
      ledger,
    );
    expect(r.found).toBe(false);
  });
});

describe("generate --log on the sample", () => {
  const ITEM = "XS202604-0037"; // C0014, due 2026-06-18, 145,272.80 open, 12 days overdue at 06-30

  async function writeLog(rows: ExcelJS.CellValue[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    renderSpecs(wb, [collectionLogSpec("zh-CN", 20)]);
    const ws = wb.worksheets[0];
    rows.forEach((row, k) =>
      row.forEach((v, c) => {
        if (v !== null) ws.getCell(k + 2, c + 1).value = v;
      }),
    );
    const file = path.join(dir, `log-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  async function planRow(asOf: string, log?: string) {
    const out = path.join(dir, `plan-${asOf}-${log ? "log" : "plain"}.xlsx`);
    const r = await run(
      "generate",
      "plan",
      SAMPLE,
      "--as-of",
      asOf,
      "--lang",
      "zh-CN",
      "--out",
      out,
      ...(log ? ["--log", log] : []),
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("催收计划")!;
    let found: ExcelJS.Row | null = null;
    ws.eachRow((row) => {
      if (row.getCell(7).value === ITEM) found = row;
    });
    expect(found).not.toBeNull();
    const row = found as unknown as ExcelJS.Row;
    return {
      stdout: r.stdout,
      action: row.getCell(2).value,
      level: row.getCell(13).value as number,
      promise: row.getCell(14).value,
      broken: row.getCell(15).value,
    };
  }

  test("a promise holds the item until its date; past it unpaid the level rises and the plan says so", async () => {
    const log = await writeLog([
      [
        new Date(Date.UTC(2026, 5, 26)),
        "C0014",
        ITEM,
        "电话",
        "王芳",
        "承诺付款",
        new Date(Date.UTC(2026, 6, 10)),
        145272.8,
        "7月10日前核实到账",
      ],
    ]);
    const before = await planRow("2026-06-30");
    const held = await planRow("2026-06-30", log);
    expect(held.stdout).toContain("承诺付款 1 项未到期");
    expect(held.action).toBe(actionLabel("holdPromise", "zh-CN"));
    expect(held.level).toBe(before.level);
    expect(held.broken).toBeNull();

    const plainLate = await planRow("2026-07-20");
    const late = await planRow("2026-07-20", log);
    expect(late.stdout).toContain("1 项已违约");
    expect(late.level).toBe(Math.min(5, plainLate.level + 1));
    expect(late.broken).toBe("是");
    expect(late.promise).toBeInstanceOf(Date);
    expect(plainLate.broken).toBeNull();
  });

  test("a missing log file is created empty, with its drop-downs", async () => {
    const file = path.join(dir, "new-log.xlsx");
    const r = await run(
      "generate",
      "plan",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--lang",
      "zh-CN",
      "--out",
      path.join(dir, "p.xlsx"),
      "--log",
      file,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("已新建空白催收记录");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0].getCell("D2").dataValidation.type).toBe("list");
  });
});
