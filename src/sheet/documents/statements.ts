/**
 * Statements: the open-item statement of each customer and currency that owes something, or,
 * with a period, the activity statement of everyone with activity or a balance in it.
 */
import type { Serial } from "../../core/dates";
import { bucketHeading, type DocNumbers } from "../../core/documents";
import { fill, perLocale } from "../../core/i18n";
import type { Locale } from "../../core/messages";
import { formatMoney, minorDigits, type Minor } from "../../core/money";
import { activityStatement, itemsByCustomer, openItemStatement } from "../../core/statement";
import type { GenerateOptions } from "../document-options";
import { formatDate, type Context } from "../templates/engine";
import type { TemplateKind } from "../templates/fields";
import {
  customerContext,
  date,
  daysOverdueText,
  DOC_KIND,
  inWords,
  issueOf,
  money,
  payDaysOf,
  TITLES,
  type Batch,
  type SkippedDocument,
} from "./shared";

const T = perLocale({
  "zh-CN": {
    /** The kinds of an activity statement's lines, and a payment's "applied to" summary. */
    line: { invoice: "销售发票", credit: "退货/折让", payment: "收款", against: "核销" },
    activityOverdue: "其中已到期{amount}。",
    activityNone: "其中没有逾期款项。",
    statementOverdue: "其中已到期{amount}，请于{by}前支付。",
    statementNone: "其中尚无逾期款项，请按各笔发票的到期日付款。",
  },
  "en-US": {
    line: { invoice: "Invoice", credit: "Credit note", payment: "Payment", against: "Applied to" },
    activityOverdue: "Of the closing balance, {amount} is overdue.",
    activityNone: "None of the closing balance is overdue.",
    statementOverdue: "Of this, {amount} is overdue; please pay it by {by}.",
    statementNone: "None of it is overdue; please pay each invoice by its due date.",
  },
});

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
  const t = T[locale];
  const params = { amount: formatMoney(overdue, currency), by: formatDate(payBy, locale) };
  if (kind === "activity")
    return overdue > 0 ? fill(t.activityOverdue, params) : fill(t.activityNone, params);
  return overdue > 0 ? fill(t.statementOverdue, params) : fill(t.statementNone, params);
}

export function statements(
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
      const label = T[locale].line;
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
