/**
 * What the task pane asks of the engine and what it gets back: plain, structured-cloneable data
 * (it crosses a Web Worker boundary). Money in minor units with the currency's digits, dates as
 * serials; wording is the pane's business (strings.ts), so a language switch needs no recompute.
 */
import type { Serial } from "../../core/dates";
import type { Locale } from "../../core/messages";
import type { OrderCheck } from "../../core/credit/order";
import type { Policy } from "../../core/policy";
import type { Problem } from "../../core/problems";
import type { CellValue } from "../../sheet/grid";
import type { RowCounts, SheetReport } from "../../sheet/import";
import type { Profile } from "../../sheet/documents";
import type { TemplateKind } from "../../sheet/templates/fields";
import type { RegisterMeta } from "../../sheet/register";
import type { SheetSpec } from "../../sheet/spec";
import type { ReminderDraft, SkippedDraft } from "../../sheet/reminder-drafts";
import type { FormulaOptions, FormulaSheet } from "../formulas";

import type { SourceInput } from "./source";

export type { SourceInput };

export interface AnalyzeRequest {
  sources: SourceInput[];
  asOf: Serial;
  policy: Policy;
  /**
   * The collection log sheet (loaded like a source), or none: its promises, disputes and steps
   * done apply to the analysis (core/credit analyzeWithLog), its problems join the list.
   */
  log?: string | null;
  /**
   * The payment schedule sheet, or none: its instalments apply as promises (with the log's) to
   * the analysis, so the plan, the actions and the cash forecast follow them, as `generate
   * commitments --schedule` puts them in the plan.
   */
  schedule?: string | null;
  /** The credit policy sheet (信用政策 / Credit policy), or none: the order check's rules. */
  creditPolicy?: string | null;
}

/** The payment schedule applied to the analysis. */
export interface ScheduleApplied {
  sheet: string;
  /** Customers whose schedule was accepted, their instalments, the rows refused. */
  customers: number;
  instalments: number;
  refused: number;
  problems: number;
}

/** The credit policy sheet read: its grades, and its problems worded (none when valid). */
export interface CreditPolicySummary {
  sheet: string;
  /** False: the sheet has problems, and the order check uses the default table. */
  valid: boolean;
  grades: string[];
  problems: string[];
}

/** What the collection log did to the analysis. */
export interface LogSummary {
  sheet: string;
  rows: RowCounts;
  promises: { live: number; kept: number; broken: number };
  disputed: number;
  done: number;
}

/** Totals of one currency. */
export interface CurrencyTotals {
  currency: string | null;
  digits: number;
  outstanding: number;
  overdue: number;
  /** Per bucket, in label order; they add up to `outstanding`. */
  buckets: number[];
  /** Positive open items not overdue. overdue + notDue + credits = outstanding. */
  notDue: number;
  /** Credit notes, overpayments and unapplied cash (negative). */
  credits: number;
  /** Items dated after the as-of date: in no figure here, and said so (null: none). */
  datedAfter: { items: number; amount: number } | null;
  openItems: number;
  overdueItems: number;
  /** Overdue ÷ gross receivables (overdue + notDue), null when nothing is owed; never > 1. */
  overdueRate: number | null;
  interest: number;
  fees: number;
}

/** A customer's position in one currency, as the dashboard lists it. */
export interface CustomerRow {
  /** Index into the ledger's customers (ask the engine for its details). */
  customer: number;
  code: string;
  name: string | null;
  currency: string | null;
  digits: number;
  outstanding: number;
  overdue: number;
  /** overdue + notDue + credits = outstanding. */
  notDue: number;
  credits: number;
  maxDaysOverdue: number | null;
  level: number;
  creditLimit: number | null;
  headroom: number | null;
  /** exposure ÷ limit; null without a limit; Infinity for exposure on a zero limit. */
  utilisation: number | null;
  overLimit: boolean;
  /**
   * Set when the connected credit policy changed the recorded limit for the customer's grade:
   * `creditLimit` is the policy's, this is the recorded one and the grade (null otherwise).
   */
  policyLimit: { recorded: number | null; grade: string | null } | null;
}

/** What to do about an item, and when. */
export type ActionKind = "reminder" | "confirm" | "dueDay" | "escalate";

