import fc from "fast-check";
import { analyze, Hold } from "../analyze";
import { ledgerFrom } from "../ledger";
import { makePolicy } from "../policy";
import { ItemStatus } from "../position";
import { cust, d, inv } from "../../../test/support/core-builders";
import { DocNumbers } from "./docno";
import { dunningLetters, stageOfLevel } from "./dunning";
import {
  BASE,
  buildLedger,
  customerArb,
  itemArb,
  paymentArb,
} from "../../../test/support/test-ledgers";

const asOf = d("2025-06-30");

/** `inv` of ../testing, keeping the contract number (which `inv` drops). */
function item(x: Parameters<typeof inv>[0]) {
  return { ...inv(x), contract: x.contract ?? null };
}

/** Customer A: two overdue items (levels 4 and 3), one disputed, one promised, one not due, a credit. */
function sample() {
  return ledgerFrom(
    [
      // due 05-01, act-by 05-11 (term 30 / 3): 60 days overdue, 50 past act-by → level 4
      item({
        ref: "A-1",
        customer: "A001",
        date: "2025-04-01",
        terms: { days: 30, monthEnd: false },
        amount: 100000,
        paid: 20000,
        contract: "HT-1",
      }),
      // due 06-20, act-by 06-23: 10 days overdue, 7 past act-by → level 3
      item({
        ref: "A-2",
        customer: "A001",
        date: "2025-06-10",
        due: "2025-06-20",
        amount: 50000,
        contract: "HT-2",
      }),
      item({
        ref: "A-3",
        customer: "A001",
        date: "2025-05-01",
        due: "2025-05-31",
        amount: 30000,
        disputed: true,
      }),
      item({
        ref: "A-4",
        customer: "A001",
        date: "2025-05-01",
        due: "2025-06-01",
        amount: 20000,
        promise: "2025-07-05",
      }),
      item({ ref: "A-5", customer: "A001", date: "2025-06-20", due: "2025-07-20", amount: 40000 }),
      item({ ref: "A-6", customer: "A001", date: "2025-06-01", amount: -10000 }),
      // B: 5 days overdue → level 1, in USD
      item({
        ref: "B-1",
        customer: "B002",
        currency: "USD",
        date: "2025-06-01",
        due: "2025-06-25",
        amount: 7000,
      }),
      // C: a year and a half overdue → level 5
      item({
        ref: "C-1",
        customer: "C003",
        date: "2023-12-02",
        due: "2024-01-01",
        amount: 365000,
        contract: "HT-9",
      }),
      // D: only a disputed overdue item → no letter
      item({
        ref: "D-1",
        customer: "D004",
        date: "2025-01-01",
        due: "2025-02-01",
        amount: 9900,
        disputed: true,
      }),
      // E: promise broken (05-31 < as-of) → dunned again
      item({
        ref: "E-1",
        customer: "E005",
        date: "2025-04-01",
        due: "2025-05-01",
        amount: 1000,
        promise: "2025-05-31",
      }),
    ],
    [],
    [
      cust("A001", { name: "甲方贸易有限公司", salesperson: "Wang", address: "上海市" }),
      cust("B002", { name: "Bravo Ltd" }),
    ],
  );
}

