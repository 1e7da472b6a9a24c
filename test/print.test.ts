/**
 * Every generated sheet kind printed through LibreOffice (issue 21): each kind is written to a
 * workbook of its own (so a footer's "page x of y" counts that sheet's pages, as when the sheet
 * is printed), all of them converted to PDF in one soffice run per locale, and the text of each
 * page read back with `pdftotext -layout`. Checked: header words and action texts print whole
 * (not cut by a narrow column, not fused with a neighbour), the page setup holds (one page wide:
 * every row once, the header on every page, page k of N in the footer), no page is blank. A PNG
 * of the first page of each kind is left in test-artifacts/print/ to look at.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadInputs } from "../src/cli/shared";
import { writeSpecs } from "../src/cli/xlsx-writer";
import { analyze, type Analysis } from "../src/core/analyze";
import { serialFromIso } from "../src/core/dates";
import { collectionPlan } from "../src/core/documents";
import type { Locale } from "../src/core/messages";
import { DEFAULT_POLICY } from "../src/core/policy";
import { reportBucketLabels } from "../src/sheet/aging-report";
import { generateDocuments } from "../src/sheet/documents";
import { functionsSheetSpec } from "../src/sheet/functions-sheet";
import { importGrids, type ImportResult } from "../src/sheet/import";
import { reportSpecs } from "../src/sheet/report";
import type { SheetSpec, SpecCell } from "../src/sheet/spec";
import { hasCommand, libreOffice, pdfPages, toPdfs } from "./support/libreoffice";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");
const AS_OF = serialFromIso("2026-06-30")!;
const ARTIFACTS = path.resolve(__dirname, "../test-artifacts/print");
const LOCALES: Locale[] = ["zh-CN", "en-US"];

const canPrint = Boolean(libreOffice) && hasCommand("pdftotext");
if (!canPrint) console.warn("LibreOffice or pdftotext missing: the printed-page tests are skipped");
const withPrinter = canPrint ? describe : describe.skip;

type Kind =
  | "summary"
  | "agingByCustomer"
  | "openItems"
  | "problems"
  | "functions"
  | "plan"
  | "agingReport"
  | "scorecard"
  | "letters";

interface Printed {
  spec: SheetSpec[];
  pages: string[];
}

const cellText = (raw: SheetSpec["rows"][number][number]): string => {
  const v = raw !== null && typeof raw === "object" ? (raw as SpecCell).value : raw;
  return v === null || v === undefined || typeof v === "object" ? "" : String(v);
};

/** The header of a table sheet: the header cells from column A of the first row that has some. */
function headerRow(spec: SheetSpec): string[] {
  const isHead = (c: SheetSpec["rows"][number][number]) =>
    c !== null && typeof c === "object" && (c as SpecCell).fill === "DDEBF7";
  const row = spec.rows.find((r) => r.length > 3 && isHead(r[0]))!;
  const end = row.findIndex((c) => !isHead(c));
  return row.slice(0, end < 0 ? row.length : end).map(cellText);
}

/** Text with the spaces pdftotext puts between glyphs of one word taken out, for CJK. */
const squeeze = (s: string) => s.replace(/\s+/g, "");

const FOOTER: Record<Locale, (k: number, n: number) => RegExp> = {
  "zh-CN": (k, n) => new RegExp(`第\\s*${k}\\s*/\\s*${n}\\s*页`),
  "en-US": (k, n) => new RegExp(`Page ${k} of ${n}\\b`),
};

let dir: string;
let imported: ImportResult;
let analysis: Analysis;
const printed = new Map<string, Printed>();
const key = (locale: Locale, kind: Kind) => `${locale}:${kind}`;

