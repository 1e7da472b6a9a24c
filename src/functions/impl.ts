/**
 * The custom functions, pure: what functions.ts declares to Excel, callable from JS (the tests,
 * the bench, the cross-checks against the CLI). Each is the driver (driver.ts) on its
 * declaration (table.ts): matrices in (a single value is 1×1, a flat list a column), a matrix
 * out. Per-row functions spill the shape of their arguments; the lookup, table and KPI functions
 * return what they compute. Blank in gives blank out (""); a cell that cannot be read gives
 * `#VALUE!` (or its own error, for an error cell) with a message naming the argument. The
 * computations are in family/*.ts.
 */
import { run } from "./driver";
import type { FUNCTIONS, FunctionId } from "./table";

export { FunctionError, setErrorFactory, setLocale, type ErrorCode } from "./driver";

/** The parameters of a declaration: one per argument, those marked optional optional. */
type ParamsOf<S> = S extends readonly [infer Head, ...infer Rest]
  ? Head extends { readonly optional: true }
    ? [arg?: unknown, ...ParamsOf<Rest>]
    : [arg: unknown, ...ParamsOf<Rest>]
  : [];

type Fn<Id extends FunctionId> = (...args: ParamsOf<(typeof FUNCTIONS)[Id]>) => unknown[][];

const fn =
  <Id extends FunctionId>(id: Id): Fn<Id> =>
  (...args) =>
    run(id, args);

/** AR.DAYSOVERDUE (due_date, as_of). */
export const daysOverdue = fn("DAYSOVERDUE");
/** AR.DAYSLATE (due_date, settled_date). */
export const daysLate = fn("DAYSLATE");
/** AR.AGING (due_date, as_of, thresholds?, basis?). */
export const aging = fn("AGING");
/** AR.OVERDUE (due_date, outstanding, as_of, grace_days?). */
export const overdue = fn("OVERDUE");
/** AR.ACTBY (due_date, term_days). */
export const actBy = fn("ACTBY");
/** AR.LEVEL (due_date, outstanding, as_of, term_days?, grace_days?). */
export const level = fn("LEVEL");
/** AR.NEXTACTION (due_date, outstanding, as_of, term_days?, blocked?, grace_days?). */
export const nextAction = fn("NEXTACTION");
/** AR.INTEREST (outstanding, due_date, as_of, annual_rate). */
export const interest = fn("INTEREST");
/** AR.OUTSTANDING (customer, customers, balances). */
export const outstandingOf = fn("OUTSTANDING");
/** AR.EXPOSURE (customer, customers, balances). */
export const exposure = fn("EXPOSURE");
/** AR.HEADROOM (customer, credit_limit, customers, balances). */
export const headroom = fn("HEADROOM");
/** AR.OVERLIMIT (customer, credit_limit, customers, balances). */
export const overLimit = fn("OVERLIMIT");
/** AR.AGINGTABLE (customers, due_dates, balances, as_of, thresholds?, basis?). */
export const agingTable = fn("AGINGTABLE");
/** AR.PROVISION (balances, age_days, ladder?). */
export const provision = fn("PROVISION");
/** AR.DSO (receivables, credit_sales, days?). */
export const dso = fn("DSO");
/** AR.COLLECTIONRATE (collections, amount_due). */
export const collectionRate = fn("COLLECTIONRATE");
/** AR.OVERDUERATE (balances, due_dates, as_of, grace_days?). */
export const overdueRateOf = fn("OVERDUERATE");
/**
 * AR.EXPECTEDPAY (due_date, customer, customers, due_dates, settled_dates, as_of?, detail?,
 * salesperson?, salespeople?, blocked?, disputed?).
 */
export const expectedPay = fn("EXPECTEDPAY");
/**
 * AR.CHECKORDER (customer, amount, credit_limit, customers, balances, due_dates?, as_of?, grade?,
 * term_days?, detail?, disputed?).
 */
export const checkOrder = fn("CHECKORDER");
