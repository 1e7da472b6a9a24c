/**
 * The insight the summary needs on a full sheet takes shortcuts: expected pay dates are
 * predicted once per (customer, salesperson, due date, disputed) and copied to the items that
 * share the key; the settled history is found in one pass; the salespeople's and portfolio's
 * behaviour are made when first read; the countback DSO counts every currency's monthly sales in
 * one pass. Each is pinned here to the plain way of computing the same thing, to the bit, on the
 * bench's generated sheet and on random ledgers (disputes with a learned shift, promises, items
 * with no due date, fully provided items, several currencies and salespeople).
 */
import fc from "fast-check";
import { generateRows, HEADERS, makeCustomers } from "../bench/data";
import { analyze, type Analysis } from "../src/core/analyze";
import { ymdFromSerial, type Serial } from "../src/core/dates";
import {
  behaviourOf,
  expectedPayDates,
  insight,
  predict,
  settledItems,
  type Behaviour,
} from "../src/core/insight";
import { DEFAULT_SPREAD } from "../src/core/insight/expected";
import { newPrediction } from "../src/core/insight/model";
import { countbackDso, dso, provisionRate } from "../src/core/kpi";
import { ItemFlag, ledgerFrom, type ItemInput, type Ledger } from "../src/core/ledger";
import { MAX_SERIAL } from "../src/core/dates";
import { makePolicy } from "../src/core/policy";
import { ItemStatus } from "../src/core/position";
import type { CellValue } from "../src/sheet/grid";
import { importGrids } from "../src/sheet/import";

const AS_OF = 45838; // 2025-06-30

function benchLedger(rows: number, seed: number): Ledger {
  const grid: CellValue[][] = [[...HEADERS]];
  for (const row of generateRows(rows, makeCustomers(rows, seed), seed)) grid.push(row.cells);
  return importGrids([{ grid: { file: "bench.xlsx", sheet: "应收明细", rows: grid } }]).ledger;
}

const BASE = 45000;

const itemArb = fc.record({
  customer: fc.constantFrom("A", "B", "C", "D", "E"),
  currency: fc.constantFrom(null, "CNY", "USD"),
  // Few invoice and due dates, so that items share keys.
  invoice: fc.option(fc.oneof(fc.constantFrom(400, 450, 500), fc.integer({ min: 0, max: 700 })), {
    nil: null,
    freq: 10,
  }),
  due: fc.option(fc.constantFrom(0, 30, 60), { nil: null }),
  amount: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: -50_000, max: -1 })),
  settled: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null, freq: 1 }),
  disputed: fc.boolean(),
  promise: fc.option(fc.integer({ min: 600, max: 800 }), { nil: null, freq: 6 }),
  salesperson: fc.option(fc.constantFrom("Li", "Wang"), { nil: null }),
});

/** One item: dates in days after BASE (due and settled after the invoice date). */
interface Row {
  customer: string;
  currency: string | null;
  invoice: number | null;
  due: number | null;
  amount: number;
  settled: number | null;
  disputed: boolean;
  promise: number | null;
  salesperson: string | null;
}

function randomLedger(items: Row[]): Ledger {
  const inputs: ItemInput[] = items.map((x, i) => ({
    ref: `I${i}`,
    customer: x.customer,
    currency: x.currency,
    invoiceDate: x.invoice === null ? null : BASE + x.invoice,
    dueDate: x.due === null || x.invoice === null ? null : BASE + x.invoice + x.due,
    amount: x.amount,
    settledDate: x.settled === null ? null : BASE + (x.invoice ?? 0) + x.settled,
    disputed: x.disputed,
    promiseDate: x.promise === null ? null : BASE + x.promise,
    salesperson: x.salesperson,
    source: { file: "t", sheet: null, row: i + 2 },
  }));
  return ledgerFrom(inputs);
}

