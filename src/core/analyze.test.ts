import { actByDate, analyze, bucketTable, bucketOf, Hold, ladderLevel, PreDue } from "./analyze";
import { ledgerFrom } from "./ledger";
import { DEFAULT_POLICY, makePolicy } from "./policy";
import { ItemStatus } from "./position";
import { cust, d, inv, pay } from "../../test/support/core-builders";

const asOf = "2025-06-30";

function one(item: Parameters<typeof inv>[0], at = asOf, policy = DEFAULT_POLICY) {
  const a = analyze(ledgerFrom([inv(item)]), d(at), policy);
  const r = a.items;
  return {
    a,
    status: r.status[0],
    outstanding: r.outstanding[0],
    daysOverdue: r.daysOverdue[0],
    bucket: r.bucket[0] >= 0 ? a.labels[r.bucket[0]] : null,
    overdue: r.overdue[0] === 1,
    level: r.level[0],
    hold: r.hold[0],
    preDue: r.preDue[0],
    daysLate: r.daysLate[0],
    due: r.due[0],
    settled: r.settled[0],
  };
}

describe("aging buckets at their boundaries (due basis)", () => {
  test.each([
    ["2025-07-01", -1, "current", false],
    ["2025-06-30", 0, "current", false],
    ["2025-06-29", 1, "1-30", true],
    ["2025-05-31", 30, "1-30", true],
    ["2025-05-30", 31, "31-60", true],
    ["2025-05-01", 60, "31-60", true],
    ["2025-04-30", 61, "61-90", true],
    ["2025-04-01", 90, "61-90", true],
    ["2025-03-31", 91, "91+", true],
    ["2015-03-31", 3744, "91+", true],
  ])("due %s: %d days overdue, bucket %s", (due, days, bucket, overdue) => {
    const r = one({ date: "2015-01-01", due });
    expect(r.daysOverdue).toBe(days);
    expect(r.bucket).toBe(bucket);
    expect(r.overdue).toBe(overdue);
  });

  test("invoice basis ages from the invoice date with 0-30 first", () => {
    const policy = makePolicy({ basis: "invoice" });
    expect(one({ date: "2025-06-30", due: "2025-07-30" }, asOf, policy).bucket).toBe("0-30");
    expect(one({ date: "2025-05-31", due: "2025-06-30" }, asOf, policy).bucket).toBe("0-30");
    expect(one({ date: "2025-05-30", due: "2025-06-30" }, asOf, policy).bucket).toBe("31-60");
    expect(one({ date: "2025-03-31" }, asOf, policy).bucket).toBe("91+");
  });

  test("custom thresholds", () => {
    const t = bucketTable({ thresholds: [15, 45], basis: "due" });
    expect([0, 1, 15, 16, 45, 46, 1000].map((age) => bucketOf(t, age))).toEqual([
      0, 1, 1, 2, 2, 3, 3,
    ]);
  });

  test("grace days delay overdue but not aging", () => {
    const policy = makePolicy({ graceDays: 5 });
    const r5 = one({ date: "2025-05-01", due: "2025-06-25" }, asOf, policy);
    expect(r5.daysOverdue).toBe(5);
    expect(r5.bucket).toBe("1-30");
    expect(r5.overdue).toBe(false);
    expect(one({ date: "2025-05-01", due: "2025-06-24" }, asOf, policy).overdue).toBe(true);
  });

  test("a leap day counts", () => {
    const r = one({ date: "2024-01-30", due: "2024-02-28" }, "2024-03-01");
    expect(r.daysOverdue).toBe(2);
    expect(one({ date: "2023-01-30", due: "2023-02-28" }, "2023-03-01").daysOverdue).toBe(1);
  });
});

