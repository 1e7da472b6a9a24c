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
import type { MessageParams } from "../core/i18n";
import { cliText, type CliKey } from "./messages";

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

function expected(field: string): CliKey {
  if (field === "replyDays" || field === "payDays") return "profileDays";
  if (["company", "bank", "auditor", "replyTo", ""].includes(field)) return "profileObject";
  return "profileText";
}

/** The profile in `file`, checked; an unreadable or invalid file is a one-line InputError. */
export function readProfileFile(file: string, locale: Locale = "en-US"): Profile {
  const t = (key: CliKey, params?: MessageParams) => cliText(locale, key, params);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(
      t("cannotRead", { file, why: e instanceof Error ? e.message : String(e) }),
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError(
      t("notJsonWhy", { file, why: e instanceof Error ? e.message : String(e) }),
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
    t(shown ? "profileInvalidShown" : "profileInvalid", {
      file,
      where: where || t("profileWholeFile"),
      expected: t(expected(field)),
      shown,
    }),
  );
}
