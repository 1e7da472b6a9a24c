/**
 * Never hang, never crash with a stack trace (issue 15): zip bombs, open-ended due dates, a bad
 * company profile, outputs that cannot be written, totals past 2^53, --json in pieces, EPIPE.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strToU8, zipSync } from "fflate";
import { sampleForCheck } from "../src/cli/json";
import { jsonChunks, LazyArray, writeJson } from "../src/cli/json-stream";
import { InputError } from "../src/io/errors";
import { writeXlsxFile } from "../src/cli/io/xlsx-fast-writer";
import { openXlsx } from "../src/io/xlsx";
import { run } from "./support/cli";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets/sample.xlsx");
const BUILT = fs.existsSync(path.join(ROOT, "dist/cli/main.js"));

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-limits-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function oneLine(r: { status: number; stderr: string }, text: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(text);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\s+at .*\.(ts|js):\d+/);
}

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("--json in pieces", () => {
  test("the same text as JSON.stringify, in chunks", async () => {
    const r = await run("analyze", SAMPLE, "--as-of", "2026-06-30", "--json");
    const value: unknown = JSON.parse(r.stdout);
    const chunks: string[] = [];
    writeJson(value, (c) => chunks.push(c), 1000);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join("")).toBe(JSON.stringify(value));
    expect(r.stdout).toBe(JSON.stringify(value) + "\n");
    const odd = {
      a: undefined,
      b: [undefined, () => 1, null, 1.5],
      c: { d: new Date(0) },
      e: "\u2028",
      // Array elements are stringified whole: undefined fields, toJSON and nested arrays too.
      f: [{ x: undefined, y: 1 }, new Date(0), [1, [2, { z: undefined, w: [3] }]], "s"],
    };
    const out: string[] = [];
    writeJson(odd, (c) => out.push(c), 1);
    expect(out.join("")).toBe(JSON.stringify(odd));
    // Lazy arrays at any depth: the text of the same arrays made whole, walked as often as asked.
    const made: number[] = [];
    const lazy = {
      a: LazyArray.range(3, (i) => (made.push(i), { i, u: undefined })),
      b: { c: { d: { e: LazyArray.map([1, 2], (x) => [x, LazyArray.range(x, (j) => j)]) } } },
      f: [LazyArray.range(0, () => 1), new LazyArray(() => [undefined, "x"])],
    };
    for (const size of [1, 1 << 16]) {
      const parts: string[] = [];
      writeJson(lazy, (c) => parts.push(c), size);
      expect(parts.join("")).toBe(
        '{"a":[{"i":0},{"i":1},{"i":2}],"b":{"c":{"d":{"e":[[1,[0]],[2,[0,1]]]}}},"f":[[],[null,"x"]]}',
      );
      expect(JSON.stringify(lazy)).toBe(parts.join(""));
    }
    expect(made).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    // One chunk at a time: entries are made only as far as the chunk asked for.
    let n = 0;
    const pieces = jsonChunks({ a: LazyArray.range(1000, (i) => (n++, { i })) }, 100);
    expect(pieces.next().done).toBe(false);
    expect(n).toBeLessThan(20);
    expect([...pieces].length).toBeGreaterThan(50);
    expect(n).toBe(1000);
    // The contract check reads no further than its sample.
    made.length = 0;
    expect(sampleForCheck(lazy, 2).a).toEqual([
      { i: 0, u: undefined },
      { i: 1, u: undefined },
    ]);
    expect(made).toEqual([0, 1]);
  });
});

describe("zip bombs are refused before inflating", () => {
  /** A workbook whose sheet part claims `size` bytes inflated (central directory patched). */
  function claiming(size: number): Uint8Array {
    const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const z = zipSync(
      {
        "xl/workbook.xml": strToU8(
          `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
        "xl/_rels/workbook.xml.rels": strToU8(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
        "xl/worksheets/sheet1.xml": strToU8(`<worksheet xmlns="${NS}"><sheetData/></worksheet>`),
      },
      { level: 6 },
    );
    const dv = new DataView(z.buffer, z.byteOffset, z.byteLength);
    const name = strToU8("xl/worksheets/sheet1.xml");
    for (let i = 0; i + 46 < z.length; i++) {
      if (dv.getUint32(i, true) !== 0x02014b50) continue;
      const n = dv.getUint16(i + 28, true);
      const entry = z.subarray(i + 46, i + 46 + n);
      if (n === name.length && entry.every((b, k) => b === name[k]))
        dv.setUint32(i + 24, size, true);
    }
    return z;
  }

  test("a part claiming 4 GB, and one claiming 2 MB from a few bytes", () => {
    expect(() => openXlsx(claiming(0xfffffff0)).readSheet("S")).toThrow(/zip bomb/);
    expect(() => openXlsx(claiming(2 * 1024 * 1024)).readSheet("S")).toThrow(/zip bomb/);
    expect(() => openXlsx(claiming(0xfffffff0)).readSheet("S")).toThrow(InputError);
  });

  test("through the command: one line, exit 2", async () => {
    const file = path.join(dir, "bomb.xlsx");
    fs.writeFileSync(file, claiming(0xfffffff0));
    oneLine(await run("analyze", file, "--as-of", "2026-06-30"), /bomb\.xlsx: .*zip bomb/);
  });
});

describe("open-ended due dates (9999-12-31)", () => {
  const far = () =>
    csv(
      "far.csv",
      "客户,单据编号,业务日期,到期日,价税合计,已收金额,结清日期\n" +
        "A,P1,2025-01-01,2025-01-31,100,100,2025-02-10\n" +
        "A,P2,2025-02-01,2025-02-28,100,100,2025-03-05\n" +
        "A,X1,2026-05-01,9999-12-31,100,,\n" +
        "B,X2,2026-05-01,9999-12-30,250,,\n",
    );

  test("--json, the summary, the report and every document", async () => {
    const file = far();
    const json = await run("analyze", file, "--as-of", "2026-06-30", "--json");
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout) as { items: { dueDate: string; actBy: string }[] };
    expect(doc.items.map((i) => i.dueDate)).toContain("9999-12-31");
    expect(doc.items.find((i) => i.dueDate === "9999-12-31")?.actBy).toBe("9999-12-31");
    const summary = await run(
      "analyze",
      file,
      "--as-of",
      "2026-06-30",
      "--lang",
      "en-US",
      "--out",
      path.join(dir, "far-report.xlsx"),
    );
    expect(summary.status).toBe(0);
    expect(summary.stderr).toBe("");
    const docs = await run(
      "generate",
      "all",
      file,
      "--as-of",
      "2026-06-30",
      "--out",
      path.join(dir, "far-docs.xlsx"),
    );
    expect(docs.status).toBe(0);
  });
});

describe("checked before anything is written", () => {
  test.each([
    ['{"payDays": -5}', /payDays must be a whole number of days/],
    ['{"replyDays": "ten"}', /replyDays must be a whole number of days.*"ten"/],
    ['{"company": null}', /company must be an object/],
    ['{"company": {"bank": {"account": []}}}', /company\.bank\.account must be text/],
    ["[1,", /is not JSON/],
  ])("--company %s", async (text, message) => {
    const company = path.join(dir, `company-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(company, text);
    const log = path.join(dir, `never-log-${path.basename(company)}.xlsx`);
    const out = path.join(dir, `never-${path.basename(company)}.xlsx`);
    const r = await run(
      "generate",
      "statements",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--company",
      company,
      "--log",
      log,
      "--out",
      out,
      "--lang",
      "en-US",
    );
    oneLine(r, message);
    expect(fs.existsSync(log)).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a --company number where text belongs is taken as text; zh-CN message", async () => {
    const company = path.join(dir, "company-zh.json");
    fs.writeFileSync(company, '{"payDays": 1.5}');
    const r = await run(
      "generate",
      "statements",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--company",
      company,
      "--out",
      path.join(dir, "never-zh.xlsx"),
    );
    oneLine(r, /payDays 应为0 到 3650 之间的整数天数/);
  });

  test("a --log that cannot be made, a --register that is not a workbook", async () => {
    const plain = path.join(dir, "plain-file");
    fs.writeFileSync(plain, "x");
    const out = path.join(dir, "never-out.xlsx");
    oneLine(
      await run(
        "generate",
        "plan",
        SAMPLE,
        "--as-of",
        "2026-06-30",
        "--log",
        path.join(plain, "log.xlsx"),
        "--out",
        out,
        "--lang",
        "en-US",
      ),
      /--log .*log\.xlsx cannot be written: .*is not a folder/,
    );
    expect(fs.existsSync(out)).toBe(false);
    const register = path.join(dir, "register.xlsx");
    fs.writeFileSync(register, "not a workbook");
    oneLine(
      await run(
        "generate",
        "statements",
        SAMPLE,
        "--as-of",
        "2026-06-30",
        "--register",
        register,
        "--out",
        out,
        "--lang",
        "en-US",
      ),
      /register\.xlsx: not a valid \.xlsx file/,
    );
    expect(fs.existsSync(out)).toBe(false);
    oneLine(
      await run(
        "analyze",
        SAMPLE,
        "--as-of",
        "2026-06-30",
        "--log",
        path.join(plain, "log.xlsx"),
        "--lang",
        "en-US",
      ),
      /cannot be written/,
    );
  });
});

