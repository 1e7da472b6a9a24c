/**
 * What a column can mean, and the header texts (English and Chinese) that name it.
 *
 * Headers are matched after normalisation (`headerKey`): full-width to half-width, lower case,
 * no spaces, underscores, dashes or dots, and a trailing unit in brackets dropped, so
 * `Invoice_Amount`, `invoice amount` and `金额（元）` all find their field.
 */

export type InvoiceField =
  | "ref"
  | "customer"
  | "customerName"
  | "invoiceDate"
  | "dueDate"
  | "terms"
  | "amount"
  | "paid"
  | "balance"
  | "settledDate"
  | "currency"
  | "salesperson"
  | "disputed"
  | "promiseDate"
  | "contract"
  | "note"
  | "status";

export type PaymentField =
  "paymentRef" | "ref" | "customer" | "paymentDate" | "paymentAmount" | "currency";

export type CustomerField =
  | "code"
  | "name"
  | "creditLimit"
  | "terms"
  | "grade"
  | "salesperson"
  | "contact"
  | "phone"
  | "address"
  | "email"
  | "currency"
  | "lastReview"
  | "doNotContact"
  | "language";

export type SheetKind = "invoices" | "payments" | "customers";

/** Header synonyms per field, in the order of preference when two columns could match. */
export const INVOICE_FIELDS: Record<InvoiceField, readonly string[]> = {
  ref: [
    "发票号",
    "发票号码",
    "单据编号",
    "单据号",
    "单号",
    "凭证号",
    "订单号",
    "invoice",
    "invoice no",
    "invoice number",
    "invoicenumber",
    "invoice id",
    "inv no",
    "document no",
    "doc no",
    "bill no",
  ],
  customer: [
    "客户编码",
    "客户代码",
    "客户编号",
    "客户",
    "客户id",
    "customer id",
    "customerid",
    "customer code",
    "customer",
    "account",
    "client",
  ],
  customerName: [
    "客户名称",
    "客户全称",
    "单位名称",
    "购货单位",
    "customer name",
    "client name",
    "account name",
  ],
  invoiceDate: [
    "开票日期",
    "业务日期",
    "单据日期",
    "发票日期",
    "日期",
    "发货日期",
    "invoice date",
    "invoicedate",
    "doc date",
    "document date",
    "date",
  ],
  dueDate: [
    "到期日",
    "到期日期",
    "应收日期",
    "应收款日期",
    "付款到期日",
    "due date",
    "duedate",
    "due",
  ],
  terms: [
    "账期",
    "付款条件",
    "信用期",
    "付款期限",
    "收款条件",
    "terms",
    "payment terms",
    "term",
    "credit terms",
  ],
  amount: [
    "价税合计",
    "金额",
    "应收金额",
    "发票金额",
    "开票金额",
    "含税金额",
    "本币金额",
    "invoice amount",
    "amount",
    "total",
    "gross amount",
    "invoiceamount",
  ],
  paid: [
    "已收",
    "已收金额",
    "已回款",
    "已回款金额",
    "回款金额",
    "已核销金额",
    "paid",
    "amount paid",
    "paid amount",
    "received",
  ],
  balance: [
    "未收",
    "未收金额",
    "余额",
    "应收余额",
    "未核销金额",
    "balance",
    "outstanding",
    "open amount",
    "amount due",
  ],
  settledDate: [
    "结清日期",
    "回款日期",
    "收款日期",
    "核销日期",
    "settled date",
    "settleddate",
    "paid date",
    "payment date",
    "date paid",
    "cleared date",
  ],
  currency: ["币种", "币别", "货币", "currency", "curr", "ccy"],
  salesperson: [
    "业务员",
    "销售员",
    "销售",
    "业务代表",
    "负责人",
    "客户经理",
    "salesperson",
    "sales rep",
    "account manager",
    "rep",
    "owner",
  ],
  disputed: ["争议", "是否争议", "有争议", "disputed", "dispute", "in dispute"],
  promiseDate: [
    "承诺付款日",
    "承诺日期",
    "承诺付款日期",
    "promise date",
    "promised date",
    "promise to pay",
  ],
  contract: ["合同号", "合同编号", "合同", "contract", "contract no"],
  note: ["备注", "摘要", "说明", "note", "notes", "memo", "remark", "remarks", "description"],
  status: ["状态", "单据状态", "status", "invoice status"],
};

export const PAYMENT_FIELDS: Record<PaymentField, readonly string[]> = {
  paymentRef: [
    "回款单号",
    "收款单号",
    "收款单编号",
    "payment id",
    "payment no",
    "payment number",
    "receipt no",
  ],
  ref: [
    "发票号",
    "发票号码",
    "单据编号",
    "对应发票",
    "核销发票",
    "invoice",
    "invoice id",
    "invoice no",
    "invoice number",
  ],
  customer: [
    "客户编码",
    "客户",
    "客户名称",
    "付款单位",
    "customer id",
    "customer",
    "customer name",
    "payer",
  ],
  paymentDate: [
    "回款日期",
    "收款日期",
    "付款日期",
    "到账日期",
    "日期",
    "payment date",
    "date paid",
    "date",
    "receipt date",
  ],
  paymentAmount: [
    "回款金额",
    "收款金额",
    "付款金额",
    "到账金额",
    "金额",
    "amount paid",
    "payment amount",
    "amount",
    "paid",
  ],
  currency: ["币种", "币别", "currency", "ccy"],
};

