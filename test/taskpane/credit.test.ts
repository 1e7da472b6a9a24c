/**
 * Issue 8's proof "CLI and custom functions agree with the task pane on the same workbook": on
 * the sample as of 2026-06-30, the pane's engine (its sources detected as the pane detects them)
 * gives the order check `ar-desk check-order --json` and AR.CHECKORDER give; with a collection
 * log promising C0014's XS202604-0037, the pane's plan row for the item equals
 * `generate plan --log`'s, held before the promised date and raised after it. Also: the credit
 * sheets' names, the register appended (never a row dropped), commitment letters from a
 * schedule sheet.
 */
import ExcelJS from "exceljs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openSource } from "../../src/cli/io/read";
import { main } from "../../src/cli/main";
import { renderSpecs } from "../../src/cli/xlsx-writer";
import { Hold } from "../../src/core/analyze";
import { verdictLabel } from "../../src/core/credit";
import { serialFromIso } from "../../src/core/dates";
import { actionLabel } from "../../src/core/documents";
import { fromMinor } from "../../src/core/money";
import { DEFAULT_POLICY } from "../../src/core/policy";
import { ItemStatus } from "../../src/core/position";
import * as f from "../../src/functions/impl";
import { collectionLogSpec, LOG_SHEET } from "../../src/sheet/collection-log";
import { SCHEDULE_SHEET } from "../../src/sheet/commitment";
import { CREDIT_POLICY_SHEET, creditPolicySheetSpec } from "../../src/sheet/credit-policy-sheet";
import type { CellValue } from "../../src/sheet/grid";
import { detectHeader, type AnyColumnMap } from "../../src/sheet/headers";
import { specValues } from "../../src/sheet/memory-workbook";
import { REGISTER_HEADERS, REGISTER_SHEET } from "../../src/sheet/register";
import {
  LOG_NAMES,
  POLICY_NAMES,
  REGISTER_NAMES,
  SCHEDULE_NAMES,
} from "../../src/taskpane/credit-sheets";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import type { AnalyzeRequest, OrderAnswer } from "../../src/taskpane/engine/protocol";
import { autoSources, KINDS } from "../../src/taskpane/usePane";

const SAMPLE = path.resolve(__dirname, "../../assets/sample.xlsx");
const AS_OF = "2026-06-30";
const ITEM = "XS202604-0037"; // C0014, due 2026-06-18, 12 days overdue at 06-30
const serial = (iso: string) => serialFromIso(iso) as number;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-pane-credit-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { status, stdout, stderr };
}

/** The sample's sheets in an engine, connected as the pane connects them on first opening. */
async function paneEngine(): Promise<{ engine: LocalEngine; request: AnalyzeRequest }> {
  const book = openSource(SAMPLE);
  const engine = new LocalEngine();
  const detections = new Map<string, AnyColumnMap | null>();
  for (const name of book.sheetNames) {
    const grid = book.read(name);
    await engine.load(name, grid.rows);
    detections.set(name, detectHeader({ file: null, sheet: name, rows: grid.rows }));
  }
  const infos = book.sheetNames.map((name) => ({ name, rows: 0, columns: 0, generated: false }));
  const found = autoSources(infos, detections);
  const sources = KINDS.flatMap((kind) => {
    const s = found[kind];
    return s
      ? [{ sheet: s.sheet, kind, mapping: { headerRow: s.headerRow, columns: s.columns } }]
      : [];
  });
  return { engine, request: { sources, asOf: serial(AS_OF), policy: DEFAULT_POLICY } };
}

const ok = (a: OrderAnswer) => {
  if ("error" in a) throw new Error(`order check failed: ${a.error} ${a.value}`);
  return a;
};

