/**
 * 1,048,576 invoice rows (a full sheet) through the engine: ledger building, the import from a
 * grid of cell values, and the analysis. Prints milliseconds per stage (best of 3).
 *   npx tsx bench/million.ts
 */
import { analyze } from "../src/core/analyze";
import { LedgerBuilder } from "../src/core/ledger";
import { makePolicy } from "../src/core/policy";
import type { CellValue } from "../src/sheet/grid";
import { importGrids } from "../src/sheet/import";

const N = Number(process.env.ROWS ?? 1_048_575);
const AS_OF = 45838; // 2025-06-30

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeGrid(): CellValue[][] {
  const r = rng(7);
  const rows: CellValue[][] = [
    ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount", "Paid", "Settled Date"],
  ];
  for (let i = 0; i < N; i++) {
    const inv = AS_OF - Math.floor(r() * 720);
    const amount = Math.round(r() * 1e7) / 100;
    const settled = r() < 0.6 ? inv + Math.floor(r() * 120) : null;
    rows.push([
      `INV${i}`,
      `C${Math.floor(r() * 5000)}`,
      inv,
      inv + 30,
      amount,
      r() < 0.1 ? amount / 2 : null,
      settled,
    ]);
  }
  return rows;
}

function best(label: string, fn: () => unknown, times = 3): number {
  let min = Infinity;
  for (let k = 0; k < times; k++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  console.log(`${label.padEnd(44)} ${min.toFixed(0).padStart(6)} ms`);
  return min;
}

const rows = makeGrid();
const grid = { file: "bench", sheet: "S", rows };
let ledger = importGrids([{ grid }]).ledger;
console.log(`${N.toLocaleString("en")} invoice rows, ${ledger.customers.length} customers`);
best("import grid → ledger (parse, check, build)", () => {
  ledger = importGrids([{ grid }]).ledger;
});
best("analyze (position, aging, levels, totals)", () => analyze(ledger, AS_OF));
const byInvoice = makePolicy({ basis: "invoice" });
best("analyze, invoice basis", () => analyze(ledger, AS_OF, byInvoice));
const b = new LedgerBuilder();
best(
  "ledger builder alone (typed columns)",
  () => {
    const bb = new LedgerBuilder();
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i];
      bb.addItem({
        ref: row[0] as string,
        customer: row[1] as string,
        currency: null,
        invoiceDate: row[2] as number,
        dueDate: row[3] as number,
        amount: Math.round((row[4] as number) * 100),
        source: { file: "b", sheet: "S", row: i + 1 },
      });
    }
    return bb.build();
  },
  1,
);
void b;
