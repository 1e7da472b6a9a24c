/**
 * Documents at scale (issue 6): statements, confirmations and dunning letters for 1,000
 * customers, generated as SheetSpecs and written to .xlsx by the ExcelJS writer.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeSpecs } from "../src/cli/xlsx-writer";
import { OfficeWorkbook } from "../src/excel";
import { FakeExcel } from "../test/support/fake-excel";
import { analyze } from "../src/core/analyze";
import { DEFAULT_POLICY } from "../src/core/policy";
import { generateDocuments, type DocumentKind } from "../src/sheet/documents";
import { importGrids } from "../src/sheet/import";
import { AS_OF, cacheDir, customerCount, gridRows } from "./data";

export interface DocumentsFigures {
  customers: number;
  rows: number;
  documents: number;
  sheetRows: number;
  generateMs: number;
  writeMs: number;
  totalMs: number;
  bytes: number;
  /** Rows of SheetSpec written per second by the ExcelJS writer. */
  writerRowsPerSecond: number;
  /** The same sheets written through the Office.js adapter, against the fake Excel. */
  office: {
    requests: number;
    largestRequestBytes: number;
    largestEstimatedBytes: number;
    ms: number;
  };
  /** Statements alone (the budget: 1,000 customers' statements to .xlsx in 5 s). */
  statementsMs: number;
}

/** Rows of receivables for which the generator makes about `customers` customers. */
export function rowsForCustomers(customers: number): number {
  let rows = Math.round((customers / 3) ** 2);
  while (customerCount(rows) < customers) rows++;
  return rows;
}

export async function documentsFigures(
  customers = 1000,
  kinds: DocumentKind[] = ["statements", "confirmations", "reminders"],
): Promise<DocumentsFigures> {
  const rows = rowsForCustomers(customers);
  const imported = importGrids([{ grid: { sheet: "AR", file: null, rows: gridRows(rows) } }]);
  const analysis = analyze(imported.ledger, AS_OF, DEFAULT_POLICY);
  const t0 = performance.now();
  const g = generateDocuments(kinds, {
    ledger: imported.ledger,
    analysis,
    policy: DEFAULT_POLICY,
    locale: "zh-CN",
    profile: { company: { name: "基准测试有限公司" } },
  });
  const t1 = performance.now();
  const file = path.join(cacheDir(), `documents-${customers}.xlsx`);
  await writeSpecs(file, g.specs);
  const t2 = performance.now();
  const sheetRows = g.specs.reduce((n, s) => n + s.rows.length, 0);

  const fake = new FakeExcel({ apply: false });
  const book = new OfficeWorkbook(fake.run);
  const t3 = performance.now();
  await book.writeSheets(g.specs);
  const officeMs = performance.now() - t3;

  const t4 = performance.now();
  const st = generateDocuments(["statements"], {
    ledger: imported.ledger,
    analysis,
    policy: DEFAULT_POLICY,
    locale: "zh-CN",
    profile: { company: { name: "基准测试有限公司" } },
  });
  await writeSpecs(path.join(cacheDir(), `statements-${customers}.xlsx`), st.specs);
  const statementsMs = performance.now() - t4;
  return {
    customers: imported.ledger.customers.length,
    rows,
    documents: g.documents.length,
    sheetRows,
    generateMs: t1 - t0,
    writeMs: t2 - t1,
    totalMs: t2 - t0,
    bytes: fs.statSync(file).size,
    writerRowsPerSecond: sheetRows / ((t2 - t1) / 1000),
    office: {
      requests: fake.requests.length,
      largestRequestBytes: Math.max(...fake.requests.map((r) => r.requestBytes)),
      largestEstimatedBytes: book.stats.largestRequest,
      ms: officeMs,
    },
    statementsMs,
  };
}

if (require.main === module) {
  documentsFigures().then((f) => console.log(JSON.stringify(f, null, 1)));
}
