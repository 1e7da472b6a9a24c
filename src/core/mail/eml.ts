/**
 * A MIME message (RFC 5322 / 2045 / 2047 / 2231) as text: what the pane downloads as an .eml
 * draft (issue 19). Pure and platform-neutral (no Buffer, no Node): UTF-8, non-ASCII header
 * words as encoded words, the body and attachments in base64. `X-Unsent: 1` makes Outlook open
 * the file as a draft to send. The CLI sends with nodemailer; this is for the pane.
 */

export interface EmlAttachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface EmlMessage {
  from: string;
  to: string[];
  replyTo?: string | null;
  subject: string;
  text: string;
  date: Date;
  messageId: string;
  attachments?: EmlAttachment[];
  /** Mark as an unsent draft (Outlook opens it ready to send). */
  draft?: boolean;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out += B64[a >> 2] + B64[((a & 3) << 4) | (b >> 4)];
    out += i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)] : "=";
    out += i + 2 < bytes.length ? B64[c & 63] : "=";
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Lines of at most 76 characters. */
function wrap76(text: string): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
  return lines.join("\r\n");
}

/** No line breaks or other control characters in a header (no header injection). */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/**
 * A header value as RFC 2047 encoded words when it is not plain ASCII: UTF-8, base64, each
 * word at most 75 characters and never splitting a character.
 */
export function encodeWords(value: string): string {
  const v = oneLine(value);
  if (/^[\x20-\x7e]*$/.test(v)) return v;
  const words: string[] = [];
  let chunk = "";
  for (const ch of v) {
    // 45 bytes of UTF-8 make 60 base64 characters: a word of 72 with =?UTF-8?B?…?=.
    if (utf8(chunk + ch).length > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(utf8(w))}?=`).join("\r\n ");
}

/** `Name <addr>` or a bare address, the name encoded when needed. */
export function encodeAddress(text: string): string {
  const m = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(oneLine(text));
  if (!m) return oneLine(text);
  const [, name, addr] = m;
  if (!name) return `<${addr}>`;
  const plain = /^[\x20-\x7e]*$/.test(name);
  return `${plain ? `"${name.replace(/["\\]/g, "")}"` : encodeWords(name)} <${addr}>`;
}

/** RFC 2231 filename parameter (UTF-8 percent-encoded) beside a plain fallback. */
function filenameParams(name: string): string {
  const n = oneLine(name);
  if (/^[\x20-\x7e]*$/.test(n)) return `filename="${n.replace(/["\\]/g, "")}"`;
  const enc = Array.from(utf8(n), (b) =>
    /[A-Za-z0-9.\-_]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
  ).join("");
  return `filename*=UTF-8''${enc}`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date, UTC. */
export function mailDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The message as .eml text (CRLF line ends). */
export function buildEml(m: EmlMessage): string {
  const boundary = `=_ar-desk_${m.messageId.replace(/[^A-Za-z0-9]/g, "").slice(0, 40)}`;
  const headers = [
    `From: ${encodeAddress(m.from)}`,
    `To: ${m.to.map(encodeAddress).join(", ")}`,
    ...(m.replyTo ? [`Reply-To: ${encodeAddress(m.replyTo)}`] : []),
    `Subject: ${encodeWords(m.subject)}`,
    `Date: ${mailDate(m.date)}`,
    `Message-ID: ${oneLine(m.messageId)}`,
    "MIME-Version: 1.0",
    "Auto-Submitted: auto-generated",
    ...(m.draft ? ["X-Unsent: 1"] : []),
  ];
  const text = wrap76(base64(utf8(m.text.replace(/\r?\n/g, "\r\n"))));
  const attachments = m.attachments ?? [];
  if (!attachments.length)
    return [
      ...headers,
      'Content-Type: text/plain; charset="UTF-8"',
      "Content-Transfer-Encoding: base64",
      "",
      text,
      "",
    ].join("\r\n");
  const parts = [
    [
      `--${boundary}`,
      'Content-Type: text/plain; charset="UTF-8"',
      "Content-Transfer-Encoding: base64",
      "",
      text,
    ].join("\r\n"),
    ...attachments.map((a) =>
      [
        `--${boundary}`,
        `Content-Type: ${oneLine(a.contentType)}`,
        "Content-Transfer-Encoding: base64",
        `Content-Disposition: attachment; ${filenameParams(a.filename)}`,
        "",
        wrap76(base64(a.bytes)),
      ].join("\r\n"),
    ),
  ];
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    ...parts,
    `--${boundary}--`,
    "",
  ].join("\r\n");
}
