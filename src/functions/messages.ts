/**
 * The words of the custom functions in zh-CN and en-US: error messages (which name the argument,
 * in the user's language), the next collection step, and the aging table's headings.
 *
 * Argument names here are the parameter names Excel shows: the snake_case names of
 * functions.ts in English and the `parameters[].name` of zh-CN.json in Chinese (a test keeps
 * them equal).
 */
import type { Locale } from "../core/messages";
import { fill } from "../core/i18n";

export type { Locale };

export type ArgName =
  | "due_date"
  | "as_of"
  | "settled_date"
  | "thresholds"
  | "basis"
  | "outstanding"
  | "grace_days"
  | "term_days"
  | "blocked"
  | "annual_rate"
  | "customer"
  | "customers"
  | "balances"
  | "credit_limit"
  | "due_dates"
  | "age_days"
  | "ladder"
  | "receivables"
  | "credit_sales"
  | "days"
  | "collections"
  | "amount_due"
  | "settled_dates"
  | "detail"
  | "amount"
  | "grade"
  | "disputed"
  | "salesperson"
  | "salespeople";

export const ARG_NAMES_ZH: Record<ArgName, string> = {
  due_date: "到期日",
  as_of: "基准日",
  settled_date: "结清日期",
  thresholds: "账龄分段",
  basis: "账龄基准",
  outstanding: "未收金额",
  grace_days: "宽限天数",
  term_days: "账期天数",
  blocked: "暂停催收",
  annual_rate: "年利率",
  customer: "客户",
  customers: "客户列",
  balances: "余额列",
  credit_limit: "信用额度",
  due_dates: "到期日列",
  age_days: "账龄天数",
  ladder: "计提比例",
  receivables: "应收余额",
  credit_sales: "赊销额",
  days: "天数",
  collections: "回款额",
  amount_due: "应收额",
  settled_dates: "结清日期列",
  detail: "显示明细",
  amount: "订单金额",
  grade: "信用等级",
  disputed: "争议列",
  salesperson: "业务员",
  salespeople: "业务员列",
};

export type MessageKey =
  | "blank"
  | "asOfBlank"
  | "badDate"
  | "ambiguousDate"
  | "errorCell"
  | "badNumber"
  | "badDays"
  | "badDaysPositive"
  | "badMoney"
  | "badTerms"
  | "monthEndTerms"
  | "badRate"
  | "badFlag"
  | "badThresholds"
  | "badBasis"
  | "badLadder"
  | "outside"
  | "lengths"
  | "mixedCurrency"
  | "rowMissing"
  | "badBool"
  | "detailShape"
  | "expectedNever"
  | "notPositive"
  | "detailShapeOrder"
  | "badType";

const EN: Record<MessageKey, string> = {
  blank: "{arg} is blank",
  asOfBlank: "{arg} is blank: point it at a cell holding =TODAY() or a date",
  badDate: "{arg}: {value} is not a date",
  ambiguousDate: "{arg}: {value} could be day/month or month/day; write it as YYYY-MM-DD",
  errorCell: "{arg}: the cell holds the error {value}",
  badNumber: "{arg}: {value} is not a number",
  badDays: "{arg}: {value} is not a whole number of days (0 or more)",
  badDaysPositive: "{arg}: {value} is not a whole number of days (1 or more)",
  badMoney: "{arg}: {value} is not an amount",
  badTerms: "{arg}: {value} is not a payment term in days (30, Net 30, 30天)",
  monthEndTerms:
    "{arg}: {value} is a month-end term; give the days from the invoice date to the due date",
  badRate: "{arg}: {value} is not a rate (6% or 0.06; at most 1000%)",
  badFlag: "{arg}: {value} is neither yes/no (TRUE, 是, disputed) nor a promise-to-pay date",
  badThresholds:
    "{arg}: {value}: thresholds are 1 to 12 whole days, strictly increasing (30,60,90)",
  badBasis: '{arg}: {value}: the basis is "due" (到期日) or "invoice" (开票日)',
  badLadder:
    "{arg}: {value}: a provision ladder is rows of (up to days, rate), the last one with no days (365:5%,730:10%,:100%)",
  outside: "{arg} has {size}: no value for row {row}, column {col} of the result",
  lengths: "{arg} has {size} but {other} has {otherSize}: they must match row for row",
  mixedCurrency: "{arg}: amounts in {value} and {other} cannot be added; use one currency",
  rowMissing: "{arg}, row {row}: blank, but {other} has a value there",
  badBool: "{arg}: {value} is neither TRUE nor FALSE",
  detailShape: "{arg}: the detail (four columns) needs due_date to be one column, not {size}",
  expectedNever:
    "at risk (a flag, not a write-off): {value, plural, one {# day} other {# days}} overdue, later than any settled item of the history",
  notPositive: "{arg}: {value} is not an amount above zero",
  detailShapeOrder:
    "{arg}: the detail (four columns) needs customer and amount to be one column, not {size}",
  badType: "{arg}: {value} is not a value ar-desk can read",
};

