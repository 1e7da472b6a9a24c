/**
 * Payment commitments (还款承诺书, issue 8): a customer's agreed instalment schedule, checked
 * against what it owes, and what the schedule means for the collection plan.
 *
 * - **Checks**: every instalment falls after the as-of date; the schedule covers at most the
 *   customer's outstanding balance (it may cover less: the rest stays due as before); the
 *   customer owes something. A customer whose schedule fails a check gets no letter, and each
 *   failure names the schedule row (and column) it comes from.
 * - **Allocation**: instalments settle the customer's open items oldest due first. Item `i`
 *   is promised for the date of the instalment that completes it (a partly covered last item:
 *   the last instalment, for the part covered).
 * - **Promises**: each instalment becomes a collection-log entry (src/core/credit/log.ts) on
 *   the items it completes, dated the as-of date, with the instalment's date and the amount
 *   those items are promised — so the plan holds them until then and raises them when the date
 *   passes unpaid, exactly as a promise recorded in the log. The entry records no result: a
 *   letter drafted is not yet the debtor's acknowledgement (only the signed letter interrupts
 *   limitation; record it in the log as "acknowledged" once it comes back signed).
 *
 * Pure: rows come from a reader (src/sheet/commitment.ts).
 */
import type { Analysis } from "../analyze";
import type { Serial } from "../dates";
import type { Minor } from "../money";
import { ItemStatus } from "../position";
import type { ProblemParams, Severity, SourceRef } from "../problems";
import type { LogEntry } from "./log";

export type ScheduleProblemCode =
  | "schedule.blank"
  | "schedule.noCustomer"
  | "schedule.unknownCustomer"
  | "schedule.noDate"
  | "schedule.badDate"
  | "schedule.noAmount"
  | "schedule.badAmount"
  | "schedule.notPositive"
  | "schedule.notAfterAsOf"
  | "schedule.nothingOwed"
  | "schedule.exceedsOutstanding";

/** A problem of the schedule, located like the import's problems (file, sheet, row, column). */
export interface ScheduleProblem {
  code: ScheduleProblemCode;
  severity: Severity;
  source: SourceRef | null;
  /** The column's header text as it stands in the sheet. */
  column: string | null;
  params: ProblemParams;
}

/** One instalment as read from the schedule. */
export interface ScheduleRow {
  /** Index in `ledger.customers`. */
  customer: number;
  date: Serial;
  /** Minor units of the customer's currency. */
  amount: Minor;
  source: SourceRef;
  /** Header texts of the date and amount columns, to locate problems. */
  columns: { date: string | null; amount: string | null; customer: string | null };
}

export interface Instalment {
  date: Serial;
  amount: Minor;
  /** Total of this and the earlier instalments. */
  cumulative: Minor;
  /** Balance left after it. */
  remaining: Minor;
  /** Items this instalment completes (index in `ledger.items`), oldest due first. */
  items: number[];
  /** Of those items, the amount promised by this instalment's date. */
  promised: Minor;
  source: SourceRef;
}

export interface CommitmentPlan {
  customer: number;
  /** Index in `ledger.currencies`. */
  currency: number;
  /** The customer's outstanding balance at the as-of date (net of credits and unapplied cash). */
  outstanding: Minor;
  /** Open items with something owing, oldest due first: what the letter acknowledges. */
  items: number[];
  instalments: Instalment[];
  total: Minor;
  /** Outstanding not covered by the schedule (stays due on its original terms). */
  remainder: Minor;
}

export interface CommitmentResult {
  plans: CommitmentPlan[];
  /** Customers with schedule rows that got no plan, with the problems that stopped them. */
  refused: { customer: number; problems: ScheduleProblem[] }[];
  problems: ScheduleProblem[];
}

function problemAt(
  code: ScheduleProblemCode,
  row: ScheduleRow,
  column: string | null,
  params: ProblemParams = {},
): ScheduleProblem {
  return { code, severity: "error", source: row.source, column, params };
}

/** The customer's position the schedule is in: its own currency, else the one it owes most in. */
function positionOf(a: Analysis, customer: number) {
  const positions = a.customers.filter((p) => p.customer === customer);
  const own = a.ledger.customers[customer]?.currency ?? null;
  const mine = positions.find((p) => own !== null && a.ledger.currencies[p.currency] === own);
  if (mine) return mine;
  let best = positions[0] ?? null;
  for (const p of positions) if (best && p.outstanding > best.outstanding) best = p;
  return best;
}

/**
 * Checks the schedule rows against the analysis and allocates each customer's instalments to
 * its open items. `digits` formats amounts in problem parameters.
 */
