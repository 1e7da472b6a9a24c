/**
 * What the commands share: output streams, argument checking, and loading input files.
 */
import { serialFromIso, serialFromLocalDate, type Serial } from "../core/dates";
import type { Locale } from "../core/messages";
import { Policy, type PolicyInput } from "../core/policy";
import type { SheetKind } from "../sheet/fields";
import type { GridInput } from "../sheet/import";
import type { DateOrder } from "../sheet/values";
import { InputError } from "../io/errors";
import type { MessageParams } from "../core/i18n";
import { sourcesOf } from "../desk/sources";
import { FileWorkbook } from "./io/file-workbook";
import type { SourceBook } from "./io/read";
import { UsageError } from "./usage-error";
import { cliText, type CliKey } from "./messages";

/** A command's arguments as parsed by main.ts (node:util parseArgs). */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Io {
  stdout: {
    write(text: string): unknown;
    /**
     * UTF-8 bytes written as they are. Through `terminalSafe`, only for bytes the caller has made
     * free of control characters (`jsonBytes`: JSON.stringify escapes C0, jsonSafe DEL and C1),
     * which spares a second scan of every byte of a `--json` run. Absent: `write` the text.
     */
    writeBytes?(bytes: Uint8Array): unknown;
    /**
     * True when everything written so far has been handed to the system, nothing queued: the
     * bytes last written may then be overwritten (`--json` fills its buffers again). Absent:
     * never assume so.
     */
    written?(): boolean;
  };
  stderr: { write(text: string): unknown };
}

/** Unusable arguments (src/cli/usage-error.ts, apart so the io modules need not import this one). */
export { UsageError };

/** A UsageError saying the message `key`, in whatever language the run speaks. */
export function usageError(key: CliKey, params: MessageParams = {}): UsageError {
  return new UsageError(cliText("en-US", key, params), (l) => cliText(l, key, params));
}

/** An InputError saying the message `key`, in whatever language the run speaks. */
export function inputError(key: CliKey, params: MessageParams = {}): InputError {
  return new InputError(cliText("en-US", key, params), (l) => cliText(l, key, params));
}