describe("due dates", () => {
  test("explicit, else invoice + row terms, else customer terms, else invoice date", () => {
    const ledger = ledgerFrom(
      [
        inv({
          customer: "A",
          date: "2025-01-10",
          due: "2025-01-20",
          terms: { days: 60, monthEnd: false },
        }),
        inv({ customer: "A", date: "2025-01-10", terms: { days: 60, monthEnd: false } }),
        inv({ customer: "A", date: "2025-01-10" }),
        inv({ customer: "B", date: "2025-01-10" }),
        inv({ customer: "A", date: "2025-01-10", terms: { days: 30, monthEnd: true } }),
        inv({ customer: "A", date: "2024-02-10", terms: { days: 0, monthEnd: true } }),
      ],
      [],
      [cust("A", { terms: { days: 45, monthEnd: false } })],
    );
    const due = Array.from(analyze(ledger, d(asOf)).items.due);
    expect(due).toEqual([
      d("2025-01-20"),
      d("2025-03-11"),
      d("2025-02-24"),
      d("2025-01-10"),
      d("2025-03-02"), // 月结30天: end of January + 30 days
      d("2024-02-29"),
    ]);
  });
});

describe("outstanding as of a date", () => {
  test("not yet invoiced is not part of the position", () => {
    const r = one({ date: "2025-07-01" });
    expect(r.status).toBe(ItemStatus.future);
    expect(r.outstanding).toBe(0);
    expect(r.bucket).toBeNull();
  });

  test("settled after the as-of date is open at it; on it, closed", () => {
    const open = one({ date: "2025-05-01", due: "2025-05-31", settled: "2025-07-01" });
    expect(open.status).toBe(ItemStatus.open);
    expect(open.outstanding).toBe(10000);
    expect(open.daysOverdue).toBe(30);
    const closed = one({ date: "2025-05-01", due: "2025-05-31", settled: "2025-06-30" });
    expect(closed.status).toBe(ItemStatus.closed);
    expect(closed.outstanding).toBe(0);
    expect(closed.bucket).toBeNull();
    expect(closed.daysLate).toBe(30);
    expect(one({ date: "2025-05-01", due: "2025-05-31", settled: "2025-05-20" }).daysLate).toBe(0);
  });

  test("a paid amount without a date counts at any as-of date; with one, from that date", () => {
    expect(one({ date: "2025-05-01", paid: 2500 }).outstanding).toBe(7500);
    expect(one({ date: "2025-05-01", paid: 2500, settled: "2025-07-15" }).outstanding).toBe(10000);
    expect(one({ date: "2025-05-01", paid: 2500, settled: "2025-06-15" }).outstanding).toBe(7500);
  });

  test("a 0.01 residue stays open and is aged", () => {
    const r = one({ date: "2025-01-01", due: "2025-01-31", amount: 10000, paid: 9999 });
    expect(r.outstanding).toBe(1);
    expect(r.bucket).toBe("91+");
    expect(r.overdue).toBe(true);
  });

  test("payments naming an invoice apply to it; overpayment leaves a negative item", () => {
    const ledger = ledgerFrom(
      [inv({ ref: "X1", date: "2025-05-01", due: "2025-05-31", amount: 10000 })],
      [
        pay({ ref: "X1", date: "2025-06-10", amount: 4000 }),
        pay({ ref: "X1", date: "2025-06-20", amount: 7000 }),
      ],
    );
    const a = analyze(ledger, d(asOf));
    expect(a.items.outstanding[0]).toBe(-1000);
    expect(a.items.overdue[0]).toBe(0);
    expect(a.items.level[0]).toBe(0);
    expect(a.labels[a.items.bucket[0]]).toBe("1-30");
    expect(a.customers[0].outstanding).toBe(-1000);
    const before = analyze(ledger, d("2025-06-15"));
    expect(before.items.outstanding[0]).toBe(6000);
  });

  test("settled date is the day the remaining amount reached zero", () => {
    const ledger = ledgerFrom(
      [inv({ ref: "X1", date: "2025-05-01", due: "2025-05-31", amount: 10000 })],
      [
        pay({ ref: "X1", date: "2025-06-20", amount: 6000 }),
        pay({ ref: "X1", date: "2025-06-10", amount: 4000 }),
      ],
    );
    const a = analyze(ledger, d(asOf));
    expect(a.items.status[0]).toBe(ItemStatus.closed);
    expect(a.items.settled[0]).toBe(d("2025-06-20"));
    expect(a.items.daysLate[0]).toBe(20);
  });

  test("payments naming no invoice go oldest due first; the rest is unapplied cash", () => {
    const ledger = ledgerFrom(
      [
        inv({ customer: "A", date: "2025-03-01", due: "2025-05-01", amount: 5000 }),
        inv({ customer: "A", date: "2025-01-01", due: "2025-03-01", amount: 3000 }),
        inv({ customer: "A", date: "2025-06-01", due: "2025-07-01", amount: 4000 }),
        inv({ customer: "B", date: "2025-01-01", due: "2025-02-01", amount: 9000 }),
      ],
      [pay({ customer: "A", date: "2025-06-15", amount: 10000 })],
    );
    const a = analyze(ledger, d(asOf));
    expect(Array.from(a.items.outstanding)).toEqual([0, 0, 2000, 9000]);
    expect(a.position.unapplied).toHaveLength(0);
    const more = ledgerFrom(
      [inv({ customer: "A", date: "2025-03-01", due: "2025-05-01", amount: 5000 })],
      [pay({ customer: "A", date: "2025-06-15", amount: 8000 })],
    );
    const b = analyze(more, d(asOf));
    expect(b.items.outstanding[0]).toBe(0);
    expect(b.position.unapplied).toEqual([
      expect.objectContaining({ amount: -3000, date: d("2025-06-15") }),
    ]);
    expect(b.customers[0].outstanding).toBe(-3000);
    expect(b.customers[0].unapplied).toBe(-3000);
    expect(b.customers[0].buckets.reduce((x, y) => x + y, 0)).toBe(-3000);
  });

  test("payments after the as-of date are ignored", () => {
    const ledger = ledgerFrom(
      [inv({ customer: "A", ref: "X", date: "2025-03-01", due: "2025-04-01", amount: 5000 })],
      [
        pay({ ref: "X", date: "2025-07-01", amount: 5000 }),
        pay({ customer: "A", date: "2025-07-02", amount: 100 }),
      ],
    );
    const a = analyze(ledger, d(asOf));
    expect(a.items.outstanding[0]).toBe(5000);
    expect(a.position.unapplied).toHaveLength(0);
  });

  test("credit notes are negative open items, aged, never overdue", () => {
    const r = one({ date: "2025-01-01", due: "2025-01-01", amount: -2000 });
    expect(r.outstanding).toBe(-2000);
    expect(r.bucket).toBe("91+");
    expect(r.overdue).toBe(false);
    expect(r.level).toBe(0);
  });
});

