/**
 * @jest-environment jsdom
 */
// The dashboard: totals, aging, top overdue, limits, actions and salespeople, from the model of
// a small workbook; a customer opens its items.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { CustomerView } from "../../src/taskpane/components/CustomerView";
import { Dashboard } from "../../src/taskpane/components/Dashboard";
import type { DashboardModel } from "../../src/taskpane/engine/protocol";
import { REQUEST, fixtureEngine } from "./fixtures";

async function model(): Promise<DashboardModel> {
  return (await fixtureEngine()).analyzeNow(REQUEST);
}

function renderDashboard(m: DashboardModel, locale: "en-US" | "zh-CN" = "en-US") {
  const onCustomer = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <Dashboard locale={locale} model={m} onCustomer={onCustomer} />
    </FluentProvider>,
  );
  return onCustomer;
}

const value = (el: Element | null) => el?.getAttribute("data-value");

describe("Dashboard", () => {
  test("totals per currency, with the raw figures beside the formatted ones", async () => {
    renderDashboard(await model());
    expect(screen.getByTestId("as-of").textContent).toBe("As of 2026-06-30");
    const cny = screen.getByTestId("total-CNY");
    expect(value(cny.querySelector("[data-field=outstanding]"))).toBe("2300");
    expect(cny.querySelector("[data-field=outstanding]")?.textContent).toBe("2,300.00");
    expect(value(cny.querySelector("[data-field=overdue]"))).toBe("1500");
    expect(cny.querySelector("[data-field=overdueRate]")?.textContent).toBe("65.2 %");
  });

  test("aging by bucket: every bucket, adding up to the outstanding amount", async () => {
    renderDashboard(await model());
    const chart = screen.getByRole("table", { name: "Aging by bucket, CNY" });
    const rows = within(chart).getAllByRole("row");
    expect(rows.map((r) => [r.querySelector("th")?.textContent, value(r)])).toEqual([
      ["Not yet due", "800"],
      ["1-30 days", "500"],
      ["31-60 days", "0"],
      ["61-90 days", "0"],
      ["91+ days", "1000"],
    ]);
  });

  test("top overdue, limits, actions and salespeople", async () => {
    renderDashboard(await model());
    const top = screen.getByTestId("top-overdue");
    expect(
      within(top)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.getAttribute("data-customer")),
    ).toEqual(["C1"]);
    const limits = screen.getByTestId("near-limit");
    expect(within(limits).getByText("94 %")).toBeTruthy();
    const today = screen.getByTestId("actions-today");
    // the collection plan's actions dated today or earlier and not done (A1's passed step too)
    expect(today.textContent).toContain("Today (3)");
    expect(today.textContent).toContain("Escalate: reminder · 2026-06-30");
    expect(today.textContent).toContain("Escalate: legal action · 2026-05-31");
    const sales = screen.getByTestId("salespeople");
    expect(
      within(sales)
        .getAllByRole("row")
        .slice(1)
        .map((r) => [
          r.getAttribute("data-salesperson"),
          value(r.querySelector("[data-field=outstanding]")),
        ]),
    ).toEqual([
      ["张伟", "1500"],
      ["李娜", "800"],
    ]);
  });

  test("collection rate: unknown, and why, when no collection is dated; the period otherwise", async () => {
    const m = await model();
    expect(m.collectionUnknown).toBe(true); // the fixture's only payment (A4) has no date
    renderDashboard(m);
    const sales = screen.getByTestId("salespeople");
    for (const cell of sales.querySelectorAll("[data-field=collectionRate]")) {
      expect(cell.textContent).toBe("—");
      expect(value(cell)).toBe("");
    }
    expect(screen.getByTestId("collection-period").textContent).toMatch(
      /^Collection rate unknown: no payment in the data carries a date/,
    );
  });

  test("collection rate period shown when collections are dated (zh-CN)", async () => {
    const m = { ...(await model()), collectionUnknown: false };
    renderDashboard(m, "zh-CN");
    expect(screen.getByTestId("collection-period").textContent).toBe(
      "回款率期间：2026-06-01 至 2026-06-30",
    );
  });

  test("a limit set by the credit policy is marked, with the recorded one and the grade", async () => {
    const m = await model();
    renderDashboard(m);
    expect(screen.queryByTestId("policy-limits")).toBeNull();
    cleanup();
    const row = { ...m.nearLimit[0], policyLimit: { recorded: 3_200_00, grade: "C" } };
    renderDashboard({ ...m, nearLimit: [row, ...m.nearLimit.slice(1)] });
    const cell = screen
      .getByTestId("near-limit")
      .querySelector(`[data-customer="${row.code}"] [data-field=creditLimit]`)!;
    expect(cell.textContent).toMatch(/\*$/);
    expect(cell.getAttribute("title")).toBe(
      "1,600.00 (credit policy, grade C; recorded limit 3,200.00)",
    );
    expect(screen.getByTestId("policy-limits").textContent).toMatch(/credit policy's limit/);
  });

  test("clicking a customer asks for its details", async () => {
    const m = await model();
    const onCustomer = renderDashboard(m);
    fireEvent.click(
      within(screen.getByTestId("top-overdue")).getByRole("button", { name: "Show C1 甲公司" }),
    );
    expect(onCustomer).toHaveBeenCalledWith(m.topOverdue[0][0].customer);
  });

  test("in Chinese", async () => {
    renderDashboard(await model(), "zh-CN");
    expect(screen.getByTestId("as-of").textContent).toBe("基准日 2026-06-30");
    expect(screen.getByRole("table", { name: "CNY 账龄分布" })).toBeTruthy();
    expect(screen.getByText("逾期金额最高的客户")).toBeTruthy();
  });
});

