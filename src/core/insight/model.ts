/**
 * The expected-pay-date model: when will an open item be paid, and why that date.
 *
 * It is deliberately plain, so that a credit manager can check it by hand:
 *
 * 1. **History.** Only items settled (paid in full) on or before the as-of date teach it, each
 *    as one delay = settled date − due date (negative: paid early).
 * 2. **Condition on what we know.** An item still open at the as-of date will be paid after it,
 *    i.e. with a delay greater than its days overdue today. So every level looks only at its
 *    past payments that came *later than this item already is* (for an item not yet due, that
 *    leaves out only the earliest payers). An item ten days overdue is forecast from payments
 *    that were more than ten days late, not from the customer's usual early payments.
 * 3. **Three levels, shrunk by credibility.** The customer's own tail of payments, then the
 *    salesperson's (all of their customers), then the whole portfolio. A level with n such
 *    payments gets the weight n / (n + k) (k = `credibility`, default 5), the rest falls through
 *    to the level above: five comparable payments of its own give a customer half the say.
 *    The expected delay is the weighted mix of the levels' medians; the band is the same mix of
 *    their 10th and 90th percentiles.
 * 4. **Disputes.** If the history holds enough disputed and undisputed settled items (10 each),
 *    disputed items are treated as paying `disputeShift` days later: the difference of the two
 *    groups' median delays, learned from the same history. Delays are compared net of it.
 * 5. **No history** (nothing settled yet): a stated rule, labelled as such wherever it is shown:
 *    an item not yet due on its due date; an overdue item within a month (as-of + 30, band to
 *    as-of + 91), the assumption below. **Later than every past
 *    payment**: if the item is already in the last aging bucket (more than `neverAfterDays`, 90,
 *    days overdue) it is expected never; otherwise within a month (as-of + 30, band to as-of + 91),
 *    a stated assumption, not a measurement.
 *
 * The model is arrays and arithmetic: learning sorts the delays once per group; a prediction is
 * three binary searches and a few reads, with no allocation (results go into a reused object).
 */
import type { Serial } from "../dates";
import * as delays from "./delays";
import type { DelaySample } from "./delays";

// Bound once, as locals: a prediction calls these a dozen times, and under CommonJS interop
// (tsx, ts-jest) every use of an imported name is a property or getter read.
const { allDelays, delayOrder, groupDelays, laterThan, quantileOf, sizeOf, spreadOf } = delays;

/** Why a date was expected: the level that weighed most, or the rule that applied. */
export const Basis = {
  customer: 0,
  salesperson: 1,
  portfolio: 2,
  /** Nothing settled to learn from: the due date (or the day after the as-of date). */
  noHistory: 3,
  /** No past payment came this late; assumed within a month. */
  beyondHistory: 4,
  /** Not expected to be paid (see `Never`). */
  never: 5,
  /**
   * A live promise to pay (the ledger's promise date on or after the as-of date, from the
   * customer list, the collection log or a payment schedule): expected on the promised date.
   * Set by expectedPayDates, never by the model's own prediction.
   */
  promise: 6,
} as const;
export type BasisCode = keyof typeof Basis;
export const BASIS_CODES = Object.keys(Basis) as BasisCode[];

/** Why an item is expected never to be paid. */
export const Never = {
  no: 0,
  /** Its age is in the provision ladder's 100 % band. */
  fullyProvided: 1,
  /** More than `neverAfterDays` overdue and later than any payment in the history. */
  beyondHistory: 2,
} as const;
export type NeverCode = keyof typeof Never;
export const NEVER_CODES = Object.keys(Never) as NeverCode[];

export interface ModelOptions {
  /** k of the credibility weight n / (n + k). */
  credibility: number;
  /** Quantiles of the band: [low, high]. */
  band: readonly [number, number];
  /** Learn the extra delay of disputed items. */
  disputes: boolean;
  /** Fewest disputed and undisputed settled items to learn the dispute shift from. */
  minDisputed: number;
  /** Days overdue past which an item later than all history is expected never. */
  neverAfterDays: number;
  /** Days after the as-of date assumed for an item later than all history (not yet never). */
  beyondHistoryDays: number;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  credibility: 5,
  band: [0.1, 0.9],
  disputes: true,
  minDisputed: 10,
  neverAfterDays: 90,
  beyondHistoryDays: 30,
};

