import fc from "fast-check";
import { analyze } from "../analyze";
import { provision } from "../kpi";
import { ledgerFrom, type ItemInput } from "../ledger";
import { makePolicy } from "../policy";
import { d, inv } from "../../../test/support/core-builders";
import { bandIndex, provisionReport } from "./provision";

describe("provision per customer", () => {
  test("each customer's provision is kpi.provision for that customer; totals are kpi.provision", () => {
    const ledger = ledgerFrom([
      inv({ customer: "A", date: "2025-01-01", amount: 100000 }), // < 1 year: 5%
      inv({ customer: "A", date: "2023-06-01", amount: 50000 }), // 760 days, 2–3 years: 30%
      inv({ customer: "B", date: "2019-01-01", amount: 20000 }), // > 5 years: 100%
      inv({ customer: "B", date: "2025-03-01", amount: -3000 }), // credit: not provided for
      inv({ customer: "C", date: "2025-01-01", amount: 7000, currency: "USD" }),
    ]);
    const a = analyze(ledger, d("2025-06-30"));
    const report = provisionReport(a);
    expect(report.customers.map((c) => [c.customer, c.currency, c.total])).toEqual([
      [0, 0, 5000 + 15000],
      [1, 0, 20000],
      [2, 1, 350],
    ]);
    for (const c of report.customers) {
      const want = provision(a, c.customer).find((p) => p.currency === c.currency);
      expect(c).toEqual({ customer: c.customer, ...want });
    }
    expect(report.totals).toEqual(provision(a));
  });

  test("bands as kpi.provision finds them: upper bounds inclusive, the last open-ended", () => {
    const bands = makePolicy().provision;
    expect([0, 365, 366, 730, 1825, 1826, 99999].map((age) => bandIndex(bands, age))).toEqual([
      0, 0, 1, 1, 4, 5, 5,
    ]);
  });

  test("per-customer equals kpi.provision(a, customer) on any ledger", () => {
    const row = fc.record({
      customer: fc.constantFrom("A", "B", "C"),
      currency: fc.constantFrom(null, "USD"),
      age: fc.integer({ min: 0, max: 2500 }),
      amount: fc.integer({ min: -5000, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const asOf = 46000;
        const inputs: ItemInput[] = rows.map((r) => {
          const x = inv({ customer: r.customer, currency: r.currency, amount: r.amount });
          x.invoiceDate = asOf - r.age;
          return x;
        });
        const a = analyze(ledgerFrom(inputs), asOf);
        for (const c of provisionReport(a).customers) {
          const want = provision(a, c.customer).find((p) => p.currency === c.currency);
          expect(c).toEqual({ customer: c.customer, ...want });
        }
      }),
    );
  });
});
