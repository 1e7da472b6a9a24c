/**
 * The benchmark's data: a seeded generator of realistic receivables (an ERP's 应收明细 export),
 * written as .xlsx (ExcelJS streaming writer) and .csv into a cache under os.tmpdir(), and
 * regenerated only when missing.
 *
 * One sheet, header in row 1, `rows` rows under it (1,048,575 fills a sheet). Customers have a
 * salesperson, terms (月结30天, Net 60, 30天…) and a currency profile (人民币, 美元, or both);
 * invoices are mostly settled, some partly paid, 3% are credit notes (红字, negative amounts).
 * Dirty cells, as an export really has them, and rows that are not invoices:
 * - amounts as text (`¥12,345.60`, `12,345.60元`, `1,234.50`), dates as text (`2024/3/5`,
 *   `2024年3月5日`, `20240305`), customer codes with trailing spaces: read by ar-desk as values;
 * - blank rows, 小计 rows and a note line: skipped; rows whose amount is `#N/A`: rejected.
 *
 * Every row also comes out "clean" (the values a user would have after tidying the export by
 * hand), which is what the native-formula workbook and the checks use.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { endOfMonthSerial, isoFromSerial, serialFromIso, ymdFromSerial } from "../src/core/dates";
import type { CellValue } from "../src/sheet/grid";
import { writeStreamedSheet } from "./xlsx-stream";

/** Bump when the generator's output changes, so stale caches are not reused. */
/** Part of the cache key: 2 = the .xlsx written by xlsx-stream.ts (was ExcelJS's streaming writer). */
export const GENERATOR_VERSION = 2;
export const SEED = 20250630;
export const AS_OF_ISO = "2025-06-30";
export const AS_OF = serialFromIso(AS_OF_ISO) as number;

export const HEADERS = [
  "单据编号",
  "客户编码",
  "客户名称",
  "业务员",
  "业务日期",
  "付款条件",
  "到期日",
  "币种",
  "价税合计",
  "已收金额",
  "结清日期",
] as const;
export const COL = {
  ref: 0,
  customer: 1,
  name: 2,
  salesperson: 3,
  invoiceDate: 4,
  terms: 5,
  dueDate: 6,
  currency: 7,
  amount: 8,
  paid: 9,
  settled: 10,
} as const;
const DATE_COLUMNS = new Set<number>([COL.invoiceDate, COL.dueDate, COL.settled]);
const MONEY_COLUMNS = new Set<number>([COL.amount, COL.paid]);
export const CURRENCIES = ["人民币", "美元"] as const;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TermsOption {
  label: string;
  days: number;
  monthEnd: boolean;
  weight: number;
}
const TERMS: TermsOption[] = [
  { label: "月结30天", days: 30, monthEnd: true, weight: 4 },
  { label: "月结60天", days: 60, monthEnd: true, weight: 3 },
  { label: "月结90天", days: 90, monthEnd: true, weight: 1 },
  { label: "Net 30", days: 30, monthEnd: false, weight: 2 },
  { label: "Net 60", days: 60, monthEnd: false, weight: 1 },
  { label: "30天", days: 30, monthEnd: false, weight: 2 },
  { label: "60天", days: 60, monthEnd: false, weight: 1 },
  { label: "货到付款", days: 0, monthEnd: false, weight: 1 },
];
const CITIES = [..."沪京深穗杭苏宁甬锡蓉汉津青厦肥湘"].map(
  (c) =>
    ({
      沪: "上海",
      京: "北京",
      深: "深圳",
      穗: "广州",
      杭: "杭州",
      苏: "苏州",
      宁: "南京",
      甬: "宁波",
      锡: "无锡",
      蓉: "成都",
      汉: "武汉",
      津: "天津",
      青: "青岛",
      厦: "厦门",
      肥: "合肥",
      湘: "长沙",
    })[c] as string,
);
const BRANDS = ["华信", "恒达", "金源", "宏图", "瑞丰", "鼎盛", "汇通", "博远", "永安", "新辉"];
const TRADES = ["贸易", "科技", "机械制造", "电子", "实业", "进出口", "精密", "物流"];
const WESTERN = ["Pacific", "Atlas", "Northwind", "Meridian", "Harbor", "Summit", "Keystone"];
const WESTERN_KIND = ["Trading LLC", "Industries Inc.", "GmbH", "Pte. Ltd.", "Corp."];
const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "强", "丽", "涛"];

export interface Customer {
  code: string;
  name: string;
  salesperson: string;
  terms: TermsOption;
  /** 0: 人民币 only, 1: 美元 only, 2: both (70% 人民币). */
  profile: 0 | 1 | 2;
}

/** Customers for a sheet of `rows` rows: about 3·√rows of them (300 at 10k, 3,072 at 1M). */
export function customerCount(rows: number): number {
  return Math.max(20, Math.round(3 * Math.sqrt(rows)));
}