export function helpText(): string {
  return `ar-desk: receivables aging, credit headroom and dunning, from .xlsx/.csv files

Usage:
  ar-desk analyze <file> [more files]
      [--sheet NAME]            which sheet of an .xlsx (default: every sheet that looks like
                                invoices, payments or customers)
      [--payments FILE]         a payments list (invoice reference, date, amount); repeatable
      [--customers FILE]        a customer list (credit limit, terms, salesperson); repeatable
      [--as-of YYYY-MM-DD]      default: today
      [--buckets 30,60,90]      aging thresholds
      [--basis due|invoice]     age from the due date (default) or the invoice date
      [--grace DAYS]            days past due before an item counts as overdue (default 0)
      [--date-order dmy|mdy]    how to read dates like 5/3/2024 when a column cannot tell
      [--json]                  machine-readable result on stdout
      [--problems]              list every problem in the readable summary
      [--lang zh-CN|en-US]      language of the summary and messages
      [--out report.xlsx]       also write the report workbook (an existing file not made by
                                ar-desk only with --force)
      [--log LOG.xlsx]          the collection log: promises, disputes, steps done, and the
                                demands that restart the limitation watch
      [--policy FILE]           the credit policy (as check-order reads it): where a grade's
                                rule changes a recorded limit, the policy's limit is shown,
                                marked, with the recorded one
  ar-desk generate <statements|confirmations|reminders|commitments|plan|aging|scorecard|all>
      <file> [more]
      [--payments FILE] [--customers FILE] [--sheet NAME] [--as-of D]
      [--from D --to D]         a period: statements become balance-forward statements
      [--template FILE.xlsx]    a workbook whose template sheets replace the built-in ones
      [--company FILE.json]     the issuing company (name, address, bank, contact), auditor;
                                a field the letters print but the profile lacks shows as
                                【待填：…】 / [to fill in: …], with one warning listing them
      [--require-company]       refuse instead (exit 2, nothing written) when the letters
                                print a profile field that is missing
      [--customer NAME]...      only these customers (code or name)
      [--per-customer]          one sheet per customer instead of page breaks on one sheet
      [--log LOG.xlsx]          the collection log (催收记录): done steps, promises, disputes
                                feed the plan and the letters; a missing file is created empty
      [--schedule FILE]         agreed instalments (customer, date, amount; .xlsx or .csv):
                                commitment letters (还款承诺书), and promises in the plan;
                                a missing file is created empty
      [--register REG.xlsx]     append every document made (type, number, customer, balance,
                                generated at/by, SHA-256 of its content) to the register
                                sheet of REG.xlsx, never deleting rows; = --out: into the output
      [--lang zh-CN|en-US]      built-in templates' language (default zh-CN)
      [--force]                 replace an existing --out file that ar-desk did not make
      [--pdf DIR]               also one PDF per letter in DIR (对账单-C0003-20260630.pdf),
                                printed by LibreOffice headless (soffice)
      --out OUT.xlsx
  ar-desk remind <file> [more] [--customers FILE] [--payments FILE] [--log LOG.xlsx]
      [--as-of D]               the day's reminders from the collection plan (default today),
                                to the customer list's 联系人邮箱 / contact e-mail addresses
      [--send]                  send through SMTP (--smtp FILE.json or AR_DESK_SMTP_HOST …;
                                password only in AR_DESK_SMTP_PASSWORD); without it, a dry
                                run writes .eml drafts
      [--register REG.xlsx]     mail register: every message sent, once each (required with
                                --send)
      [--out DIR] [--from ADDR] [--reply-to ADDR] [--collector NAME] [--company FILE.json]
      [--mail-templates FILE.json] [--template FILE.xlsx] [--lang zh-CN|en-US]
      [--max N]                 at most N messages a run (default 50)
      [--rate N]                at most N messages a minute (default 20)
  ar-desk check-order <file> [more] --customer CODE --amount N
      [--currency CNY] [--as-of D] [--payments FILE] [--customers FILE] [--sheet NAME]
      [--log LOG.xlsx]          the collection log, applied as the task pane applies it
                                (promises hold items, disputes, steps done)
      [--policy FILE]           credit policy by grade, .json or a workbook's 信用政策 /
                                Credit policy sheet (limit factor, terms, prepayment,
                                review months, overdue rule); default: A–D table
      [--json] [--lang zh-CN|en-US]
                                may this order go on credit: OK / over limit / overdue /
                                prepayment required / no credit, with reasons and headroom;
                                exit 0 OK, 1 refused
  ar-desk check-order <file> --reviews [--as-of D] [--policy FILE] [--json]
                                credit reviews coming due (customer list column 复核日期)
  ar-desk templates --out FILE.xlsx [--lang zh-CN|en-US] [--force]
                                the built-in templates as a workbook to edit (docs/TEMPLATES.md)
  ar-desk demo [--out DIR] [--as-of D] [--lang zh-CN|en-US]
                                the whole job on the bundled sample workbook (default out/)
  ar-desk --help | --version

Exit status: 0 when it ran (rejected rows are listed as problems), 2 for unusable arguments or
an unreadable file.
`;
}

export function asOfArg(value: unknown, fallback?: Serial): Serial {
  if (value === undefined) return fallback ?? serialFromLocalDate(new Date());
  const serial = typeof value === "string" ? serialFromIso(value) : null;
  if (serial === null) throw usageError("asOfBad", { value: String(value) });
  return serial;
}

