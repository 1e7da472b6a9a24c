/**
 * The readable summary of `ar-desk analyze` on the sample, in both languages, against golden
 * files (issue 21), and its columns lined up in a terminal where a CJK character takes two
 * columns. The golden files change only on purpose:
 *
 *   UPDATE_GOLDEN=1 npx jest test/cli-golden.test.ts
 *
 * rewrites them; read the diff before committing it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "./support/cli";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");
const GOLDEN = path.resolve(__dirname, "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/**
 * Terminal columns of a text, written here apart from the code under test: CJK ideographs,
 * CJK and full-width punctuation take two, everything else one.
 */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u3000-\u303f\u4e00-\u9fff\uff01-\uff60]/.test(ch) ? 2 : 1;
  return n;
}

/** The column where the first money figure of a line ends. */
function figureEnd(line: string): number {
  const m = /-?[\d,]+\.\d{2}/.exec(line)!;
  return columns(line.slice(0, m.index + m[0].length));
}

async function summary(lang: string): Promise<string> {
  const res = await run("analyze", SAMPLE, "--as-of", "2026-06-30", "--lang", lang, "--problems");
  expect(res.status).toBe(0);
  // The sample's path depends on the checkout.
  return res.stdout.split(SAMPLE).join("<sample>");
}

describe.each(["zh-CN", "en-US"])("analyze summary, %s", (lang) => {
  let text: string;
  beforeAll(async () => {
    text = await summary(lang);
  });

  it("matches the golden file", () => {
    const file = path.join(GOLDEN, `analyze-${lang}.txt`);
    if (UPDATE) {
      fs.mkdirSync(GOLDEN, { recursive: true });
      fs.writeFileSync(file, text);
    }
    expect(fs.existsSync(file)).toBe(true);
    expect(text).toBe(fs.readFileSync(file, "utf8"));
  });

  it("lines its tables up in a terminal (a CJK character is two columns)", () => {
    const lines = text.split("\n");
    // Customer lines (top overdue, over limit): the amount ends in one column per table.
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const line of lines) {
      if (/^ {2}C\d{4} /.test(line)) (current ??= tables[tables.push([]) - 1]).push(line);
      else current = null;
    }
    expect(tables.filter((t) => t.length > 2).length).toBeGreaterThanOrEqual(2);
    for (const t of tables) {
      expect(new Set(t.map(figureEnd)).size).toBe(1);
      // A table with Chinese names really tests the width: the names differ in length.
      if (lang === "zh-CN" && t.length > 2)
        expect(new Set(t.map((l) => l.trim().split(/\s{2,}/)[0].length)).size).toBeGreaterThan(1);
    }
    // Bucket lines: the amounts end in one column.
    const buckets = lines.filter((l) =>
      lang === "zh-CN"
        ? /^ {2}(未到期|\d+–\d+天|\d+天以上) /.test(l)
        : /^ {2}(Current|\d+–\d+ days|Over \d+ days) /.test(l),
    );
    expect(buckets.length).toBe(10);
    expect(new Set(buckets.map(figureEnd)).size).toBe(1);
  });

  it("says 'top 10 of 24' and, in Chinese, has no English word of its own", () => {
    if (lang === "zh-CN") {
      expect(text).toContain("逾期金额最大的客户（前 10 / 共 24 个）：");
      // Only the names of things stay Latin: ar-desk, options, DSO, currency codes, the data.
      const own = text
        .split("\n")
        .map((l) =>
          l.replace(/ar-desk|--\w+|DSO|CNY|USD|<sample>|XS\d{6}-\d{4}|C\d{4}|#N\/A/g, ""),
        );
      for (const l of own) expect(l).not.toMatch(/[A-Za-z]{3,}/);
      expect(text).not.toMatch(/\[(error|warning|info)\]/);
    } else {
      expect(text).toContain("Top overdue customers (top 10 of 24):");
      expect(text).toContain("Over credit limit (3 customers):");
    }
  });
});

describe("the first screen says what is wrong", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-golden-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("an empty or header-less file: why, without --problems", async () => {
    const empty = path.join(dir, "empty.csv");
    fs.writeFileSync(empty, "");
    const headless = path.join(dir, "headless.csv");
    fs.writeFileSync(headless, "foo,bar\n1,2\n");
    // Nothing imported is an error (exit 2) whose one line says why: never figures from nothing.
    const a = await run("analyze", empty, "--lang", "en-US", "--as-of", "2026-06-30");
    expect(a.status).toBe(2);
    expect(a.stdout).toBe("");
    expect(a.stderr).toMatch(/^ar-desk: \S*empty\.csv, row 1: the sheet is empty\n$/);
    const b = await run("analyze", headless, "--lang", "zh-CN", "--as-of", "2026-06-30");
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(
      /^ar-desk: \S*headless\.csv，第 1 行：.*表头.*第 1–2 行未导入，共 2 行\n$/,
    );
  });

  it("nothing open at the as-of date: one line; a defaulted as-of years after the file: which", async () => {
    const old = path.join(dir, "old.csv");
    fs.writeFileSync(
      old,
      "Customer,Invoice,Date,Due date,Amount\nAcme,INV1,2019-01-05,2019-02-04,1000\n",
    );
    const early = await run("analyze", old, "--lang", "en-US", "--as-of", "2018-12-01");
    expect(early.stdout).toContain("Nothing is open at the as-of date 2018-12-01.");
    expect(early.stdout).not.toContain("Top overdue customers");
    const today = await run("analyze", old, "--lang", "zh-CN");
    expect(today.stdout).toMatch(
      /未指定基准日，按今天 \d{4}-\d{2}-\d{2} 计算；文件中最晚的日期是 2019-02-04：可用 --as-of 2019-02-04/,
    );
    const given = await run("analyze", old, "--lang", "zh-CN", "--as-of", "2026-06-30");
    expect(given.stdout).not.toContain("未指定基准日");
  });
});

describe("options", () => {
  it("each command's --help shows that command's options", async () => {
    const a = await run("analyze", "--help");
    expect(a.status).toBe(0);
    expect(a.stdout).toContain("--buckets");
    expect(a.stdout).not.toContain("ar-desk generate");
    const c = await run("check-order", "-h");
    expect(c.stdout).toContain("--reviews");
    expect(c.stdout).not.toContain("ar-desk analyze");
    const d = await run("demo", "--help");
    expect(d.stdout).toContain("--as-of");
    expect(d.stdout).not.toContain("--buckets");
  });

  it("an unknown option: our one bilingual line, exit 2", async () => {
    const r = await run("analyze", SAMPLE, "--frobnicate");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "ar-desk: 未知选项 --frobnicate（ar-desk analyze --help 列出可用选项）/ unknown option --frobnicate (ar-desk analyze --help lists the options)\n",
    );
    const v = await run("generate", "plan", SAMPLE, "--as-of");
    expect(v.status).toBe(2);
    expect(v.stderr.split("\n")).toHaveLength(2);
    expect(v.stderr).toContain("--as-of");
    expect(v.stderr).not.toMatch(/positional|Option '/);
  });
});
