/**
 * Fields every document model shares: the customer block, the currency and its decimals, the
 * document's number and dates, and the owner (salesperson) of an item.
 */
import type { Analysis } from "../analyze";
import { weekdayOfSerial, type Serial } from "../dates";
import type { Ledger } from "../ledger";
import type { Locale } from "../messages";
import { minorDigits, type CurrencyCode, type Minor } from "../money";
import type { DocNumbers } from "./docno";
import { amountInWordsEn, amountInWordsZh } from "./words";

/** The customer block of a document: `{{customer.name}}`, `{{customer.code}}` … */
export interface CustomerFields {
  /** Index in `ledger.customers`. */
  index: number;
  code: string;
  /** Full name for the letter: the name from the customer list or invoices, else the code. */
  name: string;
  address: string | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  /** The customer's salesperson, by name. */
  salesperson: string | null;
  grade: string | null;
  /** Credit limit in minor units (of the limit's currency), null when none is set. */
  creditLimit: Minor | null;
}

/** What every per-customer document carries besides its own figures. */
export interface DocumentHeader {
  /** Unique document number (`DZ-20260630-C0001`). */
  docNo: string;
  /** Date the document is issued (default: the as-of date). */
  issueDate: Serial;
  /** Date the figures are computed at (基准日). */
  asOf: Serial;
  customer: CustomerFields;
  /** ISO code of the amounts' currency; null when the sheet names none. */
  currency: CurrencyCode;
  /** Index of the currency in `ledger.currencies`. */
  currencyIndex: number;
  /** Decimals of the currency's minor unit (2 for CNY, 0 for JPY): amounts are ÷ 10^digits. */
  digits: number;
}

/** Options every batch builder takes. */
export interface DocumentOptions {
  /** Date the documents are issued; default the analysis' as-of date. */
  issueDate?: Serial;
  /** Numbers for the run; share one across generators so that numbers stay unique. */
  numbers?: DocNumbers;
  /** Language of the texts in the model (labels, notes, amounts in words); default en-US. */
  locale?: Locale;
}

export function customerFields(ledger: Ledger, index: number): CustomerFields {
  const c = ledger.customers[index];
  return {
    index,
    code: c.code,
    name: c.name ?? c.code,
    address: c.address,
    contact: c.contact,
    phone: c.phone,
    email: c.email,
    salesperson: c.salesperson >= 0 ? ledger.salespeople[c.salesperson] : null,
    grade: c.grade,
    creditLimit: c.creditLimit,
  };
}

/** Salesperson index of an item: the row's, else its customer's; -1 for none. */
export function itemSalesperson(ledger: Ledger, i: number): number {
  const sp = ledger.items.salesperson[i];
  return sp >= 0 ? sp : ledger.customers[ledger.items.customer[i]].salesperson;
}

/** Name of a salesperson index, null for -1. */
export function salespersonName(ledger: Ledger, sp: number): string | null {
  return sp >= 0 ? ledger.salespeople[sp] : null;
}

/** The currency part of a header. */
export function currencyFields(
  ledger: Ledger,
  currencyIndex: number,
): { currency: CurrencyCode; currencyIndex: number; digits: number } {
  const currency = ledger.currencies[currencyIndex];
  return { currency, currencyIndex, digits: minorDigits(currency) };
}

const IN_WORDS: Record<Locale, (minor: Minor, currency: CurrencyCode) => string> = {
  "zh-CN": amountInWordsZh,
  "en-US": amountInWordsEn,
};

/** The amount in words in a locale: Chinese uppercase, or English cheque style. */
export function inWords(minor: Minor, currency: CurrencyCode, locale: Locale): string {
  return IN_WORDS[locale](minor, currency);
}

/** Orders customers by code, then currency index: the order documents come out in. */
export function byCustomerCode(
  a: Pick<Analysis, "ledger">,
): (
  x: { customer: number; currency: number },
  y: { customer: number; currency: number },
) => number {
  const customers = a.ledger.customers;
  return (x, y) =>
    compareText(customers[x.customer].code, customers[y.customer].code) ||
    x.customer - y.customer ||
    x.currency - y.currency;
}

/** Plain code-unit order: deterministic, independent of the platform's collation. */
export function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The date `n` working days (Monday to Friday) after `serial`; public holidays are not known
 * here. Counts from the next day: 10 working days after a Friday is the Friday two weeks on.
 */
export function addWorkingDays(serial: Serial, n: number): Serial {
  let date = serial;
  for (let left = n; left > 0;) {
    date++;
    if (weekdayOfSerial(date) <= 5) left--;
  }
  return date;
}

/**
 * A collection step already taken on an item (a later collection log): the ladder level it
 * reached (1 reminder … 5 legal; 0 a pre-due contact) and its date.
 */
export interface DoneAction {
  /** Index of the item in `ledger.items`. */
  item: number;
  level: number;
  date: Serial;
}
