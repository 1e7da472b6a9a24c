/**
 * The document generator (generate.ts) and what its callers use of it: the kinds, the result,
 * the template error, the sheet names and the texts the letters share.
 */
export {
  DOCUMENT_KINDS,
  generateDocuments,
  MAX_STACKED,
  missingProfileFields,
  TemplateError,
  type DocumentKind,
  type Generated,
} from "./generate";
export {
  customerContext,
  daysOverdueText,
  money,
  OUTPUT_SHEETS,
  type SkippedDocument,
} from "./shared";
export { overdueClause } from "./statements";
export { interestText } from "./dunning";
export type { DocumentRecord, GenerateOptions, Profile } from "../document-options";
export { TEMPLATE_SHEETS } from "../templates/builtin";
