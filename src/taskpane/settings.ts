/**
 * What the pane keeps in the workbook (port.saveSettings): the sheets and column mappings the
 * user connected, the policy, the as-of date and the language. Checked by a schema when read back,
 * so a workbook saved by another version, or edited by hand, gives defaults rather than a crash.
 */
import { z } from "zod";
import { Policy, type PolicyInput } from "../core/policy";

const Source = z.object({
  sheet: z.string().min(1),
  headerRow: z.number().int().min(1),
  /** Field → 0-based column. */
  columns: z.record(z.string(), z.number().int().min(0)),
  /** True when the user changed the detected mapping. */
  custom: z.boolean().default(false),
});
export type Source = z.infer<typeof Source>;

export const PaneSettings = z.object({
  version: z.literal(1),
  invoices: Source.nullable().default(null),
  payments: Source.nullable().default(null),
  customers: Source.nullable().default(null),
  /** The policy as entered (validated by core's Policy when used). */
  policy: z.record(z.string(), z.unknown()).default({}),
  /** ISO date, or null for today. */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  /** Null: Office's display language. */
  locale: z.enum(["zh-CN", "en-US"]).nullable().default(null),
});
export type PaneSettings = z.infer<typeof PaneSettings>;

export const DEFAULT_SETTINGS: PaneSettings = PaneSettings.parse({ version: 1 });

/** Settings read from a workbook, or the defaults when there are none or they do not parse. */
export function readSettings(raw: unknown): PaneSettings {
  const parsed = PaneSettings.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** The policy of the settings, or the first problem with it. */
export function policyOf(
  settings: Pick<PaneSettings, "policy">,
): { ok: true; policy: Policy } | { ok: false; message: string } {
  const parsed = Policy.safeParse(settings.policy as PolicyInput);
  if (parsed.success) return { ok: true, policy: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue.path.join(".") || "policy"}: ${issue.message}` };
}
