/**
 * The analysis report as SheetSpecs: a summary per currency, aging by customer, the open items
 * and the problems. Used by `analyze --out` and the demo; the task pane renders the same specs.
 */
import type { Analysis } from "../core/analyze";
import { isoFromSerial } from "../core/dates";
import { problemMessage, severityLabel, type Locale } from "../core/messages";
import { overdueRate } from "../core/kpi";
import { minorDigits } from "../core/money";
import { ItemStatus } from "../core/position";
import { reportBucketLabels } from "./aging-report";
import type { ImportResult } from "./import";
import {
  dateCell,
  fitWidth,
  moneyCell,
  sheetName,
  tableHeader,
  tablePrint,
  type SheetSpec,
  type SpecRow,
} from "./spec";

/** A file's name without its folders (a problem list prints where, not a long absolute path). */
export function fileName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}

const T = {
  "en-US": {
    summary: "Summary",
    aging: "Aging by customer",
    items: "Open items",
    problems: "Problems",
    title: "Receivables aging",
    asOf: "As of",
    currency: "Currency",
    outstanding: "Outstanding",
    overdue: "Overdue",
    overdueRate: "Overdue rate",
    customer: "Customer",
    name: "Name",
    limit: "Credit limit",
    headroom: "Headroom",
    overLimit: "Over limit",
    invoice: "Invoice",
    invoiceDate: "Invoice date",
    due: "Due date",
    amount: "Amount",
    daysOverdue: "Days overdue",
    bucket: "Bucket",
    level: "Level",
    actBy: "Act by",
    hold: "Hold",
    salesperson: "Salesperson",
    file: "File",
    sheet: "Sheet",
    row: "Row",
    column: "Column",
    severity: "Severity",
    message: "Message",
    rows: "Rows read / imported / skipped / rejected",
    yes: "yes",
    disputed: "disputed",
    promise: "promise to pay",
  },
  "zh-CN": {
    summary: "汇总",
    aging: "客户账龄",
    items: "未清明细",
    problems: "问题清单",
    title: "应收账款账龄分析",
    asOf: "基准日",
    currency: "币种",
    outstanding: "应收余额",
    overdue: "逾期金额",
    overdueRate: "逾期率",
    customer: "客户编码",
    name: "客户名称",
    limit: "信用额度",
    headroom: "可用额度",
    overLimit: "超额度",
    invoice: "单据编号",
    invoiceDate: "业务日期",
    due: "到期日",
    amount: "金额",
    daysOverdue: "逾期天数",
    bucket: "账龄段",
    level: "催收级别",
    actBy: "最迟催收日",
    hold: "暂停催收",
    salesperson: "业务员",
    file: "文件",
    sheet: "工作表",
    row: "行",
    column: "列",
    severity: "级别",
    message: "说明",
    rows: "读取 / 导入 / 跳过 / 未导入 行数",
    yes: "是",
    disputed: "有争议",
    promise: "已承诺付款",
  },
} as const;

