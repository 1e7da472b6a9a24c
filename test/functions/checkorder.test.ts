/**
 * AR.CHECKORDER: the order check of `ar-desk check-order` (the core's `judgeOrder`) on cells.
 * Boundaries (exactly at the limit is OK, one cent over is not), overdue blocking by days and by
 * the act-by date, grades, unknown customers, the words in both languages, the detail row, and
 * agreement with the core's `checkOrder` for every customer of the sample workbook.
 */
import path from "node:path";
import { loadInputs } from "../../src/cli/shared";
import { analyze, Hold } from "../../src/core/analyze";
import { checkOrder, DEFAULT_CREDIT_POLICY, verdictLabel } from "../../src/core/credit";
import { d } from "../support/core-builders";
import { fromMinor } from "../../src/core/money";
import { DEFAULT_POLICY } from "../../src/core/policy";
import { ItemStatus } from "../../src/core/position";
import * as f from "../../src/functions/impl";
import { setLocale } from "../../src/functions/impl";
import { importGrids } from "../../src/sheet/import";

const AS_OF = d("2026-06-30");
const asOf = [[AS_OF]];
const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const one = (m: unknown[][]): unknown => {
  expect(m).toHaveLength(1);
  expect(m[0]).toHaveLength(1);
  return m[0][0];
};
const values = (m: unknown[][]): unknown[] => m.map((row) => row[0]);
const err = (code: string, text: string) =>
  expect.objectContaining({ code, message: expect.stringContaining(text) });

afterEach(() => setLocale("en-US"));

// Customer A owes 400 (300 + 100, one not yet due); B owes 50, 40 days overdue; C is 20 days
// overdue on 30-day terms (past its act-by date, due + 10).
const customers = col("A", "A", "B", "C");
const balances = col(300, 100, 50, 80);
const dues = col(AS_OF + 5, AS_OF + 20, AS_OF - 40, AS_OF - 20);

