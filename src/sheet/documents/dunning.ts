/**
 * Dunning letters by stage — payment reminder (A), second notice (B), final demand (C) — from
 * the document models: every overdue, unblocked item in exactly one letter.
 */
import type { Serial } from "../../core/dates";
import { dunningLetters, type DocNumbers, type DunningStage } from "../../core/documents";
import { fill, perLocale } from "../../core/i18n";
import type { Locale } from "../../core/messages";
import { formatMoney, type Minor } from "../../core/money";
import type { GenerateOptions } from "../document-options";
import { formatDate, type Context } from "../templates/engine";
import type { TemplateKind } from "../templates/fields";
import { customerContext, date, daysOverdueText, money, TITLES, type Batch } from "./shared";

const T = perLocale({
  "zh-CN": {
    interestClause: "依双方合同约定，截至{asOf}逾期付款违约金（按年利率{rate}%计）为{amount}。",
    /** What the total due holds beyond the overdue items, said before the amount. */
    interestAndFees: "本金、违约金及费用合计",
    interest: "本金及违约金合计",
    fees: "本金及费用合计",
  },
  "en-US": {
    interestClause: "Interest under our contract at {rate}% a year amounts to {amount} at {asOf}.",
    /** … and after the amount in English. */
    interestAndFees: "(including that interest and fees of {fees})",
    interest: "(including that interest)",
    fees: "(including fees of {fees})",
  },
});

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
  const t = T[locale];
  const interest = letter.interest > 0 && letter.annualRatePercent > 0;
  const fees = letter.fees > 0;
  const params = {
    amount: formatMoney(letter.interest, letter.currency),
    fees: formatMoney(letter.fees, letter.currency),
    asOf: formatDate(letter.asOf, locale),
    rate: letter.annualRatePercent,
  };
  const interestClause = interest ? fill(t.interestClause, params) : "";
  let totalDueNote = "";
  if (interest && fees) totalDueNote = fill(t.interestAndFees, params);
  else if (interest) totalDueNote = fill(t.interest, params);
  else if (fees) totalDueNote = fill(t.fees, params);
  return { interestClause, totalDueNote };
}

const STAGE_KIND: Record<DunningStage, TemplateKind> = { A: "reminder", B: "notice", C: "final" };

/** Dunning letters, one batch per stage: every overdue, unblocked item in exactly one letter. */
export function dunning(
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