export interface Action {
  date: Serial;
  kind: ActionKind;
  /** The ladder level reached (escalations), else 0. */
  level: number;
  item: number;
  ref: string | null;
  customer: number;
  code: string;
  name: string | null;
  currency: string | null;
  digits: number;
  outstanding: number;
  salesperson: string | null;
  sheet: string | null;
  row: number;
}

export interface SalespersonRow {
  salesperson: string | null;
  currency: string | null;
  digits: number;
  outstanding: number;
  overdue: number;
  overdueRate: number | null;
  /**
   * Collections in the period ÷ amount due in it (kpi.collectionRate), null when none due or
   * when no collection in the data is dated (`DashboardModel.collectionUnknown`).
   */
  collectionRate: number | null;
  collected: number;
  due: number;
}

/** The dashboard, as of one date. Lists are capped; the counts say how many there are. */
export interface DashboardModel {
  asOf: Serial;
  /** Bucket labels (`current`, `1-30`, … or `0-30`, … for the invoice basis). */
  labels: string[];
  basis: Policy["basis"];
  rows: RowCounts;
  sheets: SheetReport[];
  totals: CurrencyTotals[];
  /** Per currency (the order of `totals`): customers with the most overdue first. */
  topOverdue: CustomerRow[][];
  /** Customers over or near (≥ 90 %) their credit limit, highest utilisation first. */
  nearLimit: CustomerRow[];
  /** Customers with a credit limit recorded: 0 means "near its limit" cannot be known. */
  limitsKnown: number;
  actions: { today: Action[]; week: Action[]; todayCount: number; weekCount: number };
  /** The period of the collection rate: the month of the as-of date, up to it. */
  collectionPeriod: { from: Serial; to: Serial };
  /** True when no collection in the data carries a date: every collection rate is unknown. */
  collectionUnknown: boolean;
  salespeople: SalespersonRow[];
  problems: Problem[];
  problemCount: number;
  /** Collection insight (src/core/insight): the cash forecast and the grades to review. */
  insight: InsightSummary;
  /** The collection log applied, null when none is connected. */
  log: LogSummary | null;
  /** The payment schedule applied as promises, null when none is connected. */
  schedule?: ScheduleApplied | null;
  /** The credit policy sheet the order check uses, null when none is connected. */
  creditPolicy?: CreditPolicySummary | null;
  /** Milliseconds the engine spent importing, analysing, on the insight and on this model. */
  timing: { importMs: number; analyzeMs: number; insightMs: number; modelMs: number };
}

/** A reason of insight's, as a message code and its parameters (core/insight/messages.ts words it). */
export interface InsightReason {
  code: string;
  params: Record<string, string | number>;
  /** Points the reason adds to a grade (0 for information, and for pay-date reasons). */
  points: number;
}

export interface ForecastPeriodRow {
  /** First and last day, inclusive. */
  from: Serial;
  to: Serial;
  amount: number;
}

/** Expected collections of one currency (core/insight/forecast.ts). weeks + later + never = open. */
export interface ForecastRow {
  currency: string | null;
  digits: number;
  /** Positive open balances: what the forecast distributes. */
  open: number;
  /** The currency's outstanding; open − outstanding is `credits`' opposite. */
  outstanding: number;
  /** Credits and unapplied cash left out of the forecast: outstanding = open + credits. */
  credits: number;
  /** Week 1 starts the day after the as-of date. */
  weeks: ForecastPeriodRow[];
  /** Calendar months the weeks touch (the first and last usually partly): `month` is `2026-07`. */
  months: (ForecastPeriodRow & { month: string })[];
  /** Expected after the last week. */
  later: number;
  /** Expected never, and on how many items. */
  never: number;
  neverItems: number;
}

export type GradeLetter = "A" | "B" | "C" | "D";

/** A customer whose suggested grade is worse than the one its customer list records. */
export interface GradeRow {
  customer: number;
  code: string;
  name: string | null;
  grade: GradeLetter;
  points: number;
  /** As the customer list has it, and as read on the A–D scale. */
  recorded: string;
  recordedGrade: GradeLetter;
  reasons: InsightReason[];
}

