/**
 * @jest-environment jsdom
 */
// The problems list: every skipped or rejected row with its reason, in both languages; choosing
// one asks for its cell.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen } from "@testing-library/react";
import { problem, type Problem } from "../../src/core/problems";
import { ProblemsPanel } from "../../src/taskpane/components/ProblemsPanel";

const at = (row: number) => ({ file: null, sheet: "应收明细", row });
const PROBLEMS: Problem[] = [
  problem("row.subtotal", "info", at(68)),
  problem("invoice.duplicate", "warning", at(81), "单据编号", { ref: "X26", firstRow: 67 }),
  problem("row.badDate", "error", at(91), "业务日期", { value: "2026-02-30" }),
  problem("currency.mixed", "info", null, null, { customer: "C1", currencies: "CNY, USD" }),
];

function setup(locale: "en-US" | "zh-CN", problems = PROBLEMS) {
  const onSelect = jest.fn();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <ProblemsPanel
        locale={locale}
        problems={problems}
        count={problems.length}
        onSelect={onSelect}
      />
    </FluentProvider>,
  );
  return { onSelect, view };
}

describe("ProblemsPanel", () => {
  test("lists every problem with its place and reason", () => {
    setup("en-US");
    const items = screen.getAllByTestId("problem");
    expect(items.map((b) => b.textContent)).toEqual([
      "skippedsheet 应收明细, row 68subtotal or total row, skipped",
      "warningsheet 应收明细, row 81, column 单据编号invoice X26 already appears in row 67",
      "rejectedsheet 应收明细, row 91, column 业务日期2026-02-30 is not a date: row rejected",
      "skippedcustomer C1 has items in several currencies (CNY, USD); each is kept apart",
    ]);
    expect(screen.getByTestId("problem-count").textContent).toBe("4 problems");
  });

  test("choosing a problem selects its cell; a problem of no row cannot be chosen", () => {
    const { onSelect } = setup("en-US");
    const button = screen.getByRole("button", {
      name: /^rejected\s*sheet 应收明细, row 91, column 业务日期\s*2026-02-30 is not a date: row rejected$/,
    });
    // Named by its visible text; what it does is its description.
    expect(button.getAttribute("title")).toBe(
      "Select sheet 应收明细, row 91, column 业务日期 in the sheet",
    );
    fireEvent.click(button);
    expect(onSelect).toHaveBeenCalledWith(PROBLEMS[2]);
    const last = screen.getAllByTestId("problem")[3];
    expect(last).toHaveProperty("disabled", true);
  });

  test("one problem is one problem", () => {
    setup("en-US", PROBLEMS.slice(2, 3));
    expect(screen.getByTestId("problem-count").textContent).toBe("1 problem");
  });

  test("filters by kind", () => {
    setup("en-US");
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "error" } });
    expect(screen.getAllByTestId("problem")).toHaveLength(1);
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "info" } });
    expect(screen.getAllByTestId("problem")).toHaveLength(2);
  });

  test("in Chinese", () => {
    setup("zh-CN");
    expect(screen.getAllByTestId("problem")[2].textContent).toBe(
      "未导入工作表「应收明细」，第 91 行，列「业务日期」2026-02-30 不是有效日期：该行未导入",
    );
    expect(screen.getByTestId("problem-count").textContent).toBe("共 4 个问题");
  });

  test("long lists come a hundred at a time", () => {
    const many = Array.from({ length: 250 }, (_, k) => problem("row.blank", "info", at(k + 2)));
    setup("en-US", many);
    expect(screen.getAllByTestId("problem")).toHaveLength(100);
    fireEvent.click(screen.getByRole("button", { name: "Show more" }));
    expect(screen.getAllByTestId("problem")).toHaveLength(200);
  });

  test("no problems", () => {
    setup("en-US", []);
    expect(screen.getByText("No problems: every row was imported.")).toBeTruthy();
  });
});
