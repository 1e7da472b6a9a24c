/**
 * What `ar-desk generate` (and the demo) print: the documents written, sheet by sheet, the
 * customers who got none and why, and the templates' issues, in the run's language.
 */
import type { MessageParams } from "../core/i18n";
import type { Locale } from "../core/messages";
import type { Generated } from "../sheet/documents";
import type { ImportResult } from "../sheet/import";
import type { TemplateIssue } from "../sheet/templates/engine";
import { PROFILE_FIELDS } from "../sheet/templates/fields";
import { cliText, type CliKey } from "./messages";
import { visibleLine } from "./terminal";

/** Profile fields as a reader names them, with the key to set: 公司名称（company.name）、… */
export function profileFieldList(fields: readonly string[], locale: Locale): string {
  return fields
    .map((f) =>
      cliText(locale, "profileField", { label: PROFILE_FIELDS[f]?.[locale] ?? f, key: f }),
    )
    .join(cliText(locale, "listSeparator"));
}

export function issueText(i: TemplateIssue, locale: Locale): string {
  const where = i.row ? `${i.sheet}!R${i.row}C${i.column}` : i.sheet;
  const placeholder = `{{${i.name}}}`;
  switch (i.code) {
    case "template.profileMissing": {
      const fields = i.fields ?? i.name.split(", ");
      const list = profileFieldList(fields, locale);
      return cliText(locale, "issueProfileMissing", { n: fields.length, list });
    }
    case "template.missingData":
      return cliText(locale, "issueMissingData", {
        where,
        placeholder,
        subject: i.subject ?? "",
      });
    case "template.footerPlaceholder":
      return cliText(locale, "issueFooter", { where, placeholder });
    default:
      return cliText(locale, "issueOther", { where, code: i.code, name: i.name });
  }
}

export function generatedSummary(
  g: Generated,
  imported: ImportResult,
  out: string,
  locale: Locale,
): string {
  const t = (key: CliKey, params?: MessageParams) => cliText(locale, key, params);
  const lines: string[] = [];
  const bySheet = new Map<string, number>();
  for (const d of g.documents) bySheet.set(d.sheet, (bySheet.get(d.sheet) ?? 0) + 1);
  for (const spec of g.specs) {
    const n = bySheet.get(spec.name);
    lines.push(
      n === undefined
        ? t("sheetRows", { name: visibleLine(spec.name), n: spec.rows.length })
        : t("sheetDocuments", { name: visibleLine(spec.name), n }),
    );
  }
  if (g.skipped.length) {
    const counts = new Map<string, number>();
    for (const k of g.skipped) counts.set(k.reason, (counts.get(k.reason) ?? 0) + 1);
    const reason = {
      creditBalance: t("skipCreditBalance"),
      zeroBalance: t("skipZeroBalance"),
      noActivity: t("skipNoActivity"),
      nothingOverdue: t("skipNothingOverdue"),
    } as Record<string, string>;
    for (const [r, n] of counts) lines.push(t("skippedCustomers", { n, reason: reason[r] }));
  }
  const rejected = imported.problems.filter((p) => p.severity === "error").length;
  const head = t("generatedHead", { file: out });
  const tail = g.issues.map((i) => `  ! ${issueText(i, locale)}`);
  const note = rejected ? [t("inputProblems", { n: rejected })] : [];
  return [head, ...lines, ...tail, ...note].join("\n") + "\n";
}
