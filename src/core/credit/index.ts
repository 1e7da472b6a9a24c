/**
 * Credit control (issue 8): the credit policy table by grade, the order check, credit reviews
 * coming due, and the wording of their reasons. Pure: no I/O.
 */
export {
  CreditPolicy,
  DEFAULT_CREDIT_POLICY,
  GradeRule,
  gradeRule,
  makeCreditPolicy,
  type CreditPolicyInput,
} from "./policy";
export {
  addMonths,
  checkOrder,
  findCustomer,
  judgeOrder,
  VERDICT_ORDER,
  type CheckOrderOptions,
  type OrderCheck,
  type OrderFacts,
  type OverdueFact,
  type Reason,
  type ReasonCode,
  type Verdict,
} from "./order";
export {
  gradeLimit,
  withCreditPolicy,
  type GradeLimit,
  type PolicyAnalysis,
  type PolicyPosition,
} from "./limits";
export { reviewsDue, type ReviewDue, type ReviewStatus } from "./review";
export {
  fill,
  REASON_CODES,
  reasonMessage,
  reviewLabel,
  SCHEDULE_CODES,
  scheduleProblemText,
  verdictLabel,
} from "./messages";
export {
  commitmentEntries,
  planCommitments,
  type CommitmentPlan,
  type CommitmentResult,
  type Instalment,
  type ScheduleProblem,
  type ScheduleProblemCode,
  type ScheduleRow,
} from "./commitment";
export {
  ACTION_LEVEL,
  analyzeWithLog,
  applyLog,
  LOG_ACTIONS,
  LOG_RESULTS,
  logEffects,
  promiseCounts,
  raiseBrokenPromises,
  type Interruption,
  type InterruptionReason,
  type LogAction,
  type LogEffects,
  type LogEntry,
  type LogResult,
  type PromiseState,
  type PromiseStatus,
} from "./log";
