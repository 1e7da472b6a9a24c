/**
 * Aging, overdue flags, the one-third rule, dunning levels and credit headroom, as of one date.
 * DESIGN §3 is the specification; each definition is one small function or one pass here.
 *
 * Results are columns (typed arrays indexed like `ledger.items`) plus small arrays of per-group
 * totals, so a full sheet of a million rows is a few passes over typed arrays.
 */
import { MAX_SERIAL, type Serial } from "./dates";
import { ItemFlag, type Ledger } from "./ledger";
import { minorDigits, toMinor, type Minor } from "./money";
import { bucketLabels, DEFAULT_POLICY, type Policy } from "./policy";
import { isOverdue, ladderLevel, lateInterest, preDueStep } from "./item-rules";
import { computePosition, effectiveDueDates, ItemStatus, type Position } from "./position";

export { ladderLevel, PreDue } from "./item-rules";

/** Why an item is held from dunning. */
export const Hold = { none: 0, disputed: 1, promise: 2 } as const;

export interface ItemResults {
  /** ItemStatus: future, open or closed. */
  status: Uint8Array;
  due: Int32Array;
  /** Days between invoice and due date (the payment term), -1 when unknown. */
  termDays: Int32Array;
  /** Act-by date of the one-third rule: due + floor(term / 3). */
  actBy: Int32Array;
  outstanding: Float64Array;
  /** Date the item was paid off, 0 if open or unknown. */
  settled: Int32Array;
  /** as-of − due date, meaningful for open items. */
  daysOverdue: Int32Array;
  /** max(0, settled − due) for closed items with a known settled date, else -1. */
  daysLate: Int32Array;
  /** Bucket index into the labels, -1 for items not open. */
  bucket: Int8Array;
  overdue: Uint8Array;
  /** Dunning level 0–5 (the ladder's), reported also when held. */
  level: Uint8Array;
  hold: Uint8Array;
  preDue: Uint8Array;
  /** Simple late interest and the level's fee, in minor units of the item's currency. */
  interest: Float64Array;
  fee: Float64Array;
}

/** Totals of a set of items in one currency. */
export interface Totals {
  currency: number;
  outstanding: Minor;
  overdue: Minor;
  /** Per bucket, in label order; they add up to `outstanding`. */
  buckets: Minor[];
  /** Positive open items not overdue (not yet due, or within the grace days). */
  notDue: Minor;
  /**
   * Credit notes, overpayments and unapplied cash (negative; a refund paid beyond the credits
   * shows here as a positive amount). overdue + notDue + credits = outstanding, exactly.
   */
  credits: Minor;
  openItems: number;
  overdueItems: number;
  interest: Minor;
  fees: Minor;
}

export interface CustomerPosition extends Totals {
  customer: number;
  /** Unapplied cash included in `outstanding` (negative). */
  unapplied: Minor;
  /** Credit limit in this currency, null when none is set for it. */
  creditLimit: Minor | null;
  /** = outstanding: the customer's open items net of credits and unapplied cash. */
  exposure: Minor;
  headroom: Minor | null;
  overLimit: boolean;
  /** exposure / limit; null without a limit, Infinity for exposure on a zero limit. */
  utilisation: number | null;
  maxDaysOverdue: number | null;
  maxLevel: number;
}

export interface SalespersonTotals extends Totals {
  /** Index into `ledger.salespeople`, -1 for items with none. */
  salesperson: number;
}

export interface Analysis {
  ledger: Ledger;
  policy: Policy;
  asOf: Serial;
  labels: string[];
  position: Position;
  items: ItemResults;
  customers: CustomerPosition[];
  salespeople: SalespersonTotals[];
  totals: Totals[];
}

/**
 * A lookup from age in days to bucket index, so the hot loop does no search. Ages beyond the
 * table are the last bucket; ages ≤ 0 (due basis) are `current`.
 */
export function bucketTable(policy: Pick<Policy, "thresholds" | "basis">): Int8Array {
  const t = policy.thresholds;
  const table = new Int8Array(t[t.length - 1] + 2);
  const offset = policy.basis === "due" ? 1 : 0;
  for (let age = 0; age < table.length; age++) {
    let b = 0;
    while (b < t.length && age > t[b]) b++;
    table[age] = age === 0 && offset === 1 ? 0 : b + offset;
  }
  return table;
}

