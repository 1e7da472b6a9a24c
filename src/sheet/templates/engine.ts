/**
 * Templates are sheets (DESIGN §5): an ordinary worksheet with placeholders such as
 * `{{customer.name}}` and one block of rows between `{{#items}}` and `{{/items}}` repeated per
 * line item. This module checks a template against the fields a document offers and fills it
 * from a context, keeping the template's formats, merges, widths, heights and print setup.
 *
 * Filling rules:
 * - A cell whose whole text is one placeholder takes the typed value: money and numbers as
 *   numbers, dates as dates, in the template cell's number format when it has one.
 * - A placeholder inside text is formatted for the locale (`1,234.50`, `2026年6月30日`).
 * - Values from data are always text or numbers, never formulas; only the template's own
 *   formulas are formulas, with their row references moved as Excel moves them when rows are
 *   inserted (see formula.ts).
 * - A block whose list is empty is kept once, blank, so totals formulas stay valid.
 * - Missing data is reported for the document's own fields; a line's empty field (no contract
 *   number, a payment line's debit) is normal and left blank silently.
 */
import type { Serial } from "../../core/dates";
import { isoFromSerial } from "../../core/dates";
import { fill, perLocale } from "../../core/i18n";
import type { Locale } from "../../core/messages";
import type { FormulaValue, SheetSpec, SpecCell, SpecRow } from "../spec";
import { formatRange, mapFormulaRows, parseRange } from "./formula";

/** A date in a context. */
export interface DateValue {
  date: Serial;
}

/** An amount in minor units, shown with `digits` decimals. */
export interface MoneyValue {
  money: number;
  digits: number;
}

export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | DateValue
  | MoneyValue
  | TemplateValue[]
  | { [key: string]: TemplateValue };

export type Context = { [key: string]: TemplateValue };

export interface TemplateIssue {
  code:
    | "template.unknownPlaceholder"
    | "template.unclosedSection"
    | "template.strayClose"
    | "template.nestedSection"
    | "template.unknownSection"
    | "template.missingData"
    | "template.profileMissing"
    | "template.footerPlaceholder";
  severity: "error" | "warning";
  /** Template sheet and 1-based cell, when the issue is in a cell. */
  sheet: string;
  row?: number;
  column?: number;
  /** The placeholder or section concerned. */
  name: string;
  /** Which document (customer) the missing data concerns. */
  subject?: string;
  /** template.profileMissing: the profile fields the documents print that the profile leaves blank. */
  fields?: string[];
}

/** The fields a document offers: plain field paths, and list sections with their item fields. */
export interface FieldSet {
  fields: readonly string[];
  sections: Readonly<Record<string, readonly string[]>>;
}

interface Section {
  name: string;
  alias: string;
  /** 0-based first and last template rows of the block. */
  start: number;
  end: number;
}

export interface ParsedTemplate {
  spec: SheetSpec;
  sections: Section[];
}

