/**
 * The strings of the pane's credit-control panels (issue 8) that load lazily: the order check
 * form and the schedule and register lines of Generate. Kept apart from strings.ts so the first
 * bundle does not carry them; the zh-CN table must have the same keys as the en-US one.
 */
import type { Locale } from "../core/messages";

const EN = {
  scheduleFound: "Payment schedule: sheet {sheet}",
  scheduleNone: "No payment schedule sheet yet: create one, fill in customer, date and amount.",
  scheduleCreate: "Create schedule sheet",
  scheduleRead:
    "Schedule {sheet}: {read} rows read, {imported} imported, {skipped} skipped, {rejected} rejected; letters for {letters} customers, {refused} refused.",
  registered: "Register: {rows} documents recorded.",
  orderTitle: "Order check",
  orderIntro:
    "May this order ship on credit? Checked against the customer's credit limit, overdue invoices and grade (default credit policy).",
  orderCustomer: "Customer",
  orderCustomerHint: "Code or name",
  orderAmount: "Amount",
  orderCurrency: "Currency",
  orderCurrencyAuto: "Default",
  orderCheck: "Check",
  orderChooseCustomer: "Choose a customer of the data.",
  orderBadAmount: "{value} is not a positive amount.",
  orderBadCurrency: "{value} is not a currency code (like CNY or USD).",
  orderVerdict: "Verdict",
  orderLimit: "Credit limit",
  orderExposure: "Exposure",
  orderBefore: "Headroom before",
  orderAfter: "Headroom after",
  orderGrade: "Grade",
  orderNone: "none",
  orderReasons: "Reasons",
  orderBlocking: "Blocking items",
  orderItem: "{ref}: {amount}, {days} days overdue",
} as const;

export type CreditStrings = Record<keyof typeof EN, string>;

const ZH: CreditStrings = {
  scheduleFound: "还款计划：工作表「{sheet}」",
  scheduleNone: "尚无还款计划表：请新建并填写客户、还款日期与还款金额。",
  scheduleCreate: "新建还款计划表",
  scheduleRead:
    "还款计划「{sheet}」：读取 {read} 行，导入 {imported}，跳过 {skipped}，未导入 {rejected}；{letters} 个客户生成承诺书，{refused} 个客户未生成。",
  registered: "文书登记簿：已登记 {rows} 份文书。",
  orderTitle: "订单信用审核",
  orderIntro: "该订单能否赊销？按客户的信用额度、逾期发票和信用等级检查（默认信用政策）。",
  orderCustomer: "客户",
  orderCustomerHint: "编码或名称",
  orderAmount: "订单金额",
  orderCurrency: "币种",
  orderCurrencyAuto: "默认",
  orderCheck: "审核",
  orderChooseCustomer: "请选择数据中的客户。",
  orderBadAmount: "{value} 不是正数金额。",
  orderBadCurrency: "{value} 不是币种代码（如 CNY、USD）。",
  orderVerdict: "结论",
  orderLimit: "信用额度",
  orderExposure: "占用额度",
  orderBefore: "下单前可用额度",
  orderAfter: "下单后可用额度",
  orderGrade: "信用等级",
  orderNone: "未设",
  orderReasons: "原因",
  orderBlocking: "暂停赊销的逾期款项",
  orderItem: "{ref}：{amount}，逾期 {days} 天",
};

const TABLES: Record<Locale, CreditStrings> = { "en-US": EN, "zh-CN": ZH };

export function creditStrings(locale: Locale): CreditStrings {
  return TABLES[locale];
}
