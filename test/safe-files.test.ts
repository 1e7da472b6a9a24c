/**
 * Never overwrite an input (issue 15): outputs are compared with every other file argument by
 * identity (symlinks, hard links), written through a temporary file and a rename, and an
 * existing workbook ar-desk did not make is replaced only with --force.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { madeByArDesk, sameFile } from "../src/cli/io/identity";
import { TEMP_SUFFIX, writeFileAtomic } from "../src/cli/io/safe-write";
import { run } from "./support/cli";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets/sample.xlsx");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-safe-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hash = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const temps = (d: string) => fs.readdirSync(d).filter((n) => n.endsWith(TEMP_SUFFIX));

/** A fresh folder holding a copy of the sample workbook. */
function folder(name: string): { d: string; input: string } {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  const input = path.join(d, "books.xlsx");
  fs.copyFileSync(SAMPLE, input);
  return { d, input };
}

function expectRefused(r: { status: number; stdout: string; stderr: string }, text: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(text);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\s+at .*\.(ts|js):\d+/);
}

describe("sameFile compares identities, not path strings", () => {
  test("symlink, hard link, ./.. spelling: the same file; a copy is not", () => {
    const { d, input } = folder("ids");
    fs.symlinkSync(input, path.join(d, "link.xlsx"));
    fs.linkSync(input, path.join(d, "hard.xlsx"));
    fs.copyFileSync(input, path.join(d, "copy.xlsx"));
    expect(sameFile(input, path.join(d, "link.xlsx"))).toBe(true);
    expect(sameFile(input, path.join(d, "hard.xlsx"))).toBe(true);
    expect(sameFile(input, path.join(d, "..", "ids", ".", "books.xlsx"))).toBe(true);
    expect(sameFile(input, path.join(d, "copy.xlsx"))).toBe(false);
    // Two files not made yet: the same name in the same folder (reached through a symlink).
    fs.symlinkSync(d, path.join(dir, "ids-link"));
    expect(sameFile(path.join(d, "new.xlsx"), path.join(dir, "ids-link", "new.xlsx"))).toBe(true);
    expect(sameFile(path.join(d, "new.xlsx"), path.join(d, "other.xlsx"))).toBe(false);
  });
});

