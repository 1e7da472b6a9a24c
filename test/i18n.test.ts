/**
 * One way to fill messages (src/core/i18n.ts), and plurals right in every English table: no
 * "1 days", "1 items", "1 problems". Each table's every message is rendered with every number
 * parameter set to 1 (and to 2, where the plural must show), and the text checked for a count
 * followed by a noun in the wrong number.
 */
import { fill, perLocale, pluralCategory } from "../src/core/i18n";
import { problemMessage, PROBLEM_CODES } from "../src/core/messages";
import { INSIGHT_CODES, insightMessage } from "../src/core/insight/messages";
import { REASON_CODES, reasonMessage } from "../src/core/credit/messages";
import { basisText, message, MESSAGE_KEYS } from "../src/functions/messages";
import { strings, fill as paneFill } from "../src/taskpane/strings";
import { CLI_KEYS, CLI_MESSAGES, cliText } from "../src/cli/messages";
import { IO_MESSAGE_KEYS, IO_MESSAGES, ioText } from "../src/io/messages";
import { DOCUMENT_TEXT_KEYS, documentText } from "../src/core/documents/messages";
import * as fs from "node:fs";
import * as path from "node:path";

describe("fill", () => {
  test("{name}, a missing one empty or kept", () => {
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and ");
    expect(fill("{a} and {b}", { a: 1 }, { missing: "keep" })).toBe("1 and {b}");
    expect(fill("no placeholders", {})).toBe("no placeholders");
    expect(fill("{ not one }", {})).toBe("{ not one }");
  });

  test("plural branches by the locale's rules, # the number, exact branches first", () => {
    const t = "{n, plural, =0 {nothing} one {# item} other {# items}} in {where}";
    expect(fill(t, { n: 0, where: "A" })).toBe("nothing in A");
    expect(fill(t, { n: 1, where: "A" })).toBe("1 item in A");
    expect(fill(t, { n: 7, where: "A" })).toBe("7 items in A");
    expect(fill("{n, plural, one {# day {x}} other {# days {x}}}", { n: 1, x: "late" })).toBe(
      "1 day late",
    );
    expect(fill(t, { n: "1,234", where: "B" })).toBe("1,234 items in B");
    expect(fill(t, { n: "1", where: "B" })).toBe("1 item in B");
    expect(fill(t, { n: "many", where: "B" })).toBe("many items in B");
    expect(pluralCategory(1, "en-US")).toBe("one");
    expect(pluralCategory(1, "zh-CN")).toBe("other");
    expect(fill("{n, plural, one {# x} other {# y}}", { n: 1 }, { locale: "zh-CN" })).toBe("1 y");
    expect(fill("{n, plural, one {#} other {#}}", { n: 3 }, { format: () => "three" })).toBe(
      "three",
    );
  });
});

describe("perLocale", () => {
  test("both languages have the same keys: a missing or stray one is a type error", () => {
    const t = perLocale({ "zh-CN": { a: "甲", n: 1 }, "en-US": { a: "A", n: 2 } });
    expect(t["en-US"].a).toBe("A");
    // Checked by the type checker (npm run typecheck), not at run time:
    // @ts-expect-error en-US lacks b
    perLocale({ "zh-CN": { a: "甲", b: "乙" }, "en-US": { a: "A" } });
    // @ts-expect-error en-US has c, which zh-CN has not
    perLocale({ "zh-CN": { a: "甲" }, "en-US": { a: "A", c: "C" } });
  });
});

/** Every parameter is `n` (numbers) or "X" (names a test can tell apart). */
const params = (n: number): Record<string, number> =>
  new Proxy({} as Record<string, number>, {
    get: (_, key) => (typeof key === "string" ? n : undefined),
    has: () => true,
  });

const NOUNS =
  "days|items|rows|values|problems|customers|payments|dates|cells|errors|warnings|notes|months|weeks|steps|invoices|letters|sheets|claims|strings|columns|settled items|open items|overdue items|entries|instalments|payments|such payments|shared strings";
const SINGULAR_WRONG = new RegExp(`(^|[^\\d.,])1 (${NOUNS})\\b`);

function englishTexts(n: number): [string, string][] {
  const out: [string, string][] = [];
  for (const code of PROBLEM_CODES)
    out.push([`problem ${code}`, problemMessage({ code, params: params(n) })]);
  for (const code of INSIGHT_CODES)
    out.push([`insight ${code}`, insightMessage({ code, params: params(n) })]);
  for (const code of REASON_CODES)
    out.push([`order ${code}`, reasonMessage({ code, params: params(n) })]);
  for (const key of MESSAGE_KEYS)
    out.push([
      `function ${key}`,
      message(key, "value" as never, "en-US", {
        value: String(n),
        other: "value",
        size: String(n),
        otherSize: String(n),
        row: n,
        col: n,
      } as never),
    ]);
  for (const basis of ["customer", "portfolio", "noHistory", "noHistoryOverdue", "beyondHistory"])
    out.push([
      `function basis ${basis}`,
      basisText(basis as never, "en-US", { weight: 0.5, n, assumed: n }),
    ]);
  for (const key of CLI_KEYS) out.push([`cli ${key}`, cliText("en-US", key, params(n))]);
  // A part of the zip is a path, never a count ("1 claims to inflate" is no plural slip).
  const ioParams = new Proxy({} as Record<string, string | number>, {
    get: (_, key) => (key === "part" ? "xl/worksheets/sheet1.xml" : n),
    has: () => true,
  });
  for (const key of IO_MESSAGE_KEYS) out.push([`io ${key}`, ioText("en-US", key, ioParams)]);
  for (const key of DOCUMENT_TEXT_KEYS)
    out.push([`document ${key}`, documentText(key, "en-US", params(n))]);
  const pane = strings("en-US") as unknown as Record<string, unknown>;
  // bucketDays' {range} is a bucket's label ("1-30"), never one number.
  for (const [key, value] of Object.entries(pane))
    if (typeof value === "string" && key !== "bucketDays")
      out.push([`pane ${key}`, paneFill(value, params(n))]);
  return out;
}