describe("the one-third rule and the dunning ladder", () => {
  test("act-by date = due + term / 3", () => {
    expect(actByDate(d("2025-01-31"), 30)).toBe(d("2025-02-10"));
    expect(actByDate(d("2025-01-31"), 60)).toBe(d("2025-02-20"));
    expect(actByDate(d("2025-01-31"), 0)).toBe(d("2025-01-31"));
  });

  test("levels step up with days overdue and past the act-by date (30-day term)", () => {
    // due 2025-05-31, term 30 → act-by 2025-06-10.
    const at = (asOfIso: string) => one({ date: "2025-05-01", due: "2025-05-31" }, asOfIso);
    expect(at("2025-05-31").level).toBe(0);
    expect(at("2025-06-01").level).toBe(1);
    expect(at("2025-06-07").level).toBe(1);
    expect(at("2025-06-08").level).toBe(2);
    expect(at("2025-06-10").level).toBe(2);
    expect(at("2025-06-11").level).toBe(3);
    expect(at("2025-07-01").level).toBe(4);
    expect(at("2025-07-31").level).toBe(5);
  });

  test("levels are monotone in the as-of date", () => {
    let last = 0;
    for (let k = 0; k < 200; k++) {
      const level = ladderLevel(DEFAULT_POLICY, k, k - 10);
      expect(level).toBeGreaterThanOrEqual(last);
      last = level;
    }
  });

  test("pre-due schedule: reminder from due − 7, confirmation from due − 3, the due day", () => {
    const at = (asOfIso: string) => one({ date: "2025-05-01", due: "2025-05-31" }, asOfIso).preDue;
    expect(at("2025-05-23")).toBe(PreDue.none);
    expect(at("2025-05-24")).toBe(PreDue.reminder);
    expect(at("2025-05-28")).toBe(PreDue.confirm);
    expect(at("2025-05-31")).toBe(PreDue.dueDay);
    expect(at("2025-06-01")).toBe(PreDue.none);
  });

  test("disputed items and unexpired promises are held but still aged", () => {
    const disputed = one({ date: "2025-01-01", due: "2025-01-31", disputed: true });
    expect(disputed.hold).toBe(Hold.disputed);
    expect(disputed.bucket).toBe("91+");
    expect(disputed.level).toBe(5);
    expect(one({ date: "2025-01-01", due: "2025-01-31", promise: "2025-06-30" }).hold).toBe(
      Hold.promise,
    );
    expect(one({ date: "2025-01-01", due: "2025-01-31", promise: "2025-06-29" }).hold).toBe(
      Hold.none,
    );
  });

  test("simple interest and fees per level", () => {
    const policy = makePolicy({ annualInterestRate: 0.0365, feesByLevel: [0, 5, 10, 20, 50, 100] });
    const r = one({ date: "2025-04-01", due: "2025-05-01", amount: 1000000 }, asOf, policy);
    expect(r.daysOverdue).toBe(60);
    expect(r.a.items.interest[0]).toBe(6000); // 10,000.00 × 3.65% × 60 / 365 = 60.00
    expect(r.level).toBe(4); // act-by 2025-05-11, 50 days past it
    expect(r.a.items.fee[0]).toBe(5000); // level 4: 50.00
  });
});

