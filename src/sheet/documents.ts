/**
 * One generator for every document (issue 5): from an analysis, a company profile and templates
 * (the user's edited ones, else the built-in ones) to SheetSpecs that either writer renders
 * (ExcelJS for the CLI, Office.js in Excel). Templates are checked before anything is filled:
 * an unknown placeholder stops the run with its sheet and cell; missing data is a warning.
 */
import type { Serial } from "../core/dates";
import {
  amountInWordsEn,
  amountInWordsZh,
  bucketHeading,
  customerFields,
  balanceConfirmations,
  DocNumbers,
  dunningLetters,
  type DocKind,
  type DunningStage,
} from "../core/documents";
import type { Ledger } from "../core/ledger";
import type { Locale } from "../core/messages";
import { formatMoney, minorDigits, type Minor } from "../core/money";
import { activityStatement, itemsByCustomer, openItemStatement } from "../core/statement";
import { agingReportSpec } from "./aging-report";
import { planSpec } from "./plan-sheet";
import { contentHash } from "./register";
import { scorecardSpec } from "./scorecard-sheet";
import { sheetName as validSheetName, type SheetSpec } from "./spec";
import { builtinTemplate, TEMPLATE_SHEETS } from "./templates/builtin";
import {
  fillTemplate,
  formatDate,
  lookup,
  parseTemplate,
  placeholdersOf,
  stackSpecs,
  type Context,
  type MoneyValue,
  type TemplateIssue,
  type TemplateValue,
} from "./templates/engine";
import {
  FIELD_SETS,
  PROFILE_FIELDS,
  profilePlaceholder,
  SHEET_FIELDS,
  type TemplateKind,
} from "./templates/fields";
import type { DocumentRecord, GenerateOptions, Profile } from "./document-options";

export type { DocumentRecord, GenerateOptions, Profile };

export type DocumentKind =
  "statements" | "confirmations" | "reminders" | "commitments" | "plan" | "aging" | "scorecard";
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "statements",
  "confirmations",
  "reminders",
  "commitments",
  "plan",
  "aging",
  "scorecard",
];

/** A customer that got no document of a kind, and why (nothing is dropped silently). */
export interface SkippedDocument {
  kind: TemplateKind;
  customer: string;
  currency: string | null;
  reason: "creditBalance" | "zeroBalance" | "noActivity" | "nothingOverdue";
  balance: number;
}

export interface Generated {
  specs: SheetSpec[];
  documents: DocumentRecord[];
  skipped: SkippedDocument[];
  /** Warnings (missing data). Errors are thrown as TemplateError before anything is made. */
  issues: TemplateIssue[];
}

/** Templates that cannot be used: the run stops before anything is written. */
export class TemplateError extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    super(
      issues
        .map(
          (i) =>
            `${i.sheet}${i.row ? `!${cellName(i.row, i.column ?? 1)}` : ""}: ${i.code} ${i.name}`,
        )
        .join("; "),
    );
  }
}

