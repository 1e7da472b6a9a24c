/**
 * @jest-environment jsdom
 */
// The whole pane on an in-memory workbook: connect, fix a column, problems select their cell,
// settings are saved in the workbook and restored, language, generating the aging report.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryWorkbook } from "../../src/sheet/memory-workbook";
import { App } from "../../src/taskpane/components/App";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import { readSettings } from "../../src/taskpane/settings";
import { AS_OF, INVOICES, fixtureWorkbook } from "./fixtures";

// jsdom's window has no structuredClone (MemoryWorkbook's settings use it); Node's v8 has one.
import { deserialize, serialize } from "node:v8";
globalThis.structuredClone ??= ((v: unknown) =>
  deserialize(serialize(v))) as typeof structuredClone;
// jsdom has no ResizeObserver (Fluent's MessageBar watches its size); nothing here needs it to fire.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

// jsdom has no ResizeObserver (every browser Office uses has): Fluent's MessageBar observes its
// own size to reflow; nothing here depends on the reflow.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
} as unknown as typeof ResizeObserver;

function open(
  wb: MemoryWorkbook,
  locale: "en-US" | "zh-CN" = "en-US",
  watch?: (sheet: string, handler: () => void) => () => void,
) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App
        port={wb}
        engine={new LocalEngine()}
        displayLocale={locale}
        today={AS_OF}
        watch={watch}
      />
    </FluentProvider>,
  );
}

const tab = (name: RegExp) => fireEvent.click(screen.getByRole("tab", { name }));