/** Settled history the plain way: every item tested with one predicate, two passes. */
function settledPlain(a: Analysis) {
  const it = a.ledger.items;
  const r = a.items;
  const keep: number[] = [];
  for (let i = 0; i < it.length; i++)
    if (
      r.status[i] === ItemStatus.closed &&
      r.settled[i] !== 0 &&
      r.settled[i] <= a.asOf &&
      r.due[i] !== 0 &&
      it.amount[i] > 0
    )
      keep.push(i);
  return {
    length: keep.length,
    item: Int32Array.from(keep),
    customer: Int32Array.from(keep, (i) => it.customer[i]),
    salesperson: Int32Array.from(keep, (i) =>
      it.salesperson[i] >= 0 ? it.salesperson[i] : a.ledger.customers[it.customer[i]].salesperson,
    ),
    delay: Int32Array.from(keep, (i) => r.settled[i] - r.due[i]),
    disputed: Uint8Array.from(keep, (i) => (it.flags[i] & ItemFlag.disputed ? 1 : 0)),
    settled: Int32Array.from(keep, (i) => r.settled[i]),
    amount: Float64Array.from(keep, (i) => it.amount[i]),
    currency: Int32Array.from(keep, (i) => it.currency[i]),
  };
}

/** Expected pay dates the plain way: `predict` for every open item, no reuse. */
function expectedPlain(a: Analysis) {
  const h = settledItems(a);
  const ep = expectedPayDates(a, h);
  const it = a.ledger.items;
  const n = it.length;
  const K = DEFAULT_SPREAD.length;
  const out = {
    date: new Int32Array(n),
    low: new Int32Array(n),
    high: new Int32Array(n),
    basis: new Uint8Array(n).fill(255),
    never: new Uint8Array(n),
    weight: new Float32Array(n),
    spread: new Int32Array(n * K),
  };
  const p = newPrediction();
  for (let i = 0; i < n; i++) {
    if (a.items.status[i] !== ItemStatus.open || a.items.outstanding[i] <= 0) continue;
    const age = a.asOf - (it.invoiceDate[i] || a.items.due[i]);
    if (it.promiseDate[i] < a.asOf && provisionRate(a.policy, age) >= 1) {
      out.basis[i] = 5;
      out.never[i] = 1;
      continue;
    }
    if (it.promiseDate[i] >= a.asOf) {
      const at = it.promiseDate[i];
      out.spread.fill(at, i * K, (i + 1) * K);
      out.date[i] = out.low[i] = out.high[i] = at;
      out.basis[i] = 6;
      continue;
    }
    const c = it.customer[i];
    const sp = it.salesperson[i] >= 0 ? it.salesperson[i] : a.ledger.customers[c].salesperson;
    const disputed = (it.flags[i] & ItemFlag.disputed) !== 0;
    predict(ep.model, c, sp, a.items.due[i] || a.asOf, a.asOf, disputed, p, DEFAULT_SPREAD);
    for (let q = 0; q < K; q++) out.spread[i * K + q] = Math.min(MAX_SERIAL, p.spread[q]);
    out.date[i] = Math.min(MAX_SERIAL, p.date);
    out.low[i] = Math.min(MAX_SERIAL, p.low);
    out.high[i] = Math.min(MAX_SERIAL, p.high);
    out.basis[i] = p.basis;
    out.never[i] = p.never;
    out.weight[i] = p.weightCustomer;
  }
  return { ep, out };
}

/** Countback DSO the plain way: one pass per currency, each date's month from its calendar date. */
function countbackPlain(ledger: Ledger, asOf: Serial, currency: number, receivables: number) {
  if (receivables <= 0) return null;
  const it = ledger.items;
  const { year, month, day } = ymdFromSerial(asOf);
  const top = year * 12 + month - 1;
  const sales = new Float64Array(36);
  for (let i = 0; i < it.length; i++) {
    const inv = it.invoiceDate[i];
    if (it.currency[i] !== currency || inv === 0 || inv > asOf) continue;
    const ymd = ymdFromSerial(inv);
    const k = top - (ymd.year * 12 + ymd.month - 1);
    if (k < 36) sales[k] += it.amount[i];
  }
  let left = receivables;
  let total = 0;
  for (let k = 0; k < 36; k++) {
    const y = Math.floor((top - k) / 12);
    const m = ((top - k) % 12) + 1;
    const length = k === 0 ? day : new Date(Date.UTC(y, m, 0)).getUTCDate();
    const s = sales[k];
    if (s > 0 && left <= s) return total + (left / s) * length;
    if (s > 0) left -= s;
    total += length;
  }
  return null;
}

function eagerBehaviour(a: Analysis) {
  const h = settledItems(a);
  const nc = a.ledger.currencies.length;
  const sp = Int32Array.from(h.salesperson, (s) => s + 1);
  const salespeople = behaviourOf(
    h,
    sp,
    a.ledger.salespeople.length + 1,
    nc,
    a.asOf,
    (g) => g - 1,
  ).filter((b): b is Behaviour => b !== null);
  const [portfolio] = behaviourOf(h, new Int32Array(h.length), 1, nc, a.asOf, () => -1);
  return { salespeople, portfolio };
}

