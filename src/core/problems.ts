/**
 * Expected failures are values. Readers and the engine return `Problem`s with a code and
 * parameters; the wording lives apart, in per-locale tables (./messages.ts), keyed by code.
 */

/** Where a value came from: the file, the sheet (null for a CSV) and the 1-based row. */
export interface SourceRef {
  file: string | null;
  sheet: string | null;
  row: number;
}

export type Severity = "error" | "warning" | "info";

/** Every problem code ar-desk reports. Wording: messages.ts. */
export type ProblemCode =
  // rows skipped (severity info)
  | "row.blank"
  | "row.subtotal"
  | "row.note"
  | "row.footer"
  | "row.duplicate"
  | "row.cancelled"
  // rows rejected (severity error)
  | "row.noAmount"
  | "row.noCustomer"
  | "row.noDate"
  | "row.badAmount"
  | "row.badDate"
  | "row.ambiguousDate"
  | "row.errorValue"
  // cell-level warnings on an imported row
  | "cell.badDate"
  | "cell.ambiguousDate"
  | "cell.badNumber"
  | "cell.badTerms"
  | "cell.errorValue"
  | "cell.badCurrency"
  | "cell.noDueDate"
  | "cell.noTerms"
  | "cell.currencyConflict"
  // sheet and column level
  | "sheet.noHeader"
  | "sheet.missingColumn"
  | "sheet.empty"
  | "sheet.noInvoices"
  | "column.ambiguousDateOrder"
  | "column.mixedDateOrder"
  | "column.decimalComma"
  | "column.ambiguousDecimal"
  // what a reader found in the file itself (CSV quoting and encoding, workbook XML)
  | "file.unbalancedQuote"
  | "file.badBytes"
  | "file.outsideGrid"
  | "file.badSharedString"
  | "file.badNumber"
  | "file.moreProblems"
  | "file.truncated"
  | "sheet.duplicateName"
  // data consistency
  | "invoice.duplicate"
  | "invoice.dueBeforeInvoice"
  | "payment.unknownInvoice"
  | "payment.rejectedInvoice"
  | "payment.unknownCustomer"
  | "payment.currencyMismatch"
  | "customer.duplicate"
  | "customer.unknown"
  | "currency.mixed"
  | "currency.markConflict"
  | "customer.merged"
  // what a status column says, against the payment data
  | "status.paidNoDate"
  | "status.paidButOpen"
  | "status.openButPaid"
  | "status.partialNoPayments"
  | "status.unknown"
  | "payment.cancelledInvoice"
  // the collection log (催收记录)
  | "log.noDate"
  | "log.unknownAction"
  | "log.unknownResult"
  | "log.unknownItem"
  | "log.otherCustomer"
  | "log.noPromiseDate"
  | "log.nothingRecorded";

export type ProblemParams = Record<string, string | number | null>;

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** Null for problems of a whole file or of the data set. */
  source: SourceRef | null;
  /** The column's header text as it stands in the sheet, when the problem is about one cell. */
  column: string | null;
  params: ProblemParams;
}

export function problem(
  code: ProblemCode,
  severity: Severity,
  source: SourceRef | null,
  column: string | null = null,
  params: ProblemParams = {},
): Problem {
  return { code, severity, source, column, params };
}
