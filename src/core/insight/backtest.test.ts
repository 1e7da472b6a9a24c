import { ledgerFrom, type ItemInput } from "../ledger";
import { backtest } from "./backtest";

/** Customers with their own habits: customer k pays 3k − 6 days after due, ± 2 days. */
function synthetic(): ItemInput[] {
  const items: ItemInput[] = [];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let k = 0; k < 8; k++) {
    for (let m = 0; m < 30; m++) {
      const invoice = 45000 + m * 12 + rand(10);
      const due = invoice + 30;
      items.push({
        ref: `C${k}-${m}`,
        customer: `C${k}`,
        currency: null,
        invoiceDate: invoice,
        dueDate: due,
        amount: 10000 + rand(90000),
        settledDate: Math.max(invoice, due + 3 * k - 6 + rand(5) - 2),
        source: { file: "t", sheet: null, row: items.length + 2 },
      });
    }
  }
  return items;
}

describe("backtest", () => {
  const ledger = ledgerFrom(synthetic());
  const dates = [45150, 45200, 45250, 45300];
  const r = backtest(ledger, dates, {}, () => 0);

  test("each date scores the items open at it against their settlement", () => {
    expect(r.dates.map((x) => x.asOf)).toEqual(dates);
    for (const x of r.dates) {
      expect(x.open).toBeGreaterThan(0);
      expect(x.scored + x.never + x.unsettled).toBe(x.open);
    }
    expect(r.scored).toBe(r.dates.reduce((s, x) => s + x.scored, 0));
  });

  test("customers with habits: the model beats 'pays on the due date' by far", () => {
    expect(r.mae!).toBeLessThan(r.naiveMae! / 2);
    expect(r.weekly).toHaveLength(1);
    expect(r.weekly[0].error!).toBeLessThan(r.weekly[0].naiveError!);
    expect(r.coverage!).toBeGreaterThan(0.6);
  });

  test("with nothing settled before the first date, the model is the naive rule", () => {
    const early = backtest(ledger, [45015], {}, () => 0);
    expect(early.mae).toBe(early.naiveMae);
  });
});