function cellName(row: number, column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

const TITLES: Record<Locale, Record<TemplateKind, string>> = {
  "zh-CN": {
    statement: "客户对账单（对账函）",
    activity: "客户往来对账单",
    confirmation: "企业询证函",
    reminder: "付款提醒函",
    notice: "催款函",
    final: "最后催告函",
    commitment: "还款承诺书",
  },
  "en-US": {
    statement: "Statement of Account",
    activity: "Statement of Account",
    confirmation: "Confirmation Request",
    reminder: "Payment Reminder",
    notice: "Second Notice",
    final: "Final Demand",
    commitment: "Payment Commitment",
  },
};

/** Names of the generated sheets. */
export const OUTPUT_SHEETS: Record<Locale, Record<TemplateKind, string>> = {
  "zh-CN": {
    statement: "对账单",
    activity: "往来对账单",
    confirmation: "询证函",
    reminder: "付款提醒函",
    notice: "催款函",
    final: "最后催告函",
    commitment: "还款承诺书",
  },
  "en-US": {
    statement: "Statements",
    activity: "Activity statements",
    confirmation: "Confirmations",
    reminder: "Reminders",
    notice: "Second notices",
    final: "Final demands",
    commitment: "Payment commitments",
  },
};

const DOC_KIND: Record<TemplateKind, DocKind> = {
  statement: "statement",
  activity: "statement",
  confirmation: "confirmation",
  reminder: "dunning",
  notice: "dunning",
  final: "dunning",
  commitment: "commitment",
};

/** Context values. */
export const money = (minor: number, digits: number): MoneyValue => ({ money: minor, digits });
const date = (serial: Serial | null | undefined) => (serial ? { date: serial } : null);

/** A prepared document kind: its parsed template and the contexts of its documents. */
interface Batch {
  kind: TemplateKind;
  contexts: { ctx: Context; record: Omit<DocumentRecord, "sheet" | "kind"> }[];
  skipped: SkippedDocument[];
}

/** Checks the templates of the kinds to be made; throws TemplateError on any error. */
function prepare(kinds: TemplateKind[], options: GenerateOptions, stacked: boolean) {
  const errors: TemplateIssue[] = [];
  const parsed = new Map<TemplateKind, ReturnType<typeof parseTemplate>["template"]>();
  for (const kind of kinds) {
    const spec = options.templates?.[kind] ?? builtinTemplate(kind, options.locale);
    const { template, issues } = parseTemplate(spec, FIELD_SETS[kind]);
    errors.push(...issues.filter((i) => i.severity === "error"));
    if (stacked) {
      // On a sheet of many customers the header and footer are the same on every page.
      for (const text of [spec.print?.header, spec.print?.footer]) {
        for (const m of (text ?? "").matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) {
          if (m[1] === "page" || m[1] === "pages") continue;
          if (!(SHEET_FIELDS as readonly string[]).includes(m[1]))
            errors.push({
              code: "template.footerPlaceholder",
              severity: "error",
              sheet: spec.name,
              name: m[1],
            });
        }
      }
    }
    parsed.set(kind, template);
  }
  if (errors.length) throw new TemplateError(errors);
  return parsed;
}

/** The generated sheets of several document kinds. */
export function generateDocuments(kinds: DocumentKind[], options: GenerateOptions): Generated {
  const batches: Batch[] = [];
  const numbers = options.numbers ?? new DocNumbers();
  const base = baseContext(options);
  const wanted = customerFilter(options);
  for (const kind of kinds) {
    if (kind === "statements") batches.push(statements(options, base, wanted, numbers));
    if (kind === "reminders") batches.push(...dunning(options, base, wanted, numbers));
    if (kind === "confirmations") batches.push(confirmations(options, base, wanted, numbers));
    if (kind === "commitments" && options.commitments)
      batches.push(commitments(options, base, wanted, numbers));
  }
  const tables: SheetSpec[] = [];
  for (const kind of kinds) {
    if (kind === "aging") tables.push(agingReportSpec(options.analysis, options.locale));
    if (kind === "plan") tables.push(planSpec(options, wanted));
    if (kind === "scorecard") tables.push(scorecardSpec(options, numbers));
  }
  const templateKinds = batches.map((b) => b.kind);
  const stacked = !options.perCustomer;
  const parsed = prepare(templateKinds, options, stacked);
  // Profile fields the documents made print but the profile leaves blank: a visible placeholder
  // in every letter, and one warning naming them all (not one per field and customer).
  const missingProfile = missingProfileFields(
    batches.filter((b) => b.contexts.length).map((b) => parsed.get(b.kind)!.spec),
    options.profile,
  );
  if (missingProfile.length) {
    const filled = withPlaceholders(options.profile, missingProfile, options.locale);
    for (const batch of batches) for (const { ctx } of batch.contexts) Object.assign(ctx, filled);
  }

  const specs: SheetSpec[] = [];
  const documents: DocumentRecord[] = [];
  const skipped = batches.flatMap((b) => b.skipped);
  const issues: TemplateIssue[] = [];
  const taken = [...Object.values(OUTPUT_SHEETS[options.locale]), ...tables.map((t) => t.name)];
  for (const batch of batches) {
    const template = parsed.get(batch.kind)!;
    const sheetName = OUTPUT_SHEETS[options.locale][batch.kind];
    const parts: SheetSpec[] = [];
    for (const { ctx, record } of batch.contexts) {
      const filled = fillTemplate(template, ctx, {
        locale: options.locale,
        subject: record.customer,
      });
      issues.push(...filled.issues);
      // One sheet per customer: a valid, unique name whatever the customer code holds.
      const name = stacked ? sheetName : validSheetName(`${sheetName} ${record.customer}`, taken);
      if (!stacked) taken.push(name);
      parts.push({ ...filled.spec, name });
      documents.push({ ...record, kind: batch.kind, sheet: name, hash: contentHash(filled.spec) });
    }
    if (!parts.length) continue;
    if (stacked) {
      // Excel keeps at most 1,026 manual page breaks a sheet: 1,000 documents a sheet.
      for (let k = 0; k < parts.length; k += MAX_STACKED) {
        const name = k === 0 ? sheetName : `${sheetName} (${k / MAX_STACKED + 1})`;
        // stackSpecs keeps the first document's print setup, header and footer included.
        specs.push(stackSpecs(name, parts.slice(k, k + MAX_STACKED)));
        for (const d of documents.slice(
          documents.length - parts.length + k,
          documents.length - parts.length + k + MAX_STACKED,
        ))
          d.sheet = name;
      }
    } else specs.push(...parts);
  }
  specs.push(...tables);
  const merged = mergeMissing(issues);
  if (missingProfile.length)
    merged.unshift({
      code: "template.profileMissing",
      severity: "warning",
      sheet: "",
      name: missingProfile.join(", "),
      fields: missingProfile,
    });
  return { specs, documents, skipped, issues: merged };
}

/** The profile fields these templates print that the profile leaves blank, in profile order. */
export function missingProfileFields(templates: SheetSpec[], profile: Profile): string[] {
  const used = new Set<string>();
  for (const spec of templates) for (const name of placeholdersOf(spec)) used.add(name);
  return Object.keys(PROFILE_FIELDS).filter((field) => {
    if (!used.has(field)) return false;
    const v = lookup(profile as Context, field);
    return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
  });
}

/** The profile's company, auditor and reply-to with a placeholder in each of `fields`. */
function withPlaceholders(profile: Profile, fields: string[], locale: Locale): Context {
  const out = JSON.parse(
    JSON.stringify({
      company: profile.company ?? {},
      auditor: profile.auditor ?? {},
      replyTo: profile.replyTo ?? {},
    }),
  ) as Record<string, Record<string, TemplateValue>>;
  for (const field of fields) {
    const keys = field.split(".");
    let node = out as Record<string, TemplateValue>;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      node = (
        next && typeof next === "object" && !Array.isArray(next) ? next : (node[key] = {})
      ) as Record<string, TemplateValue>;
    }
    node[keys[keys.length - 1]] = profilePlaceholder(field, locale);
  }
  return out;
}

