/**
 * Reads a dropped workbook off the page's thread and sends its sheets back in slices, so a
 * 100,000-row file never blocks the preview for long (preview/load.ts puts them together).
 */
import type { CellValue } from "../../sheet/grid";
import { readBook } from "./read-book";

export type ReaderMessage =
  | { type: "sheet"; name: string }
  | { type: "rows"; rows: CellValue[][] }
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
    for (const sheet of sheets) {
      scope.postMessage({ type: "sheet", name: sheet.name });
      for (let r = 0; r < sheet.rows.length; r += SLICE)
        scope.postMessage({ type: "rows", rows: sheet.rows.slice(r, r + SLICE) });
    }
    scope.postMessage({ type: "done" });
  } catch (err) {
    scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
