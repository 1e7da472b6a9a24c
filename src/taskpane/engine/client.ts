/**
 * The pane's side of the engine worker. Sheets go to the worker in slices, with a pause for the
 * event loop after each, so no postMessage (its structured clone runs on this thread) blocks
 * input for long; the slice size adapts to keep each under a frame. A sheet being read goes
 * chunk by chunk as the pane reads it (`openSheet`); the worker stores each as it comes.
 */
import type { Locale } from "../../core/messages";
import type { CellValue } from "../../sheet/grid";
import type { SheetSpec } from "../../sheet/spec";
import type { FormulaOptions, FormulaSheet } from "../formulas";
import type { Request, Response } from "./messages";
import { yieldToBrowser } from "./yield";
import type {
  AnalyzeRequest,
  BuildOptions,
  BuildResult,
  CreditSheetKind,
  CreditSheets,
  CustomerChoice,
  CustomerDetail,
  OrderAnswer,
  OrderRequest,
  DashboardModel,
  DocumentInfo,
  Engine,
  RemindersRequest,
  RemindersResult,
  SheetStream,
} from "./protocol";

/** Milliseconds one slice's postMessage may take. */
const SLICE_BUDGET_MS = 12;
/** Bounds of a slice, in rows. */
const MIN_SLICE = 200;
const MAX_SLICE = 5000;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  specs?: SheetSpec[];
}

export class WorkerEngine implements Engine {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private sliceRows = 500;

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<Response>) => this.receive(event.data);
    worker.onerror = (event) => {
      const err = new Error(event.message || "the engine worker failed");
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  private receive(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    switch (msg.type) {
      case "done":
        this.pending.delete(msg.id);
        // Built sheets came in slices before: put back beside the result, all (documents) or
        // the one (formulas).
        if (msg.specsAs === "specs") p.resolve({ ...(msg.result as object), specs: p.specs ?? [] });
        else if (msg.specsAs === "spec")
          p.resolve({ ...(msg.result as object), spec: p.specs?.[0] });
        else p.resolve(msg.result);
        return;
      case "error":
        this.pending.delete(msg.id);
        p.reject(new Error(msg.message));
        return;
      case "spec":
        (p.specs ??= []).push({ ...msg.spec, rows: [] });
        return;
      case "specRows": {
        const rows = p.specs?.[p.specs.length - 1]?.rows;
        if (rows) for (const row of msg.rows) rows.push(row);
        return;
      }
    }
  }

  private post(msg: Request): void {
    this.worker.postMessage(msg);
  }

  private ask<T>(msg: Request): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(msg.id, { resolve: resolve as (v: unknown) => void, reject });
      this.post(msg);
    });
  }

  async load(sheet: string, rows: CellValue[][]): Promise<void> {
    const stream = this.openSheet(sheet);
    await stream.push(rows);
    await stream.end(rows.length);
  }

  /** The worker stores each chunk as it comes; `end` asks it to check the count. */
  openSheet(sheet: string): SheetStream {
    this.post({ id: this.nextId++, op: "begin", sheet });
    // Chunks go out in the order pushed, each in slices (see `send`).
    let sent: Promise<void> = Promise.resolve();
    return {
      push: (rows) => (sent = sent.then(() => this.send(sheet, rows))),
      end: async (rows) => {
        await sent;
        await this.ask<number>({ id: this.nextId++, op: "end", sheet, rows });
      },
    };
  }

  /** Rows of a sheet to the worker in slices, with a pause for the event loop after each. */
  private async send(sheet: string, rows: CellValue[][]): Promise<void> {
    for (let r = 0; r < rows.length;) {
      const n = this.sliceRows;
      const started = performance.now();
      this.post({ id: this.nextId++, op: "rows", sheet, rows: rows.slice(r, r + n) });
      const took = performance.now() - started;
      r += n;
      // Aim each slice at the budget: grow slowly while cheap (a clone's cost varies with the
      // rows' contents and with garbage collection), shrink at once when a slice ran long.
      const scale = took > 0 ? SLICE_BUDGET_MS / took : 1.5;
      this.sliceRows = Math.max(
        MIN_SLICE,
        Math.min(MAX_SLICE, Math.round(n * Math.min(1.5, scale))),
      );
      await yieldToBrowser();
    }
  }

  analyze(req: AnalyzeRequest): Promise<DashboardModel> {
    return this.ask({ id: this.nextId++, op: "analyze", req });
  }

  customer(customer: number): Promise<CustomerDetail> {
    return this.ask({ id: this.nextId++, op: "customer", customer });
  }

  documents(): Promise<DocumentInfo[]> {
    return this.ask({ id: this.nextId++, op: "documents" });
  }

  build(doc: string, locale: Locale, options?: BuildOptions): Promise<BuildResult> {
    return this.ask({ id: this.nextId++, op: "build", doc, locale, options });
  }

  customers(): Promise<CustomerChoice[]> {
    return this.ask({ id: this.nextId++, op: "customers" });
  }

  checkOrder(order: OrderRequest): Promise<OrderAnswer> {
    return this.ask({ id: this.nextId++, op: "checkOrder", order });
  }

  blankSheet(kind: CreditSheetKind, locale: Locale): Promise<SheetSpec> {
    return this.ask({ id: this.nextId++, op: "blankSheet", kind, locale });
  }

  detectCredit(heads: { sheet: string; rows: CellValue[][] }[]): Promise<CreditSheets> {
    return this.ask({ id: this.nextId++, op: "detectCredit", heads });
  }

  reminders(req: RemindersRequest): Promise<RemindersResult> {
    return this.ask({ id: this.nextId++, op: "reminders", req });
  }

  formulas(locale: Locale, options: FormulaOptions): Promise<FormulaSheet> {
    return this.ask({ id: this.nextId++, op: "formulas", locale, options });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error("engine stopped"));
    this.pending.clear();
  }
}

/**
 * The engine for this page: a worker when the browser allows it (`url` is where the webpack
 * build put engine.worker.js), else the engine in this thread (`inline`: it blocks while it works).
 */
export async function startEngine(url: string | URL): Promise<{ engine: Engine; inline: boolean }> {
  try {
    return { engine: new WorkerEngine(new Worker(url)), inline: false };
  } catch {
    const { LocalEngine } = await import(/* webpackChunkName: "engine-inline" */ "./engine");
    return { engine: new LocalEngine(), inline: true };
  }
}