const TAG = /\{\{\s*([#/]?)\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*\}\}/g;
const ONLY = /^\s*\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*\}\}\s*$/;

/** The name the items of a section are called by: `items` → `item`, `lines` → `line`. */
export function sectionAlias(name: string): string {
  if (name.endsWith("ies")) return name.slice(0, -3) + "y";
  if (name.endsWith("s") && name.length > 1) return name.slice(0, -1);
  return name;
}

function cellText(raw: SpecRow[number]): string | null {
  if (typeof raw === "string") return raw;
  if (raw && typeof raw === "object" && typeof raw.value === "string") return raw.value;
  return null;
}

/** The field placeholders a template uses, in its cells, header and footer (not section marks). */
export function placeholdersOf(spec: SheetSpec): Set<string> {
  const out = new Set<string>();
  const scan = (text: string | null | undefined) => {
    for (const m of (text ?? "").matchAll(TAG)) if (!m[1]) out.add(m[2]);
  };
  for (const row of spec.rows) for (const raw of row) scan(cellText(raw));
  scan(spec.print?.header);
  scan(spec.print?.footer);
  return out;
}

/** Finds the sections of a template and checks its placeholders against a document's fields. */
export function parseTemplate(
  spec: SheetSpec,
  offered: FieldSet,
): { template: ParsedTemplate; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const sections: Section[] = [];
  let open: Section | null = null;
  const at = (r: number, c: number, name: string, code: TemplateIssue["code"]) =>
    issues.push({ code, severity: "error", sheet: spec.name, row: r + 1, column: c + 1, name });

  spec.rows.forEach((row, r) => {
    row.forEach((raw, c) => {
      const text = cellText(raw);
      if (text === null) return;
      for (const m of text.matchAll(TAG)) {
        const [, mark, name] = m;
        if (mark === "#") {
          if (open) at(r, c, name, "template.nestedSection");
          else if (!(name in offered.sections)) at(r, c, name, "template.unknownSection");
          else open = { name, alias: sectionAlias(name), start: r, end: -1 };
        } else if (mark === "/") {
          if (!open || open.name !== name) at(r, c, name, "template.strayClose");
          else {
            open.end = r;
            sections.push(open);
            open = null;
          }
        }
      }
    });
    // Placeholders are checked once the row's section is known.
    const section: Section | null = open ?? sections.find((s) => s.end === r) ?? null;
    row.forEach((raw, c) => {
      const text = cellText(raw);
      if (text === null) return;
      for (const m of text.matchAll(TAG)) {
        if (m[1]) continue;
        if (!isOffered(m[2], offered, section)) at(r, c, m[2], "template.unknownPlaceholder");
      }
    });
  });
  if (open) {
    const s = open as Section;
    at(s.start, 0, s.name, "template.unclosedSection");
  }
  for (const text of [spec.print?.header, spec.print?.footer]) {
    for (const m of (text ?? "").matchAll(TAG)) {
      if (m[1] || m[2] === "page" || m[2] === "pages") continue;
      if (!isOffered(m[2], offered, null))
        issues.push({
          code: "template.unknownPlaceholder",
          severity: "error",
          sheet: spec.name,
          name: m[2],
        });
    }
  }
  return { template: { spec, sections }, issues };
}

function isOffered(path: string, offered: FieldSet, section: Section | null): boolean {
  if (offered.fields.includes(path)) return true;
  if (section) {
    const prefix = section.alias + ".";
    if (path === "index") return true;
    if (path.startsWith(prefix))
      return offered.sections[section.name].includes(path.slice(prefix.length));
  }
  return false;
}

/** Looks a dotted path up in a context. */
const PATHS = new Map<string, string[]>();

export function lookup(ctx: Context, path: string): TemplateValue {
  let keys = PATHS.get(path);
  if (!keys) PATHS.set(path, (keys = path.split(".")));
  let v: TemplateValue = ctx;
  for (const key of keys) {
    if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v))
      return undefined;
    v = (v as Record<string, TemplateValue>)[key];
  }
  return v;
}

function isDate(v: TemplateValue): v is DateValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "date" in v;
}

function isMoney(v: TemplateValue): v is MoneyValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "money" in v;
}

const GROUPED = new Map<number, Intl.NumberFormat>();
function grouped(digits: number): Intl.NumberFormat {
  let f = GROUPED.get(digits);
  if (!f) {
    f = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    GROUPED.set(digits, f);
  }
  return f;
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
]; // prettier-ignore

/** How a date and a yes or no read inside a sentence. */
const T = perLocale({
  "zh-CN": { date: "{y}年{m}月{d}日", yes: "是", no: "否" },
  "en-US": { date: "{d} {month} {y}", yes: "yes", no: "no" },
});

/** A date as a reader of the locale writes it: `2026年6月30日`, `30 June 2026`. */
export function formatDate(serial: Serial, locale: Locale): string {
  const [y, m, d] = isoFromSerial(serial).split("-").map(Number);
  return fill(T[locale].date, { y, m, d, month: MONTHS[m - 1] });
}

