/**
 * Whole-day dates as Excel 1900-system serial numbers.
 *
 * Serial 1 is 1900-01-01. Excel (after Lotus 1-2-3) believes 1900 was a leap year, so serial 60
 * is the fictitious 1900-02-29 and every serial from 61 on is one more than the true day count
 * since 1899-12-31. We keep that fiction so serials match what Excel stores in cells, and name it
 * here instead of hiding a `+1` somewhere. No `Date` objects and no time zones: a serial is a
 * plain integer, so comparisons and differences are integer arithmetic.
 */

/** An Excel 1900-system day number (integer, 1 = 1900-01-01). */
export type Serial = number;

/** Calendar date; `month` is 1-based. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** The fictitious 1900-02-29 of Excel's 1900 date system. */
export const FICTITIOUS_LEAP_DAY: Serial = 60;
/** 9999-12-31, the last day Excel can show. */
export const MAX_SERIAL: Serial = 2958465;
export const MIN_SERIAL: Serial = 1;

// Days from 0000-03-01 (proleptic Gregorian) to 1899-12-31, per the civil-days algorithm below.
const EPOCH_1899_12_31 = daysFromCivil(1899, 12, 31);

/**
 * Days since 0000-03-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
 * Integer-only; valid for every year we accept.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

function civilFromDays(days: number): Ymd {
  const era = Math.floor(days / 146097);
  const doe = days - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the real calendar (February 1900 has 28). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * The serial of a calendar date, or `null` when the date does not exist or is outside
 * 1900-01-01 … 9999-12-31. 1900-02-29 is accepted and gives 60 (the 1900 date system's fictitious leap day).
 *
 * @example
 * serialFromYmd(2025, 1, 1) //=> 45658
 * serialFromYmd(1900, 2, 29) //=> 60
 * serialFromYmd(2023, 2, 29) //=> null
 */
export function serialFromYmd(year: number, month: number, day: number): Serial | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (year === 1900 && month === 2 && day === 29) return FICTITIOUS_LEAP_DAY;
  if (day > daysInMonth(year, month)) return null;
  const n = daysFromCivil(year, month, day) - EPOCH_1899_12_31;
  // From 1900-03-01 on, Excel counts the fictitious leap day too.
  return n >= FICTITIOUS_LEAP_DAY ? n + 1 : n;
}

/** Whether `n` is a serial Excel can show as a date (an integer in 1 … 9999-12-31). */
export function isSerial(n: number): n is Serial {
  return Number.isInteger(n) && n >= MIN_SERIAL && n <= MAX_SERIAL;
}

/**
 * The calendar date of a serial. Serial 60 gives { 1900, 2, 29 }.
 * Throws on a non-serial: callers validate with `isSerial` first (a bad value is a bug here).
 */
export function ymdFromSerial(serial: Serial): Ymd {
  if (!isSerial(serial)) throw new RangeError(`not a date serial: ${serial}`);
  if (serial === FICTITIOUS_LEAP_DAY) return { year: 1900, month: 2, day: 29 };
  const n = serial > FICTITIOUS_LEAP_DAY ? serial - 1 : serial;
  return civilFromDays(n + EPOCH_1899_12_31);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * ISO 8601 `YYYY-MM-DD` of a serial.
 * @example
 * isoFromSerial(45658) //=> "2025-01-01"
 */
export function isoFromSerial(serial: Serial): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `isoFromSerial`, or null for a missing date (0 or null). */
export function isoOrNull(serial: Serial | null | undefined): string | null {
  return serial ? isoFromSerial(serial) : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The serial of a strict ISO `YYYY-MM-DD`, or null.
 * @example
 * serialFromIso("2013-06-30") //=> 41455
 */
export function serialFromIso(iso: string): Serial | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  return serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Serial of the last day of the month `months` after the month of `serial` (0: its own month).
 * Used for month-end settlement terms (月结).
 */
export function endOfMonthSerial(serial: Serial, months = 0): Serial {
  const { year, month } = ymdFromSerial(serial);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  // February 1900 ends on the fictitious 29th in Excel's calendar.
  const last = y === 1900 && m === 2 ? 29 : daysInMonth(y, m);
  return serialFromYmd(y, m, last) as Serial;
}

/** ISO weekday of a serial: 1 = Monday … 7 = Sunday (true calendar; serial 60 counts as Wednesday). */
export function weekdayOfSerial(serial: Serial): number {
  // 1900-03-01 (serial 61) was a Thursday. Before it Excel's weekdays are off by one; we use the
  // true calendar, treating the fictitious day as the day before 1900-03-01.
  const trueDays = serial > FICTITIOUS_LEAP_DAY ? serial - 1 : serial; // 1 = 1900-01-01, a Monday
  return ((trueDays - 1) % 7) + 1;
}

/** The serial of a JavaScript `Date`'s local calendar day. For the edges only (today, files). */
export function serialFromLocalDate(date: Date): Serial {
  return serialFromYmd(date.getFullYear(), date.getMonth() + 1, date.getDate()) as Serial;
}
