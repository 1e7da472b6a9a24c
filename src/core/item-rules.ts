/**
 * DESIGN §3's per-item rules as scalar functions of one item's figures: overdue, dunning level,
 * the pre-due step of the reminder schedule and simple late interest. They state, one value at a
 * time, what `analyze` computes for a whole ledger in its item loop, so a caller holding one
 * row's numbers (a custom function, a test) applies the same rule without a ledger.
 *
 * Pure: no allocation, no I/O. Money in minor units, dates as serials, days as integers.
 */
import type { Minor } from "./money";
import type { Policy } from "./policy";

/** The pre-due step of the reminder schedule an open item is at (level 0 only). */
export const PreDue = { none: 0, reminder: 1, confirm: 2, dueDay: 3 } as const;

/** The dunning level the ladder gives an overdue item (monotone in as-of). */
export function ladderLevel(policy: Policy, daysOverdue: number, daysPastActBy: number): number {
  let level = 0;
  for (const step of policy.ladder) {
    const past = step.from === "due" ? daysOverdue : daysPastActBy;
    if (past >= step.days && step.level > level) level = step.level;
  }
  return level;
}

/** Overdue: something is owed and days overdue exceed the grace days. */
export function isOverdue(outstanding: Minor, daysOverdue: number, graceDays: number): boolean {
  return outstanding > 0 && daysOverdue > graceDays;
}

/**
 * The dunning level of an item (0 none … the ladder's top): the ladder's level for an overdue
 * item, 0 otherwise. A held item (disputed, promise to pay) keeps its level: holding stops the
 * dunning, not the count.
 */
export function itemLevel(
  policy: Policy,
  outstanding: Minor,
  daysOverdue: number,
  daysPastActBy: number,
): number {
  if (!isOverdue(outstanding, daysOverdue, policy.graceDays)) return 0;
  return ladderLevel(policy, daysOverdue, daysPastActBy);
}

/**
 * The pre-due step (a `PreDue` value) of an item that owes something and is not overdue:
 * due-day contact from the due date on (within the grace days), payment-date confirmation from
 * `confirmDaysBefore` days before, the reminder from `reminderDaysBefore` days before.
 */
export function preDueStep(policy: Policy, daysOverdue: number): number {
  if (daysOverdue >= 0) return PreDue.dueDay;
  if (daysOverdue >= -policy.confirmDaysBefore) return PreDue.confirm;
  if (daysOverdue >= -policy.reminderDaysBefore) return PreDue.reminder;
  return PreDue.none;
}

/** Simple late interest in minor units: outstanding × annual rate × days overdue / 365, rounded. */
export function lateInterest(outstanding: Minor, annualRate: number, daysOverdue: number): Minor {
  const minor = Math.round((outstanding * annualRate * daysOverdue) / 365);
  return minor === 0 ? 0 : minor;
}
