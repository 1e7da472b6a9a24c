import fc from "fast-check";
import { MAX_MINOR } from "../money";
import { amountInWordsEn, amountInWordsZh, numberInWordsEn } from "./words";

describe("amountInWordsZh", () => {
  test.each([
    // [minor units, expected] in CNY
    [0, "人民币零元整"],
    [1, "人民币壹分"],
    [10, "人民币壹角整"],
    [15, "人民币壹角伍分"],
    [100, "人民币壹元整"],
    [1000, "人民币壹拾元整"],
    [1050, "人民币壹拾元零伍角整"],
    [1580, "人民币壹拾伍元捌角整"],
    [10000, "人民币壹佰元整"],
    [10001, "人民币壹佰元零壹分"],
    [10010, "人民币壹佰元零壹角整"],
    [11000, "人民币壹佰壹拾元整"],
    [32504, "人民币叁佰贰拾伍元零肆分"],
    [140950, "人民币壹仟肆佰零玖元伍角整"],
    [600714, "人民币陆仟零柒元壹角肆分"],
    [168032, "人民币壹仟陆佰捌拾元零叁角贰分"],
    [1200000, "人民币壹万贰仟元整"],
    [1640902, "人民币壹万陆仟肆佰零玖元零贰分"],
    [1000100, "人民币壹万零壹元整"],
    [10700053, "人民币壹拾万柒仟元零伍角叁分"],
    [100000000, "人民币壹佰万元整"],
    [1000010000, "人民币壹仟万零壹佰元整"],
    [1000000000, "人民币壹仟万元整"],
    [10000000010, "人民币壹亿元零壹角整"],
    [10001000000, "人民币壹亿零壹万元整"],
    [10100000000, "人民币壹亿零壹佰万元整"],
    [11000000000, "人民币壹亿壹仟万元整"],
    [100000000000, "人民币壹拾亿元整"],
    [1e12, "人民币壹佰亿元整"],
    [1e14, "人民币壹万亿元整"],
    [100050000000000, "人民币壹万零伍亿元整"],
    [123456789012345, "人民币壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分"],
  ])("%d → %s", (minor, words) => {
    expect(amountInWordsZh(minor, "CNY")).toBe(words);
  });

  test("negative amounts: 负 after the currency name", () => {
    expect(amountInWordsZh(-1200000, "CNY")).toBe("人民币负壹万贰仟元整");
    expect(amountInWordsZh(-5, "CNY")).toBe("人民币负伍分");
  });

  test("currency names; JPY has no minor unit; other codes as they are; none for null", () => {
    expect(amountInWordsZh(1200050, "USD")).toBe("美元壹万贰仟元零伍角整");
    expect(amountInWordsZh(100, "EUR")).toBe("欧元壹元整");
    expect(amountInWordsZh(100, "HKD")).toBe("港币壹元整");
    expect(amountInWordsZh(12000, "JPY")).toBe("日元壹万贰仟元整");
    expect(amountInWordsZh(10, "JPY")).toBe("日元壹拾元整");
    expect(amountInWordsZh(12345, "SGD")).toBe("SGD壹佰贰拾叁元肆角伍分");
    expect(amountInWordsZh(100, null)).toBe("壹元整");
    // Three decimals: 厘 after 分.
    expect(amountInWordsZh(1005, "KWD")).toBe("KWD壹元零伍厘");
    expect(amountInWordsZh(1100, "KWD")).toBe("KWD壹元壹角整");
  });

  test("the largest amount held, and values that are not amounts", () => {
    expect(amountInWordsZh(MAX_MINOR - 1, "CNY")).toBe(
      "人民币贰拾贰万伍仟壹佰柒拾玖亿玖仟捌佰壹拾叁万陆仟捌佰伍拾贰元肆角柒分",
    );
    expect(() => amountInWordsZh(MAX_MINOR, "CNY")).toThrow(RangeError);
    expect(() => amountInWordsZh(1.5, "CNY")).toThrow(RangeError);
    expect(() => amountInWordsZh(NaN, "CNY")).toThrow(RangeError);
  });

  test("properties: digits only from the table, no doubled 零, no 零 before a unit word", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
          fc.integer({ min: -100_000, max: 100_000 }),
        ),
        (minor) => {
          const w = amountInWordsZh(minor, "CNY");
          expect(w).toMatch(/^人民币负?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
          // 零元整 is zero's own form (see the table); elsewhere 零 never precedes a unit word.
          if (minor !== 0) expect(w).not.toMatch(/零零|零[元万亿角分整]|[^元]零$/);
          expect(w.endsWith("分")).toBe(minor % 10 !== 0);
          // Writes back: reading the words gives the amount.
          expect(readZh(w)).toBe(minor);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** A reader of our own output, for the round-trip property. */
function readZh(words: string): number {
  const digits = "零壹贰叁肆伍陆柒捌玖";
  const small: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
  let w = words.replace(/^人民币/, "");
  const negative = w.startsWith("负");
  if (negative) w = w.slice(1);
  let yuan = 0;
  let fen = 0;
  const [whole, frac] = w.includes("元") ? w.split("元") : ["", w];
  // Whole part: 亿 and 万 as section multipliers.
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of whole) {
    if (digits.includes(ch)) digit = digits.indexOf(ch);
    else if (small[ch]) {
      section += digit * small[ch];
      digit = 0;
    } else if (ch === "万") {
      total += (section + digit) * 1e4;
      section = digit = 0;
    } else if (ch === "亿") {
      total = (total + section + digit) * 1e8;
      section = digit = 0;
    }
  }
  yuan = total + section + digit;
  const jiao = /([壹贰叁肆伍陆柒捌玖])角/.exec(frac);
  const fenM = /([壹贰叁肆伍陆柒捌玖])分/.exec(frac);
  if (jiao) fen += digits.indexOf(jiao[1]) * 10;
  if (fenM) fen += digits.indexOf(fenM[1]);
  const minor = yuan * 100 + fen;
  return negative ? -minor : minor;
}

describe("amountInWordsEn", () => {
  test.each([
    [0, "Zero and 00/100 US dollars"],
    [1, "Zero and 01/100 US dollars"],
    [1000, "Ten and 00/100 US dollars"],
    [10001, "One hundred and 01/100 US dollars"],
    [2100, "Twenty-one and 00/100 US dollars"],
    [1200050, "Twelve thousand and 50/100 US dollars"],
    [1205000, "Twelve thousand fifty and 00/100 US dollars"],
    [
      123456789,
      "One million two hundred thirty-four thousand five hundred sixty-seven and 89/100 US dollars",
    ],
    [100000000, "One million and 00/100 US dollars"],
    [1000010000, "Ten million one hundred and 00/100 US dollars"],
    [10000000010, "One hundred million and 10/100 US dollars"],
    [1e14, "One trillion and 00/100 US dollars"],
  ])("%d → %s", (minor, words) => {
    expect(amountInWordsEn(minor, "USD")).toBe(words);
  });

  test("currencies, negative amounts and no currency", () => {
    expect(amountInWordsEn(12000, "JPY")).toBe("Twelve thousand Japanese yen");
    expect(amountInWordsEn(1200000, "CNY")).toBe("Twelve thousand and 00/100 Chinese yuan");
    expect(amountInWordsEn(99, "EUR")).toBe("Zero and 99/100 euros");
    expect(amountInWordsEn(-1050, "HKD")).toBe("Minus ten and 50/100 Hong Kong dollars");
    expect(amountInWordsEn(1050, null)).toBe("Ten and 50/100");
    expect(amountInWordsEn(1050, "SGD")).toBe("Ten and 50/100 SGD");
    expect(amountInWordsEn(1005, "KWD")).toBe("One and 005/1000 KWD");
  });

  test("the largest amount held, and values that are not amounts", () => {
    expect(amountInWordsEn(MAX_MINOR - 1, "USD")).toBe(
      "Twenty-two trillion five hundred seventeen billion nine hundred ninety-eight million " +
        "one hundred thirty-six thousand eight hundred fifty-two and 47/100 US dollars",
    );
    expect(() => amountInWordsEn(MAX_MINOR, "USD")).toThrow(RangeError);
    expect(() => amountInWordsEn(0.5, "USD")).toThrow(RangeError);
    expect(() => numberInWordsEn(-1)).toThrow(RangeError);
  });
});
