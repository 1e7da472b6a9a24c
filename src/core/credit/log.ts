/**
 * The collection log (催收记录) as the engine reads it: one entry per contact — date, customer,
 * items, action, owner, result, promised date and amount, next step — and what follows from the
 * entries up to the as-of date:
 *
 * - **done actions** for the collection plan and the dunning letters: each action on each of
 *   its items at its ladder level (reminder 1, phone 2, letter 3, visit 4, lawyer's letter and
 *   suit 5; a reminder or call before the due date is a pre-due contact, level 0);
 * - **promises**: the latest promise on an item governs it. Kept when the payments applied to
 *   its items between the entry and the promised date reach the promised amount (no amount: what
 *   the items owed at the entry); else live until the promised date (the item is held from
 *   dunning), broken after it (flagged, and its level raised by one);
 * - **disputes**: a `dispute` result holds the items from dunning until a later entry on them
 *   records a promise, an acknowledgement or a payment;
 * - **interruptions** of the limitation period (DOCUMENTS §4, Civil Code Art. 195): a written
 *   demand (letter, lawyer's letter), a suit, and the debtor's agreement to pay (a promise, an
 *   acknowledgement, a payment). Reminders, calls and visits alone are not provable demands.
 *
 * Pure: entries come from a reader (src/sheet/collection-log.ts), ledgers and analyses are
 * copied, never changed.
 */
import { analyze, type Analysis, type CustomerPosition } from "../analyze";
import type { Serial } from "../dates";
import type { DoneAction } from "../documents/common";
import { ItemFlag, type Ledger } from "../ledger";
import type { Minor } from "../money";
import { computePosition, ItemStatus } from "../position";
import type { SourceRef } from "../problems";

export const LOG_ACTIONS = [
  "reminder",
  "phone",
  "letter",
  "visit",
  "lawyerLetter",
  "suit",
] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

export const LOG_RESULTS = [
  "promise",
  "dispute",
  "paid",
  "noAnswer",
  "refused",
  "acknowledged",
] as const;
export type LogResult = (typeof LOG_RESULTS)[number];

/** Ladder level an action reaches (DESIGN §3's escalation ladder). */
export const ACTION_LEVEL: Readonly<Record<LogAction, number>> = {
  reminder: 1,
  phone: 2,
  letter: 3,
  visit: 4,
  lawyerLetter: 5,
  suit: 5,
};

export interface LogEntry {
  date: Serial;
  /** Index in `ledger.customers`. */
  customer: number;
  /** Items the contact was about (index in `ledger.items`); empty: all the customer's items. */
  items: number[];
  action: LogAction | null;
  owner: string | null;
  result: LogResult | null;
  promiseDate: Serial | null;
  /** Promised amount in minor units of the items' currency; null: all they owed. */
  promiseAmount: Minor | null;
  next: string | null;
  note?: string | null;
  source: SourceRef;
}

export type PromiseState = "live" | "kept" | "broken";

export interface PromiseStatus {
  entry: LogEntry;
  items: number[];
  date: Serial;
  /** The amount to be paid: as promised, else what the items owed at the entry. */
  target: Minor;
  /** Paid on the items (and unapplied cash of the customer) after the entry, by the promised date. */
  paid: Minor;
  state: PromiseState;
}

export type InterruptionReason = "demand" | "suit" | "acknowledgement";

export interface Interruption {
  item: number;
  date: Serial;
  reason: InterruptionReason;
  entry: LogEntry;
}

export interface LogEffects {
  asOf: Serial;
  /** Entries up to the as-of date, in date order. */
  entries: LogEntry[];
  done: DoneAction[];
  promises: PromiseStatus[];
  /** Item → the promise that governs it. */
  promiseOf: Map<number, PromiseStatus>;
  /** Items the log puts in dispute. */
  disputed: Set<number>;
  interruptions: Interruption[];
  /** Item → its latest interruption date. */
  lastInterruption: Map<number, Serial>;
}

