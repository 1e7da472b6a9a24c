// Custom functions (namespace AR, DESIGN.md §6). functions.json is generated from the JSDoc below
// by custom-functions-metadata-plugin, which scans only top-level `function` declarations; the
// build then adds `allowErrorForDataTypeAny` (error cells reach the functions as values) and
// writes functions.zh-CN.json from zh-CN.json (see webpack.config.js, metadata.js).
//
// No `CustomFunctions.associate(...)` here: the plugin's loader (custom-functions-metadata-plugin
// 2.x, lib/loader.js) appends `CustomFunctions.associate("<ID>", <functionName>);` for every
// @customfunction in this file at build time. A manual call would register each function twice.
//
// Every parameter is `unknown[][]` (metadata: type any, dimensionality matrix), so one formula
// takes a cell or a whole column and the result spills the same shape. Each function hands its
// arguments, in order, to the driver (driver.ts) under its id: the driver reads and checks them
// by their declaration in table.ts (a test keeps it and the JSDoc below in step) and calls the
// family that computes the function (family/*.ts).
import { run, setErrorFactory, setLocale } from "./driver";
import { localeOf } from "./messages";

// The code is passed as its text ("#VALUE!"): that is the value of each CustomFunctions.ErrorCode
// member, and the enum object itself is tagged CustomFunctionsRuntime 1.3 in the typings, above
// the 1.2 the manifest declares for CustomFunctions.Error.
setErrorFactory(
  (code, message) =>
    new CustomFunctions.Error(
      code as CustomFunctions.ErrorCode,
      message === "" ? undefined : message,
    ),
);
Office.onReady(() => setLocale(localeOf(Office.context?.displayLanguage)));

/**
 * Days overdue: the as-of date minus the due date (negative: not yet due, 0: due today).
 * @customfunction DAYSOVERDUE
 * @param due_date Due date: a date, or text such as 2026-06-30 or 2026年6月30日; a cell or a column.
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @returns Whole days, one per due date.
 */
export function daysOverdue(due_date: unknown[][], as_of: unknown[][]): unknown[][] {
  return run("DAYSOVERDUE", [due_date, as_of]);
}

/**
 * Days late of a settled item: the settled date minus the due date, 0 if paid on time; blank while unpaid.
 * @customfunction DAYSLATE
 * @param due_date Due date; a cell or a column.
 * @param settled_date Date the item was paid in full; blank while unpaid.
 * @returns Whole days, 0 or more.
 */
export function daysLate(due_date: unknown[][], settled_date: unknown[][]): unknown[][] {
  return run("DAYSLATE", [due_date, settled_date]);
}

/**
 * Aging bucket of an open item as of a date: current, 1-30, 31-60, 61-90, 91+ (upper bounds inclusive).
 * @customfunction AGING
 * @param due_date Due date (the invoice date when basis is "invoice"); a cell or a column.
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @param thresholds Bucket limits in days, strictly increasing: a range of numbers or text "30,60,90" (default).
 * @param basis "due" (default): age from the due date; "invoice": from the invoice date, buckets 0-30, 31-60, ...
 * @returns The bucket label.
 */
export function aging(
  due_date: unknown[][],
  as_of: unknown[][],
  thresholds?: unknown[][],
  basis?: unknown[][],
): unknown[][] {
  return run("AGING", [due_date, as_of, thresholds, basis]);
}

/**
 * Whether an item is overdue: something is outstanding and the days overdue exceed the grace days.
 * @customfunction OVERDUE
 * @param due_date Due date; a cell or a column.
 * @param outstanding Amount still outstanding (a number or text such as ¥1,234.50).
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @param grace_days Days past due before an item counts as overdue (default 0).
 * @returns TRUE or FALSE.
 */
export function overdue(
  due_date: unknown[][],
  outstanding: unknown[][],
  as_of: unknown[][],
  grace_days?: unknown[][],
): unknown[][] {
  return run("OVERDUE", [due_date, outstanding, as_of, grace_days]);
}

