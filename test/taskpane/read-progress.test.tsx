/**
 * @jest-environment jsdom
 */
// Reading a workbook chunk by chunk (issue 17): the pane counts the rows read ("Reading rows 40
// of 100"), in either language, and hands each chunk of a source sheet to the engine as it
// arrives; once the last chunk is in, the dashboard is the one the whole sheet gives.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { CellValue, Grid } from "../../src/sheet/grid";
import { MemoryWorkbook } from "../../src/sheet/memory-workbook";
import type { SheetSpec } from "../../src/sheet/spec";
import type { ReadChunk } from "../../src/sheet/workbook";
import { App } from "../../src/taskpane/components/App";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import type { SheetStream } from "../../src/taskpane/engine/protocol";
import { PreviewWorkbook } from "../../src/taskpane/preview/preview-workbook";
import { readingRows } from "../../src/taskpane/strings";
import { AS_OF, CUSTOMERS, d } from "./fixtures";

// jsdom's window has no structuredClone (MemoryWorkbook's settings use it); Node's v8 has one.
import { deserialize, serialize } from "node:v8";
globalThis.structuredClone ??= ((v: unknown) =>
  deserialize(serialize(v))) as typeof structuredClone;
// jsdom has no ResizeObserver (Fluent's MessageBar watches its size); nothing here needs it.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
} as unknown as typeof ResizeObserver;

/** Rows of the invoices sheet, its header included. */
const N = 100;

const HEADER = [
  "单据编号",
  "客户编码",
  "客户名称",
  "业务日期",
  "到期日",
  "价税合计",
  "已收金额",
  "币种",
];

/** A header and N − 1 overdue invoices of 10.00 each. */
function invoices(): CellValue[][] {
  const rows: CellValue[][] = [HEADER];
  for (let k = 1; k < N; k++) {
    const due = d("2026-05-31") - (k % 30);
    rows.push([
      `B${k}`,
      k % 3 ? "C1" : "C2",
      k % 3 ? "甲公司" : "乙公司",
      due - 30,
      due,
      10,
      0,
      "CNY",
    ]);
  }
  return rows;
}

/** The engine, with what reached it: rows pushed per sheet, and sheets loaded whole. */
class Recording extends LocalEngine {
  pushed = new Map<string, number>();
  loaded: string[] = [];

  override async load(sheet: string, rows: CellValue[][]): Promise<void> {
    this.loaded.push(sheet);
    return super.load(sheet, rows);
  }

  override openSheet(sheet: string): SheetStream {
    const inner = super.openSheet(sheet);
    this.pushed.set(sheet, 0);
    return {
      push: (rows) => {
        this.pushed.set(sheet, (this.pushed.get(sheet) ?? 0) + rows.length);
        return inner.push(rows);
      },
      end: (rows) => inner.end(rows),
    };
  }
}

function open(port: MemoryWorkbook, engine: LocalEngine, locale: "en-US" | "zh-CN" = "en-US") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} engine={engine} displayLocale={locale} today={AS_OF} />
    </FluentProvider>,
  );
}

/** A workbook whose invoices (`rows`) and customers are still to come. */
function arrivingBook(rows: CellValue[][]): PreviewWorkbook {
  return PreviewWorkbook.arriving([
    { name: "应收明细", rows: rows.length },
    { name: "客户档案", rows: CUSTOMERS.length },
  ]);
}

async function outstanding(): Promise<string | null | undefined> {
  fireEvent.click(screen.getByRole("tab", { name: /Dashboard|看板/ }));
  const total = await screen.findByTestId("total-CNY");
  return total.querySelector("[data-field=outstanding]")?.getAttribute("data-value");
}

