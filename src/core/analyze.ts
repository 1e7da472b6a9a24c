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
  const labels = bucketLabels(policy);
  const sums = new GroupSums(ledger, labels.length);
  const items = itemResults(ledger, position, policy, sums);
  const { customers, salespeople, totals } = aggregate(ledger, position, sums, policy);
  return { ledger, policy, asOf, labels, position, items, customers, salespeople, totals };
}

// The per-item loop runs a million times on a full sheet. Under CommonJS interop (tsx, ts-jest)
// every use of an imported name is a property or getter read, so what it needs is bound once.
const CLOSED = ItemStatus.closed;
const OPEN = ItemStatus.open;
const FUTURE = ItemStatus.future;
const DISPUTED = ItemFlag.disputed;
const LAST_DATE = MAX_SERIAL;

/**
 * Each item's figures (DESIGN §3) and, in the same pass, its share of the per-group sums: one
 * read of the columns instead of a pass to compute and another to add up.
 */
function itemResults(
  ledger: Ledger,
  position: Position,
  policy: Policy,
  sums: GroupSums,
): ItemResults {
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
  const lastBucket = table[table.length - 1];
  const byInvoice = policy.basis === "invoice";
  const grace = policy.graceDays;
  const rate = policy.annualInterestRate;
  const fees = policy.feesByLevel.length > 0 ? feeTable(ledger, policy) : null;
  const { status, outstanding, settled } = position;
  const { customer, currency, invoiceDate, flags, promiseDate, salesperson } = it;
  const overdueRule = isOverdue;
  const levelOf = ladderLevel;
  const interestOf = lateInterest;
  const preDueOf = preDueStep;
  const nc = sums.currencies;
  const customerSales = sums.customerSales;
  const byCustomer = sums.byCustomer;
  const bySales = sums.bySales;
  const byCurrency = sums.byCurrency;
  const seen = byCustomer.present;

  for (let i = 0; i < n; i++) {
    const d = due[i];
    const inv = invoiceDate[i];
    const term = inv !== 0 && d !== 0 ? d - inv : -1;
    termDays[i] = term;
    // Never past 9999-12-31, Excel's last date (an open-ended due date is often exactly that).
    actBy[i] = d === 0 ? 0 : Math.min(LAST_DATE, d + (term > 0 ? Math.floor(term / 3) : 0));
    const st = status[i];
    if (st === FUTURE) continue;
    const c = customer[i];
    const cur = currency[i];
    const g = c * nc + cur;
    // Every customer with an item in the position gets an entry, even if all is paid.
    seen[g] = 1;
    if (st === CLOSED) {
      if (settled[i] !== 0 && d !== 0) daysLate[i] = settled[i] > d ? settled[i] - d : 0;
      continue;
    }
    if (st !== OPEN) continue;
    const od = d === 0 ? 0 : asOf - d;
    daysOverdue[i] = od;
    const age = byInvoice ? asOf - (inv !== 0 ? inv : d) : od;
    const b = age <= 0 ? table[0] : age < table.length ? table[age] : lastBucket;
    bucket[i] = b;
    const amount = outstanding[i];
    let late = false;
    let lv = 0;
    let owedInterest = 0;
    let owedFee = 0;
    if (amount > 0) {
      if (flags[i] & DISPUTED) hold[i] = Hold.disputed;
      else if (promiseDate[i] >= asOf) hold[i] = Hold.promise;
      if (overdueRule(amount, od, grace)) {
        late = true;
        overdue[i] = 1;
        lv = levelOf(policy, od, asOf - actBy[i]);
        level[i] = lv;
        if (rate > 0) interest[i] = owedInterest = interestOf(amount, rate, od);
        if (fees) fee[i] = owedFee = fees[cur * 16 + lv];
      } else if (d !== 0) {
        preDue[i] = preDueOf(policy, od);
      }
    }
    const sp = salesperson[i] >= 0 ? salesperson[i] : customerSales[c];
    byCustomer.add(g, amount, b, late, od, lv, owedInterest, owedFee, false);
    bySales.add((sp + 1) * nc + cur, amount, b, late, od, lv, owedInterest, owedFee, false);
    byCurrency.add(cur, amount, b, late, od, lv, owedInterest, owedFee, false);
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

// Fields of a group's record in `Accumulator.v`; the bucket sums follow them.
const OUTSTANDING = 0;
const OVERDUE = 1;
const NOT_DUE = 2;
const CREDITS = 3;
const OPEN_ITEMS = 4;
const OVERDUE_ITEMS = 5;
const INTEREST = 6;
const FEES = 7;
const MAX_DAYS = 8;
const MAX_LEVEL = 9;
const BUCKETS = 10;

/**
 * Sums per group held in one typed array, a group's figures side by side (a million items hit
 * the groups in no order, so each addition touches one or two cache lines, not one per figure);
 * the pass over the items does no object or map work, and the group objects are made once at
 * the end, for the groups that have items. Counts, days and levels are small integers, exact in
 * a double; each figure is added in the same order as item by item, so the sums are the same.
 */
class Accumulator {
  readonly present: Uint8Array;
  /** Group g's record: `v[g * stride + field]`. */
  readonly v: Float64Array;
  readonly stride: number;
  constructor(size: number, nb: number) {
    this.present = new Uint8Array(size);
    this.stride = BUCKETS + nb;
    this.v = new Float64Array(size * this.stride);
    for (let g = 0; g < size; g++) this.v[g * this.stride + MAX_DAYS] = -0x7fffffff;
  }
  /** Adds an open item (or an unapplied-cash amount with `overdue` false and `cash` true). */
  add(
    g: number,
    amount: number,
    bucket: number,
    overdue: boolean,
    days: number,
    level: number,
    interest: number,
    fee: number,
    cash: boolean,
  ): void {
    const v = this.v;
    const at = g * this.stride;
    this.present[g] = 1;
    v[at + OUTSTANDING] += amount;
    v[at + BUCKETS + bucket] += amount;
    v[at + OPEN_ITEMS]++;
    if (overdue) {
      v[at + OVERDUE] += amount;
      v[at + OVERDUE_ITEMS]++;
      if (days > v[at + MAX_DAYS]) v[at + MAX_DAYS] = days;
    } else if (amount > 0 && !cash) v[at + NOT_DUE] += amount;
    else v[at + CREDITS] += amount;
    if (level > v[at + MAX_LEVEL]) v[at + MAX_LEVEL] = level;
    v[at + INTEREST] += interest;
    v[at + FEES] += fee;
  }
  get(g: number, field: number): number {
    return this.v[g * this.stride + field];
  }
  totals(g: number, currency: number): Totals {
    const at = g * this.stride;
    const v = this.v;
    return {
      currency,
      outstanding: v[at + OUTSTANDING],
      overdue: v[at + OVERDUE],
      buckets: Array.from(v.subarray(at + BUCKETS, at + this.stride)),
      notDue: v[at + NOT_DUE],
      credits: v[at + CREDITS],
      openItems: v[at + OPEN_ITEMS],
      overdueItems: v[at + OVERDUE_ITEMS],
      interest: v[at + INTEREST],
      fees: v[at + FEES],
    };
  }
}

/** The per-group sums of one analysis: by customer, by salesperson and by currency. */
class GroupSums {
  readonly currencies: number;
  readonly byCustomer: Accumulator;
  /** Group (salesperson + 1) × currencies + currency; salesperson -1: none. */
  readonly bySales: Accumulator;
  readonly byCurrency: Accumulator;
  /** Each customer's salesperson (-1: none), for items naming none. */
  readonly customerSales: Int32Array;
  constructor(ledger: Ledger, nb: number) {
    const nc = ledger.currencies.length;
    const nCustomers = ledger.customers.length;
    this.currencies = nc;
    this.byCustomer = new Accumulator(nCustomers * nc, nb);
    this.bySales = new Accumulator((ledger.salespeople.length + 1) * nc, nb);
    this.byCurrency = new Accumulator(nc, nb);
    this.customerSales = new Int32Array(nCustomers);
    for (let c = 0; c < nCustomers; c++) this.customerSales[c] = ledger.customers[c].salesperson;
  }
}

function aggregate(
  ledger: Ledger,
  position: Position,
  sums: GroupSums,
  policy: Policy,
): { customers: CustomerPosition[]; salespeople: SalespersonTotals[]; totals: Totals[] } {
  const nc = ledger.currencies.length;
  const nCustomers = ledger.customers.length;
  const { byCustomer, bySales, byCurrency, customerSales } = sums;
  const table = bucketTable(policy);

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
  let main = -1; // the main currency, counted only when a limit needs it (a pass over the items)
  for (const customer of ledger.customers) {
    if (customer.creditLimit === null) continue;
    let cur = customer.currency === null ? -1 : ledger.currencies.indexOf(customer.currency);
    if (cur < 0) {
      const mine: number[] = [];
      for (let k = 0; k < nc; k++) if (byCustomer.present[customer.index * nc + k]) mine.push(k);
      if (mine.length === 1) cur = mine[0];
      else {
        if (main < 0) main = mainCurrency(ledger, position.status);
        cur = main;
      }
    }
    const g = customer.index * nc + cur;
    byCustomer.present[g] = 1;
    limits.set(g, customer.creditLimit);
  }

  const customers: CustomerPosition[] = [];
  for (let g = 0; g < nCustomers * nc; g++) {
    if (!byCustomer.present[g]) continue;
    const t = byCustomer.totals(g, g % nc);
    const limit = limits.get(g) ?? null;
    const exposure = t.outstanding;
    // Field by field, in the order of a spread of `t` (the JSON's key order): a spread followed
    // by more fields takes V8's slow path, milliseconds for a few thousand customers.
    customers.push({
      currency: t.currency,
      outstanding: t.outstanding,
      overdue: t.overdue,
      buckets: t.buckets,
      notDue: t.notDue,
      credits: t.credits,
      openItems: t.openItems,
      overdueItems: t.overdueItems,
      interest: t.interest,
      fees: t.fees,
      customer: Math.floor(g / nc),
      unapplied: unapplied[g],
      creditLimit: limit,
      exposure,
      headroom: limit === null ? null : limit - exposure,
      overLimit: limit !== null && exposure > limit,
      utilisation:
        limit === null ? null : limit > 0 ? exposure / limit : exposure > 0 ? Infinity : 0,
      maxDaysOverdue: byCustomer.get(g, OVERDUE_ITEMS) > 0 ? byCustomer.get(g, MAX_DAYS) : null,
      maxLevel: byCustomer.get(g, MAX_LEVEL),
    });
  }
  const salespeople: SalespersonTotals[] = [];
  for (let g = 0; g < bySales.present.length; g++) {
    if (!bySales.present[g]) continue;
    const t = bySales.totals(g, g % nc);
    salespeople.push({
      currency: t.currency,
      outstanding: t.outstanding,
      overdue: t.overdue,
      buckets: t.buckets,
      notDue: t.notDue,
      credits: t.credits,
      openItems: t.openItems,
      overdueItems: t.overdueItems,
      interest: t.interest,
      fees: t.fees,
      salesperson: Math.floor(g / nc) - 1,
    });
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
