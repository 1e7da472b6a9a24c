/**
 * The engine in the calling thread: holds the sheets' values and the last analysis, and answers
 * the pane's questions. The worker (worker.ts) runs one of these; tests use it directly.
 */
import type { Analysis } from "../../core/analyze";
import type { ColumnStore } from "../../io/columns";
import { RowStore } from "../../io/row-store";
import {
  DEFAULT_CREDIT_POLICY,
  type CreditPolicy,
  promiseCounts,
  scheduleProblemText,
  type CommitmentPlan,
  type LogEffects,
  type LogEntry,
} from "../../core/credit";
import { insight, type Insight } from "../../core/insight";
import type { Locale } from "../../core/messages";
import { collectionLogSpec, isCollectionLog } from "../../sheet/collection-log";
import { isSchedule, readSchedule, scheduleSpec } from "../../sheet/commitment";
import {
  creditPolicyFromGrid,
  creditPolicySheetSpec,
  isCreditPolicy,
  policyProblemText,
} from "../../sheet/credit-policy-sheet";
import { bookOf, type CellValue } from "../../sheet/grid";
import type { ImportResult } from "../../sheet/import";
import { reminderDrafts } from "../../sheet/reminder-drafts";
import { registerAppended } from "../../sheet/register";
import type { SheetSpec } from "../../sheet/spec";
import { PROFILE_FIELDS } from "../../sheet/templates/fields";
import { orderAmount, orderCheck } from "../../desk/order";
import { checkSchedule, openPosition, position } from "../../desk/position";
import { DOCUMENTS, documentInfos, type Built } from "../documents";
import { formulaSheet, type FormulaOptions, type FormulaSheet } from "../formulas";
import { customerDetail, dashboardModel } from "./model";
import type {
  AnalyzeRequest,
  BuildOptions,
  BuildResult,
  CreditPolicySummary,
  CreditSheetKind,
  CreditSheets,
  CustomerChoice,
  CustomerDetail,
  DashboardModel,
  DocumentInfo,
  Engine,
  LogSummary,
  OrderAnswer,
  OrderRequest,
  RemindersRequest,
  RemindersResult,
  ScheduleApplied,
  ScheduleSummary,
  SheetStream,
} from "./protocol";

export class LocalEngine implements Engine {
  private readonly sheets = new Map<string, CellValue[][]>();
  /** The columns of a sheet that came in chunks, built as they came (the import reads these). */
  private readonly columns = new Map<string, ColumnStore>();
  private last: Last | null = null;

  async load(sheet: string, rows: CellValue[][]): Promise<void> {
    this.sheets.set(sheet, rows);
    this.columns.delete(sheet);
  }

  /**
   * A sheet in chunks: each is kept and put into the sheet's columns as it comes, so that when
   * the last is in, the import has nothing left to convert (io/row-store.ts).
   */
  openSheet(sheet: string): SheetStream {
    const rows: CellValue[][] = [];
    const columns = new RowStore();
    return {
      push: async (chunk) => {
        for (const row of chunk) rows.push(row);
        columns.push(chunk);
      },
      end: async (count) => {
        if (rows.length !== count) throw new Error(`"${sheet}": ${rows.length} of ${count} rows`);
        this.sheets.set(sheet, rows);
        this.columns.set(sheet, columns.store);
      },
    };
  }

  /** The rows of a sheet, for the worker that receives them in slices. */
  rowsOf(sheet: string): CellValue[][] | undefined {
    return this.sheets.get(sheet);
  }

  async analyze(req: AnalyzeRequest): Promise<DashboardModel> {
    return this.analyzeNow(req);
  }

