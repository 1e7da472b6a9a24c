import fc from "fast-check";
import {
  FICTITIOUS_LEAP_DAY,
  isoFromSerial,
  MAX_SERIAL,
  serialFromYmd,
  ymdFromSerial,
} from "../core/dates";
import { formatMinor } from "../core/money";
import type { CellValue } from "./grid";
import {
  cellText,
  inferDateOrder,
  isBlank,
  parseBoolCell,
  parseDateCell,
  parseMoneyCell,
  parseTermsCell,
  slashKind,
  type DateOrder,
} from "./values";

/** Serial of a calendar date, failing the test on an impossible one. */
function ser(y: number, m: number, d: number): number {
  const s = serialFromYmd(y, m, d);
  if (s === null) throw new Error(`no such date ${y}-${m}-${d}`);
  return s;
}

const MAR_5_2024 = ser(2024, 3, 5);

describe("parseDateCell", () => {
  describe("numbers are serials", () => {
    it.each<[number, boolean, number]>([
      [45658, false, 45658],
      [45658.75, false, 45658],
      [1, false, 1],
      [59, false, 59],
      [60, false, 60],
      [61, false, 61],
      [MAX_SERIAL, false, MAX_SERIAL],
      [0, true, 1462], // 1904-01-01
      [43830, true, 45292],
    ])("%p (1904: %p) → %p", (v, d1904, serial) => {
      expect(parseDateCell(v, null, d1904)).toEqual({ ok: true, serial });
    });

    it("reads an 8-digit integer that is a yyyymmdd date", () => {
      expect(parseDateCell(20240305, null)).toEqual({ ok: true, serial: MAR_5_2024 });
      expect(parseDateCell(20230229, null)).toEqual({ ok: false, reason: "bad" });
    });

    it.each([0, -1, 0.5, MAX_SERIAL + 1, NaN, Infinity, -Infinity, 1e9])("%p is bad", (v) => {
      expect(parseDateCell(v, null)).toEqual({ ok: false, reason: "bad" });
    });
  });

  it.each<[CellValue, string]>([
    [null, "empty"],
    ["", "empty"],
    ["   ", "empty"],
    ["\u3000", "empty"],
    [{ error: "#N/A" }, "error"],
    [true, "bad"],
    [false, "bad"],
  ])("%p → %s", (v, reason) => {
    expect(parseDateCell(v, "dmy")).toEqual({ ok: false, reason });
  });

  describe("text formats", () => {
    it.each<[string, number]>([
      ["2024-03-05", MAR_5_2024],
      ["2024-3-5", MAR_5_2024],
      ["  2024-03-05  ", MAR_5_2024],
      ["2024-03-05 10:30:00", MAR_5_2024],
      ["2024-03-05 10:30", MAR_5_2024],
      ["2024-03-05T10:30:00Z", MAR_5_2024],
      ["2024-03-05T23:59:59.999+08:00", MAR_5_2024],
      ["2024-03-05T23:30:00-05:00", MAR_5_2024],
      ["２０２４－０３－０５", MAR_5_2024],
      ["2024/3/5", MAR_5_2024],
      ["2024/03/05 9:05 PM", MAR_5_2024],
      ["2024.3.5", MAR_5_2024],
      ["2024年3月5日", MAR_5_2024],
      ["2024年3月5", MAR_5_2024],
      ["2024年03月05号", MAR_5_2024],
      ["２０２４年３月５日", MAR_5_2024],
      ["2024 年 3 月 5 日", MAR_5_2024],
      ["20240305", MAR_5_2024],
      ["5-Mar-2024", MAR_5_2024],
      ["05-MAR-24", MAR_5_2024],
      ["5 March 2024", MAR_5_2024],
      ["5 Mar 2024 10:30", MAR_5_2024],
      ["Mar 5, 2024", MAR_5_2024],
      ["March 5 2024", MAR_5_2024],
      ["Sept 30, 2024", ser(2024, 9, 30)],
      ["45658", 45658],
      ["1", 1],
      ["00060", 60],
      ["99999", 99999],
      ["1900-01-01", 1],
      ["1900-02-28", 59],
      ["1900-02-29", 60],
      ["1900-03-01", 61],
      ["2025-01-01", 45658],
      ["2024-02-29", ser(2024, 2, 29)],
      ["9999-12-31", MAX_SERIAL],
    ])("%p → %p", (text, serial) => {
      expect(parseDateCell(text, null)).toEqual({ ok: true, serial });
    });

    it.each([
      "2023-02-29",
      "2024-13-01",
      "2024-00-10",
      "2024-04-31",
      "1899-12-31",
      "2024-03",
      "2024-03-05x",
      "2024-03/05",
      "20230229",
      "123456",
      "0",
      "45658.5",
      "5.3",
      "5 Foo 2024",
      "31-Feb-2024",
      "Net 30",
      "hello",
      "13/13/2024",
      "31/4/2024",
      "0/5/2024",
      "5/3/202",
      "5/3/",
      "2024-03-05 25-00",
    ])("%p is bad", (text) => {
      expect(parseDateCell(text, "dmy")).toEqual({ ok: false, reason: "bad" });
    });
  });

  describe("day and month with the year last", () => {
    it.each<[string, DateOrder | null, number | "ambiguous"]>([
      ["5/3/2024", "dmy", MAR_5_2024],
      ["5/3/2024", "mdy", ser(2024, 5, 3)],
      ["5/3/2024", null, "ambiguous"],
      ["05.03.2024", "dmy", MAR_5_2024],
      ["5-3-2024", "dmy", MAR_5_2024],
      ["3/5/2024 10:30", "mdy", MAR_5_2024],
      ["12/12/2024", null, ser(2024, 12, 12)],
      ["13/1/2024", "mdy", ser(2024, 1, 13)],
      ["13/1/2024", null, ser(2024, 1, 13)],
      ["1/13/2024", "dmy", ser(2024, 1, 13)],
      ["29/2/2024", "mdy", ser(2024, 2, 29)],
      ["1/2/13", "dmy", ser(2013, 2, 1)],
      ["1/2/13", "mdy", ser(2013, 1, 2)],
      ["31/12/29", null, ser(2029, 12, 31)],
      ["31/12/30", null, ser(1930, 12, 31)],
      ["31/12/99", null, ser(1999, 12, 31)],
      ["1/1/00", null, ser(2000, 1, 1)],
    ])("%p with %p → %p", (text, order, expected) => {
      const want =
        expected === "ambiguous"
          ? { ok: false, reason: "ambiguous" }
          : { ok: true, serial: expected };
      expect(parseDateCell(text, order)).toEqual(want);
    });

    it("rejects impossible dates either way", () => {
      expect(parseDateCell("29/2/2023", "dmy")).toEqual({ ok: false, reason: "bad" });
      expect(parseDateCell("2/29/2023", "mdy")).toEqual({ ok: false, reason: "bad" });
    });
  });
});