describe("the pane's order check agrees with ar-desk check-order and AR.CHECKORDER", () => {
  const CUSTOMERS = ["C0003", "C0012", "C0014", "C0018"];
  const AMOUNT = 100_000;

  test.each(CUSTOMERS)("%s, an order of 100,000", async (code) => {
    const { engine, request } = await paneEngine();
    engine.analyzeNow(request);
    const list = await engine.customers();
    const chosen = list.find((c) => c.code === code);
    expect(chosen).toBeDefined();
    const pane = ok(
      await engine.checkOrder({ customer: chosen!.customer, amount: "100,000", currency: null }),
    );

    const cli = await run(
      "check-order",
      SAMPLE,
      "--as-of",
      AS_OF,
      "--customer",
      code,
      "--amount",
      String(AMOUNT),
      "--json",
    );
    const json = JSON.parse(cli.stdout);
    const m = (v: number | null) => (v === null ? null : fromMinor(v, pane.digits));
    expect({
      verdict: pane.verdict,
      approved: pane.approved,
      currency: pane.currency,
      amount: m(pane.amount),
      limit: m(pane.limit),
      exposure: m(pane.exposure),
      headroomBefore: m(pane.headroomBefore),
      headroomAfter: m(pane.headroomAfter),
      blocking: m(pane.blocking),
      reasons: pane.reasons.map((r) => r.code),
    }).toEqual({
      verdict: json.verdict,
      approved: json.approved,
      currency: json.currency,
      amount: json.amount,
      limit: json.limit,
      exposure: json.exposure,
      headroomBefore: json.headroomBefore,
      headroomAfter: json.headroomAfter,
      blocking: json.blocking,
      reasons: json.reasons.map((r: { code: string }) => r.code),
    });
    expect(cli.status).toBe(pane.approved ? 0 : 1);
    expect(pane.blockingRefs.map((b) => b.ref)).toEqual(
      json.blockingItems.map((b: { invoice: string }) => b.invoice),
    );

    // AR.CHECKORDER over the open-items sheet a user keeps (as test/functions/checkorder.test.ts
    // lays it out): each open item with its due date and term days, the rest of the exposure
    // (unapplied cash, disputed items) as rows without a due date.
    const a = engineAnalysis(engine);
    const { ledger } = a;
    const cur = ledger.currencies.indexOf(pane.currency);
    const it = ledger.items;
    const r = a.items;
    const major = (v: number) => fromMinor(v, pane.digits);
    const rows: [string, number, number | "", number | ""][] = [];
    const listed = new Map<number, number>();
    for (let i = 0; i < it.length; i++) {
      if (it.currency[i] !== cur || r.status[i] !== ItemStatus.open) continue;
      if (r.hold[i] === Hold.disputed) continue;
      const due = r.due[i];
      rows.push([
        ledger.customers[it.customer[i]].code,
        major(r.outstanding[i]),
        due || "",
        due && it.invoiceDate[i] ? due - it.invoiceDate[i] : "",
      ]);
      listed.set(it.customer[i], (listed.get(it.customer[i]) ?? 0) + r.outstanding[i]);
    }
    for (const p of a.customers) {
      if (p.currency !== cur) continue;
      const rest = p.exposure - (listed.get(p.customer) ?? 0);
      if (rest !== 0) rows.push([ledger.customers[p.customer].code, major(rest), "", ""]);
    }
    const col = (k: number) => rows.map((x) => [x[k]]);
    const c = ledger.customers[pane.customer];
    const [[verdict, before, after]] = f.checkOrder(
      [[code]],
      [[AMOUNT]],
      [[c.creditLimit === null ? "" : major(c.creditLimit)]],
      col(0),
      col(1),
      col(2),
      [[serial(AS_OF)]],
      [[c.grade ?? ""]],
      col(3),
      [[true]],
    );
    expect({ verdict, before, after }).toEqual({
      verdict: verdictLabel(pane.verdict, "en-US"),
      before: pane.headroomBefore === null ? "" : major(pane.headroomBefore),
      after: pane.headroomAfter === null ? "" : major(pane.headroomAfter),
    });
  });

  test("an amount that is not one is said so, not checked", async () => {
    const { engine, request } = await paneEngine();
    engine.analyzeNow(request);
    expect(await engine.checkOrder({ customer: "C0003", amount: "abc", currency: null })).toEqual({
      error: "amount",
      value: "abc",
    });
    expect(await engine.checkOrder({ customer: "C0003", amount: "-5", currency: null })).toEqual({
      error: "amount",
      value: "-5",
    });
  });
});

/** The engine's last analysis (a test's look inside; the pane only sees models). */
function engineAnalysis(engine: LocalEngine) {
  return (engine as unknown as { last: { analysis: import("../../src/core/analyze").Analysis } })
    .last.analysis;
}

