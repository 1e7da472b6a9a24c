/**
 * One credit limit per customer, on every face (issue 13): the limit the customer list records,
 * unless a credit policy the user supplies changes it for the customer's grade (a factor, a cap,
 * or a default where none is recorded). The order check, the dashboard, the customer detail and
 * `analyze --json` all take the limit from here, and where the policy changed it they carry the
 * recorded limit and the grade beside it, so every face can say "the policy's limit, and why".
 */
import type { Analysis, CustomerPosition } from "../analyze";
import { minorDigits, toMinor, type Minor } from "../money";
import { DEFAULT_CREDIT_POLICY, gradeRule, type CreditPolicy } from "./policy";

export interface GradeLimit {
  /** The limit in force, in minor units; null when none is set and the grade gives none. */
  limit: Minor | null;
  /** The limit the customer list records; null when none. */
  recorded: Minor | null;
  /** The grade whose rule applied (as the policy spells it), null when ungraded. */
  grade: string | null;
  /** Whether the policy made `limit` differ from `recorded`. */
  changed: boolean;
}

/**
 * The limit a grade's rule allows, in minor units of a currency with `digits` decimals: the
 * recorded limit × the grade's factor, capped by the grade's maximum; the grade's default when
 * none is recorded.
 */
export function gradeLimit(
  policy: CreditPolicy,
  grade: string | null,
  recorded: Minor | null,
  digits: number,
): GradeLimit {
  const { rule, grade: name } = gradeRule(policy, grade);
  let limit: Minor | null = null;
  if (recorded !== null) limit = Math.floor(recorded * rule.limitFactor + 1e-9);
  else if (rule.defaultLimit !== null) limit = toMinor(rule.defaultLimit, digits);
  if (limit !== null && rule.maxLimit !== null) {
    const cap = toMinor(rule.maxLimit, digits);
    if (cap !== null && cap < limit) limit = cap;
  }
  return { limit, recorded, grade: name, changed: limit !== recorded };
}

/** A customer position with the policy's limit in force; `policyLimit` set where it changed. */
export interface PolicyPosition extends CustomerPosition {
  /** Present only when the credit policy changed the recorded limit: the recorded one and why. */
  policyLimit?: { recorded: Minor | null; grade: string | null };
}

/** An analysis whose customer positions carry the credit policy's limits. */
export type PolicyAnalysis = Omit<Analysis, "customers"> & { customers: PolicyPosition[] };

/**
 * The analysis with every customer position's limit, headroom, utilisation and over-limit flag
 * under `policy`. The default policy changes no limit, so without a policy of the user's the
 * analysis comes back as it was (the same object).
 */
export function withCreditPolicy(
  a: Analysis,
  policy: CreditPolicy = DEFAULT_CREDIT_POLICY,
): PolicyAnalysis {
  const { ledger } = a;
  let changed = false;
  const customers = a.customers.map((p): PolicyPosition => {
    const cu = ledger.customers[p.customer];
    // A limit kept in another currency is not this position's (the order check refuses credit
    // in it, limit.otherCurrency); no grade default stands in for it.
    if (p.creditLimit === null && cu.creditLimit !== null) return p;
    const g = gradeLimit(
      policy,
      cu.grade,
      p.creditLimit,
      minorDigits(ledger.currencies[p.currency]),
    );
    if (!g.changed) return p;
    changed = true;
    const limit = g.limit;
    const exposure = p.exposure;
    return {
      ...p,
      creditLimit: limit,
      headroom: limit === null ? null : limit - exposure,
      overLimit: limit !== null && exposure > limit,
      utilisation:
        limit === null ? null : limit > 0 ? exposure / limit : exposure > 0 ? Infinity : 0,
      policyLimit: { recorded: p.creditLimit, grade: g.grade },
    };
  });
  return changed ? { ...a, customers } : a;
}
