/**
 * The documents the Generate panel offers: ONE list. Each entry names a document kind in both
 * languages and builds its sheets from the analysis; the panel shows a button per entry, the
 * engine (in its worker) runs `build`, and the pane writes the sheets through the workbook port.
 *
 * To add a kind (statements, confirmations, reminders, collection plan…), append an entry whose
 * `build` calls its generator (src/sheet/templates); nothing else in the pane changes.
 */
import type { Analysis } from "../core/analyze";
import type { Locale } from "../core/messages";
import type { ImportResult } from "../sheet/import";
import { reportSpecs } from "../sheet/report";
import type { SheetSpec } from "../sheet/spec";
import type { DocumentInfo } from "./engine/protocol";

export interface DocumentContext {
  imported: ImportResult;
  analysis: Analysis;
  locale: Locale;
}

export interface DocumentKind extends DocumentInfo {
  build(ctx: DocumentContext): SheetSpec[];
}

export const DOCUMENTS: DocumentKind[] = [
  {
    id: "aging-report",
    label: { "en-US": "Aging report", "zh-CN": "账龄分析表" },
    description: {
      "en-US": "Summary per currency, aging by customer, open items and problems: four sheets.",
      "zh-CN": "按币种汇总、客户账龄、未清明细与问题清单，共四张工作表。",
    },
    build: ({ imported, analysis, locale }) => reportSpecs(imported, analysis, locale),
  },
];

/** The list without the builders, for the panel. */
export function documentInfos(): DocumentInfo[] {
  return DOCUMENTS.map(({ id, label, description }) => ({ id, label, description }));
}
