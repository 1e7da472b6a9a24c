import fc from "fast-check";
import { analyze, Hold, PreDue } from "../analyze";
import { ledgerFrom } from "../ledger";
import { DEFAULT_POLICY, makePolicy } from "../policy";
import { ItemStatus } from "../position";
import { cust, d, inv } from "../../../test/support/core-builders";
import type { DoneAction } from "./common";
import { actionLabel, actionOfLevel, ACTION_CODES } from "./messages";
import { collectionPlan, itemSchedule } from "./plan";
import { BASE, buildLedger, itemArb, paymentArb } from "../../../test/support/test-ledgers";

const asOf = d("2025-06-30");
const net30 = { days: 30, monthEnd: false };

describe("itemSchedule", () => {
  test("pre-due reminder, confirmation, due-day call, then the ladder (net 30)", () => {
    // due 07-01, act-by 07-11
    const steps = itemSchedule(DEFAULT_POLICY, d("2025-07-01"), d("2025-07-11"));
    expect(steps.map((s) => [s.action, s.level, s.date])).toEqual([
      ["preDueReminder", 0, d("2025-06-24")],
      ["confirmDate", 0, d("2025-06-28")],
      ["dueDayCall", 0, d("2025-07-01")],
      ["reminder", 1, d("2025-07-02")],
      ["phone", 2, d("2025-07-09")],
      ["writtenNotice", 3, d("2025-07-12")],
      ["visit", 4, d("2025-08-01")],
      ["legal", 5, d("2025-08-31")],
    ]);
  });

  test("cash terms (act-by = due): the written notice on day 1 supersedes reminder and phone", () => {
    const due = d("2025-07-01");
    expect(itemSchedule(DEFAULT_POLICY, due, due).map((s) => [s.action, s.date - due])).toEqual([
      ["preDueReminder", -7],
      ["confirmDate", -3],
      ["dueDayCall", 0],
      ["writtenNotice", 1],
      ["visit", 21],
      ["legal", 51],
    ]);
  });

  test("grace days hold the ladder back; a reminder inside the confirmation window is dropped", () => {
    const policy = makePolicy({ graceDays: 5, reminderDaysBefore: 2, confirmDaysBefore: 3 });
    const due = d("2025-07-01");
    expect(itemSchedule(policy, due, due + 10).map((s) => [s.action, s.date - due])).toEqual([
      ["confirmDate", -3],
      ["dueDayCall", 0],
      ["reminder", 6],
      ["phone", 8],
      ["writtenNotice", 11],
      ["visit", 31],
      ["legal", 61],
    ]);
  });

  test("property: dates and levels strictly increase", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 60 }),
        (reminder, confirm, grace, third) => {
          const policy = makePolicy({
            reminderDaysBefore: reminder,
            confirmDaysBefore: confirm,
            graceDays: grace,
          });
          const steps = itemSchedule(policy, 46000, 46000 + third);
          for (let k = 1; k < steps.length; k++) {
            expect(steps[k].date).toBeGreaterThan(steps[k - 1].date);
            expect(ACTION_CODES.indexOf(steps[k].action)).toBeGreaterThan(
              ACTION_CODES.indexOf(steps[k - 1].action),
            );
          }
          expect(steps[steps.length - 1].action).toBe("legal");
        },
      ),
    );
  });
});

function sample() {
  return ledgerFrom(
    [
      // 0: due 07-01: the confirmation (06-28) has come
      inv({ ref: "X", customer: "B2", date: "2025-06-01", terms: net30, salesperson: "Li" }),
      // 1: due 07-20: the pre-due reminder on 07-13, still to come
      inv({ ref: "Z", customer: "A1", date: "2025-06-20", due: "2025-07-20" }),
      // 2: due 05-01, act-by 05-11: at the visit (06-01); legal on 07-01
      inv({ ref: "W", customer: "A1", date: "2025-04-01", terms: net30 }),
      // 3: disputed
      inv({ ref: "D", customer: "A1", date: "2025-04-01", terms: net30, disputed: true }),
      // 4: promised for 07-05
      inv({ ref: "P", customer: "A1", date: "2025-04-01", terms: net30, promise: "2025-07-05" }),
      // 5: a credit note
      inv({ ref: "CN", customer: "A1", date: "2025-06-10", amount: -3000 }),
      // 6: promise broken: due 06-01, promised 06-15, unpaid; 29 days overdue, act-by 06-11
      inv({ ref: "BP", customer: "B2", date: "2025-05-02", terms: net30, promise: "2025-06-15" }),
      // 7: paid, 8: invoiced after the as-of date: not in the plan
      inv({ ref: "PAID", customer: "A1", date: "2025-06-01", paid: 10000 }),
      inv({ ref: "LATER", customer: "A1", date: "2025-07-02" }),
    ],
    [],
    [cust("A1", { name: "Alpha Co", salesperson: "Wang" }), cust("B2", { salesperson: "Zhou" })],
  );
}

