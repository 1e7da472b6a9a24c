/**
 * A suggested risk grade, A (low) to D (high), per customer, with its reasons; and the
 * difference from the grade the customer list records, if it has one.
 *
 * A points score, so that every point has a reason a user can read and dispute:
 *
 * | factor | points |
 * |---|---|
 * | payment behaviour: amount-weighted days late > 5 / 15 / 30 (needs 3 settled items) | 1 / 2 / 3 |
 * | sliding: recent average days late ≥ 10 days worse than before (3 recent items) | 1 |
 * | credit limit: utilisation ≥ 90 % / over the limit | 1 / 2 |
 * | oldest overdue item > 30 / 60 / 90 days past due | 1 / 2 / 3 |
 * | more than half the balance overdue | 1 |
 *
 * 0 points: A; 1–2: B; 3–4: C; 5 or more: D. The thresholds are options.
 *
 * Recorded grades are compared when they read as a grade on the same scale: a letter A–F,
 * possibly repeated or with + or − or 级 (`AA`, `B+`, `C级` count as A, B, C; E and F as D), or
 * 甲/乙/丙/丁. Anything else (`5星`, `VIP`, `1`) is reported as not comparable, not guessed.
 */
import type { Analysis } from "../analyze";
import type { Behaviour } from "./behaviour";

export type Grade = "A" | "B" | "C" | "D";
export const GRADES: readonly Grade[] = ["A", "B", "C", "D"];

export interface Reason {
  /** Message code (messages.ts). */
  code: string;
  params: Record<string, string | number>;
  /** Points this reason adds (0 for information). */
  points: number;
}

export interface GradeSuggestion {
  customer: number;
  grade: Grade;
  points: number;
  reasons: Reason[];
  /** The grade as the customer list has it, or null. */
  recorded: string | null;
  /** It read as A–D, or null when absent or not comparable. */
  recordedGrade: Grade | null;
  /** Whether the suggestion differs from the recorded grade; null when there is nothing to compare. */
  differs: boolean | null;
}

export interface GradeOptions {
  /** Settled items needed before behaviour is scored. */
  minHistory: number;
  /** Amount-weighted days late above which 1, 2, 3 points. */
  lateDays: readonly [number, number, number];
  /** Recent minus earlier average days late from which "sliding" adds a point. */
  slidingDays: number;
  minRecent: number;
  /** Utilisation from which 1 point (near the limit); over the limit (> 1) is 2. */
  nearLimit: number;
  /** Days past due of the oldest overdue item above which 1, 2, 3 points. */
  overdueDays: readonly [number, number, number];
  /** Overdue share of the balance above which 1 point. */
  overdueShare: number;
  /** Lowest points of grades B, C and D. */
  cutoffs: readonly [number, number, number];
  /** Window of "recent" in the sliding reason's wording (the behaviour's `recentDays`). */
  recentDays: number;
}

export const DEFAULT_GRADE_OPTIONS: GradeOptions = {
  minHistory: 3,
  lateDays: [5, 15, 30],
  slidingDays: 10,
  minRecent: 3,
  nearLimit: 0.9,
  overdueDays: [30, 60, 90],
  overdueShare: 0.5,
  cutoffs: [1, 3, 5],
  recentDays: 180,
};

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number) => Math.round(x * 100);

/**
 * The suggested grade of every customer in the position (with an entry in `a.customers`) or with
 * a payment history. `behaviour[c]` is customer c's behaviour (null: nothing settled).
 */
