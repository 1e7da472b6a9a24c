/**
 * The placeholders each document offers (the documented list: docs/TEMPLATES.md). A template
 * may use any of them; anything else is reported before a document is generated.
 */
import type { FieldSet } from "./engine";

export type TemplateKind =
  "statement" | "activity" | "confirmation" | "reminder" | "notice" | "final" | "commitment";

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
