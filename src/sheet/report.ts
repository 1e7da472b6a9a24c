/**
 * The analysis report as SheetSpecs: a summary per currency, aging by customer, the open items
 * and the problems. Used by `analyze --out` and the demo; the task pane renders the same specs.
 */
import type { Analysis } from "../core/analyze";
import { isoFromSerial } from "../core/dates";
import { problemMessage, type Locale } from "../core/messages";
import { overdueRate } from "../core/kpi";
import { minorDigits } from "../core/money";
import { ItemStatus } from "../core/position";
import { reportBucketLabels } from "./aging-report";
import type { ImportResult } from "./import";
import {
  dateCell,
  header,
  LANDSCAPE_TABLE,
  moneyCell,
  sheetName,
  type SheetSpec,
  type SpecRow,
} from "./spec";

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
  const summary: SpecRow[] = [
    [{ value: t.title, bold: true }],
    [t.asOf, dateCell(a.asOf)],
    [
      t.rows,
      `${imported.rows.read} / ${imported.rows.imported} / ${imported.rows.skipped} / ${imported.rows.rejected}`,
    ],
    [],
    [t.currency, t.outstanding, t.overdue, t.overdueRate, ...labels].map(header),
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
  const aging: SpecRow[] = [
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
    ].map(header),
  ];
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
  const items: SpecRow[] = [
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
    ].map(header),
  ];
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
      labels[r.bucket[i]],
      r.level[i],
      dateCell(r.actBy[i]),
      r.hold[i] === 1 ? t.disputed : r.hold[i] === 2 ? t.promise : null,
    ]);
  }

  const problems: SpecRow[] = [
    [t.file, t.sheet, t.row, t.column, t.severity, t.message].map(header),
  ];
  for (const p of imported.problems) {
    problems.push([
      p.source?.file ?? null,
      p.source?.sheet ?? null,
      p.source?.row ?? null,
      p.column,
      p.severity,
      problemMessage(p, locale),
    ]);
  }

  return [
    { name: named(t.summary), rows: summary, widths: [28, 18, 18, 12, ...labels.map(() => 16)] },
    {
      name: named(t.aging),
      rows: aging,
      widths: [12, 30, 8, 16, ...labels.map(() => 14), 16, 16, 16, 8, 10],
      freeze: { rows: 1, columns: 2 },
      print: LANDSCAPE_TABLE,
    },
    {
      name: named(t.items),
      rows: items,
      widths: [14, 12, 8, 12, 12, 14, 14, 10, 10, 8, 12, 12],
      freeze: { rows: 1, columns: 1 },
      print: LANDSCAPE_TABLE,
    },
    {
      name: named(t.problems),
      rows: problems,
      widths: [24, 14, 8, 14, 10, 80],
      freeze: { rows: 1, columns: 0 },
    },
  ];
}

/** `2026-06-30`, for titles. */
export function asOfText(a: Analysis): string {
  return isoFromSerial(a.asOf);
}

const rateCell = (r: number | null) => (r === null ? null : { value: r, format: "0.0%" });
