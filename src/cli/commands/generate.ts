/**
 * `ar-desk generate <kind> <file>…` (CLI.md): statements, confirmations, reminders, the
 * collection plan, the aging report and the scorecard, from the built-in templates or the
 * user's (`--template book.xlsx`), into one new workbook. Never writes into an input file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import type { analyze } from "../../core/analyze";
import { openRun } from "../open-run";
import type { CommitmentPlan } from "../../core/credit";
import type { DoneAction } from "../../core/documents";
import {
  REGISTER_SHEET,
  registerAppended,
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
import type { ImportResult } from "../../sheet/import";
import type { SheetSpec } from "../../sheet/spec";
import { TEMPLATE_SHEETS } from "../../sheet/templates/builtin";
import type { TemplateKind } from "../../sheet/templates/fields";
import { checkWritable, refuseForeignOverwrite, refuseSharedFiles, sameFile } from "../io/identity";
import { InputError } from "../../io/errors";
import { FileWorkbook } from "../io/file-workbook";
import { generatedSummary, issueText, profileFieldList } from "../generate-print";
import { logSummary, scheduleFile, scheduleSummary } from "../credit-files";
import { readProfileFile } from "../profile";
import type { ParsedArgs } from "../shared";
import { findSoffice, pdfDocuments, sofficeMissing, writePdfs } from "../pdf";
import {
  asOfArg,
  localeArg,
  policyArgs,
  UsageError,
  usageError,
  inputError,
  type Io,
} from "../shared";
import { cliText } from "../messages";

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
  const sheets = await new FileWorkbook(file).readSheets();
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
  if (kindText === "commitments" && typeof values.schedule !== "string")
    throw new UsageError(cliText(locale, "needsSchedule"));
  // An empty log or schedule to create is written only once the documents are: a run that
  // stops (a template error, --require-company) writes nothing.
  const pending: (() => Promise<void>)[] = [];
  const scheduleIn = scheduleFile(values.schedule, locale, pending);
  if (scheduleIn?.created && kindText === "commitments") {
    // Nothing to write yet: the schedule to fill in is the output of this run.
    for (const write of pending) await write();
    io.stdout.write(scheduleIn.created);
    return 0;
  }
  // The position, as every face computes it (src/desk): the log's entries and the schedule's
  // promises (checked against the position without promises) applied.
  const { opened, log } = await openRun(values, files, {
    locale,
    asOf: to ?? asOf,
    policy,
    pending,
    schedule: scheduleIn,
  });
  const { imported, analysis, effects } = opened;
  const plans = opened.schedule?.check.plans;
  if (scheduleIn && !plans?.length && kindText === "commitments") {
    io.stdout.write(scheduleSummary(scheduleIn, opened, locale));
    io.stderr.write(`ar-desk: ${cliText(locale, "noCommitment")}\n`);
    return 1;
  }
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
    commitments: plans,
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
  if (scheduleIn) io.stdout.write(scheduleSummary(scheduleIn, opened, locale));
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
  if (log) io.stdout.write(logSummary(log, opened, locale));
  return 0;
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
    await new FileWorkbook(out, { fresh: true, locale: o.locale }).writeSheets(generated.specs);
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
 * or the sheet when missing), as the pane does (src/sheet/register.ts `registerAppended`): rows
 * already there are kept as they are, the register sheet is written back through the file
 * adapter, and the workbook's other sheets are carried over. Returns the data rows.
 */
async function appendRegister(
  file: string,
  generated: Generated,
  meta: RegisterMeta,
  locale: Locale,
): Promise<number> {
  const names = Object.values(REGISTER_SHEET);
  const book = new FileWorkbook(file, { own: names, locale });
  const sheet = book.exists()
    ? (book.book.sheetNames.find((n) => names.some((r) => r.toLowerCase() === n.toLowerCase())) ??
      null)
    : null;
  const rows = sheet === null ? null : (await book.readValues(sheet)).rows;
  const spec = registerAppended(generated.documents, { sheet, rows }, meta, locale);
  await book.writeSheets([spec]);
  return spec.rows.length - 1;
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
    if (fs.existsSync(p) && !sameFile(p, out)) void new FileWorkbook(p).book;
  }
  for (const p of list(values.log)) if (created(p)) checkWritable(p, "--log", locale);
  for (const p of list(values.schedule)) if (created(p)) checkWritable(p, "--schedule", locale);
}
