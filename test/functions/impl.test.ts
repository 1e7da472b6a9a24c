/**
 * The custom functions one by one, as Excel calls them (matrices in, matrices out): DESIGN §3's
 * boundaries, text dates and amounts, blanks, error cells and mixed types inside ranges,
 * broadcasting, and the messages that name the bad argument in English and Chinese.
 */
import fc from "fast-check";
import { d } from "../support/core-builders";
import * as f from "../../src/functions/impl";
import { FunctionError, setLocale } from "../../src/functions/impl";

const AS_OF = d("2026-06-30");
const asOf = [[AS_OF]];

/** A column range from values. */
const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
/** The single value of a 1×1 result. */
const one = (m: unknown[][]): unknown => {
  expect(m).toHaveLength(1);
  expect(m[0]).toHaveLength(1);
  return m[0][0];
};
/** The values of a one-column result. */
const values = (m: unknown[][]): unknown[] => m.map((row) => row[0]);
/** An error result: code and a message matching `text`. */
const err = (code: string, text: RegExp | string = /.*/) =>
  expect.objectContaining({
    code,
    message: typeof text === "string" ? expect.stringContaining(text) : expect.stringMatching(text),
  });
/** What Excel passes for an error cell (a CustomFunctions.Error), and a data-type error. */
const NA = { code: "#N/A", message: "", type: "Error", basicValue: "#N/A" };
const DIV0_TYPE = { type: "Error", basicType: "Error", basicValue: "#DIV/0!" };

afterEach(() => setLocale("en-US"));

describe("AR.DAYSOVERDUE", () => {
  test("as-of − due date: negative before, 0 on the due date, positive after", () => {
    const due = col(AS_OF - 1, AS_OF, AS_OF + 1, AS_OF - 365);
    expect(values(f.daysOverdue(due, asOf))).toEqual([1, 0, -1, 365]);
  });

  test("dates as text, as the sheet reader reads them; a date-time keeps its day", () => {
    const due = col(
      "2026-06-01",
      "2026/6/1",
      "2026.6.1",
      "2026年6月1日",
      "20260601",
      "2026-06-01T18:30:00",
      "Jun 1, 2026",
      "１/６/２０２６", // full-width, day first (the column's 13/1 says so)
      "13/1/2026",
      d("2026-06-01") + 0.75,
      20260601,
    );
    expect(values(f.daysOverdue(due, [["2026-06-30"]]))).toEqual([
      29, 29, 29, 29, 29, 29, 29, 29, 168, 29, 29,
    ]);
  });

  test("day/month order comes from the column; alone, 5/3/2026 is ambiguous", () => {
    expect(values(f.daysOverdue(col("5/3/2026", "25/12/2025"), asOf))).toEqual([
      AS_OF - d("2026-03-05"),
      AS_OF - d("2025-12-25"),
    ]);
    expect(values(f.daysOverdue(col("5/3/2026", "12/25/2025"), asOf))).toEqual([
      AS_OF - d("2026-05-03"),
      AS_OF - d("2025-12-25"),
    ]);
    expect(one(f.daysOverdue([["5/3/2026"]], asOf))).toEqual(
      err("#VALUE!", /^due_date: "5\/3\/2026" could be day\/month or month\/day/),
    );
  });

  test("a range with blanks, error cells and mixed types: every row answered", () => {
    const due = col(AS_OF - 3, "", null, "   ", NA, DIV0_TYPE, "soon", true, -5, AS_OF - 1);
    expect(values(f.daysOverdue(due, asOf))).toEqual([
      3,
      "",
      "",
      "",
      err("#N/A", "due_date: the cell holds the error #N/A"),
      err("#DIV/0!"),
      err("#VALUE!", 'due_date: "soon" is not a date'),
      err("#VALUE!", "due_date: TRUE is not a date"),
      err("#VALUE!", "due_date: -5 is not a date"),
      1,
    ]);
  });

  test("data types arrive as objects with a basic value", () => {
    const formatted = {
      type: "FormattedNumber",
      basicValue: AS_OF - 2,
      numberFormat: "yyyy-mm-dd",
    };
    expect(one(f.daysOverdue([[formatted]], asOf))).toBe(2);
  });

  test("the as-of date is required; its message says how to fill it", () => {
    expect(values(f.daysOverdue(col(AS_OF, ""), [[""]]))).toEqual([
      err("#VALUE!", "as_of is blank: point it at a cell holding =TODAY()"),
      "",
    ]);
    expect(one(f.daysOverdue([[AS_OF]], [["yesterday"]]))).toEqual(
      err("#VALUE!", 'as_of: "yesterday" is not a date'),
    );
  });

  test("messages in Chinese name the argument by its Chinese name", () => {
    setLocale("zh-CN");
    expect(one(f.daysOverdue([["明天"]], asOf))).toEqual(
      err("#VALUE!", '到期日："明天" 不是有效日期'),
    );
    expect(one(f.daysOverdue([[AS_OF]], [[null]]))).toEqual(err("#VALUE!", /^基准日为空/));
  });

  test("broadcasting as Excel lifts: a row against a column gives a table", () => {
    const due = col(AS_OF - 1, AS_OF - 2);
    const asOfs = [[AS_OF, AS_OF + 10, AS_OF + 20]];
    expect(f.daysOverdue(due, asOfs)).toEqual([
      [1, 11, 21],
      [2, 12, 22],
    ]);
  });

  test("arguments of different lengths: #N/A where the shorter one ends", () => {
    const due = col(AS_OF - 1, AS_OF - 2, AS_OF - 3);
    const out = values(f.daysOverdue(due, col(AS_OF, AS_OF)));
    expect(out.slice(0, 2)).toEqual([1, 2]);
    expect(out[2]).toEqual(err("#N/A", "as_of has 2 rows × 1 column: no value for row 3"));
  });

  test("a single value, not a matrix (a JS caller), and a flat list", () => {
    expect(f.daysOverdue(AS_OF - 4, AS_OF)).toEqual([[4]]);
    expect(f.daysOverdue([AS_OF - 1, AS_OF - 2], AS_OF)).toEqual([[1], [2]]);
  });
});

