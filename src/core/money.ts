/**
 * Money as integer minor units (分, cents) per currency.
 *
 * Amounts are held as integers so that sums are exact; they are rounded to the currency's minor
 * unit once, at input, and formatted at display. Amounts of different currencies are never
 * added: totals are kept per currency everywhere in ar-desk.
 */

/** An amount in minor units: an integer with |n| < 2^51, so sums of millions of rows stay exact. */
export type Minor = number;

/** An ISO 4217 code, or null when the sheet names no currency (one implicit currency). */
export type CurrencyCode = string | null;

interface CurrencyInfo {
  /** Digits after the decimal point of the minor unit. */
  digits: number;
  symbol: string;
}

/**
 * Minor-unit precision per currency. Add a row when a user's currency is missing; anything not
 * listed is treated as two decimals, which is right for most currencies.
 */
const CURRENCIES: Record<string, CurrencyInfo> = {
  CNY: { digits: 2, symbol: "¥" },
  HKD: { digits: 2, symbol: "HK$" },
  TWD: { digits: 2, symbol: "NT$" },
  USD: { digits: 2, symbol: "$" },
  EUR: { digits: 2, symbol: "€" },
  GBP: { digits: 2, symbol: "£" },
  JPY: { digits: 0, symbol: "¥" },
  KRW: { digits: 0, symbol: "₩" },
  SGD: { digits: 2, symbol: "S$" },
  AUD: { digits: 2, symbol: "A$" },
  CAD: { digits: 2, symbol: "C$" },
  CHF: { digits: 2, symbol: "CHF" },
  INR: { digits: 2, symbol: "₹" },
  VND: { digits: 0, symbol: "₫" },
  KWD: { digits: 3, symbol: "KD" },
  BHD: { digits: 3, symbol: "BD" },
};

/** Currency names seen in sheets, mapped to ISO codes. */
const CURRENCY_ALIASES: Record<string, string> = {
  RMB: "CNY",
  "¥": "CNY",
  "￥": "CNY",
  人民币: "CNY",
  元: "CNY",
  $: "USD",
  美元: "USD",
  "€": "EUR",
  欧元: "EUR",
  "£": "GBP",
  英镑: "GBP",
  日元: "JPY",
  港币: "HKD",
  港元: "HKD",
};

/** Largest magnitude we accept, so that a sum of a million such amounts is still exact. */
export const MAX_MINOR = 2 ** 51;

export function minorDigits(currency: CurrencyCode): number {
  return (currency ? CURRENCIES[currency]?.digits : undefined) ?? 2;
}

export function currencySymbol(currency: CurrencyCode): string {
  return (currency ? CURRENCIES[currency]?.symbol : undefined) ?? "";
}

/** The ISO code for a currency cell (`RMB`, `人民币`, `usd`), or null if it is not one. */
export function normalizeCurrency(text: string): string | null {
  // The same cell text row after row: the last one answered without a lookup.
  if (text === lastText) return lastCode;
  let code = CURRENCY_MEMO.get(text);
  if (code === undefined) {
    code = normalizeUncached(text);
    if (CURRENCY_MEMO.size > 1024) CURRENCY_MEMO.clear();
    CURRENCY_MEMO.set(text, code);
  }
  lastText = text;
  lastCode = code;
  return code;
}

let lastText: string | null = null;
let lastCode: string | null = null;

/** Currency cells repeat on every row: each distinct text is looked up once. */
const CURRENCY_MEMO = new Map<string, string | null>();

function normalizeUncached(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const alias = CURRENCY_ALIASES[t] ?? CURRENCY_ALIASES[t.toUpperCase()];
  if (alias) return alias;
  return /^[A-Za-z]{3}$/.test(t) ? t.toUpperCase() : null;
}

const POW10 = [1, 10, 100, 1000, 10000];

/**
 * Rounds a major-unit number to minor units, half away from zero, ignoring binary noise
 * (1.005 is meant as 1.005, not 1.00499999999999989...). Returns null when the result is not
 * a safe amount.
 *
 * @example
 * toMinor(1234.5, 2) //=> 123450
 * toMinor(1.005, 2) //=> 101
 * toMinor(-0.125, 2) //=> -13
 */
export function toMinor(major: number, digits: number): Minor | null {
  if (!Number.isFinite(major)) return null;
  const scaled = major * POW10[digits];
  let minor: number;
  if (Number.isInteger(scaled)) {
    minor = scaled;
  } else if (Math.abs(scaled) < 1e14 && Math.round(scaled) / POW10[digits] === major) {
    // The usual amount, a whole number m of minor units as a double holds it (165461.62 * 100
    // is 16546162.000000002): m, as the text below gives it, without making the text. Why the
    // same: major is the double nearest m / 10^digits, so scaled is within 2.3e-16·|m| of m,
    // less than half a unit of the 15th significant digit of m (at most 1e14, 15 digits);
    // rounded to 15 digits it is m exactly.
    minor = Math.round(scaled);
  } else {
    // 15 significant digits is what a double holds faithfully; it strips the noise that makes
    // 1.005 * 100 = 100.49999999999999.
    const clean = Number(scaled.toPrecision(15));
    minor = Math.sign(clean) * Math.round(Math.abs(clean));
  }
  if (Math.abs(minor) >= MAX_MINOR) return null;
  return minor === 0 ? 0 : minor; // no -0
}

/**
 * Minor units back to a major-unit number (the nearest double, e.g. for JSON output).
 * @example
 * fromMinor(5594, 2) //=> 55.94
 */
export function fromMinor(minor: Minor, digits: number): number {
  const major = minor / POW10[digits];
  return major === 0 ? 0 : major;
}

/**
 * `1234567.8` as `1,234,567.80`: grouping and fixed decimals, no symbol. Exact, since it works
 * on the integer.
 */
export function formatMinor(minor: Minor, digits: number): string {
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = digits > 0 ? "." + abs.slice(abs.length - digits) : "";
  return (negative ? "-" : "") + whole + frac;
}

/** The amount with its currency, for people: `CNY 1,234.50`, or `1,234.50` with no currency. */
export function formatMoney(minor: Minor, currency: CurrencyCode): string {
  const text = formatMinor(minor, minorDigits(currency));
  return currency ? `${currency} ${text}` : text;
}
