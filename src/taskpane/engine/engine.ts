/**
 * The engine in the calling thread: holds the sheets' values and the last analysis, and answers
 * the pane's questions. The worker (worker.ts) runs one of these; tests use it directly.
 */
import type { Analysis } from "../../core/analyze";
import {
  checkOrder,
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
import { minorDigits, normalizeCurrency } from "../../core/money";
import { collectionLogSpec, isCollectionLog, readCollectionLog } from "../../sheet/collection-log";
import { isSchedule, readSchedule, scheduleSpec } from "../../sheet/commitment";
import {
  creditPolicyFromGrid,
  creditPolicySheetSpec,
  isCreditPolicy,
  policyProblemText,
} from "../../sheet/credit-policy-sheet";
import { isCellError, type CellValue } from "../../sheet/grid";
import { importGrids, type ImportResult } from "../../sheet/import";
import { reminderDrafts } from "../../sheet/reminder-drafts";
import { REGISTER_HEADERS, REGISTER_SHEET, registerRows, registerSpec } from "../../sheet/register";
import { dateCell, header, MONEY_FORMAT, type SheetSpec, type SpecRow } from "../../sheet/spec";
import { PROFILE_FIELDS } from "../../sheet/templates/fields";
import { checkSchedule, position } from "../../desk/position";
import { parseMoneyCell } from "../../sheet/values";
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
  RegisterInput,
  RemindersRequest,
  RemindersResult,
  ScheduleApplied,
  ScheduleSummary,
  SheetStream,
} from "./protocol";

export class LocalEngine implements Engine {
  private readonly sheets = new Map<string, CellValue[][]>();
  private last: Last | null = null;

  async load(sheet: string, rows: CellValue[][]): Promise<void> {
    this.sheets.set(sheet, rows);
  }

  /** A sheet in chunks: they are kept as they come, and the sheet is known once complete. */
  openSheet(sheet: string): SheetStream {
    const rows: CellValue[][] = [];
    return {
      push: async (chunk) => {
        for (const row of chunk) rows.push(row);
      },
      end: async (count) => {
        if (rows.length !== count) throw new Error(`"${sheet}": ${rows.length} of ${count} rows`);
        this.sheets.set(sheet, rows);
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
    const t0 = clock();
    const inputs = req.sources.map((s) => {
      const rows = this.sheets.get(s.sheet);
      if (!rows) throw new Error(`sheet "${s.sheet}" was not loaded`);
      return { grid: { file: null, sheet: s.sheet, rows }, kind: s.kind, mapping: s.mapping };
    });
    const imported = importGrids(inputs);
    const t1 = clock();
    // The collection log, when one is connected: read against the ledger, then applied
    // (promises hold items, broken ones raise them, disputes block dunning), as `--log` does.
    const logRows = req.log ? this.sheets.get(req.log) : undefined;
    const read =
      req.log && logRows
        ? readCollectionLog({ file: null, sheet: req.log, rows: logRows }, imported.ledger)
        : null;
    // The payment schedule, when one is connected: checked against the position without
    // promises, its instalments apply as promises with the log's (as the CLI's plan takes them).
    const scheduleRows = req.schedule ? this.sheets.get(req.schedule) : undefined;
    const sched =
      req.schedule && scheduleRows
        ? readSchedule({ file: null, sheet: req.schedule, rows: scheduleRows }, imported.ledger)
        : null;
    let scheduleEntries: LogEntry[] = [];
    let schedule: ScheduleApplied | null = null;
    if (req.schedule && sched?.found) {
      const checked = checkSchedule(imported, req.asOf, req.policy, sched.rows);
      scheduleEntries = checked.entries;
      schedule = {
        sheet: req.schedule,
        customers: checked.plans.length,
        instalments: scheduleEntries.length,
        refused: checked.refused.length,
        problems: [...sched.problems, ...checked.problems].filter((p) => p.severity !== "info")
          .length,
      };
    }
    const logEntries: LogEntry[] = read?.found ? read.entries : [];
    const credit = this.creditPolicyOf(req.creditPolicy ?? null);
    // The position, as every face computes it (src/desk): the log's and the schedule's entries
    // applied, the credit policy's limits (one limit per customer on every face).
    const { analysis, effects } = position({
      imported,
      asOf: req.asOf,
      policy: req.policy,
      entries:
        read?.found || scheduleEntries.length ? [...logEntries, ...scheduleEntries] : undefined,
      creditPolicy: credit.policy,
    });
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
    const shown = read?.found
      ? { ...imported, problems: [...imported.problems, ...read.problems] }
      : imported;
    const model = dashboardModel(
      shown,
      analysis,
      ins,
      {
        importMs: Math.round(t1 - t0),
        analyzeMs: Math.round(t2 - t1),
        insightMs: Math.round(t3 - t2),
      },
      effects?.done,
    );
    let log: LogSummary | null = null;
    if (read?.found && req.log && effects) {
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
    let currency: string | null | undefined;
    if (order.currency !== null) {
      currency = normalizeCurrency(order.currency);
      if (currency === null) currency = undefined;
    }
    const parsed = parseMoneyCell(order.amount.trim(), minorDigits(currency ?? null));
    if (!parsed.ok || parsed.minor <= 0) return { error: "amount", value: order.amount };
    if (parsed.currency && currency === undefined) currency = parsed.currency;
    // As `ar-desk check-order` does: find the customer, then check with its last review date.
    const first = checkOrder(analysis, order.customer, parsed.minor, currency, credit);
    const r =
      first.customer >= 0
        ? checkOrder(analysis, first.customer, parsed.minor, currency, credit, {
            lastReview: imported.lastReview?.get(first.customer) ?? null,
          })
        : first;
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
      specs.push(registerSheet(built, register, locale));
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

/**
 * The register sheet after this build: every row it held, as read (never one dropped or
 * changed), then one row per document built. The pane writes it back in place of the old one.
 */
export function registerSheet(built: Built, register: RegisterInput, locale: Locale): SheetSpec {
  const added = registerRows(built.documents, register.meta, locale);
  const old = register.rows ?? [];
  let end = old.length;
  while (end > 0 && !old[end - 1]?.some((v) => v !== null && v !== "")) end--;
  const base = registerSpec(built.documents, register.meta, locale);
  if (end === 0) return register.sheet ? { ...base, name: register.sheet } : base;
  // Columns of dates and amounts (as the register lays them out) keep their formats.
  const asOfColumn = 6;
  const balanceColumn = 7;
  const kept: SpecRow[] = old.slice(0, end).map((row, r) =>
    row.map((v, c) => {
      if (isCellError(v)) return v.error;
      if (r === 0 && typeof v === "string") return header(v);
      if (typeof v === "number" && c === asOfColumn) return dateCell(v) ?? v;
      if (typeof v === "number" && c === balanceColumn) return { value: v, format: MONEY_FORMAT };
      return v;
    }),
  );
  const rows = [...kept, ...added];
  const width = Math.max(REGISTER_HEADERS[locale].length, ...kept.map((r) => r.length));
  return {
    ...base,
    name: register.sheet ?? REGISTER_SHEET[locale],
    rows,
    autoFilter: `A1:${columnLetter(width)}${rows.length}`,
  };
}

function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function clock(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}
