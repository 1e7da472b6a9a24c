/**
 * Document models: the pure data each generated document needs (statements, balance
 * confirmations, dunning letters, the collection plan, the salesperson scorecard), for the
 * template engine to bind to placeholders. Money in integer minor units (with `digits`, the
 * currency's decimals, for formatting), dates as serials, no I/O.
 */
export { amountInWordsEn, amountInWordsZh, numberInWordsEn } from "./words";
export { DOC_PREFIX, docCode, docNo, DocNumbers, type DocKind } from "./docno";
