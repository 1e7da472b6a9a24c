/**
 * Collection KPIs and the bad-debt provision (DESIGN §3), per currency — money of different
 * currencies is never added. All amounts in minor units; rates as fractions (0.25 = 25 %).
 */
import type { Analysis } from "./analyze";
import { daysInMonth, serialFromYmd, ymdFromSerial, type Serial } from "./dates";
import type { Ledger } from "./ledger";
import type { Policy } from "./policy";
import { computePosition, effectiveDueDates, ItemStatus } from "./position";

/**
 * The overdue rate on its stated base: overdue ÷ gross receivables (overdue + not yet due,
 * before credit notes and unapplied cash), so it never exceeds 100% (issue 13: on net
 * outstanding, credits pushed it to 102%). Null when nothing positive is owed.
 */
export function overdueRate(t: { overdue: number; notDue: number }): number | null {
  const gross = t.overdue + t.notDue;
  return gross > 0 ? t.overdue / gross : null;
}

export interface CollectionRate {
  currency: number;
  /** Collections in the period applied to the items counted below. */
  collected: number;
  /** Amount due by the period end that was open at its start or issued in it. */
  due: number;
  rate: number | null;
}

/**
 * Whether any collection in the ledger carries a date: a settled date on an item row or a dated
 * payment. Without one no collection can be placed in a period, so a collection rate is unknown
 * (null), not 0 %: an export with paid amounts but no payment dates did collect.
 */
export function hasDatedCollections(ledger: Ledger): boolean {
  const it = ledger.items;
  for (let i = 0; i < it.length; i++) if (it.settledDate[i] > 0) return true;
  const p = ledger.payments;
  for (let k = 0; k < p.length; k++) if (p.date[k] > 0 && p.amount[k] !== 0) return true;
  return false;
}

/**
 * Collection rate (回款率) for the period [from, to]: collections in the period ÷ the amount
 * due by `to` that was open at the start (`from − 1`) or issued in the period. Only dated
 * collections count (an undated paid amount has no period); when the ledger has none at all
 * the rate is null (unknown), see `hasDatedCollections`.
 */
export function collectionRate(
  ledger: Ledger,
  from: Serial,
  to: Serial,
  include: (item: number) => boolean = () => true,
): CollectionRate[] {
  const it = ledger.items;
  const due = effectiveDueDates(ledger);
  const start = computePosition(ledger, from - 1);
  const end = computePosition(ledger, to);
  const nc = ledger.currencies.length;
  const dueSum = new Float64Array(nc);
  const collected = new Float64Array(nc);
  const counted = new Uint8Array(it.length);
  for (let i = 0; i < it.length; i++) {
    if (!include(i) || due[i] > to) continue;
    const inv = it.invoiceDate[i];
    let base = 0;
    if (inv < from && start.status[i] === ItemStatus.open) base = start.outstanding[i];
    else if (inv >= from && inv <= to) base = it.amount[i];
    if (base <= 0) continue;
    counted[i] = 1;
    dueSum[it.currency[i]] += base;
  }
  const apps = end.applications;
  for (let k = 0; k < apps.length; k++) {
    const i = apps.item[k];
    const date = apps.date[k];
    if (counted[i] && date >= from && date <= to) collected[it.currency[i]] += apps.amount[k];
  }
  const dated = hasDatedCollections(ledger);
  const out: CollectionRate[] = [];
  for (let c = 0; c < nc; c++) {
    if (dueSum[c] === 0 && collected[c] === 0) continue;
    out.push({
      currency: c,
      collected: collected[c],
      due: dueSum[c],
      rate: dated && dueSum[c] > 0 ? collected[c] / dueSum[c] : null,
    });
  }
  return out;
}

export interface Dso {
  currency: number;
  /** Receivables at the as-of date (net of credits and unapplied cash). */
  receivables: number;
  /** Of which not yet due (current). */
  current: number;
  /** Credit sales (invoices net of credit notes) of the last `days` days. */
  sales: number;
  days: number;
  /** receivables ÷ sales × days. */
  dso: number | null;
  /** current ÷ sales × days: the DSO if everyone paid on time. */
  bestPossible: number | null;
  /** Average days delinquent = DSO − best possible DSO. */
  add: number | null;
  /** Countback DSO: days of the most recent sales, month by month, that make up the receivables. */
  countback: number | null;
}

