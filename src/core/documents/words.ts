/**
 * Amounts in words, as financial documents write them: Chinese uppercase numerals (大写金额) for
 * Chinese letters, and the cheque style ("… and 50/100 US dollars") for English ones.
 *
 * Both work on the integer amount in minor units, so nothing is lost to binary fractions.
 */
import { MAX_MINOR, minorDigits, type CurrencyCode, type Minor } from "../money";

const ZH_DIGITS = "零壹贰叁肆伍陆柒捌玖";
const ZH_POSITIONS = ["", "拾", "佰", "仟"];
/** 角, 分 and, for three-decimal currencies, 厘. */
const ZH_FRACTION_UNITS = ["角", "分", "厘"];

/** The Chinese name of a currency as written before the amount: 人民币, 美元, …; else the code. */
const ZH_CURRENCY: Record<string, string> = {
  CNY: "人民币",
  USD: "美元",
  EUR: "欧元",
  HKD: "港币",
  JPY: "日元",
  GBP: "英镑",
};

const EN_CURRENCY: Record<string, string> = {
  CNY: "Chinese yuan",
  USD: "US dollars",
  EUR: "euros",
  HKD: "Hong Kong dollars",
  JPY: "Japanese yen",
  GBP: "pounds sterling",
};

function checkMinor(minor: Minor): void {
  if (!Number.isSafeInteger(minor) || Math.abs(minor) >= MAX_MINOR)
    throw new RangeError(`not an amount in minor units: ${minor}`);
}

/** Digits of the minor unit that words can express (0 … 3). */
function wordDigits(currency: CurrencyCode): number {
  const digits = minorDigits(currency);
  if (digits > 3) throw new RangeError(`no words for ${digits} decimals (${currency})`);
  return digits;
}

/** 0 < n < 10,000, read with 拾佰仟; one 零 for each run of inner zeros, none at the end. */
function zhSection(n: number): string {
  let out = "";
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const digit = Math.floor(n / 10 ** p) % 10;
    if (digit === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += ZH_DIGITS[digit] + ZH_POSITIONS[p];
  }
  return out;
}

/**
 * A positive whole number in Chinese uppercase: sections of four digits joined by 万 and 亿
 * (亿 recursively, so 10^12 is 壹万亿). A 零 bridges a gap of zeros between sections, e.g.
 * 10,000,100 → 壹仟万零壹佰; a whole zero section adds nothing. 拾 at the head keeps its 壹
 * (壹拾), as bank rules ask, so that no digit can be written in front of it.
 */
function zhInteger(n: number): string {
  if (n >= 1e8) return zhJoin(Math.floor(n / 1e8), "亿", n % 1e8, 1e7);
  if (n >= 1e4) return zhJoin(Math.floor(n / 1e4), "万", n % 1e4, 1e3);
  return zhSection(n);
}

function zhJoin(high: number, unit: string, low: number, gap: number): string {
  const head = zhInteger(high) + unit;
  if (low === 0) return head;
  return head + (low < gap ? "零" : "") + zhInteger(low);
}

/**
 * The amount in Chinese uppercase, as on invoices, cheques and letters: the currency name
 * (人民币, 美元, 欧元, 港币, 日元, 英镑; any other currency by its code; none for a null
 * currency), then the amount.
 *
 * The rules of 《正确填写票据和结算凭证的基本规定》:
 * - 元 for the whole part; 整 after 元 or 角 when nothing smaller follows, none after 分;
 * - one 零 for a run of zeros inside the number; 壹拾 rather than 拾;
 * - when the units digit is 0 and 角 is not, 零 after 元 (壹仟陆佰捌拾元零叁角贰分 — the rules allow
 *   either form; we always write it, which leaves no room to insert a digit);
 * - 角 zero and 分 not: 零 after 元 (叁佰贰拾伍元零肆分);
 * - less than one unit: no 元 (伍角整, 伍分); zero: 零元整; negative: 负 after the currency name.
 *
 * Currencies without a minor unit (JPY) end at 元整; three-decimal ones (KWD) use 厘 as the third.
 * Throws a RangeError on a value that is not an integer amount below `MAX_MINOR`.
 *
 * @example
 * amountInWordsZh(1200000, "CNY") //=> "人民币壹万贰仟元整"
 * amountInWordsZh(1640902, "CNY") //=> "人民币壹万陆仟肆佰零玖元零贰分"
 * amountInWordsZh(-5000, "USD") //=> "美元负伍拾元整"
 */
export function amountInWordsZh(minor: Minor, currency: CurrencyCode): string {
  checkMinor(minor);
  const digits = wordDigits(currency);
  const name = currency ? (ZH_CURRENCY[currency] ?? currency) : "";
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  const fraction = abs % scale;

  let out = whole > 0 ? zhInteger(whole) + "元" : "";
  // A zero between 元 (or an earlier fraction digit) and the next digit is written as 零.
  let zero = whole > 0 && whole % 10 === 0;
  let lastUnit = -1;
  for (let k = 0; k < digits; k++) {
    const digit = Math.floor(fraction / 10 ** (digits - 1 - k)) % 10;
    if (digit === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += ZH_DIGITS[digit] + ZH_FRACTION_UNITS[k];
    lastUnit = k;
  }
  if (!out) out = "零元";
  if (lastUnit <= 0) out += "整";
  return name + (minor < 0 ? "负" : "") + out;
}

const EN_ONES = [
  "",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const EN_TENS = [
  "",
  "",
  "twenty",
  "thirty",
  "forty",
  "fifty",
  "sixty",
  "seventy",
  "eighty",
  "ninety",
];
const EN_SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion"];

/** 0 < n < 1000: "three hundred forty-five" (cheque style: no "and" inside the number). */
function enHundreds(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) parts.push(`${EN_ONES[h]} hundred`);
  if (rest >= 20) {
    parts.push(EN_TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ""));
  } else if (rest > 0) {
    parts.push(EN_ONES[rest]);
  }
  return parts.join(" ");
}

/** A whole number ≥ 0 in English words, short scale: "twelve thousand", "zero". */
export function numberInWordsEn(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number: ${n}`);
  if (n === 0) return "zero";
  const parts: string[] = [];
  for (let s = 0; n > 0; s++, n = Math.floor(n / 1000)) {
    const group = n % 1000;
    if (group > 0) parts.unshift(enHundreds(group) + (EN_SCALES[s] ? ` ${EN_SCALES[s]}` : ""));
  }
  return parts.join(" ");
}

/**
 * The amount in English words, cheque style: the whole units in words, the minor units as a
 * fraction, then the currency's name (US dollars, euros, Chinese yuan, Hong Kong dollars,
 * Japanese yen, pounds sterling; other currencies by code; none for a null currency).
 * Currencies without a minor unit have no fraction. Negative amounts start with "Minus".
 *
 * @example
 * amountInWordsEn(1205000, "USD") //=> "Twelve thousand fifty and 00/100 US dollars"
 * amountInWordsEn(1200050, "USD") //=> "Twelve thousand and 50/100 US dollars"
 * amountInWordsEn(12000, "JPY") //=> "Twelve thousand Japanese yen"
 */
export function amountInWordsEn(minor: Minor, currency: CurrencyCode): string {
  checkMinor(minor);
  const digits = wordDigits(currency);
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  let text = numberInWordsEn(Math.floor(abs / scale));
  if (digits > 0) text += ` and ${String(abs % scale).padStart(digits, "0")}/${scale}`;
  const name = currency ? (EN_CURRENCY[currency] ?? currency) : "";
  if (name) text += ` ${name}`;
  if (minor < 0) text = `minus ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
