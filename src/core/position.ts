/**
 * The position as of a date: what each item still owes, and when it was settled.
 *
 * DESIGN §3, "Outstanding": amount − payments and credits applied with date ≤ as-of. The
 * sources of payment, in the order they are applied:
 *
 * 1. the invoice row's own paid amount and settled date:
 *    - paid amount with a date → that amount on that date;
 *    - paid amount without a date → applied whatever the as-of date;
 *    - settled date without a paid amount → paid in full on that date;
 * 2. rows of a payments list naming an invoice → applied wholly to it (more than owed leaves a
 *    negative outstanding: an overpayment);
 * 3. rows naming no known invoice → allocated to the customer's open items of that currency,
 *    oldest due first; what is left is unapplied cash, a negative open item of the customer.
 *
 * Refunds: money paid back to the customer settles a credit. A payment (or a row's paid
 * amount) recorded against a credit note, dated on or after it, reduces the credit whatever
 * its sign, so a −3,023
 * credit with a 3,023 refund is closed, not −6,046. A negative payment naming no invoice is a
 * refund too: it settles the customer's open credits of that currency, oldest due first; what
 * is left is an open item of the customer (money paid back beyond any credit).
 *
 * Events are applied by date (undated first), so an item's settled date is the date its
 * remaining amount reached zero. Everything dated after the as-of date is ignored, and items
 * invoiced after it are not yet part of the position ("future").
 */
import { endOfMonthSerial, type Serial } from "./dates";
import type { Ledger } from "./ledger";
import type { Minor } from "./money";

/** Status of an item at the as-of date. */
export const ItemStatus = {
  /** Invoiced after the as-of date: not yet part of the position. */
  future: 0,
  /** Something (positive or negative) is outstanding. */
  open: 1,
  /** Outstanding is exactly zero. */
  closed: 2,
} as const;

/** Cash received and not applied to any item: a negative open item of the customer. */
export interface UnappliedCash {
  /** Index of the payment row in `ledger.payments`. */
  payment: number;
  customer: number;
  /** Currency index (see `Ledger.currencies`). */
  currency: number;
  /** Payment date, 0 when undated. */
  date: Serial;
  /** Open amount: negative (cash held for the customer); positive for an unallocated refund. */
  amount: Minor;
}

/** One application of money to an item, for statements and KPIs. */
export interface Applications {
  length: number;
  item: Int32Array;
  /** Date of the payment, 0 when undated. */
  date: Int32Array;
  amount: Float64Array;
  /** The payment row it came from, or -1 for the invoice row's own paid amount or settled date. */
  payment: Int32Array;
}

export interface Position {
  asOf: Serial;
  status: Uint8Array;
  /** Outstanding in minor units; 0 for future items. */
  outstanding: Float64Array;
  /** Date the item's remaining amount reached zero or below, 0 if open or unknown. */
  settled: Int32Array;
  unapplied: UnappliedCash[];
  /** Every application of money to an item (empty when not asked for). */
  applications: Applications;
}

const FUTURE = ItemStatus.future;
const OPEN = ItemStatus.open;
const CLOSED = ItemStatus.closed;

/** Kinds of events, in the order they are applied on the same date. */
const ROW_PAID = 0;
const ROW_SETTLED = 1;
const PAYMENT = 2;

class AppLog {
  item: Int32Array;
  date: Int32Array;
  amount: Float64Array;
  payment: Int32Array;
  length = 0;
  constructor(
    capacity: number,
    private readonly keep: boolean,
  ) {
    const n = keep ? Math.max(16, capacity) : 0;
    this.item = new Int32Array(n);
    this.date = new Int32Array(n);
    this.amount = new Float64Array(n);
    this.payment = new Int32Array(n);
  }
  push(item: number, date: number, amount: number, payment: number): void {
    if (!this.keep) return;
    if (this.length === this.item.length) {
      const n = Math.max(16, this.length * 2);
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(n);
        b.set(a);
        return b;
      };
      this.item = grow(this.item, (k) => new Int32Array(k));
      this.date = grow(this.date, (k) => new Int32Array(k));
      this.amount = grow(this.amount, (k) => new Float64Array(k));
      this.payment = grow(this.payment, (k) => new Int32Array(k));
    }
    const i = this.length++;
    this.item[i] = item;
    this.date[i] = date;
    this.amount[i] = amount;
    this.payment[i] = payment;
  }
  done(): Applications {
    const n = this.length;
    return {
      length: n,
      item: this.item.slice(0, n),
      date: this.date.slice(0, n),
      amount: this.amount.slice(0, n),
      payment: this.payment.slice(0, n),
    };
  }
}

