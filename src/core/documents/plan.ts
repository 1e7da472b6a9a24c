/**
 * The collection plan (催收计划): for every open item, the next action, its date and its owner.
 *
 * An item's schedule is the reminder schedule before the due date (pre-due reminder
 * `reminderDaysBefore` days before, payment-date confirmation `confirmDaysBefore` days before,
 * a call or visit on the due date) followed by the policy's ladder, each step from the due date
 * or the act-by date of the one-third rule, and never before the item is overdue (due + grace +
 * 1). A step that a higher one reaches on the same day or earlier is dropped (the ladder is
 * monotone: an item 50 days past its act-by date is at the visit, not the reminder).
 *
 * The next action is the step the item is at (the last one whose date has come), unless the
 * collection log says it was done; then the first step after it not done. A step whose date has
 * passed is due now: its date becomes the as-of date and `overdueAction` is set. Held items get
 * a hold action; credits (negative items) get `applyCredit`.
 */
import { Hold, type Analysis } from "../analyze";
import type { Serial } from "../dates";
import { minorDigits, type CurrencyCode, type Minor } from "../money";
import { ItemStatus } from "../position";
import type { Locale } from "../messages";
import { compareText, itemSalesperson, salespersonName, type DoneAction } from "./common";
import { actionLabel, actionOfLevel, type ActionCode } from "./messages";

/** One step of an item's schedule. */
export interface PlanStep {
  action: ActionCode;
  /** 0 for the pre-due steps, the ladder level for the others. */
  level: number;
  date: Serial;
}

/** A row of the plan: `{{#items}}` of the collection-plan sheet. */
export interface PlanRow {
  /** Index in `ledger.items`. */
  item: number;
  customerIndex: number;
  customerCode: string;
  customerName: string;
  currency: CurrencyCode;
  digits: number;
  invoice: string | null;
  contract: string | null;
  /** Invoice date. */
  date: Serial;
  dueDate: Serial;
  /** Act-by date of the one-third rule (due + term / 3). */
  actBy: Serial;
  /** Whether the as-of date is past the act-by date: act at once. */
  pastActBy: boolean;
  outstanding: Minor;
  daysOverdue: number;
  /** Current ladder level of the item (0 when not overdue). */
  level: number;
  /** The next action. */
  action: ActionCode;
  /** Its label in the plan's locale. */
  actionLabel: string;
  /** Ladder level of the action (0 for pre-due and other actions). */
  actionLevel: number;
  /** When to act: the scheduled date, or the as-of date when that has passed; null for `none`. */
  actionDate: Serial | null;
  /** The date the schedule gave the action. */
  scheduledDate: Serial | null;
  /** The scheduled date has passed and the action is still to do. */
  overdueAction: boolean;
  /** Salesperson responsible (the row's, else the customer's). */
  owner: string | null;
  /** The promised payment date, null when none. */
  promiseDate: Serial | null;
  /** A payment was promised for a date now passed and the item is still open. */
  brokenPromise: boolean;
  /** Latest step done (from the collection log), with its level; null when none. */
  lastDoneDate: Serial | null;
  lastDoneLevel: number | null;
}

export interface PlanOptions {
  /** Steps already taken (a collection log), per item. Entries after the as-of date are ignored. */
  done?: readonly DoneAction[];
  /** Language of `actionLabel`; default en-US. */
  locale?: Locale;
}

/**
 * The schedule of an item owing something: its steps in date order, superseded ones dropped.
 * `due` and `actBy` are serials; `graceDays` delays the ladder.
 */
export function itemSchedule(policy: Analysis["policy"], due: Serial, actBy: Serial): PlanStep[] {
  const firstOverdue = due + policy.graceDays + 1;
  const steps: (PlanStep & { rank: number })[] = [
    { action: "preDueReminder", level: 0, date: due - policy.reminderDaysBefore, rank: 0 },
    { action: "confirmDate", level: 0, date: due - policy.confirmDaysBefore, rank: 1 },
    { action: "dueDayCall", level: 0, date: due, rank: 2 },
  ];
  for (const step of policy.ladder) {
    const date = Math.max((step.from === "due" ? due : actBy) + step.days, firstOverdue);
    steps.push({
      action: actionOfLevel(step.level),
      level: step.level,
      date,
      rank: 3 + step.level,
    });
  }
  // A step is kept only if every higher-ranked step comes strictly later.
  steps.sort((x, y) => y.rank - x.rank || x.date - y.date);
  const kept: PlanStep[] = [];
  let before = Infinity;
  let rank = Infinity;
  for (const s of steps) {
    if (s.rank === rank) continue; // a level twice in the ladder: its earliest date counts
    rank = s.rank;
    if (s.date < before) {
      kept.push({ action: s.action, level: s.level, date: s.date });
      before = s.date;
    }
  }
  return kept.reverse();
}

