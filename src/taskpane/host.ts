/**
 * The one module of the pane that knows it runs in Office: it makes the workbook port (the
 * Office.js adapter of src/excel), reads Office's display language and subscribes to sheet
 * edits. Components receive what it makes (PaneEnv) and never call Office themselves.
 */
import { serialFromLocalDate } from "../core/dates";
import { onSheetChanged } from "../excel/events";
import { OfficeWorkbook } from "../excel/office-workbook";
import { unavailableFeatures } from "../excel/requirements";
import type { PaneEnv } from "./usePane";
import { localeOf } from "./strings";

/** Milliseconds of quiet after an edit before the pane reads the sheet again. */
const EDIT_DEBOUNCE_MS = 800;

export function officeEnv(): Omit<PaneEnv, "engine" | "engineInline"> {
  return {
    port: new OfficeWorkbook(),
    unavailable: unavailableFeatures(),
    displayLocale: localeOf(Office.context?.displayLanguage),
    today: serialFromLocalDate(new Date()),
    userName: officeUserName(),
    watch(sheet, handler) {
      let stop: (() => Promise<void>) | null = null;
      let stopped = false;
      onSheetChanged(sheet, () => handler(), EDIT_DEBOUNCE_MS).then(
        (remove) => {
          if (stopped) void remove();
          else stop = remove;
        },
        // A sheet that cannot be watched (renamed meanwhile) is refreshed by reopening the pane.
        () => undefined,
      );
      return () => {
        stopped = true;
        if (stop) void stop();
      };
    },
  };
}

/**
 * The Office user's display name for the document register, where the host gives one
 * (`Office.context.userProfile` is typed for Outlook; other hosts may lack it): else null.
 */
function officeUserName(): string | null {
  try {
    const context = Office.context as unknown as { userProfile?: { displayName?: unknown } };
    const name = context?.userProfile?.displayName;
    return typeof name === "string" && name.trim() ? name.trim() : null;
  } catch {
    return null;
  }
}
