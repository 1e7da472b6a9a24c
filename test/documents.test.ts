/**
 * Generated documents end to end: the generator on the sample, `ar-desk generate` writing real
 * .xlsx files read back through ExcelJS, template errors stopping the run before anything is
 * written, the user's edited template winning, hostile data staying text, and LibreOffice as an
 * independent engine recalculating the aging report's formulas and printing the letters to PDF.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadInputs } from "../src/cli/shared";
import { run } from "./support/cli";
import { writeSpecs } from "../src/cli/xlsx-writer";
import { analyze } from "../src/core/analyze";
import { serialFromIso } from "../src/core/dates";
import { DEFAULT_POLICY } from "../src/core/policy";
import { generateDocuments } from "../src/sheet/documents";
import { importGrids } from "../src/sheet/import";
import type { SheetSpec, SpecCell } from "../src/sheet/spec";
import { builtinTemplates, TEMPLATE_SHEETS } from "../src/sheet/templates/builtin";
import { libreOffice, pdfText, recalculate, toPdf } from "./support/libreoffice";
import { amountInWordsZh } from "../src/core/documents/words";
import type { Minor } from "../src/core/money";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");
const AS_OF = serialFromIso("2026-06-30")!;
const PROFILE = {
  company: {
    name: "上海示例商贸有限公司",
    address: "上海市浦东新区示例路88号",
    phone: "021-5555 0188",
    contact: "王会计",
    email: "ar@example.cn",
    bank: { name: "工商银行示例支行", account: "1001 2345", accountName: "上海示例商贸有限公司" },
  },
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-docs-"));
  fs.writeFileSync(path.join(dir, "company.json"), JSON.stringify(PROFILE));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The analysis' position of a document's customer and currency. */
function positionOf(
  a: ReturnType<typeof analyze>,
  doc: { customer: string; currency: string | null },
) {
  return a.customers.find(
    (x) =>
      a.ledger.customers[x.customer].code === doc.customer &&
      a.ledger.currencies[x.currency] === doc.currency,
  );
}

function sample() {
  const imported = importGrids(loadInputs([SAMPLE], {}));
  return { imported, analysis: analyze(imported.ledger, AS_OF, DEFAULT_POLICY) };
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  return String(v);
}

function cellValue(raw: SheetSpec["rows"][number][number]): unknown {
  return raw !== null && typeof raw === "object" ? (raw as SpecCell).value : raw;
}

