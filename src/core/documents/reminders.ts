/**
 * The reminders due on a day (issue 19): the collection plan's steps whose date has come
 * (pre-due reminder −7, payment-date confirmation −3, due day, the dunning ladder), grouped
 * into one message per customer, currency and kind, for customers with an e-mail address on
 * the customer list. Customers on hold (an item in dispute, a live promise to pay, the list's
 * "do not contact") get nothing, and say why; a missing or malformed address is a located
 * problem. Pure: no I/O, no mail; the CLI and the pane send or draft what this returns.
 */
import { Hold, type Analysis } from "../analyze";
import { isoFromSerial, type Serial } from "../dates";
import { fill as fillMessage } from "../i18n";
import type { Locale } from "../messages";
import { formatMinor, type CurrencyCode, type Minor } from "../money";
import type { SourceRef } from "../problems";
import { stageOfLevel } from "./dunning";
import { collectionPlan, itemSchedule, type PlanRow } from "./plan";
import type { DoneAction } from "./common";
import type { DunningStage } from "./messages";

/** The kinds of reminder message. */
export type ReminderType = "preDue" | "confirm" | "dueDay" | "dunning";
export const REMINDER_TYPES: readonly ReminderType[] = ["preDue", "confirm", "dueDay", "dunning"];

/** Why a customer gets no message today. */
export type ReminderSkip = "disputed" | "promise" | "doNotContact" | "noAddress" | "badAddress";

export interface DueReminder {
  /** What makes a message the same message (once each): kind, customer, currency, items. */
  key: string;
  type: ReminderType;
  /** The dunning letter's stage (dunning only). */
  stage: DunningStage | null;
  customerIndex: number;
  customerCode: string;
  customerName: string;
  currency: CurrencyCode;
  digits: number;
  /** Item indices in `ledger.items`, by due date. */
  items: number[];
  invoices: string[];
  /** Outstanding of these items, minor units. */
  total: Minor;
  /** Earliest due date of the items. */
  dueDate: Serial;
  /** Highest days overdue of the items (0 before the due date). */
  daysOverdue: number;
  /** The valid addresses. */
  recipients: string[];
  /** Malformed addresses left out (also reported as problems). */
  rejectedAddresses: string[];
  /** The customer's language, else the run's. */
  locale: Locale;
}

export interface SkippedReminder {
  type: ReminderType;
  customerCode: string;
  customerName: string;
  reason: ReminderSkip;
  /** The customer list's row, when it has one. */
  source: SourceRef | null;
  /** The address text (badAddress). */
  detail: string | null;
}

export interface RemindersOptions {
  /** Steps done, from the collection log. */
  done?: readonly DoneAction[];
  /** Language for customers whose list row says none. */
  locale: Locale;
}

const TYPE_OF_ACTION: Partial<Record<PlanRow["action"], ReminderType>> = {
  preDueReminder: "preDue",
  confirmDate: "confirm",
  dueDayCall: "dueDay",
  reminder: "dunning",
  phone: "dunning",
  writtenNotice: "dunning",
  visit: "dunning",
  legal: "dunning",
};

/**
 * One address or several in a cell (separated by commas, semicolons, 、 or spaces; `Name
 * <a@b.c>` allowed): the valid addresses and the malformed pieces.
 */
export function parseAddresses(text: string | null): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  if (!text) return { valid, invalid };
  const pieces = text
    .normalize("NFKC")
    .split(/[,;、]+/)
    .flatMap((p) => (p.includes("<") ? [p] : p.split(/\s+/)))
    .map((p) => p.trim())
    .filter(Boolean);
  for (const piece of pieces) {
    const angle = /<([^<>]*)>\s*$/.exec(piece);
    const addr = (angle ? angle[1] : piece).trim();
    if (isAddress(addr)) {
      if (!valid.some((v) => v.toLowerCase() === addr.toLowerCase())) valid.push(addr);
    } else invalid.push(piece);
  }
  return { valid, invalid };
}

/** A plain internet address: local part without spaces or specials, a dotted domain. */
export function isAddress(addr: string): boolean {
  if (addr.length > 254) return false;
  const m =
    /^([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64})@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$/.exec(
      addr,
    );
  if (!m) return false;
  const [, local, domain] = m;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  return domain.split(".").every((l) => !l.startsWith("-") && !l.endsWith("-"));
}

