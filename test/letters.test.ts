/**
 * Letters that say nothing embarrassing (issue 13): no "of which 0.00 is overdue, please pay
 * it", no negative days overdue, no "interest at 0% amounts to 0.00", and a missing company
 * profile that shows in the letters as a visible blank to fill in, with one warning.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeSpecs } from "../src/cli/xlsx-writer";
import { serialFromIso } from "../src/core/dates";
import { analyze } from "../src/core/analyze";
import type { Locale } from "../src/core/messages";
import { planCommitments } from "../src/core/credit";
import { DEFAULT_POLICY, makePolicy, type Policy } from "../src/core/policy";
import { daysOverdueText, generateDocuments, type DocumentKind } from "../src/sheet/documents";
import { toOffice } from "../src/excel/cells";
import { importGrids } from "../src/sheet/import";
import type { SheetSpec, SpecCell } from "../src/sheet/spec";
import { withoutPageNumbers } from "../src/sheet/templates/engine";
import { run } from "./support/cli";

const AS_OF = serialFromIso("2026-06-30")!;

/** A ledger from rows of [customer, invoice, invoice date, due date, amount] (dates as offsets from the as-of date). */
function book(rows: [string, string, number, number, number][], policy: Policy = DEFAULT_POLICY) {
  const imported = importGrids([
    {
      grid: {
        sheet: "AR",
        file: null,
        rows: [
          ["Customer", "Invoice", "Invoice date", "Due date", "Amount", "Currency"],
          ...rows.map(([c, inv, d, due, amount]) => [
            c,
            inv,
            AS_OF + d,
            AS_OF + due,
            amount,
            "CNY",
          ]),
        ],
      },
    },
  ]);
  return { imported, analysis: analyze(imported.ledger, AS_OF, policy), policy };
}

function make(
  kinds: DocumentKind[],
  b: ReturnType<typeof book>,
  locale: Locale,
  extra: Partial<Parameters<typeof generateDocuments>[1]> = {},
) {
  return generateDocuments(kinds, {
    ledger: b.imported.ledger,
    analysis: b.analysis,
    policy: b.policy,
    locale,
    profile: { company: { name: "ACME" } },
    perCustomer: true,
    ...extra,
  });
}

function cells(spec: SheetSpec): SpecCell[] {
  return spec.rows.flatMap((r) =>
    r.map((raw) => (raw !== null && typeof raw === "object" ? raw : { value: raw ?? null })),
  );
}

/** Every text of a sheet, one string. */
function textOf(spec: SheetSpec): string {
  return cells(spec)
    .map((c) => (typeof c.value === "string" ? c.value : ""))
    .join("\n");
}

function sheetOf(g: ReturnType<typeof generateDocuments>, customer: string, kind?: string) {
  const d = g.documents.find((x) => x.customer === customer && (!kind || x.kind === kind))!;
  expect(d).toBeDefined();
  return g.specs.find((s) => s.name === d.sheet)!;
}

