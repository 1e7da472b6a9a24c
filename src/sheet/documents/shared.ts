/**
 * What every document kind of the generator shares: the titles and sheet names, the context
 * every document starts from (company, dates, days to reply and pay), the customer's part of
 * it, money and date values, amounts in words, and the days-overdue text of an item row.
 */
import type { Serial } from "../../core/dates";
import {
  amountInWordsEn,
  amountInWordsZh,
  customerFields,
  type DocKind,
} from "../../core/documents";
import { fill, perLocale } from "../../core/i18n";
import type { Ledger } from "../../core/ledger";
import type { Locale } from "../../core/messages";
import { minorDigits } from "../../core/money";
import type { Context, MoneyValue, TemplateValue } from "../templates/engine";
import { DOCUMENT_NAMES, type TemplateKind } from "../templates/fields";
import type { DocumentRecord, GenerateOptions } from "../document-options";

/** A customer that got no document of a kind, and why (nothing is dropped silently). */
export interface SkippedDocument {
  kind: TemplateKind;
  customer: string;
  currency: string | null;
  reason: "creditBalance" | "zeroBalance" | "noActivity" | "nothingOverdue";
  balance: number;
}

/** A prepared document kind: the contexts of its documents, before its template is filled. */
export interface Batch {
  kind: TemplateKind;
  contexts: { ctx: Context; record: Omit<DocumentRecord, "sheet" | "kind"> }[];
  skipped: SkippedDocument[];
}

/** The title each document carries (`{{title}}`). */
export const TITLES: Record<Locale, Record<TemplateKind, string>> = {
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
  "zh-CN": DOCUMENT_NAMES["zh-CN"],
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

/** The numbering series of each kind (core/documents' DocNumbers). */
export const DOC_KIND: Record<TemplateKind, DocKind> = {
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
export const date = (serial: Serial | null | undefined) => (serial ? { date: serial } : null);

/** The date the documents carry, and the days they give to pay (the profile's, default 10). */
export const issueOf = (options: GenerateOptions): Serial =>
  options.issueDate ?? options.analysis.asOf;
export const payDaysOf = (options: GenerateOptions): number => options.profile.payDays ?? 10;

/** What every document's context starts from: the profile, the dates, the days given. */
export function baseContext(options: GenerateOptions): Context {
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

const T = perLocale({
  "zh-CN": {
    inWords: amountInWordsZh,
    dueToday: "今天到期",
    dueIn: "{n}天后到期",
    /** Between the items of a list in a sentence (contracts). */
    listSeparator: "、",
  },
  "en-US": {
    inWords: amountInWordsEn,
    dueToday: "due today",
    dueIn: "due in {n, plural, one {# day} other {# days}}",
    listSeparator: ", ",
  },
});

/** An amount in words: 人民币壹万贰仟元整, or cheque style in English. */
export function inWords(minor: number, currency: string | null, locale: Locale): string {
  return T[locale].inWords(minor, currency);
}

/** A list in a sentence: 甲、乙 / A, B. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(T[locale].listSeparator);
}

/**
 * What an item row shows under "days overdue": the number of days for an overdue item; for one
 * not yet due, text saying when it falls due ("due in 3 days", "due today"), never a negative
 * number. The text goes into the cell as text (the writers never read a string as a formula or
 * a number). An item without a due date has no days to show: its callers leave it blank.
 */
export function daysOverdueText(days: number, locale: Locale): number | string {
  if (days > 0) return days;
  if (days === 0) return T[locale].dueToday;
  return fill(T[locale].dueIn, { n: -days }, { locale });
}