/** The messages due on the analysis date, and the customers left out with their reasons. */
export function dueReminders(
  a: Analysis,
  options: RemindersOptions,
): { due: DueReminder[]; skipped: SkippedReminder[] } {
  const { ledger, asOf } = a;
  const plan = collectionPlan(a, { done: options.done, locale: options.locale });
  // Holds are of the customer: one disputed item or live promise stops every message to it.
  const held = new Map<number, ReminderSkip>();
  for (let i = 0; i < ledger.items.length; i++) {
    if (a.items.outstanding[i] <= 0) continue;
    const h = a.items.hold[i];
    const c = ledger.items.customer[i];
    if (h === Hold.disputed) held.set(c, "disputed");
    else if (h === Hold.promise && held.get(c) !== "disputed") held.set(c, "promise");
  }
  const groups = new Map<string, { type: ReminderType; rows: PlanRow[] }>();
  for (const row of plan) {
    const type = TYPE_OF_ACTION[row.action];
    if (!type || row.actionDate !== asOf || row.outstanding <= 0) continue;
    const key = `${row.customerIndex}\u0000${row.currency ?? ""}\u0000${type}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { type, rows: [] }));
    g.rows.push(row);
  }
  // Held items have a hold action in the plan: the step they would be at today tells what
  // message the hold stops (a step dated today, or the ladder once overdue).
  for (let i = 0; i < ledger.items.length; i++) {
    if (a.items.outstanding[i] <= 0 || a.items.hold[i] === Hold.none || !a.items.due[i]) continue;
    const steps = itemSchedule(a.policy, a.items.due[i], a.items.actBy[i]);
    const current = steps.filter((st) => st.date <= asOf).pop();
    if (!current || (current.date !== asOf && current.level === 0)) continue;
    const type = TYPE_OF_ACTION[current.action];
    if (!type) continue;
    const c = ledger.items.customer[i];
    const key = `${c}\u0000${ledger.currencies[ledger.items.currency[i]] ?? ""}\u0000${type}`;
    if (groups.has(key)) continue;
    const cu = ledger.customers[c];
    groups.set(key, {
      type,
      rows: [
        {
          customerIndex: c,
          customerCode: cu.code,
          customerName: cu.name ?? cu.code,
          currency: ledger.currencies[ledger.items.currency[i]],
        } as PlanRow,
      ],
    });
  }
  const due: DueReminder[] = [];
  const skipped: SkippedReminder[] = [];
  const order = (t: ReminderType) => REMINDER_TYPES.indexOf(t);
  const sorted = [...groups.values()].sort(
    (x, y) =>
      x.rows[0].customerCode.localeCompare(y.rows[0].customerCode) ||
      order(x.type) - order(y.type) ||
      (x.rows[0].currency ?? "").localeCompare(y.rows[0].currency ?? ""),
  );
  for (const { type, rows } of sorted) {
    const first = rows[0];
    const cu = ledger.customers[first.customerIndex];
    const skip = (reason: ReminderSkip, detail: string | null = null) =>
      skipped.push({
        type,
        customerCode: cu.code,
        customerName: first.customerName,
        reason,
        source: cu.source,
        detail,
      });
    const hold = held.get(cu.index);
    if (hold) {
      skip(hold);
      continue;
    }
    if (cu.doNotContact) {
      skip("doNotContact");
      continue;
    }
    const { valid, invalid } = parseAddresses(cu.email);
    if (invalid.length) skip("badAddress", invalid.join(", "));
    if (!valid.length) {
      if (!invalid.length) skip("noAddress");
      continue;
    }
    rows.sort((x, y) => x.dueDate - y.dueDate || x.item - y.item);
    const items = rows.map((r) => r.item);
    const invoices = rows.map((r) => r.invoice ?? `#${r.item + 1}`);
    const level = Math.max(...rows.map((r) => r.level));
    const stage = type === "dunning" ? stageOfLevel(level) : null;
    const kind = type === "dunning" ? `dunning-${stage}` : type;
    due.push({
      key: [kind, cu.code, first.currency ?? "", [...invoices].sort().join(",")].join("|"),
      type,
      stage,
      customerIndex: cu.index,
      customerCode: cu.code,
      customerName: first.customerName,
      currency: first.currency,
      digits: first.digits,
      items,
      invoices,
      total: rows.reduce((s, r) => s + r.outstanding, 0),
      dueDate: Math.min(...rows.map((r) => r.dueDate)),
      daysOverdue: Math.max(0, ...rows.map((r) => r.daysOverdue)),
      recipients: valid,
      rejectedAddresses: invalid,
      locale: cu.language ?? options.locale,
    });
  }
  return { due, skipped };
}

