/**
 * `ar-desk generate <kind> <file>…` (CLI.md): statements, confirmations, reminders, the
 * collection plan, the aging report and the scorecard, from the built-in templates or the
 * user's (`--template book.xlsx`), into one new workbook. Never writes into an input file.
 */
import type ExcelJS from "exceljs";
import { excelJs } from "../exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyze } from "../../core/analyze";
import { position } from "../../desk/position";
import {
  commitmentEntries,
  planCommitments,
  promiseCounts,
  scheduleProblemText,
  type CommitmentPlan,
  type LogEffects,
  type LogEntry,
} from "../../core/credit";
import type { DoneAction } from "../../core/documents";
import { problemMessage, problemPlace } from "../../core/messages";
import { collectionLogSpec, readLogBook } from "../../sheet/collection-log";
import { readScheduleBook, scheduleSpec } from "../../sheet/commitment";
import { formatMinor, minorDigits } from "../../core/money";
import {
  REGISTER_HEADERS,
  REGISTER_SHEET,
  registerRows,
  registerSpec,
  type RegisterMeta,
} from "../../sheet/register";
import type { Locale } from "../../core/messages";
import {
  DOCUMENT_KINDS,
  generateDocuments,
  TemplateError,
  type DocumentKind,
  type Generated,
  type Profile,
} from "../../sheet/documents";
import { refuseInexactTotals } from "../exact";
import { importGrids, type ImportResult } from "../../sheet/import";
import type { SheetSpec } from "../../sheet/spec";
import { TEMPLATE_SHEETS } from "../../sheet/templates/builtin";
import type { TemplateIssue } from "../../sheet/templates/engine";
import { PROFILE_FIELDS, type TemplateKind } from "../../sheet/templates/fields";
import { checkWritable, refuseForeignOverwrite, refuseSharedFiles, sameFile } from "../io/identity";
import { InputError } from "../../io/errors";
import { openSource } from "../io/read";
import { readProfileFile } from "../profile";
import { visibleLine } from "../terminal";
import { writeFileAtomic } from "../io/safe-write";
import { readTemplateWorkbook } from "../io/template-reader";
import type { ParsedArgs } from "../shared";
import { findSoffice, pdfDocuments, sofficeMissing, writePdfs } from "../pdf";
import {
  asOfArg,
  dateOrderArg,
  loadInputs,
  localeArg,
  policyArgs,
  UsageError,
  usageError,
  inputError,
  type Io,
} from "../shared";
import { applyStyle, renderSpecs, writeSpecs } from "../xlsx-writer";
import type { MessageParams } from "../../core/i18n";
import { cliText, type CliKey } from "../messages";

export function kindsArg(value: string | undefined): DocumentKind[] {
  if (value === "all") return [...DOCUMENT_KINDS];
  if (value && (DOCUMENT_KINDS as readonly string[]).includes(value))
    return [value as DocumentKind];
  throw usageError("kindsBad", { kinds: [...DOCUMENT_KINDS, "all"].join("|"), value: value ?? "" });
}

/** The company profile of `--company profile.json`, checked against its schema (../profile.ts). */
export function readProfile(file: string | undefined, locale: Locale = "en-US"): Profile {
  return file ? readProfileFile(file, locale) : {};
}

/** Template sheets of `--template book.xlsx`: those named like a built-in template, either language. */
export async function templatesArg(
  file: string | undefined,
): Promise<Partial<Record<TemplateKind, SheetSpec>>> {
  if (!file) return {};
  const sheets = await readTemplateWorkbook(file);
  const out: Partial<Record<TemplateKind, SheetSpec>> = {};
  for (const names of Object.values(TEMPLATE_SHEETS)) {
    for (const [kind, name] of Object.entries(names) as [TemplateKind, string][]) {
      const spec = sheets.get(name);
      if (spec) out[kind] = spec;
    }
  }
  if (!Object.keys(out).length)
    throw inputError("noTemplateSheet", {
      file,
      zhNames: Object.values(TEMPLATE_SHEETS["zh-CN"]).join(", "),
      enNames: Object.values(TEMPLATE_SHEETS["en-US"]).join(", "),
    });
  return out;
}

