/**
 * One generator for every document (issue 5): from an analysis, a company profile and templates
 * (the user's edited ones, else the built-in ones) to SheetSpecs that either writer renders
 * (ExcelJS for the CLI, Office.js in Excel). Templates are checked before anything is filled:
 * an unknown placeholder stops the run with its sheet and cell; missing data is a warning.
 *
 * Each document kind prepares its contexts in a file of its own (statements.ts,
 * confirmations.ts, dunning.ts, commitments.ts); the tables (plan, aging, scorecard) are sheets
 * of their own in src/sheet.
 */
import { DocNumbers } from "../../core/documents";
import type { Locale } from "../../core/messages";
import { agingReportSpec } from "../aging-report";
import type { DocumentRecord, GenerateOptions, Profile } from "../document-options";
import { planSpec } from "../plan-sheet";
import { contentHash } from "../register";
import { scorecardSpec } from "../scorecard-sheet";
import { sheetName as validSheetName, type SheetSpec } from "../spec";
import { builtinTemplate } from "../templates/builtin";
import {
  fillTemplate,
  lookup,
  parseTemplate,
  placeholdersOf,
  stackSpecs,
  type Context,
  type TemplateIssue,
  type TemplateValue,
} from "../templates/engine";
import {
  FIELD_SETS,
  PROFILE_FIELDS,
  profilePlaceholder,
  SHEET_FIELDS,
  type TemplateKind,
} from "../templates/fields";
import { commitments } from "./commitments";
import { confirmations } from "./confirmations";
import { dunning } from "./dunning";
import { baseContext, OUTPUT_SHEETS, type Batch, type SkippedDocument } from "./shared";
import { statements } from "./statements";

export type DocumentKind =
  "statements" | "confirmations" | "reminders" | "commitments" | "plan" | "aging" | "scorecard";
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "statements",
  "confirmations",
  "reminders",
  "commitments",
  "plan",
  "aging",
  "scorecard",
];

export interface Generated {
  specs: SheetSpec[];
  documents: DocumentRecord[];
  skipped: SkippedDocument[];
  /** Warnings (missing data). Errors are thrown as TemplateError before anything is made. */
  issues: TemplateIssue[];
}

/** Templates that cannot be used: the run stops before anything is written. */
export class TemplateError extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    super(
      issues
        .map(
          (i) =>
            `${i.sheet}${i.row ? `!${cellName(i.row, i.column ?? 1)}` : ""}: ${i.code} ${i.name}`,
        )
        .join("; "),
    );
  }
}