/** Subject and body of one kind of message, with {{placeholders}}. */
export interface MailTemplate {
  subject: string;
  body: string;
}

export type MailTemplates = Record<Locale, Record<ReminderType, MailTemplate>>;

/** The placeholders a mail template may use. */
export const MAIL_FIELDS = [
  "customer",
  "customerCode",
  "currency",
  "total",
  "dueDate",
  "daysOverdue",
  "invoices",
  "asOf",
  "letter",
  "company",
  "collector",
  "replyTo",
] as const;

const SIGNATURE = "\n\n{{company}}\n{{collector}}\n{{replyTo}}\n";

/** The built-in templates: editable by `ar-desk remind --mail-templates FILE.json`. */
export const BUILTIN_MAIL_TEMPLATES: MailTemplates = {
  "zh-CN": {
    preDue: {
      subject: "付款提醒：{{customer}} {{currency}} {{total}} 将于 {{dueDate}} 到期",
      body:
        "{{customer}}：\n\n您好！贵公司以下款项将于 {{dueDate}} 到期，合计 {{currency}} {{total}}：\n\n{{invoices}}\n\n" +
        "附件为截至 {{asOf}} 的对账单（PDF）。如已安排付款，请忽略本邮件；如有疑问，请直接回复本邮件。" +
        SIGNATURE,
    },
    confirm: {
      subject: "付款日期确认：{{customer}} {{currency}} {{total}}（{{dueDate}} 到期）",
      body:
        "{{customer}}：\n\n您好！以下款项将于 {{dueDate}} 到期，合计 {{currency}} {{total}}：\n\n{{invoices}}\n\n" +
        "烦请回复本邮件确认付款日期。附件为截至 {{asOf}} 的对账单（PDF）。" +
        SIGNATURE,
    },
    dueDay: {
      subject: "今日到期：{{customer}} {{currency}} {{total}}",
      body:
        "{{customer}}：\n\n您好！以下款项于今日（{{dueDate}}）到期，合计 {{currency}} {{total}}：\n\n{{invoices}}\n\n" +
        "请安排付款；如已付款，请回复告知付款日期与金额，以便核对。附件为对账单（PDF）。" +
        SIGNATURE,
    },
    dunning: {
      subject: "{{letter}}：{{customer}} 逾期款项 {{currency}} {{total}}",
      body:
        "{{customer}}：\n\n贵公司以下款项已逾期（最长 {{daysOverdue}} 天），合计 {{currency}} {{total}}：\n\n{{invoices}}\n\n" +
        "详见附件《{{letter}}》（PDF）。请尽快安排付款；如有异议，请直接回复本邮件。" +
        SIGNATURE,
    },
  },
  "en-US": {
    preDue: {
      subject: "Payment reminder: {{customer}}, {{currency}} {{total}} due on {{dueDate}}",
      body:
        "Dear {{customer}},\n\nThe following invoices fall due on {{dueDate}}, {{currency}} {{total}} in all:\n\n{{invoices}}\n\n" +
        "Your statement of account as of {{asOf}} is attached (PDF). If payment is already on its way, please disregard this message; for any question, just reply." +
        SIGNATURE,
    },
    confirm: {
      subject:
        "Please confirm your payment date: {{customer}}, {{currency}} {{total}} due {{dueDate}}",
      body:
        "Dear {{customer}},\n\nThe following invoices fall due on {{dueDate}}, {{currency}} {{total}} in all:\n\n{{invoices}}\n\n" +
        "Could you reply to confirm the date of payment? Your statement as of {{asOf}} is attached (PDF)." +
        SIGNATURE,
    },
    dueDay: {
      subject: "Due today: {{customer}}, {{currency}} {{total}}",
      body:
        "Dear {{customer}},\n\nThe following invoices are due today ({{dueDate}}), {{currency}} {{total}} in all:\n\n{{invoices}}\n\n" +
        "Please arrange payment; if you have paid, a reply with the date and amount helps us match it. Your statement is attached (PDF)." +
        SIGNATURE,
    },
    dunning: {
      subject: "{{letter}}: {{customer}}, {{currency}} {{total}} overdue",
      body:
        "Dear {{customer}},\n\nThe following invoices are overdue (by up to {{daysOverdue}} days), {{currency}} {{total}} in all:\n\n{{invoices}}\n\n" +
        "Please see the attached {{letter}} (PDF) and arrange payment promptly; if you disagree with any item, reply to this message." +
        SIGNATURE,
    },
  },
};

