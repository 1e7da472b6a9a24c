/**
 * Aging, overdue flags, the one-third rule, dunning levels and credit headroom, as of one date.
 * DESIGN §3 is the specification; each definition is one small function or one pass here.
 *
 * Results are columns (typed arrays indexed like `ledger.items`) plus small arrays of per-group
 * totals, so a full sheet of a million rows is a few passes over typed arrays.
 */
import type { Serial } from "./dates";
import { ItemFlag, type Ledger } from "./ledger";
import { minorDigits, toMinor, type Minor } from "./money";
import { bucketLabels, DEFAULT_POLICY, type Policy } from "./policy";
import { computePosition, effectiveDueDates, ItemStatus, type Position } from "./position";

/** Why an item is held from dunning. */
export const Hold = { none: 0, disputed: 1, promise: 2 } as const;

/** The pre-due step of the reminder schedule an open item is at (level 0 only). */
export const PreDue = { none: 0, reminder: 1, confirm: 2, dueDay: 3 } as const;

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

/** The dunning level the ladder gives an overdue item (monotone in as-of). */
export function ladderLevel(policy: Policy, daysOverdue: number, daysPastActBy: number): number {
  let level = 0;
  for (const step of policy.ladder) {
    const past = step.from === "due" ? daysOverdue : daysPastActBy;
    if (past >= step.days && step.level > level) level = step.level;
  }
  return level;
}

/** Act-by date of the one-third rule: due date + term days / 3 (whole days, rounded down). */
export function actByDate(due: Serial, termDays: number): Serial {
  return due + Math.floor(Math.max(0, termDays) / 3);
}

/** Everything as of `asOf`, under `policy`. */
export function analyze(ledger: Ledger, asOf: Serial, policy: Policy = DEFAULT_POLICY): Analysis {
  const position = computePosition(ledger, asOf);
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
    actBy[i] = d === 0 ? 0 : d + (term > 0 ? Math.floor(term / 3) : 0);
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
    if (od > grace) {
      overdue[i] = 1;
      const lv = ladderLevel(policy, od, asOf - actBy[i]);
      level[i] = lv;
      if (rate > 0) interest[i] = Math.round((outstanding[i] * rate * od) / 365);
      if (fees) fee[i] = fees[it.currency[i] * 16 + lv];
    } else if (d !== 0) {
      preDue[i] =
        od >= 0
          ? PreDue.dueDay
          : od >= -policy.confirmDaysBefore
            ? PreDue.confirm
            : od >= -policy.reminderDaysBefore
              ? PreDue.reminder
              : PreDue.none;
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

function emptyTotals(currency: number, buckets: number): Totals {
  return {
    currency,
    outstanding: 0,
    overdue: 0,
    buckets: new Array<number>(buckets).fill(0),
    openItems: 0,
    overdueItems: 0,
    interest: 0,
    fees: 0,
  };
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
  const customerGroups = new Map<number, CustomerPosition>();
  const salesGroups = new Map<number, SalespersonTotals>();
  const totals = new Map<number, Totals>();
  const table = bucketTable(policy);

  const customerGroup = (customer: number, currency: number): CustomerPosition => {
    const key = customer * nc + currency;
    let g = customerGroups.get(key);
    if (!g) {
      g = {
        ...emptyTotals(currency, nb),
        customer,
        unapplied: 0,
        creditLimit: null,
        exposure: 0,
        headroom: null,
        overLimit: false,
        utilisation: null,
        maxDaysOverdue: null,
        maxLevel: 0,
      };
      customerGroups.set(key, g);
    }
    return g;
  };
  const salesGroup = (salesperson: number, currency: number): SalespersonTotals => {
    const key = (salesperson + 1) * nc + currency;
    let g = salesGroups.get(key);
    if (!g) salesGroups.set(key, (g = { ...emptyTotals(currency, nb), salesperson }));
    return g;
  };
  const total = (currency: number): Totals => {
    let g = totals.get(currency);
    if (!g) totals.set(currency, (g = emptyTotals(currency, nb)));
    return g;
  };
  const add = (g: Totals, i: number): void => {
    const amount = r.outstanding[i];
    g.outstanding += amount;
    g.buckets[r.bucket[i]] += amount;
    g.openItems++;
    if (r.overdue[i]) {
      g.overdue += amount;
      g.overdueItems++;
    }
    g.interest += r.interest[i];
    g.fees += r.fee[i];
  };

  // Every customer with an item in the position gets an entry, even if all is paid.
  for (let i = 0; i < it.length; i++) {
    const st = r.status[i];
    if (st === ItemStatus.future) continue;
    const c = it.customer[i];
    const cur = it.currency[i];
    const cg = customerGroup(c, cur);
    if (st !== ItemStatus.open) continue;
    add(cg, i);
    if (r.overdue[i] && (cg.maxDaysOverdue === null || r.daysOverdue[i] > cg.maxDaysOverdue)) {
      cg.maxDaysOverdue = r.daysOverdue[i];
    }
    if (r.level[i] > cg.maxLevel) cg.maxLevel = r.level[i];
    const sp = it.salesperson[i] >= 0 ? it.salesperson[i] : ledger.customers[c].salesperson;
    add(salesGroup(sp, cur), i);
    add(total(cur), i);
  }

  // Unapplied cash: a negative open item aged from its payment date.
  for (const cash of position.unapplied) {
    const age = cash.date === 0 ? 0 : position.asOf - cash.date;
    const b = bucketOf(table, age);
    for (const g of [
      customerGroup(cash.customer, cash.currency),
      salesGroup(ledger.customers[cash.customer].salesperson, cash.currency),
      total(cash.currency),
    ]) {
      g.outstanding += cash.amount;
      g.buckets[b] += cash.amount;
      g.openItems++;
    }
    customerGroup(cash.customer, cash.currency).unapplied += cash.amount;
  }

  // Credit limits: the limit is in the customer's currency; with none named, in the currency
  // the customer is invoiced in (or the ledger's main currency when it has several).
  const main = mainCurrency(ledger);
  for (const customer of ledger.customers) {
    if (customer.creditLimit === null) continue;
    let cur = customer.currency === null ? -1 : ledger.currencies.indexOf(customer.currency);
    if (cur < 0) {
      const mine = [...customerGroups.values()].filter((g) => g.customer === customer.index);
      cur = mine.length === 1 ? mine[0].currency : main;
    }
    customerGroup(customer.index, cur).creditLimit = customer.creditLimit;
  }

  const customers = [...customerGroups.values()];
  for (const g of customers) {
    g.exposure = g.outstanding;
    if (g.creditLimit !== null) {
      g.headroom = g.creditLimit - g.exposure;
      g.overLimit = g.exposure > g.creditLimit;
      g.utilisation =
        g.creditLimit > 0 ? g.exposure / g.creditLimit : g.exposure > 0 ? Infinity : 0;
    }
  }
  customers.sort((a, b) => a.customer - b.customer || a.currency - b.currency);
  const salespeople = [...salesGroups.values()].sort(
    (a, b) => a.salesperson - b.salesperson || a.currency - b.currency,
  );
  const totalList = [...totals.values()].sort((a, b) => a.currency - b.currency);
  return { customers, salespeople, totals: totalList };
}

/** The currency most items are in (index), 0 for an empty ledger. */
export function mainCurrency(ledger: Ledger): number {
  const counts = new Int32Array(ledger.currencies.length);
  for (let i = 0; i < ledger.items.length; i++) counts[ledger.items.currency[i]]++;
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
  return best;
}