export function planCommitments(
  a: Analysis,
  rows: readonly ScheduleRow[],
  format: (minor: Minor, currency: number) => string = (m) => String(m),
): CommitmentResult {
  const byCustomer = new Map<number, ScheduleRow[]>();
  for (const row of rows) {
    let list = byCustomer.get(row.customer);
    if (!list) byCustomer.set(row.customer, (list = []));
    list.push(row);
  }
  const plans: CommitmentPlan[] = [];
  const refused: CommitmentResult["refused"] = [];
  const problems: ScheduleProblem[] = [];
  const it = a.ledger.items;
  const r = a.items;

  for (const [customer, list] of byCustomer) {
    const own: ScheduleProblem[] = [];
    const sorted = list
      .map((row, k) => ({ row, k }))
      .sort((x, y) => x.row.date - y.row.date || x.k - y.k)
      .map((x) => x.row);
    for (const row of sorted)
      if (row.date <= a.asOf)
        own.push(
          problemAt("schedule.notAfterAsOf", row, row.columns.date, {
            date: row.date,
            asOf: a.asOf,
          }),
        );
    const position = positionOf(a, customer);
    const outstanding = position?.outstanding ?? 0;
    const currency = position?.currency ?? 0;
    if (outstanding <= 0) {
      own.push(
        problemAt("schedule.nothingOwed", sorted[0], sorted[0].columns.customer, {
          customer: a.ledger.customers[customer].code,
          outstanding: format(outstanding, currency),
        }),
      );
    } else {
      let cumulative = 0;
      for (const row of sorted) {
        cumulative += row.amount;
        if (cumulative > outstanding) {
          own.push(
            problemAt("schedule.exceedsOutstanding", row, row.columns.amount, {
              customer: a.ledger.customers[customer].code,
              total: format(cumulative, currency),
              outstanding: format(outstanding, currency),
              excess: format(cumulative - outstanding, currency),
            }),
          );
          break;
        }
      }
    }
    if (own.length) {
      problems.push(...own);
      refused.push({ customer, problems: own });
      continue;
    }

    // The items the letter acknowledges, oldest due first; instalments settle them in order.
    const items: number[] = [];
    for (let i = 0; i < it.length; i++)
      if (
        it.customer[i] === customer &&
        it.currency[i] === currency &&
        r.status[i] === ItemStatus.open &&
        r.outstanding[i] > 0
      )
        items.push(i);
    items.sort((x, y) => r.due[x] - r.due[y] || it.invoiceDate[x] - it.invoiceDate[y] || x - y);

    const instalments: Instalment[] = [];
    let cumulative = 0;
    let k = 0; // next item not yet completed
    let covered = 0; // what earlier instalments paid towards item k
    for (const row of sorted) {
      cumulative += row.amount;
      const inst: Instalment = {
        date: row.date,
        amount: row.amount,
        cumulative,
        remaining: outstanding - cumulative,
        items: [],
        promised: 0,
        source: row.source,
      };
      let budget = row.amount;
      while (k < items.length && budget > 0) {
        const need = r.outstanding[items[k]] - covered;
        if (budget >= need) {
          budget -= need;
          inst.items.push(items[k]);
          inst.promised += r.outstanding[items[k]];
          k++;
          covered = 0;
        } else {
          covered += budget;
          budget = 0;
        }
      }
      instalments.push(inst);
    }
    // A last item the schedule covers in part is promised, for that part, by the last date.
    if (covered > 0 && instalments.length) {
      const last = instalments[instalments.length - 1];
      last.items.push(items[k]);
      last.promised += covered;
    }
    plans.push({
      customer,
      currency,
      outstanding,
      items,
      instalments,
      total: cumulative,
      remainder: outstanding - cumulative,
    });
  }
  plans.sort((x, y) => x.customer - y.customer);
  return { plans, refused, problems };
}

/**
 * The plans as collection-log promises: one entry per instalment that completes an item, dated
 * `asOf`, promising its items' amount by the instalment's date. Feed them to `analyzeWithLog`
 * with the log's own entries.
 */
export function commitmentEntries(plans: readonly CommitmentPlan[], asOf: Serial): LogEntry[] {
  const out: LogEntry[] = [];
  for (const p of plans)
    for (const inst of p.instalments) {
      if (inst.items.length === 0) continue;
      out.push({
        date: asOf,
        customer: p.customer,
        items: [...inst.items],
        action: null,
        owner: null,
        result: null,
        promiseDate: inst.date,
        promiseAmount: inst.promised,
        next: null,
        note: "commitment",
        source: inst.source,
      });
    }
  return out;
}