/** A template problem: an unknown placeholder, or a missing subject or body. */
export interface MailTemplateIssue {
  locale: Locale;
  type: ReminderType;
  part: "subject" | "body";
  name: string;
}

/** Built-in templates with the user's replacements; unknown placeholders are issues. */
export function mailTemplates(user: unknown): {
  templates: MailTemplates;
  issues: MailTemplateIssue[];
} {
  const templates = JSON.parse(JSON.stringify(BUILTIN_MAIL_TEMPLATES)) as MailTemplates;
  const issues: MailTemplateIssue[] = [];
  const u = (user ?? {}) as Record<string, Record<string, Partial<MailTemplate>>>;
  for (const locale of ["zh-CN", "en-US"] as const)
    for (const type of REMINDER_TYPES) {
      const t = u[locale]?.[type];
      if (!t) continue;
      for (const part of ["subject", "body"] as const) {
        const v = t[part];
        if (v === undefined) continue;
        if (typeof v !== "string" || !v.trim()) {
          issues.push({ locale, type, part, name: "" });
          continue;
        }
        for (const m of v.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g))
          if (!(MAIL_FIELDS as readonly string[]).includes(m[1]))
            issues.push({ locale, type, part, name: m[1] });
        templates[locale][type][part] = v;
      }
    }
  return { templates, issues };
}

/** What the sender says about itself in a message. */
export interface Sender {
  company: string | null;
  collector: string | null;
  replyTo: string | null;
}

const LETTER: Record<Locale, Record<DunningStage, string>> = {
  "zh-CN": { A: "付款提醒函", B: "催款函", C: "最后催告函" },
  "en-US": { A: "Payment Reminder", B: "Second Notice", C: "Final Demand" },
};

/** A reminder's invoice line, and the letter a pre-due reminder attaches. */
const MAIL_TEXT: Record<Locale, { invoiceLine: string; statement: string }> = {
  "zh-CN": { invoiceLine: "  发票 {ref}　到期日 {due}　未收 {outstanding}", statement: "对账单" },
  "en-US": {
    invoiceLine: "  Invoice {ref}  due {due}  outstanding {outstanding}",
    statement: "Statement of Account",
  },
};

/** The subject (one line) and plain-text body of a reminder. */
export function reminderText(
  r: DueReminder,
  a: Analysis,
  templates: MailTemplates,
  sender: Sender,
): { subject: string; body: string } {
  const text = MAIL_TEXT[r.locale];
  const money = (m: number) => formatMinor(m, r.digits);
  const lines = r.items.map((i, k) =>
    fillMessage(text.invoiceLine, {
      ref: r.invoices[k],
      due: isoFromSerial(a.items.due[i]),
      outstanding: money(a.items.outstanding[i]),
    }),
  );
  const values: Record<(typeof MAIL_FIELDS)[number], string> = {
    customer: r.customerName,
    customerCode: r.customerCode,
    currency: r.currency ?? "",
    total: money(r.total),
    dueDate: isoFromSerial(r.dueDate),
    daysOverdue: String(r.daysOverdue),
    invoices: lines.join("\n"),
    asOf: isoFromSerial(a.asOf),
    letter: r.stage ? LETTER[r.locale][r.stage] : text.statement,
    company: sender.company ?? "",
    collector: sender.collector ?? "",
    replyTo: sender.replyTo ?? "",
  };
  const fill = (t: string) =>
    t.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) =>
      name in values ? values[name as keyof typeof values] : "",
    );
  // No currency (a book without a currency column): no stray space before the amount.
  const bare = (text: string) =>
    values.currency ? text : text.replace(/\{\{\s*currency\s*\}\}[ \u00a0]?/g, "");
  const t = templates[r.locale][r.type];
  return {
    // One line: a subject never carries a line break (header injection).
    subject: fill(bare(t.subject))
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .trim(),
    body:
      fill(bare(t.body))
        .replace(/\n{3,}/g, "\n\n")
        .trimEnd() + "\n",
  };
}
