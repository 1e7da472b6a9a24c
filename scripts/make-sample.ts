/**
 * `npm run sample`: writes assets/sample.xlsx, an ERP-style receivables workbook of a Chinese
 * manufacturer (华东精密机械有限公司) as of 2026-06-30 (基准日), used by the demo and the docs.
 *
 * Deterministic: one seeded PRNG (mulberry32, fixed seed) and fixed dates; no Math.random, no
 * clock. Running it twice gives the same cell values.
 *
 * Sheets
 * - 应收明细: title block (rows 1–3), header in row 4, ~300 invoices and credit notes sorted by
 *   customer, one 小计 row after a customer block, a blank row, a 合计 row with formulas and a
 *   note line under it.
 * - 回款记录: payments naming an invoice, or with 发票号 blank (to be allocated oldest due
 *   first). An invoice is settled either by its own 已收金额/结清日期 or by payments, never both.
 * - 客户档案: customer master (grade, credit limit, terms, salesperson, contact).
 *
 * Deliberate dirty cells in otherwise valid 应收明细 rows (a careful importer reads every one; the
 * script prints their row numbers):
 * - 价税合计 "¥12,345.60": text with currency sign and thousands separator (= 12,345.60)
 * - 价税合计 "1.2万": text in units of 万 (= 12,000.00)
 * - 价税合计 "３２，０００．００": full-width digits and punctuation (= 32,000.00)
 * - 业务日期 "2026/3/5": text date (= 2026-03-05)
 * - 业务日期 "2026年4月8日": text date (= 2026-04-08)
 * - 到期日 "20260515": text yyyymmdd (= 2026-05-15)
 * - 客户编码 with trailing spaces ("C00xx   ")
 * Genuinely bad rows (an importer must reject each with sheet, row, column and a message):
 * - 价税合计 is the error value #N/A
 * - 业务日期 is the text "2026-02-30" (no such day)
 * Other traps: one 单据编号 shared by two different rows; one customer on invoices but missing
 * from 客户档案; one master customer without invoices; a payment for an unknown invoice; a
 * payment dated after the as-of date; credit notes (negative 价税合计); one disputed item; one
 * promise to pay; customers over their credit limit, one with limit 0, some with none set.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import {
  endOfMonthSerial,
  isoFromSerial,
  serialFromYmd,
  ymdFromSerial,
  type Serial,
} from "../src/core/dates";

/** The as-of date (基准日) the sample is drawn up at, and that the demo uses. */
export const SAMPLE_AS_OF = "2026-06-30";
export const SAMPLE_COMPANY = "华东精密机械有限公司";
export const SAMPLE_PATH = path.join(__dirname, "..", "assets", "sample.xlsx");

export const INVOICE_SHEET = "应收明细";
export const PAYMENT_SHEET = "回款记录";
export const CUSTOMER_SHEET = "客户档案";

export const INVOICE_HEADERS = [
  "单据编号",
  "客户编码",
  "客户名称",
  "业务日期",
  "到期日",
  "付款条件",
  "币种",
  "价税合计",
  "已收金额",
  "结清日期",
  "业务员",
  "争议",
  "承诺付款日",
  "合同号",
  "备注",
] as const;
export const PAYMENT_HEADERS = ["收款单号", "客户编码", "发票号", "回款日期", "回款金额", "币种"];
export const CUSTOMER_HEADERS = [
  "客户编码",
  "客户名称",
  "信用等级",
  "信用额度",
  "付款条件",
  "业务员",
  "联系人",
  "电话",
  "邮箱",
  "地址",
  "币种",
];
/** Row of the 应收明细 header; rows above it are the title block. */
export const INVOICE_HEADER_ROW = 4;

export interface SampleCell {
  /** 1-based row in 应收明细. */
  row: number;
  column: string;
  /** What the cell holds, as text. */
  value: string;
  /** What is wrong or unusual about it. */
  note: string;
}

export interface SampleSummary {
  asOf: string;
  /** Invoice and credit-note rows in 应收明细 (subtotal, total, blank and note rows excluded). */
  invoiceRows: number;
  creditNotes: number;
  /** Distinct customer codes on 应收明细. */
  invoiceCustomers: number;
  masterCustomers: number;
  salespeople: number;
  payments: number;
  /** Valid rows with a deliberately messy cell. */
  dirty: SampleCell[];
  /** Rows an importer must reject. */
  bad: SampleCell[];
  duplicateRef: { ref: string; rows: number[] };
  disputedRow: number;
  promiseRow: number;
  subtotalRow: number;
  totalRow: number;
  missingFromMaster: string;
  withoutInvoices: string;
  unknownInvoicePayment: { row: number; invoice: string };
  paymentAfterAsOf: { row: number; date: string };
  overLimit: { code: string; name: string; limit: number; exposure: number; currency: string }[];
  zeroLimit: string;
  noLimit: string[];
}

// ---------------------------------------------------------------------------------------------
// Randomness and calendar helpers

const SEED = 0x20260630;

/** mulberry32: a tiny 32-bit PRNG, good enough for sample data and identical on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(lo = 0, hi = 1): number {
    return lo + this.next() * (hi - lo);
  }
  /** Integer in lo … hi, both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly T[], weight: (x: T) => number): T {
    const total = xs.reduce((s, x) => s + weight(x), 0);
    let r = this.next() * total;
    for (const x of xs) {
      r -= weight(x);
      if (r < 0) return x;
    }
    return xs[xs.length - 1];
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

function day(year: number, month: number, dayOfMonth: number): Serial {
  const s = serialFromYmd(year, month, dayOfMonth);
  if (s === null) throw new RangeError(`no such day: ${year}-${month}-${dayOfMonth}`);
  return s;
}

const AS_OF: Serial = day(2026, 6, 30);

/** A cell date: midnight UTC of the serial's day, which ExcelJS stores as that whole serial. */
function cellDate(serial: Serial): Date {
  const { year, month, day: d } = ymdFromSerial(serial);
  return new Date(Date.UTC(year, month - 1, d));
}

