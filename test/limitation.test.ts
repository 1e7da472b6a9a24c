/**
 * The limitation watch through `ar-desk analyze`: a claim whose 3-year period ends within 180
 * days is flagged from its due date; a demand letter recorded in the collection log restarts the
 * period and the flag goes.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderSpecs } from "../src/cli/xlsx-writer";
import { AnalyzeJson } from "../src/cli/json";
import { collectionLogSpec } from "../src/sheet/collection-log";
import { run } from "./support/cli";

let dir: string;
let csv: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-limitation-"));
  csv = path.join(dir, "ar.csv");
  fs.writeFileSync(
    csv,
    [
      "Customer,Invoice,Invoice date,Due date,Amount",
      "OLD,INV-1,2023-08-01,2023-09-01,1000.00", // ends 2026-09-01: 63 days after the as-of date
      "OLDER,INV-2,2023-01-01,2023-02-01,500.00", // ended 2026-02-01
      "NEW,INV-3,2026-05-01,2026-06-01,250.00", // ends 2029
    ].join("\n") + "\n",
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function json(...more: string[]) {
  const r = await run("analyze", csv, "--as-of", "2026-06-30", "--json", ...more);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return AnalyzeJson.parse(JSON.parse(r.stdout));
}

test("flags claims nearing or past the end of the 3-year period, from the due date", async () => {
  const doc = await json();
  expect(doc.insight?.limitation).toEqual([
    expect.objectContaining({ invoice: "INV-2", ends: "2026-02-01", status: "expired" }),
    expect.objectContaining({
      invoice: "INV-1",
      from: "2023-09-01",
      startsFrom: "due",
      ends: "2026-09-01",
      daysLeft: 63,
      status: "soon",
    }),
  ]);
  const text = await run("analyze", csv, "--as-of", "2026-06-30", "--lang", "en-US");
  expect(text.stdout).toContain(
    "Limitation: 1 claim ends within 180 days (1,000.00), 1 has ended (500.00)",
  );
});

test("a demand letter in the collection log restarts the period", async () => {
  const wb = new ExcelJS.Workbook();
  renderSpecs(wb, [collectionLogSpec("en-US", 5)]);
  const ws = wb.worksheets[0];
  ["2025-03-10", "OLD", "INV-1", "letter", "Li", "no answer"].forEach(
    (v, c) => (ws.getCell(2, c + 1).value = v),
  );
  const log = path.join(dir, "log.xlsx");
  await wb.xlsx.writeFile(log);
  const doc = await json("--log", log);
  expect(doc.insight?.limitation?.map((e) => e.invoice)).toEqual(["INV-2"]);
});
