/**
 * The application layer's first use cases (issue 14): the position at the as-of date, with what
 * the user recorded applied, computed once for every face. The task pane's engine and every CLI
 * command call these; neither re-implements them.
 *
 * - `checkSchedule`: a payment schedule's rows checked against the position without promises
 *   (each customer's plan must cover what it owes and no more), and its instalments as promises.
 * - `position`: the analysis at the as-of date with the collection log's and the schedule's
 *   entries applied (promises hold items, broken ones raise them, disputes block dunning, steps
 *   done leave the plan), under the credit policy's limits (one limit per customer).
 *
 * Pure like the core: grids are already imported, files already read by the face's adapter.
 */
import { analyze } from "../core/analyze";
import {
  analyzeWithLog,
  commitmentEntries,
  DEFAULT_CREDIT_POLICY,
  planCommitments,
  withCreditPolicy,
  type CommitmentPlan,
  type CommitmentResult,
  type CreditPolicy,
  type LogEffects,
  type LogEntry,
  type PolicyAnalysis,
  type ScheduleProblem,
  type ScheduleRow,
} from "../core/credit";
import type { Serial } from "../core/dates";
import { formatMinor, minorDigits } from "../core/money";
import type { Policy } from "../core/policy";
import type { ImportResult } from "../sheet/import";

export interface ScheduleCheck {
  /** One plan per customer whose instalments are accepted. */
  plans: CommitmentPlan[];
  /** Customers whose schedule was refused, and why. */
  refused: CommitmentResult["refused"];
  problems: ScheduleProblem[];
  /** The accepted instalments as promises, dated the as-of date. */
  entries: LogEntry[];
}

/** A payment schedule's rows checked against the position without promises. */
export function checkSchedule(
  imported: ImportResult,
  asOf: Serial,
  policy: Policy,
  rows: readonly ScheduleRow[],
): ScheduleCheck {
  const plain = analyze(imported.ledger, asOf, policy);
  const fmt = (m: number, c: number) => formatMinor(m, minorDigits(plain.ledger.currencies[c]));
  const checked = planCommitments(plain, rows, fmt);
  return {
    plans: checked.plans,
    refused: checked.refused,
    problems: checked.problems,
    entries: commitmentEntries(checked.plans, asOf),
  };
}

export interface PositionInput {
  imported: ImportResult;
  asOf: Serial;
  policy: Policy;
  /**
   * The collection log's entries and the schedule's promises, when a log or a schedule is
   * connected (even empty: the effects then say nothing was recorded); undefined when neither.
   */
  entries?: readonly LogEntry[];
  /** The credit policy whose grade rules set the limits (default: the recorded limits). */
  creditPolicy?: CreditPolicy;
}

export interface Position {
  analysis: PolicyAnalysis;
  /** What the entries did (null when no log or schedule is connected). */
  effects: LogEffects | null;
}

/** The position at the as-of date, with the recorded entries applied, under the credit policy. */
export function position(input: PositionInput): Position {
  const { imported, asOf, policy } = input;
  const withLog =
    input.entries !== undefined
      ? analyzeWithLog(imported.ledger, asOf, policy, input.entries)
      : null;
  const analysis = withCreditPolicy(
    withLog?.analysis ?? analyze(imported.ledger, asOf, policy),
    input.creditPolicy ?? DEFAULT_CREDIT_POLICY,
  );
  return { analysis, effects: withLog?.effects ?? null };
}
