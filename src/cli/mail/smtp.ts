/**
 * The SMTP server of `ar-desk remind --send` (issue 19): from a JSON file (`--smtp FILE`) and
 * the environment (AR_DESK_SMTP_*, which wins). The password comes from the environment only
 * (AR_DESK_SMTP_PASSWORD): never from the command line, and a file holding one is refused, so
 * it never sits in a shell history, a process list or a file copied around.
 */
import * as fs from "node:fs";
import nodemailer from "nodemailer";
import type { Locale } from "../../core/messages";
import { InputError } from "../../io/errors";
import { UsageError } from "../shared";
import type { MessageParams } from "../../core/i18n";
import { cliText, type CliKey } from "../messages";

export type Security = "starttls" | "tls" | "none";

export interface SmtpConfig {
  host: string;
  port: number;
  /** starttls: STARTTLS required (default); tls: TLS from the start (465); none: plain. */
  security: Security;
  user: string | null;
  password: string | null;
  from: string | null;
  replyTo: string | null;
}

const KEYS = ["host", "port", "security", "user", "from", "replyTo"] as const;

function isLoopback(host: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host);
}

/**
 * The configuration, or null when no host is configured (then `remind` can only write drafts).
 */
export function smtpConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv,
  locale: Locale,
): SmtpConfig | null {
  const t = (key: CliKey, params?: MessageParams) => cliText(locale, key, params);
  let fromFile: Record<string, unknown> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(
        t("cannotRead", { file, why: e instanceof Error ? e.message : String(e) }),
      );
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new InputError(t("notJson", { file }));
    }
    if (typeof fromFile !== "object" || fromFile === null || Array.isArray(fromFile))
      throw new InputError(t("jsonObject", { file }));
    if ("password" in fromFile || "pass" in fromFile)
      throw new InputError(t("smtpPassword", { file }));
    for (const k of Object.keys(fromFile))
      if (!(KEYS as readonly string[]).includes(k))
        throw new InputError(t("smtpUnknownSetting", { file, key: k, known: KEYS.join(", ") }));
  }
  const pick = (key: (typeof KEYS)[number], name: string): string | null => {
    const e = env[`AR_DESK_SMTP_${name}`];
    if (e !== undefined && e !== "") return e;
    const v = fromFile[key];
    if (v === undefined || v === null || v === "") return null;
    return String(v);
  };
  const host = pick("host", "HOST");
  if (!host) return null;
  const securityText = (pick("security", "SECURITY") ?? "starttls").toLowerCase();
  if (!["starttls", "tls", "none"].includes(securityText))
    throw new UsageError(t("smtpSecurity", { value: securityText }));
  const security = securityText as Security;
  const portText = pick("port", "PORT");
  const port =
    portText === null
      ? security === "tls"
        ? 465
        : security === "none"
          ? 25
          : 587
      : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(t("smtpPort", { value: portText }));
  const user = pick("user", "USER");
  const password = env.AR_DESK_SMTP_PASSWORD || null;
  if (user && !password) throw new UsageError(t("smtpNoPassword", { user }));
  if (user && security === "none" && !isLoopback(host))
    throw new UsageError(t("smtpClear", { host }));
  return {
    host,
    port,
    security,
    user,
    password,
    from: pick("from", "FROM"),
    replyTo: pick("replyTo", "REPLY_TO"),
  };
}

/** A nodemailer transport for the configuration: one connection per message, bounded waits. */
export function smtpTransport(c: SmtpConfig): nodemailer.Transporter {
  return nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.security === "tls",
    requireTLS: c.security === "starttls",
    ignoreTLS: c.security === "none",
    auth: c.user ? { user: c.user, pass: c.password ?? "" } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
