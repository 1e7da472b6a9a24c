/**
 * The item family: per-row functions of one open item (its due date, outstanding amount, term),
 * computed per result cell from the values the driver read (`v[i]` is argument i of the
 * function's declaration in table.ts).
 *
 * Definitions are DESIGN §3's, through the core: days overdue = as-of − due date; aging buckets
 * by `bucketTable`/`bucketOf`; overdue = outstanding > 0 and days overdue > grace days; act-by =
 * due + floor(term / 3); the dunning level by the default ladder, reported also for held items.
 */
import * as analyzeModule from "../../core/analyze";
import { isoFromSerial } from "../../core/dates";
import * as itemRules from "../../core/item-rules";
import { DEFAULT_POLICY, type Policy } from "../../core/policy";
import type { Cx } from "../cells";
import { major } from "../lists";
import { actionText, type ActionCode } from "../messages";
import type { FunctionId, Implementation } from "../table";
import { agingOf, type Aging } from "./aging";

// Bound once, as locals: the per-cell loops call these a million times, and under CommonJS
// interop (tsx, ts-jest) every use of an imported name is a property or getter read.
const { actByDate, bucketOf, ladderLevel, PreDue } = analyzeModule;
const { isOverdue, itemLevel, lateInterest, preDueStep } = itemRules;

const policies = new Map<number, Policy>([[0, DEFAULT_POLICY]]);

/** The default policy with other grace days (cached: a workbook uses a few). */
function policyWithGrace(grace: number): Policy {
  let p = policies.get(grace);
  if (p === undefined) {
    p = { ...DEFAULT_POLICY, graceDays: grace };
    policies.set(grace, p);
  }
  return p;
}

const LEVEL_ACTIONS: ActionCode[] = ["dueDay", "level1", "level2", "level3", "level4", "level5"];
const PRE_DUE_ACTIONS: Record<number, ActionCode> = {
  [PreDue.none]: "notDue",
  [PreDue.reminder]: "reminder",
  [PreDue.confirm]: "confirm",
  [PreDue.dueDay]: "dueDay",
};

/** AR.NEXTACTION: (due_date, outstanding, as_of, term_days, blocked, grace_days). */
function nextAction(v: number[], cx: Cx): unknown {
  const due = v[0];
  const owed = v[1];
  const now = v[2];
  const term = v[3];
  const hold = v[4];
  const grace = v[5];
  const locale = cx.locale;
  if (owed <= 0) return actionText("nothing", locale);
  // As `analyze`: a promise-to-pay date holds the item until it has passed.
  if (hold === 1) return actionText("disputed", locale);
  if (hold > 1 && hold >= now) return actionText("promise", locale, isoFromSerial(hold));
  const policy = policyWithGrace(grace);
  const od = now - due;
  if (isOverdue(owed, od, grace)) {
    const lv = ladderLevel(policy, od, now - actByDate(due, term));
    return actionText(LEVEL_ACTIONS[Math.min(lv, 5)], locale);
  }
  return actionText(PRE_DUE_ACTIONS[preDueStep(policy, od)], locale);
}

export const FAMILY = {
  /** AR.DAYSOVERDUE (due_date, as_of): as-of − due date (negative: not yet due). */
  DAYSOVERDUE: { cells: (v) => v[1] - v[0] },
  /** AR.DAYSLATE (due_date, settled_date): max(0, settled − due); blank when not settled. */
  DAYSLATE: { cells: (v) => (v[1] > v[0] ? v[1] - v[0] : 0) },
  /** AR.AGING (due_date, as_of, thresholds, basis): the bucket label (`current`, `1-30`, …). */
  AGING: {
    prepare: (call) => agingOf(call.cx, call.arg("thresholds"), call.arg("basis")),
    cells: (v, _cx, prepared) => {
      const { table, labels } = prepared as Aging;
      return labels[bucketOf(table, v[1] - v[0])];
    },
  },
  /** AR.OVERDUE (due_date, outstanding, as_of, grace_days): outstanding > 0 and days overdue > grace. */
  OVERDUE: { cells: (v) => isOverdue(v[1], v[2] - v[0], v[3]) },
  /** AR.ACTBY (due_date, term_days): due + floor(term / 3); the due date without a term. */
  ACTBY: { cells: (v) => actByDate(v[0], v[1]) },
  /** AR.LEVEL (due_date, outstanding, as_of, term_days, grace_days): the level 0–5 of the default ladder. */
  LEVEL: {
    cells: (v) => {
      const due = v[0];
      const now = v[2];
      return itemLevel(policyWithGrace(v[4]), v[1], now - due, now - actByDate(due, v[3]));
    },
  },
  /** AR.NEXTACTION: the next step of the collection schedule, in the user's language. */
  NEXTACTION: { cells: nextAction },
  /** AR.INTEREST (outstanding, due_date, as_of, annual_rate): owed × rate × days overdue / 365. */
  INTEREST: {
    cells: (v) => {
      const owed = v[0];
      const od = v[2] - v[1];
      return isOverdue(owed, od, 0) ? major(lateInterest(owed, v[3], od)) : 0;
    },
  },
} satisfies Partial<Record<FunctionId, Implementation>>;