const plain = (xs: ArrayLike<number>) => Array.from(xs);

function expectSame(a: Analysis): void {
  expect(settledItems(a)).toEqual(settledPlain(a));
  const { ep, out } = expectedPlain(a);
  for (const k of ["date", "low", "high", "basis", "never", "weight", "spread"] as const)
    expect([k, plain(ep[k])]).toEqual([k, plain(out[k])]);
  // Read in either order, the lazy behaviour is the eager one.
  const eager = eagerBehaviour(a);
  const x = insight(a);
  expect(x.portfolio).toEqual(eager.portfolio);
  expect(x.salespeople).toEqual(eager.salespeople);
  const y = insight(a);
  expect(y.salespeople).toEqual(eager.salespeople);
  expect(y.portfolio).toEqual(eager.portfolio);
  expect(JSON.stringify({ ...x, expected: null })).toBe(JSON.stringify({ ...y, expected: null }));
  for (const k of dso(a, 90)) {
    const ref = countbackPlain(a.ledger, a.asOf, k.currency, k.receivables);
    expect([k.currency, k.countback]).toEqual([k.currency, ref]);
    expect(countbackDso(a.ledger, a.asOf, k.currency, k.receivables)).toBe(ref);
  }
}

describe("insight's shortcuts = the plain computation", () => {
  test("the bench's generated sheet (more keys than the prediction table has slots)", () => {
    const ledger = benchLedger(6000, 3);
    expectSame(analyze(ledger, AS_OF));
    // A year earlier: other items open, others settled; and by invoice date.
    expectSame(analyze(ledger, AS_OF - 365, makePolicy({ basis: "invoice" })));
  });

  test("random ledgers: disputes, promises, no due date, several currencies, fully provided", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 300, max: 2500 }),
        (items, at) => {
          // A history from which the model learns a dispute shift (disputed items paid 35
          // days later), so that disputed and undisputed items of one key differ.
          const history = Array.from({ length: 24 }, (_, k) => ({
            customer: k % 3 ? "A" : "B",
            currency: null,
            invoice: 10 * k,
            due: 30,
            amount: 5000 + k,
            settled: k < 12 ? 35 + k : 70 + k,
            disputed: k >= 12,
            promise: null,
            salesperson: null,
          }));
          expectSame(analyze(randomLedger([...history, ...items]), BASE + at));
        },
      ),
      { numRuns: 150 },
    );
  });

  test("items alike but for the dispute or the salesperson keep their own dates", () => {
    // History: disputed items paid about 47 days later than the others (a learned shift);
    // salesperson Li's customers pay late, Wang's early.
    const history = Array.from({ length: 36 }, (_, k) => ({
      customer: k % 3 ? "A" : "B",
      currency: null,
      invoice: 10 * k,
      due: 30,
      amount: 5000 + k,
      settled: k < 12 ? 35 + k : k < 24 ? 70 + k : k < 30 ? 100 : 0,
      disputed: k >= 12 && k < 24,
      promise: null,
      salesperson: k < 24 ? null : k < 30 ? "Li" : "Wang",
    }));
    const open = (disputed: boolean, salesperson: string | null) => ({
      customer: "A",
      currency: null,
      invoice: 400,
      due: 30,
      amount: 100,
      settled: null,
      disputed,
      promise: null,
      salesperson,
    });
    const items = [false, true, false, true].flatMap((disputed) =>
      [null, "Li", "Wang"].map((sp) => open(disputed, sp)),
    );
    const a = analyze(randomLedger([...history, ...items]), BASE + 420);
    const dates = new Set(Array.from(insight(a).expected.date.subarray(history.length)));
    expect(dates.size).toBeGreaterThan(3);
    expectSame(a);
  });

  test("the countback reaches past its table of recent days (invoices years old)", () => {
    const ledger = randomLedger(
      Array.from({ length: 40 }, (_, k) => ({
        customer: "A",
        currency: k % 2 ? "CNY" : null,
        invoice: k * 45,
        due: 30,
        amount: 1000 + k,
        settled: null,
        disputed: false,
        promise: null,
        salesperson: null,
      })),
    );
    expectSame(analyze(ledger, BASE + 1900));
  });
});