describe("an output that is an input by another name is refused, the input untouched", () => {
  test("analyze --out: a symlink to the input", async () => {
    const { d, input } = folder("a-symlink");
    const before = hash(input);
    const link = path.join(d, "report.xlsx");
    fs.symlinkSync(input, link);
    const r = await run(
      "analyze",
      input,
      "--as-of",
      "2026-06-30",
      "--out",
      link,
      "--lang",
      "en-US",
    );
    expectRefused(r, /--out .*report\.xlsx is the same file as the input file .*books\.xlsx/);
    expect(hash(input)).toBe(before);
  });

  test("generate --out: a hard link to the input (zh-CN message)", async () => {
    const { d, input } = folder("g-hardlink");
    const before = hash(input);
    const hard = path.join(d, "docs.xlsx");
    fs.linkSync(input, hard);
    const r = await run("generate", "statements", input, "--as-of", "2026-06-30", "--out", hard);
    expectRefused(r, /是同一个文件.*从不写入输入文件/);
    expect(hash(input)).toBe(before);
  });

  test("generate --out: a symlink to the collection log", async () => {
    const { d, input } = folder("g-log");
    const log = path.join(d, "log.xlsx");
    // The run that makes the empty log.
    const first = await run(
      "generate",
      "plan",
      input,
      "--as-of",
      "2026-06-30",
      "--log",
      log,
      "--out",
      path.join(d, "plan.xlsx"),
      "--lang",
      "en-US",
    );
    expect(first.status).toBe(0);
    const before = hash(log);
    const link = path.join(d, "plan2.xlsx");
    fs.symlinkSync(log, link);
    const r = await run(
      "generate",
      "plan",
      input,
      "--as-of",
      "2026-06-30",
      "--log",
      log,
      "--out",
      link,
      "--lang",
      "en-US",
    );
    expectRefused(r, /--out .*plan2\.xlsx is the same file as --log/);
    expect(hash(log)).toBe(before);
  });

  test("generate --out equal to a --log not made yet: two outputs on one file", async () => {
    const { d, input } = folder("g-log-new");
    const log = path.join(d, "log.xlsx");
    const r = await run(
      "generate",
      "plan",
      input,
      "--as-of",
      "2026-06-30",
      "--log",
      log,
      "--out",
      log,
      "--lang",
      "en-US",
    );
    expectRefused(r, /--out .*log\.xlsx is also --log/);
    expect(fs.existsSync(log)).toBe(false);
  });

  test("generate --register through a symlink to an input", async () => {
    const { d, input } = folder("g-register");
    const customers = path.join(d, "customers.csv");
    fs.writeFileSync(customers, "客户,信用额度\nA,100\n");
    const before = hash(customers);
    const link = path.join(d, "reg.xlsx");
    fs.symlinkSync(customers, link);
    const r = await run(
      "generate",
      "statements",
      input,
      "--customers",
      customers,
      "--as-of",
      "2026-06-30",
      "--register",
      link,
      "--out",
      path.join(d, "out.xlsx"),
      "--lang",
      "en-US",
    );
    expectRefused(r, /--register .*reg\.xlsx is the same file as --customers/);
    expect(hash(customers)).toBe(before);
    expect(fs.existsSync(path.join(d, "out.xlsx"))).toBe(false);
  });

  test("analyze --out equal to its --log: the log is an input", async () => {
    const { d, input } = folder("a-log");
    const log = path.join(d, "log.xlsx");
    expect((await run("analyze", input, "--as-of", "2026-06-30", "--log", log)).status).toBe(0);
    const before = hash(log);
    const r = await run(
      "analyze",
      input,
      "--as-of",
      "2026-06-30",
      "--log",
      log,
      "--out",
      log,
      "--lang",
      "en-US",
    );
    expectRefused(r, /--out .*log\.xlsx is also --log/);
    expect(hash(log)).toBe(before);
  });

  test("analyze --out through a symlinked folder onto --payments", async () => {
    const { d, input } = folder("a-payments");
    const payments = path.join(d, "pay.xlsx");
    fs.copyFileSync(input, payments);
    const before = hash(payments);
    fs.symlinkSync(d, path.join(dir, "a-payments-link"));
    const r = await run(
      "analyze",
      input,
      "--payments",
      payments,
      "--as-of",
      "2026-06-30",
      "--out",
      path.join(dir, "a-payments-link", "pay.xlsx"),
      "--lang",
      "en-US",
    );
    expectRefused(r, /is the same file as --payments/);
    expect(hash(payments)).toBe(before);
  });
});

describe("an existing file ar-desk did not make is replaced only with --force", () => {
  test("generate and analyze --out", async () => {
    const { d, input } = folder("force");
    const theirs = path.join(d, "theirs.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Mine").getCell("A1").value = "my own work";
    await wb.xlsx.writeFile(theirs);
    expect(madeByArDesk(theirs)).toBe(false);
    const before = hash(theirs);
    for (const argv of [
      ["generate", "statements", input, "--as-of", "2026-06-30", "--out", theirs],
      ["analyze", input, "--as-of", "2026-06-30", "--out", theirs],
    ]) {
      const r = await run(...argv, "--lang", "en-US");
      expectRefused(r, /exists and was not made by ar-desk.*--force/);
      expect(hash(theirs)).toBe(before);
    }
    const zh = await run(
      "analyze",
      input,
      "--as-of",
      "2026-06-30",
      "--out",
      theirs,
      "--lang",
      "zh-CN",
    );
    expectRefused(zh, /不是 ar-desk 生成的文件.*--force/);

    const forced = await run(
      "analyze",
      input,
      "--as-of",
      "2026-06-30",
      "--out",
      theirs,
      "--force",
      "--lang",
      "en-US",
    );
    expect(forced.status).toBe(0);
    expect(madeByArDesk(theirs)).toBe(true);
    // ar-desk's own output is replaced by the next run without --force.
    const again = await run(
      "generate",
      "statements",
      input,
      "--as-of",
      "2026-06-30",
      "--out",
      theirs,
      "--lang",
      "en-US",
    );
    expect(again.status).toBe(0);
    expect(temps(d)).toEqual([]);
  });

  test("an empty log ar-desk created counts as ar-desk's", async () => {
    const { d, input } = folder("own-log");
    const log = path.join(d, "log.xlsx");
    const r = await run("analyze", input, "--as-of", "2026-06-30", "--log", log, "--lang", "en-US");
    expect(r.status).toBe(0);
    expect(madeByArDesk(log)).toBe(true);
  });
});

