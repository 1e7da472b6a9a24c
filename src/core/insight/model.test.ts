import fc from "fast-check";
import {
  Basis,
  DEFAULT_MODEL_OPTIONS,
  learnModel,
  Never,
  newPrediction,
  predict,
  type History,
} from "./model";

const DUE = 45000;

/** History from [customer, salesperson, delay, disputed?] rows. */
function history(rows: [number, number, number, boolean?][]): History {
  return {
    length: rows.length,
    customer: Int32Array.from(rows.map((r) => r[0])),
    salesperson: Int32Array.from(rows.map((r) => r[1])),
    delay: Int32Array.from(rows.map((r) => r[2])),
    disputed: Uint8Array.from(rows.map((r) => (r[3] ? 1 : 0))),
  };
}

const run = (
  rows: [number, number, number, boolean?][],
  item: { customer?: number; salesperson?: number; due?: number; asOf: number; disputed?: boolean },
  customers = 4,
  salespeople = 2,
) =>
  predict(
    learnModel(history(rows), customers, salespeople),
    item.customer ?? 0,
    item.salesperson ?? -1,
    item.due ?? DUE,
    item.asOf,
    item.disputed ?? false,
    newPrediction(),
    [0.1, 0.5, 0.9],
  );

describe("expected pay date", () => {
  test("no history: the due date; once overdue, the stated assumption (within 30 days), never tomorrow", () => {
    const early = run([], { asOf: DUE - 10 });
    expect(early).toMatchObject({ basis: Basis.noHistory, date: DUE, low: DUE, high: DUE });
    const late = run([], { asOf: DUE + 5 });
    expect(late).toMatchObject({
      basis: Basis.noHistory,
      date: DUE + 5 + 30,
      low: DUE + 6,
      high: DUE + 5 + 91,
    });
    expect(Array.from(late.spread)).toEqual([DUE + 35, DUE + 35, DUE + 35]);
    // A year-old invoice is not "expected next week" either.
    const old = run([], { asOf: DUE + 400 });
    expect(old.date).toBe(DUE + 430);
  });

  test("a customer's own history: its median delay, weighted by credibility", () => {
    // Customer 0 paid 10, 12, 14 days late; nobody else has paid: all levels say 12.
    const p = run(
      [
        [0, -1, 10],
        [0, -1, 12],
        [0, -1, 14],
      ],
      { asOf: DUE - 20 },
    );
    expect(p.date).toBe(DUE + 12);
    expect(p.nCustomer).toBe(3);
    expect(p.weightCustomer).toBeCloseTo(3 / (3 + DEFAULT_MODEL_OPTIONS.credibility));
    expect(p.basis).toBe(Basis.portfolio); // 3 payments: the portfolio still weighs more
    expect(p.low).toBeLessThanOrEqual(p.date);
    expect(p.high).toBeGreaterThanOrEqual(p.date);
  });

  test("thin history shrinks toward the salesperson, then the portfolio", () => {
    const rows: [number, number, number][] = [];
    // Customer 0 (salesperson 0) paid 20 days late twice; salesperson 0's other customer 1 paid
    // 10 days late 5 times; the rest of the portfolio (customer 2, salesperson 1) on time, 13 times.
    rows.push([0, 0, 20], [0, 0, 20]);
    for (let k = 0; k < 5; k++) rows.push([1, 0, 10]);
    for (let k = 0; k < 13; k++) rows.push([2, 1, 0]);
    const p = run(rows, { customer: 0, salesperson: 0, asOf: DUE - 30 });
    const zC = 2 / 7;
    const zS = 7 / 12; // the salesperson's 7 payments, median 10
    const want = zC * 20 + (1 - zC) * (zS * 10 + (1 - zS) * 0); // portfolio median 0
    expect(p.delay).toBeCloseTo(want);
    expect(p.date).toBe(DUE + Math.round(want));
    expect(p.weightCustomer + p.weightSalesperson + p.weightPortfolio).toBeCloseTo(1);
    expect(p.basis).toBe(Basis.salesperson);
    // A customer with 20 payments of its own is mostly itself.
    const own = [...rows];
    for (let k = 0; k < 18; k++) own.push([0, 0, 20]);
    expect(run(own, { customer: 0, salesperson: 0, asOf: DUE - 30 }).basis).toBe(Basis.customer);
  });

  test("an overdue item is forecast from the payments that came at least as late", () => {
    // Customer 0 usually pays early (-5), but twice paid 30 days late.
    const rows: [number, number, number][] = [];
    for (let k = 0; k < 10; k++) rows.push([0, -1, -5]);
    rows.push([0, -1, 30], [0, -1, 30]);
    const notDue = run(rows, { asOf: DUE - 10 });
    expect(notDue.date).toBe(DUE - 5);
    const overdue = run(rows, { asOf: DUE + 15 });
    expect(overdue.nCustomer).toBe(2);
    expect(overdue.date).toBe(DUE + 30);
  });

  test("the date is never on or before the as-of date, and low ≤ date ≤ high (any history)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: -1, max: 1 }),
            fc.integer({ min: -40, max: 120 }),
            fc.boolean(),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -60, max: 200 }),
        fc.boolean(),
        (rows, customer, overdue, disputed) => {
          const p = run(rows, { customer, asOf: DUE + overdue, disputed });
          if (p.basis === Basis.never) {
            expect(p.date).toBe(0);
            return;
          }
          expect(p.date).toBeGreaterThan(DUE + overdue);
          expect(p.low).toBeGreaterThan(DUE + overdue);
          expect(p.low).toBeLessThanOrEqual(p.date);
          expect(p.date).toBeLessThanOrEqual(p.high);
          for (let q = 1; q < p.spread.length; q++) {
            expect(p.spread[q]).toBeGreaterThanOrEqual(p.spread[q - 1]);
          }
        },
      ),
    );
  });

  test("later than every past payment: within a month, or never once in the last bucket", () => {
    const rows: [number, number, number][] = [
      [0, -1, 0],
      [0, -1, 10],
    ];
    const soon = run(rows, { asOf: DUE + 40 });
    expect(soon).toMatchObject({ basis: Basis.beyondHistory, date: DUE + 70, low: DUE + 41 });
    const never = run(rows, { asOf: DUE + 91 });
    expect(never).toMatchObject({ basis: Basis.never, never: Never.beyondHistory, date: 0 });
  });

  test("no as-of date: no conditioning, every payment counts", () => {
    const p = run(
      [
        [0, -1, -10],
        [0, -1, 0],
        [0, -1, 10],
      ],
      { asOf: 0 },
    );
    expect(p.date).toBe(DUE);
    expect(p.nPortfolio).toBe(3);
  });

  test("disputes: the difference of medians, learned with 10 of each, applied to disputed items", () => {
    const rows: [number, number, number, boolean][] = [];
    for (let k = 0; k < 10; k++) rows.push([0, -1, 0, false], [1, -1, 14, true]);
    const m = learnModel(history(rows), 2, 0);
    expect(m.disputeShift).toBe(14);
    const plain = predict(m, 0, -1, DUE, DUE - 5, false, newPrediction());
    const disputed = predict(m, 0, -1, DUE, DUE - 5, true, newPrediction());
    expect(plain.date).toBe(DUE);
    expect(disputed.date).toBe(DUE + 14);
    expect(disputed.shift).toBe(14);
    // Too few disputed items, or disputes switched off: no shift.
    expect(learnModel(history(rows.slice(0, 18)), 2, 0).disputeShift).toBe(0);
    expect(learnModel(history(rows), 2, 0, { disputes: false }).disputeShift).toBe(0);
  });

  test("an unknown customer or salesperson falls back to the levels above", () => {
    const p = run([[0, 0, 7]], { customer: 9, salesperson: 5, asOf: DUE - 1 });
    expect(p).toMatchObject({
      nCustomer: 0,
      nSalesperson: 0,
      date: DUE + 7,
      basis: Basis.portfolio,
    });
  });
});
