/** Writing the report workbook of `analyze --out` and the demo. */
import type { Analysis } from "../core/analyze";
import type { Locale } from "../core/messages";
import type { ImportResult } from "../sheet/import";
import { reportSpecs } from "../sheet/report";
import type { SheetSpec } from "../sheet/spec";
import { sameFile } from "./io/identity";
import { UsageError } from "./shared";
import { FileWorkbook } from "./io/file-workbook";
import { cliText } from "./messages";

export async function writeReport(
  out: string,
  imported: ImportResult,
  analysis: Analysis,
  locale: Locale,
  /** More sheets after the report's own (the demo adds the functions sheet). */
  extra: SheetSpec[] = [],
): Promise<void> {
  if (!/\.xlsx$/i.test(out))
    throw new UsageError(cliText(locale, "xlsxName", { flag: "--out", file: out }));
  for (const s of imported.sheets) {
    if (s.file && sameFile(s.file, out)) {
      throw new UsageError(cliText(locale, "outIsInput", { file: out }));
    }
  }
  await new FileWorkbook(out, { fresh: true, locale }).writeSheets([
    ...reportSpecs(imported, analysis, locale),
    ...extra,
  ]);
}
