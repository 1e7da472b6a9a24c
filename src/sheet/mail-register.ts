/**
 * The mail register (邮件发送登记, issue 19): one row per reminder e-mail sent (by
 * `ar-desk remind --send`) or prepared as a draft (the pane): when, what, to whom, the message
 * id and the SHA-256 of the PDF attached, so a later dispute can show what was sent. Rows are
 * only ever appended. The key column makes "once each": a message whose key has a row marked
 * sent is not sent again.
 */
import type { DueReminder, ReminderType } from "../core/documents/reminders";
import type { Locale } from "../core/messages";
import { isoFromSerial, type Serial } from "../core/dates";
import { minorDigits } from "../core/money";
import { isCellError, type CellValue } from "./grid";
import { header, type SheetSpec, type SpecCell, type SpecRow } from "./spec";

export const MAIL_REGISTER_SHEET: Record<Locale, string> = {
  "zh-CN": "邮件发送登记",
  "en-US": "Mail register",
};

export const MAIL_REGISTER_HEADERS: Record<Locale, string[]> = {
  "zh-CN": [
    "时间（UTC）",
    "状态",
    "类型",
    "客户编码",
    "客户名称",
    "币种",
    "发票",
    "金额",
    "收件人",
    "邮件 ID",
    "附件",
    "附件 SHA-256",
    "基准日",
    "键",
  ],
  "en-US": [
    "Time (UTC)",
    "Status",
    "Type",
    "Customer",
    "Customer name",
    "Currency",
    "Invoices",
    "Amount",
    "Recipients",
    "Message ID",
    "Attachment",
    "Attachment SHA-256",
    "As of",
    "Key",
  ],
};

export type MailStatus = "sent" | "prepared";

const STATUS: Record<Locale, Record<MailStatus, string>> = {
  "zh-CN": { sent: "已发送", prepared: "已准备草稿" },
  "en-US": { sent: "sent", prepared: "draft prepared" },
};

export const REMINDER_TYPE_LABEL: Record<Locale, Record<ReminderType, string>> = {
  "zh-CN": {
    preDue: "到期前提醒",
    confirm: "确认付款日期",
    dueDay: "到期日提醒",
    dunning: "逾期催款函",
  },
  "en-US": {
    preDue: "Pre-due reminder",
    confirm: "Payment-date confirmation",
    dueDay: "Due-day reminder",
    dunning: "Dunning letter",
  },
};

export interface MailRecord {
  reminder: DueReminder;
  status: MailStatus;
  /** ISO time, UTC. */
  at: string;
  /** The addresses the server accepted (sent) or the draft is for (prepared). */
  recipients: string[];
  messageId: string;
  attachment: string | null;
  attachmentSha256: string | null;
  asOf: Serial;
}

/** The register row of a message, in the columns of MAIL_REGISTER_HEADERS. Text stays text. */
export function mailRegisterRow(m: MailRecord, locale: Locale): (string | number)[] {
  const r = m.reminder;
  return [
    m.at,
    STATUS[locale][m.status],
    REMINDER_TYPE_LABEL[locale][r.type],
    r.customerCode,
    r.customerName,
    r.currency ?? "",
    r.invoices.join(", "),
    r.total / 10 ** r.digits,
    m.recipients.join(", "),
    m.messageId,
    m.attachment ?? "",
    m.attachmentSha256 ?? "",
    isoFromSerial(m.asOf),
    r.key,
  ];
}

/**
 * The keys of the messages a register's rows mark as sent (either language's headers and
 * status words). Rows of drafts prepared do not count: a draft may never have gone out.
 */
export function sentKeys(rows: readonly (readonly CellValue[])[]): Set<string> {
  const keys = new Set<string>();
  const header = rows[0] ?? [];
  const find = (names: string[]) =>
    header.findIndex((h) => typeof h === "string" && names.includes(h.trim()));
  const keyCol = find([MAIL_REGISTER_HEADERS["zh-CN"][13], MAIL_REGISTER_HEADERS["en-US"][13]]);
  const statusCol = find([MAIL_REGISTER_HEADERS["zh-CN"][1], MAIL_REGISTER_HEADERS["en-US"][1]]);
  if (keyCol < 0 || statusCol < 0) return keys;
  const sent = new Set([STATUS["zh-CN"].sent, STATUS["en-US"].sent]);
  for (const row of rows.slice(1)) {
    const key = row[keyCol];
    const status = row[statusCol];
    if (typeof key === "string" && typeof status === "string" && sent.has(status.trim()))
      keys.add(key.trim());
  }
  return keys;
}

/** The language of a mail register sheet by its name (either), else `fallback`. */
export function mailRegisterLocale(sheet: string | null, fallback: Locale): Locale {
  if (sheet === MAIL_REGISTER_SHEET["zh-CN"]) return "zh-CN";
  if (sheet === MAIL_REGISTER_SHEET["en-US"]) return "en-US";
  return fallback;
}

/**
 * The mail register sheet with `added` appended: every row it held, as read (never one dropped
 * or changed), then one row per message, in the sheet's own language. Amounts show with their
 * currency's digits; text stays text.
 */
export function mailRegisterSpec(
  old: { sheet: string | null; rows: readonly (readonly CellValue[])[] | null },
  added: readonly MailRecord[],
  locale: Locale,
): SheetSpec {
  const lang = mailRegisterLocale(old.sheet, locale);
  const kept = (old.rows ?? []).filter((r, k) => k === 0 || r.some((v) => v !== null && v !== ""));
  const amountColumn = 7;
  const currencyColumn = 5;
  const amount = (v: number, currency: unknown): SpecCell => {
    const digits = minorDigits(typeof currency === "string" && currency ? currency : null);
    return { value: v, format: digits ? `#,##0.${"0".repeat(digits)}` : "#,##0" };
  };
  const rows: SpecRow[] = [
    kept.length
      ? kept[0].map((v) => (typeof v === "string" ? header(v) : isCellError(v) ? v.error : v))
      : MAIL_REGISTER_HEADERS[lang].map(header),
    ...kept.slice(1).map((row) =>
      row.map((v, c) => {
        if (isCellError(v)) return v.error;
        if (typeof v === "number" && c === amountColumn) return amount(v, row[currencyColumn]);
        return v;
      }),
    ),
    ...added.map((m) =>
      mailRegisterRow(m, lang).map((v, c) =>
        typeof v === "number" && c === amountColumn ? amount(v, m.reminder.currency) : v,
      ),
    ),
  ];
  return {
    name: old.sheet ?? MAIL_REGISTER_SHEET[lang],
    rows,
    freeze: { rows: 1, columns: 0 },
  };
}
