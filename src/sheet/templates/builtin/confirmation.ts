/**
 * The balance confirmation (企业询证函) an auditor asks for: the balance both ways at the as-of
 * date and the open invoices behind it, the reply address, and the slip the customer completes.
 */
import { perLocale } from "../../../core/i18n";
import type { Locale } from "../../../core/messages";
import type { SheetSpec } from "../../spec";
import { TEMPLATE_SHEETS } from "./names";
import { footer, head, partText, senderSeal } from "./parts";
import { S, SEAL, Sheet } from "./sheet";

const T = perLocale({
  "zh-CN": {
    salutation: "{{customer.name}}：",
    intro:
      "本公司聘请的{{auditor.name}}正在对本公司财务报表进行审计，按照中国注册会计师审计准则的要求，应当询证本公司与贵公司的往来账项等事项。下列信息出自本公司账簿记录，如与贵公司记录相符，请在本函下端“信息证明无误”处签章证明；如有不符，请在“信息不符”处列明不符项目及具体内容（包括本函未列示的项目）。回函请直接寄至{{auditor.name}}。",
    replyTo: "回函地址：{{replyTo.name}}，{{replyTo.address}}    邮编：{{replyTo.postcode}}",
    replyContact:
      "电话：{{replyTo.phone}}    联系人：{{replyTo.contact}}    邮箱：{{replyTo.email}}",
    balances: "1. 本公司与贵公司的往来账项列示如下（币种：{{currency}}）：",
    asOf: "截止日期",
    owedToUs: "贵公司欠本公司",
    owedByUs: "本公司欠贵公司",
    notes: "备注",
    items: "明细（未清发票）：",
    invoice: "发票号",
    date: "开票日期",
    dueDate: "到期日",
    open: "未收金额",
    other:
      "2. 其他事项：无。\n本函仅为复核账目之用，并非催款结算。若款项在上述日期之后已经付清，仍请及时函复为盼。",
    signOff: "{{company.name}}（盖章）",
    cut: "- - - - - - - - - - - - 以下由被询证单位填写 - - - - - - - - - - - -",
    agreed: "结论：1. 信息证明无误。",
    differs: "2. 信息不符，请列明不符项目及具体内容。",
    differsSignedBy: "（盖章）经办人：",
    replyDate: "年    月    日",
  },
  "en-US": {
    salutation: "{{customer.name}}",
    intro:
      "We have been asked by our auditors, {{auditor.name}}, to confirm the balance between us at {{asOf}}. The figures below are taken from our books. If they agree with your records, please sign and seal at “The information is correct”; if not, list the differences (including items not shown here) at “The information is not correct”. Please reply directly to our auditors.",
    replyTo: "Reply to: {{replyTo.name}}, {{replyTo.address}} {{replyTo.postcode}}",
    replyContact:
      "Phone: {{replyTo.phone}}    Contact: {{replyTo.contact}}    Email: {{replyTo.email}}",
    balances: "1. Balances between us (currency {{currency}}):",
    asOf: "As of",
    owedToUs: "Owed by you to us",
    owedByUs: "Owed by us to you",
    notes: "Notes",
    items: "Open invoices behind the balance:",
    invoice: "Invoice",
    date: "Date",
    dueDate: "Due date",
    open: "Open amount",
    other:
      "2. Other matters: none.\nThis is not a request for payment. Please reply even if the account has since been paid.",
    signOff: "{{company.name}} (seal)",
    cut: "- - - - - - - - - - - - To be completed by the customer - - - - - - - - - - - -",
    agreed: "1. The information is correct.",
    differs: "2. The information is not correct; our records show:",
    differsSignedBy: "(seal) Signed by:",
    replyDate: "Date:",
  },
});

export function confirmation(locale: Locale): SheetSpec {
  const t = T[locale];
  const p = partText(locale);
  const s = new Sheet();
  head(s, locale);
  s.wide(t.salutation, S.bold);
  s.wide(t.intro, S.para, 84);
  s.wide(t.replyTo, S.para);
  s.wide(t.replyContact, S.para);
  s.blank();
  s.wide(t.balances, S.bold);
  s.cells(
    [
      [t.asOf, S.th, 2],
      [t.owedToUs, S.th, 2],
      [t.owedByUs, S.th, 2],
      [t.notes, S.th, 2],
    ],
    30,
  );
  s.cells([
    ["{{asOf}}", S.date, 2],
    ["{{receivable}}", S.money, 2],
    ["{{payable}}", S.money, 2],
    ["{{note}}", S.td, 2],
  ]);
  s.blank();
  s.wide(t.items, S.bold);
  s.cells([
    [t.invoice, S.th, 2],
    [t.date, S.th, 2],
    [t.dueDate, S.th, 2],
    [t.open, S.th, 2],
  ]);
  s.cells([
    ["{{#items}}{{item.invoice}}", S.td, 2],
    ["{{item.date}}", S.date, 2],
    ["{{item.dueDate}}", S.date, 2],
    ["{{item.outstanding}}{{/items}}", S.money, 2],
  ]);
  s.blank();
  s.wide(t.other, S.para, 36);
  s.blank(16);
  senderSeal(s, locale, t.signOff);
  s.blank(16);
  s.wide(t.cut, S.cut);
  s.cells(
    [
      [t.agreed, S.bold, 4],
      [t.differs, S.bold, 4],
    ],
    30,
  );
  s.cells(
    [
      [p.seal, S.box, 2],
      [null, {}, 2],
      [null, S.box, 4],
    ],
    SEAL,
  );
  s.cells([
    [p.signedBy, {}, 4],
    [t.differsSignedBy, {}, 4],
  ]);
  s.cells([
    [t.replyDate, {}, 4],
    [t.replyDate, {}, 4],
  ]);
  return s.done(TEMPLATE_SHEETS[locale].confirmation, footer(locale));
}
