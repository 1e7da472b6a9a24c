/**
 * Balance confirmations (对账函 / 企业询证函): per customer and currency, the balance at the
 * as-of date split as the confirmation's table has it — what the customer owes us (receivable:
 * the positive open items) and what we owe it (payable: credit notes, overpayments and
 * unapplied cash, as a positive number) — with the open items behind it and the reply-by date.
 * The net balance equals the customer's exposure of the analysis.
 */
import type { Analysis } from "../analyze";
import type { Serial } from "../dates";
import type { Minor } from "../money";
import { ItemStatus } from "../position";
import {
  addWorkingDays,
  byCustomerCode,
  currencyFields,
  customerFields,
  inWords,
  type DocumentHeader,
  type DocumentOptions,
} from "./common";
import { DocNumbers } from "./docno";

/** What a line of the confirmation is. */
export type ConfirmationLineKind = "invoice" | "credit" | "unapplied";

/** One open item behind the balance: a row of `{{#items}}`. */
export interface ConfirmationItem {
  /** Index in `ledger.items`; -1 for unapplied cash. */
  item: number;
  /** Index in `ledger.payments` for unapplied cash; -1 otherwise. */
  payment: number;
  /** invoice: a positive item; credit: a credit note or an overpaid item; unapplied: cash. */
  kind: ConfirmationLineKind;
  /** Invoice number, or the payment's reference for unapplied cash. */
  invoice: string | null;
  contract: string | null;
  /** Invoice date, or the payment date (null when undated). */
  date: Serial | null;
  /** Due date; null for unapplied cash. */
  dueDate: Serial | null;
  /** Original amount (for cash: the open amount). */
  amount: Minor;
  /** Open amount at the as-of date: positive owed to us, negative owed to the customer. */
  outstanding: Minor;
}

export interface BalanceConfirmation extends DocumentHeader {
  /** 贵公司欠本公司: Σ positive open amounts. */
  receivable: Minor;
  receivableInWords: string;
  /** 本公司欠贵公司: Σ negative open amounts (credits, overpayments, unapplied cash), positive. */
  payable: Minor;
  payableInWords: string;
  /** receivable − payable = the customer's exposure in this currency. */
  balance: Minor;
  balanceInWords: string;
  /** Open items, oldest due first, then unapplied cash by date. */
  items: ConfirmationItem[];
  openItems: number;
  /** Unapplied cash included in the balance (negative or 0). */
  unapplied: Minor;
  /** Working days given to reply, and the date: issue date + replyDays working days. */
  replyDays: number;
  replyBy: Serial;
  /** The 备注 cell of the table: empty unless given. */
  note: string;
}

export interface ConfirmationOptions extends DocumentOptions {
  /** Working days to reply (default 10, as the 1999 reference format says). */
  replyDays?: number;
  /** Also confirm zero balances (customers with nothing open), as audits sometimes ask. */
  includeZero?: boolean;
  /** Only these customers (indices in `ledger.customers`). */
  customers?: readonly number[];
  note?: string;
}

/** The confirmation of one customer in one currency at the analysis date. */
export function balanceConfirmation(
  a: Analysis,
  customer: number,
  currency: number,
  options: ConfirmationOptions = {},
): BalanceConfirmation {
  const numbers = options.numbers ?? new DocNumbers();
  const { ledger, items: r } = a;
  const it = ledger.items;
  const locale = options.locale ?? "en-US";
  const issueDate = options.issueDate ?? a.asOf;
  const replyDays = options.replyDays ?? 10;

  const lines: ConfirmationItem[] = [];
  for (let i = 0; i < it.length; i++) {
    if (it.customer[i] !== customer || it.currency[i] !== currency) continue;
    if (r.status[i] !== ItemStatus.open) continue;
    lines.push({
      item: i,
      payment: -1,
      kind: r.outstanding[i] > 0 ? "invoice" : "credit",
      invoice: it.ref[i],
      contract: it.contract[i],
      date: it.invoiceDate[i] || null,
      dueDate: r.due[i] || null,
      amount: it.amount[i],
      outstanding: r.outstanding[i],
    });
  }
  lines.sort(
    (x, y) =>
      (x.dueDate ?? 0) - (y.dueDate ?? 0) || (x.date ?? 0) - (y.date ?? 0) || x.item - y.item,
  );
  const cash = a.position.unapplied
    .filter((u) => u.customer === customer && u.currency === currency)
    .sort((x, y) => x.date - y.date || x.payment - y.payment);
  for (const u of cash) {
    lines.push({
      item: -1,
      payment: u.payment,
      kind: "unapplied",
      invoice: ledger.payments.ref[u.payment],
      contract: null,
      date: u.date || null,
      dueDate: null,
      amount: u.amount,
      outstanding: u.amount,
    });
  }

  let receivable = 0;
  let payable = 0;
  let unapplied = 0;
  for (const line of lines) {
    if (line.outstanding > 0) receivable += line.outstanding;
    else payable -= line.outstanding;
    if (line.kind === "unapplied") unapplied += line.outstanding;
  }
  const balance = receivable - payable;
  const cur = currencyFields(ledger, currency);
  const c = customerFields(ledger, customer);
  return {
    docNo: numbers.next("confirmation", issueDate, c.code),
    issueDate,
    asOf: a.asOf,
    customer: c,
    ...cur,
    receivable,
    receivableInWords: inWords(receivable, cur.currency, locale),
    payable,
    payableInWords: inWords(payable, cur.currency, locale),
    balance,
    balanceInWords: inWords(balance, cur.currency, locale),
    items: lines,
    openItems: lines.length,
    unapplied,
    replyDays,
    replyBy: addWorkingDays(issueDate, replyDays),
    note: options.note ?? "",
  };
}

/**
 * Confirmations for every customer and currency with something open (or, with `includeZero`,
 * every customer and currency of the analysis), ordered by customer code and currency.
 */
export function balanceConfirmations(
  a: Analysis,
  options: ConfirmationOptions = {},
): BalanceConfirmation[] {
  const shared = { ...options, numbers: options.numbers ?? new DocNumbers() };
  const only = options.customers ? new Set(options.customers) : null;
  return a.customers
    .filter((g) => (options.includeZero || g.openItems > 0) && (!only || only.has(g.customer)))
    .sort(byCustomerCode(a))
    .map((g) => balanceConfirmation(a, g.customer, g.currency, shared));
}
