/**
 * Payment commitment letters: one per checked schedule, acknowledging the customer's open
 * items and setting out the agreed instalments.
 */
import type { DocNumbers } from "../../core/documents";
import { minorDigits } from "../../core/money";
import type { GenerateOptions } from "../document-options";
import type { Context } from "../templates/engine";
import {
  customerContext,
  date,
  daysOverdueText,
  inWords,
  joinList,
  money,
  TITLES,
  type Batch,
} from "./shared";

export function commitments(
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
        contracts: joinList(contracts, locale),
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
