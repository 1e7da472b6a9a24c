/**
 * Cash forecast: the open balances expected to come in, week by week and month by month over
 * the next 13 weeks (a quarter), per currency, from the expected pay dates (expected.ts).
 *
 * - Week k (1 … 13) runs from as-of + 7(k − 1) + 1 to as-of + 7k: the first week starts the day
 *   after the as-of date (money received on the as-of date is already in the position).
 * - Months are calendar months cut to the same horizon (the first and last are usually part
 *   months; `from`/`to` say which days), so months and weeks add up to the same amount.
 * - Each item's open balance is cut in equal slices put on the dates of its spread (expected.ts:
 *   by default five, at the 10th, 30th, 50th, 70th and 90th percentiles of its pay date), so an
 *   invoice that may come this week or next counts partly in each. Slices are whole minor units
 *   (the remainder goes to the first ones), so the sums are exact.
 * - `later`: expected after the horizon; `never`: expected never (see expected.ts).
 *   weeks + later + never = `open`, every positive open balance. Credit notes and unapplied
 *   cash are not collections and are left out.
 *
 * Money in minor units, one currency per forecast, never added across currencies.
 */
import type { Analysis } from "../analyze";
import { serialFromYmd, ymdFromSerial, type Serial } from "../dates";
import type { Minor } from "../money";
import { ItemStatus } from "../position";
import { Basis } from "./model";
import type { ExpectedPay } from "./expected";

export interface ForecastPeriod {
  /** First and last day (serials, inclusive). */
  from: Serial;
  to: Serial;
  amount: Minor;
  /** Items with a slice in the period. */
  items: number;
}

export interface ForecastMonth extends ForecastPeriod {
  year: number;
  month: number;
}

export interface CashForecast {
  currency: number;
  /** Positive open balances: what the forecast distributes. */
  open: Minor;
  weeks: ForecastPeriod[];
  months: ForecastMonth[];
  /** Expected after the last week (slices of balances whose spread reaches past it). */
  later: Minor;
  /** Items whose expected date is after the last week. */
  laterItems: number;
  /** Expected never. */
  never: Minor;
  neverItems: number;
}

export interface ForecastOptions {
  weeks: number;
}

export const DEFAULT_FORECAST_OPTIONS: ForecastOptions = { weeks: 13 };

/** The forecast per currency, for every currency with a positive open balance. */
export function cashForecast(
  a: Analysis,
  ep: ExpectedPay,
  options: Partial<ForecastOptions> = {},
): CashForecast[] {
  const { weeks } = { ...DEFAULT_FORECAST_OPTIONS, ...options };
  const it = a.ledger.items;
  const nc = a.ledger.currencies.length;
  const asOf = a.asOf;
  const horizonEnd = asOf + 7 * weeks;
  const perWeek = new Float64Array(nc * weeks);
  const weekItems = new Int32Array(nc * weeks);
  const open = new Float64Array(nc);
  const later = new Float64Array(nc);
  const laterItems = new Int32Array(nc);
  const never = new Float64Array(nc);
  const neverItems = new Int32Array(nc);
  const seen = new Uint8Array(nc);
  // Months: the calendar months the horizon touches, found once.
  const months = monthsBetween(asOf + 1, horizonEnd);
  const perMonth = new Float64Array(nc * months.length);
  const monthItems = new Int32Array(nc * months.length);
  const monthOfDay = new Int16Array(horizonEnd - asOf);
  months.forEach((m, k) => monthOfDay.fill(k, m.from - asOf - 1, m.to - asOf));

  const K = ep.spreadQuantiles.length;
  if (K === 0) throw new RangeError("cashForecast needs expected pay dates with a spread");
  const r = a.items;
  for (let i = 0; i < it.length; i++) {
    if (r.status[i] !== ItemStatus.open) continue;
    const amount = r.outstanding[i];
    if (amount <= 0) continue;
    const c = it.currency[i];
    seen[c] = 1;
    open[c] += amount;
    if (ep.basis[i] === Basis.never) {
      never[c] += amount;
      neverItems[c]++;
      continue;
    }
    if (ep.date[i] > horizonEnd) laterItems[c]++;
    const slice = Math.floor(amount / K);
    let extra = amount - slice * K;
    let lastWeek = -1;
    let lastMonth = -1;
    for (let q = 0; q < K; q++) {
      const part = slice + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const d = K > 0 ? ep.spread[i * K + q] : 0;
      if (d > horizonEnd) {
        later[c] += part;
        continue;
      }
      // Pay dates are after the as-of date by construction; clamp for safety.
      const day = d > asOf ? d - asOf - 1 : 0;
      const w = Math.floor(day / 7);
      perWeek[c * weeks + w] += part;
      if (w !== lastWeek) weekItems[c * weeks + w]++;
      lastWeek = w;
      const m = monthOfDay[day];
      perMonth[c * months.length + m] += part;
      if (m !== lastMonth) monthItems[c * months.length + m]++;
      lastMonth = m;
    }
  }

  const out: CashForecast[] = [];
  for (let c = 0; c < nc; c++) {
    if (!seen[c]) continue;
    const ws: ForecastPeriod[] = [];
    for (let w = 0; w < weeks; w++) {
      ws.push({
        from: asOf + 7 * w + 1,
        to: asOf + 7 * (w + 1),
        amount: perWeek[c * weeks + w],
        items: weekItems[c * weeks + w],
      });
    }
    out.push({
      currency: c,
      open: open[c],
      weeks: ws,
      months: months.map((m, k) => ({
        ...m,
        amount: perMonth[c * months.length + k],
        items: monthItems[c * months.length + k],
      })),
      later: later[c],
      laterItems: laterItems[c],
      never: never[c],
      neverItems: neverItems[c],
    });
  }
  return out;
}

/** The calendar months touching [from, to], each cut to it. */
export function monthsBetween(
  from: Serial,
  to: Serial,
): { year: number; month: number; from: Serial; to: Serial }[] {
  const out: { year: number; month: number; from: Serial; to: Serial }[] = [];
  let start = from;
  while (start <= to) {
    const { year, month } = ymdFromSerial(start);
    const next =
      month === 12 ? serialFromYmd(year + 1, 1, 1) : (serialFromYmd(year, month + 1, 1) as Serial);
    const end = Math.min(to, (next as Serial) - 1);
    out.push({ year, month, from: start, to: end });
    start = end + 1;
  }
  return out;
}
