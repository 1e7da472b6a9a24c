/**
 * The engine in the calling thread: holds the sheets' values and the last analysis, and answers
 * the pane's questions. The worker (worker.ts) runs one of these; tests use it directly.
 */
import { analyze, type Analysis } from "../../core/analyze";
import { insight, type Insight } from "../../core/insight";
import type { Locale } from "../../core/messages";
import type { CellValue } from "../../sheet/grid";
import { importGrids, type ImportResult } from "../../sheet/import";
import type { SheetSpec } from "../../sheet/spec";
import { DOCUMENTS, documentInfos } from "../documents";
import { formulaSheet, type FormulaOptions, type FormulaSheet } from "../formulas";
import { customerDetail, dashboardModel } from "./model";
import type {
  AnalyzeRequest,
  BuildOptions,
  CustomerDetail,
  DashboardModel,
  DocumentInfo,
  Engine,
} from "./protocol";

export class LocalEngine implements Engine {
  private readonly sheets = new Map<string, CellValue[][]>();
  private last: Last | null = null;

  async load(sheet: string, rows: CellValue[][]): Promise<void> {
    this.sheets.set(sheet, rows);
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
    const analysis = analyze(imported.ledger, req.asOf, req.policy);
    const t2 = clock();
    // Collection insight, once per analysis: learns only from items settled by the as-of date.
    const ins = insight(analysis);
    const t3 = clock();
    this.last = { imported, analysis, insight: ins, req };
    return dashboardModel(imported, analysis, ins, {
      importMs: Math.round(t1 - t0),
      analyzeMs: Math.round(t2 - t1),
      insightMs: Math.round(t3 - t2),
    });
  }

  async customer(customer: number): Promise<CustomerDetail> {
    const { analysis, insight: ins } = this.need();
    return customerDetail(analysis, ins, customer);
  }

  async documents(): Promise<DocumentInfo[]> {
    return documentInfos();
  }

  async build(id: string, locale: Locale, options: BuildOptions = {}): Promise<SheetSpec[]> {
    const kind = DOCUMENTS.find((d) => d.id === id);
    if (!kind) throw new Error(`no document kind "${id}"`);
    const { imported, analysis } = this.need();
    return kind.build({ imported, analysis, locale, ...options });
  }

  async formulas(locale: Locale, options: FormulaOptions): Promise<FormulaSheet> {
    const { analysis, req } = this.need();
    const invoices = req.sources.find((s) => s.kind === "invoices");
    const rows = invoices ? (this.sheets.get(invoices.sheet) ?? []) : [];
    let last = rows.length;
    while (last > 0 && !rows[last - 1]?.some((v) => v !== null && v !== "")) last--;
    return formulaSheet(analysis, req.sources, locale, options, last);
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
}

function clock(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}
