/**
 * The wording of problems, in zh-CN and en-US, keyed by problem code. Parameters are filled in
 * by name (`{value}`); a missing parameter leaves the placeholder out.
 */
import type { Problem, ProblemCode } from "./problems";
import { fill } from "./i18n";

export type Locale = "zh-CN" | "en-US";

type Table = Record<ProblemCode, string>;

const EN: Table = {
  "row.blank": "blank row, skipped",
  "row.subtotal": "subtotal or total row, skipped",
  "row.note": "note line, skipped",
  "row.footer": "footer line ({labels}), not data: skipped",
  "row.duplicate":
    "same as row {firstRow} (invoice {ref}) in every cell: skipped, not counted twice",
  "row.cancelled": "status {value}: a cancelled or reversed document, not an open item: skipped",
  "row.noAmount": "no amount: row rejected",
  "row.noCustomer": "no customer: row rejected",
  "row.noDate": "neither an invoice date nor a due date: row rejected",
  "row.badAmount": "amount {value} is not a number: row rejected",
  "row.badDate": "{value} is not a date: row rejected",
  "row.ambiguousDate":
    "{value} could be day/month or month/day and the column does not tell: row rejected (use --date-order dmy|mdy)",
  "row.errorValue": "the cell holds the error {value}: row rejected",
  "cell.badDate": "{value} is not a date: ignored",
  "cell.ambiguousDate": "{value} could be day/month or month/day: ignored",
  "cell.badNumber": "{value} is not understood: ignored",
  "cell.badTerms": "payment terms {value} not understood: the customer's terms apply",
  "cell.errorValue": "the cell holds the error {value}: ignored",
  "cell.badCurrency": "{value} is not a currency: row rejected",
  "cell.noDueDate": "no due date: computed from the payment terms",
  "cell.noTerms": "no due date and no payment terms (row or customer): due on the invoice date",
  "cell.currencyConflict":
    "the currency column says {column} but the amount is marked {amount}: row rejected",
  "sheet.noHeader":
    "no header row found in the first 30 rows (see the column names ar-desk knows); rows 1–{last} rejected, {count} in all",
  "column.decimalComma":
    "numbers written with the decimal comma (1.234,56 = 1234.56): {count, plural, one {# value} other {# values}} read so",
  "column.ambiguousDecimal":
    "{count, plural, one {# value} other {# values}} like {value} could be thousands (1.234 = 1234) or decimals, and the column does not tell: read with the decimal point; check them",
  "file.unbalancedQuote":
    "a quote opened on this line is not closed on it and would have swallowed the next {lines} lines: read as an ordinary character, each line its own row",
  "file.badBytes":
    "bytes that are not valid {encoding} (shown as \uFFFD): this row's text may be wrong",
  "file.outsideGrid": "{cell} is outside Excel's grid (A1:XFD1048576): ignored",
  "file.badSharedString":
    "cell {cell}: shared-string index {value} is not a number or is past the {count, plural, one {# shared string} other {# shared strings}}: left empty",
  "file.badNumber": "cell {cell}: {value} is not a number as a workbook writes one: kept as text",
  "file.moreProblems":
    "and {count} more {count, plural, one {cell} other {cells}} with problems like the ones above",
  "file.truncated":
    "the sheet's XML stops before its end (no closing </sheetData>): rows after row {row} may be missing",
  "sheet.duplicateName":
    "a second sheet named {name} (Excel does not allow two): read as its own sheet, shown as {label}",
  "sheet.missingColumn": "required column {field} not found",
  "sheet.empty": "the sheet is empty",
  "sheet.noInvoices":
    "no invoice row could be imported: no receivables figures can be given (payments alone do not make a position)",
  "column.ambiguousDateOrder":
    "{count, plural, one {# date} other {# dates}} in this column could be day/month or month/day, and no value tells which: pass --date-order dmy|mdy",
  "column.mixedDateOrder":
    "this column mixes day/month ({dmy, plural, one {# value} other {# values}}) and month/day ({mdy, plural, one {# value} other {# values}}) dates; ambiguous ones are rejected",
  "invoice.duplicate": "invoice {ref} already appears in row {firstRow}",
  "invoice.dueBeforeInvoice": "the due date is before the invoice date",
  "payment.unknownInvoice": "payment names invoice {ref}, which is not in the invoices",
  "payment.rejectedInvoice":
    "payment for invoice {ref}, whose row {invoiceRow} was rejected: row rejected until that invoice is fixed",
  "payment.unknownCustomer": "payer {customer} has no invoices or customer record",
  "payment.currencyMismatch": "payment in {payment} for invoice {ref} in {invoice}: row rejected",
  "customer.duplicate": "customer {customer} already appears in row {firstRow}: row rejected",
  "customer.unknown": "customer {customer} is not in the customer list",
  "currency.mixed":
    "customer {customer} has items in several currencies ({currencies}); each is kept apart",
  "currency.markConflict":
    "amounts in this sheet are marked in several currencies ({currencies}; first {other} at row {row}) and it has no currency column: unmarked amounts stay without a currency",
  "customer.merged":
    "customer names that differ only in case, width or spaces are taken as one customer: {spellings} (rows in brackets)",
  "status.paidNoDate":
    "{count, plural, one {# row says} other {# rows say}} {value} with no payment date, amount or payment row (first at row {firstRow}): counted as settled, date unknown",
  "status.paidButOpen":
    "status {value}, but the payment data leave {open} of {amount} unpaid ({percent}): the figures follow the payment data",
  "status.openButPaid":
    "status {value}, but the payment data settle it in full: the figures follow the payment data",
  "status.partialNoPayments":
    "status {value}, but no payment is recorded for it: counted as wholly open",
  "status.unknown":
    "status {value} is not understood ({count, plural, one {# row} other {# rows}}, first at row {firstRow}): ignored",
  "payment.cancelledInvoice":
    "payment names invoice {ref}, cancelled in row {invoiceRow}: kept as the customer's unapplied cash",
  "log.noDate": "no date: log row rejected",
  "log.unknownAction":
    "action {value} is not one of the list (reminder, phone, letter, visit, lawyer's letter, suit): log row rejected",
  "log.unknownResult":
    "result {value} is not one of the list (promised, disputed, paid, no answer, refused, acknowledged): log row rejected",
  "log.unknownItem": "document {ref} is not among the invoices: left out of this log row",
  "log.otherCustomer": "document {ref} belongs to customer {customer}: left out of this log row",
  "log.noPromiseDate": "a promise to pay without a promised date: log row rejected",
  "log.nothingRecorded": "neither an action nor a result: log row rejected",
};