describe("the overdue sentence of a statement", () => {
  const b = book([
    // K1: nothing overdue (due in 5 days, in 1 day, today).
    ["K1", "A-5", -25, 5, 100],
    ["K1", "A-1", -29, 1, 200],
    ["K1", "A-0", -30, 0, 300],
    // K2: 400 overdue by 20 days, 50 due in 3 days.
    ["K2", "B-1", -50, -20, 400],
    ["K2", "B-2", -27, 3, 50],
  ]);

  it("says nothing is overdue, and asks for no overdue payment, when nothing is (zh-CN)", () => {
    const g = make(["statements"], b, "zh-CN");
    const none = textOf(sheetOf(g, "K1"));
    expect(none).not.toMatch(/已到期|逾期款项，请于/);
    expect(none).not.toContain("0.00，请于");
    expect(none).toContain("其中尚无逾期款项");
    const some = textOf(sheetOf(g, "K2"));
    expect(some).toContain("其中已到期CNY 400.00，请于2026年7月10日前支付。");
    expect(some).not.toContain("尚无逾期");
  });

  it("says nothing is overdue, and asks for no overdue payment, when nothing is (en-US)", () => {
    const g = make(["statements"], b, "en-US");
    const none = textOf(sheetOf(g, "K1"));
    expect(none).not.toMatch(/pay the overdue|of which|Of this|0\.00 is overdue/);
    expect(none).toContain("Balance due at 30 June 2026: CNY 600.00. None of it is overdue;");
    const some = textOf(sheetOf(g, "K2"));
    expect(some).toContain(
      "Balance due at 30 June 2026: CNY 450.00. Of this, CNY 400.00 is overdue; please pay it by 10 July 2026. If you",
    );
  });

  it("says the same in a balance-forward statement", () => {
    const period = { from: AS_OF - 60, to: AS_OF };
    for (const locale of ["zh-CN", "en-US"] as const) {
      const g = make(["statements"], b, locale, { period });
      const none = textOf(sheetOf(g, "K1"));
      const some = textOf(sheetOf(g, "K2"));
      if (locale === "zh-CN") {
        expect(none).toContain("其中没有逾期款项。");
        expect(none).not.toContain("已到期");
        expect(some).toContain("其中已到期CNY 400.00。");
      } else {
        expect(none).toContain("None of the closing balance is overdue.");
        expect(none).not.toMatch(/overdue: 0\.00/);
        expect(some).toContain("Of the closing balance, CNY 400.00 is overdue.");
      }
    }
  });
});

