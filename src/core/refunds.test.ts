/** Refunds settle credits (issue 13): money paid back to a customer is not a second credit. */
import { analyze } from "./analyze";
import { ledgerFrom } from "./ledger";
import { computePosition } from "./position";
import { d, inv, pay } from "../../test/support/core-builders";

const asOf = d("2025-06-30");

describe("refunds", () => {
  test("a positive payment against a credit note settles it: -3,023 + 3,023 refund -> 0", () => {
    const ledger = ledgerFrom(
      [
        inv({ ref: "CN1", amount: -302300, date: "2025-01-01", due: "2025-01-31" }),
        inv({ ref: "I1", amount: 100000, date: "2025-01-01", due: "2025-01-31" }),
      ],
      [pay({ ref: "CN1", amount: 302300, date: "2025-02-01" })],
    );
    const pos = computePosition(ledger, asOf);
    expect(pos.outstanding[0]).toBe(0);
    expect(pos.settled[0]).toBe(d("2025-02-01"));
    const a = analyze(ledger, asOf);
    expect(a.totals[0].outstanding).toBe(100000);
  });

  test("a negative payment against a credit note settles it too", () => {
    const ledger = ledgerFrom(
      [inv({ ref: "CN1", amount: -5000, date: "2025-01-01" })],
      [pay({ ref: "CN1", amount: -5000, date: "2025-02-01" })],
    );
    expect(computePosition(ledger, asOf).outstanding[0]).toBe(0);
  });

  test("a credit note's own paid column is a refund", () => {
    const ledger = ledgerFrom([
      inv({ ref: "CN1", amount: -5000, paid: 5000, date: "2025-01-01" }),
      inv({ ref: "CN2", amount: -5000, paid: 2000, settled: "2025-02-01", date: "2025-01-01" }),
    ]);
    const pos = computePosition(ledger, asOf);
    expect(pos.outstanding[0]).toBe(0);
    expect(pos.outstanding[1]).toBe(-3000);
  });

  test("a refund after the as-of date does not count yet", () => {
    const ledger = ledgerFrom(
      [inv({ ref: "CN1", amount: -5000, date: "2025-01-01" })],
      [pay({ ref: "CN1", amount: 5000, date: "2025-08-01" })],
    );
    expect(computePosition(ledger, asOf).outstanding[0]).toBe(-5000);
  });

  test("a negative payment naming no invoice settles the customer's credits, oldest first", () => {
    const ledger = ledgerFrom(
      [
        inv({ ref: "CN1", amount: -3000, date: "2025-01-01", due: "2025-01-01" }),
        inv({ ref: "CN2", amount: -2000, date: "2025-02-01", due: "2025-02-01" }),
        inv({ ref: "I1", amount: 10000, date: "2025-01-01", due: "2025-01-31" }),
      ],
      [pay({ customer: "ACME", amount: -4000, date: "2025-03-01" })],
    );
    const pos = computePosition(ledger, asOf);
    expect(Array.from(pos.outstanding)).toEqual([0, -1000, 10000]);
    expect(pos.unapplied).toEqual([]);
    const a = analyze(ledger, asOf);
    expect(a.customers[0].outstanding).toBe(9000);
  });

  test("a refund beyond the customer's credits stays an open amount of the customer", () => {
    const ledger = ledgerFrom(
      [inv({ ref: "CN1", amount: -3000, date: "2025-01-01" })],
      [pay({ customer: "ACME", amount: -5000, date: "2025-03-01" })],
    );
    const pos = computePosition(ledger, asOf);
    expect(pos.outstanding[0]).toBe(0);
    expect(pos.unapplied.map((u) => u.amount)).toEqual([2000]);
    expect(analyze(ledger, asOf).customers[0].outstanding).toBe(2000);
  });
});
