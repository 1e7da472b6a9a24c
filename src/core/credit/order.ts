/**
 * The order check (订单信用审核): may we ship this order to this customer on credit?
 *
 * As of the analysis date, for one customer, an amount and a currency, under the credit policy:
 *
 * 1. the grade's rule: prepayment (款到发货) or cash on delivery (货到付款) → `prepaymentRequired`;
 * 2. the limit: the recorded limit × the grade's factor, capped by the grade's maximum (or the
 *    grade's default when none is recorded); none set, zero, or a limit kept in another currency
 *    → `noCredit`;
 * 3. overdue items: an item more than the policy's days overdue, or past its act-by date (the
 *    one-third rule), blocks → `overdueBlocked` (disputed items do not block; they are listed);
 * 4. headroom: limit − exposure (DESIGN §3) before the order, and after it; below zero after →
 *    `overLimit`.
 *
 * The verdict is the first of those that applies; every reason that applies is listed, with its
 * figures, so a credit controller sees all of them at once. A warning (review overdue, terms
 * longer than the grade's) never changes the verdict. An order is approved only when exposure +
 * amount ≤ the effective limit: never beyond it.
 */
import { Hold, type Analysis } from "../analyze";
import { ymdFromSerial, daysInMonth, serialFromYmd, type Serial } from "../dates";
import { matchKey } from "../ledger";
import { formatMinor, minorDigits, toMinor, type CurrencyCode, type Minor } from "../money";
import { ItemStatus } from "../position";
import { gradeLimit } from "./limits";
import { DEFAULT_CREDIT_POLICY, gradeRule, type CreditPolicy } from "./policy";

export type Verdict = "ok" | "overLimit" | "overdueBlocked" | "prepaymentRequired" | "noCredit";

/** Verdicts from the most to the least severe: the first that applies wins. */
export const VERDICT_ORDER: readonly Verdict[] = [
  "prepaymentRequired",
  "noCredit",
  "overdueBlocked",
  "overLimit",
  "ok",
];

export type ReasonCode =
  | "customer.unknown"
  | "grade.prepayment"
  | "grade.cashOnDelivery"
  | "grade.unlisted"
  | "limit.notSet"
  | "limit.zero"
  | "limit.otherCurrency"
  | "limit.exceeded"
  | "limit.alreadyOver"
  | "limit.within"
  | "limit.policy"
  | "overdue.blocking"
  | "overdue.pastActBy"
  | "overdue.disputed"
  | "overdue.belowMinimum"
  | "review.overdue"
  | "review.never"
  | "terms.longer";

export interface Reason {
  code: ReasonCode;
  /** `block` reasons make the verdict; warnings and info do not. */
  severity: "block" | "warning" | "info";
  /** The verdict a blocking reason gives. */
  verdict: Verdict | null;
  /** Figures for the message: amounts already formatted in the order's currency. */
  params: Record<string, string | number | null>;
}

export interface OrderCheck {
  verdict: Verdict;
  approved: boolean;
  /** Index in `ledger.customers`, -1 for a customer ar-desk does not know. */
  customer: number;
  customerCode: string;
  customerName: string | null;
  currency: CurrencyCode;
  digits: number;
  asOf: Serial;
  /** The order amount, minor units. */
  amount: Minor;
  /** The grade as the table names it, the customer's own text when unlisted, null when none. */
  grade: string | null;
  gradeListed: boolean;
  /** The customer's recorded limit (minor units of the limit's currency), null when none. */
  recordedLimit: Minor | null;
  /** The limit the grade allows (null: none set). */
  limit: Minor | null;
  /** Exposure in the order's currency before the order (DESIGN §3). */
  exposure: Minor;
  /** limit − exposure, and after the order; null without a limit. */
  headroomBefore: Minor | null;
  headroomAfter: Minor | null;
  /** Overdue outstanding and items of the customer in the currency. */
  overdue: Minor;
  overdueItems: number;
  /** The overdue items that block (index in `ledger.items`), and their total. */
  blockingItems: number[];
  blocking: Minor;
  maxDaysOverdue: number | null;
  /** Payment terms of the grade, days; null when the grade does not say. */
  termsDays: number | null;
  lastReview: Serial | null;
  nextReview: Serial | null;
  reasons: Reason[];
}

