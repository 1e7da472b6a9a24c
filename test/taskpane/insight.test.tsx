/**
 * @jest-environment jsdom
 */
// Collection insight on the dashboard: the cash forecast card, the risk grades list, and the
// customer view's behaviour and expected pay dates, from the model of a small workbook.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { CustomerView } from "../../src/taskpane/components/CustomerView";
import { Dashboard } from "../../src/taskpane/components/Dashboard";
import { ForecastCard } from "../../src/taskpane/components/ForecastCard";
import { RiskGrades } from "../../src/taskpane/components/RiskGrades";
import type { CellValue } from "../../src/sheet/grid";
import { CUSTOMERS, INVOICES, REQUEST, d, fixtureEngine } from "./fixtures";

const value = (el: Element | null) => el?.getAttribute("data-value");

/** The fixture with recorded grades (C1 "A", C2 "B"), and three invoices C2 paid late. */
async function gradedModel() {
  const engine = await fixtureEngine();
  const customers: CellValue[][] = CUSTOMERS.map((r, i) => [
    ...r,
    i === 0 ? "信用等级" : "AB"[i - 1],
  ]);
  // Paid 10, 20 and 30 days after their due dates.
  const paid: CellValue[][] = [10, 20, 30].map((late, k) => [
    `P${k}`,
    "C2",
    "乙公司",
    d("2026-01-01") + 30 * k,
    d("2026-01-31") + 30 * k,
    100,
    100,
    "李娜",
    "CNY",
    d("2026-01-31") + 30 * k + late,
  ]);
  await engine.load("应收明细", [...INVOICES, ...paid]);
  await engine.load("客户档案", customers);
  const req = JSON.parse(JSON.stringify(REQUEST)) as typeof REQUEST;
  req.sources[0].mapping.columns.settledDate = 9;
  req.sources[1].mapping.columns.grade = 4;
  return { model: engine.analyzeNow(req), engine };
}

function wrap(node: React.ReactNode) {
  return render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
}

describe("ForecastCard", () => {
  test("13 weekly bars and totals that add up to the open balance", async () => {
    const model = (await fixtureEngine()).analyzeNow(REQUEST);
    const f = model.insight.forecast[0];
    expect(model.insight.history).toBe(0);
    wrap(
      <ForecastCard
        locale="en-US"
        forecast={f}
        history={model.insight.history}
        assumedDays={model.insight.assumedDays}
      />,
    );
    const chart = screen.getByRole("table", { name: "Expected collections by week, CNY" });
    const rows = within(chart).getAllByRole("row");
    expect(rows).toHaveLength(13);
    // Week 1 starts the day after the as-of date (2026-06-30); its label says so in full.
    expect(
      within(rows[0]).getByRole("rowheader", { name: "Week 1: 2026-07-01 to 2026-07-07" })
        .textContent,
    ).toBe("07-01");
    const weeks = rows.map((r) => Number(value(r)));
    const totals = screen.getByRole("table", { name: "Expected collections, CNY" });
    const field = (name: string) => Number(value(totals.querySelector(`[data-field="${name}"]`)));
    // Nothing settled to learn from: the stated rule. A3 (800, not yet due) on its due date,
    // 07-06, week 1; A1 and A2 (1,500, overdue) within 30 days, 07-30, week 5, not "tomorrow".
    expect(weeks[0]).toBe(800);
    expect(weeks[4]).toBe(1500);
    expect(weeks.filter((_, k) => k !== 0 && k !== 4).every((amount) => amount === 0)).toBe(true);
    expect(field("open")).toBe(2300);
    expect(field("month-2026-07")).toBe(2300);
    expect(field("month-2026-08")).toBe(0);
    expect(field("rest")).toBe(0);
    expect(field("later")).toBe(0);
    expect(field("never")).toBe(0);
    expect(within(totals).getByText("2026-07")).toBeTruthy();
    expect(within(totals).getByText("Rest of the 13 weeks")).toBeTruthy();
    expect(within(totals).getByText("At risk: no payment expected (0 items)")).toBeTruthy();
    expect(screen.getByTestId("forecast-basis").textContent).toBe(
      "No settled items to learn from: these dates follow a stated rule (not yet due: the due date; overdue: within 30 days), not a forecast.",
    );
  });

  test("a part month says which days, in Chinese too", async () => {
    const engine = await fixtureEngine();
    const req = { ...REQUEST, asOf: d("2026-06-15") };
    const f = engine.analyzeNow(req).insight.forecast[0];
    wrap(<ForecastCard locale="zh-CN" forecast={f} history={12} assumedDays={30} />);
    expect(screen.getByTestId("forecast-basis").textContent).toBe(
      "依据 12 笔已结清款项：每笔未清余额按其预计回款日分摊。",
    );
    expect(screen.getByRole("table", { name: "CNY 按周预计回款" })).toBeTruthy();
    const totals = screen.getByRole("table", { name: "CNY 预计回款" });
    expect(within(totals).getByText("2026-06（自 06-16）")).toBeTruthy();
    expect(within(totals).getByText("2026-07")).toBeTruthy();
    expect(within(totals).getByText("13 周以后")).toBeTruthy();
    expect(within(totals).getByText("未清余额")).toBeTruthy();
    // Weeks + later + never = open, exactly.
    const sum = f.weeks.reduce((s, w) => s + w.amount, 0) + f.later + f.never;
    expect(sum).toBe(f.open);
    expect(f.months.reduce((s, m) => s + m.amount, 0)).toBe(
      f.weeks.reduce((s, w) => s + w.amount, 0),
    );
  });
});