withPrinter("every generated sheet kind, printed", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-print-"));
    imported = importGrids(loadInputs([SAMPLE], {}));
    analysis = analyze(imported.ledger, AS_OF, DEFAULT_POLICY);
    const files: { locale: Locale; kind: Kind; file: string; specs: SheetSpec[] }[] = [];
    for (const locale of LOCALES) {
      const report = reportSpecs(imported, analysis, locale);
      const options = {
        ledger: imported.ledger,
        analysis,
        policy: DEFAULT_POLICY,
        locale,
        profile: {},
      };
      const tables = generateDocuments(["plan", "aging", "scorecard"], options).specs;
      const letters = generateDocuments(["statements", "confirmations", "reminders"], options);
      const kinds: [Kind, SheetSpec[]][] = [
        ["summary", [report[0]]],
        ["agingByCustomer", [report[1]]],
        ["openItems", [report[2]]],
        ["problems", [report[3]]],
        ["functions", [functionsSheetSpec(analysis, locale)]],
        ["plan", [tables[0]]],
        ["agingReport", [tables[1]]],
        ["scorecard", [tables[2]]],
        ["letters", letters.specs],
      ];
      for (const [kind, specs] of kinds) {
        const file = path.join(dir, `${locale}-${kind}.xlsx`);
        await writeSpecs(file, specs);
        files.push({ locale, kind, file, specs });
      }
    }
    const pdfs = toPdfs(
      files.map((f) => f.file),
      path.join(dir, "pdf"),
    );
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    files.forEach((f, k) => {
      printed.set(key(f.locale, f.kind), { spec: f.specs, pages: pdfPages(pdfs[k]) });
      if (hasCommand("pdftoppm"))
        spawnSync("pdftoppm", [
          "-png",
          "-r",
          "70",
          "-f",
          "1",
          "-l",
          "1",
          "-singlefile",
          pdfs[k],
          path.join(ARTIFACTS, `${f.locale}-${f.kind}`),
        ]);
    });
  }, 900_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const tableKinds: Kind[] = [
    "summary",
    "agingByCustomer",
    "openItems",
    "problems",
    "plan",
    "agingReport",
    "scorecard",
  ];

  describe.each(LOCALES)("%s", (locale) => {
    it.each(tableKinds)(
      "%s: one page wide, header words whole on every page, page k of N, no blank page",
      (kind) => {
        const { spec, pages } = printed.get(key(locale, kind))!;
        expect(pages.length).toBeGreaterThan(0);
        const heads = headerRow(spec[0]);
        pages.forEach((page, k) => {
          const body = page.split("\n").filter((l) => l.trim());
          // A footer alone is a blank page.
          expect(body.length).toBeGreaterThan(3);
          expect(page).toMatch(FOOTER[locale](k + 1, pages.length));
          // Each header word on the page, in one piece: a header cut mid-word (`Curre` / `ncy`)
          // or two fused (`CurrenDays`) fails here. The header repeats on every page.
          const words = page.split(/\s+/);
          for (const h of heads)
            for (const w of h.split(/\s+/)) {
              if (/[\u4e00-\u9fff]/.test(w)) expect(squeeze(page)).toContain(w);
              else expect(words).toContain(w);
            }
        });
      },
    );

    it("summary, problems, scorecard and the aging report each fit one page", () => {
      for (const kind of ["summary", "problems", "scorecard", "agingReport"] as Kind[])
        expect([kind, printed.get(key(locale, kind))!.pages.length]).toEqual([kind, 1]);
    });

    it("open items: every item printed once, its days figure apart from the bucket label", () => {
      const { spec, pages } = printed.get(key(locale, "openItems"))!;
      const all = pages.join("\n");
      const refs = spec[0].rows.slice(1).map((r) => cellText(r[0]));
      expect(refs.length).toBeGreaterThan(50);
      for (const ref of refs) expect(all.split(ref).length - 1).toBeGreaterThanOrEqual(1);
      for (const label of reportBucketLabels(analysis, locale)) {
        // `-17未到期` is a fused pair; `-17   未到期` is two columns.
        const fused = new RegExp(`\\d${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
        expect(all).not.toMatch(fused);
      }
    });

    it("open items: document, customer, date and hold stand apart", () => {
      const all = printed.get(key(locale, "openItems"))!.pages.join("\n");
      expect(all).not.toMatch(/-\d{4}C\d{4}/);
      expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}(有争议|已承诺|disputed|promise)/);
      expect(all).toMatch(locale === "zh-CN" ? /有争议/ : /disputed/);
    });

    it("plan: every action text, name and header prints whole", () => {
      const { pages } = printed.get(key(locale, "plan"))!;
      const all = pages.join("\n");
      const plan = collectionPlan(analysis, { locale });
      const actions = new Set(plan.map((r) => r.actionLabel));
      expect(actions.size).toBeGreaterThan(3);
      for (const a of actions) expect(all).toContain(a);
      for (const r of plan) expect(all).toContain(r.customerName);
      // Each plan row printed once: its document number.
      for (const r of plan.filter((p) => p.invoice))
        expect(all.split(r.invoice!).length - 1).toBeGreaterThanOrEqual(1);
    });

    it("scorecard: the document number stands apart, and no line of zeros", () => {
      const { spec, pages } = printed.get(key(locale, "scorecard"))!;
      const docNo = cellText(spec[0].rows[2][3]);
      expect(docNo).toMatch(/^KH-/);
      // The number on a line of its own, not run into the date.
      expect(pages[0]).toMatch(new RegExp(`(^|\\s)${docNo}(\\s|$)`, "m"));
      expect(pages[0]).not.toMatch(new RegExp(`\\d${docNo}`));
      const zeroLine = /\s0\s+0\.00\s+0\.00\s+0\.0%/;
      expect(pages[0]).not.toMatch(zeroLine);
    });

    it("problems: file name, not a path; severities in the report's language", () => {
      const { pages } = printed.get(key(locale, "problems"))!;
      const all = pages.join("\n");
      expect(all).toContain("sample.xlsx");
      expect(all).not.toContain(path.dirname(SAMPLE));
      if (locale === "zh-CN") {
        expect(all).toMatch(/错误/);
        expect(all).not.toMatch(/\b(error|warning|info)\b/);
      } else expect(all).toMatch(/\bError\b/);
      // Place and message side by side: every problem's row number and message on one line.
      for (const p of imported.problems.filter((q) => q.source)) {
        const line = all
          .split("\n")
          .find((l) => l.includes("sample.xlsx") && new RegExp(`\\s${p.source!.row}\\s`).test(l));
        expect(line).toBeDefined();
      }
    });

    it("functions sheet: prints only its note, never #NAME?", () => {
      const { pages } = printed.get(key(locale, "functions"))!;
      expect(pages.length).toBe(1);
      // The note names #NAME? once; no formula result (and no data row) is printed.
      expect(pages[0].split("#NAME?").length - 1).toBeLessThanOrEqual(1);
      expect(pages[0]).not.toMatch(/XS\d{6}-\d{4}/);
      expect(pages[0]).toContain(locale === "zh-CN" ? "加载项" : "add-in");
    });

    it("aging report: a credits column, and each customer's row ties out", () => {
      const { pages } = printed.get(key(locale, "agingReport"))!;
      expect(pages[0]).toContain(locale === "zh-CN" ? "贷项" : "Credits");
    });

    it("letters: each document starts a page, no page is blank", () => {
      const { spec, pages } = printed.get(key(locale, "letters"))!;
      const breaks = spec.reduce((n, s) => n + (s.print?.breaksAfter?.length ?? 0) + 1, 0);
      expect(pages.length).toBeGreaterThanOrEqual(breaks);
      for (const page of pages)
        expect(page.split("\n").filter((l) => l.trim()).length).toBeGreaterThan(3);
      // Many letters on one sheet: no "page 7 of 40" counting other customers' letters.
      const pageOf = locale === "zh-CN" ? /第 \d+ \/ \d+ 页/ : /Page \d+ of \d+/;
      expect(pages.filter((page) => pageOf.test(page))).toEqual([]);
    });
  });
});

describe("aging report: credits in their own column", () => {
  it.each(LOCALES)("%s: each customer row ties out: buckets + credits = total", (locale) => {
    const imp = importGrids(loadInputs([SAMPLE], {}));
    const a = analyze(imp.ledger, AS_OF, DEFAULT_POLICY);
    const [spec] = generateDocuments(["aging"], {
      ledger: imp.ledger,
      analysis: a,
      policy: DEFAULT_POLICY,
      locale,
      profile: {},
    }).specs;
    const nb = a.labels.length;
    const result = (c: SheetSpec["rows"][number][number]) =>
      ((c as SpecCell).value as { result: number }).result;
    let rows = 0;
    let withCredits = 0;
    for (const row of spec.rows) {
      const code = cellText(row[0]);
      if (!/^C\d{4}$/.test(code)) continue;
      const buckets = row.slice(3, 3 + nb).map(result);
      const credits = result(row[3 + nb]);
      const total = result(row[4 + nb]);
      const overdue = result(row[5 + nb]);
      for (const b of buckets) expect(b).toBeGreaterThanOrEqual(0);
      expect(credits).toBeLessThanOrEqual(0);
      expect(buckets.reduce((s, b) => s + b, 0) + credits).toBeCloseTo(total, 2);
      // Overdue counts debit items only, so it never exceeds their buckets' sum.
      expect(overdue).toBeLessThanOrEqual(buckets.reduce((s, b) => s + b, 0) + 0.005);
      rows++;
      if (credits < 0) withCredits++;
    }
    expect(rows).toBeGreaterThan(30);
    // The sample has customers with returns or unapplied cash: the case the column is for.
    expect(withCredits).toBeGreaterThan(3);
  });
});