/**
 * Computes the position of every item at `asOf`. Linear in the number of items when no payment
 * needs allocating; allocation sorts only the items of customers that have such payments.
 */
export function computePosition(
  ledger: Ledger,
  asOf: Serial,
  options: { applications?: boolean } = {},
): Position {
  const it = ledger.items;
  const n = it.length;
  const status = new Uint8Array(n);
  const remaining = new Float64Array(n);
  const settled = new Int32Array(n);
  const log = new AppLog(n + ledger.payments.length, options.applications ?? true);

  // Events: one per dated row payment and per payment row, applied by date (counting sort).
  // Undated events are applied first, in row order, as they count at any as-of date.
  const p = ledger.payments;
  let m = 0;
  // Without payment rows by the as-of date, an item's own paid amount or settled date touches
  // that item alone, so it applies at once: no events to sort (a third of analyze at 1M rows),
  // and the item is final when its row is done, so it is closed (or not) in the same pass.
  let payments = 0;
  for (let j = 0; j < p.length; j++) if (p.date[j] <= asOf) payments++;
  const direct = payments === 0;
  const events = direct ? 0 : n + p.length;
  const evKind = new Uint8Array(events);
  const evIndex = new Int32Array(events);
  const evDate = new Int32Array(events);
  const { invoiceDate, amount: amounts, paid: paidColumn, settledDate } = it;

  for (let i = 0; i < n; i++) {
    const inv = invoiceDate[i];
    if (inv > asOf) {
      status[i] = FUTURE;
      continue;
    }
    status[i] = OPEN;
    const amount = amounts[i];
    remaining[i] = amount;
    // On a credit note, the amount recorded as paid is a refund: it settles the credit.
    const paid = amount < 0 ? -Math.abs(paidColumn[i]) : paidColumn[i];
    const date = settledDate[i];
    if (paid === paid /* not NaN */) {
      if (date === 0) {
        remaining[i] -= paid;
        if (paid !== 0) log.push(i, 0, paid, -1);
      } else if (date <= asOf) {
        if (direct) applyTo(i, paid, date, -1);
        else {
          evKind[m] = ROW_PAID;
          evIndex[m] = i;
          evDate[m++] = date;
        }
      }
    } else if (date !== 0 && date <= asOf) {
      if (direct) {
        if (remaining[i] !== 0) applyTo(i, remaining[i], date, -1);
        else settled[i] = date;
      } else {
        evKind[m] = ROW_SETTLED;
        evIndex[m] = i;
        evDate[m++] = date;
      }
    }
    if (direct) close(i);
  }

  for (let j = 0; j < p.length; j++) {
    const date = p.date[j];
    if (date > asOf) continue;
    evKind[m] = PAYMENT;
    evIndex[m] = j;
    evDate[m++] = date;
  }

  const order = sortEvents(evKind, evDate, m);
  const unapplied: UnappliedCash[] = [];
  let allocator: Allocator | null = null;
  let credits: Map<number, number[]> | null = null;

  for (let k = 0; k < order.length; k++) {
    const e = order[k];
    const kind = evKind[e];
    const date = evDate[e];
    if (kind === ROW_PAID) {
      const i = evIndex[e];
      applyTo(i, it.amount[i] < 0 ? -Math.abs(it.paid[i]) : it.paid[i], date, -1);
    } else if (kind === ROW_SETTLED) {
      const i = evIndex[e];
      if (remaining[i] !== 0) applyTo(i, remaining[i], date, -1);
      else if (settled[i] === 0) settled[i] = date;
    } else {
      const j = evIndex[e];
      const amount = p.amount[j];
      const target = p.item[j];
      if (target >= 0 && status[target] !== ItemStatus.future) {
        // A payment against a credit note, dated on or after it, is a refund: it settles the
        // credit whatever its sign.
        const refund = it.amount[target] < 0 && (date === 0 || date >= it.invoiceDate[target]);
        applyTo(target, refund ? -Math.abs(amount) : amount, date, j);
        allocator?.reopen(target);
      } else if (target < 0 && amount > 0 && p.customer[j] >= 0) {
        allocator ??= new Allocator(ledger, status);
        let left = amount;
        for (let i = allocator.next(p.customer[j], p.currency[j], remaining); left > 0 && i >= 0;) {
          const take = Math.min(left, remaining[i]);
          applyTo(i, take, date, j);
          left -= take;
          if (remaining[i] <= 0) i = allocator.next(p.customer[j], p.currency[j], remaining);
        }
        if (left > 0) unapplied.push(cash(j, -left, date));
      } else if (target < 0 && amount < 0 && p.customer[j] >= 0) {
        // A refund naming no invoice: it settles the customer's open credits, oldest first.
        credits ??= creditsByGroup(ledger, status);
        const list = credits.get(p.customer[j] * ledger.currencies.length + p.currency[j]) ?? [];
        let left = amount;
        for (let k = 0; k < list.length && left < 0; k++) {
          const i = list[k];
          if (remaining[i] >= 0) continue;
          const take = Math.max(left, remaining[i]);
          applyTo(i, take, date, j);
          left -= take;
        }
        if (left < 0) unapplied.push(cash(j, -left, date));
      } else {
        // A prepayment for an invoice not yet issued, or a payment of a customer not known.
        unapplied.push(cash(j, -amount, date));
      }
    }
  }

  if (!direct) for (let i = 0; i < n; i++) if (status[i] !== FUTURE) close(i);

  return { asOf, status, outstanding: remaining, settled, unapplied, applications: log.done() };

  /** Item i, all its money applied: closed at exactly zero, else open with no settled date. */
  function close(i: number): void {
    if (remaining[i] === 0) status[i] = CLOSED;
    else settled[i] = 0;
  }

  function applyTo(i: number, amount: number, date: number, payment: number): void {
    const before = remaining[i];
    remaining[i] = before - amount;
    if (amount !== 0) log.push(i, date, amount, payment);
    if (remaining[i] <= 0 && before > 0) settled[i] = date;
    else if (remaining[i] === 0 && before < 0) settled[i] = date;
    else if (remaining[i] > 0) settled[i] = 0;
  }

  function cash(j: number, amount: number, date: number): UnappliedCash {
    return { payment: j, customer: p.customer[j], currency: p.currency[j], date, amount };
  }
}

