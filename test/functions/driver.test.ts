/**
 * The driver (src/functions/driver.ts) over the declaration table: a refused call gives one
 * error cell with the bilingual message of its argument, bounds narrower than a kind's are
 * enforced, nothing of one call's reading reaches the next, and AR.EXPECTEDPAY words its no-history
 * rule by the core's basis reason.
 */
import { d } from "../support/core-builders";
import * as f from "../../src/functions/impl";
import { setLocale } from "../../src/functions/impl";
import { run } from "../../src/functions/driver";
import { basisReason, learnModel, newPrediction, predict } from "../../src/core/insight/model";

const AS_OF = d("2026-06-30");
const asOf = [[AS_OF]];
const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const NA = { code: "#N/A", message: "", type: "Error", basicValue: "#N/A" };

afterEach(() => setLocale("en-US"));

test("run(id, args) is the function: impl's exports are the driver on the table", () => {
  const due = col(AS_OF - 45, AS_OF + 2, "");
  expect(run("AGING", [due, asOf])).toEqual(f.aging(due, asOf));
  expect(run("AGING", [due, asOf])).toEqual([["31-60"], ["current"], [""]]);
});

test("a bound narrower than the kind's: DSO's days must be at least 1, in both languages", () => {
  expect(f.dso([[10]], [[20]], [[0]])).toEqual([
    [{ code: "#VALUE!", message: "days: 0 is not a whole number of days (1 or more)" }],
  ]);
  setLocale("zh-CN");
  expect(f.dso([[10]], [[20]], [["0"]])).toEqual([
    [{ code: "#VALUE!", message: "天数：0 不是天数（正整数）" }],
  ]);
});

test("parallel ranges that do not match refuse the call with #N/A naming both", () => {
  const [[e]] = f.outstandingOf([["A"]], col("A", "B"), col(1, 2, 3));
  expect(e).toEqual({
    code: "#N/A",
    message:
      "balances has 3 rows × 1 column but customers has 2 rows × 1 column: they must match row for row",
  });
});

test("an error cell as a grade is reported as that error, whatever the call before failed on", () => {
  const customers = col("A");
  const balances = col(100);
  const grade = () =>
    f.checkOrder([["A"]], [[50]], [[1000]], customers, balances, undefined, undefined, [[NA]]);
  const fresh = grade();
  // A call that fails on a date leaves nothing behind for the next one.
  expect(f.daysOverdue([["soon"]], asOf)[0][0]).toMatchObject({ code: "#VALUE!" });
  expect(grade()).toEqual(fresh);
  expect(fresh).toEqual([[{ code: "#N/A", message: "grade: the cell holds the error #N/A" }]]);
});

describe("AR.EXPECTEDPAY without history: the rule by the core's basis reason", () => {
  const detail = (due: number) =>
    f.expectedPay([[due]], [["A"]], col("A"), col(AS_OF - 10), col(""), asOf, [[true]])[0];

  test("not yet due: its due date, a rule", () => {
    expect(detail(AS_OF + 5)).toEqual([
      AS_OF + 5,
      AS_OF + 5,
      AS_OF + 5,
      "no settled items yet: the due date (a rule)",
    ]);
  });

  test("due today or overdue: the stated assumption, within 30 days", () => {
    for (const due of [AS_OF, AS_OF - 40]) {
      expect(detail(due)).toEqual([
        AS_OF + 30,
        AS_OF + 1,
        AS_OF + 91,
        "no settled items yet: assumed within 30 days (a rule)",
      ]);
    }
    setLocale("zh-CN");
    expect(detail(AS_OF - 40)[3]).toBe("尚无已结清款项：假定 30 天内（规则假定）");
  });

  test("the core's reason: noHistory split by whether the date is the assumption", () => {
    const empty = {
      length: 0,
      customer: new Int32Array(0),
      salesperson: new Int32Array(0),
      delay: new Int32Array(0),
      disputed: new Uint8Array(0),
    };
    const model = learnModel(empty, 0, 0);
    const p = newPrediction();
    expect(basisReason(predict(model, -1, -1, AS_OF + 5, AS_OF, false, p))).toBe("noHistory");
    expect(basisReason(predict(model, -1, -1, AS_OF - 5, AS_OF, false, p))).toBe(
      "noHistoryOverdue",
    );
    // No as-of date: nothing is overdue, the due date.
    expect(basisReason(predict(model, -1, -1, AS_OF - 5, 0, false, p))).toBe("noHistory");
  });
});
