/**
 * The audit register: content hashes (stable for identical content, sensitive to any value),
 * and `generate --register` on real files — append-only across runs, the register in the output.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "./support/cli";
import { contentHash, contentText, REGISTER_HEADERS } from "../src/sheet/register";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-register-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("content hash", () => {
  const spec = {
    rows: [
      [{ value: "催款函", bold: true }, null, "C0001"],
      [
        { value: { date: 46203 }, format: "yyyy-mm-dd" },
        1234.5,
        { value: { formula: "=SUM(B2:B2)" } },
      ],
    ],
  };
  test("identical content, identical hash; formats do not count, values do", () => {
    expect(contentHash(spec)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(structuredClone(spec))).toBe(contentHash(spec));
    const restyled = structuredClone(spec);
    restyled.rows[0][0] = { value: "催款函", bold: false };
    expect(contentHash(restyled)).toBe(contentHash(spec));
    const changed = structuredClone(spec);
    changed.rows[1][1] = 1234.51;
    expect(contentHash(changed)).not.toBe(contentHash(spec));
    // A number and the same digits as text are different content.
    const asText = structuredClone(spec);
    asText.rows[1][1] = "1234.5";
    expect(contentHash(asText)).not.toBe(contentHash(spec));
    expect(contentText(spec).split("\n")).toEqual([
      "1,1:s:催款函",
      "1,3:s:C0001",
      "2,1:d:46203",
      "2,2:n:1234.5",
      "2,3:f:SUM(B2:B2)",
    ]);
  });
});

describe("generate --register", () => {
  async function registerRows(file: string, sheet: string) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(sheet)!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  test("appends on every run, never deleting; identical documents hash alike", async () => {
    const reg = path.join(dir, "register.xlsx");
    const gen = (out: string) =>
      run(
        "generate",
        "reminders",
        SAMPLE,
        "--as-of",
        "2026-06-30",
        "--lang",
        "zh-CN",
        "--out",
        out,
        "--register",
        reg,
      );
    const first = await gen(path.join(dir, "r1.xlsx"));
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/文书登记簿 .*新增 (\d+) 行/);
    const n = Number(/新增 (\d+) 行/.exec(first.stdout)![1]);
    expect(n).toBeGreaterThan(5);
    const once = await registerRows(reg, "文书登记簿");
    expect(once[0]).toEqual(REGISTER_HEADERS["zh-CN"]);
    expect(once).toHaveLength(n + 1);
    for (const row of once.slice(1)) {
      expect(row[2]).toMatch(/付款提醒函|催款函|最后催告函/);
      expect(String(row[3])).toMatch(/^CK-20260630-/);
      expect(row[9]).toMatch(/^[0-9a-f]{64}$/);
      expect(typeof row[7]).toBe("number");
    }

    const second = await gen(path.join(dir, "r2.xlsx"));
    expect(second.stdout).toContain(`共 ${2 * n} 行`);
    const twice = await registerRows(reg, "文书登记簿");
    expect(twice).toHaveLength(2 * n + 1);
    expect(twice.slice(0, n + 1)).toEqual(once);
    // The same documents again: same numbers, same content, same hashes.
    const hashes = (rows: unknown[][]) => rows.map((r) => `${r[3]} ${r[9]}`);
    expect(hashes(twice.slice(n + 1))).toEqual(hashes(once.slice(1)));
  });

  test("a user's rows and sheets in the register workbook are kept", async () => {
    const reg = path.join(dir, "own.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Document register");
    ws.addRow(REGISTER_HEADERS["en-US"]);
    ws.addRow(["2025-01-01 09:00:00Z", "me", "Statement", "DZ-1", "C9", "CNY"]);
    wb.addWorksheet("Notes").addRow(["keep me"]);
    await wb.xlsx.writeFile(reg);
    const r = await run(
      "generate",
      "confirmations",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--lang",
      "en-US",
      "--customer",
      "C0003",
      "--out",
      path.join(dir, "c.xlsx"),
      "--register",
      reg,
    );
    expect(r.status).toBe(0);
    const rows = await registerRows(reg, "Document register");
    expect(rows).toHaveLength(3);
    expect(rows[1].slice(0, 4)).toEqual(["2025-01-01 09:00:00Z", "me", "Statement", "DZ-1"]);
    expect(rows[2].slice(2, 5)).toEqual(["Confirmation", "XZ-20260630-C0003", "C0003"]);
    expect((await registerRows(reg, "Notes"))[0]).toEqual(["keep me"]);
  });

  test("--register equal to --out writes the register into the output", async () => {
    const out = path.join(dir, "with-register.xlsx");
    const r = await run(
      "generate",
      "statements",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--lang",
      "en-US",
      "--customer",
      "C0014",
      "--out",
      out,
      "--register",
      out,
    );
    expect(r.status).toBe(0);
    const rows = await registerRows(out, "Document register");
    expect(rows).toHaveLength(2);
    expect(rows[1][3]).toBe("DZ-20260630-C0014");
    expect(rows[1][7]).toBeCloseTo(549457.98, 2);
  });

  test("a register that is an input file is refused", async () => {
    const r = await run(
      "generate",
      "reminders",
      SAMPLE,
      "--out",
      path.join(dir, "x.xlsx"),
      "--register",
      SAMPLE,
    );
    expect(r.status).toBe(2);
  });
});
