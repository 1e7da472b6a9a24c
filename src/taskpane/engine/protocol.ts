/**
 * What the task pane asks of the engine and what it gets back: plain, structured-cloneable data
 * (it crosses a Web Worker boundary). Money in minor units with the currency's digits, dates as
 * serials; wording is the pane's business (strings.ts), so a language switch needs no recompute.
 */
import type { Serial } from "../../core/dates";
import type { Locale } from "../../core/messages";
import type { Policy } from "../../core/policy";
import type { Problem } from "../../core/problems";
import type { SheetKind } from "../../sheet/fields";
import type { CellValue } from "../../sheet/grid";
import type { ColumnChoice, RowCounts, SheetReport } from "../../sheet/import";
import type { Profile } from "../../sheet/documents";
import type { TemplateKind } from "../../sheet/templates/fields";
import type { SheetSpec } from "../../sheet/spec";
import type { FormulaOptions, FormulaSheet } from "../formulas";

/** One sheet the user connected, with the columns as mapped. */
export interface SourceInput {
  sheet: string;
  kind: SheetKind;
  mapping: ColumnChoice;
}

export interface AnalyzeRequest {
  sources: SourceInput[];
  asOf: Serial;
  policy: Policy;
}

/** Totals of one currency. */
export interface CurrencyTotals {
  currency: string | null;
  digits: number;
  outstanding: number;
  overdue: number;
  /** Per bucket, in label order; they add up to `outstanding`. */
  buckets: number[];
  openItems: number;
  overdueItems: number;
  /** Overdue ÷ outstanding, null when nothing is outstanding. */
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
  maxDaysOverdue: number | null;
  level: number;
  creditLimit: number | null;
  headroom: number | null;
  /** exposure ÷ limit; null without a limit; Infinity for exposure on a zero limit. */
  utilisation: number | null;
  overLimit: boolean;
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
  /** Collections in the period ÷ amount due in it (kpi.collectionRate), null when none due. */
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
  actions: { today: Action[]; week: Action[]; todayCount: number; weekCount: number };
  /** The period of the collection rate: the month of the as-of date, up to it. */
  collectionPeriod: { from: Serial; to: Serial };
  salespeople: SalespersonRow[];
  problems: Problem[];
  problemCount: number;
  /** Milliseconds the engine spent importing and analysing. */
  timing: { importMs: number; analyzeMs: number; modelMs: number };
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
  /** Open items, oldest due first. */
  open: (ItemRow & { currency: string | null; digits: number })[];
  /** Settled items, latest first (capped). */
  history: (ItemRow & { currency: string | null; digits: number })[];
  historyCount: number;
  /** Average days late of settled items, null when none. */
  averageDaysLate: number | null;
}

/** A kind of document the Generate panel offers (see documents.ts). */
export interface DocumentInfo {
  id: string;
  label: Record<Locale, string>;
  description: Record<Locale, string>;
}

/** What a document build takes from the workbook besides the data: the user's template sheets and the company profile. */
export interface BuildOptions {
  templates?: Partial<Record<TemplateKind, SheetSpec>>;
  profile?: Profile;
}

export interface GenerateProgress {
  phase: "build" | "write";
  done: number;
  total: number;
  sheet?: string;
}

/** The engine's face to the pane: the worker client and the in-thread engine both give it. */
export interface Engine {
  /** Makes a sheet's values known to the engine, replacing an earlier version of the sheet. */
  load(sheet: string, rows: CellValue[][]): Promise<void>;
  analyze(req: AnalyzeRequest): Promise<DashboardModel>;
  customer(customer: number): Promise<CustomerDetail>;
  documents(): Promise<DocumentInfo[]>;
  /** Builds a document's sheets from the last analysis. */
  build(id: string, locale: Locale, options?: BuildOptions): Promise<SheetSpec[]>;
  /** The live-formulas sheet for the last analysis's receivables sheet (formulas.ts). */
  formulas(locale: Locale, options: FormulaOptions): Promise<FormulaSheet>;
  dispose(): void;
}