describe("days overdue of an item not yet due", () => {
  it("reads as when it falls due, singular and plural, never a negative number", () => {
    expect(daysOverdueText(12, "en-US")).toBe(12);
    expect(daysOverdueText(0, "en-US")).toBe("due today");
    expect(daysOverdueText(-1, "en-US")).toBe("due in 1 day");
    expect(daysOverdueText(-5, "en-US")).toBe("due in 5 days");
    expect(daysOverdueText(12, "zh-CN")).toBe(12);
    expect(daysOverdueText(0, "zh-CN")).toBe("今天到期");
    expect(daysOverdueText(-5, "zh-CN")).toBe("5天后到期");
  });

  it("fills the statement's item rows so, as text in the int-styled cell", () => {
    const b = book([
      ["K1", "A-5", -25, 5, 100],
      ["K1", "A-1", -29, 1, 200],
      ["K1", "A-0", -30, 0, 300],
      ["K1", "A-9", -60, -30, 400],
    ]);
    for (const [locale, want] of [
      ["en-US", [30, "due today", "due in 1 day", "due in 5 days"]],
      ["zh-CN", [30, "今天到期", "1天后到期", "5天后到期"]],
    ] as const) {
      const sheet = sheetOf(make(["statements"], b, locale), "K1");
      const rows = sheet.rows.filter((r) => /^[A]-\d$/.test(String((r[0] as SpecCell)?.value)));
      const days = rows.map((r) => (r[6] as SpecCell).value);
      expect(days).toEqual(want);
      for (const v of days) if (typeof v === "number") expect(v).toBeGreaterThan(0);
      // Text stays text: a string value, never a formula.
      expect(
        cells(sheet).some(
          (c) =>
            typeof c.value === "object" &&
            c.value !== null &&
            "formula" in c.value &&
            /due|到期/.test(c.value.formula),
        ),
      ).toBe(false);
    }
  });

  it("writes that text as text: a shared string in the .xlsx, the text format in Excel", async () => {
    const b = book([["K1", "A-5", -25, 5, 100]]);
    const sheet = sheetOf(make(["statements"], b, "zh-CN"), "K1");
    const row = sheet.rows.findIndex((r) => (r[0] as SpecCell)?.value === "A-5");
    const cell = sheet.rows[row][6] as SpecCell;
    expect(cell).toMatchObject({ value: "5天后到期", format: "0" });
    // Office.js would read "5天后到期" typed into a "0" cell as it types: it gets the text format.
    expect(toOffice(cell)).toEqual({ value: "5天后到期", numberFormat: "@" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-days-"));
    try {
      const file = path.join(dir, "days.xlsx");
      await writeSpecs(file, [sheet]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const got = wb.worksheets[0].getCell(row + 1, 7);
      expect(got.type).toBe(ExcelJS.ValueType.String);
      expect(got.value).toBe("5天后到期");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("days overdue in a payment commitment and a dunning letter", () => {
  const b = book([
    ["K1", "C-1", -60, -30, 400],
    ["K1", "C-2", -29, 1, 200],
    ["K1", "C-3", -20, 10, 100],
  ]);
  const customer = b.imported.ledger.customers.find((c) => c.code === "K1")!.index;
  const { plans } = planCommitments(
    b.analysis,
    [
      {
        customer,
        date: AS_OF + 15,
        amount: 70000,
        source: { file: "s.csv", sheet: null, row: 2 },
        columns: { customer: "Customer", date: "Date", amount: "Amount" },
      },
    ],
    (m) => String(m),
  );

  it.each([
    ["en-US", [30, "due in 1 day", "due in 10 days"]],
    ["zh-CN", [30, "1天后到期", "10天后到期"]],
  ] as const)("%s: the commitment's items say when those not yet due fall due", (locale, want) => {
    expect(plans).toHaveLength(1);
    const sheet = make(["commitments"], b, locale, { commitments: plans }).specs[0];
    const rows = sheet.rows.filter((r) => /^C-\d$/.test(String((r[1] as SpecCell)?.value)));
    expect(rows.map((r) => (r[7] as SpecCell).value)).toEqual(want);
  });

  it("the dunning letter lists overdue items with their days as numbers", () => {
    const sheet = sheetOf(make(["reminders"], b, "en-US"), "K1");
    const rows = sheet.rows.filter((r) => /^C-\d$/.test(String((r[1] as SpecCell)?.value)));
    expect(rows.map((r) => (r[7] as SpecCell).value)).toEqual([30]);
  });
});

describe("interest in a final demand", () => {
  // Overdue for over a year: a final demand (ladder level 5).
  const rows: [string, string, number, number, number][] = [["K1", "F-1", -400, -370, 10000]];

  it("says nothing about interest when no rate is set", () => {
    const b = book(rows);
    for (const locale of ["zh-CN", "en-US"] as const) {
      const g = make(["reminders"], b, locale);
      expect(g.documents.map((d) => d.kind)).toEqual(["final"]);
      const text = textOf(sheetOf(g, "K1", "final"));
      expect(text).not.toMatch(/0%|年利率|违约金（|Interest under|including that interest/);
      expect(text).not.toMatch(/amounts to 0\.00|为0\.00|为CNY 0\.00/);
      if (locale === "zh-CN") {
        expect(text).toContain("经我公司多次催告仍未支付。请于2026年7月");
        expect(text).toMatch(/前付清CNY 10,000\.00（大写：/);
      } else {
        expect(text).toMatch(/ days\. Unless CNY 10,000\.00 is received by \d+ July 2026, we will/);
      }
    }
  });

  it("states the rate, the interest and what the total includes when a rate is set", () => {
    const b = book(rows, makePolicy({ annualInterestRate: 0.06 }));
    const interest = b.analysis.items.interest[0];
    expect(interest).toBeGreaterThan(0);
    const amount = (interest / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
    const total = ((10000 * 100 + interest) / 100).toLocaleString("en-US", {
      minimumFractionDigits: 2,
    });
    const zh = textOf(sheetOf(make(["reminders"], b, "zh-CN"), "K1", "final"));
    expect(zh).toContain(
      `依双方合同约定，截至2026年6月30日逾期付款违约金（按年利率6%计）为CNY ${amount}。请于`,
    );
    expect(zh).toContain(`前付清本金及违约金合计CNY ${total}（大写：`);
    const en = textOf(sheetOf(make(["reminders"], b, "en-US"), "K1", "final"));
    expect(en).toContain(
      `days. Interest under our contract at 6% a year amounts to CNY ${amount} at 30 June 2026. Unless CNY ${total} (including that interest) is received by`,
    );
  });
  it("says what the total includes when fees alone are added, and still claims no interest", () => {
    const b = book(rows, makePolicy({ feesByLevel: [0, 0, 0, 0, 0, 50] }));
    const zh = textOf(sheetOf(make(["reminders"], b, "zh-CN"), "K1", "final"));
    expect(zh).toContain("前付清本金及费用合计CNY 10,050.00（大写：");
    expect(zh).not.toMatch(/违约金（|年利率/);
    const en = textOf(sheetOf(make(["reminders"], b, "en-US"), "K1", "final"));
    expect(en).toMatch(
      / days\. Unless CNY 10,050\.00 \(including fees of CNY 50\.00\) is received/,
    );
    expect(en).not.toMatch(/Interest|interest/);
  });
});

describe("a missing company profile", () => {
  const b = book([
    ["K1", "P-1", -60, -30, 400],
    ["K2", "P-2", -60, -30, 500],
  ]);

  it("shows as placeholders to fill in, in the letter's language, with one warning naming the fields", () => {
    for (const locale of ["zh-CN", "en-US"] as const) {
      const g = make(["statements", "reminders"], b, locale, { profile: {}, perCustomer: false });
      const text = g.specs.map(textOf).join("\n");
      const footers = g.specs.map((s) => s.print?.footer ?? "").join("\n");
      if (locale === "zh-CN") {
        expect(text).toContain("【待填：公司名称】");
        expect(text).toContain("账号 【待填：银行账号】");
        expect(footers).toContain("&L【待填：公司名称】");
      } else {
        expect(text).toContain("[to fill in: company name]");
        expect(text).toContain("account [to fill in: bank account number]");
        expect(footers).toContain("&L[to fill in: company name]");
      }
      // One warning for the profile (this ledger has no customer addresses or salespeople:
      // those stay one warning per field, naming the customers).
      const profile = g.issues.filter((i) => i.code === "template.profileMissing");
      expect(profile).toHaveLength(1);
      expect(profile[0].severity).toBe("warning");
      expect(
        g.issues.filter(
          (i) => i.code === "template.missingData" && /^(company|auditor|replyTo)\./.test(i.name),
        ),
      ).toEqual([]);
      // Only what these letters print: no auditor or reply-to (the confirmation's) and no
      // address (the commitment's).
      expect(profile[0].fields).toEqual([
        "company.name",
        "company.phone",
        "company.contact",
        "company.email",
        "company.bank.name",
        "company.bank.account",
        "company.bank.accountName",
      ]);
    }
  });

  it("fills in only the fields the profile leaves blank", () => {
    const g = make(["statements"], b, "en-US", {
      profile: { company: { name: "ACME", email: " ", bank: { account: "1001" } } },
    });
    expect(g.issues[0].fields).toEqual([
      "company.phone",
      "company.contact",
      "company.email",
      "company.bank.name",
      "company.bank.accountName",
    ]);
    const text = g.specs.map(textOf).join("\n");
    expect(text).toContain("account 1001");
    expect(text).not.toContain("[to fill in: company name]");
    expect(text).toContain("Email: [to fill in: email address]");
  });

  it("needs no placeholder when the profile is complete", () => {
    const company = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, "../assets/sample-company.json"), "utf8"),
    );
    const g = make(["statements", "reminders", "confirmations"], b, "zh-CN", { profile: company });
    expect(g.issues.filter((i) => i.code === "template.profileMissing")).toEqual([]);
    expect(g.specs.map(textOf).join("\n")).not.toContain("待填");
  });
});

describe("ar-desk generate without a company profile", () => {
  const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-letters-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(["zh-CN", "en-US"] as const)(
    "%s: prints one warning, naming the fields and --company, not one per customer",
    async (lang) => {
      const out = path.join(dir, `all-${lang}.xlsx`);
      const res = await run(
        "generate",
        "all",
        SAMPLE,
        "--as-of",
        "2026-06-30",
        "--lang",
        lang,
        "--out",
        out,
      );
      expect(res.status).toBe(0);
      const warnings = res.stdout.split("\n").filter((l) => l.startsWith("  ! "));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("company.name");
      expect(warnings[0]).toContain("auditor.name");
      expect(warnings[0]).toContain("--company");
      expect(warnings[0]).toContain(lang === "zh-CN" ? "公司名称" : "company name");
      expect(warnings[0]).not.toMatch(/C00\d\d/);
      expect(fs.existsSync(out)).toBe(true);
    },
  );

  it.each(["zh-CN", "en-US"] as const)(
    "%s: --require-company refuses with exit 2, one line naming the fields, and writes nothing",
    async (lang) => {
      const out = path.join(dir, `refused-${lang}.xlsx`);
      const log = path.join(dir, `new-log-${lang}.xlsx`);
      const pdf = path.join(dir, `pdf-${lang}`);
      const res = await run(
        "generate",
        "all",
        SAMPLE,
        "--as-of",
        "2026-06-30",
        "--lang",
        lang,
        "--require-company",
        "--log",
        log,
        "--pdf",
        pdf,
        "--out",
        out,
      );
      expect(res.status).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(res.stderr).toMatch(/^ar-desk: --require-company/);
      expect(res.stderr).toContain("company.bank.account");
      expect(res.stderr).toContain(lang === "zh-CN" ? "开户银行" : "bank name");
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.existsSync(log)).toBe(false);
      expect(fs.existsSync(pdf)).toBe(false);
    },
  );

  it("--require-company with a complete profile runs as usual", async () => {
    const out = path.join(dir, "complete.xlsx");
    const res = await run(
      "generate",
      "statements",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--company",
      path.resolve(__dirname, "../assets/sample-company.json"),
      "--require-company",
      "--out",
      out,
    );
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).not.toContain("  ! ");
    expect(fs.existsSync(out)).toBe(true);
  });
});

describe("page numbers count the pages of one document", () => {
  const b = book([
    ["K1", "P-1", -60, -30, 400],
    ["K2", "P-2", -60, -30, 500],
  ]);

  it("several letters on one sheet: no page-number section (Excel would count the sheet)", () => {
    for (const locale of ["zh-CN", "en-US"] as const) {
      const stacked = make(["statements"], b, locale, { perCustomer: false });
      expect(stacked.specs).toHaveLength(1);
      const footer = stacked.specs[0].print?.footer ?? "";
      expect(footer).toContain("&LACME"); // the company section stays
      expect(footer).not.toMatch(/&[PN]/);
      // One sheet per customer: each letter's own "page k of N".
      const apart = make(["statements"], b, locale, { perCustomer: true });
      expect(apart.specs.length).toBeGreaterThan(1);
      for (const s of apart.specs) expect(s.print?.footer).toMatch(/&P.*&N/);
    }
  });

  it("withoutPageNumbers drops only the sections holding &P or &N", () => {
    expect(withoutPageNumbers("&LAcme && Co&C&T&RPage &P of &N")).toBe("&LAcme && Co&C&T");
    expect(withoutPageNumbers("&C第 &P / &N 页")).toBe("");
    expect(withoutPageNumbers("&LR&&P: no code&R&D")).toBe("&LR&&P: no code&R&D");
    expect(withoutPageNumbers("Seite &P")).toBe("");
  });
});