describe("AR.DAYSLATE", () => {
  test("max(0, settled − due); blank while not settled", () => {
    const due = col(AS_OF, AS_OF, AS_OF, AS_OF, "");
    const settled = col(AS_OF - 5, AS_OF, AS_OF + 11, "", AS_OF);
    expect(values(f.daysLate(due, settled))).toEqual([0, 0, 11, "", ""]);
  });

  test("a bad settled date names settled_date", () => {
    expect(one(f.daysLate([[AS_OF]], [["paid"]]))).toEqual(
      err("#VALUE!", 'settled_date: "paid" is not a date'),
    );
  });
});

describe("AR.AGING", () => {
  const ages = [-30, -1, 0, 1, 30, 31, 60, 61, 90, 91, 5000];
  const due = col(...ages.map((a) => AS_OF - a));

  test("default buckets: current is days overdue ≤ 0; upper bounds inclusive", () => {
    expect(values(f.aging(due, asOf))).toEqual([
      "current",
      "current",
      "current",
      "1-30",
      "1-30",
      "31-60",
      "31-60",
      "61-90",
      "61-90",
      "91+",
      "91+",
    ]);
  });

  test("thresholds as text, as a row, as a column; with blanks skipped", () => {
    const expected = ["current", "current", "current", "1-15", "16-45", "16-45", "46+"];
    const some = col(...[-30, -1, 0, 1, 30, 45, 46].map((a) => AS_OF - a));
    for (const thresholds of [
      [["15,45"]],
      [["15 , 45"]],
      [[15, 45]],
      col(15, "", 45),
      [["１５，４５"]],
    ]) {
      expect(values(f.aging(some, asOf, thresholds))).toEqual(expected);
    }
  });

  test("aging by invoice date: 0-30 from day 0, 31-60, 61-90, 91+", () => {
    const invoice = col(...[0, 30, 31, 60, 61, 90, 91, -3].map((a) => AS_OF - a));
    const expected = ["0-30", "0-30", "31-60", "31-60", "61-90", "61-90", "91+", "0-30"];
    expect(values(f.aging(invoice, asOf, null, [["invoice"]]))).toEqual(expected);
    expect(values(f.aging(invoice, asOf, [[""]], [["开票日"]]))).toEqual(expected);
  });

  test("bad thresholds and basis are #VALUE! naming the argument", () => {
    expect(one(f.aging(due, asOf, [["60,30"]]))).toEqual(err("#VALUE!", /^thresholds: "60,30":/));
    expect(one(f.aging(due, asOf, [[0, 30]]))).toEqual(err("#VALUE!", /^thresholds: "0,30":/));
    expect(one(f.aging(due, asOf, [["30 days"]]))).toEqual(err("#VALUE!", /^thresholds/));
    expect(one(f.aging(due, asOf, [[NA]]))).toEqual(err("#VALUE!", /^thresholds: the cell holds/));
    expect(one(f.aging(due, asOf, null, [["weekly"]]))).toEqual(err("#VALUE!", /^basis: "weekly"/));
  });

  test("any age and thresholds: the bucket DESIGN §3 defines (independent definition)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -100, max: 1000 }),
        (raw, age) => {
          const t = [...raw].sort((a, b) => a - b);
          const labels = ["current", `1-${t[0]}`];
          for (let i = 1; i < t.length; i++) labels.push(`${t[i - 1] + 1}-${t[i]}`);
          labels.push(`${t[t.length - 1] + 1}+`);
          const k = t.findIndex((x) => age <= x);
          const want = age <= 0 ? "current" : labels[k < 0 ? t.length + 1 : k + 1];
          expect(one(f.aging([[AS_OF - age]], asOf, [[t.join(",")]]))).toBe(want);
        },
      ),
    );
  });
});