/** Profile fields as a reader names them, with the key to set: 公司名称（company.name）、… */
export function profileFieldList(fields: readonly string[], locale: Locale): string {
  return fields
    .map((f) =>
      cliText(locale, "profileField", { label: PROFILE_FIELDS[f]?.[locale] ?? f, key: f }),
    )
    .join(cliText(locale, "listSeparator"));
}

export function issueText(i: TemplateIssue, locale: Locale): string {
  const where = i.row ? `${i.sheet}!R${i.row}C${i.column}` : i.sheet;
  const placeholder = `{{${i.name}}}`;
  switch (i.code) {
    case "template.profileMissing": {
      const fields = i.fields ?? i.name.split(", ");
      const list = profileFieldList(fields, locale);
      return cliText(locale, "issueProfileMissing", { n: fields.length, list });
    }
    case "template.missingData":
      return cliText(locale, "issueMissingData", {
        where,
        placeholder,
        subject: i.subject ?? "",
      });
    case "template.footerPlaceholder":
      return cliText(locale, "issueFooter", { where, placeholder });
    default:
      return cliText(locale, "issueOther", { where, code: i.code, name: i.name });
  }
}

export async function generateCommand(
  { values, positionals }: ParsedArgs,
  io: Io,
): Promise<number> {
  const [kindText, ...files] = positionals;
  const kinds = kindsArg(kindText);
  if (!files.length) throw usageError("needsFiles", { command: "generate" });
  const pdfDir = typeof values.pdf === "string" ? values.pdf : null;
  const out = values.out;
  if (typeof out !== "string") throw usageError("generateNeedsOut");
  if (!/\.xlsx$/i.test(out)) throw usageError("xlsxName", { flag: "--out", file: out });
  const locale = localeArg(values.lang ?? "zh-CN");
  guardFiles(values, files, out, locale);
  // Checked before anything is written.
  const profile = readProfile(values.company as string | undefined, locale);
  const policy = policyArgs(values);
  const asOf = asOfArg(values["as-of"]);
  const from = values.from === undefined ? undefined : asOfArg(values.from);
  const to = values.to === undefined ? undefined : asOfArg(values.to);
  if ((from === undefined) !== (to === undefined))
    throw new UsageError(cliText(locale, "fromToTogether"));
  if (from !== undefined && to !== undefined && from > to)
    throw new UsageError(cliText(locale, "fromAfterTo"));
  const inputs = loadInputs(files, {
    sheet: values.sheet as string | undefined,
    payments: values.payments as string[] | undefined,
    customers: values.customers as string[] | undefined,
  });
  const imported = importGrids(inputs, { dateOrder: dateOrderArg(values["date-order"]) });
  refuseInexactTotals(imported.ledger, locale);
  if (kindText === "commitments" && typeof values.schedule !== "string")
    throw new UsageError(cliText(locale, "needsSchedule"));
  // An empty log or schedule to create is written only once the documents are: a run that
  // stops (a template error, --require-company) writes nothing.
  const pending: (() => Promise<void>)[] = [];
  const schedule = await scheduleArg(
    values.schedule,
    imported,
    to ?? asOf,
    policy,
    locale,
    pending,
  );
  if (schedule?.created && kindText === "commitments") {
    // Nothing to write yet: the schedule to fill in is the output of this run.
    for (const write of pending) await write();
    io.stdout.write(schedule.summary);
    return 0;
  }
  if (schedule && !schedule.plans.length && kindText === "commitments") {
    io.stdout.write(schedule.summary);
    io.stderr.write(`ar-desk: ${cliText(locale, "noCommitment")}\n`);
    return 1;
  }
  const extra = schedule?.entries ?? [];
  const log = await logArg(values.log, imported, locale, pending);
  // The position, as every face computes it (src/desk): the log's entries and the schedule's
  // promises applied.
  const { analysis, effects } = position({
    imported,
    asOf: to ?? asOf,
    policy,
    entries: log || extra.length ? [...(log?.entries ?? []), ...extra] : undefined,
  });
  const register = typeof values.register === "string" ? values.register : null;
  if (register !== null) {
    if (!/\.xlsx$/i.test(register))
      throw new UsageError(cliText(locale, "xlsxName", { flag: "--register", file: register }));
  }
  const registerMeta: RegisterMeta = {
    asOf: analysis.asOf,
    generatedAt: new Date().toISOString().replace("T", " ").slice(0, 19) + "Z",
    by: process.env.AR_DESK_USER || os.userInfo().username || null,
  };
  const registerInOutput = register !== null && sameFile(register, out);
  const options: GenerateFileOptions = {
    imported,
    analysis,
    policy,
    locale,
    profile,
    templates: await templatesArg(values.template as string | undefined),
    period: from !== undefined && to !== undefined ? { from, to } : undefined,
    customers: (values.customer as string[] | undefined) ?? [],
    perCustomer: Boolean(values["per-customer"]),
    done: effects?.done,
    commitments: schedule?.plans,
    register: registerInOutput ? registerMeta : undefined,
    requireCompany: values["require-company"] === true,
  };
  const generated = await generateToFile(out, kinds, options);
  for (const write of pending) await write();
  io.stdout.write(generatedSummary(generated, imported, out, locale));
  if (pdfDir !== null) {
    const pdfs = await generatePdfs(pdfDir, kinds, options);
    io.stdout.write(cliText(locale, "pdfsWritten", { n: pdfs.length, dir: pdfDir }) + "\n");
  }
  if (schedule) io.stdout.write(schedule.summary);
  if (register !== null && !registerInOutput) {
    const n = await appendRegister(register, generated, registerMeta, locale);
    io.stdout.write(
      cliText(locale, "registerAdded", {
        file: register,
        added: generated.documents.length,
        n,
      }) + "\n",
    );
  }
  if (log && effects) io.stdout.write(log.summary(effects, extra));
  return 0;
}