function yyyymm(serial: Serial): string {
  return isoFromSerial(serial).slice(0, 7).replace("-", "");
}

/** Payment terms as the sheet writes them, and what they mean. */
const TERMS: Record<string, { days: number; monthEnd: boolean }> = {
  "30天": { days: 30, monthEnd: false },
  "60天": { days: 60, monthEnd: false },
  "90天": { days: 90, monthEnd: false },
  月结30天: { days: 30, monthEnd: true },
  "Net 45": { days: 45, monthEnd: false },
};
const TERM_NAMES = Object.keys(TERMS);
/** How often each is a customer's terms. */
const TERM_WEIGHTS: Record<string, number> = {
  "30天": 30,
  "60天": 25,
  月结30天: 20,
  "Net 45": 10,
  "90天": 15,
};

function dueFrom(date: Serial, terms: string): Serial {
  const t = TERMS[terms];
  return (t.monthEnd ? endOfMonthSerial(date) : date) + t.days;
}

/** Cents to a number of yuan (or dollars) for a cell. */
const major = (minor: number): number => Math.round(minor) / 100;

// ---------------------------------------------------------------------------------------------
// The cast

const SALESPEOPLE = ["张伟", "李娜", "王强", "刘洋", "陈静"];

const CITIES = [
  {
    name: "上海",
    area: "021",
    districts: ["闵行区", "嘉定区", "松江区", "浦东新区", "青浦区"],
    w: 5,
  },
  { name: "苏州", area: "0512", districts: ["工业园区", "吴中区", "相城区", "高新区"], w: 4 },
  { name: "杭州", area: "0571", districts: ["余杭区", "萧山区", "滨江区"], w: 3 },
  { name: "宁波", area: "0574", districts: ["北仑区", "鄞州区", "镇海区"], w: 3 },
  { name: "南京", area: "025", districts: ["江宁区", "栖霞区", "浦口区"], w: 2 },
  { name: "无锡", area: "0510", districts: ["新吴区", "惠山区", "锡山区"], w: 2 },
  { name: "常州", area: "0519", districts: ["武进区", "新北区"], w: 2 },
  { name: "嘉兴", area: "0573", districts: ["南湖区", "秀洲区"], w: 1 },
  { name: "绍兴", area: "0575", districts: ["柯桥区", "上虞区"], w: 1 },
  { name: "南通", area: "0513", districts: ["崇川区", "通州区"], w: 1 },
  { name: "合肥", area: "0551", districts: ["蜀山区", "包河区"], w: 1 },
  { name: "温州", area: "0577", districts: ["瓯海区", "龙湾区"], w: 1 },
  { name: "台州", area: "0576", districts: ["黄岩区", "路桥区"], w: 1 },
];

/** Trade names (字号) with their pinyin, for e-mail domains. */
// prettier-ignore
const BRANDS: [string, string][] = [
  ["恒通", "hengtong"], ["宏达", "hongda"], ["瑞丰", "ruifeng"], ["华腾", "huateng"],
  ["德润", "derun"], ["嘉禾", "jiahe"], ["联创", "lianchuang"], ["明辉", "minghui"],
  ["金桥", "jinqiao"], ["鼎盛", "dingsheng"], ["博远", "boyuan"], ["天成", "tiancheng"],
  ["永利", "yongli"], ["新宇", "xinyu"], ["凯盛", "kaisheng"], ["泰和", "taihe"],
  ["海纳", "haina"], ["科诺", "kenuo"], ["万嘉", "wanjia"], ["奥瑞", "aorui"],
  ["普拓", "putuo"], ["启航", "qihang"], ["申联", "shenlian"], ["远航", "yuanhang"],
  ["森源", "senyuan"], ["合众", "hezhong"], ["隆兴", "longxing"], ["昊天", "haotian"],
  ["卓越", "zhuoyue"], ["辰星", "chenxing"], ["新易达", "xinyida"], ["鑫源", "xinyuan"],
  ["航宇", "hangyu"], ["佳联", "jialian"], ["百川", "baichuan"], ["固德", "gude"],
  ["益通", "yitong"], ["精诚", "jingcheng"], ["华盛", "huasheng"], ["伟业", "weiye"],
  ["润达", "runda"], ["兆丰", "zhaofeng"],
];

// prettier-ignore
const TRADES = [
  "机电设备", "自动化科技", "汽车零部件", "电子科技", "精密模具", "液压设备", "机械制造",
  "电气设备", "工业装备", "五金制品", "新能源科技", "智能装备", "轴承", "包装机械", "环保设备",
  "数控设备",
];

