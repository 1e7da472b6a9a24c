/**
 * The aging report as native Excel formulas (issue 5): a data block of open items (and unapplied
 * cash) with days overdue and bucket computed by formulas from one as-of cell, and a summary by
 * customer and bucket made of SUMIFS over that block, per currency, with totals. Edit an amount,
 * a due date or the as-of date and the report follows; the cached results written with the
 * formulas are the engine's numbers, which a recalculating spreadsheet must reproduce.
 */
import { bucketOf, bucketTable, type Analysis } from "../core/analyze";
import { bucketHeading } from "../core/documents";
import { ItemStatus } from "../core/position";
import type { Locale } from "../core/messages";
import { minorDigits } from "../core/money";
import { columnLetters } from "./grid";
import {
  dateCell,
  fitWidth,
  header,
  tableHeader,
  tablePrint,
  type SheetSpec,
  type SpecCell,
  type SpecRow,
} from "./spec";

const T = {
  "zh-CN": {
    sheet: "账龄分析表",
    title: "应收账款账龄分析表",
    asOf: "基准日",
    basisDue: "按到期日计算账龄；逾期指逾期天数大于宽限天数",
    basisInvoice: "按开票日期计算账龄；逾期指逾期天数大于宽限天数",
    grace: "宽限天数",
    code: "客户编码",
    name: "客户名称",
    currency: "币种",
    total: "合计",
    credits: "贷项",
    tieOut:
      "每行：各账龄段（只含借方单据）+ 贷项（退货、未核销回款）= 合计；逾期金额只含逾期的借方单据",
    overdue: "逾期金额",
    grand: "总计",
    data: "明细数据（可编辑，汇总随之更新）",
    ref: "单据编号",
    invoiceDate: "业务日期",
    due: "到期日",
    outstanding: "未收金额",
    days: "逾期天数",
    age: "账龄天数",
    bucket: "账龄段",
    unapplied: "未核销回款",
  },
  "en-US": {
    sheet: "Aging report",
    title: "Receivables aging report",
    asOf: "As of",
    basisDue: "Aged from the due date; overdue means days overdue beyond the grace days",
    basisInvoice: "Aged from the invoice date; overdue means days overdue beyond the grace days",
    grace: "Grace days",
    code: "Customer",
    name: "Name",
    currency: "Currency",
    total: "Total",
    credits: "Credits",
    tieOut:
      "Each row: the buckets (debit items) + credits (returns, unapplied cash) = total; overdue counts overdue debit items",
    overdue: "Overdue",
    grand: "Grand total",
    data: "Data (editable: the summary follows)",
    ref: "Document",
    invoiceDate: "Invoice date",
    due: "Due date",
    outstanding: "Outstanding",
    days: "Days overdue",
    age: "Age (days)",
    bucket: "Bucket",
    unapplied: "Unapplied cash",
  },
} as const;

const MONEY = ["#,##0;[Red]-#,##0", "#,##0.00;[Red]-#,##0.00"];

/** Bucket labels as the report prints them (and as its formulas compare them). */
export function reportBucketLabels(a: Analysis, locale: Locale): string[] {
  return a.labels.map((l) => bucketHeading(l, locale));
}

/** The IF chain giving an age's bucket label: the formula twin of analyze's bucketOf. */
export function bucketFormula(ageRef: string, a: Analysis, labels: string[]): string {
  const t = a.policy.thresholds;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const conds: [string, string][] = [];
  let k = 0;
  if (a.policy.basis === "due") conds.push([`${ageRef}<=0`, labels[k++]]);
  for (const limit of t) conds.push([`${ageRef}<=${limit}`, labels[k++]]);
  let f = q(labels[k]);
  for (let i = conds.length - 1; i >= 0; i--) f = `IF(${conds[i][0]},${q(conds[i][1])},${f})`;
  return f;
}