/** Documents stacked on one sheet at most (Excel's limit is 1,026 manual page breaks a sheet). */
export const MAX_STACKED = 1000;

/** One warning per missing field, naming the customers it concerns. */
function mergeMissing(issues: TemplateIssue[]): TemplateIssue[] {
  const byName = new Map<string, { issue: TemplateIssue; subjects: Set<string> }>();
  for (const i of issues) {
    const key = `${i.sheet}\u0000${i.name}`;
    let seen = byName.get(key);
    if (!seen) byName.set(key, (seen = { issue: { ...i }, subjects: new Set() }));
    if (i.subject) seen.subjects.add(i.subject);
  }
  return [...byName.values()].map(({ issue, subjects }) =>
    subjects.size ? { ...issue, subject: [...subjects].join(", ") } : issue,
  );
}

function customerFilter(options: GenerateOptions): (customer: number) => boolean {
  const names = options.customers ?? [];
  if (!names.length) return () => true;
  const wanted = new Set(names.map((n) => n.trim().toLowerCase()));
  return (c) => {
    const cu = options.ledger.customers[c];
    return (
      wanted.has(cu.code.toLowerCase()) || (cu.name !== null && wanted.has(cu.name.toLowerCase()))
    );
  };
}

/** The date the documents carry, and the days they give to pay (the profile's, default 10). */
const issueOf = (options: GenerateOptions): Serial => options.issueDate ?? options.analysis.asOf;
const payDaysOf = (options: GenerateOptions): number => options.profile.payDays ?? 10;

