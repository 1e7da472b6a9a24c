/**
 * The salesperson scorecard (业务员回款考核) as a sheet: per salesperson and currency, the
 * period's collection rate, outstanding and overdue at its end, overdue rate, DSO (simple and
 * countback), average days delinquent and late, and customers over their limit.
 */
import { salespersonScorecard, type DocNumbers, type ScorecardRow } from "../core/documents";
import { monthStart } from "../core/kpi";
import type { Locale } from "../core/messages";
import type { GenerateOptions } from "./document-options";
import {
  dateCell,
  moneyCell,
  tableHeader,
  tablePrint,
  type SheetSpec,
  type SpecCell,
  type SpecRow,
} from "./spec";

const T = {
  "zh-CN": {
    sheet: "业务员考核",
    title: "业务员应收账款考核表",
    period: "考核期间",
    to: "至",
    docNo: "编号",
    none: "（未指定业务员）",
    total: "合计",
    head: [
      "业务员",
      "币种",
      "客户数",
      "应收余额",
      "逾期金额",
      "逾期率",
      "本期应收回",
      "本期已回款",
      "回款率",
      "DSO（天）",
      "倒推DSO（天）",
      "平均拖欠天数",
      "平均迟付天数",
      "加权迟付天数",
      "CEI（%）",
      "超额度客户",
    ],
  },
  "en-US": {
    sheet: "Scorecard",
    title: "Salesperson scorecard",
    period: "Period",
    to: "to",
    docNo: "No.",
    none: "(no salesperson)",
    total: "Total",
    head: [
      "Salesperson",
      "Currency",
      "Customers",
      "Outstanding",
      "Overdue",
      "Overdue rate",
      "Due in period",
      "Collected",
      "Collection rate",
      "DSO (days)",
      "Countback DSO",
      "Avg days delinquent",
      "Avg days late",
      "Weighted days late",
      "CEI (%)",
      "Over limit",
    ],
  },
} as const;

const PCT = "0.0%";
const DAYS = "0.0";

function num(v: number | null, format: string): SpecCell | null {
  return v === null || !Number.isFinite(v) ? null : { value: v, format };
}

export function scorecardSpec(options: GenerateOptions, numbers: DocNumbers): SheetSpec {
  const L = T[options.locale as Locale];
  const a = options.analysis;
  const to = options.period?.to ?? a.asOf;
  const from = options.period?.from ?? monthStart(to);
  const card = salespersonScorecard(a, from, to, { numbers, issueDate: options.issueDate });
  const line = (r: ScorecardRow, name: string, bold = false): SpecRow =>
    [
      { value: name, bold },
      r.currency ?? "",
      r.customers,
      moneyCell(r.outstanding, r.digits),
      moneyCell(r.overdue, r.digits),
      num(r.overdueRate, PCT),
      moneyCell(r.dueInPeriod, r.digits),
      moneyCell(r.collected, r.digits),
      num(r.collectionRate, PCT),
      num(r.dso, DAYS),
      num(r.countbackDso, DAYS),
      num(r.averageDaysDelinquent, DAYS),
      num(r.averageDaysLate, DAYS),
      num(r.weightedDaysLate, DAYS),
      num(r.cei, DAYS),
      r.customersOverLimit,
    ] as SpecRow;
  // A salesperson with no customer, nothing due and nothing collected in a currency has no
  // row in it: a line of zeros says nothing.
  const empty = (r: ScorecardRow) =>
    r.customers === 0 &&
    r.outstanding === 0 &&
    r.overdue === 0 &&
    r.dueInPeriod === 0 &&
    r.collected === 0;
  const head = tableHeader(L.head, [14, 6, 8, 16, 16, 9, 16, 16, 9, 9, 10, 10, 9, 9, 8, 8]);
  const rows: SpecRow[] = [
    [{ value: L.title, bold: true, size: 14 }],
    [
      { value: L.period, bold: true },
      null,
      null,
      dateCell(from),
      { value: L.to, align: "center" },
      null,
      dateCell(to),
    ],
    // The document number on its own line: beside the date it ran into it.
    [{ value: L.docNo, bold: true }, null, null, { value: card.docNo, align: "left" }],
    head.cells,
    ...card.rows.filter((r) => !empty(r)).map((r) => line(r, r.salesperson ?? L.none)),
    ...card.totals.map((r) => line(r, L.total, true)),
  ];
  return {
    name: L.sheet,
    widths: head.widths,
    rows,
    heights: [undefined, undefined, undefined, head.height],
    freeze: { rows: 4, columns: 1 },
    print: tablePrint(options.locale as Locale, L.title, head.widths, [4, 4]),
  };
}