describe("slashKind", () => {
  it.each<[CellValue, string]>([
    ["13/1/2024", "dmy"],
    ["1/13/2024", "mdy"],
    ["5/3/2024", "either"],
    ["3/3/2024", "either"],
    ["05.03.24", "either"],
    ["25-12-2024", "dmy"],
    ["１３/１/２０２４", "dmy"],
    ["13/13/2024", "none"],
    ["2024/3/5", "none"],
    ["2024-03-05", "none"],
    ["5-Mar-2024", "none"],
    ["45658", "none"],
    [45658, "none"],
    [null, "none"],
    [{ error: "#VALUE!" }, "none"],
  ])("%p → %s", (v, kind) => {
    expect(slashKind(v)).toBe(kind);
  });
});

describe("inferDateOrder", () => {
  const base = { ambiguous: false, mixed: false, dmy: 0, mdy: 0, either: 0 };

  it("day-first evidence decides, ambiguous values follow", () => {
    expect(inferDateOrder(["5/3/2024", "13/1/2024", "2024-01-01", 45000, null])).toEqual({
      ...base,
      order: "dmy",
      dmy: 1,
      either: 1,
    });
  });

  it("month-first evidence decides", () => {
    expect(inferDateOrder(["1/13/2024", "12/31/2024", "1/2/2024"])).toEqual({
      ...base,
      order: "mdy",
      mdy: 2,
      either: 1,
    });
  });

  it("both kinds: mixed, the majority wins", () => {
    expect(inferDateOrder(["13/1/2024", "14/1/2024", "1/13/2024"])).toEqual({
      ...base,
      order: "dmy",
      mixed: true,
      dmy: 2,
      mdy: 1,
    });
    expect(inferDateOrder(["13/1/2024", "1/13/2024"])).toMatchObject({ order: null, mixed: true });
  });

  it("only values that read both ways: ambiguous", () => {
    expect(inferDateOrder(["5/3/2024", "1/2/2024"])).toEqual({
      ...base,
      order: null,
      ambiguous: true,
      either: 2,
    });
  });

  it("equal day and month give no evidence and no ambiguity", () => {
    expect(inferDateOrder(["3/3/2024", "12/12/2024"])).toEqual({ ...base, order: null });
  });

  it("no slashed values", () => {
    expect(inferDateOrder(["2024-03-05", 45658, null, "x"])).toEqual({ ...base, order: null });
    expect(inferDateOrder([])).toEqual({ ...base, order: null });
  });

  it("accepts any iterable", () => {
    function* gen(): Generator<CellValue> {
      yield "13/1/2024";
    }
    expect(inferDateOrder(gen()).order).toBe("dmy");
  });
});

