import fc from "fast-check";
import { analyze } from "../analyze";
import { ledgerFrom } from "../ledger";
import { makePolicy } from "../policy";
import { cust, d, inv, pay } from "../../../test/support/core-builders";
import { balanceConfirmation, balanceConfirmations } from "./confirmation";
import { DocNumbers } from "./docno";
import {
  activityStatementDoc,
  activityStatements,
  openItemStatementDoc,
  openItemStatements,
} from "./statements";
import {
  BASE,
  buildLedger,
  customerArb,
  itemArb,
  paymentArb,
} from "../../../test/support/test-ledgers";

const asOf = d("2025-06-30"); // a Monday

function item(x: Parameters<typeof inv>[0]) {
  return { ...inv(x), contract: x.contract ?? null };
}

/**
 * A001 in CNY: I1 part-paid, I2 not due, a credit note, I3 overpaid, I5 settled in May, one
 * invoice after the as-of date; in USD only unapplied cash.
 */
function sample() {
  const c = { customer: "A001", currency: "CNY" };
  return ledgerFrom(
    [
      item({
        ...c,
        ref: "I1",
        date: "2025-05-01",
        due: "2025-05-31",
        amount: 100000,
        paid: 30000,
        settled: "2025-06-10",
        contract: "HT-1",
      }),
      item({ ...c, ref: "I2", date: "2025-06-15", due: "2025-07-15", amount: 50000 }),
      item({ ...c, ref: "CN1", date: "2025-06-20", amount: -8000 }),
      item({ ...c, ref: "I3", date: "2025-04-01", amount: 20000 }),
      item({ ...c, ref: "I5", date: "2025-05-10", amount: 10000, settled: "2025-05-20" }),
      item({ ...c, ref: "I6", date: "2025-07-05", amount: 99999 }),
    ],
    [
      pay({ ref: "I3", currency: "CNY", date: "2025-06-01", amount: 25000 }),
      pay({ ref: "R9", customer: "A001", currency: "USD", date: "2025-06-25", amount: 30000 }),
    ],
    [
      cust("A001", {
        name: "甲方贸易有限公司",
        address: "上海市浦东新区",
        contact: "张三",
        salesperson: "Wang",
      }),
    ],
  );
}

const a = analyze(sample(), asOf);
const CNY = a.ledger.currencies.indexOf("CNY");
const USD = a.ledger.currencies.indexOf("USD");

describe("balance confirmation", () => {
  test("receivable, payable and balance (CNY), with the items behind it", () => {
    const c = balanceConfirmation(a, 0, CNY, { locale: "zh-CN" });
    expect(c.items.map((x) => [x.invoice, x.kind, x.outstanding])).toEqual([
      ["I3", "credit", -5000],
      ["I1", "invoice", 70000],
      ["CN1", "credit", -8000],
      ["I2", "invoice", 50000],
    ]);
    expect(c.receivable).toBe(120000);
    expect(c.payable).toBe(13000);
    expect(c.balance).toBe(107000);
    expect(c.balanceInWords).toBe("人民币壹仟零柒拾元整");
    expect(c.receivableInWords).toBe("人民币壹仟贰佰元整");
    expect(c.unapplied).toBe(0);
    expect(c.customer).toMatchObject({
      name: "甲方贸易有限公司",
      contact: "张三",
      salesperson: "Wang",
    });
    expect(c.currency).toBe("CNY");
    expect(c.digits).toBe(2);
    expect(c.docNo).toBe("XZ-20250630-A001");
    expect(c.replyDays).toBe(10);
    expect(c.replyBy).toBe(d("2025-07-14"));
    expect(c.items[1]).toMatchObject({
      contract: "HT-1",
      date: d("2025-05-01"),
      dueDate: d("2025-05-31"),
      amount: 100000,
    });
  });

  test("unapplied cash is payable (USD)", () => {
    const c = balanceConfirmation(a, 0, USD);
    expect(c.items).toEqual([
      {
        item: -1,
        payment: 1,
        kind: "unapplied",
        invoice: "R9",
        contract: null,
        date: d("2025-06-25"),
        dueDate: null,
        amount: -30000,
        outstanding: -30000,
      },
    ]);
    expect([c.receivable, c.payable, c.balance, c.unapplied]).toEqual([0, 30000, -30000, -30000]);
    expect(c.balanceInWords).toBe("Minus three hundred and 00/100 US dollars");
  });

  test("batch: one per customer and currency, numbered apart; zero balances on request", () => {
    const numbers = new DocNumbers();
    const cs = balanceConfirmations(a, { numbers, issueDate: d("2025-07-04"), replyDays: 5 });
    expect(cs.map((c) => [c.currency, c.docNo, c.replyBy])).toEqual([
      ["CNY", "XZ-20250704-A001", d("2025-07-11")],
      ["USD", "XZ-20250704-A001-2", d("2025-07-11")],
    ]);
    const b = analyze(ledgerFrom([inv({ customer: "Z", date: "2025-01-01", paid: 10000 })]), asOf);
    expect(balanceConfirmations(b)).toEqual([]);
    expect(balanceConfirmations(b, { includeZero: true }).map((c) => c.balance)).toEqual([0]);
  });
});

