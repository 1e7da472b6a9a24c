import { Hold } from "../analyze";
import { collectionPlan, dunningLetters } from "../documents";
import { ledgerFrom } from "../ledger";
import { DEFAULT_POLICY } from "../policy";
import { cust, d, inv, pay } from "../../../test/support/core-builders";
import { analyzeWithLog, type LogEntry } from "./log";

// One customer, two invoices due 2026-03-01 (Net 30), nothing paid unless a test says so.
const items = [
  inv({ ref: "A1", customer: "C1", date: "2026-01-30", due: "2026-03-01", amount: 1_000_00 }),
  inv({ ref: "A2", customer: "C1", date: "2026-01-30", due: "2026-03-01", amount: 500_00 }),
];
const customers = [cust("C1", { creditLimit: 10_000_00 })];

function entry(more: Partial<LogEntry>): LogEntry {
  return {
    date: d("2026-04-01"),
    customer: 0,
    items: [0],
    action: "phone",
    owner: "张伟",
    result: null,
    promiseDate: null,
    promiseAmount: null,
    next: null,
    source: { file: "log.xlsx", sheet: "催收记录", row: 2 },
    ...more,
  };
}

const promise = entry({ result: "promise", promiseDate: d("2026-04-15"), promiseAmount: 1_000_00 });

describe("promises", () => {
  test("live until the promised date: the item is held, its ladder level kept", () => {
    const ledger = ledgerFrom(items, [], customers);
    const { analysis: a, effects } = analyzeWithLog(ledger, d("2026-04-10"), DEFAULT_POLICY, [
      promise,
    ]);
    expect(effects.promises.map((p) => p.state)).toEqual(["live"]);
    expect(a.items.hold[0]).toBe(Hold.promise);
    expect(a.items.hold[1]).toBe(Hold.none);
    const plain = analyzeWithLog(ledger, d("2026-04-10"), DEFAULT_POLICY, []).analysis;
    expect(a.items.level[0]).toBe(plain.items.level[0]);
    const row = collectionPlan(a, { done: effects.done }).find((r) => r.item === 0)!;
    expect(row.action).toBe("holdPromise");
    expect(row.actionDate).toBe(d("2026-04-15"));
    // The letter leaves the held item out and lists it apart.
    const [letter] = dunningLetters(a, { done: effects.done });
    expect(letter.items.map((x) => x.invoice)).toEqual(["A2"]);
    expect(letter.heldItems.map((x) => x.invoice)).toEqual(["A1"]);
  });

  test("broken when the date passes unpaid: flagged and one level up", () => {
    const ledger = ledgerFrom(items, [], customers);
    const asOf = d("2026-04-20");
    const { analysis: a, effects } = analyzeWithLog(ledger, asOf, DEFAULT_POLICY, [promise]);
    const plain = analyzeWithLog(ledger, asOf, DEFAULT_POLICY, []).analysis;
    expect(effects.promises[0]).toMatchObject({ state: "broken", paid: 0, target: 1_000_00 });
    expect(a.items.hold[0]).toBe(Hold.none);
    expect(a.items.level[0]).toBe(Math.min(5, plain.items.level[0] + 1));
    expect(a.items.level[1]).toBe(plain.items.level[1]);
    const row = collectionPlan(a, { done: effects.done }).find((r) => r.item === 0)!;
    expect(row.brokenPromise).toBe(true);
    expect(row.level).toBe(a.items.level[0]);
    expect(row.promiseDate).toBe(d("2026-04-15"));
  });

  test("kept by amount: paid in full by the date, neither held nor flagged", () => {
    const ledger = ledgerFrom(
      items,
      [pay({ ref: "A1", date: "2026-04-12", amount: 1_000_00 })],
      customers,
    );
    const { analysis: a, effects } = analyzeWithLog(ledger, d("2026-04-20"), DEFAULT_POLICY, [
      promise,
    ]);
    expect(effects.promises[0].state).toBe("kept");
    expect(a.items.hold[0]).toBe(Hold.none);
  });

  test("partly paid, or paid after the date: broken", () => {
    const part = ledgerFrom(
      items,
      [pay({ ref: "A1", date: "2026-04-12", amount: 600_00 })],
      customers,
    );
    const r1 = analyzeWithLog(part, d("2026-04-20"), DEFAULT_POLICY, [promise]).effects;
    expect(r1.promises[0]).toMatchObject({ state: "broken", paid: 600_00 });
    const late = ledgerFrom(
      items,
      [pay({ ref: "A1", date: "2026-04-18", amount: 1_000_00 })],
      customers,
    );
    const r2 = analyzeWithLog(late, d("2026-04-20"), DEFAULT_POLICY, [promise]).effects;
    // Paid in full, but after the promised date: the promise was broken (the item is closed now).
    expect(r2.promises[0]).toMatchObject({ state: "broken", paid: 0 });
  });

  test("no amount: what the items owed at the entry; a later promise supersedes", () => {
    const ledger = ledgerFrom(
      items,
      [pay({ ref: "A1", date: "2026-04-12", amount: 1_000_00 })],
      customers,
    );
    const whole = entry({ result: "promise", promiseDate: d("2026-04-15"), promiseAmount: null });
    const r = analyzeWithLog(ledger, d("2026-04-20"), DEFAULT_POLICY, [whole]).effects;
    expect(r.promises[0]).toMatchObject({ state: "kept", target: 1_000_00 });
    const later = entry({
      date: d("2026-04-16"),
      result: "promise",
      promiseDate: d("2026-05-10"),
      source: { file: null, sheet: null, row: 3 },
    });
    const broken = analyzeWithLog(
      ledgerFrom(items, [], customers),
      d("2026-04-20"),
      DEFAULT_POLICY,
      [promise, later],
    );
    expect(broken.effects.promises.map((p) => p.state)).toEqual(["live"]);
    expect(broken.analysis.items.hold[0]).toBe(Hold.promise);
  });

  test("entries after the as-of date are ignored", () => {
    const ledger = ledgerFrom(items, [], customers);
    const { effects } = analyzeWithLog(ledger, d("2026-03-20"), DEFAULT_POLICY, [promise]);
    expect(effects.entries).toEqual([]);
    expect(effects.done).toEqual([]);
  });
});