const ZH: Table = {
  "row.blank": "空行，已跳过",
  "row.subtotal": "小计或合计行，已跳过",
  "row.note": "说明文字行，已跳过",
  "row.footer": "表尾签字行（{labels}），不是数据：已跳过",
  "row.duplicate": "与第 {firstRow} 行（发票号 {ref}）完全相同：已跳过，不重复计算",
  "row.cancelled": "状态为 {value}：已作废或红冲的单据，不计入应收：已跳过",
  "row.noAmount": "缺少金额：该行未导入",
  "row.noCustomer": "缺少客户：该行未导入",
  "row.noDate": "既无开票日期也无到期日：该行未导入",
  "row.badAmount": "金额 {value} 不是数字：该行未导入",
  "row.badDate": "{value} 不是有效日期：该行未导入",
  "row.ambiguousDate":
    "{value} 无法确定是日/月还是月/日，且该列没有可判断的值：该行未导入（请使用 --date-order dmy|mdy）",
  "row.errorValue": "单元格为错误值 {value}：该行未导入",
  "cell.badDate": "{value} 不是有效日期：已忽略",
  "cell.ambiguousDate": "{value} 无法确定是日/月还是月/日：已忽略",
  "cell.badNumber": "无法识别 {value}：已忽略",
  "cell.badTerms": "无法识别付款条件 {value}：按客户档案的账期计算",
  "cell.errorValue": "单元格为错误值 {value}：已忽略",
  "cell.badCurrency": "{value} 不是币种：该行未导入",
  "cell.noDueDate": "未填到期日：按付款条件推算",
  "cell.noTerms": "既无到期日也无付款条件（本行或客户档案）：按开票日到期",
  "cell.currencyConflict": "币种列为 {column}，但金额标注为 {amount}：该行未导入",
  "sheet.noHeader":
    "前 30 行中未找到表头（请参阅 ar-desk 可识别的列名）；第 1–{last} 行未导入，共 {count} 行",
  "column.decimalComma": "数字使用小数逗号（1.234,56 = 1234.56）：共 {count} 个值按此读取",
  "column.ambiguousDecimal":
    "{count} 个形如 {value} 的值既可能是千位分隔（1.234 = 1234）也可能是小数，本列无法判断：按小数点读取，请核对",
  "file.unbalancedQuote":
    "本行的引号未在本行闭合，否则会吞掉其后 {lines} 行：引号按普通字符读取，每行各自成行",
  "file.badBytes": "含有无效的 {encoding} 字节（显示为 \uFFFD）：本行文字可能有误",
  "file.outsideGrid": "{cell} 超出 Excel 表格范围（A1:XFD1048576）：已忽略",
  "file.badSharedString":
    "单元格 {cell}：共享字符串序号 {value} 不是数字或超出 {count} 个共享字符串：按空白处理",
  "file.badNumber": "单元格 {cell}：{value} 不是工作簿格式的数字：按文本保留",
  "file.moreProblems": "另有 {count} 个单元格存在类似问题",
  "file.truncated": "工作表 XML 未写完（缺少 </sheetData>）：第 {row} 行之后的行可能缺失",
  "sheet.duplicateName":
    "工作簿中第二个名为 {name} 的工作表（Excel 不允许重名）：单独读取，显示为 {label}",
  "sheet.missingColumn": "缺少必需的列 {field}",
  "sheet.empty": "工作表为空",
  "sheet.noInvoices": "没有任何发票行可以导入：无法给出应收数据（仅凭回款不能构成应收余额）",
  "column.ambiguousDateOrder":
    "该列有 {count} 个日期无法确定是日/月还是月/日，且没有可判断的值：请指定 --date-order dmy|mdy",
  "column.mixedDateOrder":
    "该列混有日/月（{dmy} 个）和月/日（{mdy} 个）两种日期；无法确定的值不导入",
  "invoice.duplicate": "发票号 {ref} 与第 {firstRow} 行重复",
  "invoice.dueBeforeInvoice": "到期日早于开票日期",
  "payment.unknownInvoice": "回款对应的发票 {ref} 不在应收明细中",
  "payment.rejectedInvoice":
    "回款对应的发票 {ref}（第 {invoiceRow} 行）未导入：该回款暂不导入，请先修正该发票",
  "payment.unknownCustomer": "付款单位 {customer} 既无发票也无客户档案",
  "payment.currencyMismatch": "发票 {ref} 的币种为 {invoice}，回款币种为 {payment}：该行未导入",
  "customer.duplicate": "客户 {customer} 与第 {firstRow} 行重复：该行未导入",
  "customer.unknown": "客户 {customer} 不在客户档案中",
  "currency.mixed": "客户 {customer} 有多个币种的款项（{currencies}），分别统计",
  "currency.markConflict":
    "本表金额标注了多个币种（{currencies}；{other} 首见于第 {row} 行），且无币种列：未标注币种的金额不指定币种",
  "customer.merged":
    "以下客户名称仅大小写、全半角或空格不同，按同一客户处理：{spellings}（括号内为行号）",
  "status.paidNoDate":
    "{count} 行状态为 {value}，但无收款日期、金额或回款记录（首见于第 {firstRow} 行）：按已结清处理，结清日期未知",
  "status.paidButOpen":
    "状态为 {value}，但按回款数据仍有 {open}（共 {amount}，{percent}）未收：按回款数据计算",
  "status.openButPaid": "状态为 {value}，但按回款数据已全部收回：按回款数据计算",
  "status.partialNoPayments": "状态为 {value}，但没有任何回款记录：按全额未收计算",
  "status.unknown": "无法识别状态 {value}（{count} 行，首见于第 {firstRow} 行）：已忽略",
  "payment.cancelledInvoice":
    "回款对应的发票 {ref} 已在第 {invoiceRow} 行作废：作为该客户的未核销款处理",
  "log.noDate": "缺少日期：该催收记录未导入",
  "log.unknownAction":
    "催收方式 {value} 不在列表中（提醒、电话、催款函、上门拜访、律师函、诉讼）：该催收记录未导入",
  "log.unknownResult":
    "结果 {value} 不在列表中（承诺付款、有争议、已付款、未联系上、拒绝付款、确认欠款）：该催收记录未导入",
  "log.unknownItem": "单据 {ref} 不在应收明细中：该记录不含此单据",
  "log.otherCustomer": "单据 {ref} 属于客户 {customer}：该记录不含此单据",
  "log.noPromiseDate": "承诺付款但未填承诺付款日：该催收记录未导入",
  "log.nothingRecorded": "既无催收方式也无结果：该催收记录未导入",
};

