/**
 * One credit limit per customer, on every face (issue 13): the recorded limit, unless a credit
 * policy the user supplies changes it for the customer's grade, and then every face shows the
 * policy's limit with the recorded one and the grade beside it. On the bundled sample, with a
 * policy that halves grade B's limits and caps grade C's at 100,000: `analyze --json --policy`,
 * its summary, `check-order --policy`, the pane's dashboard model and customer detail (policy
 * sheet connected) agree for every customer; without a policy, nothing changes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AnalyzeJson } from "../src/cli/json";
import { run } from "./support/cli";
import { openXlsx } from "../src/io/xlsx";
import { analyze } from "../src/core/analyze";
import {
  DEFAULT_CREDIT_POLICY,
  gradeLimit,
  makeCreditPolicy,
  withCreditPolicy,
} from "../src/core/credit";
import { serialFromIso } from "../src/core/dates";
import { makePolicy } from "../src/core/policy";
import { creditPolicySheetSpec } from "../src/sheet/credit-policy-sheet";
import { detectHeader } from "../src/sheet/headers";
import { importGrids } from "../src/sheet/import";
import { specValues } from "../src/sheet/memory-workbook";
import { LocalEngine } from "../src/taskpane/engine/engine";
import type { SourceInput } from "../src/taskpane/engine/protocol";

const SAMPLE = path.resolve(__dirname, "../assets/sample.xlsx");
const AS_OF = "2026-06-30";
const POLICY = {
  grades: [
    { grade: "A", termsDays: 60 },
    { grade: "B", limitFactor: 0.5 },
    { grade: "C", maxLimit: 100000 },
    { grade: "D", prepayment: true },
  ],
};

let dir: string;
let policyFile: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-limits-"));
  policyFile = path.join(dir, "policy.json");
  fs.writeFileSync(policyFile, JSON.stringify(POLICY));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("gradeLimit and withCreditPolicy", () => {
  const policy = makeCreditPolicy(POLICY);
  test("factor, cap, default, unchanged", () => {
    expect(gradeLimit(policy, "b", 300_00, 2)).toEqual({
      limit: 150_00,
      recorded: 300_00,
      grade: "B",
      changed: true,
    });
    expect(gradeLimit(policy, "C", 500_000_00, 2).limit).toBe(100_000_00);
    expect(gradeLimit(policy, "C", 50_000_00, 2).changed).toBe(false);
    expect(gradeLimit(policy, "A", 1_00, 2).changed).toBe(false);
    const withDefault = makeCreditPolicy({ grades: [{ grade: "B", defaultLimit: 5000 }] });
    expect(gradeLimit(withDefault, "B", null, 2)).toMatchObject({ limit: 5000_00, changed: true });
    expect(gradeLimit(withDefault, null, null, 2)).toMatchObject({ limit: null, changed: false });
  });

  test("the default policy changes no limit: the same analysis comes back", () => {
    const book = openXlsx(fs.readFileSync(SAMPLE));
    const grids = book.sheetNames.map((name) => ({
      grid: { file: null, sheet: name, rows: book.readSheet(name) },
    }));
    const a = analyze(importGrids(grids).ledger, serialFromIso(AS_OF) as number, makePolicy());
    expect(withCreditPolicy(a, DEFAULT_CREDIT_POLICY)).toBe(a);
    const b = withCreditPolicy(a, policy);
    expect(b).not.toBe(a);
    for (const [k, p] of b.customers.entries()) {
      const before = a.customers[k];
      if (!p.policyLimit) {
        expect(p).toBe(before);
        continue;
      }
      expect(p.policyLimit.recorded).toBe(before.creditLimit);
      expect(p.headroom).toBe(p.creditLimit! - p.exposure);
      expect(p.overLimit).toBe(p.exposure > p.creditLimit!);
    }
  });
});

describe("on the sample with a policy: the CLI, check-order and the pane agree", () => {
  let plain: AnalyzeJson;
  let policed: AnalyzeJson;
  beforeAll(async () => {
    const a = await run("analyze", SAMPLE, "--as-of", AS_OF, "--json");
    const b = await run("analyze", SAMPLE, "--as-of", AS_OF, "--json", "--policy", policyFile);
    expect([a.status, b.status]).toEqual([0, 0]);
    plain = AnalyzeJson.parse(JSON.parse(a.stdout));
    policed = AnalyzeJson.parse(JSON.parse(b.stdout));
  });

  test("analyze --policy: changed limits carry the recorded one and the grade", () => {
    const changed = policed.customers.filter((c) => c.policyLimit !== null);
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed.map((c) => c.policyLimit!.grade))).toEqual(new Set(["B", "C"]));
    for (const c of policed.customers) {
      const before = plain.customers.find(
        (p) => p.customer === c.customer && p.currency === c.currency,
      )!;
      expect(before.policyLimit).toBeNull();
      if (c.policyLimit === null) {
        expect(c.creditLimit).toBe(before.creditLimit);
        continue;
      }
      expect(c.policyLimit.recorded).toBe(before.creditLimit);
      if (c.policyLimit.grade === "B")
        expect(c.creditLimit).toBeCloseTo(before.creditLimit! / 2, 2);
      else expect(c.creditLimit).toBe(100000);
      expect(c.headroom).toBeCloseTo(c.creditLimit! - c.exposure, 2);
    }
  });

  test("the summary marks a policy limit among those over it", async () => {
    const over = policed.customers.filter((c) => c.overLimit && c.policyLimit);
    expect(over.length).toBeGreaterThan(0);
    const en = await run("analyze", SAMPLE, "--as-of", AS_OF, "--policy", policyFile);
    expect(en.stdout).toMatch(/\(credit policy, grade [BC]; recorded [\d,.]+\)/);
    const zh = await run(
      "analyze",
      SAMPLE,
      "--as-of",
      AS_OF,
      "--policy",
      policyFile,
      "--lang",
      "zh-CN",
    );
    expect(zh.stdout).toMatch(/（信用政策 [BC] 级；档案额度 [\d,.]+）/);
    const none = await run("analyze", SAMPLE, "--as-of", AS_OF);
    expect(none.stdout).not.toMatch(/credit policy, grade/);
  });

  test("check-order --policy states the same limit for every customer with one", async () => {
    let compared = 0;
    for (const c of policed.customers) {
      if (c.creditLimit === null || c.currency === null) continue;
      const r = await run(
        "check-order",
        SAMPLE,
        "--customer",
        c.customer,
        "--amount",
        "1",
        "--currency",
        c.currency,
        "--as-of",
        AS_OF,
        "--policy",
        policyFile,
        "--json",
      );
      const body = JSON.parse(r.stdout);
      if (body.verdict === "prepaymentRequired") continue; // grade D: no limit is judged
      expect([c.customer, body.limit]).toEqual([c.customer, c.creditLimit]);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });

  test("the pane, policy sheet connected: dashboard and customer detail show the same limits", async () => {
    const book = openXlsx(fs.readFileSync(SAMPLE));
    const engine = new LocalEngine();
    const sources: SourceInput[] = [];
    for (const name of book.sheetNames) {
      const rows = book.readSheet(name);
      await engine.load(name, rows);
      const map = detectHeader({ file: null, sheet: name, rows })!;
      sources.push({
        sheet: name,
        kind: map.kind,
        mapping: { headerRow: map.headerRow, columns: map.columns as Record<string, number> },
      });
    }
    const spec = creditPolicySheetSpec("en-US", makeCreditPolicy(POLICY));
    await engine.load(spec.name, specValues(spec));
    const model = engine.analyzeNow({
      sources,
      asOf: serialFromIso(AS_OF) as number,
      policy: makePolicy(),
      creditPolicy: spec.name,
    });
    expect(model.creditPolicy?.valid).toBe(true);
    const byKey = new Map(policed.customers.map((c) => [`${c.customer}|${c.currency}`, c]));
    expect(model.nearLimit.some((g) => g.policyLimit)).toBe(true);
    for (const g of model.nearLimit) {
      const c = byKey.get(`${g.code}|${g.currency}`)!;
      expect([g.code, g.creditLimit === null ? null : g.creditLimit / 100]).toEqual([
        c.customer,
        c.creditLimit,
      ]);
      expect(g.policyLimit?.grade ?? null).toBe(c.policyLimit?.grade ?? null);
    }
    const changed = policed.customers.find((c) => c.policyLimit)!;
    const index = model.nearLimit.find((g) => g.code === changed.customer)?.customer;
    const detail = await engine.customer(
      index ?? (await engine.customers()).find((x) => x.code === changed.customer)!.customer,
    );
    const pos = detail.positions.find((p) => p.currency === changed.currency)!;
    expect(pos.creditLimit! / 100).toBe(changed.creditLimit);
    expect(pos.policyLimit?.recorded === null ? null : pos.policyLimit!.recorded! / 100).toBe(
      changed.policyLimit!.recorded,
    );
  });
});