/** DSO, best possible DSO, ADD and countback DSO as of the analysis date, per currency. */
export function dso(a: Analysis, days = 90): Dso[] {
  const { ledger, asOf } = a;
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const sales = new Float64Array(nc);
  const current = new Float64Array(nc);
  const { invoiceDate, currency, amount } = it;
  const { status, daysOverdue, outstanding } = a.items;
  // The countback's monthly sales of every currency, in the same pass (one pass, not one per
  // currency); only when some currency has receivables to count back.
  const months = a.totals.some((t) => t.outstanding > 0) ? new CountbackMonths(asOf) : null;
  const monthly = new Float64Array(months ? nc * COUNTBACK_MONTHS : 0);
  for (let i = 0; i < it.length; i++) {
    const inv = invoiceDate[i];
    const c = currency[i];
    if (inv > asOf - days && inv <= asOf) sales[c] += amount[i];
    if (status[i] === OPEN && daysOverdue[i] <= 0) current[c] += outstanding[i];
    if (months !== null && inv !== 0 && inv <= asOf) {
      const k = months.back(inv);
      if (k < COUNTBACK_MONTHS) monthly[c * COUNTBACK_MONTHS + k] += amount[i];
    }
  }
  return a.totals.map((t) => {
    const c = t.currency;
    const ar = t.outstanding;
    const s = sales[c];
    const value = s > 0 ? (ar / s) * days : null;
    const best = s > 0 ? (current[c] / s) * days : null;
    return {
      currency: c,
      receivables: ar,
      current: current[c],
      sales: s,
      days,
      dso: value,
      bestPossible: best,
      add: value !== null && best !== null ? value - best : null,
      countback:
        ar <= 0
          ? null
          : countBack(monthly.subarray(c * COUNTBACK_MONTHS, (c + 1) * COUNTBACK_MONTHS), asOf, ar),
    };
  });
}

const OPEN = ItemStatus.open;

/** How far back the countback walks. */
const COUNTBACK_MONTHS = 36;

/**
 * Months back from the as-of date's month to a date's (0: the same month). The dates of a
 * ledger are a few hundred distinct days: each is looked up once, in a table by days back.
 */
class CountbackMonths {
  private readonly top: number;
  /** By days back from the as-of date: months back + 1, 0 until looked up. */
  private readonly seen = new Int32Array(1200);
  constructor(private readonly asOf: Serial) {
    this.top = monthIndex(asOf);
  }
  back(serial: Serial): number {
    const d = this.asOf - serial;
    if (d < 0 || d >= this.seen.length) return this.top - monthIndex(serial);
    let k = this.seen[d];
    if (k === 0) this.seen[d] = k = this.top - monthIndex(serial) + 1;
    return k - 1;
  }
}

/** The month of a serial as year × 12 + month − 1. */
function monthIndex(serial: Serial): number {
  const ymd = ymdFromSerial(serial);
  return ymd.year * 12 + ymd.month - 1;
}

/**
 * Countback DSO: walk back month by month from the as-of date (the first period is the current
 * month up to the as-of date), taking each month's credit sales off the receivables until they
 * are used up; a partial month counts pro rata. Null when the receivables exceed 36 months of
 * sales or are not positive.
 */
export function countbackDso(
  ledger: Ledger,
  asOf: Serial,
  currency: number,
  receivables: number,
): number | null {
  if (receivables <= 0) return null;
  const it = ledger.items;
  const months = new CountbackMonths(asOf);
  const sales = new Float64Array(COUNTBACK_MONTHS);
  for (let i = 0; i < it.length; i++) {
    const inv = it.invoiceDate[i];
    if (it.currency[i] !== currency || inv === 0 || inv > asOf) continue;
    const k = months.back(inv);
    if (k < COUNTBACK_MONTHS) sales[k] += it.amount[i];
  }
  return countBack(sales, asOf, receivables);
}

/** The countback walk over one currency's credit sales by months back (`countbackDso`). */
function countBack(sales: Float64Array, asOf: Serial, receivables: number): number | null {
  const { year, month, day } = ymdFromSerial(asOf);
  const top = year * 12 + month - 1;
  let left = receivables;
  let total = 0;
  for (let k = 0; k < COUNTBACK_MONTHS; k++) {
    const y = Math.floor((top - k) / 12);
    const m = ((top - k) % 12) + 1;
    const length = k === 0 ? day : daysInMonth(y, m);
    const s = sales[k];
    if (s > 0 && left <= s) return total + (left / s) * length;
    if (s > 0) left -= s;
    total += length;
  }
  return null;
}

export interface Cei {
  currency: number;
  opening: number;
  sales: number;
  closing: number;
  closingCurrent: number;
  /** (opening + sales − closing) ÷ (opening + sales − closing current) × 100. */
  cei: number | null;
}

/**
 * Collection effectiveness index (Credit Research Foundation) for [from, to], per currency:
 * (beginning receivables + credit sales − ending total receivables) ÷ (beginning receivables +
 * credit sales − ending current receivables) × 100.
 */