export interface CheckOrderOptions {
  /** The customer's last credit review date (from the customer list), if known. */
  lastReview?: Serial | null;
}

/** The serial `months` calendar months after `serial`, the day clamped to the month's end. */
export function addMonths(serial: Serial, months: number): Serial {
  const { year, month, day } = ymdFromSerial(serial);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return serialFromYmd(y, m, Math.min(day, daysInMonth(y, m))) as Serial;
}

/** The index of a customer by code or name (as the ledger matches them), or -1. */
export function findCustomer(a: Pick<Analysis, "ledger">, codeOrName: string): number {
  const key = matchKey(codeOrName);
  const list = a.ledger.customers;
  for (const c of list) if (matchKey(c.code) === key) return c.index;
  for (const c of list) if (c.name !== null && matchKey(c.name) === key) return c.index;
  return -1;
}

/** An overdue open item of the customer in the order's currency, as the rules see it. */
export interface OverdueFact {
  /** Its index (in `ledger.items`, or the row of the cells it came from). */
  item: number;
  outstanding: Minor;
  daysOverdue: number;
  disputed: boolean;
  /** The as-of date is past its act-by date (the one-third rule). */
  pastActBy: boolean;
}

/**
 * What the order check judges, however it was gathered: from an analysis (`checkOrder`) or from
 * the cells of a sheet (AR.CHECKORDER). One set of rules (`judgeOrder`) for both.
 */
export interface OrderFacts {
  /** Index of the customer (-1 when unknown). */
  customer: number;
  customerCode: string;
  customerName: string | null;
  /** Whether ar-desk knows the customer at all (else: no credit). */
  known: boolean;
  /** The customer's grade as recorded; null when none. */
  grade: string | null;
  currency: CurrencyCode;
  digits: number;
  asOf: Serial;
  amount: Minor;
  /** The recorded credit limit (minor units of its currency), null when none. */
  recordedLimit: Minor | null;
  /** The currency the recorded limit is kept in when it is not the order's; null otherwise. */
  limitOtherCurrency: string | null;
  /** Exposure in the order's currency before the order (DESIGN §3). */
  exposure: Minor;
  /** The customer's overdue open items in the order's currency. */
  overdueItems: readonly OverdueFact[];
  /** The customer's own payment terms in days, when known. */
  termsDays: number | null;
  lastReview: Serial | null;
}

/**
 * Checks an order of `amount` (minor units, > 0) in `currency` for `customer` (code, name or
 * index). `currency` undefined: the currency of the customer's limit, else the one it is
 * invoiced in, else the ledger's first.
 */
export function checkOrder(
  a: Analysis,
  customer: string | number,
  amount: Minor,
  currency?: CurrencyCode,
  policy: CreditPolicy = DEFAULT_CREDIT_POLICY,
  options: CheckOrderOptions = {},
): OrderCheck {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new RangeError(`an order amount is a positive whole number of minor units: ${amount}`);
  const { ledger, items: r, asOf } = a;
  const c = typeof customer === "number" ? customer : findCustomer(a, customer);
  const cu = c >= 0 && c < ledger.customers.length ? ledger.customers[c] : null;
  const positions = cu ? a.customers.filter((p) => p.customer === c) : [];
  const limitPosition = positions.find((p) => p.creditLimit !== null) ?? null;

  let cur: CurrencyCode;
  if (currency !== undefined) cur = currency;
  else if (cu?.currency) cur = cu.currency;
  else if (limitPosition) cur = ledger.currencies[limitPosition.currency];
  else if (positions.length === 1) cur = ledger.currencies[positions[0].currency];
  else cur = ledger.currencies.length > 1 ? ledger.currencies[1] : null;
  const curIndex = ledger.currencies.indexOf(cur);
  const position = positions.find((p) => p.currency === curIndex) ?? null;
  const limitCurrency = limitPosition ? limitPosition.currency : curIndex;

  const it = ledger.items;
  const overdueItems: OverdueFact[] = [];
  if (cu)
    for (let i = 0; i < it.length; i++) {
      if (it.customer[i] !== c || it.currency[i] !== curIndex) continue;
      if (r.status[i] !== ItemStatus.open || r.overdue[i] !== 1) continue;
      overdueItems.push({
        item: i,
        outstanding: r.outstanding[i],
        daysOverdue: r.daysOverdue[i],
        disputed: r.hold[i] === Hold.disputed,
        pastActBy: r.due[i] !== 0 && asOf > r.actBy[i],
      });
    }

  return judgeOrder(
    {
      customer: cu ? c : -1,
      customerCode: cu?.code ?? (typeof customer === "string" ? customer.trim() : String(customer)),
      customerName: cu?.name ?? null,
      known: cu !== null,
      grade: cu?.grade ?? null,
      currency: cur,
      digits: minorDigits(cur),
      asOf,
      amount,
      recordedLimit: cu?.creditLimit ?? null,
      limitOtherCurrency:
        cu?.creditLimit !== null && cu?.creditLimit !== undefined && limitCurrency !== curIndex
          ? (ledger.currencies[limitCurrency] ?? "-")
          : null,
      exposure: position?.exposure ?? 0,
      overdueItems,
      termsDays: cu?.terms ? cu.terms.days : null,
      lastReview: options.lastReview ?? null,
    },
    policy,
  );
}

