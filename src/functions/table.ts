/**
 * The custom functions declared as data: for each function (its id in functions.json), its
 * arguments in order, each with its name (the parameter name Excel shows), its kind, whether it
 * may be left out, what a blank gives, its bounds, and which other range it must match row for
 * row. The driver (driver.ts) checks the parallel ranges, reads the `value` arguments and, for
 * the per-cell functions (family/item.ts), the `cell` ones, by their kind and bounds, and calls
 * the family that computes the function (family/*.ts); `list` arguments, and the `cell`
 * arguments of the other functions, are read by their family as their kind says. functions.ts
 * declares the same functions to Excel with JSDoc, and a test keeps the two in step
 * (test/functions/table.test.ts).
 *
 * Shapes:
 * - `cell`: one value per result cell. A single cell applies to every cell, a row to every row, a
 *   column to every column (as Excel lifts built-in functions); the result spills the shape of
 *   the largest such argument.
 * - `list`: a range read cell by cell as one list (rows of a table).
 * - `value`: one value for the whole call (its first cell).
 */
import type { Arg, Cx } from "./cells";
import type { ArgName } from "./messages";

export type Kind =
  /** A date: a serial, or text as the sheet reader reads it; blank: a blank result. */
  | "date"
  /** The as-of date: a date, and never blank. */
  | "asOf"
  /** An amount (a number or text such as ¥1,234.50), read to the cent; blank: a blank result. */
  | "money"
  /** The sum of the amounts in a range, blanks skipped, one currency. */
  | "moneySum"
  /** Whole days, 0 … 36500; blank: the default. */
  | "days"
  /** Age in days, any number. */
  | "number"
  /** A payment term in days (30, Net 30, 30天), 0 … 3650; blank: none. */
  | "term"
  /** A rate, 0.06 or 6%, 0 … 1000%; blank: a blank result. */
  | "rate"
  /** A hold: TRUE, 是, disputed, or a promise-to-pay date; blank: none. */
  | "hold"
  /** TRUE or FALSE (TRUE, 是, Yes, 1…); blank: FALSE. */
  | "flag"
  /** A customer (or salesperson): code or name, matched as the ledger matches names. */
  | "party"
  /** Text kept as text (a credit grade). */
  | "text"
  /** Aging bucket limits: numbers, or text "30,60,90". */
  | "thresholds"
  /** The aging basis: "due" or "invoice" (到期日, 开票日…). */
  | "basis"
  /** A provision ladder: two columns (up to days, rate) or text "365:5%,:100%". */
  | "ladder";

export type Shape = "cell" | "list" | "value";

export interface ArgSpec {
  readonly name: ArgName;
  readonly kind: Kind;
  readonly shape: Shape;
  /** May be left out in the formula (JSDoc `name?`). */
  readonly optional?: true;
  /** What a blank gives, for kinds whose blank is a value (days, term, date of a `value`). */
  readonly default?: number;
  /**
   * Bounds narrower than the kind's own, checked by the driver: outside them a `value` refuses
   * the call, a `cell` gives its cell the error.
   */
  readonly min?: number;
  readonly max?: number;
  /**
   * A list of the same number of cells as `of`, row for row: always, when given (anything but one
   * blank cell), or when a range (more than one cell; one cell applies to every row).
   */
  readonly rows?: { readonly of: ArgName; readonly when: "always" | "given" | "range" };
  /**
   * Read and checked by the family itself, not the driver, and why: read together with another
   * argument, or only in some cases, after other checks (the order of errors is the family's).
   */
  readonly family?: string;
}

// Shorthands: the table reads as a list of declarations. Each keeps the type of its extras, so
// that `optional: true` is known to the type system (impl.ts types its functions by it).
type Extra = Omit<ArgSpec, "name" | "kind" | "shape">;
type NoExtra = Record<never, never>;
const declare =
  (shape: Shape) =>
  <E extends Extra = NoExtra>(name: ArgName, kind: Kind, extra?: E): ArgSpec & E =>
    ({ name, kind, shape, ...extra }) as ArgSpec & E;
const cell = declare("cell");
const list = declare("list");
const value = declare("value");
const optional = true as const;
const sameAs = (of: ArgName, when: "always" | "given" | "range" = "always") => ({ of, when });

const AGING_TOGETHER = "read with thresholds and basis together (agingOf)";
const ORDER_LATE =
  "checked after the exposure is summed, and only with due dates (as ar-desk check-order)";