export interface InsightSummary {
  /** Settled items the insight learned from. */
  history: number;
  /**
   * Days within which an overdue item is assumed paid when there is no history to learn from
   * (with `history` 0 every expected date is this stated rule, and the pane says so).
   */
  assumedDays: number;
  /** Per currency, in the order of `totals` where it has open balances. */
  forecast: ForecastRow[];
  /** Suggested worse than recorded: worst suggestion first (capped; `worseCount` says how many). */
  worse: GradeRow[];
  worseCount: number;
  /** Customers graded, per suggested grade; and how many differ from the recorded one either way. */
  gradeCounts: Record<GradeLetter, number>;
  differCount: number;
  /** Customers with a recorded grade to compare with: 0 means "differ" cannot be known. */
  recordedCount: number;
}

/** Payment behaviour of a customer from its settled items (core/insight/behaviour.ts). */
export interface BehaviourRow {
  settled: number;
  /** Share paid on or before the due date, 0 … 1. */
  onTimeShare: number;
  averageDaysLate: number;
  /** Weighted by amount, in `weightCurrency`. */
  weightedDaysLate: number;
  weightCurrency: string | null;
  /** Median delay (settled − due; negative: early). */
  medianDelay: number;
  recentDays: number;
  recent: { settled: number; averageDaysLate: number | null };
  earlier: { settled: number; averageDaysLate: number | null };
  /** recent − earlier average days late; positive: paying later lately. Null unless both have items. */
  trend: number | null;
}

/** An open item's expected pay date (core/insight/expected.ts). */
export interface ExpectedRow {
  /** Null when expected never. */
  date: Serial | null;
  low: Serial | null;
  high: Serial | null;
  basis: string;
  /** `fullyProvided` or `beyondHistory` when expected never, else null. */
  never: string | null;
  reasons: InsightReason[];
}

export interface ItemRow {
  item: number;
  ref: string | null;
  invoiceDate: Serial;
  due: Serial;
  amount: number;
  outstanding: number;
  daysOverdue: number | null;
  bucket: string | null;
  level: number;
  hold: "disputed" | "promise" | null;
  settled: Serial;
  daysLate: number | null;
  sheet: string | null;
  row: number;
}

export interface CustomerDetail {
  customer: number;
  code: string;
  name: string | null;
  salesperson: string | null;
  /** Positions per currency. */
  positions: CustomerRow[];
  /** Open items, oldest due first, each with its expected pay date (null: not predicted). */
  open: (ItemRow & { currency: string | null; digits: number; expected: ExpectedRow | null })[];
  /** Settled items, latest first (capped). */
  history: (ItemRow & { currency: string | null; digits: number })[];
  historyCount: number;
  /** Average days late of settled items, null when none. */
  averageDaysLate: number | null;
  /** Payment behaviour learned by the insight (items settled by the as-of date); null when none. */
  behaviour: BehaviourRow | null;
  /** The suggested grade with its reasons, and the recorded one; null when not graded. */
  grade: {
    grade: GradeLetter;
    points: number;
    recorded: string | null;
    differs: boolean | null;
    reasons: InsightReason[];
  } | null;
}

/** A kind of document the Generate panel offers (see documents.ts). */
export interface DocumentInfo {
  id: string;
  label: Record<Locale, string>;
  description: Record<Locale, string>;
  /** Built from the payment schedule sheet (the pane offers to create it). */
  needsSchedule?: boolean;
}

/** What a document build takes from the workbook besides the data: the user's template sheets and the company profile. */
export interface BuildOptions {
  templates?: Partial<Record<TemplateKind, SheetSpec>>;
  profile?: Profile;
  /** The payment schedule sheet (loaded like a source), for commitment letters. */
  schedule?: string | null;
  /**
   * Append the documents built to the audit register: the register sheet's current values
   * (null: none yet) come back with the new rows under them, as one more sheet to write.
   */
  register?: RegisterInput;
}

export interface RegisterInput {
  meta: RegisterMeta;
  /** The register sheet's name and values as read from the workbook; null when absent. */
  sheet: string | null;
  rows: CellValue[][] | null;
}

/** A build's sheets and what it says about them. */
export interface BuildResult {
  specs: SheetSpec[];
  /** Documents made (letters, statements…; 0 for reports). */
  documents: number;
  /** Rows added to the register (0 when none was asked or nothing to record). */
  registered: number;
  /** The schedule read for commitment letters: counts, plans and problems (worded). */
  schedule: ScheduleSummary | null;
  /**
   * Company profile fields the documents print that the profile sheet leaves blank, named in
   * the build's language: the letters carry a visible placeholder there ([to fill in: …]).
   */
  profileMissing: string[];
}

