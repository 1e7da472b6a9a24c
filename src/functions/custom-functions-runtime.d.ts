/**
 * The part of Office's custom-functions runtime (office.js, `CustomFunctions` global) that
 * ar-desk uses. npm has no current typings for it (`@types/custom-functions-runtime` is not a
 * dependency), so this declares the minimum, after the runtime's own definitions.
 */
declare namespace CustomFunctions {
  /** The error values a custom function can return or receive. */
  type ErrorCode = "#VALUE!" | "#N/A" | "#DIV/0!" | "#NUM!" | "#NULL!" | "#NAME?" | "#REF!";

  /** An error result; the message shows in Excel for `#VALUE!` and `#N/A` only. */
  class Error {
    constructor(errorCode?: ErrorCode, errorMessage?: string);
    code: ErrorCode;
    message: string;
  }

  /** Registers a function under its metadata id (custom-functions-metadata-plugin adds the calls). */
  function associate(id: string, fn: (...args: never[]) => unknown): void;
}
