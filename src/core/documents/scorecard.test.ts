import fc from "fast-check";
import { analyze } from "../analyze";
import { splitBySalesperson } from "../insight/scorecard";
import { cei, collectionRate, dso } from "../kpi";
import { ledgerFrom } from "../ledger";
import { cust, d, inv } from "../../../test/support/core-builders";
import { salespersonScorecard } from "./scorecard";
import {
  BASE,
  buildLedger,
  customerArb,
  itemArb,
  paymentArb,
} from "../../../test/support/test-ledgers";

const from = d("2025-04-01");
const to = d("2025-06-30");

function sample() {
  return ledgerFrom(
    [
      // Wang (customer A's salesperson)
      inv({
        ref: "a0",
        customer: "A",
        date: "2025-01-01",
        due: "2025-01-31",
        amount: 9000,
        settled: "2025-03-01",
      }),
      inv({
        ref: "a1",
        customer: "A",
        date: "2025-03-01",
        due: "2025-03-31",
        amount: 60000,
        settled: "2025-04-20",
      }),
      inv({ ref: "a2", customer: "A", date: "2025-05-01", due: "2025-05-31", amount: 80000 }),
      inv({ ref: "a3", customer: "A", date: "2025-06-15", due: "2025-07-15", amount: 40000 }),
      inv({
        ref: "a5",
        customer: "A",
        date: "2025-04-01",
        due: "2025-04-30",
        amount: 20000,
        settled: "2025-04-30",
      }),
      // Li: customer B, and one item of A sold by Li
      inv({
        ref: "b1",
        customer: "B",
        date: "2025-04-01",
        due: "2025-05-01",
        amount: 50000,
        paid: 50000,
        settled: "2025-05-11",
      }),
      inv({
        ref: "b2",
        customer: "B",
        date: "2025-05-15",
        due: "2025-06-14",
        amount: 20000,
        paid: 5000,
        settled: "2025-06-20",
      }),
      inv({
        ref: "a4",
        customer: "A",
        date: "2025-06-01",
        due: "2025-07-01",
        amount: 10000,
        salesperson: "Li",
      }),
    ],
    [],
    [cust("A", { salesperson: "Wang", creditLimit: 100000 }), cust("B", { salesperson: "Li" })],
  );
}