test("a prepayment for an invoice not yet issued is payable, not a payment of older invoices", () => {
  const ledger = ledgerFrom(
    [
      inv({ ref: "OLD", customer: "P", date: "2025-01-01", amount: 10000 }),
      inv({ ref: "NEW", customer: "P", date: "2025-03-01", amount: 10000 }),
    ],
    [pay({ ref: "NEW", date: "2025-02-01", amount: 10000 })],
  );
  const feb = balanceConfirmation(analyze(ledger, d("2025-02-15")), 0, 0);
  expect(feb.items.map((x) => [x.kind, x.invoice, x.outstanding])).toEqual([
    ["invoice", "OLD", 10000],
    ["unapplied", "NEW", -10000],
  ]);
  expect([feb.receivable, feb.payable, feb.balance]).toEqual([10000, 10000, 0]);
  const mar = balanceConfirmation(analyze(ledger, d("2025-03-15")), 0, 0);
  expect(mar.items.map((x) => [x.invoice, x.outstanding])).toEqual([["OLD", 10000]]);
});

describe("open-item statement", () => {
  test("items with paid and cumulative, aging footer, overdue part, dates", () => {
    const s = openItemStatementDoc(a, 0, CNY, { locale: "zh-CN", payDays: 10 });
    expect(
      s.items.map((x) => [x.invoice, x.type, x.paid, x.outstanding, x.daysOverdue, x.cumulative]),
    ).toEqual([
      ["I3", "退货/折让", 25000, -5000, 90, -5000],
      ["I1", "销售发票", 30000, 70000, 30, 65000],
      ["CN1", "退货/折让", 0, -8000, 10, 57000],
      ["I2", "销售发票", 0, 50000, -15, 107000],
    ]);
    expect(s.balance).toBe(107000);
    expect(s.overdue).toBe(70000);
    expect(s.buckets).toEqual([
      { key: "current", label: "未到期", amount: 50000 },
      { key: "1-30", label: "1–30天", amount: 62000 },
      { key: "31-60", label: "31–60天", amount: 0 },
      { key: "61-90", label: "61–90天", amount: -5000 },
      { key: "91+", label: "90天以上", amount: 0 },
    ]);
    expect(s.payBy).toBe(d("2025-07-10"));
    expect(s.replyBy).toBe(d("2025-07-10"));
    expect(s.docNo).toBe("DZ-20250630-A001");
  });

  test("unapplied cash is a line, so the cumulative column ends at the balance", () => {
    const s = openItemStatementDoc(a, 0, USD);
    expect(s.items.map((x) => [x.kind, x.type, x.invoice, x.cumulative])).toEqual([
      ["unapplied", "Unapplied payment", "R9", -30000],
    ]);
    expect(s.balance).toBe(-30000);
    expect(s.buckets[0].label).toBe("Current");
    expect(openItemStatements(a).map((x) => x.currency)).toEqual(["CNY", "USD"]);
  });
});

describe("balance-forward statement", () => {
  test("opening, lines with debit, credit and running balance, summary box (June)", () => {
    const s = activityStatementDoc(a, 0, CNY, d("2025-06-01"), { locale: "zh-CN" });
    // Before June: I1 1000 + I3 200 + I5 100 − I5 paid 100
    expect(s.openingBalance).toBe(120000);
    expect(
      s.lines.map((l) => [l.date, l.type, l.docNo, l.summary, l.debit, l.credit, l.balance]),
    ).toEqual([
      [d("2025-06-01"), "上期结转", null, "", 0, 0, 120000],
      [d("2025-06-01"), "收款", "I3", "核销 I3", 0, 25000, 95000],
      [d("2025-06-10"), "收款", "I1", "核销 I1", 0, 30000, 65000],
      [d("2025-06-15"), "销售发票", "I2", "", 50000, 0, 115000],
      [d("2025-06-20"), "退货/折让", "CN1", "", 0, 8000, 107000],
    ]);
    expect(s.totals).toEqual({
      invoiced: 50000,
      received: 55000,
      creditNotes: 8000,
      debit: 50000,
      credit: 63000,
    });
    expect(s.closingBalance).toBe(107000);
    expect(s.balanceInWords).toBe("人民币壹仟零柒拾元整");
    expect(s.overdue).toBe(70000);
    expect(s.period).toEqual({ from: d("2025-06-01"), to: asOf });
    expect(s.buckets.reduce((t, b) => t + b.amount, 0)).toBe(107000);
  });

  test("from the start: the opening is zero and the invoice of I1 carries its contract", () => {
    const s = activityStatementDoc(a, 0, CNY, d("2025-01-01"));
    expect(s.openingBalance).toBe(0);
    expect(s.lines.find((l) => l.docNo === "I1" && l.kind === "invoice")!.summary).toBe(
      "contract HT-1",
    );
    expect(s.closingBalance).toBe(107000);
  });

  test("batch: customers with something to show", () => {
    const s = activityStatements(a, d("2025-06-01"));
    expect(s.map((x) => [x.currency, x.closingBalance, x.lines.length])).toEqual([
      ["CNY", 107000, 5],
      ["USD", -30000, 2],
    ]);
    const quiet = analyze(
      ledgerFrom([inv({ customer: "Q", date: "2025-01-01", amount: 100, settled: "2025-01-10" })]),
      asOf,
    );
    expect(activityStatements(quiet, d("2025-06-01"))).toEqual([]);
    expect(activityStatements(quiet, d("2025-01-01")).map((x) => x.lines.length)).toEqual([3]);
  });
});

