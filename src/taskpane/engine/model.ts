/**
 * From an import and an analysis to what the dashboard shows (protocol.ts). Pure: the engine
 * runs it in a worker, tests run it directly. Figures are the analysis's own (totals, buckets,
 * customer positions), so the dashboard equals `ar-desk analyze --json` by construction; this
 * module only selects, sorts and caps.
 */
import { datedAfterAsOf, type Analysis } from "../../core/analyze";
import type { PolicyPosition } from "../../core/credit";
import type { Serial } from "../../core/dates";
import type { Insight } from "../../core/insight";
import { DEFAULT_BEHAVIOUR_OPTIONS, type Behaviour } from "../../core/insight/behaviour";
import { explainItem, NOT_PREDICTED } from "../../core/insight/expected";
import { GRADES, type GradeSuggestion } from "../../core/insight/grade";
import { BASIS_CODES, NEVER_CODES } from "../../core/insight/model";
import { collectionPlan, type ActionCode, type DoneAction } from "../../core/documents";
import { hasDatedCollections, monthStart, overdueRate } from "../../core/kpi";
import type { Ledger } from "../../core/ledger";
import { minorDigits } from "../../core/money";
import { computePosition, effectiveDueDates, ItemStatus } from "../../core/position";
import type { ImportResult } from "../../sheet/import";
import type {
  Action,
  ActionKind,
  BehaviourRow,
  CurrencyTotals,
  CustomerDetail,
  CustomerRow,
  DashboardModel,
  ExpectedRow,
  ForecastRow,
  GradeLetter,
  GradeRow,
  InsightSummary,
  ItemRow,
  SalespersonRow,
} from "./protocol";

/** How many rows each list of the dashboard carries at most. */
export const LIMITS = {
  topOverdue: 10,
  nearLimit: 50,
  actions: 200,
  problems: 5000,
  history: 50,
  worseGrades: 50,
};

/** Utilisation from which a customer is "near" its limit. */
export const NEAR_LIMIT = 0.9;

/** Days of "this week": the as-of date and the six after it. */
export const WEEK_DAYS = 7;

export interface ModelTiming {
  importMs: number;
  analyzeMs: number;
  insightMs: number;
}

export function dashboardModel(
  imported: ImportResult,
  a: Analysis,
  ins: Insight,
  timing: ModelTiming = { importMs: 0, analyzeMs: 0, insightMs: 0 },
  /** Steps the collection log records as done: the plan skips them, so do today's actions. */
  done?: readonly DoneAction[],
): DashboardModel {
  const started = now();
  const { ledger } = a;
  const cur = ledger.currencies;
  const after = new Map(datedAfterAsOf(a).map((x) => [x.currency, x]));
  const totals: CurrencyTotals[] = a.totals.map((t) => ({
    currency: cur[t.currency],
    digits: minorDigits(cur[t.currency]),
    outstanding: t.outstanding,
    overdue: t.overdue,
    buckets: t.buckets,
    notDue: t.notDue,
    credits: t.credits,
    datedAfter: after.has(t.currency)
      ? { items: after.get(t.currency)!.items, amount: after.get(t.currency)!.amount }
      : null,
    openItems: t.openItems,
    overdueItems: t.overdueItems,
    overdueRate: overdueRate(t),
    interest: t.interest,
    fees: t.fees,
  }));

  const topOverdue = a.totals.map((t) =>
    a.customers
      .filter((g) => g.currency === t.currency && g.overdue > 0)
      .sort((x, y) => y.overdue - x.overdue || x.customer - y.customer)
      .slice(0, LIMITS.topOverdue)
      .map((g) => customerRow(a, g)),
  );

  const nearLimit = a.customers
    .filter((g) => g.overLimit || (g.utilisation !== null && g.utilisation >= NEAR_LIMIT))
    .sort((x, y) => (y.utilisation ?? 0) - (x.utilisation ?? 0) || x.customer - y.customer)
    .slice(0, LIMITS.nearLimit)
    .map((g) => customerRow(a, g));

  const from = monthStart(a.asOf);
  const model: DashboardModel = {
    asOf: a.asOf,
    labels: a.labels,
    basis: a.policy.basis,
    rows: imported.rows,
    sheets: imported.sheets,
    totals,
    topOverdue,
    nearLimit,
    limitsKnown: a.customers.filter((g) => g.creditLimit !== null).length,
    actions: actions(a, done),
    collectionPeriod: { from, to: a.asOf },
    collectionUnknown: !hasDatedCollections(a.ledger),
    salespeople: salespeople(a, from),
    problems: imported.problems.slice(0, LIMITS.problems),
    problemCount: imported.problems.length,
    insight: insightSummary(a, ins),
    log: null,
    timing: { ...timing, modelMs: 0 },
  };
  model.timing.modelMs = Math.round(now() - started);
  return model;
}

