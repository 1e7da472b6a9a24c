/**
 * The built-in templates, zh-CN and en-US: ordinary sheets with placeholders, laid out for A4
 * portrait (2 cm margins, one page wide), following docs/DOCUMENTS.md. Users install them into a
 * workbook, edit them there like any sheet, and their edited copy wins.
 */
import type { Locale } from "../../core/messages";
import type { CellStyle, SheetSpec, SpecCell, SpecRow } from "../spec";
import type { TemplateKind } from "./fields";

const COLS = 8;
const WIDTHS = [13, 12, 12, 12, 13, 13, 13, 12];
const MONEY = "#,##0.00;[Red]-#,##0.00";
const DATE = "yyyy-mm-dd";

const THIN = { top: "thin", bottom: "thin", left: "thin", right: "thin" } as const;
const S = {
  company: { bold: true, size: 12, align: "center" },
  title: { bold: true, size: 18, align: "center", valign: "middle" },
  docNo: { align: "right", size: 10 },
  para: { wrap: true, valign: "top", size: 11 },
  bold: { bold: true, size: 11 },
  th: { bold: true, fill: "F2F2F2", border: THIN, align: "center", valign: "middle", wrap: true },
  td: { border: THIN, size: 10 },
  money: { border: THIN, size: 10, format: MONEY },
  date: { border: THIN, size: 10, format: DATE, align: "center" },
  int: { border: THIN, size: 10, format: "0", align: "right" },
  total: { bold: true, border: THIN, size: 10, format: MONEY },
  box: { border: THIN, valign: "top", size: 10, wrap: true },
  small: { size: 9, italic: true, color: "595959", wrap: true },
  cut: { align: "center", color: "7F7F7F", size: 9 },
} satisfies Record<string, CellStyle>;

/** Builds a letter row by row on an 8-column A4 grid. */
class Sheet {
  readonly rows: SpecRow[] = [];
  readonly heights: (number | undefined)[] = [];
  readonly merges: string[] = [];

  /** 1-based number of the next row. */
  get next(): number {
    return this.rows.length + 1;
  }

  /** A row of cells; `spans` merges cells: [[firstCol, lastCol], ...] 1-based. */
  row(cells: (SpecCell | null)[], height?: number, spans: [number, number][] = []): this {
    const r = this.next;
    this.rows.push(cells);
    this.heights.push(height);
    for (const [a, b] of spans) this.merges.push(`${col(a)}${r}:${col(b)}${r}`);
    return this;
  }

  /** One cell across the whole width. */
  wide(text: string, style: CellStyle = S.para, height?: number): this {
    return this.row([{ value: text, ...style }], height, [[1, COLS]]);
  }

  blank(height = 8): this {
    return this.row([], height);
  }

  /** Pairs of [text, style, span] laid left to right. */
  cells(parts: [string | SpecCell["value"], CellStyle, number][], height?: number): this {
    const cells: (SpecCell | null)[] = [];
    const spans: [number, number][] = [];
    let c = 1;
    for (const [value, style, span] of parts) {
      cells[c - 1] = { value, ...style };
      for (let k = 1; k < span; k++) cells[c - 1 + k] = { value: null, ...style };
      if (span > 1) spans.push([c, c + span - 1]);
      c += span;
    }
    return this.row(cells, height, spans);
  }

  done(name: string, footer: string): SheetSpec {
    return {
      name,
      widths: WIDTHS,
      heights: this.heights,
      rows: this.rows,
      merges: this.merges,
      hideGridLines: true,
      print: {
        orientation: "portrait",
        paper: "A4",
        fitToWidth: true,
        margins: { top: 2, bottom: 2, left: 2, right: 2, header: 0.8, footer: 0.8 },
        area: `A1:H${this.rows.length}`,
        footer,
        centerHorizontally: true,
      },
    };
  }
}

function col(c: number): string {
  return String.fromCharCode(64 + c);
}

/** A date as a letter writes it: 2026年6月30日, 30 June 2026. */
function letterDate(locale: Locale): CellStyle {
  return { format: locale === "zh-CN" ? 'yyyy"年"m"月"d"日"' : "d mmmm yyyy", align: "left" };
}

