/**
 * Statement documents (对账单), built on `openItemStatement` and `activityStatement` of
 * ../statement: what the printed statement adds — the customer block and number, the summary
 * box (opening + invoiced − received − credit notes = closing, of which overdue), debit and
 * credit columns with a running balance, a cumulative column for open items, the aging footer
 * with headings, the balance in words, and the pay-by and reply-by dates.
 */
import type { Analysis } from "../analyze";
import type { Serial } from "../dates";
import type { Locale } from "../messages";
import type { Minor } from "../money";
import { computePosition, ItemStatus, type Position } from "../position";
import { activityStatement, openItemStatement } from "../statement";
import {
  byCustomerCode,
  currencyFields,
  customerFields,
  inWords,
  type DocumentHeader,
  type DocumentOptions,
} from "./common";
import { DocNumbers } from "./docno";
import { bucketHeading, documentText, lineTypeLabel, type LineType } from "./messages";

/** A column of the aging footer: `{{#buckets}}{{bucket.label}} {{bucket.amount}}{{/buckets}}`. */
export interface BucketCell {
  /** The policy's label (`current`, `1-30`, `91+`). */
  key: string;
  /** Heading in the locale (未到期, 1–30天, 90天以上 / Current, 1–30 days, Over 90 days). */
  label: string;
  amount: Minor;
}

export interface StatementOptions extends DocumentOptions {
  /** Days after the issue date to pay the overdue part (default 7). */
  payDays?: number;
  /** Days to check and return the statement (default 10). */
  replyDays?: number;
  /** Also make statements with nothing to show (no lines and a zero balance). */
  includeEmpty?: boolean;
  /** Only these customers (indices in `ledger.customers`). */
  customers?: readonly number[];
  /**
   * The ledger's position at the as-of date with its applications (`computePosition`), shared
   * by the balance-forward statements of a batch; computed when not given.
   */
  position?: Position;
}

interface StatementCommon extends DocumentHeader {
  /** Overdue part of the balance (Σ overdue items' outstanding). */
  overdue: Minor;
  /** Aging of the balance, in the policy's bucket order; adds up to the balance. */
  buckets: BucketCell[];
  payDays: number;
  /** issueDate + payDays: pay the overdue part by then. */
  payBy: Serial;
  replyDays: number;
  /** issueDate + replyDays. */
  replyBy: Serial;
}

/** A line of the open-item statement: `{{#items}}`. */
export interface OpenItemRow {
  /** Index in `ledger.items`, -1 for unapplied cash. */
  item: number;
  /** invoice, credit (credit note or overpaid item) or unapplied (cash not applied). */
  kind: "invoice" | "credit" | "unapplied";
  /** `kind` in the locale. */
  type: string;
  invoice: string | null;
  contract: string | null;
  /** Invoice date (payment date for cash; null when undated). */
  date: Serial | null;
  dueDate: Serial | null;
  amount: Minor;
  /** amount − outstanding. */
  paid: Minor;
  outstanding: Minor;
  /** Days overdue (negative: not yet due); null for cash. */
  daysOverdue: number | null;
  /** Running total of `outstanding` down the list; the last equals the balance. */
  cumulative: Minor;
}

export interface OpenItemStatementDoc extends StatementCommon {
  items: OpenItemRow[];
  openItems: number;
  /** Unapplied cash included in the balance (≤ 0). */
  unapplied: Minor;
  /** The balance at the as-of date (= exposure). */
  balance: Minor;
  balanceInWords: string;
}

/** A line of the balance-forward statement: `{{#lines}}`. */
export interface ActivityRow {
  date: Serial | null;
  kind: LineType;
  /** `kind` in the locale: 上期结转, 销售发票, 退货/折让, 收款. */
  type: string;
  /** The invoice or payment number. */
  docNo: string | null;
  /** What the line is: the contract of an invoice, the invoice a payment settled. */
  summary: string;
  /** 应收（借方）: invoices (and refunds paid out); 0 otherwise. */
  debit: Minor;
  /** 已收（贷方）: payments and credit notes; 0 otherwise. */
  credit: Minor;
  /** Running balance after the line. */
  balance: Minor;
  /** The item concerned (-1: none), and the payment row (-1: none). */
  item: number;
  payment: number;
}