describe("customers, credit and totals", () => {
  const ledger = ledgerFrom(
    [
      inv({
        customer: "A",
        date: "2025-06-01",
        due: "2025-07-01",
        amount: 60000,
        currency: "CNY",
        salesperson: "张伟",
      }),
      inv({ customer: "A", date: "2025-04-01", due: "2025-05-01", amount: 50000, currency: "CNY" }),
      inv({
        customer: "A",
        date: "2025-04-01",
        due: "2025-05-01",
        amount: -10000,
        currency: "CNY",
      }),
      inv({ customer: "A", date: "2025-04-01", due: "2025-05-01", amount: 7000, currency: "USD" }),
      inv({ customer: "B", date: "2025-04-01", due: "2025-05-01", amount: 100, currency: "CNY" }),
      inv({ customer: "C", date: "2025-04-01", due: "2025-05-01", amount: 100, currency: "CNY" }),
    ],
    [],
    [
      cust("A", { creditLimit: 90000, currency: "CNY", salesperson: "李娜" }),
      cust("B", { creditLimit: 0 }),
      cust("C"),
    ],
  );
  const a = analyze(ledger, d(asOf));
  const group = (code: string, currency: string) =>
    a.customers.find(
      (g) =>
        ledger.customers[g.customer].code === code && ledger.currencies[g.currency] === currency,
    )!;

  test("one entry per customer and currency; currencies never mixed", () => {
    expect(group("A", "CNY").outstanding).toBe(100000);
    expect(group("A", "USD").outstanding).toBe(7000);
    expect(a.totals.map((t) => [ledger.currencies[t.currency], t.outstanding])).toEqual([
      ["CNY", 100200],
      ["USD", 7000],
    ]);
  });

  test("exposure, headroom, utilisation and over-limit", () => {
    const g = group("A", "CNY");
    expect(g.exposure).toBe(100000);
    expect(g.creditLimit).toBe(90000);
    expect(g.headroom).toBe(-10000);
    expect(g.overLimit).toBe(true);
    expect(g.utilisation).toBeCloseTo(100000 / 90000);
    expect(group("A", "USD").creditLimit).toBeNull();
    const b = group("B", "CNY");
    expect(b.creditLimit).toBe(0);
    expect(b.overLimit).toBe(true);
    expect(b.headroom).toBe(-100);
    const c = group("C", "CNY");
    expect(c.creditLimit).toBeNull();
    expect(c.headroom).toBeNull();
    expect(c.overLimit).toBe(false);
  });

  test("salesperson of the row, else of the customer", () => {
    const names = a.salespeople.map((s) => [
      s.salesperson >= 0 ? ledger.salespeople[s.salesperson] : null,
      ledger.currencies[s.currency],
      s.outstanding,
    ]);
    expect(names).toEqual(
      expect.arrayContaining([
        ["张伟", "CNY", 60000],
        ["李娜", "CNY", 40000],
        ["李娜", "USD", 7000],
        [null, "CNY", 200],
      ]),
    );
  });
});