/** The credit notes of each (customer, currency) group, oldest due first. */
function creditsByGroup(ledger: Ledger, status: Uint8Array): Map<number, number[]> {
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const due = effectiveDueDates(ledger);
  const out = new Map<number, number[]>();
  for (let i = 0; i < it.length; i++) {
    if (status[i] === ItemStatus.future || it.amount[i] >= 0) continue;
    const key = it.customer[i] * nc + it.currency[i];
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(i);
  }
  for (const list of out.values()) list.sort((a, b) => due[a] - due[b] || a - b);
  return out;
}

/** Event order: by date (undated = 0 first), then kind, then insertion. Counting sort on dates. */
function sortEvents(kind: Uint8Array, date: Int32Array, m: number): Int32Array {
  const order = new Int32Array(m);
  if (m === 0) return order;
  let lo = Infinity;
  let hi = -Infinity;
  for (let e = 0; e < m; e++) {
    if (date[e] < lo) lo = date[e];
    if (date[e] > hi) hi = date[e];
  }
  const width = (hi - lo + 1) * 3;
  const counts = new Int32Array(width + 1);
  for (let e = 0; e < m; e++) counts[(date[e] - lo) * 3 + kind[e] + 1]++;
  for (let b = 1; b <= width; b++) counts[b] += counts[b - 1];
  for (let e = 0; e < m; e++) order[counts[(date[e] - lo) * 3 + kind[e]]++] = e;
  return order;
}

