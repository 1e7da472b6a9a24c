/**
 * `ar-desk remind <file>…` (issue 19): the reminders the collection plan says are due on the
 * as-of date (default today), e-mailed with their letter as a PDF, once each.
 *
 * - without `--send` (a dry run): every message is written as an .eml file, and a summary;
 * - `--send`: through the SMTP server of `--smtp FILE` / AR_DESK_SMTP_* (src/cli/mail/smtp.ts),
 *   one connection per message, at most `--max` messages (default 50) and `--rate` a minute;
 * - once each: every message the server accepted is appended to the mail register at once
 *   (`--register REG.xlsx`, required with --send) with its message id and the PDF's SHA-256;
 *   a message whose key is there as sent is never sent again, and a failed one is never
 *   recorded, so the next run retries it;
 * - customers on hold (dispute, live promise, do not contact) get nothing and are listed with
 *   the reason; missing or malformed addresses are listed with their file and row.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { analyze } from "../../core/analyze";
import { openRun } from "../open-run";
import { sha256Hex } from "../../core/credit/sha256";
import {
  dueReminders,
  mailTemplates,
  reminderText,
  type DueReminder,
  type MailTemplateIssue,
} from "../../core/documents/reminders";
import type { Locale } from "../../core/messages";
import type { DocumentKind } from "../../sheet/documents";
import type { SheetSpec } from "../../sheet/spec";
import { importGrids } from "../../sheet/import";
import { sentKeys, type MailRecord } from "../../sheet/mail-register";
import { InputError } from "../../io/errors";
import { PROFILE_FIELDS } from "../../sheet/templates/fields";
import type { ParsedArgs } from "../shared";
import { smtpConfig, smtpTransport, type SmtpConfig } from "../mail/smtp";
import { findSoffice, safeNamePart, sofficeMissing, writePdfs, yyyymmdd } from "../pdf";
import { asOfArg, localeArg, policyArgs, UsageError, type Io } from "../shared";
import { generateChecked, readProfile, templatesArg } from "./generate";
import type { MessageParams } from "../../core/i18n";
import { cliText, type CliKey } from "../messages";
import { takeLock, openRegister } from "../mail/register-file";
import { clean, remindSummary, type Outcome, type Prepared } from "../remind-print";

/** Messages a run sends at most unless `--max` says otherwise. */
export const DEFAULT_MAX = 50;
/** Messages a minute unless `--rate` says otherwise. */
export const DEFAULT_RATE = 20;

function positiveInt(value: unknown, flag: string, fallback: number, locale: Locale): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new UsageError(cliText(locale, "positiveInt", { flag, value: String(value) }));
  return n;
}