describe("statements from the sample", () => {
  const { imported, analysis } = sample();
  const g = generateDocuments(["statements"], {
    ledger: imported.ledger,
    analysis,
    policy: DEFAULT_POLICY,
    locale: "zh-CN",
    profile: PROFILE,
  });

  it("gives every customer owing money one statement whose balance is its exposure, and says why the others got none", () => {
    const owing = analysis.customers.filter((c) => c.outstanding > 0);
    expect(g.documents).toHaveLength(owing.length);
    for (const doc of g.documents) {
      const c = positionOf(analysis, doc)!;
      expect(doc.balance).toBe(c.exposure);
    }
    expect(g.documents.length + g.skipped.length).toBe(analysis.customers.length);
    expect(new Set(g.documents.map((d) => d.docNo)).size).toBe(g.documents.length);
  });

  it("stacks them on one sheet with a page break after each and the totals formulas of each", () => {
    expect(g.specs).toHaveLength(1);
    const sheet = g.specs[0];
    expect(sheet.name).toBe("对账单");
    expect(sheet.print?.breaksAfter).toHaveLength(g.documents.length - 1);
    // Many letters on one sheet: no "page k of N" that would count the other customers' pages.
    expect(sheet.print?.footer).toBe("&L上海示例商贸有限公司&C客户对账单（对账函）");
    const formulas = sheet.rows
      .flatMap((r) => r.map(cellValue))
      .filter((v) => typeof v === "object" && v !== null && "formula" in v);
    // Per statement: three column totals, the balance.
    expect(formulas).toHaveLength(4 * g.documents.length);
  });

  it("warns once for a blank company profile, and once per field for other missing data, naming the customers", () => {
    expect(g.issues).toEqual([]);
    const bare = generateDocuments(["statements"], {
      ledger: imported.ledger,
      analysis,
      policy: DEFAULT_POLICY,
      locale: "zh-CN",
      profile: {},
      customers: ["C0003", "C0004"],
    });
    const profile = bare.issues.filter((i) => i.code === "template.profileMissing");
    expect(profile).toHaveLength(1);
    expect(profile[0].fields).toEqual(
      expect.arrayContaining(["company.name", "company.bank.account"]),
    );
    expect(bare.issues.filter((i) => i.name.startsWith("company."))).toEqual(profile);
    // A ledger without salespeople: one warning for the field, naming both customers.
    const rows = [
      ["Customer", "Invoice", "Invoice date", "Due date", "Amount"],
      ["K1", "I-1", 46000, 46030, 100],
      ["K2", "I-2", 46000, 46030, 200],
    ];
    const plain = importGrids([{ grid: { sheet: "AR", file: null, rows } }]);
    const missing = generateDocuments(["statements"], {
      ledger: plain.ledger,
      analysis: analyze(plain.ledger, AS_OF, DEFAULT_POLICY),
      policy: DEFAULT_POLICY,
      locale: "zh-CN",
      profile: PROFILE,
    }).issues;
    expect(missing).toEqual([
      expect.objectContaining({
        code: "template.missingData",
        name: "customer.salesperson",
        severity: "warning",
        subject: "K1, K2",
      }),
    ]);
  });
});

