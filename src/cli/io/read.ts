/**
 * Opening the CLI's input files: .xlsx / .xlsm through the fast reader, .csv / .txt / .tsv
 * through the CSV parser. Anything wrong with the input is an InputError with a one-line message
 * naming the file.
 */

import * as fs from "fs";
import * as nodePath from "path";
import * as zlib from "node:zlib";
import { problem } from "../../core/problems";
import type { CellValue, Grid } from "../../sheet/grid";
import { parseCsv, type CsvData } from "../../io/csv";
import { InputError } from "../../io/errors";
import { openXlsx, type XlsxBook } from "../../io/xlsx";

export interface SourceBook {
  /** The path as the user gave it. */
  file: string;
  kind: "xlsx" | "csv";
  /** Sheet names in workbook order; [] for a CSV. */
  sheetNames: string[];
  date1904: boolean;
  /** A sheet's grid; for a CSV pass null, for a workbook null means the first sheet. */
  read(sheet: string | null): Grid;
}

const XLSX_EXT = new Set([".xlsx", ".xlsm"]);
const CSV_EXT = new Set([".csv", ".txt", ".tsv"]);
const OTHER_SPREADSHEETS: Record<string, string> = {
  ".xls": "Excel 97-2003 .xls",
  ".xlsb": "Excel binary .xlsb",
  ".xltx": "Excel template .xltx",
  ".xltm": "Excel template .xltm",
  ".ods": "OpenDocument .ods",
  ".numbers": "Apple Numbers",
  ".et": "WPS .et",
};

export function openSource(path: string): SourceBook {
  const name = nodePath.basename(path) || path;
  const fail = (message: string): InputError => new InputError(`${name}: ${message}`);

  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    throw fail(describeFsError(e));
  }
  if (stat.isDirectory()) throw fail("is a folder, not a file");

  const ext = nodePath.extname(path).toLowerCase();
  const other = OTHER_SPREADSHEETS[ext];
  if (other) {
    throw fail(`${other} files are not supported; open it in Excel and save it as .xlsx (or .csv)`);
  }
  if (!XLSX_EXT.has(ext) && !CSV_EXT.has(ext)) {
    throw fail(`unsupported file type "${ext || "(none)"}"; give an .xlsx, .xlsm or .csv file`);
  }

  let data: Buffer;
  try {
    data = fs.readFileSync(path);
  } catch (e) {
    throw fail(describeFsError(e));
  }

  if (CSV_EXT.has(ext)) return csvSource(path, data, fail);
  return xlsxSource(path, data, fail);
}

function csvSource(path: string, data: Uint8Array, fail: (m: string) => InputError): SourceBook {
  let parsed: CsvData | null = null;
  return {
    file: path,
    kind: "csv",
    sheetNames: [],
    date1904: false,
    read(sheet: string | null): Grid {
      if (sheet !== null) throw fail(`is a CSV file and has no sheets (asked for "${sheet}")`);
      parsed ??= parseCsv(data);
      const problems = parsed.notes.map((n) =>
        problem(n.code, n.severity, { file: path, sheet: null, row: n.row }, n.column, n.params),
      );
      return {
        sheet: null,
        file: path,
        rows: parsed.rows,
        ...(problems.length ? { problems } : {}),
      };
    },
  };
}

function xlsxSource(path: string, data: Uint8Array, fail: (m: string) => InputError): SourceBook {
  if (data.length >= 8 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11) {
    // An OLE compound file: a password-protected workbook or an .xls renamed to .xlsx.
    throw fail(
      "is password-protected or an old-format .xls file; remove the password or save it as .xlsx",
    );
  }
  let book: XlsxBook;
  try {
    book = openXlsx(data, { inflateRaw });
  } catch (e) {
    throw rethrow(e, fail);
  }
  const sheetNames = book.sheetNames;
  return {
    file: path,
    kind: "xlsx",
    sheetNames,
    date1904: book.date1904,
    read(sheet: string | null): Grid {
      if (sheetNames.length === 0) throw fail("the workbook has no sheets");
      let name = sheet ?? sheetNames[0];
      if (!sheetNames.includes(name)) {
        const folded = sheetNames.filter((s) => s.toLowerCase() === name.toLowerCase());
        if (folded.length !== 1) {
          const list = sheetNames.map((s) => `"${s}"`).join(", ");
          throw fail(`no sheet named "${name}"; the sheets are ${list}`);
        }
        name = folded[0];
      }
      try {
        // Held as columns: the import reads them without a grid of boxed values; the grid is
        // made only for a reader that asks for `rows`.
        const { cells, notes } = book.readSheetCells(name);
        const problems = notes.map((n) =>
          problem(n.code, "warning", { file: path, sheet: name, row: n.row }, null, n.params),
        );
        let rows: CellValue[][] | null = null;
        const grid: Grid = {
          sheet: name,
          file: path,
          get rows(): CellValue[][] {
            return (rows ??= cells.toRows());
          },
          ...(problems.length ? { problems } : {}),
        };
        // Not enumerable: a copy or a comparison of the grid sees its rows, as before.
        Object.defineProperty(grid, "cells", { value: cells, enumerable: false });
        return grid;
      } catch (e) {
        throw rethrow(e, fail);
      }
    },
  };
}

/**
 * Node's zlib in place of fflate: 0.9 s instead of 2.2 s for a full sheet's part. One output
 * chunk of the declared size, so the part is not held twice while chunks are joined; output
 * beyond it throws, and the reader then inflates the part with fflate as it always did.
 */
function inflateRaw(compressed: Uint8Array, size: number): Uint8Array {
  const room = size + 64;
  return zlib.inflateRawSync(compressed, { chunkSize: room, maxOutputLength: size });
}

function rethrow(e: unknown, fail: (m: string) => InputError): Error {
  if (e instanceof InputError) return fail(e.message);
  if (e instanceof RangeError) return fail(`too large to read (${e.message})`);
  return fail(`could not be read (${e instanceof Error ? e.message : String(e)})`);
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "ENOENT":
      return "file not found";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EBUSY":
      return "the file is locked by another program (close it in Excel and try again)";
    case "EISDIR":
      return "is a folder, not a file";
    case "ENOTDIR":
      return "file not found (a folder in the path is a file)";
    default:
      return `could not be read (${e instanceof Error ? e.message : String(e)})`;
  }
}