function baseContext(options: GenerateOptions): Context {
  const { profile, analysis } = options;
  const issue = issueOf(options);
  const replyDays = profile.replyDays ?? 10;
  const payDays = payDaysOf(options);
  return {
    company: profile.company as TemplateValue,
    auditor: profile.auditor as TemplateValue,
    replyTo: profile.replyTo as TemplateValue,
    asOf: date(analysis.asOf),
    issueDate: date(issue),
    replyDays,
    replyBy: date(issue + replyDays),
    payDays,
    payBy: date(issue + payDays),
  };
}

/** The customer part of a context. */
export function customerContext(ledger: Ledger, c: number): Context {
  const f = customerFields(ledger, c);
  const cu = ledger.customers[c];
  return {
    ...f,
    creditLimit: f.creditLimit === null ? null : money(f.creditLimit, minorDigits(cu.currency)),
  };
}

function inWords(minor: number, currency: string | null, locale: Locale): string {
  return locale === "zh-CN" ? amountInWordsZh(minor, currency) : amountInWordsEn(minor, currency);
}

/**
 * What an item row shows under "days overdue": the number of days for an overdue item; for one
 * not yet due, text saying when it falls due ("due in 3 days", "due today"), never a negative
 * number. The text goes into the cell as text (the writers never read a string as a formula or
 * a number). An item without a due date has no days to show: its callers leave it blank.
 */
export function daysOverdueText(days: number, locale: Locale): number | string {
  if (days > 0) return days;
  const zh = locale === "zh-CN";
  if (days === 0) return zh ? "今天到期" : "due today";
  const n = -days;
  return zh ? `${n}天后到期` : `due in ${n} ${n === 1 ? "day" : "days"}`;
}

/**
 * The interest sentence of a dunning letter, and what its total includes. Interest is claimed
 * only when the policy sets a rate and it comes to something: with no rate the letter says
 * nothing about interest (no "at 0% a year amounts to 0.00"). The note says what the total due
 * holds beyond the overdue items — in Chinese before the amount (本金及违约金合计), in English
 * after it ("(including that interest)") — and is empty when it is just the overdue items.
 */
export function interestText(
  letter: {
    interest: Minor;
    annualRatePercent: number;
    fees: Minor;
    asOf: Serial;
    currency: string | null;
  },
  locale: Locale,
): { interestClause: string; totalDueNote: string } {
  const zh = locale === "zh-CN";
  const interest = letter.interest > 0 && letter.annualRatePercent > 0;
  const fees = letter.fees > 0;
  const amount = formatMoney(letter.interest, letter.currency);
  const feeAmount = formatMoney(letter.fees, letter.currency);
  const asOf = formatDate(letter.asOf, locale);
  const rate = letter.annualRatePercent;
  const interestClause = !interest
    ? ""
    : zh
      ? `依双方合同约定，截至${asOf}逾期付款违约金（按年利率${rate}%计）为${amount}。`
      : `Interest under our contract at ${rate}% a year amounts to ${amount} at ${asOf}.`;
  let totalDueNote = "";
  if (zh) {
    if (interest && fees) totalDueNote = "本金、违约金及费用合计";
    else if (interest) totalDueNote = "本金及违约金合计";
    else if (fees) totalDueNote = "本金及费用合计";
  } else {
    if (interest && fees) totalDueNote = `(including that interest and fees of ${feeAmount})`;
    else if (interest) totalDueNote = "(including that interest)";
    else if (fees) totalDueNote = `(including fees of ${feeAmount})`;
  }
  return { interestClause, totalDueNote };
}

/**
 * The sentence of a statement about the overdue part of the balance: how much is overdue and
 * by when to pay it, or, when nothing is, a neutral sentence instead of "of which 0.00 is
 * overdue, please pay it". An activity statement states the fact only (it asks for no payment).
 */