describe("ar-desk generate", () => {
  it("writes statements into a new workbook, and refuses to write into an input", async () => {
    const out = path.join(dir, "st.xlsx");
    const res = await run(
      "generate",
      "statements",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--company",
      path.join(dir, "company.json"),
      "--lang",
      "en-US",
      "--out",
      out,
    );
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Statements: \d+ documents/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Statements")!;
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    const all = [] as string[];
    ws.eachRow((row) => row.eachCell((c) => all.push(text(c.value))));
    expect(all.some((t) => t.startsWith("Balance due at 30 June 2026: CNY "))).toBe(true);
    const bad = await run("generate", "statements", SAMPLE, "--out", SAMPLE);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/从不写入输入文件|never writes into its inputs/);
  });

  it("stops before writing anything when a template has an unknown placeholder, naming the cell", async () => {
    const templates = path.join(dir, "bad-template.xlsx");
    const spec = builtinTemplates("zh-CN")[0];
    spec.rows[4] = [{ value: "{{customer.nmae}}：" }];
    await writeSpecs(templates, [spec]);
    const out = path.join(dir, "never.xlsx");
    const res = await run("generate", "statements", SAMPLE, "--template", templates, "--out", out);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`${TEMPLATE_SHEETS["zh-CN"].statement}!R5C1`);
    expect(res.stderr).toContain("customer.nmae");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("uses the user's edited template: its wording, its formats", async () => {
    const templates = path.join(dir, "edited.xlsx");
    const made = await run("templates", "--out", templates, "--lang", "zh-CN");
    expect(made.status).toBe(0);
    expect((await run("templates", "--out", templates)).stderr).toMatch(/does not overwrite/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(templates);
    const ws = wb.getWorksheet(TEMPLATE_SHEETS["zh-CN"].statement)!;
    ws.getCell("A5").value = "致 {{customer.name}}（编码 {{customer.code}}）";
    ws.getCell("A5").font = { bold: true, size: 15, color: { argb: "FFC00000" } };
    await wb.xlsx.writeFile(templates);

    const out = path.join(dir, "edited-out.xlsx");
    const res = await run(
      "generate",
      "statements",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--template",
      templates,
      "--customer",
      "C0003",
      "--out",
      out,
    );
    expect(res.status).toBe(0);
    const got = new ExcelJS.Workbook();
    await got.xlsx.readFile(out);
    const sheet = got.getWorksheet("对账单")!;
    expect(text(sheet.getCell("A5").value)).toMatch(/^致 .+（编码 C0003）$/);
    expect(sheet.getCell("A5").font?.size).toBe(15);
    expect(sheet.getCell("A5").font?.color?.argb).toBe("FFC00000");
  });
});

/** A ledger of customers whose names and references are hostile to spreadsheets. */
function hostileBook(): ExcelJS.Workbook {
  const names = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-3-4",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "Name [with]:*?/\\ brackets",
    "客户🙂 emoji 😀 Ltd",
    "شركة الاختبار المحدودة",
    "X".repeat(10_000),
    "A very long customer name that goes on and on ".repeat(6),
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Invoices");
  ws.addRow(["Customer", "Customer name", "Invoice", "Invoice date", "Due date", "Amount"]);
  names.forEach((n, k) => {
    ws.addRow([
      k === 0 ? "=cmd|' /C calc'!A0" : k === 5 ? "A/B:C*D?[E]" : `H${k}`,
      n,
      `=INV-${k}`,
      new Date(Date.UTC(2026, 3, 1)),
      new Date(Date.UTC(2026, 4, 1)),
      1000 + k,
    ]);
  });
  return wb;
}

describe("hostile data", () => {
  const out = () => path.join(dir, "hostile-out.xlsx");
  it("stays text, intact, in every generated sheet", async () => {
    const input = path.join(dir, "hostile.xlsx");
    await hostileBook().xlsx.writeFile(input);
    const out = path.join(dir, "hostile-out.xlsx");
    const res = await run(
      "generate",
      "all",
      input,
      "--as-of",
      "2026-06-30",
      "--lang",
      "en-US",
      "--out",
      out,
    );
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const seen = new Set<string>();
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          const v = c.value;
          if (typeof v === "object" && v !== null && "formula" in v) {
            // Only the templates' own formulas: none carries data text.
            expect(v.formula).not.toMatch(/HYPERLINK|INV-/);
          } else seen.add(text(v));
        }),
      ),
    );
    for (const needle of [
      '=HYPERLINK("http://evil.example","click")',
      "+1+2",
      "@SUM(A1)",
      "=INV-0",
      "客户🙂 emoji 😀 Ltd",
      "شركة الاختبار المحدودة",
      "X".repeat(10_000),
      "=cmd|' /C calc'!A0",
      "A/B:C*D?[E]",
    ]) {
      expect([...seen].find((t) => t.includes(needle))).toBeDefined();
    }
    // One sheet per customer: names made valid and unique from hostile codes.
    const each = path.join(dir, "hostile-each.xlsx");
    const per = await run(
      "generate",
      "statements",
      input,
      "--as-of",
      "2026-06-30",
      "--per-customer",
      "--out",
      each,
    );
    expect(per.stderr).toBe("");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(each);
    const names = book.worksheets.map((w) => w.name);
    expect(names).toHaveLength(10);
    for (const n of names) expect(n).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });

  (libreOffice ? it : it.skip)("the hostile documents print in LibreOffice", () => {
    expect(fs.existsSync(out())).toBe(true);
    const { pages } = toPdf(out(), path.join(dir, "pdf-hostile"));
    expect(pages).toBeGreaterThan(0);
  });
});

const withLibreOffice = libreOffice ? describe : describe.skip;
if (!libreOffice)
  console.warn("LibreOffice (soffice) not installed: recalculation and PDF tests skipped");

