/**
 * The credit policy table as a sheet the user edits in the workbook (信用政策 / Credit policy):
 * one row per grade (A–D or the user's own) with its limit rule (factor on the recorded limit,
 * cap, default limit), payment terms, prepayment or cash on delivery (yes/no drop-downs), review
 * interval and overdue rule; a row for customers without a listed grade; then the table-wide
 * settings, one per row (label in column A, value in column B).
 *
 * The reader turns the filled grid into the core's `CreditPolicy` (src/core/credit/policy.ts),
 * validated by its zod schema. Nothing is silently dropped: a row it cannot place, a cell it
 * cannot read, a value the schema refuses is a problem naming the sheet, row, column and cell.
 * Headers and yes/no values are read in either language, whichever the sheet was made in.
 */
import {
  CreditPolicy,
  DEFAULT_CREDIT_POLICY,
  type CreditPolicyInput,
  type GradeRule,
} from "../core/credit/policy";
import type { Locale } from "../core/messages";
import { headerKey } from "./fields";
import { isCellError, type Book, type CellValue } from "./grid";
import { header, type SheetSpec, type SpecRow } from "./spec";
import { cellText, isBlank, parseBoolCell, parseMoneyCell } from "./values";

/** Sheet names of the policy table, by language; either is read. */
export const CREDIT_POLICY_SHEET: Record<Locale, string> = {
  "zh-CN": "信用政策",
  "en-US": "Credit policy",
};

type RuleField = Exclude<keyof GradeRule, "grade">;
type Column = "grade" | RuleField;
type Kind = "factor" | "money" | "days" | "months" | "yesNo";

const COLUMNS: { field: Column; kind: Kind | "text"; zh: string; en: string }[] = [
  { field: "grade", kind: "text", zh: "信用等级", en: "Grade" },
  { field: "limitFactor", kind: "factor", zh: "额度系数", en: "Limit factor" },
  { field: "maxLimit", kind: "money", zh: "额度上限", en: "Limit cap" },
  { field: "defaultLimit", kind: "money", zh: "默认额度", en: "Default limit" },
  { field: "termsDays", kind: "days", zh: "账期（天）", en: "Terms (days)" },
  { field: "prepayment", kind: "yesNo", zh: "款到发货", en: "Prepayment" },
  { field: "cashOnDelivery", kind: "yesNo", zh: "货到付款", en: "Cash on delivery" },
  { field: "reviewMonths", kind: "months", zh: "复核周期（月）", en: "Review every (months)" },
  {
    field: "blockOverdueDays",
    kind: "days",
    zh: "逾期超过天数暂停赊销",
    en: "Block when overdue over (days)",
  },
];

/** The row of customers without a grade in the table. */
const UNGRADED: Record<Locale, string> = { "zh-CN": "（未评级）", "en-US": "(ungraded)" };

/** Which of a column's or setting's labels a locale shows, and how wide the first column is. */
const LABEL: Record<Locale, "zh" | "en"> = { "zh-CN": "zh", "en-US": "en" };
const FIRST_WIDTH: Record<Locale, number> = { "zh-CN": 30, "en-US": 40 };
const UNGRADED_KEYS = new Set(
  [...Object.values(UNGRADED), "未评级", "其他", "ungraded", "other", "others"].map((s) =>
    headerKey(s),
  ),
);

type Setting = "blockOverdueDays" | "blockPastActBy" | "blockOverdueMinimum" | "reviewNoticeDays";
const SETTINGS: { field: Setting; kind: Kind; zh: string; en: string }[] = [
  {
    field: "blockOverdueDays",
    kind: "days",
    zh: "全表：逾期超过天数暂停赊销",
    en: "All grades: block when overdue over (days)",
  },
  {
    field: "blockPastActBy",
    kind: "yesNo",
    zh: "全表：超过诉讼时效处理期限即暂停",
    en: "All grades: block past the act-by date",
  },
  {
    field: "blockOverdueMinimum",
    kind: "money",
    zh: "全表：不计的逾期小额",
    en: "All grades: overdue amounts ignored up to",
  },
  {
    field: "reviewNoticeDays",
    kind: "days",
    zh: "全表：复核提前提示天数",
    en: "All grades: list reviews due within (days)",
  },
];

const YES_NO: Record<Locale, [string, string]> = { "zh-CN": ["是", "否"], "en-US": ["yes", "no"] };

const HEADER_INDEX = new Map<string, Column>();
for (const c of COLUMNS)
  for (const text of [c.zh, c.en, c.field]) HEADER_INDEX.set(headerKey(text), c.field);