describe("parseMoneyCell", () => {
  it.each<[CellValue, number, number, string | null]>([
    [1234.5, 2, 123450, null],
    [0.01, 2, 1, null],
    [-0.01, 2, -1, null],
    [1.005, 2, 101, null],
    [-0.125, 2, -13, null],
    [1234.5, 0, 1235, null],
    [0, 2, 0, null],
    ["0.01", 2, 1, null],
    ["-0.01", 2, -1, null],
    ["(0.01)", 2, -1, null],
    ["1234.50", 2, 123450, null],
    [".5", 2, 50, null],
    ["5.", 2, 500, null],
    ["1,234,567.89", 2, 123456789, null],
    ["1 234.50", 2, 123450, null],
    ["1\u00a0234.50", 2, 123450, null],
    ["¥1,234.50", 2, 123450, "CNY"],
    ["￥1,234.50", 2, 123450, "CNY"],
    ["¥ 1,234.50", 2, 123450, "CNY"],
    ["1,234.50元", 2, 123450, "CNY"],
    ["1,234.50 元", 2, 123450, "CNY"],
    ["１，２３４．５０", 2, 123450, null],
    ["$5", 2, 500, "USD"],
    ["US$5", 2, 500, "USD"],
    ["HK$ 5", 2, 500, "HKD"],
    ["€5", 2, 500, "EUR"],
    ["5 €", 2, 500, "EUR"],
    ["£5", 2, 500, "GBP"],
    ["RMB 5", 2, 500, "CNY"],
    ["CNY5", 2, 500, "CNY"],
    ["5 USD", 2, 500, "USD"],
    ["5 usd", 2, 500, "USD"],
    ["EUR 5", 2, 500, "EUR"],
    ["HKD5", 2, 500, "HKD"],
    ["JPY 1,234", 0, 1234, "JPY"],
    ["人民币5", 2, 500, "CNY"],
    ["5美元", 2, 500, "USD"],
    ["¥5元", 2, 500, "CNY"],
    ["(1,234.00)", 2, -123400, null],
    ["(¥1,234.00)", 2, -123400, "CNY"],
    ["¥(1,234.00)", 2, -123400, "CNY"],
    ["-1,234", 2, -123400, null],
    ["−1,234", 2, -123400, null],
    ["1,234-", 2, -123400, null],
    ["-¥1,234.50", 2, -123450, "CNY"],
    ["¥-1,234.50", 2, -123450, "CNY"],
    ["+5", 2, 500, null],
    ["1.2万", 2, 1200000, null],
    ["1.2万元", 2, 1200000, "CNY"],
    ["¥1.2万", 2, 1200000, "CNY"],
    ["3亿", 2, 30000000000, null],
    ["5千", 2, 500000, null],
    ["0.1万", 2, 100000, null],
    ["1.23456万", 2, 1234560, null],
    ["-", 2, 0, null],
    ["—", 2, 0, null],
    ["¥ -", 2, 0, "CNY"],
    ["1.005", 2, 101, null],
    ["1.005", 0, 1, null],
    ["0.5", 0, 1, null],
    ["-0.5", 0, -1, null],
    ["-0", 2, 0, null],
  ])("%p (digits %p) → %p %p", (v, digits, minor, currency) => {
    expect(parseMoneyCell(v, digits)).toEqual({ ok: true, minor, currency });
  });

  it("gives no negative zero", () => {
    const r = parseMoneyCell("(0.00)", 2);
    expect(r.ok && Object.is(r.minor, 0)).toBe(true);
  });

  it.each<[CellValue, string]>([
    [null, "empty"],
    ["", "empty"],
    ["  ", "empty"],
    [{ error: "#DIV/0!" }, "error"],
    [true, "bad"],
    [NaN, "bad"],
    [Infinity, "bad"],
    [1e300, "bad"],
    ["1,23", "bad"],
    ["1,2345", "bad"],
    [",123", "bad"],
    ["1,234,56", "bad"],
    ["1,23.5", "bad"],
    ["1,234 567", "bad"],
    ["1.234,56", "bad"],
    ["12abc", "bad"],
    ["abc", "bad"],
    ["1.5k", "bad"],
    ["5%", "bad"],
    ["1.2.3", "bad"],
    ["¥", "bad"],
    ["元", "bad"],
    ["¥100 USD", "bad"],
    ["--5", "bad"],
    ["-(5)", "bad"],
    ["(-5)", "bad"],
    ["-5-", "bad"],
    ["+-5", "bad"],
    ["1.2元万", "bad"],
    ["CNYX 5", "bad"],
    ["1 2", "bad"],
    ["9e3", "bad"],
    ["0x10", "bad"],
    ["99999999999999999999", "bad"],
  ])("%p → %s", (v, reason) => {
    expect(parseMoneyCell(v, 2)).toEqual({ ok: false, reason });
  });
});