export interface ScheduleSummary {
  sheet: string | null;
  rows: RowCounts;
  letters: number;
  refused: number;
  /** Problems as text in the build's language, each naming its row. */
  problems: string[];
}

/** An order to check (issue 8): customer (index or code/name), amount as typed, currency. */
export interface OrderRequest {
  customer: number | string;
  /** As typed: `100000`, `100,000.00`, `¥100000`. */
  amount: string;
  /** Null: the customer's own currency (as `ar-desk check-order` without --currency). */
  currency: string | null;
}

/** The order check's answer: the core's OrderCheck, with blocking items named. */
export type OrderAnswer =
  | (OrderCheck & {
      blockingRefs: { ref: string | null; outstanding: number; daysOverdue: number }[];
      /** The credit policy sheet whose rules applied; null: the default table. */
      policySheet?: string | null;
    })
  | { error: "amount" | "currency" | "nothing"; value: string };

/** A customer of the analysis, for pickers. */
export interface CustomerChoice {
  customer: number;
  code: string;
  name: string | null;
}

/** The credit-control sheets the pane creates for the user to fill. */
export type CreditSheetKind = "log" | "schedule" | "policy";

/** Which of the given sheets look like the collection log and the payment schedule. */
export interface CreditSheets {
  log: string | null;
  schedule: string | null;
  /** The credit policy sheet (found by its name or its header). */
  policy?: string | null;
}

export interface GenerateProgress {
  phase: "build" | "write";
  done: number;
  total: number;
  sheet?: string;
}

/** The day's reminders as drafts (issue 19): who sends, on whose behalf. */
export interface RemindersRequest {
  locale: Locale;
  from: string;
  replyTo: string | null;
  company: string | null;
  collector: string | null;
}

export interface RemindersResult {
  asOf: Serial;
  drafts: ReminderDraft[];
  skipped: SkippedDraft[];
}

/** A sheet on its way to the engine, chunk by chunk (`Engine.openSheet`). */
export interface SheetStream {
  /** The rows after those pushed before; the engine has them once the promise settles. */
  push(rows: CellValue[][]): Promise<void>;
  /**
   * The sheet is complete: every push is in, and the engine checks it holds `rows` rows (it
   * rejects otherwise). The sheet then replaces an earlier version of it.
   */
  end(rows: number): Promise<void>;
}

/** The engine's face to the pane: the worker client and the in-thread engine both give it. */
export interface Engine {
  /** Makes a sheet's values known to the engine, replacing an earlier version of the sheet. */
  load(sheet: string, rows: CellValue[][]): Promise<void>;
  /**
   * A sheet given in chunks as it is read (the engine stores each chunk as it comes), complete
   * at `end`, when it replaces an earlier version of the sheet as `load` would.
   */
  openSheet?(sheet: string): SheetStream;
  analyze(req: AnalyzeRequest): Promise<DashboardModel>;
  customer(customer: number): Promise<CustomerDetail>;
  documents(): Promise<DocumentInfo[]>;
  /** Builds a document's sheets from the last analysis. */
  build(id: string, locale: Locale, options?: BuildOptions): Promise<BuildResult>;
  /** The customers of the last analysis. */
  customers(): Promise<CustomerChoice[]>;
  /**
   * The order check (core/credit checkOrder) on the last analysis, under the workbook's credit
   * policy sheet when one is connected and valid, else the default table.
   */
  checkOrder(order: OrderRequest): Promise<OrderAnswer>;
  /** An empty collection log or payment schedule sheet, or the default credit policy table. */
  blankSheet(kind: CreditSheetKind, locale: Locale): Promise<SheetSpec>;
  /** Which sheets (their first rows given) hold a collection log or a payment schedule. */
  detectCredit(heads: { sheet: string; rows: CellValue[][] }[]): Promise<CreditSheets>;
  /** The live-formulas sheet for the last analysis's receivables sheet (formulas.ts). */
  formulas(locale: Locale, options: FormulaOptions): Promise<FormulaSheet>;
  /** The reminders due on the last analysis's date, as .eml drafts with their register rows. */
  reminders?(req: RemindersRequest): Promise<RemindersResult>;
  dispose(): void;
}
