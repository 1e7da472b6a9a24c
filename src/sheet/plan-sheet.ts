/**
 * The collection plan (催收计划) as a sheet: every open item's next action, its date and owner,
 * sorted by date, with a filter on the header row so a collector can pick their own day's list.
 */
import { collectionPlan } from "../core/documents";
import type { Locale } from "../core/messages";
import type { GenerateOptions } from "./documents";
import { dateCell, header, LANDSCAPE_TABLE, moneyCell, type SheetSpec, type SpecRow } from "./spec";

const T = {
  "zh-CN": {
    sheet: "催收计划",
    title: "应收账款催收计划",
    asOf: "基准日",
    head: [
      "计划日期",
      "催收动作",
      "已逾期未办",
      "负责人",
      "客户编码",
      "客户名称",
      "单据编号",
      "到期日",
      "最迟催收日",
      "未收金额",
      "币种",
      "逾期天数",
      "当前级别",
      "承诺付款日",
      "承诺已违约",
    ],
    yes: "是",
  },
  "en-US": {
    sheet: "Collection plan",
    title: "Collection plan",
    asOf: "As of",
    head: [
      "Date",
      "Action",
      "Late",
      "Owner",
      "Customer",
      "Name",
      "Document",
      "Due date",
      "Act by",
      "Outstanding",
      "Currency",
      "Days overdue",
      "Level",
      "Promised for",
      "Promise broken",
    ],
    yes: "yes",
  },
} as const;

export function planSpec(
  options: GenerateOptions,
  wanted: (customer: number) => boolean,
): SheetSpec {
  const L = T[options.locale as Locale];
  const plan = collectionPlan(options.analysis, {
    locale: options.locale,
    done: options.done,
  }).filter((r) => wanted(r.customerIndex));
  const rows: SpecRow[] = [
    [{ value: L.title, bold: true, size: 14 }],
    [{ value: L.asOf, bold: true }, dateCell(options.analysis.asOf)],
    L.head.map(header),
  ];
  for (const r of plan) {
    rows.push([
      r.actionDate === null ? null : dateCell(r.actionDate),
      r.actionLabel,
      r.overdueAction ? { value: L.yes, color: "C00000", bold: true } : null,
      r.owner ?? "",
      r.customerCode,
      r.customerName,
      r.invoice ?? "",
      dateCell(r.dueDate),
      dateCell(r.actBy),
      moneyCell(r.outstanding, r.digits),
      r.currency ?? "",
      r.daysOverdue,
      r.level,
      r.promiseDate ? dateCell(r.promiseDate) : null,
      r.brokenPromise ? { value: L.yes, color: "C00000", bold: true } : null,
    ]);
  }
  const last = rows.length;
  return {
    name: L.sheet,
    widths: [12, 16, 8, 10, 10, 28, 16, 12, 12, 14, 6, 8, 6, 12, 8],
    rows,
    freeze: { rows: 3, columns: 0 },
    autoFilter: `A3:O${last}`,
    print: { ...LANDSCAPE_TABLE, titleRows: [3, 3] },
  };
}
