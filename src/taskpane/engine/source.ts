/**
 * A connected sheet as the engine receives it: its own module, since both the engine protocol
 * and the formulas sheet (src/taskpane/formulas.ts) name it, and protocol.ts imports formulas'
 * types (no import cycle).
 */
import type { SheetKind } from "../../sheet/fields";
import type { ColumnChoice } from "../../sheet/import";

/** One sheet the user connected, with the columns as mapped. */
export interface SourceInput {
  sheet: string;
  kind: SheetKind;
  mapping: ColumnChoice;
}
