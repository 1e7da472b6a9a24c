/**
 * The credit policy table (信用政策): per credit grade, how the credit limit is set, the payment
 * terms, whether the grade buys only against prepayment or cash on delivery, and how often the
 * grade is reviewed (default half-yearly). Plus the overdue rule of the order check: which
 * overdue items stop a new sale on credit.
 *
 * One validated object with defaults, like the collection policy (../policy.ts): the CLI reads
 * it from `--policy FILE.json`, the task pane from its settings. Amounts are in major units of
 * the limit's currency (what a user types in a table); the engine converts them at use.
 */
import { z } from "zod";

export const GradeRule = z.object({
  /** The grade as customers carry it (`A`, `B`, `AAA`, `一级` …); matched case-insensitively. */
  grade: z.string().trim().min(1),
  /**
   * The customer's recorded credit limit is multiplied by this (1: as recorded; 0.5: half of it
   * while the grade is C). Never more than `maxLimit` when that is set.
   */
  limitFactor: z.number().min(0).max(10).default(1),
  /** A cap on the limit for the grade, in major units; null for none. */
  maxLimit: z.number().min(0).nullable().default(null),
  /**
   * The limit used when the customer has none recorded, in major units; null: no credit until a
   * limit is set (DESIGN §3: a blank limit means none is set).
   */
  defaultLimit: z.number().min(0).nullable().default(null),
  /** Payment terms the grade is given, in days; null when the grade does not say. */
  termsDays: z.number().int().min(0).max(3650).nullable().default(null),
  /** Sales to the grade only against prepayment (款到发货). */
  prepayment: z.boolean().default(false),
  /** Sales to the grade only cash on delivery (货到付款); no credit either. */
  cashOnDelivery: z.boolean().default(false),
  /** Months between credit reviews of a customer of the grade. */
  reviewMonths: z.number().int().min(1).max(120).default(6),
  /**
   * Overdue rule for the grade (overrides the table's): an item more than this many days
   * overdue blocks a sale on credit; null to take the table's.
   */
  blockOverdueDays: z.number().int().min(0).max(3650).nullable().default(null),
});
export type GradeRule = z.infer<typeof GradeRule>;

export const CreditPolicy = z.object({
  grades: z
    .array(GradeRule)
    .max(50)
    .refine(
      (gs) => new Set(gs.map((g) => g.grade.toUpperCase())).size === gs.length,
      "each grade once",
    )
    .prefault([
      { grade: "A", termsDays: 60, reviewMonths: 12 },
      { grade: "B", termsDays: 30 },
      // The default table never changes a recorded limit (issue 13: one limit per customer on
      // every face); only a credit policy the user supplies may cap it, and then says so.
      { grade: "C", termsDays: 30, blockOverdueDays: 0 },
      { grade: "D", prepayment: true, reviewMonths: 3 },
    ]),
  /** The rule of a customer without a grade, or with a grade not in the table. */
  ungraded: GradeRule.omit({ grade: true }).prefault({}),
  /**
   * An open item more than this many days overdue (past the collection policy's grace days)
   * blocks a sale on credit. 0: any overdue item blocks; null: overdue never blocks by days.
   */
  blockOverdueDays: z.number().int().min(0).max(3650).nullable().default(30),
  /** An item past its act-by date (the one-third rule) blocks, whatever its days overdue. */
  blockPastActBy: z.boolean().default(true),
  /** Overdue amounts up to this (major units) never block: small differences, bank charges. */
  blockOverdueMinimum: z.number().min(0).default(0),
  /** Reviews falling due within this many days are listed as coming due. */
  reviewNoticeDays: z.number().int().min(0).max(365).default(30),
});
export type CreditPolicy = z.infer<typeof CreditPolicy>;
export type CreditPolicyInput = z.input<typeof CreditPolicy>;

export const DEFAULT_CREDIT_POLICY: CreditPolicy = CreditPolicy.parse({});

/** Validates a partial credit policy, filling defaults. Throws a ZodError on bad input. */
export function makeCreditPolicy(input: CreditPolicyInput = {}): CreditPolicy {
  return CreditPolicy.parse(input);
}

/** The rule for a grade, and whether the table names it (false: the `ungraded` rule). */
export function gradeRule(
  policy: CreditPolicy,
  grade: string | null | undefined,
): { rule: Omit<GradeRule, "grade">; grade: string | null; listed: boolean } {
  const key = grade?.trim().toUpperCase() ?? "";
  if (key) {
    const rule = policy.grades.find((g) => g.grade.toUpperCase() === key);
    if (rule) return { rule, grade: rule.grade, listed: true };
  }
  return { rule: policy.ungraded, grade: key ? (grade?.trim() ?? null) : null, listed: false };
}
