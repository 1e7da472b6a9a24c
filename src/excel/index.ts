/**
 * The Office.js adapter (DESIGN §2): what the task pane and the custom functions' runtime use
 * to reach the workbook. The in-process fake (fake-excel.ts) is for tests and benchmarks and
 * is deliberately not exported here, so it stays out of the add-in's bundle.
 */
export { OfficeWorkbook, excelRun, GENERATED_KEY, SETTINGS_KEY } from "./office-workbook";
export type { BatchRunner, OfficeWorkbookOptions } from "./office-workbook";
export { onSheetChanged } from "./events";
export type { SheetChange } from "./events";
export { OFFICE_LIMITS, type RequestLimits } from "./chunks";
export { newRequestStats, resetRequestStats, type RequestStats } from "./stats";