const ZH: Record<MessageKey, string> = {
  blank: "{arg}为空",
  asOfBlank: "{arg}为空：请引用含有 =TODAY() 或日期的单元格",
  badDate: "{arg}：{value} 不是有效日期",
  ambiguousDate: "{arg}：{value} 无法确定是日/月还是月/日，请写成 YYYY-MM-DD",
  errorCell: "{arg}：单元格为错误值 {value}",
  badNumber: "{arg}：{value} 不是数字",
  badDays: "{arg}：{value} 不是天数（0 或正整数）",
  badDaysPositive: "{arg}：{value} 不是天数（正整数）",
  badMoney: "{arg}：{value} 不是金额",
  badTerms: "{arg}：{value} 不是以天计的账期（30、Net 30、30天）",
  monthEndTerms: "{arg}：{value} 是月结账期，请填写开票日到到期日的天数",
  badRate: "{arg}：{value} 不是利率或比例（6% 或 0.06，最高 1000%）",
  badFlag: "{arg}：{value} 既不是是/否（TRUE、是、争议），也不是承诺付款日期",
  badThresholds: "{arg}：{value}：账龄分段应为 1 至 12 个严格递增的整数天数（30,60,90）",
  badBasis: "{arg}：{value}：账龄基准应为“到期日”(due) 或“开票日”(invoice)",
  badLadder:
    "{arg}：{value}：计提比例应为若干行（账龄上限天数，比例），最后一行不填天数（365:5%,730:10%,:100%）",
  outside: "{arg}为 {size}：结果第 {row} 行第 {col} 列没有对应的值",
  lengths: "{arg}为 {size}，而{other}为 {otherSize}：两者须逐行对应",
  mixedCurrency: "{arg}：{value} 与 {other} 的金额不能相加，请只用一种币种",
  rowMissing: "{arg}第 {row} 行为空，但{other}在该行有值",
  badBool: "{arg}：{value} 既不是 TRUE 也不是 FALSE",
  detailShape: "{arg}：显示明细（四列）时，到期日须为一列，而不是 {size}",
  expectedNever: "回收风险：已逾期 {value} 天，晚于历史上任何一笔已结清款项（风险提示，并非核销）",
  notPositive: "{arg}：{value} 不是大于零的金额",
  detailShapeOrder: "{arg}：显示明细（四列）时，客户与订单金额须为一列，而不是 {size}",
  badType: "{arg}：无法读取的值 {value}",
};

const TABLES: Record<Locale, Record<MessageKey, string>> = { "en-US": EN, "zh-CN": ZH };

/** Every message key, for tests that keep the tables complete and their plurals right. */
export const MESSAGE_KEYS = Object.keys(EN) as MessageKey[];

export type MessageParams = Partial<Record<"value" | "other" | "size" | "otherSize", string>> &
  Partial<Record<"row" | "col", number>>;

/** The display name of an argument in a locale. */
export function argName(arg: ArgName, locale: Locale): string {
  const names: Record<Locale, (a: ArgName) => string> = {
    "zh-CN": (a) => ARG_NAMES_ZH[a],
    "en-US": (a) => a,
  };
  return names[locale](arg);
}

/** How a failure names its row, and how reasons are joined, per locale. */
export const PUNCTUATION: Record<Locale, { row: string; join: string }> = {
  "en-US": { row: " (row {row})", join: "; " },
  "zh-CN": { row: "（第 {row} 行）", join: "；" },
};

/** `3 rows × 1 column` / `3 行 × 1 列`. */
export function sizeText(rows: number, cols: number, locale: Locale): string {
  if (locale === "zh-CN") return `${rows} 行 × ${cols} 列`;
  return `${rows} ${rows === 1 ? "row" : "rows"} × ${cols} ${cols === 1 ? "column" : "columns"}`;
}

/** A message with its argument named; `other` in params is an ArgName, named the same way. */
export function message(
  key: MessageKey,
  arg: ArgName,
  locale: Locale,
  params: MessageParams = {},
): string {
  const values: Record<string, string | number | undefined> = {
    ...params,
    arg: argName(arg, locale),
  };
  if (key === "lengths" || key === "rowMissing") {
    values.other = argName(params.other as ArgName, locale);
  }
  return fill(TABLES[locale][key], values, { locale });
}

