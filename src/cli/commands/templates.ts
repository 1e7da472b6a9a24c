/**
 * `ar-desk templates --out FILE.xlsx [--lang zh-CN|en-US]`: the built-in templates as an ordinary
 * workbook, to edit and hand back with `generate --template FILE.xlsx` (docs/TEMPLATES.md).
 */
import * as fs from "node:fs";
import { builtinTemplates } from "../../sheet/templates/builtin";
import type { ParsedArgs } from "../shared";
import { localeArg, usageError, type Io } from "../shared";
import { FileWorkbook } from "../io/file-workbook";
import { cliText } from "../messages";

export async function templatesCommand({ values }: ParsedArgs, io: Io): Promise<number> {
  const out = values.out;
  if (typeof out !== "string" || !/\.xlsx$/i.test(out)) throw usageError("templatesNeedsOut");
  if (fs.existsSync(out) && !values.force) throw usageError("outExists", { file: out });
  const locale = localeArg(values.lang ?? "zh-CN");
  const specs = builtinTemplates(locale);
  await new FileWorkbook(out, { fresh: true, locale }).writeSheets(specs);
  io.stdout.write(
    cliText(locale, "templatesWrote", { file: out, names: specs.map((s) => s.name).join(", ") }) +
      "\n",
  );
  return 0;
}