/** A value as text inside a sentence. */
export function formatValue(v: TemplateValue, locale: Locale): string {
  if (v === null || v === undefined) return "";
  if (isDate(v)) return formatDate(v.date, locale);
  if (isMoney(v)) return grouped(v.digits).format(v.money / 10 ** v.digits);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? T[locale].yes : T[locale].no;
  if (typeof v === "string") return v;
  return "";
}

const MONEY_FORMATS = ["#,##0;[Red]-#,##0", "#,##0.00;[Red]-#,##0.00"];

function typedCell(template: SpecCell, v: TemplateValue, locale: Locale): SpecCell {
  const keep = template.format && template.format !== "General" ? template.format : undefined;
  if (v === null || v === undefined) return { ...template, value: null };
  if (isDate(v)) return { ...template, value: { date: v.date }, format: keep ?? "yyyy-mm-dd" };
  if (isMoney(v))
    return {
      ...template,
      value: v.money / 10 ** v.digits,
      format: keep ?? MONEY_FORMATS[Math.min(v.digits, 2) === 0 ? 0 : 1],
    };
  if (typeof v === "number" || typeof v === "boolean") return { ...template, value: v };
  return { ...template, value: formatValue(v, locale) };
}

export interface FillOptions {
  locale: Locale;
  /** Names the document in missing-data issues (e.g. the customer code). */
  subject?: string;
}

function asSpecCell(raw: SpecRow[number]): SpecCell | null {
  if (raw === null || raw === undefined) return null;
  return typeof raw === "object" ? raw : { value: raw };
}

/**
 * Fills a parsed template from a context. Missing data (a known field with no value) leaves the
 * cell blank and is reported once per field as a warning.
 */
