/**
 * Reading the list arguments of the custom functions (a column of amounts, of dates, of
 * customers, of flags) and the conversions several families share. Every reader takes the call's
 * context (`Cx`, cells.ts) and, for a bad cell, either sets its status or throws a `Refusal`
 * naming the argument and the row; the driver turns a refusal into the call's error.
 */
import { matchKey } from "../core/ledger";
import { fromMinor } from "../core/money";
import { cellText, parseBoolCell } from "../sheet/values";
import * as cellsModule from "./cells";
import type { Arg, Cx } from "./cells";

// Bound once, as locals (see the note in family/item.ts).
const {
  BLANK,
  cellCount,
  failWith,
  isBlankValue,
  nth,
  OK,
  readDateNth,
  readMoneyNth,
  refuse,
  refuseWith,
  toCell,
} = cellsModule;

/** Amounts leave as major units (two decimals: amounts are read to the cent). */
export const major = (minor: number): number => fromMinor(minor, 2);

/** A blank row of an amount column: skipped. */
export const SKIP = Symbol("blank row");

/**
 * Row `i` of an amount column in minor units: SKIP when blank. Refuses the call for a bad cell or
 * for a second currency in the column (amounts are never mixed across currencies, DESIGN §3).
 */
export function amountAt(
  cx: Cx,
  a: Arg,
  i: number,
  seen: { currency: string | null },
): number | typeof SKIP {
  const x = readMoneyNth(cx, a, i);
  if (cx.st === BLANK) return SKIP;
  if (cx.st !== OK) throw refuse(cx, a, i + 1);
  if (cx.currency !== null) {
    if (seen.currency !== null && seen.currency !== cx.currency)
      throw refuseWith(cx, "#VALUE!", "mixedCurrency", a, {
        value: seen.currency,
        other: cx.currency,
      });
    seen.currency = cx.currency;
  }
  return x;
}

/** Row `i` of a date column that must be filled beside `other`'s value: the serial, or a refusal. */
export function requiredDateAt(cx: Cx, d: Arg, i: number, other: Arg["name"]): number {
  const v = readDateNth(cx, d, i);
  if (cx.st === BLANK) throw refuseWith(cx, "#VALUE!", "rowMissing", d, { row: i + 1, other });
  if (cx.st !== OK) throw refuse(cx, d, i + 1);
  return v;
}

/** Σ of the amounts in a range (blanks skipped), minor units, and their currency. */
export function sumOf(cx: Cx, a: Arg): { sum: number; currency: string | null } {
  let sum = 0;
  const seen = { currency: null as string | null };
  for (let i = 0; i < cellCount(a); i++) {
    const x = amountAt(cx, a, i, seen);
    if (x === SKIP) continue;
    sum += x;
  }
  return { sum, currency: seen.currency };
}

/** The matching key of a customer cell (code or name), null with `cx.st` BLANK or FAIL. */
export function customerKey(cx: Cx, v: unknown): string | null {
  const cell = toCell(v);
  if (cell !== null && typeof cell === "object") {
    failWith(cx, "errorCell", cell);
    return null;
  }
  const text = cellText(cell);
  if (text === null) {
    cx.st = BLANK;
    return null;
  }
  cx.st = OK;
  return matchKey(text);
}

/**
 * The key of row `i` of a customer column, where `other` has a value on that row: refuses the
 * call for a blank or an error cell. `keyOf` caches keys by cell value (a column repeats them).
 */
export function customerKeyAt(
  cx: Cx,
  C: Arg,
  i: number,
  other: Arg["name"],
  keyOf: Map<unknown, string>,
): string {
  const raw = nth(C, i);
  let key = keyOf.get(raw);
  if (key === undefined) {
    const k = customerKey(cx, raw);
    if (k === null) {
      if (cx.st === BLANK) throw refuseWith(cx, "#VALUE!", "rowMissing", C, { row: i + 1, other });
      throw refuse(cx, C, i + 1);
    }
    keyOf.set(raw, (key = k));
  }
  return key;
}

/** A TRUE/FALSE flag cell, read as the importer reads a disputed column (blank: false). Sets `cx.st`. */
export function flagOf(cx: Cx, v: unknown): boolean {
  cx.st = OK;
  if (isBlankValue(v)) return false;
  const cell = toCell(v);
  const res = parseBoolCell(cell);
  if (res.ok) return res.value;
  if (res.reason === "error") failWith(cx, "errorCell", cell);
  else failWith(cx, "badBool", v);
  return false;
}

/** Whether an optional list argument was given: anything but one blank cell. */
export function given(a: Arg): boolean {
  return !(a.rows === 1 && a.cols === 1 && isBlankValue(a.m[0][0]));
}
