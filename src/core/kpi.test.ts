import fc from "fast-check";
import { analyze } from "./analyze";
import {
  averageDaysLate,
  cei,
  collectionRate,
  countbackDso,
  dso,
  hasDatedCollections,
  overdueRate,
  provision,
  provisionRate,
} from "./kpi";
import { ledgerFrom } from "./ledger";
import { DEFAULT_POLICY } from "./policy";
import { activityStatement, openItemStatement } from "./statement";
import { d, inv, pay } from "../../test/support/core-builders";

describe("KPIs", () => {
  test("overdue rate", () => {
    expect(overdueRate({ notDue: 150, overdue: 50 })).toBe(0.25);
    expect(overdueRate({ notDue: 0, overdue: 0 })).toBeNull();
    // on gross receivables: credits do not push it above 100%
    expect(overdueRate({ notDue: 0, overdue: 50 })).toBe(1);
  });

  test("collection rate: collections ÷ amount due that was open at the start or issued in the period", () => {
    const ledger = ledgerFrom(
      [
        // Open at the start, due in the period, half collected in it.
        inv({ ref: "A", date: "2025-04-10", due: "2025-05-10", amount: 10000 }),
        // Issued in the period, due in it, fully collected.
        inv({ ref: "B", date: "2025-05-05", due: "2025-05-20", amount: 6000 }),
        // Issued in the period but due after it: not counted.
        inv({ ref: "C", date: "2025-05-20", due: "2025-06-20", amount: 9000 }),
        // Settled before the period: not open at its start.
        inv({
          ref: "D",
          date: "2025-03-01",
          due: "2025-04-01",
          amount: 5000,
          settled: "2025-04-15",
        }),
      ],
      [
        pay({ ref: "A", date: "2025-05-15", amount: 5000 }),
        pay({ ref: "B", date: "2025-05-25", amount: 6000 }),
        pay({ ref: "C", date: "2025-05-30", amount: 9000 }),
      ],
    );
    const [r] = collectionRate(ledger, d("2025-05-01"), d("2025-05-31"));
    expect(r.due).toBe(16000);
    expect(r.collected).toBe(11000);
    expect(r.rate).toBeCloseTo(11000 / 16000);
  });

  test("collection rate is unknown (null), not 0 %, when no collection in the data is dated", () => {
    const items = [
      inv({ ref: "A", date: "2025-04-10", due: "2025-05-10", amount: 10000, paid: 4000 }),
      inv({ ref: "B", date: "2025-05-05", due: "2025-05-20", amount: 6000 }),
    ];
    const undated = ledgerFrom(items, [pay({ ref: "B", amount: 6000 })]);
    expect(hasDatedCollections(undated)).toBe(false);
    const [u] = collectionRate(undated, d("2025-05-01"), d("2025-05-31"));
    // A is open at the start for 10,000 − 4,000 paid; B is issued in May: there is an amount due.
    expect(u.due).toBe(12000);
    expect(u.rate).toBeNull();
    // One dated payment anywhere makes the period's figure a real one: here 0 % in May.
    const dated = ledgerFrom(items, [
      pay({ ref: "B", amount: 6000 }),
      pay({ ref: "A", date: "2025-06-02", amount: 1000 }),
    ]);
    expect(hasDatedCollections(dated)).toBe(true);
    const [r] = collectionRate(dated, d("2025-05-01"), d("2025-05-31"));
    expect(r.rate).toBe(0);
    // A settled date on an invoice row is a dated collection too.
    const settled = ledgerFrom([
      ...items,
      inv({ ref: "C", date: "2025-03-01", due: "2025-04-01", amount: 500, settled: "2025-04-02" }),
    ]);
    expect(hasDatedCollections(settled)).toBe(true);
  });

  test("DSO, best possible DSO, ADD", () => {
    const ledger = ledgerFrom([
      inv({ date: "2025-04-15", due: "2025-05-15", amount: 30000 }), // overdue at 06-30
      inv({ date: "2025-06-15", due: "2025-07-15", amount: 60000 }), // current
      inv({ date: "2025-01-15", due: "2025-02-15", amount: 10000, settled: "2025-02-10" }),
    ]);
    const [r] = dso(analyze(ledger, d("2025-06-30")), 90);
    expect(r.receivables).toBe(90000);
    expect(r.sales).toBe(90000);
    expect(r.dso).toBeCloseTo(90);
    expect(r.bestPossible).toBeCloseTo(60);
    expect(r.add).toBeCloseTo(30);
  });

  test("countback DSO walks back month by month", () => {
    // June sales 100 (to 06-30: 30 days), May sales 200 (31 days); AR 200 → 30 + 100/200 × 31.
    const ledger = ledgerFrom([
      inv({ date: "2025-06-10", amount: 100 }),
      inv({ date: "2025-05-10", amount: 200 }),
    ]);
    expect(countbackDso(ledger, d("2025-06-30"), 0, 200)).toBeCloseTo(30 + 15.5);
    expect(countbackDso(ledger, d("2025-06-30"), 0, 50)).toBeCloseTo(15);
    expect(countbackDso(ledger, d("2025-06-30"), 0, 0)).toBeNull();
  });

  test("CEI: (opening + sales − closing) ÷ (opening + sales − closing current) × 100", () => {
    const ledger = ledgerFrom(
      [
        inv({ ref: "A", date: "2025-04-01", due: "2025-05-01", amount: 10000 }),
        inv({ ref: "B", date: "2025-05-10", due: "2025-06-30", amount: 5000 }),
      ],
      [pay({ ref: "A", date: "2025-05-20", amount: 8000 })],
    );
    const [r] = cei(ledger, d("2025-05-01"), d("2025-05-31"));
    // opening 10000, sales 5000, closing 7000 (2000 of A + 5000 of B), closing current 5000.
    expect(r).toMatchObject({ opening: 10000, sales: 5000, closing: 7000, closingCurrent: 5000 });
    expect(r.cei).toBeCloseTo(((10000 + 5000 - 7000) / (10000 + 5000 - 5000)) * 100);
  });

  test("average days late, plain and weighted", () => {
    const ledger = ledgerFrom([
      inv({
        customer: "A",
        date: "2025-01-01",
        due: "2025-01-31",
        amount: 100,
        settled: "2025-02-10",
      }),
      inv({
        customer: "A",
        date: "2025-01-01",
        due: "2025-01-31",
        amount: 300,
        settled: "2025-01-31",
      }),
    ]);
    const [r] = averageDaysLate(analyze(ledger, d("2025-06-30")), "customer");
    expect(r.items).toBe(2);
    expect(r.plain).toBe(5);
    expect(r.weighted).toBe(2.5);
  });

  test("bad-debt provision by age band", () => {
    expect(provisionRate(DEFAULT_POLICY, 365)).toBe(0.05);
    expect(provisionRate(DEFAULT_POLICY, 366)).toBe(0.1);
    expect(provisionRate(DEFAULT_POLICY, 5000)).toBe(1);
    const ledger = ledgerFrom([
      inv({ date: "2025-06-01", amount: 100000 }),
      inv({ date: "2023-06-01", amount: 100000 }),
      inv({ date: "2018-06-01", amount: 100000 }),
      inv({ date: "2025-06-01", amount: -5000 }),
    ]);
    const [p] = provision(analyze(ledger, d("2025-06-30")));
    expect(p.amounts).toEqual([5000, 0, 30000, 0, 0, 100000]);
    expect(p.total).toBe(135000);
  });
});

