/**
 * Samples of payment delays, grouped, and what the pay-date model asks of them.
 *
 * A **delay** is settled date − due date in whole days: negative when an item was paid early, 0 on
 * the due date. (DESIGN §3's *days late* is max(0, delay); the model keeps the sign, because a
 * customer who pays ten days early is worth forecasting as such.)
 *
 * Each group's delays are held sorted in one shared Int32Array (`offsets[g] … offsets[g + 1]`), so
 * a conditional question — "of this group's payments, those that came later than d days" — is a
 * binary search, and any quantile of that tail is one or two array reads. Building is a counting
 * sort (by delay, then by group) when the delays span a narrow range, as days do; else one
 * numeric sort per group: O(n log n) at worst, no objects per record.
 *
 * Pure: no I/O, no Date.
 */

/** Delays grouped by an integer key 0 … groups − 1, each group sorted ascending. */
export interface DelaySample {
  /** Group g holds `delays[offsets[g]] … delays[offsets[g + 1] - 1]`. Length groups + 1. */
  offsets: Int32Array;
  delays: Int32Array;
}

/**
 * Record indices in ascending order of delay (stable), by a counting sort — or null when the
 * delays span too wide a range for one (then `groupDelays` sorts each group instead).
 */
export function delayOrder(delay: ArrayLike<number>, length = delay.length): Int32Array | null {
  if (length <= 64) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < length; k++) {
    const d = delay[k];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (hi - lo >= 4 * length + 1024) return null;
  const counts = new Int32Array(hi - lo + 2);
  for (let k = 0; k < length; k++) counts[delay[k] - lo + 1]++;
  for (let v = 1; v < counts.length; v++) counts[v] += counts[v - 1];
  const order = new Int32Array(length);
  for (let k = 0; k < length; k++) order[counts[delay[k] - lo]++] = k;
  return order;
}

/**
 * Groups `delay[k]` by `group[k]` (records with a group < 0 are left out) and sorts each group.
 * `order` (from `delayOrder` on the same delays) saves the sort when several groupings of one
 * set of delays are made: scattering records in delay order leaves every group sorted.
 *
 * @example
 * const s = groupDelays(Int32Array.of(1, 0, 1), Int32Array.of(5, -2, 3), 2);
 * Array.from(s.delays) //=> [-2, 3, 5]
 * Array.from(s.offsets) //=> [0, 1, 3]
 */
export function groupDelays(
  group: ArrayLike<number>,
  delay: ArrayLike<number>,
  groups: number,
  length = group.length,
  order: Int32Array | null = delayOrder(delay, length),
): DelaySample {
  const offsets = new Int32Array(groups + 1);
  for (let k = 0; k < length; k++) {
    const g = group[k];
    if (g >= 0) offsets[g + 1]++;
  }
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
  const delays = new Int32Array(offsets[groups]);
  const cursor = offsets.slice(0, groups);
  if (order !== null) {
    for (let j = 0; j < length; j++) {
      const k = order[j];
      const g = group[k];
      if (g >= 0) delays[cursor[g]++] = delay[k];
    }
    return { offsets, delays };
  }
  for (let k = 0; k < length; k++) {
    const g = group[k];
    if (g >= 0) delays[cursor[g]++] = delay[k];
  }
  for (let g = 0; g < groups; g++) {
    if (offsets[g + 1] - offsets[g] > 1) delays.subarray(offsets[g], offsets[g + 1]).sort();
  }
  return { offsets, delays };
}

/**
 * All the delays as one group, sorted: `groupDelays` with every record in group 0, without the
 * group column (with `order`, a gather in delay order; else a copy sorted).
 */
export function allDelays(
  delay: ArrayLike<number>,
  length = delay.length,
  order: Int32Array | null = delayOrder(delay, length),
): DelaySample {
  const delays = new Int32Array(length);
  if (order !== null) for (let j = 0; j < length; j++) delays[j] = delay[order[j]];
  else {
    for (let k = 0; k < length; k++) delays[k] = delay[k];
    if (length > 1) delays.sort();
  }
  return { offsets: Int32Array.of(0, length), delays };
}

/** Number of delays in group g. */
export function sizeOf(s: DelaySample, g: number): number {
  return s.offsets[g + 1] - s.offsets[g];
}

/**
 * Index (into `s.delays`) of group g's first delay greater than `after`: the group's tail of
 * payments that came later than `after` days past the due date runs from here to its end.
 */
export function laterThan(s: DelaySample, g: number, after: number): number {
  let lo = s.offsets[g];
  let hi = s.offsets[g + 1];
  const d = s.delays;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The q-quantile (0 … 1) of `delays[from … to)`, sorted, by linear interpolation between closest
 * ranks (Excel's PERCENTILE.INC, R's type 7). NaN for an empty range.
 *
 * @example
 * quantileOf(Int32Array.of(1, 2, 3, 10), 0, 4, 0.5) //=> 2.5
 */
export function quantileOf(delays: Int32Array, from: number, to: number, q: number): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = delays[from + lo];
  return lo + 1 < n ? a + (h - lo) * (delays[from + lo + 1] - a) : a;
}

/** Median, quartiles, minimum and maximum of group g, or null when it is empty. */
export function spreadOf(
  s: DelaySample,
  g: number,
): { median: number; q1: number; q3: number; min: number; max: number } | null {
  const from = s.offsets[g];
  const to = s.offsets[g + 1];
  if (to <= from) return null;
  return {
    median: quantileOf(s.delays, from, to, 0.5),
    q1: quantileOf(s.delays, from, to, 0.25),
    q3: quantileOf(s.delays, from, to, 0.75),
    min: s.delays[from],
    max: s.delays[to - 1],
  };
}
