/**
 * The day's reminders (issue 19): the messages `ar-desk remind` would send today, listed with
 * their recipients, and downloaded as .eml drafts (Outlook opens them ready to send: an add-in
 * cannot send mail itself). What was prepared is appended to the mail register sheet.
 */
import { errorText } from "../../core/errors";
import {
  Button,
  Caption1,
  Field,
  Input,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { strToU8, zipSync } from "fflate";
import { useState } from "react";
import type { Locale } from "../../core/messages";
import {
  MAIL_REGISTER_HEADERS,
  MAIL_REGISTER_SHEET,
  REMINDER_TYPE_LABEL,
} from "../../sheet/mail-register";
import type { SheetSpec, SpecRow } from "../../sheet/spec";
import type { WorkbookPort } from "../../sheet/workbook";
import type { Engine, RemindersResult } from "../engine/protocol";
import { money } from "../format";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  item: {
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: "flex",
    flexDirection: "column",
  },
  muted: { color: tokens.colorNeutralForeground3 },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

const TEXT = {
  "zh-CN": {
    title: "今日提醒邮件",
    from: "发件人邮箱",
    replyTo: "回复至（催收人）",
    list: "列出今日提醒",
    download: "下载 .eml 草稿",
    none: "今天没有到期的提醒",
    skipped: "未发送",
    prepared: (n: number) => `已下载 ${n} 封草稿并记入“${MAIL_REGISTER_SHEET["zh-CN"]}”`,
    reasons: {
      disputed: "有争议，暂停催收",
      promise: "已承诺付款",
      doNotContact: "标注不联系",
      noAddress: "没有邮箱",
      badAddress: "邮箱格式有误",
    },
    needFrom: "请填写发件人邮箱",
  },
  "en-US": {
    title: "Today's reminder e-mails",
    from: "From address",
    replyTo: "Reply to (collector)",
    list: "List today's reminders",
    download: "Download .eml drafts",
    none: "No reminder is due today",
    skipped: "Not sent",
    prepared: (n: number) =>
      `${n} ${n === 1 ? "draft" : "drafts"} downloaded and recorded in "${MAIL_REGISTER_SHEET["en-US"]}"`,
    reasons: {
      disputed: "in dispute: on hold",
      promise: "promise to pay",
      doNotContact: "do not contact",
      noAddress: "no e-mail address",
      badAddress: "malformed e-mail address",
    },
    needFrom: "Fill in the from address",
  },
} as const;

export interface RemindersPanelProps {
  locale: Locale;
  engine: Engine;
  port: WorkbookPort;
  /** Called when the register sheet was written. */
  onWritten?: () => void;
}

function download(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function RemindersPanel({ locale, engine, port, onWritten }: RemindersPanelProps) {
  const s = useStyles();
  const t = TEXT[locale];
  const [from, setFrom] = useState("");
  const [replyTo, setReplyTo] = useState("");
  const [result, setResult] = useState<RemindersResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!engine.reminders) return null;

  const list = async () => {
    if (!from.trim()) return setMessage(t.needFrom);
    setBusy(true);
    setMessage(null);
    try {
      setResult(
        await engine.reminders!({
          locale,
          from: from.trim(),
          replyTo: replyTo.trim() || null,
          company: null,
          collector: null,
        }),
      );
    } catch (e) {
      setMessage(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };

  /** The drafts as one .zip, then their rows appended to the mail register sheet. */
  const prepare = async () => {
    if (!result?.drafts.length) return;
    setBusy(true);
    try {
      const files: Record<string, Uint8Array> = {};
      for (const d of result.drafts) files[d.fileName] = strToU8(d.eml);
      download(
        `reminders-${result.drafts[0].fileName.slice(0, 8)}.zip`,
        zipSync(files),
        "application/zip",
      );
      const sheets = await port.sheets();
      const names = [MAIL_REGISTER_SHEET["zh-CN"], MAIL_REGISTER_SHEET["en-US"]];
      const found = sheets.find((x) => names.includes(x.name));
      const old = found ? (await port.readValues(found.name)).rows.slice(1) : [];
      const name = found?.name ?? MAIL_REGISTER_SHEET[locale];
      const headerLocale: Locale = name === MAIL_REGISTER_SHEET["en-US"] ? "en-US" : "zh-CN";
      const spec: SheetSpec = {
        name,
        rows: [
          MAIL_REGISTER_HEADERS[headerLocale].map((h) => ({ value: h, bold: true })),
          // Every row as it stood, as text or number: nothing is ever dropped.
          ...old.map(
            (row) => row.map((v) => (typeof v === "object" && v !== null ? null : v)) as SpecRow,
          ),
          ...result.drafts.map((d) => d.registerRow as SpecRow),
        ],
        freeze: { rows: 1, columns: 0 },
      };
      await port.writeSheets([spec]);
      onWritten?.();
      setMessage(t.prepared(result.drafts.length));
    } catch (e) {
      setMessage(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={s.root} data-testid="reminders-panel">
      <Subtitle2>{t.title}</Subtitle2>
      <Field label={t.from}>
        <Input value={from} onChange={(_, d) => setFrom(d.value)} type="email" />
      </Field>
      <Field label={t.replyTo}>
        <Input value={replyTo} onChange={(_, d) => setReplyTo(d.value)} type="email" />
      </Field>
      <div className={s.buttons}>
        <Button onClick={() => void list()} disabled={busy}>
          {t.list}
        </Button>
        <Button
          appearance="primary"
          onClick={() => void prepare()}
          disabled={busy || !result?.drafts.length}
          data-testid="reminders-download"
        >
          {t.download}
        </Button>
      </div>
      {message && <Caption1 role="status">{message}</Caption1>}
      {result && !result.drafts.length && <Caption1>{t.none}</Caption1>}
      {result && result.drafts.length > 0 && (
        <ul className={s.list} data-testid="reminders-list">
          {result.drafts.map((d) => (
            <li key={d.key} className={s.item}>
              <span>
                {d.customerCode} {d.customerName} · {REMINDER_TYPE_LABEL[locale][d.type]} ·{" "}
                {d.currency ?? ""} {money(d.total, d.digits)}
              </span>
              <Caption1 className={s.muted}>{d.recipients.join(", ")}</Caption1>
            </li>
          ))}
        </ul>
      )}
      {result && result.skipped.length > 0 && (
        <>
          <Caption1>{t.skipped}</Caption1>
          <ul className={s.list}>
            {result.skipped.map((k) => (
              <li key={`${k.customerCode}-${k.type}-${k.reason}`} className={s.muted}>
                <Caption1>
                  {k.customerCode} {k.customerName}: {t.reasons[k.reason]}
                  {k.source ? ` (${k.source.sheet ?? k.source.file ?? ""} ${k.source.row})` : ""}
                </Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
