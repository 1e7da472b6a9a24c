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
import type { ColumnStore } from "../../io/columns";
import { openXlsx, type XlsxBook, type XlsxNote } from "../../io/xlsx";
import type { MessageParams } from "../../core/i18n";
import type { Locale } from "../../core/messages";
import { cliText, type CliKey } from "../messages";

/** An InputError naming the file, its message a table's (`key`) or another error's. */
interface Fail {
  (key: CliKey, params?: MessageParams): InputError;
  wrap(problem: (locale: Locale) => string): InputError;
}

function failFor(name: string): Fail {
  const wrap = (problem: (locale: Locale) => string): InputError =>
    new InputError(
      cliText("en-US", "fileProblem", { file: name, problem: problem("en-US") }),
      (l) => cliText(l, "fileProblem", { file: name, problem: problem(l) }),
    );
  const fail = (key: CliKey, params: MessageParams = {}) => wrap((l) => cliText(l, key, params));
  return Object.assign(fail, { wrap });
}

export interface SourceBook {
  /** The path as the user gave it. */
  file: string;
  kind: "xlsx" | "csv";
  /** Sheet names in workbook order; [] for a CSV. */
  sheetNames: string[];
  date1904: boolean;
  /** A sheet's grid; for a CSV pass null, for a workbook null means the first sheet. */
  read(sheet: string | null): Grid;
  /**
   * Reads ahead what `read` will be asked for (the sheet, or every sheet for null), reading and
   * inflating at once: `read` then hands each grid over once. Whatever fails here is left for
   * `read` to do again and report.
   */
  preload(sheet: string | null): Promise<void>;
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
  const fail = failFor(name);

  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    throw fail(...describeFsError(e));
  }
  if (stat.isDirectory()) throw fail("fileIsFolder");

  const ext = nodePath.extname(path).toLowerCase();
  const other = OTHER_SPREADSHEETS[ext];
  if (other) {
    throw fail("otherSpreadsheet", { kind: other });
  }
  if (!XLSX_EXT.has(ext) && !CSV_EXT.has(ext)) {
    throw ext ? fail("unsupportedType", { ext }) : fail("unsupportedNoType");
  }

  let data: Buffer;
  try {
    data = fs.readFileSync(path);
  } catch (e) {
    throw fail(...describeFsError(e));
  }

  if (CSV_EXT.has(ext)) return csvSource(path, data, fail);
  return xlsxSource(path, data, fail);
}

function csvSource(path: string, bytes: Uint8Array, fail: Fail): SourceBook {
  let parsed: CsvData | null = null;
  // The file's bytes, let go once parsed: the cells hold what is needed, and a full-sheet file is
  // over 100 MB that would otherwise stay alive for the rest of the run.
  let data: Uint8Array | null = bytes;
  return {
    file: path,
    kind: "csv",
    sheetNames: [],
    date1904: false,
    preload: async () => {},
    read(sheet: string | null): Grid {
      if (sheet !== null) throw fail("csvNoSheets", { sheet });
      if (parsed === null) {
        parsed = parseCsv(data ?? new Uint8Array(0));
        data = null;
      }
      const problems = parsed.notes.map((n) =>
        problem(n.code, n.severity, { file: path, sheet: null, row: n.row }, n.column, n.params),
      );
      // Held as columns (see parseCsv): the import reads them without a grid of strings; the
      // rows are made only for a reader that asks for them.
      const csv = parsed;
      const grid: Grid = {
        sheet: null,
        file: path,
        get rows(): CellValue[][] {
          return csv.rows;
        },
        ...(problems.length ? { problems } : {}),
      };
      // Not enumerable: a copy or a comparison of the grid sees its rows, as before.
      Object.defineProperty(grid, "cells", { value: csv.cells, enumerable: false });
      return grid;
    },
  };
}

