/**
 * What `ar-desk remind` prints: one line per message (sent, draft, failed, already sent,
 * deferred), the customers who get none and why, the address problems with their rows, and the
 * totals. Text from data or a server is printed without its control characters.
 */
import * as path from "node:path";
import type Mail from "nodemailer/lib/mailer";
import type { DueReminder, MailTemplateIssue, SkippedReminder } from "../core/documents/reminders";
import type { MessageParams } from "../core/i18n";
import type { Locale } from "../core/messages";
import { formatMinor } from "../core/money";
import { REMINDER_TYPE_LABEL } from "../sheet/mail-register";
import { cliText, type CliKey } from "./messages";
import { yyyymmdd } from "./pdf";

export type Outcome =
  | { status: "sent"; accepted: string[]; refused: string[]; messageId: string }
  | { status: "draft"; file: string }
  | { status: "failed"; error: string };

export interface Prepared {
  reminder: DueReminder;
  pdf: { name: string; path: string; sha256: string } | null;
  mail: Mail.Options & { messageId: string };
}

/** Text from data or a server for the terminal: no control characters. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, " ").trim();
}

const SKIP_REASON: Record<Locale, Record<SkippedReminder["reason"], string>> = {
  "zh-CN": {
    disputed: "有争议款项，暂停催收",
    promise: "已承诺付款（未到承诺日）",
    doNotContact: "客户名单标注“不联系”",
    noAddress: "客户名单中没有邮箱",
    badAddress: "邮箱格式有误",
  },
  "en-US": {
    disputed: "an item is in dispute: on hold",
    promise: "a promise to pay is live",
    doNotContact: 'marked "do not contact" on the customer list',
    noAddress: "no e-mail address on the customer list",
    badAddress: "malformed e-mail address",
  },
};

function place(s: SkippedReminder, locale: Locale): string {
  const src = s.source;
  if (!src) return cliText(locale, "notOnCustomerList");
  const file = clean(`${src.file ?? ""}${src.sheet ? `!${src.sheet}` : ""}`);
  return cliText(locale, "sourceRow", { file, row: src.row });
}

export function remindSummary(s: {
  locale: Locale;
  send: boolean;
  outDir: string;
  register: string | null;
  asOf: number;
  prepared: Prepared[];
  outcomes: Map<DueReminder, Outcome>;
  already: DueReminder[];
  deferred: DueReminder[];
  skipped: SkippedReminder[];
  max: number;
  templateIssues: MailTemplateIssue[];
}): string {
  const t = (key: CliKey, params?: MessageParams) => cliText(s.locale, key, params);
  const L = REMINDER_TYPE_LABEL[s.locale];
  const who = (r: { customerCode: string; customerName: string }) =>
    clean(`${r.customerCode} ${r.customerName}`);
  const amount = (r: DueReminder) => `${r.currency ?? ""} ${formatMinor(r.total, r.digits)}`.trim();
  const lines: string[] = [];
  const date = yyyymmdd(s.asOf).replace(/(\d{4})(\d{2})(\d{2})/, "$1-$2-$3");
  lines.push(
    t("remindHead", {
      date,
      n: s.prepared.length + s.already.length + s.deferred.length,
      mode: t(s.send ? "remindSending" : "remindDryRun"),
    }),
  );
  lines.push(t("remindColumns"));
  const row = (status: string, r: DueReminder, recipients: string[], note: string) =>
    lines.push(
      [
        status,
        L[r.type],
        who(r),
        clean(recipients.join(", ")),
        clean(r.invoices.join(", ")),
        amount(r),
        note,
      ]
        .join(" | ")
        .trimEnd(),
    );
  let sent = 0;
  let failed = 0;
  let drafts = 0;
  for (const p of s.prepared) {
    const o = s.outcomes.get(p.reminder);
    const r = p.reminder;
    const attach = p.pdf ? p.pdf.name : t("noAttachment");
    if (!o) continue;
    if (o.status === "draft") {
      drafts++;
      row(t("statusDraft"), r, r.recipients, `${path.basename(o.file)}; ${attach}`);
    } else if (o.status === "sent" && o.accepted.length) {
      sent++;
      const refused = o.refused.length ? t("refusedByServer", { list: o.refused.join(", ") }) : "";
      row(t("statusSent"), r, o.accepted, `${attach}${clean(refused)}`);
    } else {
      failed++;
      const error = o.status === "failed" ? o.error : t("allRefused");
      row(t("statusFailed"), r, r.recipients, t("retryNextRun", { error }));
    }
  }
  for (const r of s.already) row(t("statusAlready"), r, r.recipients, t("alreadyNote"));
  for (const r of s.deferred)
    row(t("statusDeferred"), r, r.recipients, t("deferredNote", { max: s.max }));
  const skippedLines = s.skipped.filter(
    (k) => k.reason !== "noAddress" && k.reason !== "badAddress",
  );
  const problems = s.skipped.filter((k) => k.reason === "noAddress" || k.reason === "badAddress");
  if (skippedLines.length) {
    lines.push(t("skippedHead", { n: skippedLines.length }));
    for (const k of skippedLines)
      lines.push(
        t("skippedLine", { who: who(k), type: L[k.type], reason: SKIP_REASON[s.locale][k.reason] }),
      );
  }
  if (problems.length) {
    lines.push(t("addressProblems", { n: problems.length }));
    for (const k of problems) {
      const detail = k.detail ? ` "${clean(k.detail)}"` : "";
      lines.push(
        t("addressLine", {
          place: place(k, s.locale),
          who: who(k),
          reason: SKIP_REASON[s.locale][k.reason],
          detail,
        }),
      );
    }
  }
  lines.push(
    s.send
      ? t("sentTotals", {
          sent,
          failed,
          already: s.already.length,
          deferred: s.deferred.length,
          register: s.register,
        })
      : t("draftTotals", { n: drafts, dir: s.outDir }),
  );
  return lines.join("\n") + "\n";
}
