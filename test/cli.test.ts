/**
 * The `ar-desk` command end to end, in-process: exit codes, one-line errors, the JSON contract
 * (validated by its zod schema), CSV encodings and the report workbook.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AnalyzeJson } from "../src/cli/json";
import { run } from "./support/cli";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("arguments and unreadable files: one line, exit 2", () => {
  test.each([
    [["frobnicate"], /unknown command/],
    [["analyze"], /at least one/],
    [["analyze", SAMPLE, "--as-of", "2025-13-01"], /--as-of/],
    [["analyze", SAMPLE, "--buckets", "60,30"], /--buckets/],
    [["analyze", SAMPLE, "--basis", "weekly"], /--basis/],
    [["analyze", SAMPLE, "--no-such-flag"], /no-such-flag/],
    [["analyze", "/nonexistent/file.xlsx"], /file\.xlsx/],
    [["analyze", SAMPLE, "--sheet", "Nope"], /Nope/],
  ])("%j", async (argv, message) => {
    const r = await run(...argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\s+at .*\.(ts|js):\d+/);
  });

  test("a corrupt .xlsx and an old .xls", async () => {
    const bad = path.join(dir, "bad.xlsx");
    fs.writeFileSync(bad, "not a zip");
    const xls = path.join(dir, "old.xls");
    fs.writeFileSync(xls, "whatever");
    for (const file of [bad, xls]) {
      const r = await run("analyze", file);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  test("--help and --version", async () => {
    expect((await run("--help")).stdout).toMatch(/ar-desk analyze <file>/);
    expect((await run("--version")).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("an error speaks the language of --lang, else the environment's (issue 14)", () => {
  const ENV = ["LC_ALL", "LC_MESSAGES", "LANG"] as const;
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  });
  afterEach(() => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
  const env = (lang: string) => {
    for (const k of ENV) delete process.env[k];
    process.env.LANG = lang;
  };

  test.each([
    ["zh-CN", 'ar-desk: --as-of 应为 YYYY-MM-DD 格式的日期，而不是 "2025-13-01"\n'],
    ["en-US", 'ar-desk: --as-of wants a date as YYYY-MM-DD, not "2025-13-01"\n'],
  ])("a bad --as-of with --lang %s", async (lang, line) => {
    env("C");
    for (const argv of [
      ["analyze", SAMPLE, "--as-of", "2025-13-01", "--lang", lang],
      ["analyze", SAMPLE, `--lang=${lang}`, "--as-of", "2025-13-01"],
      [
        "generate",
        "statements",
        SAMPLE,
        "--out",
        path.join(dir, "x.xlsx"),
        "--as-of",
        "2025-13-01",
        "--lang",
        lang,
      ],
    ]) {
      const r = await run(...argv);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(line);
    }
  });

  test("without --lang, the environment's language", async () => {
    env("zh_CN.UTF-8");
    const zh = await run("analyze", SAMPLE, "--basis", "weekly");
    expect(zh.stderr).toBe('ar-desk: --basis 应为 due 或 invoice，而不是 "weekly"\n');
    env("en_US.UTF-8");
    const en = await run("analyze", SAMPLE, "--basis", "weekly");
    expect(en.stderr).toBe('ar-desk: --basis is due or invoice, not "weekly"\n');
    // A wrong --lang is said in the environment's language.
    env("zh_CN.UTF-8");
    const lang = await run("analyze", SAMPLE, "--lang", "fr");
    expect(lang.status).toBe(2);
    expect(lang.stderr).toBe('ar-desk: --lang 应为 zh-CN 或 en-US，而不是 "fr"\n');
  });

  test("an unknown option, a missing file and a corrupt workbook, in the language asked for", async () => {
    env("C");
    const option = await run("analyze", SAMPLE, "--lang", "zh-CN", "--frobnicate");
    expect(option.stderr).toBe(
      "ar-desk: 未知选项 --frobnicate（ar-desk analyze --help 列出可用选项）\n",
    );
    const missing = await run("analyze", "/nonexistent/file.xlsx", "--lang", "zh-CN");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("ar-desk: file.xlsx：文件不存在\n");
    const bad = path.join(dir, "corrupt.xlsx");
    fs.writeFileSync(bad, "PK\u0003\u0004 not really a zip");
    const zh = await run("analyze", bad, "--lang", "zh-CN");
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(/^ar-desk: corrupt\.xlsx：不是有效的 \.xlsx 文件/);
    const en = await run("analyze", bad, "--lang", "en-US");
    expect(en.stderr).toMatch(/^ar-desk: corrupt\.xlsx: not a valid \.xlsx file/);
  });
});

describe("analyze on the sample workbook", () => {
  let json: AnalyzeJson;
  beforeAll(async () => {
    const r = await run("analyze", SAMPLE, "--as-of", "2026-06-30", "--json");
    expect(r.status).toBe(0);
    json = AnalyzeJson.parse(JSON.parse(r.stdout));
  });

  test("reads all three sheets; counts add up", () => {
    expect(json.sheets.map((s) => s.kind)).toEqual(["invoices", "payments", "customers"]);
    const { read, imported, skipped, rejected } = json.rows;
    expect(read).toBe(imported + skipped + rejected);
    for (const s of json.sheets)
      expect(s.rows.read).toBe(s.rows.imported + s.rows.skipped + s.rows.rejected);
    expect(json.sheets[0].headerRow).toBe(4);
  });

  test("the bad rows are rejected at their rows, with their columns", () => {
    const errors = json.problems.filter(
      (p) => p.severity === "error" && p.source?.sheet === "应收明细",
    );
    expect(errors.map((p) => [p.source?.row, p.column])).toEqual([
      [91, "业务日期"],
      [194, "价税合计"],
    ]);
    expect(json.items.some((i) => i.source.row === 91 || i.source.row === 194)).toBe(false);
  });

  test("dirty but readable cells are read", () => {
    const row = (n: number) =>
      json.items.find((i) => i.source.sheet === "应收明细" && i.source.row === n)!;
    expect(row(45).amount).toBe(32000);
    expect(row(113).amount).toBe(12000);
    expect(row(128).amount).toBe(12345.6);
    expect(row(227).dueDate).toBe("2026-05-15");
    expect(row(299).invoiceDate).toBe("2026-03-05");
    expect(row(305).invoiceDate).toBe("2026-04-08");
    expect(row(284).customer).toBe("C0038");
  });

  test("customers: totals, buckets and headroom agree", () => {
    for (const c of json.customers) {
      const buckets = Object.values(c.buckets).reduce((a, b) => a + b, 0);
      expect(Math.round(buckets * 100)).toBe(Math.round(c.outstanding * 100));
      if (c.creditLimit !== null) {
        expect(Math.round(c.headroom! * 100)).toBe(Math.round((c.creditLimit - c.exposure) * 100));
        expect(c.overLimit).toBe(c.exposure > c.creditLimit);
      }
    }
    const over = json.customers.filter((c) => c.overLimit).map((c) => c.customer);
    expect(over.sort()).toEqual(["C0012", "C0014", "C0018"]);
    for (const t of json.totals) {
      const mine = json.customers.filter((c) => c.currency === t.currency);
      const sum = mine.reduce((a, c) => a + Math.round(c.outstanding * 100), 0);
      expect(sum).toBe(Math.round(t.outstanding * 100));
    }
    expect(json.totals.map((t) => t.currency)).toEqual(["CNY", "USD"]);
  });

  test("the disputed item and the promise to pay are held", () => {
    expect(json.items.filter((i) => i.hold === "disputed").map((i) => i.source.row)).toEqual([119]);
    expect(json.items.filter((i) => i.hold === "promise").map((i) => i.source.row)).toEqual([143]);
  });
});

describe("analyze --json: the insight section", () => {
  let json: AnalyzeJson;
  let zh: AnalyzeJson;
  beforeAll(async () => {
    const r = await run("analyze", SAMPLE, "--as-of", "2026-06-30", "--json");
    json = AnalyzeJson.parse(JSON.parse(r.stdout));
    const z = await run("analyze", SAMPLE, "--as-of", "2026-06-30", "--json", "--lang", "zh-CN");
    zh = AnalyzeJson.parse(JSON.parse(z.stdout));
  });
  const cents = (x: number) => Math.round(x * 100);

  test("is there, beside the fields that were there before", () => {
    const ins = json.insight!;
    expect(ins).toBeDefined();
    expect(ins.model).toMatchObject({ credibility: 5, band: [0.1, 0.9], horizonWeeks: 13 });
    expect(ins.model.history).toBeGreaterThan(0);
    for (const key of ["items", "customers", "totals", "kpis", "problems"])
      expect(json).toHaveProperty(key);
  });

  test("an expected date for every open item with a balance, none on or before the as-of date", () => {
    const ins = json.insight!;
    const open = json.items.flatMap((item, k) =>
      item.status === "open" && item.outstanding > 0 ? [k] : [],
    );
    expect(ins.items.map((x) => x.item)).toEqual(open);
    for (const x of ins.items) {
      expect(x.invoice).toBe(json.items[x.item].invoice);
      if (x.basis === "never") {
        expect(x.expectedPayDate).toBeNull();
        expect(x.never).not.toBeNull();
        continue;
      }
      expect(x.expectedPayDate! > json.asOf).toBe(true);
      expect(x.earliest! <= x.expectedPayDate! && x.expectedPayDate! <= x.latest!).toBe(true);
    }
  });

  test("the forecast per currency: weeks + later + never = the open balances", () => {
    const ins = json.insight!;
    expect(ins.forecast.map((f) => f.currency)).toEqual(["CNY", "USD"]);
    for (const f of ins.forecast) {
      const open = json.items
        .filter((i) => i.status === "open" && i.outstanding > 0 && i.currency === f.currency)
        .reduce((s, i) => s + cents(i.outstanding), 0);
      expect(cents(f.open)).toBe(open);
      expect(f.weeks).toHaveLength(13);
      expect(f.weeks[0].from).toBe("2026-07-01");
      const weeks = f.weeks.reduce((s, w) => s + cents(w.amount), 0);
      expect(weeks + cents(f.later) + cents(f.never)).toBe(open);
      expect(f.months.reduce((s, m) => s + cents(m.amount), 0)).toBe(weeks);
    }
  });

  test("a grade and its reasons for every customer, in the language asked for", () => {
    const ins = json.insight!;
    const customers = new Set(json.customers.map((c) => c.customer));
    for (const c of customers) expect(ins.customers.some((x) => x.customer === c)).toBe(true);
    for (const c of ins.customers) {
      expect(c.reasons.length).toBeGreaterThan(0);
      expect(c.points).toBe(c.reasons.reduce((s, r) => s + r.points, 0));
      if (c.gradeDiffers) expect(c.reasons.map((r) => r.code)).toContain("grade.differs");
    }
    expect(ins.customers.some((c) => c.gradeDiffers === true)).toBe(true);
    const reason = zh.insight!.customers[0].reasons[0].message;
    expect(reason).toMatch(/\p{Script=Han}/u);
    expect(json.insight!.customers[0].reasons[0].message).not.toMatch(/\p{Script=Han}/u);
  });

  test("the readable summary has one forecast line per currency and one grades line", async () => {
    const r = await run("analyze", SAMPLE, "--as-of", "2026-06-30", "--lang", "en-US");
    expect(
      r.stdout.match(
        /^ {2}Expected in: 4 weeks .* · 13 weeks .* · later .* · at risk \(no payment expected\) .*$/gm,
      ),
    ).toHaveLength(2);
    expect(r.stdout).toMatch(/^Suggested risk grades: A \d+ · B \d+ · C \d+ · D \d+/m);
    // The sample has settled items: the dates are learned, no rule line.
    expect(r.stdout).not.toMatch(/No settled items to learn from/);
  });

  test("with nothing settled, overdue items are not 'expected' next week, and the summary says it is a rule", async () => {
    const file = path.join(dir, "unsettled.csv");
    // Two invoices a year overdue and one not yet due; no payment at all.
    fs.writeFileSync(
      file,
      "Customer,Invoice,Amount,Invoice date,Due date\n" +
        "A,I1,1000,2024-01-10,2024-02-09\nA,I2,500,2024-03-01,2024-03-31\nB,I3,200,2025-02-20,2025-03-22\n",
    );
    const j = await run("analyze", file, "--as-of", "2025-03-01", "--json");
    expect(j.status).toBe(0);
    const json = AnalyzeJson.parse(JSON.parse(j.stdout));
    expect(json.insight!.model.history).toBe(0);
    expect(json.insight!.model.assumedDays).toBe(30);
    const byRef = Object.fromEntries(json.insight!.items.map((i) => [i.invoice, i]));
    expect(["I1", "I2", "I3"].map((ref) => [byRef[ref].expectedPayDate, byRef[ref].basis])).toEqual(
      [
        ["2025-03-31", "noHistory"],
        ["2025-03-31", "noHistory"],
        ["2025-03-22", "noHistory"],
      ],
    );
    const week1 = json.insight!.forecast[0].weeks[0].amount;
    expect(week1).toBe(0);
    for (const [lang, line] of [
      [
        "en-US",
        /^ {2}No settled items to learn from: these dates follow a stated rule .*within 30 days.*$/m,
      ],
      ["zh-CN", /^ {2}尚无已结清款项可供参考：以上日期按规则假定.*30 天内.*$/m],
    ] as const) {
      const r = await run("analyze", file, "--as-of", "2025-03-01", "--lang", lang);
      expect(r.stdout).toMatch(line);
      // No customer list, so no recorded grade: how many differ is unknown, not 0.
      expect(r.stdout).toMatch(
        lang === "en-US"
          ? /\(no grade recorded in a customer list: not compared\)/
          : /（客户档案未记录等级：未比较）/,
      );
    }
  });
});

describe("CSV input", () => {
  test("GBK-encoded export with US dates", async () => {
    const file = path.join(dir, "gbk.csv");
    // "客户,金额,日期\n" in GBK, then ASCII rows.
    const head = Buffer.from("bfcdbba72cbdf0b6ee2cc8d5c6da0a", "hex");
    fs.writeFileSync(
      file,
      Buffer.concat([head, Buffer.from("A,100.50,1/31/2025\nB,20,2/15/2025\n")]),
    );
    const r = await run("analyze", file, "--as-of", "2025-03-01", "--json");
    expect(r.status).toBe(0);
    const json = AnalyzeJson.parse(JSON.parse(r.stdout));
    expect(json.items.map((i) => [i.customer, i.amount, i.invoiceDate, i.daysOverdue])).toEqual([
      ["A", 100.5, "2025-01-31", 29],
      ["B", 20, "2025-02-15", 14],
    ]);
    expect(json.items[0].source).toEqual({ file, sheet: null, row: 2 });
  });

  test("UTF-8 with BOM, readable summary in Chinese", async () => {
    const file = path.join(dir, "bom.csv");
    fs.writeFileSync(file, "\uFEFF客户,金额,开票日期,账期\nA,100,2025-01-01,30天\n");
    const r = await run("analyze", file, "--as-of", "2025-03-01", "--lang", "zh-CN");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/基准日 2025-03-01/);
    expect(r.stdout).toMatch(/导入 1/);
    expect(r.stdout).toMatch(/1–30天\s+100\.00/); // due 2025-01-31, 29 days overdue
  });

  test("a Kingdee export's footer lines (制表人/审核人/打印日期) are notes: 0 errors", async () => {
    const file = path.resolve(__dirname, "fixtures/kingdee-footer.csv");
    const j = await run("analyze", file, "--as-of", "2026-06-30", "--json");
    expect(j.status).toBe(0);
    const json = AnalyzeJson.parse(JSON.parse(j.stdout));
    expect(json.rows).toMatchObject({ read: 10, imported: 5, skipped: 5, rejected: 0 });
    expect(json.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(json.problems.filter((p) => p.code === "row.footer").map((p) => p.source?.row)).toEqual([
      10, 11, 12, 13,
    ]);
    for (const [lang, summary, line] of [
      [
        "en-US",
        /^Problems: 0 errors, 0 warnings, 5 notes/m,
        /row 10: footer line \(制表人\/审核人\/打印日期\), not data: skipped$/m,
      ],
      [
        "zh-CN",
        /^问题：错误 0，警告 0，提示 5/m,
        /第 10 行：表尾签字行（制表人\/审核人\/打印日期），不是数据：已跳过$/m,
      ],
    ] as const) {
      const r = await run("analyze", file, "--as-of", "2026-06-30", "--problems", "--lang", lang);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(summary);
      expect(r.stdout).toMatch(line);
    }
  });
});

describe("the report workbook", () => {
  test("--out writes a workbook; never over an input", async () => {
    const out = path.join(dir, "report.xlsx");
    const r = await run(
      "analyze",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--out",
      out,
      "--lang",
      "en-US",
    );
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Aging by customer",
      "Open items",
      "Problems",
    ]);
    const copy = path.join(dir, "input.xlsx");
    fs.copyFileSync(SAMPLE, copy);
    const before = fs.readFileSync(copy);
    const clash = await run("analyze", copy, "--out", copy);
    expect(clash.status).toBe(2);
    expect(fs.readFileSync(copy).equals(before)).toBe(true);
  });

  test("text from the data stays text, never a formula", async () => {
    const file = path.join(dir, "inject.csv");
    fs.writeFileSync(
      file,
      'Customer,Amount,Date\n"=HYPERLINK(""http://x"",""y"")",10,2025-01-01\n',
    );
    const out = path.join(dir, "inject.xlsx");
    expect((await run("analyze", file, "--as-of", "2025-03-01", "--out", out)).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    let found = false;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (String(cell.value).startsWith("=HYPERLINK")) {
            found = true;
            expect(cell.type).toBe(ExcelJS.ValueType.String);
          }
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      ),
    );
    expect(found).toBe(true);
  });
});

describe("demo", () => {
  test("writes the report and the JSON for the sample", async () => {
    const out = path.join(dir, "demo");
    const r = await run("demo", "--out", out, "--lang", "en-US");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/as of 2026-06-30/);
    expect(fs.existsSync(path.join(out, "report.xlsx"))).toBe(true);
    const json = AnalyzeJson.parse(
      JSON.parse(fs.readFileSync(path.join(out, "analysis.json"), "utf8")),
    );
    expect(json.asOf).toBe("2026-06-30");
  });
});

describe("items dated after the as-of date: in no figure, and said so", () => {
  test("the summary (both languages) and the JSON name them, per currency", async () => {
    const file = path.join(dir, "later.csv");
    fs.writeFileSync(
      file,
      "Customer,Invoice,Amount,Invoice date,Due date,Currency\n" +
        "A,I1,1000,2025-01-10,2025-02-09,CNY\nA,I2,250.50,2025-03-05,2025-04-04,CNY\n" +
        "B,I3,40,2025-03-20,2025-04-19,CNY\nC,U1,70,2025-03-02,2025-04-01,USD\n",
    );
    const en = await run("analyze", file, "--as-of", "2025-03-01", "--lang", "en-US");
    expect(en.status).toBe(0);
    expect(en.stdout).toContain(
      "not in these figures: 2 items dated after the as-of date 2025-03-01 (290.50)",
    );
    // A currency with nothing else open still gets its line.
    expect(en.stdout).toContain(
      "USD: not in these figures: 1 item dated after the as-of date 2025-03-01 (70.00)",
    );
    const zh = await run("analyze", file, "--as-of", "2025-03-01", "--lang", "zh-CN");
    expect(zh.stdout).toContain("不在以上数字中：2 笔单据的日期晚于基准日 2025-03-01（290.50）");
    const j = AnalyzeJson.parse(
      JSON.parse((await run("analyze", file, "--as-of", "2025-03-01", "--json")).stdout),
    );
    expect(j.datedAfterAsOf).toEqual([
      { currency: "CNY", items: 2, amount: 290.5 },
      { currency: "USD", items: 1, amount: 70 },
    ]);
    expect(j.totals.find((t) => t.currency === "CNY")?.outstanding).toBe(1000);
  });
});
