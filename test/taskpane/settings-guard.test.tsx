/**
 * @jest-environment jsdom
 */
// Settings that cannot break the pane: an invalid field is marked and never saved, the last valid
// policy stays in force, and a bad setting stored in the workbook falls back field by field
// (a connected sheet stays connected).
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { MemoryWorkbook } from "../../src/sheet/memory-workbook";
import { App } from "../../src/taskpane/components/App";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import { DEFAULT_SETTINGS, policyOf, readSettings } from "../../src/taskpane/settings";
import { AS_OF, REQUEST, fixtureWorkbook } from "./fixtures";

import { deserialize, serialize } from "node:v8";
globalThis.structuredClone ??= ((v: unknown) =>
  deserialize(serialize(v))) as typeof structuredClone;
// jsdom has no ResizeObserver (Fluent's MessageBar watches its size); nothing here needs it to fire.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const SOURCE = { sheet: "应收明细", ...REQUEST.sources[0].mapping, custom: false };

function open(wb: MemoryWorkbook, locale: "en-US" | "zh-CN" = "en-US") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App port={wb} engine={new LocalEngine()} displayLocale={locale} today={AS_OF} />
    </FluentProvider>,
  );
}
const tab = (name: RegExp) => fireEvent.click(screen.getByRole("tab", { name }));
const saved = async (wb: MemoryWorkbook) => readSettings(await wb.loadSettings());

describe("reading saved settings", () => {
  test("a bad field falls back to its default, the rest is kept", () => {
    const got = readSettings({
      version: 1,
      invoices: SOURCE,
      asOf: "30/06/2026",
      locale: "fr-FR",
      policy: { graceDays: "", thresholds: [60, 30], reminderDaysBefore: 5, fees: "x" },
    });
    expect(got.invoices).toEqual(SOURCE);
    expect(got.asOf).toBeNull();
    expect(got.locale).toBeNull();
    expect(got.policy).toEqual({ reminderDaysBefore: 5 });
    expect(policyOf(got).ok).toBe(true);
  });

  test("a policy value core rejects is dropped even when the rest parses", () => {
    const got = readSettings({ version: 1, invoices: SOURCE, policy: { graceDays: -3 } });
    expect(got.invoices).toEqual(SOURCE);
    expect(got.policy).toEqual({});
  });

  test("another version, or not an object, gives the defaults", () => {
    expect(readSettings({ version: 2, invoices: SOURCE })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings("junk")).toEqual(DEFAULT_SETTINGS);
  });
});

describe("the settings form", () => {
  test("a blank grace days is marked, named, never saved; the last valid policy stays", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Settings/);
    const grace = await screen.findByLabelText(/^Grace days/);
    fireEvent.change(grace, { target: { value: "5" } });
    await waitFor(async () => expect((await saved(wb)).policy.graceDays).toBe(5));

    fireEvent.change(grace, { target: { value: "" } });
    expect(grace.getAttribute("aria-invalid")).toBe("true");
    const message = screen.getByText(/^Grace days must be a whole number of days/);
    expect(grace.getAttribute("aria-describedby")).toContain(message.id);
    expect(screen.getByTestId("settings-not-saved").textContent).toMatch(/last valid/);

    // A later valid edit elsewhere is not saved either while a field is invalid…
    fireEvent.change(screen.getByLabelText(/^Pre-due reminder/), { target: { value: "4" } });
    // …and once the field is fixed, both go in, so the blank was never written.
    fireEvent.change(grace, { target: { value: "2" } });
    expect(grace.getAttribute("aria-invalid")).not.toBe("true");
    expect(screen.queryByTestId("settings-not-saved")).toBeNull();
    await waitFor(async () => expect((await saved(wb)).policy.reminderDaysBefore).toBe(4));
    expect((await saved(wb)).policy.graceDays).toBe(2);
  });

  test("letters in a threshold: marked, the saved policy unchanged, the dashboard kept", async () => {
    const wb = fixtureWorkbook();
    open(wb, "zh-CN");
    await screen.findByText(/导入 4/);
    tab(/看板/);
    await screen.findByTestId("total-CNY");
    tab(/设置/);
    const thresholds = await screen.findByLabelText(/^账龄分段/);
    fireEvent.change(thresholds, { target: { value: "30, abc, 90" } });
    expect(thresholds.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/^账龄分段必须是递增的整数天数/)).toBeTruthy();
    const grace = screen.getByLabelText(/^宽限天数/);
    fireEvent.change(grace, { target: { value: "" } });
    expect(screen.getByText(/^宽限天数必须是整数天数/)).toBeTruthy();
    // What the workbook holds is the policy in force: no thresholds or grace days from the form.
    const policy = (await saved(wb)).policy;
    expect(policy.thresholds).toBeUndefined();
    expect(policy.graceDays).toBeUndefined();
    tab(/看板/);
    expect(await screen.findByTestId("total-CNY")).toBeTruthy();
  });

  test("a ladder step with no days is marked with a message naming the step", async () => {
    const wb = fixtureWorkbook();
    open(wb);
    await screen.findByText(/4 imported/);
    tab(/Settings/);
    const days = await screen.findByLabelText("Days after · step 2");
    fireEvent.change(days, { target: { value: "" } });
    expect(days.getAttribute("aria-invalid")).toBe("true");
    const message = screen.getByText(
      "Days after of step 2 must be a whole number of days, from 0 to 3650",
    );
    expect(days.getAttribute("aria-describedby")).toBe(message.id);
  });
});

describe("reopening with a bad stored setting", () => {
  test("the connected sheet stays connected and the dashboard never asks to connect", async () => {
    const wb = fixtureWorkbook();
    await wb.saveSettings({
      version: 1,
      invoices: SOURCE,
      asOf: "not a date",
      policy: { graceDays: "", thresholds: "abc" },
    });
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(document.body.textContent ?? ""));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    open(wb);
    const invoices = await screen.findByTestId("sheet-invoices");
    expect((invoices as HTMLSelectElement).value).toBe("应收明细");
    tab(/Dashboard/);
    const total = await screen.findByTestId("total-CNY");
    observer.disconnect();
    expect(total.querySelector("[data-field=outstanding]")?.getAttribute("data-value")).toBe(
      "2300",
    );
    expect(seen.some((text) => text.includes("Connect a receivables sheet"))).toBe(false);
  });
});