/** ExcelJS's workbook marked as made by ar-desk (so a later run may replace it). */
function markArDesk(wb: ExcelJS.Workbook): void {
  wb.creator = "ar-desk";
  wb.lastModifiedBy = "ar-desk";
}

/** A new workbook of these sheets through ExcelJS (data validation kept), written atomically. */
async function writeWorkbook(file: string, specs: SheetSpec[]): Promise<void> {
  const wb = new (excelJs().Workbook)();
  renderSpecs(wb, specs);
  markArDesk(wb);
  try {
    await writeFileAtomic(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  } catch (e) {
    throw inputError("cannotWrite", { file, why: e instanceof Error ? e.message : String(e) });
  }
}

/** The collection log of `--log` as the application layer takes it (src/desk/position.ts). */
export interface LogArg {
  /** The log's entries, read against the ledger (none for a log just created). */
  entries: LogEntry[];
  /** What the run prints about the log, once the entries have been applied. */
  summary(effects: LogEffects, scheduled?: readonly LogEntry[]): string;
}

/**
 * The collection log of `--log LOG.xlsx`, read against the ledger: promises, disputes, steps
 * done. A file that does not exist yet is created as an empty log to fill in. The caller applies
 * the entries with `position` (src/desk), as the task pane does.
 */
export async function logArg(
  file: unknown,
  imported: ImportResult,
  locale: Locale,
  /** When given, a new empty log is not written at once but added here, for the caller to write. */
  pending?: (() => Promise<void>)[],
): Promise<LogArg | null> {
  if (typeof file !== "string") return null;
  if (!fs.existsSync(file)) {
    if (!/\.xlsx$/i.test(file))
      throw new UsageError(cliText(locale, "xlsxName", { flag: "--log", file }));
    const write = () => writeWorkbook(file, [collectionLogSpec(locale)]);
    if (pending) pending.push(write);
    else await write();
    const created = cliText(locale, "logCreated", { file }) + "\n";
    return { entries: [], summary: () => created };
  }
  const read = readLogBook(openSource(file), imported.ledger);
  if (!read) throw new InputError(cliText(locale, "notLog", { file }));
  return {
    entries: read.entries,
    summary: (effects, scheduled = []) => logSummary(file, read, effects, scheduled, locale),
  };
}

/** The lines on the log: rows read, promises live, kept and broken, disputes, its problems. */
function logSummary(
  file: string,
  read: NonNullable<ReturnType<typeof readLogBook>>,
  effects: LogEffects,
  extra: readonly LogEntry[],
  locale: Locale,
): string {
  // The log's own promises (the schedule's are reported with the schedule).
  const scheduled = new Set(extra);
  const n = promiseCounts({
    ...effects,
    promises: effects.promises.filter((p) => !scheduled.has(p.entry)),
  });
  const lines = [
    cliText(locale, "logSummary", {
      file,
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

/**
 * The payment schedule of `--schedule FILE` (customer, date, amount), checked against the
 * customers' outstanding and the as-of date: the commitment plans, their instalments as
 * promises for the plan and the letters, and a summary naming every problem's row. A file that
 * does not exist yet is created as an empty schedule to fill in.
 */
async function scheduleArg(
  file: unknown,
  imported: ImportResult,
  asOf: number,
  policy: ReturnType<typeof policyArgs>,
  locale: Locale,
  /** A new empty schedule is not written at once but added here, for the caller to write. */
  pending: (() => Promise<void>)[],
): Promise<{
  plans: CommitmentPlan[];
  entries: LogEntry[];
  summary: string;
  created?: boolean;
} | null> {
  if (typeof file !== "string") return null;
  if (!fs.existsSync(file)) {
    if (!/\.xlsx$/i.test(file)) throw new UsageError(cliText(locale, "scheduleName", { file }));
    pending.push(() => writeWorkbook(file, [scheduleSpec(locale)]));
    const summary = cliText(locale, "scheduleCreated", { file }) + "\n";
    return { plans: [], entries: [], summary, created: true };
  }
  const read = readScheduleBook(openSource(file), imported.ledger);
  if (!read) throw new InputError(cliText(locale, "notSchedule", { file }));
  const plain = analyze(imported.ledger, asOf, policy);
  const fmt = (m: number, c: number) => formatMinor(m, minorDigits(plain.ledger.currencies[c]));
  const checked = planCommitments(plain, read.rows, fmt);
  const c = read.counts;
  const lines = [
    cliText(locale, "scheduleSummary", {
      file,
      read: c.read,
      imported: c.imported,
      skipped: c.skipped,
      rejected: c.rejected,
      plans: checked.plans.length,
      refused: checked.refused.length,
    }),
    ...[...read.problems, ...checked.problems]
      .filter((p) => p.severity !== "info")
      .map((p) => `  ! ${scheduleProblemText(p, locale)}`),
  ];
  return {
    plans: checked.plans,
    entries: commitmentEntries(checked.plans, asOf),
    summary: lines.join("\n") + "\n",
  };
}

export interface GenerateFileOptions {
  imported: ImportResult;
  analysis: ReturnType<typeof analyze>;
  policy: ReturnType<typeof policyArgs>;
  locale: Locale;
  profile: Profile;
  templates: Partial<Record<TemplateKind, SheetSpec>>;
  period?: { from: number; to: number };
  customers: string[];
  perCustomer: boolean;
  /** Steps already taken, from the collection log. */
  done?: readonly DoneAction[];
  /** Checked payment schedules: one commitment letter each. */
  commitments?: readonly CommitmentPlan[];
  /** Write the audit register of the run into the output itself. */
  register?: RegisterMeta;
  /** Refuse (nothing written) when the documents print profile fields the profile leaves blank. */
  requireCompany?: boolean;
}

/**
 * One PDF per document (`--pdf DIR`): the documents generated one sheet each, printed by
 * LibreOffice. Tables (plan, aging, scorecard) are not letters and get none.
 */
export async function generatePdfs(
  dir: string,
  kinds: DocumentKind[],
  o: GenerateFileOptions,
): Promise<string[]> {
  const letters = kinds.filter((k) => k !== "plan" && k !== "aging" && k !== "scorecard");
  const soffice = findSoffice();
  if (!soffice) throw sofficeMissing(o.locale);
  const generated = generateChecked(letters, { ...o, perCustomer: true, register: undefined });
  return writePdfs(pdfDocuments(generated, o.analysis.asOf, o.locale), dir, o.locale, soffice);
}

/** Generates and writes; a template error stops it before the file is made. */
export async function generateToFile(
  out: string,
  kinds: DocumentKind[],
  o: GenerateFileOptions,
): Promise<Generated> {
  const generated = generateChecked(kinds, o);
  try {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    await writeSpecs(out, generated.specs);
  } catch (e) {
    throw new InputError(
      cliText(o.locale, "cannotWrite", {
        file: out,
        why: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  return generated;
}

/** The documents, or an InputError naming every template error. */
export function generateChecked(kinds: DocumentKind[], o: GenerateFileOptions): Generated {
  let generated: Generated;
  try {
    generated = generateDocuments(kinds, {
      ledger: o.imported.ledger,
      analysis: o.analysis,
      policy: o.policy,
      locale: o.locale,
      profile: o.profile,
      templates: o.templates,
      period: o.period,
      customers: o.customers,
      perCustomer: o.perCustomer,
      done: o.done,
      commitments: o.commitments,
    });
    if (o.register && generated.documents.length)
      generated.specs.push(registerSpec(generated.documents, o.register, o.locale));
  } catch (e) {
    if (e instanceof TemplateError)
      throw new InputError(
        cliText(o.locale, "templateErrors", {
          issues: e.issues.map((i) => issueText(i, o.locale)).join("; "),
        }),
      );
    throw e;
  }
  const missing = generated.issues.find((i) => i.code === "template.profileMissing");
  if (o.requireCompany && missing?.fields) {
    const list = profileFieldList(missing.fields, o.locale);
    throw new InputError(cliText(o.locale, "requireCompany", { list, n: missing.fields.length }));
  }
  return generated;
}

/**
 * Appends the run's documents to the register sheet of a register workbook (creating the file
 * or the sheet when missing). Rows already there are kept as they are. Returns the data rows.
 */
async function appendRegister(
  file: string,
  generated: Generated,
  meta: RegisterMeta,
  locale: Locale,
): Promise<number> {
  const wb = new (excelJs().Workbook)();
  try {
    if (fs.existsSync(file)) await wb.xlsx.readFile(file);
  } catch (e) {
    throw new InputError(
      cliText(locale, "cannotRead", { file, why: e instanceof Error ? e.message : String(e) }),
    );
  }
  let ws =
    wb.getWorksheet(REGISTER_SHEET["zh-CN"]) ?? wb.getWorksheet(REGISTER_SHEET["en-US"]) ?? null;
  if (!ws) {
    const spec = registerSpec([], meta, locale);
    renderSpecs(wb, [spec]);
    ws = wb.getWorksheet(spec.name)!;
  }
  // After the last row holding anything: rows already there are never touched.
  let next = Math.max(2, (ws.lastRow?.number ?? 1) + 1);
  for (const row of registerRows(generated.documents, meta, locale)) {
    row.forEach((raw, c) => {
      if (raw === null || raw === undefined) return;
      const cell = ws.getCell(next, c + 1);
      if (typeof raw !== "object") {
        cell.value = raw;
        return;
      }
      const v = raw.value;
      cell.value = v !== null && typeof v === "object" ? ("date" in v ? v.date : null) : v;
      applyStyle(cell, raw);
    });
    next++;
  }
  ws.autoFilter = `A1:${String.fromCharCode(64 + REGISTER_HEADERS[locale].length)}${next - 1}`;
  try {
    markArDesk(wb);
    await writeFileAtomic(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  } catch (e) {
    throw new InputError(
      cliText(locale, "cannotWrite", { file, why: e instanceof Error ? e.message : String(e) }),
    );
  }
  return next - 2;
}

/**
 * Before anything is read or written: no file this run writes (`--out`, `--register`, a
 * `--log` or `--schedule` it creates) is another of its files, whatever the paths look like,
 * and `--out` replaces an existing file only when ar-desk made it or `--force` says so.
 */
function guardFiles(values: ParsedArgs["values"], files: string[], out: string, locale: Locale) {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []);
  const created = (v: unknown) => typeof v === "string" && !fs.existsSync(v);
  refuseSharedFiles(
    [
      { flag: "--out", path: out, writes: true },
      ...list(values.register).map((p) => ({ flag: "--register", path: p, writes: true })),
      ...list(values.log).map((p) => ({ flag: "--log", path: p, writes: created(p) })),
      ...list(values.schedule).map((p) => ({ flag: "--schedule", path: p, writes: created(p) })),
      ...files.map((p) => ({ flag: "input", path: p, writes: false })),
      ...list(values.payments).map((p) => ({ flag: "--payments", path: p, writes: false })),
      ...list(values.customers).map((p) => ({ flag: "--customers", path: p, writes: false })),
      ...list(values.template).map((p) => ({ flag: "--template", path: p, writes: false })),
      ...list(values.company).map((p) => ({ flag: "--company", path: p, writes: false })),
    ],
    locale,
    [["--out", "--register"]],
  );
  refuseForeignOverwrite(out, values.force === true, "--out", locale);
  // Every file this run writes can be written, before the first one is.
  checkWritable(out, "--out", locale);
  for (const p of list(values.register)) {
    checkWritable(p, "--register", locale, true);
    // A register to append to must be a readable workbook before any document is written.
    if (fs.existsSync(p) && !sameFile(p, out)) openSource(p);
  }
  for (const p of list(values.log)) if (created(p)) checkWritable(p, "--log", locale);
  for (const p of list(values.schedule)) if (created(p)) checkWritable(p, "--schedule", locale);
}

export function generatedSummary(
  g: Generated,
  imported: ImportResult,
  out: string,
  locale: Locale,
): string {
  const t = (key: CliKey, params?: MessageParams) => cliText(locale, key, params);
  const lines: string[] = [];
  const bySheet = new Map<string, number>();
  for (const d of g.documents) bySheet.set(d.sheet, (bySheet.get(d.sheet) ?? 0) + 1);
  for (const spec of g.specs) {
    const n = bySheet.get(spec.name);
    lines.push(
      n === undefined
        ? t("sheetRows", { name: visibleLine(spec.name), n: spec.rows.length })
        : t("sheetDocuments", { name: visibleLine(spec.name), n }),
    );
  }
  if (g.skipped.length) {
    const counts = new Map<string, number>();
    for (const k of g.skipped) counts.set(k.reason, (counts.get(k.reason) ?? 0) + 1);
    const reason = {
      creditBalance: t("skipCreditBalance"),
      zeroBalance: t("skipZeroBalance"),
      noActivity: t("skipNoActivity"),
      nothingOverdue: t("skipNothingOverdue"),
    } as Record<string, string>;
    for (const [r, n] of counts) lines.push(t("skippedCustomers", { n, reason: reason[r] }));
  }
  const rejected = imported.problems.filter((p) => p.severity === "error").length;
  const head = t("generatedHead", { file: out });
  const tail = g.issues.map((i) => `  ! ${issueText(i, locale)}`);
  const note = rejected ? [t("inputProblems", { n: rejected })] : [];
  return [head, ...lines, ...tail, ...note].join("\n") + "\n";
}
