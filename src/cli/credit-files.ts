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
      throw new UsageError(`--log wants a file name ending in .xlsx, not "${file}"`);
    await create(file, collectionLogSpec(locale), locale, pending);
    const created =
      locale === "zh-CN"
        ? `已新建空白催收记录 ${file}，填写后再次运行即可生效\n`
        : `Created an empty collection log ${file}; fill it in and run again\n`;
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
    if (!/\.xlsx$/i.test(file))
      throw new UsageError(`--schedule wants a file name ending in .xlsx or .csv, not "${file}"`);
    void create(file, scheduleSpec(locale), locale, pending);
    const created =
      locale === "zh-CN"
        ? `已新建空白还款计划 ${file}（客户、还款日期、还款金额），填写后再次运行即可生成承诺书\n`
        : `Created an empty payment schedule ${file} (customer, date, amount); fill it in and run again\n`;
    return { file, book: null, created };
  }
  return { file, book: new FileWorkbook(file, { locale }).book, created: null };
}

/** A log or schedule file given and there, in which no sheet has the header: an InputError. */
export function requireFound(
  log: CreditFile | null,
  schedule: CreditFile | null,
  opened: OpenPosition,
): void {
  if (log?.book && !opened.log)
    throw new InputError(
      `${log.file}: no sheet looks like a collection log (a header row with date, customer, action, result …)`,
    );
  if (schedule?.book && !opened.schedule)
    throw new InputError(
      `${schedule.file}: no sheet looks like a payment schedule (a header row with customer, date and amount)`,
    );
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
  const zh = locale === "zh-CN";
  // The log's own promises (the schedule's are reported with the schedule).
  const own = new Set<LogEntry>(opened.entries.log);
  const n = promiseCounts({
    ...effects,
    promises: effects.promises.filter((p) => own.has(p.entry)),
  });
  const lines = [
    zh
      ? `催收记录 ${log.file}：读取 ${read.rows.read} 行，导入 ${read.rows.imported}，跳过 ${read.rows.skipped}，未导入 ${read.rows.rejected}；承诺付款 ${n.live} 项未到期、${n.kept} 项已履行、${n.broken} 项已违约；争议 ${effects.disputed.size} 笔`
      : `Collection log ${log.file}: ${read.rows.read} rows read, ${read.rows.imported} imported, ${read.rows.skipped} skipped, ${read.rows.rejected} rejected; promises ${n.live} live, ${n.kept} kept, ${n.broken} broken; ${effects.disputed.size} items disputed`,
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
  const zh = locale === "zh-CN";
  const c = read.counts;
  const lines = [
    zh
      ? `还款计划 ${schedule.file}：读取 ${c.read} 行，导入 ${c.imported}，跳过 ${c.skipped}，未导入 ${c.rejected}；${check.plans.length} 个客户生成承诺书，${check.refused.length} 个客户因问题未生成`
      : `Payment schedule ${schedule.file}: ${c.read} rows read, ${c.imported} imported, ${c.skipped} skipped, ${c.rejected} rejected; commitments for ${check.plans.length} customers, ${check.refused.length} refused`,
    ...[...read.problems, ...check.problems]
      .filter((p) => p.severity !== "info")
      .map((p) => `  ! ${scheduleProblemText(p, locale)}`),
  ];
  return lines.join("\n") + "\n";
}