describe("AR.CHECKORDER", () => {
  test("exactly at the limit is OK; one cent over is over limit", () => {
    expect(one(f.checkOrder([["A"]], [[600]], [[1000]], customers, balances))).toBe("OK");
    expect(one(f.checkOrder([["A"]], [[600.01]], [[1000]], customers, balances))).toBe(
      "over limit",
    );
    expect(one(f.checkOrder([["A"]], [[0.01]], [[400]], customers, balances))).toBe("over limit");
    expect(one(f.checkOrder([["A"]], [[0.01]], [[400.01]], customers, balances))).toBe("OK");
  });

  test("overdue blocks past the policy's 30 days, or past the act-by date when term days are given", () => {
    const check = (who: string, term?: unknown) =>
      one(
        f.checkOrder(
          [[who]],
          [[10]],
          [[10000]],
          customers,
          balances,
          dues,
          asOf,
          undefined,
          term === undefined ? undefined : [[term]],
        ),
      );
    expect(check("A")).toBe("OK");
    expect(check("B")).toBe("overdue");
    expect(check("C")).toBe("OK"); // 20 days: within 30, no term given
    expect(check("C", 30)).toBe("overdue"); // act-by = due + 10: passed
    expect(check("C", "Net 90")).toBe("OK"); // act-by = due + 30: not yet
    // Term days as a column of the same rows.
    expect(
      one(
        f.checkOrder(
          [["C"]],
          [[10]],
          [[10000]],
          customers,
          balances,
          dues,
          asOf,
          undefined,
          col(30, 30, 30, 30),
        ),
      ),
    ).toBe("overdue");
    // A blank row of a term column has no term: act-by is its due date, so C (20 days
    // overdue) is past it, as the core and AR.ACTBY take an item without a term.
    expect(
      one(
        f.checkOrder(
          [["C"]],
          [[10]],
          [[10000]],
          customers,
          balances,
          dues,
          asOf,
          undefined,
          col(90, 90, 90, ""),
        ),
      ),
    ).toBe("overdue");
    // Without due dates overdue is not checked.
    expect(one(f.checkOrder([["B"]], [[10]], [[10000]], customers, balances))).toBe("OK");
  });

  test("a disputed overdue item does not block (as in check-order); it is listed", () => {
    const run = (disputed: unknown, detail = false) =>
      f.checkOrder(
        [["B"]],
        [[10]],
        [[10000]],
        customers,
        balances,
        dues,
        asOf,
        undefined,
        undefined,
        [[detail]],
        disputed,
      );
    expect(one(run(undefined))).toBe("overdue");
    expect(one(run(col("", "", "是", "")))).toBe("OK");
    expect(one(run(col(false, false, "Yes", false)))).toBe("OK");
    expect(one(run(col(true, true, "No", true)))).toBe("overdue");
    expect(run(col("", "", true, ""), true)[0][3]).toContain("disputed");
    expect(one(run(col("", "", "maybe", "")))).toEqual(err("#VALUE!", "disputed"));
    expect(one(run(col(true, true)))).toEqual(err("#N/A", "disputed"));
  });

  test("grades: D requires prepayment, C keeps the recorded limit and blocks any overdue", () => {
    const run = (who: string, amount: number, grade: string) =>
      one(f.checkOrder([[who]], [[amount]], [[1000]], customers, balances, dues, asOf, [[grade]]));
    expect(run("A", 10, "D")).toBe("prepayment required");
    // the recorded limit, as the dashboard shows it: limit 1000, exposure 400
    expect(run("A", 600, "C")).toBe("OK");
    expect(run("A", 600.01, "C")).toBe("over limit");
    expect(run("C", 1, "C")).toBe("overdue");
  });

  test("a customer with neither balances nor a limit gets no credit; a blank limit is none set", () => {
    expect(one(f.checkOrder([["Z"]], [[1]], [[""]], customers, balances))).toBe("no credit");
    expect(one(f.checkOrder([["A"]], [[1]], [[""]], customers, balances))).toBe("no credit");
    expect(one(f.checkOrder([["Z"]], [[1]], [[100]], customers, balances))).toBe("OK");
    expect(one(f.checkOrder([["A"]], [[1]], [[0]], customers, balances))).toBe("no credit");
  });

  test("a column of orders gives one verdict each; blanks stay blank", () => {
    expect(
      values(
        f.checkOrder(col("A", "B", "", "A"), col(600, 10, 5, 601), [[1000]], customers, balances),
      ),
    ).toEqual(["OK", "OK", "", "over limit"]);
  });

  test("in Office's language, with the detail row: verdict, headroom before and after, reasons", () => {
    setLocale("zh-CN");
    expect(one(f.checkOrder([["A"]], [[600]], [[1000]], customers, balances))).toBe("可以赊销");
    const row = f.checkOrder(
      [["A"]],
      [[700]],
      [[1000]],
      customers,
      balances,
      dues,
      asOf,
      [["B"]],
      undefined,
      [[true]],
    )[0];
    expect(row.slice(0, 3)).toEqual(["超出信用额度", 600, -100]);
    expect(row[3]).toContain("订单金额 700.00 超出可用额度 600.00");
    setLocale("en-US");
    const ok = f.checkOrder(
      [["A"]],
      [[100]],
      [[1000]],
      customers,
      balances,
      undefined,
      undefined,
      undefined,
      undefined,
      [[true]],
    );
    expect(ok).toEqual([
      ["OK", 600, 500, "headroom 600.00 before the order, 500.00 after it (limit 1,000.00)"],
    ]);
  });

  test("bad input names its argument", () => {
    expect(one(f.checkOrder([["A"]], [[-5]], [[1000]], customers, balances))).toEqual(
      err("#VALUE!", "amount: -5 is not an amount above zero"),
    );
    expect(one(f.checkOrder([["A"]], [["lots"]], [[1000]], customers, balances))).toEqual(
      err("#VALUE!", "amount"),
    );
    expect(one(f.checkOrder([["A"]], [[1]], [[1000]], customers, col(1, 2)))).toEqual(
      err("#N/A", "balances"),
    );
    expect(one(f.checkOrder([["A"]], [[1]], [[1000]], customers, balances, dues, [[""]]))).toEqual(
      err("#VALUE!", "as_of"),
    );
  });
});

