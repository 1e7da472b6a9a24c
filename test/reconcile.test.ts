/**
 * Figures that reconcile (issue 13), over random ledgers (fast-check): for every customer and
 * currency, overdue + not yet due + credits and unapplied cash = outstanding, on the core's
 * results and on what each face shows (the pane's dashboard model, `analyze --json`, the CLI
 * summary); the overdue rate never exceeds 100%; the forecast's open balance plus the credits
 * it leaves out is the outstanding.
 */
import fc from "fast-check";
import { analysisDoc, analysisJson, sampleForCheck } from "../src/cli/json";
import { writeJson } from "../src/cli/json-stream";
import { renderSummary } from "../src/cli/summary";
import { analyze } from "../src/core/analyze";
import { insight } from "../src/core/insight";
import { overdueRate } from "../src/core/kpi";
import { ledgerFrom, type ItemInput, type PaymentInput } from "../src/core/ledger";
import { formatMinor, minorDigits } from "../src/core/money";
import { makePolicy } from "../src/core/policy";
import type { ImportResult } from "../src/sheet/import";
import { dashboardModel } from "../src/taskpane/engine/model";
import { salespersonScorecard } from "../src/core/documents/scorecard";
import { agingReportSpec } from "../src/sheet/aging-report";

const BASE = 45000;

const itemArb = fc.record({
  customer: fc.constantFrom("A", "B", "C"),
  currency: fc.constantFrom(null, "CNY", "USD"),
  invoice: fc.integer({ min: 0, max: 300 }),
  term: fc.integer({ min: 0, max: 60 }),
  amount: fc.oneof(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: -500_000, max: -1 })),
  paid: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
  settled: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
});
const paymentArb = fc.record({
  target: fc.option(fc.nat(), { nil: null }),
  customer: fc.constantFrom("A", "B", "C"),
  currency: fc.constantFrom(null, "CNY", "USD"),
  date: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  amount: fc.integer({ min: -100_000, max: 3_000_000 }),
});
type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;

function build(items: Gen<typeof itemArb>[], payments: Gen<typeof paymentArb>[]) {
  const inputs: ItemInput[] = items.map((x, i) => ({
    ref: `I${i}`,
    customer: x.customer,
    currency: x.currency,
    invoiceDate: BASE + x.invoice,
    dueDate: null,
    terms: { days: x.term, monthEnd: false },
    amount: x.amount,
    paid: x.paid,
    settledDate: x.settled === null ? null : BASE + x.invoice + x.settled,
    source: { file: "t", sheet: null, row: i + 2 },
  }));
  const pays: (PaymentInput & { item?: number })[] = payments.map((p, j) => {
    const item = p.target !== null && items.length > 0 ? p.target % items.length : -1;
    return {
      ref: item >= 0 ? `I${item}` : null,
      customer: item >= 0 ? null : p.customer,
      currency: item >= 0 ? items[item].currency : p.currency,
      date: p.date === null ? null : BASE + p.date,
      amount: p.amount,
      source: { file: "p", sheet: null, row: j + 2 },
      item,
    };
  });
  return ledgerFrom(inputs, pays);
}

const args = [
  fc.array(itemArb, { minLength: 1, maxLength: 25 }),
  fc.array(paymentArb, { maxLength: 15 }),
  fc.integer({ min: 0, max: 450 }),
  fc.integer({ min: 0, max: 10 }),
] as const;

/** Major units back to minor, exactly (the JSON's numbers are exact to the minor unit). */
const minor = (x: number, digits: number) => Math.round(x * 10 ** digits);

