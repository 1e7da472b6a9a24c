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
import type { Problem } from "../core/problems";
import { readLogBook, type LogReadResult } from "../sheet/collection-log";
import { readScheduleBook, type ScheduleReadResult } from "../sheet/commitment";
import type { Book } from "../sheet/grid";
import { importGrids, type GridInput, type ImportResult } from "../sheet/import";
import type { DateOrder } from "../sheet/values";

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

export interface OpenRequest {
  /** The sheets to import (invoices, payments, customers), as each face's adapter read them. */
  inputs: GridInput[];
  dateOrder?: DateOrder | null;
  asOf: Serial;
  policy: Policy;
  /** The book holding the collection log: its sheet named like the log, else the first with a log header. */
  log?: Book | null;
  /** The book holding the payment schedule (found the same way). */
  schedule?: Book | null;
  /** The credit policy whose grade rules set the limits (default: the recorded limits). */
  creditPolicy?: CreditPolicy;
}

export interface OpenPosition extends Position {
  imported: ImportResult;
  /** The log as read against the ledger; null when none was given or no sheet has a log header. */
  log: (LogReadResult & { sheet: string | null }) | null;
  /** The schedule as read and checked; null when none was given or no sheet is a schedule. */
  schedule: { read: ScheduleReadResult & { sheet: string | null }; check: ScheduleCheck } | null;
  /** The entries applied: the log's, then the schedule's instalments as promises. */
  entries: { log: LogEntry[]; schedule: LogEntry[] };
  /** Milliseconds spent importing the sheets and computing the position (what the pane shows). */
  ms: { import: number; position: number };
}

/**
 * The whole path from the sheets to the position, once for every face: import the sheets, read
 * the collection log and the payment schedule against the ledger, check the schedule, apply both
 * and the credit policy. The pane's engine and every CLI command call this; each then shows or
 * prints what it needs. The entries apply when a log was found or the schedule has instalments
 * (so a connected log that is empty still says what it did).
 */
export function openPosition(req: OpenRequest): OpenPosition {
  const t0 = now();
  const imported = importGrids(req.inputs, { dateOrder: req.dateOrder ?? null });
  const t1 = now();
  const log = req.log ? readLogBook(req.log, imported.ledger) : null;
  const read = req.schedule ? readScheduleBook(req.schedule, imported.ledger) : null;
  const check = read ? checkSchedule(imported, req.asOf, req.policy, read.rows) : null;
  const entries = { log: log?.entries ?? [], schedule: check?.entries ?? [] };
  const applied = log !== null || entries.schedule.length > 0;
  const pos = position({
    imported,
    asOf: req.asOf,
    policy: req.policy,
    entries: applied ? [...entries.log, ...entries.schedule] : undefined,
    creditPolicy: req.creditPolicy,
  });
  return {
    ...pos,
    imported,
    log,
    schedule: read && check ? { read, check } : null,
    entries,
    ms: { import: Math.round(t1 - t0), position: Math.round(now() - t1) },
  };
}

function now(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}

/**
 * Why a position cannot be shown: no invoice row was imported (figures from payments alone would
 * be invented). The problem that says so and, when there is one, the error that caused it.
 */
export function noInvoices(
  imported: ImportResult,
): { problem: Problem; cause: Problem | null } | null {
  if (imported.ledger.items.length > 0) return null;
  const problem = imported.problems.find(
    (p) => p.code === "sheet.noInvoices" || p.severity === "error",
  );
  if (!problem) return null;
  const cause = imported.problems.find((p) => p.severity === "error" && p !== problem) ?? null;
  return { problem, cause };
}
