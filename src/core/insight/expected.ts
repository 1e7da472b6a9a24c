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
  for (let i = 0; i < n; i++) {
    if (status[i] !== ItemStatus.open || outstanding[i] <= 0) continue;
    if (
      provisionNever &&
      promiseDate[i] < asOf &&
      provisionRate(a.policy, asOf - (invoiceDate[i] || due[i])) >= 1
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
    predict(model, c, sp, due[i] || asOf, asOf, (flags[i] & DISPUTED) !== 0, p, qs);
    // Never past 9999-12-31 (an open-ended due date plus a delay would be).
    for (let q = 0; q < K; q++) spread[i * K + q] = Math.min(MAX_SERIAL, p.spread[q]);
    date[i] = Math.min(MAX_SERIAL, p.date);
    low[i] = Math.min(MAX_SERIAL, p.low);
    high[i] = Math.min(MAX_SERIAL, p.high);
    basis[i] = p.basis;
    never[i] = p.never;
    weight[i] = p.weightCustomer;
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