/**
 * The insight the dashboard shows: the cash forecast per currency (in the order of the totals)
 * and the customers whose suggested grade is worse than the recorded one.
 */
export function insightSummary(a: Analysis, ins: Insight): InsightSummary {
  const cur = a.ledger.currencies;
  const order = new Map(a.totals.map((t, k) => [t.currency, k]));
  const totalOf = (currency: number) => a.totals.find((t) => t.currency === currency);
  const forecast: ForecastRow[] = [...ins.forecast]
    .sort((x, y) => (order.get(x.currency) ?? 1e9) - (order.get(y.currency) ?? 1e9))
    .map((f) => {
      const currency = cur[f.currency];
      return {
        currency,
        digits: minorDigits(currency),
        open: f.open,
        outstanding: totalOf(f.currency)?.outstanding ?? f.open,
        credits: (totalOf(f.currency)?.outstanding ?? f.open) - f.open,
        weeks: f.weeks.map((w) => ({ from: w.from, to: w.to, amount: w.amount })),
        months: f.months.map((m) => ({
          month: `${m.year}-${String(m.month).padStart(2, "0")}`,
          from: m.from,
          to: m.to,
          amount: m.amount,
        })),
        later: f.later,
        never: f.never,
        neverItems: f.neverItems,
      };
    });
  const rank = (g: GradeLetter) => GRADES.indexOf(g);
  const gradeCounts: Record<GradeLetter, number> = { A: 0, B: 0, C: 0, D: 0 };
  let differCount = 0;
  let recordedCount = 0;
  const worse: GradeSuggestion[] = [];
  for (const g of ins.grades) {
    gradeCounts[g.grade]++;
    if (g.differs === true) differCount++;
    if (g.differs !== null) recordedCount++;
    if (g.recordedGrade !== null && rank(g.grade) > rank(g.recordedGrade)) worse.push(g);
  }
  const customers = a.ledger.customers;
  worse.sort(
    (x, y) =>
      rank(y.grade) - rank(x.grade) ||
      y.points - x.points ||
      customers[x.customer].code.localeCompare(customers[y.customer].code),
  );
  return {
    history: ins.history,
    assumedDays: ins.expected.model.options.beyondHistoryDays,
    forecast,
    worse: worse.slice(0, LIMITS.worseGrades).map((g): GradeRow => ({
      customer: g.customer,
      code: customers[g.customer].code,
      name: customers[g.customer].name,
      grade: g.grade,
      points: g.points,
      recorded: g.recorded as string,
      recordedGrade: g.recordedGrade as GradeLetter,
      reasons: g.reasons.map((r) => ({ code: r.code, params: r.params, points: r.points })),
    })),
    worseCount: worse.length,
    gradeCounts,
    differCount,
    recordedCount,
  };
}

function behaviourRow(a: Analysis, b: Behaviour): BehaviourRow {
  return {
    settled: b.settled,
    onTimeShare: b.onTimeShare,
    averageDaysLate: b.averageDaysLate,
    weightedDaysLate: b.weightedDaysLate,
    weightCurrency: a.ledger.currencies[b.weightCurrency],
    medianDelay: b.median,
    recentDays: DEFAULT_BEHAVIOUR_OPTIONS.recentDays,
    recent: { ...b.recent },
    earlier: { ...b.earlier },
    trend: b.trend,
  };
}

/** Item i's expected pay date with its band and the reasons for it; null when not predicted. */
export function expectedRow(a: Analysis, ins: Insight, i: number): ExpectedRow | null {
  const ep = ins.expected;
  if (ep.basis[i] === NOT_PREDICTED) return null;
  const why = explainItem(a, ep, i);
  const never = NEVER_CODES[ep.never[i]];
  return {
    date: ep.date[i] || null,
    low: ep.low[i] || null,
    high: ep.high[i] || null,
    basis: BASIS_CODES[ep.basis[i]],
    never: never === "no" ? null : never,
    reasons: (why?.reasons ?? []).map((r) => ({ code: r.code, params: r.params, points: 0 })),
  };
}

function now(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}

export function customerRow(a: Analysis, g: PolicyPosition): CustomerRow {
  const c = a.ledger.customers[g.customer];
  const currency = a.ledger.currencies[g.currency];
  return {
    customer: g.customer,
    code: c.code,
    name: c.name,
    currency,
    digits: minorDigits(currency),
    outstanding: g.outstanding,
    overdue: g.overdue,
    notDue: g.notDue,
    credits: g.credits,
    maxDaysOverdue: g.maxDaysOverdue,
    level: g.maxLevel,
    creditLimit: g.creditLimit,
    headroom: g.headroom,
    utilisation: g.utilisation,
    overLimit: g.overLimit,
    policyLimit: g.policyLimit ?? null,
  };
}