export const CUSTOMER_FIELDS: Record<CustomerField, readonly string[]> = {
  code: [
    "客户编码",
    "客户代码",
    "客户编号",
    "客户id",
    "customer id",
    "customerid",
    "customer code",
    "code",
  ],
  name: ["客户名称", "客户全称", "单位名称", "客户", "customer name", "name", "customer"],
  creditLimit: ["信用额度", "授信额度", "信用限额", "额度", "credit limit", "creditlimit", "limit"],
  terms: ["账期", "付款条件", "信用期", "付款期限", "payment terms", "terms"],
  grade: [
    "信用等级",
    "等级",
    "客户等级",
    "信用评级",
    "grade",
    "credit grade",
    "risk rating",
    "rating",
  ],
  salesperson: [
    "业务员",
    "销售员",
    "负责人",
    "客户经理",
    "salesperson",
    "sales rep",
    "account manager",
    "owner",
  ],
  contact: ["联系人", "contact", "contact person"],
  phone: ["电话", "联系电话", "手机", "phone", "telephone", "tel"],
  address: ["地址", "注册地址", "通讯地址", "address"],
  email: [
    "联系人邮箱",
    "邮箱",
    "电子邮件",
    "电子邮箱",
    "email",
    "e-mail",
    "contact e-mail",
    "contact email",
    "email address",
  ],
  currency: ["币种", "币别", "currency", "ccy"],
  /** Date of the customer's last credit review (信用复核), for the reviews coming due. */
  lastReview: [
    "复核日期",
    "上次复核日期",
    "最近复核日期",
    "信用复核日期",
    "信用评审日期",
    "评审日期",
    "last review",
    "last reviewed",
    "last review date",
    "review date",
    "credit review date",
  ],
  /** Never e-mail this customer (ar-desk remind): yes / 是 / x. */
  doNotContact: ["不联系", "勿联系", "请勿联系", "禁止联系", "do not contact", "dnc", "no contact"],
  /** Language of the customer's letters and e-mails: 中文 / zh-CN, English / en-US. */
  language: ["语言", "沟通语言", "联系语言", "language", "lang", "locale"],
};

/** Fields a sheet of each kind cannot do without. */
export const REQUIRED: {
  invoices: InvoiceField[];
  payments: PaymentField[];
  customers: CustomerField[];
} = {
  invoices: ["customer", "amount"],
  payments: ["paymentAmount"],
  customers: ["code"],
};

/**
 * Normalises a header cell for matching.
 * @example
 * headerKey("Invoice_Amount") //=> "invoiceamount"
 * headerKey("金额（元）") //=> "金额"
 */
export function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[([][^)\]]*[)\]]\s*$/, "") // a unit in brackets: 金额(元), amount (usd)
    .replace(/[\s_\-.:：#*]+/g, "");
}

/** Lookup from normalised header to field, built once per field table. */
export function synonymIndex<F extends string>(
  table: Record<F, readonly string[]>,
): Map<string, F> {
  const index = new Map<string, F>();
  for (const field of Object.keys(table) as F[]) {
    for (const name of table[field]) {
      const key = headerKey(name);
      if (!index.has(key)) index.set(key, field);
    }
  }
  return index;
}

/** What an invoice row's status column says about it. */
export type InvoiceStatus = "paid" | "open" | "partial" | "cancelled";

/** Status words, English and Chinese, matched after `headerKey` normalisation. */
export const STATUS_WORDS: Record<InvoiceStatus, readonly string[]> = {
  paid: [
    "paid",
    "fully paid",
    "paid in full",
    "settled",
    "closed",
    "cleared",
    "已结清",
    "结清",
    "已收款",
    "已收",
    "已回款",
    "已付款",
    "已付",
    "已核销",
    "已关闭",
  ],
  open: [
    "open",
    "outstanding",
    "unpaid",
    "not paid",
    "due",
    "overdue",
    "pending",
    "未收",
    "未收款",
    "未回款",
    "未结清",
    "未付",
    "未付款",
    "待收",
    "待收款",
    "逾期",
  ],
  partial: [
    "partially paid",
    "partial",
    "part paid",
    "partly paid",
    "部分收款",
    "部分回款",
    "部分付款",
    "部分结清",
    "部分核销",
  ],
  cancelled: [
    "cancelled",
    "canceled",
    "void",
    "voided",
    "reversed",
    "作废",
    "已作废",
    "红冲",
    "已红冲",
    "冲销",
    "已冲销",
    "取消",
    "已取消",
  ],
};

const statusIndex = synonymIndex(STATUS_WORDS);

/** The status a cell's text names, or null when it is not one of the known words. */
export function invoiceStatusOf(text: string): InvoiceStatus | null {
  return statusIndex.get(headerKey(text)) ?? null;
}