export function agingReportSpec(a: Analysis, locale: Locale): SheetSpec {
  const L = T[locale];
  const ledger = a.ledger;
  const labels = reportBucketLabels(a, locale);
  const nb = labels.length;
  const it = ledger.items;
  const rows: SpecRow[] = [];
  const merges: string[] = [];

  // The data block, right of the summary: A..(3+nb+2) summary, one gap column, then data.
  const sumCols = 3 + nb + 3; // code, name, currency, buckets…, credits, total, overdue
  const d0 = sumCols + 1; // 0-based first data column
  const col = (k: number) => columnLetters(d0 + k);
  const [cCode, cCur, , cInv, cDue, cOut, cDays, cAge, cBucket] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(
    col,
  );

  interface DataRow {
    code: string;
    currency: string;
    ref: string | null;
    invoiceDate: number;
    due: number;
    outstanding: number;
    digits: number;
    /** Unapplied cash: always in the credits column, whatever its sign (as analyze counts it). */
    cash: boolean;
  }
  const data: DataRow[] = [];
  for (let i = 0; i < it.length; i++) {
    if (a.position.status[i] !== ItemStatus.open || a.items.outstanding[i] === 0) continue;
    const currency = ledger.currencies[it.currency[i]];
    data.push({
      code: ledger.customers[it.customer[i]].code,
      currency: currency ?? "",
      ref: it.ref[i],
      invoiceDate: it.invoiceDate[i],
      due: a.items.due[i],
      outstanding: a.items.outstanding[i],
      digits: minorDigits(currency),
      cash: false,
    });
  }
  for (const cash of a.position.unapplied) {
    const currency = ledger.currencies[cash.currency];
    const date = cash.date || a.asOf;
    data.push({
      code: ledger.customers[cash.customer].code,
      currency: currency ?? "",
      ref: `${L.unapplied} ${ledger.payments.ref[cash.payment] ?? ""}`.trim(),
      invoiceDate: date,
      due: date,
      outstanding: cash.amount,
      digits: minorDigits(currency),
      cash: true,
    });
  }
  const first = 6; // first data row (1-based), below the data header in row 5
  const last = Math.max(first, first + data.length - 1);
  const rng = (c: string) => `$${c}$${first}:$${c}$${last}`;

  const setRow = (r: number, c: number, cell: SpecCell | null) => {
    while (rows.length < r) rows.push([]);
    const row = rows[r - 1];
    while (row.length < c) row.push(null);
    row[c - 1] = cell;
  };

  // Head: title, as-of cell (B2), grace (B3), basis note.
  setRow(1, 1, { value: L.title, bold: true, size: 14 });
  merges.push(`A1:${columnLetters(sumCols - 1)}1`);
  setRow(2, 1, { value: L.asOf, bold: true });
  // Centred: a right-aligned figure would run into the note beside it.
  setRow(2, 2, { value: { date: a.asOf }, format: "yyyy-mm-dd", fill: "FFF2CC", align: "center" });
  setRow(3, 1, { value: L.grace, bold: true });
  setRow(3, 2, { value: a.policy.graceDays, fill: "FFF2CC", align: "center" });
  setRow(2, 3, { value: a.policy.basis === "due" ? L.basisDue : L.basisInvoice, italic: true });
  setRow(3, 3, { value: L.tieOut, italic: true });

  // What the summary's formulas give, for their cached results: per customer and currency, the
  // debit items by bucket and the credits (negative items: returns, unapplied cash) apart.
  const table = bucketTable(a.policy);
  const sums = new Map<string, { buckets: number[]; credits: number }>();
  const sumOf = (code: string, currency: string) => {
    const key = `${code}\u0000${currency}`;
    let v = sums.get(key);
    if (!v) sums.set(key, (v = { buckets: labels.map(() => 0), credits: 0 }));
    return v;
  };
  for (const row of data) {
    const v = sumOf(row.code, row.currency);
    const age = a.asOf - (a.policy.basis === "due" ? row.due : row.invoiceDate);
    if (row.outstanding < 0 || row.cash) v.credits += row.outstanding;
    else v.buckets[bucketOf(table, age)] += row.outstanding;
  }

  // Data header and rows.
  setRow(4, d0 + 1, { value: L.data, bold: true });
  const dataHead = [
    L.code,
    L.currency,
    L.ref,
    L.invoiceDate,
    L.due,
    L.outstanding,
    L.days,
    L.age,
    L.bucket,
  ];
  dataHead.forEach((h, k) => setRow(5, d0 + k + 1, header(h)));
  const basisCol = a.policy.basis === "due" ? cDue : cInv;
  data.forEach((row, k) => {
    const r = first + k;
    const days = a.asOf - row.due;
    const age = a.asOf - (a.policy.basis === "due" ? row.due : row.invoiceDate);
    setRow(r, d0 + 1, { value: row.code });
    setRow(r, d0 + 2, { value: row.currency });
    setRow(r, d0 + 3, { value: row.ref ?? "" });
    setRow(r, d0 + 4, dateCell(row.invoiceDate) ?? { value: null });
    setRow(r, d0 + 5, dateCell(row.due) ?? { value: null });
    setRow(r, d0 + 6, {
      value: row.outstanding / 10 ** row.digits,
      format: MONEY[row.digits === 0 ? 0 : 1],
    });
    setRow(r, d0 + 7, { value: { formula: `$B$2-${cDue}${r}`, result: days } });
    setRow(r, d0 + 8, { value: { formula: `$B$2-${basisCol}${r}`, result: age } });
    // Unapplied cash is a credit whatever its sign (a refund paid beyond the credits is a
    // positive one): its "bucket" is the credits column's heading, so no bucket formula and no
    // overdue figure counts it, as analyze does not.
    setRow(
      r,
      d0 + 9,
      row.cash
        ? { value: L.credits }
        : {
            value: {
              formula: bucketFormula(`${cAge}${r}`, a, labels),
              result: labels[bucketOf(table, age)],
            },
          },
    );
  });

  // Summary per currency: header, one row per customer, a total row.
  const nameWidth = fitWidth(
    a.customers.map((g) => ledger.customers[g.customer].name ?? ""),
    16,
    40,
  );
  const sumHead = tableHeader(
    [L.code, L.name, L.currency, ...labels, L.credits, L.total, L.overdue],
    [12, nameWidth, 8, ...labels.map(() => 14), 14, 15, 15],
  );
  const sumWidths = sumHead.widths;
  const heights: (number | undefined)[] = [];
  let r = 5;
  const currencies = [...new Set(a.customers.map((g) => g.currency))].sort((x, y) => x - y);
  const grandRows: number[] = [];
  for (const cur of currencies) {
    const currency = ledger.currencies[cur] ?? "";
    const digits = minorDigits(ledger.currencies[cur]);
    const fmt = MONEY[digits === 0 ? 0 : 1];
    sumHead.cells.forEach((cell, k) => setRow(r, k + 1, cell));
    heights[r - 1] = sumHead.height;
    const headRow = r;
    const groups = a.customers.filter(
      (g) => g.currency === cur && (g.openItems > 0 || g.outstanding !== 0),
    );
    const top = r + 1;
    const colSums = labels.map(() => 0).concat([0, 0, 0]);
    const colResult = (row: number, c: number) => {
      const cell = rows[row - 1][c - 1] as SpecCell;
      return (cell.value as { result: number }).result;
    };
    for (const g of groups) {
      r++;
      const cu = ledger.customers[g.customer];
      setRow(r, 1, { value: cu.code });
      setRow(r, 2, { value: cu.name ?? "" });
      setRow(r, 3, { value: currency });
      const crit = `${rng(cCode)},$A${r},${rng(cCur)},$C${r}`;
      const v = sumOf(cu.code, currency);
      labels.forEach((_, b) => {
        const hc = `${columnLetters(3 + b)}$${headRow}`;
        setRow(r, 4 + b, {
          value: {
            formula: `SUMIFS(${rng(cOut)},${crit},${rng(cBucket)},${hc},${rng(cOut)},">0")`,
            result: v.buckets[b] / 10 ** digits,
          },
          format: fmt,
        });
      });
      const creditsHead = `${columnLetters(3 + nb)}$${headRow}`;
      setRow(r, 4 + nb, {
        value: {
          formula: `SUMIFS(${rng(cOut)},${crit},${rng(cOut)},"<0")+SUMIFS(${rng(cOut)},${crit},${rng(cBucket)},${creditsHead},${rng(cOut)},">0")`,
          result: v.credits / 10 ** digits,
        },
        format: fmt,
      });
      setRow(r, 5 + nb, {
        value: {
          formula: `SUM(D${r}:${columnLetters(3 + nb)}${r})`,
          result: g.outstanding / 10 ** digits,
        },
        format: fmt,
        bold: true,
      });
      setRow(r, 6 + nb, {
        value: {
          formula: `SUMIFS(${rng(cOut)},${crit},${rng(cDays)},">"&$B$3,${rng(cOut)},">0",${rng(cBucket)},"<>"&${creditsHead})`,
          result: g.overdue / 10 ** digits,
        },
        format: fmt,
      });
      for (let k = 0; k < nb + 3; k++) colSums[k] += colResult(r, 4 + k);
    }
    r++;
    setRow(r, 1, { value: L.grand, bold: true });
    setRow(r, 3, { value: currency, bold: true });
    for (let k = 0; k < nb + 3; k++) {
      const c = columnLetters(3 + k);
      setRow(r, 4 + k, {
        value: {
          formula: groups.length ? `SUM(${c}${top}:${c}${r - 1})` : "0",
          result: Math.round(colSums[k] * 10 ** digits) / 10 ** digits,
        },
        format: fmt,
        bold: true,
        border: { top: "thin", bottom: "double" },
      });
    }
    grandRows.push(r);
    r += 2;
  }

  const widths = [...sumWidths, 3, 12, 8, 16, 12, 12, 14, 10, 10, 12];
  return {
    name: L.sheet,
    widths,
    heights,
    rows,
    merges,
    // The first table's header repeats on every page (each currency's table has the same
    // columns); the data block right of the summary is not printed.
    print: tablePrint(locale, L.title, sumWidths, [5, 5], {
      area: `A1:${columnLetters(sumCols - 1)}${Math.max(r - 2, 1)}`,
    }),
  };
}
