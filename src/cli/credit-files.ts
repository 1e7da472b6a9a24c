/**
 * The collection log (`--log`) and the payment schedule (`--schedule`) as files: opened through
 * the file adapter for the use case (src/desk/position.ts `openPosition` reads them against the
 * ledger and applies them), created as empty sheets to fill in when missing, and summarised
 * once applied. Shared by analyze, check-order, generate and remind.
 */
import * as fs from "node:fs";
import { promiseCounts, scheduleProblemText, type LogEffects, type LogEntry } from "../core/credit";
import { problemMessage, problemPlace, type Locale } from "../core/messages";
import type { OpenPosition } from "../desk/position";
import { collectionLogSpec } from "../sheet/collection-log";
import { scheduleSpec } from "../sheet/commitment";
import type { Book } from "../sheet/grid";
import type { SheetSpec } from "../sheet/spec";
import { InputError } from "../io/errors";
import { FileWorkbook } from "./io/file-workbook";
import { cliText } from "./messages";
import { UsageError } from "./usage-error";

/** A `--log` or `--schedule` file: its book to read, or the message that it was just created. */
export interface CreditFile {
  file: string;
  /** The file's sheets; null when the run creates it empty. */
  book: Book | null;
  /** What the run says about a file it created empty (null: the file was there). */
  created: string | null;
}

/** A new workbook of one of ar-desk's blank sheets (log, schedule), written now or later. */
function create(
  file: string,
  spec: SheetSpec,
  locale: Locale,
  pending?: (() => Promise<void>)[],
): Promise<void> {
  const write = async () => {
    await new FileWorkbook(file, { locale }).writeSheets([spec]);
  };
  if (pending) {
    pending.push(write);
    return Promise.resolve();
  }
  return write();
}

/**
 * The collection log of `--log LOG.xlsx`. A file that does not exist yet is created as an empty
 * log to fill in (at once, or by the caller through `pending` once the run's outputs are written).
 */
export async function logFile(
  file: unknown,
  locale: Locale,
  pending?: (() => Promise<void>)[],
): Promise<CreditFile | null> {
  if (typeof file !== "string") return null;
  if (!fs.existsSync(file)) {
    if (!/\.xlsx$/i.test(file))
      throw new UsageError(cliText(locale, "xlsxName", { flag: "--log", file }));
    await create(file, collectionLogSpec(locale), locale, pending);
    const created = cliText(locale, "logCreated", { file }) + "\n";
    return { file, book: null, created };
  }
  return { file, book: new FileWorkbook(file, { locale }).book, created: null };
}

/**
 * The payment schedule of `--schedule FILE` (customer, date, amount). A file that does not exist
 * yet is created as an empty schedule to fill in, through `pending`.
 */
export function scheduleFile(
  file: unknown,
  locale: Locale,
  pending: (() => Promise<void>)[],
): CreditFile | null {
  if (typeof file !== "string") return null;
  if (!fs.existsSync(file)) {
    if (!/\.xlsx$/i.test(file)) throw new UsageError(cliText(locale, "scheduleName", { file }));
    void create(file, scheduleSpec(locale), locale, pending);
    const created = cliText(locale, "scheduleCreated", { file }) + "\n";
    return { file, book: null, created };
  }
  return { file, book: new FileWorkbook(file, { locale }).book, created: null };
}

/** A log or schedule file given and there, in which no sheet has the header: an InputError. */
export function requireFound(
  log: CreditFile | null,
  schedule: CreditFile | null,
  opened: OpenPosition,
  locale: Locale,
): void {
  if (log?.book && !opened.log) throw new InputError(cliText(locale, "notLog", { file: log.file }));
  if (schedule?.book && !opened.schedule)
    throw new InputError(cliText(locale, "notSchedule", { file: schedule.file }));
}

/** The lines on the log: rows read, promises live, kept and broken, disputes, its problems. */
export function logSummary(
  log: CreditFile,
  opened: OpenPosition,
  locale: Locale,
  effects: LogEffects | null = opened.effects,
): string {
  if (log.created) return log.created;
  const read = opened.log;
  if (!read || !effects) return "";
  // The log's own promises (the schedule's are reported with the schedule).
  const own = new Set<LogEntry>(opened.entries.log);
  const n = promiseCounts({
    ...effects,
    promises: effects.promises.filter((p) => own.has(p.entry)),
  });
  const lines = [
    cliText(locale, "logSummary", {
      file: log.file,
      ...read.rows,
      live: n.live,
      kept: n.kept,
      broken: n.broken,
      disputed: effects.disputed.size,
    }),
    ...read.problems
      .filter((p) => p.severity !== "info")
      .map((p) => `  ! ${problemPlace(p, locale)}: ${problemMessage(p, locale)}`),
  ];
  return lines.join("\n") + "\n";
}

/** The lines on the schedule: rows read, letters made and refused, every problem with its row. */
export function scheduleSummary(
  schedule: CreditFile,
  opened: OpenPosition,
  locale: Locale,
): string {
  if (schedule.created) return schedule.created;
  if (!opened.schedule) return "";
  const { read, check } = opened.schedule;
  const c = read.counts;
  const lines = [
    cliText(locale, "scheduleSummary", {
      file: schedule.file,
      read: c.read,
      imported: c.imported,
      skipped: c.skipped,
      rejected: c.rejected,
      plans: check.plans.length,
      refused: check.refused.length,
    }),
    ...[...read.problems, ...check.problems]
      .filter((p) => p.severity !== "info")
      .map((p) => `  ! ${scheduleProblemText(p, locale)}`),
  ];
  return lines.join("\n") + "\n";
}
