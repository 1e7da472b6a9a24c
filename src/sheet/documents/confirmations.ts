/** Balance confirmations: every customer and currency with something open, credit balances too. */
import { balanceConfirmations, type DocNumbers } from "../../core/documents";
import type { GenerateOptions } from "../document-options";
import type { Context } from "../templates/engine";
import { customerContext, date, money, TITLES, type Batch } from "./shared";

export function confirmations(
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
