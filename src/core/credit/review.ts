/**
 * Credit reviews coming due (信用复核): every listed customer's next review is its last review
 * plus its grade's interval (default six months). Those past it, falling due within the notice
 * days, or never reviewed are listed, most urgent first.
 */
import type { Serial } from "../dates";
import type { Ledger } from "../ledger";
import { compareText } from "../documents/common";
import { addMonths } from "./order";
import { DEFAULT_CREDIT_POLICY, gradeRule, type CreditPolicy } from "./policy";

export type ReviewStatus = "overdue" | "due" | "never";

export interface ReviewDue {
  customer: number;
  code: string;
  name: string | null;
  grade: string | null;
  lastReview: Serial | null;
  /** Last review + the grade's interval; null when never reviewed. */
  nextReview: Serial | null;
  intervalMonths: number;
  status: ReviewStatus;
  /** as-of − next review (negative: days left); null when never reviewed. */
  daysPast: number | null;
}

/**
 * Reviews due at `asOf` for the customers a customer list describes. `lastReview` maps a
 * customer index to its last review date.
 */
export function reviewsDue(
  ledger: Ledger,
  lastReview: ReadonlyMap<number, Serial>,
  asOf: Serial,
  policy: CreditPolicy = DEFAULT_CREDIT_POLICY,
): ReviewDue[] {
  const out: ReviewDue[] = [];
  for (const c of ledger.customers) {
    if (!c.listed) continue;
    const { rule, grade } = gradeRule(policy, c.grade);
    const last = lastReview.get(c.index) ?? null;
    const next = last === null ? null : addMonths(last, rule.reviewMonths);
    let status: ReviewStatus | null = null;
    if (next === null) status = "never";
    else if (next < asOf) status = "overdue";
    else if (next - asOf <= policy.reviewNoticeDays) status = "due";
    if (status === null) continue;
    out.push({
      customer: c.index,
      code: c.code,
      name: c.name,
      grade,
      lastReview: last,
      nextReview: next,
      intervalMonths: rule.reviewMonths,
      status,
      daysPast: next === null ? null : asOf - next,
    });
  }
  const rank: Record<ReviewStatus, number> = { overdue: 0, due: 1, never: 2 };
  out.sort(
    (x, y) =>
      rank[x.status] - rank[y.status] ||
      (x.nextReview ?? 0) - (y.nextReview ?? 0) ||
      compareText(x.code, y.code),
  );
  return out;
}