describe("collectionPlan", () => {
  const a = analyze(sample(), asOf);

  test("every open item once, by action date then customer", () => {
    const plan = collectionPlan(a);
    expect(
      plan.map((p) => [p.invoice, p.action, p.actionDate, p.scheduledDate, p.overdueAction]),
    ).toEqual([
      // A1's items of the day by due date: W and D due 05-01, the credit note 06-10
      ["W", "visit", asOf, d("2025-06-01"), true],
      ["D", "holdDisputed", asOf, asOf, false],
      ["CN", "applyCredit", asOf, asOf, false],
      // BP: due 06-01, act-by 06-11; visit at 07-02 not reached, notice since 06-12
      ["BP", "writtenNotice", asOf, d("2025-06-12"), true],
      ["X", "confirmDate", asOf, d("2025-06-28"), true],
      ["P", "holdPromise", d("2025-07-05"), d("2025-07-05"), false],
      ["Z", "preDueReminder", d("2025-07-13"), d("2025-07-13"), false],
    ]);
  });

  test("owner, customer, dates and flags of a row", () => {
    const plan = collectionPlan(a);
    const row = (ref: string) => plan.find((p) => p.invoice === ref)!;
    expect(row("X")).toMatchObject({
      customerCode: "B2",
      customerName: "B2",
      owner: "Li",
      dueDate: d("2025-07-01"),
      actBy: d("2025-07-11"),
      pastActBy: false,
      outstanding: 10000,
      daysOverdue: -1,
      level: 0,
      actionLevel: 0,
      actionLabel: "Confirm payment date",
      brokenPromise: false,
      digits: 2,
    });
    expect(row("W")).toMatchObject({
      customerName: "Alpha Co",
      owner: "Wang",
      pastActBy: true,
      daysOverdue: 60,
      level: 4,
      actionLevel: 4,
    });
    expect(row("BP")).toMatchObject({
      owner: "Zhou",
      brokenPromise: true,
      promiseDate: d("2025-06-15"),
    });
    expect(row("P")).toMatchObject({ brokenPromise: false, promiseDate: d("2025-07-05") });
  });

  test("labels in zh-CN", () => {
    const plan = collectionPlan(a, { locale: "zh-CN" });
    expect(plan.find((p) => p.invoice === "W")!.actionLabel).toBe("上门催收");
    expect(actionLabel("writtenNotice", "zh-CN")).toBe("发送催款函");
  });

  test("the collection log moves the next action on", () => {
    const W = 2;
    const X = 0;
    const at = (done: DoneAction[]) =>
      collectionPlan(a, { done }).filter((p) => p.item === W || p.item === X);
    // The visit was made on 06-05: next the legal step on 07-01, not yet due.
    let rows = at([{ item: W, level: 4, date: d("2025-06-05") }]);
    expect(rows.find((p) => p.item === W)).toMatchObject({
      action: "legal",
      actionDate: d("2025-07-01"),
      overdueAction: false,
      lastDoneDate: d("2025-06-05"),
      lastDoneLevel: 4,
    });
    // Only the reminder was made: the visit is still due now (superseded steps are not redone).
    rows = at([{ item: W, level: 1, date: d("2025-05-02") }]);
    expect(rows.find((p) => p.item === W)).toMatchObject({ action: "visit", overdueAction: true });
    // Legal action taken: nothing further to schedule.
    rows = at([{ item: W, level: 5, date: d("2025-06-20") }]);
    expect(rows.find((p) => p.item === W)).toMatchObject({
      action: "none",
      actionDate: null,
      overdueAction: false,
    });
    // X: the pre-due reminder and the confirmation done on 06-29: the due-day call on 07-01.
    rows = at([{ item: X, level: 0, date: d("2025-06-29") }]);
    expect(rows.find((p) => p.item === X)).toMatchObject({
      action: "dueDayCall",
      actionDate: d("2025-07-01"),
      overdueAction: false,
    });
    // A log entry after the as-of date does not count.
    rows = at([{ item: X, level: 0, date: d("2025-07-02") }]);
    expect(rows.find((p) => p.item === X)).toMatchObject({
      action: "confirmDate",
      lastDoneDate: null,
    });
  });

  test("a row with no action sorts last", () => {
    const plan = collectionPlan(a, { done: [{ item: 2, level: 5, date: d("2025-06-20") }] });
    expect(plan[plan.length - 1].action).toBe("none");
  });
});