describe("salesperson scorecard", () => {
  const a = analyze(sample(), to);
  const card = salespersonScorecard(a, from);
  const row = (name: string) => card.rows.find((r) => r.salesperson === name)!;

  test("one row per salesperson and currency, by name", () => {
    expect(card.rows.map((r) => r.salesperson)).toEqual(["Li", "Wang"]);
    expect(card.period).toEqual({ from, to });
    expect(card.docNo).toBe("KH-20250630");
  });

  test("outstanding, overdue and rates (Wang)", () => {
    expect(row("Wang")).toMatchObject({
      outstanding: 120000,
      overdue: 80000,
      overdueItems: 1,
      openItems: 2,
      // a1 (open at the start) 600 + a2 800 + a5 200 due; a1 600 + a5 200 collected
      dueInPeriod: 160000,
      collected: 80000,
      collectionRate: 0.5,
      // a1 20 days late (600), a5 on time (200); a0 was settled before the period
      settledItems: 2,
      averageDaysLate: 10,
      weightedDaysLate: 15,
      customers: 1,
      customersOverLimit: 1,
      dsoDays: 90,
    });
    expect(row("Wang").overdueRate).toBeCloseTo(2 / 3, 12);
  });

  test("DSO: simple, best possible, delinquent days, countback", () => {
    // Wang: sales of the 90 days to 06-30 (after 04-01): a2 800 + a3 400; AR 1200; current 400
    expect(row("Wang")).toMatchObject({ dso: 90, bestPossibleDso: 30, averageDaysDelinquent: 60 });
    // June 400 of 1200, then May's 800: 30 + 31 days
    expect(row("Wang").countbackDso).toBe(61);
    // Li: sales b2 200 + a4 100, AR 250 (b2 150 + a4 100), current 100
    expect(row("Li")).toMatchObject({ dso: 75, bestPossibleDso: 30, averageDaysDelinquent: 45 });
    // June a4 100, then 150 of May's 200: 30 + 0.75 × 31
    expect(row("Li").countbackDso).toBeCloseTo(53.25, 10);
  });

  test("Li: items by row salesperson; the customer counted under its own salesperson", () => {
    expect(row("Li")).toMatchObject({
      outstanding: 25000,
      overdue: 15000,
      overdueRate: 0.6,
      dueInPeriod: 70000,
      collected: 55000,
      settledItems: 1,
      averageDaysLate: 10,
      weightedDaysLate: 10,
      customers: 1,
      customersOverLimit: 0,
    });
    expect(row("Li").collectionRate).toBeCloseTo(55 / 70, 12);
  });

  test("totals: the same functions over everything", () => {
    const [t] = card.totals;
    expect(t).toMatchObject({
      salespersonIndex: -2,
      salesperson: null,
      outstanding: 145000,
      overdue: 95000,
      dueInPeriod: 230000,
      collected: 135000,
      settledItems: 3,
      averageDaysLate: 10,
      customers: 2,
      customersOverLimit: 1,
    });
    expect(t.weightedDaysLate).toBeCloseTo((20 * 60000 + 10 * 50000) / 130000, 12);
    expect(t.dso).toBe(dso(a)[0].dso);
  });

  test("another period end is analysed afresh", () => {
    const march = salespersonScorecard(a, d("2025-03-01"), d("2025-03-31"));
    expect(march.asOf).toBe(d("2025-03-31"));
    const wang = march.rows.find((r) => r.salesperson === "Wang")!;
    // a1 open (not yet due: due 03-31, current); a0 settled 03-01, 29 days late
    expect(wang).toMatchObject({
      outstanding: 60000,
      overdue: 0,
      settledItems: 1,
      averageDaysLate: 29,
    });
  });

  test("properties: rows add up to the totals; rates are those of kpi.ts", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        fc.array(paymentArb, { maxLength: 15 }),
        fc.array(customerArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (items, payments, customers, x, y) => {
          const ledger = buildLedger(items, payments, customers);
          const an = analyze(ledger, BASE + Math.max(x, y));
          const f = BASE + Math.min(x, y);
          const sc = salespersonScorecard(an, f);
          for (const t of sc.totals) {
            const mine = sc.rows.filter((r) => r.currencyIndex === t.currencyIndex);
            const add = (
              k: "outstanding" | "overdue" | "collected" | "dueInPeriod" | "settledItems",
            ) => mine.reduce((s, r) => s + r[k], 0);
            expect(add("outstanding")).toBe(t.outstanding);
            expect(add("overdue")).toBe(t.overdue);
            expect(add("collected")).toBeCloseTo(t.collected, 6);
            expect(add("dueInPeriod")).toBeCloseTo(t.dueInPeriod, 6);
            expect(add("settledItems")).toBe(t.settledItems);
          }
          const all = collectionRate(ledger, f, an.asOf);
          for (const c of all) {
            const t = sc.totals.find((r) => r.currencyIndex === c.currency)!;
            expect(t.collectionRate).toBe(c.rate);
          }
        },
      ),
    );
  });
});

describe("CEI on the scorecard", () => {
  it("each salesperson's CEI is the kpi's on that salesperson's part of the ledger; the total is the whole ledger's", () => {
    const ledger = sample();
    const card = salespersonScorecard(analyze(ledger, to), from, to);
    const parts = splitBySalesperson(ledger);
    let checked = 0;
    for (const r of card.rows) {
      const part = parts.find((p) => p.salesperson === r.salespersonIndex);
      const want = part
        ? cei(part.ledger, from, to).find((x) => x.currency === r.currencyIndex)
        : undefined;
      expect(r.cei).toBe(want?.cei ?? null);
      if (r.cei !== null) checked++;
    }
    expect(checked).toBeGreaterThan(0);
    for (const t of card.totals)
      expect(t.cei).toBe(
        cei(ledger, from, to).find((x) => x.currency === t.currencyIndex)?.cei ?? null,
      );
  });
});
