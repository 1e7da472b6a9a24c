/**
 * `ar-desk demo`: the whole job on the sample workbook shipped in assets/. The sample is a
 * company's books as of its own date (its title block says 截至 2026-06-30), so the demo uses
 * that date unless --as-of says otherwise; a fixed date keeps the demo's figures meaningful.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { serialFromIso } from "../../core/dates";
import { DEFAULT_POLICY } from "../../core/policy";
import { openRun } from "../open-run";
import { DOCUMENT_KINDS } from "../../sheet/documents";
import { functionsSheetSpec } from "../../sheet/functions-sheet";
import { refuseSharedFiles } from "../io/identity";
import { InputError } from "../../io/errors";
import { writeFileAtomic } from "../io/safe-write";
import { generatedSummary } from "../generate-print";
import { generateToFile, readProfile } from "./generate";
import { analysisJson, AnalyzeJson } from "../json";
import type { ParsedArgs } from "../shared";
import { writeReport } from "../report";
import { asOfArg, inputError, localeArg, type Io } from "../shared";
import { cliText } from "../messages";
import { renderSummary } from "../summary";

/** The sample's own as-of date. */
export const SAMPLE_AS_OF = "2026-06-30";

/** Where the sample workbook lives, from the compiled (dist/cli/commands) or source tree. */
export function samplePath(): string {
  const candidates = [
    path.resolve(__dirname, "../../../assets/sample.xlsx"),
    path.resolve(__dirname, "../../assets/sample.xlsx"),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw inputError("sampleMissing");
  return found;
}

export async function demoCommand({ values }: ParsedArgs, io: Io): Promise<number> {
  const outDir = String(values.out ?? "out");
  const asOf = asOfArg(values["as-of"], serialFromIso(SAMPLE_AS_OF) as number);
  const locale = localeArg(values.lang ?? "zh-CN");
  const sample = samplePath();
  // The sample through the same path as every command (src/desk).
  const { opened } = await openRun({}, [sample], { locale, asOf, policy: DEFAULT_POLICY });
  const { imported, analysis } = opened;
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new InputError(
      cliText(locale, "cannotCreate", {
        file: outDir,
        why: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  const report = path.join(outDir, "report.xlsx");
  const json = path.join(outDir, "analysis.json");
  const documents = path.join(outDir, "documents.xlsx");
  const company = path.join(path.dirname(sample), "sample-company.json");
  refuseSharedFiles(
    [
      { flag: "--out", path: report, writes: true },
      { flag: "--out", path: json, writes: true },
      { flag: "--out", path: documents, writes: true },
      { flag: "input", path: sample, writes: false },
      { flag: "input", path: company, writes: false },
    ],
    locale,
  );
  await writeReport(report, imported, analysis, locale, [functionsSheetSpec(analysis, locale)]);
  const generated = await generateToFile(documents, [...DOCUMENT_KINDS], {
    imported,
    analysis,
    policy: DEFAULT_POLICY,
    locale,
    profile: readProfile(company),
    templates: {},
    customers: [],
    perCustomer: false,
  });
  const doc = AnalyzeJson.parse(analysisJson(imported, analysis, locale));
  try {
    await writeFileAtomic(json, JSON.stringify(doc, null, 1) + "\n");
  } catch (e) {
    throw new InputError(
      cliText(locale, "cannotWrite", {
        file: json,
        why: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  io.stdout.write(renderSummary(imported, analysis, locale));
  io.stdout.write("\n" + generatedSummary(generated, imported, documents, locale));
  io.stdout.write(
    cliText(locale, "demoWrote", { files: [report, json, documents].join(", ") }) + "\n",
  );
  return 0;
}
