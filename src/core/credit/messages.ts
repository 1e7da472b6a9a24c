/**
 * The wording of the order check and of the collection log, in zh-CN and en-US, keyed by code.
 * Parameters are filled in by name (`{amount}`); a date parameter (a serial, named `next`,
 * `date`) is shown as ISO.
 */
import { isoFromSerial } from "../dates";
import { fill as fillMessage } from "../i18n";
import { atPlace, problemPlace, type Locale } from "../messages";
import type { ScheduleProblem, ScheduleProblemCode } from "./commitment";
import type { ReasonCode, Verdict } from "./order";
import type { ReviewStatus } from "./review";

const VERDICTS: Record<Locale, Record<Verdict, string>> = {
  "en-US": {
    ok: "OK",
    overLimit: "over limit",
    overdueBlocked: "overdue",
    prepaymentRequired: "prepayment required",
    noCredit: "no credit",
  },
  "zh-CN": {
    ok: "可以赊销",
    overLimit: "超出信用额度",
    overdueBlocked: "有逾期欠款",
    prepaymentRequired: "须预付款",
    noCredit: "无信用额度",
  },
};

const REASONS: Record<Locale, Record<ReasonCode, string>> = {
  "en-US": {
    "customer.unknown":
      "customer {customer} is not in the customer list or the invoices: no credit",
    "grade.prepayment": "grade {grade} buys only against prepayment",
    "grade.cashOnDelivery": "grade {grade} buys only cash on delivery",
    "grade.unlisted":
      "grade {grade} is not in the credit policy: the rule for ungraded customers applies",
    "limit.notSet": "no credit limit is set for this customer",
    "limit.zero": "the credit limit is 0 (grade {grade}): no credit",
    "limit.otherCurrency":
      "the credit limit is kept in {limitCurrency}, the order is in {currency}: no credit in {currency}",
    "limit.exceeded":
      "the order of {amount} exceeds the headroom of {before} (limit {limit}, exposure {exposure}) by {short}",
    "limit.alreadyOver":
      "already over the limit before this order: exposure {exposure}, limit {limit}",
    "limit.within": "headroom {before} before the order, {after} after it (limit {limit})",
    "limit.policy":
      "the credit policy sets the limit of grade {grade} to {limit} (recorded limit {recorded})",
    "overdue.blocking":
      "{items, plural, one {# overdue item} other {# overdue items}}, {amount} in all, the oldest {days, plural, one {# day} other {# days}} overdue, {items, plural, one {blocks} other {block}} sales on credit",
    "overdue.pastActBy": "{items} of them past the act-by date of the one-third rule",
    "overdue.disputed":
      "{items, plural, one {# overdue item ({amount}) is disputed and does} other {# overdue items ({amount}) are disputed and do}} not block",
    "overdue.belowMinimum": "overdue {amount} is within the tolerance of {minimum}",
    "review.overdue":
      "the credit review was due on {next}, {days, plural, one {# day} other {# days}} ago",
    "review.never": "no credit review date on record",
    "terms.longer":
      "the customer's terms ({customer, plural, one {# day} other {# days}}) are longer than its grade's ({grade, plural, one {# day} other {# days}})",
  },
  "zh-CN": {
    "customer.unknown": "客户 {customer} 既不在客户档案中也无发票：无信用额度",
    "grade.prepayment": "信用等级 {grade} 须款到发货",
    "grade.cashOnDelivery": "信用等级 {grade} 须货到付款",
    "grade.unlisted": "信用等级 {grade} 不在信用政策中：按未评级客户的规则处理",
    "limit.notSet": "该客户未设信用额度",
    "limit.zero": "信用额度为 0（等级 {grade}）：不予赊销",
    "limit.otherCurrency":
      "信用额度以 {limitCurrency} 计，订单币种为 {currency}：{currency} 无信用额度",
    "limit.exceeded":
      "订单金额 {amount} 超出可用额度 {before}（额度 {limit}，占用 {exposure}），超出 {short}",
    "limit.alreadyOver": "下单前已超额度：占用 {exposure}，额度 {limit}",
    "limit.within": "下单前可用额度 {before}，下单后 {after}（额度 {limit}）",
    "limit.policy": "信用政策将等级 {grade} 的额度定为 {limit}（客户档案额度 {recorded}）",
    "overdue.blocking": "有 {items} 笔逾期欠款，共 {amount}，最长逾期 {days} 天，暂停赊销",
    "overdue.pastActBy": "其中 {items} 笔已超过三分之一账期的最迟催收日",
    "overdue.disputed": "{items} 笔逾期款项（{amount}）有争议，不作为暂停赊销的依据",
    "overdue.belowMinimum": "逾期金额 {amount} 在容差 {minimum} 以内",
    "review.overdue": "信用复核应于 {next} 进行，已过 {days} 天",
    "review.never": "无信用复核日期记录",
    "terms.longer": "客户账期（{customer} 天）长于其信用等级的账期（{grade} 天）",
  },
};