  analyzeNow(req: AnalyzeRequest): DashboardModel {
    const inputs = req.sources.map((s) => {
      const rows = this.sheets.get(s.sheet);
      if (!rows) throw new Error(`sheet "${s.sheet}" was not loaded`);
      const cells = this.columns.get(s.sheet);
      return {
        grid: { file: null, sheet: s.sheet, rows, ...(cells ? { cells } : {}) },
        kind: s.kind,
        mapping: s.mapping,
      };
    });
    const grid = (sheet: string | null | undefined) => {
      const rows = sheet ? this.sheets.get(sheet) : undefined;
      return sheet && rows ? bookOf({ file: null, sheet, rows }) : null;
    };
    const credit = this.creditPolicyOf(req.creditPolicy ?? null);
    // The position, as every face computes it (src/desk): the sheets imported, the collection
    // log (promises hold items, broken ones raise them, disputes block dunning) and the payment
    // schedule (checked against the position without promises, its instalments applied as
    // promises) read against the ledger and applied, the credit policy's limits.
    const opened = openPosition({
      inputs,
      asOf: req.asOf,
      policy: req.policy,
      log: grid(req.log),
      schedule: grid(req.schedule),
      creditPolicy: credit.policy,
    });
    const { imported, analysis, effects, log: read } = opened;
    let schedule: ScheduleApplied | null = null;
    if (req.schedule && opened.schedule) {
      const { read: sched, check } = opened.schedule;
      schedule = {
        sheet: req.schedule,
        customers: check.plans.length,
        instalments: check.entries.length,
        refused: check.refused.length,
        problems: [...sched.problems, ...check.problems].filter((p) => p.severity !== "info")
          .length,
      };
    }
    const logEntries = opened.entries.log;
    const t2 = clock();
    // Collection insight, once per analysis: learns only from items settled by the as-of date.
    const ins = insight(analysis);
    const t3 = clock();
    this.last = {
      imported,
      analysis,
      insight: ins,
      req,
      effects,
      logEntries,
      credit: credit.policy,
      policySheet: credit.summary?.valid ? credit.summary.sheet : null,
    };
    // The log's problems join the sources' in the Problems list, with their cells.
    const shown = read
      ? { ...imported, problems: [...imported.problems, ...read.problems] }
      : imported;
    const model = dashboardModel(
      shown,
      analysis,
      ins,
      {
        importMs: opened.ms.import,
        analyzeMs: opened.ms.position,
        insightMs: Math.round(t3 - t2),
      },
      effects?.done,
    );
    let log: LogSummary | null = null;
    if (read && req.log && effects) {
      // The log's own promises (the schedule's instalments are counted with the schedule).
      const own = new Set(logEntries);
      const n = promiseCounts({
        ...effects,
        promises: effects.promises.filter((p) => own.has(p.entry)),
      });
      log = {
        sheet: req.log,
        rows: read.rows,
        promises: { live: n.live, kept: n.kept, broken: n.broken },
        disputed: effects.disputed.size,
        done: effects.done.length,
      };
    }
    return { ...model, log, schedule, creditPolicy: credit.summary };
  }

  /** The credit policy of a connected policy sheet (valid), else the default table. */
  private creditPolicyOf(sheet: string | null): {
    policy: CreditPolicy;
    summary: CreditPolicySummary | null;
  } {
    const rows = sheet ? this.sheets.get(sheet) : undefined;
    if (!sheet || !rows) return { policy: DEFAULT_CREDIT_POLICY, summary: null };
    const read = creditPolicyFromGrid(rows, sheet);
    const locale = /[\u4e00-\u9fff]/.test(sheet) ? "zh-CN" : "en-US";
    return {
      policy: read.valid ? read.policy : DEFAULT_CREDIT_POLICY,
      summary: {
        sheet,
        valid: read.valid,
        grades: read.policy.grades.map((g) => g.grade),
        problems: read.problems.map((p) => policyProblemText(p, locale)),
      },
    };
  }

  async reminders(req: RemindersRequest): Promise<RemindersResult> {
    const { analysis, effects } = this.need();
    const { drafts, skipped } = reminderDrafts(analysis, {
      locale: req.locale,
      done: effects?.done,
      from: req.from,
      replyTo: req.replyTo,
      company: req.company,
      collector: req.collector,
      now: new Date(),
      id: () =>
        typeof crypto !== "undefined" && "randomUUID" in crypto
          ? crypto.randomUUID()
          : `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`,
    });
    return { asOf: analysis.asOf, drafts, skipped };
  }

  async customers(): Promise<CustomerChoice[]> {
    const { analysis } = this.need();
    return analysis.ledger.customers.map((c) => ({
      customer: c.index,
      code: c.code,
      name: c.name,
    }));
  }

  async checkOrder(order: OrderRequest): Promise<OrderAnswer> {
    const { imported, analysis, credit, policySheet } = this.need();
    const asked = orderAmount(order.amount, order.currency);
    if (!asked.ok)
      return {
        error: asked.error,
        value: asked.error === "amount" ? order.amount : (order.currency ?? ""),
      };
    // As `ar-desk check-order` does (src/desk/order.ts).
    const r = orderCheck(imported, analysis, order.customer, asked.amount, asked.currency, credit);
    return {
      ...r,
      blockingRefs: r.blockingItems.map((i) => ({
        ref: analysis.ledger.items.ref[i],
        outstanding: analysis.items.outstanding[i],
        daysOverdue: analysis.items.daysOverdue[i],
      })),
      policySheet,
    };
  }