describe("the collection log: the pane's plan equals generate plan --log", () => {
  // Phoned on 06-26; C0014 promised to pay XS202604-0037 in full by 07-10.
  const ENTRY = [
    "2026-06-26",
    "C0014",
    ITEM,
    "电话",
    "王芳",
    "承诺付款",
    "2026-07-10",
    145272.8,
    "7月10日前核实到账",
  ] as const;

  async function logFile(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    renderSpecs(wb, [collectionLogSpec("zh-CN", 20)]);
    const ws = wb.worksheets[0];
    ENTRY.forEach((v, c) => {
      ws.getCell(2, c + 1).value =
        c === 0 || c === 6 ? new Date(`${v as string}T00:00:00Z`) : (v as string | number);
    });
    const file = path.join(dir, "log.xlsx");
    await wb.xlsx.writeFile(file);
    return file;
  }

  /** The log as the pane reads it from the sheet: the spec's header, then the entry. */
  function logRows(): CellValue[][] {
    const rows = specValues(collectionLogSpec("zh-CN", 20)).slice(0, 1);
    rows.push(ENTRY.map((v, c) => (c === 0 || c === 6 ? serial(v as string) : v)));
    return rows;
  }

  /** The plan's row of the item, without trailing blanks (the .xlsx reader drops them). */
  function planRowOf(rows: CellValue[][]): CellValue[] {
    const row = rows.find((r) => r.includes(ITEM));
    expect(row).toBeDefined();
    const out = [...row!];
    while (out.length && (out[out.length - 1] === null || out[out.length - 1] === "")) out.pop();
    return out;
  }

  test.each(["2026-06-30", "2026-07-20"])("as of %s", async (asOf) => {
    const log = await logFile();
    const out = path.join(dir, `plan-${asOf}.xlsx`);
    const cli = await run(
      "generate",
      "plan",
      SAMPLE,
      "--as-of",
      asOf,
      "--lang",
      "zh-CN",
      "--out",
      out,
      "--log",
      log,
    );
    expect(cli.status).toBe(0);
    const cliRow = planRowOf(openSource(out).read("催收计划").rows);

    const { engine, request } = await paneEngine();
    await engine.load(LOG_SHEET["zh-CN"], logRows());
    const model = engine.analyzeNow({ ...request, asOf: serial(asOf), log: LOG_SHEET["zh-CN"] });
    expect(model.log).toMatchObject({
      sheet: "催收记录",
      rows: { imported: 1, rejected: 0 },
      promises: asOf === AS_OF ? { live: 1, broken: 0 } : { live: 0, broken: 1 },
    });
    const built = await engine.build("plan", "zh-CN");
    const paneRow = planRowOf(specValues(built.specs[0]));
    expect(paneRow).toEqual(cliRow);
    // The customer view says the same: held before the date, level raised after it.
    const c0014 = (await engine.customers()).find((c) => c.code === "C0014")!;
    const item = (await engine.customer(c0014.customer)).open.find((i) => i.ref === ITEM)!;
    const plain = new LocalEngine();
    for (const name of openSource(SAMPLE).sheetNames)
      await plain.load(name, openSource(SAMPLE).read(name).rows);
    plain.analyzeNow({ ...request, asOf: serial(asOf) });
    const before = (await plain.customer(c0014.customer)).open.find((i) => i.ref === ITEM)!;
    if (asOf === AS_OF) {
      expect(item.hold).toBe("promise");
      expect(item.level).toBe(before.level);
      expect(paneRow).toContain(actionLabel("holdPromise", "zh-CN"));
    } else {
      expect(item.hold).toBeNull();
      expect(item.level).toBe(Math.min(5, before.level + 1));
    }
  });

  test("log problems join the Problems list with their sheet, row and column", async () => {
    const { engine, request } = await paneEngine();
    const rows = logRows();
    rows.push(["2026-06-27", "C0014", "NO-SUCH-DOC", "电话", "王芳", "承诺付款", null, null]);
    await engine.load("催收记录", rows);
    const model = engine.analyzeNow({ ...request, log: "催收记录" });
    const mine = model.problems.filter((p) => p.source?.sheet === "催收记录");
    expect(mine.length).toBeGreaterThan(0);
    for (const p of mine) {
      expect(p.source?.row).toBe(3);
      expect(p.code.startsWith("log.")).toBe(true);
    }
    expect(mine.some((p) => p.column === "单据编号")).toBe(true);
  });
});