/**
 * The rules of the order check on gathered facts: the verdict, every reason with its figures,
 * headroom before and after. Never approves beyond the limit.
 */
export function judgeOrder(
  f: OrderFacts,
  policy: CreditPolicy = DEFAULT_CREDIT_POLICY,
): OrderCheck {
  const { amount, asOf, digits } = f;
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new RangeError(`an order amount is a positive whole number of minor units: ${amount}`);
  const fmt = (m: Minor) => formatMinor(m, digits);
  const exposure = f.exposure;

  const reasons: Reason[] = [];
  const block = (code: ReasonCode, verdict: Verdict, params: Reason["params"] = {}) =>
    reasons.push({ code, severity: "block", verdict, params });
  const note = (code: ReasonCode, severity: "warning" | "info", params: Reason["params"] = {}) =>
    reasons.push({ code, severity, verdict: null, params });

  const { rule, grade, listed } = gradeRule(policy, f.known ? f.grade : null);
  const base = {
    customer: f.known ? f.customer : -1,
    customerCode: f.customerCode,
    customerName: f.customerName,
    currency: f.currency,
    digits,
    asOf,
    amount,
    grade,
    gradeListed: listed,
    termsDays: rule.termsDays,
  };

  if (!f.known) {
    block("customer.unknown", "noCredit", { customer: base.customerCode });
    return finish({
      ...base,
      recordedLimit: null,
      limit: null,
      exposure: 0,
      headroomBefore: null,
      headroomAfter: null,
      overdue: 0,
      overdueItems: 0,
      blockingItems: [],
      blocking: 0,
      maxDaysOverdue: null,
      lastReview: f.lastReview,
      nextReview: null,
    });
  }

  if (f.grade && !listed) note("grade.unlisted", "info", { grade: f.grade });
  if (rule.prepayment) block("grade.prepayment", "prepaymentRequired", { grade });
  else if (rule.cashOnDelivery) block("grade.cashOnDelivery", "prepaymentRequired", { grade });

  // The limit the grade allows, in minor units of the order's currency.
  const recorded = f.recordedLimit;
  let limit: Minor | null = null;
  if (recorded !== null && f.limitOtherCurrency !== null) {
    block("limit.otherCurrency", "noCredit", {
      currency: f.currency ?? "-",
      limitCurrency: f.limitOtherCurrency,
    });
  } else {
    // The same limit every face shows (limits.ts).
    limit = gradeLimit(policy, f.known ? f.grade : null, recorded, digits).limit;
    if (limit === null) block("limit.notSet", "noCredit");
    else if (limit <= 0) block("limit.zero", "noCredit", { grade: grade ?? "-" });
    // One limit per customer: when the policy changes the recorded one, say which and why.
    if (limit !== null && limit !== recorded)
      note("limit.policy", "info", {
        limit: fmt(limit),
        recorded: recorded === null ? "-" : fmt(recorded),
        grade: grade ?? "-",
      });
  }

  // Overdue items of the customer in the currency.
  const blockDays = rule.blockOverdueDays ?? policy.blockOverdueDays;
  let overdue = 0;
  let maxDays: number | null = null;
  let disputed = 0;
  let disputedItems = 0;
  const blockingItems: number[] = [];
  let blocking = 0;
  let pastActBy = 0;
  for (const x of f.overdueItems) {
    const out = x.outstanding;
    const days = x.daysOverdue;
    overdue += out;
    if (maxDays === null || days > maxDays) maxDays = days;
    if (x.disputed) {
      disputed += out;
      disputedItems++;
      continue;
    }
    const byDays = blockDays !== null && days > blockDays;
    const byActBy = policy.blockPastActBy && x.pastActBy;
    if (byDays || byActBy) {
      blockingItems.push(x.item);
      blocking += out;
      if (byActBy && !byDays) pastActBy++;
    }
  }
  const minimum = toMinor(policy.blockOverdueMinimum, digits) ?? 0;
  if (blockingItems.length > 0 && blocking > minimum) {
    let oldest = 0;
    for (const x of f.overdueItems)
      if (blockingItems.includes(x.item)) oldest = Math.max(oldest, x.daysOverdue);
    block("overdue.blocking", "overdueBlocked", {
      items: blockingItems.length,
      amount: fmt(blocking),
      days: oldest,
      limitDays: blockDays,
    });
    if (pastActBy > 0) note("overdue.pastActBy", "info", { items: pastActBy });
  } else if (blockingItems.length > 0) {
    note("overdue.belowMinimum", "info", { amount: fmt(blocking), minimum: fmt(minimum) });
  }
  if (disputedItems > 0)
    note("overdue.disputed", "warning", { items: disputedItems, amount: fmt(disputed) });

  // Headroom before and after the order.
  const headroomBefore = limit === null ? null : limit - exposure;
  const headroomAfter = headroomBefore === null ? null : headroomBefore - amount;
  if (limit !== null && limit > 0 && headroomAfter !== null && headroomBefore !== null) {
    const params = {
      limit: fmt(limit),
      exposure: fmt(exposure),
      amount: fmt(amount),
      before: fmt(headroomBefore),
      after: fmt(headroomAfter),
      short: fmt(-headroomAfter),
    };
    if (headroomBefore < 0) block("limit.alreadyOver", "overLimit", params);
    else if (headroomAfter < 0) block("limit.exceeded", "overLimit", params);
    else note("limit.within", "info", params);
  }

  // Warnings: the review and the terms.
  const lastReview = f.lastReview;
  const nextReview = lastReview === null ? null : addMonths(lastReview, rule.reviewMonths);
  if (lastReview === null) note("review.never", "warning");
  else if (nextReview !== null && nextReview < asOf)
    note("review.overdue", "warning", { next: nextReview, days: asOf - nextReview });
  if (rule.termsDays !== null && f.termsDays !== null && f.termsDays > rule.termsDays)
    note("terms.longer", "warning", { customer: f.termsDays, grade: rule.termsDays });

  return finish({
    ...base,
    recordedLimit: recorded,
    limit,
    exposure,
    headroomBefore,
    headroomAfter,
    overdue,
    overdueItems: f.overdueItems.length,
    blockingItems,
    blocking,
    maxDaysOverdue: maxDays,
    lastReview,
    nextReview,
  });

  function finish(o: Omit<OrderCheck, "verdict" | "approved" | "reasons">): OrderCheck {
    let verdict: Verdict = "ok";
    for (const v of VERDICT_ORDER)
      if (reasons.some((x) => x.verdict === v)) {
        verdict = v;
        break;
      }
    // The guarantee, stated once more where it matters: nothing beyond the limit is approved.
    if (verdict === "ok" && (o.limit === null || !(o.exposure + o.amount <= o.limit)))
      throw new Error("checkOrder: an approval beyond the limit (a bug)");
    return { ...o, verdict, approved: verdict === "ok", reasons };
  }
}