/** Bucket index of an age, via the table of `bucketTable`. */
export function bucketOf(table: Int8Array, age: number): number {
  if (age <= 0) return table[0];
  return age < table.length ? table[age] : table[table.length - 1];
}

/** Act-by date of the one-third rule: due date + term days / 3 (whole days, rounded down). */
export function actByDate(due: Serial, termDays: number): Serial {
  return due + Math.floor(Math.max(0, termDays) / 3);
}

/** Everything as of `asOf`, under `policy`. */
export function analyze(ledger: Ledger, asOf: Serial, policy: Policy = DEFAULT_POLICY): Analysis {
  const position = computePosition(ledger, asOf, { applications: false });
  const items = itemResults(ledger, position, policy);
  const labels = bucketLabels(policy);
  const { customers, salespeople, totals } = aggregate(ledger, position, items, policy, labels);
  return { ledger, policy, asOf, labels, position, items, customers, salespeople, totals };
}

function itemResults(ledger: Ledger, position: Position, policy: Policy): ItemResults {
  const it = ledger.items;
  const n = it.length;
  const asOf = position.asOf;
  const due = effectiveDueDates(ledger);
  const termDays = new Int32Array(n);
  const actBy = new Int32Array(n);
  const daysOverdue = new Int32Array(n);
  const daysLate = new Int32Array(n).fill(-1);
  const bucket = new Int8Array(n).fill(-1);
  const overdue = new Uint8Array(n);
  const level = new Uint8Array(n);
  const hold = new Uint8Array(n);
  const preDue = new Uint8Array(n);
  const interest = new Float64Array(n);
  const fee = new Float64Array(n);
  const table = bucketTable(policy);
  const byInvoice = policy.basis === "invoice";
  const grace = policy.graceDays;
  const rate = policy.annualInterestRate;
  const fees = policy.feesByLevel.length > 0 ? feeTable(ledger, policy) : null;
  const { status, outstanding, settled } = position;

  for (let i = 0; i < n; i++) {
    const d = due[i];
    const inv = it.invoiceDate[i];
    const term = inv !== 0 && d !== 0 ? d - inv : -1;
    termDays[i] = term;
    // Never past 9999-12-31, Excel's last date (an open-ended due date is often exactly that).
    actBy[i] = d === 0 ? 0 : Math.min(MAX_SERIAL, d + (term > 0 ? Math.floor(term / 3) : 0));
    const st = status[i];
    if (st === ItemStatus.closed) {
      if (settled[i] !== 0 && d !== 0) daysLate[i] = settled[i] > d ? settled[i] - d : 0;
      continue;
    }
    if (st !== ItemStatus.open) continue;
    const od = d === 0 ? 0 : asOf - d;
    daysOverdue[i] = od;
    const age = byInvoice ? asOf - (inv !== 0 ? inv : d) : od;
    bucket[i] = age <= 0 ? table[0] : age < table.length ? table[age] : table[table.length - 1];
    const owes = outstanding[i] > 0;
    if (!owes) continue;
    if (it.flags[i] & ItemFlag.disputed) hold[i] = Hold.disputed;
    else if (it.promiseDate[i] >= asOf) hold[i] = Hold.promise;
    if (isOverdue(outstanding[i], od, grace)) {
      overdue[i] = 1;
      const lv = ladderLevel(policy, od, asOf - actBy[i]);
      level[i] = lv;
      if (rate > 0) interest[i] = lateInterest(outstanding[i], rate, od);
      if (fees) fee[i] = fees[it.currency[i] * 16 + lv];
    } else if (d !== 0) {
      preDue[i] = preDueStep(policy, od);
    }
  }
  return {
    status,
    due,
    termDays,
    actBy,
    outstanding,
    settled,
    daysOverdue,
    daysLate,
    bucket,
    overdue,
    level,
    hold,
    preDue,
    interest,
    fee,
  };
}

/** Fee per (currency, level) in minor units: `table[currency * 16 + level]`. */
function feeTable(ledger: Ledger, policy: Policy): Float64Array {
  const table = new Float64Array(ledger.currencies.length * 16);
  ledger.currencies.forEach((code, c) => {
    policy.feesByLevel.forEach((major, level) => {
      table[c * 16 + level] = toMinor(major, minorDigits(code)) ?? 0;
    });
  });
  return table;
}

/**
 * Sums per group held in typed arrays, so the pass over a million items does no object or map
 * work; the group objects are made once at the end, for the groups that have items.
 */