export function overdueClause(
  kind: "statement" | "activity",
  overdue: Minor,
  currency: string | null,
  payBy: Serial,
  locale: Locale,
): string {
  const amount = formatMoney(overdue, currency);
  const by = formatDate(payBy, locale);
  const zh = locale === "zh-CN";
  if (kind === "activity") {
    if (overdue > 0)
      return zh ? `其中已到期${amount}。` : `Of the closing balance, ${amount} is overdue.`;
    return zh ? "其中没有逾期款项。" : "None of the closing balance is overdue.";
  }
  if (overdue > 0)
    return zh
      ? `其中已到期${amount}，请于${by}前支付。`
      : `Of this, ${amount} is overdue; please pay it by ${by}.`;
  return zh
    ? "其中尚无逾期款项，请按各笔发票的到期日付款。"
    : "None of it is overdue; please pay each invoice by its due date.";
}

function statements(
  options: GenerateOptions,
  base: Context,
  wanted: (c: number) => boolean,
  numbers: DocNumbers,
): Batch {
  const { ledger, analysis: a, locale, period } = options;
  const kind: TemplateKind = period ? "activity" : "statement";
  const title = TITLES[locale][kind];
  const payBy = issueOf(options) + payDaysOf(options);
  const contexts: Batch["contexts"] = [];
  const skipped: SkippedDocument[] = [];
  let byCustomer: Map<number, number[]> | undefined;
  for (const group of a.customers) {
    if (!wanted(group.customer)) continue;
    const code = ledger.customers[group.customer].code;
    const currency = ledger.currencies[group.currency];
    const skip = (reason: SkippedDocument["reason"], balance: number) =>
      skipped.push({ kind, customer: code, currency, reason, balance });
    const digits = minorDigits(currency);
    const m = (v: number) => money(v, digits);
    const common = {
      ...base,
      title,
      currency: currency ?? "",
      customer: customerContext(ledger, group.customer),
    };
    if (period) {
      const st = activityStatement(ledger, group.customer, group.currency, period.from, period.to);
      if (st.opening === 0 && st.lines.length === 0 && st.closing === 0) {
        skip("noActivity", 0);
        continue;
      }
      const label = ACTIVITY_LABELS[locale];
      contexts.push({
        ctx: {
          ...common,
          docNo: numbers.next(DOC_KIND[kind], options.issueDate ?? a.asOf, code),
          period: { from: date(period.from), to: date(period.to) },
          openingBalance: m(st.opening),
          closingBalance: m(st.closing),
          balanceInWords: inWords(st.closing, currency, locale),
          totals: {
            invoiced: m(st.invoices),
            received: m(st.payments),
            creditNotes: m(st.credits),
          },
          overdue: m(group.overdue),
          overdueClause: overdueClause("activity", group.overdue, currency, payBy, locale),
          lines: st.lines.map((l) => ({
            date: date(l.date),
            type: label[l.kind],
            docNo: l.ref,
            summary:
              l.item >= 0 && l.kind === "payment"
                ? `${label.against} ${ledger.items.ref[l.item] ?? ""}`
                : null,
            debit: l.amount > 0 ? m(l.amount) : null,
            credit: l.amount < 0 ? m(-l.amount) : null,
            balance: m(l.balance),
          })),
        },
        record: {
          docNo: "",
          customer: code,
          currency,
          balance: st.closing,
          items: st.lines.length,
        },
      });
    } else {
      // A statement asks for payment: a customer we owe (credit balance) or who owes nothing
      // gets none; the confirmation letter covers balances either way.
      if (group.outstanding <= 0) {
        skip(group.outstanding < 0 ? "creditBalance" : "zeroBalance", group.outstanding);
        continue;
      }
      const st = openItemStatement(
        a,
        group.customer,
        group.currency,
        (byCustomer ??= itemsByCustomer(a)).get(
          group.customer * ledger.currencies.length + group.currency,
        ) ?? [],
      );
      let running = 0;
      contexts.push({
        ctx: {
          ...common,
          docNo: numbers.next(DOC_KIND[kind], options.issueDate ?? a.asOf, code),
          balance: m(st.balance),
          balanceInWords: inWords(st.balance, currency, locale),
          overdue: m(group.overdue),
          overdueClause: overdueClause("statement", group.overdue, currency, payBy, locale),
          unapplied: m(st.unapplied),
          openItems: st.lines.length,
          items: st.lines.map((l) => {
            running += l.outstanding;
            return {
              invoice: l.ref,
              contract: ledger.items.contract[l.item],
              date: date(l.invoiceDate),
              dueDate: date(l.due),
              amount: m(l.amount),
              paid: m(l.amount - l.outstanding),
              outstanding: m(l.outstanding),
              daysOverdue: l.due ? daysOverdueText(l.daysOverdue, locale) : null,
              cumulative: m(running),
            };
          }),
          buckets: a.labels.map((label, b) => ({
            label: bucketHeading(label, locale),
            amount: m(st.buckets[b]),
          })),
        },
        record: {
          docNo: "",
          customer: code,
          currency,
          balance: st.balance,
          items: st.lines.length,
        },
      });
    }
    const last = contexts[contexts.length - 1];
    last.record.docNo = String(last.ctx.docNo);
  }
  return { kind, contexts, skipped };
}

