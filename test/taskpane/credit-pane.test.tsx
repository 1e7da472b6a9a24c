/**
 * @jest-environment jsdom
 */
// Credit control in the pane (issue 8): the collection log sheet created once, filled, read and
// applied (its problems listed); the order check form; documents recorded in the register
// (appended, never a row lost, "by" the host's user); commitment letters from a schedule sheet.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ACTION_LABELS, LOG_HEADERS, RESULT_LABELS } from "../../src/sheet/collection-log";
import type { CellValue } from "../../src/sheet/grid";
import type { MemoryWorkbook } from "../../src/sheet/memory-workbook";
import { specValues } from "../../src/sheet/memory-workbook";
import { App } from "../../src/taskpane/components/App";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import { AS_OF, d, fixtureWorkbook } from "./fixtures";

import { deserialize, serialize } from "node:v8";
globalThis.structuredClone ??= ((v: unknown) =>
  deserialize(serialize(v))) as typeof structuredClone;

function open(wb: MemoryWorkbook, handlers = new Map<string, () => void>()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <App
        port={wb}
        engine={new LocalEngine()}
        displayLocale="en-US"
        today={AS_OF}
        userName="Wang Fang"
        watch={(sheet, handler) => {
          handlers.set(sheet, handler);
          return () => handlers.delete(sheet);
        }}
      />
    </FluentProvider>,
  );
  return handlers;
}

const tab = (name: RegExp) => fireEvent.click(screen.getByRole("tab", { name }));

/** The log as the user filled it: C1 promised to pay A1 by 07-10; a row naming no such item. */
function filledLog(): CellValue[][] {
  const h = LOG_HEADERS["en-US"];
  return [
    [h.date, h.customer, h.items, h.action, h.owner, h.result, h.promiseDate, h.promiseAmount],
    [
      d("2026-06-25"),
      "C1",
      "A1",
      ACTION_LABELS["en-US"].phone,
      "Zhang",
      RESULT_LABELS["en-US"].promise,
      d("2026-07-10"),
      1000,
    ],
    [d("2026-06-26"), "C1", "NOPE", ACTION_LABELS["en-US"].phone, "Zhang", null, null, null],
  ];
}