export async function remindCommand({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  const locale = localeArg(values.lang ?? "zh-CN");
  const t = (key: CliKey, params?: MessageParams) => cliText(locale, key, params);
  const files = positionals;
  if (!files.length) throw new UsageError(t("needsFiles", { command: "remind" }));
  const send = Boolean(values.send);
  if (send && values["dry-run"]) throw new UsageError(t("sendDryRun"));
  const max = positiveInt(values.max, "--max", DEFAULT_MAX, locale);
  const rate = positiveInt(values.rate, "--rate", DEFAULT_RATE, locale);
  const policy = policyArgs(values);
  const asOf = asOfArg(values["as-of"]);
  const smtp = smtpConfig(values.smtp as string | undefined, process.env, locale);
  const register = typeof values.register === "string" ? values.register : null;
  if (register !== null && !/\.xlsx$/i.test(register))
    throw new UsageError(t("xlsxName", { flag: "--register", file: register }));
  if (send && !smtp) throw new UsageError(t("sendNeedsSmtp"));
  if (send && register === null) throw new UsageError(t("sendNeedsRegister"));
  const outDir = typeof values.out === "string" ? values.out : `reminders-${yyyymmdd(asOf)}`;
  const profile = readProfile(values.company as string | undefined);
  const from = (values.from as string | undefined) ?? smtp?.from ?? profile.company?.email ?? null;
  const replyTo =
    (values["reply-to"] as string | undefined) ??
    smtp?.replyTo ??
    profile.replyTo?.email ??
    profile.company?.email ??
    null;
  if (send && !from) throw new UsageError(t("noSender"));
  const templates = mailTemplatesArg(values["mail-templates"], locale);

  // The book, the log, the analysis: as `generate` reads them.
  const { opened } = await openRun(values, files, { locale, asOf, policy });
  const { imported, analysis, effects } = opened;
  const { due, skipped } = dueReminders(analysis, { done: effects?.done, locale });

  // Once each: what the register already holds as sent is not sent again.
  const lock = send && register ? takeLock(register, locale) : null;
  try {
    const book = register ? await openRegister(register, locale) : null;
    const sent = book ? sentKeys(book.rows) : new Set<string>();
    const pending = due.filter((r) => !sent.has(r.key));
    const already = due.filter((r) => sent.has(r.key));
    const now = pending.slice(0, max);
    const deferred = pending.slice(max);

    const profileMissing = new Set<string>();
    const prepared = await prepare(now, {
      analysis,
      imported,
      policy,
      profile,
      templatesFile: values.template as string | undefined,
      templates: templates.templates,
      outDir,
      from: from ?? "ar-desk@localhost",
      replyTo,
      collector: (values.collector as string | undefined) ?? profile.company?.contact ?? null,
      locale,
      done: effects?.done,
      profileMissing,
    });
    // Letters with "[to fill in: company name]" never reach a customer: --send refuses before
    // the first message; a dry run writes the drafts and says what to fill in.
    const lacking = profileLine(profileMissing, locale);
    if (lacking && send) {
      throw new InputError(t("sendProfileMissing", { list: lacking }));
    }
    if (lacking) io.stdout.write(t("draftProfileMissing", { list: lacking }) + "\n");

    const outcomes = new Map<DueReminder, Outcome>();
    if (!send) {
      for (const p of prepared) {
        const file = path.join(outDir, emlName(p.reminder, analysis.asOf));
        const bytes = await new MailComposer(p.mail).compile().build();
        fs.writeFileSync(file, bytes);
        outcomes.set(p.reminder, { status: "draft", file });
      }
    } else {
      const transport = smtpTransport(smtp as SmtpConfig);
      const gap = Math.ceil(60_000 / rate);
      try {
        for (let k = 0; k < prepared.length; k++) {
          const p = prepared[k];
          if (k > 0) await new Promise((resolve) => setTimeout(resolve, gap));
          let outcome: Outcome;
          try {
            const info = (await transport.sendMail(p.mail)) as {
              accepted: (string | { address: string })[];
              rejected: (string | { address: string })[];
            };
            const addr = (a: string | { address: string }) =>
              typeof a === "string" ? a : a.address;
            outcome = {
              status: "sent",
              accepted: info.accepted.map(addr),
              refused: info.rejected.map(addr),
              messageId: p.mail.messageId,
            };
          } catch (e) {
            outcome = {
              status: "failed",
              error: clean(e instanceof Error ? e.message : String(e)),
            };
          }
          outcomes.set(p.reminder, outcome);
          if (outcome.status === "sent" && outcome.accepted.length && book) {
            // Recorded at once, before the next message: a run stopped midway loses nothing.
            const record: MailRecord = {
              reminder: p.reminder,
              status: "sent",
              at: new Date().toISOString(),
              recipients: outcome.accepted,
              messageId: outcome.messageId,
              attachment: p.pdf?.name ?? null,
              attachmentSha256: p.pdf?.sha256 ?? null,
              asOf: analysis.asOf,
            };
            await book.append(record);
          }
        }
      } finally {
        transport.close();
      }
    }

    io.stdout.write(
      remindSummary({
        locale,
        send,
        outDir,
        register,
        asOf: analysis.asOf,
        prepared,
        outcomes,
        already,
        deferred,
        skipped,
        max,
        templateIssues: templates.issues,
      }),
    );
    const failed = [...outcomes.values()].filter((o) => o.status === "failed").length;
    return failed ? 1 : 0;
  } finally {
    if (lock) fs.rmSync(lock, { force: true });
  }
}

function mailTemplatesArg(file: unknown, locale: Locale) {
  if (typeof file !== "string") return mailTemplates(undefined);
  let user: unknown;
  try {
    user = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(
      cliText(locale, "mailTemplatesUnreadable", {
        file,
        why: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  const t = mailTemplates(user);
  if (t.issues.length)
    throw new InputError(
      cliText(locale, "mailTemplatesErrors", {
        file,
        issues: t.issues.map((i) => templateIssueText(i, locale)).join("; "),
      }),
    );
  return t;
}

function templateIssueText(i: MailTemplateIssue, locale: Locale): string {
  const where = `${i.locale}.${i.type}.${i.part}`;
  if (!i.name) return cliText(locale, "mailIssueEmpty", { where });
  return cliText(locale, "mailIssuePlaceholder", { where, placeholder: `{{${i.name}}}` });
}

/** The file name of a message's .eml draft. */
function emlName(r: DueReminder, asOf: number): string {
  const cur = r.currency ? `-${safeNamePart(r.currency)}` : "";
  const stage = r.stage ? `-${r.stage}` : "";
  return `${yyyymmdd(asOf)}-${r.type}${stage}-${safeNamePart(r.customerCode)}${cur}.eml`;
}

/** The missing profile fields in words of the locale, joined; "" when none. */
function profileLine(fields: Set<string>, locale: Locale): string {
  return [...fields]
    .map((f) => PROFILE_FIELDS[f]?.[locale] ?? f)
    .join(cliText(locale, "listSeparator"));
}

interface PrepareContext {
  analysis: ReturnType<typeof analyze>;
  imported: ReturnType<typeof importGrids>;
  policy: ReturnType<typeof policyArgs>;
  profile: ReturnType<typeof readProfile>;
  templatesFile: string | undefined;
  templates: ReturnType<typeof mailTemplates>["templates"];
  outDir: string;
  from: string;
  replyTo: string | null;
  collector: string | null;
  locale: Locale;
  done: Parameters<typeof generateChecked>[1]["done"];
  /** Filled by prepare: company profile fields the letters print that the profile leaves blank. */
  profileMissing: Set<string>;
}

/**
 * The letters of the messages (in each customer's language), printed to PDF in one LibreOffice
 * run, and the messages themselves.
 */
async function prepare(list: DueReminder[], c: PrepareContext): Promise<Prepared[]> {
  if (!list.length) return [];
  const soffice = findSoffice();
  if (!soffice) throw sofficeMissing(c.locale);
  const userTemplates = await templatesArg(c.templatesFile);
  const docs: { spec: SheetSpec; name: string }[] = [];
  const docOf = new Map<DueReminder, number>();
  for (const locale of ["zh-CN", "en-US"] as const) {
    const mine = list.filter((r) => r.locale === locale);
    if (!mine.length) continue;
    const kinds: DocumentKind[] = [];
    if (mine.some((r) => r.type !== "dunning")) kinds.push("statements");
    if (mine.some((r) => r.type === "dunning")) kinds.push("reminders");
    const g = generateChecked(kinds, {
      imported: c.imported,
      analysis: c.analysis,
      policy: c.policy,
      locale,
      profile: c.profile,
      templates: userTemplates,
      customers: [...new Set(mine.map((r) => r.customerCode))],
      perCustomer: true,
      done: c.done,
    });
    const missing = g.issues.find((i) => i.code === "template.profileMissing");
    for (const f of missing?.fields ?? []) c.profileMissing.add(f);
    const specs = new Map(g.specs.map((s) => [s.name, s]));
    for (const r of mine) {
      const wanted = r.type === "dunning" ? ["reminder", "notice", "final"] : ["statement"];
      const d = g.documents.find(
        (x) =>
          wanted.includes(x.kind) && x.customer === r.customerCode && x.currency === r.currency,
      );
      if (!d) continue;
      const letter = r.stage ? { A: "reminder", B: "notice", C: "final" }[r.stage] : "statement";
      const kindName: Record<Locale, Record<string, string>> = {
        "zh-CN": {
          statement: "对账单",
          reminder: "付款提醒函",
          notice: "催款函",
          final: "最后催告函",
        },
        "en-US": {
          statement: "Statement",
          reminder: "Reminder",
          notice: "Second-notice",
          final: "Final-demand",
        },
      };
      const cur = r.currency ? `-${safeNamePart(r.currency)}` : "";
      const name = `${kindName[locale][letter]}-${safeNamePart(r.customerCode)}${cur}-${yyyymmdd(c.analysis.asOf)}.pdf`;
      docOf.set(r, docs.length);
      docs.push({ spec: specs.get(d.sheet)!, name });
    }
  }
  fs.mkdirSync(c.outDir, { recursive: true });
  const pdfs = await writePdfs(docs, path.join(c.outDir, "pdf"), c.locale, soffice);
  const domain = /@([^>\s]+)>?\s*$/.exec(c.from)?.[1] ?? "localhost";
  return list.map((r) => {
    const k = docOf.get(r);
    const pdf =
      k === undefined
        ? null
        : (() => {
            const bytes = fs.readFileSync(pdfs[k]);
            return { name: docs[k].name, path: pdfs[k], sha256: sha256Hex(bytes), bytes };
          })();
    const text = reminderText(r, c.analysis, c.templates, {
      company: c.profile.company?.name ?? null,
      collector: c.collector,
      replyTo: c.replyTo,
    });
    const messageId = `<ar-desk.${randomUUID()}@${domain}>`;
    const mail: Prepared["mail"] = {
      from: c.from,
      to: r.recipients,
      replyTo: c.replyTo ?? undefined,
      subject: text.subject,
      text: text.body,
      messageId,
      date: new Date(),
      headers: { "Auto-Submitted": "auto-generated" },
      attachments: pdf
        ? [{ filename: pdf.name, content: pdf.bytes, contentType: "application/pdf" }]
        : [],
      disableFileAccess: true,
      disableUrlAccess: true,
    };
    return {
      reminder: r,
      pdf: pdf ? { name: pdf.name, path: pdf.path, sha256: pdf.sha256 } : null,
      mail,
    };
  });
}