/** Settled items to learn from, as columns. */
export interface History {
  length: number;
  /** Customer index. */
  customer: Int32Array;
  /** Salesperson index, -1 for none. */
  salesperson: Int32Array;
  /** settled − due, days. */
  delay: Int32Array;
  /** 1 for a disputed item. */
  disputed: Uint8Array;
}

export interface PayModel {
  options: ModelOptions;
  /** Delays net of the dispute shift, per customer, per salesperson, and all (group 0). */
  customers: DelaySample;
  salespeople: DelaySample;
  portfolio: DelaySample;
  /** Extra days a disputed item takes (0 when not learned). */
  disputeShift: number;
  /** Settled disputed and undisputed items seen (the shift is learned from these). */
  disputed: number;
  undisputed: number;
}

/** Learns the model from settled items. `customers` and `salespeople` are the numbers of each. */
export function learnModel(
  h: History,
  customers: number,
  salespeople: number,
  options: Partial<ModelOptions> = {},
): PayModel {
  const o: ModelOptions = { ...DEFAULT_MODEL_OPTIONS, ...options };
  const n = h.length;
  let disputed = 0;
  for (let k = 0; k < n; k++) disputed += h.disputed[k];
  const undisputed = n - disputed;
  let shift = 0;
  if (o.disputes && disputed >= o.minDisputed && undisputed >= o.minDisputed) {
    const split = groupDelays(h.disputed, h.delay, 2, n);
    shift = Math.round(
      (spreadOf(split, 1) as { median: number }).median -
        (spreadOf(split, 0) as { median: number }).median,
    );
  }
  let delay = h.delay;
  if (shift !== 0) {
    delay = new Int32Array(n);
    for (let k = 0; k < n; k++) delay[k] = h.delay[k] - (h.disputed[k] ? shift : 0);
  }
  const order = delayOrder(delay, n); // one sort for the three groupings
  return {
    options: o,
    customers: groupDelays(h.customer, delay, customers, n, order),
    salespeople: groupDelays(h.salesperson, delay, salespeople, n, order),
    portfolio: allDelays(delay, n, order),
    disputeShift: shift,
    disputed,
    undisputed,
  };
}

/**
 * Why a date was expected, as the `basis.*` messages word it: a `BasisCode`, with `noHistory`
 * split by the rule that applied (`noHistoryOverdue`: the item was already overdue, so the date
 * is the stated assumption rather than its due date).
 */
export type BasisReason = BasisCode | "noHistoryOverdue";

/** The `BasisReason` of a prediction made by `predict` (or set to `promise` by its caller). */
export function basisReason(p: Prediction): BasisReason {
  if (p.basis === Basis.noHistory && p.assumed) return "noHistoryOverdue";
  return BASIS_CODES[p.basis];
}

/** One prediction, written into a reused object. Dates are serials; 0 when none. */
export interface Prediction {
  /** Expected pay date, 0 when expected never. */
  date: Serial;
  /** The band: `low` ≤ `date` ≤ `high` (0 when never). */
  low: Serial;
  high: Serial;
  /** A `Basis` value. */
  basis: number;
  /** A `Never` value. */
  never: number;
  /**
   * The date is the stated assumption for an item already overdue (as-of + `beyondHistoryDays`,
   * band to as-of + 91), not a measurement: with basis `noHistory` or `beyondHistory`.
   */
  assumed: boolean;
  /** Weights of the customer, salesperson and portfolio levels (sum 1 when a level applied). */
  weightCustomer: number;
  weightSalesperson: number;
  weightPortfolio: number;
  /** Past payments later than the item already is: the customer's, salesperson's, portfolio's. */
  nCustomer: number;
  nSalesperson: number;
  nPortfolio: number;
  /** Median delay of each level's tail (NaN when the level has none). */
  medianCustomer: number;
  medianSalesperson: number;
  medianPortfolio: number;
  /** The dispute shift applied (0 if the item is not disputed or none was learned). */
  shift: number;
  /** The expected delay (days after the due date), before rounding. */
  delay: number;
  /**
   * Dates at the quantiles `spreadQuantiles` of the item's pay date (filled when `predict` is
   * given them; else empty). All equal to `date` for the fixed rules (no history, beyond it).
   */
  spread: Int32Array;
}