/** Salesperson of an item: the row's, else its customer's (as analyze groups them). */
function salespersonOf(a: Analysis, i: number): number {
  const it = a.ledger.items;
  return it.salesperson[i] >= 0
    ? it.salesperson[i]
    : a.ledger.customers[it.customer[i]].salesperson;
}

/**
 * The collection plan's actions (core/documents/plan.ts, the same list the plan sheet shows):
 * `today` holds those dated today or earlier and not done (a step whose date has passed is
 * still to do today), `week` those falling due in the rest of the week. Held items, credits and
 * items owing nothing have none. The outstanding amount is the one at the as-of date.
 */
export function actions(a: Analysis, done?: readonly DoneAction[]): DashboardModel["actions"] {
  const { asOf } = a;
  const today: Action[] = [];
  const week: Action[] = [];
  let todayCount = 0;
  let weekCount = 0;
  for (const row of collectionPlan(a, { done })) {
    const kind = PLAN_KIND[row.action];
    if (kind === undefined || row.actionDate === null) continue;
    const isToday = row.actionDate <= asOf;
    if (!isToday && row.actionDate >= asOf + WEEK_DAYS) continue;
    if (isToday) todayCount++;
    else weekCount++;
    const list = isToday ? today : week;
    const date = row.scheduledDate ?? row.actionDate;
    const step = kind === "escalate" ? 10 + row.actionLevel : 0;
    list.push(action(a, row.item, date, step, kind));
  }
  const order = (x: Action, y: Action) =>
    x.date - y.date || y.level - x.level || y.outstanding - x.outstanding || x.item - y.item;
  today.sort(order);
  week.sort(order);
  return {
    today: today.slice(0, LIMITS.actions),
    week: week.slice(0, LIMITS.actions),
    todayCount,
    weekCount,
  };
}

/** The dashboard's kind of each plan action; the others (holds, credits, none) are not listed. */
const PLAN_KIND: Partial<Record<ActionCode, ActionKind>> = {
  preDueReminder: "reminder",
  confirmDate: "confirm",
  dueDayCall: "dueDay",
  reminder: "escalate",
  phone: "escalate",
  writtenNotice: "escalate",
  visit: "escalate",
  legal: "escalate",
};

function action(a: Analysis, i: number, d: Serial, step: number, kind: ActionKind): Action {
  const { ledger } = a;
  const it = ledger.items;
  const c = it.customer[i];
  const customer = ledger.customers[c];
  const currency = ledger.currencies[it.currency[i]];
  const sp = salespersonOf(a, i);
  const source = ledger.sources[it.sourceIndex[i]];
  return {
    date: d,
    kind,
    level: step >= 10 ? step - 10 : 0,
    item: i,
    ref: it.ref[i],
    customer: c,
    code: customer.code,
    name: customer.name,
    currency,
    digits: minorDigits(currency),
    outstanding: a.items.outstanding[i],
    salesperson: sp >= 0 ? ledger.salespeople[sp] : null,
    sheet: source?.sheet ?? null,
    row: it.sourceRow[i],
  };
}

/**
 * Collection rate per group and currency in one pass: kpi.collectionRate's definition
 * (collections in [from, to] ÷ the amount due by `to` that was open at the start or issued in
 * the period), with the items split by `groupOf` instead of one filter per call. Two positions
 * in all rather than two per group. The tests check it against kpi.collectionRate per group.
 */
export function collectionRateBy(
  ledger: Ledger,
  from: Serial,
  to: Serial,
  groupOf: (item: number) => number,
  groups: number,
): { collected: Float64Array; due: Float64Array } {
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const due = effectiveDueDates(ledger);
  const start = computePosition(ledger, from - 1);
  const end = computePosition(ledger, to);
  const dueSum = new Float64Array(groups * nc);
  const collected = new Float64Array(groups * nc);
  const slot = new Int32Array(it.length).fill(-1);
  for (let i = 0; i < it.length; i++) {
    if (due[i] > to) continue;
    const inv = it.invoiceDate[i];
    let base = 0;
    if (inv < from && start.status[i] === ItemStatus.open) base = start.outstanding[i];
    else if (inv >= from && inv <= to) base = it.amount[i];
    if (base <= 0) continue;
    slot[i] = groupOf(i) * nc + it.currency[i];
    dueSum[slot[i]] += base;
  }
  const apps = end.applications;
  for (let k = 0; k < apps.length; k++) {
    const i = apps.item[k];
    const date = apps.date[k];
    if (slot[i] >= 0 && date >= from && date <= to) collected[slot[i]] += apps.amount[k];
  }
  return { collected, due: dueSum };
}

