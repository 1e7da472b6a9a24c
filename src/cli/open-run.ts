/**
 * The start every command that reads receivables shares: its files opened through the file
 * adapter (the inputs, `--payments`, `--customers`, `--log`, `--schedule`) and the position
 * computed from them by the application layer (src/desk/position.ts `openPosition`), as the
 * task pane computes it from the sheets Office.js read.
 */
import type { CreditPolicy } from "../core/credit";
import type { Serial } from "../core/dates";
import type { Locale } from "../core/messages";
import type { Policy } from "../core/policy";
import { openPosition, type OpenPosition } from "../desk/position";
import { logFile, requireFound, type CreditFile } from "./credit-files";
import { refuseInexactTotals } from "./exact";
import { dateOrderArg, loadInputs, openInputs, type ParsedArgs } from "./shared";

export interface RunOptions {
  locale: Locale;
  asOf: Serial;
  policy: Policy;
  /** Where a `--log` to create is queued, to be written once the run's outputs are. */
  pending?: (() => Promise<void>)[];
  /** The `--schedule` file, opened by the command (generate). */
  schedule?: CreditFile | null;
  creditPolicy?: CreditPolicy;
}

export async function openRun(
  values: ParsedArgs["values"],
  files: string[],
  o: RunOptions,
): Promise<{ opened: OpenPosition; log: CreditFile | null }> {
  const which = {
    sheet: values.sheet as string | undefined,
    payments: values.payments as string[] | undefined,
    customers: values.customers as string[] | undefined,
  };
  // The workbooks read ahead, asynchronously (see openInputs); let go once imported from.
  const ahead = await openInputs(files, which);
  const inputs = loadInputs(files, which, ahead);
  ahead.clear();
  const log = await logFile(values.log, o.locale, o.pending);
  const opened = openPosition({
    inputs,
    dateOrder: dateOrderArg(values["date-order"]),
    asOf: o.asOf,
    policy: o.policy,
    log: log?.book,
    schedule: o.schedule?.book,
    creditPolicy: o.creditPolicy,
  });
  refuseInexactTotals(opened.imported.ledger, o.locale);
  requireFound(log, o.schedule ?? null, opened, o.locale);
  return { opened, log };
}