  async blankSheet(kind: CreditSheetKind, locale: Locale): Promise<SheetSpec> {
    if (kind === "policy") return creditPolicySheetSpec(locale);
    return kind === "log" ? collectionLogSpec(locale) : scheduleSpec(locale);
  }

  async detectCredit(heads: { sheet: string; rows: CellValue[][] }[]): Promise<CreditSheets> {
    const out: CreditSheets = { log: null, schedule: null, policy: null };
    for (const h of heads) {
      const grid = { file: null, sheet: h.sheet, rows: h.rows };
      if (out.log === null && isCollectionLog(grid)) out.log = h.sheet;
      else if (out.schedule === null && isSchedule(grid)) out.schedule = h.sheet;
      else if (out.policy === null && isCreditPolicy(h.rows)) out.policy = h.sheet;
    }
    return out;
  }

  async customer(customer: number): Promise<CustomerDetail> {
    const { analysis, insight: ins } = this.need();
    return customerDetail(analysis, ins, customer);
  }

  async documents(): Promise<DocumentInfo[]> {
    return documentInfos();
  }

  async build(id: string, locale: Locale, options: BuildOptions = {}): Promise<BuildResult> {
    const kind = DOCUMENTS.find((d) => d.id === id);
    if (!kind) throw new Error(`no document kind "${id}"`);
    const last = this.need();
    const { imported, req } = last;
    const { schedule: scheduleSheet, register, ...rest } = options;
    let analysis = last.analysis;
    let schedule: ScheduleSummary | null = null;
    let commitments: CommitmentPlan[] | undefined;
    if (kind.needsSchedule) {
      const rows = scheduleSheet ? this.sheets.get(scheduleSheet) : undefined;
      const read = rows
        ? readSchedule({ file: null, sheet: scheduleSheet ?? null, rows }, imported.ledger)
        : null;
      // As `generate commitments --schedule`: checked against the position without promises,
      // then the instalments apply as promises (with the log's) to the letters.
      const checked = checkSchedule(imported, req.asOf, req.policy, read?.found ? read.rows : []);
      commitments = checked.plans;
      if (checked.entries.length)
        analysis = position({
          imported,
          asOf: req.asOf,
          policy: req.policy,
          entries: [...last.logEntries, ...checked.entries],
          creditPolicy: last.credit,
        }).analysis;
      schedule = {
        sheet: scheduleSheet ?? null,
        rows: read?.counts ?? { read: 0, imported: 0, skipped: 0, rejected: 0 },
        letters: checked.plans.length,
        refused: checked.refused.length,
        problems: [...(read?.problems ?? []), ...checked.problems]
          .filter((p) => p.severity !== "info")
          .map((p) => scheduleProblemText(p, locale)),
      };
    }
    const built: Built = kind.build({
      imported,
      analysis,
      locale,
      ...rest,
      done: last.effects?.done,
      commitments,
    });
    const specs = [...built.specs];
    let registered = 0;
    if (register && built.documents.length) {
      specs.push(registerAppended(built.documents, register, register.meta, locale));
      registered = built.documents.length;
    }
    const profileMissing = (built.profileMissing ?? []).map(
      (f) => PROFILE_FIELDS[f]?.[locale] ?? f,
    );
    return { specs, documents: built.documents.length, registered, schedule, profileMissing };
  }

  async formulas(locale: Locale, options: FormulaOptions): Promise<FormulaSheet> {
    const { analysis, req } = this.need();
    return formulaSheet(analysis, req.sources, locale, options, (sheet) => this.sheets.get(sheet));
  }

  dispose(): void {
    this.sheets.clear();
    this.last = null;
  }

  private need(): Last {
    if (!this.last) throw new Error("nothing analysed yet");
    return this.last;
  }
}

interface Last {
  imported: ImportResult;
  analysis: Analysis;
  insight: Insight;
  req: AnalyzeRequest;
  /** The collection log's effects and entries, when a log was applied. */
  effects: LogEffects | null;
  /** The collection log's entries only (a schedule's instalments are added where needed). */
  logEntries: LogEntry[];
  /** The order check's rules: the policy sheet's when connected and valid, else the default. */
  credit: CreditPolicy;
  policySheet: string | null;
}

function clock(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}