export function fillTemplate(
  template: ParsedTemplate,
  ctx: Context,
  options: FillOptions,
): { spec: SheetSpec; issues: TemplateIssue[] } {
  const { spec, sections } = template;
  const missing = new Map<string, TemplateIssue>();
  const note = (name: string, r: number, c: number) => {
    if (!missing.has(name))
      missing.set(name, {
        code: "template.missingData",
        severity: "warning",
        sheet: spec.name,
        row: r + 1,
        column: c + 1,
        name,
        subject: options.subject,
      });
  };

  // Output layout: for each template row, the output rows it became (one per copy).
  const copies: number[][] = [];
  const order: { tr: number; local: Context | null; copy: number }[] = [];
  let r = 0;
  while (r < spec.rows.length) {
    const sec = sections.find((s) => s.start === r);
    if (!sec) {
      copies[r] = [order.length];
      order.push({ tr: r, local: null, copy: 0 });
      r++;
      continue;
    }
    const list = lookup(ctx, sec.name);
    const elements = Array.isArray(list) && list.length > 0 ? list : [null];
    for (let t = sec.start; t <= sec.end; t++) copies[t] = [];
    elements.forEach((el, k) => {
      const local: Context =
        el === null ? { [sec.alias]: {}, index: null } : { [sec.alias]: el, index: k + 1 };
      for (let t = sec.start; t <= sec.end; t++) {
        copies[t].push(order.length);
        order.push({ tr: t, local: el === null ? { ...local, __blank: true } : local, copy: k });
      }
    });
    r = sec.end + 1;
  }

  const sectionOf = (tr: number) => sections.find((s) => tr >= s.start && tr <= s.end) ?? null;
  /** Output row (1-based) of template row `row` (1-based), seen from a cell in copy `copy` of section `from`. */
  const mapper =
    (from: Section | null, copy: number) =>
    (row: number, role: "start" | "end" | "single", absolute: boolean): number => {
      const t = row - 1;
      const outs = copies[t];
      if (!outs) return row + (order.length - spec.rows.length); // below the template's rows

      const sec = sectionOf(t);
      if (sec && sec === from && !absolute) return outs[Math.min(copy, outs.length - 1)] + 1;
      // A relative reference copied down with its row moves with it, as Excel's fill does: a
      // running balance `=H9+F10-G10` on the line after H9 keeps pointing at the line above.
      const moved = from && !absolute ? copy * (from.end - from.start + 1) : 0;
      if (outs.length === 1) return outs[0] + 1 + moved;
      return (role === "end" ? outs[outs.length - 1] : outs[0]) + 1 + moved;
    };

  const rows: SpecRow[] = [];
  const heights: (number | undefined)[] = [];
  for (const { tr, local, copy } of order) {
    const scope: Context = local ? { ...ctx, ...local } : ctx;
    const blank = local !== null && "__blank" in local;
    const sec = sectionOf(tr);
    const out: SpecRow = [];
    spec.rows[tr].forEach((raw, c) => {
      const cell = asSpecCell(raw);
      if (!cell) {
        out[c] = null;
        return;
      }
      const v = cell.value;
      if (typeof v === "string") {
        const text = v.replace(/\{\{\s*[#/]\s*[\w.]+\s*\}\}/g, "");
        const only = ONLY.exec(text);
        if (only) {
          const value = blank && isInSection(only[1], sec) ? null : lookup(scope, only[1]);
          if ((value === null || value === undefined) && !blank && !isInSection(only[1], sec))
            note(only[1], tr, c);
          out[c] = typedCell(cell, value, options.locale);
          return;
        }
        const filled = fillText(text, (name) => {
          const value = blank && isInSection(name, sec) ? null : lookup(scope, name);
          if ((value === null || value === undefined) && !blank && !isInSection(name, sec))
            note(name, tr, c);
          return formatValue(value, options.locale);
        });
        out[c] = { ...cell, value: filled === "" ? null : filled };
        return;
      }
      if (v && typeof v === "object" && "formula" in v) {
        const f: FormulaValue = {
          formula: mapFormulaRows(v.formula, spec.name, mapper(sec, copy)),
        };
        out[c] = { ...cell, value: f };
        return;
      }
      out[c] = cell;
    });
    rows.push(out);
    heights.push(spec.heights?.[tr]);
  }

  const mapRow = mapper(null, 0);
  const merges: string[] = [];
  for (const m of spec.merges ?? []) {
    const g = parseRange(m);
    const sec = sectionOf(g.r1 - 1);
    if (sec && g.r2 - 1 <= sec.end) {
      const n = copies[g.r1 - 1].length;
      for (let k = 0; k < n; k++) {
        const top = copies[g.r1 - 1][k] + 1;
        merges.push(formatRange(top, g.c1, top + g.r2 - g.r1, g.c2));
      }
    } else {
      merges.push(
        formatRange(mapRow(g.r1, "start", false), g.c1, mapRow(g.r2, "end", false), g.c2),
      );
    }
  }

  const print = spec.print ? { ...spec.print } : undefined;
  if (print) {
    if (print.area) {
      const g = parseRange(print.area);
      print.area = formatRange(
        mapRow(g.r1, "start", false),
        g.c1,
        mapRow(g.r2, "end", false),
        g.c2,
      );
    }
    if (print.titleRows)
      print.titleRows = [
        mapRow(print.titleRows[0], "start", false),
        mapRow(print.titleRows[1], "end", false),
      ];
    if (print.breaksAfter)
      print.breaksAfter = print.breaksAfter.map((b) => mapRow(b, "end", false));
    const sheetLevel = (text: string | undefined) =>
      text?.replace(TAG, (_all, mark: string, name: string) => {
        if (mark) return "";
        if (name === "page") return "&P";
        if (name === "pages") return "&N";
        return formatValue(lookup(ctx, name), options.locale).replace(/&/g, "&&");
      });
    print.header = sheetLevel(print.header);
    print.footer = sheetLevel(print.footer);
  }

  return {
    spec: { ...spec, rows, heights, merges, print },
    issues: [...missing.values()],
  };
}

/**
 * The text of a cell with its placeholders replaced. A placeholder that comes to nothing leaves
 * no gap: between two spaces it takes one of them with it, and at the start or end of the text
 * the space next to it, so an optional sentence (`… days. {{interestClause}} Unless …`) reads
 * the same whether it is there or not.
 */
export function fillText(text: string, valueOf: (name: string) => string): string {
  let out = "";
  let gap = false;
  let last = 0;
  const literal = (lit: string) => {
    if (gap && lit.startsWith(" ") && (out === "" || out.endsWith(" "))) lit = lit.slice(1);
    if (lit) gap = false;
    out += lit;
  };
  for (const m of text.matchAll(TAG)) {
    literal(text.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    if (m[1]) continue;
    const value = valueOf(m[2]);
    if (value === "") gap = true;
    else {
      gap = false;
      out += value;
    }
  }
  literal(text.slice(last));
  if (gap && out.endsWith(" ")) out = out.slice(0, -1);
  return out;
}

function isInSection(path: string, sec: Section | null): boolean {
  return sec !== null && (path === "index" || path.startsWith(sec.alias + "."));
}

/**
 * Stacks filled documents on one sheet, a page break after each: several customers' letters on
 * one sheet print as one letter per page run. Merges, heights and print areas follow.
 */
export function stackSpecs(name: string, parts: SheetSpec[]): SheetSpec {
  const rows: SpecRow[] = [];
  const heights: (number | undefined)[] = [];
  const merges: string[] = [];
  const breaksAfter: number[] = [];
  let width = 0;
  for (const part of parts) {
    const offset = rows.length;
    for (const m of part.merges ?? []) {
      const g = parseRange(m);
      merges.push(formatRange(g.r1 + offset, g.c1, g.r2 + offset, g.c2));
    }
    for (const b of part.print?.breaksAfter ?? []) breaksAfter.push(b + offset);
    const shift = (row: number) => row + offset;
    part.rows.forEach((row, r) => {
      rows.push(
        offset === 0
          ? row
          : row.map((raw) => {
              const v = raw && typeof raw === "object" ? raw.value : null;
              if (!v || typeof v !== "object" || !("formula" in v)) return raw;
              const formula = mapFormulaRows(v.formula, part.name, shift);
              return { ...(raw as SpecCell), value: { ...v, formula } };
            }),
      );
      heights.push(part.heights?.[r]);
      width = Math.max(width, row.length);
    });
    breaksAfter.push(rows.length);
  }
  breaksAfter.pop();
  const first = parts[0];
  const area = first?.print?.area ? parseRange(first.print.area) : null;
  const print: NonNullable<SheetSpec["print"]> = first?.print
    ? {
        ...first.print,
        titleRows: undefined,
        breaksAfter,
        area: rows.length
          ? formatRange(1, area?.c1 ?? 1, rows.length, area?.c2 ?? Math.max(width, 1))
          : undefined,
      }
    : { breaksAfter };
  // Several documents on one sheet: Excel numbers the pages of the sheet, so "page 7 of 40"
  // would count other customers' letters. The page-number sections of the header and footer
  // are left out; one sheet per customer (--per-customer) keeps them.
  if (parts.length > 1) {
    if (print.header) print.header = withoutPageNumbers(print.header);
    if (print.footer) print.footer = withoutPageNumbers(print.footer);
  }
  return { ...(first ?? { rows: [] }), name, rows, heights, merges, print };
}

/**
 * A header or footer (Excel's codes) without the sections that hold a page number (`&P`) or the
 * page count (`&N`): `&LAcme&C&T&RPage &P of &N` → `&LAcme&C&T`. `&&` is a literal ampersand.
 */
export function withoutPageNumbers(text: string): string {
  // Split before each section code (&L, &C, &R), skipping `&&`.
  const sections: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "&") continue;
    const next = text[i + 1];
    if (next === "&") {
      i++;
      continue;
    }
    if ((next === "L" || next === "C" || next === "R") && i > start) {
      sections.push(text.slice(start, i));
      start = i;
    }
    i++;
  }
  sections.push(text.slice(start));
  const hasPage = (s: string) => /(^|[^&])(&&)*&[PN]/.test(s);
  return sections.filter((s) => !hasPage(s)).join("");
}
