/**
 * The activity statement (往来对账单) of a period: opening balance, every invoice, payment and
 * credit note with a running balance, the period's totals and the closing balance.
 */
import { perLocale } from "../../../core/i18n";
import type { Locale } from "../../../core/messages";
import type { CellStyle, SheetSpec } from "../../spec";
import { bank, closeStatement, head } from "./parts";
import { S, Sheet } from "./sheet";

const T = perLocale({
  "zh-CN": {
    salutation: "{{customer.name}}：",
    period:
      "对账期间：{{period.from}} 至 {{period.to}}    客户编码：{{customer.code}}    业务员：{{customer.salesperson}}    币种：{{currency}}",
    opening: "期初余额",
    invoiced: "本期应收",
    received: "本期回款",
    creditNotes: "退货/折让",
    closing: "期末余额",
    closingNote: "期末余额大写：{{balanceInWords}}。{{overdueClause}}",
    head: ["日期", "单据类型", "单据号", "摘要", "应收（借方）", "已收（贷方）", "余额"],
    broughtForward: "上期结转",
    totals: "本期合计",
    reply:
      "请核对上述往来，并于{{replyDays}}日内签章回传；如有差异，请列明。本对账单不影响我公司依合同主张逾期付款违约金的权利。",
  },
  "en-US": {
    salutation: "{{customer.name}}",
    period:
      "Period {{period.from}} to {{period.to}}    Customer code {{customer.code}}    Salesperson {{customer.salesperson}}    Currency {{currency}}",
    opening: "Opening balance",
    invoiced: "Invoiced",
    received: "Received",
    creditNotes: "Credit notes",
    closing: "Closing balance",
    closingNote: "{{overdueClause}}",
    head: ["Date", "Type", "Document", "Description", "Debit", "Credit", "Balance"],
    broughtForward: "Brought forward",
    totals: "Totals",
    reply:
      "Please check the entries above and return this statement, signed, within {{replyDays}} days, listing any differences. This statement does not waive any late-payment charge under our contract.",
  },
});

export function activity(locale: Locale): SheetSpec {
  const t = T[locale];
  const s = new Sheet();
  head(s, locale);
  s.wide(t.salutation, S.bold);
  s.wide(t.period, S.para, 30);
  s.cells([
    [t.opening, S.th, 2],
    [t.invoiced, S.th, 2],
    [t.received, S.th, 1],
    [t.creditNotes, S.th, 1],
    [t.closing, S.th, 2],
  ]);
  s.cells([
    ["{{openingBalance}}", S.money, 2],
    ["{{totals.invoiced}}", S.money, 2],
    ["{{totals.received}}", S.money, 1],
    ["{{totals.creditNotes}}", S.money, 1],
    ["{{closingBalance}}", S.total, 2],
  ]);
  s.wide(t.closingNote, S.para);
  s.blank();
  const th = s.next;
  s.cells(
    t.head.map((h, k) => [h, S.th, k === 3 ? 2 : 1] as [string, CellStyle, number]),
    30,
  );
  const open = s.next;
  s.cells([
    ["{{period.from}}", S.date, 1],
    [t.broughtForward, S.td, 1],
    [null, S.td, 1],
    [null, S.td, 2],
    [null, S.money, 1],
    [null, S.money, 1],
    ["{{openingBalance}}", S.money, 1],
  ]);
  const first = s.next;
  s.cells([
    ["{{#lines}}{{line.date}}", S.date, 1],
    ["{{line.type}}{{/lines}}", S.td, 1],
    ["{{line.docNo}}", S.td, 1],
    ["{{line.summary}}", S.td, 2],
    ["{{line.debit}}", S.money, 1],
    ["{{line.credit}}", S.money, 1],
    [{ formula: `H${first - 1}+F${first}-G${first}` }, S.money, 1],
  ]);
  s.cells([
    [t.totals, S.th, 5],
    [{ formula: `SUM(F${first}:F${first})` }, S.total, 1],
    [{ formula: `SUM(G${first}:G${first})` }, S.total, 1],
    [{ formula: `H${open}+F${first + 1}-G${first + 1}` }, S.total, 1],
  ]);
  s.blank();
  bank(s, locale);
  s.wide(t.reply, S.para, 36);
  return closeStatement(s, locale, "activity", th);
}