describe("nothing after the as-of date decides a credit limit's currency", () => {
  it("a limit without a currency goes to the currency most items were in by the as-of date", () => {
    // ACME is invoiced in CNY and USD by the as-of date; the ledger is mostly CNY then, mostly
    // USD only once later invoices are counted. The limit (no currency stated) stays with CNY.
    const items = [
      inv({
        customer: "ACME",
        currency: "CNY",
        date: "2026-05-01",
        due: "2026-06-01",
        amount: 100000,
      }),
      inv({
        customer: "ACME",
        currency: "USD",
        date: "2026-05-02",
        due: "2026-06-02",
        amount: 5000,
      }),
      inv({
        customer: "OTHER",
        currency: "CNY",
        date: "2026-05-03",
        due: "2026-06-03",
        amount: 7000,
      }),
      ...[1, 2, 3, 4].map((k) =>
        inv({
          customer: "OTHER",
          currency: "USD",
          date: `2026-08-0${k}`,
          due: `2026-09-0${k}`,
          amount: 100,
        }),
      ),
    ];
    const ledger = ledgerFrom(items, [], [cust("ACME", { creditLimit: 200000 })]);
    const a = analyze(ledger, d("2026-06-30"));
    const limited = a.customers.find((g) => g.creditLimit !== null)!;
    expect(ledger.currencies[limited.currency]).toBe("CNY");
    expect(limited.headroom).toBe(200000 - 100000);
  });
});

describe("an item's own paid amount and settled date, with and without payment rows", () => {
  it("give the same position whether or not payment rows exist (the direct and the event path)", () => {
    const items = [
      inv({
        ref: "A",
        date: "2026-01-01",
        due: "2026-02-01",
        amount: 1000,
        paid: 400,
        settled: "2026-03-01",
      }),
      inv({ ref: "B", date: "2026-01-01", due: "2026-02-01", amount: 1000, settled: "2026-04-01" }),
      inv({ ref: "C", date: "2026-01-01", due: "2026-02-01", amount: 0, settled: "2026-04-02" }),
      inv({
        ref: "D",
        date: "2026-01-01",
        due: "2026-02-01",
        amount: 1000,
        paid: 1000,
        settled: "2026-09-01",
      }),
      inv({ ref: "E", date: "2026-01-01", due: "2026-02-01", amount: 500, paid: 200 }),
    ];
    const at = d("2026-06-30");
    const plain = analyze(ledgerFrom(items), at);
    // A payment row dated after the as-of date changes nothing, but takes the event path.
    const withRow = analyze(
      ledgerFrom(items, [pay({ customer: "ACME", date: "2026-12-01", amount: 5 })]),
      at,
    );
    expect([...plain.position.outstanding]).toEqual([...withRow.position.outstanding]);
    expect([...plain.position.settled]).toEqual([...withRow.position.settled]);
    expect([...plain.position.status]).toEqual([...withRow.position.status]);
    expect([...plain.position.outstanding]).toEqual([600, 0, 0, 1000, 300]);
  });
});