describe("disputes, done actions and interruptions", () => {
  test("a dispute holds the items until a later acknowledgement", () => {
    const ledger = ledgerFrom(items, [], customers);
    const dispute = entry({ result: "dispute", items: [] });
    const r = analyzeWithLog(ledger, d("2026-04-20"), DEFAULT_POLICY, [dispute]);
    expect([...r.effects.disputed].sort()).toEqual([0, 1]);
    expect(r.analysis.items.hold[0]).toBe(Hold.disputed);
    expect(dunningLetters(r.analysis)).toEqual([]);
    const ack = entry({
      date: d("2026-04-10"),
      result: "acknowledged",
      action: "visit",
      items: [1],
    });
    const r2 = analyzeWithLog(ledger, d("2026-04-20"), DEFAULT_POLICY, [dispute, ack]);
    expect([...r2.effects.disputed]).toEqual([0]);
  });

  test("done actions at their ladder level; pre-due contacts at level 0", () => {
    const ledger = ledgerFrom(items, [], customers);
    const log = [
      entry({ date: d("2026-02-25"), action: "reminder", items: [0] }),
      entry({ date: d("2026-04-01"), action: "letter", items: [0, 1] }),
    ];
    const { effects } = analyzeWithLog(ledger, d("2026-04-20"), DEFAULT_POLICY, log);
    expect(effects.done).toEqual([
      { item: 0, level: 0, date: d("2026-02-25") },
      { item: 0, level: 3, date: d("2026-04-01") },
      { item: 1, level: 3, date: d("2026-04-01") },
    ]);
  });

  test("letters, suits and the debtor's agreement interrupt the limitation period; calls do not", () => {
    const ledger = ledgerFrom(items, [], customers);
    const log = [
      entry({ date: d("2026-03-10"), action: "phone" }),
      entry({ date: d("2026-03-20"), action: "lawyerLetter" }),
      entry({ date: d("2026-04-02"), action: "phone", result: "acknowledged", items: [1] }),
    ];
    const { effects } = analyzeWithLog(ledger, d("2026-04-20"), DEFAULT_POLICY, log);
    expect(effects.interruptions.map((x) => [x.item, x.reason])).toEqual([
      [0, "demand"],
      [1, "acknowledgement"],
    ]);
    expect(effects.lastInterruption.get(0)).toBe(d("2026-03-20"));
    expect(effects.lastInterruption.get(1)).toBe(d("2026-04-02"));
  });
});