describe("parseTermsCell", () => {
  it.each<[CellValue, number, boolean]>([
    [30, 30, false],
    [0, 0, false],
    [3650, 3650, false],
    ["30", 30, false],
    ["Net 30", 30, false],
    ["NET30", 30, false],
    ["N30", 30, false],
    ["net30", 30, false],
    ["Net 30 days", 30, false],
    ["30 days", 30, false],
    ["1 day", 1, false],
    ["30天", 30, false],
    ["30日", 30, false],
    ["30 天", 30, false],
    ["账期30天", 30, false],
    ["账期：30天", 30, false],
    ["３０天", 30, false],
    ["月结30天", 30, true],
    ["月结30", 30, true],
    ["月结 30 天", 30, true],
    ["月结60天", 60, true],
    ["月结", 0, true],
    ["EOM", 0, true],
    ["30 EOM", 30, true],
    ["EOM 30", 30, true],
    ["Net 30 EOM", 30, true],
    ["货到付款", 0, false],
    ["现款", 0, false],
    ["现结", 0, false],
    ["款到发货", 0, false],
    ["COD", 0, false],
    ["CIA", 0, false],
    ["Due on receipt", 0, false],
    ["immediate", 0, false],
  ])("%p → %p days, month-end %p", (v, days, monthEnd) => {
    expect(parseTermsCell(v)).toEqual({ ok: true, terms: { days, monthEnd } });
  });

  it.each<[CellValue, string]>([
    [null, "empty"],
    [" ", "empty"],
    [{ error: "#REF!" }, "error"],
    [true, "bad"],
    [-1, "bad"],
    [3651, "bad"],
    [30.5, "bad"],
    ["3651", "bad"],
    ["Net", "bad"],
    ["账期", "bad"],
    ["days", "bad"],
    ["2/10 net 30", "bad"],
    ["thirty days", "bad"],
    ["-30", "bad"],
    ["30%", "bad"],
  ])("%p → %s", (v, reason) => {
    expect(parseTermsCell(v)).toEqual({ ok: false, reason });
  });
});