/**
 * Act-by date of the one-third rule: due date + payment term / 3 (whole days). Format the cell as a date.
 * @customfunction ACTBY
 * @param due_date Due date; a cell or a column.
 * @param term_days Payment term in days (30, Net 30, 30天); blank: the due date itself.
 * @returns A date serial.
 */
export function actBy(due_date: unknown[][], term_days: unknown[][]): unknown[][] {
  return run("ACTBY", [due_date, term_days]);
}

/**
 * Dunning level of the default ladder: 0 none, 1 reminder, 2 phone, 3 written notice (past the act-by date), 4 visit, 5 legal.
 * @customfunction LEVEL
 * @param due_date Due date; a cell or a column.
 * @param outstanding Amount still outstanding.
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @param term_days Payment term in days, for the act-by date of the one-third rule (blank: none).
 * @param grace_days Days past due before an item counts as overdue (default 0).
 * @returns The level, 0 to 5; a held item (disputed, promise to pay) keeps its level.
 */
export function level(
  due_date: unknown[][],
  outstanding: unknown[][],
  as_of: unknown[][],
  term_days?: unknown[][],
  grace_days?: unknown[][],
): unknown[][] {
  return run("LEVEL", [due_date, outstanding, as_of, term_days, grace_days]);
}

/**
 * The next collection step for an item, in the language of Office: reminder, confirmation, phone, notice, visit, legal, or on hold.
 * @customfunction NEXTACTION
 * @param due_date Due date; a cell or a column.
 * @param outstanding Amount still outstanding.
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @param term_days Payment term in days, for the act-by date of the one-third rule (blank: none).
 * @param blocked Hold: TRUE, 是 or disputed for a disputed item, or a promise-to-pay date (held until it passes).
 * @param grace_days Days past due before an item counts as overdue (default 0).
 * @returns The step, as text.
 */
export function nextAction(
  due_date: unknown[][],
  outstanding: unknown[][],
  as_of: unknown[][],
  term_days?: unknown[][],
  blocked?: unknown[][],
  grace_days?: unknown[][],
): unknown[][] {
  return run("NEXTACTION", [due_date, outstanding, as_of, term_days, blocked, grace_days]);
}

/**
 * Simple late interest: outstanding × annual rate × days overdue / 365; 0 when not overdue.
 * @customfunction INTEREST
 * @param outstanding Amount still outstanding; a cell or a column.
 * @param due_date Due date.
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @param annual_rate Interest per year: 6% or 0.06.
 * @returns Interest, rounded to the cent.
 */
export function interest(
  outstanding: unknown[][],
  due_date: unknown[][],
  as_of: unknown[][],
  annual_rate: unknown[][],
): unknown[][] {
  return run("INTEREST", [outstanding, due_date, as_of, annual_rate]);
}

/**
 * A customer's outstanding balance: the sum of its open items' balances, credits and unapplied cash included.
 * @customfunction OUTSTANDING
 * @param customer Customer code or name; a cell or a column (one result each).
 * @param customers The customer column of the open items.
 * @param balances The outstanding balance column of the same rows.
 * @returns The balance; 0 for a customer with no items.
 */
export function outstanding(
  customer: unknown[][],
  customers: unknown[][],
  balances: unknown[][],
): unknown[][] {
  return run("OUTSTANDING", [customer, customers, balances]);
}

/**
 * A customer's credit exposure: the sum of its open items net of credits and unapplied cash (equals its outstanding balance).
 * @customfunction EXPOSURE
 * @param customer Customer code or name; a cell or a column (one result each).
 * @param customers The customer column of the open items.
 * @param balances The outstanding balance column of the same rows.
 * @returns The exposure; 0 for a customer with no items.
 */
export function exposure(
  customer: unknown[][],
  customers: unknown[][],
  balances: unknown[][],
): unknown[][] {
  return run("EXPOSURE", [customer, customers, balances]);
}

/**
 * Credit headroom: credit limit minus exposure (negative when over the limit); blank when no limit is set.
 * @customfunction HEADROOM
 * @param customer Customer code or name; a cell or a column (one result each).
 * @param credit_limit The customer's credit limit; blank: none set; 0: no credit.
 * @param customers The customer column of the open items.
 * @param balances The outstanding balance column of the same rows.
 * @returns The headroom.
 */
