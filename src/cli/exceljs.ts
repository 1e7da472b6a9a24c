/**
 * ExcelJS, loaded on first use. Requiring it costs about 0.2 s, on every command, and most runs
 * never need it (`analyze` writes its report with the fast writer; only documents with data
 * validation and the mail register go through ExcelJS). Type-only imports of "exceljs" elsewhere
 * cost nothing at run time.
 */
import type ExcelJSModule from "exceljs";

let loaded: typeof ExcelJSModule | null = null;

export function excelJs(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose
  loaded ??= require("exceljs") as typeof ExcelJSModule;
  return loaded;
}
