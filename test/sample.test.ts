/**
 * The demo workbook assets/sample.xlsx (made by scripts/make-sample.ts): its shape, its
 * deliberate traps, and that the generator reproduces it cell for cell.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { makeSample, SAMPLE_AS_OF, SAMPLE_PATH, type SampleSummary } from "../scripts/make-sample";
import {
  CUSTOMER_FIELDS,
  INVOICE_FIELDS,
  PAYMENT_FIELDS,
  headerKey,
  synonymIndex,
} from "../src/sheet/fields";

const INVOICE_HEADERS = [
  "单据编号",
  "客户编码",
  "客户名称",
  "业务日期",
  "到期日",
  "付款条件",
  "币种",
  "价税合计",
  "已收金额",
  "结清日期",
  "业务员",
  "争议",
  "承诺付款日",
  "合同号",
  "备注",
];
const PAYMENT_HEADERS = ["收款单号", "客户编码", "发票号", "回款日期", "回款金额", "币种"];
const CUSTOMER_HEADERS = [
  "客户编码",
  "客户名称",
  "信用等级",
  "信用额度",
  "付款条件",
  "业务员",
  "联系人",
  "电话",
  "邮箱",
  "地址",
  "币种",
];

type Record_ = Map<string, ExcelJS.CellValue>;

/** Rows under a header row as header → value maps, with their row numbers. */
function table(ws: ExcelJS.Worksheet, headerRow: number, lastRow = ws.rowCount) {
  const headers = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: { row: number; get: Record_ }[] = [];
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const get: Record_ = new Map();
    headers.forEach((h, i) => get.set(h, ws.getRow(r).getCell(i + 1).value));
    rows.push({ row: r, get });
  }
  return rows;
}

/** Every cell value of a workbook, sheet by sheet, as comparable JSON lines. */
function dump(wb: ExcelJS.Workbook): string[] {
  const lines: string[] = [];
  for (const ws of wb.worksheets) {
    lines.push(`# ${ws.name}`);
    ws.eachRow({ includeEmpty: true }, (row, n) =>
      lines.push(`${n} ${JSON.stringify(row.values)}`),
    );
  }
  return lines;
}

const isoOf = (v: ExcelJS.CellValue): string | null =>
  v instanceof Date ? v.toISOString().slice(0, 10) : null;
const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? "" : String(v));

let wb: ExcelJS.Workbook;
let again: ExcelJS.Workbook;
let summary: SampleSummary;
let tmpDir: string;

beforeAll(async () => {
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE_PATH);
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-sample-"));
  const out = path.join(tmpDir, "sample.xlsx");
  summary = await makeSample(out);
  again = new ExcelJS.Workbook();
  await again.xlsx.readFile(out);
});

