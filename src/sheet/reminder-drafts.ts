/**
 * The day's reminders as .eml drafts (issue 19), for the pane, which cannot send mail from
 * inside Excel: the same messages `ar-desk remind` sends (core/documents/reminders.ts), built as
 * MIME text (core/mail/eml.ts) and each with its mail-register row marked "draft prepared".
 * Platform-neutral: no Office, no DOM, no Node.
 */
import type { Analysis } from "../core/analyze";
import type { DoneAction } from "../core/documents/common";
import {
  dueReminders,
  mailTemplates,
  reminderText,
  type DueReminder,
  type ReminderSkip,
  type ReminderType,
} from "../core/documents/reminders";
import { isoFromSerial } from "../core/dates";
import { buildEml } from "../core/mail/eml";
import type { Locale } from "../core/messages";
import type { SourceRef } from "../core/problems";
import { mailRegisterRow } from "./mail-register";

export interface DraftOptions {
  locale: Locale;
  done?: readonly DoneAction[];
  from: string;
  replyTo: string | null;
  company: string | null;
  collector: string | null;
  /** Now (the drafts' date and the register's time). */
  now: Date;
  /** A unique id per message (crypto.randomUUID where there is one). */
  id: () => string;
}

export interface ReminderDraft {
  key: string;
  type: ReminderType;
  customerCode: string;
  customerName: string;
  recipients: string[];
  invoices: string[];
  total: number;
  digits: number;
  currency: string | null;
  subject: string;
  /** A safe file name: `20260630-preDue-C0001.eml`. */
  fileName: string;
  eml: string;
  /** Its mail-register row (status: draft prepared). */
  registerRow: (string | number)[];
}

export interface SkippedDraft {
  type: ReminderType;
  customerCode: string;
  customerName: string;
  reason: ReminderSkip;
  source: SourceRef | null;
  detail: string | null;
}

function fileNamePart(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\\/:*?"<>|]+/g, "_").slice(0, 60) || "_";
}

export function reminderDrafts(
  a: Analysis,
  o: DraftOptions,
): { drafts: ReminderDraft[]; skipped: SkippedDraft[] } {
  const { due, skipped } = dueReminders(a, { done: o.done, locale: o.locale });
  const { templates } = mailTemplates(undefined);
  const iso = o.now.toISOString();
  const ymd = isoFromSerial(a.asOf).replace(/-/g, "");
  const domain = /@([^>\s]+)>?\s*$/.exec(o.from)?.[1] ?? "localhost";
  const drafts = due.map((r: DueReminder) => {
    const text = reminderText(r, a, templates, {
      company: o.company,
      collector: o.collector,
      replyTo: o.replyTo,
    });
    const messageId = `<ar-desk.${o.id()}@${domain}>`;
    const eml = buildEml({
      from: o.from,
      to: r.recipients,
      replyTo: o.replyTo,
      subject: text.subject,
      text: text.body,
      date: o.now,
      messageId,
      draft: true,
    });
    const stage = r.stage ? `-${r.stage}` : "";
    return {
      key: r.key,
      type: r.type,
      customerCode: r.customerCode,
      customerName: r.customerName,
      recipients: r.recipients,
      invoices: r.invoices,
      total: r.total,
      digits: r.digits,
      currency: r.currency,
      subject: text.subject,
      fileName: `${ymd}-${r.type}${stage}-${fileNamePart(r.customerCode)}${r.currency ? `-${fileNamePart(r.currency)}` : ""}.eml`,
      eml,
      registerRow: mailRegisterRow(
        {
          reminder: r,
          status: "prepared",
          at: iso,
          recipients: r.recipients,
          messageId,
          attachment: null,
          attachmentSha256: null,
          asOf: a.asOf,
        },
        o.locale,
      ),
    };
  });
  return { drafts, skipped };
}