export interface ActivityStatementDoc extends StatementCommon {
  period: { from: Serial; to: Serial };
  openingBalance: Minor;
  /** Summary box: 本期应收, 本期回款, 退货/折让 (all positive amounts). */
  totals: { invoiced: Minor; received: Minor; creditNotes: Minor; debit: Minor; credit: Minor };
  /** = openingBalance + invoiced − received − creditNotes = the exposure at `period.to`. */
  closingBalance: Minor;
  /** The closing balance, as `balance` of the open-item statement. */
  balance: Minor;
  balanceInWords: string;
  /** Lines of the period, oldest first; the first is the balance brought forward. */
  lines: ActivityRow[];
}

function common(
  a: Analysis,
  customer: number,
  currency: number,
  options: StatementOptions,
): StatementCommon {
  const numbers = options.numbers ?? new DocNumbers();
  const locale = options.locale ?? "en-US";
  const issueDate = options.issueDate ?? a.asOf;
  const payDays = options.payDays ?? 7;
  const replyDays = options.replyDays ?? 10;
  const c = customerFields(a.ledger, customer);
  const group = a.customers.find((g) => g.customer === customer && g.currency === currency);
  return {
    docNo: numbers.next("statement", issueDate, c.code),
    issueDate,
    asOf: a.asOf,
    customer: c,
    ...currencyFields(a.ledger, currency),
    overdue: group?.overdue ?? 0,
    buckets: a.labels.map((key, b) => ({
      key,
      label: bucketHeading(key, locale),
      amount: group?.buckets[b] ?? 0,
    })),
    payDays,
    payBy: issueDate + payDays,
    replyDays,
    replyBy: issueDate + replyDays,
  };
}

/** The open-item statement of a customer in one currency at the analysis date. */
export function openItemStatementDoc(
  a: Analysis,
  customer: number,
  currency: number,
  options: StatementOptions = {},
): OpenItemStatementDoc {
  const locale: Locale = options.locale ?? "en-US";
  const it = a.ledger.items;
  const s = openItemStatement(a, customer, currency);
  const head = common(a, customer, currency, options);
  let cumulative = 0;
  const items: OpenItemRow[] = s.lines.map((line) => {
    cumulative += line.outstanding;
    const kind = line.outstanding > 0 ? "invoice" : "credit";
    return {
      item: line.item,
      kind,
      type: lineTypeLabel(kind, locale),
      invoice: line.ref,
      contract: it.contract[line.item],
      date: line.invoiceDate || null,
      dueDate: line.due || null,
      amount: line.amount,
      paid: line.amount - line.outstanding,
      outstanding: line.outstanding,
      daysOverdue: line.due ? line.daysOverdue : null,
      cumulative,
    };
  });
  const cash = a.position.unapplied
    .filter((u) => u.customer === customer && u.currency === currency)
    .sort((x, y) => x.date - y.date || x.payment - y.payment);
  for (const u of cash) {
    cumulative += u.amount;
    items.push({
      item: -1,
      kind: "unapplied",
      type: unappliedLabel(locale),
      invoice: a.ledger.payments.ref[u.payment],
      contract: null,
      date: u.date || null,
      dueDate: null,
      amount: u.amount,
      paid: 0,
      outstanding: u.amount,
      daysOverdue: null,
      cumulative,
    });
  }
  return {
    ...head,
    items,
    openItems: items.length,
    unapplied: s.unapplied,
    balance: s.balance,
    balanceInWords: inWords(s.balance, head.currency, locale),
  };
}

function unappliedLabel(locale: Locale): string {
  return documentText("unapplied", locale);
}

/**
 * The balance-forward statement of a customer in one currency for [from, analysis date]:
 * opening balance, every invoice, credit note and payment with a running balance, closing
 * balance, with the overdue part and aging of the closing balance from the analysis.
 */
