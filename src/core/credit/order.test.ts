import fc from "fast-check";
import { analyze } from "../analyze";
import { ledgerFrom, type ItemInput } from "../ledger";
import { cust, d, inv, pay } from "../../../test/support/core-builders";
import { REASON_CODES, reasonMessage, verdictLabel } from "./messages";
import { addMonths, checkOrder, VERDICT_ORDER } from "./order";
import { makeCreditPolicy } from "./policy";
import { reviewsDue } from "./review";

const ASOF = d("2026-06-30");

function book(
  items: ItemInput[],
  customers = [cust("C1", { creditLimit: 100_000_00, grade: "B" })],
) {
  return analyze(ledgerFrom(items, [], customers), ASOF);
}

describe("checkOrder", () => {
  it("approves within the headroom and gives the figures", () => {
    const a = book([
      inv({ customer: "C1", date: "2026-06-01", due: "2026-07-01", amount: 40_000_00 }),
    ]);
    const r = checkOrder(a, "C1", 50_000_00);
    expect(r.verdict).toBe("ok");
    expect(r.approved).toBe(true);
    expect(r.limit).toBe(100_000_00);
    expect(r.exposure).toBe(40_000_00);
    expect(r.headroomBefore).toBe(60_000_00);
    expect(r.headroomAfter).toBe(10_000_00);
    expect(r.reasons.map((x) => x.code)).toContain("limit.within");
  });

  it("refuses an order beyond the headroom, by the shortfall", () => {
    const a = book([
      inv({ customer: "C1", date: "2026-06-01", due: "2026-07-01", amount: 40_000_00 }),
    ]);
    const r = checkOrder(a, "C1", 60_000_01);
    expect(r.verdict).toBe("overLimit");
    expect(r.headroomAfter).toBe(-1);
    const reason = r.reasons.find((x) => x.code === "limit.exceeded")!;
    expect(reasonMessage(reason)).toContain("by 0.01");
    expect(reasonMessage(reason, "zh-CN")).toContain("超出 0.01");
    // Exactly the headroom is allowed.
    expect(checkOrder(a, "C1", 60_000_00).verdict).toBe("ok");
  });

  it("overdue items block as configured: days, act-by date, minimum, disputes", () => {
    // Net 30 invoice of 2026-04-01, due 2026-05-01: 60 days overdue at the as-of date.
    const items = [
      inv({ customer: "C1", date: "2026-04-01", due: "2026-05-01", amount: 1_000_00 }),
      inv({ customer: "C1", date: "2026-06-20", due: "2026-07-20", amount: 1_000_00 }),
    ];
    const a = book(items);
    expect(checkOrder(a, "C1", 100).verdict).toBe("overdueBlocked");
    const lenient = makeCreditPolicy({ blockOverdueDays: 90, blockPastActBy: false });
    expect(checkOrder(a, "C1", 100, undefined, lenient).verdict).toBe("ok");
    const strictActBy = makeCreditPolicy({ blockOverdueDays: 90, blockPastActBy: true });
    const r = checkOrder(a, "C1", 100, undefined, strictActBy);
    expect(r.verdict).toBe("overdueBlocked");
    expect(r.reasons.map((x) => x.code)).toContain("overdue.pastActBy");
    const tolerant = makeCreditPolicy({ blockOverdueMinimum: 1_000 });
    expect(checkOrder(a, "C1", 100, undefined, tolerant).verdict).toBe("ok");
    const disputed = book([{ ...items[0], disputed: true }, items[1]]);
    const rd = checkOrder(disputed, "C1", 100);
    expect(rd.verdict).toBe("ok");
    expect(rd.reasons.map((x) => x.code)).toContain("overdue.disputed");
  });

  it("grades: prepayment, a halved limit, a cap, ungraded customers", () => {
    const items = [
      inv({ customer: "C1", date: "2026-06-20", due: "2026-07-20", amount: 10_000_00 }),
    ];
    const d_ = book(items, [cust("C1", { creditLimit: 100_000_00, grade: "d" })]);
    expect(checkOrder(d_, "C1", 100).verdict).toBe("prepaymentRequired");
    const c_ = book(items, [cust("C1", { creditLimit: 100_000_00, grade: "C" })]);
    // The default table keeps the recorded limit (one limit on every face) ...
    expect(checkOrder(c_, "C1", 40_000_01).limit).toBe(100_000_00);
    // ... a policy the user supplies may halve it, and the check says so.
    const halving = makeCreditPolicy({ grades: [{ grade: "C", limitFactor: 0.5 }] });
    const rc = checkOrder(c_, "C1", 40_000_01, undefined, halving);
    expect(rc.limit).toBe(50_000_00);
    expect(rc.recordedLimit).toBe(100_000_00);
    expect(rc.verdict).toBe("overLimit");
    const capped = makeCreditPolicy({ grades: [{ grade: "B", maxLimit: 20_000 }] });
    const b_ = book(items);
    expect(checkOrder(b_, "C1", 100, undefined, capped).limit).toBe(20_000_00);
    const x_ = book(items, [cust("C1", { creditLimit: 100_000_00, grade: "Z" })]);
    const rx = checkOrder(x_, "C1", 100);
    expect(rx.gradeListed).toBe(false);
    expect(rx.reasons.map((x) => x.code)).toContain("grade.unlisted");
    expect(rx.verdict).toBe("ok");
  });

  it("no credit: unknown customer, no limit, a zero limit, another currency", () => {
    const items = [inv({ customer: "C1", date: "2026-06-20", due: "2026-07-20", amount: 100 })];
    expect(checkOrder(book(items), "NOBODY", 100).verdict).toBe("noCredit");
    expect(checkOrder(book(items, [cust("C1")]), "C1", 100).verdict).toBe("noCredit");
    const zero = book(items, [cust("C1", { creditLimit: 0 })]);
    expect(checkOrder(zero, "C1", 100).reasons[0].code).toBe("limit.zero");
    const usd = book(items, [cust("C1", { creditLimit: 100_000, currency: "USD" })]);
    const r = checkOrder(usd, "C1", 100, "CNY");
    expect(r.verdict).toBe("noCredit");
    expect(r.reasons.map((x) => x.code)).toContain("limit.otherCurrency");
    const withDefault = makeCreditPolicy({ ungraded: { defaultLimit: 5 } });
    expect(checkOrder(book(items, [cust("C1")]), "C1", 400, undefined, withDefault).verdict).toBe(
      "ok",
    );
  });

  it("credits and unapplied cash lower the exposure", () => {
    const a = analyze(
      ledgerFrom(
        [
          inv({
            ref: "I1",
            customer: "C1",
            date: "2026-06-20",
            due: "2026-07-20",
            amount: 90_000_00,
          }),
        ],
        [pay({ customer: "C1", date: "2026-06-25", amount: 100_000_00 })],
        [cust("C1", { creditLimit: 100_000_00, grade: "B" })],
      ),
      ASOF,
    );
    const r = checkOrder(a, "C1", 110_000_00);
    expect(r.exposure).toBe(-10_000_00);
    expect(r.verdict).toBe("ok");
  });

  it("warns of a review past due and of longer terms, without changing the verdict", () => {
    const items = [inv({ customer: "C1", date: "2026-06-20", due: "2026-07-20", amount: 100 })];
    const a = book(items, [
      cust("C1", { creditLimit: 100_000, grade: "B", terms: { days: 60, monthEnd: false } }),
    ]);
    const r = checkOrder(a, "C1", 100, undefined, undefined, { lastReview: d("2025-12-01") });
    expect(r.verdict).toBe("ok");
    expect(r.nextReview).toBe(d("2026-06-01"));
    const codes = r.reasons.map((x) => x.code);
    expect(codes).toContain("review.overdue");
    expect(codes).toContain("terms.longer");
  });

  it("refuses a non-positive amount", () => {
    const a = book([]);
    expect(() => checkOrder(a, "C1", 0)).toThrow(RangeError);
    expect(() => checkOrder(a, "C1", 1.5)).toThrow(RangeError);
  });

  it("has every message in both languages", () => {
    for (const code of REASON_CODES)
      for (const locale of ["en-US", "zh-CN"] as const)
        expect(reasonMessage({ code, params: {} }, locale)).not.toMatch(/^\s*$/);
    for (const v of VERDICT_ORDER) expect(verdictLabel(v, "zh-CN")).toBeTruthy();
  });
});

