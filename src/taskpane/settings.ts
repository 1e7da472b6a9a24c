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
  /**
   * True once the user said the detected sheets and columns look right (first use is over: the
   * Data tab opens on its mappings rather than on the summary and its one confirmation).
   */
  confirmed: z.boolean().default(false),
});
export type PaneSettings = z.infer<typeof PaneSettings>;

export const DEFAULT_SETTINGS: PaneSettings = PaneSettings.parse({ version: 1 });

/**
 * Settings read from a workbook: the defaults when there are none (or they are of another
 * version), else each field as saved when it is valid and its default when not — a bad as-of date
 * or a bad policy value never drops the connected sheets. The policy is kept key by key the same
 * way, so what comes back always passes core's Policy schema.
 */
export function readSettings(raw: unknown): PaneSettings {
  const settings = readFields(raw);
  // Saved before first use asked for a confirmation: a pane already in use is not new again.
  if (isRecord(raw) && raw.version === 1 && !("confirmed" in raw))
    return { ...settings, confirmed: settings.invoices !== null };
  return settings;
}

function readFields(raw: unknown): PaneSettings {
  const parsed = PaneSettings.safeParse(raw);
  if (parsed.success) return { ...parsed.data, policy: cleanPolicy(parsed.data.policy) };
  if (!isRecord(raw) || raw.version !== 1) return DEFAULT_SETTINGS;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(PaneSettings.shape)) {
    if (key === "version") continue;
    const field = (schema as z.ZodType).safeParse(raw[key]);
    if (field.success) out[key] = field.data;
  }
  const settings = out as PaneSettings;
  return { ...settings, policy: cleanPolicy(settings.policy) };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The keys of a saved policy that core's schema accepts (others fall back to their defaults). */
export function cleanPolicy(policy: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shape = Policy.shape as Record<string, z.ZodType>;
  for (const [key, value] of Object.entries(policy))
    if (shape[key]?.safeParse(value).success) out[key] = value;
  return out;
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
