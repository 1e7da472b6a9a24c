/**
 * The company profile as a sheet the user fills in the workbook (公司信息 / Company profile): one
 * row per field, the placeholder's path in column A, a label in B, the value in C. The task pane
 * reads it for the letters' company, bank, auditor and reply-to fields; the CLI takes the same
 * fields as `--company profile.json`.
 */
import type { Locale } from "../core/messages";
import { cellText, isBlank } from "./values";
import type { CellValue } from "./grid";
import type { Profile } from "./documents";
import { header, type SheetSpec } from "./spec";

/** Sheet names of the profile, by language; either is read. */
export const PROFILE_SHEETS: Record<Locale, string> = {
  "zh-CN": "公司信息",
  "en-US": "Company profile",
};

const FIELDS: [string, string, string][] = [
  ["company.name", "公司全称", "Company (full legal name)"],
  ["company.address", "地址", "Address"],
  ["company.phone", "电话", "Phone"],
  ["company.contact", "联系人", "Contact"],
  ["company.email", "邮箱", "Email"],
  ["company.bank.name", "开户银行", "Bank"],
  ["company.bank.account", "银行账号", "Account number"],
  ["company.bank.accountName", "账户名称", "Account name"],
  ["auditor.name", "审计机构", "Auditor"],
  ["replyTo.name", "回函单位", "Replies to (name)"],
  ["replyTo.address", "回函地址", "Replies to (address)"],
  ["replyTo.postcode", "邮编", "Postcode"],
  ["replyTo.phone", "回函电话", "Replies to (phone)"],
  ["replyTo.contact", "回函联系人", "Replies to (contact)"],
  ["replyTo.email", "回函邮箱", "Replies to (email)"],
  ["replyDays", "回复期限（天）", "Days to reply"],
  ["payDays", "付款期限（天）", "Days to pay"],
];

/** The header row of the profile sheet, by language. */
const HEADERS: Record<Locale, [string, string, string]> = {
  "zh-CN": ["字段", "说明", "内容"],
  "en-US": ["Field", "Meaning", "Value"],
};

/** The profile sheet to fill in, with a row per field. */
export function profileSheetSpec(locale: Locale, profile: Profile = {}): SheetSpec {
  return {
    name: PROFILE_SHEETS[locale],
    widths: [24, 20, 48],
    rows: [
      HEADERS[locale].map((h) => header(h)),
      ...FIELDS.map(([path, zhLabel, enLabel]) => {
        const value = path
          .split(".")
          .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], profile);
        return [
          path,
          { "zh-CN": zhLabel, "en-US": enLabel }[locale],
          typeof value === "string" || typeof value === "number" ? value : null,
        ];
      }),
    ],
  };
}

/** The profile a filled sheet gives: known field paths in column A, values in column C. */
export function profileFromGrid(rows: CellValue[][]): Profile {
  const out: Record<string, unknown> = {};
  const known = new Set(FIELDS.map(([p]) => p));
  for (const row of rows) {
    const path = cellText(row[0] ?? null)?.trim();
    const value = row[2] ?? null;
    if (!path || !known.has(path) || isBlank(value)) continue;
    const keys = path.split(".");
    let node = out;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    const last = keys[keys.length - 1];
    node[last] = path.endsWith("Days") ? Number(value) : (cellText(value) ?? "").trim();
  }
  return out as Profile;
}