describe("checkOrder properties", () => {
  const itemArb = fc.record({
    customer: fc.constantFrom("A", "B"),
    invoice: fc.integer({ min: -400, max: 0 }),
    term: fc.integer({ min: 0, max: 90 }),
    amount: fc.oneof(
      fc.integer({ min: 1, max: 5_000_000 }),
      fc.integer({ min: -200_000, max: -1 }),
    ),
    paid: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
    disputed: fc.boolean(),
  });
  const customerArb = fc.record({
    limit: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
    grade: fc.constantFrom(null, "A", "B", "C", "D", "X"),
  });
  const policyArb = fc.record({
    blockOverdueDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    blockPastActBy: fc.boolean(),
    blockOverdueMinimum: fc.constantFrom(0, 100),
    factor: fc.constantFrom(0, 0.5, 1),
  });
  const arbs = [
    fc.array(itemArb, { maxLength: 30 }),
    fc.record({ A: customerArb, B: customerArb }),
    policyArb,
    fc.integer({ min: 1, max: 30_000_000 }),
    fc.constantFrom("A", "B"),
  ] as const;

  type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;
  function setup(
    items: Gen<(typeof arbs)[0]>,
    customers: Gen<(typeof arbs)[1]>,
    p: Gen<(typeof arbs)[2]>,
  ) {
    const ledger = ledgerFrom(
      items.map((x, i) => ({
        ref: `I${i}`,
        customer: x.customer,
        currency: null,
        invoiceDate: ASOF + x.invoice,
        dueDate: null,
        terms: { days: x.term, monthEnd: false },
        amount: x.amount,
        paid: x.paid,
        settledDate: null,
        disputed: x.disputed,
        source: { file: null, sheet: null, row: i + 2 },
      })),
      [],
      (["A", "B"] as const).map((code) => ({
        code,
        creditLimit: customers[code].limit,
        grade: customers[code].grade,
      })),
    );
    const policy = makeCreditPolicy({
      blockOverdueDays: p.blockOverdueDays,
      blockPastActBy: p.blockPastActBy,
      blockOverdueMinimum: p.blockOverdueMinimum,
      grades: [
        { grade: "A", limitFactor: p.factor },
        { grade: "B" },
        { grade: "C", limitFactor: 0.5 },
        { grade: "D", prepayment: true },
      ],
    });
    return { a: analyze(ledger, ASOF), policy };
  }

  it("never approves beyond the limit", () => {
    fc.assert(
      fc.property(...arbs, (items, customers, p, amount, who) => {
        const { a, policy } = setup(items, customers, p);
        const r = checkOrder(a, who, amount, undefined, policy);
        if (!r.approved) return;
        const recorded = customers[who].limit;
        expect(recorded).not.toBeNull();
        expect(r.limit).not.toBeNull();
        expect(r.exposure + amount).toBeLessThanOrEqual(r.limit!);
        expect(r.limit!).toBeLessThanOrEqual(recorded!);
        const pos = a.customers.find((c) => a.ledger.customers[c.customer].code === who);
        expect(r.exposure).toBe(pos?.exposure ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it("overdue blocks as configured", () => {
    fc.assert(
      fc.property(...arbs, (items, customers, p, amount, who) => {
        const { a, policy } = setup(items, customers, p);
        const r = checkOrder(a, who, amount, undefined, policy);
        const it = a.ledger.items;
        let blocking = 0;
        for (let i = 0; i < it.length; i++) {
          if (a.ledger.customers[it.customer[i]].code !== who) continue;
          if (a.items.overdue[i] !== 1 || it.flags[i] & 1) continue;
          const days = a.items.daysOverdue[i];
          if (
            (p.blockOverdueDays !== null && days > p.blockOverdueDays) ||
            (p.blockPastActBy && ASOF > a.items.actBy[i])
          )
            blocking += a.items.outstanding[i];
        }
        const blocked = blocking > p.blockOverdueMinimum * 100;
        expect(r.reasons.some((x) => x.code === "overdue.blocking")).toBe(blocked);
        if (blocked) expect(r.approved).toBe(false);
        expect(r.blocking).toBe(blocking);
      }),
      { numRuns: 300 },
    );
  });

  it("the verdict is the most severe blocking reason", () => {
    fc.assert(
      fc.property(...arbs, (items, customers, p, amount, who) => {
        const { a, policy } = setup(items, customers, p);
        const r = checkOrder(a, who, amount, undefined, policy);
        const blocking = r.reasons.filter((x) => x.severity === "block").map((x) => x.verdict);
        const expected = VERDICT_ORDER.find((v) => blocking.includes(v)) ?? "ok";
        expect(r.verdict).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("reviewsDue", () => {
  it("lists overdue, due and never-reviewed customers by urgency", () => {
    const ledger = ledgerFrom(
      [],
      [],
      [
        cust("A1", { grade: "A" }),
        cust("B1", { grade: "B" }),
        cust("B2", { grade: "B" }),
        cust("B3", { grade: "B" }),
      ],
    );
    const reviews = new Map([
      [0, d("2025-07-15")], // A: 12 months → 2026-07-15, due within 30 days
      [1, d("2025-11-30")], // B: 6 months → 2026-05-30, overdue
      [2, d("2026-05-01")], // B: → 2026-11-01, not due
    ]);
    const due = reviewsDue(ledger, reviews, ASOF);
    expect(due.map((x) => [x.code, x.status])).toEqual([
      ["B1", "overdue"],
      ["A1", "due"],
      ["B3", "never"],
    ]);
    expect(due[0].nextReview).toBe(d("2026-05-30"));
    expect(due[0].daysPast).toBe(31);
  });

  it("addMonths clamps to the month's end", () => {
    expect(addMonths(d("2025-08-31"), 6)).toBe(d("2026-02-28"));
    expect(addMonths(d("2024-02-29"), 12)).toBe(d("2025-02-28"));
  });
});