const TABLES: Record<Locale, Table> = { "en-US": EN, "zh-CN": ZH };

/** The message of a problem in a locale. */
export function problemMessage(
  p: Pick<Problem, "code" | "params">,
  locale: Locale = "en-US",
): string {
  return fill(TABLES[locale][p.code], p.params, { locale });
}

/** Every problem code, for tests that keep the tables complete and their plurals right. */
export const PROBLEM_CODES = Object.keys(EN) as ProblemCode[];

/** The words of a problem's place, and of a message at its place. */
const PLACE: Record<Locale, Record<"sheet" | "row" | "column" | "separator" | "at", string>> = {
  "en-US": {
    sheet: "sheet {sheet}",
    row: "row {row}",
    column: "column {column}",
    separator: ", ",
    at: "{place}: {message}",
  },
  "zh-CN": {
    sheet: "工作表「{sheet}」",
    row: "第 {row} 行",
    column: "列「{column}」",
    separator: "，",
    at: "{place}：{message}",
  },
};

/** `file, sheet, row 7, column Due_Date`: where a problem is, for people. */
export function problemPlace(
  p: Pick<Problem, "source" | "column">,
  locale: Locale = "en-US",
): string {
  const words = PLACE[locale];
  const parts: string[] = [];
  const s = p.source;
  if (s?.file) parts.push(s.file);
  if (s?.sheet) parts.push(fill(words.sheet, { sheet: s.sheet }));
  if (s) parts.push(fill(words.row, { row: s.row }));
  if (p.column) parts.push(fill(words.column, { column: p.column }));
  return parts.join(words.separator);
}

/** `place: message` (`place：message` in Chinese); the message alone without a place. */
export function atPlace(place: string, message: string, locale: Locale = "en-US"): string {
  return place ? fill(PLACE[locale].at, { place, message }) : message;
}

/** A problem's severity as a word of the locale: `error` → 错误 / Error. */
export function severityLabel(severity: string, locale: Locale = "en-US"): string {
  const words: Record<string, Record<Locale, string>> = {
    error: { "zh-CN": "错误", "en-US": "Error" },
    warning: { "zh-CN": "警告", "en-US": "Warning" },
    info: { "zh-CN": "提示", "en-US": "Info" },
  };
  return words[severity]?.[locale] ?? severity;
}
