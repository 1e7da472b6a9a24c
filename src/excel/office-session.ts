/**
 * What the parts of the Office.js adapter share (office-workbook.ts composes them): how a
 * batch runs against Excel, the request limits and counters, the requirement-set check, the
 * names ar-desk keeps in a workbook, and Office's missing-sheet error in the port's words.
 */
import type { RequestLimits } from "./chunks";
import type { SetCheck } from "./requirements";
import { portError } from "../sheet/workbook";
import { recordSync, type RequestStats } from "./stats";

/**
 * Runs one batch against Excel: `Excel.run`, or a test's mock. `reuse` runs it in an earlier
 * batch's context (how an event handler is removed).
 */
export type BatchRunner = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  reuse?: OfficeExtension.ClientRequestContext,
) => Promise<T>;

export const excelRun: BatchRunner = (batch, reuse) =>
  reuse ? Excel.run(reuse, batch) : Excel.run(batch);

/** The worksheet custom property that marks a sheet ar-desk generated (office-workbook.ts). */
export const GENERATED_KEY = "ar-desk.generated";
/** The workbook setting that holds ar-desk's settings, as a JSON string. */
export const SETTINGS_KEY = "ar-desk.settings";

/** The batch runner, limits and counters one OfficeWorkbook's reads and writes share. */
export class OfficeSession {
  constructor(
    readonly run: BatchRunner,
    readonly limits: RequestLimits,
    /** Requests made and the largest payloads, for benchmarks (stats.ts). */
    readonly stats: RequestStats,
    private readonly supports: SetCheck,
  ) {}

  /** Whether the host has ExcelApi `version` (the guard the api-sets test recognises). */
  excelApiSupported(version: string): boolean {
    return this.supports("ExcelApi", version);
  }

  /** Counts a request about to be sent (see stats.ts): `request` and `response` bytes. */
  count(request: number, response = 0): void {
    recordSync(this.stats, request, response);
  }
}

/** Turns Office's ItemNotFound for a sheet into the port's error. */
export function missingSheet(sheet: string): (e: unknown) => never {
  return (e) => {
    if ((e as { code?: string } | null)?.code === "ItemNotFound") {
      throw portError("noSheet", { sheet });
    }
    throw e;
  };
}