export function makeCustomers(rows: number, seed = SEED): Customer[] {
  const r = rng(seed ^ 0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const salespeople = Array.from({ length: 30 }, () => pick(SURNAMES) + pick(GIVEN) + pick(GIVEN));
  const totalWeight = TERMS.reduce((s, t) => s + t.weight, 0);
  const n = customerCount(rows);
  return Array.from({ length: n }, (_, k) => {
    const u = r();
    const profile: 0 | 1 | 2 = u < 0.85 ? 0 : u < 0.95 ? 1 : 2;
    let w = r() * totalWeight;
    let terms = TERMS[0];
    for (const t of TERMS) {
      w -= t.weight;
      if (w < 0) {
        terms = t;
        break;
      }
    }
    const name =
      profile === 1
        ? `${pick(WESTERN)} ${pick(WESTERN_KIND)}`
        : `${pick(CITIES)}${pick(BRANDS)}${pick(TRADES)}有限公司`;
    return {
      code: "C" + String(k + 1).padStart(5, "0"),
      name,
      salesperson: pick(salespeople),
      terms,
      profile,
    };
  });
}

export type RowKind = "invoice" | "credit" | "blank" | "subtotal" | "note" | "bad";

/** An invoice or credit note as it really is (what a careful user would have after tidying). */
export interface CleanRow {
  ref: string;
  customer: number;
  /** Index into CURRENCIES. */
  currency: 0 | 1;
  invoiceDate: number;
  dueDate: number;
  /** Minor units (分/cents); negative for a credit note. */
  amount: number;
  /** Minor units received, null when blank. */
  paid: number | null;
  /** Serial, 0 when not settled. */
  settled: number;
}

export interface GenRow {
  kind: RowKind;
  /** The row as the .xlsx holds it: numbers for dates and amounts, text where the export is dirty. */
  cells: CellValue[];
  /** Null for rows that are not invoices (and for the rejected #N/A rows). */
  clean: CleanRow | null;
}

const money = (minor: number): number => minor / 100;
const grouped = (minor: number): string =>
  (minor / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The rows of a sheet of `rows` data rows, deterministically from the seed. */
export function* generateRows(rows: number, customers: Customer[], seed = SEED): Generator<GenRow> {
  const r = rng(seed);
  const n = customers.length;
  const eom = new Map<number, number>();
  let running = 0;
  for (let i = 0; i < rows; i++) {
    const u = r();
    if (u < 0.0002) {
      yield { kind: "blank", cells: [], clean: null };
      continue;
    }
    if (u < 0.00035) {
      const cells: CellValue[] = new Array(HEADERS.length).fill(null);
      cells[COL.ref] = "小计";
      cells[COL.amount] = money(running);
      running = 0;
      yield { kind: "subtotal", cells, clean: null };
      continue;
    }
    if (u < 0.0004) {
      yield {
        kind: "note",
        cells: ["注：本表由ERP导出，金额单位：元；红字为退货冲销"],
        clean: null,
      };
      continue;
    }
    // Big customers get more invoices: a skewed pick.
    const c = Math.min(n - 1, Math.floor(r() ** 2.2 * n));
    const cust = customers[c];
    const currency: 0 | 1 = cust.profile === 2 ? (r() < 0.7 ? 0 : 1) : cust.profile === 0 ? 0 : 1;
    const age = Math.floor(r() ** 1.7 * 720);
    const inv = AS_OF - age;
    let monthEnd = eom.get(inv);
    if (monthEnd === undefined) eom.set(inv, (monthEnd = endOfMonthSerial(inv)));
    const due = (cust.terms.monthEnd ? monthEnd : inv) + cust.terms.days;
    const credit = r() < 0.03;
    let amount: number;
    let paid: number | null = null;
    let settled = 0;
    if (credit) {
      amount = -Math.round(10 ** (3 + 2.5 * r()));
    } else {
      amount = Math.round(10 ** (4 + 3.3 * r()) / (currency === 1 ? 7 : 1));
      const pastDue = AS_OF - due;
      const pSettled = pastDue <= 0 ? 0.15 : Math.min(0.97, 0.45 + pastDue / 150);
      if (r() < pSettled) {
        const late = Math.round(-10 + r() * r() * 120);
        settled = Math.max(inv, Math.min(AS_OF, due + late));
        paid = amount;
      } else if (r() < 0.2) {
        paid = Math.round(amount * (0.2 + 0.6 * r()));
      }
    }
    const ref = (credit ? "HZ" : "XS") + String(i + 1).padStart(8, "0");
    const clean: CleanRow = {
      ref,
      customer: c,
      currency,
      invoiceDate: inv,
      dueDate: due,
      amount,
      paid,
      settled,
    };
    running += amount;

    const cells: CellValue[] = [
      ref,
      cust.code,
      cust.name,
      cust.salesperson,
      inv,
      cust.terms.label,
      due,
      CURRENCIES[currency],
      money(amount),
      paid === null ? null : money(paid),
      settled === 0 ? null : settled,
    ];
    if (u < 0.00045) {
      cells[COL.amount] = { error: "#N/A" };
      yield { kind: "bad", cells, clean: null };
      continue;
    }
    const d = r();
    if (d < 0.001) cells[COL.amount] = currency === 0 ? `¥${grouped(amount)}` : grouped(amount);
    else if (d < 0.0015 && currency === 0) cells[COL.amount] = `${grouped(amount)}元`;
    else if (d < 0.0025) {
      const { year, month, day } = ymdFromSerial(inv);
      cells[COL.invoiceDate] = `${year}/${month}/${day}`;
    } else if (d < 0.003) {
      const { year, month, day } = ymdFromSerial(inv);
      cells[COL.invoiceDate] = `${year}年${month}月${day}日`;
    } else if (d < 0.0035) cells[COL.dueDate] = isoFromSerial(due).replace(/-/g, "");
    else if (d < 0.004) cells[COL.customer] = `${cust.code}   `;
    yield { kind: credit ? "credit" : "invoice", cells, clean };
  }
}

/** The row as the CSV export has it: ISO dates, plain decimals, text as is. */
export function csvFields(cells: CellValue[]): string[] {
  return cells.map((v, c) => {
    if (v === null) return "";
    if (typeof v === "number") {
      if (DATE_COLUMNS.has(c)) return isoFromSerial(v);
      if (MONEY_COLUMNS.has(c)) return v.toFixed(2);
      return String(v);
    }
    if (typeof v === "object") return v.error;
    return String(v);
  });
}

function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}

/** Counts of what the generator made, for the checks and the report. */
export interface DataMeta {
  generator: number;
  seed: number;
  rows: number;
  kinds: Record<RowKind, number>;
  customers: number;
  /** Distinct (customer, currency) pairs among the clean rows. */
  pairs: number;
  xlsxBytes: number;
  csvBytes: number;
  generatedSeconds: number;
}

export interface DataFiles {
  rows: number;
  xlsx: string;
  csv: string;
  meta: DataMeta;
}

export function cacheDir(): string {
  const dir = path.join(os.tmpdir(), "ar-desk-bench", `gen${GENERATOR_VERSION}-seed${SEED}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The .xlsx and .csv of `rows` rows, generated if the cache does not hold them yet. */
export async function ensureData(rows: number, log: (s: string) => void): Promise<DataFiles> {
  const dir = cacheDir();
  const xlsx = path.join(dir, `receivables-${rows}.xlsx`);
  const csv = path.join(dir, `receivables-${rows}.csv`);
  const metaPath = path.join(dir, `receivables-${rows}.json`);
  if (fs.existsSync(xlsx) && fs.existsSync(csv) && fs.existsSync(metaPath)) {
    return { rows, xlsx, csv, meta: JSON.parse(fs.readFileSync(metaPath, "utf8")) as DataMeta };
  }
  log(`generating ${rows.toLocaleString("en")} rows into ${dir} (cached for later runs)…`);
  const t0 = performance.now();
  const customers = makeCustomers(rows);
  const kinds: Record<RowKind, number> = {
    invoice: 0,
    credit: 0,
    blank: 0,
    subtotal: 0,
    note: 0,
    bad: 0,
  };
  const pairs = new Set<number>();

  const tmpXlsx = `${xlsx}.${process.pid}.tmp`;
  const tmpCsv = `${csv}.${process.pid}.tmp`;
  const out = fs.createWriteStream(tmpCsv);
  let chunk = "\ufeff" + csvLine([...HEADERS]) + "\r\n";
  // The sheet's rows, pulled by the .xlsx writer; the CSV is written on the way.
  function* sheetRows(): Generator<CellValue[]> {
    yield [...HEADERS];
    for (const row of generateRows(rows, customers)) {
      kinds[row.kind]++;
      if (row.clean) pairs.add(row.clean.customer * 2 + row.clean.currency);
      chunk += csvLine(csvFields(row.cells)) + "\r\n";
      if (chunk.length > 1 << 20) {
        out.write(chunk);
        chunk = "";
      }
      yield row.cells;
    }
  }
  await writeStreamedSheet(tmpXlsx, sheetRows(), {
    sheetName: "应收明细",
    widths: HEADERS.map((_, c) => (c === COL.name ? 28 : 13)),
    styles: HEADERS.map((_, c) => (DATE_COLUMNS.has(c) ? 1 : MONEY_COLUMNS.has(c) ? 2 : 0)),
  });
  out.end(chunk);
  await new Promise<void>((resolve) => out.once("finish", () => resolve()));
  fs.renameSync(tmpXlsx, xlsx);
  fs.renameSync(tmpCsv, csv);
  const meta: DataMeta = {
    generator: GENERATOR_VERSION,
    seed: SEED,
    rows,
    kinds,
    customers: customers.length,
    pairs: pairs.size,
    xlsxBytes: fs.statSync(xlsx).size,
    csvBytes: fs.statSync(csv).size,
    generatedSeconds: (performance.now() - t0) / 1000,
  };
  fs.writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  log(`  done in ${meta.generatedSeconds.toFixed(1)} s`);
  return { rows, xlsx, csv, meta };
}

/** The grid a reader of the .xlsx hands to `importGrids`, made in memory (no file reading). */
export function gridRows(rows: number): CellValue[][] {
  const out: CellValue[][] = [[...HEADERS]];
  for (const row of generateRows(rows, makeCustomers(rows))) out.push(row.cells);
  return out;
}