describe("CustomerView", () => {
  test("open items select their row in the sheet", async () => {
    const engine = await fixtureEngine();
    const m = engine.analyzeNow(REQUEST);
    const detail = await engine.customer(m.topOverdue[0][0].customer);
    const onSelectRow = jest.fn();
    const onBack = jest.fn();
    render(
      <FluentProvider theme={webLightTheme}>
        <CustomerView locale="en-US" detail={detail} onBack={onBack} onSelectRow={onSelectRow} />
      </FluentProvider>,
    );
    const items = screen.getByTestId("open-items");
    expect(within(items).getAllByRole("row").length).toBe(3);
    fireEvent.click(
      screen.getByRole("button", { name: "Select the row of invoice A2 in the sheet" }),
    );
    expect(onSelectRow).toHaveBeenCalledWith("应收明细", 4);
    fireEvent.click(screen.getByRole("button", { name: /Back to the dashboard/ }));
    expect(onBack).toHaveBeenCalled();
  });
});

describe("items dated after the as-of date", () => {
  test("are in no figure, and the totals card says how many and how much, in either language", async () => {
    const engine = await fixtureEngine();
    // The day before A3 is invoiced (2026-06-06): A3 is dated after the as-of date.
    const m = engine.analyzeNow({ ...REQUEST, asOf: REQUEST.asOf - 25 });
    renderDashboard(m);
    const cny = screen.getByTestId("total-CNY");
    const later = cny.querySelector("[data-field=datedAfter]");
    expect(value(later)).toBe("1");
    expect(later?.textContent).toBe(
      "Not in these figures: 1 item dated after the as-of date (800.00)",
    );
    cleanup();
    renderDashboard(m, "zh-CN");
    expect(
      screen.getByTestId("total-CNY").querySelector("[data-field=datedAfter]")?.textContent,
    ).toBe("不在以上数字中：1 笔单据的日期晚于基准日（800.00）");
    cleanup();
    // At the fixture's own as-of date nothing is later: no line.
    renderDashboard(await model());
    expect(screen.getByTestId("total-CNY").querySelector("[data-field=datedAfter]")).toBeNull();
  });
});