export const FUNCTIONS = {
  DAYSOVERDUE: [cell("due_date", "date"), cell("as_of", "asOf")],
  DAYSLATE: [cell("due_date", "date"), cell("settled_date", "date")],
  AGING: [
    cell("due_date", "date"),
    cell("as_of", "asOf"),
    value("thresholds", "thresholds", { optional, family: AGING_TOGETHER }),
    value("basis", "basis", { optional, family: AGING_TOGETHER }),
  ],
  OVERDUE: [
    cell("due_date", "date"),
    cell("outstanding", "money"),
    cell("as_of", "asOf"),
    cell("grace_days", "days", { optional, default: 0 }),
  ],
  ACTBY: [cell("due_date", "date"), cell("term_days", "term")],
  LEVEL: [
    cell("due_date", "date"),
    cell("outstanding", "money"),
    cell("as_of", "asOf"),
    cell("term_days", "term", { optional }),
    cell("grace_days", "days", { optional, default: 0 }),
  ],
  NEXTACTION: [
    cell("due_date", "date"),
    cell("outstanding", "money"),
    cell("as_of", "asOf"),
    cell("term_days", "term", { optional }),
    cell("blocked", "hold", { optional }),
    cell("grace_days", "days", { optional, default: 0 }),
  ],
  INTEREST: [
    cell("outstanding", "money"),
    cell("due_date", "date"),
    cell("as_of", "asOf"),
    cell("annual_rate", "rate"),
  ],
  OUTSTANDING: [
    cell("customer", "party"),
    list("customers", "party"),
    list("balances", "money", { rows: sameAs("customers") }),
  ],
  EXPOSURE: [
    cell("customer", "party"),
    list("customers", "party"),
    list("balances", "money", { rows: sameAs("customers") }),
  ],
  HEADROOM: [
    cell("customer", "party"),
    cell("credit_limit", "money"),
    list("customers", "party"),
    list("balances", "money", { rows: sameAs("customers") }),
  ],
  OVERLIMIT: [
    cell("customer", "party"),
    cell("credit_limit", "money"),
    list("customers", "party"),
    list("balances", "money", { rows: sameAs("customers") }),
  ],
  AGINGTABLE: [
    list("customers", "party"),
    list("due_dates", "date", { rows: sameAs("customers") }),
    list("balances", "money", { rows: sameAs("customers") }),
    value("as_of", "asOf"),
    value("thresholds", "thresholds", { optional, family: AGING_TOGETHER }),
    value("basis", "basis", { optional, family: AGING_TOGETHER }),
  ],
  PROVISION: [
    list("balances", "money"),
    list("age_days", "number", { rows: sameAs("balances") }),
    value("ladder", "ladder", { optional, family: "a range of two columns or one text cell" }),
  ],
  DSO: [
    value("receivables", "moneySum"),
    value("credit_sales", "moneySum"),
    value("days", "days", { optional, default: 90, min: 1 }),
  ],
  COLLECTIONRATE: [value("collections", "moneySum"), value("amount_due", "moneySum")],
  OVERDUERATE: [
    list("balances", "money"),
    list("due_dates", "date", { rows: sameAs("balances") }),
    value("as_of", "asOf"),
    value("grace_days", "days", { optional, default: 0 }),
  ],
  EXPECTEDPAY: [
    cell("due_date", "date"),
    cell("customer", "party"),
    list("customers", "party"),
    list("due_dates", "date", { rows: sameAs("customers") }),
    list("settled_dates", "date", { rows: sameAs("customers") }),
    // Blank: no as-of date, every settled row is history (0 is "none" to the model).
    value("as_of", "date", { optional, default: 0 }),
    value("detail", "flag", { optional }),
    cell("salesperson", "party", { optional }),
    list("salespeople", "party", { optional, rows: sameAs("customers", "given") }),
    cell("blocked", "hold", { optional }),
    list("disputed", "flag", { optional, rows: sameAs("customers", "given") }),
  ],
  CHECKORDER: [
    cell("customer", "party"),
    cell("amount", "money"), // above zero: each order is checked by the family (notPositive)
    cell("credit_limit", "money"),
    list("customers", "party"),
    list("balances", "money", { rows: sameAs("customers") }),
    list("due_dates", "date", { optional, rows: sameAs("customers", "given"), family: ORDER_LATE }),
    value("as_of", "asOf", { optional, family: ORDER_LATE }),
    cell("grade", "text", { optional }),
    list("term_days", "term", {
      optional,
      rows: sameAs("customers", "range"),
      family: ORDER_LATE,
    }),
    value("detail", "flag", { optional, family: "read after the exposure is summed" }),
    list("disputed", "flag", {
      optional,
      rows: sameAs("customers", "range"),
      family: ORDER_LATE,
    }),
  ],
} as const satisfies Record<string, readonly ArgSpec[]>;

export type FunctionId = keyof typeof FUNCTIONS;

export const FUNCTION_IDS = Object.keys(FUNCTIONS) as FunctionId[];

/**
 * One call as a family sees it: the context, each argument by name, and the values the driver
 * read for the `value` arguments it reads (by name; NaN for the others).
 */
export interface Call {
  readonly cx: Cx;
  arg(name: ArgName): Arg;
  value(name: ArgName): number;
}

/**
 * How a family computes a function. `cells`: per result cell, from the `cell` arguments the driver
 * has read (`v[i]` is argument i's value; a blank or bad cell never reaches it), with what
 * `prepare` made once for the call. `whole`: the whole result, from the call.
 */
export type Implementation =
  | {
      readonly prepare?: (call: Call) => unknown;
      readonly cells: (v: number[], cx: Cx, prepared: unknown) => unknown;
    }
  | { readonly whole: (call: Call) => unknown[][] };
