/**
 * @jest-environment jsdom
 */
// Focus returns to where the user was on the dashboard after opening and closing a customer or
// the order check.
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

async function dashboard() {
  render(
    <FluentProvider theme={webLightTheme}>
      <App
        port={fixtureWorkbook()}
        engine={new LocalEngine()}
        displayLocale="en-US"
        today={AS_OF}
      />
    </FluentProvider>,
  );
  await screen.findByText(/4 imported/);
  fireEvent.click(screen.getByRole("tab", { name: /Dashboard/ }));
  await screen.findByTestId("total-CNY");
}

describe("focus after a detour", () => {
  test("back from a customer: on the customer's button again", async () => {
    await dashboard();
    const button = within(screen.getByTestId("top-overdue")).getByRole("button", {
      name: "Show C1 甲公司",
    });
    button.focus();
    fireEvent.click(button);
    const detail = await screen.findByTestId("customer-detail");
    expect(button.closest("[hidden]")).not.toBeNull();
    fireEvent.click(within(detail).getByRole("button", { name: /Back to the dashboard/ }));
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(button.closest("[hidden]")).toBeNull();
  });

  test("back from the order check: on its button again", async () => {
    await dashboard();
    const open = screen.getByRole("button", { name: "Check an order" });
    open.focus();
    fireEvent.click(open);
    await screen.findByTestId("order-check");
    fireEvent.click(screen.getByTestId("order-check-back"));
    await waitFor(() => expect(document.activeElement).toBe(open));
  });
});

describe("the language", () => {
  test("follows Office's display language, and the other one is a click away in the header", async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          port={fixtureWorkbook()}
          engine={new LocalEngine()}
          displayLocale="zh-CN"
          today={AS_OF}
        />
      </FluentProvider>,
    );
    expect(await screen.findByRole("tab", { name: "看板" })).toBeTruthy();
    await screen.findByText(/导入 4/);
    const header = screen.getByRole("banner");
    fireEvent.click(within(header).getByRole("button", { name: "English" }));
    expect(await screen.findByRole("tab", { name: "Dashboard" })).toBeTruthy();
    expect(within(header).getByRole("button", { name: "中文" }).getAttribute("lang")).toBe("zh-CN");
  });
});