const SEAL = 113; // 4 cm in points: the seal box's height.

/** Sheet names of the built-in templates, by language; a workbook sheet of that name wins. */
export const TEMPLATE_SHEETS: Record<Locale, Record<TemplateKind, string>> = {
  "zh-CN": {
    statement: "模板-对账单",
    activity: "模板-往来对账单",
    confirmation: "模板-询证函",
    reminder: "模板-付款提醒函",
    notice: "模板-催款函",
    final: "模板-最后催告函",
    commitment: "模板-还款承诺书",
  },
  "en-US": {
    statement: "Template Statement",
    activity: "Template Activity statement",
    confirmation: "Template Confirmation",
    reminder: "Template Reminder",
    notice: "Template Second notice",
    final: "Template Final demand",
    commitment: "Template Payment commitment",
  },
};

const FOOTER: Record<Locale, string> = {
  "zh-CN": "&L{{company.name}}&C{{title}}&R第 {{page}} / {{pages}} 页",
  "en-US": "&L{{company.name}}&C{{title}}&RPage {{page}} of {{pages}}",
};

function head(s: Sheet, locale: Locale): void {
  s.wide("{{company.name}}", S.company, 20)
    .wide("{{title}}", S.title, 34)
    .wide(
      locale === "zh-CN"
        ? "编号：{{docNo}}    日期：{{issueDate}}"
        : "No. {{docNo}}    Date: {{issueDate}}",
      S.docNo,
    )
    .blank();
}

/** The two seal blocks side by side: ours and the customer's. */
function seals(s: Sheet, ours: string, theirs: string, locale: Locale): void {
  s.cells([
    [ours, S.bold, 4],
    [theirs, S.bold, 4],
  ]);
  s.cells(
    [
      [locale === "zh-CN" ? "（盖章处）" : "(seal)", S.box, 2],
      [null, {}, 2],
      [locale === "zh-CN" ? "（盖章处）" : "(seal)", S.box, 2],
      [null, {}, 2],
    ],
    SEAL,
  );
  const who = locale === "zh-CN" ? "经办人：" : "Signed by:";
  s.cells([
    [who, {}, 4],
    [who, {}, 4],
  ]);
  const when = locale === "zh-CN" ? "日期：" : "Date:";
  s.cells([
    [`${when}${locale === "zh-CN" ? "" : " "}{{issueDate}}`, {}, 4],
    [when, {}, 4],
  ]);
}

/**
 * The table of debts a dunning or commitment letter lists: contract, invoice, dates, amount,
 * paid, owed, days overdue; one `{{#items}}` row and a total of what is owed. Returns the header
 * row (repeated on each printed page) and the item row.
 */
