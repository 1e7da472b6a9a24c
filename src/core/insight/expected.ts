/**
 * Expected pay dates of every open item of an analysis (model.ts says how), with the reason a
 * user can read, and the items expected never to be paid.
 *
 * *A live promise* comes first: an open item whose promise date (the customer list's, or the
 * collection log's and a payment schedule's as analyzeWithLog puts them on the ledger) is on or
 * after the as-of date is expected on that date, its whole balance (basis `promise`). A broken
 * promise (date passed) leaves the item to the model.
 *
 * *Expected never* (not forecast as cash; shown apart):
 * - **fully provided**: the item's age (as-of − invoice date, as the provision counts it) falls
 *   in a band of the provision ladder with a rate of 100 % — the company itself has written it
 *   off in its books (the example ladder: more than five years);
 * - **beyond history**: more than `neverAfterDays` overdue (default: the last aging threshold,
 *   so the item is in the oldest bucket) and later than any payment the history holds.
 */
import type { Analysis } from "../analyze";
import { isoFromSerial, MAX_SERIAL, type Serial } from "../dates";
import { provisionRate } from "../kpi";
import { ItemFlag } from "../ledger";
import { ItemStatus } from "../position";
import { salespersonOf, type SettledItems } from "./history";
import {
  Basis,
  BASIS_CODES,
  learnModel,
  Never,
  NEVER_CODES,
  newPrediction,
  predict,
  type BasisCode,
  type ModelOptions,
  type NeverCode,
  type PayModel,
  type Prediction,
} from "./model";

const DISPUTED = ItemFlag.disputed;
const OPEN = ItemStatus.open;
const LAST_DATE = MAX_SERIAL;

/** `basis` of an item that is not predicted (not open, or nothing owed). */
export const NOT_PREDICTED = 255;

export interface ExpectedPay {
  asOf: Serial;
  model: PayModel;
  /** Per item (ledger order): expected pay date, 0 when not predicted or expected never. */
  date: Int32Array;
  /** The band around it: `low` ≤ `date` ≤ `high`. */
  low: Int32Array;
  high: Int32Array;
  /** A `Basis` value, or NOT_PREDICTED. */
  basis: Uint8Array;
  /** A `Never` value. */
  never: Uint8Array;
  /** Weight of the customer's own history, 0 … 1. */
  weight: Float32Array;
  /** The quantiles of `spread`. */
  spreadQuantiles: readonly number[];
  /**
   * Per item, `spreadQuantiles.length` dates: its pay date at each quantile (item i's are at
   * `i * spreadQuantiles.length`). The cash forecast puts an equal slice of the balance on each.
   */
  spread: Int32Array;
}

/** Model options, whether the provision ladder's 100 % band means "expected never", the spread. */
export interface ExpectedPayOptions extends ModelOptions {
  fullyProvidedIsNever: boolean;
  /**
   * Quantiles at which each item's pay date is also given, for the cash forecast: five equal
   * slices at the 10th, 30th, 50th, 70th and 90th percentiles. (Putting each balance whole on
   * its median date makes lumpy weeks: on the IBM backtest the weekly error was 0.43 that way,
   * 0.28 spread over five dates.)
   */
  spreadQuantiles: readonly number[];
}

export const DEFAULT_SPREAD = [0.1, 0.3, 0.5, 0.7, 0.9] as const;

/** The model's defaults, with `neverAfterDays` from the policy's last aging threshold. */
export function expectedPayOptions(
  a: Analysis,
  options: Partial<ExpectedPayOptions> = {},
): Partial<ExpectedPayOptions> {
  const t = a.policy.thresholds;
  return { neverAfterDays: t[t.length - 1], ...options };
}