describe("reconciliation identities over random ledgers", () => {
  test("core: overdue + not yet due + credits = outstanding, per customer and in total", () => {
    fc.assert(
      fc.property(...args, (items, payments, at, grace) => {
        const a = analyze(build(items, payments), BASE + at, makePolicy({ graceDays: grace }));
        for (const g of [...a.customers, ...a.totals, ...a.salespeople]) {
          expect(g.overdue + g.notDue + g.credits).toBe(g.outstanding);
          expect(g.overdue).toBeGreaterThanOrEqual(0);
          expect(g.notDue).toBeGreaterThanOrEqual(0);
          const r = overdueRate(g);
          if (r !== null) expect(r).toBeLessThanOrEqual(1);
        }
        // the per-customer lines add up to the total of their currency
        for (const t of a.totals) {
          const mine = a.customers.filter((g) => g.currency === t.currency);
          expect(mine.reduce((s, g) => s + g.credits, 0)).toBe(t.credits);
          expect(mine.reduce((s, g) => s + g.notDue, 0)).toBe(t.notDue);
        }
      }),
      { numRuns: 150 },
    );
  });

  test("faces: dashboard model, --json and the CLI summary show the line that ties", () => {
    fc.assert(
      fc.property(...args, (items, payments, at, grace) => {
        const ledger = build(items, payments);
        const a = analyze(ledger, BASE + at, makePolicy({ graceDays: grace }));
        const ins = insight(a);
        const imported: ImportResult = {
          ledger,
          problems: [],
          rows: { read: 0, imported: 0, skipped: 0, rejected: 0 },
          sheets: [],
        };
        const model = dashboardModel(imported, a, ins);
        for (const t of model.totals) {
          expect(t.overdue + t.notDue + t.credits).toBe(t.outstanding);
          if (t.overdueRate !== null) expect(t.overdueRate).toBeLessThanOrEqual(1);
        }
        for (const f of model.insight.forecast) {
          const t = model.totals.find((x) => x.currency === f.currency)!;
          expect(f.outstanding).toBe(t.outstanding);
          expect(f.open + f.credits).toBe(f.outstanding);
        }
        const json = analysisJson(imported, a, "en-US", ins);
        // `analyze --json` writes the lazy document: the same text, the same sample checked.
        const doc = analysisDoc(imported, a, "en-US", ins);
        const chunks: string[] = [];
        writeJson(doc, (c) => chunks.push(c), 256);
        expect(chunks.join("")).toBe(JSON.stringify(json));
        expect(sampleForCheck(doc, 3)).toEqual(sampleForCheck(json, 3));
        for (const g of [...json.customers, ...json.totals]) {
          const d = minorDigits(g.currency);
          expect(minor(g.overdue, d) + minor(g.notDue, d) + minor(g.credits, d)).toBe(
            minor(g.outstanding, d),
          );
        }
        for (const k of json.kpis) {
          if (k.overdueRate !== null) expect(k.overdueRate).toBeLessThanOrEqual(1);
          expect(k.overdueRateBase).toBe("gross");
        }
        const text = renderSummary(imported, a, "en-US", false, 10, ins);
        // A currency with nothing open has no block in the summary (nothing to tie).
        for (const t of a.totals.filter((x) => x.outstanding !== 0 || x.overdue !== 0)) {
          const fmt = (m: number) => formatMinor(m, minorDigits(ledger.currencies[t.currency]));
          expect(text).toContain(
            `= overdue ${fmt(t.overdue)} + not yet due ${fmt(t.notDue)} + credits and unapplied cash ${fmt(t.credits)}`,
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("the scorecard and the aging report tie out too", () => {
  test("scorecard rows: overdue + not yet due + credits = outstanding, rates ≤ 100 %, rows add up", () => {
    fc.assert(
      fc.property(...args, (items, payments, at, grace) => {
        const a = analyze(build(items, payments), BASE + at, makePolicy({ graceDays: grace }));
        const card = salespersonScorecard(a, BASE, a.asOf);
        for (const r of [...card.rows, ...card.totals]) {
          expect(r.overdue + r.notDue + r.credits).toBe(r.outstanding);
          if (r.overdueRate !== null) expect(r.overdueRate).toBeLessThanOrEqual(1);
        }
        for (const t of card.totals) {
          const mine = card.rows.filter((r) => r.currencyIndex === t.currencyIndex);
          expect(mine.reduce((s, r) => s + r.outstanding, 0)).toBe(t.outstanding);
          expect(mine.reduce((s, r) => s + r.credits, 0)).toBe(t.credits);
        }
      }),
      { numRuns: 60 },
    );
  });

  test("aging report: each customer row's buckets + credits = its total = the analysis's outstanding", () => {
    fc.assert(
      fc.property(...args, (items, payments, at, grace) => {
        const a = analyze(build(items, payments), BASE + at, makePolicy({ graceDays: grace }));
        const spec = agingReportSpec(a, "en-US");
        const nb = a.labels.length;
        const value = (c: unknown): unknown =>
          c !== null && typeof c === "object" && "value" in c ? (c as { value: unknown }).value : c;
        const result = (c: unknown): number => {
          const v = value(c);
          return v !== null && typeof v === "object" && "result" in v
            ? Number((v as { result: unknown }).result)
            : Number(v);
        };
        let rows = 0;
        for (const row of spec.rows) {
          const code = value(row[0]);
          if (code !== "A" && code !== "B" && code !== "C") continue;
          const currency = String(value(row[2]) ?? "") || null;
          const c = a.ledger.currencies.indexOf(currency);
          const p = a.customers.find(
            (g) => a.ledger.customers[g.customer].code === code && g.currency === c,
          )!;
          const digits = minorDigits(currency);
          const buckets = row.slice(3, 3 + nb).map(result);
          const credits = result(row[3 + nb]);
          const total = result(row[4 + nb]);
          expect(minor(buckets.reduce((s, b) => s + b, 0) + credits, digits)).toBe(
            minor(total, digits),
          );
          expect(minor(total, digits)).toBe(p.outstanding);
          expect(minor(credits, digits)).toBe(p.credits);
          expect(minor(result(row[5 + nb]), digits)).toBe(p.overdue);
          rows++;
        }
        const open = a.customers.filter((g) => g.openItems > 0 || g.unapplied !== 0).length;
        expect(rows).toBeGreaterThanOrEqual(Math.min(open, 1));
      }),
      { numRuns: 40 },
    );
  });
});

describe("never figures from payments alone", () => {
  test("analyze on an invoices file with no usable row: an error and exit 2, no summary", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { main } = await import("../src/cli/main");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-noinv-"));
    const file = path.join(dir, "inv.csv");
    fs.writeFileSync(file, "Invoice,Customer,Invoice Date,Amount\nA1,C1,bad,xx\n");
    let stdout = "";
    let stderr = "";
    const status = await main(["analyze", file], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/no invoice row could be imported/);
  });
});

describe("never invent a number: the summary says unknown, and why", () => {
  test("no limits recorded: 'over credit limit' is unknown, not 'none'", () => {
    const ledger = ledgerFrom([
      {
        ref: "A1",
        customer: "C1",
        currency: null,
        invoiceDate: BASE,
        dueDate: BASE + 30,
        amount: 10000,
        source: { file: "t", sheet: null, row: 2 },
      },
    ]);
    const a = analyze(ledger, BASE + 400);
    const imported: ImportResult = {
      ledger,
      problems: [],
      rows: { read: 1, imported: 1, skipped: 0, rejected: 0 },
      sheets: [],
    };
    const text = renderSummary(imported, a, "en-US");
    expect(text).toContain("Over credit limit: unknown: no credit limit is recorded");
    expect(text).not.toMatch(/Over credit limit \(0 customers\)/);
    // no sale in the last 90 days: DSO is unknown, with the reason
    expect(text).toContain("DSO unknown: no sales in the last 90 days");
    const zh = renderSummary(imported, a, "zh-CN");
    expect(zh).toContain("未知：没有记录任何信用额度");
  });
});
