/**
 * @jest-environment jsdom
 */
// First use: three steps, the detected sheet already chosen with a one-line summary of its
// columns, one "looks right" to the dashboard; the mapping tables folded behind "Fix a column"
// (open on demand, or by themselves when the mapping needs the user), open once confirmed.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { CellValue } from "../../src/sheet/grid";
import { MemoryWorkbook } from "../../src/sheet/memory-workbook";
import { App } from "../../src/taskpane/components/App";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import { readSettings } from "../../src/taskpane/settings";
import { AS_OF, d, fixtureWorkbook } from "./fixtures";

import { deserialize, serialize } from "node:v8";
globalThis.structuredClone ??= ((v: unknown) =>
  deserialize(serialize(v))) as typeof structuredClone;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

function open(wb: MemoryWorkbook, locale: "en-US" | "zh-CN" = "en-US") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App port={wb} engine={new LocalEngine()} displayLocale={locale} today={AS_OF} />
    </FluentProvider>,
  );
}

test.each([
  [
    "en-US",
    "Getting started",
    "Looks right: show the dashboard",
    "Dashboard",
    "Fix a column",
    "Header in row 2 · recognised: Invoice number, Customer code, Customer name, Invoice date, Due date and 4 more",
    "Column mapping of 应收明细",
  ],
  [
    "zh-CN",
    "开始使用",
    "没问题，查看看板",
    "看板",
    "修改列对应",
    "表头在第 2 行 · 已识别：单据编号、客户编码、客户名称、业务日期、到期日及另外 4 列",
    "应收明细 的列映射",
  ],
] as const)(
  "first use in %s: steps, the sheet and a summary, one confirmation; the table folded",
  async (locale, steps, ok, tab, fix, summary, mapping) => {
    const wb = fixtureWorkbook();
    open(wb, locale);
    const list = await screen.findByRole("list", { name: steps });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect((screen.getByTestId("sheet-invoices") as HTMLSelectElement).value).toBe("应收明细");
    // The whole name in the tooltip (a long one is cut with an ellipsis at 350 px).
    expect(screen.getByTestId("sheet-invoices").getAttribute("title")).toBe("应收明细");
    expect(screen.getByTestId("columns-found-invoices").textContent).toBe(summary);
    const button = screen.getByRole("button", { name: ok });
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    expect(list.querySelectorAll("[data-done=true]")).toHaveLength(2);

    // No mapping table is read first: every one is folded, for the receivables and the customers.
    expect(screen.queryByRole("region", { name: mapping })).toBeNull();
    expect(document.querySelectorAll("[data-testid^=map-]")).toHaveLength(0);
    expect(screen.queryAllByRole("spinbutton")).toHaveLength(0);
    const folds = screen.getAllByRole("button", { name: fix });
    expect(folds).toHaveLength(2);
    for (const f of folds) expect(f.getAttribute("aria-expanded")).toBe("false");
    // The confirmation comes right after the receivables sheet, before the next sheet.
    const customers = screen.getByTestId("sheet-customers");
    expect(button.compareDocumentPosition(customers) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );

    // On demand: the receivables table opens, and folds again.
    fireEvent.click(folds[0]);
    expect(folds[0].getAttribute("aria-expanded")).toBe("true");
    const editor = screen.getByRole("region", { name: mapping });
    expect(editor.querySelectorAll("[data-testid^=map-invoices-]")).toHaveLength(9);
    fireEvent.click(folds[0]);
    expect(screen.queryByRole("region", { name: mapping })).toBeNull();

    // Looks right: the dashboard, and first use is over (saved in the workbook).
    fireEvent.click(button);
    expect(screen.getByRole("tab", { name: tab }).getAttribute("aria-selected")).toBe("true");
    expect(await screen.findByTestId("total-CNY")).toBeTruthy();
    await waitFor(async () => expect(readSettings(await wb.loadSettings()).confirmed).toBe(true));
    fireEvent.click(screen.getByRole("tab", { name: locale === "en-US" ? "Data" : "数据" }));
    expect(await screen.findByRole("region", { name: mapping })).toBeTruthy();
    expect(screen.queryByRole("list", { name: steps })).toBeNull();
    expect(screen.queryByRole("button", { name: ok })).toBeNull();
    for (const f of screen.getAllByRole("button", { name: fix }))
      expect(f.getAttribute("aria-expanded")).toBe("true");
  },
);

test("the table opens by itself when the detected columns import nothing, and there is nothing to confirm", async () => {
  // Detected as receivables (customer, amount, date named), but no amount is a number.
  const rows: CellValue[][] = [
    ["客户名称", "金额", "业务日期"],
    ["甲公司", "见附件", d("2026-05-01")],
    ["乙公司", "见附件", d("2026-05-02")],
  ];
  open(MemoryWorkbook.fromGrids([{ name: "应收", rows }]));
  await screen.findByText(/2 rows read: 0 imported, 0 skipped, 2 rejected/);
  const fold = screen.getByRole("button", { name: "Fix a column" });
  await waitFor(() => expect(fold.getAttribute("aria-expanded")).toBe("true"));
  expect(screen.getByRole("region", { name: "Column mapping of 应收" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Looks right: show the dashboard" })).toHaveProperty(
    "disabled",
    true,
  );
});

test("a sheet picked by hand whose required columns are not found opens its table at once", async () => {
  open(fixtureWorkbook());
  await screen.findByText(/4 imported/);
  // The customer list as the receivables: no amount nor date column for them.
  fireEvent.change(screen.getByTestId("sheet-invoices"), { target: { value: "客户档案" } });
  const editor = await screen.findByRole("region", { name: "Column mapping of 客户档案" });
  expect(within(editor).getByRole("alert").textContent).toMatch(/^Still needed: /);
  const folds = screen.getAllByRole("button", { name: "Fix a column" });
  expect(folds[0].getAttribute("aria-expanded")).toBe("true");
});
