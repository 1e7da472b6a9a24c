/**
 * ar-desk's settings in the workbook (a workbook setting holding JSON, saved with the file), and
 * showing the user a cell, through Office.js.
 */
import { OP_BYTES, stringBytes } from "./chunks";
import { portError } from "../sheet/workbook";
import { missingSheet, SETTINGS_KEY, type OfficeSession } from "./office-session";

/** ar-desk's settings stored in the workbook, or null when none. */
export async function loadSettings(session: OfficeSession): Promise<unknown> {
  return session.run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    setting.load("value");
    session.count(OP_BYTES, OP_BYTES);
    await context.sync();
    if (setting.isNullObject) return null;
    const v: unknown = setting.value;
    if (typeof v !== "string") return v ?? null;
    try {
      return JSON.parse(v);
    } catch {
      throw portError("badSettings", { text: v.slice(0, 80) });
    }
  });
}

/** Stores ar-desk's settings in the workbook, as one JSON string. */
export async function saveSettings(session: OfficeSession, settings: unknown): Promise<void> {
  const json = JSON.stringify(settings ?? null);
  await session.run(async (context) => {
    context.workbook.settings.add(SETTINGS_KEY, json);
    session.count(OP_BYTES + stringBytes(json));
    await context.sync();
  });
}

/** Activates a sheet and selects a cell (1-based row and column) so the user sees it. */
export async function select(
  session: OfficeSession,
  sheet: string,
  row: number,
  column: number,
): Promise<void> {
  await session.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getCell(Math.max(0, row - 1), Math.max(0, column - 1)).select();
    session.count(3 * OP_BYTES, OP_BYTES);
    await context.sync().catch(missingSheet(sheet));
  });
}