describe("dunning letters", () => {
  const a = analyze(sample(), asOf);
  const letters = dunningLetters(a);

  test("one letter per customer and currency with overdue, unheld items", () => {
    expect(letters.map((l) => [l.customer.code, l.currency, l.stage, l.level])).toEqual([
      ["A001", null, "B", 4],
      ["B002", "USD", "A", 1],
      ["C003", null, "C", 5],
      ["E005", null, "B", 4],
    ]);
  });

  test("items, totals, held items and the customer block (customer A)", () => {
    const l = letters[0];
    expect(l.customer).toMatchObject({
      code: "A001",
      name: "甲方贸易有限公司",
      salesperson: "Wang",
      address: "上海市",
    });
    expect(
      l.items.map((x) => [
        x.invoice,
        x.contract,
        x.amount,
        x.paid,
        x.outstanding,
        x.daysOverdue,
        x.level,
      ]),
    ).toEqual([
      ["A-1", "HT-1", 100000, 20000, 80000, 60, 4],
      ["A-2", "HT-2", 50000, 0, 50000, 10, 3],
    ]);
    expect(l.items[0]).toMatchObject({
      date: d("2025-04-01"),
      dueDate: d("2025-05-01"),
      actBy: d("2025-05-11"),
    });
    expect(l.overdueTotal).toBe(130000);
    expect(l.daysOverdue).toBe(60);
    expect(l.maxDaysOverdue).toBe(60);
    expect(l.contracts).toBe("HT-1, HT-2");
    expect(l.interest).toBe(0);
    expect(l.fees).toBe(0);
    expect(l.totalDue).toBe(130000);
    expect(l.heldItems.map((x) => [x.invoice, x.hold, x.promiseDate])).toEqual([
      ["A-3", "disputed", null],
      ["A-4", "promise", d("2025-07-05")],
    ]);
    expect(l.heldCount).toBe(2);
    expect(l.heldTotal).toBe(50000);
    expect(l.heldNote).toBe(
      "2 further items (500.00 in all), disputed or with a payment promised, are not included in this letter.",
    );
    // 800 + 500 + 300 + 200 + 400 − 100
    expect(l.balance).toBe(210000);
    expect(l.payDays).toBe(7);
    expect(l.payBy).toBe(d("2025-07-07"));
    expect(l.docNo).toBe("CK-20250630-A001");
    expect(l.title).toBe("Second notice");
    expect(l.overdueTotalInWords).toBe("One thousand three hundred and 00/100");
    expect(l.lastNotice).toBeNull();
  });

  test("stage C pays in 5 days; interest and fees from the policy", () => {
    const policy = makePolicy({ annualInterestRate: 0.06, feesByLevel: [0, 10, 20, 30, 40, 50] });
    const c = dunningLetters(analyze(sample(), asOf, policy)).find(
      (l) => l.customer.code === "C003",
    )!;
    // 2024-01-01 → 2025-06-30: 366 + 180 days
    expect(c.items[0].daysOverdue).toBe(546);
    // 3650.00 × 6 % × 546 / 365 = 327.60
    expect(c.interest).toBe(32760);
    expect(c.fees).toBe(5000);
    expect(c.totalDue).toBe(365000 + 32760 + 5000);
    expect(c.annualRatePercent).toBe(6);
    expect(c.payDays).toBe(5);
    expect(c.payBy).toBe(d("2025-07-05"));
    expect(c.title).toBe("Final demand");
  });

  test("options: pay days by stage, issue date, locale, shared numbers, done log", () => {
    const numbers = new DocNumbers();
    numbers.next("dunning", d("2025-07-01"), "A001");
    const ls = dunningLetters(a, {
      issueDate: d("2025-07-01"),
      payDays: { B: 10 },
      locale: "zh-CN",
      numbers,
      done: [
        { item: 0, level: 1, date: d("2025-05-02") },
        { item: 1, level: 2, date: d("2025-06-28") },
        { item: 1, level: 3, date: d("2025-07-15") }, // after the as-of date: ignored
      ],
    });
    const l = ls[0];
    expect(l.docNo).toBe("CK-20250701-A001-2");
    expect(l.payBy).toBe(d("2025-07-11"));
    expect(l.title).toBe("催款函");
    expect(l.contracts).toBe("HT-1、HT-2");
    expect(l.overdueTotalInWords).toBe("壹仟叁佰元整");
    expect(l.heldNote).toBe("另有2笔款项（合计500.00）因存在争议或已承诺付款，暂未列入本函。");
    expect(l.heldItems[0].holdLabel).toBe("有争议");
    expect(l.lastNotice).toBe(d("2025-06-28"));
    expect(ls[1].lastNotice).toBeNull();
  });

  test("stages by level", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9].map(stageOfLevel)).toEqual([
      "A",
      "A",
      "A",
      "B",
      "B",
      "C",
      "C",
      "C",
    ]);
  });

  test("property: every overdue, unheld item in exactly one letter; held ones never demanded", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        fc.array(paymentArb, { maxLength: 15 }),
        fc.array(customerArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 5 }),
        (items, payments, customers, at, grace) => {
          const ledger = buildLedger(items, payments, customers);
          const an = analyze(
            ledger,
            BASE + at,
            makePolicy({ graceDays: grace, annualInterestRate: 0.1 }),
          );
          const ls = dunningLetters(an);
          const seen = new Map<number, number>();
          const numbers = new Set<string>();
          for (const l of ls) {
            numbers.add(l.docNo);
            expect(l.items.length).toBeGreaterThan(0);
            expect(l.stage).toBe(stageOfLevel(Math.max(...l.items.map((x) => x.level))));
            expect(l.overdueTotal).toBe(l.items.reduce((s, x) => s + x.outstanding, 0));
            expect(l.totalDue).toBe(l.overdueTotal + l.interest + l.fees);
            for (const x of l.items) {
              seen.set(x.item, (seen.get(x.item) ?? 0) + 1);
              expect(ledger.items.customer[x.item]).toBe(l.customer.index);
              expect(ledger.items.currency[x.item]).toBe(l.currencyIndex);
            }
            for (const x of l.heldItems) expect(an.items.hold[x.item]).not.toBe(Hold.none);
          }
          expect(numbers.size).toBe(ls.length);
          for (let i = 0; i < ledger.items.length; i++) {
            const dunnable =
              an.items.status[i] === ItemStatus.open &&
              an.items.overdue[i] === 1 &&
              an.items.hold[i] === Hold.none;
            expect(seen.get(i) ?? 0).toBe(dunnable ? 1 : 0);
          }
        },
      ),
    );
  });
});
