/**
 * A dropped file as sheets of values: .xlsx / .xlsm through the CLI's fast reader (fflate and an
 * XML scan: pure, so it runs in a browser worker), .csv / .txt / .tsv through its CSV parser.
 */
import { parseCsv } from "../../io/csv";
import { openXlsx } from "../../io/xlsx";
import type { CellValue } from "../../sheet/grid";

export interface BookSheet {
  name: string;
  rows: CellValue[][];
}

/** The sheets of a file, in workbook order. Throws with a one-line message when unreadable. */
export function readBook(bytes: Uint8Array, fileName: string): BookSheet[] {
  const lower = fileName.toLowerCase();
  if (/\.(csv|txt|tsv)$/.test(lower)) {
    const base = fileName.replace(/\.[^.]+$/, "").slice(0, 31) || "Sheet1";
    return [{ name: base, rows: parseCsv(bytes).rows }];
  }
  if (/\.(xls|xlsb|ods|numbers|et)$/.test(lower))
    throw new Error(
      `${fileName}: only .xlsx, .xlsm and .csv files can be opened; save it as .xlsx`,
    );
  const book = openXlsx(bytes);
  return book.sheetNames.map((name) => ({ name, rows: book.readSheet(name) }));
}
