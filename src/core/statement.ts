/**
 * Customer statements (DESIGN §3): the open-item statement at a date, and the activity
 * (balance-forward) statement for a period, for one customer in one currency.
 *
 * The activity statement is read off one position at the period end, so that
 * closing = opening + invoices − payments − credits holds exactly and equals the customer's
 * exposure at that date. An undated paid amount counts on its invoice's date.
 */
import type { Analysis } from "./analyze";
import type { Serial } from "./dates";
import type { Ledger } from "./ledger";
import { computePosition, ItemStatus, type Position } from "./position";

export interface OpenItemLine {
  item: number;
  ref: string | null;
  invoiceDate: Serial;
  due: Serial;
  amount: number;
  outstanding: number;
  daysOverdue: number;
  bucket: number;
}

export interface OpenItemStatement {
  customer: number;
  currency: number;
  asOf: Serial;
  lines: OpenItemLine[];
  /** Aging footer, in the analysis' bucket order. */
  buckets: number[];
  /** Unapplied cash of the customer, included in `balance`. */
  unapplied: number;
  balance: number;
}

/** The open items of a customer at the analysis date, oldest due first, with the aging footer. */
export function openItemStatement(
  a: Analysis,
  customer: number,
  currency: number,
  /** The customer's items in this currency, when the caller has them grouped (many statements). */
  candidates?: Iterable<number>,
): OpenItemStatement {
  const it = a.ledger.items;
  const r = a.items;
  const lines: OpenItemLine[] = [];
  for (const i of candidates ?? range(it.length)) {
    if (it.customer[i] !== customer || it.currency[i] !== currency) continue;
    if (r.status[i] !== ItemStatus.open) continue;
    lines.push({
      item: i,
      ref: it.ref[i],
      invoiceDate: it.invoiceDate[i],
      due: r.due[i],
      amount: it.amount[i],
      outstanding: r.outstanding[i],
      daysOverdue: r.daysOverdue[i],
      bucket: r.bucket[i],
    });
  }
  lines.sort((x, y) => x.due - y.due || x.invoiceDate - y.invoiceDate || x.item - y.item);
  const group = a.customers.find((g) => g.customer === customer && g.currency === currency);
  return {
    customer,
    currency,
    asOf: a.asOf,
    lines,
    buckets: group ? group.buckets.slice() : a.labels.map(() => 0),
    unapplied: group?.unapplied ?? 0,
    balance: group?.outstanding ?? 0,
  };
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

/**
 * Item indices grouped by customer and currency (key customer × currencies + currency), for
 * making many statements without scanning the ledger once per customer.
 */
export function itemsByCustomer(a: Analysis): Map<number, number[]> {
  const it = a.ledger.items;
  const nc = a.ledger.currencies.length;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < it.length; i++) {
    const g = it.customer[i] * nc + it.currency[i];
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  }
  return groups;
}

export type ActivityKind = "invoice" | "credit" | "payment";

export interface ActivityLine {
  date: Serial;
  kind: ActivityKind;
  /** Invoice number, or the payment's invoice reference. */
  ref: string | null;
  /** The item it concerns, or -1 for cash not applied to any item. */
  item: number;
  /** The payment row, or -1. */
  payment: number;
  /** Signed effect on the balance: + invoices, − payments and credits. */
  amount: number;
  balance: number;
}

export interface ActivityStatement {
  customer: number;
  currency: number;
  from: Serial;
  to: Serial;
  opening: number;
  lines: ActivityLine[];
  invoices: number;
  /** Payments received in the period (a positive number). */
  payments: number;
  /** Credit notes in the period (a positive number). */
  credits: number;
  /** = opening + invoices − payments − credits. */
  closing: number;
}

/**
 * The activity statement of a customer in one currency for [from, to]. `position` is the
 * ledger's position at `to` with its applications; pass one to make the statements of many
 * customers without computing it for each.
 */
export function activityStatement(
  ledger: Ledger,
  customer: number,
  currency: number,
  from: Serial,
  to: Serial,
  position?: Position,
): ActivityStatement {
  const it = ledger.items;
  const pos = position ?? computePosition(ledger, to);
  let opening = 0;
  const lines: Omit<ActivityLine, "balance">[] = [];
  const mine = (i: number) => it.customer[i] === customer && it.currency[i] === currency;

  for (let i = 0; i < it.length; i++) {
    if (!mine(i) || pos.status[i] === ItemStatus.future) continue;
    const date = it.invoiceDate[i];
    if (date < from) opening += it.amount[i];
    else
      lines.push({
        date,
        kind: it.amount[i] < 0 ? "credit" : "invoice",
        ref: it.ref[i],
        item: i,
        payment: -1,
        amount: it.amount[i],
      });
  }
  const apps = pos.applications;
  const p = ledger.payments;
  for (let k = 0; k < apps.length; k++) {
    const i = apps.item[k];
    if (!mine(i)) continue;
    const date = apps.date[k] || it.invoiceDate[i];
    if (date < from) opening -= apps.amount[k];
    else
      lines.push({
        date,
        kind: "payment",
        ref: apps.payment[k] >= 0 ? (p.ref[apps.payment[k]] ?? it.ref[i]) : it.ref[i],
        item: i,
        payment: apps.payment[k],
        amount: -apps.amount[k],
      });
  }
  for (const u of pos.unapplied) {
    if (u.customer !== customer || u.currency !== currency) continue;
    if (u.date < from) opening += u.amount;
    else
      lines.push({
        date: u.date,
        kind: "payment",
        ref: p.ref[u.payment],
        item: -1,
        payment: u.payment,
        amount: u.amount,
      });
  }
  const order = { invoice: 0, credit: 1, payment: 2 };
  lines.sort((x, y) => x.date - y.date || order[x.kind] - order[y.kind]);

  let balance = opening;
  let invoices = 0;
  let payments = 0;
  let credits = 0;
  const out: ActivityLine[] = lines.map((line) => {
    balance += line.amount;
    if (line.kind === "invoice") invoices += line.amount;
    else if (line.kind === "credit") credits -= line.amount;
    else payments -= line.amount;
    return { ...line, balance };
  });
  return {
    customer,
    currency,
    from,
    to,
    opening,
    lines: out,
    invoices,
    payments,
    credits,
    closing: opening + invoices - payments - credits,
  };
}