export function headroom(
  customer: unknown[][],
  credit_limit: unknown[][],
  customers: unknown[][],
  balances: unknown[][],
): unknown[][] {
  return run("HEADROOM", [customer, credit_limit, customers, balances]);
}

/**
 * Whether a customer's exposure exceeds its credit limit; FALSE when no limit is set.
 * @customfunction OVERLIMIT
 * @param customer Customer code or name; a cell or a column (one result each).
 * @param credit_limit The customer's credit limit; blank: none set; 0: no credit.
 * @param customers The customer column of the open items.
 * @param balances The outstanding balance column of the same rows.
 * @returns TRUE or FALSE.
 */
export function overLimit(
  customer: unknown[][],
  credit_limit: unknown[][],
  customers: unknown[][],
  balances: unknown[][],
): unknown[][] {
  return run("OVERLIMIT", [customer, credit_limit, customers, balances]);
}

/**
 * Aging table: a header row, one row per customer with its balance per bucket and total, and a total row. It spills.
 * @customfunction AGINGTABLE
 * @param customers The customer column of the open items.
 * @param due_dates The due date column of the same rows.
 * @param balances The outstanding balance column of the same rows.
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @param thresholds Bucket limits in days, strictly increasing: a range of numbers or text "30,60,90" (default).
 * @param basis "due" (default), or "invoice" when due_dates holds invoice dates.
 * @returns The table.
 */
export function agingTable(
  customers: unknown[][],
  due_dates: unknown[][],
  balances: unknown[][],
  as_of: unknown[][],
  thresholds?: unknown[][],
  basis?: unknown[][],
): unknown[][] {
  return run("AGINGTABLE", [customers, due_dates, balances, as_of, thresholds, basis]);
}

/**
 * Bad-debt provision: the positive balances in each age band × the band's rate, summed.
 * @customfunction PROVISION
 * @param balances Outstanding balances; a cell or a column.
 * @param age_days Age of each balance in days from the invoice date (as-of date − invoice date).
 * @param ladder Bands as two columns (up to days, rate) or text "365:5%,730:10%,:100%"; default: 1 year 5%, 2 years 10%, 3 years 30%, 4 years 50%, 5 years 80%, over 100%.
 * @returns The provision.
 */
export function provision(
  balances: unknown[][],
  age_days: unknown[][],
  ladder?: unknown[][],
): unknown[][] {
  return run("PROVISION", [balances, age_days, ladder]);
}

/**
 * Days sales outstanding: receivables ÷ credit sales of the last N days × N.
 * @customfunction DSO
 * @param receivables Receivables at the as-of date: an amount or a range (summed).
 * @param credit_sales Credit sales of the last N days: an amount or a range (summed).
 * @param days N, the days the sales cover (default 90).
 * @returns Days.
 */
export function dso(
  receivables: unknown[][],
  credit_sales: unknown[][],
  days?: unknown[][],
): unknown[][] {
  return run("DSO", [receivables, credit_sales, days]);
}

/**
 * Collection rate of a period: collections in the period ÷ the amount due by its end that was open at its start or issued in it.
 * @customfunction COLLECTIONRATE
 * @param collections Collections in the period: an amount or a range (summed).
 * @param amount_due Amount due in the period: an amount or a range (summed).
 * @returns A fraction (format as %).
 */
export function collectionRate(collections: unknown[][], amount_due: unknown[][]): unknown[][] {
  return run("COLLECTIONRATE", [collections, amount_due]);
}

/**
 * Overdue rate: overdue outstanding ÷ outstanding, over a column of balances and their due dates.
 * @customfunction OVERDUERATE
 * @param balances Outstanding balances.
 * @param due_dates Due dates of the same rows.
 * @param as_of As-of date: point at one cell holding =TODAY() or a date.
 * @param grace_days Days past due before an item counts as overdue (default 0).
 * @returns A fraction (format as %).
 */
