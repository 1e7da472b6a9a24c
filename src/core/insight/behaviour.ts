/**
 * Payment behaviour per customer, per salesperson and for the whole portfolio, from the items
 * settled by the as-of date (see history.ts): how many, how many on time, how late on average
 * (plain, and weighted by amount as DESIGN §3 asks), the spread, and whether it is getting worse.
 *
 * Definitions:
 * - *delay* = settled − due (negative: early); *days late* = max(0, delay) (DESIGN §3);
 * - *on time*: delay ≤ 0 (paid on or before the due date);
 * - the amount-weighted average adds amounts, so it is taken in one currency: the one in which
 *   the group has most settled items (`weightCurrency`) — all of them for the usual one-currency
 *   customer;
 * - *median, q1, q3* are of the delay (sign kept), linear interpolation (PERCENTILE.INC);
 * - *trend* = average days late of the items settled in the last `recentDays` (180) days before
 *   the as-of date − that of the items settled earlier; positive: paying later lately.
 */
import type { Serial } from "../dates";
import { groupDelays, spreadOf, type DelaySample } from "./delays";
import type { SettledItems } from "./history";

export interface PeriodBehaviour {
  settled: number;
  averageDaysLate: number | null;
}

export interface Behaviour {
  /** Customer or salesperson index; -1: the portfolio, or items with no salesperson. */
  key: number;
  /** Settled items learned from. */
  settled: number;
  /** Share paid on or before the due date, 0 … 1. */
  onTimeShare: number;
  /** Mean days late (max(0, delay)). */
  averageDaysLate: number;
  /** Mean days late weighted by amount, in `weightCurrency`. */
  weightedDaysLate: number;
  /** Currency index the weighted average is taken in. */
  weightCurrency: number;
  /** Mean delay, sign kept (negative: pays early on average). */
  averageDelay: number;
  median: number;
  q1: number;
  q3: number;
  /** Settled in the last `recentDays` days up to the as-of date, and before. */
  recent: PeriodBehaviour;
  earlier: PeriodBehaviour;
  /** recent − earlier average days late; null unless both periods have items. */
  trend: number | null;
  lastSettled: Serial;
}

export interface BehaviourOptions {
  /** Length of the recent period for the trend, days. */
  recentDays: number;
}

export const DEFAULT_BEHAVIOUR_OPTIONS: BehaviourOptions = { recentDays: 180 };

/**
 * Behaviour of each group: record k of `h` belongs to group `groupOf[k]` (0 … groups − 1; < 0:
 * left out). Returns one entry per group, null for a group with no settled item; `keyOf(g)` gives
 * the entry's `key`. `sample`: the records' delays already grouped the same way, if at hand.
 */
export function behaviourOf(
  h: SettledItems,
  groupOf: ArrayLike<number>,
  groups: number,
  currencies: number,
  asOf: Serial,
  keyOf: (g: number) => number = (g) => g,
  options: Partial<BehaviourOptions> = {},
  sample: DelaySample = groupDelays(groupOf, h.delay, groups, h.length),
): (Behaviour | null)[] {
  const { recentDays } = { ...DEFAULT_BEHAVIOUR_OPTIONS, ...options };
  const recentFrom = asOf - recentDays;
  const count = new Int32Array(groups);
  const onTime = new Int32Array(groups);
  const lateSum = new Float64Array(groups);
  const delaySum = new Float64Array(groups);
  const recentCount = new Int32Array(groups);
  const recentLate = new Float64Array(groups);
  const last = new Int32Array(groups);
  const perCurrency = new Int32Array(groups * currencies);
  const weight = new Float64Array(groups * currencies);
  const weightedLate = new Float64Array(groups * currencies);
  for (let k = 0; k < h.length; k++) {
    const g = groupOf[k];
    if (g < 0) continue;
    const d = h.delay[k];
    const late = d > 0 ? d : 0;
    count[g]++;
    if (d <= 0) onTime[g]++;
    lateSum[g] += late;
    delaySum[g] += d;
    if (h.settled[k] > recentFrom) {
      recentCount[g]++;
      recentLate[g] += late;
    }
    if (h.settled[k] > last[g]) last[g] = h.settled[k];
    const gc = g * currencies + h.currency[k];
    perCurrency[gc]++;
    weight[gc] += h.amount[k];
    weightedLate[gc] += late * h.amount[k];
  }
  const out: (Behaviour | null)[] = new Array(groups);
  for (let g = 0; g < groups; g++) {
    const n = count[g];
    if (n === 0) {
      out[g] = null;
      continue;
    }
    let main = 0;
    for (let c = 1; c < currencies; c++) {
      if (perCurrency[g * currencies + c] > perCurrency[g * currencies + main]) main = c;
    }
    const gc = g * currencies + main;
    const spread = spreadOf(sample, g) as NonNullable<ReturnType<typeof spreadOf>>;
    const nRecent = recentCount[g];
    const nEarlier = n - nRecent;
    const recentAvg = nRecent > 0 ? recentLate[g] / nRecent : null;
    const earlierAvg = nEarlier > 0 ? (lateSum[g] - recentLate[g]) / nEarlier : null;
    out[g] = {
      key: keyOf(g),
      settled: n,
      onTimeShare: onTime[g] / n,
      averageDaysLate: lateSum[g] / n,
      weightedDaysLate: weight[gc] > 0 ? weightedLate[gc] / weight[gc] : lateSum[g] / n,
      weightCurrency: main,
      averageDelay: delaySum[g] / n,
      median: spread.median,
      q1: spread.q1,
      q3: spread.q3,
      recent: { settled: nRecent, averageDaysLate: recentAvg },
      earlier: { settled: nEarlier, averageDaysLate: earlierAvg },
      trend: recentAvg !== null && earlierAvg !== null ? recentAvg - earlierAvg : null,
      lastSettled: last[g],
    };
  }
  return out;
}