describe("RiskGrades", () => {
  test("customers riskier than recorded, with the grades and the reasons", async () => {
    const { model } = await gradedModel();
    const onCustomer = jest.fn();
    wrap(<RiskGrades locale="en-US" insight={model.insight} onCustomer={onCustomer} />);
    const list = screen.getByRole("list", {
      name: "Customers whose suggested grade is worse than the recorded one",
    });
    const items = within(list)
      .getAllByRole("listitem")
      .filter((li) => li.hasAttribute("data-customer"));
    // C1: recorded A, 91 days overdue (3), at 94 % of its limit (1), all overdue (1): D.
    // C2 (recorded B) is not listed: its suggestion is not worse.
    expect(items.map((li) => [li.dataset.customer, li.dataset.recorded, li.dataset.grade])).toEqual(
      [["C1", "A", "D"]],
    );
    expect(within(items[0]).getByRole("img", { name: "Recorded A, suggested D" })).toBeTruthy();
    // The reasons are behind a click: hidden until "Why" is pressed.
    expect(within(items[0]).queryByRole("list", { name: "Why 甲公司 is graded D" })).toBeNull();
    const why = within(items[0]).getByRole("button", { name: "Why 甲公司 is graded D" });
    expect(why.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(why);
    expect(why.getAttribute("aria-expanded")).toBe("true");
    const reasons = within(items[0]).getByRole("list", { name: "Why 甲公司 is graded D" });
    expect(
      within(reasons)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "only 0 settled items: payment behaviour not scored",
      "+1 close to the credit limit: exposure is 94% of it",
      "+3 oldest overdue item is 91 days past due",
      "+1 100% of the balance is overdue",
    ]);
    expect(screen.getByText("Riskier than recorded (1)")).toBeTruthy();
    expect(screen.getByTestId("grade-counts").textContent).toBe(
      `Suggested: A ${model.insight.gradeCounts.A} · B ${model.insight.gradeCounts.B} · C 0 · D 1; ${model.insight.differCount} differ from the customer list.`,
    );
    const button = within(items[0]).getByRole("button", { name: "Show C1 甲公司" });
    button.focus();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(onCustomer).toHaveBeenCalledWith(0);
  });

  test("in Chinese", async () => {
    const { model } = await gradedModel();
    wrap(<RiskGrades locale="zh-CN" insight={model.insight} onCustomer={() => undefined} />);
    expect(screen.getByText("风险高于档案等级（1）")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "甲公司 评为 D 的原因" }));
    const reasons = screen.getByRole("list", { name: "甲公司 评为 D 的原因" });
    expect(
      within(reasons)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toContain("+3 最早一笔逾期款已逾期 91 天");
    expect(screen.getByRole("img", { name: "档案 A，建议 D" })).toBeTruthy();
  });

  test("no recorded grades: unknown, not 'none is worse'", async () => {
    const model = (await fixtureEngine()).analyzeNow(REQUEST);
    expect(model.insight.recordedCount).toBe(0);
    wrap(<RiskGrades locale="en-US" insight={model.insight} onCustomer={() => undefined} />);
    expect(screen.getByTestId("grade-counts").textContent).toMatch(
      /how many differ is unknown: no grade is recorded in a customer list\.$/,
    );
    // Nothing to be riskier than: no count of 0 and no "none is worse" claim.
    expect(screen.queryByText(/Riskier than recorded/)).toBeNull();
    expect(screen.queryByText(/No customer's suggested grade is worse/)).toBeNull();
  });
});

describe("the dashboard and the customer view", () => {
  test("the dashboard has the forecast card and the grades list, labelled", async () => {
    const { model } = await gradedModel();
    const onCustomer = jest.fn();
    wrap(<Dashboard locale="en-US" model={model} onCustomer={onCustomer} />);
    expect(screen.getByRole("region", { name: "Cash forecast · CNY" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Risk grades" })).toBeTruthy();
    expect(screen.getByTestId("forecast-CNY")).toBeTruthy();
  });

  test("behaviour, the suggested grade and the expected pay date of each open item", async () => {
    const { engine } = await gradedModel();
    const detail = await engine.customer(1);
    wrap(
      <CustomerView
        locale="en-US"
        detail={detail}
        onBack={() => undefined}
        onSelectRow={() => undefined}
      />,
    );
    const b = screen.getByTestId("behaviour");
    const field = (name: string) => value(b.querySelector(`[data-field="${name}"]`));
    expect(field("settled")).toBe("3");
    expect(field("onTimeShare")).toBe("0");
    expect(field("averageDaysLate")).toBe("20");
    expect(within(b).getByText("Payment behaviour")).toBeTruthy();
    expect(screen.getByTestId("suggested-grade").dataset.grade).toBe(detail.grade?.grade);
    const table = screen.getByTestId("open-items");
    expect(within(table).getByRole("columnheader", { name: "Expected" })).toBeTruthy();
    const cell = table.querySelector("tbody tr [data-field=expected] [data-value]") as HTMLElement;
    const e = detail.open[0].expected!;
    expect(cell.textContent).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(cell.title.split("\n")[0]).toMatch(/^Expected \d{4}-\d{2}-\d{2}, between /);
    expect(cell.title).toContain("this customer's past payments");
    expect(cell.getAttribute("aria-label")).toBe(cell.title);
    expect(cell.tabIndex).toBe(0);
    expect(e.reasons.length).toBeGreaterThan(1);
  });
});
