/**
 * Roll rates: how the balances of each aging bucket at one as-of date moved by a later one.
 *
 * For every item with a positive balance at the first date, its balance there is split into
 * what is still open at the second date (counted in the bucket it is in then) and what was
 * settled in between (paid, credited or otherwise cleared). Rows therefore add up to the first
 * date's bucket balances exactly. Items invoiced between the two dates are shown apart
 * (`newItems`, by their bucket at the second date), so nothing is silently mixed in.
 *
 * - roll-forward rate of a bucket = share of its balance that moved to a later bucket;
 * - settled rate = share of it settled by the second date;
 * - the rest stayed in its bucket (an item only ages, so nothing moves to an earlier bucket).
 *
 * Per currency; credit notes, overpayments and unapplied cash are left out (they do not roll).
 */
import type { Analysis } from "../analyze";
import type { Serial } from "../dates";
import type { Minor } from "../money";
import { ItemStatus } from "../position";

export interface RollRates {
  currency: number;
  from: Serial;
  to: Serial;
  labels: string[];
  /** matrix[b][b2]: balance in bucket b at `from` that is in bucket b2 at `to`; b2 = labels.length: settled. */
  matrix: Minor[][];
  /** Balance per bucket at `from` (row sums). */
  opening: Minor[];
  /** Balances at `to` of items invoiced after `from`, per bucket. */
  newItems: Minor[];
  /** Share of each bucket's balance that moved to a later bucket (null for an empty bucket). */
  rollForward: (number | null)[];
  /** Share of each bucket's balance settled by `to`. */
  settled: (number | null)[];
}

/** Roll rates between two analyses of the same ledger and policy, `from.asOf` < `to.asOf`. */
export function rollRates(from: Analysis, to: Analysis): RollRates[] {
  if (from.ledger !== to.ledger) throw new RangeError("rollRates needs two analyses of one ledger");
  if (from.labels.join() !== to.labels.join()) {
    throw new RangeError("rollRates needs the same aging buckets at both dates");
  }
  if (!(from.asOf < to.asOf)) throw new RangeError("rollRates: `from` must be before `to`");
  const it = from.ledger.items;
  const nb = from.labels.length;
  const width = nb + 1;
  const nc = from.ledger.currencies.length;
  const matrix = new Float64Array(nc * nb * width);
  const fresh = new Float64Array(nc * nb);
  const seen = new Uint8Array(nc);
  const r1 = from.items;
  const r2 = to.items;
  for (let i = 0; i < it.length; i++) {
    const c = it.currency[i];
    const open2 = r2.status[i] === ItemStatus.open;
    const o2 = open2 ? r2.outstanding[i] : 0;
    if (r1.status[i] === ItemStatus.future) {
      if (open2 && o2 > 0) {
        fresh[c * nb + r2.bucket[i]] += o2;
        seen[c] = 1;
      }
      continue;
    }
    if (r1.status[i] !== ItemStatus.open) continue;
    const o1 = r1.outstanding[i];
    if (o1 <= 0) continue;
    seen[c] = 1;
    const row = (c * nb + r1.bucket[i]) * width;
    const still = open2 ? Math.max(0, Math.min(o1, o2)) : 0;
    if (still > 0) matrix[row + r2.bucket[i]] += still;
    matrix[row + nb] += o1 - still;
  }
  const out: RollRates[] = [];
  for (let c = 0; c < nc; c++) {
    if (!seen[c]) continue;
    const rows: Minor[][] = [];
    const opening: Minor[] = [];
    const rollForward: (number | null)[] = [];
    const settled: (number | null)[] = [];
    for (let b = 0; b < nb; b++) {
      const row = Array.from(matrix.subarray((c * nb + b) * width, (c * nb + b + 1) * width));
      const total = row.reduce((s, x) => s + x, 0);
      let later = 0;
      for (let b2 = b + 1; b2 < nb; b2++) later += row[b2];
      rows.push(row);
      opening.push(total);
      rollForward.push(total > 0 ? later / total : null);
      settled.push(total > 0 ? row[nb] / total : null);
    }
    out.push({
      currency: c,
      from: from.asOf,
      to: to.asOf,
      labels: from.labels,
      matrix: rows,
      opening,
      newItems: Array.from(fresh.subarray(c * nb, (c + 1) * nb)),
      rollForward,
      settled,
    });
  }
  return out;
}