export function policyArgs(values: Record<string, unknown>): Policy {
  const input: PolicyInput = {};
  if (values.buckets !== undefined) {
    const text = String(values.buckets);
    const parts = text.split(",").map((s) => Number(s.trim()));
    if (parts.some((n) => !Number.isInteger(n) || n <= 0)) {
      throw usageError("bucketsBad", { value: text });
    }
    input.thresholds = parts;
  }
  if (values.basis !== undefined) {
    if (values.basis !== "due" && values.basis !== "invoice") {
      throw usageError("basisBad", { value: String(values.basis) });
    }
    input.basis = values.basis;
  }
  if (values.grace !== undefined) {
    const n = Number(values.grace);
    if (!Number.isInteger(n) || n < 0)
      throw usageError("graceBad", { value: String(values.grace) });
    input.graceDays = n;
  }
  const parsed = Policy.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.path[0] === "thresholds" && issue.code === "custom")
      throw usageError("bucketsIncreasing");
    throw usageError("policyIssue", {
      option: issue.path[0] === "thresholds" ? "buckets" : String(issue.path[0]),
      issue: issue.message,
    });
  }
  return parsed.data;
}

export function dateOrderArg(value: unknown): DateOrder | null {
  if (value === undefined) return null;
  if (value === "dmy" || value === "mdy") return value;
  throw usageError("dateOrderBad", { value: String(value) });
}

export function localeArg(value: unknown): Locale {
  if (value === undefined) {
    const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "";
    return env.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
  }
  if (value === "zh-CN" || value === "en-US") return value;
  if (value === "zh") return "zh-CN";
  if (value === "en") return "en-US";
  throw usageError("langBad", { value: String(value) });
}

/**
 * The grids to import from the command's files. Main files contribute every sheet that looks
 * like invoices, payments or customers (or just `--sheet`); `--payments` and `--customers`
 * files are read as that kind.
 */
export function loadInputs(
  files: string[],
  options: { sheet?: string; payments?: string[]; customers?: string[] },
  opened?: ReadonlyMap<string, SourceBook>,
): GridInput[] {
  if (files.length === 0) throw usageError("needsFiles", { command: "analyze" });
  const open = (file: string): SourceBook => opened?.get(file) ?? new FileWorkbook(file).book;
  const inputs: GridInput[] = [];
  for (const file of files) {
    const book = open(file);
    if (book.kind === "csv" && options.sheet) throw usageError("sheetOnCsv", { file });
    // Which sheets: the use case's choice (src/desk/sources.ts), as the pane detects them.
    const found = sourcesOf(book, { sheet: options.sheet });
    if (found.length === 0) throw inputError("noReceivablesSheet", { file });
    inputs.push(...found);
  }
  const forced = (list: string[] | undefined, kind: SheetKind) => {
    for (const file of list ?? []) {
      const found = sourcesOf(open(file), { kind });
      if (found.length === 0)
        throw inputError(kind === "payments" ? "noPaymentsSheet" : "noCustomersSheet", { file });
      inputs.push(...found);
    }
  };
  forced(options.payments, "payments");
  forced(options.customers, "customers");
  return inputs;
}

/**
 * The files loadInputs reads, opened and their sheets read ahead (loadInputs then takes them):
 * reading ahead is asynchronous, so a workbook's sheet part is inflated on Node's thread pool
 * while the reader scans it. A file that cannot be opened is left out: loadInputs opens it in
 * its turn and says what is wrong, as it always did.
 */
export async function openInputs(
  files: string[],
  options: { sheet?: string; payments?: string[]; customers?: string[] },
): Promise<Map<string, SourceBook>> {
  const opened = new Map<string, SourceBook>();
  const ahead = async (file: string, sheet: string | null) => {
    if (opened.has(file)) return;
    try {
      const book = new FileWorkbook(file).book;
      opened.set(file, book);
      if (book.kind === "xlsx") await book.preload(sheet);
    } catch {
      // loadInputs opens it and reports
    }
  };
  for (const file of files) await ahead(file, options.sheet ?? null);
  for (const file of [...(options.payments ?? []), ...(options.customers ?? [])])
    await ahead(file, null);
  return opened;
}
