/**
 * The custom functions, pure: what functions.ts declares to Excel, computed with the engine's
 * own rules (src/core) on the cells the user points at. Every function takes matrices (a single
 * value is 1×1) and returns a matrix: per-row functions spill the shape of their arguments, the
 * lookup, table and KPI functions return what they compute. Blank in gives blank out (""); a
 * cell that cannot be read gives `#VALUE!` (or its own error, for an error cell) with a message
 * naming the argument.
 *
 * Definitions are DESIGN §3's, through the core: days overdue = as-of − due date; aging buckets
 * by `bucketTable`/`bucketOf`; overdue = outstanding > 0 and days overdue > grace days; act-by =
 * due + floor(term / 3); the dunning level by the default ladder, reported also for held items.
 */
import * as analyzeModule from "../core/analyze";
import {
  DEFAULT_CREDIT_POLICY,
  judgeOrder,
  reasonMessage,
  verdictLabel,
  type OrderCheck,
  type OverdueFact,
} from "../core/credit";
import { isoFromSerial } from "../core/dates";
import * as itemRules from "../core/item-rules";
import { overdueRate } from "../core/kpi";
import { matchKey } from "../core/ledger";
import { fromMinor } from "../core/money";
import {
  Basis,
  learnModel,
  newPrediction,
  predict,
  type History,
  type Prediction,
} from "../core/insight/model";
import { bucketLabels, DEFAULT_POLICY, Policy, type ProvisionBand } from "../core/policy";
import { cellText, parseBoolCell } from "../sheet/values";
import * as cells from "./cells";
import type { Arg } from "./cells";
import { actionText, basisText, sizeText, tableWords, type ActionCode } from "./messages";

// Bound once, as locals: the per-cell loops below call these a million times, and under
// CommonJS interop (tsx, ts-jest) every use of an imported name is a property or getter read.
const { actByDate, bucketOf, bucketTable, ladderLevel, PreDue } = analyzeModule;
const { isOverdue, itemLevel, lateInterest, preDueStep } = itemRules;
const {
  arg,
  at,
  BLANK,
  cellCount,
  currentLocale,
  divisionByZero,
  errorOf,
  FAIL,
  failure,
  failWith,
  isBlankValue,
  isSingle,
  lengthError,
  nth,
  OK,
  one,
  rateOf,
  readAsOf,
  readDate,
  readDateNth,
  readDays,
  readHold,
  readMoney,
  readMoneyNth,
  readRate,
  readTerm,
  S,
  show,
  spill,
  toCell,
} = cells;

export { FunctionError, setErrorFactory, setLocale, type ErrorCode } from "./cells";

type Result = unknown[][];

/** Amounts leave as major units (two decimals: amounts are read to the cent). */
const major = (minor: number): number => fromMinor(minor, 2);

// ---------------------------------------------------------------------------------------------
// Policies from arguments, cached: a formula filled down a column asks for the same one again.

interface Aging {
  table: Int8Array;
  labels: string[];
}

const DEFAULT_AGING: Aging = {
  table: bucketTable(DEFAULT_POLICY),
  labels: bucketLabels(DEFAULT_POLICY),
};
/** Distinct thresholds or ladders kept; past it a cache starts again (a workbook has a few). */
const CACHE_LIMIT = 256;
const agingCache = new Map<string, Aging>();
/** The last text thresholds seen (with the default basis) and their table. */
let lastText = "";
let lastAging = DEFAULT_AGING;

/** The bucket table of `thresholds` and `basis` arguments, or an error result. */
function agingOf(thresholds: Arg, basis: Arg): Aging | { error: unknown } {
  // Fast path for a formula filled down with the same text thresholds and the default basis.
  const text = thresholds.m[0][0];
  const how = basis.m[0][0];
  const plainText =
    isSingle(thresholds) && isSingle(basis) && typeof text === "string" && isBlankValue(how)
      ? text
      : null;
  if (plainText !== null && plainText === lastText) return lastAging;
  const quick = plainText !== null ? agingCache.get(`text|${plainText}`) : undefined;
  if (quick !== undefined) {
    lastText = plainText as string;
    return (lastAging = quick);
  }
  const b = basisOf(basis);
  if (b === null) return { error: failure(basis) };
  const t = thresholdsOf(thresholds);
  if (t === null) return { error: failure(thresholds) };
  if (t === "default" && b === "due") return DEFAULT_AGING;
  const list = t === "default" ? DEFAULT_POLICY.thresholds : t;
  const key = `${b}|${list.join(",")}`;
  let aging = agingCache.get(key);
  if (aging === undefined) {
    const parsed = Policy.safeParse({ thresholds: list, basis: b });
    if (!parsed.success) {
      failWith("badThresholds", list.join(","));
      return { error: failure(thresholds) };
    }
    aging = { table: bucketTable(parsed.data), labels: bucketLabels(parsed.data) };
    if (agingCache.size >= CACHE_LIMIT) agingCache.clear();
    agingCache.set(key, aging);
  }
  if (plainText !== null) {
    agingCache.set(`text|${plainText}`, aging);
    lastText = plainText;
    lastAging = aging;
  }
  return aging;
}

const BASIS: Record<string, "due" | "invoice"> = {
  due: "due",
  duedate: "due",
  到期日: "due",
  到期: "due",
  invoice: "invoice",
  invoicedate: "invoice",
  开票日: "invoice",
  开票日期: "invoice",
  发票日期: "invoice",
  业务日期: "invoice",
};