export function activityStatementDoc(
  a: Analysis,
  customer: number,
  currency: number,
  from: Serial,
  options: StatementOptions = {},
): ActivityStatementDoc {
  const locale: Locale = options.locale ?? "en-US";
  const ledger = a.ledger;
  const s = activityStatement(ledger, customer, currency, from, a.asOf, options.position);
  const head = common(a, customer, currency, options);
  let debit = 0;
  let credit = 0;
  const lines: ActivityRow[] = [
    {
      date: from,
      kind: "opening",
      type: lineTypeLabel("opening", locale),
      docNo: null,
      summary: "",
      debit: 0,
      credit: 0,
      balance: s.opening,
      item: -1,
      payment: -1,
    },
  ];
  for (const line of s.lines) {
    const d = line.amount > 0 ? line.amount : 0;
    const c = line.amount < 0 ? -line.amount : 0;
    debit += d;
    credit += c;
    let summary = "";
    if (line.kind === "payment") {
      const settled = line.item >= 0 ? ledger.items.ref[line.item] : null;
      if (line.item < 0) summary = documentText("notApplied", locale);
      else if (settled) summary = documentText("appliedTo", locale, { ref: settled });
    } else {
      const contract = ledger.items.contract[line.item];
      if (contract) summary = documentText("contract", locale, { contract });
    }
    lines.push({
      date: line.date || null,
      kind: line.kind,
      type: lineTypeLabel(line.kind, locale),
      docNo: line.ref,
      summary,
      debit: d,
      credit: c,
      balance: line.balance,
      item: line.item,
      payment: line.payment,
    });
  }
  return {
    ...head,
    period: { from, to: a.asOf },
    openingBalance: s.opening,
    totals: {
      invoiced: s.invoices,
      received: s.payments,
      creditNotes: s.credits,
      debit,
      credit,
    },
    closingBalance: s.closing,
    balance: s.closing,
    balanceInWords: inWords(s.closing, head.currency, locale),
    lines,
  };
}

/** Customer and currency pairs with items in the position, by customer code. */
function groups(a: Analysis, options: StatementOptions) {
  const only = options.customers ? new Set(options.customers) : null;
  return a.customers.filter((g) => !only || only.has(g.customer)).sort(byCustomerCode(a));
}

/** Open-item statements of every customer and currency with something open. */
export function openItemStatements(
  a: Analysis,
  options: StatementOptions = {},
): OpenItemStatementDoc[] {
  const shared = { ...options, numbers: options.numbers ?? new DocNumbers() };
  return groups(a, options)
    .filter((g) => options.includeEmpty || g.openItems > 0)
    .map((g) => openItemStatementDoc(a, g.customer, g.currency, shared));
}

/**
 * Balance-forward statements for [from, analysis date] of every customer and currency with a
 * line in the period or a balance at either end.
 */
export function activityStatements(
  a: Analysis,
  from: Serial,
  options: StatementOptions = {},
): ActivityStatementDoc[] {
  const shared = {
    ...options,
    numbers: options.numbers ?? new DocNumbers(),
    position: options.position ?? computePosition(a.ledger, a.asOf),
  };
  const out: ActivityStatementDoc[] = [];
  const active = options.includeEmpty ? null : activeGroups(a, from);
  const nc = a.ledger.currencies.length;
  for (const g of groups(a, options)) {
    if (active && !active.has(g.customer * nc + g.currency)) continue;
    out.push(activityStatementDoc(a, g.customer, g.currency, from, shared));
  }
  return out;
}

/**
 * Customer and currency groups (customer × currencies + currency) whose statement shows
 * something: an open item, an item invoiced or settled in the period, or unapplied cash.
 */
function activeGroups(a: Analysis, from: Serial): Set<number> {
  const it = a.ledger.items;
  const nc = a.ledger.currencies.length;
  const active = new Set<number>();
  for (let i = 0; i < it.length; i++) {
    const st = a.items.status[i];
    if (
      st === ItemStatus.open ||
      (st === ItemStatus.closed && (it.invoiceDate[i] >= from || a.items.settled[i] >= from))
    )
      active.add(it.customer[i] * nc + it.currency[i]);
  }
  for (const u of a.position.unapplied) active.add(u.customer * nc + u.currency);
  return active;
}