describe("AR.CHECKORDER agrees with ar-desk check-order on the sample", () => {
  const SAMPLE = path.resolve(__dirname, "../../assets/sample.xlsx");
  const { ledger } = importGrids(loadInputs([SAMPLE], {}));
  const a = analyze(ledger, AS_OF, DEFAULT_POLICY);
  const cny = ledger.currencies.indexOf("CNY");
  const it = ledger.items;
  const r = a.items;
  const major = (m: number) => fromMinor(m, 2);

  // The open-items sheet a user keeps: each open item with its due date, term days and dispute
  // flag; the rest of each customer's exposure (unapplied cash) as rows without a due date.
  const rows: {
    customer: string;
    balance: number;
    due: number | "";
    term: number | "";
    disputed: boolean;
  }[] = [];
  const listed = new Map<number, number>();
  for (let i = 0; i < it.length; i++) {
    if (it.currency[i] !== cny || r.status[i] !== ItemStatus.open) continue;
    const due = r.due[i];
    rows.push({
      customer: ledger.customers[it.customer[i]].code,
      balance: major(r.outstanding[i]),
      due: due || "",
      term: due && it.invoiceDate[i] ? due - it.invoiceDate[i] : "",
      disputed: r.hold[i] === Hold.disputed,
    });
    listed.set(it.customer[i], (listed.get(it.customer[i]) ?? 0) + r.outstanding[i]);
  }
  for (const p of a.customers) {
    if (p.currency !== cny) continue;
    const rest = p.exposure - (listed.get(p.customer) ?? 0);
    if (rest !== 0)
      rows.push({
        customer: ledger.customers[p.customer].code,
        balance: major(rest),
        due: "",
        term: "",
        disputed: false,
      });
  }
  const C = col(...rows.map((x) => x.customer));
  const B = col(...rows.map((x) => x.balance));
  const D = col(...rows.map((x) => x.due));
  const T = col(...rows.map((x) => x.term));
  const P = col(...rows.map((x) => x.disputed));
  // The sample has an overdue disputed item that blocks only if its flag is left out.
  expect(rows.some((x) => x.disputed && x.due !== "" && x.due < AS_OF)).toBe(true);
  const who = ledger.customers.filter((c) => c.currency === "CNY" || c.currency === null);

  test.each([1, 10_000_00, 300_000_00])(
    "every customer, an order of %d cents: the same verdict, headroom and blocking count",
    (amount) => {
      const got = f.checkOrder(
        col(...who.map((c) => c.code)),
        col(...who.map(() => major(amount))),
        col(...who.map((c) => (c.creditLimit === null ? "" : major(c.creditLimit)))),
        C,
        B,
        D,
        asOf,
        col(...who.map((c) => c.grade ?? "")),
        T,
        [[true]],
        P,
      );
      const verdicts: string[] = [];
      who.forEach((c, k) => {
        const want = checkOrder(a, c.index, amount, "CNY", DEFAULT_CREDIT_POLICY);
        verdicts.push(want.verdict);
        const [verdict, before, after, reasons] = got[k];
        expect({ code: c.code, verdict, before, after }).toEqual({
          code: c.code,
          verdict: verdictLabel(want.verdict, "en-US"),
          before: want.headroomBefore === null ? "" : major(want.headroomBefore),
          after: want.headroomAfter === null ? "" : major(want.headroomAfter),
        });
        if (want.blockingItems.length)
          expect(reasons).toContain(
            `${want.blockingItems.length} overdue ${want.blockingItems.length === 1 ? "item," : "items,"}`,
          );
      });
      // The sample exercises more than one verdict.
      expect(new Set(verdicts).size).toBeGreaterThan(1);
    },
  );
});
