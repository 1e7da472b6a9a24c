/**
 * The order check as every face runs it (the pane's order box, `ar-desk check-order`): find the
 * customer, then check the order with the customer's last credit review, under the credit
 * policy, on the position at the as-of date (src/desk/position.ts). `AR.CHECKORDER` runs the
 * same core check on the ranges it is given.
 */
import type { Analysis } from "../core/analyze";
import { checkOrder, type CreditPolicy, type OrderCheck } from "../core/credit";
import { minorDigits, normalizeCurrency } from "../core/money";
import type { ImportResult } from "../sheet/import";
import { parseMoneyCell } from "../sheet/values";

/** The verdict on an order of `amount` (minor units) for `customer` (code, name or index). */
export function orderCheck(
  imported: ImportResult,
  analysis: Analysis,
  customer: string | number,
  amount: number,
  currency: string | null | undefined,
  credit: CreditPolicy,
): OrderCheck {
  const first = checkOrder(analysis, customer, amount, currency, credit);
  if (first.customer < 0) return first;
  return checkOrder(analysis, first.customer, amount, currency, credit, {
    lastReview: imported.lastReview?.get(first.customer) ?? null,
  });
}

/**
 * An order's amount and currency as a user typed them: `50000`, `¥50,000`, `USD 1,200.50`. A
 * currency given apart wins over one in the amount (undefined: the customer's own currency).
 * Which of the two is unusable otherwise.
 */
export function orderAmount(
  text: string,
  currencyText: string | null | undefined,
):
  | { ok: true; amount: number; currency: string | null | undefined }
  | { ok: false; error: "amount" | "currency" } {
  let currency: string | null | undefined;
  if (currencyText !== null && currencyText !== undefined) {
    currency = normalizeCurrency(currencyText);
    if (currency === null) return { ok: false, error: "currency" };
  }
  const parsed = parseMoneyCell(text.trim(), minorDigits(currency ?? null));
  if (!parsed.ok || parsed.minor <= 0) return { ok: false, error: "amount" };
  if (parsed.currency && currency === undefined) currency = parsed.currency;
  return { ok: true, amount: parsed.minor, currency };
}
