/**
 * The wording of insight's reasons, in zh-CN and en-US, keyed by code: why a pay date was
 * expected (`basis.*`), why an item is expected never to be paid (`never.*`), and why a risk
 * grade was suggested (`grade.*`). The core returns codes and parameters; these tables turn them
 * into sentences, as src/core/messages.ts does for problems.
 */
import type { Locale } from "../messages";
import { fill } from "../i18n";
import type { Grade } from "./grade";

export type InsightCode =
  | "basis.delay"
  | "basis.customer"
  | "basis.customerNone"
  | "basis.salesperson"
  | "basis.portfolio"
  | "basis.noHistory"
  | "basis.noHistoryOverdue"
  | "basis.beyondHistory"
  | "basis.disputed"
  | "basis.promise"
  | "never.fullyProvided"
  | "never.beyondHistory"
  | "grade.late"
  | "grade.sliding"
  | "grade.overLimit"
  | "grade.nearLimit"
  | "grade.overdue"
  | "grade.overdueShare"
  | "grade.thinHistory"
  | "grade.good"
  | "grade.differs"
  | "grade.recordedUnknown";

type Table = Record<InsightCode, string>;

const EN: Table = {
  "basis.delay":
    "expected {delay, plural, one {# day} other {# days}} after the due date ({days, plural, one {# day} other {# days}} overdue today)",
  "basis.customer":
    "{n} of this customer's past payments came at least this late, typically {median, plural, one {# day} other {# days}} after the due date (weight {weight}%)",
  "basis.customerNone": "no past payment of this customer came this late",
  "basis.salesperson":
    "the salesperson's customers: {n, plural, one {# such payment} other {# such payments}}, typically {median, plural, one {# day} other {# days}} after the due date (weight {weight}%)",
  "basis.portfolio":
    "all customers: {n, plural, one {# such payment} other {# such payments}}, typically {median, plural, one {# day} other {# days}} after the due date (weight {weight}%)",
  "basis.noHistory": "no settled items to learn from yet: the due date (a rule, not a forecast)",
  "basis.noHistoryOverdue":
    "{days, plural, =0 {due today and unpaid} one {# day overdue} other {# days overdue}} and no settled items to learn from yet: assumed within {assumed, plural, one {# day} other {# days}} (a rule, not a forecast)",
  "basis.beyondHistory":
    "{days, plural, one {# day} other {# days}} overdue, later than any past payment: assumed within {assumed, plural, one {# day} other {# days}}",
  "basis.disputed":
    "disputed: disputed items have been paid {shift, plural, one {# day} other {# days}} later than others",
  "basis.promise":
    "the customer promised to pay on {date}: expected then ({days, plural, one {# day} other {# days}} overdue today)",
  "never.fullyProvided":
    "{age, plural, one {# day} other {# days}} old: in the 100% band of the provision ladder",
  "never.beyondHistory":
    "{days, plural, one {# day} other {# days}} overdue, later than any payment in the history (the latest came {max, plural, one {# day} other {# days}} after the due date)",
  "grade.late":
    "pays {days, plural, one {# day} other {# days}} late on average (weighted by amount); {onTime}% paid on time",
  "grade.sliding":
    "paying later lately: {recent, plural, one {# day} other {# days}} late on average in the last {window, plural, one {# day} other {# days}}, {earlier} before",
  "grade.overLimit": "over the credit limit: exposure is {utilisation}% of it",
  "grade.nearLimit": "close to the credit limit: exposure is {utilisation}% of it",
  "grade.overdue": "oldest overdue item is {days, plural, one {# day} other {# days}} past due",
  "grade.overdueShare": "{share}% of the balance is overdue",
  "grade.thinHistory":
    "only {n, plural, one {# settled item} other {# settled items}}: payment behaviour not scored",
  "grade.good": "pays on time, within its limit, nothing long overdue",
  "grade.differs": "the customer list records grade {recorded}; suggested {suggested}",
  "grade.recordedUnknown": "recorded grade {recorded} is not on the A–D scale: not compared",
};

const ZH: Table = {
  "basis.delay": "预计在到期日后 {delay} 天回款（目前逾期 {days} 天）",
  "basis.customer":
    "该客户过去有 {n} 笔回款至少晚到这个程度，通常在到期日后 {median} 天（权重 {weight}%）",
  "basis.customerNone": "该客户过去没有这么晚的回款",
  "basis.salesperson":
    "同一业务员的客户：{n} 笔这样的回款，通常在到期日后 {median} 天（权重 {weight}%）",
  "basis.portfolio": "全部客户：{n} 笔这样的回款，通常在到期日后 {median} 天（权重 {weight}%）",
  "basis.noHistory": "尚无已结清的款项可供参考：按到期日（规则假定，非预测）",
  "basis.noHistoryOverdue":
    "{days, plural, =0 {今天到期、尚未回款} other {已逾期 {days} 天}}，尚无已结清的款项可供参考：假定 {assumed} 天内回款（规则假定，非预测）",
  "basis.beyondHistory": "已逾期 {days} 天，晚于以往任何一笔回款：假定 {assumed} 天内回款",
  "basis.disputed": "有争议：以往有争议的款项比其他款项晚 {shift} 天回款",
  "basis.promise": "客户承诺于 {date} 付款：按承诺日预计（目前逾期 {days} 天）",
  "never.fullyProvided": "账龄 {age} 天：已在坏账计提比例 100% 的区间",
  "never.beyondHistory": "已逾期 {days} 天，晚于历史上任何一笔回款（最晚一笔在到期日后 {max} 天）",
  "grade.late": "按金额加权平均迟付 {days} 天；按时付款占 {onTime}%",
  "grade.sliding": "近期付款变慢：最近 {window} 天平均迟付 {recent} 天，此前 {earlier} 天",
  "grade.overLimit": "超出信用额度：占用为额度的 {utilisation}%",
  "grade.nearLimit": "接近信用额度：占用为额度的 {utilisation}%",
  "grade.overdue": "最早一笔逾期款已逾期 {days} 天",
  "grade.overdueShare": "余额中 {share}% 已逾期",
  "grade.thinHistory": "仅有 {n} 笔已结清款项：未评估付款表现",
  "grade.good": "按时付款，未超额度，无长期逾期",
  "grade.differs": "客户档案记录的等级为 {recorded}，建议等级为 {suggested}",
  "grade.recordedUnknown": "档案等级 {recorded} 不是 A–D 等级：未比较",
};

const TABLES: Record<Locale, Table> = { "en-US": EN, "zh-CN": ZH };

/** Every code, for tests and for tools that list them. */
export const INSIGHT_CODES = Object.keys(EN) as InsightCode[];

/**
 * The sentence of a reason in a locale; parameters fill `{name}` (a missing one leaves nothing).
 *
 * @example
 * insightMessage({ code: "grade.overdue", params: { days: 75 } }) //=> "oldest overdue item is 75 days past due"
 */
export function insightMessage(
  reason: { code: string; params: Record<string, string | number> },
  locale: Locale = "en-US",
): string {
  const template = TABLES[locale][reason.code as InsightCode];
  if (template === undefined) return reason.code;
  return fill(template, reason.params, { locale });
}

const GRADE_WORDS: Record<Locale, Record<Grade, string>> = {
  "en-US": { A: "low risk", B: "moderate risk", C: "high risk", D: "very high risk" },
  "zh-CN": { A: "低风险", B: "中等风险", C: "高风险", D: "很高风险" },
};

/** What a grade means, in words. */
export function gradeWords(grade: Grade, locale: Locale = "en-US"): string {
  return GRADE_WORDS[locale][grade];
}