const ACTIVITY_LABELS = {
  "zh-CN": { invoice: "销售发票", credit: "退货/折让", payment: "收款", against: "核销" },
  "en-US": { invoice: "Invoice", credit: "Credit note", payment: "Payment", against: "Applied to" },
} as const;

/** Balance confirmations: every customer and currency with something open, credit balances too. */
function confirmations(
  options: GenerateOptions,
  base: Context,
  wanted: (c: number) => boolean,
  numbers: DocNumbers,
): Batch {
  const { analysis: a, locale, profile } = options;
  const list = balanceConfirmations(a, {
    issueDate: options.issueDate,
    numbers,
    locale,
    replyDays: profile.replyDays,
  });
  const contexts: Batch["contexts"] = [];
  for (const c of list) {
    if (!wanted(c.customer.index)) continue;
    const m = (v: number) => money(v, c.digits);
    contexts.push({
      ctx: {
        ...base,
        title: TITLES[locale].confirmation,
        docNo: c.docNo,
        currency: c.currency ?? "",
        customer: customerContext(options.ledger, c.customer.index),
        receivable: m(c.receivable),
        payable: m(c.payable),
        balance: m(c.balance),
        balanceInWords: c.balanceInWords,
        note: c.note,
        replyDays: c.replyDays,
        replyBy: date(c.replyBy),
        items: c.items.map((x) => ({
          invoice: x.invoice,
          date: date(x.date),
          dueDate: date(x.dueDate),
          outstanding: m(x.outstanding),
        })),
      },
      record: {
        docNo: c.docNo,
        customer: c.customer.code,
        currency: c.currency,
        balance: c.balance,
        items: c.items.length,
      },
    });
  }
  return { kind: "confirmation", contexts, skipped: [] };
}

const STAGE_KIND: Record<DunningStage, TemplateKind> = { A: "reminder", B: "notice", C: "final" };