/** The items an entry is about: its own list, else the customer's items issued by its date. */
function entryItems(ledger: Ledger, e: LogEntry, byCustomer: Map<number, number[]>): number[] {
  if (e.items.length > 0) return e.items;
  return (byCustomer.get(e.customer) ?? []).filter((i) => ledger.items.invoiceDate[i] <= e.date);
}

/** What the log entries up to `a.asOf` mean for the items of `a.ledger`. */
export function logEffects(a: Analysis, entries: readonly LogEntry[]): LogEffects {
  const { ledger, asOf, items: r } = a;
  const it = ledger.items;
  const kept = entries
    .filter((e) => e.date <= asOf)
    .map((e, k) => ({ e, k }))
    .sort((x, y) => x.e.date - y.e.date || x.e.source.row - y.e.source.row || x.k - y.k)
    .map((x) => x.e);

  // Open (or closed-after-the-entry) items per customer, for entries naming no items.
  const byCustomer = new Map<number, number[]>();
  for (let i = 0; i < it.length; i++) {
    if (r.status[i] === ItemStatus.future || it.amount[i] <= 0) continue;
    let list = byCustomer.get(it.customer[i]);
    if (!list) byCustomer.set(it.customer[i], (list = []));
    list.push(i);
  }

  const done: DoneAction[] = [];
  const interruptions: Interruption[] = [];
  const lastInterruption = new Map<number, Serial>();
  const latestPromise = new Map<number, LogEntry>();
  const disputeState = new Map<number, boolean>();

  for (const e of kept) {
    let items = entryItems(ledger, e, byCustomer);
    // Items settled before the entry were not what the contact was about.
    if (e.items.length === 0)
      items = items.filter((i) => !(r.settled[i] !== 0 && r.settled[i] < e.date));
    for (const i of items) {
      if (e.action) {
        const early = (e.action === "reminder" || e.action === "phone") && e.date < r.due[i];
        done.push({ item: i, level: early ? 0 : ACTION_LEVEL[e.action], date: e.date });
      }
      if (e.result === "promise" || (e.result === null && e.promiseDate !== null))
        latestPromise.set(i, e);
      if (e.result === "dispute") disputeState.set(i, true);
      else if (e.result === "promise" || e.result === "acknowledged" || e.result === "paid")
        disputeState.set(i, false);
      const reason: InterruptionReason | null =
        e.action === "suit"
          ? "suit"
          : e.result === "promise" || e.result === "acknowledged" || e.result === "paid"
            ? "acknowledgement"
            : e.action === "letter" || e.action === "lawyerLetter"
              ? "demand"
              : null;
      if (reason) {
        interruptions.push({ item: i, date: e.date, reason, entry: e });
        if ((lastInterruption.get(i) ?? 0) < e.date) lastInterruption.set(i, e.date);
      }
    }
  }

  // Promises: group the items each governing entry promised for.
  const groups = new Map<LogEntry, number[]>();
  for (const [i, e] of latestPromise) {
    let list = groups.get(e);
    if (!list) groups.set(e, (list = []));
    list.push(i);
  }
  const promises: PromiseStatus[] = [];
  const promiseOf = new Map<number, PromiseStatus>();
  if (groups.size > 0) {
    const pos = computePosition(ledger, asOf, { applications: true });
    const apps = pos.applications;
    for (const [e, items] of groups) {
      const date = e.promiseDate as Serial;
      const mine = new Set(items);
      let paid = 0;
      let since = 0;
      for (let k = 0; k < apps.length; k++) {
        if (!mine.has(apps.item[k]) || apps.date[k] <= e.date) continue;
        since += apps.amount[k];
        if (apps.date[k] <= date) paid += apps.amount[k];
      }
      for (const cash of pos.unapplied)
        if (cash.customer === e.customer && cash.date > e.date && cash.date <= date)
          paid -= cash.amount;
      let owedAtEntry = since;
      for (const i of items) if (r.status[i] === ItemStatus.open) owedAtEntry += r.outstanding[i];
      const target = e.promiseAmount ?? owedAtEntry;
      const state: PromiseState = paid >= target ? "kept" : date >= asOf ? "live" : "broken";
      const status: PromiseStatus = {
        entry: e,
        items: items.sort((x, y) => x - y),
        date,
        target,
        paid,
        state,
      };
      promises.push(status);
      for (const i of items) promiseOf.set(i, status);
    }
    promises.sort((x, y) => x.date - y.date || x.entry.source.row - y.entry.source.row);
  }

  const disputed = new Set<number>();
  for (const [i, on] of disputeState) if (on) disputed.add(i);
  return {
    asOf,
    entries: kept,
    done,
    promises,
    promiseOf,
    disputed,
    interruptions,
    lastInterruption,
  };
}

