/**
 * The open-item statement (客户对账单): the balance, its open invoices with a running balance,
 * unapplied cash, the aging of the balance, and a slip for the customer to confirm it.
 */
import { perLocale } from "../../../core/i18n";
import type { Locale } from "../../../core/messages";
import type { SheetSpec } from "../../spec";
import { bank, closeStatement, head } from "./parts";
import { S, Sheet } from "./sheet";

const T = perLocale({
  "zh-CN": {
    salutation: "{{customer.name}}：",
    intro:
      "截至{{asOf}}，贵公司尚欠我公司货款{{currency}} {{balance}}（大写：{{balanceInWords}}），{{overdueClause}}本对账单不影响我公司依合同主张逾期付款违约金的权利。",
    customerCode: "客户编码：{{customer.code}}",
    salesperson: "业务员：{{customer.salesperson}}",
    currency: "币种：{{currency}}",
    head: ["发票号", "开票日期", "到期日", "原金额", "已收", "未收", "逾期天数", "累计余额"],
    total: "合计",
    unapplied: "未核销回款（预收款）",
    balance: "应收余额",
    aging: "账龄分析",
    agingDays: "账龄（天）",
    agingAmount: "金额",
    reply:
      "请核对上述内容，并于{{replyDays}}日内（{{replyBy}}前）签章回传；如有差异，请在下方列明。",
  },
  "en-US": {
    salutation: "{{customer.name}}",
    intro:
      "Balance due at {{asOf}}: {{currency}} {{balance}}. {{overdueClause}} If you do not recognise an item, tell us within {{replyDays}} days. This statement does not waive any late-payment charge under our contract.",
    customerCode: "Customer code: {{customer.code}}",
    salesperson: "Salesperson: {{customer.salesperson}}",
    currency: "Currency: {{currency}}",
    head: [
      "Invoice",
      "Date",
      "Due date",
      "Amount",
      "Received",
      "Open",
      "Days overdue",
      "Running balance",
    ],
    total: "Total",
    unapplied: "Unapplied cash",
    balance: "Balance",
    aging: "Aging",
    agingDays: "Days overdue",
    agingAmount: "Amount",
    reply:
      "Please check the items above and return this statement, signed, within {{replyDays}} days (by {{replyBy}}); list any differences below.",
  },
});

export function statement(locale: Locale): SheetSpec {
  const t = T[locale];
  const s = new Sheet();
  head(s, locale);
  s.wide(t.salutation, S.bold);
  s.wide(t.intro, S.para, 48);
  s.cells([
    [t.customerCode, {}, 3],
    [t.salesperson, {}, 3],
    [t.currency, {}, 2],
  ]);
  s.blank();
  const th = s.next;
  s.row(
    t.head.map((h) => ({ value: h, ...S.th })),
    30,
  );
  const first = s.next;
  s.row([
    { value: "{{#items}}{{item.invoice}}", ...S.td },
    { value: "{{item.date}}", ...S.date },
    { value: "{{item.dueDate}}", ...S.date },
    { value: "{{item.amount}}", ...S.money },
    { value: "{{item.paid}}", ...S.money },
    { value: "{{item.outstanding}}", ...S.money },
    { value: "{{item.daysOverdue}}", ...S.int },
    { value: "{{item.cumulative}}{{/items}}", ...S.money },
  ]);
  const sum = (c: string) => ({ value: { formula: `SUM(${c}${first}:${c}${first})` }, ...S.total });
  s.row([
    { value: t.total, ...S.th },
    { value: null, ...S.td },
    { value: null, ...S.td },
    sum("D"),
    sum("E"),
    sum("F"),
    { value: null, ...S.td },
    { value: null, ...S.td },
  ]);
  s.cells([
    [t.unapplied, S.td, 5],
    ["{{unapplied}}", S.money, 1],
    [null, S.td, 2],
  ]);
  s.cells([
    [t.balance, S.th, 5],
    [{ formula: `F${first + 1}+F${first + 2}` }, S.total, 1],
    [null, S.td, 2],
  ]);
  s.blank();
  s.wide(t.aging, S.bold);
  s.cells([
    [t.agingDays, S.th, 2],
    [t.agingAmount, S.th, 2],
  ]);
  s.cells([
    ["{{#buckets}}{{bucket.label}}", S.td, 2],
    ["{{bucket.amount}}{{/buckets}}", S.money, 2],
  ]);
  s.blank();
  bank(s, locale);
  s.wide(t.reply, S.para, 30);
  return closeStatement(s, locale, "statement", th);
}
