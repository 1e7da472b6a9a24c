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

  test("property: the shortcut for whole minor units gives what the 15-digit text gives", () => {
    // toMinor as it was before the shortcut (every non-integer through toPrecision(15)).
    const byText = (major: number, digits: number): number | null => {
      if (!Number.isFinite(major)) return null;
      const scaled = major * 10 ** digits;
      const clean = Number.isInteger(scaled) ? scaled : Number(scaled.toPrecision(15));
      const minor = Math.sign(clean) * Math.round(Math.abs(clean));
      return Math.abs(minor) >= 2 ** 51 ? null : minor === 0 ? 0 : minor;
    };
    const digits = fc.integer({ min: 0, max: 4 });
    const same = (major: number, d: number) => Object.is(toMinor(major, d), byText(major, d));
    // Amounts written with a few decimals, of any size up to beyond the shortcut's bound.
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 8 }),
        digits,
        (n, decimals, d) => same(n / 10 ** decimals, d),
      ),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true }), digits, (x, d) => same(x, d)),
      { numRuns: 20000 },
    );
    for (const x of [
      1.005,
      -1.005,
      0.125,
      -0.125,
      2.675,
      1e14 / 100 - 0.005,
      9999999999999.99,
      999999999999.995,
    ])
      for (let d = 0; d <= 4; d++) expect(same(x, d)).toBe(true);
  });

  test("property: major → minor → major is the identity on cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), (cents) => {
        return toMinor(fromMinor(cents, 2), 2) === cents;
      }),
    );
  });
});