/** Learns from `history` (items settled by the as-of date) and predicts every open item. */
export function expectedPayDates(
  a: Analysis,
  history: SettledItems,
  options: Partial<ExpectedPayOptions> = {},
): ExpectedPay {
  const opts = expectedPayOptions(a, options);
  const ledger = a.ledger;
  const model = learnModel(history, ledger.customers.length, ledger.salespeople.length, opts);
  const it = ledger.items;
  const n = it.length;
  const r = a.items;
  const date = new Int32Array(n);
  const low = new Int32Array(n);
  const high = new Int32Array(n);
  const basis = new Uint8Array(n).fill(NOT_PREDICTED);
  const never = new Uint8Array(n);
  const weight = new Float32Array(n);
  const provisionNever = opts.fullyProvidedIsNever ?? true;
  const qs = opts.spreadQuantiles ?? DEFAULT_SPREAD;
  const K = qs.length;
  const spread = new Int32Array(n * K);
  const p = newPrediction();
  // Columns as locals: this loop runs once per item.
  const { status, outstanding, due } = r;
  const { customer, salesperson, flags, invoiceDate, promiseDate } = it;
  const customerSales = Int32Array.from(ledger.customers, (c) => c.salesperson);
  const asOf = a.asOf;
  const policy = a.policy;
  const rateAt = provisionRate;
  const predictOne = predict;
  const cache = new PredictionCache(n, K);
  for (let i = 0; i < n; i++) {
    if (status[i] !== OPEN || outstanding[i] <= 0) continue;
    if (
      provisionNever &&
      promiseDate[i] < asOf &&
      rateAt(policy, asOf - (invoiceDate[i] || due[i])) >= 1
    ) {
      basis[i] = Basis.never;
      never[i] = Never.fullyProvided;
      continue;
    }
    const c = customer[i];
    const sp = salesperson[i] >= 0 ? salesperson[i] : customerSales[c];
    // An item with no dates at all (not one the importer lets through) is taken as due today.
    if (promiseDate[i] >= asOf) {
      // A live promise: the whole balance on the promised date, whatever the history says.
      const at = promiseDate[i];
      spread.fill(at, i * K, (i + 1) * K);
      date[i] = low[i] = high[i] = at;
      basis[i] = Basis.promise;
      never[i] = Never.no;
      continue;
    }
    const d = due[i] || asOf;
    const disputed = (flags[i] & DISPUTED) !== 0;
    // The prediction is a function of (customer, salesperson, due date, disputed) alone: an
    // item like one already predicted takes its figures (a full sheet has three or four open
    // items per such key).
    if (!cache.find(c, sp, d, disputed)) {
      predictOne(model, c, sp, d, asOf, disputed, p, qs);
      cache.keep(p);
    }
    cache.copyTo(i, date, low, high, basis, never, weight, spread);
  }
  return {
    asOf: a.asOf,
    model,
    date,
    low,
    high,
    basis,
    never,
    weight,
    spreadQuantiles: qs,
    spread,
  };
}

/**
 * The last prediction made for each (customer, salesperson, due date, disputed), in a table of
 * fixed size indexed by a hash of the key: a slot holds one key and its figures side by side
 * (one cache line), and a key that lands on a slot holding another is predicted anew and takes
 * the slot. No map, no object per key. The figures are kept as the item columns hold them
 * (dates capped at 9999-12-31, the weight as a 32-bit float), so a copy is the same as a write.
 */
class PredictionCache {
  private readonly rows: Int32Array;
  /** The same memory as `rows`, for the weight. */
  private readonly floats: Float32Array;
  private readonly stride: number;
  private readonly mask: number;
  private readonly k: number;
  /** The row of the last `find`. */
  private at = 0;

  constructor(items: number, spreadQuantiles: number) {
    let size = 1024;
    while (size < items / 8 && size < 1 << 17) size *= 2;
    this.k = spreadQuantiles;
    // Key (customer, salesperson and disputed, due date, in use), then date, low, high, basis,
    // never, weight and the spread: 16 fields with the default five quantiles.
    let stride = ROW_SPREAD + spreadQuantiles;
    stride = (stride + 7) & ~7;
    this.stride = stride;
    this.rows = new Int32Array(size * stride);
    this.floats = new Float32Array(this.rows.buffer);
    this.mask = size - 1;
  }

  /** Whether the slot of this key holds it; else the slot is taken for it (see `keep`). */
  find(customer: number, salesperson: number, due: number, disputed: boolean): boolean {
    const h =
      (Math.imul(customer, 0x9e3779b1) ^
        Math.imul(due, 0x85ebca77) ^
        Math.imul(salesperson + 1, 0xc2b2ae3d) ^
        (disputed ? 0x27d4eb2f : 0)) >>>
      0;
    const at = ((h ^ (h >>> 15)) & this.mask) * this.stride;
    this.at = at;
    const r = this.rows;
    // Salesperson (-1: none) and disputed in one field: salesperson + 1, negated when disputed.
    const sp = disputed ? -(salesperson + 2) : salesperson + 1;
    if (r[at + 3] === 1 && r[at] === customer && r[at + 2] === due && r[at + 1] === sp) return true;
    r[at] = customer;
    r[at + 1] = sp;
    r[at + 2] = due;
    r[at + 3] = 1;
    return false;
  }

  /** Stores a prediction for the key of the last `find`. */
  keep(p: Prediction): void {
    const r = this.rows;
    const at = this.at;
    // Never past 9999-12-31 (an open-ended due date plus a delay would be).
    r[at + 4] = Math.min(LAST_DATE, p.date);
    r[at + 5] = Math.min(LAST_DATE, p.low);
    r[at + 6] = Math.min(LAST_DATE, p.high);
    r[at + 7] = p.basis;
    r[at + 8] = p.never;
    this.floats[at + 9] = p.weightCustomer;
    for (let q = 0; q < this.k; q++) r[at + ROW_SPREAD + q] = Math.min(LAST_DATE, p.spread[q]);
  }

  /** Item i's figures: those of the last `find`'s key. */
  copyTo(
    i: number,
    date: Int32Array,
    low: Int32Array,
    high: Int32Array,
    basis: Uint8Array,
    never: Uint8Array,
    weight: Float32Array,
    spread: Int32Array,
  ): void {
    const r = this.rows;
    const at = this.at;
    date[i] = r[at + 4];
    low[i] = r[at + 5];
    high[i] = r[at + 6];
    basis[i] = r[at + 7];
    never[i] = r[at + 8];
    weight[i] = this.floats[at + 9];
    const k = this.k;
    for (let q = 0; q < k; q++) spread[i * k + q] = r[at + ROW_SPREAD + q];
  }
}