afterAll(() => {
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe("assets/sample.xlsx", () => {
  const invoices = () => wb.getWorksheet("应收明细") as ExcelJS.Worksheet;
  const totalRow = () => {
    let found = 0;
    invoices().eachRow((row, n) => {
      if (row.getCell(1).value === "合计") found = n;
    });
    return found;
  };
  /** Invoice and credit-note rows: between the header and the total, not blank, not 小计. */
  const invoiceRows = () =>
    table(invoices(), 4, totalRow() - 1).filter(
      (r) => text(r.get.get("单据编号")) !== "" && r.get.get("单据编号") !== "小计",
    );

  it("has the three sheets, small", () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["应收明细", "回款记录", "客户档案"]);
    expect(fs.statSync(SAMPLE_PATH).size).toBeLessThan(100 * 1024);
  });

  it("opens 应收明细 with a title block above the header row", () => {
    const ws = invoices();
    expect(ws.getCell("A1").value).toBe("应收账款明细表");
    expect(ws.getCell("O1").isMerged).toBe(true);
    expect(ws.getCell("O1").master.address).toBe("A1");
    const line = text(ws.getCell("A2").value);
    expect(line).toContain("编制单位：华东精密机械有限公司");
    expect(line).toContain(`截至：${SAMPLE_AS_OF}`);
    expect(ws.getRow(3).actualCellCount).toBe(0);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  });

  it("uses Chinese headers the importer recognises", () => {
    const header = (ws: ExcelJS.Worksheet, row: number) =>
      (ws.getRow(row).values as ExcelJS.CellValue[]).slice(1);
    expect(header(invoices(), 4)).toEqual(INVOICE_HEADERS);
    expect(header(wb.getWorksheet("回款记录") as ExcelJS.Worksheet, 1)).toEqual(PAYMENT_HEADERS);
    expect(header(wb.getWorksheet("客户档案") as ExcelJS.Worksheet, 1)).toEqual(CUSTOMER_HEADERS);
    const known = (table: Parameters<typeof synonymIndex>[0], headers: string[]) => {
      const index = synonymIndex(table);
      return headers.filter((h) => !index.has(headerKey(h)));
    };
    expect(known(INVOICE_FIELDS, INVOICE_HEADERS)).toEqual([]);
    expect(known(PAYMENT_FIELDS, PAYMENT_HEADERS)).toEqual([]);
    expect(known(CUSTOMER_FIELDS, CUSTOMER_HEADERS)).toEqual([]);
  });

  it("holds about 300 invoices of ~40 customers and 5 salespeople", () => {
    const rows = invoiceRows();
    expect(rows.length).toBeGreaterThanOrEqual(250);
    expect(rows.length).toBeLessThanOrEqual(350);
    expect(rows.length).toBe(summary.invoiceRows);
    const customers = new Set(rows.map((r) => text(r.get.get("客户编码")).trim()));
    expect(customers.size).toBeGreaterThanOrEqual(35);
    expect(customers.size).toBeLessThanOrEqual(45);
    const sales = new Set(rows.map((r) => text(r.get.get("业务员"))));
    expect([...sales].sort()).toEqual(["张伟", "陈静", "李娜", "刘洋", "王强"].sort());
    // Dates are real date cells, mostly, within 2025-01 … 2026-06.
    const dates = rows.map((r) => isoOf(r.get.get("业务日期"))).filter((d) => d !== null);
    expect(dates.length).toBeGreaterThan(rows.length - 5);
    expect(dates.every((d) => d >= "2025-01-01" && d <= SAMPLE_AS_OF)).toBe(true);
  });

  it("has credit notes, one disputed item and one promise to pay", () => {
    const rows = invoiceRows();
    const credits = rows.filter((r) => {
      const v = r.get.get("价税合计");
      return typeof v === "number" && v < 0;
    });
    expect(credits.length).toBeGreaterThanOrEqual(4);
    for (const r of credits) expect(text(r.get.get("备注"))).toMatch(/退货|折让/);
    const disputed = rows.filter((r) => r.get.get("争议") === "是");
    expect(disputed.map((r) => r.row)).toEqual([summary.disputedRow]);
    expect(text(disputed[0].get.get("备注"))).not.toBe("");
    const promised = rows.filter((r) => r.get.get("承诺付款日") !== null);
    expect(promised.map((r) => r.row)).toEqual([summary.promiseRow]);
    expect((isoOf(promised[0].get.get("承诺付款日")) as string) > SAMPLE_AS_OF).toBe(true);
  });

  it("ends with a blank row, a 合计 row of formulas and a note; has one 小计 row", () => {
    const ws = invoices();
    const total = totalRow();
    expect(total).toBe(summary.totalRow);
    expect(ws.getRow(total - 1).actualCellCount).toBe(0);
    const sum = ws.getRow(total).getCell(8).value as ExcelJS.CellFormulaValue;
    expect(sum.formula).toMatch(/^SUM/);
    expect(typeof sum.result).toBe("number");
    expect(text(ws.getCell(`A${total + 1}`).value)).toMatch(/^注：本表由ERP导出/);
    const subtotals = table(ws, 4, total).filter((r) => r.get.get("单据编号") === "小计");
    expect(subtotals.map((r) => r.row)).toEqual([summary.subtotalRow]);
    expect((subtotals[0].get.get("价税合计") as ExcelJS.CellFormulaValue).formula).toMatch(
      /^SUM\(/,
    );
  });

  it("carries the deliberate dirty cells and bad rows where the summary says", () => {
    const ws = invoices();
    const at = (row: number, header: string) =>
      ws.getRow(row).getCell(INVOICE_HEADERS.indexOf(header) + 1).value;
    const dirty = Object.fromEntries(summary.dirty.map((d) => [text(at(d.row, d.column)), d]));
    for (const v of [
      "¥12,345.60",
      "1.2万",
      "３２，０００．００",
      "2026/3/5",
      "2026年4月8日",
      "20260515",
    ])
      expect(dirty[v]).toBeDefined();
    expect(Object.keys(dirty).some((v) => /^C\d{4} +$/.test(v))).toBe(true);
    const bad = summary.bad.map((b) => at(b.row, b.column));
    expect(bad).toContainEqual({ error: "#N/A" });
    expect(bad).toContain("2026-02-30");
    const refs = invoiceRows().map((r) => text(r.get.get("单据编号")));
    const repeated = refs.filter((ref, i) => refs.indexOf(ref) !== i);
    expect(repeated).toEqual([summary.duplicateRef.ref]);
  });

  it("keeps payments apart from 已收金额, with the traps the importer must report", () => {
    const payments = table(wb.getWorksheet("回款记录") as ExcelJS.Worksheet, 1);
    expect(payments.length).toBeGreaterThanOrEqual(100);
    const refs = new Set(invoiceRows().map((r) => text(r.get.get("单据编号"))));
    const named = payments.map((r) => text(r.get.get("发票号"))).filter((ref) => ref !== "");
    expect(named.filter((ref) => !refs.has(ref))).toEqual([summary.unknownInvoicePayment.invoice]);
    expect(payments.filter((r) => text(r.get.get("发票号")) === "").length).toBeGreaterThan(3);
    const late = payments.filter((r) => (isoOf(r.get.get("回款日期")) as string) > SAMPLE_AS_OF);
    expect(late.map((r) => r.row)).toEqual([summary.paymentAfterAsOf.row]);
    // An invoice is settled by its own 已收金额 or by payments, never both.
    const paidInSheet = invoiceRows()
      .filter((r) => r.get.get("已收金额") !== null)
      .map((r) => text(r.get.get("单据编号")));
    expect(paidInSheet.filter((ref) => named.includes(ref))).toEqual([]);
  });

  it("has a customer master with gaps on both sides and varied credit limits", () => {
    const master = table(wb.getWorksheet("客户档案") as ExcelJS.Worksheet, 1);
    const listed = new Set(master.map((r) => text(r.get.get("客户编码"))));
    const invoiced = new Set(invoiceRows().map((r) => text(r.get.get("客户编码")).trim()));
    expect([...invoiced].filter((c) => !listed.has(c))).toEqual([summary.missingFromMaster]);
    expect([...listed].filter((c) => !invoiced.has(c))).toEqual([summary.withoutInvoices]);
    const limits = master.map((r) => r.get.get("信用额度"));
    expect(limits.filter((v) => v === 0)).toHaveLength(1);
    expect(limits.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    expect(new Set(master.map((r) => r.get.get("信用等级")))).toEqual(
      new Set(["A", "B", "C", "D"]),
    );
    expect(summary.overLimit.length).toBeGreaterThanOrEqual(2);
  });

  it("is what the generator makes, cell for cell", () => {
    expect(dump(again)).toEqual(dump(wb));
  });
});