/** The next step of the collection schedule, by what `nextActionCode` says. */
export type ActionCode =
  | "nothing"
  | "disputed"
  | "promise"
  | "notDue"
  | "reminder"
  | "confirm"
  | "dueDay"
  | "level1"
  | "level2"
  | "level3"
  | "level4"
  | "level5";

const ACTIONS: Record<Locale, Record<ActionCode, string>> = {
  "en-US": {
    nothing: "Nothing to collect",
    disputed: "On hold: disputed",
    promise: "On hold: promised to pay by {date}",
    notDue: "Not due yet",
    reminder: "Send the pre-due reminder",
    confirm: "Confirm the payment date",
    dueDay: "Due: call or visit the customer",
    level1: "Send a payment reminder",
    level2: "Phone the customer",
    level3: "Send a written dunning notice",
    level4: "Visit the customer",
    level5: "Lawyer's letter, then legal action",
  },
  "zh-CN": {
    nothing: "无需催收",
    disputed: "暂停催收：有争议",
    promise: "暂停催收：客户承诺 {date} 前付款",
    notDue: "尚未到期",
    reminder: "发送到期提醒",
    confirm: "确认付款日期",
    dueDay: "已到期：电话或上门联系",
    level1: "发送付款提醒",
    level2: "电话催收",
    level3: "发出书面催款函",
    level4: "上门催收",
    level5: "发律师函，必要时起诉",
  },
};

export function actionText(code: ActionCode, locale: Locale, date = ""): string {
  const text = ACTIONS[locale][code];
  return code === "promise" ? text.replace("{date}", date) : text;
}

/** Headings of the aging table's first column and its total column and row. */
const TABLE_WORDS: Record<Locale, { customer: string; total: string }> = {
  "zh-CN": { customer: "客户", total: "合计" },
  "en-US": { customer: "Customer", total: "Total" },
};

export function tableWords(locale: Locale): { customer: string; total: string } {
  return TABLE_WORDS[locale];
}

/** The locale for an Office display language (`zh-CN`, `zh-TW`, `en-US`, `de-DE`…). */
export function localeOf(displayLanguage: string | null | undefined): Locale {
  return displayLanguage && /^zh\b/i.test(displayLanguage) ? "zh-CN" : "en-US";
}

/**
 * Why AR.EXPECTEDPAY gave its date, in a few words: the weights of the customer's own history
 * and of all customers', or the rule that applied.
 */
const BASIS_TEXT: Record<Locale, Record<string, string>> = {
  "en-US": {
    promise: "promised to pay on this date",
    noHistory: "no settled items yet: the due date (a rule)",
    noHistoryOverdue:
      "no settled items yet: assumed within {assumed, plural, one {# day} other {# days}} (a rule)",
    beyondHistory:
      "later than any past payment: assumed within {assumed, plural, one {# day} other {# days}}",
    levels3:
      "this customer {w}% ({n, plural, one {# payment} other {# payments}}) · this salesperson {ws}% · all customers {rest}%",
    levels2:
      "this customer {w}% ({n, plural, one {# payment} other {# payments}}) · all customers {rest}%",
  },
  "zh-CN": {
    promise: "承诺付款日",
    noHistory: "尚无已结清款项：按到期日（规则假定）",
    noHistoryOverdue: "尚无已结清款项：假定 {assumed} 天内（规则假定）",
    beyondHistory: "晚于以往所有回款：假定 {assumed} 天内",
    levels3: "该客户 {w}%（{n} 笔）· 该业务员 {ws}% · 全部客户 {rest}%",
    levels2: "该客户 {w}%（{n} 笔）· 全部客户 {rest}%",
  },
};

export function basisText(
  basis: "levels" | "noHistory" | "noHistoryOverdue" | "beyondHistory" | "promise",
  locale: Locale,
  figures: { weight: number; weightSalesperson?: number; n: number; assumed: number },
): string {
  const w = Math.round(figures.weight * 100);
  const ws = Math.round((figures.weightSalesperson ?? 0) * 100);
  // Anything but a rule is the credibility levels' weights.
  const rule = basis in BASIS_TEXT[locale] ? basis : null;
  const key = rule ?? (ws > 0 ? "levels3" : "levels2");
  return fill(
    BASIS_TEXT[locale][key],
    { w, ws, rest: 100 - w - ws, n: figures.n, assumed: figures.assumed },
    { locale },
  );
}