/** Where the spread starts in a `PredictionCache` row. */
const ROW_SPREAD = 10;

/** Age of item i as the provision counts it: from the invoice date (else the due date). */
export function provisionAge(a: Analysis, i: number): number {
  return a.asOf - (a.ledger.items.invoiceDate[i] || a.items.due[i]);
}

function predictItem(
  a: Analysis,
  model: PayModel,
  i: number,
  out: Prediction,
  spreadQuantiles: readonly number[] = [],
): Prediction {
  const it = a.ledger.items;
  // An item with no dates at all (not one the importer lets through) is taken as due today.
  const due = a.items.due[i] || a.asOf;
  const disputed = (it.flags[i] & DISPUTED) !== 0;
  const sp = salespersonOf(a, i);
  return predict(model, it.customer[i], sp, due, a.asOf, disputed, out, spreadQuantiles);
}

/** One item's expected date and the figures behind it, for people. */
export interface Explanation {
  item: number;
  basis: BasisCode;
  never: NeverCode;
  date: Serial | null;
  low: Serial | null;
  high: Serial | null;
  daysOverdue: number;
  /** The prediction's figures (weights, tail sizes and medians per level, the shift). */
  detail: Prediction;
  /** Message codes with their parameters, in the order to show them (see messages.ts). */
  reasons: { code: string; params: Record<string, string | number> }[];
}

/** Why item i got its date (null when it is not predicted). */
export function explainItem(a: Analysis, ep: ExpectedPay, i: number): Explanation | null {
  if (ep.basis[i] === NOT_PREDICTED) return null;
  const daysOverdue = a.asOf - (a.items.due[i] || a.asOf);
  const p = newPrediction();
  const reasons: Explanation["reasons"] = [];
  if (ep.basis[i] === Basis.promise) {
    p.basis = Basis.promise;
    p.date = p.low = p.high = ep.date[i];
    reasons.push({
      code: "basis.promise",
      params: { date: isoFromSerial(ep.date[i]), days: Math.max(0, daysOverdue) },
    });
  } else if (ep.never[i] === Never.fullyProvided) {
    p.basis = Basis.never;
    p.never = Never.fullyProvided;
    reasons.push({ code: "never.fullyProvided", params: { age: provisionAge(a, i) } });
  } else {
    predictItem(a, ep.model, i, p);
    const pct = (w: number) => Math.round(w * 100);
    const days = (x: number) => Math.round(x * 10) / 10;
    switch (p.basis) {
      case Basis.noHistory:
        // The prediction's own word on whether its date is the assumption for an item already
        // due (an item due today and unpaid is one), so the reason never contradicts the date.
        if (p.assumed)
          reasons.push({
            code: "basis.noHistoryOverdue",
            params: {
              days: Math.max(0, daysOverdue),
              assumed: ep.model.options.beyondHistoryDays,
            },
          });
        else reasons.push({ code: "basis.noHistory", params: {} });
        break;
      case Basis.beyondHistory:
        reasons.push({
          code: "basis.beyondHistory",
          params: { days: daysOverdue, assumed: ep.model.options.beyondHistoryDays },
        });
        break;
      case Basis.never:
        reasons.push({
          code: "never.beyondHistory",
          params: { days: daysOverdue, max: ep.model.portfolio.delays.at(-1) ?? 0 },
        });
        break;
      default:
        reasons.push({
          code: "basis.delay",
          params: { delay: days(p.delay), days: Math.max(0, daysOverdue) },
        });
        if (p.nCustomer > 0 || p.basis === Basis.customer) {
          reasons.push({
            code: "basis.customer",
            params: {
              n: p.nCustomer,
              median: days(p.medianCustomer),
              weight: pct(p.weightCustomer),
            },
          });
        } else {
          reasons.push({ code: "basis.customerNone", params: {} });
        }
        if (p.nSalesperson > 0) {
          reasons.push({
            code: "basis.salesperson",
            params: {
              n: p.nSalesperson,
              median: days(p.medianSalesperson),
              weight: pct(p.weightSalesperson),
            },
          });
        }
        reasons.push({
          code: "basis.portfolio",
          params: {
            n: p.nPortfolio,
            median: days(p.medianPortfolio),
            weight: pct(p.weightPortfolio),
          },
        });
    }
    if (p.shift !== 0) reasons.push({ code: "basis.disputed", params: { shift: p.shift } });
  }
  return {
    item: i,
    basis: BASIS_CODES[ep.basis[i]],
    never: NEVER_CODES[ep.never[i]],
    date: ep.date[i] || null,
    low: ep.low[i] || null,
    high: ep.high[i] || null,
    daysOverdue,
    detail: p,
    reasons,
  };
}