describe("credit control in the pane", () => {
  test("the log sheet: created once, then read and applied; its problems listed with their cells", async () => {
    const wb = fixtureWorkbook();
    const handlers = open(wb);
    await screen.findByText(/4 imported/);
    const section = screen.getByTestId("log-section");
    fireEvent.click(within(section).getByRole("button", { name: "Create log sheet" }));
    await screen.findByText(/Created sheet Collection log/);
    const created = wb.sheet("Collection log");
    expect(created?.validations?.length).toBeGreaterThan(0);
    expect((await wb.sheets()).find((s) => s.name === "Collection log")?.generated).toBe(true);
    // Found and watched; no second button to create it again.
    await waitFor(() => expect(handlers.has("Collection log")).toBe(true));
    expect(within(section).queryByRole("button", { name: "Create log sheet" })).toBeNull();

    // The user fills it in Excel.
    const rows = filledLog();
    wb.addUserSheet({ name: "Collection log", rows: rows as never }, rows);
    await act(async () => handlers.get("Collection log")?.());
    // The element shows the previous read until the new one is applied: wait for the new state.
    await waitFor(() =>
      expect(screen.getByTestId("log-applied").textContent).toMatch(
        /2 entries, 0 rejected; promises 1 live/,
      ),
    );

    // Its problem is in the list and selects its cell (row 3, the Documents column C).
    tab(/Problems/);
    const item = await screen.findByText(/NOPE/);
    fireEvent.click(item.closest("button") ?? item);
    await waitFor(() =>
      expect(wb.selection).toEqual({ sheet: "Collection log", row: 3, column: 3 }),
    );
  });

  test("the credit policy sheet: created once (default table), watched and read; a bad cell is shown with its cell", async () => {
    const wb = fixtureWorkbook();
    const handlers = open(wb);
    await screen.findByText(/4 imported/);
    const section = screen.getByTestId("policy-section");
    fireEvent.click(within(section).getByRole("button", { name: "Create credit policy sheet" }));
    await screen.findByText(/Created sheet Credit policy/);
    expect(wb.sheet("Credit policy")?.validations?.length).toBeGreaterThan(0);
    await waitFor(() => expect(handlers.has("Credit policy")).toBe(true));
    await waitFor(() =>
      expect(screen.getByTestId("policy-applied").textContent).toContain("A / B / C / D"),
    );
    expect(
      within(section).queryByRole("button", { name: "Create credit policy sheet" }),
    ).toBeNull();

    // The user breaks a cell in Excel: the problem is shown with its cell.
    const rows = specValues(wb.sheet("Credit policy")!);
    rows[1][5] = "maybe";
    wb.addUserSheet({ name: "Credit policy", rows: rows as never }, rows);
    await act(async () => handlers.get("Credit policy")?.());
    await waitFor(() =>
      expect(screen.getByTestId("policy-problems").textContent).toContain(
        "Credit policy!F2 (Prepayment): should be yes or no",
      ),
    );
  });

  test("the order check form: customer, amount, currency → verdict, headroom and reasons", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Dashboard/);
    // The order check is its own view, opened from the dashboard (not above the totals).
    fireEvent.click(await screen.findByRole("button", { name: "Check an order" }));
    const form = await screen.findByTestId("order-check");
    const customer = within(form).getByRole("combobox", { name: "Customer" });
    fireEvent.click(customer);
    fireEvent.click(await screen.findByRole("option", { name: "C2 乙公司" }));
    fireEvent.change(within(form).getByLabelText("Amount"), { target: { value: "1,000" } });
    fireEvent.click(within(form).getByRole("button", { name: "Check" }));
    const answer = await screen.findByTestId("order-answer");
    // C2: limit 5,000, exposure 800 (A3) → 4,200 before, 3,200 after.
    expect(answer.getAttribute("data-verdict")).toBe("ok");
    const value = (f: string) =>
      answer.querySelector(`[data-field=${f}]`)?.getAttribute("data-value");
    expect([value("limit"), value("headroomBefore"), value("headroomAfter")]).toEqual([
      "5000",
      "4200",
      "3200",
    ]);
    expect(within(answer).getByTestId("order-reasons").textContent).toMatch(/headroom 4,200\.00/);

    // C1 is 91 days overdue on A1: blocked, the item named.
    fireEvent.click(customer);
    fireEvent.click(await screen.findByRole("option", { name: "C1 甲公司" }));
    fireEvent.change(within(form).getByLabelText("Amount"), { target: { value: "10" } });
    fireEvent.click(within(form).getByRole("button", { name: "Check" }));
    await waitFor(() =>
      expect(screen.getByTestId("order-answer").getAttribute("data-verdict")).toBe(
        "overdueBlocked",
      ),
    );
    expect(screen.getByTestId("order-answer").textContent).toMatch(/A1: 1,000\.00, 91 days/);

    fireEvent.change(within(form).getByLabelText("Amount"), { target: { value: "ten" } });
    fireEvent.click(within(form).getByRole("button", { name: "Check" }));
    await screen.findByText("ten is not a positive amount.");
  });

  test("each generation appends its documents to the register; no row is lost", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Generate/);
    const button = await screen.findByTestId("generate-statements");
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByTestId("registered-statements").textContent).toMatch(
        /2 documents recorded/,
      ),
    );
    const first = specValues(wb.sheet("Document register")!);
    expect(first).toHaveLength(3);
    expect(first[1][1]).toBe("Wang Fang");
    fireEvent.click(screen.getByTestId("generate-reminders"));
    await screen.findByTestId("registered-reminders");
    const second = specValues(wb.sheet("Document register")!);
    expect(second.length).toBeGreaterThan(first.length);
    expect(second.slice(0, first.length)).toEqual(first);
    expect((await wb.sheets()).filter((s) => /register/i.test(s.name))).toHaveLength(1);
  });

  test("commitment letters: the schedule sheet created, filled, then the letters", async () => {
    const wb = fixtureWorkbook();
    const handlers = open(wb);
    await screen.findByText(/4 imported/);
    tab(/Generate/);
    const button = await screen.findByTestId("generate-commitments");
    expect(button).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByTestId("create-schedule"));
    await screen.findByText(/Created sheet Payment schedule/);
    await waitFor(() => expect(handlers.has("Payment schedule")).toBe(true));
    const rows: CellValue[][] = [
      ["Customer", "Date", "Amount"],
      ["C1", d("2026-07-15"), 800],
      ["C1", d("2026-08-15"), 700],
    ];
    wb.addUserSheet({ name: "Payment schedule", rows: rows as never }, rows);
    await act(async () => handlers.get("Payment schedule")?.());
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    const written = await screen.findByTestId("written-commitments");
    expect(within(written).getByTestId("schedule-commitments").textContent).toMatch(
      /2 imported.*letters for 1 customers/,
    );
    expect(within(written).getByTestId("registered-commitments").textContent).toMatch(
      /1 documents recorded/,
    );
  });
});