const REVIEW: Record<Locale, Record<ReviewStatus, string>> = {
  "en-US": { overdue: "review overdue", due: "review due", never: "never reviewed" },
  "zh-CN": { overdue: "复核已逾期", due: "即将复核", never: "未复核" },
};

/** The verdict for people: `OK`, `over limit` … / 可以赊销、超出信用额度 … */
export function verdictLabel(v: Verdict, locale: Locale = "en-US"): string {
  return VERDICTS[locale][v];
}

export function reviewLabel(s: ReviewStatus, locale: Locale = "en-US"): string {
  return REVIEW[locale][s];
}

const DATE_PARAMS = new Set(["next", "date", "asOf"]);

/** The message of an order-check reason. */
export function reasonMessage(
  r: { code: ReasonCode; params: Record<string, string | number | null> },
  locale: Locale = "en-US",
): string {
  return fill(REASONS[locale][r.code], r.params, locale);
}

/** A credit message: core/i18n's fill, with date parameters (serials) written as ISO dates. */
export function fill(
  template: string,
  params: Record<string, string | number | null>,
  locale: Locale = "en-US",
): string {
  return fillMessage(template, params, {
    locale,
    format: (name, v) =>
      DATE_PARAMS.has(name) && typeof v === "number" ? isoFromSerial(v) : String(v),
  });
}

/** Every reason code, for tests that keep the tables complete. */
export const REASON_CODES = Object.keys(REASONS["en-US"]) as ReasonCode[];

const SCHEDULE: Record<Locale, Record<ScheduleProblemCode, string>> = {
  "en-US": {
    "schedule.blank": "blank row: skipped",
    "schedule.noCustomer": "no customer: instalment not read",
    "schedule.unknownCustomer":
      "customer {customer} is not in the invoices or the customer list: instalment not read",
    "schedule.noDate": "no date: instalment not read",
    "schedule.badDate": "{value} is not a date: instalment not read",
    "schedule.noAmount": "no amount: instalment not read",
    "schedule.badAmount": "{value} is not an amount: instalment not read",
    "schedule.notPositive": "an instalment is a positive amount, not {value}: instalment not read",
    "schedule.notAfterAsOf":
      "instalment on {date} is not after the as-of date {asOf}: no letter for this customer",
    "schedule.nothingOwed":
      "{customer} owes nothing to schedule (outstanding {outstanding}): no letter",
    "schedule.exceedsOutstanding":
      "the schedule reaches {total} here, more than the {outstanding} {customer} owes (by {excess}): no letter for this customer",
  },
  "zh-CN": {
    "schedule.blank": "空行：已跳过",
    "schedule.noCustomer": "缺少客户：该期未导入",
    "schedule.unknownCustomer": "客户 {customer} 不在发票或客户档案中：该期未导入",
    "schedule.noDate": "缺少还款日期：该期未导入",
    "schedule.badDate": "{value} 不是日期：该期未导入",
    "schedule.noAmount": "缺少还款金额：该期未导入",
    "schedule.badAmount": "{value} 不是金额：该期未导入",
    "schedule.notPositive": "每期还款金额须大于零，而非 {value}：该期未导入",
    "schedule.notAfterAsOf": "还款日期 {date} 不晚于截止日 {asOf}：该客户不生成承诺书",
    "schedule.nothingOwed": "{customer} 无欠款可安排还款（余额 {outstanding}）：不生成承诺书",
    "schedule.exceedsOutstanding":
      "还款计划累计至此为 {total}，超过 {customer} 的欠款余额 {outstanding}（多出 {excess}）：该客户不生成承诺书",
  },
};

/** Every schedule problem code, for tests that keep the tables complete. */
export const SCHEDULE_CODES = Object.keys(SCHEDULE["en-US"]) as ScheduleProblemCode[];

/** A schedule problem for people: where it is, then what it is. */
export function scheduleProblemText(p: ScheduleProblem, locale: Locale = "en-US"): string {
  const message = fill(SCHEDULE[locale][p.code], p.params);
  return atPlace(problemPlace(p, locale), message, locale);
}
