/**
 * The options and records of the document generator (documents/), apart from it so that the
 * sheets it assembles (plan-sheet.ts, scorecard-sheet.ts) and the register can name them without
 * importing the generator back (no import cycles).
 */
import type { Analysis } from "../core/analyze";
import type { CommitmentPlan } from "../core/credit/commitment";
import type { Serial } from "../core/dates";
import type { DocNumbers, DoneAction } from "../core/documents";
import type { Ledger } from "../core/ledger";
import type { Locale } from "../core/messages";
import type { Policy } from "../core/policy";
import type { SheetSpec } from "./spec";
import type { TemplateKind } from "./templates/fields";

/** What the issuing company says about itself, and whom confirmations go back to. */
export interface Profile {
  company?: {
    name?: string;
    address?: string;
    phone?: string;
    contact?: string;
    email?: string;
    bank?: { name?: string; account?: string; accountName?: string };
  };
  auditor?: { name?: string };
  replyTo?: {
    name?: string;
    address?: string;
    postcode?: string;
    phone?: string;
    contact?: string;
    email?: string;
  };
  /** Days the customer has to reply to a statement or confirmation (default 10). */
  replyDays?: number;
  /** Days to pay after a statement or a first reminder (default 10). */
  payDays?: number;
}

export interface GenerateOptions {
  ledger: Ledger;
  analysis: Analysis;
  policy: Policy;
  locale: Locale;
  profile: Profile;
  /** Date the documents carry (default: the as-of date). */
  issueDate?: Serial;
  /** A period makes statements balance-forward (activity) statements. */
  period?: { from: Serial; to: Serial };
  /** Only these customers (codes or names); all when empty. */
  customers?: string[];
  /** Template sheets that replace the built-in ones, by kind (e.g. read from the workbook). */
  templates?: Partial<Record<TemplateKind, SheetSpec>>;
  /** One sheet per customer instead of one sheet per document kind with page breaks. */
  perCustomer?: boolean;
  /** Shared numbering, so numbers stay unique across runs (reserve the delivery log's). */
  numbers?: DocNumbers;
  /** Steps already taken (the collection log): the plan's next actions and letters' last notice. */
  done?: readonly DoneAction[];
  /**
   * Agreed payment schedules, checked (src/core/credit/commitment.ts): one payment commitment
   * letter per plan. Without them `commitments` makes no letter.
   */
  commitments?: readonly CommitmentPlan[];
}

/** One generated document, for the summary and the register. */
export interface DocumentRecord {
  kind: TemplateKind;
  docNo: string;
  customer: string;
  currency: string | null;
  /** The balance the document states, in minor units. */
  balance: number;
  items: number;
  sheet: string;
  /** SHA-256 of the filled document's cell values (the audit register's content hash). */
  hash?: string;
}