describe("reading a workbook in chunks", () => {
  test("counts the rows read and sends each chunk of the source to the engine as it comes", async () => {
    const rows = invoices();
    const wb = arrivingBook(rows);
    const engine = new Recording();
    open(wb, engine);
    act(() => wb.addRows(0, rows.slice(0, 40)));
    const busy = await screen.findByTestId("busy");
    await waitFor(() => expect(busy.textContent).toBe("Reading rows 40 of 100"));
    expect(
      within(screen.getByTestId("read-progress")).getByText("Reading rows 40 of 100"),
    ).toBeTruthy();
    // The engine holds the first chunk while the rest is still to come.
    await waitFor(() => expect(engine.pushed.get("应收明细")).toBe(40));

    act(() => wb.addRows(0, rows.slice(40, 70)));
    await waitFor(() => expect(busy.textContent).toBe("Reading rows 70 of 100"));
    await waitFor(() => expect(engine.pushed.get("应收明细")).toBe(70));
    act(() => wb.addRows(0, rows.slice(70)));
    act(() => wb.addRows(1, CUSTOMERS));

    // N − 1 invoices of 10.00, none paid.
    expect(await outstanding()).toBe(String((N - 1) * 10));
    expect(screen.queryByTestId("read-progress")).toBeNull();
    expect(engine.pushed.get("应收明细")).toBe(N);
    // Streamed, so never sent again whole.
    expect(engine.loaded).not.toContain("应收明细");
  });

  test("says it in Chinese", async () => {
    const rows = invoices();
    const wb = arrivingBook(rows);
    open(wb, new Recording(), "zh-CN");
    act(() => wb.addRows(0, rows.slice(0, 4)));
    const busy = await screen.findByTestId("busy");
    await waitFor(() => expect(busy.textContent).toBe("正在读取 4 / 100 行"));
    act(() => wb.addRows(0, rows.slice(4)));
    act(() => wb.addRows(1, CUSTOMERS));
    expect(await outstanding()).toBe(String((N - 1) * 10));
  });

  test("the same dashboard as a workbook read at once", async () => {
    const rows = invoices();
    const whole = MemoryWorkbook.fromGrids([
      { name: "应收明细", rows },
      { name: "客户档案", rows: CUSTOMERS },
    ]);
    const engine = new Recording();
    const view = open(whole, engine);
    expect(await outstanding()).toBe(String((N - 1) * 10));
    // Read at once (no chunks): loaded whole when the analysis asks for it, as before.
    expect(engine.pushed.size).toBe(0);
    expect(engine.loaded).toContain("应收明细");
    view.unmount();
  });

  test("chunks that do not add up to the sheet: the sheet is loaded whole", async () => {
    const rows = invoices();
    // A port that reports only the first chunk of what it read.
    class Partial extends MemoryWorkbook {
      override async readValues(sheet: string, onRows?: (c: ReadChunk) => void): Promise<Grid> {
        const grid = await super.readValues(sheet);
        onRows?.({ rows: grid.rows.slice(0, 10), done: 10, total: grid.rows.length });
        return grid;
      }
    }
    const wb = new Partial();
    wb.addUserSheet({ name: "应收明细", rows: rows as SheetSpec["rows"] }, rows);
    wb.addUserSheet({ name: "客户档案", rows: CUSTOMERS as SheetSpec["rows"] }, CUSTOMERS);
    const engine = new Recording();
    open(wb, engine);
    expect(await outstanding()).toBe(String((N - 1) * 10));
    expect(engine.pushed.get("应收明细")).toBe(10);
    expect(engine.loaded).toContain("应收明细");
  });

  test("a sheet that stops short fails the read, with a message", async () => {
    const rows = invoices();
    const wb = arrivingBook(rows);
    open(wb, new Recording());
    act(() => wb.addRows(0, rows.slice(0, 40)));
    const busy = await screen.findByTestId("busy");
    await waitFor(() => expect(busy.textContent).toBe("Reading rows 40 of 100"));
    act(() => wb.finish());
    await waitFor(() => expect(screen.getByText(/40 of 100 rows arrived/)).toBeTruthy());
  });
});

describe("the engine's side", () => {
  test("a sheet in chunks is the sheet once complete, and the count is checked", async () => {
    const engine = new LocalEngine();
    const stream = engine.openSheet("S");
    await stream.push([[1], [2]]);
    expect(engine.rowsOf("S")).toBeUndefined();
    await stream.push([[3]]);
    await stream.end(3);
    expect(engine.rowsOf("S")).toEqual([[1], [2], [3]]);
    const short = engine.openSheet("T");
    await short.push([[1]]);
    await expect(short.end(2)).rejects.toThrow('"T": 1 of 2 rows');
    expect(engine.rowsOf("T")).toBeUndefined();
  });

  test("counts in words: plurals and thousands", () => {
    expect(readingRows("en-US", 40_000, 100_000)).toBe("Reading rows 40,000 of 100,000");
    expect(readingRows("en-US", 1, 1)).toBe("Reading row 1 of 1");
    expect(readingRows("zh-CN", 40_000, 100_000)).toBe("正在读取 40,000 / 100,000 行");
  });
});
