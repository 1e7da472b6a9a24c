/**
 * Every Excel JavaScript API member the adapter (src/excel) uses, with the ExcelApi requirement
 * set the typings give it (@types/office-js: `[Api set: ExcelApi 1.x]`), against the minimum
 * manifest.xml declares. A member above the minimum must sit behind an `excelApiSupported` /
 * `isSetSupported` check of at least its version (see test/support/api-sets.ts), or the
 * minimum must rise.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EXCEL_API_MINIMUM, OPTIONAL_FEATURES } from "../../src/excel/requirements";
import { compareVersions, scanExcelApiUse, type ApiUse } from "../support/api-sets";

const ROOT = path.resolve(__dirname, "../..");
const EXCEL_DIR = path.join(ROOT, "src/excel");
// The in-process fake for tests and benchmarks is not part of the add-in's bundle (index.ts).
const ADAPTER = fs
  .readdirSync(EXCEL_DIR)
  .filter((f) => f.endsWith(".ts") && f !== "fake-excel.ts")
  .map((f) => path.join(EXCEL_DIR, f));

// A fixture proving the scan can fail: one unguarded 1.13 call, one guarded, one guarded by a
// check of too low a version.
const FIXTURE = `
declare function excelApiSupported(version: string): boolean;
export function unguarded(r: Excel.Range) { return r.getMergedAreasOrNullObject(); }
export function guarded(r: Excel.Range) {
  if (excelApiSupported("1.13")) return r.getMergedAreasOrNullObject();
  return null;
}
export function tooLow(r: Excel.Range) {
  return Office.context.requirements.isSetSupported("ExcelApi", "1.12") && r.getMergedAreasOrNullObject();
}
export function loads(ws: Excel.Worksheet) { ws.customProperties.load("items/key"); ws.load("showGridlines"); }
`;

const GOLDEN = path.join(__dirname, "golden", "excel-api-sets.txt");

const declared = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"\s*\/>/.exec(
  fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"),
)?.[1];

let adapter: ApiUse[] = [];
let fixture: ApiUse[] = [];

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-api-sets-"));
  const fixtureFile = path.join(dir, "fixture.ts");
  fs.writeFileSync(fixtureFile, FIXTURE);
  try {
    const uses = scanExcelApiUse(ROOT, [...ADAPTER, fixtureFile]);
    const rel = path.relative(ROOT, fixtureFile);
    adapter = uses.filter((u) => u.file !== rel);
    fixture = uses.filter((u) => u.file === rel);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

const needsGuard = (u: ApiUse) => compareVersions(u.set, declared ?? "1.1") > 0;
const guardedEnough = (u: ApiUse) => !!u.guardedBy && compareVersions(u.guardedBy, u.set) >= 0;

describe("Excel API requirement sets", () => {
  test("manifest.xml declares ExcelApi at the adapter's minimum", () => {
    expect(declared).toBe(EXCEL_API_MINIMUM);
  });

  test("the scan reads the sets from the typings and tells guarded uses from unguarded", () => {
    const merged = fixture.filter((u) => u.api === "Excel.Range.getMergedAreasOrNullObject");
    expect(merged.map((u) => [u.set, u.guardedBy ?? null])).toEqual([
      ["1.13", null],
      ["1.13", "1.13"],
      ["1.13", "1.12"],
    ]);
    expect(merged.filter((u) => !guardedEnough(u)).length).toBe(2);
    // load("…") strings, through `items/`.
    expect(fixture.map((u) => `${u.api} ${u.set}`)).toEqual(
      expect.arrayContaining([
        "Excel.Worksheet.customProperties 1.12",
        "Excel.WorksheetCustomProperty.key 1.12",
        "Excel.Worksheet.showGridlines 1.8",
      ]),
    );
  });

  test("the adapter's uses are found (its known landmarks)", () => {
    const sets = new Map(adapter.map((u) => [u.api, u.set]));
    expect(sets.get("Excel.Range.values")).toBe("1.1");
    expect(sets.get("Excel.Worksheet.getRangeByIndexes")).toBe("1.7");
    expect(sets.get("Excel.Worksheet.onChanged")).toBe("1.7");
    expect(sets.get("Excel.Worksheet.pageLayout")).toBe("1.9");
    expect(sets.get("Excel.Range.getCellProperties")).toBe("1.9");
    expect(sets.get("Excel.Worksheet.customProperties")).toBe("1.12");
    expect(sets.get("Excel.Range.getMergedAreasOrNullObject")).toBe("1.13");
  });

  test("no API above the declared minimum is used without a guard", () => {
    const unguarded = adapter
      .filter((u) => needsGuard(u) && !guardedEnough(u))
      .map((u) => `${u.file}:${u.line} ${u.api} needs ExcelApi ${u.set}`);
    expect(unguarded).toEqual([]);
  });

  test("every guarded feature is one the pane can name as unavailable", () => {
    const guardedSets = new Set(adapter.filter(needsGuard).map((u) => u.set));
    const named = new Set<string>(Object.values(OPTIONAL_FEATURES));
    expect([...guardedSets].filter((s) => !named.has(s))).toEqual([]);
  });

  test("the list of every Excel API the adapter uses, by requirement set (golden)", () => {
    // After a deliberate change: UPDATE_GOLDEN=1 npx jest test/excel/api-sets.test.ts
    const bySet = new Map<string, Set<string>>();
    for (const u of adapter) {
      if (!bySet.has(u.set)) bySet.set(u.set, new Set());
      bySet.get(u.set)!.add(u.api);
    }
    const list = [...bySet]
      .sort(([a], [b]) => compareVersions(b, a))
      .map(
        ([set, apis]) =>
          `ExcelApi ${set}\n${[...apis]
            .sort()
            .map((a) => `  ${a}\n`)
            .join("")}`,
      )
      .join("");
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, list);
    expect(list).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });
});
