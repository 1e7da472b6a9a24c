/**
 * The pane's engine puts each chunk of a sheet into columns as it arrives (io/row-store.ts), so
 * the import reads the columns when the last chunk is in. The columns must give back exactly
 * the rows pushed, and the analysis of a sheet that came in chunks must be the analysis of the
 * same sheet loaded whole (which the import turns into columns itself).
 */
import fc from "fast-check";
import { RowStore } from "../../src/io/row-store";
import type { CellValue } from "../../src/sheet/grid";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import { AS_OF, CUSTOMERS, d, INVOICES, REQUEST } from "./fixtures";

const cell = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom("", "C1", "甲公司", "2026-06-30", "1,234.50", "合计", " "),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constantFrom<CellValue>({ error: "#N/A" }, { error: "#VALUE!" }),
);

function chunks<T>(rows: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, k = 0; i < rows.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    out.push(rows.slice(i, i + n));
    i += n;
  }
  return out;
}

describe("rows into columns, chunk by chunk", () => {
  test("the store gives back every row as pushed, whatever the chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        (rows, sizes) => {
          const store = new RowStore();
          for (const c of chunks(rows, sizes)) store.push(c);
          expect(store.rowCount).toBe(rows.length);
          expect(store.store.rowCount).toBe(rows.length);
          const into: CellValue[] = [];
          rows.forEach((row, r) => {
            expect([...(store.store.row(r, into) ?? [])]).toEqual(row);
            row.forEach((v, c) => expect(store.store.cell(r, c) ?? null).toEqual(v));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a row wider than the store's columns, and text repeated across chunks", () => {
    const wide: CellValue[] = Array.from({ length: 300 }, (_, c) => (c % 2 ? `t${c % 7}` : c));
    const rows: CellValue[][] = [["a", 1, null], wide, ["a", "t1", true, null, null]];
    const store = new RowStore();
    store.push(rows.slice(0, 1));
    store.push(rows.slice(1));
    const into: CellValue[] = [];
    rows.forEach((row, r) => expect([...(store.store.row(r, into) ?? [])]).toEqual(row));
  });
});

describe("a sheet in chunks is analysed as the same sheet loaded whole", () => {
  async function dashboard(rows: CellValue[][], size: number | null) {
    const engine = new LocalEngine();
    if (size === null) await engine.load("应收明细", rows);
    else {
      const stream = engine.openSheet("应收明细");
      for (const c of chunks(rows, [size])) await stream.push(c);
      await stream.end(rows.length);
    }
    await engine.load("客户档案", CUSTOMERS);
    // Everything but how long each step took.
    const { timing, ...model } = engine.analyzeNow(REQUEST);
    expect(timing.importMs).toBeGreaterThanOrEqual(0);
    return { model, rows: engine.rowsOf("应收明细") };
  }

  test("the fixture workbook, and a longer one with problems in it", async () => {
    const longer: CellValue[][] = [...INVOICES];
    for (let i = 0; i < 500; i++) {
      const due = AS_OF - 200 + i;
      longer.push([
        i % 97 === 0 ? "A1" : `B${i}`, // some invoice numbers seen before
        i % 3 ? "C1" : "C2",
        i % 3 ? "甲公司" : "乙公司",
        i % 11 === 0 ? "2026/01/15" : due - 30, // some dates as text
        i % 13 === 0 ? null : due,
        i % 17 === 0 ? "1,200.50" : i % 19 === 0 ? -150 : 100 + i, // text amounts, credits
        i % 5 === 0 ? 50 : null,
        i % 2 ? "张伟" : "李娜",
        i % 23 === 0 ? "USD" : "CNY",
      ]);
      if (i % 101 === 0) longer.push(["小计", null, null, null, null, 999]);
    }
    longer.push(["", null, null, d("2026-01-01"), null, "abc"]);
    for (const rows of [INVOICES, longer]) {
      const whole = await dashboard(rows, null);
      expect(whole.model.problems.length).toBeGreaterThan(0);
      for (const size of [1, 7, 1000]) {
        const chunked = await dashboard(rows, size);
        expect(chunked.rows).toEqual(rows);
        expect(chunked.model).toEqual(whole.model);
      }
    }
  });
});
