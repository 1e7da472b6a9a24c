/** Opening a file in the preview: read in the reader worker, handed on here as it arrives. */
import type { CellValue } from "../../sheet/grid";
import type { ReaderMessage } from "./reader.worker";

export interface BookReceiver {
  /** The file's sheets, names and row counts, before any row. */
  book(sheets: { name: string; rows: number }[]): void;
  /** Rows of the `sheet`-th sheet, following those before. */
  rows(sheet: number, rows: CellValue[][]): void;
}

/** Reads the file in the reader worker; resolves once every row has been handed on. */
export function loadBook(
  bytes: ArrayBuffer,
  name: string,
  workerUrl: URL,
  to: BookReceiver,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    const fail = (err: unknown) => {
      worker.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    worker.onmessage = (event: MessageEvent<ReaderMessage>) => {
      const msg = event.data;
      try {
        switch (msg.type) {
          case "book":
            to.book(msg.sheets);
            return;
          case "rows":
            to.rows(msg.sheet, msg.rows);
            return;
          case "done":
            worker.terminate();
            resolve();
            return;
          case "error":
            fail(new Error(msg.message));
        }
      } catch (err) {
        fail(err);
      }
    };
    worker.onerror = (event) => fail(new Error(event.message || `could not read ${name}`));
    worker.postMessage({ bytes, name }, [bytes]);
  });
}
