/**
 * The "native formulas" peer: the workbook a user builds by hand for the same aging, recalculated
 * headless by LibreOffice.
 *
 * - 应收明细: the tidied export (the clean rows: no blank, 小计, note or #N/A rows, dirty text
 *   turned into numbers and dates), plus three columns filled down: 未收余额 `=I2-J2`, 逾期天数
 *   `=$P$1-G2` (P1 holds the as-of date) and 账龄段, a nested IF;
 * - 客户账龄 (first sheet): one row per customer and currency, SUMIFS per bucket and a total.
 *
 * Every formula is written with a wrong cached result (a sentinel), so a file that LibreOffice
 * saved without recalculating is caught, not believed. The recalculated summary is read back
 * with ExcelJS and compared, to the cent, with ar-desk's per-customer figures.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { AS_OF, cacheDir, CURRENCIES, generateRows, HEADERS, makeCustomers } from "./data";

/** Cached results written into every formula; a recalculated file holds none of them. */
export const SENTINEL_NUMBER = -987654.21;
export const SENTINEL_TEXT = "未重算";
export const BUCKETS = ["未到期", "1-30天", "31-60天", "61-90天", "90天以上"] as const;
const SUMMARY_SHEET = "客户账龄";
const DATA_SHEET = "应收明细";

export interface NativeWorkbook {
  file: string;
  dataRows: number;
  /** (customer code, currency text) in summary row order (row 2 onwards). */
  pairs: [string, string][];
  formulas: number;
}

const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * What the formula workbook of `rows` rows holds, without writing it: its data rows (the clean
 * ones) and its summary rows, one per (customer code, currency text) in customer order.
 */
export function nativeShape(rows: number): { dataRows: number; pairs: [string, string][] } {
  const customers = makeCustomers(rows);
  const present = new Set<number>();
  let dataRows = 0;
  for (const row of generateRows(rows, customers)) {
    if (!row.clean) continue;
    dataRows++;
    present.add(row.clean.customer * 2 + row.clean.currency);
  }
  const pairs: [string, string][] = [...present]
    .sort((a, b) => a - b)
    .map((k) => [customers[k >> 1].code, CURRENCIES[k & 1]]);
  return { dataRows, pairs };
}

/**
 * Writes (or finds in the cache) the formula workbook for the sheet of `rows` rows. ExcelJS's
 * streaming writer holds this sheet in memory until it is committed (its formula cells do not
 * reach the zip as they are added), so at a full sheet it takes minutes and gigabytes; the
 * LibreOffice section only asks for it when it will recalculate that size.
 */
export async function ensureNativeWorkbook(
  rows: number,
  log: (s: string) => void,
): Promise<NativeWorkbook> {
  const file = path.join(cacheDir(), `native-${rows}.xlsx`);
  const metaFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(metaFile)) {
    return {
      file,
      ...(JSON.parse(fs.readFileSync(metaFile, "utf8")) as Omit<NativeWorkbook, "file">),
    };
  }
  log(`writing the native-formula workbook for ${rows.toLocaleString("en")} rows…`);
  const customers = makeCustomers(rows);
  const { dataRows, pairs } = nativeShape(rows);

  const tmp = `${file}.${process.pid}.tmp`;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: tmp,
    useSharedStrings: true,
    useStyles: true,
  });
  const last = dataRows + 1;
  const range = (col: string) => `${DATA_SHEET}!$${col}$2:$${col}$${last}`;
  const summary = book.addWorksheet(SUMMARY_SHEET);
  summary.addRow(["客户编码", "币种", ...BUCKETS, "合计"]).commit();
  let formulas = 0;
  pairs.forEach(([code, currency], k) => {
    const r = k + 2;
    const sumifs = (bucketCell: string | null) =>
      `SUMIFS(${range("L")},${range("B")},$A${r},${range("H")},$B${r}` +
      (bucketCell ? `,${range("N")},${bucketCell})` : ")");
    const cells: ExcelJS.CellValue[] = [code, currency];
    for (const col of ["C", "D", "E", "F", "G"]) {
      cells.push({ formula: sumifs(`${col}$1`), result: SENTINEL_NUMBER });
    }
    cells.push({ formula: sumifs(null), result: SENTINEL_NUMBER });
    formulas += 6;
    summary.addRow(cells).commit();
  });
  summary.commit();

  const data = book.addWorksheet(DATA_SHEET);
  // P1 holds the as-of date as a serial (a number: no time zone involved).
  data.addRow([...HEADERS, "未收余额", "逾期天数", "账龄段", "基准日", AS_OF]).commit();
  let r = 1;
  for (const row of generateRows(rows, customers)) {
    const c = row.clean;
    if (!c) continue;
    r++;
    const cust = customers[c.customer];
    data
      .addRow([
        c.ref,
        cust.code,
        cust.name,
        cust.salesperson,
        c.invoiceDate,
        cust.terms.label,
        c.dueDate,
        CURRENCIES[c.currency],
        c.amount / 100,
        c.paid === null ? null : c.paid / 100,
        c.settled === 0 ? null : c.settled,
        { formula: `I${r}-J${r}`, result: SENTINEL_NUMBER },
        { formula: `$P$1-G${r}`, result: SENTINEL_NUMBER },
        {
          formula:
            `IF(M${r}<=0,"${BUCKETS[0]}",IF(M${r}<=30,"${BUCKETS[1]}",` +
            `IF(M${r}<=60,"${BUCKETS[2]}",IF(M${r}<=90,"${BUCKETS[3]}","${BUCKETS[4]}"))))`,
          result: SENTINEL_TEXT,
        },
      ])
      .commit();
    formulas += 3;
    if (r % 20000 === 0) await breathe();
  }
  data.commit();

  await book.commit();
  fs.renameSync(tmp, file);
  const meta = { dataRows, pairs, formulas };
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  return { file, ...meta };
}

