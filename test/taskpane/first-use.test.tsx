/**
 * @jest-environment jsdom
 */
// First use: three steps, the detected sheet already chosen, one "looks right" to the dashboard.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import { AS_OF, fixtureWorkbook } from "./fixtures";

import { deserialize, serialize } from "node:v8";
globalThis.structuredClone ??= ((v: unknown) =>
  deserialize(serialize(v))) as typeof structuredClone;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

test.each([
  ["en-US", "Getting started", "Looks right: show the dashboard", "Dashboard"],
  ["zh-CN", "开始使用", "没问题，查看看板", "看板"],
] as const)("first use in %s: three steps and one confirmation", async (locale, steps, ok, tab) => {
  render(
    <FluentProvider theme={webLightTheme}>
      <App
        port={fixtureWorkbook()}
        engine={new LocalEngine()}
        displayLocale={locale}
        today={AS_OF}
      />
    </FluentProvider>,
  );
  const list = await screen.findByRole("list", { name: steps });
  expect(within(list).getAllByRole("listitem")).toHaveLength(3);
  expect((screen.getByTestId("sheet-invoices") as HTMLSelectElement).value).toBe("应收明细");
  const button = screen.getByRole("button", { name: ok });
  await waitFor(() => expect(button).toHaveProperty("disabled", false));
  expect(list.querySelectorAll("[data-done=true]")).toHaveLength(2);
  fireEvent.click(button);
  expect(screen.getByRole("tab", { name: tab }).getAttribute("aria-selected")).toBe("true");
  expect(await screen.findByTestId("total-CNY")).toBeTruthy();
});