// prettier-ignore
const ROADS = ["创业路", "兴业大道", "工业园路", "科技路", "长江路", "人民东路", "金桥路", "新华路",
  "园区大道", "振兴路", "富民路", "横山路"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗".split("");
// prettier-ignore
const GIVEN = ["建国", "晓燕", "海涛", "丽华", "志强", "敏", "俊", "秀英", "文杰", "雪梅", "国平",
  "玉兰", "磊", "婷", "宏伟", "春燕", "军", "慧", "明", "静怡"];
const NOTES = ["分批发货", "含运费", "补开发票", "第二批", "急单", "含安装调试费"];

/** Export customers, invoiced in USD. */
const EXPORTERS: Record<
  string,
  { name: string; contact: string; phone: string; email: string; address: string; terms: string }
> = {
  C0009: {
    name: "Pacific Tooling Co., Ltd.",
    contact: "Michael Brown",
    phone: "+1-937-555-0142",
    email: "ap@pacifictooling.com",
    address: "1200 Industrial Pkwy, Dayton, OH 45414, USA",
    terms: "Net 45",
  },
  C0021: {
    name: "Nordtek Industrial GmbH",
    contact: "Anna Keller",
    phone: "+49-711-555-0198",
    email: "accounts@nordtek.de",
    address: "Industriestraße 12, 70565 Stuttgart, Germany",
    terms: "60天",
  },
  C0033: {
    name: "香港永晟贸易有限公司",
    contact: "陈家豪",
    phone: "+852-2345-6789",
    email: "finance@wingshing.com.hk",
    address: "香港九龙观塘道388号12楼",
    terms: "Net 45",
  },
};

/** On invoices, missing from 客户档案. */
const MISSING_CODE = "C0036";
/** In 客户档案, no invoices yet (a new customer). */
const NO_INVOICE_CODE = "C0041";
/** Grade D, credit limit 0: cash before delivery, so nothing is open at the as-of date. */
const CASH_ONLY_CODE = "C0027";
const CUSTOMER_COUNT = 41;
/** Invoices and credit notes on 应收明细. */
const ROW_COUNT = 300;
const CREDIT_NOTES = 5;

interface Customer {
  code: string;
  name: string;
  currency: "CNY" | "USD";
  terms: string;
  grade: string;
  salesperson: string;
  contact: string;
  phone: string;
  email: string;
  address: string;
  /** Share of the invoices. */
  weight: number;
  /** Typical invoice amount in major units. */
  scale: number;
  /** Typical days paid after the due date. */
  delay: number;
  limit: number | null;
}

type Fate = "colsFull" | "colsPartial" | "payFull" | "payPartial" | "blank" | "open";

interface Item {
  ref: string;
  customer: Customer;
  date: Serial;
  credit: boolean;
  /** Cents; negative for a credit note. */
  amount: number;
  rowTerms: string | null;
  due: Serial;
  showDue: boolean;
  currencyText: string;
  contract: string | null;
  note: string | null;
  fate: Fate;
  /** 已收金额 in cents (0: blank). */
  paid: number;
  settled: Serial | null;
  disputed: boolean;
  promise: Serial | null;
  /** Chosen for a special role; left out of random settlement. */
  locked: boolean;
  /** Rejected by a careful importer: not part of any figure. */
  bad: boolean;
  /** Cells written differently from the clean value, keyed by header. */
  display: Partial<Record<(typeof INVOICE_HEADERS)[number], ExcelJS.CellValue>>;
  /** Why the row is special, for the summary. */
  remark: { column: string; note: string } | null;
  origin: Item | null;
}

interface Payment {
  customer: Customer;
  invoice: string | null;
  date: Serial;
  amount: number;
  role: "unknown" | "afterAsOf" | null;
}

function makeCustomers(rng: Rng): Customer[] {
  const brands = rng.shuffle(BRANDS);
  const salesOrder = rng.shuffle(Array.from({ length: CUSTOMER_COUNT }, (_, i) => i));
  const customers: Customer[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const code = `C${String(i + 1).padStart(4, "0")}`;
    const exporter = EXPORTERS[code];
    const city = rng.weighted(CITIES, (c) => c.w);
    const [brand, brandPy] = brands[i];
    const trade = rng.pick(TRADES);
    const suffix = rng.chance(0.15) ? "股份有限公司" : "有限公司";
    const roll = rng.float();
    const grade = code === CASH_ONLY_CODE ? "D" : roll < 0.25 ? "A" : roll < 0.7 ? "B" : "C";
    const delay =
      grade === "A" ? rng.float(-6, 6) : grade === "B" ? rng.float(5, 30) : rng.float(25, 80);
    const phone = rng.chance(0.7)
      ? `${city.area}-${rng.int(5, 8)}${String(rng.int(0, 9999999)).padStart(7, "0")}`
      : `1${rng.pick(["39", "38", "37", "58", "86", "35"])}${String(rng.int(0, 99999999)).padStart(8, "0")}`;
    const terms = exporter?.terms ?? rng.weighted(TERM_NAMES, (t) => TERM_WEIGHTS[t]);
    customers.push({
      code,
      name: exporter?.name ?? `${city.name}${brand}${trade}${suffix}`,
      currency: exporter ? "USD" : "CNY",
      terms: code === CASH_ONLY_CODE ? "30天" : terms,
      grade,
      salesperson: SALESPEOPLE[salesOrder[i] % SALESPEOPLE.length],
      contact: exporter?.contact ?? `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
      phone: exporter?.phone ?? phone,
      email:
        exporter?.email ??
        `${rng.pick(["cw", "finance", "ap", "caiwu"])}@${brandPy}-${rng.pick(["mech", "tech", "auto", "group"])}.com`,
      address:
        exporter?.address ??
        `${city.name}市${rng.pick(city.districts)}${rng.pick(ROADS)}${rng.int(1, 999)}号`,
      weight: Math.pow(rng.float(0.4, 2.2), 2),
      scale: exporter
        ? Math.exp(rng.float(Math.log(9000), Math.log(60000)))
        : Math.exp(rng.float(Math.log(15000), Math.log(220000))),
      delay,
      limit: null,
    });
  }
  return customers;
}

/** An invoice amount in cents: quantity × unit price, plus 13% VAT for domestic sales. */
function invoiceAmount(rng: Rng, c: Customer): number {
  for (;;) {
    const target = c.scale * Math.exp(rng.float(-0.9, 0.9));
    const qty = rng.pick([1, 2, 4, 5, 6, 8, 10, 12, 20, 24, 30, 50, 100, 200]);
    const vat = c.currency === "CNY" ? 1.13 : 1;
    const unit = Math.max(1, Math.round((target / qty / vat) * 2) / 2);
    const cents = Math.round(qty * unit * vat * 100);
    if (cents >= 500000 && cents <= 80000000) return cents;
  }
}

function currencyText(rng: Rng, c: Customer): string {
  if (c.currency === "USD") return "USD";
  const r = rng.float();
  return r < 0.7 ? "人民币" : r < 0.9 ? "CNY" : "RMB";
}

// ---------------------------------------------------------------------------------------------
// Building the data

interface Data {
  customers: Customer[];
  items: Item[];
  payments: Payment[];
  duplicateRef: string;
}

function build(rng: Rng): Data {
  const customers = makeCustomers(rng);
  const byCode = new Map(customers.map((c) => [c.code, c]));
  const invoiced = customers.filter((c) => c.code !== NO_INVOICE_CODE);
  const missing = byCode.get(MISSING_CODE) as Customer;
  const cashOnly = byCode.get(CASH_ONLY_CODE) as Customer;

  // How many invoices each customer gets: 4 for the one missing from the master, 3 for the
  // cash-only one, at least 2 for the others and the rest by weight.
  const counts = new Map<Customer, number>();
  for (const c of invoiced) counts.set(c, c === missing ? 4 : c === cashOnly ? 3 : 2);
  const regular = invoiced.filter((c) => c !== missing && c !== cashOnly);
  const invoiceCount = ROW_COUNT - CREDIT_NOTES;
  let assigned = [...counts.values()].reduce((s, n) => s + n, 0);
  for (; assigned < invoiceCount; assigned++) {
    const c = rng.weighted(regular, (x) => x.weight);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }

  // Dates from 2025-01 to 2026-06, a little busier as the business grows.
  const months = Array.from({ length: 18 }, (_, i) => ({
    year: 2025 + Math.floor(i / 12),
    month: (i % 12) + 1,
    w: 1 + i * 0.05,
  }));
  const randomDate = (): Serial => {
    const m = rng.weighted(months, (x) => x.w);
    return day(m.year, m.month, rng.int(1, m.month === 2 ? 28 : 30));
  };

  const items: Item[] = [];
  for (const c of invoiced) {
    for (let k = 0; k < (counts.get(c) ?? 0); k++) {
      const date = c === cashOnly ? day(2025, rng.int(2, 11), rng.int(1, 28)) : randomDate();
      items.push(newItem(c, date, invoiceAmount(rng, c), false));
    }
  }

  // Special rows, each on a different ordinary domestic customer.
  const used = new Set<Customer>([missing, cashOnly]);
  const take = (pred: (it: Item) => boolean): Item => {
    const pool = items.filter(
      (it) =>
        !it.locked &&
        !it.credit &&
        !used.has(it.customer) &&
        it.customer.currency === "CNY" &&
        pred(it),
    );
    if (pool.length === 0) throw new Error("sample: no row fits a special role");
    const it = rng.pick(pool);
    it.locked = true;
    it.fate = "open";
    used.add(it.customer);
    return it;
  };
  const inMonth = (y: number, m: number) => (it: Item) => {
    const d = ymdFromSerial(it.date);
    return d.year === y && d.month === m;
  };
  const from = (s: Serial) => (it: Item) => it.date >= s;

  const yen = take((it) => it.date < day(2025, 10, 1));
  yen.amount = 1234560;
  yen.fate = "colsFull";
  yen.display["价税合计"] = "¥12,345.60";
  yen.remark = { column: "价税合计", note: "amount as text with ¥ and thousands separator" };

  const wan = take(from(day(2026, 5, 1)));
  wan.amount = 1200000;
  wan.display["价税合计"] = "1.2万";
  wan.remark = { column: "价税合计", note: "amount as text in 万 (12,000.00)" };

  const fullWidth = take(from(day(2026, 4, 1)));
  fullWidth.amount = 3200000;
  fullWidth.display["价税合计"] = "３２，０００．００";
  fullWidth.remark = { column: "价税合计", note: "full-width digits (32,000.00)" };

  const slash = take(inMonth(2026, 3));
  slash.date = day(2026, 3, 5);
  slash.display["业务日期"] = "2026/3/5";
  slash.remark = { column: "业务日期", note: "date as text 2026/3/5" };

  const cjk = take(inMonth(2026, 4));
  cjk.date = day(2026, 4, 8);
  cjk.display["业务日期"] = "2026年4月8日";
  cjk.remark = { column: "业务日期", note: "date as text 2026年4月8日" };

  const compact = take(inMonth(2026, 4));
  compact.date = day(2026, 4, 15);
  compact.rowTerms = "30天";
  compact.display["到期日"] = "20260515";
  compact.remark = { column: "到期日", note: "due date as text yyyymmdd (2026-05-15)" };

  const spaced = take(from(day(2026, 1, 1)));
  spaced.display["客户编码"] = `${spaced.customer.code}   `;
  spaced.remark = { column: "客户编码", note: "customer code with trailing spaces" };

  const na = take(from(day(2026, 5, 1)));
  na.bad = true;
  na.display["价税合计"] = { error: "#N/A" };
  na.remark = { column: "价税合计", note: "error value #N/A: reject" };

  const feb30 = take(inMonth(2026, 2));
  feb30.bad = true;
  feb30.date = day(2026, 2, 27); // where the ERP numbered it
  feb30.display["业务日期"] = "2026-02-30";
  feb30.remark = { column: "业务日期", note: "no such date 2026-02-30: reject" };

  const disputed = take((it) => it.date >= day(2026, 1, 1) && it.date < day(2026, 3, 1));
  disputed.disputed = true;
  disputed.note = "客户反映第二批次零件尺寸超差，待质检复核后付款";

  const promised = take((it) => it.date >= day(2026, 2, 1) && it.date < day(2026, 4, 1));
  promised.promise = day(2026, 7, 15);
  promised.note = "客户承诺7月15日前付清";

  const dupA = take(from(day(2026, 5, 1)));
  const dupB = take(from(day(2026, 5, 1)));

  const afterAsOf = take((it) => it.date >= day(2026, 5, 15));

  // Credit notes (红字): returns and allowances against an earlier invoice of the customer.
  for (let k = 0; k < CREDIT_NOTES; k++) {
    const origin = rng.pick(
      items.filter(
        (it) =>
          !it.credit &&
          !it.bad &&
          !used.has(it.customer) &&
          it.customer.currency === "CNY" &&
          it.date < AS_OF - 60,
      ),
    );
    used.add(origin.customer);
    const share = rng.float(0.04, 0.3);
    const cn = newItem(origin.customer, origin.date + rng.int(10, 45), 0, true);
    cn.amount = -Math.round((origin.amount * share) / 100) * 100;
    cn.origin = origin;
    cn.locked = true;
    items.push(cn);
  }

  // Numbers: XS (sales invoice) and TH (return / allowance) per month, in date order, with gaps
  // where the ERP numbered documents that are not receivables (cash sales, voided ones).
  items.sort((a, b) => a.date - b.date || a.customer.code.localeCompare(b.customer.code));
  const seq = new Map<string, number>();
  for (const it of items) {
    const prefix = `${it.credit ? "TH" : "XS"}${yyyymm(it.date)}`;
    const n = (seq.get(prefix) ?? 0) + rng.int(1, 3);
    seq.set(prefix, n);
    it.ref = `${prefix}-${String(n).padStart(4, "0")}`;
  }
  dupB.ref = dupA.ref;
  for (const it of items) {
    if (it.origin) it.note = `${rng.chance(0.5) ? "退货" : "折让"}，原单${it.origin.ref}`;
  }

  // Terms and due dates. Rows without terms and without a due date take the customer's terms.
  for (const it of items) {
    if (it.credit) {
      it.due = it.date;
      continue;
    }
    const c = it.customer;
    if (it.rowTerms === null) {
      const r = rng.float();
      if (c === missing || r < 0.45) it.rowTerms = c.terms;
      else if (r < 0.53) it.rowTerms = rng.pick(TERM_NAMES.filter((t) => t !== c.terms));
    }
    it.due = dueFrom(it.date, it.rowTerms ?? c.terms);
    it.showDue = it === compact || rng.chance(c === missing ? 0.5 : 0.4);
  }

  // How each ordinary invoice was settled, from the customer's habits.
  const payments: Payment[] = [];
  const pay = (it: Item, date: Serial, amount: number) =>
    payments.push({ customer: it.customer, invoice: it.ref, date, amount, role: null });
  const part = (amount: number) =>
    Math.max(100000, Math.round((amount * rng.float(0.2, 0.7)) / 100000) * 100000);
  for (const it of items) {
    if (it.credit || it.bad) continue;
    const c = it.customer;
    let settle = Math.max(it.date + 1, Math.round(it.due + c.delay + rng.float(-10, 20)));
    if (c === cashOnly) settle = Math.min(AS_OF, it.date + rng.int(0, 3));
    if (it.locked) {
      if (it.fate === "colsFull") {
        it.paid = it.amount;
        it.settled = Math.min(settle, AS_OF);
      }
      continue;
    }
    const stuck = c !== cashOnly && rng.chance(0.05); // a bad debt in the making
    const r = rng.float();
    if (c === cashOnly) it.fate = "colsFull";
    else if (settle <= AS_OF && !stuck)
      it.fate =
        r < 0.55 ? "colsFull" : r < 0.88 ? "payFull" : r < 0.94 ? "colsPartial" : "payPartial";
    else it.fate = r < 0.72 ? "open" : r < 0.86 ? "payPartial" : "colsPartial";

    if (it.fate === "colsFull") {
      it.paid = it.amount;
      it.settled = settle;
    } else if (it.fate === "colsPartial") {
      it.paid = part(it.amount);
    } else if (it.fate === "payFull") {
      if (rng.chance(0.15)) {
        const first = part(it.amount);
        pay(it, Math.max(it.date + 1, settle - rng.int(15, 40)), first);
        pay(it, settle, it.amount - first);
      } else {
        pay(it, settle, it.amount);
      }
    } else if (it.fate === "payPartial") {
      const latest = Math.min(settle, AS_OF);
      pay(it, rng.int(Math.min(it.date + 10, latest), latest), part(it.amount));
    }
  }

  // Payments with 发票号 blank: each clears a customer's oldest-due open items exactly, dated after
  // everything older was settled, so allocating oldest due first gives the same result.
  const settledAt = (it: Item): Serial =>
    it.fate === "colsFull"
      ? (it.settled as Serial)
      : Math.max(...payments.filter((p) => p.invoice === it.ref).map((p) => p.date));
  let blanks = 0;
  for (const c of rng.shuffle(regular)) {
    if (blanks >= 12) break;
    const own = items
      .filter((it) => it.customer === c && !it.credit && !it.bad)
      .sort((a, b) => a.due - b.due || a.date - b.date || a.ref.localeCompare(b.ref));
    const first = own.findIndex((it) => it.fate !== "colsFull" && it.fate !== "payFull");
    if (first < 0) continue;
    const run: Item[] = [];
    for (const it of own.slice(first, first + rng.int(1, 3))) {
      if (it.fate !== "open" || it.locked || it.due > AS_OF - 20) break;
      run.push(it);
    }
    if (run.length === 0) continue;
    const earliest = Math.max(
      ...own.slice(0, first).map(settledAt),
      ...run.map((it) => it.due + rng.int(0, 25)),
    );
    if (earliest > AS_OF) continue;
    for (const it of run) it.fate = "blank";
    const amount = run.reduce((s, it) => s + it.amount, 0);
    payments.push({ customer: c, invoice: null, date: earliest, amount, role: null });
    blanks++;
  }

  // A receipt for an invoice of 2024 that is not in this export, and one received after 基准日.
  const unknownPayer = rng.pick(regular.filter((c) => !used.has(c) && c.currency === "CNY"));
  payments.push({
    customer: unknownPayer,
    invoice: "XS202412-0087",
    date: day(2025, 1, 20),
    amount: 1860000,
    role: "unknown",
  });
  payments.push({
    customer: afterAsOf.customer,
    invoice: afterAsOf.ref,
    date: day(2026, 7, 3),
    amount: afterAsOf.amount,
    role: "afterAsOf",
  });

  // Everything else about a row: currency text, contract, notes.
  for (const it of items) {
    it.currencyText = currencyText(rng, it.customer);
    const prefix = it.customer.currency === "USD" ? "EX" : "HT";
    if (rng.chance(0.8))
      it.contract = `${prefix}${ymdFromSerial(it.date).year}-${it.customer.code.slice(1)}`;
    if (it.note === null && !it.locked && rng.chance(0.05)) it.note = rng.pick(NOTES);
  }

  setLimits(rng, customers, items, payments, cashOnly);
  return { customers, items, payments, duplicateRef: dupA.ref };
}

function newItem(c: Customer, date: Serial, amount: number, credit: boolean): Item {
  return {
    ref: "",
    customer: c,
    date,
    credit,
    amount,
    rowTerms: null,
    due: date,
    showDue: false,
    currencyText: "",
    contract: null,
    note: null,
    fate: "open",
    paid: 0,
    settled: null,
    disputed: false,
    promise: null,
    locked: false,
    bad: false,
    display: {},
    remark: null,
    origin: null,
  };
}

/** Exposure at the as-of date per customer, in cents: open items net of credits and cash. */
function exposures(items: Item[], payments: Payment[]): Map<Customer, number> {
  const out = new Map<Customer, number>();
  const add = (c: Customer, cents: number) => out.set(c, (out.get(c) ?? 0) + cents);
  for (const it of items) {
    if (it.bad || it.date > AS_OF) continue;
    const paidByAsOf = it.settled === null || it.settled <= AS_OF ? it.paid : 0;
    add(it.customer, it.amount - paidByAsOf);
  }
  for (const p of payments) if (p.date <= AS_OF) add(p.customer, -p.amount);
  return out;
}

/**
 * Credit limits: a few customers deliberately over their limit, one with limit 0 (cash only,
 * nothing open), a few with none set, the rest comfortably above their exposure.
 */
function setLimits(
  rng: Rng,
  customers: Customer[],
  items: Item[],
  payments: Payment[],
  cashOnly: Customer,
): void {
  const exposure = exposures(items, payments);
  const listed = customers.filter((c) => c.code !== MISSING_CODE && c !== cashOnly);
  const ranked = listed
    .filter((c) => c.currency === "CNY")
    .sort((a, b) => (exposure.get(b) ?? 0) - (exposure.get(a) ?? 0));
  const over = new Set([ranked[1], ranked[3], ranked[6]]);
  const unlimited = new Set(
    rng.shuffle(listed.filter((c) => !over.has(c) && c.code !== NO_INVOICE_CODE)).slice(0, 4),
  );
  const step = (c: Customer) => (c.currency === "USD" ? 1000000 : 5000000); // 10k USD, 50k CNY
  for (const c of customers) {
    const e = exposure.get(c) ?? 0;
    if (c === cashOnly) c.limit = 0;
    else if (unlimited.has(c)) c.limit = null;
    else if (over.has(c)) c.limit = Math.max(1, Math.floor((e * 0.8) / step(c))) * step(c);
    else {
      const base = Math.max(e, c.scale * 100 * 3) * rng.float(1.3, 2.2);
      c.limit = Math.ceil(base / step(c)) * step(c);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};

function styleHeader(row: ExcelJS.Row): void {
  row.height = 20;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = THIN;
  });
}

function setWidths(ws: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

function formatColumns(ws: ExcelJS.Worksheet, dates: number[], money: number[]): void {
  for (const c of dates) ws.getColumn(c).numFmt = "yyyy-mm-dd";
  for (const c of money) ws.getColumn(c).numFmt = "#,##0.00";
}

const colLetter = (header: (typeof INVOICE_HEADERS)[number]): string =>
  String.fromCharCode(65 + INVOICE_HEADERS.indexOf(header));

/** Sum of the numeric cells among `values` (what Excel's SUM gives: text is ignored). */
function numericSum(values: ExcelJS.CellValue[]): number {
  const cents = values.reduce<number>(
    (s, v) => (typeof v === "number" ? s + Math.round(v * 100) : s),
    0,
  );
  return cents / 100;
}

/** Builds the workbook and writes it to `outPath`. */
export async function makeSample(outPath: string = SAMPLE_PATH): Promise<SampleSummary> {
  const rng = new Rng(SEED);
  const { customers, items, payments, duplicateRef } = build(rng);

  const wb = new ExcelJS.Workbook();
  const stamp = new Date(Date.UTC(2026, 6, 1, 1, 30, 0)); // fixed: the file must not vary
  wb.creator = "ERP";
  wb.lastModifiedBy = "ERP";
  wb.created = stamp;
  wb.modified = stamp;

  // 应收明细 ------------------------------------------------------------------------------------
  const ws = wb.addWorksheet(INVOICE_SHEET, {
    views: [
      {
        state: "frozen",
        xSplit: 0,
        ySplit: INVOICE_HEADER_ROW,
        topLeftCell: "A5",
        activeCell: "A5",
      },
    ],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "4:4",
    },
  });
  const lastCol = colLetter("备注");
  ws.mergeCells(`A1:${lastCol}1`);
  ws.getCell("A1").value = "应收账款明细表";
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A1").alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 30;
  ws.mergeCells(`A2:${lastCol}2`);
  ws.getCell("A2").value = `编制单位：${SAMPLE_COMPANY}　　截至：${SAMPLE_AS_OF}　　单位：元`;
  ws.getRow(INVOICE_HEADER_ROW).values = [...INVOICE_HEADERS];
  styleHeader(ws.getRow(INVOICE_HEADER_ROW));
  setWidths(ws, [15, 10, 30, 12, 12, 10, 7, 14, 14, 12, 8, 6, 12, 12, 36]);
  formatColumns(ws, [4, 5, 10, 13], [8, 9]);

  const sorted = [...items].sort(
    (a, b) =>
      a.customer.code.localeCompare(b.customer.code) ||
      a.date - b.date ||
      a.ref.localeCompare(b.ref),
  );
  // One 小计 row after a mid-sheet customer block without a bad row (ERP "subtotal by customer").
  const codes = [...new Set(sorted.map((it) => it.customer.code))];
  const subtotalCode = codes.slice(10).find((code) => {
    const block = sorted.filter((it) => it.customer.code === code);
    return block.length >= 5 && !block.some((it) => it.bad);
  });

  const rowOf = new Map<Item, number>();
  const amountOf = new Map<Item, ExcelJS.CellValue>();
  const paidOf = new Map<Item, ExcelJS.CellValue>();
  const dataRanges: [number, number][] = [];
  let r = INVOICE_HEADER_ROW + 1;
  let rangeStart = r;
  let subtotalRow = 0;
  const H = colLetter("价税合计");
  const I = colLetter("已收金额");
  for (let i = 0; i < sorted.length; i++) {
    const it = sorted[i];
    const clean: Record<(typeof INVOICE_HEADERS)[number], ExcelJS.CellValue> = {
      单据编号: it.ref,
      客户编码: it.customer.code,
      客户名称: it.customer.name,
      业务日期: cellDate(it.date),
      到期日: it.showDue ? cellDate(it.due) : null,
      付款条件: it.rowTerms,
      币种: it.currencyText,
      价税合计: major(it.amount),
      已收金额: it.paid ? major(it.paid) : null,
      结清日期: it.settled === null ? null : cellDate(it.settled),
      业务员: it.customer.salesperson,
      争议: it.disputed ? "是" : null,
      承诺付款日: it.promise === null ? null : cellDate(it.promise),
      合同号: it.contract,
      备注: it.note,
    };
    const values = INVOICE_HEADERS.map((h) => (h in it.display ? it.display[h] : clean[h]));
    ws.getRow(r).values = values as ExcelJS.CellValue[];
    amountOf.set(it, values[INVOICE_HEADERS.indexOf("价税合计")] ?? null);
    paidOf.set(it, values[INVOICE_HEADERS.indexOf("已收金额")] ?? null);
    rowOf.set(it, r);
    r++;
    if (it.customer.code === subtotalCode && sorted[i + 1]?.customer.code !== subtotalCode) {
      const block = sorted.filter((x) => x.customer.code === subtotalCode);
      const first = rowOf.get(block[0]) as number;
      const row = ws.getRow(r);
      row.getCell(1).value = "小计";
      row.getCell(3).value = it.customer.name;
      row.getCell(8).value = {
        formula: `SUM(${H}${first}:${H}${r - 1})`,
        result: numericSum(block.map((x) => amountOf.get(x) ?? null)),
      };
      row.getCell(9).value = {
        formula: `SUM(${I}${first}:${I}${r - 1})`,
        result: numericSum(block.map((x) => paidOf.get(x) ?? null)),
      };
      row.font = { bold: true };
      dataRanges.push([rangeStart, r - 1]);
      subtotalRow = r;
      r++;
      rangeStart = r;
    }
  }
  dataRanges.push([rangeStart, r - 1]);
  r++; // a blank row before the total
  const totalRow = r;
  const total = ws.getRow(totalRow);
  total.getCell(1).value = "合计";
  // SUMIF(…,"<>#N/A") skips the #N/A cell, as a plain SUM would not; both skip the 小计 row.
  total.getCell(8).value = {
    formula: dataRanges.map(([a, b]) => `SUMIF(${H}${a}:${H}${b},"<>#N/A")`).join("+"),
    result: numericSum([...amountOf.values()]),
  };
  total.getCell(9).value = {
    formula: `SUM(${dataRanges.map(([a, b]) => `${I}${a}:${I}${b}`).join(",")})`,
    result: numericSum([...paidOf.values()]),
  };
  total.font = { bold: true };
  total.eachCell((cell) => (cell.border = { top: { style: "thin" }, bottom: { style: "double" } }));
  ws.getCell(`A${totalRow + 1}`).value =
    "注：本表由ERP导出。已收金额仅含单据直接核销部分，银行回款明细见“回款记录”。";
  ws.getCell(`A${totalRow + 1}`).font = { italic: true, color: { argb: "FF595959" } };
  ws.autoFilter = `A${INVOICE_HEADER_ROW}:${lastCol}${INVOICE_HEADER_ROW}`;

  // 回款记录 ------------------------------------------------------------------------------------
  const ps = wb.addWorksheet(PAYMENT_SHEET, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
  });
  ps.getRow(1).values = PAYMENT_HEADERS;
  styleHeader(ps.getRow(1));
  setWidths(ps, [16, 10, 16, 12, 14, 8]);
  formatColumns(ps, [4], [5]);
  const paymentsSorted = payments
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.date - b.p.date || a.i - b.i)
    .map(({ p }) => p);
  const daySeq = new Map<Serial, number>();
  let unknownRow = 0;
  let afterRow = 0;
  paymentsSorted.forEach((p, i) => {
    const n = (daySeq.get(p.date) ?? 0) + 1;
    daySeq.set(p.date, n);
    const no = `SK${isoFromSerial(p.date).replace(/-/g, "")}${String(n).padStart(2, "0")}`;
    const cur = p.customer.currency === "USD" ? "USD" : rng.chance(0.5) ? "人民币" : "CNY";
    ps.getRow(i + 2).values = [
      no,
      p.customer.code,
      p.invoice,
      cellDate(p.date),
      major(p.amount),
      cur,
    ];
    if (p.role === "unknown") unknownRow = i + 2;
    if (p.role === "afterAsOf") afterRow = i + 2;
  });

  // 客户档案 ------------------------------------------------------------------------------------
  const cs = wb.addWorksheet(CUSTOMER_SHEET, {
    views: [{ state: "frozen", xSplit: 2, ySplit: 1, topLeftCell: "C2", activeCell: "C2" }],
  });
  cs.getRow(1).values = CUSTOMER_HEADERS;
  styleHeader(cs.getRow(1));
  setWidths(cs, [10, 32, 8, 14, 10, 8, 14, 17, 28, 44, 6]);
  formatColumns(cs, [], [4]);
  const master = customers.filter((c) => c.code !== MISSING_CODE);
  master.forEach((c, i) => {
    cs.getRow(i + 2).values = [
      c.code,
      c.name,
      c.grade,
      c.limit === null ? null : major(c.limit),
      c.terms,
      c.salesperson,
      c.contact,
      c.phone,
      c.email,
      c.address,
      c.currency,
    ];
  });

  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  await wb.xlsx.writeFile(outPath);

  // Summary ---------------------------------------------------------------------------------------
  const exposure = exposures(items, payments);
  const marked = sorted.filter((it) => it.remark);
  const toCell = (it: Item): SampleCell => {
    const remark = it.remark as { column: string; note: string };
    const v = it.display[remark.column as (typeof INVOICE_HEADERS)[number]];
    const value = typeof v === "object" && v !== null && "error" in v ? v.error : String(v);
    return { row: rowOf.get(it) as number, column: remark.column, value, note: remark.note };
  };
  const rowWhere = (pred: (it: Item) => boolean) => rowOf.get(sorted.find(pred) as Item) as number;
  return {
    asOf: SAMPLE_AS_OF,
    invoiceRows: sorted.length,
    creditNotes: items.filter((it) => it.credit).length,
    invoiceCustomers: codes.length,
    masterCustomers: master.length,
    salespeople: new Set(items.map((it) => it.customer.salesperson)).size,
    payments: payments.length,
    dirty: marked.filter((it) => !it.bad).map(toCell),
    bad: marked.filter((it) => it.bad).map(toCell),
    duplicateRef: {
      ref: duplicateRef,
      rows: sorted.filter((it) => it.ref === duplicateRef).map((it) => rowOf.get(it) as number),
    },
    disputedRow: rowWhere((it) => it.disputed),
    promiseRow: rowWhere((it) => it.promise !== null),
    subtotalRow,
    totalRow,
    missingFromMaster: MISSING_CODE,
    withoutInvoices: NO_INVOICE_CODE,
    unknownInvoicePayment: { row: unknownRow, invoice: "XS202412-0087" },
    paymentAfterAsOf: { row: afterRow, date: "2026-07-03" },
    overLimit: master
      .filter((c) => c.limit !== null && (exposure.get(c) ?? 0) > c.limit)
      .map((c) => ({
        code: c.code,
        name: c.name,
        limit: major(c.limit as number),
        exposure: major(exposure.get(c) ?? 0),
        currency: c.currency,
      })),
    zeroLimit: CASH_ONLY_CODE,
    noLimit: master.filter((c) => c.limit === null).map((c) => c.code),
  };
}

if (require.main === module) {
  makeSample(SAMPLE_PATH).then(
    (s) => {
      const kb = Math.round(fs.statSync(SAMPLE_PATH).size / 1024);
      console.log(
        `${path.relative(process.cwd(), SAMPLE_PATH)} (${kb} KB, as of ${s.asOf}): ` +
          `${s.invoiceRows} invoice rows (${s.creditNotes} credit notes, ${s.dirty.length} dirty, ` +
          `${s.bad.length} bad), ${s.invoiceCustomers} customers on invoices, ` +
          `${s.masterCustomers} in master, ${s.salespeople} salespeople, ${s.payments} payments, ` +
          `${s.overLimit.length} over limit (${s.overLimit.map((c) => c.code).join(", ")})`,
      );
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