export interface LibreOffice {
  binary: string;
  version: string;
}

/** The soffice binary and its version, or null when LibreOffice is not installed. */
export function findLibreOffice(): LibreOffice | null {
  for (const binary of ["soffice", "libreoffice"]) {
    const res = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 60_000 });
    if (res.status === 0) return { binary, version: res.stdout.trim() };
  }
  return null;
}

/**
 * A LibreOffice user profile whose only setting is Calc's "recalculation on file load" for
 * Excel 2007+ files: org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode, 0 = always,
 * 1 = never (LibreOffice's default), 2 = ask.
 */
export function profileDir(mode: 0 | 1, tag = ""): string {
  const dir = path.join(cacheDir(), `lo-profile-recalc${mode}${tag}`);
  const user = path.join(dir, "user");
  fs.mkdirSync(user, { recursive: true });
  const xcu = path.join(user, "registrymodifications.xcu");
  const item =
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load">` +
    `<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>`;
  // LibreOffice rewrites this file on exit, keeping our item; only (re)write it when it is lost.
  const current = fs.existsSync(xcu) ? fs.readFileSync(xcu, "utf8") : "";
  if (!current.includes(item)) {
    fs.writeFileSync(
      xcu,
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
        `<oor:items xmlns:oor="http://openoffice.org/2001/registry" ` +
        `xmlns:xs="http://www.w3.org/2001/XMLSchema" ` +
        `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${item}\n</oor:items>\n`,
    );
  }
  return dir;
}

export interface Conversion {
  ok: boolean;
  ms: number;
  output: string;
  command: string;
  message: string | null;
  timedOut: boolean;
}

