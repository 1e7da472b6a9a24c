/**
 * The company profile of `generate --company FILE.json`, checked against a schema: a profile
 * with a negative number of days, text where a number belongs or `null` for a section is a
 * one-line message naming the field, never a crash or a letter with "NaN days".
 */
import * as fs from "node:fs";
import { z } from "zod";
import type { Locale } from "../core/messages";
import type { Profile } from "../sheet/documents";
import { InputError } from "../io/errors";

/** Text; a number is taken as its digits (a postcode or phone written without quotes). */
const Text = z.union([z.string().max(2000), z.number().transform(String)]);
const Days = z.number().int().min(0).max(3650);
const Contact = {
  name: Text.optional(),
  address: Text.optional(),
  phone: Text.optional(),
  contact: Text.optional(),
  email: Text.optional(),
};

export const ProfileSchema = z.object({
  company: z
    .object({
      ...Contact,
      bank: z
        .object({ name: Text.optional(), account: Text.optional(), accountName: Text.optional() })
        .optional(),
    })
    .optional(),
  auditor: z.object({ name: Text.optional() }).optional(),
  replyTo: z.object({ ...Contact, postcode: Text.optional() }).optional(),
  replyDays: Days.optional(),
  payDays: Days.optional(),
});

function expected(field: string, zh: boolean): string {
  if (field === "replyDays" || field === "payDays")
    return zh ? "0 到 3650 之间的整数天数" : "a whole number of days from 0 to 3650";
  if (["company", "bank", "auditor", "replyTo", ""].includes(field))
    return zh ? "一个对象 { … }" : "an object { … }";
  return zh ? "文字（不超过 2000 字）" : "text (at most 2,000 characters)";
}

/** The profile in `file`, checked; an unreadable or invalid file is a one-line InputError. */
export function readProfileFile(file: string, locale: Locale = "en-US"): Profile {
  const zh = locale === "zh-CN";
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(
      (zh ? `无法读取 ${file}：` : `cannot read ${file}: `) +
        (e instanceof Error ? e.message : String(e)),
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError(
      (zh ? `${file} 不是有效的 JSON：` : `${file} is not JSON: `) +
        (e instanceof Error ? e.message : String(e)),
    );
  }
  const parsed = ProfileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.map(String).join(".");
  const field = issue.path.length ? String(issue.path[issue.path.length - 1]) : "";
  const shown = (() => {
    let v: unknown = data;
    for (const k of issue.path)
      v = v !== null && typeof v === "object" ? (v as never)[k] : undefined;
    const s = JSON.stringify(v);
    return s === undefined ? "" : s.length > 40 ? s.slice(0, 40) + "…" : s;
  })();
  throw new InputError(
    zh
      ? `--company ${file}：${where || "整个文件"} 应为${expected(field, true)}${shown ? `，而不是 ${shown}` : ""}`
      : `--company ${file}: ${where || "the file"} must be ${expected(field, false)}${shown ? `, not ${shown}` : ""}`,
  );
}