/** Dunning letters, one batch per stage: every overdue, unblocked item in exactly one letter. */
function dunning(
  options: GenerateOptions,
  base: Context,
  wanted: (c: number) => boolean,
  numbers: DocNumbers,
): Batch[] {
  const { analysis: a, locale, profile } = options;
  const letters = dunningLetters(a, {
    issueDate: options.issueDate,
    numbers,
    locale,
    payDays: profile.payDays === undefined ? undefined : { A: profile.payDays, B: profile.payDays },
    done: options.done,
  });
  const batches = new Map<DunningStage, Batch>();
  for (const stage of ["A", "B", "C"] as const)
    batches.set(stage, { kind: STAGE_KIND[stage], contexts: [], skipped: [] });
  for (const l of letters) {
    if (!wanted(l.customer.index)) continue;
    const m = (v: number) => money(v, l.digits);
    batches.get(l.stage)!.contexts.push({
      ctx: {
        ...base,
        title: TITLES[locale][STAGE_KIND[l.stage]],
        docNo: l.docNo,
        currency: l.currency ?? "",
        customer: customerContext(options.ledger, l.customer.index),
        stage: l.stage,
        contracts: l.contracts,
        overdueTotal: m(l.overdueTotal),
        overdueTotalInWords: l.overdueTotalInWords,
        daysOverdue: l.daysOverdue,
        payDays: l.payDays,
        payBy: date(l.payBy),
        interest: m(l.interest),
        annualRatePercent: l.annualRatePercent,
        ...interestText(l, locale),
        fees: m(l.fees),
        totalDue: m(l.totalDue),
        totalDueInWords: l.totalDueInWords,
        heldCount: l.heldCount,
        heldTotal: m(l.heldTotal),
        heldNote: l.heldNote,
        items: l.items.map((x) => ({
          contract: x.contract,
          invoice: x.invoice,
          date: date(x.date),
          dueDate: date(x.dueDate),
          amount: m(x.amount),
          paid: m(x.paid),
          outstanding: m(x.outstanding),
          daysOverdue: x.dueDate ? daysOverdueText(x.daysOverdue, locale) : null,
          level: x.level,
          interest: m(x.interest),
        })),
      },
      record: {
        docNo: l.docNo,
        customer: l.customer.code,
        currency: l.currency,
        balance: l.overdueTotal,
        items: l.items.length,
      },
    });
  }
  return [...batches.values()];
}

/**
 * Payment commitment letters: one per checked schedule, acknowledging the customer's open
 * items and setting out the agreed instalments.
 */
function commitments(
  options: GenerateOptions,
  base: Context,
  wanted: (c: number) => boolean,
  numbers: DocNumbers,
): Batch {
  const { ledger, analysis: a, locale } = options;
  const it = ledger.items;
  const r = a.items;
  const contexts: Batch["contexts"] = [];
  for (const plan of options.commitments ?? []) {
    if (!wanted(plan.customer)) continue;
    const code = ledger.customers[plan.customer].code;
    const currency = ledger.currencies[plan.currency];
    const m = (v: number) => money(v, minorDigits(currency));
    const position = a.customers.find(
      (p) => p.customer === plan.customer && p.currency === plan.currency,
    );
    const docNo = numbers.next("commitment", options.issueDate ?? a.asOf, code);
    const contracts = [
      ...new Set(plan.items.map((i) => it.contract[i]).filter((x): x is string => !!x)),
    ];
    const insts = plan.instalments;
    contexts.push({
      ctx: {
        ...base,
        title: TITLES[locale].commitment,
        docNo,
        currency: currency ?? "",
        customer: customerContext(ledger, plan.customer),
        balance: m(plan.outstanding),
        balanceInWords: inWords(plan.outstanding, currency, locale),
        overdue: m(position?.overdue ?? 0),
        unapplied: m(position?.unapplied ?? 0),
        openItems: plan.items.length,
        contracts: contracts.join(locale === "zh-CN" ? "、" : ", "),
        scheduleTotal: m(plan.total),
        scheduleTotalInWords: inWords(plan.total, currency, locale),
        remainder: m(plan.remainder),
        instalmentCount: insts.length,
        firstDate: date(insts[0]?.date),
        lastDate: date(insts[insts.length - 1]?.date),
        items: plan.items.map((i) => ({
          contract: it.contract[i],
          invoice: it.ref[i],
          date: date(it.invoiceDate[i]),
          dueDate: date(r.due[i]),
          amount: m(it.amount[i]),
          paid: m(it.amount[i] - r.outstanding[i]),
          outstanding: m(r.outstanding[i]),
          daysOverdue: r.due[i] ? daysOverdueText(r.daysOverdue[i], locale) : null,
        })),
        instalments: insts.map((x) => ({
          date: date(x.date),
          amount: m(x.amount),
          cumulative: m(x.cumulative),
          remaining: m(x.remaining),
        })),
      },
      record: {
        docNo,
        customer: code,
        currency,
        balance: plan.outstanding,
        items: plan.items.length,
      },
    });
  }
  return { kind: "commitment", contexts, skipped: [] };
}

export { TEMPLATE_SHEETS };