describe("totals past 2^53 minor units", () => {
  test("refused with a message, not printed inexactly", async () => {
    const rows = Array.from({ length: 5 }, (_v, i) => `A,${i},2026-05-01,20000000000000`);
    const file = csv("huge.csv", ["客户,单据编号,业务日期,价税合计", ...rows].join("\n") + "\n");
    oneLine(await run("analyze", file, "--as-of", "2026-06-30", "--lang", "en-US"), /2\^53/);
    oneLine(await run("analyze", file, "--as-of", "2026-06-30", "--lang", "zh-CN"), /2\^53/);
    // Four of them still add up exactly.
    const ok = csv(
      "large.csv",
      ["客户,单据编号,业务日期,价税合计", ...rows.slice(1)].join("\n") + "\n",
    );
    const r = await run("analyze", ok, "--as-of", "2026-06-30", "--json");
    expect(r.status).toBe(0);
    const total = (JSON.parse(r.stdout) as { totals: { outstanding: number }[] }).totals[0];
    expect(total.outstanding).toBe(80000000000000);
  });
});

describe("a sheet longer than Excel's grid is refused, not written invalid", () => {
  test("1,048,577 rows", async () => {
    const file = path.join(dir, "too-long.xlsx");
    const row: never[] = [];
    const rows = new Array<never[]>(1048577).fill(row);
    await expect(writeXlsxFile(file, [{ name: "S", rows }])).rejects.toThrow(/1048577 rows/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

(BUILT ? describe : describe.skip)("EPIPE (the built command piped into head)", () => {
  test("stops quietly when the reader goes away", async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "bin/ar-desk.js"), "analyze", SAMPLE, "--as-of", "2026-06-30", "--json"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