function debtTable(s: Sheet, locale: Locale, totalLabel: string): { th: number; first: number } {
  const zh = locale === "zh-CN";
  const hdr = zh
    ? ["合同号", "发票号", "开票日期", "到期日", "金额", "已付", "欠款", "逾期天数"]
    : ["Contract", "Invoice", "Date", "Due date", "Amount", "Paid", "Owed", "Days overdue"];
  const th = s.next;
  s.row(
    hdr.map((h) => ({ value: h, ...S.th })),
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

/** The sender's sign-off at the right: company name, the seal box, the date. */
function senderSeal(s: Sheet, locale: Locale, en: string): void {
  const zh = locale === "zh-CN";
  s.cells([
    [null, {}, 4],
    [zh ? "{{company.name}}（盖章）" : en, S.bold, 4],
  ]);
  s.cells(
    [
      [null, {}, 5],
      [zh ? "（盖章处）" : "(seal)", S.box, 2],
    ],
    SEAL,
  );
  s.cells([
    [null, {}, 4],
    ["{{issueDate}}", letterDate(locale), 4],
  ]);
}

function bank(s: Sheet, locale: Locale): void {
  s.wide(
    locale === "zh-CN"
      ? "收款账户：户名 {{company.bank.accountName}}；开户行 {{company.bank.name}}；账号 {{company.bank.account}}"
      : "Pay to: {{company.bank.accountName}}, {{company.bank.name}}, account {{company.bank.account}}",
    S.para,
    30,
  );
}

function contact(s: Sheet, locale: Locale): void {
  s.wide(
    locale === "zh-CN"
      ? "联系人：{{company.contact}}    电话：{{company.phone}}    邮箱：{{company.email}}"
      : "Contact: {{company.contact}}    Phone: {{company.phone}}    Email: {{company.email}}",
    S.para,
  );
}

/** A statement's end: contact, both parties' seals, the print setup with the table header repeated. */
function closeStatement(
  s: Sheet,
  locale: Locale,
  kind: "statement" | "activity",
  th: number,
): SheetSpec {
  const zh = locale === "zh-CN";
  contact(s, locale);
  s.blank(16);
  seals(
    s,
    zh ? "本公司：{{company.name}}（盖章）" : "For {{company.name}}",
    zh
      ? "贵公司确认：□ 核对无误  □ 有差异（请列明）"
      : "Customer: □ Agreed  □ Differences (listed)",
    locale,
  );
  const spec = s.done(TEMPLATE_SHEETS[locale][kind], FOOTER[locale]);
  spec.print!.titleRows = [th, th];
  return spec;
}

function statement(locale: Locale): SheetSpec {
  const zh = locale === "zh-CN";
  const s = new Sheet();
  head(s, locale);
  s.wide("{{customer.name}}" + (zh ? "：" : ""), S.bold);
  s.wide(
    zh
      ? "截至{{asOf}}，贵公司尚欠我公司货款{{currency}} {{balance}}（大写：{{balanceInWords}}），{{overdueClause}}本对账单不影响我公司依合同主张逾期付款违约金的权利。"
      : "Balance due at {{asOf}}: {{currency}} {{balance}}. {{overdueClause}} If you do not recognise an item, tell us within {{replyDays}} days. This statement does not waive any late-payment charge under our contract.",
    S.para,
    48,
  );
  s.cells([
    [zh ? "客户编码：{{customer.code}}" : "Customer code: {{customer.code}}", {}, 3],
    [zh ? "业务员：{{customer.salesperson}}" : "Salesperson: {{customer.salesperson}}", {}, 3],
    [zh ? "币种：{{currency}}" : "Currency: {{currency}}", {}, 2],
  ]);
  s.blank();
  const hdr = zh
    ? ["发票号", "开票日期", "到期日", "原金额", "已收", "未收", "逾期天数", "累计余额"]
    : [
        "Invoice",
        "Date",
        "Due date",
        "Amount",
        "Received",
        "Open",
        "Days overdue",
        "Running balance",
      ];
  const th = s.next;
  s.row(
    hdr.map((h) => ({ value: h, ...S.th })),
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
    { value: zh ? "合计" : "Total", ...S.th },
    { value: null, ...S.td },
    { value: null, ...S.td },
    sum("D"),
    sum("E"),
    sum("F"),
    { value: null, ...S.td },
    { value: null, ...S.td },
  ]);
  s.cells([
    [zh ? "未核销回款（预收款）" : "Unapplied cash", S.td, 5],
    ["{{unapplied}}", S.money, 1],
    [null, S.td, 2],
  ]);
  s.cells([
    [zh ? "应收余额" : "Balance", S.th, 5],
    [{ formula: `F${first + 1}+F${first + 2}` }, S.total, 1],
    [null, S.td, 2],
  ]);
  s.blank();
  s.wide(zh ? "账龄分析" : "Aging", S.bold);
  s.cells([
    [zh ? "账龄（天）" : "Days overdue", S.th, 2],
    [zh ? "金额" : "Amount", S.th, 2],
  ]);
  s.cells([
    ["{{#buckets}}{{bucket.label}}", S.td, 2],
    ["{{bucket.amount}}{{/buckets}}", S.money, 2],
  ]);
  s.blank();
  bank(s, locale);
  s.wide(
    zh
      ? "请核对上述内容，并于{{replyDays}}日内（{{replyBy}}前）签章回传；如有差异，请在下方列明。"
      : "Please check the items above and return this statement, signed, within {{replyDays}} days (by {{replyBy}}); list any differences below.",
    S.para,
    30,
  );
  return closeStatement(s, locale, "statement", th);
}

function activity(locale: Locale): SheetSpec {
  const zh = locale === "zh-CN";
  const s = new Sheet();
  head(s, locale);
  s.wide("{{customer.name}}" + (zh ? "：" : ""), S.bold);
  s.wide(
    zh
      ? "对账期间：{{period.from}} 至 {{period.to}}    客户编码：{{customer.code}}    业务员：{{customer.salesperson}}    币种：{{currency}}"
      : "Period {{period.from}} to {{period.to}}    Customer code {{customer.code}}    Salesperson {{customer.salesperson}}    Currency {{currency}}",
    S.para,
    30,
  );
  s.cells([
    [zh ? "期初余额" : "Opening balance", S.th, 2],
    [zh ? "本期应收" : "Invoiced", S.th, 2],
    [zh ? "本期回款" : "Received", S.th, 1],
    [zh ? "退货/折让" : "Credit notes", S.th, 1],
    [zh ? "期末余额" : "Closing balance", S.th, 2],
  ]);
  s.cells([
    ["{{openingBalance}}", S.money, 2],
    ["{{totals.invoiced}}", S.money, 2],
    ["{{totals.received}}", S.money, 1],
    ["{{totals.creditNotes}}", S.money, 1],
    ["{{closingBalance}}", S.total, 2],
  ]);
  s.wide(zh ? "期末余额大写：{{balanceInWords}}。{{overdueClause}}" : "{{overdueClause}}", S.para);
  s.blank();
  const hdr = zh
    ? ["日期", "单据类型", "单据号", "摘要", "应收（借方）", "已收（贷方）", "余额"]
    : ["Date", "Type", "Document", "Description", "Debit", "Credit", "Balance"];
  const th = s.next;
  s.cells(
    hdr.map((h, k) => [h, S.th, k === 3 ? 2 : 1] as [string, CellStyle, number]),
    30,
  );
  const open = s.next;
  s.cells([
    ["{{period.from}}", S.date, 1],
    [zh ? "上期结转" : "Brought forward", S.td, 1],
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
    [zh ? "本期合计" : "Totals", S.th, 5],
    [{ formula: `SUM(F${first}:F${first})` }, S.total, 1],
    [{ formula: `SUM(G${first}:G${first})` }, S.total, 1],
    [{ formula: `H${open}+F${first + 1}-G${first + 1}` }, S.total, 1],
  ]);
  s.blank();
  bank(s, locale);
  s.wide(
    zh
      ? "请核对上述往来，并于{{replyDays}}日内签章回传；如有差异，请列明。本对账单不影响我公司依合同主张逾期付款违约金的权利。"
      : "Please check the entries above and return this statement, signed, within {{replyDays}} days, listing any differences. This statement does not waive any late-payment charge under our contract.",
    S.para,
    36,
  );
  return closeStatement(s, locale, "activity", th);
}

function confirmation(locale: Locale): SheetSpec {
  const zh = locale === "zh-CN";
  const s = new Sheet();
  head(s, locale);
  s.wide("{{customer.name}}" + (zh ? "：" : ""), S.bold);
  s.wide(
    zh
      ? "本公司聘请的{{auditor.name}}正在对本公司财务报表进行审计，按照中国注册会计师审计准则的要求，应当询证本公司与贵公司的往来账项等事项。下列信息出自本公司账簿记录，如与贵公司记录相符，请在本函下端“信息证明无误”处签章证明；如有不符，请在“信息不符”处列明不符项目及具体内容（包括本函未列示的项目）。回函请直接寄至{{auditor.name}}。"
      : "We have been asked by our auditors, {{auditor.name}}, to confirm the balance between us at {{asOf}}. The figures below are taken from our books. If they agree with your records, please sign and seal at “The information is correct”; if not, list the differences (including items not shown here) at “The information is not correct”. Please reply directly to our auditors.",
    S.para,
    84,
  );
  s.wide(
    zh
      ? "回函地址：{{replyTo.name}}，{{replyTo.address}}    邮编：{{replyTo.postcode}}"
      : "Reply to: {{replyTo.name}}, {{replyTo.address}} {{replyTo.postcode}}",
    S.para,
  );
  s.wide(
    zh
      ? "电话：{{replyTo.phone}}    联系人：{{replyTo.contact}}    邮箱：{{replyTo.email}}"
      : "Phone: {{replyTo.phone}}    Contact: {{replyTo.contact}}    Email: {{replyTo.email}}",
    S.para,
  );
  s.blank();
  s.wide(
    zh
      ? "1. 本公司与贵公司的往来账项列示如下（币种：{{currency}}）："
      : "1. Balances between us (currency {{currency}}):",
    S.bold,
  );
  s.cells(
    [
      [zh ? "截止日期" : "As of", S.th, 2],
      [zh ? "贵公司欠本公司" : "Owed by you to us", S.th, 2],
      [zh ? "本公司欠贵公司" : "Owed by us to you", S.th, 2],
      [zh ? "备注" : "Notes", S.th, 2],
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
  s.wide(zh ? "明细（未清发票）：" : "Open invoices behind the balance:", S.bold);
  s.cells([
    [zh ? "发票号" : "Invoice", S.th, 2],
    [zh ? "开票日期" : "Date", S.th, 2],
    [zh ? "到期日" : "Due date", S.th, 2],
    [zh ? "未收金额" : "Open amount", S.th, 2],
  ]);
  s.cells([
    ["{{#items}}{{item.invoice}}", S.td, 2],
    ["{{item.date}}", S.date, 2],
    ["{{item.dueDate}}", S.date, 2],
    ["{{item.outstanding}}{{/items}}", S.money, 2],
  ]);
  s.blank();
  s.wide(
    zh
      ? "2. 其他事项：无。\n本函仅为复核账目之用，并非催款结算。若款项在上述日期之后已经付清，仍请及时函复为盼。"
      : "2. Other matters: none.\nThis is not a request for payment. Please reply even if the account has since been paid.",
    S.para,
    36,
  );
  s.blank(16);
  senderSeal(s, locale, "{{company.name}} (seal)");
  s.blank(16);
  s.wide(
    zh
      ? "- - - - - - - - - - - - 以下由被询证单位填写 - - - - - - - - - - - -"
      : "- - - - - - - - - - - - To be completed by the customer - - - - - - - - - - - -",
    S.cut,
  );
  s.cells(
    [
      [zh ? "结论：1. 信息证明无误。" : "1. The information is correct.", S.bold, 4],
      [
        zh
          ? "2. 信息不符，请列明不符项目及具体内容。"
          : "2. The information is not correct; our records show:",
        S.bold,
        4,
      ],
    ],
    30,
  );
  s.cells(
    [
      [zh ? "（盖章处）" : "(seal)", S.box, 2],
      [null, {}, 2],
      [null, S.box, 4],
    ],
    SEAL,
  );
  s.cells([
    [zh ? "经办人：" : "Signed by:", {}, 4],
    [zh ? "（盖章）经办人：" : "(seal) Signed by:", {}, 4],
  ]);
  s.cells([
    [zh ? "年    月    日" : "Date:", {}, 4],
    [zh ? "年    月    日" : "Date:", {}, 4],
  ]);
  return s.done(TEMPLATE_SHEETS[locale].confirmation, FOOTER[locale]);
}

const DUNNING_TEXT: Record<Locale, Record<"reminder" | "notice" | "final", string>> = {
  "zh-CN": {
    reminder:
      "下表所列款项合计{{currency}} {{overdueTotal}}已到期，或因事务繁忙尚未安排，烦请近日支付；如已付款，请忽略本函。",
    notice:
      "截至{{asOf}}，下表所列款项合计{{currency}} {{overdueTotal}}（大写：{{overdueTotalInWords}}）已逾期，最长逾期{{daysOverdue}}天。请于收到本函之日起{{payDays}}日内付清，并说明逾期原因；逾期未付，我公司将暂停发货。",
    final:
      "截至{{asOf}}，下表所列款项合计{{currency}} {{overdueTotal}}（大写：{{overdueTotalInWords}}）已逾期，最长逾期{{daysOverdue}}天，经我公司多次催告仍未支付。{{interestClause}}请于{{payBy}}前付清{{totalDueNote}}{{currency}} {{totalDue}}（大写：{{totalDueInWords}}），否则我公司将依法提起诉讼（或仲裁），由此产生的诉讼费、保全费及合同约定的律师费由贵公司承担。",
  },
  "en-US": {
    reminder:
      "The invoices listed below, {{currency}} {{overdueTotal}} in all, are now due. If payment is on its way, thank you; if not, please arrange it this week.",
    notice:
      "At {{asOf}}, {{currency}} {{overdueTotal}} is overdue, the oldest item by {{daysOverdue}} days. Please pay within {{payDays}} days of this letter (by {{payBy}}) or call us to agree a date. If it remains unpaid we will suspend further deliveries on credit.",
    final:
      "Despite our earlier letters, {{currency}} {{overdueTotal}} remains overdue, the oldest item by {{daysOverdue}} days. {{interestClause}} Unless {{currency}} {{totalDue}} {{totalDueNote}} is received by {{payBy}}, we will start proceedings without further notice.",
  },
};

function dunning(kind: "reminder" | "notice" | "final", locale: Locale): SheetSpec {
  const zh = locale === "zh-CN";
  const s = new Sheet();
  head(s, locale);
  s.wide("{{customer.name}}" + (zh ? "：" : ""), S.bold);
  s.wide(zh ? "地址：{{customer.address}}" : "{{customer.address}}", S.para);
  s.blank();
  s.wide(DUNNING_TEXT[locale][kind], S.para, kind === "final" ? 96 : 60);
  s.blank();
  const { th } = debtTable(s, locale, zh ? "欠款合计" : "Total overdue");
  s.wide(zh ? "大写：{{overdueTotalInWords}}" : "", S.para);
  s.wide("{{heldNote}}", S.small, 30);
  if (kind !== "reminder") {
    s.wide(
      zh
        ? "如对上述款项有异议，请于收到本函后{{replyDays}}日内书面提出；无异议的部分请按期支付。"
        : "If you dispute any item, tell us in writing within {{replyDays}} days; please pay the undisputed part as asked.",
      S.para,
      30,
    );
  }
  bank(s, locale);
  contact(s, locale);
  s.blank(16);
  senderSeal(s, locale, "{{company.name}}");
  if (kind !== "reminder") {
    s.blank(16);
    s.wide(
      zh
        ? "- - - - - - - - - - - - 送达回执 - - - - - - - - - - - -"
        : "- - - - - - - - - - - - Acknowledgement of receipt - - - - - - - - - - - -",
      S.cut,
    );
    s.wide(
      zh
        ? "文书：{{title}}（编号 {{docNo}}）已收到。    签收人：__________    日期：__________    （盖章）"
        : "Received: {{title}} No. {{docNo}}.    Name: __________    Date: __________    (seal)",
      S.para,
      30,
    );
  }
  const spec = s.done(TEMPLATE_SHEETS[locale][kind], FOOTER[locale]);
  spec.print!.titleRows = [th, th];
  return spec;
}

const COMMITMENT_TEXT: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    to: "致：{{company.name}}（债权人）",
    from: "承诺人（债务人）：{{customer.name}}",
    fromDetail:
      "地址：{{customer.address}}    联系人：{{customer.contact}}    电话：{{customer.phone}}",
    intro:
      "承诺人确认：截至{{asOf}}，承诺人因向贵公司购买货物，尚欠贵公司货款{{currency}} {{balance}}（大写：{{balanceInWords}}），明细见下表。承诺人对上述欠款的事实及金额予以确认，无任何异议，并承诺按本承诺书第二条的还款计划履行付款义务。",
    debts: "一、欠款确认",
    schedule: "二、还款计划",
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
  },
  "en-US": {
    to: "To: {{company.name}} (the Creditor)",
    from: "From: {{customer.name}} (the Debtor)",
    fromDetail:
      "Address: {{customer.address}}    Contact: {{customer.contact}}    Phone: {{customer.phone}}",
    intro:
      "We, {{customer.name}}, acknowledge that at {{asOf}} we owe you {{currency}} {{balance}} for goods supplied, as itemised below. We do not dispute this debt or its amount, and we undertake to pay it in the instalments set out in section 2.",
    debts: "1. Debts acknowledged",
    schedule: "2. Payment schedule",
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
  },
};

/**
 * The payment commitment (还款承诺书): the debtor's express acknowledgement of the debts listed
 * and its undertaking to pay them by the agreed instalments — under Civil Code Art. 195 the
 * debtor's agreement to perform interrupts limitation (DOCUMENTS §4) — with the consequences of
 * default, the creditor's account, and signature and seal places for both parties.
 */
function commitment(locale: Locale): SheetSpec {
  const zh = locale === "zh-CN";
  const t = COMMITMENT_TEXT[locale];
  const s = new Sheet();
  s.wide("{{title}}", S.title, 40);
  s.wide(zh ? "编号：{{docNo}}" : "No. {{docNo}}", S.docNo);
  s.blank();
  s.wide(t.to, S.bold, 20);
  s.wide(t.from, S.bold, 20);
  s.wide(t.fromDetail, S.para);
  s.blank();
  s.wide(t.intro, S.para, zh ? 48 : 46);
  s.blank();
  s.wide(t.debts, S.bold, 20);
  const { th, first } = debtTable(s, locale, zh ? "小计" : "Subtotal");
  s.cells([
    [zh ? "未核销回款（预收款）" : "Unapplied cash", S.td, 6],
    ["{{unapplied}}", S.money, 1],
    [null, S.td, 1],
  ]);
  s.cells([
    [zh ? "欠款余额" : "Balance owed", S.th, 6],
    [{ formula: `G${first + 1}+G${first + 2}` }, S.total, 1],
    [null, S.td, 1],
  ]);
  s.blank();
  s.wide(t.schedule, S.bold, 20);
  s.cells(
    [
      [zh ? "期次" : "No.", S.th, 1],
      [zh ? "约定还款日期" : "Date", S.th, 2],
      [zh ? "本期还款金额" : "Amount", S.th, 2],
      [zh ? "累计还款金额" : "Cumulative", S.th, 2],
      [zh ? "剩余欠款" : "Balance after", S.th, 1],
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
    [zh ? "合计" : "Total", S.th, 3],
    [{ formula: `SUM(D${inst}:D${inst})` }, S.total, 2],
    [null, S.td, 2],
    [null, S.td, 1],
  ]);
  s.wide(t.scheduleNote, S.para, zh ? 34 : 32);
  s.blank();
  s.wide(t.payment, S.bold, 20);
  s.wide(t.bank, S.para, zh ? 34 : 30);
  s.wide(t.default, S.bold, 20);
  s.wide(t.defaultText, S.para, zh ? 50 : 48);
  s.wide(t.other, S.bold, 20);
  s.wide(t.otherText, S.para, zh ? 50 : 48);
  s.blank(16);
  s.cells([
    [t.debtor, S.bold, 4],
    [t.creditor, S.bold, 4],
  ]);
  s.cells(
    [
      [zh ? "（盖章处）" : "(seal)", S.box, 2],
      [null, {}, 2],
      [zh ? "（盖章处）" : "(seal)", S.box, 2],
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
  const spec = s.done(TEMPLATE_SHEETS[locale].commitment, FOOTER[locale]);
  spec.print!.titleRows = [th, th];
  return spec;
}

/** The built-in template of a kind and language. */
export function builtinTemplate(kind: TemplateKind, locale: Locale): SheetSpec {
  switch (kind) {
    case "statement":
      return statement(locale);
    case "activity":
      return activity(locale);
    case "confirmation":
      return confirmation(locale);
    case "commitment":
      return commitment(locale);
    default:
      return dunning(kind, locale);
  }
}

/** All built-in templates of a language, to install into a workbook for editing. */
export function builtinTemplates(locale: Locale): SheetSpec[] {
  return (Object.keys(TEMPLATE_SHEETS[locale]) as TemplateKind[]).map((k) =>
    builtinTemplate(k, locale),
  );
}
