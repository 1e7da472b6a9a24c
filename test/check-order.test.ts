/**
 * `ar-desk check-order` end to end on the bundled sample and on real .xlsx files written with
 * ExcelJS: verdicts, figures, reasons in both languages, exit codes, the credit policy file and
 * the last-review column of a customer list.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { serialFromIso } from "../src/core/dates";
import { run } from "./support/cli";
import { writeSpecs } from "../src/cli/xlsx-writer";
import { collectionLogSpec } from "../src/sheet/collection-log";
import { creditPolicySheetSpec } from "../src/sheet/credit-policy-sheet";
import { importGrids } from "../src/sheet/import";
import { specValues } from "../src/sheet/memory-workbook";
import type { CellValue } from "../src/sheet/grid";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");
const AS_OF = "2026-06-30";

async function json(...argv: string[]) {
  const r = await run(...argv, "--json");
  expect(r.stderr).toBe("");
  return { status: r.status, body: JSON.parse(r.stdout) };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-check-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("check-order on the sample", () => {
  test.each(["C0012", "C0014", "C0018"])("%s is over its limit: refused, exit 1", async (code) => {
    const { status, body } = await json(
      "check-order",
      SAMPLE,
      "--customer",
      code,
      "--amount",
      "10000",
      "--as-of",
      AS_OF,
    );
    expect(status).toBe(1);
    expect(body.approved).toBe(false);
    expect(body.exposure).toBeGreaterThan(body.limit);
    expect(body.headroomBefore).toBeLessThan(0);
    expect(body.headroomAfter).toBeCloseTo(body.headroomBefore - 10000, 2);
    expect(body.reasons.map((r: { code: string }) => r.code)).toContain("limit.alreadyOver");
    expect(["overLimit", "overdueBlocked"]).toContain(body.verdict);
  });

  test("C0014: over limit, its overdue items not old enough to block", async () => {
    const { body } = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "C0014",
      "--amount",
      "1",
      "--as-of",
      AS_OF,
    );
    expect(body.verdict).toBe("overLimit");
    expect(body.limit).toBe(400000);
    expect(body.exposure).toBeCloseTo(549457.98, 2);
    expect(body.overdueItems).toBe(2);
    expect(body.blockingItems).toEqual([]);
  });

  test("C0012: the oldest overdue items block, listed by invoice", async () => {
    const { body } = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "C0012",
      "--amount",
      "1",
      "--as-of",
      AS_OF,
    );
    expect(body.verdict).toBe("overdueBlocked");
    expect(body.blockingItems.length).toBe(3);
    expect(body.blockingItems[0]).toMatchObject({ invoice: "XS202502-0015", daysOverdue: 457 });
  });

  test("C0003 (grade A) within headroom: OK, exit 0; beyond it: over limit", async () => {
    const ok = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "C0003",
      "--amount",
      "474622.08",
      "--as-of",
      AS_OF,
    );
    expect(ok.status).toBe(0);
    expect(ok.body.verdict).toBe("ok");
    expect(ok.body.headroomAfter).toBe(0);
    const over = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "C0003",
      "--amount",
      "474622.09",
      "--as-of",
      AS_OF,
    );
    expect(over.status).toBe(1);
    expect(over.body.verdict).toBe("overLimit");
  });

  test("grade D: prepayment required; no limit: no credit; unknown customer: no credit", async () => {
    const d = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "C0027",
      "--amount",
      "1",
      "--as-of",
      AS_OF,
    );
    expect(d.body.verdict).toBe("prepaymentRequired");
    const none = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "C0013",
      "--amount",
      "1",
      "--as-of",
      AS_OF,
    );
    expect(none.body.verdict).toBe("noCredit");
    const unknown = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "NOBODY",
      "--amount",
      "1",
      "--as-of",
      AS_OF,
    );
    expect(unknown.body.verdict).toBe("noCredit");
    expect(unknown.body.reasons[0].code).toBe("customer.unknown");
  });

  test("readable output in Chinese and English", async () => {
    const zh = await run(
      "check-order",
      SAMPLE,
      "--customer",
      "C0014",
      "--amount",
      "10000",
      "--as-of",
      AS_OF,
      "--lang",
      "zh-CN",
    );
    expect(zh.stdout).toContain("结论：超出信用额度");
    expect(zh.stdout).toContain("下单前已超额度");
    const en = await run(
      "check-order",
      SAMPLE,
      "--customer",
      "C0014",
      "--amount",
      "10000",
      "--as-of",
      AS_OF,
      "--lang",
      "en-US",
    );
    expect(en.stdout).toContain("Verdict: over limit");
    expect(en.stdout).toContain("already over the limit");
  });

  test("a credit policy file changes the rules", async () => {
    const file = path.join(dir, "policy.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        grades: [{ grade: "B", limitFactor: 2 }],
        blockOverdueDays: null,
        blockPastActBy: false,
      }),
    );
    const { body } = await json(
      "check-order",
      SAMPLE,
      "--customer",
      "C0014",
      "--amount",
      "10000",
      "--as-of",
      AS_OF,
      "--policy",
      file,
    );
    expect(body.limit).toBe(800000);
    expect(body.verdict).toBe("ok");
    fs.writeFileSync(file, JSON.stringify({ blockOverdueDays: -1 }));
    const bad = await run(
      "check-order",
      SAMPLE,
      "--customer",
      "C0014",
      "--amount",
      "1",
      "--policy",
      file,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/blockOverdueDays/);
  });

  test("a credit policy sheet in an .xlsx changes the verdict (grade A to prepayment)", async () => {
    const base = ["check-order", SAMPLE, "--customer", "C0003", "--amount", "1", "--as-of", AS_OF];
    expect((await json(...base)).body.verdict).toBe("ok");
    const spec = creditPolicySheetSpec("zh-CN");
    const rows = specValues(spec);
    expect(rows[1][0]).toBe("A");
    const edited = {
      ...spec,
      rows: spec.rows.map((r, k) => (k === 1 ? [...r.slice(0, 5), "是", ...r.slice(6)] : r)),
    };
    const named = path.join(dir, "policy.xlsx");
    await writeSpecs(named, [{ name: "说明", rows: [["信用政策见下一页"]] }, edited]);
    const a = await json(...base, "--policy", named);
    expect(a.status).toBe(1);
    expect(a.body.verdict).toBe("prepaymentRequired");
    // Not named like one: the first sheet that looks like a policy table.
    const other = path.join(dir, "policy-other.xlsx");
    await writeSpecs(other, [
      { name: "Notes", rows: [["x"]] },
      { ...edited, name: "Rules" },
    ]);
    expect((await json(...base, "--policy", other)).body.verdict).toBe("prepaymentRequired");
    // A bad cell: refused, the cell named.
    const bad = path.join(dir, "policy-bad.xlsx");
    await writeSpecs(bad, [
      {
        ...spec,
        rows: spec.rows.map((r, k) => (k === 1 ? [...r.slice(0, 5), "也许", ...r.slice(6)] : r)),
      },
    ]);
    const r = await run(...base, "--policy", bad, "--lang", "zh-CN");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("信用政策!F2 (款到发货)");
    const none = await run(...base, "--policy", path.join(dir, "policy-none.xlsx"));
    expect(none.status).toBe(2);
  });

  test.each([
    [["--amount", "1"], /--customer/],
    [["--customer", "C0014"], /--amount/],
    [["--customer", "C0014", "--amount", "-5"], /--amount/],
    [["--customer", "C0014", "--amount", "1", "--currency", "xx1"], /--currency/],
  ])("bad arguments %j: one line, exit 2", async (args, message) => {
    const r = await run("check-order", SAMPLE, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("the help text lists the command", async () => {
    const r = await run("--help");
    expect(r.stdout).toContain("ar-desk check-order");
  });
});

describe("last review dates from a customer list", () => {
  const s = (iso: string) => serialFromIso(iso) as number;

  test("import reads the review column; a bad date is a warning, the row kept", () => {
    const rows: CellValue[][] = [
      ["客户编码", "客户名称", "信用等级", "信用额度", "复核日期"],
      ["K1", "甲", "B", 1000, s("2025-11-30")],
      ["K2", "乙", "A", 1000, "2026/2/1"],
      ["K3", "丙", "B", 1000, "不详"],
    ];
    const r = importGrids([{ grid: { file: "c.xlsx", sheet: "客户档案", rows } }]);
    expect(r.rows.imported).toBe(3);
    expect(r.lastReview?.get(0)).toBe(s("2025-11-30"));
    expect(r.lastReview?.get(1)).toBe(s("2026-02-01"));
    expect(r.lastReview?.has(2)).toBe(false);
    const bad = r.problems.filter((p) => p.code === "cell.badDate");
    expect(bad).toHaveLength(1);
    expect(bad[0].source).toMatchObject({ sheet: "客户档案", row: 4 });
    expect(bad[0].column).toBe("复核日期");
  });

  test("check-order --reviews and the review warning on a real workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const inv = wb.addWorksheet("应收明细");
    inv.addRow(["单据编号", "客户编码", "业务日期", "到期日", "价税合计"]);
    inv.addRow(["F1", "K1", new Date(Date.UTC(2026, 5, 1)), new Date(Date.UTC(2026, 6, 1)), 500]);
    inv.addRow(["F2", "K2", new Date(Date.UTC(2026, 5, 1)), new Date(Date.UTC(2026, 6, 1)), 500]);
    const cus = wb.addWorksheet("客户档案");
    cus.addRow(["客户编码", "客户名称", "信用等级", "信用额度", "上次复核日期"]);
    cus.addRow(["K1", "甲公司", "B", 1000, new Date(Date.UTC(2025, 10, 30))]);
    cus.addRow(["K2", "乙公司", "A", 1000, new Date(Date.UTC(2026, 1, 1))]);
    cus.addRow(["K3", "丙公司", "B", 1000, null]);
    const file = path.join(dir, "reviews.xlsx");
    await wb.xlsx.writeFile(file);

    const list = await json("check-order", file, "--reviews", "--as-of", AS_OF);
    expect(list.status).toBe(0);
    expect(
      list.body.reviews.map((r: { customer: string; status: string }) => [r.customer, r.status]),
    ).toEqual([
      ["K1", "overdue"],
      ["K3", "never"],
    ]);
    expect(list.body.reviews[0].nextReview).toBe("2026-05-30");

    const k1 = await json(
      "check-order",
      file,
      "--customer",
      "K1",
      "--amount",
      "100",
      "--as-of",
      AS_OF,
    );
    expect(k1.body.verdict).toBe("ok");
    expect(k1.body.lastReview).toBe("2025-11-30");
    expect(k1.body.reasons.map((r: { code: string }) => r.code)).toContain("review.overdue");
  });
});

describe("analyze --json: a promise in the collection log moves the item in the forecast", () => {
  const ITEM = "XS202604-0037"; // C0014, due 2026-06-18, 145,272.80 open at 06-30

  test("expected on the promised date (basis promise), in its promise week", async () => {
    const spec = collectionLogSpec("zh-CN", 5);
    const rows = [
      ...spec.rows,
      [
        { value: { date: serialFromIso("2026-06-26")! } },
        "C0014",
        ITEM,
        "电话",
        "王芳",
        "承诺付款",
        { value: { date: serialFromIso("2026-08-20")! } },
        145272.8,
      ],
    ];
    const log = path.join(dir, "promise-log.xlsx");
    await writeSpecs(log, [{ ...spec, rows: [rows[0], ...rows.slice(2)] }]);
    const plain = await json("analyze", SAMPLE, "--as-of", AS_OF);
    const withLog = await json("analyze", SAMPLE, "--as-of", AS_OF, "--log", log);
    const item = (body: { insight: { items: { invoice: string }[] } }) =>
      body.insight.items.find((x) => x.invoice === ITEM) as Record<string, unknown>;
    expect(item(plain.body).basis).not.toBe("promise");
    expect(item(withLog.body)).toMatchObject({
      expectedPayDate: "2026-08-20",
      earliest: "2026-08-20",
      latest: "2026-08-20",
      basis: "promise",
      never: null,
    });
    // Week 8 runs 08-19 … 08-25: it holds the whole balance now.
    type Week = { from: string; amount: number };
    const week = (body: { insight: { forecast: { weeks: Week[] }[] } }) =>
      body.insight.forecast[0].weeks.find((w) => w.from === "2026-08-19")!.amount;
    expect(week(withLog.body) - week(plain.body)).toBeCloseTo(145272.8, 2);
  });
});

describe("check-order --log: the collection log applies as in the task pane (issue 13)", () => {
  test("a dispute recorded in the log counts in the check; without --log it does not", async () => {
    const ITEM = "XS202604-0037"; // C0014, due 2026-06-18, open at 06-30
    const spec = collectionLogSpec("zh-CN", 5);
    const rows = [
      ...spec.rows,
      [
        { value: { date: serialFromIso("2026-06-26")! } },
        "C0014",
        ITEM,
        "电话",
        "王芳",
        "有争议",
        null,
        145272.8,
      ],
    ];
    const log = path.join(dir, "dispute-log.xlsx");
    await writeSpecs(log, [{ ...spec, rows: [rows[0], ...rows.slice(2)] }]);
    const args = ["check-order", SAMPLE, "--customer", "C0014", "--amount", "100"];
    const plain = await json(...args, "--as-of", AS_OF);
    const withLog = await json(...args, "--as-of", AS_OF, "--log", log);
    const codes = (b: { reasons: { code: string }[] }) => b.reasons.map((r) => r.code);
    expect(codes(plain.body)).not.toContain("overdue.disputed");
    expect(codes(withLog.body)).toContain("overdue.disputed");
  });

  test("a log that does not exist is an input error, not an empty log created", async () => {
    const missing = path.join(dir, "no-such-log.xlsx");
    const r = await run(
      "check-order",
      SAMPLE,
      "--customer",
      "C0014",
      "--amount",
      "1",
      "--log",
      missing,
    );
    expect(r.status).toBe(2);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