describe("credit sheets in the workbook", () => {
  test("the pane's names are the sheet modules' names", () => {
    expect(LOG_NAMES).toEqual([LOG_SHEET["zh-CN"], LOG_SHEET["en-US"]]);
    expect(SCHEDULE_NAMES).toEqual([SCHEDULE_SHEET["zh-CN"], SCHEDULE_SHEET["en-US"]]);
    expect(REGISTER_NAMES).toEqual([REGISTER_SHEET["zh-CN"], REGISTER_SHEET["en-US"]]);
    expect(POLICY_NAMES).toEqual([CREDIT_POLICY_SHEET["zh-CN"], CREDIT_POLICY_SHEET["en-US"]]);
  });

  test("detection finds the log and the schedule by their headers, under any name", async () => {
    const engine = new LocalEngine();
    const log = specValues(collectionLogSpec("en-US"));
    const found = await engine.detectCredit([
      { sheet: "Invoices", rows: [["Invoice", "Customer", "Amount"]] },
      { sheet: "My calls", rows: log },
      { sheet: "Plan 2026", rows: [["客户", "还款日期", "还款金额"]] },
    ]);
    expect(found).toEqual({ log: "My calls", schedule: "Plan 2026", policy: null });
    const policy = specValues(creditPolicySheetSpec("en-US"));
    expect((await engine.detectCredit([{ sheet: "Grades 2026", rows: policy }])).policy).toBe(
      "Grades 2026",
    );
  });

  test("the register: rows already there are kept, the new ones appended, with by and hash", async () => {
    const { engine, request } = await paneEngine();
    engine.analyzeNow(request);
    const meta = { asOf: serial(AS_OF), generatedAt: "2026-06-30 10:00:00Z", by: "preview" };
    const first = await engine.build("statements", "en-US", {
      register: { meta, sheet: null, rows: null },
    });
    const reg1 = first.specs[first.specs.length - 1];
    expect(reg1.name).toBe(REGISTER_SHEET["en-US"]);
    expect(first.registered).toBe(first.documents);
    expect(reg1.rows).toHaveLength(first.documents + 1);
    const values1 = specValues(reg1);
    expect(values1[0]).toEqual(REGISTER_HEADERS["en-US"]);
    expect(values1[1][1]).toBe("preview");
    expect(values1[1][9]).toMatch(/^[0-9a-f]{64}$/);

    const second = await engine.build("statements", "en-US", {
      register: {
        meta: { ...meta, generatedAt: "2026-06-30 11:00:00Z" },
        sheet: reg1.name,
        rows: values1,
      },
    });
    const values2 = specValues(second.specs[second.specs.length - 1]);
    expect(values2).toHaveLength(values1.length + second.documents);
    // Every earlier row as it was; identical content, identical hash.
    expect(values2.slice(0, values1.length)).toEqual(values1);
    expect(values2[values1.length][9]).toBe(values1[1][9]);
    // A report records nothing: no register sheet.
    const report = await engine.build("aging-report", "en-US", {
      register: { meta, sheet: null, rows: null },
    });
    expect(report.registered).toBe(0);
    expect(report.specs.map((s) => s.name)).not.toContain(REGISTER_SHEET["en-US"]);
  });

  test("commitment letters from a schedule sheet, with its problems worded", async () => {
    const { engine, request } = await paneEngine();
    engine.analyzeNow(request);
    const schedule: CellValue[][] = [
      ["客户", "还款日期", "还款金额", "备注"],
      ["C0014", serial("2026-07-15"), 50000, null],
      ["C0014", serial("2026-08-15"), 50000, null],
      ["NOBODY", serial("2026-07-15"), 10, null],
    ];
    await engine.load("还款计划", schedule);
    const built = await engine.build("commitments", "zh-CN", { schedule: "还款计划" });
    expect(built.schedule).toMatchObject({
      sheet: "还款计划",
      letters: 1,
      rows: { imported: 2, rejected: 1 },
    });
    expect(built.schedule!.problems.some((p) => p.includes("NOBODY"))).toBe(true);
    expect(built.documents).toBe(1);
    expect(built.specs.length).toBeGreaterThan(0);
    // Without a schedule: no letters, said so.
    const none = await engine.build("commitments", "zh-CN", {});
    expect(none.documents).toBe(0);
    expect(none.schedule?.letters).toBe(0);
  });
});