describe("statements", () => {
  const ledger = ledgerFrom(
    [
      inv({ customer: "A", ref: "I1", date: "2025-03-01", due: "2025-03-31", amount: 10000 }),
      inv({ customer: "A", ref: "I2", date: "2025-04-10", due: "2025-05-10", amount: 20000 }),
      inv({ customer: "A", ref: "CN", date: "2025-04-20", amount: -3000 }),
      inv({
        customer: "A",
        ref: "I3",
        date: "2025-05-05",
        due: "2025-06-04",
        amount: 5000,
        paid: 1000,
      }),
      inv({ customer: "B", ref: "X", date: "2025-04-10", amount: 99 }),
    ],
    [
      pay({ ref: "I1", date: "2025-03-20", amount: 4000 }),
      pay({ ref: "I1", date: "2025-04-15", amount: 6000 }),
      pay({ customer: "A", date: "2025-04-25", amount: 25000 }),
    ],
  );

  test("activity: closing = opening + invoices − payments − credits = exposure at the end", () => {
    const s = activityStatement(ledger, 0, 0, d("2025-04-01"), d("2025-05-31"));
    expect(s.opening).toBe(6000);
    expect(s.invoices).toBe(25000);
    expect(s.credits).toBe(3000);
    expect(s.payments).toBe(6000 + 25000 + 1000);
    expect(s.closing).toBe(s.opening + s.invoices - s.payments - s.credits);
    expect(s.lines[s.lines.length - 1].balance).toBe(s.closing);
    const a = analyze(ledger, d("2025-05-31"));
    expect(s.closing).toBe(a.customers.find((g) => g.customer === 0)!.exposure);
    const before = analyze(ledger, d("2025-03-31"));
    expect(s.opening).toBe(before.customers.find((g) => g.customer === 0)!.exposure);
  });

  test("open-item statement lists open items oldest due first with the aging footer", () => {
    const a = analyze(ledger, d("2025-05-31"));
    const s = openItemStatement(a, 0, 0);
    // The unreferenced 250.00 of 04-25 clears I2 (due 05-10) and I3 (due 06-04, 40.00 left after
    // its undated 10.00), leaving 10.00 unapplied.
    expect(s.lines.map((l) => l.ref)).toEqual(["CN"]);
    expect(s.unapplied).toBe(-1000);
    expect(s.balance).toBe(-3000 - 1000);
    expect(s.buckets.reduce((x, y) => x + y, 0)).toBe(s.balance);
  });

  test("property: the activity identity holds for random ledgers and periods", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 200 }),
            amount: fc.integer({ min: -5000, max: 50000 }),
            paid: fc.option(fc.integer({ min: 0, max: 50000 }), { nil: null }),
          }),
          { maxLength: 25 },
        ),
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 200 }),
            amount: fc.integer({ min: 1, max: 60000 }),
            ref: fc.option(fc.nat(30), { nil: null }),
          }),
          { maxLength: 10 },
        ),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        (items, payments, start, length) => {
          const base = d("2025-01-01");
          const l = ledgerFrom(
            items.map((x, i) => ({
              ...inv({ customer: "A", ref: `R${i}`, amount: x.amount, paid: x.paid }),
              invoiceDate: base + x.day,
            })),
            payments.map((p) => ({
              ...pay({ customer: "A", ref: p.ref === null ? null : `R${p.ref}`, amount: p.amount }),
              date: base + p.day,
            })),
          );
          if (l.items.length === 0) return;
          const from = base + start;
          const to = from + length;
          const s = activityStatement(l, 0, 0, from, to);
          const end = analyze(l, to).customers.find((g) => g.customer === 0);
          expect(s.closing).toBe(end?.exposure ?? 0);
          expect(s.closing).toBe(s.opening + s.invoices - s.payments - s.credits);
        },
      ),
    );
  });
});
