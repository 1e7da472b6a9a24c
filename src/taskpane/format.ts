/** Numbers, money, rates and dates for display (money stays exact: it is formatted from minor units). */
import { isoFromSerial, type Serial } from "../core/dates";
import { formatMinor, fromMinor } from "../core/money";

/** `1,234.50`, exact. */
export function money(minor: number, digits: number): string {
  return formatMinor(Math.round(minor), digits);
}

/** Major units as a number (for data attributes and tests: equals analyze --json's figures). */
export function major(minor: number, digits: number): number {
  return fromMinor(minor, digits);
}

/** Compact money for narrow places: `4.89M`, `489.4K`, `950`. */
export function compactMoney(minor: number, digits: number): string {
  const v = fromMinor(minor, digits);
  const abs = Math.abs(v);
  if (abs >= 1e9) return (v / 1e9).toFixed(2) + "B";
  if (abs >= 1e6) return (v / 1e6).toFixed(2) + "M";
  if (abs >= 1e4) return (v / 1e3).toFixed(1) + "K";
  return v.toFixed(0);
}

/** `58.9 %`; a dash when there is no rate. */
export function percent(rate: number | null, decimals = 1): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return `${(rate * 100).toFixed(decimals)} %`;
}

export function date(serial: Serial | null | undefined): string {
  return serial ? isoFromSerial(serial) : "—";
}
