/**
 * The names of the credit-control sheets ar-desk creates in the workbook (issue 8): the
 * collection log, the payment schedule, the credit policy table and the document register, in
 * either language. Kept here
 * as plain constants so the pane's first bundle need not load the sheet modules (the engine's
 * worker has those); test/taskpane/credit.test.tsx checks they equal LOG_SHEET, SCHEDULE_SHEET
 * and REGISTER_SHEET of src/sheet.
 */
export const LOG_NAMES = ["催收记录", "Collection log"];
export const SCHEDULE_NAMES = ["还款计划", "Payment schedule"];
export const REGISTER_NAMES = ["文书登记簿", "Document register"];
export const POLICY_NAMES = ["信用政策", "Credit policy"];

const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
const CREDIT = lower([...LOG_NAMES, ...SCHEDULE_NAMES, ...POLICY_NAMES]);

/**
 * Whether the pane reads a sheet's values: every user sheet, and the log, schedule and credit
 * policy ar-desk created (marked generated, but the user's to fill).
 */
export function readsValues(sheet: { name: string; generated: boolean }): boolean {
  return !sheet.generated || CREDIT.has(sheet.name.toLowerCase());
}

/** Sheets named like the log, the schedule or the policy come first in detection. */
export function creditOrder(names: string[]): string[] {
  const known = (n: string) => CREDIT.has(n.toLowerCase());
  return [...names.filter(known), ...names.filter((n) => !known(n))];
}

/** The register sheet of the workbook, if any (either language). */
export function registerSheetOf<T extends { name: string }>(sheets: T[]): T | undefined {
  const names = lower(REGISTER_NAMES);
  return sheets.find((s) => names.has(s.name.toLowerCase()));
}