/**
 * The ledger with the log's holds: live and broken promises set the items' promise dates (the
 * later of the sheet's and the log's), disputes set the disputed flag. A copy; the columns not
 * concerned are shared.
 */
export function applyLog(ledger: Ledger, effects: LogEffects): Ledger {
  const promiseDate = ledger.items.promiseDate.slice();
  const flags = ledger.items.flags.slice();
  for (const p of effects.promises) {
    if (p.state === "kept") continue;
    for (const i of p.items) if (promiseDate[i] < p.date) promiseDate[i] = p.date;
  }
  for (const i of effects.disputed) flags[i] |= ItemFlag.disputed;
  return { ...ledger, items: { ...ledger.items, promiseDate, flags } };
}

/**
 * The analysis with broken promises escalated: each overdue item whose governing promise is
 * broken goes one ladder level up (at most the ladder's top), and its customer's highest level
 * with it. A copy.
 */
export function raiseBrokenPromises(a: Analysis, effects: LogEffects): Analysis {
  const top = Math.max(...a.policy.ladder.map((s) => s.level));
  const level = a.items.level.slice();
  const raised = new Map<number, number>();
  for (const p of effects.promises) {
    if (p.state !== "broken") continue;
    for (const i of p.items) {
      if (a.items.status[i] !== ItemStatus.open || a.items.overdue[i] !== 1) continue;
      level[i] = Math.min(top, level[i] + 1);
      const key =
        a.ledger.items.customer[i] * a.ledger.currencies.length + a.ledger.items.currency[i];
      raised.set(key, Math.max(raised.get(key) ?? 0, level[i]));
    }
  }
  const nc = a.ledger.currencies.length;
  const customers: CustomerPosition[] = a.customers.map((c) => {
    const lv = raised.get(c.customer * nc + c.currency);
    return lv !== undefined && lv > c.maxLevel ? { ...c, maxLevel: lv } : c;
  });
  return { ...a, items: { ...a.items, level }, customers };
}

/** The customer-level summary of a promise list, for reports: counts by state. */
export function promiseCounts(effects: LogEffects): Record<PromiseState, number> {
  const out: Record<PromiseState, number> = { live: 0, kept: 0, broken: 0 };
  for (const p of effects.promises) out[p.state]++;
  return out;
}

/**
 * Analysis with the log applied: the log read against the plain analysis, its holds put on the
 * ledger, the analysis redone, broken promises escalated. `done` feeds the plan and the letters.
 */
export function analyzeWithLog(
  ledger: Ledger,
  asOf: Serial,
  policy: Analysis["policy"],
  entries: readonly LogEntry[],
): { analysis: Analysis; effects: LogEffects } {
  const plain = analyze(ledger, asOf, policy);
  const effects = logEffects(plain, entries);
  if (effects.entries.length === 0) return { analysis: plain, effects };
  const analysis = raiseBrokenPromises(analyze(applyLog(ledger, effects), asOf, policy), effects);
  return { analysis, effects };
}