withLibreOffice("LibreOffice as an independent engine", () => {
  it("recalculates the aging report's formulas to the engine's figures", async () => {
    const { imported, analysis } = sample();
    const g = generateDocuments(["aging"], {
      ledger: imported.ledger,
      analysis,
      policy: DEFAULT_POLICY,
      locale: "zh-CN",
      profile: {},
    });
    const spec = g.specs[0];
    // Strip the cached results, so only a real recalculation can produce numbers.
    const expected = new Map<string, unknown>();
    const stripped: SheetSpec = {
      ...spec,
      rows: spec.rows.map((row, r) =>
        row.map((raw, c) => {
          const v = cellValue(raw);
          if (typeof v !== "object" || v === null || !("formula" in v)) return raw;
          expected.set(`${r + 1}:${c + 1}`, (v as { result?: unknown }).result);
          return { ...(raw as SpecCell), value: { formula: (v as { formula: string }).formula } };
        }),
      ),
    };
    expect(expected.size).toBeGreaterThan(100);
    const file = path.join(dir, "aging.xlsx");
    await writeSpecs(file, [stripped]);
    const recalculated = recalculate(file, path.join(dir, "recalc"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const ws = wb.worksheets[0];
    let compared = 0;
    let nonzero = 0;
    for (const [key, want] of expected) {
      const [r, c] = key.split(":").map(Number);
      const v = ws.getCell(r, c).value as ExcelJS.CellFormulaValue;
      // ExcelJS reads a recalculated <v>0</v> as no result.
      const got = v.result ?? 0;
      if (typeof want === "number") {
        expect(got as number).toBeCloseTo(want, 6);
        if (want !== 0) nonzero++;
      } else expect(got).toBe(want);
      compared++;
    }
    expect(compared).toBe(expected.size);
    expect(nonzero).toBeGreaterThan(100);
  });

  it("prints the statements to PDF with their Chinese text: a page or more per letter, the company and the balance in words readable", async () => {
    const out = path.join(dir, "all.xlsx");
    const res = await run(
      "generate",
      "statements",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--company",
      path.join(dir, "company.json"),
      "--out",
      out,
    );
    expect(res.status).toBe(0);
    const { pdf, pages } = toPdf(out, path.join(dir, "pdf"));
    const docs = Number(/对账单: (\d+) 份/.exec(res.stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(docs);
    // Read the text back: without CJK fonts every Chinese character prints as an empty box and
    // the text layer holds no Chinese at all, while the page count above would still pass.
    const printed = pdfText(pdf).replace(/\s+/g, "");
    expect(printed).toContain(PROFILE.company.name);
    const { analysis } = sample();
    const cny = analysis.ledger.currencies.indexOf("CNY");
    const largest = analysis.customers
      .filter((c) => c.currency === cny && c.outstanding > 0)
      .sort((a, b) => b.outstanding - a.outstanding)[0];
    const words = amountInWordsZh(largest.outstanding as Minor, "CNY");
    expect(words).toMatch(/[壹贰叁肆伍陆柒捌玖]/);
    expect(printed).toContain(words);
  });
});

describe("every document kind from the sample", () => {
  const { imported, analysis } = sample();
  const g = generateDocuments(["confirmations", "reminders", "plan", "scorecard"], {
    ledger: imported.ledger,
    analysis,
    policy: DEFAULT_POLICY,
    locale: "en-US",
    profile: PROFILE,
  });
  const code = (c: number) => imported.ledger.customers[c].code;
  const cur = (k: number) => imported.ledger.currencies[k];

  it("confirms every customer with something open at its exposure, credit balances included", () => {
    const confirmations = g.documents.filter((d) => d.kind === "confirmation");
    const open = analysis.customers.filter((c) => c.openItems > 0);
    expect(confirmations).toHaveLength(open.length);
    for (const c of open) {
      const doc = confirmations.find(
        (d) => d.customer === code(c.customer) && d.currency === cur(c.currency),
      );
      expect(doc?.balance).toBe(c.exposure);
    }
    expect(confirmations.some((d) => d.balance < 0)).toBe(true);
  });

  it("puts every overdue item not on hold in exactly one dunning letter", () => {
    const letters = g.documents.filter((d) => ["reminder", "notice", "final"].includes(d.kind));
    let expected = 0;
    for (let i = 0; i < imported.ledger.items.length; i++)
      if (analysis.items.overdue[i] && analysis.items.hold[i] === 0) expected++;
    expect(letters.reduce((n, d) => n + d.items, 0)).toBe(expected);
    expect(new Set(letters.map((d) => `${d.customer}/${d.currency}`)).size).toBe(letters.length);
  });

  it("lists every open item once in the plan, sorted by date, with a filter", () => {
    const plan = g.specs.find((s) => s.name === "Collection plan")!;
    const open = [...analysis.position.status].filter(
      (s, i) => s === 1 && analysis.items.outstanding[i] !== 0,
    ).length;
    expect(plan.rows.length - 3).toBe(open);
    expect(plan.autoFilter).toBe(`A3:O${plan.rows.length}`);
    const dates = plan.rows
      .slice(3)
      .map((r) => cellValue(r[0]) as { date: number } | null)
      .filter((d) => d !== null)
      .map((d) => d!.date);
    expect(dates).toEqual([...dates].sort((x, y) => x - y));
  });

  it("gives a scorecard row per salesperson and currency, and totals", () => {
    const card = g.specs.find((s) => s.name === "Scorecard")!;
    const names = card.rows.slice(3).map((r) => cellValue(r[0]));
    expect(names).toContain("Total");
    expect(names.length).toBeGreaterThan(3);
  });
});

withLibreOffice("balance-forward statements", () => {
  it("recalculate, in LibreOffice, to a closing balance equal to the customer's exposure at the period end", async () => {
    const from = serialFromIso("2026-04-01")!;
    const to = serialFromIso("2026-06-30")!;
    const imported = importGrids(loadInputs([SAMPLE], {}));
    const analysis = analyze(imported.ledger, to, DEFAULT_POLICY);
    const g = generateDocuments(["statements"], {
      ledger: imported.ledger,
      analysis,
      policy: DEFAULT_POLICY,
      locale: "zh-CN",
      profile: PROFILE,
      period: { from, to },
      perCustomer: true,
    });
    expect(g.specs.length).toBeGreaterThan(10);
    const file = path.join(dir, "activity.xlsx");
    await writeSpecs(file, g.specs);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculate(file, path.join(dir, "recalc-activity")));
    let checked = 0;
    for (const doc of g.documents) {
      const ws = wb.getWorksheet(doc.sheet)!;
      // The totals row: its last cell holds opening + debits − credits, recalculated.
      let closing: number | null = null;
      ws.eachRow((row) => {
        if (text(row.getCell(1).value) === "本期合计")
          closing = Number((row.getCell(8).value as ExcelJS.CellFormulaValue).result ?? 0);
      });
      const c = positionOf(analysis, doc);
      expect(closing).not.toBeNull();
      expect(closing!).toBeCloseTo((c?.exposure ?? 0) / 100, 2);
      expect(doc.balance).toBe(c?.exposure ?? 0);
      checked++;
    }
    expect(checked).toBe(g.documents.length);
  });
});

describe("many customers", () => {
  it("stacks at most 1,000 documents a sheet (Excel's page-break limit) and names the next sheet", () => {
    const rows: (string | number)[][] = [
      ["Customer", "Invoice", "Invoice date", "Due date", "Amount"],
    ];
    for (let k = 0; k < 1005; k++) rows.push([`K${k}`, `INV-${k}`, 46000, 46030, 100 + k]);
    const imported = importGrids([{ grid: { sheet: "AR", file: null, rows } }]);
    const analysis = analyze(imported.ledger, AS_OF, DEFAULT_POLICY);
    const g = generateDocuments(["statements"], {
      ledger: imported.ledger,
      analysis,
      policy: DEFAULT_POLICY,
      locale: "en-US",
      profile: {},
    });
    expect(g.documents).toHaveLength(1005);
    expect(g.specs.map((s) => s.name)).toEqual(["Statements", "Statements (2)"]);
    expect(g.specs[0].print?.breaksAfter).toHaveLength(999);
    expect(g.specs[1].print?.breaksAfter).toHaveLength(4);
    expect(g.documents.filter((d) => d.sheet === "Statements (2)")).toHaveLength(5);
  });
});
