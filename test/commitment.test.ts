/**
 * Payment commitment letters (还款承诺书, issue 8): the schedule reader (nothing lost, every
 * problem located), the checks against the as-of date and the outstanding (exactly the balance
 * is fine, one cent more is refused), the instalments as promises in the collection plan (held
 * until the instalment's date, raised when it passes unpaid), the letter generated on the sample
 * through `ar-desk generate commitments --schedule`, and printed to PDF by LibreOffice.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadInputs } from "../src/cli/shared";
import { analyze } from "../src/core/analyze";
import {
  analyzeWithLog,
  commitmentEntries,
  planCommitments,
  SCHEDULE_CODES,
  scheduleProblemText,
  type ScheduleRow,
} from "../src/core/credit";
import { serialFromIso } from "../src/core/dates";
import { collectionPlan } from "../src/core/documents";
import { DEFAULT_POLICY } from "../src/core/policy";
import { ItemStatus } from "../src/core/position";
import { readSchedule, scheduleSpec, SCHEDULE_HEADERS } from "../src/sheet/commitment";
import { generateDocuments } from "../src/sheet/documents";
import type { CellValue } from "../src/sheet/grid";
import { importGrids } from "../src/sheet/import";
import type { SpecCell } from "../src/sheet/spec";
import { run } from "./support/cli";
import { libreOffice, toPdf } from "./support/libreoffice";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");
const COMPANY = path.resolve(__dirname, "../assets/sample-company.json");
const AS_OF = serialFromIso("2026-06-30")!;
const d = (iso: string) => serialFromIso(iso)!;

const imported = importGrids(loadInputs([SAMPLE], {}));
const ledger = imported.ledger;
const analysis = analyze(ledger, AS_OF, DEFAULT_POLICY);
const customerOf = (code: string) => ledger.customers.find((c) => c.code === code)!.index;
const outstandingOf = (code: string) =>
  analysis.customers.find((p) => p.customer === customerOf(code))!.outstanding;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-commit-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function grid(rows: CellValue[][]) {
  return { file: "schedule.xlsx", sheet: "还款计划", rows };
}

function row(code: string, date: string, amount: number, line = 2): ScheduleRow {
  return {
    customer: customerOf(code),
    date: d(date),
    amount,
    source: { file: "s.csv", sheet: null, row: line },
    columns: { customer: "客户", date: "还款日期", amount: "还款金额" },
  };
}

describe("the schedule reader", () => {
  it("reads either language's headers, and every row is an instalment, skipped or rejected with its place", () => {
    const res = readSchedule(
      grid([
        ["还款计划"],
        ["客户", "还款日期", "还款金额", "备注"],
        ["C0012", "2026-07-31", 100000, null],
        ["温州瑞丰自动化科技有限公司", d("2026-08-31"), "¥100,000.00", "by name"],
        [null, null, null, null],
        ["XYZ", "2026-07-20", 1000, null],
        ["C0016", "someday", 1000, null],
        ["C0016", "2026-07-20", "abc", null],
        ["C0016", "2026-07-20", -5, null],
        [null, "2026-07-20", 5, null],
        ["C0016", null, 5, null],
      ]),
      ledger,
    );
    expect(res.found).toBe(true);
    expect(res.headerRow).toBe(2);
    expect(res.counts).toEqual({ read: 9, imported: 2, skipped: 1, rejected: 6 });
    expect(res.rows.map((r) => [r.customer, r.date, r.amount])).toEqual([
      [customerOf("C0012"), d("2026-07-31"), 10000000],
      [customerOf("C0012"), d("2026-08-31"), 10000000],
    ]);
    const located = res.problems
      .filter((p) => p.severity === "error")
      .map((p) => [p.code, p.source?.row, p.column]);
    expect(located).toEqual([
      ["schedule.unknownCustomer", 6, "客户"],
      ["schedule.badDate", 7, "还款日期"],
      ["schedule.badAmount", 8, "还款金额"],
      ["schedule.notPositive", 9, "还款金额"],
      ["schedule.noCustomer", 10, "客户"],
      ["schedule.noDate", 11, "还款日期"],
    ]);
    expect(scheduleProblemText(res.problems[1], "en-US")).toBe(
      "schedule.xlsx, sheet 还款计划, row 6, column 客户: customer XYZ is not in the invoices or the customer list: instalment not read",
    );
  });

  it("reads the English headers of the sheet it makes", () => {
    const h = SCHEDULE_HEADERS["en-US"];
    const res = readSchedule(
      grid([
        [h.customer, h.date, h.amount],
        ["C0016", "2026-07-15", 30000],
      ]),
      ledger,
    );
    expect(res.rows).toHaveLength(1);
    expect(scheduleSpec("en-US").rows[0].map((c) => (c as SpecCell).value)).toEqual(
      Object.values(h),
    );
  });

  it("words every problem code in both languages", () => {
    for (const code of SCHEDULE_CODES)
      for (const locale of ["zh-CN", "en-US"] as const)
        expect(
          scheduleProblemText(
            { code, severity: "error", source: null, column: null, params: {} },
            locale,
          ),
        ).not.toBe("");
  });
});

describe("the checks", () => {
  const owed = outstandingOf("C0012");

  it("takes a schedule of exactly the balance, and refuses one a cent more, at the row that passes it", () => {
    const exact = planCommitments(analysis, [
      row("C0012", "2026-07-31", 10000000, 2),
      row("C0012", "2026-08-31", owed - 10000000, 3),
    ]);
    expect(exact.problems).toEqual([]);
    expect(exact.plans[0]).toMatchObject({ total: owed, remainder: 0, outstanding: owed });
    const over = planCommitments(analysis, [
      row("C0012", "2026-07-31", 10000000, 2),
      row("C0012", "2026-08-31", owed - 10000000 + 1, 3),
    ]);
    expect(over.plans).toEqual([]);
    expect(over.problems.map((p) => [p.code, p.source?.row, p.column])).toEqual([
      ["schedule.exceedsOutstanding", 3, "还款金额"],
    ]);
    expect(over.refused.map((r) => r.customer)).toEqual([customerOf("C0012")]);
  });

  it("refuses an instalment on or before the as-of date, and a customer owing nothing", () => {
    const res = planCommitments(analysis, [
      row("C0012", "2026-06-30", 100, 4),
      row("C0012", "2026-07-01", 100, 5),
      row("C0016", "2026-07-01", 100, 6),
    ]);
    expect(res.problems.map((p) => [p.code, p.source?.row])).toEqual([
      ["schedule.notAfterAsOf", 4],
    ]);
    expect(res.plans.map((p) => p.customer)).toEqual([customerOf("C0016")]);
    const paidUp = ledger.customers.find(
      (c) => !analysis.customers.some((p) => p.customer === c.index && p.outstanding > 0),
    );
    if (paidUp) {
      const none = planCommitments(analysis, [
        { ...row("C0012", "2026-07-01", 100, 7), customer: paidUp.index },
      ]);
      expect(none.problems.map((p) => p.code)).toEqual(["schedule.nothingOwed"]);
    }
  });

  it("allocates instalments to the items oldest due first: each item promised by the instalment that completes it", () => {
    const res = planCommitments(analysis, [
      row("C0012", "2026-09-30", 5000000, 3),
      row("C0012", "2026-07-31", 8000000, 2),
    ]);
    const plan = res.plans[0];
    expect(plan.instalments.map((x) => x.date)).toEqual([d("2026-07-31"), d("2026-09-30")]);
    expect(plan.instalments.map((x) => x.cumulative)).toEqual([8000000, 13000000]);
    const r = analysis.items;
    const dues = plan.items.map((i) => r.due[i]);
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    for (const i of plan.items) expect(r.status[i]).toBe(ItemStatus.open);
    // Every completed item is promised once; what is promised never exceeds the schedule.
    const promisedItems = plan.instalments.flatMap((x) => x.items);
    expect(new Set(promisedItems).size).toBe(promisedItems.length);
    const promised = plan.instalments.reduce((s, x) => s + x.promised, 0);
    expect(promised).toBeLessThanOrEqual(plan.total);
    expect(plan.remainder).toBe(plan.outstanding - plan.total);
  });
});

describe("the schedule in the collection plan", () => {
  const res = planCommitments(analysis, [
    row("C0012", "2026-07-31", 10000000, 2),
    row("C0012", "2026-08-31", outstandingOf("C0012") - 10000000, 3),
  ]);
  const plan = res.plans[0];
  const first = plan.instalments[0].items;

  it("holds each item until its instalment's date", () => {
    const entries = commitmentEntries(res.plans, AS_OF);
    const { analysis: held } = analyzeWithLog(ledger, AS_OF, DEFAULT_POLICY, entries);
    const rows = collectionPlan(held, {});
    for (const inst of plan.instalments)
      for (const i of inst.items) {
        const r = rows.find((x) => x.item === i)!;
        expect(r.promiseDate).toBe(inst.date);
        expect(r.brokenPromise).toBe(false);
        if (held.items.overdue[i]) expect(r.action).toBe("holdPromise");
      }
  });

  it("raises the level once the date passes unpaid, and the plan says the promise is broken", () => {
    const later = d("2026-08-10");
    const entries = commitmentEntries(res.plans, AS_OF);
    const plain = analyze(ledger, later, DEFAULT_POLICY);
    const { analysis: broken, effects } = analyzeWithLog(ledger, later, DEFAULT_POLICY, entries);
    const rows = collectionPlan(broken, {});
    const top = Math.max(...DEFAULT_POLICY.ladder.map((s) => s.level));
    for (const i of first) {
      expect(effects.promiseOf.get(i)?.state).toBe("broken");
      expect(broken.items.level[i]).toBe(Math.min(top, plain.items.level[i] + 1));
      expect(rows.find((x) => x.item === i)!.brokenPromise).toBe(true);
    }
    // A drafted letter is not the debtor's acknowledgement: no limitation interruption.
    expect(effects.interruptions).toEqual([]);
  });
});

describe("the letter", () => {
  const res = planCommitments(analysis, [
    row("C0012", "2026-07-31", 10000000, 2),
    row("C0012", "2026-08-31", 10000000, 3),
    row("C0012", "2026-09-30", outstandingOf("C0012") - 20000000, 4),
    row("C0016", "2026-07-15", 3000000, 5),
  ]);

  it.each(["zh-CN", "en-US"] as const)(
    "%s: one letter per schedule, the items and instalments filled, totals as formulas",
    (locale) => {
      const g = generateDocuments(["commitments"], {
        ledger,
        analysis,
        policy: DEFAULT_POLICY,
        locale,
        profile: JSON.parse(fs.readFileSync(COMPANY, "utf8")),
        commitments: res.plans,
      });
      expect(g.documents.map((x) => [x.kind, x.customer, x.docNo])).toEqual([
        ["commitment", "C0012", "HC-20260630-C0012"],
        ["commitment", "C0016", "HC-20260630-C0016"],
      ]);
      expect(g.documents[0].balance).toBe(outstandingOf("C0012"));
      expect(g.documents[0].hash).toMatch(/^[0-9a-f]{64}$/);
      const sheet = g.specs[0];
      expect(sheet.name).toBe(locale === "zh-CN" ? "还款承诺书" : "Payment commitments");
      const texts = sheet.rows.flatMap((r) =>
        r.map((c) => (c && typeof c === "object" ? (c as SpecCell).value : c)),
      );
      const strings = texts.filter((v): v is string => typeof v === "string");
      expect(strings.join("\n")).not.toMatch(/\{\{/);
      const formulas = texts
        .filter((v): v is { formula: string } => !!v && typeof v === "object" && "formula" in v)
        .map((v) => v.formula);
      // Items subtotal and instalments total of the first letter span their rows.
      expect(formulas.some((f) => /^SUM\(G\d+:G\d+\)$/.test(f))).toBe(true);
      const inst = formulas.find((f) => /^SUM\(D\d+:D\d+\)$/.test(f))!;
      const [, a, b] = /D(\d+):D(\d+)/.exec(inst)!.map(Number);
      expect(b - a + 1).toBe(3);
      if (locale === "zh-CN") {
        expect(strings.some((s) => s.includes("尚欠贵公司货款CNY 363,611.97"))).toBe(true);
        expect(strings.some((s) => s.includes("明确确认"))).toBe(true);
      } else {
        expect(strings.some((s) => s.includes("express acknowledgement of the debt"))).toBe(true);
      }
      expect(g.issues.filter((i) => i.severity === "error")).toEqual([]);
    },
  );
});

describe("ar-desk generate commitments", () => {
  function writeSchedule(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  it("makes the letters from a CSV schedule, names every problem's row, and puts the promises in the plan", async () => {
    const schedule = writeSchedule(
      "schedule.csv",
      [
        "客户,还款日期,还款金额",
        "C0012,2026-07-31,100000",
        "C0012,2026-08-31,263611.97",
        "C0028,2026-06-15,50000",
        "C0005,2026-07-20,400000",
        "XYZ,2026-07-20,1000",
      ].join("\n"),
    );
    const out = path.join(dir, "commitments.xlsx");
    const res = await run(
      "generate",
      "commitments",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--schedule",
      schedule,
      "--company",
      COMPANY,
      "--out",
      out,
    );
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("还款承诺书: 1 份");
    expect(res.stdout).toContain(
      "读取 5 行，导入 4，跳过 0，未导入 1；1 个客户生成承诺书，2 个客户因问题未生成",
    );
    expect(res.stdout).toContain(
      "第 4 行，列「还款日期」：还款日期 2026-06-15 不晚于截止日 2026-06-30",
    );
    expect(res.stdout).toMatch(/第 5 行，列「还款金额」：还款计划累计至此为 400,000.00/);
    expect(res.stdout).toContain("第 6 行，列「客户」：客户 XYZ");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["还款承诺书"]);

    const planOut = path.join(dir, "plan.xlsx");
    const plan = await run(
      "generate",
      "plan",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--schedule",
      schedule,
      "--lang",
      "en-US",
      "--out",
      planOut,
    );
    expect(plan.status).toBe(0);
    const pwb = new ExcelJS.Workbook();
    await pwb.xlsx.readFile(planOut);
    const ws = pwb.worksheets[0];
    const dates = new Set<string>();
    ws.eachRow((r) =>
      r.eachCell((c) => {
        if (c.value instanceof Date) dates.add(c.value.toISOString().slice(0, 10));
      }),
    );
    expect(dates.has("2026-07-31")).toBe(true);
    expect(dates.has("2026-08-31")).toBe(true);
  });

  it("wants --schedule, and writes an empty schedule to fill in when the file does not exist", async () => {
    const out = path.join(dir, "none.xlsx");
    const bare = await run("generate", "commitments", SAMPLE, "--out", out);
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toContain("--schedule");
    const fresh = path.join(dir, "new-schedule.xlsx");
    const res = await run(
      "generate",
      "commitments",
      SAMPLE,
      "--schedule",
      fresh,
      "--lang",
      "en-US",
      "--out",
      out,
    );
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`Created an empty payment schedule ${fresh}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fresh);
    expect(wb.worksheets[0].name).toBe("Payment schedule");
    expect(wb.worksheets[0].getCell("B1").value).toBe("Date");
    const refused = writeSchedule("refused.csv", "Customer,Date,Amount\nC0012,2026-06-01,5\n");
    const none = await run(
      "generate",
      "commitments",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--schedule",
      refused,
      "--lang",
      "en-US",
      "--out",
      out,
    );
    expect(none.status).toBe(1);
    expect(none.stdout).toContain("row 2, column Date: instalment on 2026-06-01 is not after");
    expect(none.stderr).toContain("nothing written");
    expect(fs.existsSync(out)).toBe(false);
  });

  const pdfTest = libreOffice ? it : it.skip;
  if (!libreOffice)
    console.warn("LibreOffice (soffice) not found: the commitment letter's PDF check is skipped");
  pdfTest(
    "prints each letter to PDF on A4, one page a letter",
    async () => {
      const schedule = writeSchedule(
        "pdf.csv",
        ["Customer,Date,Amount", "C0012,2026-07-31,100000", "C0016,2026-07-15,30000"].join("\n"),
      );
      const out = path.join(dir, "letters.xlsx");
      const res = await run(
        "generate",
        "commitments",
        SAMPLE,
        "--as-of",
        "2026-06-30",
        "--schedule",
        schedule,
        "--company",
        COMPANY,
        "--out",
        out,
      );
      expect(res.status).toBe(0);
      const { pdf, pages } = toPdf(out, path.join(dir, "pdf"));
      expect(pages).toBe(2);
      const bytes = fs.readFileSync(pdf, "latin1");
      // A4 portrait: 595 × 842 points.
      expect(bytes).toMatch(/\/MediaBox\s*\[\s*0 0 595(\.\d+)? 84[12]/);
    },
    200_000,
  );
});