describe("collectionPlan properties", () => {
  test("every open item once; the action is the analysis' level or pre-due step; dates from as-of on", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        fc.array(paymentArb, { maxLength: 10 }),
        fc.integer({ min: 0, max: 700 }),
        fc.record({
          graceDays: fc.integer({ min: 0, max: 6 }),
          reminderDaysBefore: fc.integer({ min: 0, max: 10 }),
          confirmDaysBefore: fc.integer({ min: 0, max: 10 }),
        }),
        (items, payments, at, p) => {
          const ledger = buildLedger(items, payments);
          const an = analyze(ledger, BASE + at, makePolicy(p));
          const plan = collectionPlan(an);
          const r = an.items;
          const open = [];
          for (let i = 0; i < ledger.items.length; i++)
            if (r.status[i] === ItemStatus.open) open.push(i);
          expect(plan.map((x) => x.item).sort((x, y) => x - y)).toEqual(open);
          let prev = -Infinity;
          for (const row of plan) {
            const i = row.item;
            const date = row.actionDate ?? Infinity;
            expect(date).toBeGreaterThanOrEqual(prev);
            prev = date;
            if (row.actionDate !== null) expect(row.actionDate).toBeGreaterThanOrEqual(an.asOf);
            expect(row.overdueAction).toBe(
              row.scheduledDate !== null && row.scheduledDate < an.asOf,
            );
            if (r.outstanding[i] < 0) expect(row.action).toBe("applyCredit");
            else if (r.hold[i] === Hold.disputed) expect(row.action).toBe("holdDisputed");
            else if (r.hold[i] === Hold.promise) expect(row.action).toBe("holdPromise");
            else if (r.overdue[i]) {
              expect(row.actionLevel).toBe(r.level[i]);
              expect(row.action).toBe(actionOfLevel(r.level[i]));
            } else {
              const expected = {
                [PreDue.none]: "preDueReminder",
                [PreDue.reminder]: "preDueReminder",
                [PreDue.confirm]: "confirmDate",
                [PreDue.dueDay]: "dueDayCall",
              }[r.preDue[i]];
              // Far from due: the first pre-due step to come (the confirmation when the
              // reminder falls inside its window; the due-day call when a policy sets both
              // windows to 0 days, so that all three fall on the due date).
              if (r.preDue[i] === PreDue.none) {
                const sameDay = p.reminderDaysBefore === 0 && p.confirmDaysBefore === 0;
                expect(sameDay ? ["dueDayCall"] : ["preDueReminder", "confirmDate"]).toContain(
                  row.action,
                );
                expect(row.overdueAction).toBe(false);
              } else expect(row.action).toBe(expected);
            }
          }
        },
      ),
    );
  });

  test("with a collection log, the next action is never one already done", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 700 }),
        fc.array(
          fc.record({
            item: fc.nat(),
            level: fc.integer({ min: 0, max: 5 }),
            date: fc.integer({ min: 0, max: 700 }),
          }),
          { maxLength: 30 },
        ),
        (items, at, log) => {
          const ledger = buildLedger(items);
          const an = analyze(ledger, BASE + at);
          const done = log.map((x) => ({
            item: x.item % items.length,
            level: x.level,
            date: BASE + x.date,
          }));
          for (const row of collectionPlan(an, { done })) {
            if (
              ![
                "preDueReminder",
                "confirmDate",
                "dueDayCall",
                "reminder",
                "phone",
                "writtenNotice",
                "visit",
                "legal",
              ].includes(row.action)
            )
              continue;
            for (const x of done) {
              if (x.item !== row.item || x.date > an.asOf) continue;
              expect(x.level).toBeLessThanOrEqual(row.actionLevel);
              if (x.level === row.actionLevel && row.actionLevel > 0) throw new Error("redone");
              if (x.level === 0 && row.actionLevel === 0)
                expect(row.scheduledDate!).toBeGreaterThan(x.date);
            }
          }
        },
      ),
    );
  });
});
