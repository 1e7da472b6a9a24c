import fc from "fast-check";
import {
  endOfMonthSerial,
  isoFromSerial,
  MAX_SERIAL,
  serialFromIso,
  serialFromYmd,
  weekdayOfSerial,
  ymdFromSerial,
} from "./dates";

describe("Excel 1900 serials", () => {
  test.each([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-02-29", 60],
    ["1900-03-01", 61],
    ["1904-01-01", 1462],
    ["2013-06-30", 41455],
    ["2024-02-29", 45351],
    ["2025-01-01", 45658],
    ["9999-12-31", MAX_SERIAL],
  ])("%s is serial %d and back", (iso, serial) => {
    expect(serialFromIso(iso)).toBe(serial);
    expect(isoFromSerial(serial)).toBe(iso);
  });

  test("invalid calendar dates have no serial", () => {
    expect(serialFromYmd(2023, 2, 29)).toBeNull();
    expect(serialFromYmd(1899, 12, 31)).toBeNull();
    expect(serialFromYmd(10000, 1, 1)).toBeNull();
    expect(serialFromYmd(2024, 4, 31)).toBeNull();
    expect(serialFromIso("2024-2-3")).toBeNull();
  });

  test("every day from 1900-01-01 to 9999-12-31 round-trips through ISO", () => {
    let previous = "";
    for (let s = 1; s <= MAX_SERIAL; s++) {
      const iso = isoFromSerial(s);
      if (serialFromIso(iso) !== s) throw new Error(`${s} → ${iso} → ${serialFromIso(iso)}`);
      if (iso <= previous) throw new Error(`${iso} does not follow ${previous}`);
      previous = iso;
    }
  });

  test("property: serial ↔ y/m/d is a bijection", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SERIAL }), (s) => {
        const { year, month, day } = ymdFromSerial(s);
        return serialFromYmd(year, month, day) === s;
      }),
    );
  });

  test("month ends, including February in leap and Excel's 1900", () => {
    expect(isoFromSerial(endOfMonthSerial(serialFromIso("2024-02-10")!))).toBe("2024-02-29");
    expect(isoFromSerial(endOfMonthSerial(serialFromIso("2023-02-10")!))).toBe("2023-02-28");
    expect(isoFromSerial(endOfMonthSerial(serialFromIso("1900-02-10")!))).toBe("1900-02-29");
    expect(isoFromSerial(endOfMonthSerial(serialFromIso("2024-12-31")!, 1))).toBe("2025-01-31");
  });

  test("weekdays follow the true calendar", () => {
    expect(weekdayOfSerial(serialFromIso("2025-01-01")!)).toBe(3); // a Wednesday
    expect(weekdayOfSerial(serialFromIso("1900-01-01")!)).toBe(1); // a Monday
    expect(weekdayOfSerial(serialFromIso("2026-11-23")!)).toBe(1);
  });
});