describe("the workbook's credit policy sheet governs the pane's order check", () => {
  test("grade A to prepayment: C0003 refused as check-order --policy says; a bad cell: default", async () => {
    const { engine, request } = await paneEngine();
    const order = { customer: "C0003", amount: "100,000", currency: null };
    engine.analyzeNow(request);
    expect(ok(await engine.checkOrder(order))).toMatchObject({ verdict: "ok", policySheet: null });

    const spec = await engine.blankSheet("policy", "zh-CN");
    expect(spec.name).toBe("信用政策");
    const rows = specValues(spec);
    expect(rows[1][0]).toBe("A");
    rows[1][5] = "是"; // A: prepayment
    await engine.load("信用政策", rows);
    const model = engine.analyzeNow({ ...request, creditPolicy: "信用政策" });
    expect(model.creditPolicy).toEqual({
      sheet: "信用政策",
      valid: true,
      grades: ["A", "B", "C", "D"],
      problems: [],
    });
    const pane = ok(await engine.checkOrder(order));
    expect(pane).toMatchObject({ verdict: "prepaymentRequired", policySheet: "信用政策" });

    // The CLI on the same sheet.
    const file = path.join(dir, "policy.xlsx");
    const wb = new ExcelJS.Workbook();
    renderSpecs(wb, [spec]);
    wb.worksheets[0].getCell("F2").value = "是";
    await wb.xlsx.writeFile(file);
    const cli = await run(
      "check-order",
      SAMPLE,
      "--as-of",
      AS_OF,
      "--customer",
      "C0003",
      "--amount",
      "100000",
      "--policy",
      file,
      "--json",
    );
    expect(JSON.parse(cli.stdout).verdict).toBe(pane.verdict);

    // An edit that breaks a cell: the problem is shown, the default table applies meanwhile.
    const bad = rows.map((r) => [...r]);
    bad[1][5] = "也许";
    await engine.load("信用政策", bad);
    const broken = engine.analyzeNow({ ...request, creditPolicy: "信用政策" });
    expect(broken.creditPolicy?.valid).toBe(false);
    expect(broken.creditPolicy?.problems).toEqual(["信用政策!F2 (款到发货): 应填“是”或“否”：也许"]);
    expect(ok(await engine.checkOrder(order))).toMatchObject({ verdict: "ok", policySheet: null });
  });
});

describe("a connected payment schedule: its instalments are promises in the plan and the forecast", () => {
  test("C0014's instalments hold its items and move them to the promised weeks", async () => {
    const { engine, request } = await paneEngine();
    const plain = engine.analyzeNow(request);
    const customer = (await engine.customers()).find((c) => c.code === "C0014")!.customer;
    const before = await engine.customer(customer);
    const schedule: CellValue[][] = [
      ["客户", "还款日期", "还款金额", "备注"],
      ["C0014", serial("2026-08-20"), 300000, null],
      ["C0014", serial("2026-09-10"), 249457.98, null],
    ];
    await engine.load("还款计划", schedule);
    const model = engine.analyzeNow({ ...request, schedule: "还款计划" });
    expect(model.schedule).toEqual({
      sheet: "还款计划",
      customers: 1,
      instalments: 2,
      refused: 0,
      problems: 0,
    });
    expect(model.log).toBeNull();
    const after = await engine.customer(customer);
    const promised = after.open.filter((x) => x.expected?.basis === "promise");
    expect(promised.length).toBeGreaterThan(0);
    expect(before.open.filter((x) => x.expected?.basis === "promise")).toEqual([]);
    for (const x of promised)
      expect([serial("2026-08-20"), serial("2026-09-10")]).toContain(x.expected!.date);
    // The forecast: the weeks of 08-20 (08-19 … 08-25) and 09-10 (09-09 … 09-15) gain.
    const week = (m: typeof model, from: string) =>
      m.insight.forecast[0].weeks.find((w) => w.from === serial(from))!.amount;
    expect(week(model, "2026-08-19")).toBeGreaterThan(week(plain, "2026-08-19"));
    expect(week(model, "2026-09-09")).toBeGreaterThan(week(plain, "2026-09-09"));
    expect(model.insight.forecast[0].open).toBe(plain.insight.forecast[0].open);
    // The plan's actions: C0014's items are held, none of them to act on today.
    const acts = (m: typeof model) => [...m.actions.today, ...m.actions.week];
    const c0014 = (m: typeof model) => acts(m).filter((a) => a.code === "C0014");
    expect(c0014(plain).length).toBeGreaterThan(0);
    expect(c0014(model)).toEqual([]);
  });
});
