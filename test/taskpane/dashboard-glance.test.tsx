/**
 * @jest-environment jsdom
 */
// The dashboard reads at a glance: the headline first (outstanding, overdue and its rate, over the
// limit, today's actions), then aging, actions, salespeople, forecast and grades; sections fold;
// long lists show their first rows with "Show all"; the order check is behind a button; compact
// amounts follow one rule (K/M/B in English, 万/亿 in Chinese, one decimal).
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { Dashboard } from "../../src/taskpane/components/Dashboard";
import type { DashboardModel } from "../../src/taskpane/engine/protocol";
import { compactMoney } from "../../src/taskpane/format";
import { strings } from "../../src/taskpane/strings";
import { creditStrings } from "../../src/taskpane/strings-credit";
import { REQUEST, fixtureEngine } from "./fixtures";

async function model(): Promise<DashboardModel> {
  return (await fixtureEngine()).analyzeNow(REQUEST);
}

function show(m: DashboardModel, locale: "en-US" | "zh-CN" = "en-US") {
  const onOrderCheck = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <Dashboard
        locale={locale}
        model={m}
        onCustomer={() => undefined}
        onOrderCheck={onOrderCheck}
      />
    </FluentProvider>,
  );
  return onOrderCheck;
}

const before = (a: Element, b: Element) =>
  (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

describe("compact amounts: one rule", () => {
  // Amounts in major units (2 decimals), as a person would write them.
  const cases: [number, string, string][] = [
    [0, "0", "0"],
    [950, "950", "950"],
    [7168, "7.2K", "7,168"],
    [-7168, "\u22127.2K", "\u22127,168"],
    [12000, "12.0K", "1.2万"],
    [-146000, "\u2212146.0K", "\u221214.6万"],
    [999960, "1.0M", "100.0万"],
    [4890000, "4.9M", "489.0万"],
    [123000000, "123.0M", "1.2亿"],
    [99999600, "100.0M", "1.0亿"],
    [1200000000, "1.2B", "12.0亿"],
  ];
  test.each(cases)("%d → %s (en-US), %s (zh-CN)", (amount, en, zh) => {
    expect(compactMoney(amount * 100, 2, "en-US")).toBe(en);
    expect(compactMoney(amount * 100, 2, "zh-CN")).toBe(zh);
  });

  test("every compact amount on the dashboard follows the rule of its language", async () => {
    const m = await model();
    for (const [locale, rule] of [
      ["en-US", /^\u2212?(\d{1,3}|\d+\.\d[KMB])$/],
      ["zh-CN", /^\u2212?(\d{1,3}(,\d{3})?|\d+\.\d[万亿])$/],
    ] as const) {
      const view = render(
        <FluentProvider theme={webLightTheme}>
          <Dashboard locale={locale} model={m} onCustomer={() => undefined} />
        </FluentProvider>,
      );
      const cells = [
        ...view.container.querySelectorAll("[data-testid=salespeople] [data-field=outstanding]"),
        ...view.container.querySelectorAll("[data-testid=top-overdue] td[data-value]"),
      ];
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells)
        expect([locale, c.textContent]).toEqual([locale, expect.stringMatching(rule)]);
      view.unmount();
    }
  });
});

describe("the dashboard at a glance", () => {
  test("headline first, then aging, actions, salespeople, forecast and grades", async () => {
    const m = await model();
    show(m);
    const total = screen.getByTestId("total-CNY");
    const headline = screen.getByRole("group", { name: "At a glance" });
    // Over the limit: C1 is at 94 % (near, not over) in the fixture; today's actions are the
    // collection plan's dated today or earlier and not done (the model's count, issue 13).
    expect(within(headline).getByText("Over credit limit")).toBeTruthy();
    expect(headline.querySelector("[data-field=overLimit]")?.getAttribute("data-value")).toBe(
      String(m.nearLimit.filter((g) => g.overLimit).length),
    );
    expect(m.actions.todayCount).toBeGreaterThan(0);
    expect(headline.querySelector("[data-field=actionsToday]")?.textContent).toBe(
      String(m.actions.todayCount),
    );
    const order = [
      total,
      headline,
      screen.getByRole("region", { name: "Aging · CNY" }),
      screen.getByRole("region", { name: /^Collection actions/ }),
      screen.getByRole("region", { name: /^By salesperson/ }),
      screen.getByRole("region", { name: /^Cash forecast/ }),
      screen.getByRole("region", { name: "Risk grades" }),
    ];
    for (let i = 1; i < order.length; i++) expect(before(order[i - 1], order[i])).toBe(true);
  });

  test("the order check is behind a button, not above the totals", async () => {
    const onOrderCheck = show(await model());
    expect(screen.queryByTestId("order-check")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Check an order" }));
    expect(onOrderCheck).toHaveBeenCalled();
  });

  test("a section folds from its heading", async () => {
    show(await model());
    const toggle = screen.getByRole("button", { name: "Aging · CNY" });
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("table", { name: "Aging by bucket, CNY" })).toBeTruthy();
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("table", { name: "Aging by bucket, CNY" })).toBeNull();
    fireEvent.click(toggle);
    expect(screen.getByRole("table", { name: "Aging by bucket, CNY" })).toBeTruthy();
  });

  test("a long list shows its first five rows, and all of them on request", async () => {
    const m = await model();
    const base = m.salespeople[0];
    const many = Array.from({ length: 8 }, (_, k) => ({ ...base, salesperson: `S${k + 1}` }));
    show({ ...m, salespeople: many });
    const rows = () =>
      within(screen.getByTestId("salespeople"))
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.getAttribute("data-salesperson"));
    expect(rows()).toEqual(["S1", "S2", "S3", "S4", "S5"]);
    fireEvent.click(screen.getByRole("button", { name: "Show all (8)" }));
    expect(rows()).toEqual(["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"]);
    fireEvent.click(screen.getByRole("button", { name: "Show fewer" }));
    expect(rows()).toHaveLength(5);
  });

  test("in Chinese: the headline and the help speak the user's language", async () => {
    show(await model(), "zh-CN");
    const headline = screen.getByRole("group", { name: "概览" });
    expect(headline.textContent).toContain("超信用额度");
    expect(headline.textContent).toContain("今日待办");
    expect(screen.getByRole("button", { name: "检查订单" })).toBeTruthy();
  });

  test("no help line names a function or a command", () => {
    for (const locale of ["en-US", "zh-CN"] as const)
      for (const text of [
        ...Object.values(strings(locale)),
        ...Object.values(creditStrings(locale)),
      ])
        expect([locale, text]).not.toEqual([
          locale,
          expect.stringMatching(/AR\.[A-Z]{2,}|ar-desk [a-z]+-[a-z]+|--json/),
        ]);
  });
});
