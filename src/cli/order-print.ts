/**
 * What `ar-desk check-order` prints: the verdict as JSON (`ar-desk/check-order@1`) or as lines
 * to read, from the order check of the application layer (src/desk/order.ts).
 */
import type { analyze } from "../core/analyze";
import { reasonMessage, verdictLabel, type OrderCheck } from "../core/credit";
import { isoOrNull } from "../core/dates";
import type { MessageParams } from "../core/i18n";
import type { Locale } from "../core/messages";
import { formatMinor, fromMinor } from "../core/money";
import { cliText, type CliKey } from "./messages";

/** The check as JSON: amounts in major units, dates as ISO, reasons with their message. */
export function orderJson(r: OrderCheck, a: ReturnType<typeof analyze>, locale: Locale) {
  const m = (v: number | null) => (v === null ? null : fromMinor(v, r.digits));
  return {
    schema: "ar-desk/check-order@1",
    asOf: isoOrNull(r.asOf),
    verdict: r.verdict,
    label: verdictLabel(r.verdict, locale),
    approved: r.approved,
    customer: r.customerCode,
    name: r.customerName,
    grade: r.grade,
    gradeListed: r.gradeListed,
    currency: r.currency,
    amount: m(r.amount),
    recordedLimit: m(r.recordedLimit),
    limit: m(r.limit),
    exposure: m(r.exposure),
    headroomBefore: m(r.headroomBefore),
    headroomAfter: m(r.headroomAfter),
    overdue: m(r.overdue),
    overdueItems: r.overdueItems,
    blocking: m(r.blocking),
    blockingItems: r.blockingItems.map((i) => ({
      invoice: a.ledger.items.ref[i],
      outstanding: m(a.items.outstanding[i]),
      daysOverdue: a.items.daysOverdue[i],
      dueDate: isoOrNull(a.items.due[i]),
    })),
    maxDaysOverdue: r.maxDaysOverdue,
    termsDays: r.termsDays,
    lastReview: isoOrNull(r.lastReview),
    nextReview: isoOrNull(r.nextReview),
    reasons: r.reasons.map((x) => ({
      code: x.code,
      severity: x.severity,
      verdict: x.verdict,
      message: reasonMessage(x, locale),
    })),
  };
}

export function orderText(r: OrderCheck, a: ReturnType<typeof analyze>, locale: Locale): string {
  const t = (key: CliKey, params?: MessageParams) => cliText(locale, key, params);
  const money = (v: number | null) =>
    v === null
      ? t("orderNone")
      : `${r.currency ? r.currency + " " : ""}${formatMinor(v, r.digits)}`;
  const who = `${r.customerCode}${r.customerName ? ` ${r.customerName}` : ""}`;
  const lines = [
    t("orderHead", { date: isoOrNull(r.asOf), who, amount: money(r.amount) }),
    t("orderVerdict", { label: verdictLabel(r.verdict, locale) }),
    t("orderLimits", {
      grade: r.grade ?? "-",
      limit: money(r.limit),
      exposure: money(r.exposure),
    }),
    t("orderHeadroom", { before: money(r.headroomBefore), after: money(r.headroomAfter) }),
    t("orderOverdue", {
      overdue: money(r.overdue),
      items: r.overdueItems,
      blocking: money(r.blocking),
      blockingItems: r.blockingItems.length,
    }),
    t("orderReasons"),
    ...r.reasons.map(
      (x) =>
        `  ${x.severity === "block" ? "✗" : x.severity === "warning" ? "!" : "·"} ${reasonMessage(x, locale)}`,
    ),
  ];
  for (const i of r.blockingItems.slice(0, 10))
    lines.push(
      t("orderBlockingItem", {
        ref: a.ledger.items.ref[i] ?? "-",
        due: isoOrNull(a.items.due[i]),
        amount: formatMinor(a.items.outstanding[i], r.digits),
        days: a.items.daysOverdue[i],
      }),
    );
  if (r.blockingItems.length > 10) lines.push(t("orderMore", { n: r.blockingItems.length - 10 }));
  return lines.join("\n") + "\n";
}
