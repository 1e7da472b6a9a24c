/**
 * `ar-desk generate … --pdf DIR` (issue 19): one PDF per letter, printed by LibreOffice from the
 * filled template sheet, with safe, meaningful file names; the text of the PDF (pdftotext)
 * holds the customer's Chinese name and the balance.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pdfFileNames, safeNamePart, sofficeMissing, writePdfs } from "../../src/cli/pdf";
import { serialFromIso } from "../../src/core/dates";
import { run } from "../support/cli";
import { libreOffice } from "../support/libreoffice";
import { AS_OF, hasPdftotext, pdfText, writeFixture } from "../support/remind-fixture";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-pdf-test-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("file names", () => {
  test("kind, customer code and date; separators and control characters removed", () => {
    const date = serialFromIso("2026-06-30")!;
    expect(
      pdfFileNames(
        [
          { kind: "statement", customer: "C0003" },
          { kind: "statement", customer: "C0003" },
          { kind: "final", customer: "../a/b\u0007:c" },
          { kind: "confirmation", customer: "CON" },
        ],
        date,
        "zh-CN",
      ),
    ).toEqual([
      "对账单-C0003-20260630.pdf",
      "对账单-C0003-20260630-2.pdf",
      "最后催告函-_a_b_c-20260630.pdf",
      "询证函-_CON-20260630.pdf",
    ]);
    expect(pdfFileNames([{ kind: "reminder", customer: "C1" }], date, "en-US")).toEqual([
      "Reminder-C1-20260630.pdf",
    ]);
    expect(safeNamePart("   ")).toBe("_");
    expect(safeNamePart("a".repeat(100))).toHaveLength(60);
  });

  test("without LibreOffice: a clear message in either language, nothing written", async () => {
    const out = path.join(dir, "none");
    const doc = { spec: { name: "x", rows: [] }, name: "x.pdf" };
    await expect(writePdfs([doc], out, "zh-CN", null)).rejects.toThrow(/未找到 LibreOffice/);
    await expect(writePdfs([doc], out, "en-US", null)).rejects.toThrow(
      /LibreOffice \(soffice\) was not found/,
    );
    expect(sofficeMissing("en-US").message).toMatch(/fonts-noto-cjk/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

const printing = libreOffice && hasPdftotext ? describe : describe.skip;
printing("printed by LibreOffice (skipped without soffice and pdftotext)", () => {
  test("one PDF per statement and per dunning letter, holding the name and the balance", async () => {
    const { invoices } = writeFixture(path.join(dir, "in"));
    const pdfDir = path.join(dir, "pdf");
    const r = await run(
      "generate",
      "all",
      invoices,
      "--as-of",
      AS_OF,
      "--out",
      path.join(dir, "out.xlsx"),
      "--pdf",
      pdfDir,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const files = fs.readdirSync(pdfDir).sort();
    // The statements of every customer owing something, and letters for the overdue ones.
    expect(files).toContain("对账单-C0001-20260630.pdf");
    expect(files).toContain("对账单-C0004-20260630.pdf");
    expect(files).toContain("最后催告函-C0004-20260630.pdf");
    expect(files.every((f) => f.endsWith(".pdf"))).toBe(true);
    expect(r.stdout).toContain(`生成 PDF ${files.length} 份`);
    const c1 = pdfText(path.join(pdfDir, "对账单-C0001-20260630.pdf"));
    expect(c1).toContain("上海华东机电有限公司");
    expect(c1).toContain("12,345.67");
    expect(c1).not.toContain("广州珠江贸易有限公司");
    const c4 = pdfText(path.join(pdfDir, "最后催告函-C0004-20260630.pdf"));
    expect(c4).toContain("广州珠江贸易有限公司");
    expect(c4).toContain("40,000.00");
  }, 600_000);
});
