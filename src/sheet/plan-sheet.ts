/**
 * The collection plan (催收计划) as a sheet: every open item's next action, its date and owner,
 * sorted by date, with a filter on the header row so a collector can pick their own day's list.
 */
import { collectionPlan } from "../core/documents";
import type { Locale } from "../core/messages";
import type { GenerateOptions } from "./document-options";
import {
  dateCell,
  fitWidth,
  moneyCell,
  tableHeader,
  tablePrint,
  type SheetSpec,
  type SpecRow,
} from "./spec";

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
  // The action and the name print whole: their columns fit the longest (the action wraps
  // beyond 40), and each header wraps between words only.
  const base = [12, 16, 8, 10, 10, 28, 16, 12, 12, 14, 6, 8, 6, 12, 8];
  base[1] = fitWidth(
    plan.map((r) => r.actionLabel),
    16,
    40,
  );
  base[5] = fitWidth(
    plan.map((r) => r.customerName),
    16,
    40,
  );
  const head = tableHeader(L.head, base);
  const rows: SpecRow[] = [
    [{ value: L.title, bold: true, size: 14 }],
    [{ value: L.asOf, bold: true }, dateCell(options.analysis.asOf)],
    head.cells,
  ];
  for (const r of plan) {
    rows.push([
      // Centred: a right-aligned date would run into the action beside it.
      r.actionDate === null ? null : { ...dateCell(r.actionDate)!, align: "center" },
      { value: r.actionLabel, wrap: true },
      r.overdueAction ? { value: L.yes, color: "C00000", bold: true, align: "center" } : null,
      r.owner ?? "",
      r.customerCode,
      r.customerName,
      r.invoice ?? "",
      dateCell(r.dueDate),
      dateCell(r.actBy),
      moneyCell(r.outstanding, r.digits),
      { value: r.currency ?? "", align: "center" },
      r.daysOverdue,
      r.level,
      r.promiseDate ? dateCell(r.promiseDate) : null,
      r.brokenPromise ? { value: L.yes, color: "C00000", bold: true, align: "center" } : null,
    ]);
  }
  const last = rows.length;
  return {
    name: L.sheet,
    widths: head.widths,
    heights: [undefined, undefined, head.height],
    rows,
    freeze: { rows: 3, columns: 0 },
    autoFilter: `A3:O${last}`,
    print: tablePrint(options.locale as Locale, L.title, head.widths, [3, 3]),
  };
}