test("no English message says '1 days', '1 items' or the like", () => {
  const wrong = englishTexts(1).filter(([, text]) => SINGULAR_WRONG.test(text));
  expect(wrong).toEqual([]);
});

test("and the plural still shows for 2", () => {
  const texts = englishTexts(2);
  expect(texts.length).toBeGreaterThan(300);
  // Spot checks on messages that count: the noun is plural at 2.
  const byKey = new Map(texts);
  expect(byKey.get("insight grade.overdue")).toMatch(/2 days past due/);
  expect(byKey.get("pane problemsCount")).toBe("2 problems");
  expect(byKey.get("cli limitation")).toMatch(/^Limitation: 2 claims end .*, 2 have ended/);
  expect(byKey.get("cli orderOverdue")).toMatch(/\(2 items\).*\(2 items\)/);
  expect(byKey.get("cli registerAdded")).toMatch(/2 rows added/);
  expect(byKey.get("document heldNote")).toMatch(/^2 further items/);
});

test("at 1 the English nouns are singular where the count is 1", () => {
  const byKey = new Map(englishTexts(1));
  expect(byKey.get("cli limitation")).toMatch(/^Limitation: 1 claim ends .*, 1 has ended/);
  expect(byKey.get("cli skippedHead")).toBe("Skipped (on hold): 1 customer");
  expect(byKey.get("cli pdfsWritten")).toBe("Wrote 1 PDF to 1");
  expect(byKey.get("cli requireCompany")).toMatch(/Supply it with/);
  expect(byKey.get("document heldNote")).toMatch(/^One further item \(1\)/);
});

/** The names of a template's parameters: `{name}` and `{name, plural, …}`. */
const paramNames = (template: string): string[] =>
  [...template.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]).sort();

describe("every table has every message in zh-CN and en-US", () => {
  const tables: [string, Record<string, Record<string, string>>, readonly string[]][] = [
    ["cli", CLI_MESSAGES, CLI_KEYS],
    ["io", IO_MESSAGES, IO_MESSAGE_KEYS],
  ];
  test.each(tables)("%s", (_, table, keys) => {
    expect(Object.keys(table).sort()).toEqual(["en-US", "zh-CN"]);
    for (const locale of ["en-US", "zh-CN"]) {
      expect(Object.keys(table[locale]).sort()).toEqual([...keys].sort());
      for (const key of keys) expect(table[locale][key].length).toBeGreaterThan(0);
    }
    // The Chinese text uses no parameter the English one lacks (a misspelt name prints "").
    for (const key of keys)
      for (const name of new Set(paramNames(table["zh-CN"][key])))
        expect([key, paramNames(table["en-US"][key]).includes(name)]).toEqual([key, true]);
  });

  test("the documents' words", () => {
    for (const key of DOCUMENT_TEXT_KEYS) {
      expect(documentText(key, "zh-CN", params(2)).length).toBeGreaterThan(0);
      expect(documentText(key, "en-US", params(2)).length).toBeGreaterThan(0);
    }
  });
});

/**
 * No `zh ? … : …` or `locale === "zh-CN" ? … : …` choosing words in code: the words live in
 * the message tables. Read over the source text (a ternary broken over lines counts too).
 */
describe("no inline language ternaries", () => {
  const ROOT = path.resolve(__dirname, "..");
  // Every product folder.
  const FOLDERS = fs
    .readdirSync(path.join(ROOT, "src"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `src/${e.name}`);
  const TERNARY = /\bzh\s*\?|===\s*"zh-CN"\s*\?/g;

  const files = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) return files(rel);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
    });

  test.each(FOLDERS)("%s", (folder) => {
    const found: string[] = [];
    for (const file of files(folder)) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const m of text.matchAll(TERNARY)) {
        const line = text.slice(0, m.index).split("\n").length;
        found.push(`${file}:${line}`);
      }
    }
    expect(found).toEqual([]);
  });

  test("the check finds what it looks for", () => {
    expect(FOLDERS).toEqual(expect.arrayContaining(["src/cli", "src/functions", "src/sheet"]));
    expect('x = zh ? "a" : "b"'.match(TERNARY)).toHaveLength(1);
    expect('x =\n  locale === "zh-CN"\n    ? "a"\n    : "b"'.match(TERNARY)).toHaveLength(1);
    expect('const zh = locale === "zh-CN";'.match(TERNARY)).toBeNull();
  });
});

describe("errors a user reads are in their language", () => {
  test("a workbook adapter's missing sheet, in zh-CN and en-US", async () => {
    const { MemoryWorkbook } = await import("../src/sheet/memory-workbook");
    const { errorText } = await import("../src/core/errors");
    const err = await new MemoryWorkbook().readValues("应收").catch((e: unknown) => e);
    expect(errorText(err, "zh-CN")).toBe("没有名为“应收”的工作表（是否已改名或删除？）");
    expect(errorText(err, "en-US")).toBe('No sheet named "应收" (was it renamed or deleted?)');
    expect(errorText(new Error("plain"), "zh-CN")).toBe("plain");
  });
});
