/**
 * The payment commitment (还款承诺书): the debtor's express acknowledgement of the debts listed
 * and its undertaking to pay them by the agreed instalments — under Civil Code Art. 195 the
 * debtor's agreement to perform interrupts limitation (DOCUMENTS §4) — with the consequences of
 * default, the creditor's account, and signature and seal places for both parties.
 */
import { perLocale } from "../../../core/i18n";
import type { Locale } from "../../../core/messages";
import type { SheetSpec } from "../../spec";
import { TEMPLATE_SHEETS } from "./names";
import { debtTable, footer, partText } from "./parts";
import { S, SEAL, Sheet } from "./sheet";

const T = perLocale({
  "zh-CN": {
    docLine: "编号：{{docNo}}",
    to: "致：{{company.name}}（债权人）",
    from: "承诺人（债务人）：{{customer.name}}",
    fromDetail:
      "地址：{{customer.address}}    联系人：{{customer.contact}}    电话：{{customer.phone}}",
    intro:
      "承诺人确认：截至{{asOf}}，承诺人因向贵公司购买货物，尚欠贵公司货款{{currency}} {{balance}}（大写：{{balanceInWords}}），明细见下表。承诺人对上述欠款的事实及金额予以确认，无任何异议，并承诺按本承诺书第二条的还款计划履行付款义务。",
    debts: "一、欠款确认",
    subtotal: "小计",
    unapplied: "未核销回款（预收款）",
    balance: "欠款余额",
    schedule: "二、还款计划",
    scheduleHead: ["期次", "约定还款日期", "本期还款金额", "累计还款金额", "剩余欠款"],
    total: "合计",
    scheduleNote:
      "以上还款计划合计{{currency}} {{scheduleTotal}}（大写：{{scheduleTotalInWords}}），分{{instalmentCount}}期，自{{firstDate}}至{{lastDate}}付清。还款计划以外的欠款余额为{{currency}} {{remainder}}，该部分仍按原合同约定的期限支付。",
    payment: "三、付款方式",
    bank: "承诺人将按期把款项汇入贵公司账户：户名 {{company.bank.accountName}}；开户行 {{company.bank.name}}；账号 {{company.bank.account}}。",
    default: "四、违约责任",
    defaultText:
      "承诺人任何一期未按期足额付款的，全部剩余欠款即视为到期，贵公司有权要求承诺人立即一次性付清，并按双方合同约定自原付款期限届满之日起计付逾期付款违约金（利息）至实际付清之日止；贵公司为实现债权所支出的诉讼费、保全费、律师费等费用由承诺人承担。",
    other: "五、其他",
    otherText:
      "本承诺书是承诺人对上述债务的明确确认及同意履行的意思表示。贵公司同意按上述计划收款，不视为放弃或变更原合同项下的任何权利，原合同其他约定继续有效。本承诺书一式两份，双方各执一份，自承诺人签章之日起生效；如多于一页，请加盖骑缝章。",
    debtor: "承诺人（债务人）：{{customer.name}}（盖章）",
    creditor: "债权人确认：{{company.name}}（盖章）",
    debtorSign: "法定代表人或授权代表（签字）：",
    creditorSign: "经办人：",
    signDate: "日期：      年      月      日",
    /** Row heights of the paragraphs, for the length of their text in this language. */
    heights: { intro: 48, scheduleNote: 34, bank: 34, defaultText: 50, otherText: 50 },
  },
  "en-US": {
    docLine: "No. {{docNo}}",
    to: "To: {{company.name}} (the Creditor)",
    from: "From: {{customer.name}} (the Debtor)",
    fromDetail:
      "Address: {{customer.address}}    Contact: {{customer.contact}}    Phone: {{customer.phone}}",
    intro:
      "We, {{customer.name}}, acknowledge that at {{asOf}} we owe you {{currency}} {{balance}} for goods supplied, as itemised below. We do not dispute this debt or its amount, and we undertake to pay it in the instalments set out in section 2.",
    debts: "1. Debts acknowledged",
    subtotal: "Subtotal",
    unapplied: "Unapplied cash",
    balance: "Balance owed",
    schedule: "2. Payment schedule",
    scheduleHead: ["No.", "Date", "Amount", "Cumulative", "Balance after"],
    total: "Total",
    scheduleNote:
      "Instalments: {{instalmentCount}}, from {{firstDate}} to {{lastDate}}, {{currency}} {{scheduleTotal}} in all. The balance not scheduled, {{currency}} {{remainder}}, remains payable on the original terms.",
    payment: "3. Payment",
    bank: "We will pay each instalment on its date to: {{company.bank.accountName}}, {{company.bank.name}}, account {{company.bank.account}}.",
    default: "4. Default",
    defaultText:
      "If any instalment is not paid in full on its date, the whole balance then unpaid falls due at once without further notice, and late-payment interest under our contract accrues on it from its original due date until it is paid. The costs of recovery, including court, preservation and legal fees, are for our account.",
    other: "5. General",
    otherText:
      "This letter is our express acknowledgement of the debt and our agreement to pay it. Your acceptance of this schedule waives and varies none of your rights under our contract, whose other terms continue to apply. Made in two copies, one for each party, effective when signed and sealed by us. If it runs to more than one page, please seal across the pages.",
    debtor: "For the Debtor: {{customer.name}}",
    creditor: "Acknowledged by the Creditor: {{company.name}}",
    debtorSign: "Authorised signatory:",
    creditorSign: "Signed by:",
    signDate: "Date:",
    heights: { intro: 46, scheduleNote: 32, bank: 30, defaultText: 48, otherText: 48 },
  },
});