class Accumulator {
  readonly present: Uint8Array;
  readonly outstanding: Float64Array;
  readonly overdue: Float64Array;
  readonly buckets: Float64Array;
  readonly notDue: Float64Array;
  readonly credits: Float64Array;
  readonly openItems: Int32Array;
  readonly overdueItems: Int32Array;
  readonly interest: Float64Array;
  readonly fees: Float64Array;
  readonly maxDays: Int32Array;
  readonly maxLevel: Uint8Array;
  constructor(
    size: number,
    private readonly nb: number,
  ) {
    this.present = new Uint8Array(size);
    this.outstanding = new Float64Array(size);
    this.overdue = new Float64Array(size);
    this.buckets = new Float64Array(size * nb);
    this.notDue = new Float64Array(size);
    this.credits = new Float64Array(size);
    this.openItems = new Int32Array(size);
    this.overdueItems = new Int32Array(size);
    this.interest = new Float64Array(size);
    this.fees = new Float64Array(size);
    this.maxDays = new Int32Array(size).fill(-0x7fffffff);
    this.maxLevel = new Uint8Array(size);
  }
  /** Adds an open item (or an unapplied-cash amount with `overdue` false). */
  add(
    g: number,
    amount: number,
    bucket: number,
    overdue: boolean,
    days: number,
    level: number,
    interest: number,
    fee: number,
    cash = false,
  ): void {
    this.present[g] = 1;
    this.outstanding[g] += amount;
    this.buckets[g * this.nb + bucket] += amount;
    this.openItems[g]++;
    if (overdue) {
      this.overdue[g] += amount;
      this.overdueItems[g]++;
      if (days > this.maxDays[g]) this.maxDays[g] = days;
    } else if (amount > 0 && !cash) this.notDue[g] += amount;
    else this.credits[g] += amount;
    if (level > this.maxLevel[g]) this.maxLevel[g] = level;
    this.interest[g] += interest;
    this.fees[g] += fee;
  }
  totals(g: number, currency: number): Totals {
    const b = Array.from(this.buckets.subarray(g * this.nb, (g + 1) * this.nb));
    return {
      currency,
      outstanding: this.outstanding[g],
      overdue: this.overdue[g],
      buckets: b,
      notDue: this.notDue[g],
      credits: this.credits[g],
      openItems: this.openItems[g],
      overdueItems: this.overdueItems[g],
      interest: this.interest[g],
      fees: this.fees[g],
    };
  }
}

