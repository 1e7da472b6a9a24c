/**
 * The salesperson scorecard for a period [from, to] (DESIGN §1, "Accountability"): for each
 * salesperson and currency, the KPIs of DESIGN §3 computed by kpi.ts itself on that
 * salesperson's part of the ledger:
 *
 * - collection rate for the period (`collectionRate`);
 * - overdue rate at the period end (`overdueRate` of the position at `to`);
 * - DSO and countback DSO at `to`, best possible DSO and average days delinquent (`dso`);
 * - CEI for the period (`cei`).
 *
 * A salesperson's part of the ledger: the items that are theirs (the row's salesperson, else the
 * customer's), the payments naming those items, and the payments naming no invoice of customers
 * whose home is theirs (the customer list's salesperson, else the salesperson of the customer's
 * first item). Items with no salesperson form a group of their own (`salesperson` -1). Each part
 * is analysed once, so the whole scorecard costs about two analyses of the ledger.
 */
import { analyze } from "../analyze";
import type { Serial } from "../dates";
import { cei, collectionRate, dso, overdueRate } from "../kpi";
import type { Ledger } from "../ledger";
import type { Minor } from "../money";
import { DEFAULT_POLICY, type Policy } from "../policy";

export interface ScorecardRow {
  salesperson: number;
  currency: number;
  /** Outstanding and overdue at `to`. */
  outstanding: Minor;
  overdue: Minor;
  overdueRate: number | null;
  /** Collections in the period and the amount due they are measured against. */
  collected: Minor;
  due: Minor;
  collectionRate: number | null;
  dso: number | null;
  countbackDso: number | null;
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
  cei: number | null;
}

export interface ScorecardOptions {
  policy: Policy;
  /** N of DSO: credit sales of the last N days. */
  dsoDays: number;
}

/** The scorecard of every salesperson (and of items with none) for [from, to]. */
export function salespersonScorecard(
  ledger: Ledger,
  from: Serial,
  to: Serial,
  options: Partial<ScorecardOptions> = {},
): ScorecardRow[] {
  if (!(from <= to)) throw new RangeError("salespersonScorecard: `from` must not be after `to`");
  const policy = options.policy ?? DEFAULT_POLICY;
  const days = options.dsoDays ?? 90;
  const parts = splitBySalesperson(ledger);
  const out: ScorecardRow[] = [];
  for (const { salesperson, ledger: part } of parts) {
    const a = analyze(part, to, policy);
    const rates = collectionRate(part, from, to);
    const d = dso(a, days);
    const c = cei(part, from, to);
    const currencies = new Set<number>([
      ...a.totals.map((t) => t.currency),
      ...rates.map((r) => r.currency),
      ...c.map((x) => x.currency),
    ]);
    for (const currency of [...currencies].sort((x, y) => x - y)) {
      const t = a.totals.find((x) => x.currency === currency);
      const r = rates.find((x) => x.currency === currency);
      const k = d.find((x) => x.currency === currency);
      const e = c.find((x) => x.currency === currency);
      out.push({
        salesperson,
        currency,
        outstanding: t?.outstanding ?? 0,
        overdue: t?.overdue ?? 0,
        overdueRate: t ? overdueRate(t) : null,
        collected: r?.collected ?? 0,
        due: r?.due ?? 0,
        collectionRate: r?.rate ?? null,
        dso: k?.dso ?? null,
        countbackDso: k?.countback ?? null,
        bestPossibleDso: k?.bestPossible ?? null,
        averageDaysDelinquent: k?.add ?? null,
        cei: e?.cei ?? null,
      });
    }
  }
  return out;
}

/** The ledger cut into one part per salesperson (see the module comment), in salesperson order. */
export function splitBySalesperson(ledger: Ledger): { salesperson: number; ledger: Ledger }[] {
  const it = ledger.items;
  const p = ledger.payments;
  const customers = ledger.customers;
  const groups = ledger.salespeople.length + 1; // group 0: none
  const itemGroup = new Int32Array(it.length);
  const home = new Int32Array(customers.length).fill(-1);
  for (const c of customers) if (c.salesperson >= 0) home[c.index] = c.salesperson + 1;
  for (let i = 0; i < it.length; i++) {
    const sp = it.salesperson[i] >= 0 ? it.salesperson[i] : customers[it.customer[i]].salesperson;
    itemGroup[i] = sp + 1;
    if (home[it.customer[i]] < 0) home[it.customer[i]] = sp + 1;
  }
  const paymentGroup = new Int32Array(p.length);
  for (let j = 0; j < p.length; j++) {
    const target = p.item[j];
    paymentGroup[j] =
      target >= 0 ? itemGroup[target] : p.customer[j] >= 0 ? Math.max(0, home[p.customer[j]]) : 0;
  }
  const items: number[][] = Array.from({ length: groups }, () => []);
  const payments: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < it.length; i++) items[itemGroup[i]].push(i);
  for (let j = 0; j < p.length; j++) payments[paymentGroup[j]].push(j);
  const out: { salesperson: number; ledger: Ledger }[] = [];
  for (let g = 0; g < groups; g++) {
    if (items[g].length === 0 && payments[g].length === 0) continue;
    out.push({ salesperson: g - 1, ledger: subLedger(ledger, items[g], payments[g]) });
  }
  return out;
}

/** A ledger of some items and payments of `ledger` (payments' item references renumbered). */
export function subLedger(ledger: Ledger, items: number[], payments: number[]): Ledger {
  const it = ledger.items;
  const p = ledger.payments;
  const newIndex = new Map<number, number>();
  items.forEach((i, k) => newIndex.set(i, k));
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(col: T, rows: number[]): T => {
    const out = new (col.constructor as new (n: number) => T)(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]];
    return out;
  };
  const pickList = <T>(col: T[], rows: number[]): T[] => rows.map((r) => col[r]);
  const paymentItem = new Int32Array(payments.length);
  payments.forEach(
    (j, k) => (paymentItem[k] = p.item[j] >= 0 ? (newIndex.get(p.item[j]) ?? -1) : -1),
  );
  return {
    items: {
      length: items.length,
      ref: pickList(it.ref, items),
      customer: pick(it.customer, items),
      currency: pick(it.currency, items),
      invoiceDate: pick(it.invoiceDate, items),
      dueDate: pick(it.dueDate, items),
      termDays: pick(it.termDays, items),
      termMonthEnd: pick(it.termMonthEnd, items),
      amount: pick(it.amount, items),
      paid: pick(it.paid, items),
      settledDate: pick(it.settledDate, items),
      promiseDate: pick(it.promiseDate, items),
      flags: pick(it.flags, items),
      salesperson: pick(it.salesperson, items),
      contract: pickList(it.contract, items),
      note: pickList(it.note, items),
      sourceIndex: pick(it.sourceIndex, items),
      sourceRow: pick(it.sourceRow, items),
    },
    payments: {
      length: payments.length,
      ref: pickList(p.ref, payments),
      item: paymentItem,
      customer: pick(p.customer, payments),
      currency: pick(p.currency, payments),
      date: pick(p.date, payments),
      amount: pick(p.amount, payments),
      sourceIndex: pick(p.sourceIndex, payments),
      sourceRow: pick(p.sourceRow, payments),
    },
    customers: ledger.customers,
    salespeople: ledger.salespeople,
    currencies: ledger.currencies,
    sources: ledger.sources,
  };
}
