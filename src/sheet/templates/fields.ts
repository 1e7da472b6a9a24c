/**
 * The placeholders each document offers (the documented list: docs/TEMPLATES.md). A template
 * may use any of them; anything else is reported before a document is generated.
 */
import { fill, perLocale } from "../../core/i18n";
import type { Locale } from "../../core/messages";
import type { FieldSet } from "./engine";

export type TemplateKind =
  "statement" | "activity" | "confirmation" | "reminder" | "notice" | "final" | "commitment";

/**
 * What each kind of document is called, one per locale: the register's type column, and the
 * Chinese sheet and file names (the English ones are plural or hyphenated where they are used).
 */
export const DOCUMENT_NAMES: Readonly<Record<Locale, Readonly<Record<TemplateKind, string>>>> = {
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
    statement: "Statement",
    activity: "Activity statement",
    confirmation: "Confirmation",
    reminder: "Payment reminder",
    notice: "Second notice",
    final: "Final demand",
    commitment: "Payment commitment",
  },
};

/** Fields every document has: the issuing company, the customer and the document itself. */
export const COMMON_FIELDS = [
  "company.name",
  "company.address",
  "company.phone",
  "company.contact",
  "company.email",
  "company.bank.name",
  "company.bank.account",
  "company.bank.accountName",
  "customer.name",
  "customer.code",
  "customer.address",
  "customer.contact",
  "customer.phone",
  "customer.email",
  "customer.salesperson",
  "customer.creditLimit",
  "docNo",
  "title",
  "issueDate",
  "asOf",
  "currency",
  "replyDays",
  "replyBy",
  "payBy",
] as const;

/**
 * The fields that come from the company profile (`--company profile.json`, the profile sheet in
 * Excel), with what a reader calls each. A letter that prints one the profile leaves blank shows
 * a placeholder to fill in instead: 【待填：公司名称】 / [to fill in: company name].
 */
export const PROFILE_FIELDS: Readonly<Record<string, Record<Locale, string>>> = {
  "company.name": { "zh-CN": "公司名称", "en-US": "company name" },
  "company.address": { "zh-CN": "公司地址", "en-US": "company address" },
  "company.phone": { "zh-CN": "联系电话", "en-US": "phone number" },
  "company.contact": { "zh-CN": "联系人", "en-US": "contact person" },
  "company.email": { "zh-CN": "电子邮箱", "en-US": "email address" },
  "company.bank.name": { "zh-CN": "开户银行", "en-US": "bank name" },
  "company.bank.account": { "zh-CN": "银行账号", "en-US": "bank account number" },
  "company.bank.accountName": { "zh-CN": "账户名称", "en-US": "bank account name" },
  "auditor.name": { "zh-CN": "会计师事务所名称", "en-US": "auditor's name" },
  "replyTo.name": { "zh-CN": "回函单位", "en-US": "reply addressee" },
  "replyTo.address": { "zh-CN": "回函地址", "en-US": "reply address" },
  "replyTo.postcode": { "zh-CN": "回函邮编", "en-US": "reply postcode" },
  "replyTo.phone": { "zh-CN": "回函电话", "en-US": "reply phone number" },
  "replyTo.contact": { "zh-CN": "回函联系人", "en-US": "reply contact person" },
  "replyTo.email": { "zh-CN": "回函邮箱", "en-US": "reply email address" },
};

const TO_FILL = perLocale({ "zh-CN": "【待填：{label}】", "en-US": "[to fill in: {label}]" });

/** What a letter prints for a profile field left blank. */
export function profilePlaceholder(field: string, locale: Locale): string {
  const label = PROFILE_FIELDS[field]?.[locale] ?? field;
  return fill(TO_FILL[locale], { label });
}

/** Fields a header or footer may use: the same on every page of a sheet of many customers. */
export const SHEET_FIELDS = ["company.name", "title", "asOf", "issueDate"] as const;

const BUCKETS = ["label", "amount"] as const;

const DUNNING: FieldSet = {
  fields: [
    ...COMMON_FIELDS,
    "stage",
    "contracts",
    "overdueTotal",
    "overdueTotalInWords",
    "daysOverdue",
    "payDays",
    "interest",
    "annualRatePercent",
    "interestClause",
    "fees",
    "totalDue",
    "totalDueNote",
    "totalDueInWords",
    "heldCount",
    "heldTotal",
    "heldNote",
  ],
  sections: {
    items: [
      "contract",
      "invoice",
      "date",
      "dueDate",
      "amount",
      "paid",
      "outstanding",
      "daysOverdue",
      "level",
      "interest",
    ],
  },
};

export const FIELD_SETS: Record<TemplateKind, FieldSet> = {
  statement: {
    fields: [
      ...COMMON_FIELDS,
      "balance",
      "balanceInWords",
      "overdue",
      "overdueClause",
      "openItems",
      "unapplied",
    ],
    sections: {
      items: [
        "invoice",
        "contract",
        "date",
        "dueDate",
        "amount",
        "paid",
        "outstanding",
        "daysOverdue",
        "cumulative",
      ],
      buckets: BUCKETS,
    },
  },
  activity: {
    fields: [
      ...COMMON_FIELDS,
      "period.from",
      "period.to",
      "openingBalance",
      "closingBalance",
      "balanceInWords",
      "totals.invoiced",
      "totals.received",
      "totals.creditNotes",
      "overdue",
      "overdueClause",
    ],
    sections: { lines: ["date", "type", "docNo", "summary", "debit", "credit", "balance"] },
  },
  confirmation: {
    fields: [
      ...COMMON_FIELDS,
      "auditor.name",
      "replyTo.name",
      "replyTo.address",
      "replyTo.postcode",
      "replyTo.phone",
      "replyTo.contact",
      "replyTo.email",
      "receivable",
      "payable",
      "balance",
      "balanceInWords",
      "note",
    ],
    sections: { items: ["invoice", "date", "dueDate", "outstanding"] },
  },
  reminder: DUNNING,
  notice: DUNNING,
  final: DUNNING,
  commitment: {
    fields: [
      ...COMMON_FIELDS,
      "balance",
      "balanceInWords",
      "overdue",
      "unapplied",
      "openItems",
      "contracts",
      "scheduleTotal",
      "scheduleTotalInWords",
      "remainder",
      "instalmentCount",
      "firstDate",
      "lastDate",
    ],
    sections: {
      items: [
        "contract",
        "invoice",
        "date",
        "dueDate",
        "amount",
        "paid",
        "outstanding",
        "daysOverdue",
      ],
      instalments: ["date", "amount", "cumulative", "remaining"],
    },
  },
};
