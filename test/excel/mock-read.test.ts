/**
 * The adapter against office-addin-mock's OfficeMockObject: a property reads as an error text
 * until it is loaded and synced, so values used before their sync would show up in the grid.
 */
import { mockContext, node, NOT_LOADED, NOT_SYNCED, type MockNode } from "./office-mock";
import { OFFICE_LIMITS } from "../../src/excel/chunks";
import { OfficeWorkbook, SETTINGS_KEY, type BatchRunner } from "../../src/excel/office-workbook";

interface Box {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

interface Requested {
  kind: "range";
  row: number;
  column: number;
  rows: number;
  columns: number;
  /** Syncs done when the range was asked for. */
  atSync: number;
  /** JSON bytes of its values (what the response would carry). */
  bytes: number;
}

/** A one-sheet workbook whose cells come from `cell(r, c)` (0-based), typed by `type`. */
function mockSheet(
  used: Box | null,
  cell: (r: number, c: number) => unknown,
  type: (r: number, c: number) => string = (r, c) =>
    typeof cell(r, c) === "number" ? "Double" : cell(r, c) === "" ? "Empty" : "String",
) {
  let n = 0;
  let syncs: () => number = () => 0;
  const requested: Requested[] = [];
  const grid = <T>(
    r0: number,
    c0: number,
    rows: number,
    cols: number,
    f: (r: number, c: number) => T,
  ) =>
    Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => f(r0 + i, c0 + j)),
    );
  const data = {
    context: {
      workbook: {
        worksheets: {
          sheet: {
            name: "Data",
            used: used ?? { rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: 1 },
            getUsedRangeOrNullObject: function (this: MockNode, valuesOnly?: boolean) {
              expect(valuesOnly).toBe(true); // values only: formats do not widen what is read
              return this.used;
            },
            getRangeByIndexes: function (
              this: MockNode,
              row: number,
              column: number,
              rows: number,
              columns: number,
            ) {
              const key = `range${n++}`;
              this.addMock(key);
              const values = grid(row, column, rows, columns, cell);
              node(this, key).populate({
                values,
                valueTypes: grid(row, column, rows, columns, type),
              });
              requested.push({
                kind: "range",
                row,
                column,
                rows,
                columns,
                atSync: syncs(),
                bytes: JSON.stringify(values).length,
              });
              return this[key];
            },
          },
          getItem: function (this: MockNode, name: string) {
            expect(name).toBe("Data");
            return this.sheet;
          },
        },
      },
    },
  };
  const mocked = mockContext(data);
  const context = mocked.context;
  syncs = mocked.syncs;
  // Set after building: a plain flag the mock does not gate behind load (as Office's is known
  // after any sync).
  node(context, "workbook", "worksheets", "sheet", "used").isNullObject = used === null;
  const run: BatchRunner = (batch) => batch(context as unknown as Excel.RequestContext);
  return { run, requested, syncs: () => syncs() };
}

test("values are read after their sync, from A1: leading rows and columns are padded", async () => {
  const used = { rowIndex: 3, columnIndex: 2, rowCount: 2, columnCount: 3 };
  const { run, syncs, requested } = mockSheet(used, (r, c) => (c === 3 ? "" : `${r}:${c}`));
  const grid = await new OfficeWorkbook(run).readValues("Data");
  expect(grid).toEqual({
    sheet: "Data",
    file: null,
    rows: [[], [], [], [null, null, "3:2", null, "3:4"], [null, null, "4:2", null, "4:4"]],
  });
  expect(JSON.stringify(grid)).not.toContain(NOT_LOADED);
  expect(JSON.stringify(grid)).not.toContain(NOT_SYNCED);
  // One request for the used range, one for the chunk: not one per row or cell.
  expect(syncs()).toBe(2);
  expect(requested).toEqual([
    expect.objectContaining({ row: 3, column: 2, rows: 2, columns: 3, atSync: 1 }),
  ]);
});

test("an empty sheet reads as no rows", async () => {
  const { run, syncs } = mockSheet(null, () => "");
  expect((await new OfficeWorkbook(run).readValues("Data")).rows).toEqual([]);
  expect(syncs()).toBe(1);
});

test("error cells become { error }; text that reads like an error stays text", async () => {
  const cells: Record<string, [unknown, string]> = {
    "0,0": ["#N/A", "Error"],
    "1,1": ["#DIV/0!", "Error"],
    "2,0": ["#N/A", "String"], // a text cell holding "#N/A"
  };
  const { run, syncs, requested } = mockSheet(
    { rowIndex: 0, columnIndex: 0, rowCount: 4, columnCount: 2 },
    (r, c) => cells[`${r},${c}`]?.[0] ?? r * 10 + c,
    (r, c) => cells[`${r},${c}`]?.[1] ?? "Double",
  );
  const grid = await new OfficeWorkbook(run).readValues("Data");
  expect(grid.rows).toEqual([
    [{ error: "#N/A" }, 1],
    [10, { error: "#DIV/0!" }],
    ["#N/A", 21],
    [30, 31],
  ]);
  // valueTypes is asked only for the block holding the suspects, in one more request.
  expect(syncs()).toBe(3);
  expect(requested[1]).toMatchObject({ row: 0, column: 0, rows: 3, columns: 2, atSync: 2 });
});

