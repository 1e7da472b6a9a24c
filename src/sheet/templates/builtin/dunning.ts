/**
 * The three dunning letters, one layout: the payment reminder (付款提醒函), the second notice
 * (催款函) and the final demand (最后催告函). They differ in the request they make; the notice
 * and the demand also invite disputes in writing and carry an acknowledgement of receipt.
 */
import { perLocale } from "../../../core/i18n";
import type { Locale } from "../../../core/messages";
import type { SheetSpec } from "../../spec";
import { TEMPLATE_SHEETS } from "./names";
import { bank, contact, debtTable, footer, head, senderSeal } from "./parts";
import { S, Sheet } from "./sheet";

export type DunningKind = "reminder" | "notice" | "final";

const T = perLocale({
  "zh-CN": {
    salutation: "{{customer.name}}：",
    address: "地址：{{customer.address}}",
    request: {
      reminder:
        "下表所列款项合计{{currency}} {{overdueTotal}}已到期，或因事务繁忙尚未安排，烦请近日支付；如已付款，请忽略本函。",
      notice:
        "截至{{asOf}}，下表所列款项合计{{currency}} {{overdueTotal}}（大写：{{overdueTotalInWords}}）已逾期，最长逾期{{daysOverdue}}天。请于收到本函之日起{{payDays}}日内付清，并说明逾期原因；逾期未付，我公司将暂停发货。",
      final:
        "截至{{asOf}}，下表所列款项合计{{currency}} {{overdueTotal}}（大写：{{overdueTotalInWords}}）已逾期，最长逾期{{daysOverdue}}天，经我公司多次催告仍未支付。{{interestClause}}请于{{payBy}}前付清{{totalDueNote}}{{currency}} {{totalDue}}（大写：{{totalDueInWords}}），否则我公司将依法提起诉讼（或仲裁），由此产生的诉讼费、保全费及合同约定的律师费由贵公司承担。",
    },
    total: "欠款合计",
    inWords: "大写：{{overdueTotalInWords}}",
    disputes:
      "如对上述款项有异议，请于收到本函后{{replyDays}}日内书面提出；无异议的部分请按期支付。",
    signOff: "{{company.name}}（盖章）",
    cut: "- - - - - - - - - - - - 送达回执 - - - - - - - - - - - -",
    receipt:
      "文书：{{title}}（编号 {{docNo}}）已收到。    签收人：__________    日期：__________    （盖章）",
  },
  "en-US": {
    salutation: "{{customer.name}}",
    address: "{{customer.address}}",
    request: {
      reminder:
        "The invoices listed below, {{currency}} {{overdueTotal}} in all, are now due. If payment is on its way, thank you; if not, please arrange it this week.",
      notice:
        "At {{asOf}}, {{currency}} {{overdueTotal}} is overdue, the oldest item by {{daysOverdue}} days. Please pay within {{payDays}} days of this letter (by {{payBy}}) or call us to agree a date. If it remains unpaid we will suspend further deliveries on credit.",
      final:
        "Despite our earlier letters, {{currency}} {{overdueTotal}} remains overdue, the oldest item by {{daysOverdue}} days. {{interestClause}} Unless {{currency}} {{totalDue}} {{totalDueNote}} is received by {{payBy}}, we will start proceedings without further notice.",
    },
    total: "Total overdue",
    inWords: "",
    disputes:
      "If you dispute any item, tell us in writing within {{replyDays}} days; please pay the undisputed part as asked.",
    signOff: "{{company.name}}",
    cut: "- - - - - - - - - - - - Acknowledgement of receipt - - - - - - - - - - - -",
    receipt: "Received: {{title}} No. {{docNo}}.    Name: __________    Date: __________    (seal)",
  },
});

export function dunning(kind: DunningKind, locale: Locale): SheetSpec {
  const t = T[locale];
  const s = new Sheet();
  head(s, locale);
  s.wide(t.salutation, S.bold);
  s.wide(t.address, S.para);
  s.blank();
  s.wide(t.request[kind], S.para, kind === "final" ? 96 : 60);
  s.blank();
  const { th } = debtTable(s, locale, t.total);
  s.wide(t.inWords, S.para);
  s.wide("{{heldNote}}", S.small, 30);
  if (kind !== "reminder") s.wide(t.disputes, S.para, 30);
  bank(s, locale);
  contact(s, locale);
  s.blank(16);
  senderSeal(s, locale, t.signOff);
  if (kind !== "reminder") {
    s.blank(16);
    s.wide(t.cut, S.cut);
    s.wide(t.receipt, S.para, 30);
  }
  const spec = s.done(TEMPLATE_SHEETS[locale][kind], footer(locale));
  spec.print!.titleRows = [th, th];
  return spec;
}