describe("the task pane", () => {
  test("says which features this Excel's API version lacks, in the pane's language", async () => {
    for (const locale of ["en-US", "zh-CN"] as const) {
      const view = render(
        <FluentProvider theme={webLightTheme}>
          <App
            port={fixtureWorkbook()}
            engine={new LocalEngine()}
            displayLocale={locale}
            today={AS_OF}
            unavailable={["templateMerges"]}
          />
        </FluentProvider>,
      );
      const note = await screen.findByTestId("unavailable");
      expect(note.textContent).toMatch(
        locale === "en-US" ? /Merged cells.*1\.13/ : /合并单元格.*1\.13/,
      );
      view.unmount();
    }
    open(fixtureWorkbook());
    await screen.findByTestId("sheet-invoices");
    expect(screen.queryByTestId("unavailable")).toBeNull();
  });

  test("connects the likely sheets, shows the dashboard and saves the choice", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    const invoices = await screen.findByTestId("sheet-invoices");
    expect((invoices as HTMLSelectElement).value).toBe("应收明细");
    expect((screen.getByTestId("sheet-customers") as HTMLSelectElement).value).toBe("客户档案");
    expect((screen.getByTestId("sheet-payments") as HTMLSelectElement).value).toBe("");
    await screen.findByText(/6 rows read: 4 imported, 1 skipped, 1 rejected/);
    tab(/Dashboard/);
    const total = await screen.findByTestId("total-CNY");
    expect(total.querySelector("[data-field=outstanding]")?.getAttribute("data-value")).toBe(
      "2300",
    );
    await waitFor(async () =>
      expect(readSettings(await wb.loadSettings()).invoices?.sheet).toBe("应收明细"),
    );
  });

  test("fixing a column recomputes, and the mapping is restored when the pane opens again", async () => {
    const wb = fixtureWorkbook();
    const view = open(wb);
    await screen.findByText(/4 imported/);
    // The paid column (G) is declared not used: A4 is open again. (First use: the table is
    // folded behind "Fix a column".)
    fireEvent.click(screen.getAllByRole("button", { name: "Fix a column" })[0]);
    const editor = screen.getByRole("region", { name: "Column mapping of 应收明细" });
    fireEvent.click(within(editor).getByRole("combobox", { name: /column G/ }));
    fireEvent.click(screen.getByRole("option", { name: "Not used" }));
    tab(/Dashboard/);
    await waitFor(() =>
      expect(
        screen
          .getByTestId("total-CNY")
          .querySelector("[data-field=outstanding]")
          ?.getAttribute("data-value"),
      ).toBe("2600"),
    );
    await waitFor(async () =>
      expect(readSettings(await wb.loadSettings()).invoices?.custom).toBe(true),
    );
    view.unmount();
    open(wb);
    await screen.findByText("Columns mapped by you");
    tab(/Dashboard/);
    await waitFor(() =>
      expect(
        screen
          .getByTestId("total-CNY")
          .querySelector("[data-field=outstanding]")
          ?.getAttribute("data-value"),
      ).toBe("2600"),
    );
  });

  test("more than 99 problems: the tab says 99+, its tooltip the count", async () => {
    const bad = Array.from({ length: 120 }, (_, k) => [
      `B${k}`,
      "C1",
      "甲公司",
      "2026-02-30",
      null,
      100,
      null,
      "张伟",
      "CNY",
    ]);
    const wb = MemoryWorkbook.fromGrids([{ name: "应收明细", rows: [...INVOICES, ...bad] }]);
    open(wb);
    await screen.findByText(/126 rows read: 4 imported, 1 skipped, 121 rejected/);
    const problems = screen.getByRole("tab", { name: "Problems (99+)" });
    expect(problems.getAttribute("title")).toBe("122 problems");
  });

  test("choosing a problem selects its cell", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Problems/);
    const rejected = await screen.findByRole("button", { name: /row 8, column 价税合计/ });
    await act(async () => fireEvent.click(rejected));
    expect(wb.selection).toEqual({ sheet: "应收明细", row: 8, column: 6 });
  });

  test("switching the language", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Settings/);
    fireEvent.click(await screen.findByRole("radio", { name: "简体中文" }));
    expect(await screen.findByRole("tab", { name: "看板" })).toBeTruthy();
    await waitFor(async () => expect(readSettings(await wb.loadSettings()).locale).toBe("zh-CN"));
  });

  test("an invalid policy says why and keeps the last dashboard", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Settings/);
    fireEvent.change(await screen.findByLabelText(/Aging thresholds/), {
      target: { value: "60, 30" },
    });
    expect(await screen.findByText(/^Aging thresholds must be increasing/)).toBeTruthy();
    expect(screen.getByLabelText(/Aging thresholds/).getAttribute("aria-invalid")).toBe("true");
  });

  test("generating the aging report writes its sheets and says where", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Generate/);
    const button = await screen.findByTestId("generate-aging-report");
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    const written = await screen.findByTestId("written-aging-report");
    expect(
      [...written.querySelectorAll("[data-sheet]")].map((e) => e.getAttribute("data-sheet")),
    ).toEqual(["Summary", "Aging by customer", "Open items", "Problems"]);
    expect((await wb.sheets()).filter((s) => s.generated).map((s) => s.name)).toHaveLength(4);
  });

  test("letters without a company profile: written with placeholders, and the pane says which fields", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Generate/);
    const button = await screen.findByTestId("generate-statements");
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    const warning = await screen.findByTestId("profile-missing-statements");
    expect(warning.textContent).toMatch(/^No company details for: company name, /);
    const sheet = (await wb.sheets()).find((x) => x.generated)!;
    const text = (await wb.readValues(sheet.name)).rows.flat().join(" ");
    expect(text).toContain("[to fill in: company name]");
    // The aging report prints no company field: no warning.
    const aging = await screen.findByTestId("generate-aging-report");
    fireEvent.click(aging);
    await screen.findByTestId("written-aging-report");
    expect(screen.queryByTestId("profile-missing-aging-report")).toBeNull();
  });

  test("a sheet whose print setup Excel refused is written and says so", async () => {
    const wb = fixtureWorkbook();
    const write = wb.writeSheets.bind(wb);
    wb.writeSheets = async (specs, onProgress) =>
      (await write(specs, onProgress)).map((w, i) =>
        i === 0 ? { ...w, printError: "The argument is invalid or missing" } : w,
      );
    open(wb);
    await screen.findByText(/4 imported/, undefined, { timeout: 20_000 });
    tab(/Generate/);
    const button = await screen.findByTestId("generate-aging-report");
    await waitFor(() => expect(button).toHaveProperty("disabled", false), { timeout: 20_000 });
    fireEvent.click(button);
    const written = await screen.findByTestId("written-aging-report");
    const notes = written.querySelectorAll("[data-testid=print-error]");
    expect(notes).toHaveLength(1);
    expect(notes[0].closest("[data-sheet]")?.getAttribute("data-sheet")).toBe("Summary");
    expect(notes[0].textContent).toMatch(/refused its print setup.*argument is invalid/);
  });

  test("the formulas sheet is shown before it is written, then written beside the data", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Generate/);
    const preview = await screen.findByTestId("formulas-preview");
    expect(preview.textContent).toContain("=AR.DAYSOVERDUE($C$3:$C$8,AR_ASOF)");
    fireEvent.click(screen.getByTestId("insert-formulas"));
    await screen.findByTestId("written-formulas");
    expect(wb.sheet("AR formulas")?.rows[2][5]).toEqual({
      value: { formula: "=AR.DAYSOVERDUE($C$3:$C$8,AR_ASOF)" },
    });
    // The source sheet is untouched.
    expect((await wb.readValues("应收明细")).rows[2][0]).toBe("A1");
  });

  test("an edit to a connected sheet is read again and the dashboard follows", async () => {
    const wb = fixtureWorkbook();
    const handlers = new Map<string, () => void>();
    const stopped: string[] = [];
    open(wb, "en-US", (sheet, handler) => {
      handlers.set(sheet, handler);
      return () => stopped.push(sheet);
    });
    tab(/Dashboard/);
    const outstanding = () =>
      screen
        .getByTestId("total-CNY")
        .querySelector("[data-field=outstanding]")
        ?.getAttribute("data-value");
    await waitFor(() => expect(outstanding()).toBe("2300"));
    expect([...handlers.keys()].sort()).toEqual(["客户档案", "应收明细"]);
    // The user types a partial payment of 200 against A3 (row 5, column G).
    const rows = INVOICES.map((r) => [...r]);
    rows[4][6] = 200;
    wb.addUserSheet({ name: "应收明细", rows: rows as never }, rows);
    await act(async () => handlers.get("应收明细")?.());
    await waitFor(() => expect(outstanding()).toBe("2100"));
    expect(stopped).toEqual([]);
  });
});