/** The collection plan as of the analysis date: every open item, by action date then customer. */
export function collectionPlan(a: Analysis, options: PlanOptions = {}): PlanRow[] {
  const { ledger, items: r, asOf, policy } = a;
  const it = ledger.items;
  const locale = options.locale ?? "en-US";

  const done = new Map<number, DoneAction[]>();
  for (const step of options.done ?? []) {
    if (step.date > asOf) continue;
    let list = done.get(step.item);
    if (!list) done.set(step.item, (list = []));
    list.push(step);
  }

  const rows: PlanRow[] = [];
  for (let i = 0; i < it.length; i++) {
    if (r.status[i] !== ItemStatus.open) continue;
    const c = ledger.customers[it.customer[i]];
    const currency = ledger.currencies[it.currency[i]];
    const log = done.get(i) ?? [];
    let last: DoneAction | null = null;
    for (const step of log)
      if (!last || step.date > last.date || (step.date === last.date && step.level > last.level))
        last = step;
    const promise = it.promiseDate[i];
    const next = nextAction(i, log);
    rows.push({
      item: i,
      customerIndex: c.index,
      customerCode: c.code,
      customerName: c.name ?? c.code,
      currency,
      digits: minorDigits(currency),
      invoice: it.ref[i],
      contract: it.contract[i],
      date: it.invoiceDate[i],
      dueDate: r.due[i],
      actBy: r.actBy[i],
      pastActBy: r.due[i] !== 0 && asOf > r.actBy[i],
      outstanding: r.outstanding[i],
      daysOverdue: r.daysOverdue[i],
      level: r.level[i],
      action: next.action,
      actionLabel: actionLabel(next.action, locale),
      actionLevel: next.level,
      actionDate: next.date,
      scheduledDate: next.scheduled,
      overdueAction: next.scheduled !== null && next.scheduled < asOf,
      owner: salespersonName(ledger, itemSalesperson(ledger, i)),
      promiseDate: promise || null,
      brokenPromise: promise !== 0 && promise < asOf && r.outstanding[i] > 0,
      lastDoneDate: last?.date ?? null,
      lastDoneLevel: last?.level ?? null,
    });
  }
  rows.sort(
    (x, y) =>
      (x.actionDate ?? Infinity) - (y.actionDate ?? Infinity) ||
      compareText(x.customerCode, y.customerCode) ||
      x.customerIndex - y.customerIndex ||
      x.dueDate - y.dueDate ||
      x.item - y.item,
  );
  return rows;

  function nextAction(
    i: number,
    log: DoneAction[],
  ): { action: ActionCode; level: number; date: Serial | null; scheduled: Serial | null } {
    const due = r.due[i];
    if (r.outstanding[i] < 0)
      return { action: "applyCredit", level: 0, date: asOf, scheduled: asOf };
    if (r.hold[i] === Hold.disputed)
      return { action: "holdDisputed", level: 0, date: asOf, scheduled: asOf };
    if (r.hold[i] === Hold.promise) {
      const promise = it.promiseDate[i];
      return { action: "holdPromise", level: 0, date: promise, scheduled: promise };
    }
    if (due === 0) return { action: "none", level: 0, date: null, scheduled: null };
    const steps = itemSchedule(policy, due, r.actBy[i]);
    const isDone = (s: PlanStep) =>
      log.some(
        (x) => x.level > s.level || (x.level === s.level && (s.level > 0 || s.date <= x.date)),
      );
    let current = -1;
    for (let k = 0; k < steps.length; k++) if (steps[k].date <= asOf) current = k;
    let pick = -1;
    if (current >= 0 && !isDone(steps[current])) pick = current;
    else
      for (let k = current + 1; k < steps.length && pick < 0; k++) if (!isDone(steps[k])) pick = k;
    if (pick < 0) return { action: "none", level: 0, date: null, scheduled: null };
    const s = steps[pick];
    return { action: s.action, level: s.level, date: Math.max(s.date, asOf), scheduled: s.date };
  }
}