export function reportSpecs(imported: ImportResult, a: Analysis, locale: Locale): SheetSpec[] {
  const t = T[locale];
  const { ledger } = a;
  const labels = reportBucketLabels(a, locale);
  const cur = ledger.currencies;
  const names: string[] = [];
  const named = (n: string) => {
    const name = sheetName(n, names);
    names.push(name);
    return name;
  };

  // Summary
  const summaryHead = tableHeader(
    [t.currency, t.outstanding, t.overdue, t.overdueRate, ...labels],
    [10, 16, 16, 12, ...labels.map(() => 16)],
  );
  summaryHead.widths[0] = Math.max(summaryHead.widths[0], 12);
  const summary: SpecRow[] = [
    [{ value: t.title, bold: true }],
    // The figures in column D: the labels before them overflow into the empty B and C.
    [t.asOf, null, null, dateCell(a.asOf)],
    [
      t.rows,
      null,
      null,
      `${imported.rows.read} / ${imported.rows.imported} / ${imported.rows.skipped} / ${imported.rows.rejected}`,
    ],
    [],
    summaryHead.cells,
  ];
  for (const total of a.totals) {
    const d = minorDigits(cur[total.currency]);
    summary.push([
      cur[total.currency] ?? "",
      moneyCell(total.outstanding, d),
      moneyCell(total.overdue, d),
      // on gross receivables (overdue + not yet due): credits never push it above 100%
      rateCell(overdueRate(total)),
      ...total.buckets.map((m) => moneyCell(m, d)),
    ]);
  }

  // Aging by customer
  const agingHead = tableHeader(
    [
      t.customer,
      t.name,
      t.currency,
      t.outstanding,
      ...labels,
      t.overdue,
      t.limit,
      t.headroom,
      t.overLimit,
      t.salesperson,
    ],
    [
      10,
      fitWidth(
        a.customers.map((g) => ledger.customers[g.customer].name ?? ""),
        16,
        40,
      ),
      8,
      15,
      ...labels.map(() => 14),
      15,
      15,
      15,
      8,
      10,
    ],
  );
  const aging: SpecRow[] = [agingHead.cells];
  for (const g of a.customers) {
    const c = ledger.customers[g.customer];
    const d = minorDigits(cur[g.currency]);
    aging.push([
      c.code,
      c.name,
      cur[g.currency] ?? "",
      moneyCell(g.outstanding, d),
      ...g.buckets.map((m) => moneyCell(m, d)),
      moneyCell(g.overdue, d),
      g.creditLimit === null ? null : moneyCell(g.creditLimit, d),
      g.headroom === null ? null : moneyCell(g.headroom, d),
      g.overLimit ? t.yes : null,
      c.salesperson >= 0 ? ledger.salespeople[c.salesperson] : null,
    ]);
  }

  // Open items
  const it = ledger.items;
  const r = a.items;
  const itemsHead = tableHeader(
    [
      t.invoice,
      t.customer,
      t.currency,
      t.invoiceDate,
      t.due,
      t.amount,
      t.outstanding,
      t.daysOverdue,
      t.bucket,
      t.level,
      t.actBy,
      t.hold,
    ],
    [
      fitWidth(
        Array.from(it.ref, (ref) => ref ?? ""),
        12,
        24,
      ),
      10,
      8,
      12,
      12,
      14,
      14,
      8,
      fitWidth(labels, 10, 20),
      8,
      12,
      fitWidth([t.disputed, t.promise], 10, 20),
    ],
  );
  const items: SpecRow[] = [itemsHead.cells];
  for (let i = 0; i < it.length; i++) {
    if (r.status[i] !== ItemStatus.open) continue;
    const d = minorDigits(cur[it.currency[i]]);
    items.push([
      it.ref[i],
      ledger.customers[it.customer[i]].code,
      cur[it.currency[i]] ?? "",
      dateCell(it.invoiceDate[i]),
      dateCell(r.due[i]),
      moneyCell(it.amount[i], d),
      moneyCell(r.outstanding[i], d),
      r.daysOverdue[i],
      // Centred, so the days figure (right-aligned) and the label never touch.
      { value: labels[r.bucket[i]], align: "center" },
      r.level[i],
      dateCell(r.actBy[i]),
      // Centred, clear of the date before it.
      r.hold[i] === 1 || r.hold[i] === 2
        ? { value: r.hold[i] === 1 ? t.disputed : t.promise, align: "center" }
        : null,
    ]);
  }

  const problemsHead = tableHeader(
    [t.file, t.sheet, t.row, t.column, t.severity, t.message],
    [
      fitWidth(
        imported.problems.map((p) => fileName(p.source?.file ?? "")),
        10,
        30,
      ),
      12,
      6,
      12,
      8,
      60,
    ],
  );
  const problems: SpecRow[] = [problemsHead.cells];
  for (const p of imported.problems) {
    problems.push([
      p.source?.file ? fileName(p.source.file) : null,
      p.source?.sheet ?? null,
      p.source?.row ?? null,
      p.column,
      severityLabel(p.severity, locale),
      { value: problemMessage(p, locale), wrap: true, valign: "top" },
    ]);
  }

  const title = (sheet: string) => `${t.title} · ${sheet}`;
  return [
    {
      name: named(t.summary),
      rows: summary,
      widths: summaryHead.widths,
      heights: [undefined, undefined, undefined, undefined, summaryHead.height],
      print: tablePrint(locale, title(t.summary), summaryHead.widths, [5, 5]),
    },
    {
      name: named(t.aging),
      rows: aging,
      widths: agingHead.widths,
      heights: [agingHead.height],
      freeze: { rows: 1, columns: 2 },
      print: tablePrint(locale, title(t.aging), agingHead.widths, [1, 1]),
    },
    {
      name: named(t.items),
      rows: items,
      widths: itemsHead.widths,
      heights: [itemsHead.height],
      freeze: { rows: 1, columns: 1 },
      print: tablePrint(locale, title(t.items), itemsHead.widths, [1, 1]),
    },
    {
      name: named(t.problems),
      rows: problems,
      widths: problemsHead.widths,
      heights: [problemsHead.height],
      freeze: { rows: 1, columns: 0 },
      // Landscape and one page wide: a problem's place and its message print side by side.
      print: tablePrint(locale, title(t.problems), problemsHead.widths, [1, 1], {
        orientation: "landscape",
      }),
    },
  ];
}

/** `2026-06-30`, for titles. */
export function asOfText(a: Analysis): string {
  return isoFromSerial(a.asOf);
}

const rateCell = (r: number | null) => (r === null ? null : { value: r, format: "0.0%" });
