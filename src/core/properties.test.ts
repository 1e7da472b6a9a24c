/**
 * Properties of the engine over random ledgers (fast-check): the invariants DESIGN §3 states.
 */
import fc from "fast-check";
import { analyze } from "./analyze";
import { ledgerFrom, type ItemInput, type PaymentInput } from "./ledger";
import { makePolicy } from "./policy";
import { computePosition, ItemStatus } from "./position";

const BASE = 45000; // 2023-03-15

const itemArb = fc.record({
  customer: fc.constantFrom("A", "B", "C"),
  currency: fc.constantFrom(null, "CNY", "USD"),
  invoice: fc.integer({ min: 0, max: 400 }),
  term: fc.integer({ min: 0, max: 90 }),
  amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -500_000, max: -1 })),
  paid: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  settled: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  disputed: fc.boolean(),
});

const paymentArb = fc.record({
  target: fc.option(fc.nat(), { nil: null }),
  customer: fc.constantFrom("A", "B", "C"),
  currency: fc.constantFrom(null, "CNY", "USD"),
  date: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  amount: fc.integer({ min: -100_000, max: 5_000_000 }),
});

type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;

function build(items: Gen<typeof itemArb>[], payments: Gen<typeof paymentArb>[]) {
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
  return ledgerFrom(inputs, pays);
}

const policyArb = fc.record({
  thresholds: fc
    .uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 })
    .map((t) => t.sort((a, b) => a - b)),
  basis: fc.constantFrom("due" as const, "invoice" as const),
  graceDays: fc.integer({ min: 0, max: 10 }),
});

const sum = (xs: Iterable<number>) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

describe("engine invariants", () => {
  test("buckets add up to outstanding, for every customer, salesperson and currency", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        fc.array(paymentArb, { maxLength: 20 }),
        fc.integer({ min: 0, max: 600 }),
        policyArb,
        (items, payments, at, p) => {
          const a = analyze(build(items, payments), BASE + at, makePolicy(p));
          for (const g of [...a.customers, ...a.salespeople, ...a.totals]) {
            expect(sum(g.buckets)).toBe(g.outstanding);
            expect(g.buckets).toHaveLength(a.labels.length);
          }
        },
      ),
    );
  });

  test("exposure = the customer's open items + unapplied cash, per currency", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        fc.array(paymentArb, { maxLength: 20 }),
        fc.integer({ min: 0, max: 600 }),
        (items, payments, at) => {
          const ledger = build(items, payments);
          const a = analyze(ledger, BASE + at);
          for (const g of a.customers) {
            let open = 0;
            for (let i = 0; i < ledger.items.length; i++) {
              if (
                ledger.items.customer[i] !== g.customer ||
                ledger.items.currency[i] !== g.currency
              )
                continue;
              if (a.items.status[i] === ItemStatus.open) open += a.items.outstanding[i];
            }
            const cash = sum(
              a.position.unapplied
                .filter((u) => u.customer === g.customer && u.currency === g.currency)
                .map((u) => u.amount),
            );
            expect(g.exposure).toBe(open + cash);
          }
        },
      ),
    );
  });

  test("allocation never applies more than was paid, and nothing paid is lost", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 30 }),
        fc.array(paymentArb, { maxLength: 20 }),
        fc.integer({ min: 0, max: 600 }),
        (items, payments, at) => {
          const ledger = build(items, payments);
          const a = computePosition(ledger, BASE + at);
          const apps = a.applications;
          const p = ledger.payments;
          for (let j = 0; j < p.length; j++) {
            let applied = 0;
            for (let k = 0; k < apps.length; k++)
              if (apps.payment[k] === j) applied += apps.amount[k];
            const cash = sum(a.unapplied.filter((u) => u.payment === j).map((u) => -u.amount));
            const counted = p.date[j] === 0 || p.date[j] <= BASE + at;
            if (!counted) {
              expect(applied).toBe(0);
              expect(cash).toBe(0);
              continue;
            }
            if (p.amount[j] > 0 && p.item[j] < 0) expect(applied).toBeLessThanOrEqual(p.amount[j]);
            // A payment against a credit note is a refund: it settles the credit, whatever its sign.
            const t = p.item[j];
            const refund =
              t >= 0 &&
              a.status[t] !== ItemStatus.future &&
              ledger.items.amount[t] < 0 &&
              (p.date[j] === 0 || p.date[j] >= ledger.items.invoiceDate[t]);
            // (+ 0: a payment of 0 against a credit note is −0 by the formula, 0 by the engine.)
            expect(applied + cash + 0).toBe((refund ? -Math.abs(p.amount[j]) : p.amount[j]) + 0);
          }
          // Outstanding = amount − applications, item by item.
          for (let i = 0; i < ledger.items.length; i++) {
            if (a.status[i] === ItemStatus.future) continue;
            let applied = 0;
            for (let k = 0; k < apps.length; k++) if (apps.item[k] === i) applied += apps.amount[k];
            expect(a.outstanding[i]).toBe(ledger.items.amount[i] - applied);
          }
        },
      ),
    );
  });

  test("an item is open, closed or future, and only open items have a bucket", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 600 }),
        (items, at) => {
          const a = analyze(build(items, []), BASE + at);
          for (let i = 0; i < items.length; i++) {
            const st = a.items.status[i];
            expect(a.items.bucket[i] >= 0).toBe(st === ItemStatus.open);
            if (st === ItemStatus.closed) expect(a.items.outstanding[i]).toBe(0);
            if (a.items.overdue[i]) expect(a.items.outstanding[i]).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  test("levels never go down as the as-of date advances (no new payments)", () => {
    fc.assert(
      fc.property(itemArb, fc.integer({ min: 0, max: 300 }), (item, at) => {
        const ledger = build(
          [{ ...item, amount: Math.abs(item.amount) + 1, paid: null, settled: null }],
          [],
        );
        const a = analyze(ledger, BASE + at);
        const b = analyze(ledger, BASE + at + 1);
        expect(b.items.level[0]).toBeGreaterThanOrEqual(a.items.level[0]);
      }),
    );
  });
});
