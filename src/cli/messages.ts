/**
 * What the command line says, in zh-CN and en-US (issue 14): its errors, its summaries' lines
 * and its labels. One table per locale, the same keys in both (the type says so), filled with
 * core/i18n's `fill`: `{name}` is a parameter, and English says
 * `{n, plural, one {# row} other {# rows}}` wherever a noun follows a count.
 *
 * A template placeholder shown in a message (`{{name}}`) is passed as a parameter
 * (`placeholder`), never written into the template, where braces mean a parameter.
 */
import { fill, type MessageParams } from "../core/i18n";
import type { Locale } from "../core/messages";

const EN_US = {
  // Arguments (main.ts, shared.ts)
  unknownCommand: 'unknown command "{command}" (try: ar-desk --help)',
  unknownOption: "unknown option {option} ({help} lists the options)",
  optionValue: "option {option} wants a value (see {help})",
  badArguments: "bad arguments (see {help})",
  asOfBad: '--as-of wants a date as YYYY-MM-DD, not "{value}"',
  bucketsBad: '--buckets wants increasing whole days like 30,60,90, not "{value}"',
  bucketsIncreasing: "--buckets: thresholds must be strictly increasing",
  basisBad: '--basis is due or invoice, not "{value}"',
  graceBad: '--grace wants whole days, not "{value}"',
  policyIssue: "--{option}: {issue}",
  dateOrderBad: '--date-order is dmy or mdy, not "{value}"',
  langBad: '--lang is zh-CN or en-US, not "{value}"',
  needsFiles: "{command} needs at least one .xlsx or .csv file",
  sheetOnCsv: "--sheet applies to .xlsx files; {file} is a CSV",
  noReceivablesSheet:
    "no sheet of {file} looks like receivables (a header row naming customer, amount and date columns within the first 30 rows)",
  noPaymentsSheet: "no sheet of {file} looks like a list of payments",
  noCustomersSheet: "no sheet of {file} looks like a list of customers",
  xlsxName: '{flag} wants a file name ending in .xlsx, not "{file}"',
  scheduleName: '--schedule wants a file name ending in .xlsx or .csv, not "{file}"',
  positiveInt: '{flag} wants a positive whole number, not "{value}"',
  listSeparator: ", ",
  problemAt: "{place}: {message}",
  because: "{first} ({why})",

  // Reading and writing files (io/read.ts, io/identity.ts and the commands)
  fileProblem: "{file}: {problem}",
  fileNotFound: "file not found",
  filePermission: "permission denied",
  fileLocked: "the file is locked by another program (close it in Excel and try again)",
  fileIsFolder: "is a folder, not a file",
  fileNotDir: "file not found (a folder in the path is a file)",
  fileUnreadable: "could not be read ({why})",
  fileTooLarge: "too large to read ({why})",
  otherSpreadsheet:
    "{kind} files are not supported; open it in Excel and save it as .xlsx (or .csv)",
  unsupportedType: 'unsupported file type "{ext}"; give an .xlsx, .xlsm or .csv file',
  unsupportedNoType: 'unsupported file type "(none)"; give an .xlsx, .xlsm or .csv file',
  csvNoSheets: 'is a CSV file and has no sheets (asked for "{sheet}")',
  oleFile:
    "is password-protected or an old-format .xls file; remove the password or save it as .xlsx",
  noSheets: "the workbook has no sheets",
  noSheetNamed: 'no sheet named "{name}"; the sheets are {list}',
  fileNoSheetNamed: '{file}: no sheet named "{sheet}"',
  cannotRead: "cannot read {file}: {why}",
  cannotWrite: "cannot write {file}: {why}",
  cannotCreate: "cannot create {file}: {why}",
  cannotReadTemplates: "cannot read template workbook {file}: {why}",
  outIsInput: "--out {file} is one of the input files; ar-desk never writes into its inputs",
  outExists: "{file} exists; ar-desk does not overwrite it (add --force to replace it)",
  inputFile: "the input file {file}",
  sameFile: "{a} is also {b}; ar-desk never writes into its inputs",
  sameFileLinked:
    "{a} is the same file as {b} (a symlink, a hard link or the same name in another case); ar-desk never writes into its inputs",
  foreignOverwrite:
    "{flag} {file} exists and was not made by ar-desk; ar-desk does not overwrite it (add --force to replace it)",
  notWritable: "{flag} {file} cannot be written: {why}",
  whyFolder: "it is a folder",
  whyPermission: "permission denied",
  whyNotFolder: "{dir} is not a folder",
  whyNoFolder: "no such folder",
  whyNoWriteIn: "no permission to write in {dir}",
  inexactTotals:
    "the amounts in {code} add up to more than 2^53 minor units, too much to total exactly; split the data and run again",
  inexactTotalsNoCode:
    "the amounts without a currency add up to more than 2^53 minor units, too much to total exactly; split the data and run again",

  // The company profile (profile.ts)
  notJson: "{file} is not JSON",
  notJsonWhy: "{file} is not JSON: {why}",
  jsonObject: "{file} must hold a JSON object",
  profileInvalid: "--company {file}: {where} must be {expected}",
  profileInvalidShown: "--company {file}: {where} must be {expected}, not {shown}",
  profileWholeFile: "the file",
  profileDays: "a whole number of days from 0 to 3650",
  profileObject: "an object { … }",
  profileText: "text (at most 2,000 characters)",
  profileField: "{label} ({key})",

  // SMTP (mail/smtp.ts)
  smtpPassword:
    "{file} must not hold the password: give it in the environment variable AR_DESK_SMTP_PASSWORD",
  smtpUnknownSetting: '{file}: unknown setting "{key}" (known: {known})',
  smtpSecurity: 'SMTP security wants starttls, tls or none, not "{value}"',
  smtpPort: 'bad SMTP port "{value}"',
  smtpNoPassword: "SMTP user {user} is set but AR_DESK_SMTP_PASSWORD is empty",
  smtpClear: "will not send a password in clear (security none) to {host}: use starttls or tls",

  // PDF (pdf.ts)
  sofficeMissing:
    "LibreOffice (soffice) was not found, so no PDF can be made: install LibreOffice and CJK fonts (e.g. fonts-noto-cjk), or set AR_DESK_SOFFICE to the soffice binary",
  pdfNotPrinted: "LibreOffice did not print {name}",
  pdfTimeout: "stopped after {seconds} s",
  pdfFailed: "LibreOffice failed ({why}): {stderr}",

  // analyze
  datedAfter:
    "  not in these figures: {n, plural, one {# item} other {# items}} dated after the as-of date {date} ({amount})",
  limitation:
    "Limitation: {soon, plural, one {# claim ends} other {# claims end}} within 180 days ({soonSum}), {expired, plural, one {# has ended} other {# have ended}} ({expiredSum}); a demand letter or the debtor's acknowledgement restarts the period",

  // demo, templates
  sampleMissing: "the sample workbook assets/sample.xlsx is missing (npm run sample makes it)",
  demoWrote: "Wrote: {files}",
  templatesNeedsOut: "templates needs --out FILE.xlsx",
  templatesWrote: "Wrote {file}: {names}",

  // check-order
  policyIssueAt: "{file}: {where}: {issue}",
  policyTop: "(top)",
  noPolicySheet:
    '{file}: no credit policy sheet (named "Credit policy", or with Grade and rule columns)',
  policyProblems: "{file}: {problems}",
  needsCustomer: "check-order needs --customer CODE",
  currencyBad: '--currency wants a currency code like CNY, not "{value}"',
  amountBad: '--amount wants a positive amount like 50000, not "{value}"',
  logMissing: "cannot read the collection log {file}: no such file",
  reviewsDue: "Credit reviews due at {date}: {n}",
  orderHead: "Order check at {date}: {who}, order of {amount}",
  orderNone: "none",
  orderVerdict: "Verdict: {label}",
  orderLimits: "  grade {grade}    limit {limit}    exposure {exposure}",
  orderHeadroom: "  headroom: {before} before, {after} after",
  orderOverdue:
    "  overdue {overdue} ({items, plural, one {# item} other {# items}}), blocking {blocking} ({blockingItems, plural, one {# item} other {# items}})",
  orderReasons: "Reasons:",
  orderBlockingItem: "    {ref}  {due}  {amount}  {days, plural, one {# day} other {# days}}",
  orderMore: "    … {n} more",

  // generate
  kindsBad: 'generate wants one of {kinds}, not "{value}"',
  noTemplateSheet:
    "{file} holds no template sheet (expected a sheet named like {zhNames} or {enNames})",
  issueProfileMissing:
    'the company profile lacks {n, plural, one {# field} other {# fields}} these documents print: {list}. The letters show "[to fill in: …]" there; supply them with --company profile.json (see assets/sample-company.json), or add --require-company to refuse instead',
  issueMissingData: "{where}: no data for {placeholder} ({subject}); left blank",
  issueFooter:
    "{where}: {placeholder} cannot stand in a header or footer of a sheet of many customers (use --per-customer)",
  issueOther: "{where}: template error {code}: {name}",
  generateNeedsOut: "generate needs --out OUT.xlsx",
  fromToTogether: "--from and --to go together",
  fromAfterTo: "--from is after --to",
  needsSchedule: "generate commitments needs --schedule FILE (customer, date, amount)",
  noCommitment: "no customer in the schedule can get a commitment letter; nothing written",
  pdfsWritten: "Wrote {n, plural, one {# PDF} other {# PDFs}} to {dir}",
  registerAdded: "Register {file}: {added, plural, one {# row} other {# rows}} added, {n} in all",
  logCreated: "Created an empty collection log {file}; fill it in and run again",
  notLog:
    "{file}: no sheet looks like a collection log (a header row with date, customer, action, result …)",
  logSummary:
    "Collection log {file}: {read, plural, one {# row} other {# rows}} read, {imported} imported, {skipped} skipped, {rejected} rejected; promises {live} live, {kept} kept, {broken} broken; {disputed, plural, one {# item} other {# items}} disputed",
  scheduleCreated:
    "Created an empty payment schedule {file} (customer, date, amount); fill it in and run again",
  notSchedule:
    "{file}: no sheet looks like a payment schedule (a header row with customer, date and amount)",
  scheduleSummary:
    "Payment schedule {file}: {read, plural, one {# row} other {# rows}} read, {imported} imported, {skipped} skipped, {rejected} rejected; commitments for {plans, plural, one {# customer} other {# customers}}, {refused} refused",
  templateErrors: "templates have errors; nothing was written: {issues}",
  requireCompany:
    "--require-company: the company profile lacks {list}; nothing was written. Supply {n, plural, one {it} other {them}} with --company profile.json",
  sheetRows: "  {name}: {n, plural, one {# row} other {# rows}}",
  sheetDocuments: "  {name}: {n, plural, one {# document} other {# documents}}",
  skipCreditBalance: "credit balance (we owe them)",
  skipZeroBalance: "zero balance",
  skipNoActivity: "no activity and no balance in the period",
  skipNothingOverdue: "nothing overdue to chase",
  skippedCustomers: "  {n, plural, one {# customer} other {# customers}} got none: {reason}",
  generatedHead: "Wrote {file}:",
  inputProblems:
    "  ({n, plural, one {# input problem} other {# input problems}}; see ar-desk analyze --problems)",

  // remind
  sendDryRun: "--send and --dry-run do not go together",
  sendNeedsSmtp:
    "--send needs an SMTP server: --smtp FILE.json or AR_DESK_SMTP_HOST (without --send, .eml drafts are written)",
  sendNeedsRegister:
    "--send needs --register REG.xlsx: every message sent is recorded there, so none goes out twice",
  noSender:
    "no sender: give --from, the SMTP setting from, or company.email in the company profile",
  sendProfileMissing:
    '--send: the company profile lacks {list}; the letters would reach customers with "[to fill in: …]" in them. Supply --company profile.json; nothing was sent',
  draftProfileMissing:
    '  ! the company profile lacks {list}: the drafts\' letters show "[to fill in: …]"; supply --company profile.json before --send',
  mailTemplatesUnreadable: "cannot read the mail templates {file}: {why}",
  mailTemplatesErrors: "the mail templates {file} have errors: {issues}",
  mailIssueEmpty: "{where} is empty",
  mailIssuePlaceholder: "{where}: {placeholder} is not a known placeholder",
  registerLocked: "another remind run is using {file} (lock file {lock})",
  notOnCustomerList: "(not on the customer list)",
  sourceRow: "{file} row {row}",
  remindHead: "Reminders due {date}: {n}; {mode}",
  remindSending: "sending",
  remindDryRun: "dry run (nothing sent; .eml drafts written)",
  remindColumns: "Status | Type | Customer | Recipients | Invoices | Amount | Note",
  noAttachment: "no attachment: no letter made",
  statusDraft: "draft",
  statusSent: "sent",
  statusFailed: "FAILED",
  statusAlready: "already sent",
  statusDeferred: "deferred",
  refusedByServer: "; refused by the server: {list}",
  allRefused: "every recipient was refused",
  retryNextRun: "not sent, retried next run: {error}",
  alreadyNote: "in the register; not sent again",
  deferredNote: "over the limit of {max} a run; sent next run",
  skippedHead: "Skipped (on hold): {n, plural, one {# customer} other {# customers}}",
  skippedLine: "  - {who} ({type}): {reason}",
  addressProblems: "Address problems: {n}",
  addressLine: "  ! {place} (e-mail): {who}: {reason}{detail}",
  sentTotals:
    "{sent, plural, one {# message} other {# messages}} sent, {failed} failed, {already} already sent, {deferred} deferred; register {register}",
  draftTotals:
    "Wrote {n, plural, one {# .eml draft} other {# .eml drafts}} to {dir} (add --send to send)",
};