function aggregate(
  ledger: Ledger,
  position: Position,
  r: ItemResults,
  policy: Policy,
  labels: string[],
): { customers: CustomerPosition[]; salespeople: SalespersonTotals[]; totals: Totals[] } {
  const it = ledger.items;
  const nb = labels.length;
  const nc = ledger.currencies.length;
  const nCustomers = ledger.customers.length;
  const byCustomer = new Accumulator(nCustomers * nc, nb);
  const bySales = new Accumulator((ledger.salespeople.length + 1) * nc, nb);
  const byCurrency = new Accumulator(nc, nb);
  const customerSales = new Int32Array(nCustomers);
  for (let c = 0; c < nCustomers; c++) customerSales[c] = ledger.customers[c].salesperson;
  const table = bucketTable(policy);
  const { status, outstanding, bucket, overdue, daysOverdue, level, interest, fee } = r;

  for (let i = 0; i < it.length; i++) {
    const st = status[i];
    if (st === ItemStatus.future) continue;
    const c = it.customer[i];
    const cur = it.currency[i];
    const g = c * nc + cur;
    // Every customer with an item in the position gets an entry, even if all is paid.
    byCustomer.present[g] = 1;
    if (st !== ItemStatus.open) continue;
    const amount = outstanding[i];
    const b = bucket[i];
    const od = overdue[i] === 1;
    const days = daysOverdue[i];
    const lv = level[i];
    byCustomer.add(g, amount, b, od, days, lv, interest[i], fee[i]);
    const sp = it.salesperson[i] >= 0 ? it.salesperson[i] : customerSales[c];
    bySales.add((sp + 1) * nc + cur, amount, b, od, days, lv, interest[i], fee[i]);
    byCurrency.add(cur, amount, b, od, days, lv, interest[i], fee[i]);
  }

  // Unapplied cash: a negative open item aged from its payment date.
  const unapplied = new Float64Array(nCustomers * nc);
  for (const cash of position.unapplied) {
    const age = cash.date === 0 ? 0 : position.asOf - cash.date;
    const b = bucketOf(table, age);
    const g = cash.customer * nc + cash.currency;
    byCustomer.add(g, cash.amount, b, false, 0, 0, 0, 0, true);
    bySales.add(
      (customerSales[cash.customer] + 1) * nc + cash.currency,
      cash.amount,
      b,
      false,
      0,
      0,
      0,
      0,
      true,
    );
    byCurrency.add(cash.currency, cash.amount, b, false, 0, 0, 0, 0, true);
    unapplied[g] += cash.amount;
  }

  // Credit limits: the limit is in the customer's currency; with none named, in the currency
  // the customer is invoiced in (or the ledger's main currency when it has several).
  const limits = new Map<number, number>();
  const main = mainCurrency(ledger, position.status);
  for (const customer of ledger.customers) {
    if (customer.creditLimit === null) continue;
    let cur = customer.currency === null ? -1 : ledger.currencies.indexOf(customer.currency);
    if (cur < 0) {
      const mine: number[] = [];
      for (let k = 0; k < nc; k++) if (byCustomer.present[customer.index * nc + k]) mine.push(k);
      cur = mine.length === 1 ? mine[0] : main;
    }
    const g = customer.index * nc + cur;
    byCustomer.present[g] = 1;
    limits.set(g, customer.creditLimit);
  }

  const customers: CustomerPosition[] = [];
  for (let g = 0; g < nCustomers * nc; g++) {
    if (!byCustomer.present[g]) continue;
    const totals = byCustomer.totals(g, g % nc);
    const limit = limits.get(g) ?? null;
    const exposure = totals.outstanding;
    customers.push({
      ...totals,
      customer: Math.floor(g / nc),
      unapplied: unapplied[g],
      creditLimit: limit,
      exposure,
      headroom: limit === null ? null : limit - exposure,
      overLimit: limit !== null && exposure > limit,
      utilisation:
        limit === null ? null : limit > 0 ? exposure / limit : exposure > 0 ? Infinity : 0,
      maxDaysOverdue: byCustomer.overdueItems[g] > 0 ? byCustomer.maxDays[g] : null,
      maxLevel: byCustomer.maxLevel[g],
    });
  }
  const salespeople: SalespersonTotals[] = [];
  for (let g = 0; g < bySales.present.length; g++) {
    if (!bySales.present[g]) continue;
    salespeople.push({ ...bySales.totals(g, g % nc), salesperson: Math.floor(g / nc) - 1 });
  }
  const totals: Totals[] = [];
  for (let cur = 0; cur < nc; cur++)
    if (byCurrency.present[cur]) totals.push(byCurrency.totals(cur, cur));
  return { customers, salespeople, totals };
}

/**
 * The currency most items are in (index), 0 for an empty ledger. With a position's `status`,
 * items dated after its as-of date do not count: nothing after the as-of date may decide a figure.
 */
export function mainCurrency(ledger: Ledger, status?: ArrayLike<number>): number {
  const counts = new Int32Array(ledger.currencies.length);
  for (let i = 0; i < ledger.items.length; i++)
    if (!status || status[i] !== ItemStatus.future) counts[ledger.items.currency[i]]++;
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
  return best;
}

/** Items dated after the as-of date in one currency: not in the position's figures. */
export interface DatedAfter {
  currency: number;
  items: number;
  /** Their amounts as invoiced (minor units). */
  amount: Minor;
}

/**
 * The items each currency leaves out of the figures because they are dated after the as-of
 * date (invoiced later than the day the position is taken), so that every face can say so
 * instead of letting rows vanish. Currencies with none are absent.
 */
export function datedAfterAsOf(a: Analysis): DatedAfter[] {
  const by = new Map<number, DatedAfter>();
  const { status } = a.items;
  for (let i = 0; i < a.ledger.items.length; i++) {
    if (status[i] !== ItemStatus.future) continue;
    const c = a.ledger.items.currency[i];
    let d = by.get(c);
    if (!d) by.set(c, (d = { currency: c, items: 0, amount: 0 }));
    d.items++;
    d.amount += a.ledger.items.amount[i];
  }
  return [...by.values()].sort((x, y) => x.currency - y.currency);
}
