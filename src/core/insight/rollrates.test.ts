import fc from "fast-check";
import { analyze } from "../analyze";
import { ledgerFrom, type ItemInput } from "../ledger";
import { ItemStatus } from "../position";
import { d, inv, pay } from "../../../test/support/core-builders";
import { rollRates } from "./rollrates";

describe("roll rates", () => {
  const ledger = ledgerFrom(
    [
      // At 05-31: current (due 06-10); at 06-30: 20 days overdue (1-30), half paid.
      inv({ ref: "A", date: "2025-05-10", due: "2025-06-10", amount: 10000 }),
      // At 05-31: 1-30 (due 05-20); settled 06-15.
      inv({ ref: "B", date: "2025-04-20", due: "2025-05-20", amount: 4000, settled: "2025-06-15" }),
      // At 05-31: 1-30 (due 05-05); at 06-30: 31-60, untouched.
      inv({ ref: "C", date: "2025-04-05", due: "2025-05-05", amount: 6000 }),
      // At 05-31: 91+; still there.
      inv({ ref: "D", date: "2024-12-01", due: "2025-01-01", amount: 1000 }),
      // Invoiced in June: new.
      inv({ ref: "E", date: "2025-06-20", due: "2025-07-20", amount: 2500 }),
      // A credit note does not roll.
      inv({ ref: "F", date: "2025-05-01", due: "2025-05-01", amount: -700 }),
    ],
    [pay({ ref: "A", date: "2025-06-20", amount: 5000 })],
  );
  const from = analyze(ledger, d("2025-05-31"));
  const to = analyze(ledger, d("2025-06-30"));

  test("the matrix, the opening balances, new items and the rates", () => {
    const [r] = rollRates(from, to);
    expect(r.labels).toEqual(["current", "1-30", "31-60", "61-90", "91+"]);
    // Columns: current, 1-30, 31-60, 61-90, 91+, settled.
    expect(r.matrix).toEqual([
      [0, 5000, 0, 0, 0, 5000],
      [0, 0, 6000, 0, 0, 4000],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1000, 0],
    ]);
    expect(r.opening).toEqual([10000, 10000, 0, 0, 1000]);
    expect(r.newItems).toEqual([2500, 0, 0, 0, 0]);
    expect(r.rollForward).toEqual([0.5, 0.6, null, null, 0]);
    expect(r.settled).toEqual([0.5, 0.4, null, null, 0]);
  });

  test("two analyses of different ledgers, buckets or order are refused", () => {
    expect(() => rollRates(to, from)).toThrow(RangeError);
    expect(() => rollRates(from, analyze(ledgerFrom([]), d("2025-06-30")))).toThrow(RangeError);
  });

  test("rows add up to each bucket's positive balances at the first date (any ledger)", () => {
    const item = fc.record({
      invoice: fc.integer({ min: 0, max: 300 }),
      term: fc.integer({ min: 0, max: 60 }),
      amount: fc.integer({ min: -1000, max: 100000 }),
      settled: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
      currency: fc.constantFrom(null, "USD"),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (rows, t1, gap) => {
          const inputs: ItemInput[] = rows.map((x, i) =>
            inv({
              ref: `I${i}`,
              currency: x.currency,
              amount: x.amount,
              date: undefined,
            }),
          );
          rows.forEach((x, i) => {
            inputs[i].invoiceDate = 45000 + x.invoice;
            inputs[i].dueDate = 45000 + x.invoice + x.term;
            inputs[i].settledDate = x.settled === null ? null : 45000 + x.invoice + x.settled;
          });
          const l = ledgerFrom(inputs);
          const a1 = analyze(l, 45000 + t1);
          const a2 = analyze(l, 45000 + t1 + gap);
          for (const r of rollRates(a1, a2)) {
            const want = new Array(a1.labels.length).fill(0);
            for (let i = 0; i < l.items.length; i++) {
              if (l.items.currency[i] !== r.currency) continue;
              if (a1.items.status[i] === ItemStatus.open && a1.items.outstanding[i] > 0) {
                want[a1.items.bucket[i]] += a1.items.outstanding[i];
              }
            }
            expect(r.opening).toEqual(want);
            r.matrix.forEach((row, b) => expect(row.reduce((s, x) => s + x, 0)).toBe(r.opening[b]));
            // Nothing moves to an earlier bucket.
            r.matrix.forEach((row, b) => row.slice(0, b).forEach((x) => expect(x).toBe(0)));
          }
        },
      ),
    );
  });
});
