/** Numbers, money, rates and dates for display (money stays exact: it is formatted from minor units). */
import { isoFromSerial, type Serial } from "../core/dates";
import type { Locale } from "../core/messages";
import { formatMinor, fromMinor } from "../core/money";

/** `1,234.50`, exact. */
export function money(minor: number, digits: number): string {
  return formatMinor(Math.round(minor), digits);
}

/** Major units as a number (for data attributes and tests: equals analyze --json's figures). */
export function major(minor: number, digits: number): number {
  return fromMinor(minor, digits);
}

/** The units of compact money by locale, largest first. */
const COMPACT_UNITS: Record<Locale, [number, string][]> = {
  "zh-CN": [
    [1e8, "亿"],
    [1e4, "万"],
  ],
  "en-US": [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ],
};

/**
 * Compact money for narrow places, one rule everywhere: below the first unit a whole number with
 * grouping (`950`, `7,168` in Chinese), above it one decimal of the unit — K, M, B in English
 * (`7.2K`, `146.0K`, `4.9M`), 万 and 亿 in Chinese (`14.6万`, `1.2亿`). Negative amounts carry a
 * minus sign (U+2212). The exact amount goes in a title beside it (`money`).
 */
export function compactMoney(minor: number, digits: number, locale: Locale = "en-US"): string {
  const v = fromMinor(minor, digits);
  const sign = v < 0 ? "\u2212" : "";
  const abs = Math.abs(v);
  const units = COMPACT_UNITS[locale];
  const round1 = (x: number) => Math.round(x * 10) / 10;
  // 999.6 shows as 1.0K rather than 1,000; 999,960 as 1.0M rather than 1000.0K.
  const a = Math.round(abs) >= units[units.length - 1][0] ? Math.max(abs, Math.round(abs)) : abs;
  let k = units.findIndex(([size]) => a >= size);
  if (k >= 0) {
    if (k > 0 && round1(a / units[k][0]) * units[k][0] >= units[k - 1][0]) k -= 1;
    return `${sign}${round1(a / units[k][0]).toFixed(1)}${units[k][1]}`;
  }
  const whole = Math.round(abs);
  return whole === 0 ? "0" : `${sign}${whole.toLocaleString("en-US")}`;
}

/** `58.9 %`; a dash when there is no rate. */
export function percent(rate: number | null, decimals = 1): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return `${(rate * 100).toFixed(decimals)} %`;
}

export function date(serial: Serial | null | undefined): string {
  return serial ? isoFromSerial(serial) : "—";
}

/**
 * Why a limit is not the recorded one: `template` (strings' `policyLimit`) filled with the grade
 * and the recorded limit ("—" when none is recorded).
 */
export function policyLimitText(
  template: string,
  row: { policyLimit: { recorded: number | null; grade: string | null } | null; digits: number },
): string {
  if (!row.policyLimit) return "";
  const { recorded, grade } = row.policyLimit;
  return template
    .replace("{grade}", grade ?? "—")
    .replace("{recorded}", recorded === null ? "—" : money(recorded, row.digits));
}