export function overdueRate(
  balances: unknown[][],
  due_dates: unknown[][],
  as_of: unknown[][],
  grace_days?: unknown[][],
): unknown[][] {
  return run("OVERDUERATE", [balances, due_dates, as_of, grace_days]);
}

/**
 * Expected pay date of an item, learnt from the history of settled items: the due date moved by how late its customer (then its salesperson's customers, then all customers) paid; after the as-of date for an open item; a promised date when one is given. #N/A when expected never.
 * @customfunction EXPECTEDPAY
 * @param due_date Due date of the item, taken as still open at the as-of date; a cell or a column (one result each).
 * @param customer Its customer, code or name; a cell or a column.
 * @param customers History: the customer column of the invoices.
 * @param due_dates History: the due date column of the same rows.
 * @param settled_dates History: the date each row was paid in full; blank while open.
 * @param as_of As-of date: only rows settled by then are history, and the date comes after it. Blank: all settled rows, no such condition.
 * @param detail TRUE: four columns, the expected date, the first and last day of its likely range (10th to 90th percentile) and why.
 * @param salesperson Its salesperson; a cell or a column. With salespeople, their customers' payments count after its customer's own.
 * @param salespeople History: the salesperson column of the same rows (the customer's salesperson where a row names none).
 * @param blocked Its hold: a promise-to-pay date (expected on it while not passed), else TRUE, 是 or disputed for a disputed item (later by what disputes took in the history); a cell or a column.
 * @param disputed History: disputed flags of the same rows (TRUE, 是, Yes), to learn how much later disputed items pay.
 * @returns A date serial (format the cell as a date).
 */
export function expectedPay(
  due_date: unknown[][],
  customer: unknown[][],
  customers: unknown[][],
  due_dates: unknown[][],
  settled_dates: unknown[][],
  as_of?: unknown[][],
  detail?: unknown[][],
  salesperson?: unknown[][],
  salespeople?: unknown[][],
  blocked?: unknown[][],
  disputed?: unknown[][],
): unknown[][] {
  return run("EXPECTEDPAY", [
    due_date,
    customer,
    customers,
    due_dates,
    settled_dates,
    as_of,
    detail,
    salesperson,
    salespeople,
    blocked,
    disputed,
  ]);
}

/**
 * Order check: may this order ship on credit? The rules of ar-desk check-order (default credit policy, grades A-D): OK, over limit, overdue, prepayment required or no credit, in the language of Office.
 * @customfunction CHECKORDER
 * @param customer Customer code or name; a cell or a column of orders (one result each).
 * @param amount Order amount, above zero.
 * @param credit_limit The customer's credit limit; blank: none set (no credit unless its grade gives a default); 0: no credit.
 * @param customers The customer column of the open items.
 * @param balances The outstanding balance column of the same rows: the customer's exposure is their sum.
 * @param due_dates Due dates of the same rows: overdue items may block the order (more than 30 days overdue, or past the act-by date). Blank: overdue is not checked.
 * @param as_of As-of date, needed with due_dates: point at one cell holding =TODAY() or a date.
 * @param grade The customer's credit grade (A, B, C, D): C blocks any overdue, D requires prepayment; blank: ungraded.
 * @param term_days Payment term in days, one for all rows or a column of the same rows, for the act-by date of the one-third rule (a blank row in the column: act-by is its due date); left out: not checked.
 * @param detail TRUE: four columns, the verdict, the headroom before and after the order, and the reasons.
 * @param disputed Disputed flags of the same rows (TRUE, 是, Yes): a disputed overdue item does not block the order; blank: none disputed.
 * @returns The verdict, as text.
 */
export function checkOrder(
  customer: unknown[][],
  amount: unknown[][],
  credit_limit: unknown[][],
  customers: unknown[][],
  balances: unknown[][],
  due_dates?: unknown[][],
  as_of?: unknown[][],
  grade?: unknown[][],
  term_days?: unknown[][],
  detail?: unknown[][],
  disputed?: unknown[][],
): unknown[][] {
  return run("CHECKORDER", [
    customer,
    amount,
    credit_limit,
    customers,
    balances,
    due_dates,
    as_of,
    grade,
    term_days,
    detail,
    disputed,
  ]);
}