function basisOf(a: Arg): "due" | "invoice" | null {
  const v = a.m[0][0];
  if (isBlankValue(v)) return "due";
  const cell = toCell(v);
  if (typeof cell === "object" && cell !== null) {
    failWith("errorCell", cell);
    return null;
  }
  const b =
    typeof cell === "string"
      ? BASIS[
          cell
            .trim()
            .toLowerCase()
            .replace(/[\s_-]/g, "")
        ]
      : undefined;
  if (b === undefined) failWith("badBasis", v);
  return b ?? null;
}

/** Thresholds from numbers in a range, or one text cell `30,60,90`; "default" when blank. */
function thresholdsOf(a: Arg): number[] | "default" | null {
  const list: number[] = [];
  for (let i = 0; i < cellCount(a); i++) {
    const v = nth(a, i);
    if (typeof v === "number") {
      list.push(v);
      continue;
    }
    if (isBlankValue(v)) continue;
    const cell = toCell(v);
    if (typeof cell !== "string") {
      if (cell !== null && typeof cell === "object") failWith("errorCell", cell);
      else failWith("badThresholds", v);
      return null;
    }
    for (const part of cell.normalize("NFKC").split(/[\s,;、]+/)) {
      if (part === "") continue;
      const n = Number(part);
      if (!Number.isFinite(n)) {
        failWith("badThresholds", v);
        return null;
      }
      list.push(n);
    }
  }
  return list.length === 0 ? "default" : list;
}

const policies = new Map<number, Policy>([[0, DEFAULT_POLICY]]);