export type CliKey = keyof typeof EN_US;

const ZH_CN: Record<CliKey, string> = {
  unknownCommand: '未知命令 "{command}"（见 ar-desk --help）',
  unknownOption: "未知选项 {option}（{help} 列出可用选项）",
  optionValue: "选项 {option} 的值有误（见 {help}）",
  badArguments: "参数有误（见 {help}）",
  asOfBad: '--as-of 应为 YYYY-MM-DD 格式的日期，而不是 "{value}"',
  bucketsBad: '--buckets 应为递增的整数天数，如 30,60,90，而不是 "{value}"',
  bucketsIncreasing: "--buckets：账龄分段天数须严格递增",
  basisBad: '--basis 应为 due 或 invoice，而不是 "{value}"',
  graceBad: '--grace 应为整数天数，而不是 "{value}"',
  policyIssue: "--{option}：{issue}",
  dateOrderBad: '--date-order 应为 dmy 或 mdy，而不是 "{value}"',
  langBad: '--lang 应为 zh-CN 或 en-US，而不是 "{value}"',
  needsFiles: "{command} 需要至少一个 .xlsx 或 .csv 文件",
  sheetOnCsv: "--sheet 只适用于 .xlsx 文件；{file} 是 CSV 文件",
  noReceivablesSheet:
    "{file} 中没有像应收明细的工作表（前 30 行内应有一行表头，列出客户、金额和日期列）",
  noPaymentsSheet: "{file} 中没有像收款记录的工作表",
  noCustomersSheet: "{file} 中没有像客户名单的工作表",
  xlsxName: '{flag} 应为 .xlsx 文件名，而不是 "{file}"',
  scheduleName: '--schedule 应为 .xlsx 或 .csv 文件名，而不是 "{file}"',
  positiveInt: '{flag} 应为正整数，而不是 "{value}"',
  listSeparator: "、",
  problemAt: "{place}：{message}",
  because: "{first}（{why}）",

  fileProblem: "{file}：{problem}",
  fileNotFound: "文件不存在",
  filePermission: "没有读取权限",
  fileLocked: "文件被其他程序占用（请在 Excel 中关闭后重试）",
  fileIsFolder: "是文件夹，不是文件",
  fileNotDir: "文件不存在（路径中的某个文件夹其实是文件）",
  fileUnreadable: "无法读取（{why}）",
  fileTooLarge: "文件太大，无法读取（{why}）",
  otherSpreadsheet: "不支持 {kind} 文件；请在 Excel 中打开并另存为 .xlsx（或 .csv）",
  unsupportedType: '不支持的文件类型 "{ext}"；请提供 .xlsx、.xlsm 或 .csv 文件',
  unsupportedNoType: "不支持没有扩展名的文件；请提供 .xlsx、.xlsm 或 .csv 文件",
  csvNoSheets: '是 CSV 文件，没有工作表（指定的是 "{sheet}"）',
  oleFile: "设有密码，或是旧格式 .xls 文件；请去掉密码或另存为 .xlsx",
  noSheets: "工作簿中没有工作表",
  noSheetNamed: '没有名为 "{name}" 的工作表；现有工作表：{list}',
  fileNoSheetNamed: "{file}：没有名为“{sheet}”的工作表",
  cannotRead: "无法读取 {file}：{why}",
  cannotWrite: "无法写入 {file}：{why}",
  cannotCreate: "无法创建 {file}：{why}",
  cannotReadTemplates: "无法读取模板工作簿 {file}：{why}",
  outIsInput: "--out {file} 是输入文件之一；ar-desk 从不写入输入文件",
  outExists: "{file} 已存在；ar-desk 不会覆盖它（确需替换请加 --force）",
  inputFile: "输入文件 {file}",
  sameFile: "{a} 与 {b} 是同一个文件；ar-desk 从不写入输入文件",
  sameFileLinked:
    "{a} 与 {b} 是同一个文件（符号链接、硬链接或大小写不同的同名文件）；ar-desk 从不写入输入文件",
  foreignOverwrite:
    "{flag} {file} 已存在且不是 ar-desk 生成的文件；ar-desk 不会覆盖它（确需替换请加 --force）",
  notWritable: "{flag} {file} 无法写入：{why}",
  whyFolder: "这是文件夹",
  whyPermission: "没有读写权限",
  whyNotFolder: "{dir} 不是文件夹",
  whyNoFolder: "路径不存在",
  whyNoWriteIn: "文件夹 {dir} 没有写权限",
  inexactTotals: "{code}金额合计超过 2^53 个最小货币单位，无法精确相加；请拆分数据后再运行",
  inexactTotalsNoCode:
    "未标币种的金额合计超过 2^53 个最小货币单位，无法精确相加；请拆分数据后再运行",

  notJson: "{file} 不是 JSON",
  notJsonWhy: "{file} 不是有效的 JSON：{why}",
  jsonObject: "{file} 应为一个 JSON 对象",
  profileInvalid: "--company {file}：{where} 应为{expected}",
  profileInvalidShown: "--company {file}：{where} 应为{expected}，而不是 {shown}",
  profileWholeFile: "整个文件",
  profileDays: "0 到 3650 之间的整数天数",
  profileObject: "一个对象 { … }",
  profileText: "文字（不超过 2000 字）",
  profileField: "{label}（{key}）",

  smtpPassword: "{file} 中不得写密码：请用环境变量 AR_DESK_SMTP_PASSWORD 提供",
  smtpUnknownSetting: '{file}：未知设置 "{key}"（可用：{known}）',
  smtpSecurity: 'SMTP 的 security 应为 starttls、tls 或 none，而不是 "{value}"',
  smtpPort: 'SMTP 端口无效："{value}"',
  smtpNoPassword: "已设置 SMTP 用户 {user}，但环境变量 AR_DESK_SMTP_PASSWORD 为空",
  smtpClear: "不会以明文（security none）向 {host} 发送密码：请用 starttls 或 tls",

  sofficeMissing:
    "未找到 LibreOffice（soffice），无法生成 PDF：请安装 LibreOffice 及中文字体（如 fonts-noto-cjk），或用 AR_DESK_SOFFICE 指定 soffice 的路径",
  pdfNotPrinted: "LibreOffice 未能生成 {name}",
  pdfTimeout: "超时（{seconds} 秒）被终止",
  pdfFailed: "LibreOffice 生成 PDF 失败（{why}）：{stderr}",

  datedAfter: "  不在以上数字中：{n} 笔单据的日期晚于基准日 {date}（{amount}）",
  limitation:
    "诉讼时效：{soon} 笔将在 180 天内届满（{soonSum}），{expired} 笔已届满（{expiredSum}）；请发函催收或取得对方确认以中断时效",

  sampleMissing: "缺少示例工作簿 assets/sample.xlsx（用 npm run sample 生成）",
  demoWrote: "已写入: {files}",
  templatesNeedsOut: "templates 需要 --out FILE.xlsx",
  templatesWrote: "已写入 {file}：{names}",

  policyIssueAt: "{file}：{where}：{issue}",
  policyTop: "（顶层）",
  noPolicySheet: "{file}：未找到信用政策表（工作表“信用政策”或带“信用等级”等列的表）",
  policyProblems: "{file}：{problems}",
  needsCustomer: "check-order 需要 --customer 客户编码",
  currencyBad: '--currency 应为币种代码，如 CNY，而不是 "{value}"',
  amountBad: '--amount 应为正数金额，如 50000，而不是 "{value}"',
  logMissing: "找不到催收记录 {file}",
  reviewsDue: "截至 {date} 需信用复核的客户：{n}",
  orderHead: "订单信用审核（基准日 {date}）：{who}，订单金额 {amount}",
  orderNone: "未设",
  orderVerdict: "结论：{label}",
  orderLimits: "  等级 {grade}    额度 {limit}    占用 {exposure}",
  orderHeadroom: "  可用额度：下单前 {before}，下单后 {after}",
  orderOverdue: "  逾期 {overdue}（{items} 笔），其中暂停赊销的 {blocking}（{blockingItems} 笔）",
  orderReasons: "原因：",
  orderBlockingItem: "    {ref}  {due}  {amount}  {days} 天",
  orderMore: "    …另 {n} 笔",

  kindsBad: 'generate 的文书类型应为 {kinds} 之一，而不是 "{value}"',
  noTemplateSheet: "{file} 中没有模板工作表（工作表应命名为 {zhNames} 或 {enNames} 之一）",
  issueProfileMissing:
    "公司资料缺少本次文书用到的 {n} 项：{list}。文书中这些位置印有“【待填：…】”；请用 --company 公司资料.json 提供（格式见 assets/sample-company.json），或加 --require-company 在缺项时不生成",
  issueMissingData: "{where}：缺少 {placeholder} 的数据（{subject}），该处留空",
  issueFooter:
    "{where}：页眉/页脚中的 {placeholder} 因多个客户同表而无法使用（可用 --per-customer）",
  issueOther: "{where}：模板错误 {code}：{name}",
  generateNeedsOut: "generate 需要 --out OUT.xlsx",
  fromToTogether: "--from 与 --to 须同时给出",
  fromAfterTo: "--from 晚于 --to",
  needsSchedule: "generate commitments 需要 --schedule FILE（客户、还款日期、还款金额）",
  noCommitment: "还款计划中没有可生成承诺书的客户，未写出文件",
  pdfsWritten: "已在 {dir} 生成 PDF {n} 份",
  registerAdded: "文书登记簿 {file}：新增 {added} 行，共 {n} 行",
  logCreated: "已新建空白催收记录 {file}，填写后再次运行即可生效",
  notLog: "{file}：没有像催收记录的工作表（应有一行表头，含日期、客户、动作、结果等列）",
  logSummary:
    "催收记录 {file}：读取 {read} 行，导入 {imported}，跳过 {skipped}，未导入 {rejected}；承诺付款 {live} 项未到期、{kept} 项已履行、{broken} 项已违约；争议 {disputed} 笔",
  scheduleCreated:
    "已新建空白还款计划 {file}（客户、还款日期、还款金额），填写后再次运行即可生成承诺书",
  notSchedule: "{file}：没有像还款计划的工作表（应有一行表头，含客户、日期和金额列）",
  scheduleSummary:
    "还款计划 {file}：读取 {read} 行，导入 {imported}，跳过 {skipped}，未导入 {rejected}；{plans} 个客户生成承诺书，{refused} 个客户因问题未生成",
  templateErrors: "模板有误，未生成任何文件：{issues}",
  requireCompany:
    "--require-company：公司资料缺少 {list}，未写出任何文件；请用 --company 公司资料.json 提供",
  sheetRows: "  {name}: {n} 行",
  sheetDocuments: "  {name}: {n} 份",
  skipCreditBalance: "贷方余额（我方欠客户）",
  skipZeroBalance: "余额为零",
  skipNoActivity: "期间无发生额且无余额",
  skipNothingOverdue: "无可催收的逾期款",
  skippedCustomers: "  未生成 {n} 个客户：{reason}",
  generatedHead: "已生成 {file}：",
  inputProblems: "  （有 {n} 个输入问题，见 ar-desk analyze --problems）",

  sendDryRun: "--send 与 --dry-run 只能选一个",
  sendNeedsSmtp:
    "--send 需要 SMTP 服务器：--smtp FILE.json 或环境变量 AR_DESK_SMTP_HOST（不加 --send 则只写出 .eml 草稿）",
  sendNeedsRegister: "--send 需要 --register REG.xlsx：每封已发邮件都记入登记簿，保证每封只发一次",
  noSender: "发件人未知：请用 --from、SMTP 设置中的 from 或公司资料中的 company.email 指定",
  sendProfileMissing:
    "--send：公司资料缺少 {list}，函件会带着“【待填：…】”发给客户；请用 --company 公司资料.json 提供。未发送任何邮件",
  draftProfileMissing:
    "  ! 公司资料缺少 {list}：草稿中的函件印有“【待填：…】”；发送（--send）前请用 --company 公司资料.json 提供",
  mailTemplatesUnreadable: "无法读取邮件模板 {file}：{why}",
  mailTemplatesErrors: "邮件模板 {file} 有误：{issues}",
  mailIssueEmpty: "{where} 为空",
  mailIssuePlaceholder: "{where} 中的 {placeholder} 不是可用的占位符",
  registerLocked: "另一个 remind 正在使用 {file}（锁文件 {lock}）",
  notOnCustomerList: "（客户名单中没有该客户）",
  sourceRow: "{file} 第 {row} 行",
  remindHead: "{date} 到期的提醒：{n} 封；{mode}",
  remindSending: "发送",
  remindDryRun: "试运行（未发送，写出 .eml 草稿）",
  remindColumns: "状态 | 类型 | 客户 | 收件人 | 发票 | 金额 | 说明",
  noAttachment: "无附件：未生成文书",
  statusDraft: "草稿",
  statusSent: "已发送",
  statusFailed: "失败",
  statusAlready: "已发过",
  statusDeferred: "推迟",
  refusedByServer: "；被服务器拒收：{list}",
  allRefused: "所有收件人均被拒收",
  retryNextRun: "未发送，下次运行重试：{error}",
  alreadyNote: "登记簿中已有，不再发送",
  deferredNote: "超过每次上限 {max} 封，下次运行发送",
  skippedHead: "未发送（暂停催收）：{n} 位客户",
  skippedLine: "  - {who}（{type}）：{reason}",
  addressProblems: "地址问题：{n} 处",
  addressLine: "  ! {place}（邮箱）：{who}：{reason}{detail}",
  sentTotals:
    "已发送 {sent} 封，失败 {failed} 封，已发过 {already} 封，推迟 {deferred} 封；登记簿 {register}",
  draftTotals: "已在 {dir} 写出 {n} 封 .eml 草稿（加 --send 才会发送）",
};

/** Every message of the command line, by locale. */
export const CLI_MESSAGES: Readonly<Record<Locale, Readonly<Record<CliKey, string>>>> = {
  "en-US": EN_US,
  "zh-CN": ZH_CN,
};

export const CLI_KEYS = Object.keys(EN_US) as CliKey[];

/** The message `key` in `locale`, its parameters filled (plurals by the locale's rules). */
export function cliText(locale: Locale, key: CliKey, params: MessageParams = {}): string {
  return fill(CLI_MESSAGES[locale][key], params, { locale });
}
