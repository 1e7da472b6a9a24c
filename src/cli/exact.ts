/**
 * Money is added in integer minor units held in doubles, exact up to 2^53. A data set whose
 * amounts in one currency add up (in absolute value) to more than that cannot be totalled
 * exactly: it is refused with a message rather than printed as an inexact total.
 */
import type { Ledger } from "../core/ledger";
import type { Locale } from "../core/messages";
import { InputError } from "../io/errors";
import { cliText } from "./messages";

export function refuseInexactTotals(ledger: Ledger, locale: Locale): void {
  const sums = new Float64Array(ledger.currencies.length);
  const { items, payments } = ledger;
  for (let i = 0; i < items.length; i++) sums[items.currency[i]] += Math.abs(items.amount[i]);
  for (let i = 0; i < payments.length; i++) {
    const c = payments.currency[i];
    if (c >= 0) sums[c] += Math.abs(payments.amount[i]);
  }
  for (let c = 0; c < sums.length; c++) {
    if (sums[c] <= Number.MAX_SAFE_INTEGER) continue;
    const code = ledger.currencies[c];
    throw new InputError(
      code ? cliText(locale, "inexactTotals", { code }) : cliText(locale, "inexactTotalsNoCode"),
    );
  }
}
