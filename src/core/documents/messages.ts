/**
 * The words document models carry, in zh-CN and en-US: collection-plan actions, dunning stages,
 * hold reasons, statement line types, aging bucket headings and the held-items note.
 */
import { fill, type MessageParams } from "../i18n";
import type { Locale } from "../messages";

/** The documents' other words, filled with core/i18n's `fill` (plurals by the locale). */
const TEXT = {
  "en-US": {
    bucketCurrent: "Current",
    bucketOver: "Over {over, plural, one {# day} other {# days}}",
    bucketRange: "{from}–{to, plural, one {# day} other {# days}}",
    listSeparator: ", ",
    heldNote:
      "{count, plural, one {One further item ({total}), disputed or with a payment promised, is not included in this letter.} other {# further items ({total} in all), disputed or with a payment promised, are not included in this letter.}}",
    unapplied: "Unapplied payment",
    notApplied: "not applied",
    appliedTo: "applied to {ref}",
    contract: "contract {contract}",
  },
  "zh-CN": {
    bucketCurrent: "未到期",
    bucketOver: "{over}天以上",
    bucketRange: "{from}–{to}天",
    listSeparator: "、",
    heldNote: "另有{count}笔款项（合计{total}）因存在争议或已承诺付款，暂未列入本函。",
    unapplied: "预收/未核销款",
    notApplied: "未核销",
    appliedTo: "核销 {ref}",
    contract: "合同 {contract}",
  },
} satisfies Record<Locale, Record<string, string>>;

export type DocumentTextKey = keyof (typeof TEXT)["en-US"];

/** Every key of the documents' words, for the tests that keep both locales complete. */
export const DOCUMENT_TEXT_KEYS = Object.keys(TEXT["en-US"]) as DocumentTextKey[];

/** One of the documents' words in `locale`, its parameters filled. */
export function documentText(
  key: DocumentTextKey,
  locale: Locale = "en-US",
  params: MessageParams = {},
): string {
  return fill(TEXT[locale][key], params, { locale });
}

/** Next-action codes of the collection plan, in the order of the reminder schedule and ladder. */
export const ACTION_CODES = [
  "preDueReminder",
  "confirmDate",
  "dueDayCall",
  "reminder",
  "phone",
  "writtenNotice",
  "visit",
  "legal",
  "holdDisputed",
  "holdPromise",
  "applyCredit",
  "none",
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

type Bilingual = Record<Locale, string>;

const ACTION_LABELS: Record<ActionCode, Bilingual> = {
  preDueReminder: { "zh-CN": "到期前提醒", "en-US": "Pre-due reminder" },
  confirmDate: { "zh-CN": "确认付款日期", "en-US": "Confirm payment date" },
  dueDayCall: { "zh-CN": "到期日电话或拜访", "en-US": "Due-date call or visit" },
  reminder: { "zh-CN": "逾期提醒", "en-US": "Overdue reminder" },
  phone: { "zh-CN": "电话催收", "en-US": "Phone call" },
  writtenNotice: { "zh-CN": "发送催款函", "en-US": "Written notice" },
  visit: { "zh-CN": "上门催收", "en-US": "Visit" },
  legal: { "zh-CN": "法律途径（律师函、起诉）", "en-US": "Legal action (lawyer's letter, suit)" },
  holdDisputed: {
    "zh-CN": "有争议：暂停催收，先解决争议",
    "en-US": "Disputed: on hold, resolve the dispute",
  },
  holdPromise: {
    "zh-CN": "已承诺付款：到期核实到账",
    "en-US": "Payment promised: check it arrives",
  },
  applyCredit: { "zh-CN": "核销或退还贷方余额", "en-US": "Apply or refund the credit" },
  none: { "zh-CN": "无需行动", "en-US": "No action" },
};

/** The label of a plan action. */
export function actionLabel(code: ActionCode, locale: Locale = "en-US"): string {
  return ACTION_LABELS[code][locale];
}

/** The plan action of a dunning level of the ladder (1 reminder … 5 and above legal). */
export function actionOfLevel(level: number): ActionCode {
  const codes: ActionCode[] = ["none", "reminder", "phone", "writtenNotice", "visit", "legal"];
  return codes[Math.min(Math.max(0, level), 5)];
}

/** Dunning-letter stages: A reminder, B notice, C final demand. */
export type DunningStage = "A" | "B" | "C";

const STAGE_TITLES: Record<DunningStage, Bilingual> = {
  A: { "zh-CN": "付款提醒函", "en-US": "Payment reminder" },
  B: { "zh-CN": "催款函", "en-US": "Second notice" },
  C: { "zh-CN": "最后催告函", "en-US": "Final demand" },
};

export function stageTitle(stage: DunningStage, locale: Locale = "en-US"): string {
  return STAGE_TITLES[stage][locale];
}

export type HoldReason = "disputed" | "promise";

const HOLD_LABELS: Record<HoldReason, Bilingual> = {
  disputed: { "zh-CN": "有争议", "en-US": "disputed" },
  promise: { "zh-CN": "已承诺付款", "en-US": "payment promised" },
};

export function holdLabel(reason: HoldReason, locale: Locale = "en-US"): string {
  return HOLD_LABELS[reason][locale];
}

/**
 * The letter's sentence about items left out, or "" when there are none. `total` is already
 * formatted by the caller's number format.
 */
export function heldNote(count: number, total: string, locale: Locale = "en-US"): string {
  if (count === 0) return "";
  return documentText("heldNote", locale, { count, total });
}

/** Statement line types. */
export type LineType = "opening" | "invoice" | "credit" | "payment";

const LINE_TYPES: Record<LineType, Bilingual> = {
  opening: { "zh-CN": "上期结转", "en-US": "Balance brought forward" },
  invoice: { "zh-CN": "销售发票", "en-US": "Invoice" },
  credit: { "zh-CN": "退货/折让", "en-US": "Credit note" },
  payment: { "zh-CN": "收款", "en-US": "Payment" },
};

export function lineTypeLabel(type: LineType, locale: Locale = "en-US"): string {
  return LINE_TYPES[type][locale];
}

/**
 * Heading of an aging bucket label of `bucketLabels` (`current`, `1-30`, `91+`, `0-30`):
 * 未到期, 1–30天, 90天以上 … in zh-CN; Current, 1–30 days, Over 90 days in en-US.
 */
export function bucketHeading(label: string, locale: Locale = "en-US"): string {
  if (label === "current") return documentText("bucketCurrent", locale);
  const plus = /^(\d+)\+$/.exec(label);
  if (plus) return documentText("bucketOver", locale, { over: Number(plus[1]) - 1 });
  const range = /^(\d+)-(\d+)$/.exec(label);
  if (range) return documentText("bucketRange", locale, { from: range[1], to: range[2] });
  return label;
}
