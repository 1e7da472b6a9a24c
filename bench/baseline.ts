/**
 * The peer "written the obvious way": each row parsed into an object with JavaScript `Date`s
 * through date-fns, days counted with `differenceInCalendarDays`, money summed as floating-point
 * major units, totals in a Map of objects per customer. It reads the same grid ar-desk's import
 * gets, and handles the same dirty cells (text amounts and dates), so the two must agree on
 * every total to the cent; the bench checks that they do.
 */
import { addDays, differenceInCalendarDays, isValid, parse } from "date-fns";
import type { CellValue } from "../src/sheet/grid";

export interface Invoice {
  ref: string;
  customer: string;
  currency: string;
  invoiceDate: Date;
  dueDate: Date;
  amount: number;
  paid: number | null;
  settledDate: Date | null;
}

export interface BaselineTotals {
  outstanding: number;
  overdue: number;
  /** current, 1-30, 31-60, 61-90, 91+ */
  buckets: number[];
}

export interface BaselineResult {
  invoices: number;
  /** Keyed `customer code + "|" + currency text`. */
  customers: Map<string, BaselineTotals>;
  /** Keyed by currency text. */
  totals: Map<string, BaselineTotals>;
}

/** Excel's day 0, so that day n is `addDays(EXCEL_EPOCH, n)` (for serials after 1900-03-01). */
const EXCEL_EPOCH = new Date(1899, 11, 30);
const DATE_FORMATS = ["yyyy-MM-dd", "yyyy/M/d", "yyyy年M月d日", "yyyyMMdd"];
const THRESHOLDS = [30, 60, 90];

function toDate(v: CellValue | undefined): Date | null {
  if (typeof v === "number") return addDays(EXCEL_EPOCH, Math.floor(v));
  if (typeof v === "string" && v.trim() !== "") {
    for (const format of DATE_FORMATS) {
      const d = parse(v.trim(), format, EXCEL_EPOCH);
      if (isValid(d)) return d;
    }
  }
  return null;
}

function toNumber(v: CellValue | undefined): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return parseFloat(v.replace(/[¥￥,元\s]/g, ""));
  return NaN;
}

const empty = (): BaselineTotals => ({ outstanding: 0, overdue: 0, buckets: [0, 0, 0, 0, 0] });

/** Every row that has a customer, an amount and a date, as an object. The header is row 1. */
export function baselineParse(rows: CellValue[][]): Invoice[] {
  const header = rows[0].map((h) => String(h ?? "").trim());
  const col = (name: string) => header.indexOf(name);
  const c = {
    ref: col("单据编号"),
    customer: col("客户编码"),
    invoiceDate: col("业务日期"),
    dueDate: col("到期日"),
    currency: col("币种"),
    amount: col("价税合计"),
    paid: col("已收金额"),
    settled: col("结清日期"),
  };
  const invoices: Invoice[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const customer = String(row[c.customer] ?? "").trim();
    const amount = toNumber(row[c.amount]);
    const invoiceDate = toDate(row[c.invoiceDate]);
    if (!customer || !Number.isFinite(amount) || !invoiceDate) continue;
    const paid = toNumber(row[c.paid]);
    invoices.push({
      ref: String(row[c.ref] ?? ""),
      customer,
      currency: String(row[c.currency] ?? ""),
      invoiceDate,
      dueDate: toDate(row[c.dueDate]) ?? invoiceDate,
      amount,
      paid: Number.isFinite(paid) ? paid : null,
      settledDate: toDate(row[c.settled]),
    });
  }
  return invoices;
}

/** Aging by due date as of `asOf`, the obvious way: per-customer objects in a Map. */
export function baselineAging(invoices: Invoice[], asOf: Date): BaselineResult {
  const customers = new Map<string, BaselineTotals>();
  const totals = new Map<string, BaselineTotals>();
  for (const inv of invoices) {
    if (inv.invoiceDate > asOf) continue;
    let received = 0;
    if (inv.settledDate === null || inv.settledDate <= asOf) {
      received = inv.paid ?? (inv.settledDate ? inv.amount : 0);
    }
    const outstanding = inv.amount - received;
    if (outstanding === 0) continue;
    const days = differenceInCalendarDays(asOf, inv.dueDate);
    let bucket = 0;
    if (days > 0) {
      bucket = THRESHOLDS.length + 1;
      for (let b = 0; b < THRESHOLDS.length; b++) {
        if (days <= THRESHOLDS[b]) {
          bucket = b + 1;
          break;
        }
      }
    }
    const key = `${inv.customer}|${inv.currency}`;
    let cust = customers.get(key);
    if (!cust) customers.set(key, (cust = empty()));
    let total = totals.get(inv.currency);
    if (!total) totals.set(inv.currency, (total = empty()));
    for (const t of [cust, total]) {
      t.outstanding += outstanding;
      t.buckets[bucket] += outstanding;
      if (outstanding > 0 && days > 0) t.overdue += outstanding;
    }
  }
  return { invoices: invoices.length, customers, totals };
}