export function newPrediction(): Prediction {
  return {
    date: 0,
    low: 0,
    high: 0,
    basis: Basis.noHistory,
    never: Never.no,
    assumed: false,
    weightCustomer: 0,
    weightSalesperson: 0,
    weightPortfolio: 0,
    nCustomer: 0,
    nSalesperson: 0,
    nPortfolio: 0,
    medianCustomer: NaN,
    medianSalesperson: NaN,
    medianPortfolio: NaN,
    shift: 0,
    delay: NaN,
    spread: new Int32Array(0),
  };
}

const NO_QUANTILES: readonly number[] = [];

/**
 * Predicts the pay date of an item due on `due`, open at `asOf` (0: no as-of date, so no
 * conditioning), of customer `customer` (-1: unknown) and salesperson `salesperson` (-1: none).
 * Returns `out`, filled.
 *
 * @example
 * // Customer 0 paid three items 10, 12 and 14 days late; nobody else has paid yet.
 * const m = learnModel(
 *   { length: 3, customer: Int32Array.of(0, 0, 0), salesperson: Int32Array.of(-1, -1, -1),
 *     delay: Int32Array.of(10, 12, 14), disputed: new Uint8Array(3) },
 *   1, 0,
 * );
 * predict(m, 0, -1, 45000, 44995, false, newPrediction()).date //=> 45012
 */