describe("AR.OVERDUE", () => {
  test("outstanding > 0 and days overdue > grace", () => {
    const due = col(AS_OF, AS_OF - 1, AS_OF - 1, AS_OF - 1, AS_OF - 30);
    const owed = col(100, 100, 0, -50, "¥1,234.50");
    expect(values(f.overdue(due, owed, asOf))).toEqual([false, true, false, false, true]);
  });

  test("grace days: overdue only past them", () => {
    const due = col(AS_OF - 5, AS_OF - 6);
    expect(values(f.overdue(due, [[100]], asOf, [[5]]))).toEqual([false, true]);
    expect(values(f.overdue(due, [[100]], asOf, [["5"]]))).toEqual([false, true]);
    expect(one(f.overdue(due.slice(0, 1), [[100]], asOf, [[-1]]))).toEqual(
      err("#VALUE!", "grace_days: -1 is not a whole number of days"),
    );
  });

  test("blank amount gives blank; a bad one names outstanding", () => {
    expect(values(f.overdue(col(AS_OF - 9, AS_OF - 9), col("", "lots"), asOf))).toEqual([
      "",
      err("#VALUE!", 'outstanding: "lots" is not an amount'),
    ]);
  });
});

describe("AR.ACTBY", () => {
  test("due + floor(term / 3); no term: the due date", () => {
    const due = d("2026-01-31");
    const terms = col(30, 31, 32, 33, 60, 0, "", "Net 30", "30天", "账期45天");
    expect(values(f.actBy([[due]], terms))).toEqual([
      due + 10,
      due + 10,
      due + 10,
      due + 11,
      due + 20,
      due,
      due,
      due + 10,
      due + 10,
      due + 15,
    ]);
  });

  test("month-end and impossible terms name term_days", () => {
    expect(values(f.actBy([[AS_OF]], col("月结60天", -5, "soon")))).toEqual([
      err("#VALUE!", /^term_days: "月结60天" is a month-end term/),
      err("#VALUE!", /^term_days: -5 is not a payment term/),
      err("#VALUE!", /^term_days: "soon"/),
    ]);
  });
});

