/**
 * Random ledgers for the property tests of the document models (fast-check). Not used by the
 * product.
 */
import fc from "fast-check";
import {
  ledgerFrom,
  type CustomerInput,
  type ItemInput,
  type PaymentInput,
} from "../../src/core/ledger";

/** 2023-03-15: dates of random ledgers are days after this. */
export const BASE = 45000;

export const itemArb = fc.record({
  customer: fc.constantFrom("A", "B", "C", "D"),
  currency: fc.constantFrom(null, "CNY", "USD", "JPY"),
  invoice: fc.integer({ min: 0, max: 400 }),
  term: fc.integer({ min: 0, max: 90 }),
  amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -500_000, max: -1 })),
  paid: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  settled: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  disputed: fc.boolean(),
  promise: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
  salesperson: fc.option(fc.constantFrom("Wang", "Li"), { nil: null }),
  contract: fc.option(fc.constantFrom("HT-1", "HT-2"), { nil: null }),
});

export const paymentArb = fc.record({
  target: fc.option(fc.nat(), { nil: null }),
  customer: fc.constantFrom("A", "B", "C", "D"),
  currency: fc.constantFrom(null, "CNY", "USD", "JPY"),
  date: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  amount: fc.integer({ min: -100_000, max: 5_000_000 }),
});

export const customerArb = fc.record({
  code: fc.constantFrom("A", "B", "C", "D"),
  limit: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
  salesperson: fc.option(fc.constantFrom("Wang", "Li", "Zhao"), { nil: null }),
});

type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;
export type ItemGen = Gen<typeof itemArb>;
export type PaymentGen = Gen<typeof paymentArb>;
export type CustomerGen = Gen<typeof customerArb>;

export function buildLedger(
  items: ItemGen[],
  payments: PaymentGen[] = [],
  customers: CustomerGen[] = [],
) {
  const inputs: ItemInput[] = items.map((x, i) => ({
    ref: `I${i}`,
    customer: x.customer,
    currency: x.currency,
    invoiceDate: BASE + x.invoice,
    dueDate: null,
    terms: { days: x.term, monthEnd: false },
    amount: x.amount,
    paid: x.paid,
    settledDate: x.settled === null ? null : BASE + x.invoice + x.settled,
    disputed: x.disputed,
    promiseDate: x.promise === null ? null : BASE + x.promise,
    salesperson: x.salesperson,
    contract: x.contract,
    source: { file: "t", sheet: null, row: i + 2 },
  }));
  const pays: (PaymentInput & { item?: number })[] = payments.map((p, j) => {
    const item = p.target !== null && items.length > 0 ? p.target % items.length : -1;
    return {
      ref: item >= 0 ? `I${item}` : null,
      customer: item >= 0 ? null : p.customer,
      currency: item >= 0 ? items[item].currency : p.currency,
      date: p.date === null ? null : BASE + p.date,
      amount: p.amount,
      source: { file: "p", sheet: null, row: j + 2 },
      item,
    };
  });
  const seen = new Set<string>();
  const custs: CustomerInput[] = [];
  for (const c of customers) {
    if (seen.has(c.code)) continue;
    seen.add(c.code);
    custs.push({ code: c.code, creditLimit: c.limit, salesperson: c.salesperson });
  }
  return ledgerFrom(inputs, pays, custs);
}
