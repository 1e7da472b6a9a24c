/**
 * Worksheet change events for the task pane's refresh: Office's `worksheet.onChanged`, with
 * bursts of edits (a paste, a fill, typing through a column) folded into one call.
 */
import { excelRun, type BatchRunner } from "./office-workbook";

/** One change Excel reported. */
export interface SheetChange {
  /** The changed range, e.g. `B2:C5`. */
  address: string;
  /** `RangeEdited`, `RowInserted`, … */
  changeType: string;
  /** `Local` or `Remote` (a co-author). */
  source: string;
}

/**
 * Calls `handler` with the changes of `sheet` once no change has come for `debounceMs`. Resolves
 * once the handler is registered, to a function that removes it (and drops a pending call).
 */
export async function onSheetChanged(
  sheet: string,
  handler: (changes: SheetChange[]) => void,
  debounceMs = 500,
  run: BatchRunner = excelRun,
): Promise<() => Promise<void>> {
  let pending: SheetChange[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let active = true;
  const fire = () => {
    timer = null;
    if (!active || !pending.length) return;
    const changes = pending;
    pending = [];
    handler(changes);
  };
  const listener = async (e: Excel.WorksheetChangedEventArgs) => {
    if (!active) return;
    pending.push({ address: e.address, changeType: e.changeType, source: e.source });
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };
  const registration = await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    const result = ws.onChanged.add(listener);
    await context.sync();
    return result;
  });
  return async () => {
    if (!active) return;
    active = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = [];
    // A handler is removed in the context it was added in (Office's rule for events).
    await run(async (context) => {
      registration.remove();
      await context.sync();
    }, registration.context);
  };
}
