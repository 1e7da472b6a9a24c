/**
 * The blocks several built-in templates share: the heading, the seal blocks, the table of
 * debts, the sender's sign-off, the bank and contact lines, a statement's end, the footer.
 */
import { perLocale } from "../../../core/i18n";
import type { Locale } from "../../../core/messages";
import type { SheetSpec } from "../../spec";
import { TEMPLATE_SHEETS } from "./names";
import { letterDate, S, SEAL, type Sheet } from "./sheet";

const T = perLocale({
  "zh-CN": {
    footer: "&L{{company.name}}&C{{title}}&R第 {{page}} / {{pages}} 页",
    docLine: "编号：{{docNo}}    日期：{{issueDate}}",
    seal: "（盖章处）",
    signedBy: "经办人：",
    date: "日期：",
    dated: "日期：{{issueDate}}",
    debtHead: ["合同号", "发票号", "开票日期", "到期日", "金额", "已付", "欠款", "逾期天数"],
    bank: "收款账户：户名 {{company.bank.accountName}}；开户行 {{company.bank.name}}；账号 {{company.bank.account}}",
    contact: "联系人：{{company.contact}}    电话：{{company.phone}}    邮箱：{{company.email}}",
    statementOurs: "本公司：{{company.name}}（盖章）",
    statementTheirs: "贵公司确认：□ 核对无误  □ 有差异（请列明）",
  },
  "en-US": {
    footer: "&L{{company.name}}&C{{title}}&RPage {{page}} of {{pages}}",
    docLine: "No. {{docNo}}    Date: {{issueDate}}",
    seal: "(seal)",
    signedBy: "Signed by:",
    date: "Date:",
    dated: "Date: {{issueDate}}",
    debtHead: ["Contract", "Invoice", "Date", "Due date", "Amount", "Paid", "Owed", "Days overdue"],
    bank: "Pay to: {{company.bank.accountName}}, {{company.bank.name}}, account {{company.bank.account}}",
    contact: "Contact: {{company.contact}}    Phone: {{company.phone}}    Email: {{company.email}}",
    statementOurs: "For {{company.name}}",
    statementTheirs: "Customer: □ Agreed  □ Differences (listed)",
  },
});

/** The page footer of every built-in template: company, title, page of pages. */
export function footer(locale: Locale): string {
  return T[locale].footer;
}

/** The words of the shared blocks (the seal box, "signed by", …) for a template's own rows. */
export function partText(locale: Locale): (typeof T)[Locale] {
  return T[locale];
}

export function head(s: Sheet, locale: Locale): void {
  s.wide("{{company.name}}", S.company, 20)
    .wide("{{title}}", S.title, 34)
    .wide(T[locale].docLine, S.docNo)
    .blank();
}

/** The two seal blocks side by side: ours and the customer's. */
export function seals(s: Sheet, ours: string, theirs: string, locale: Locale): void {
  const t = T[locale];
  s.cells([
    [ours, S.bold, 4],
    [theirs, S.bold, 4],
  ]);
  s.cells(
    [
      [t.seal, S.box, 2],
      [null, {}, 2],
      [t.seal, S.box, 2],
      [null, {}, 2],
    ],
    SEAL,
  );
  s.cells([
    [t.signedBy, {}, 4],
    [t.signedBy, {}, 4],
  ]);
  s.cells([
    [t.dated, {}, 4],
    [t.date, {}, 4],
  ]);
}

/**
 * The table of debts a dunning or commitment letter lists: contract, invoice, dates, amount,
 * paid, owed, days overdue; one `{{#items}}` row and a total of what is owed. Returns the header
 * row (repeated on each printed page) and the item row.
 */
export function debtTable(
  s: Sheet,
  locale: Locale,
  totalLabel: string,
): { th: number; first: number } {
  const th = s.next;
  s.row(
    T[locale].debtHead.map((h) => ({ value: h, ...S.th })),
    30,
  );
  const first = s.next;
  s.row([
    { value: "{{#items}}{{item.contract}}", ...S.td },
    { value: "{{item.invoice}}", ...S.td },
    { value: "{{item.date}}", ...S.date },
    { value: "{{item.dueDate}}", ...S.date },
    { value: "{{item.amount}}", ...S.money },
    { value: "{{item.paid}}", ...S.money },
    { value: "{{item.outstanding}}", ...S.money },
    { value: "{{item.daysOverdue}}{{/items}}", ...S.int },
  ]);
  s.cells([
    [totalLabel, S.th, 6],
    [{ formula: `SUM(G${first}:G${first})` }, S.total, 1],
    [null, S.td, 1],
  ]);
  return { th, first };
}

/** The sender's sign-off at the right: `signOff` (company name, seal), the seal box, the date. */
export function senderSeal(s: Sheet, locale: Locale, signOff: string): void {
  s.cells([
    [null, {}, 4],
    [signOff, S.bold, 4],
  ]);
  s.cells(
    [
      [null, {}, 5],
      [T[locale].seal, S.box, 2],
    ],
    SEAL,
  );
  s.cells([
    [null, {}, 4],
    ["{{issueDate}}", letterDate(locale), 4],
  ]);
}

export function bank(s: Sheet, locale: Locale): void {
  s.wide(T[locale].bank, S.para, 30);
}

export function contact(s: Sheet, locale: Locale): void {
  s.wide(T[locale].contact, S.para);
}

/** A statement's end: contact, both parties' seals, the print setup with the table header repeated. */
export function closeStatement(
  s: Sheet,
  locale: Locale,
  kind: "statement" | "activity",
  th: number,
): SheetSpec {
  contact(s, locale);
  s.blank(16);
  seals(s, T[locale].statementOurs, T[locale].statementTheirs, locale);
  const spec = s.done(TEMPLATE_SHEETS[locale][kind], footer(locale));
  spec.print!.titleRows = [th, th];
  return spec;
}
