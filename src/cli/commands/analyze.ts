/** `ar-desk analyze`: read the files, compute the position, print JSON or a summary. */
import { analyze } from "../../core/analyze";
import { insight } from "../../core/insight";
import { importGrids } from "../../sheet/import";
import { analysisJson, AnalyzeJson } from "../json";
import type { ParsedArgs } from "../main";
import { writeReport } from "../report";
import { asOfArg, dateOrderArg, loadInputs, localeArg, policyArgs, type Io } from "../shared";
import { renderSummary } from "../summary";

export async function analyzeCommand({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  const asOf = asOfArg(values["as-of"]);
  const policy = policyArgs(values);
  const dateOrder = dateOrderArg(values["date-order"]);
  const locale = localeArg(values.lang);
  const inputs = loadInputs(positionals, {
    sheet: values.sheet as string | undefined,
    payments: values.payments as string[] | undefined,
    customers: values.customers as string[] | undefined,
  });
  const imported = importGrids(inputs, { dateOrder });
  const analysis = analyze(imported.ledger, asOf, policy);
  if (values.out !== undefined) await writeReport(String(values.out), imported, analysis, locale);
  // Collection insight (behaviour, expected pay dates, forecast, grades) is its own call after
  // the analysis, learning only from items settled by the as-of date.
  const ins = insight(analysis);
  if (values.json) {
    // The contract is checked on every run: a field the schema does not allow is a bug to catch
    // here, not in a user's script.
    const json = AnalyzeJson.parse(analysisJson(imported, analysis, locale, ins));
    io.stdout.write(JSON.stringify(json) + "\n");
  } else {
    io.stdout.write(renderSummary(imported, analysis, locale, values.problems === true, 10, ins));
  }
  return 0;
}
