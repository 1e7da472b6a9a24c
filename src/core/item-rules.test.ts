import fc from "fast-check";
import { analyze } from "./analyze";
import { isOverdue, itemLevel, lateInterest, preDueStep } from "./item-rules";
import { ledgerFrom, type ItemInput } from "./ledger";
import { makePolicy } from "./policy";
import { ItemStatus } from "./position";

const BASE = 46000;

const itemArb = fc.record({
  invoice: fc.integer({ min: 0, max: 300 }),
  term: fc.integer({ min: 0, max: 120 }),
  amount: fc.oneof(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: -50_000, max: -1 })),
  paid: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
});

describe("the scalar item rules say what analyze does, item by item", () => {
  test("overdue, level, pre-due step and interest of every open item", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 10 }),
        (rows, asOfOffset, graceDays) => {
          const items: ItemInput[] = rows.map((r, k) => ({
            ref: `I${k}`,
            customer: "A",
            currency: null,
            invoiceDate: BASE + r.invoice,
            dueDate: BASE + r.invoice + r.term,
            amount: r.amount,
            paid: r.paid,
            source: { file: null, sheet: null, row: k + 2 },
          }));
          const policy = makePolicy({ graceDays, annualInterestRate: 0.08 });
          const asOf = BASE + asOfOffset;
          const a = analyze(ledgerFrom(items), asOf, policy);
          const r = a.items;
          for (let i = 0; i < items.length; i++) {
            if (r.status[i] !== ItemStatus.open) continue;
            const owed = r.outstanding[i];
            const od = r.daysOverdue[i];
            expect(isOverdue(owed, od, graceDays)).toBe(r.overdue[i] === 1);
            expect(itemLevel(policy, owed, od, asOf - r.actBy[i])).toBe(r.level[i]);
            if (owed > 0 && !isOverdue(owed, od, graceDays)) {
              expect(preDueStep(policy, od)).toBe(r.preDue[i]);
            }
            const interest = isOverdue(owed, od, graceDays) ? lateInterest(owed, 0.08, od) : 0;
            expect(interest).toBe(r.interest[i]);
          }
        },
      ),
    );
  });
});