function cellName(row: number, column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

/** Checks the templates of the kinds to be made; throws TemplateError on any error. */
function prepare(kinds: TemplateKind[], options: GenerateOptions, stacked: boolean) {
  const errors: TemplateIssue[] = [];
  const parsed = new Map<TemplateKind, ReturnType<typeof parseTemplate>["template"]>();
  for (const kind of kinds) {
    const spec = options.templates?.[kind] ?? builtinTemplate(kind, options.locale);
    const { template, issues } = parseTemplate(spec, FIELD_SETS[kind]);
    errors.push(...issues.filter((i) => i.severity === "error"));
    if (stacked) {
      // On a sheet of many customers the header and footer are the same on every page.
      for (const text of [spec.print?.header, spec.print?.footer]) {
        for (const m of (text ?? "").matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) {
          if (m[1] === "page" || m[1] === "pages") continue;
          if (!(SHEET_FIELDS as readonly string[]).includes(m[1]))
            errors.push({
              code: "template.footerPlaceholder",
              severity: "error",
              sheet: spec.name,
              name: m[1],
            });
        }
      }
    }
    parsed.set(kind, template);
  }
  if (errors.length) throw new TemplateError(errors);
  return parsed;
}

/** The generated sheets of several document kinds. */
export function generateDocuments(kinds: DocumentKind[], options: GenerateOptions): Generated {
  const batches: Batch[] = [];
  const numbers = options.numbers ?? new DocNumbers();
  const base = baseContext(options);
  const wanted = customerFilter(options);
  for (const kind of kinds) {
    if (kind === "statements") batches.push(statements(options, base, wanted, numbers));
    if (kind === "reminders") batches.push(...dunning(options, base, wanted, numbers));
    if (kind === "confirmations") batches.push(confirmations(options, base, wanted, numbers));
    if (kind === "commitments" && options.commitments)
      batches.push(commitments(options, base, wanted, numbers));
  }
  const tables: SheetSpec[] = [];
  for (const kind of kinds) {
    if (kind === "aging") tables.push(agingReportSpec(options.analysis, options.locale));
    if (kind === "plan") tables.push(planSpec(options, wanted));
    if (kind === "scorecard") tables.push(scorecardSpec(options, numbers));
  }
  const templateKinds = batches.map((b) => b.kind);
  const stacked = !options.perCustomer;
  const parsed = prepare(templateKinds, options, stacked);
  // Profile fields the documents made print but the profile leaves blank: a visible placeholder
  // in every letter, and one warning naming them all (not one per field and customer).
  const missingProfile = missingProfileFields(
    batches.filter((b) => b.contexts.length).map((b) => parsed.get(b.kind)!.spec),
    options.profile,
  );
  if (missingProfile.length) {
    const filled = withPlaceholders(options.profile, missingProfile, options.locale);
    for (const batch of batches) for (const { ctx } of batch.contexts) Object.assign(ctx, filled);
  }

  const specs: SheetSpec[] = [];
  const documents: DocumentRecord[] = [];
  const skipped = batches.flatMap((b) => b.skipped);
  const issues: TemplateIssue[] = [];
  const taken = [...Object.values(OUTPUT_SHEETS[options.locale]), ...tables.map((t) => t.name)];
  for (const batch of batches) {
    const template = parsed.get(batch.kind)!;
    const sheetName = OUTPUT_SHEETS[options.locale][batch.kind];
    const parts: SheetSpec[] = [];
    for (const { ctx, record } of batch.contexts) {
      const filled = fillTemplate(template, ctx, {
        locale: options.locale,
        subject: record.customer,
      });
      issues.push(...filled.issues);
      // One sheet per customer: a valid, unique name whatever the customer code holds.
      const name = stacked ? sheetName : validSheetName(`${sheetName} ${record.customer}`, taken);
      if (!stacked) taken.push(name);
      parts.push({ ...filled.spec, name });
      documents.push({ ...record, kind: batch.kind, sheet: name, hash: contentHash(filled.spec) });
    }
    if (!parts.length) continue;
    if (stacked) {
      // Excel keeps at most 1,026 manual page breaks a sheet: 1,000 documents a sheet.
      for (let k = 0; k < parts.length; k += MAX_STACKED) {
        const name = k === 0 ? sheetName : `${sheetName} (${k / MAX_STACKED + 1})`;
        // stackSpecs keeps the first document's print setup, header and footer included.
        specs.push(stackSpecs(name, parts.slice(k, k + MAX_STACKED)));
        for (const d of documents.slice(
          documents.length - parts.length + k,
          documents.length - parts.length + k + MAX_STACKED,
        ))
          d.sheet = name;
      }
    } else specs.push(...parts);
  }
  specs.push(...tables);
  const merged = mergeMissing(issues);
  if (missingProfile.length)
    merged.unshift({
      code: "template.profileMissing",
      severity: "warning",
      sheet: "",
      name: missingProfile.join(", "),
      fields: missingProfile,
    });
  return { specs, documents, skipped, issues: merged };
}

/** The profile fields these templates print that the profile leaves blank, in profile order. */
export function missingProfileFields(templates: SheetSpec[], profile: Profile): string[] {
  const used = new Set<string>();
  for (const spec of templates) for (const name of placeholdersOf(spec)) used.add(name);
  return Object.keys(PROFILE_FIELDS).filter((field) => {
    if (!used.has(field)) return false;
    const v = lookup(profile as Context, field);
    return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
  });
}

/** The profile's company, auditor and reply-to with a placeholder in each of `fields`. */
function withPlaceholders(profile: Profile, fields: string[], locale: Locale): Context {
  const out = JSON.parse(
    JSON.stringify({
      company: profile.company ?? {},
      auditor: profile.auditor ?? {},
      replyTo: profile.replyTo ?? {},
    }),
  ) as Record<string, Record<string, TemplateValue>>;
  for (const field of fields) {
    const keys = field.split(".");
    let node = out as Record<string, TemplateValue>;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      node = (
        next && typeof next === "object" && !Array.isArray(next) ? next : (node[key] = {})
      ) as Record<string, TemplateValue>;
    }
    node[keys[keys.length - 1]] = profilePlaceholder(field, locale);
  }
  return out;
}

/** Documents stacked on one sheet at most (Excel's limit is 1,026 manual page breaks a sheet). */
export const MAX_STACKED = 1000;

/** One warning per missing field, naming the customers it concerns. */
function mergeMissing(issues: TemplateIssue[]): TemplateIssue[] {
  const byName = new Map<string, { issue: TemplateIssue; subjects: Set<string> }>();
  for (const i of issues) {
    const key = `${i.sheet}\u0000${i.name}`;
    let seen = byName.get(key);
    if (!seen) byName.set(key, (seen = { issue: { ...i }, subjects: new Set() }));
    if (i.subject) seen.subjects.add(i.subject);
  }
  return [...byName.values()].map(({ issue, subjects }) =>
    subjects.size ? { ...issue, subject: [...subjects].join(", ") } : issue,
  );
}

function customerFilter(options: GenerateOptions): (customer: number) => boolean {
  const names = options.customers ?? [];
  if (!names.length) return () => true;
  const wanted = new Set(names.map((n) => n.trim().toLowerCase()));
  return (c) => {
    const cu = options.ledger.customers[c];
    return (
      wanted.has(cu.code.toLowerCase()) || (cu.name !== null && wanted.has(cu.name.toLowerCase()))
    );
  };
}