export function commitment(locale: Locale): SheetSpec {
  const t = T[locale];
  const h = t.heights;
  const seal = partText(locale).seal;
  const s = new Sheet();
  s.wide("{{title}}", S.title, 40);
  s.wide(t.docLine, S.docNo);
  s.blank();
  s.wide(t.to, S.bold, 20);
  s.wide(t.from, S.bold, 20);
  s.wide(t.fromDetail, S.para);
  s.blank();
  s.wide(t.intro, S.para, h.intro);
  s.blank();
  s.wide(t.debts, S.bold, 20);
  const { th, first } = debtTable(s, locale, t.subtotal);
  s.cells([
    [t.unapplied, S.td, 6],
    ["{{unapplied}}", S.money, 1],
    [null, S.td, 1],
  ]);
  s.cells([
    [t.balance, S.th, 6],
    [{ formula: `G${first + 1}+G${first + 2}` }, S.total, 1],
    [null, S.td, 1],
  ]);
  s.blank();
  s.wide(t.schedule, S.bold, 20);
  const [no, date, amount, cumulative, after] = t.scheduleHead;
  s.cells(
    [
      [no, S.th, 1],
      [date, S.th, 2],
      [amount, S.th, 2],
      [cumulative, S.th, 2],
      [after, S.th, 1],
    ],
    30,
  );
  const inst = s.next;
  s.cells([
    ["{{#instalments}}{{index}}", { ...S.int, align: "center" }, 1],
    ["{{instalment.date}}", S.date, 2],
    ["{{instalment.amount}}", S.money, 2],
    ["{{instalment.cumulative}}", S.money, 2],
    ["{{instalment.remaining}}{{/instalments}}", S.money, 1],
  ]);
  s.cells([
    [t.total, S.th, 3],
    [{ formula: `SUM(D${inst}:D${inst})` }, S.total, 2],
    [null, S.td, 2],
    [null, S.td, 1],
  ]);
  s.wide(t.scheduleNote, S.para, h.scheduleNote);
  s.blank();
  s.wide(t.payment, S.bold, 20);
  s.wide(t.bank, S.para, h.bank);
  s.wide(t.default, S.bold, 20);
  s.wide(t.defaultText, S.para, h.defaultText);
  s.wide(t.other, S.bold, 20);
  s.wide(t.otherText, S.para, h.otherText);
  s.blank(16);
  s.cells([
    [t.debtor, S.bold, 4],
    [t.creditor, S.bold, 4],
  ]);
  s.cells(
    [
      [seal, S.box, 2],
      [null, {}, 2],
      [seal, S.box, 2],
      [null, {}, 2],
    ],
    SEAL,
  );
  s.cells(
    [
      [t.debtorSign, {}, 4],
      [t.creditorSign, {}, 4],
    ],
    24,
  );
  s.cells(
    [
      [t.signDate, {}, 4],
      [t.signDate, {}, 4],
    ],
    24,
  );
  const spec = s.done(TEMPLATE_SHEETS[locale].commitment, footer(locale));
  spec.print!.titleRows = [th, th];
  return spec;
}