function xlsxSource(path: string, data: Uint8Array, fail: Fail): SourceBook {
  if (data.length >= 8 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11) {
    // An OLE compound file: a password-protected workbook or an .xls renamed to .xlsx.
    throw fail("oleFile");
  }
  let book: XlsxBook;
  try {
    book = openXlsx(data, { inflateRaw, inflateRawStream });
  } catch (e) {
    throw rethrow(e, fail);
  }
  const sheetNames = book.sheetNames;
  /** The sheet's name as written, for the name asked for (letter case aside if it is unique). */
  const sheetNamed = (sheet: string | null): string => {
    if (sheetNames.length === 0) throw fail("noSheets");
    const name = sheet ?? sheetNames[0];
    if (sheetNames.includes(name)) return name;
    const folded = sheetNames.filter((s) => s.toLowerCase() === name.toLowerCase());
    if (folded.length !== 1) {
      const list = sheetNames.map((s) => `"${s}"`).join(", ");
      throw fail("noSheetNamed", { name, list });
    }
    return folded[0];
  };
  const gridOf = (name: string, cells: ColumnStore, notes: XlsxNote[]): Grid =>
    gridOfCells(path, name, cells, notes);
  /** Grids read ahead by preload, each handed over once. */
  const ahead = new Map<string, Grid>();
  return {
    file: path,
    kind: "xlsx",
    sheetNames,
    date1904: book.date1904,
    async preload(sheet: string | null): Promise<void> {
      let names: string[];
      try {
        names = sheet === null ? sheetNames : [sheetNamed(sheet)];
      } catch {
        return; // read says what is wrong
      }
      for (const name of names) {
        try {
          const { cells, notes } = await book.readSheetCellsAsync(name);
          ahead.set(name, gridOf(name, cells, notes));
        } catch {
          // read reads it again and says what is wrong
        }
      }
    },
    read(sheet: string | null): Grid {
      const name = sheetNamed(sheet);
      const early = ahead.get(name);
      if (early !== undefined) {
        ahead.delete(name);
        return early;
      }
      try {
        const { cells, notes } = book.readSheetCells(name);
        return gridOf(name, cells, notes);
      } catch (e) {
        throw rethrow(e, fail);
      }
    },
  };
}

/**
 * A sheet's grid over its cells (held as columns: the import reads them without a grid of boxed
 * values; the grid is made only for a reader that asks for `rows`). Made out here, not in
 * xlsxSource, so that a grid does not keep the workbook (the whole file's bytes) alive.
 */
function gridOfCells(path: string, name: string, cells: ColumnStore, notes: XlsxNote[]): Grid {
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
}

/**
 * Node's zlib inflating a sheet's part as a stream, on the thread pool: the next piece is
 * inflated while the reader scans this one (the part, 400 MB for a full sheet, is never whole in
 * memory). Pieces of 4 MiB, up to four ahead: with pieces of 1 MiB the reader waited for the
 * inflater 0.3–0.4 s in a full sheet's read (each piece is handed over by a callback on the main
 * thread, so the inflater idles while the reader scans), with 4 MiB about 0.02–0.1 s.
 */
function inflateRawStream(stored: Uint8Array): AsyncIterable<Uint8Array> {
  // highWaterMark (a stream option zlib passes on, not in its typings): how far ahead it inflates.
  const options: zlib.ZlibOptions & { highWaterMark: number } = {
    chunkSize: 4 << 20,
    highWaterMark: 16 << 20,
  };
  const z = zlib.createInflateRaw(options);
  z.end(stored);
  return z;
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

function rethrow(e: unknown, fail: Fail): Error {
  if (e instanceof InputError) return fail.wrap((l) => e.text(l));
  if (e instanceof RangeError) return fail("fileTooLarge", { why: e.message });
  return fail("fileUnreadable", { why: e instanceof Error ? e.message : String(e) });
}

function describeFsError(e: unknown): [CliKey, MessageParams?] {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "ENOENT":
      return ["fileNotFound"];
    case "EACCES":
    case "EPERM":
      return ["filePermission"];
    case "EBUSY":
      return ["fileLocked"];
    case "EISDIR":
      return ["fileIsFolder"];
    case "ENOTDIR":
      return ["fileNotDir"];
    default:
      return ["fileUnreadable", { why: e instanceof Error ? e.message : String(e) }];
  }
}