describe("AR.LEVEL", () => {
  // Default ladder: 1 from day 1 overdue, 2 from day 8, 3 from day 1 past the act-by date,
  // 4 from day 21 past it, 5 from day 51 past it. A 30-day term: act-by = due + 10.
  test("each step of the default ladder, at its first day", () => {
    const days = [-3, 0, 1, 7, 8, 10, 11, 30, 31, 60, 61];
    const due = col(...days.map((n) => AS_OF - n));
    expect(values(f.level(due, [[500]], asOf, [[30]]))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });

  test("without a term the act-by date is the due date (as analyze)", () => {
    expect(values(f.level(col(AS_OF - 1, AS_OF - 21), [[500]], asOf))).toEqual([3, 4]);
  });

  test("nothing owed or within the grace days: level 0", () => {
    const due = [[AS_OF - 40]];
    expect(one(f.level(due, [[0]], asOf, [[30]]))).toBe(0);
    expect(one(f.level(due, [[-10]], asOf, [[30]]))).toBe(0);
    expect(one(f.level(due, [[10]], asOf, [[30]], [[40]]))).toBe(0);
    expect(one(f.level(due, [[10]], asOf, [[30]], [[39]]))).toBe(4);
  });
});

describe("AR.NEXTACTION", () => {
  const steps = [-10, -7, -4, -3, -1, 0, 1, 8, 11, 31, 61];
  const due = col(...steps.map((n) => AS_OF - n));

  test("the reminder schedule before the due date, then the ladder", () => {
    expect(values(f.nextAction(due, [[100]], asOf, [[30]]))).toEqual([
      "Not due yet",
      "Send the pre-due reminder",
      "Send the pre-due reminder",
      "Confirm the payment date",
      "Confirm the payment date",
      "Due: call or visit the customer",
      "Send a payment reminder",
      "Phone the customer",
      "Send a written dunning notice",
      "Visit the customer",
      "Lawyer's letter, then legal action",
    ]);
  });

  test("in Chinese when Office is", () => {
    setLocale("zh-CN");
    expect(values(f.nextAction(col(AS_OF - 1, AS_OF + 3), [[100]], asOf))).toEqual([
      "发出书面催款函",
      "确认付款日期",
    ]);
  });

  test("held: disputed, or a promise to pay not yet passed; nothing owed", () => {
    const late = [[AS_OF - 40]];
    expect(one(f.nextAction(late, [[100]], asOf, [[30]], [[true]]))).toBe("On hold: disputed");
    expect(one(f.nextAction(late, [[100]], asOf, [[30]], [["争议"]]))).toBe("On hold: disputed");
    expect(one(f.nextAction(late, [[100]], asOf, [[30]], [["否"]]))).toBe("Visit the customer");
    expect(one(f.nextAction(late, [[100]], asOf, [[30]], [[AS_OF]]))).toBe(
      "On hold: promised to pay by 2026-06-30",
    );
    expect(one(f.nextAction(late, [[100]], asOf, [[30]], [["2026-06-29"]]))).toBe(
      "Visit the customer",
    );
    expect(one(f.nextAction(late, [[0]], asOf, [[30]], [[true]]))).toBe("Nothing to collect");
    expect(one(f.nextAction(late, [[100]], asOf, [[30]], [["maybe"]]))).toEqual(
      err("#VALUE!", /^blocked: "maybe"/),
    );
  });
});

describe("AR.INTEREST", () => {
  test("outstanding × rate × days overdue / 365, to the cent; 0 when not overdue", () => {
    const due = col(AS_OF - 30, AS_OF - 30, AS_OF, AS_OF - 30);
    const owed = col(10000, 10000, 10000, -10000);
    expect(values(f.interest(owed, due, asOf, [[0.06]]))).toEqual([49.32, 49.32, 0, 0]);
    expect(one(f.interest([[10000]], [[AS_OF - 30]], asOf, [["6%"]]))).toBe(49.32);
    expect(one(f.interest([[10000]], [[AS_OF - 30]], asOf, [["12 %"]]))).toBe(98.63);
  });

  test("a bad rate names annual_rate", () => {
    expect(one(f.interest([[1]], [[AS_OF - 3]], asOf, [["high"]]))).toEqual(
      err("#VALUE!", /^annual_rate: "high" is not a rate/),
    );
    expect(one(f.interest([[1]], [[AS_OF - 3]], asOf, [[11]]))).toEqual(err("#VALUE!"));
  });
});

describe("AR.OUTSTANDING, AR.EXPOSURE, AR.HEADROOM, AR.OVERLIMIT", () => {
  const customers = col("ACME", "Beta", "acme", "", "ＡＣＭＥ", "Beta", 611365, "Gamma");
  const balances = col(100, 250.5, 50, "", -30, "(50.50)", 7, "");

  test("the sum of each customer's balances, matched as the ledger matches names", () => {
    const who = col("ACME", " acme ", "Beta", "611365", 611365, "Nobody", "", "Gamma");
    expect(values(f.outstandingOf(who, customers, balances))).toEqual([
      120,
      120,
      200,
      7,
      7,
      0,
      "",
      0,
    ]);
    expect(f.exposure(who, customers, balances)).toEqual(f.outstandingOf(who, customers, balances));
  });

  test("headroom = limit − exposure; blank limit: none set, blank headroom and not over", () => {
    const who = col("ACME", "Beta", "Beta", "ACME", "Nobody");
    const limits = col(1000, 200, "", 0, 0);
    expect(values(f.headroom(who, limits, customers, balances))).toEqual([880, 0, "", -120, 0]);
    expect(values(f.overLimit(who, limits, customers, balances))).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
  });

  test("ranges that do not line up, error cells, blank customers with a balance", () => {
    expect(one(f.outstandingOf([["ACME"]], customers, balances.slice(1)))).toEqual(
      err("#N/A", "balances has 7 rows × 1 column but customers has 8 rows × 1 column"),
    );
    expect(one(f.outstandingOf([["ACME"]], col("ACME", "Beta"), col(1, NA)))).toEqual(
      err("#N/A", "balances: the cell holds the error #N/A (row 2)"),
    );
    expect(one(f.outstandingOf([["ACME"]], col("ACME", ""), col(1, 2)))).toEqual(
      err("#VALUE!", "customers, row 2: blank, but balances has a value there"),
    );
    expect(one(f.outstandingOf([["ACME"]], col("ACME", "ACME"), col("¥1", "$1")))).toEqual(
      err("#VALUE!", "balances: amounts in CNY and USD cannot be added"),
    );
  });
});

describe("AR.AGINGTABLE", () => {
  const customers = col("ACME", "Beta", "acme", "", "Beta", "Gamma");
  const due = col(AS_OF + 5, AS_OF - 40, AS_OF - 100, "", AS_OF - 1, AS_OF);
  const balances = col(1000, 300, 200, "", -50, 75.25);

  test("header, one row per customer in order of appearance, a total row; buckets add up", () => {
    expect(f.agingTable(customers, due, balances, asOf)).toEqual([
      ["Customer", "current", "1-30", "31-60", "61-90", "91+", "Total"],
      ["ACME", 1000, 0, 0, 0, 200, 1200],
      ["Beta", 0, -50, 300, 0, 0, 250],
      ["Gamma", 75.25, 0, 0, 0, 0, 75.25],
      ["Total", 1075.25, -50, 300, 0, 200, 1525.25],
    ]);
  });

  test("other thresholds, invoice basis, Chinese headings", () => {
    setLocale("zh-CN");
    expect(f.agingTable(customers, due, balances, asOf, [["60"]], [["invoice"]])).toEqual([
      ["客户", "0-60", "61+", "合计"],
      ["ACME", 1000, 200, 1200],
      ["Beta", 250, 0, 250],
      ["Gamma", 75.25, 0, 75.25],
      ["合计", 1325.25, 200, 1525.25],
    ]);
  });

  test("bad rows stop the table with the row named", () => {
    expect(one(f.agingTable(customers, col(...values(due).slice(0, 5)), balances, asOf))).toEqual(
      err("#N/A", /^due_dates has 5 rows/),
    );
    const broken = col(AS_OF, "someday", AS_OF, AS_OF, AS_OF, AS_OF);
    expect(one(f.agingTable(customers, broken, balances, asOf))).toEqual(
      err("#VALUE!", 'due_dates: "someday" is not a date (row 2)'),
    );
    const noDue = col(AS_OF, "", AS_OF, AS_OF, AS_OF, AS_OF);
    expect(one(f.agingTable(customers, noDue, balances, asOf))).toEqual(
      err("#VALUE!", "due_dates, row 2: blank, but balances has a value there"),
    );
    expect(one(f.agingTable(customers, due, balances, [[""]]))).toEqual(err("#VALUE!", /^as_of/));
  });

  test("no rows: header and a zero total", () => {
    expect(f.agingTable(col(""), col(""), col(""), asOf)).toEqual([
      ["Customer", "current", "1-30", "31-60", "61-90", "91+", "Total"],
      ["Total", 0, 0, 0, 0, 0, 0],
    ]);
  });
});

describe("KPIs over ranges", () => {
  test("AR.PROVISION: positive balances per age band × the band's rate (default ladder)", () => {
    const balances = col(1000, 2000, -500, 3000, 100, 100, "");
    const ages = col(100, 400, 50, 2000, 365, 366, "");
    // 5% of 1000 + 100, 10% of 2000 + 100, 100% of 3000; the credit is not provided for.
    expect(one(f.provision(balances, ages))).toBe(55 + 210 + 3000);
  });

  test("AR.PROVISION: a ladder as text or as two columns; a bad one names ladder", () => {
    const balances = col(1000, 1000);
    const ages = col(30, 31);
    expect(one(f.provision(balances, ages, [["30:0%,:50%"]]))).toBe(500);
    expect(
      one(
        f.provision(balances, ages, [
          [30, 0],
          ["", 0.5],
        ]),
      ),
    ).toBe(500);
    expect(one(f.provision(balances, ages, [["30:0%,20:50%"]]))).toEqual(
      err("#VALUE!", /^ladder: "30:0%,20:50%"/),
    );
    expect(one(f.provision(balances, ages, [["30:150%"]]))).toEqual(err("#VALUE!", /^ladder/));
    expect(one(f.provision(balances, col(30, "old")))).toEqual(
      err("#VALUE!", 'age_days: "old" is not a number (row 2)'),
    );
  });

  test("AR.DSO: receivables ÷ credit sales × days (default 90)", () => {
    expect(one(f.dso([[300]], [[900]]))).toBe(30);
    expect(one(f.dso(col(100, 200, ""), col(450, 450), [[30]]))).toBe(10);
    expect(one(f.dso([[300]], [[0]]))).toEqual(err("#DIV/0!"));
    expect(one(f.dso([[300]], [[900]], [[0]]))).toEqual(err("#VALUE!", /^days/));
  });

  test("AR.COLLECTIONRATE: collections ÷ amount due", () => {
    expect(one(f.collectionRate(col(5000, 6000), col(10000, 6000)))).toBeCloseTo(11000 / 16000);
    expect(one(f.collectionRate([[1]], [[""]]))).toEqual(err("#DIV/0!"));
    expect(one(f.collectionRate([[NA]], [[1]]))).toEqual(err("#N/A", /^collections/));
  });

  test("AR.OVERDUERATE: overdue ÷ gross receivables (credits left out of the base)", () => {
    const balances = col(100, 300, -100, 200, "");
    const due = col(AS_OF - 1, AS_OF, AS_OF - 50, AS_OF - 3, "");
    // base 100 + 300 + 200 = 600: the -100 credit would push the rate up on a net base
    expect(one(f.overdueRateOf(balances, due, asOf))).toBe(300 / 600);
    expect(one(f.overdueRateOf(balances, due, asOf, [[2]]))).toBe(200 / 600);
    expect(one(f.overdueRateOf(col(100, -100), col(AS_OF - 5, AS_OF - 5), asOf))).toBe(1);
    expect(one(f.overdueRateOf(col(0), col(AS_OF), asOf))).toEqual(err("#DIV/0!"));
  });
});

describe("AR.EXPECTEDPAY", () => {
  const DUE = d("2026-07-20");
  // History: A paid 10, 12 and 14 days late; B paid on the due date seven times.
  const hist = {
    customers: col("A", "A", "A", "B", "B", "B", "B", "B", "B", "B", "A"),
    due: col(...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => d("2026-01-10") + 15 * k)),
    settled: [] as unknown[][],
  };
  hist.settled = col(
    ...[10, 12, 14, 0, 0, 0, 0, 0, 0, 0].map((late, k) => (hist.due[k][0] as number) + late),
    "", // the last row is open
  );
  const run = (due: unknown, who: unknown, as?: unknown, detail?: unknown) =>
    f.expectedPay(due, who, hist.customers, hist.due, hist.settled, as, detail);

  test("the due date moved by the customer's habit, shrunk toward all customers'", () => {
    // A: 3 payments, weight 3/8, median 12; all customers: median 0. 3/8 × 12 = 4.5 → 5 days.
    expect(one(run([[DUE]], [["A"]], asOf))).toBe(DUE + 5);
    expect(one(run([[DUE]], [["B"]], asOf))).toBe(DUE); // B: 7 × on time, and so is everyone
    expect(one(run([[DUE]], [["new customer"]], asOf))).toBe(DUE); // all customers
    expect(one(run([[DUE]], [[" a "]], asOf))).toBe(DUE + 5); // matched as the ledger matches
  });

  test("whole columns spill; blanks stay blank; text dates read as the sheet reader reads them", () => {
    const got = values(run(col(DUE, "", "2026-07-20", DUE), col("A", "A", "A", ""), asOf));
    expect(got).toEqual([DUE + 5, "", DUE + 5, DUE]);
  });

  test("open at the as-of date: after it, from the payments at least as late", () => {
    // 13 days overdue: only A's 14-days-late payment is as late; nobody else's.
    const late = one(run([[AS_OF - 13]], [["A"]], asOf)) as number;
    expect(late).toBe(AS_OF - 13 + 14);
    // Rows settled after the as-of date are not history at it.
    const early = d("2026-03-01");
    // By then A had paid three times (10, 12, 14 days late) and B once (on time): A's median 12
    // weighs 3/8, all customers' median 11 the rest: 11.375 days.
    expect(one(run([[DUE]], [["A"]], [[early]]))).toBe(DUE + 11);
    // Without an as-of date, every settled row counts and nothing is conditioned.
    expect(one(run([[AS_OF - 13]], [["A"]]))).toBe(AS_OF - 13 + 5);
  });

  test("later than any payment and in the last aging bucket: #N/A, expected never", () => {
    expect(one(run([[AS_OF - 120]], [["A"]], asOf))).toEqual(
      err("#N/A", "at risk (a flag, not a write-off): 120 days overdue"),
    );
    // Later than any payment but not yet 90 days: within a month, an assumption.
    expect(one(run([[AS_OF - 40]], [["A"]], asOf))).toBe(AS_OF + 30);
  });

  test("detail: the date, the band and why, in the language of Office", () => {
    const [row] = run([[DUE]], [["A"]], asOf, [[true]]);
    expect(row).toEqual([DUE + 5, expect.any(Number), expect.any(Number), expect.any(String)]);
    expect(row[1] as number).toBeLessThanOrEqual(DUE + 5);
    expect(row[2] as number).toBeGreaterThanOrEqual(DUE + 5);
    expect(row[3]).toBe("this customer 38% (3 payments) · all customers 62%");
    setLocale("zh-CN");
    expect(run([[DUE]], [["A"]], asOf, [["是"]])[0][3]).toBe("该客户 38%（3 笔）· 全部客户 62%");
    expect(run(col(DUE, ""), col("A", "A"), asOf, [[true]])[1]).toEqual(["", "", "", ""]);
  });

  test("the salesperson's customers count after the customer's own, as in the pane", () => {
    // Salesperson S sells to A and C: A's three payments are S's too. C has no history of its
    // own: S's level (3 payments, weight 3/8, median 12) then all customers (median 0).
    const sales = col("S", "S", "S", "T", "T", "T", "T", "T", "T", "T", "S");
    const withSales = (who: string, sp: unknown, detail?: unknown) =>
      f.expectedPay(
        [[DUE]],
        [[who]],
        hist.customers,
        hist.due,
        hist.settled,
        asOf,
        detail,
        [[sp]],
        sales,
      );
    expect(one(withSales("C", "S"))).toBe(DUE + 5);
    expect(one(withSales("C", " s "))).toBe(DUE + 5); // matched as the ledger matches
    expect(one(withSales("C", ""))).toBe(DUE); // no salesperson: all customers
    expect(one(withSales("C", "T"))).toBe(DUE); // T's customers paid on time
    // A's own 3 (3/8), then S's same 3 (3/8 of the rest), then all customers.
    expect(withSales("A", "S", [[true]])[0][3]).toBe(
      "this customer 38% (3 payments) · this salesperson 23% · all customers 39%",
    );
  });

  test("a live promise is the date; a broken one leaves the item to the history", () => {
    const promised = (hold: unknown) =>
      one(
        f.expectedPay(
          [[DUE]],
          [["A"]],
          hist.customers,
          hist.due,
          hist.settled,
          asOf,
          undefined,
          undefined,
          undefined,
          [[hold]],
        ),
      );
    const detail = f.expectedPay(
      [[DUE]],
      [["A"]],
      hist.customers,
      hist.due,
      hist.settled,
      asOf,
      [[true]],
      undefined,
      undefined,
      [[AS_OF + 3]],
    );
    expect(detail).toEqual([[AS_OF + 3, AS_OF + 3, AS_OF + 3, "promised to pay on this date"]]);
    expect(promised(AS_OF + 3)).toBe(AS_OF + 3);
    expect(promised(AS_OF)).toBe(AS_OF); // due today counts
    expect(promised(AS_OF - 1)).toBe(DUE + 5);
    expect(promised("")).toBe(DUE + 5);
    expect(promised("maybe")).toEqual(err("#VALUE!", "blocked"));
  });

  test("disputed items pay later by the dispute shift learnt from the history's flags", () => {
    // Twenty settled rows of one customer: ten undisputed on time, ten disputed 20 days late.
    const n = 20;
    const who = col(...Array.from({ length: n }, () => "A"));
    const due = col(...Array.from({ length: n }, (_, k) => d("2026-01-10") + 5 * k));
    const disputedRows = Array.from({ length: n }, (_, k) => k % 2 === 1);
    const settled = col(...due.map(([x], k) => (x as number) + (disputedRows[k] ? 20 : 0)));
    const run2 = (hold: unknown, flags?: unknown) =>
      one(
        f.expectedPay(
          [[DUE]],
          [["A"]],
          who,
          due,
          settled,
          asOf,
          undefined,
          undefined,
          undefined,
          [[hold]],
          flags,
        ),
      );
    const flags = col(...disputedRows);
    expect(run2("", flags)).toBe(DUE); // undisputed: the on-time payments (net of the shift)
    expect(run2(true, flags)).toBe(DUE + 20); // disputed: 20 days later
    expect(run2(true)).not.toBe(DUE + 20); // without the history's flags no shift is learnt
    expect(
      one(
        f.expectedPay(
          [[DUE]],
          [["A"]],
          who,
          due,
          settled,
          asOf,
          undefined,
          undefined,
          undefined,
          undefined,
          col(true),
        ),
      ),
    ).toEqual(err("#N/A", "disputed"));
  });

  test("arguments that do not line up or cannot be read say which", () => {
    expect(one(f.expectedPay([[DUE]], [["A"]], col("A", "B"), col(DUE), col(DUE)))).toEqual(
      err("#N/A", /^due_dates has 1 row × 1 column but customers has 2 rows/),
    );
    expect(one(f.expectedPay([[DUE]], [["A"]], col("A"), col(""), col(DUE)))).toEqual(
      err("#VALUE!", "due_dates, row 1: blank, but settled_dates has a value there"),
    );
    expect(one(f.expectedPay([[DUE]], [["A"]], col("A"), col(DUE), col("soon")))).toEqual(
      err("#VALUE!", 'settled_dates: "soon" is not a date (row 1)'),
    );
    expect(one(run([[DUE]], [["A"]], asOf, [["maybe"]]))).toEqual(
      err("#VALUE!", 'detail: "maybe" is neither TRUE nor FALSE'),
    );
    expect(one(run([[DUE, DUE]], [["A"]], asOf, [[true]]))).toEqual(
      err("#VALUE!", /^detail: the detail \(four columns\) needs due_date to be one column/),
    );
    expect(one(run([["x"]], [["A"]], asOf))).toEqual(err("#VALUE!", 'due_date: "x" is not a date'));
    expect(one(run([[DUE]], [[NA]], asOf))).toEqual(
      err("#VALUE!", "customer: the cell holds the error #N/A"),
    );
  });
});

describe("errors leave through the error factory", () => {
  test("FunctionError outside Excel; CustomFunctions.Error inside (see functions.test.ts)", () => {
    const e = one(f.daysOverdue([["x"]], asOf));
    expect(e).toBeInstanceOf(FunctionError);
  });
});