for (const [text, field] of [
  ["等级", "grade"],
  ["客户等级", "grade"],
  ["credit grade", "grade"],
  ["账期", "termsDays"],
  ["付款期限", "termsDays"],
  ["terms", "termsDays"],
  ["复核周期", "reviewMonths"],
  ["review months", "reviewMonths"],
] as const)
  if (!HEADER_INDEX.has(headerKey(text))) HEADER_INDEX.set(headerKey(text), field);

const SETTING_INDEX = new Map<string, Setting>();
for (const s of SETTINGS)
  for (const text of [s.zh, s.en, s.field]) SETTING_INDEX.set(headerKey(text), s.field);

/** An A1 column letter (0 → A). */
function letter(c: number): string {
  let s = "";
  for (let k = c + 1; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A cell of the sheet as the user reads it: blank for null, yes/no in the sheet's language. */
function shownValue(kind: Kind | "text", v: unknown, locale: Locale): SpecRow[number] {
  if (v === null || v === undefined) return null;
  if (kind === "yesNo") return YES_NO[locale][v ? 0 : 1];
  if (kind === "money") return { value: v as number, format: "#,##0.00" };
  return v as number | string;
}

/** The policy sheet to fill in: a row per grade of `policy`, the ungraded row, the settings. */
export function creditPolicySheetSpec(
  locale: Locale,
  policy: CreditPolicy = DEFAULT_CREDIT_POLICY,
): SheetSpec {
  const label = LABEL[locale];
  const ruleRow = (grade: string, rule: Omit<GradeRule, "grade">): SpecRow =>
    COLUMNS.map((c) =>
      c.field === "grade" ? grade : shownValue(c.kind, rule[c.field as RuleField], locale),
    );
  const rows: SpecRow[] = [
    COLUMNS.map((c) => header(c[label])),
    ...policy.grades.map((g) => ruleRow(g.grade, g)),
    ruleRow(UNGRADED[locale], policy.ungraded),
    [],
    ...SETTINGS.map((s) => [
      { value: s[label], bold: true },
      shownValue(s.kind, policy[s.field], locale),
    ]),
  ];
  // Room for up to 20 grades of the user's own under the header.
  const last = 1 + Math.max(20, policy.grades.length + 1);
  const yesNoColumns = COLUMNS.flatMap((c, k) => (c.kind === "yesNo" ? [letter(k)] : []));
  const settingsStart = policy.grades.length + 4;
  const actBy = settingsStart + SETTINGS.findIndex((s) => s.field === "blockPastActBy");
  return {
    name: CREDIT_POLICY_SHEET[locale],
    widths: [FIRST_WIDTH[locale], 12, 14, 14, 12, 12, 14, 16, 18],
    rows,
    freeze: { rows: 1, columns: 1 },
    tabColor: "70AD47",
    validations: [
      ...yesNoColumns.map((col) => ({
        range: `${col}2:${col}${last}`,
        list: [...YES_NO[locale]],
      })),
      { range: `B${actBy}`, list: [...YES_NO[locale]] },
    ],
  };
}

export type PolicyProblemCode =
  | "policy.noHeader"
  | "policy.badNumber"
  | "policy.badYesNo"
  | "policy.errorValue"
  | "policy.unknownRow"
  | "policy.invalid";

/** A problem of the policy sheet, located: sheet, 1-based row, column header and A1 cell. */
export interface PolicyProblem {
  code: PolicyProblemCode;
  sheet: string | null;
  row: number | null;
  column: string | null;
  cell: string | null;
  value: string | null;
  /** The schema's message for `policy.invalid`. */
  detail?: string;
}

export interface PolicyReadResult {
  /** Whether the grid has the policy table's header. */
  found: boolean;
  /** The policy read; the default table when nothing usable was found or it was invalid. */
  policy: CreditPolicy;
  /**
   * False when there are problems: cells that could not be read took the schema's defaults, or
   * (on a schema error) the whole policy is the default table. Callers should not rely on it
   * for an order check without showing the problems (the CLI refuses it).
   */
  valid: boolean;
  problems: PolicyProblem[];
}

const PROBLEM_TEXT: Record<Locale, Record<PolicyProblemCode, string>> = {
  "zh-CN": {
    "policy.noHeader": "未找到信用政策表头（需有“信用等级”列及至少两项规则列）",
    "policy.badNumber": "不是有效的数字：{value}",
    "policy.badYesNo": "应填“是”或“否”：{value}",
    "policy.errorValue": "单元格为错误值：{value}",
    "policy.unknownRow": "无法识别的行（既不是等级也不是全表设置）：{value}",
    "policy.invalid": "信用政策不成立：{detail}",
  },
  "en-US": {
    "policy.noHeader":
      "no credit policy header found (a Grade column and at least two rule columns)",
    "policy.badNumber": "not a number: {value}",
    "policy.badYesNo": "should be yes or no: {value}",
    "policy.errorValue": "the cell holds an error: {value}",
    "policy.unknownRow": "a row that is neither a grade nor a table-wide setting: {value}",
    "policy.invalid": "the credit policy is not valid: {detail}",
  },
};

/** A policy problem as a sentence with its place, e.g. `信用政策!F3 (款到发货): 应填…`. */
export function policyProblemText(p: PolicyProblem, locale: Locale): string {
  const text = PROBLEM_TEXT[locale][p.code]
    .replace("{value}", p.value ?? "")
    .replace("{detail}", p.detail ?? "");
  const where = p.cell ? `${p.sheet ? `${p.sheet}!` : ""}${p.cell}` : (p.sheet ?? "");
  return `${where}${p.column ? ` (${p.column})` : ""}: ${text}`;
}

/** Finds the header: the first of the first 10 rows naming the grade and two more columns. */
function findHeader(rows: CellValue[][]): { row: number; columns: Map<Column, number> } | null {
  for (let r = 0; r < Math.min(10, rows.length); r++) {
    const columns = new Map<Column, number>();
    (rows[r] ?? []).forEach((v, c) => {
      if (typeof v !== "string") return;
      const f = HEADER_INDEX.get(headerKey(v));
      if (f && !columns.has(f)) columns.set(f, c);
    });
    if (columns.has("grade") && columns.size >= 3) return { row: r, columns };
  }
  return null;
}

/** Whether rows look like a credit policy table (the pane's and the CLI's detection). */
export function isCreditPolicy(rows: CellValue[][]): boolean {
  return findHeader(rows) !== null;
}

function shown(v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  return String(v);
}

/**
 * The policy of a filled sheet. Blank cells take the schema's defaults (limit factor 1, review
 * every 6 months, no prepayment…); a blank overdue rule of a grade takes the table-wide one.
 */
export function creditPolicyFromGrid(
  rows: CellValue[][],
  sheetName: string | null,
): PolicyReadResult {
  const problems: PolicyProblem[] = [];
  const head = findHeader(rows);
  if (!head) {
    problems.push({
      code: "policy.noHeader",
      sheet: sheetName,
      row: null,
      column: null,
      cell: null,
      value: null,
    });
    return { found: false, policy: DEFAULT_CREDIT_POLICY, valid: false, problems };
  }
  const headers = (rows[head.row] ?? []).map((v) => (typeof v === "string" ? v : ""));
  const gradeCol = head.columns.get("grade")!;
  const input: CreditPolicyInput & { grades: Record<string, unknown>[] } = { grades: [] };
  /** Where each path of the input came from, for the schema's issues. */
  const origin = new Map<string, { row: number; col: number | null }>();
  let ungraded: Record<string, unknown> | null = null;
  let ungradedRow = -1;
  // The schema's "each grade once" is about the grade column as a whole.
  origin.set("grades", { row: head.row, col: gradeCol });

  const read = (kind: Kind, v: CellValue, r: number, c: number): unknown => {
    const fail = (code: PolicyProblemCode) => {
      problems.push({
        code,
        sheet: sheetName,
        row: r + 1,
        column: headers[c] || null,
        cell: `${letter(c)}${r + 1}`,
        value: shown(v),
      });
      return undefined;
    };
    if (isCellError(v)) return fail("policy.errorValue");
    if (kind === "yesNo") {
      const b = parseBoolCell(v);
      return b.ok ? b.value : fail("policy.badYesNo");
    }
    if (kind === "money") {
      const m = parseMoneyCell(v, 2);
      return m.ok ? m.minor / 100 : fail("policy.badNumber");
    }
    let n: number;
    if (typeof v === "number") n = v;
    else {
      const s = (cellText(v) ?? "").normalize("NFKC").trim();
      const pct = kind === "factor" && s.endsWith("%");
      const num = pct
        ? s.slice(0, -1).trim()
        : s.replace(/(天|days?|个月|月|months?)$/i, "").trim();
      n = num === "" || !/^[-+]?\d+(\.\d+)?$/.test(num) ? NaN : Number(num) / (pct ? 100 : 1);
    }
    return Number.isFinite(n) ? n : fail("policy.badNumber");
  };

  let end = rows.length;
  while (end > head.row + 1 && (rows[end - 1] ?? []).every((v) => isBlank(v))) end--;
  for (let r = head.row + 1; r < end; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((v) => isBlank(v))) continue;
    const label = cellText(cells[gradeCol] ?? null)?.trim() ?? "";
    const setting = label ? SETTING_INDEX.get(headerKey(label)) : undefined;
    if (setting) {
      // A table-wide setting: its value in the first non-blank cell after the label.
      const def = SETTINGS.find((s) => s.field === setting)!;
      let c = gradeCol + 1;
      while (c < cells.length && isBlank(cells[c] ?? null)) c++;
      const v = cells[c] ?? null;
      if (isBlank(v)) {
        if (def.kind === "days" && setting === "blockOverdueDays") {
          input.blockOverdueDays = null;
          origin.set(setting, { row: r, col: gradeCol + 1 });
        }
        continue;
      }
      const value = read(def.kind, v, r, c);
      if (value !== undefined) {
        (input as Record<string, unknown>)[setting] = value;
        origin.set(setting, { row: r, col: c });
      }
      continue;
    }
    if (!label) {
      problems.push({
        code: "policy.unknownRow",
        sheet: sheetName,
        row: r + 1,
        column: headers[gradeCol] || null,
        cell: `${letter(gradeCol)}${r + 1}`,
        value: cells.map(shown).filter(Boolean).join(" | "),
      });
      continue;
    }
    const rule: Record<string, unknown> = {};
    const isUngraded = UNGRADED_KEYS.has(headerKey(label));
    const path = isUngraded ? "ungraded" : `grades.${input.grades.length}`;
    origin.set(path, { row: r, col: gradeCol });
    if (!isUngraded) {
      rule.grade = label;
      origin.set(`${path}.grade`, { row: r, col: gradeCol });
    }
    for (const c of COLUMNS) {
      if (c.field === "grade") continue;
      const k = head.columns.get(c.field);
      if (k === undefined) continue;
      const v = cells[k] ?? null;
      if (isBlank(v)) {
        // Blank: null where the rule has "none", else the schema's default.
        if (c.field === "maxLimit" || c.field === "defaultLimit" || c.field === "termsDays")
          rule[c.field] = null;
        continue;
      }
      const value = read(c.kind as Kind, v, r, k);
      if (value === undefined) continue;
      rule[c.field] = value;
      origin.set(`${path}.${c.field}`, { row: r, col: k });
    }
    if (isUngraded) {
      if (ungraded)
        problems.push({
          code: "policy.unknownRow",
          sheet: sheetName,
          row: r + 1,
          column: headers[gradeCol] || null,
          cell: `${letter(gradeCol)}${r + 1}`,
          value: `${label} (${ungradedRow + 1})`,
        });
      else {
        ungraded = rule;
        ungradedRow = r;
      }
    } else input.grades.push(rule);
  }
  if (ungraded) input.ungraded = ungraded;

  const parsed = CreditPolicy.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // The deepest path we know the cell of.
      let at: { row: number; col: number | null } | undefined;
      for (let k = issue.path.length; k > 0 && !at; k--)
        at = origin.get(issue.path.slice(0, k).join("."));
      const col = at?.col ?? null;
      problems.push({
        code: "policy.invalid",
        sheet: sheetName,
        row: at ? at.row + 1 : null,
        column: col === null ? null : headers[col] || null,
        cell: at && col !== null ? `${letter(col)}${at.row + 1}` : null,
        value:
          at && col !== null ? shown(rows[at.row]?.[col] ?? null) : issue.path.join(".") || null,
        detail: issue.message,
      });
    }
    return { found: true, policy: DEFAULT_CREDIT_POLICY, valid: false, problems };
  }
  return { found: true, policy: parsed.data, valid: problems.length === 0, problems };
}

/**
 * The credit policy of a workbook or CSV: the sheet named like the policy (either language,
 * any case), else the first sheet that looks like one. Null when none does.
 */
export function readPolicyBook(book: Book): (PolicyReadResult & { sheet: string | null }) | null {
  const names = book.sheetNames.length ? book.sheetNames : [null];
  const known = Object.values(CREDIT_POLICY_SHEET).map((n) => n.toLowerCase());
  const named = names.find((n) => n !== null && known.includes(n.toLowerCase()));
  if (named !== undefined)
    return { ...creditPolicyFromGrid(book.read(named).rows, named), sheet: named };
  for (const n of names) {
    const g = book.read(n);
    if (isCreditPolicy(g.rows))
      return { ...creditPolicyFromGrid(g.rows, n ?? book.file), sheet: n };
  }
  return null;
}