/** The default policy with other grace days. */
function policyWithGrace(grace: number): Policy {
  let p = policies.get(grace);
  if (p === undefined) {
    p = { ...DEFAULT_POLICY, graceDays: grace };
    policies.set(grace, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// One row's item: the dates and amounts most functions share.

/** AR.DAYSOVERDUE: as-of − due date (negative: not yet due). */
export function daysOverdue(dueDate: unknown, asOf: unknown): Result {
  const D = arg("due_date", dueDate);
  const A = arg("as_of", asOf);
  return spill([D, A], (r, c) => {
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const now = readAsOf(A, r, c);
    if (S.st !== OK) return failure(A);
    return now - due;
  });
}

/** AR.DAYSLATE: max(0, settled − due) for a settled item; blank when not settled. */
export function daysLate(dueDate: unknown, settledDate: unknown): Result {
  const D = arg("due_date", dueDate);
  const T = arg("settled_date", settledDate);
  return spill([D, T], (r, c) => {
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const settled = readDate(T, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(T);
    return settled > due ? settled - due : 0;
  });
}

/** AR.AGING: the bucket label (`current`, `1-30`, …, or `0-30`, … by invoice date). */
export function aging(date: unknown, asOf: unknown, thresholds?: unknown, basis?: unknown): Result {
  const D = arg("due_date", date);
  const A = arg("as_of", asOf);
  const ag = agingOf(arg("thresholds", thresholds), arg("basis", basis));
  if ("error" in ag) return one(ag.error);
  const { table, labels } = ag;
  return spill([D, A], (r, c) => {
    const d = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const now = readAsOf(A, r, c);
    if (S.st !== OK) return failure(A);
    return labels[bucketOf(table, now - d)];
  });
}

/** AR.OVERDUE: outstanding > 0 and days overdue > grace days. */
export function overdue(
  dueDate: unknown,
  outstanding: unknown,
  asOf: unknown,
  graceDays?: unknown,
): Result {
  const D = arg("due_date", dueDate);
  const O = arg("outstanding", outstanding);
  const A = arg("as_of", asOf);
  const G = arg("grace_days", graceDays);
  return spill([D, O, A, G], (r, c) => {
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const owed = readMoney(O, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(O);
    const now = readAsOf(A, r, c);
    if (S.st !== OK) return failure(A);
    const grace = readDays(G, r, c, 0);
    if (S.st !== OK) return failure(G);
    return isOverdue(owed, now - due, grace);
  });
}

/** AR.ACTBY: the one-third rule's act-by date, due + floor(term / 3); the due date without a term. */
export function actBy(dueDate: unknown, termDays: unknown): Result {
  const D = arg("due_date", dueDate);
  const T = arg("term_days", termDays);
  return spill([D, T], (r, c) => {
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const term = readTerm(T, r, c);
    if (S.st !== OK) return failure(T);
    return actByDate(due, term);
  });
}

/** AR.LEVEL: the dunning level 0–5 of the default ladder (held items keep theirs). */
export function level(
  dueDate: unknown,
  outstanding: unknown,
  asOf: unknown,
  termDays?: unknown,
  graceDays?: unknown,
): Result {
  const D = arg("due_date", dueDate);
  const O = arg("outstanding", outstanding);
  const A = arg("as_of", asOf);
  const T = arg("term_days", termDays);
  const G = arg("grace_days", graceDays);
  return spill([D, O, A, T, G], (r, c) => {
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const owed = readMoney(O, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(O);
    const now = readAsOf(A, r, c);
    if (S.st !== OK) return failure(A);
    const term = readTerm(T, r, c);
    if (S.st !== OK) return failure(T);
    const grace = readDays(G, r, c, 0);
    if (S.st !== OK) return failure(G);
    return itemLevel(policyWithGrace(grace), owed, now - due, now - actByDate(due, term));
  });
}

const LEVEL_ACTIONS: ActionCode[] = ["dueDay", "level1", "level2", "level3", "level4", "level5"];
const PRE_DUE_ACTIONS: Record<number, ActionCode> = {
  [PreDue.none]: "notDue",
  [PreDue.reminder]: "reminder",
  [PreDue.confirm]: "confirm",
  [PreDue.dueDay]: "dueDay",
};

/** AR.NEXTACTION: the next step of the collection schedule, in the user's language. */
export function nextAction(
  dueDate: unknown,
  outstanding: unknown,
  asOf: unknown,
  termDays?: unknown,
  blocked?: unknown,
  graceDays?: unknown,
): Result {
  const D = arg("due_date", dueDate);
  const O = arg("outstanding", outstanding);
  const A = arg("as_of", asOf);
  const T = arg("term_days", termDays);
  const B = arg("blocked", blocked);
  const G = arg("grace_days", graceDays);
  const locale = currentLocale();
  return spill([D, O, A, T, B, G], (r, c) => {
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const owed = readMoney(O, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(O);
    const now = readAsOf(A, r, c);
    if (S.st !== OK) return failure(A);
    const term = readTerm(T, r, c);
    if (S.st !== OK) return failure(T);
    const hold = readHold(B, r, c);
    if (S.st !== OK) return failure(B);
    const grace = readDays(G, r, c, 0);
    if (S.st !== OK) return failure(G);
    if (owed <= 0) return actionText("nothing", locale);
    // As `analyze`: a promise-to-pay date holds the item until it has passed.
    if (hold === 1) return actionText("disputed", locale);
    if (hold > 1 && hold >= now) return actionText("promise", locale, isoFromSerial(hold));
    const policy = policyWithGrace(grace);
    const od = now - due;
    if (isOverdue(owed, od, grace)) {
      const lv = ladderLevel(policy, od, now - actByDate(due, term));
      return actionText(LEVEL_ACTIONS[Math.min(lv, 5)], locale);
    }
    return actionText(PRE_DUE_ACTIONS[preDueStep(policy, od)], locale);
  });
}

/** AR.INTEREST: simple late interest, outstanding × annual rate × days overdue / 365 (0 if not overdue). */
export function interest(
  outstanding: unknown,
  dueDate: unknown,
  asOf: unknown,
  annualRate: unknown,
): Result {
  const O = arg("outstanding", outstanding);
  const D = arg("due_date", dueDate);
  const A = arg("as_of", asOf);
  const R = arg("annual_rate", annualRate);
  return spill([O, D, A, R], (r, c) => {
    const owed = readMoney(O, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(O);
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    const now = readAsOf(A, r, c);
    if (S.st !== OK) return failure(A);
    const rate = readRate(R, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(R);
    const od = now - due;
    return isOverdue(owed, od, 0) ? major(lateInterest(owed, rate, od)) : 0;
  });
}

// ---------------------------------------------------------------------------------------------
// Customers: balances summed per customer from two parallel lists.

interface Balances {
  /** Minor-unit sum per customer key. */
  sums: Map<string, number>;
  currency: string | null;
}

/** A blank row of an amount column: skipped. */
const SKIP = Symbol("blank row");
type Failed = { error: unknown };
const failed = (v: unknown): v is Failed => typeof v === "object" && v !== null && "error" in v;

/**
 * Row `i` of an amount column in minor units: SKIP when blank, `{ error }` for a bad cell or for a
 * second currency in the column (amounts are never mixed across currencies, DESIGN §3).
 */
function amountAt(
  a: Arg,
  i: number,
  seen: { currency: string | null },
): number | typeof SKIP | Failed {
  const x = readMoneyNth(a, i);
  if (S.st === BLANK) return SKIP;
  if (S.st !== OK) return { error: failure(a, i + 1) };
  if (S.currency !== null) {
    if (seen.currency !== null && seen.currency !== S.currency)
      return {
        error: errorOf("#VALUE!", "mixedCurrency", a, { value: seen.currency, other: S.currency }),
      };
    seen.currency = S.currency;
  }
  return x;
}

/** Row `i` of a date column that must be filled beside `other`'s value: the serial, or `{ error }`. */
function requiredDateAt(d: Arg, i: number, other: string): number | Failed {
  const v = readDateNth(d, i);
  if (S.st === BLANK) return { error: errorOf("#VALUE!", "rowMissing", d, { row: i + 1, other }) };
  if (S.st !== OK) return { error: failure(d, i + 1) };
  return v;
}

/** Sums `balances` per customer of `customers` (matched as the ledger matches names), or an error. */
function balancesByCustomer(C: Arg, B: Arg): Balances | { error: unknown } {
  const n = cellCount(C);
  if (cellCount(B) !== n) return { error: lengthError(B, C) };
  const sums = new Map<string, number>();
  const keyOf = new Map<unknown, string>();
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const amount = amountAt(B, i, seen);
    if (amount === SKIP) continue;
    if (failed(amount)) return amount;
    const raw = nth(C, i);
    let key = keyOf.get(raw);
    if (key === undefined) {
      const k = customerKey(raw);
      if (k === null) {
        if (S.st === BLANK)
          return { error: errorOf("#VALUE!", "rowMissing", C, { row: i + 1, other: "balances" }) };
        return { error: failure(C, i + 1) };
      }
      keyOf.set(raw, (key = k));
    }
    sums.set(key, (sums.get(key) ?? 0) + amount);
  }
  return { sums, currency: seen.currency };
}

/** The matching key of a customer cell (code or name), null with `S.st` BLANK or FAIL. */
function customerKey(v: unknown): string | null {
  const cell = toCell(v);
  if (cell !== null && typeof cell === "object") {
    failWith("errorCell", cell);
    return null;
  }
  const text = cellText(cell);
  if (text === null) {
    S.st = BLANK;
    return null;
  }
  S.st = OK;
  return matchKey(text);
}

/** Exposure of each cell of `customer` (0 for a customer with no balances). */
function exposureSpill(
  customer: unknown,
  customers: unknown,
  balances: unknown,
  extra: Arg[],
  each: (exposure: number, r: number, c: number) => unknown,
): Result {
  const K = arg("customer", customer);
  const idx = balancesByCustomer(arg("customers", customers), arg("balances", balances));
  if ("error" in idx) return one(idx.error);
  return spill([K, ...extra], (r, c) => {
    const key = customerKey(at(K, r, c));
    if (key === null) return S.st === BLANK ? "" : failure(K);
    return each(idx.sums.get(key) ?? 0, r, c);
  });
}

/** AR.OUTSTANDING: the customer's open balance, net of credits and unapplied cash. */
export function outstandingOf(customer: unknown, customers: unknown, balances: unknown): Result {
  return exposureSpill(customer, customers, balances, [], (sum) => major(sum));
}

/** AR.EXPOSURE: the customer's credit exposure; DESIGN §3: the sum of its open items, = outstanding. */
export function exposure(customer: unknown, customers: unknown, balances: unknown): Result {
  return exposureSpill(customer, customers, balances, [], (sum) => major(sum));
}

/** AR.HEADROOM: credit limit − exposure; blank when no limit is set. */
export function headroom(
  customer: unknown,
  creditLimit: unknown,
  customers: unknown,
  balances: unknown,
): Result {
  const L = arg("credit_limit", creditLimit);
  return exposureSpill(customer, customers, balances, [L], (sum, r, c) => {
    const limit = readMoney(L, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(L);
    return major(limit - sum);
  });
}

/** AR.OVERLIMIT: exposure > credit limit; FALSE when no limit is set. */
export function overLimit(
  customer: unknown,
  creditLimit: unknown,
  customers: unknown,
  balances: unknown,
): Result {
  const L = arg("credit_limit", creditLimit);
  return exposureSpill(customer, customers, balances, [L], (sum, r, c) => {
    const limit = readMoney(L, r, c);
    if (S.st !== OK) return S.st === BLANK ? false : failure(L);
    return sum > limit;
  });
}

// ---------------------------------------------------------------------------------------------
// The aging table

/**
 * AR.AGINGTABLE: a header row (customer, one column per bucket, total), one row per customer in
 * the order they first appear, and a total row. Buckets add up to each customer's balance.
 */
export function agingTable(
  customers: unknown,
  dueDates: unknown,
  balances: unknown,
  asOf: unknown,
  thresholds?: unknown,
  basis?: unknown,
): Result {
  const C = arg("customers", customers);
  const D = arg("due_dates", dueDates);
  const B = arg("balances", balances);
  const A = arg("as_of", asOf);
  const n = cellCount(C);
  if (cellCount(D) !== n) return one(lengthError(D, C));
  if (cellCount(B) !== n) return one(lengthError(B, C));
  const now = readAsOf(A, 0, 0);
  if (S.st !== OK) return one(failure(A));
  const ag = agingOf(arg("thresholds", thresholds), arg("basis", basis));
  if ("error" in ag) return one(ag.error);
  const { table, labels } = ag;
  const nb = labels.length;

  const groupOf = new Map<unknown, number>();
  const groupByKey = new Map<string, number>();
  const names: string[] = [];
  let sums = new Float64Array(64 * nb);
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const amount = amountAt(B, i, seen);
    if (amount === SKIP) continue;
    if (failed(amount)) return one(amount.error);
    const due = requiredDateAt(D, i, "balances");
    if (failed(due)) return one(due.error);
    const raw = nth(C, i);
    let g = groupOf.get(raw);
    if (g === undefined) {
      const key = customerKey(raw);
      if (key === null) {
        if (S.st === BLANK)
          return one(errorOf("#VALUE!", "rowMissing", C, { row: i + 1, other: "balances" }));
        return one(failure(C, i + 1));
      }
      g = groupByKey.get(key);
      if (g === undefined) {
        g = names.length;
        names.push(cellText(toCell(raw)) as string);
        groupByKey.set(key, g);
        if ((g + 1) * nb > sums.length) {
          const bigger = new Float64Array(sums.length * 2);
          bigger.set(sums);
          sums = bigger;
        }
      }
      groupOf.set(raw, g);
    }
    sums[g * nb + bucketOf(table, now - due)] += amount;
  }

  const words = tableWords(currentLocale());
  const out: Result = [[words.customer, ...labels, words.total]];
  const totals = new Float64Array(nb);
  for (let g = 0; g < names.length; g++) {
    const row: unknown[] = [names[g]];
    let sum = 0;
    for (let b = 0; b < nb; b++) {
      const x = sums[g * nb + b];
      row.push(major(x));
      sum += x;
      totals[b] += x;
    }
    row.push(major(sum));
    out.push(row);
  }
  const last: unknown[] = [words.total];
  let grand = 0;
  for (let b = 0; b < nb; b++) {
    last.push(major(totals[b]));
    grand += totals[b];
  }
  last.push(major(grand));
  out.push(last);
  return out;
}

// ---------------------------------------------------------------------------------------------
// KPIs over plain ranges (DESIGN §3): one figure each.

/** Σ of the amounts in a range (blanks skipped), minor units; NaN with the error in `error`. */
function sumOf(a: Arg): { sum: number; currency: string | null; error?: unknown } {
  let sum = 0;
  const seen = { currency: null as string | null };
  for (let i = 0; i < cellCount(a); i++) {
    const x = amountAt(a, i, seen);
    if (x === SKIP) continue;
    if (failed(x)) return { sum: NaN, currency: seen.currency, error: x.error };
    sum += x;
  }
  const currency = seen.currency;
  return { sum, currency };
}

/** AR.DSO: receivables ÷ credit sales of the last `days` days × `days` (default 90). */
export function dso(receivables: unknown, creditSales: unknown, days?: unknown): Result {
  const ar = sumOf(arg("receivables", receivables));
  if (ar.error !== undefined) return one(ar.error);
  const sales = sumOf(arg("credit_sales", creditSales));
  if (sales.error !== undefined) return one(sales.error);
  const N = arg("days", days);
  const n = readDays(N, 0, 0, 90);
  if (S.st !== OK) return one(failure(N));
  if (n === 0) {
    failWith("badDays", 0);
    return one(failure(N));
  }
  return one(sales.sum > 0 ? (ar.sum / sales.sum) * n : divisionByZero());
}

/** AR.COLLECTIONRATE: collections in the period ÷ the amount due in it. */
export function collectionRate(collections: unknown, amountDue: unknown): Result {
  const got = sumOf(arg("collections", collections));
  if (got.error !== undefined) return one(got.error);
  const due = sumOf(arg("amount_due", amountDue));
  if (due.error !== undefined) return one(due.error);
  return one(due.sum > 0 ? got.sum / due.sum : divisionByZero());
}

/** AR.OVERDUERATE: overdue ÷ gross receivables (positive balances), over parallel ranges of balances and due dates. */
export function overdueRateOf(
  balances: unknown,
  dueDates: unknown,
  asOf: unknown,
  graceDays?: unknown,
): Result {
  const B = arg("balances", balances);
  const D = arg("due_dates", dueDates);
  const A = arg("as_of", asOf);
  const G = arg("grace_days", graceDays);
  const n = cellCount(B);
  if (cellCount(D) !== n) return one(lengthError(D, B));
  const now = readAsOf(A, 0, 0);
  if (S.st !== OK) return one(failure(A));
  const grace = readDays(G, 0, 0, 0);
  if (S.st !== OK) return one(failure(G));
  let gross = 0;
  let overdueSum = 0;
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const owed = amountAt(B, i, seen);
    if (owed === SKIP) continue;
    if (failed(owed)) return one(owed.error);
    const due = requiredDateAt(D, i, "balances");
    if (failed(due)) return one(due.error);
    if (owed > 0) gross += owed;
    if (isOverdue(owed, now - due, grace)) overdueSum += owed;
  }
  // Base: gross receivables (positive balances), so credits never push the rate above 100%.
  const rate = overdueRate({ overdue: overdueSum, notDue: gross - overdueSum });
  return one(rate === null ? divisionByZero() : rate);
}

const ladderCache = new Map<string, ProvisionBand[]>();

/** Provision bands from a two-column range (up to days, rate) or text `365:5%,730:10%,:100%`. */
function ladderOf(a: Arg): ProvisionBand[] | null {
  if (isSingle(a) && isBlankValue(a.m[0][0])) return DEFAULT_POLICY.provision;
  const pairs: [unknown, unknown][] = [];
  let text: string | null = null;
  if (isSingle(a)) {
    const cell = toCell(a.m[0][0]);
    if (typeof cell !== "string") {
      if (cell !== null && typeof cell === "object") failWith("errorCell", cell);
      else failWith("badLadder", a.m[0][0]);
      return null;
    }
    text = cell;
    const cached = ladderCache.get(text);
    if (cached) return cached;
    for (const part of cell.normalize("NFKC").split(/[,;，；\s]+/)) {
      if (part === "") continue;
      const [days, rate, more] = part.split(":");
      if (rate === undefined || more !== undefined) {
        failWith("badLadder", a.m[0][0]);
        return null;
      }
      pairs.push([days, rate]);
    }
  } else if (a.cols === 2) {
    for (let r = 0; r < a.rows; r++) {
      const [days, rate] = a.m[r];
      if (isBlankValue(days) && isBlankValue(rate)) continue;
      pairs.push([days, rate]);
    }
  } else {
    failWith("badLadder", `${a.rows}×${a.cols}`);
    return null;
  }
  const bands: ProvisionBand[] = [];
  for (const [days, rate] of pairs) {
    const r = rateOf(rate);
    if (S.st !== OK || r > 1) {
      failWith("badLadder", text ?? rate);
      return null;
    }
    let upTo: number | null = null;
    if (!isBlankValue(days)) {
      upTo = typeof days === "number" ? days : Number(String(days).trim());
      if (!Number.isInteger(upTo) || upTo <= 0) {
        failWith("badLadder", text ?? days);
        return null;
      }
    }
    bands.push({ upToDays: upTo, rate: r });
  }
  const increasing = bands.every(
    (b, i) =>
      (b.upToDays === null && i === bands.length - 1) ||
      (b.upToDays !== null && (i === 0 || (bands[i - 1].upToDays as number) < b.upToDays)),
  );
  if (bands.length === 0 || !increasing || !Policy.safeParse({ provision: bands }).success) {
    failWith("badLadder", text ?? `${a.rows}×${a.cols}`);
    return null;
  }
  if (text !== null) {
    if (ladderCache.size >= CACHE_LIMIT) ladderCache.clear();
    ladderCache.set(text, bands);
  }
  return bands;
}

/** Index of the provision band an age falls in: the first whose upper bound it does not pass. */
function bandOf(bands: readonly ProvisionBand[], age: number): number {
  for (let b = 0; b < bands.length; b++) {
    const upTo = bands[b].upToDays;
    if (upTo === null || age <= upTo) return b;
  }
  return bands.length - 1;
}

/**
 * AR.PROVISION: the bad-debt provision, Σ over age bands of (positive balances in the band) ×
 * the band's rate, each band rounded to the cent, as `provision` in src/core/kpi.ts.
 */
export function provision(balances: unknown, ageDays: unknown, ladder?: unknown): Result {
  const B = arg("balances", balances);
  const G = arg("age_days", ageDays);
  const L = arg("ladder", ladder);
  const n = cellCount(B);
  if (cellCount(G) !== n) return one(lengthError(G, B));
  const bands = ladderOf(L);
  if (bands === null) return one(failure(L));
  const perBand = new Float64Array(bands.length);
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const amount = amountAt(B, i, seen);
    if (amount === SKIP) continue;
    if (failed(amount)) return one(amount.error);
    const v = nth(G, i);
    let age: number;
    if (typeof v === "number" && Number.isFinite(v)) age = v;
    else if (isBlankValue(v)) {
      return one(errorOf("#VALUE!", "rowMissing", G, { row: i + 1, other: "balances" }));
    } else {
      const cell = toCell(v);
      age = typeof cell === "string" ? Number(cell.trim()) : NaN;
      if (!Number.isFinite(age)) {
        if (cell !== null && typeof cell === "object") failWith("errorCell", cell);
        else failWith("badNumber", v);
        return one(failure(G, i + 1));
      }
    }
    if (amount > 0) perBand[bandOf(bands, age)] += amount;
  }
  let total = 0;
  for (let b = 0; b < bands.length; b++) total += Math.round(perBand[b] * bands[b].rate);
  return one(major(total));
}

// ---------------------------------------------------------------------------------------------
// Expected pay dates (src/core/insight/model.ts)

/** A TRUE/FALSE flag (TRUE, 是, 1; blank: false). Sets `S.st`. */
function readFlag(a: Arg): boolean {
  return flagOf(a.m[0][0]);
}

/** A TRUE/FALSE flag cell, read as the importer reads a disputed column. Sets `S.st`. */
function flagOf(v: unknown): boolean {
  S.st = OK;
  if (isBlankValue(v)) return false;
  const cell = toCell(v);
  const res = parseBoolCell(cell);
  if (res.ok) return res.value;
  if (res.reason === "error") failWith("errorCell", cell);
  else failWith("badBool", v);
  return false;
}

/**
 * AR.EXPECTEDPAY: the expected pay date of an item due on `due_date` of `customer`, learnt from
 * the history columns (customers, due dates, settled dates; a row with a settled date on or
 * before the as-of date is history). The model is the core's (model.ts, as the pane and the CLI
 * use it): the customer's level, the salesperson's when `salespeople` (the history's) and
 * `salesperson` (the item's) are given, and all customers; the dispute shift learnt from the
 * history's `disputed` flags and applied to an item whose `blocked` is TRUE; a promise to pay
 * (`blocked` a date on or after the as-of date) is the expected date itself. With an as-of date
 * the item is taken as open at it, so the date is after it and comes from the past payments
 * that were at least as late; without one, from all of them. Expected never: `#N/A` (more than
 * 90 days overdue and later than any past payment; the provision ladder, which needs invoice
 * dates, is not applied). `detail` TRUE spills four columns: the date, the band's first and
 * last day, the basis. Every item asked about is taken as still open at the as-of date: over a
 * whole invoice table, `=IF(settled="", AR.EXPECTEDPAY(...), settled)` keeps the settled rows'
 * real dates.
 */
export function expectedPay(
  dueDate: unknown,
  customer: unknown,
  customers: unknown,
  dueDates: unknown,
  settledDates: unknown,
  asOf?: unknown,
  detail?: unknown,
  salesperson?: unknown,
  salespeople?: unknown,
  blocked?: unknown,
  disputed?: unknown,
): Result {
  const D = arg("due_date", dueDate);
  const K = arg("customer", customer);
  const C = arg("customers", customers);
  const DD = arg("due_dates", dueDates);
  const SD = arg("settled_dates", settledDates);
  const A = arg("as_of", asOf);
  const X = arg("detail", detail);
  const SP = arg("salesperson", salesperson);
  const SS = arg("salespeople", salespeople);
  const B = arg("blocked", blocked);
  const P = arg("disputed", disputed);
  const n = cellCount(C);
  if (cellCount(DD) !== n) return one(lengthError(DD, C));
  if (cellCount(SD) !== n) return one(lengthError(SD, C));
  // The history's salespeople and dispute flags: a column of the same rows, or none.
  const withSales = !(isSingle(SS) && isBlankValue(SS.m[0][0]));
  if (withSales && cellCount(SS) !== n) return one(lengthError(SS, C));
  const withDisputes = !(isSingle(P) && isBlankValue(P.m[0][0]));
  if (withDisputes && cellCount(P) !== n) return one(lengthError(P, C));
  let now = readDate(A, 0, 0);
  if (S.st === BLANK) now = 0;
  else if (S.st !== OK) return one(failure(A));
  const wantDetail = readFlag(X);
  if (S.st !== OK) return one(failure(X));
  if (wantDetail && D.cols > 1) {
    return one(
      errorOf("#VALUE!", "detailShape", X, { size: sizeText(D.rows, D.cols, currentLocale()) }),
    );
  }

  // The history: customer and salesperson index, delay (settled − due) and dispute flag of
  // every row settled by the as-of date.
  const indexOf = new Map<string, number>();
  const keyOf = new Map<unknown, string>();
  const salesOf = new Map<string, number>();
  const hCustomer = new Int32Array(n);
  const hSales = new Int32Array(n).fill(-1);
  const hDelay = new Int32Array(n);
  const hDisputed = new Uint8Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const settled = readDateNth(SD, i);
    if (S.st === BLANK) continue;
    if (S.st !== OK) return one(failure(SD, i + 1));
    if (now > 0 && settled > now) continue; // settled after the as-of date: open then
    const due = requiredDateAt(DD, i, "settled_dates");
    if (failed(due)) return one(due.error);
    const raw = nth(C, i);
    let key = keyOf.get(raw);
    if (key === undefined) {
      const k = customerKey(raw);
      if (k === null) {
        if (S.st === BLANK) {
          return one(errorOf("#VALUE!", "rowMissing", C, { row: i + 1, other: "settled_dates" }));
        }
        return one(failure(C, i + 1));
      }
      keyOf.set(raw, (key = k));
    }
    let c = indexOf.get(key);
    if (c === undefined) indexOf.set(key, (c = indexOf.size));
    if (withSales) {
      const sp = customerKey(nth(SS, i));
      if (sp === null && S.st !== BLANK) return one(failure(SS, i + 1));
      if (sp !== null) {
        let s = salesOf.get(sp);
        if (s === undefined) salesOf.set(sp, (s = salesOf.size));
        hSales[m] = s;
      }
    }
    if (withDisputes) {
      hDisputed[m] = flagOf(nth(P, i)) ? 1 : 0;
      if (S.st !== OK) return one(failure(P, i + 1));
    }
    hCustomer[m] = c;
    hDelay[m++] = settled - due;
  }
  const history: History = {
    length: m,
    customer: hCustomer,
    salesperson: hSales,
    delay: hDelay,
    disputed: hDisputed,
  };
  const model = learnModel(history, indexOf.size, salesOf.size);
  const p = newPrediction();
  const locale = currentLocale();
  const whoOf = new Map<unknown, number>();
  const neverErrors = new Map<number, unknown>();

  const predictCell = (r: number, c: number): Prediction | unknown => {
    const due = readDate(D, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(D);
    // The customer's index, by the cell's value first: a column repeats its customers.
    const raw = at(K, r, c);
    let who = whoOf.get(raw);
    if (who === undefined) {
      const key = customerKey(raw);
      if (key === null && S.st !== BLANK) return failure(K);
      who = key === null ? -1 : (indexOf.get(key) ?? -1);
      if (typeof raw !== "object" || raw === null) whoOf.set(raw, who);
    }
    const hold = readHold(B, r, c);
    if (S.st !== OK) return failure(B);
    if (hold > 1 && hold >= now) {
      // A live promise to pay: expected on the promised date, whatever the history says.
      p.date = p.low = p.high = hold;
      p.basis = Basis.promise;
      return p;
    }
    const sp = customerKey(at(SP, r, c));
    if (sp === null && S.st !== BLANK) return failure(SP);
    predict(model, who, sp === null ? -1 : (salesOf.get(sp) ?? -1), due, now, hold === 1, p);
    if (p.basis === Basis.never) {
      // One error per distinct number of days: a column of old items shares them.
      let e = neverErrors.get(now - due);
      if (e === undefined) {
        e = errorOf("#N/A", "expectedNever", D, { value: String(now - due) });
        neverErrors.set(now - due, e);
      }
      return e;
    }
    return p;
  };
  if (!wantDetail) {
    return spill([D, K, SP, B], (r, c) => {
      const x = predictCell(r, c);
      return x === p ? p.date : x;
    });
  }
  const rows = spill([D, K, SP, B], (r) => {
    const x = predictCell(r, 0);
    if (x !== p) return [x, "", "", ""];
    const basis =
      p.basis === Basis.noHistory
        ? // the due-date rule gives one date; the overdue assumption a band around it
          p.date === p.high
          ? "noHistory"
          : "noHistoryOverdue"
        : p.basis === Basis.beyondHistory
          ? "beyondHistory"
          : p.basis === Basis.promise
            ? "promise"
            : "levels";
    const text = basisText(basis, locale, {
      weight: p.weightCustomer,
      weightSalesperson: p.weightSalesperson,
      n: p.nCustomer,
      assumed: model.options.beyondHistoryDays,
    });
    return [p.date, p.low, p.high, text];
  });
  return rows.map((row) => row[0] as unknown[]);
}

// ---------------------------------------------------------------------------------------------
// The order check

/**
 * AR.CHECKORDER: may this order ship on credit? The core's order check (`judgeOrder`, the rules
 * of `ar-desk check-order`) on facts read from the cells: exposure = the customer's balances;
 * its overdue items = rows with a balance and a due date before the as-of date (blocking after
 * the credit policy's days, or past the act-by date of the one-third rule when term days are
 * given: in a column of terms a blank row's act-by date is its due date; a row flagged in
 * `disputed` does not block, as in `ar-desk check-order`); its limit
 * and grade under the default credit policy (A–D). A customer is known when it has balances or
 * a limit. Credit reviews are not in the cells: no review warnings.
 * Returns the verdict in Office's language; `detail` TRUE spills four columns: verdict,
 * headroom before and after the order, and the reasons.
 */
export function checkOrder(
  customer: unknown,
  amount: unknown,
  creditLimit: unknown,
  customers: unknown,
  balances: unknown,
  dueDates?: unknown,
  asOf?: unknown,
  grade?: unknown,
  termDays?: unknown,
  detail?: unknown,
  disputed?: unknown,
): Result {
  const K = arg("customer", customer);
  const M = arg("amount", amount);
  const L = arg("credit_limit", creditLimit);
  const C = arg("customers", customers);
  const B = arg("balances", balances);
  const D = arg("due_dates", dueDates);
  const A = arg("as_of", asOf);
  const G = arg("grade", grade);
  const T = arg("term_days", termDays);
  const X = arg("detail", detail);
  const P = arg("disputed", disputed);
  const idx = balancesByCustomer(C, B);
  if ("error" in idx) return one(idx.error);
  const wantDetail = readFlag(X);
  if (S.st !== OK) return one(failure(X));
  if (wantDetail && (K.cols > 1 || M.cols > 1)) {
    const wide = K.cols > 1 ? K : M;
    return one(
      errorOf("#VALUE!", "detailShapeOrder", X, {
        size: sizeText(wide.rows, wide.cols, currentLocale()),
      }),
    );
  }

  // Overdue rows per customer: only with due dates (and then an as-of date).
  const overdueOf = new Map<string, OverdueFact[]>();
  const withDates = !(isSingle(D) && isBlankValue(D.m[0][0]));
  let now = 0;
  if (withDates) {
    const n = cellCount(C);
    if (cellCount(D) !== n) return one(lengthError(D, C));
    const termEach = !isSingle(T);
    if (termEach && cellCount(T) !== n) return one(lengthError(T, C));
    const disputedEach = !isSingle(P);
    if (disputedEach && cellCount(P) !== n) return one(lengthError(P, C));
    const allDisputed = flagOf(P.m[0][0]);
    if (S.st !== OK) return one(failure(P));
    now = readAsOf(A, 0, 0);
    if (S.st !== OK) return one(failure(A));
    let term = termEach ? -1 : readTerm(T, 0, 0);
    if (S.st !== OK) return one(failure(T));
    for (let i = 0; i < n; i++) {
      const owed = readMoneyNth(B, i);
      if (S.st === BLANK || owed <= 0) continue;
      const due = readDateNth(D, i);
      if (S.st === BLANK) continue;
      if (S.st !== OK) return one(failure(D, i + 1));
      const days = now - due;
      if (!isOverdue(owed, days, 0)) continue;
      if (termEach) {
        term = readTerm(T, Math.floor(i / T.cols), i % T.cols);
        if (S.st !== OK) return one(failure(T, i + 1));
      }
      const isDisputed = disputedEach ? flagOf(nth(P, i)) : allDisputed;
      if (S.st !== OK) return one(failure(P, i + 1));
      const key = customerKey(nth(C, i));
      if (key === null) continue;
      let list = overdueOf.get(key);
      if (!list) overdueOf.set(key, (list = []));
      list.push({
        item: i + 1,
        outstanding: owed,
        daysOverdue: days,
        disputed: isDisputed,
        // A blank row of a term column: act-by is the due date, as AR.ACTBY and the core
        // take an item without a term; no term_days at all: the one-third rule is not checked.
        pastActBy: (termEach || term >= 0) && now > actByDate(due, term),
      });
    }
  }

  const locale = currentLocale();
  const judge = (r: number, c: number): OrderCheck | unknown => {
    const key = customerKey(at(K, r, c));
    if (key === null) return S.st === BLANK ? "" : failure(K);
    const amt = readMoney(M, r, c);
    if (S.st !== OK) return S.st === BLANK ? "" : failure(M);
    if (amt <= 0) return errorOf("#VALUE!", "notPositive", M, { value: show(at(M, r, c)) });
    const amountCurrency = S.currency;
    const limit = readMoney(L, r, c);
    if (S.st === FAIL) return failure(L);
    const hasLimit = S.st === OK;
    const limitCurrency = S.currency;
    const g = toCell(at(G, r, c));
    if (g !== null && typeof g === "object") return failure(G);
    const currency = idx.currency ?? amountCurrency ?? null;
    return judgeOrder(
      {
        customer: -1,
        customerCode: cellText(toCell(at(K, r, c))) ?? "",
        customerName: null,
        known: idx.sums.has(key) || hasLimit,
        grade: cellText(g),
        currency,
        digits: 2,
        asOf: now,
        amount: amt,
        recordedLimit: hasLimit ? limit : null,
        limitOtherCurrency:
          hasLimit && limitCurrency !== null && currency !== null && limitCurrency !== currency
            ? limitCurrency
            : null,
        exposure: idx.sums.get(key) ?? 0,
        overdueItems: overdueOf.get(key) ?? [],
        termsDays: null,
        lastReview: null,
      },
      DEFAULT_CREDIT_POLICY,
    );
  };
  const isCheck = (x: unknown): x is OrderCheck =>
    typeof x === "object" && x !== null && "verdict" in x && "reasons" in x;
  if (!wantDetail) {
    return spill([K, M, L, G], (r, c) => {
      const x = judge(r, c);
      return isCheck(x) ? verdictLabel(x.verdict, locale) : x;
    });
  }
  const rows = spill([K, M, L, G], (r) => {
    const x = judge(r, 0);
    if (!isCheck(x)) return [x, "", "", ""];
    const reasons = x.reasons
      .filter((why) => !why.code.startsWith("review."))
      .map((why) => reasonMessage(why, locale));
    return [
      verdictLabel(x.verdict, locale),
      x.headroomBefore === null ? "" : major(x.headroomBefore),
      x.headroomAfter === null ? "" : major(x.headroomAfter),
      reasons.join(locale === "zh-CN" ? "；" : "; "),
    ];
  });
  return rows.map((row) => row[0] as unknown[]);
}
