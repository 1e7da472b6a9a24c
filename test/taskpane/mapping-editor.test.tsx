/**
 * @jest-environment jsdom
 */
// The mapping editor: what each column was recognised as, and fixing a column from its dropdown.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import type { CellValue } from "../../src/sheet/grid";
import { MappingEditor } from "../../src/taskpane/components/MappingEditor";
import type { Source } from "../../src/taskpane/settings";
import { sourceFor } from "../../src/taskpane/usePane";

const rows: CellValue[][] = [
  ["应收账款明细表"],
  [],
  ["单据编号", "客户名称", "业务日期", "Kunde", "价税合计", "备注"],
  ["X1", "甲公司", 46000, "C1", 100, null],
  ["X2", "乙公司", 46010, "C2", 250, "急"],
];

function setup(source: Source, locale: "en-US" | "zh-CN" = "en-US") {
  const onChange = jest.fn();
  const onReset = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <MappingEditor
        locale={locale}
        kind="invoices"
        rows={rows}
        source={source}
        onChange={onChange}
        onReset={onReset}
      />
    </FluentProvider>,
  );
  return { onChange, onReset };
}

const detected = () => sourceFor("AR", "invoices", rows);

describe("MappingEditor", () => {
  test("shows every column with what it was recognised as", () => {
    setup(detected());
    expect(screen.getByLabelText("Header row")).toHaveProperty("value", "3");
    const meaning = (letter: string, header: string) =>
      screen.getByRole("combobox", { name: `Meaning of column ${letter} (${header}) of AR` });
    expect(meaning("A", "单据编号").textContent).toBe("Invoice number");
    expect(meaning("B", "客户名称").textContent).toBe("Customer name");
    expect(meaning("C", "业务日期").textContent).toBe("Invoice date");
    expect(meaning("D", "Kunde").textContent).toBe("Not used");
    expect(meaning("E", "价税合计").textContent).toBe("Amount");
    expect(meaning("F", "备注").textContent).toBe("Note");
    // Example values, dates shown as dates.
    expect(screen.getByText("e.g. 2025-12-09")).toBeTruthy();
    expect(screen.getByText("Columns as detected")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("fixing a column makes the mapping the user's, moving the field from its old column", () => {
    const { onChange } = setup(detected());
    fireEvent.click(screen.getByRole("combobox", { name: /column D \(Kunde\)/ }));
    fireEvent.click(screen.getByRole("option", { name: "Customer code" }));
    expect(onChange).toHaveBeenCalledTimes(1);
    const next: Source = onChange.mock.calls[0][0];
    expect(next.custom).toBe(true);
    expect(next.columns).toEqual({
      ref: 0,
      customerName: 1,
      invoiceDate: 2,
      customer: 3,
      amount: 4,
      note: 5,
    });
  });

  test("a field chosen for a second column leaves the first; 'Not used' clears a column", () => {
    const { onChange } = setup(detected());
    fireEvent.click(screen.getByRole("combobox", { name: /column F/ }));
    fireEvent.click(screen.getByRole("option", { name: "Amount" }));
    expect(onChange.mock.calls[0][0].columns).toEqual({
      ref: 0,
      customerName: 1,
      invoiceDate: 2,
      amount: 5,
    });
    fireEvent.click(screen.getByRole("combobox", { name: /column A/ }));
    fireEvent.click(screen.getByRole("option", { name: "Not used" }));
    expect(onChange.mock.calls[1][0].columns).not.toHaveProperty("ref");
  });

  test("says which required fields are still missing, and offers to go back to detection", () => {
    const { onReset } = setup({ sheet: "AR", headerRow: 3, columns: { ref: 0 }, custom: true });
    expect(screen.getByRole("alert").textContent).toBe(
      "Still needed: Customer code, Amount, Invoice date",
    );
    fireEvent.click(screen.getByRole("button", { name: "Use detected columns" }));
    expect(onReset).toHaveBeenCalled();
  });

  test("changing the header row reads the fields that row names", () => {
    const { onChange } = setup({ sheet: "AR", headerRow: 1, columns: {}, custom: true });
    fireEvent.change(screen.getByLabelText("Header row"), { target: { value: "3" } });
    expect(onChange.mock.calls[0][0]).toMatchObject({ headerRow: 3, custom: true });
    expect(onChange.mock.calls[0][0].columns).toMatchObject({ ref: 0, amount: 4 });
  });

  test("speaks Chinese", () => {
    setup(detected(), "zh-CN");
    expect(screen.getByLabelText("表头所在行")).toBeTruthy();
    const table = screen.getByRole("table");
    expect(within(table).getByRole("combobox", { name: /第 A 列/ }).textContent).toBe("单据编号");
    expect(within(table).getAllByText("不使用").length).toBe(1);
  });
});
