/**
 * Document models: the pure data each generated document needs (statements, balance
 * confirmations, dunning letters, the collection plan, the salesperson scorecard), for the
 * template engine to bind to placeholders. Money in integer minor units (with `digits`, the
 * currency's decimals, for formatting), dates as serials, no I/O.
 */
export { amountInWordsEn, amountInWordsZh, numberInWordsEn } from "./words";
export { DOC_PREFIX, docCode, docNo, DocNumbers, type DocKind } from "./docno";
export {
  addWorkingDays,
  customerFields,
  type CustomerFields,
  type DocumentHeader,
  type DocumentOptions,
  type DoneAction,
} from "./common";
export {
  ACTION_CODES,
  actionLabel,
  actionOfLevel,
  bucketHeading,
  heldNote,
  holdLabel,
  lineTypeLabel,
  stageTitle,
  type ActionCode,
  type DunningStage,
  type HoldReason,
  type LineType,
} from "./messages";
export {
  DEFAULT_PAY_DAYS,
  dunningLetters,
  stageOfLevel,
  type DunningItem,
  type DunningLetter,
  type DunningOptions,
  type HeldItem,
} from "./dunning";
export {
  collectionPlan,
  itemSchedule,
  type PlanOptions,
  type PlanRow,
  type PlanStep,
} from "./plan";
export {
  balanceConfirmation,
  balanceConfirmations,
  type BalanceConfirmation,
  type ConfirmationItem,
  type ConfirmationLineKind,
  type ConfirmationOptions,
} from "./confirmation";
export {
  activityStatementDoc,
  activityStatements,
  openItemStatementDoc,
  openItemStatements,
  type ActivityRow,
  type ActivityStatementDoc,
  type BucketCell,
  type OpenItemRow,
  type OpenItemStatementDoc,
  type StatementOptions,
} from "./statements";
export {
  salespersonScorecard,
  type Scorecard,
  type ScorecardOptions,
  type ScorecardRow,
} from "./scorecard";
