/**
 * Reads a dropped workbook off the page's thread and sends it back in slices: first the sheets'
 * names and row counts, then each sheet's rows, so the pane can start on a 100,000-row file
 * (count, pass on to the engine) while the rest still arrives, and no message blocks the page
 * for long (preview/load.ts receives them).
 */
import type { CellValue } from "../../sheet/grid";
import { readBook } from "./read-book";

export type ReaderMessage =
  | { type: "book"; sheets: { name: string; rows: number }[] }
  | { type: "rows"; sheet: number; rows: CellValue[][] }
  | { type: "done" }
  | { type: "error"; message: string };

/** Rows per message: each is received (deserialised) on the page's thread. */
const SLICE = 1000;

interface WorkerScope {
  postMessage(message: ReaderMessage): void;
  onmessage: ((event: MessageEvent<{ bytes: ArrayBuffer; name: string }>) => void) | null;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  try {
    const sheets = readBook(new Uint8Array(event.data.bytes), event.data.name);
    scope.postMessage({
      type: "book",
      sheets: sheets.map((s) => ({ name: s.name, rows: s.rows.length })),
    });
    sheets.forEach((sheet, k) => {
      for (let r = 0; r < sheet.rows.length; r += SLICE)
        scope.postMessage({ type: "rows", sheet: k, rows: sheet.rows.slice(r, r + SLICE) });
    });
    scope.postMessage({ type: "done" });
  } catch (err) {
    scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
