/** Opening a file in the preview: read in the reader worker, sheets put together here. */
import type { BookSheet } from "./read-book";
import type { ReaderMessage } from "./reader.worker";

export function loadBook(bytes: ArrayBuffer, name: string, workerUrl: URL): Promise<BookSheet[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    const sheets: BookSheet[] = [];
    worker.onmessage = (event: MessageEvent<ReaderMessage>) => {
      const msg = event.data;
      switch (msg.type) {
        case "sheet":
          sheets.push({ name: msg.name, rows: [] });
          return;
        case "rows": {
          const rows = sheets[sheets.length - 1].rows;
          for (const row of msg.rows) rows.push(row);
          return;
        }
        case "done":
          worker.terminate();
          resolve(sheets);
          return;
        case "error":
          worker.terminate();
          reject(new Error(msg.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || `could not read ${name}`));
    };
    worker.postMessage({ bytes, name }, [bytes]);
  });
}
