import { onSheetChanged, type SheetChange } from "../../src/excel/events";
import { FakeExcel } from "../support/fake-excel";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("changes are debounced into one call; unsubscribing removes the handler", async () => {
  const fake = new FakeExcel();
  fake.addSheet("Data", [["x"]]);
  const calls: SheetChange[][] = [];
  const off = await onSheetChanged("Data", (c) => calls.push(c), 300, fake.run);
  expect(fake.find("Data")!.handlers.size).toBe(1);

  await fake.change("Data", "A1");
  jest.advanceTimersByTime(200);
  await fake.change("Data", "B2:B9", "RangeEdited");
  jest.advanceTimersByTime(200);
  await fake.change("Data", "3:3", "RowInserted");
  expect(calls).toHaveLength(0); // still typing
  jest.advanceTimersByTime(300);
  expect(calls).toEqual([
    [
      { address: "A1", changeType: "RangeEdited", source: "Local" },
      { address: "B2:B9", changeType: "RangeEdited", source: "Local" },
      { address: "3:3", changeType: "RowInserted", source: "Local" },
    ],
  ]);

  await fake.change("Data", "C1");
  await off(); // drops the pending call too
  jest.advanceTimersByTime(1000);
  expect(calls).toHaveLength(1);
  expect(fake.find("Data")!.handlers.size).toBe(0);
  await fake.change("Data", "D1");
  jest.advanceTimersByTime(1000);
  expect(calls).toHaveLength(1);
  await off(); // twice is harmless
});

test("subscribing to a missing sheet fails", async () => {
  const fake = new FakeExcel();
  fake.addSheet("Data");
  await expect(onSheetChanged("Nope", () => {}, 100, fake.run)).rejects.toMatchObject({
    code: "ItemNotFound",
  });
});
