import { analyze } from "../analyze";
import { cei, collectionRate, dso, overdueRate } from "../kpi";
import { ledgerFrom, type ItemInput, type PaymentInput } from "../ledger";
import { cust, d, inv, pay } from "../../../test/support/core-builders";
import { salespersonScorecard, splitBySalesperson } from "./scorecard";

const FROM = d("2025-04-01");
const TO = d("2025-06-30");

const items: ItemInput[] = [
  // 李明's customer A (from the customer list).
  inv({ ref: "A1", customer: "A", date: "2025-03-10", due: "2025-04-10", amount: 10000 }),
  inv({ ref: "A2", customer: "A", date: "2025-05-01", due: "2025-05-31", amount: 20000 }),
  inv({ ref: "A3", customer: "A", date: "2025-06-20", due: "2025-07-20", amount: 5000 }),
  // Customer B is 王芳's on the rows.
  inv({
    ref: "B1",
    customer: "B",
    date: "2025-02-01",
    due: "2025-03-03",
    amount: 8000,
    salesperson: "王芳",
  }),
  inv({
    ref: "B2",
    customer: "B",
    date: "2025-05-15",
    due: "2025-06-14",
    amount: 9000,
    salesperson: "王芳",
  }),
  // Customer C has no salesperson anywhere.
  inv({
    ref: "C1",
    customer: "C",
    date: "2025-04-15",
    due: "2025-05-15",
    amount: 3000,
    currency: "USD",
  }),
];
const payments: (PaymentInput & { item?: number })[] = [
  pay({ ref: "A1", date: "2025-04-20", amount: 10000 }),
  pay({ ref: "A2", date: "2025-06-10", amount: 5000 }),
  pay({ customer: "B", date: "2025-06-01", amount: 8000 }), // names no invoice: B's oldest
  pay({ ref: "C1", date: "2025-05-20", amount: 3000, currency: "USD" }),
];
const customers = [cust("A", { salesperson: "李明" })];

describe("salesperson scorecard", () => {
  const ledger = ledgerFrom(items, payments, customers);

  test("the ledger splits by salesperson: the row's, else the customer's; unnamed cash follows the customer", () => {
    const parts = splitBySalesperson(ledger);
    const names = (sp: number) => (sp < 0 ? "-" : ledger.salespeople[sp]);
    expect(
      parts.map((p) => [names(p.salesperson), p.ledger.items.ref, p.ledger.payments.ref]),
    ).toEqual([
      ["-", ["C1"], ["C1"]],
      ["李明", ["A1", "A2", "A3"], ["A1", "A2"]],
      ["王芳", ["B1", "B2"], [null]],
    ]);
  });

  test("each row is kpi.ts on a ledger of that salesperson's rows alone", () => {
    const rows = salespersonScorecard(ledger, FROM, TO);
    const only = (keep: (i: ItemInput) => boolean, keepPay: (p: PaymentInput) => boolean) =>
      ledgerFrom(items.filter(keep), payments.filter(keepPay), customers);
    const expected = (l: ReturnType<typeof ledgerFrom>, currency: number) => {
      const a = analyze(l, TO);
      const t = a.totals.find((x) => x.currency === currency)!;
      const r = collectionRate(l, FROM, TO).find((x) => x.currency === currency)!;
      const k = dso(a, 90).find((x) => x.currency === currency)!;
      const e = cei(l, FROM, TO).find((x) => x.currency === currency)!;
      return {
        outstanding: t.outstanding,
        overdue: t.overdue,
        overdueRate: overdueRate(t),
        collected: r.collected,
        due: r.due,
        collectionRate: r.rate,
        dso: k.dso,
        countbackDso: k.countback,
        bestPossibleDso: k.bestPossible,
        averageDaysDelinquent: k.add,
        cei: e.cei,
      };
    };
    const li = ledger.salespeople.indexOf("李明");
    const wang = ledger.salespeople.indexOf("王芳");
    const liRow = rows.find((r) => r.salesperson === li)!;
    const liLedger = only(
      (i) => i.customer === "A",
      (p) => (p.ref ?? "").startsWith("A"),
    );
    expect(liRow).toEqual({ salesperson: li, currency: 0, ...expected(liLedger, 0) });
    expect(liRow.collectionRate).toBeCloseTo(15000 / 30000);
    const wangRow = rows.find((r) => r.salesperson === wang)!;
    const wangLedger = only(
      (i) => i.customer === "B",
      (p) => p.customer === "B",
    );
    expect(wangRow).toEqual({ salesperson: wang, currency: 0, ...expected(wangLedger, 0) });
    const none = rows.find((r) => r.salesperson === -1)!;
    expect(ledger.currencies[none.currency]).toBe("USD");
    expect(none.collectionRate).toBe(1);
  });

  test("outstanding and overdue add up to the whole ledger's, per currency", () => {
    const a = analyze(ledger, TO);
    const rows = salespersonScorecard(ledger, FROM, TO);
    for (const t of a.totals) {
      const mine = rows.filter((r) => r.currency === t.currency);
      expect(mine.reduce((s, r) => s + r.outstanding, 0)).toBe(t.outstanding);
      expect(mine.reduce((s, r) => s + r.overdue, 0)).toBe(t.overdue);
    }
    expect(() => salespersonScorecard(ledger, TO, FROM)).toThrow(RangeError);
  });
});