/** `soffice --headless --convert-to xlsx` of `file` into `outDir`, timed. */
export function convert(
  lo: LibreOffice,
  file: string,
  outDir: string,
  mode: 0 | 1,
  timeoutMs: number,
  profileTag = "",
): Conversion {
  fs.mkdirSync(outDir, { recursive: true });
  const output = path.join(outDir, path.basename(file));
  fs.rmSync(output, { force: true });
  const args = [
    `-env:UserInstallation=file://${profileDir(mode, profileTag)}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    "--convert-to",
    "xlsx:Calc MS Excel 2007 XML",
    "--outdir",
    outDir,
    file,
  ];
  const command = [lo.binary, ...args.map((a) => (/[\s:]/.test(a) ? `"${a}"` : a))].join(" ");
  const t = performance.now();
  const res = spawnSync(lo.binary, args, { encoding: "utf8", timeout: timeoutMs });
  const ms = performance.now() - t;
  const timedOut =
    res.error !== undefined && (res.error as NodeJS.ErrnoException).code === "ETIMEDOUT";
  const ok = res.status === 0 && fs.existsSync(output);
  const message = ok
    ? null
    : timedOut
      ? `timed out after ${Math.round(timeoutMs / 1000)} s`
      : (res.stderr || res.stdout || String(res.error ?? `exit ${res.status}`))
          .trim()
          .split("\n")[0];
  return { ok, ms, output, command, message, timedOut };
}

export interface SummaryRow {
  code: string;
  currency: string;
  /** Five buckets then the total, in major units as LibreOffice computed them. */
  values: (number | string | null)[];
}

/**
 * The 客户账龄 sheet of a converted workbook, read with ExcelJS's streaming reader (it is the
 * first sheet, so the big data sheet after it is never parsed).
 */
export async function readSummary(file: string): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number === 1) continue;
      const v = (c: number): number | string | null => {
        const cell = row.getCell(c).value;
        if (cell === null || cell === undefined) return null;
        if (typeof cell === "object" && "formula" in cell) {
          // ExcelJS drops a cached result of 0 (`<v>0</v>`): a formula without one is a 0. A
          // file saved without recalculation would still hold the sentinel, never nothing.
          const res = (cell as ExcelJS.CellFormulaValue).result ?? 0;
          return typeof res === "number" || typeof res === "string" ? res : null;
        }
        return typeof cell === "number" || typeof cell === "string" ? cell : String(cell);
      };
      rows.push({
        code: String(v(1) ?? ""),
        currency: String(v(2) ?? ""),
        values: [3, 4, 5, 6, 7, 8].map(v),
      });
    }
    break; // only the first sheet
  }
  return rows;
}

/** ar-desk's figures per customer and currency, from `analyze --json` (major units). */
export interface ArDeskPosition {
  customer: string;
  currency: string | null;
  outstanding: number;
  buckets: Record<string, number>;
}

export interface Verification {
  /** Summary rows read back. */
  rows: number;
  /** Cells still holding the sentinel (not recalculated). */
  stale: number;
  /** Figures compared (5 buckets + total per row) and those off by a cent or more. */
  compared: number;
  mismatches: number;
  examples: string[];
  /** A few rows shown side by side, for the report. */
  samples: { customer: string; currency: string; libreOffice: number; arDesk: number }[];
  ok: boolean;
}

const CURRENCY_CODE: Record<string, string> = { 人民币: "CNY", 美元: "USD" };

export function verify(
  summary: SummaryRow[],
  expectedPairs: [string, string][],
  arDesk: ArDeskPosition[],
  labels: string[],
): Verification {
  const byKey = new Map<string, ArDeskPosition>();
  for (const p of arDesk) byKey.set(`${p.customer.trim()}|${p.currency}`, p);
  const out: Verification = {
    rows: summary.length,
    stale: 0,
    compared: 0,
    mismatches: 0,
    examples: [],
    samples: [],
    ok: false,
  };
  summary.forEach((row, k) => {
    const [code, currency] = expectedPairs[k] ?? ["?", "?"];
    const mine = byKey.get(`${code}|${CURRENCY_CODE[currency]}`);
    const expected = mine
      ? [...labels.map((l) => mine.buckets[l] ?? 0), mine.outstanding]
      : [0, 0, 0, 0, 0, 0];
    row.values.forEach((v, c) => {
      out.compared++;
      if (v === SENTINEL_NUMBER || v === SENTINEL_TEXT) out.stale++;
      const lo = typeof v === "number" ? Math.round(v * 100) : NaN;
      if (lo !== Math.round(expected[c] * 100)) {
        out.mismatches++;
        if (out.examples.length < 5) {
          out.examples.push(
            `${code} ${currency} col ${c + 3}: LibreOffice ${v}, ar-desk ${expected[c]}`,
          );
        }
      }
    });
    if (row.code !== "" && row.code !== code) {
      out.mismatches++;
      if (out.examples.length < 5)
        out.examples.push(`row ${k + 2}: ${row.code} where ${code} was written`);
    }
    if (k < 3 || k === summary.length - 1) {
      out.samples.push({
        customer: code,
        currency,
        libreOffice: typeof row.values[5] === "number" ? row.values[5] : NaN,
        arDesk: expected[5],
      });
    }
  });
  out.ok =
    out.rows === expectedPairs.length && out.rows > 0 && out.stale === 0 && out.mismatches === 0;
  return out;
}
