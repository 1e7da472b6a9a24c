/**
 * The collection policy: aging thresholds and basis, grace days, the dunning ladder, interest,
 * fees and the bad-debt provision ladder. One validated object with defaults, so every face
 * (CLI flags, task-pane settings, function arguments) feeds the engine the same shape.
 */
import { z } from "zod";

export const DunningStep = z.object({
  /** Ladder level this step reaches (1 reminder … 5 legal). */
  level: z.number().int().min(1).max(9),
  /** What the offset counts from: the due date, or the act-by date of the one-third rule. */
  from: z.enum(["due", "actBy"]),
  /** Days after that date from which the level applies (1: the first day past it). */
  days: z.number().int().min(0).max(3650),
});
export type DunningStep = z.infer<typeof DunningStep>;

export const ProvisionBand = z.object({
  /** Upper bound of the band's age in days (inclusive); null for the last, open-ended band. */
  upToDays: z.number().int().positive().nullable(),
  /** Provision rate for the band, 0 … 1. */
  rate: z.number().min(0).max(1),
});
export type ProvisionBand = z.infer<typeof ProvisionBand>;

const strictlyIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

export const Policy = z.object({
  /** Aging thresholds in days, strictly increasing: [30, 60, 90] gives current, 1-30, 31-60, 61-90, 91+. */
  thresholds: z
    .array(z.number().int().positive().max(36500))
    .min(1)
    .max(12)
    .refine(strictlyIncreasing, "thresholds must be strictly increasing")
    .default([30, 60, 90]),
  /** Age from the due date (default) or from the invoice date. */
  basis: z.enum(["due", "invoice"]).default("due"),
  /** An item is overdue when days overdue exceed this. */
  graceDays: z.number().int().min(0).max(3650).default(0),
  /** Pre-due reminder this many days before the due date. */
  reminderDaysBefore: z.number().int().min(0).max(365).default(7),
  /** Payment-date confirmation this many days before the due date. */
  confirmDaysBefore: z.number().int().min(0).max(365).default(3),
  /** Escalation ladder; the level of an item is the highest step it has reached (monotone). */
  ladder: z
    .array(DunningStep)
    .min(1)
    .default([
      { level: 1, from: "due", days: 1 },
      { level: 2, from: "due", days: 8 },
      { level: 3, from: "actBy", days: 1 },
      { level: 4, from: "actBy", days: 21 },
      { level: 5, from: "actBy", days: 51 },
    ]),
  /** Simple late interest per year (0.06 = 6 %); 0 for none. */
  annualInterestRate: z.number().min(0).max(10).default(0),
  /** Fee per dunning level, in major units of the item's currency: fees[level]. Empty for none. */
  feesByLevel: z.array(z.number().min(0)).max(10).default([]),
  /** Bad-debt provision by age (from the invoice date). The example ladder of DESIGN §3. */
  provision: z
    .array(ProvisionBand)
    .min(1)
    .default([
      { upToDays: 365, rate: 0.05 },
      { upToDays: 730, rate: 0.1 },
      { upToDays: 1095, rate: 0.3 },
      { upToDays: 1460, rate: 0.5 },
      { upToDays: 1825, rate: 0.8 },
      { upToDays: null, rate: 1 },
    ]),
});
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

/** The default policy. */
export const DEFAULT_POLICY: Policy = Policy.parse({});

/** Validates a partial policy, filling defaults. Throws a ZodError on bad input (callers at the edges use `Policy.safeParse`). */
export function makePolicy(input: PolicyInput = {}): Policy {
  return Policy.parse(input);
}

/** Bucket labels for a policy: `current, 1-30, 31-60, 61-90, 91+` (due basis) or `0-30, …` (invoice basis). */
export function bucketLabels(policy: Pick<Policy, "thresholds" | "basis">): string[] {
  const t = policy.thresholds;
  const labels = policy.basis === "due" ? ["current", `1-${t[0]}`] : [`0-${t[0]}`];
  for (let i = 1; i < t.length; i++) labels.push(`${t[i - 1] + 1}-${t[i]}`);
  labels.push(`${t[t.length - 1] + 1}+`);
  return labels;
}