describe("statement and confirmation properties", () => {
  const args = [
    fc.array(itemArb, { maxLength: 40 }),
    fc.array(paymentArb, { maxLength: 20 }),
    fc.array(customerArb, { maxLength: 4 }),
    fc.integer({ min: 0, max: 700 }),
    fc.integer({ min: 0, max: 700 }),
  ] as const;

  test("closing = opening + invoices − payments − credits = the exposure at the period end", () => {
    fc.assert(
      fc.property(...args, (items, payments, customers, x, y) => {
        const ledger = buildLedger(items, payments, customers);
        const [from, to] = [BASE + Math.min(x, y), BASE + Math.max(x, y)];
        const an = analyze(ledger, to, makePolicy({}));
        const docs = activityStatements(an, from, { includeEmpty: true });
        expect(docs).toHaveLength(an.customers.length);
        for (const s of docs) {
          const t = s.totals;
          expect(s.closingBalance).toBe(s.openingBalance + t.invoiced - t.received - t.creditNotes);
          expect(s.closingBalance).toBe(s.openingBalance + t.debit - t.credit);
          expect(s.lines[s.lines.length - 1].balance).toBe(s.closingBalance);
          const g = an.customers.find(
            (c) => c.customer === s.customer.index && c.currency === s.currencyIndex,
          )!;
          expect(s.closingBalance).toBe(g.exposure);
          // The batch shares one position; a statement on its own computes it: same lines.
          const alone = activityStatementDoc(an, s.customer.index, s.currencyIndex, from);
          expect(alone.lines).toEqual(s.lines);
          for (let k = 1; k < s.lines.length; k++) {
            const l = s.lines[k];
            expect(l.balance).toBe(s.lines[k - 1].balance + l.debit - l.credit);
            expect(l.date === null || (l.date >= from && l.date <= to)).toBe(true);
          }
        }
      }),
    );
  });

  test("the opening balance is the exposure the day before the period (dated payments)", () => {
    fc.assert(
      fc.property(...args, (items, payments, customers, x, y) => {
        // An undated payment has no date to fall before or after the period start: at an
        // earlier as-of date, one naming an invoice not yet issued is a prepayment (unapplied
        // cash), while the statement puts it on its invoice's date. Left out here.
        const dated = payments.filter((p) => p.date !== null);
        const ledger = buildLedger(items, dated, customers);
        const [from, to] = [BASE + Math.min(x, y), BASE + Math.max(x, y)];
        const an = analyze(ledger, to);
        const before = analyze(ledger, from - 1);
        for (const s of activityStatements(an, from, { includeEmpty: true })) {
          const g = before.customers.find(
            (c) => c.customer === s.customer.index && c.currency === s.currencyIndex,
          );
          expect(s.openingBalance).toBe(g?.exposure ?? 0);
        }
      }),
    );
  });

  test("a confirmation's balance equals the customer's exposure; open items add up", () => {
    fc.assert(
      fc.property(...args, (items, payments, customers, x, _y) => {
        const an = analyze(buildLedger(items, payments, customers), BASE + x);
        const cs = balanceConfirmations(an, { includeZero: true });
        expect(cs).toHaveLength(an.customers.length);
        for (const c of cs) {
          const g = an.customers.find(
            (k) => k.customer === c.customer.index && k.currency === c.currencyIndex,
          )!;
          expect(c.balance).toBe(g.exposure);
          expect(c.receivable - c.payable).toBe(c.balance);
          expect(c.receivable).toBeGreaterThanOrEqual(0);
          expect(c.payable).toBeGreaterThanOrEqual(0);
          expect(c.items.reduce((s, i) => s + i.outstanding, 0)).toBe(c.balance);
          expect(c.unapplied).toBe(g.unapplied);
          const o = openItemStatementDoc(an, c.customer.index, c.currencyIndex);
          expect(o.balance).toBe(c.balance);
          expect(o.items.length ? o.items[o.items.length - 1].cumulative : 0).toBe(o.balance);
          expect(o.buckets.reduce((s, b) => s + b.amount, 0)).toBe(o.balance);
        }
      }),
    );
  });
});