export function suggestGrades(
  a: Analysis,
  behaviour: readonly (Behaviour | null)[],
  options: Partial<GradeOptions> = {},
): GradeSuggestion[] {
  const o = { ...DEFAULT_GRADE_OPTIONS, ...options };
  const customers = a.ledger.customers;
  const n = customers.length;
  const present = new Uint8Array(n);
  // Per customer across its currencies: worst utilisation, oldest overdue, largest overdue share.
  const utilisation = new Float64Array(n).fill(NaN);
  const maxDays = new Int32Array(n).fill(-1);
  const share = new Float64Array(n);
  for (const g of a.customers) {
    const c = g.customer;
    present[c] = 1;
    if (g.utilisation !== null && !(g.utilisation <= utilisation[c])) {
      utilisation[c] = g.utilisation;
    }
    if (g.maxDaysOverdue !== null && g.maxDaysOverdue > maxDays[c]) maxDays[c] = g.maxDaysOverdue;
    // Credits and unapplied cash net the balance down, so overdue items can exceed it: the
    // share is then all of it (100%), not 118%.
    if (g.outstanding > 0 && g.overdue > 0)
      share[c] = Math.max(share[c], Math.min(1, g.overdue / g.outstanding));
  }
  const out: GradeSuggestion[] = [];
  for (let c = 0; c < n; c++) {
    const b = behaviour[c] ?? null;
    if (!present[c] && b === null) continue;
    const reasons: Reason[] = [];
    const settled = b?.settled ?? 0;
    if (b === null || settled < o.minHistory) {
      reasons.push({ code: "grade.thinHistory", params: { n: settled }, points: 0 });
    } else {
      const late = b.weightedDaysLate;
      const points =
        late > o.lateDays[2] ? 3 : late > o.lateDays[1] ? 2 : late > o.lateDays[0] ? 1 : 0;
      if (points > 0) {
        reasons.push({
          code: "grade.late",
          params: { days: round1(late), onTime: pct(b.onTimeShare) },
          points,
        });
      }
      if (
        b.trend !== null &&
        b.trend >= o.slidingDays &&
        b.recent.settled >= o.minRecent &&
        b.recent.averageDaysLate !== null &&
        b.earlier.averageDaysLate !== null
      ) {
        reasons.push({
          code: "grade.sliding",
          params: {
            recent: round1(b.recent.averageDaysLate),
            earlier: round1(b.earlier.averageDaysLate),
            window: o.recentDays,
          },
          points: 1,
        });
      }
    }
    const u = utilisation[c];
    if (u > 1) {
      reasons.push({
        code: "grade.overLimit",
        params: { utilisation: Number.isFinite(u) ? pct(u) : "∞" },
        points: 2,
      });
    } else if (u >= o.nearLimit) {
      reasons.push({ code: "grade.nearLimit", params: { utilisation: pct(u) }, points: 1 });
    }
    const days = maxDays[c];
    const od = o.overdueDays;
    const overduePoints = days > od[2] ? 3 : days > od[1] ? 2 : days > od[0] ? 1 : 0;
    if (overduePoints > 0) {
      reasons.push({ code: "grade.overdue", params: { days }, points: overduePoints });
    }
    if (share[c] > o.overdueShare) {
      reasons.push({ code: "grade.overdueShare", params: { share: pct(share[c]) }, points: 1 });
    }
    const points = reasons.reduce((s, r) => s + r.points, 0);
    if (points === 0) reasons.push({ code: "grade.good", params: {}, points: 0 });
    const grade = gradeOfPoints(points, o.cutoffs);
    const recorded = customers[c].grade;
    const recordedGrade = recorded === null ? null : readGrade(recorded);
    const differs = recordedGrade === null ? null : recordedGrade !== grade;
    if (recorded !== null && recordedGrade === null) {
      reasons.push({ code: "grade.recordedUnknown", params: { recorded }, points: 0 });
    } else if (differs) {
      reasons.push({
        code: "grade.differs",
        params: { recorded: recorded as string, suggested: grade },
        points: 0,
      });
    }
    out.push({ customer: c, grade, points, reasons, recorded, recordedGrade, differs });
  }
  return out;
}

/** The grade of a points score. */
export function gradeOfPoints(
  points: number,
  cutoffs: readonly [number, number, number] = DEFAULT_GRADE_OPTIONS.cutoffs,
): Grade {
  return points >= cutoffs[2] ? "D" : points >= cutoffs[1] ? "C" : points >= cutoffs[0] ? "B" : "A";
}

const CHINESE: Record<string, Grade> = { 甲: "A", 乙: "B", 丙: "C", 丁: "D" };

/**
 * A recorded grade on the A–D scale, or null when it is not one.
 *
 * @example
 * readGrade("AA") //=> "A"
 * readGrade(" b+ ") //=> "B"
 * readGrade("丙级") //=> "C"
 * readGrade("VIP") //=> null
 */
export function readGrade(text: string): Grade | null {
  const t = text.normalize("NFKC").trim().toUpperCase();
  const zh = /^([甲乙丙丁])(?:级|类|等)?$/.exec(t);
  if (zh) return CHINESE[zh[1]];
  const m = /^([A-F])\1*\s*(?:[+-]|级|类|等)?$/.exec(t);
  if (!m) return null;
  return m[1] === "E" || m[1] === "F" ? "D" : (m[1] as Grade);
}
