import fc from "fast-check";
import {
  formatMinor,
  formatMoney,
  fromMinor,
  minorDigits,
  normalizeCurrency,
  toMinor,
} from "./money";

describe("money in minor units", () => {
  test.each([
    [1234.5, 2, 123450],
    [1.005, 2, 101],
    [-0.125, 2, -13],
    [0.01, 2, 1],
    [-0.01, 2, -1],
    [0.004, 2, 0],
    [55.94, 2, 5594],
    [1234.5, 0, 1235],
  ])("toMinor(%p, %p) = %p", (major, digits, minor) => {
    expect(toMinor(major, digits)).toBe(minor);
  });

  test("no negative zero, no unsafe amounts", () => {
    expect(Object.is(toMinor(-0.001, 2), 0)).toBe(true);
    expect(toMinor(NaN, 2)).toBeNull();
    expect(toMinor(1e16, 2)).toBeNull();
  });

  test("currencies by alias", () => {
    expect(normalizeCurrency("人民币")).toBe("CNY");
    expect(normalizeCurrency("RMB")).toBe("CNY");
    expect(normalizeCurrency("usd")).toBe("USD");
    expect(normalizeCurrency("美元")).toBe("USD");
    expect(normalizeCurrency("dollars")).toBeNull();
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits(null)).toBe(2);
  });

  test("formatting is exact on the integer", () => {
    expect(formatMinor(123456789, 2)).toBe("1,234,567.89");
    expect(formatMinor(-5, 2)).toBe("-0.05");
    expect(formatMinor(0, 2)).toBe("0.00");
    expect(formatMoney(100, "CNY")).toBe("CNY 1.00");
  });

  test("property: major → minor → major is the identity on cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), (cents) => {
        return toMinor(fromMinor(cents, 2), 2) === cents;
      }),
    );
  });
});
