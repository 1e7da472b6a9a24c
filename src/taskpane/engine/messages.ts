/** The messages between the pane and the engine worker (client.ts ⇄ worker.ts). */
import type { Locale } from "../../core/messages";
import type { CellValue } from "../../sheet/grid";
import type { SheetSpec } from "../../sheet/spec";
import type { FormulaOptions } from "../formulas";
import type { AnalyzeRequest, BuildOptions, OrderRequest, RemindersRequest } from "./protocol";

/**
 * Pane → worker. A sheet arrives as `begin`, any number of `rows` (stored as they come, while the
 * pane still reads the rest), then `end` (answered, with the rows stored; an error when `rows`
 * is given and differs).
 */
export type Request =
  | { id: number; op: "begin"; sheet: string }
  | { id: number; op: "rows"; sheet: string; rows: CellValue[][] }
  | { id: number; op: "end"; sheet: string; rows?: number }
  | { id: number; op: "analyze"; req: AnalyzeRequest }
  | { id: number; op: "customer"; customer: number }
  | { id: number; op: "documents" }
  | { id: number; op: "build"; doc: string; locale: Locale; options?: BuildOptions }
  | { id: number; op: "formulas"; locale: Locale; options: FormulaOptions }
  | { id: number; op: "customers" }
  | { id: number; op: "checkOrder"; order: OrderRequest }
  | { id: number; op: "blankSheet"; kind: "log" | "schedule" | "policy"; locale: Locale }
  | { id: number; op: "detectCredit"; heads: { sheet: string; rows: CellValue[][] }[] }
  | { id: number; op: "reminders"; req: RemindersRequest };

/**
 * Worker → pane. Built sheets come back in slices (`spec` then `specRows`…) so that no single
 * message takes long to receive on the pane's thread; `done` ends a request.
 */
export type Response =
  | { id: number; type: "done"; result: unknown; specsAs?: "spec" | "specs" }
  | { id: number; type: "error"; message: string }
  | { id: number; type: "spec"; spec: Omit<SheetSpec, "rows"> }
  | { id: number; type: "specRows"; rows: SheetSpec["rows"] };