/**
 * Per salesperson and currency: outstanding, overdue and overdue rate from the analysis, and
 * the collection rate of the month of the as-of date up to it.
 */
function salespeople(a: Analysis, from: Serial): SalespersonRow[] {
  const { ledger } = a;
  const cur = ledger.currencies;
  const nc = cur.length;
  // Group 0 is "no salesperson" (-1), then ledger.salespeople in order.
  const rates = collectionRateBy(
    ledger,
    from,
    a.asOf,
    (i) => salespersonOf(a, i) + 1,
    ledger.salespeople.length + 1,
  );
  const dated = hasDatedCollections(ledger);
  return a.salespeople
    .map((s) => {
      const g = (s.salesperson + 1) * nc + s.currency;
      const currency = cur[s.currency];
      const due = rates.due[g];
      return {
        salesperson: s.salesperson >= 0 ? ledger.salespeople[s.salesperson] : null,
        currency,
        digits: minorDigits(currency),
        outstanding: s.outstanding,
        overdue: s.overdue,
        overdueRate: overdueRate(s),
        collectionRate: dated && due > 0 ? rates.collected[g] / due : null,
        collected: rates.collected[g],
        due,
      };
    })
    .sort(
      (x, y) =>
        (x.currency ?? "").localeCompare(y.currency ?? "") ||
        y.outstanding - x.outstanding ||
        (x.salesperson ?? "").localeCompare(y.salesperson ?? ""),
    );
}

const HOLD = [null, "disputed", "promise"] as const;

function itemRow(a: Analysis, i: number): ItemRow & { currency: string | null; digits: number } {
  const { ledger, items: r, labels } = a;
  const it = ledger.items;
  const open = r.status[i] === ItemStatus.open;
  const currency = ledger.currencies[it.currency[i]];
  return {
    item: i,
    ref: it.ref[i],
    currency,
    digits: minorDigits(currency),
    invoiceDate: it.invoiceDate[i],
    due: r.due[i],
    amount: it.amount[i],
    outstanding: open ? r.outstanding[i] : 0,
    daysOverdue: open && r.due[i] !== 0 ? r.daysOverdue[i] : null,
    bucket: open ? labels[r.bucket[i]] : null,
    level: r.level[i],
    hold: HOLD[r.hold[i]],
    settled: r.status[i] === ItemStatus.closed ? r.settled[i] : 0,
    daysLate: r.daysLate[i] >= 0 ? r.daysLate[i] : null,
    sheet: ledger.sources[it.sourceIndex[i]]?.sheet ?? null,
    row: it.sourceRow[i],
  };
}

/** A customer's positions, open items (with expected pay dates), behaviour, grade and history. */
export function customerDetail(a: Analysis, ins: Insight, customer: number): CustomerDetail {
  const { ledger, items: r } = a;
  const it = ledger.items;
  const c = ledger.customers[customer];
  const open: number[] = [];
  const closed: number[] = [];
  for (let i = 0; i < it.length; i++) {
    if (it.customer[i] !== customer) continue;
    if (r.status[i] === ItemStatus.open) open.push(i);
    else if (r.status[i] === ItemStatus.closed) closed.push(i);
  }
  open.sort((x, y) => r.due[x] - r.due[y] || x - y);
  closed.sort((x, y) => r.settled[y] - r.settled[x] || y - x);
  const late = closed.filter((i) => r.daysLate[i] >= 0);
  const b = ins.customers[customer] ?? null;
  const g = ins.grades.find((x) => x.customer === customer);
  return {
    customer,
    code: c.code,
    name: c.name,
    salesperson: c.salesperson >= 0 ? ledger.salespeople[c.salesperson] : null,
    positions: a.customers.filter((g) => g.customer === customer).map((g) => customerRow(a, g)),
    open: open.map((i) => ({ ...itemRow(a, i), expected: expectedRow(a, ins, i) })),
    history: closed.slice(0, LIMITS.history).map((i) => itemRow(a, i)),
    historyCount: closed.length,
    averageDaysLate:
      late.length > 0 ? late.reduce((s, i) => s + r.daysLate[i], 0) / late.length : null,
    behaviour: b ? behaviourRow(a, b) : null,
    grade: g
      ? {
          grade: g.grade,
          points: g.points,
          recorded: g.recorded,
          differs: g.differs,
          reasons: g.reasons.map((x) => ({ code: x.code, params: x.params, points: x.points })),
        }
      : null,
  };
}
