/**
 * Backtest of the expected-pay-date model on a ledger whose later history is known.
 *
 * For each as-of date: analyse the ledger at that date (so the model learns only from items
 * settled by then; payments after it are ignored), predict the pay date of every item open at it
 * with a positive balance, and compare with the date it was actually settled (the ledger's
 * position at the end of time). The naive rule it must beat: "pays on the due date" — or the day
 * after the as-of date when the due date has already passed (an open item cannot have been paid
 * on a past day).
 *
 * Figures:
 * - **MAE**: mean absolute error in days over the items given a date that were later settled
 *   (items expected never are counted apart), model and naive on the same items;
 * - **coverage**: share of those whose actual date fell inside the model's band;
 * - **weekly forecast error** over the 13 weeks after each as-of date: Σ |forecast − actual| ÷
 *   Σ actual, pooled over weeks and dates (WAPE), per currency; actual = the balances (at the
 *   as-of date) of the items settled in that week. Only items open at the as-of date count, as
 *   the forecast covers only them: invoices issued later are outside both sides.
 * - **never**: items expected never, and how many of them were paid within the 13 weeks anyway.
 */
import { analyze } from "../analyze";
import { MAX_SERIAL, type Serial } from "../dates";
import type { Ledger } from "../ledger";
import { DEFAULT_POLICY, type Policy } from "../policy";
import { computePosition, ItemStatus } from "../position";
import { expectedPayDates, NOT_PREDICTED, type ExpectedPayOptions } from "./expected";
import { cashForecast } from "./forecast";
import { settledItems } from "./history";
import { Basis } from "./model";

export interface BacktestOptions {
  policy: Policy;
  model: Partial<ExpectedPayOptions>;
  weeks: number;
}

export interface BacktestDate {
  asOf: Serial;
  /** Open items with a positive balance. */
  open: number;
  /** Of which given a date and later settled: the MAE is over these. */
  scored: number;
  mae: number | null;
  naiveMae: number | null;
  coverage: number | null;
  never: number;
  /** Open items never settled in the ledger (not scored). */
  unsettled: number;
}

export interface WeeklyError {
  currency: number;
  /** Σ |forecast − actual| ÷ Σ actual, model and naive. */
  error: number | null;
  naiveError: number | null;
  actual: number;
}

export interface BacktestResult {
  dates: BacktestDate[];
  scored: number;
  mae: number | null;
  naiveMae: number | null;
  /** Median absolute error, days. */
  medianError: number | null;
  naiveMedianError: number | null;
  coverage: number | null;
  weekly: WeeklyError[];
  never: number;
  /** Items expected never that were paid within the horizon after all. */
  neverPaidInHorizon: number;
  /** Milliseconds spent predicting (analyse + learn + predict + forecast), all dates. */
  millis: number;
}

/** The backtest at each of `asOfDates`. `now` measures time (injected: the core has no clock). */
export function backtest(
  ledger: Ledger,
  asOfDates: readonly Serial[],
  options: Partial<BacktestOptions> = {},
  now: () => number = () => 0,
): BacktestResult {
  const policy = options.policy ?? DEFAULT_POLICY;
  const weeks = options.weeks ?? 13;
  const truth = computePosition(ledger, MAX_SERIAL, { applications: false });
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const errors: number[] = [];
  const naiveErrors: number[] = [];
  let covered = 0;
  let never = 0;
  let neverPaid = 0;
  let millis = 0;
  const absErr = new Float64Array(nc);
  const naiveAbsErr = new Float64Array(nc);
  const actualSum = new Float64Array(nc);
  const dates: BacktestDate[] = [];

  for (const asOf of asOfDates) {
    const t0 = now();
    const a = analyze(ledger, asOf, policy);
    const ep = expectedPayDates(a, settledItems(a), options.model);
    const forecast = cashForecast(a, ep, { weeks });
    millis += now() - t0;

    const horizon = asOf + 7 * weeks;
    const actual = new Float64Array(nc * weeks);
    const naive = new Float64Array(nc * weeks);
    const row: BacktestDate = {
      asOf,
      open: 0,
      scored: 0,
      mae: null,
      naiveMae: null,
      coverage: null,
      never: 0,
      unsettled: 0,
    };
    let sum = 0;
    let naiveSum = 0;
    let inBand = 0;
    for (let i = 0; i < it.length; i++) {
      if (a.items.status[i] !== ItemStatus.open || a.items.outstanding[i] <= 0) continue;
      if (ep.basis[i] === NOT_PREDICTED) continue;
      row.open++;
      const amount = a.items.outstanding[i];
      const c = it.currency[i];
      const paid = truth.settled[i];
      const naiveDate = Math.max(a.items.due[i], asOf + 1);
      if (naiveDate <= horizon) naive[c * weeks + Math.floor((naiveDate - asOf - 1) / 7)] += amount;
      if (paid !== 0 && paid > asOf && paid <= horizon) {
        actual[c * weeks + Math.floor((paid - asOf - 1) / 7)] += amount;
      }
      if (ep.basis[i] === Basis.never) {
        row.never++;
        if (paid !== 0 && paid <= horizon) neverPaid++;
        continue;
      }
      if (paid === 0) {
        row.unsettled++;
        continue;
      }
      row.scored++;
      const e = Math.abs(ep.date[i] - paid);
      const ne = Math.abs(naiveDate - paid);
      errors.push(e);
      naiveErrors.push(ne);
      sum += e;
      naiveSum += ne;
      if (paid >= ep.low[i] && paid <= ep.high[i]) inBand++;
    }
    never += row.never;
    covered += inBand;
    if (row.scored > 0) {
      row.mae = sum / row.scored;
      row.naiveMae = naiveSum / row.scored;
      row.coverage = inBand / row.scored;
    }
    for (const f of forecast) {
      const c = f.currency;
      for (let w = 0; w < weeks; w++) {
        const act = actual[c * weeks + w];
        absErr[c] += Math.abs(f.weeks[w].amount - act);
        naiveAbsErr[c] += Math.abs(naive[c * weeks + w] - act);
        actualSum[c] += act;
      }
    }
    dates.push(row);
  }

  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const median = (xs: number[]) => {
    if (xs.length === 0) return null;
    const s = [...xs].sort((x, y) => x - y);
    const h = (s.length - 1) / 2;
    return (s[Math.floor(h)] + s[Math.ceil(h)]) / 2;
  };
  const weekly: WeeklyError[] = [];
  for (let c = 0; c < nc; c++) {
    if (actualSum[c] === 0 && absErr[c] === 0) continue;
    weekly.push({
      currency: c,
      error: actualSum[c] > 0 ? absErr[c] / actualSum[c] : null,
      naiveError: actualSum[c] > 0 ? naiveAbsErr[c] / actualSum[c] : null,
      actual: actualSum[c],
    });
  }
  return {
    dates,
    scored: errors.length,
    mae: mean(errors),
    naiveMae: mean(naiveErrors),
    medianError: median(errors),
    naiveMedianError: median(naiveErrors),
    coverage: errors.length ? covered / errors.length : null,
    weekly,
    never,
    neverPaidInHorizon: neverPaid,
    millis,
  };
}
