/**
 * The custom functions at full-sheet size, as Excel calls them (matrices in, matrices out):
 * one spilled AR.AGING and one AR.AGINGTABLE over 1,048,576 rows, other spilled functions, and
 * the cost of single-cell calls. Prints the best of 5 runs.
 *   npx tsx bench/functions.ts
 */
import * as f from "../src/functions/impl";

const N = Number(process.env.ROWS ?? 1_048_576);
const AS_OF = 46203; // 2026-06-30

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r = rng(11);
const due: unknown[][] = [];
const dueText: unknown[][] = [];
const customers: unknown[][] = [];
const balances: unknown[][] = [];
const terms: unknown[][] = [];
for (let i = 0; i < N; i++) {
  const d = AS_OF - 200 + Math.floor(r() * 260);
  due.push([d]);
  const y = 2025 + (d > 46022 ? 1 : 0);
  dueText.push([`${y}-0${1 + (i % 9)}-${10 + (i % 18)}`]);
  customers.push([`C${Math.floor(r() * 5000)}`]);
  balances.push([Math.round(r() * 1e7) / 100]);
  terms.push([30 * (1 + (i % 3))]);
}
const asOf = [[AS_OF]];

function best(label: string, fn: () => unknown, times = 5): number {
  let min = Infinity;
  for (let k = 0; k < times; k++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  console.log(`${label.padEnd(58)} ${min.toFixed(1).padStart(8)} ms`);
  return min;
}

console.log(`${N.toLocaleString("en")} rows`);
best("AR.AGING, spilled (serial due dates)", () => f.aging(due, asOf));
best("AR.AGING, spilled, thresholds 15,45,90,180", () => f.aging(due, asOf, [["15,45,90,180"]]));
best("AR.AGING, spilled (ISO text due dates)", () => f.aging(dueText, asOf));
best("AR.DAYSOVERDUE, spilled", () => f.daysOverdue(due, asOf));
best("AR.OVERDUE, spilled", () => f.overdue(due, balances, asOf));
best("AR.LEVEL, spilled (with term days)", () => f.level(due, balances, asOf, terms));
best("AR.AGINGTABLE (5,000 customers)", () => f.agingTable(customers, due, balances, asOf));
best("AR.OUTSTANDING, 5,000 customers spilled", () =>
  f.outstandingOf(
    Array.from({ length: 5000 }, (_, i) => [`C${i}`]),
    customers,
    balances,
  ),
);
best("AR.OVERDUERATE", () => f.overdueRateOf(balances, due, asOf));

/** Nanoseconds per call of `fn` over `CALLS` calls with 1×1 arguments, as Excel passes them. */
const CALLS = 2_000_000;
function perCall(label: string, fn: (i: number) => unknown): void {
  let min = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    for (let i = 0; i < CALLS; i++) fn(i);
    min = Math.min(min, performance.now() - t);
  }
  console.log(`${label.padEnd(58)} ${((min * 1e6) / CALLS).toFixed(0).padStart(8)} ns/call`);
}

const cells = due.slice(0, 1024).map((row) => [row]);
const owed = balances.slice(0, 1024).map((row) => [row]);
perCall("AR.DAYSOVERDUE(cell, as_of)", (i) => f.daysOverdue(cells[i & 1023], asOf));
perCall("AR.AGING(cell, as_of)", (i) => f.aging(cells[i & 1023], asOf));
perCall('AR.AGING(cell, as_of, "15,45,90")', (i) => f.aging(cells[i & 1023], asOf, [["15,45,90"]]));
perCall("AR.OVERDUE(cell, amount, as_of)", (i) => f.overdue(cells[i & 1023], owed[i & 1023], asOf));
perCall("AR.LEVEL(cell, amount, as_of, 30)", (i) =>
  f.level(cells[i & 1023], owed[i & 1023], asOf, [[30]]),
);
perCall("AR.ACTBY(cell, 60)", (i) => f.actBy(cells[i & 1023], [[60]]));
