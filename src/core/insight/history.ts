/**
 * The payment history an analysis can learn from: items settled on or before its as-of date.
 *
 * This is the one place insight reads settlement from, and it reads it from the analysis'
 * position, which already ignores every payment dated after the as-of date and every item
 * invoiced after it (DESIGN §3, "As-of date"). An invoice settled after the as-of date is open
 * here, exactly as it is in the aging. So nothing from after the as-of date can reach a
 * prediction: the insight tests change all of it and check that nothing moves.
 */
import type { Analysis } from "../analyze";
import { ItemFlag } from "../ledger";
import { ItemStatus } from "../position";
import type { History } from "./model";

const CLOSED = ItemStatus.closed;
const DISPUTED = ItemFlag.disputed;

/** Settled items as columns: the model's `History` plus what behaviour figures need. */
export interface SettledItems extends History {
  /** Item index in the ledger. */
  item: Int32Array;
  /** Settled date (serial, ≤ as-of). */
  settled: Int32Array;
  /** Invoice amount, minor units of `currency`. */
  amount: Float64Array;
  /** Currency index. */
  currency: Int32Array;
}

/** The salesperson of item i: the row's own, else the customer's (-1: none). */
export function salespersonOf(a: Analysis, i: number): number {
  const sp = a.ledger.items.salesperson[i];
  return sp >= 0 ? sp : a.ledger.customers[a.ledger.items.customer[i]].salesperson;
}

/**
 * Items settled (paid in full, with a known date) on or before the as-of date: positive
 * invoices with a due date. Credit notes, undated settlements and items without a due date
 * teach nothing about when customers pay.
 */
export function settledItems(a: Analysis): SettledItems {
  const it = a.ledger.items;
  const n = it.length;
  const { status, settled, due } = a.items;
  const { amount, customer, salesperson, flags, currency } = it;
  const asOf = a.asOf;
  // One pass finds them (their indices, in ledger order), a second over them alone fills in.
  const found = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (
      status[i] === CLOSED &&
      settled[i] !== 0 &&
      settled[i] <= asOf &&
      due[i] !== 0 &&
      amount[i] > 0
    )
      found[count++] = i;
  }
  const h: SettledItems = {
    length: count,
    item: found.slice(0, count),
    customer: new Int32Array(count),
    salesperson: new Int32Array(count),
    delay: new Int32Array(count),
    disputed: new Uint8Array(count),
    settled: new Int32Array(count),
    amount: new Float64Array(count),
    currency: new Int32Array(count),
  };
  const customers = a.ledger.customers;
  for (let k = 0; k < count; k++) {
    const i = found[k];
    const c = customer[i];
    h.customer[k] = c;
    const sp = salesperson[i];
    h.salesperson[k] = sp >= 0 ? sp : customers[c].salesperson;
    h.delay[k] = settled[i] - due[i];
    h.disputed[k] = flags[i] & DISPUTED ? 1 : 0;
    h.settled[k] = settled[i];
    h.amount[k] = amount[i];
    h.currency[k] = currency[i];
  }
  return h;
}
