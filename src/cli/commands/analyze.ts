/** `ar-desk analyze`: read the files, compute the position, print JSON or a summary. */
import * as fs from "node:fs";
import { DEFAULT_CREDIT_POLICY } from "../../core/credit";
import { noInvoices } from "../../desk/position";
import { logSummary } from "../credit-files";
import { openRun } from "../open-run";
import { insight } from "../../core/insight";
import { limitationWatch } from "../../core/insight/limitation";
import { problemMessage, problemPlace, type Locale } from "../../core/messages";
import { InputError } from "../../io/errors";
import { ChunkPool, jsonBytes } from "../json-stream";
import type { ParsedArgs } from "../shared";
import { asOfArg, dateOrderArg, localeArg, policyArgs, type Io } from "../shared";
import { cliText } from "../messages";
import { limitationLine, renderSummary } from "../summary";
import { checkWritable, refuseForeignOverwrite, refuseSharedFiles } from "../io/identity";

/**
 * Before anything is read or written: `--out` (and a `--log` this run creates) is none of the
 * inputs, whatever the paths look like, and `--out` replaces an existing file only when ar-desk
 * made it or `--force` says so.
 */
function guardFiles(values: ParsedArgs["values"], files: string[], locale: Locale): void {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []);
  refuseSharedFiles(
    [
      ...list(values.out).map((p) => ({ flag: "--out", path: p, writes: true })),
      ...list(values.log).map((p) => ({ flag: "--log", path: p, writes: !fs.existsSync(p) })),
      ...files.map((p) => ({ flag: "input", path: p, writes: false })),
      ...list(values.payments).map((p) => ({ flag: "--payments", path: p, writes: false })),
      ...list(values.customers).map((p) => ({ flag: "--customers", path: p, writes: false })),
    ],
    locale,
  );
  if (typeof values.out === "string") {
    refuseForeignOverwrite(values.out, values.force === true, "--out", locale);
    checkWritable(values.out, "--out", locale);
  }
  for (const p of list(values.log)) if (!fs.existsSync(p)) checkWritable(p, "--log", locale);
}

export async function analyzeCommand({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  const asOf = asOfArg(values["as-of"]);
  const policy = policyArgs(values);
  dateOrderArg(values["date-order"]); // checked before any file is touched
  const locale = localeArg(values.lang);
  guardFiles(values, positionals, locale);
  // The log (`--log`): promises, disputes and steps done, and the demands and acknowledgements
  // that restart the limitation period. One limit per customer: under `--policy` (the credit
  // policy, as check-order reads it) the limit of a customer whose grade's rule changes it is
  // the policy's, and the JSON and the summary say so; without one, the recorded limits stand.
  // A log to create is written once the run has passed its checks. (check-order's module, like
  // the report writer below, loads only when an option needs it.)
  const pending: (() => Promise<void>)[] = [];
  const credit =
    values.policy === undefined
      ? DEFAULT_CREDIT_POLICY
      : (await import("./check-order")).creditPolicyArg(values.policy, locale);
  // The position, as every face computes it (src/desk). The sheets are not held past the
  // import: the ledger has all the rest needs, and a full sheet's cells would stay in memory.
  const { opened, log } = await openRun(values, positionals, {
    locale,
    asOf,
    policy,
    pending,
    creditPolicy: credit,
  });
  const { imported, analysis, effects } = opened;
  // No invoice imported: say so as an error, never print figures built from payments alone.
  const none = noInvoices(imported);
  if (none) {
    const say = (p: typeof none.problem) =>
      cliText(locale, "problemAt", {
        place: problemPlace(p, locale),
        message: problemMessage(p, locale),
      });
    const why = none.cause;
    throw new InputError(
      why
        ? cliText(locale, "because", { first: say(none.problem), why: say(why) })
        : say(none.problem),
    );
  }
  for (const write of pending) await write();
  if (values.out !== undefined)
    await (await import("../report")).writeReport(String(values.out), imported, analysis, locale);
  // Collection insight (behaviour, expected pay dates, forecast, grades) is its own call after
  // the analysis, learning only from items settled by the as-of date.
  const ins = insight(analysis);
  const limitation = limitationWatch(analysis, { interruptions: effects?.interruptions ?? [] });
  if (values.json) {
    const { analysisDoc, AnalyzeJson, sampleForCheck } = await import("../json");
    // The long arrays are lazy: each entry is made while it is written, then let go.
    const json = analysisDoc(imported, analysis, locale, ins, limitation);
    // The contract is checked on every run: a field the schema does not allow is a bug to
    // catch here, not in a user's script.
    AnalyzeJson.parse(sampleForCheck(json));
    await writeJsonOut(json, io);
  } else {
    io.stdout.write(
      renderSummary(imported, analysis, locale, values.problems === true, 10, ins, {
        asOfDefaulted: values["as-of"] === undefined,
      }),
    );
    io.stdout.write(limitationLine(analysis, limitation, locale));
    if (log) io.stdout.write(logSummary(log, opened, locale));
  }
  return 0;
}

/**
 * The document in pieces: millions of items must not become one string, nor a million objects
 * at once. A pipe takes what it is written only as fast as its reader reads: when stdout says to
 * wait, wait for it to drain, or every chunk would pile up in memory until the end. jsonBytes
 * escapes DEL and C1 (JSON.stringify escapes C0): the bytes need no second scan.
 */
async function writeJsonOut(json: unknown, io: Io): Promise<void> {
  const write = (b: Uint8Array) =>
    io.stdout.writeBytes
      ? io.stdout.writeBytes(b)
      : io.stdout.write(Buffer.from(b.buffer, b.byteOffset, b.length).toString());
  // A chunk the system has taken (nothing queued) gives its buffer back to be filled again.
  const pool = new ChunkPool();
  for (const chunk of jsonBytes(json, undefined, undefined, pool)) {
    if (write(chunk) === false && process.stdout.writableNeedDrain) await drained(process.stdout);
    else if (io.stdout.written?.() === true) pool.release(chunk);
  }
  io.stdout.write("\n");
}

/** Resolves when `stream` has drained, or will take no more (closed or failed). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done).off("close", done).off("error", done);
      resolve();
    };
    stream.once("drain", done).once("close", done).once("error", done);
  });
}
