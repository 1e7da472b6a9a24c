/**
 * The built-in templates, zh-CN and en-US: ordinary sheets with placeholders, laid out for A4
 * portrait (2 cm margins, one page wide), following docs/DOCUMENTS.md. Users install them into a
 * workbook, edit them there like any sheet, and their edited copy wins.
 *
 * One file per template, each with its words in a table of both languages; the grid and styles
 * they share are in sheet.ts, the blocks they share (heading, seals, debts table…) in parts.ts.
 */
import type { Locale } from "../../../core/messages";
import type { SheetSpec } from "../../spec";
import type { TemplateKind } from "../fields";
import { activity } from "./activity";
import { commitment } from "./commitment";
import { confirmation } from "./confirmation";
import { dunning } from "./dunning";
import { TEMPLATE_SHEETS } from "./names";
import { statement } from "./statement";

export { TEMPLATE_SHEETS };

/** The builder of each built-in template. */
const BUILDERS: Record<TemplateKind, (locale: Locale) => SheetSpec> = {
  statement,
  activity,
  confirmation,
  reminder: (locale) => dunning("reminder", locale),
  notice: (locale) => dunning("notice", locale),
  final: (locale) => dunning("final", locale),
  commitment,
};

/** The built-in template of a kind and language. */
export function builtinTemplate(kind: TemplateKind, locale: Locale): SheetSpec {
  return BUILDERS[kind](locale);
}

/** All built-in templates of a language, to install into a workbook for editing. */
export function builtinTemplates(locale: Locale): SheetSpec[] {
  return (Object.keys(TEMPLATE_SHEETS[locale]) as TemplateKind[]).map((k) =>
    builtinTemplate(k, locale),
  );
}