describe("parseBoolCell", () => {
  it.each<[CellValue, boolean]>([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["是", true],
    ["否", false],
    ["有", true],
    ["无", false],
    ["没有", false],
    ["Y", true],
    ["n", false],
    ["Yes", true],
    [" NO ", false],
    ["TRUE", true],
    ["false", false],
    ["x", true],
    ["X", true],
    ["✓", true],
    ["✔", true],
    ["√", true],
    ["×", false],
    ["争议", true],
    ["有争议", true],
    ["无争议", false],
    ["Disputed", true],
    ["1", true],
    ["0", false],
    ["Ｙ", true],
  ])("%p → %p", (v, value) => {
    expect(parseBoolCell(v)).toEqual({ ok: true, value });
  });

  it.each<[CellValue, string]>([
    [null, "empty"],
    ["", "empty"],
    [{ error: "#N/A" }, "error"],
    [2, "bad"],
    [0.5, "bad"],
    ["maybe", "bad"],
    ["yes!", "bad"],
    ["10", "bad"],
  ])("%p → %s", (v, reason) => {
    expect(parseBoolCell(v)).toEqual({ ok: false, reason });
  });
});

describe("cellText", () => {
  it.each<[CellValue, string | null]>([
    ["  ACME  ", "ACME"],
    ["INV-001", "INV-001"],
    [611365, "611365"],
    [-42, "-42"],
    [-0, "0"],
    [0.1 + 0.2, "0.3"],
    [1.5, "1.5"],
    [1e21, "1e+21"],
    [true, "TRUE"],
    [false, "FALSE"],
    [null, null],
    ["", null],
    ["   ", null],
    [{ error: "#N/A" }, null],
    [NaN, null],
    [Infinity, null],
  ])("%p → %p", (v, text) => {
    expect(cellText(v)).toBe(text);
  });
});

describe("isBlank", () => {
  it.each<[CellValue, boolean]>([
    [null, true],
    ["", true],
    ["   ", true],
    ["\t\n", true],
    ["\u3000\u00a0", true],
    ["a", false],
    [" a ", false],
    [0, false],
    [false, false],
    [{ error: "#N/A" }, false],
  ])("%p → %p", (v, blank) => {
    expect(isBlank(v)).toBe(blank);
  });
});

describe("properties", () => {
  const serial = fc.integer({ min: 1, max: MAX_SERIAL }).filter((n) => n !== FICTITIOUS_LEAP_DAY);

  it("a date written as ISO, y/m/d, y年m月d日 or yyyymmdd reads back as its serial", () => {
    fc.assert(
      fc.property(serial, fc.constantFrom<DateOrder | null>("dmy", "mdy", null), (n, order) => {
        const { year, month, day } = ymdFromSerial(n);
        const iso = isoFromSerial(n);
        const texts = [
          iso,
          `${year}/${month}/${day}`,
          `${year}年${month}月${day}日`,
          iso.replace(/-/g, ""),
        ];
        for (const text of texts) {
          expect(parseDateCell(text, order)).toEqual({ ok: true, serial: n });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a day/month/year-last date reads back with the right order", () => {
    fc.assert(
      fc.property(serial, fc.constantFrom<DateOrder>("dmy", "mdy"), (n, order) => {
        const { year, month, day } = ymdFromSerial(n);
        const text = order === "dmy" ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;
        expect(parseDateCell(text, order)).toEqual({ ok: true, serial: n });
      }),
      { numRuns: 1000 },
    );
  });

  const mark = fc.constantFrom("", "¥", "￥", "$", "US$", "€", "RMB", "CNY", "USD", "元", "人民币");
  const signStyle = fc.constantFrom("-", "−", "trailing", "parens");

  it("a formatted amount with a currency mark and sign reads back as its minor units", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(1e13 - 1), max: 1e13 - 1 }),
        mark,
        fc.boolean(),
        fc.boolean(),
        signStyle,
        fc.boolean(),
        (n, m, suffix, space, style, plus) => {
          let body = formatMinor(Math.abs(n), 2);
          if (n < 0) {
            if (style === "parens") body = `(${body})`;
            else if (style === "trailing") body = `${body}-`;
            else body = style + body;
          } else if (plus) {
            body = `+${body}`;
          }
          const gap = space ? " " : "";
          const text = m === "" ? body : suffix ? body + gap + m : m + gap + body;
          const r = parseMoneyCell(text, 2);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.minor).toBe(n);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("a number cell and its plain text read the same", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(1e13 - 1), max: 1e13 - 1 }), (n) => {
        const major = n / 100;
        expect(parseMoneyCell(major, 2)).toEqual(parseMoneyCell(String(major), 2));
      }),
    );
  });
});
