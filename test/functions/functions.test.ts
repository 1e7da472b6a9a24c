/**
 * functions.ts, the module Excel loads, with office.js's globals stood in: errors leave as
 * `CustomFunctions.Error`, the language follows Office's display language once Office is ready,
 * nothing registers itself (the metadata plugin appends the `associate` calls), and each
 * declared function hands its arguments to impl.ts in order.
 */
import { d } from "../support/core-builders";
import * as impl from "../../src/functions/impl";

class FakeCustomFunctionsError {
  constructor(
    readonly code?: string,
    readonly message?: string,
  ) {}
}

const associate = jest.fn();
let onReady: (() => void) | undefined;
const office = {
  onReady: (cb: () => void) => (onReady = cb),
  context: { displayLanguage: "zh-CN" },
};
Object.assign(globalThis, {
  CustomFunctions: { Error: FakeCustomFunctionsError, associate },
  Office: office,
});

let fns: typeof import("../../src/functions/functions");
beforeAll(async () => {
  fns = await import("../../src/functions/functions");
});
afterAll(() => impl.setLocale("en-US"));

const AS_OF = d("2026-06-30");

test("registers nothing itself: the build appends CustomFunctions.associate", () => {
  expect(associate).not.toHaveBeenCalled();
});

test("errors are CustomFunctions.Error with the code and the message", () => {
  const [[e]] = fns.daysOverdue([["soon"]], [[AS_OF]]);
  expect(e).toBeInstanceOf(FakeCustomFunctionsError);
  expect(e).toEqual({ code: "#VALUE!", message: 'due_date: "soon" is not a date' });
  const [[div]] = fns.dso([[1]], [[0]]);
  expect(div).toEqual({ code: "#DIV/0!", message: undefined });
});

test("the language follows Office's display language once Office is ready", () => {
  expect(fns.nextAction([[AS_OF - 1]], [[1]], [[AS_OF]])).toEqual([
    ["Send a written dunning notice"],
  ]);
  onReady?.();
  expect(fns.nextAction([[AS_OF - 1]], [[1]], [[AS_OF]])).toEqual([["发出书面催款函"]]);
  impl.setLocale("en-US");
});

test("every declared function hands its arguments to impl in order", () => {
  const due = [[AS_OF - 45], [AS_OF + 2], [""]];
  const owed = [[100], [200], [300]];
  const asOf = [[AS_OF]];
  const who = [["A"], ["B"], ["A"]];
  const cases: [unknown[][], unknown[][]][] = [
    [fns.daysOverdue(due, asOf), impl.daysOverdue(due, asOf)],
    [fns.daysLate(due, asOf), impl.daysLate(due, asOf)],
    [fns.aging(due, asOf, [["10,20"]], [["due"]]), impl.aging(due, asOf, [["10,20"]], [["due"]])],
    [fns.overdue(due, owed, asOf, [[50]]), impl.overdue(due, owed, asOf, [[50]])],
    [fns.actBy(due, [[30]]), impl.actBy(due, [[30]])],
    [fns.level(due, owed, asOf, [[30]], [[1]]), impl.level(due, owed, asOf, [[30]], [[1]])],
    [
      fns.nextAction(due, owed, asOf, [[30]], [[false]], [[50]]),
      impl.nextAction(due, owed, asOf, [[30]], [[false]], [[50]]),
    ],
    [fns.interest(owed, due, asOf, [[0.1]]), impl.interest(owed, due, asOf, [[0.1]])],
    [fns.outstanding([["A"]], who, owed), [[400]]],
    [fns.exposure([["B"]], who, owed), [[200]]],
    [fns.headroom([["A"]], [[1000]], who, owed), [[600]]],
    [fns.overLimit([["A"]], [[300]], who, owed), [[true]]],
    [
      fns.agingTable(who, [[AS_OF], [AS_OF], [AS_OF - 1]], owed, asOf, [["30"]], [["due"]]),
      impl.agingTable(who, [[AS_OF], [AS_OF], [AS_OF - 1]], owed, asOf, [["30"]], [["due"]]),
    ],
    [fns.provision(owed, [[10], [400], [900]], [["365:1%,:2%"]]), [[1 + 4 + 6]]],
    [fns.dso([[50]], owed, [[30]]), [[2.5]]],
    [fns.collectionRate([[150]], owed), [[0.25]]],
    [fns.overdueRate(owed.slice(0, 2), due.slice(0, 2), asOf, [[0]]), [[1 / 3]]],
    [
      fns.expectedPay(due, who, who, due, [[AS_OF - 40], [""], [""]], asOf, [[true]]),
      impl.expectedPay(due, who, who, due, [[AS_OF - 40], [""], [""]], asOf, [[true]]),
    ],
  ];
  for (const [got, want] of cases) expect(got).toEqual(want);
});