export function cei(ledger: Ledger, from: Serial, to: Serial): Cei[] {
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const due = effectiveDueDates(ledger);
  const start = computePosition(ledger, from - 1);
  const end = computePosition(ledger, to);
  const opening = new Float64Array(nc);
  const closing = new Float64Array(nc);
  const closingCurrent = new Float64Array(nc);
  const sales = new Float64Array(nc);
  const seen = new Uint8Array(nc);
  for (let i = 0; i < it.length; i++) {
    const c = it.currency[i];
    if (start.status[i] === ItemStatus.open) opening[c] += start.outstanding[i];
    if (end.status[i] === ItemStatus.open) {
      closing[c] += end.outstanding[i];
      if (due[i] >= to) closingCurrent[c] += end.outstanding[i];
    }
    const inv = it.invoiceDate[i];
    if (inv >= from && inv <= to) sales[c] += it.amount[i];
    if (inv <= to) seen[c] = 1;
  }
  for (const u of start.unapplied) opening[u.currency] += u.amount;
  for (const u of end.unapplied) closing[u.currency] += u.amount;
  const out: Cei[] = [];
  for (let c = 0; c < nc; c++) {
    if (!seen[c]) continue;
    const denominator = opening[c] + sales[c] - closingCurrent[c];
    out.push({
      currency: c,
      opening: opening[c],
      sales: sales[c],
      closing: closing[c],
      closingCurrent: closingCurrent[c],
      cei: denominator > 0 ? ((opening[c] + sales[c] - closing[c]) / denominator) * 100 : null,
    });
  }
  return out;
}

export interface DaysLate {
  /** Customer or salesperson index (-1: none). */
  key: number;
  currency: number;
  items: number;
  /** Mean days late of settled items. */
  plain: number;
  /** Mean weighted by amount. */
  weighted: number;
}

/**
 * Average days late of the items settled by the as-of date, per customer or salesperson and
 * currency: plain and amount-weighted.
 */
export function averageDaysLate(a: Analysis, by: "customer" | "salesperson"): DaysLate[] {
  const { ledger } = a;
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const groups = new Map<number, { n: number; sum: number; wsum: number; w: number }>();
  for (let i = 0; i < it.length; i++) {
    const late = a.items.daysLate[i];
    if (late < 0 || it.amount[i] <= 0) continue;
    const c = it.customer[i];
    const key =
      by === "customer"
        ? c
        : it.salesperson[i] >= 0
          ? it.salesperson[i]
          : ledger.customers[c].salesperson;
    const g = (key + 1) * nc + it.currency[i];
    let acc = groups.get(g);
    if (!acc) groups.set(g, (acc = { n: 0, sum: 0, wsum: 0, w: 0 }));
    acc.n++;
    acc.sum += late;
    acc.wsum += late * it.amount[i];
    acc.w += it.amount[i];
  }
  return [...groups.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([g, acc]) => ({
      key: Math.floor(g / nc) - 1,
      currency: g % nc,
      items: acc.n,
      plain: acc.sum / acc.n,
      weighted: acc.wsum / acc.w,
    }));
}

export interface Provision {
  currency: number;
  /** Positive open balances per provision band (age from the invoice date). */
  balances: number[];
  /** Provision per band, rounded to the minor unit. */
  amounts: number[];
  total: number;
}

/** Rate of the band an age falls in. */
export function provisionRate(policy: Pick<Policy, "provision">, ageDays: number): number {
  for (const band of policy.provision) {
    if (band.upToDays === null || ageDays <= band.upToDays) return band.rate;
  }
  return policy.provision[policy.provision.length - 1].rate;
}

/**
 * Bad-debt provision (坏账准备): Σ balance per age band × the band's rate, per currency. Age is
 * counted from the invoice date; only items with a positive balance are provided for (credits
 * and unapplied cash are not receivables at risk).
 */
export function provision(a: Analysis, customer?: number): Provision[] {
  const { ledger, policy } = a;
  const it = ledger.items;
  const bands = policy.provision;
  const nc = ledger.currencies.length;
  const balances = new Float64Array(nc * bands.length);
  const seen = new Uint8Array(nc);
  for (let i = 0; i < it.length; i++) {
    if (a.items.status[i] !== ItemStatus.open) continue;
    if (customer !== undefined && it.customer[i] !== customer) continue;
    const amount = a.items.outstanding[i];
    const c = it.currency[i];
    seen[c] = 1;
    if (amount <= 0) continue;
    const age = a.asOf - (it.invoiceDate[i] || a.items.due[i]);
    let b = 0;
    while (
      b < bands.length - 1 &&
      bands[b].upToDays !== null &&
      age > (bands[b].upToDays as number)
    )
      b++;
    balances[c * bands.length + b] += amount;
  }
  const out: Provision[] = [];
  for (let c = 0; c < nc; c++) {
    if (!seen[c]) continue;
    const bal = Array.from(balances.subarray(c * bands.length, (c + 1) * bands.length));
    const amounts = bal.map((x, b) => Math.round(x * bands[b].rate));
    out.push({ currency: c, balances: bal, amounts, total: amounts.reduce((s, x) => s + x, 0) });
  }
  return out;
}

/** First day of the month `months` before the serial's month. For period pickers. */
export function monthStart(serial: Serial, monthsBack = 0): Serial {
  const { year, month } = ymdFromSerial(serial);
  const index = year * 12 + month - 1 - monthsBack;
  return serialFromYmd(Math.floor(index / 12), (index % 12) + 1, 1) as Serial;
}