test("a 1,048,576-row sheet is read in row chunks: every row once, each response under 5 MB", async () => {
  const FULL = 1_048_576;
  const { run, syncs, requested } = mockSheet(
    { rowIndex: 0, columnIndex: 0, rowCount: FULL, columnCount: 2 },
    (r, c) => r * 2 + c,
  );
  const wb = new OfficeWorkbook(run);
  const grid = await wb.readValues("Data");
  expect(grid.rows).toHaveLength(FULL);
  for (const r of [0, 1, 31_000, 524_287, FULL - 1])
    expect(grid.rows[r]).toEqual([r * 2, r * 2 + 1]);
  let next = 0;
  for (const q of requested) {
    expect(q.row).toBe(next);
    expect(q.rows * q.columns).toBeLessThanOrEqual(OFFICE_LIMITS.maxCellsPerRead);
    expect(q.bytes).toBeLessThan(OFFICE_LIMITS.maxPayloadBytes);
    next += q.rows;
  }
  expect(next).toBe(FULL);
  // One sync per chunk (plus the used range): the first chunk is sized by the 64-byte guess
  // (30,532 rows of 2 × 64 + 3 bytes), the rest by the measured density of these numbers (under
  // 8 bytes a cell, estimated at 1.5 times that).
  expect(requested[0].rows).toBe(Math.floor((OFFICE_LIMITS.budgetBytes - 256) / (2 * 64 + 3)));
  expect(requested[0].rows).toBe(30_532);
  expect(syncs()).toBe(requested.length + 1);
  expect(requested.length).toBeLessThan(15);
  expect(wb.stats.syncs).toBe(syncs());
  expect(wb.stats.largestResponse).toBeLessThanOrEqual(OFFICE_LIMITS.budgetBytes);
});

describe("settings in the workbook", () => {
  function mockSettings() {
    const added: [string, unknown][] = [];
    const data = {
      context: {
        workbook: {
          settings: {
            item: { value: "" },
            getItemOrNullObject: function (this: MockNode, key: string) {
              expect(key).toBe(SETTINGS_KEY);
              return this.item;
            },
            add: function (this: MockNode, key: string, value: unknown) {
              added.push([key, value]);
              node(this, "item").setValue("value", value); // readable after the next load + sync
              node(this, "item").isNullObject = false;
            },
          },
        },
      },
    };
    const { context } = mockContext(data);
    node(context, "workbook", "settings", "item").isNullObject = true; // nothing saved yet
    const run: BatchRunner = (batch) => batch(context as unknown as Excel.RequestContext);
    return { run, added };
  }

  test("absent settings load as null; saved ones round-trip as a JSON string", async () => {
    const { run, added } = mockSettings();
    const wb = new OfficeWorkbook(run);
    expect(await wb.loadSettings()).toBeNull();
    const settings = {
      mapping: { customer: "客户名称", amount: 4 },
      asOf: 46022,
      flags: [true, null],
    };
    await wb.saveSettings(settings);
    expect(added).toHaveLength(1);
    expect(added[0][0]).toBe(SETTINGS_KEY);
    expect(typeof added[0][1]).toBe("string");
    expect(await wb.loadSettings()).toEqual(settings);
    await wb.saveSettings(null);
    expect(await wb.loadSettings()).toBeNull();
  });
});

test("select activates the sheet and selects the cell (1-based in, 0-based to Office)", async () => {
  const calls: string[] = [];
  const data = {
    context: {
      workbook: {
        worksheets: {
          sheet: {
            cell: { select: () => calls.push("select") },
            activate: () => calls.push("activate"),
            getCell: function (this: MockNode, r: number, c: number) {
              calls.push(`cell ${r},${c}`);
              return this.cell;
            },
          },
          getItem: function (this: MockNode, name: string) {
            calls.push(`sheet ${name}`);
            return this.sheet;
          },
        },
      },
    },
  };
  const { context, syncs } = mockContext(data);
  const run: BatchRunner = (batch) => batch(context as unknown as Excel.RequestContext);
  await new OfficeWorkbook(run).select("账龄", 5, 3);
  expect(calls).toEqual(["sheet 账龄", "activate", "cell 4,2", "select"]);
  expect(syncs()).toBe(1);
});

test("each chunk is handed over as it is read: counts add up, rows in order, the padding first", async () => {
  const ROWS = 100_000;
  const { run, requested } = mockSheet(
    { rowIndex: 2, columnIndex: 0, rowCount: ROWS, columnCount: 2 },
    (r, c) => r * 2 + c,
  );
  const chunks: { first: unknown; n: number; done: number; total: number }[] = [];
  const grid = await new OfficeWorkbook(run).readValues("Data", (c) =>
    chunks.push({ first: c.rows[0], n: c.rows.length, done: c.done, total: c.total }),
  );
  // More than one request, one chunk each.
  expect(requested.length).toBeGreaterThan(1);
  expect(chunks).toHaveLength(requested.length);
  expect(chunks[0].first).toEqual([]); // the two empty rows above the used range come first
  let seen = 0;
  for (const c of chunks) {
    seen += c.n;
    expect(c.done).toBe(seen);
    expect(c.total).toBe(ROWS + 2);
  }
  expect(seen).toBe(grid.rows.length);
  expect(chunks[1].first).toEqual(grid.rows[chunks[0].n]);
});