/**
 * Oldest-due-first allocation. For each (customer, currency) it keeps the positive items in due
 * order and a cursor past those already paid; built lazily, only for groups that need it.
 */
class Allocator {
  private readonly groups = new Map<number, { items: number[]; cursor: number }>();
  private readonly rank = new Map<number, { key: number; at: number }>();
  private readonly byGroup: Map<number, number[]>;

  constructor(
    private readonly ledger: Ledger,
    private readonly status: Uint8Array,
  ) {
    this.byGroup = new Map();
  }

  private key(customer: number, currency: number): number {
    return customer * this.ledger.currencies.length + currency;
  }

  private group(key: number): { items: number[]; cursor: number } {
    let g = this.groups.get(key);
    if (g) return g;
    if (this.byGroup.size === 0) this.index();
    const it = this.ledger.items;
    const due = effectiveDueDates(this.ledger);
    const items = (this.byGroup.get(key) ?? []).slice();
    items.sort((a, b) => due[a] - due[b] || it.invoiceDate[a] - it.invoiceDate[b] || a - b);
    items.forEach((i, at) => this.rank.set(i, { key, at }));
    g = { items, cursor: 0 };
    this.groups.set(key, g);
    return g;
  }

  private index(): void {
    const it = this.ledger.items;
    for (let i = 0; i < it.length; i++) {
      if (this.status[i] === ItemStatus.future || it.amount[i] <= 0) continue;
      const key = this.key(it.customer[i], it.currency[i]);
      let list = this.byGroup.get(key);
      if (!list) this.byGroup.set(key, (list = []));
      list.push(i);
    }
    if (this.byGroup.size === 0) this.byGroup.set(-1, []);
  }

  /** The oldest-due item of the group with something left to pay, or -1. */
  next(customer: number, currency: number, remaining: Float64Array): number {
    const g = this.group(this.key(customer, currency));
    while (g.cursor < g.items.length && remaining[g.items[g.cursor]] <= 0) g.cursor++;
    return g.cursor < g.items.length ? g.items[g.cursor] : -1;
  }

  /** A payment named item i (possibly a reversal): let the cursor see it again. */
  reopen(i: number): void {
    const r = this.rank.get(i);
    if (!r) return;
    const g = this.groups.get(r.key);
    if (g && r.at < g.cursor) g.cursor = r.at;
  }
}

const dueCache = new WeakMap<Ledger, Int32Array>();

/**
 * The due date of every item (DESIGN §3): the explicit due date; else invoice date + terms (the
 * row's, then the customer's; month-end terms count from the end of the invoice month); else
 * the invoice date. 0 when the item has neither date.
 */
export function effectiveDueDates(ledger: Ledger): Int32Array {
  const cached = dueCache.get(ledger);
  if (cached) return cached;
  const it = ledger.items;
  const due = new Int32Array(it.length);
  const customers = ledger.customers;
  // Month-end terms: items of one month share its end, so look it up once per invoice date.
  const monthEnds = new Map<number, number>();
  const endOfMonth = (serial: number): number => {
    let eom = monthEnds.get(serial);
    if (eom === undefined) monthEnds.set(serial, (eom = endOfMonthSerial(serial)));
    return eom;
  };
  for (let i = 0; i < it.length; i++) {
    const explicit = it.dueDate[i];
    if (explicit !== 0) {
      due[i] = explicit;
      continue;
    }
    const inv = it.invoiceDate[i];
    if (inv === 0) continue;
    let days = it.termDays[i];
    let monthEnd = it.termMonthEnd[i] === 1;
    if (days < 0) {
      const terms = customers[it.customer[i]].terms;
      if (terms) {
        days = terms.days;
        monthEnd = terms.monthEnd;
      } else {
        days = 0;
        monthEnd = false;
      }
    }
    due[i] = (monthEnd ? endOfMonth(inv) : inv) + days;
  }
  dueCache.set(ledger, due);
  return due;
}