describe("writes are atomic", () => {
  test("a failure while writing leaves the old file and no temporary file", async () => {
    const d = path.join(dir, "atomic");
    fs.mkdirSync(d);
    const target = path.join(d, "out.xlsx");
    fs.writeFileSync(target, "the previous file");
    function* failing() {
      yield "half of a new ";
      throw new Error("disk full");
    }
    await expect(writeFileAtomic(target, failing())).rejects.toThrow("disk full");
    expect(fs.readFileSync(target, "utf8")).toBe("the previous file");
    expect(temps(d)).toEqual([]);
    await writeFileAtomic(target, ["the ", Buffer.from("new file")]);
    expect(fs.readFileSync(target, "utf8")).toBe("the new file");
    expect(temps(d)).toEqual([]);
  });

  test("two writes of one output at once: the last rename wins, never a mix", async () => {
    const d = path.join(dir, "race");
    fs.mkdirSync(d);
    const target = path.join(d, "out.json");
    const a = "a".repeat(1 << 20);
    const b = "b".repeat(1 << 20);
    const chunks = (s: string) =>
      Array.from({ length: 16 }, (_v, i) => s.slice(i << 16, (i + 1) << 16));
    await Promise.all([writeFileAtomic(target, chunks(a)), writeFileAtomic(target, chunks(b))]);
    expect([a, b]).toContain(fs.readFileSync(target, "utf8"));
    expect(temps(d)).toEqual([]);
  });

  test("a symlinked output is written through, the link kept", async () => {
    const d = path.join(dir, "through");
    fs.mkdirSync(d);
    const real = path.join(d, "real.json");
    fs.writeFileSync(real, "old");
    const link = path.join(d, "link.json");
    fs.symlinkSync(real, link);
    await writeFileAtomic(link, "new");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, "utf8")).toBe("new");
  });

  test("SIGINT in the middle of a write: old file intact, no temporary file, status 130", async () => {
    const d = path.join(dir, "sigint");
    fs.mkdirSync(d);
    const target = path.join(d, "out.xlsx");
    fs.writeFileSync(target, "the previous file");
    const script = path.join(d, "child.ts");
    fs.writeFileSync(
      script,
      `import { installInterruptCleanup, writeFileAtomic } from ${JSON.stringify(
        path.join(ROOT, "src/cli/io/safe-write"),
      )};
installInterruptCleanup();
async function* slow() {
  yield "a partial workbook";
  process.stdout.write("WRITING\\n");
  await new Promise(() => setInterval(() => undefined, 1000));
}
void writeFileAtomic(${JSON.stringify(target)}, slow());
`,
    );
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), [script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    await new Promise<void>((resolve) => {
      let out = "";
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        if (out.includes("WRITING")) resolve();
      });
    });
    expect(temps(d)).toHaveLength(1);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(temps(d)).toEqual([]);
    expect(fs.readFileSync(target, "utf8")).toBe("the previous file");
  });
});