export function predict(
  m: PayModel,
  customer: number,
  salesperson: number,
  due: Serial,
  asOf: Serial,
  disputed: boolean,
  out: Prediction,
  spreadQuantiles: readonly number[] = NO_QUANTILES,
): Prediction {
  if (out.spread.length !== spreadQuantiles.length) {
    out.spread = new Int32Array(spreadQuantiles.length);
  }
  const o = m.options;
  const shift = disputed ? m.disputeShift : 0;
  out.shift = shift;
  out.never = Never.no;
  out.assumed = false;
  out.weightCustomer = out.weightSalesperson = out.weightPortfolio = 0;
  out.nCustomer = out.nSalesperson = out.nPortfolio = 0;
  out.medianCustomer = out.medianSalesperson = out.medianPortfolio = NaN;
  out.delay = NaN;
  const earliest = asOf > 0 ? asOf + 1 : -Infinity;
  // Open at the as-of date: paid with a delay (net of the shift) greater than `after`.
  const after = asOf > 0 ? asOf - due - shift : -Infinity;

  const P = m.portfolio;
  if (sizeOf(P, 0) === 0) {
    out.basis = Basis.noHistory;
    if (due >= earliest) {
      // Not yet due: the due date, the naive rule.
      out.date = out.low = out.high = due;
      out.spread.fill(out.date);
    } else {
      // Already overdue and nothing to learn how late anyone pays: the same stated assumption
      // as an item later than all history, never "tomorrow" (which put a whole book of
      // year-old invoices into next week's cash).
      out.assumed = true;
      out.date = asOf + o.beyondHistoryDays;
      out.low = asOf + 1;
      out.high = asOf + 91;
      out.spread.fill(out.date);
    }
    return out;
  }
  const startP = laterThan(P, 0, after);
  const endP = P.offsets[1];
  out.nPortfolio = endP - startP;
  if (out.nPortfolio === 0) {
    if (asOf - due > o.neverAfterDays) {
      out.basis = Basis.never;
      out.never = Never.beyondHistory;
      out.date = out.low = out.high = 0;
      out.spread.fill(0);
      return out;
    }
    out.basis = Basis.beyondHistory;
    out.assumed = true;
    out.date = asOf + o.beyondHistoryDays;
    out.low = asOf + 1;
    out.high = asOf + 91;
    out.spread.fill(out.date);
    return out;
  }

  const k = o.credibility;
  let startC = 0;
  let endC = 0;
  if (customer >= 0 && customer < m.customers.offsets.length - 1) {
    startC = laterThan(m.customers, customer, after);
    endC = m.customers.offsets[customer + 1];
  }
  let startS = 0;
  let endS = 0;
  if (salesperson >= 0 && salesperson < m.salespeople.offsets.length - 1) {
    startS = laterThan(m.salespeople, salesperson, after);
    endS = m.salespeople.offsets[salesperson + 1];
  }
  const nC = endC - startC;
  const nS = endS - startS;
  const zC = nC / (nC + k);
  const zS = nS / (nS + k);
  const wC = zC;
  const wS = (1 - zC) * zS;
  const wP = 1 - wC - wS;
  out.nCustomer = nC;
  out.nSalesperson = nS;
  out.weightCustomer = wC;
  out.weightSalesperson = wS;
  out.weightPortfolio = wP;

  const C = m.customers.delays;
  const S = m.salespeople.delays;
  const D = P.delays;
  // The levels' tails and weights, in one reused object: no closure per prediction.
  const lv = LEVEL;
  lv.d0 = D;
  lv.f0 = startP;
  lv.t0 = endP;
  lv.w0 = wP;
  lv.d1 = C;
  lv.f1 = startC;
  lv.t1 = endC;
  lv.w1 = nC > 0 ? wC : 0;
  lv.d2 = S;
  lv.f2 = startS;
  lv.t2 = endS;
  lv.w2 = nS > 0 ? wS : 0;
  out.medianPortfolio = quantileOf(D, startP, endP, 0.5);
  out.medianCustomer = nC > 0 ? quantileOf(C, startC, endC, 0.5) : NaN;
  out.medianSalesperson = nS > 0 ? quantileOf(S, startS, endS, 0.5) : NaN;
  const mid = mix(lv, 0.5);
  out.delay = mid + shift;
  const base = due + shift;
  const [bandLow, bandHigh] = o.band;
  const lowMix = mix(lv, bandLow);
  const highMix = mix(lv, bandHigh);
  out.date = Math.max(base + Math.round(mid), earliest);
  out.low = Math.min(out.date, Math.max(base + Math.floor(lowMix), earliest));
  out.high = Math.max(out.date, base + Math.ceil(highMix));
  for (let q = 0; q < spreadQuantiles.length; q++) {
    const x = spreadQuantiles[q];
    // The spread's quantiles are mostly the median and the band's (10th, 90th): mixed once.
    const at = x === 0.5 ? mid : x === bandLow ? lowMix : x === bandHigh ? highMix : mix(lv, x);
    out.spread[q] = Math.max(base + Math.round(at), earliest);
  }
  out.basis =
    wC >= wS && wC >= wP ? Basis.customer : wS >= wP ? Basis.salesperson : Basis.portfolio;
  return out;
}

/** The three levels' tails (array, from, to) and weights; weight 0 for an empty tail. */
interface Levels {
  d0: Int32Array;
  f0: number;
  t0: number;
  w0: number;
  d1: Int32Array;
  f1: number;
  t1: number;
  w1: number;
  d2: Int32Array;
  f2: number;
  t2: number;
  w2: number;
}

const EMPTY = new Int32Array(0);
const LEVEL: Levels = {
  d0: EMPTY,
  f0: 0,
  t0: 0,
  w0: 0,
  d1: EMPTY,
  f1: 0,
  t1: 0,
  w1: 0,
  d2: EMPTY,
  f2: 0,
  t2: 0,
  w2: 0,
};

/** The weighted mix of the levels' q-quantiles. */
function mix(l: Levels, q: number): number {
  let x = l.w0 * quantileOf(l.d0, l.f0, l.t0, q);
  if (l.w1 > 0) x += l.w1 * quantileOf(l.d1, l.f1, l.t1, q);
  if (l.w2 > 0) x += l.w2 * quantileOf(l.d2, l.f2, l.t2, q);
  return x;
}
