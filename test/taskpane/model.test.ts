// The dashboard's model: the analysis's own figures (equal to `ar-desk analyze --json` on the
// sample), and the collection actions of today and the week.
import * as fs from "node:fs";
import * as path from "node:path";
import { analysisJson, insightJson } from "../../src/cli/json";
import { openXlsx } from "../../src/io/xlsx";
import { analyze, type Analysis } from "../../src/core/analyze";
import { collectionPlan } from "../../src/core/documents";
import { insight } from "../../src/core/insight";
import { makePolicy } from "../../src/core/policy";
import { fromMinor } from "../../src/core/money";
import { detectHeader } from "../../src/sheet/headers";
import { importGrids } from "../../src/sheet/import";
import { collectionRate, monthStart } from "../../src/core/kpi";
import { LocalEngine } from "../../src/taskpane/engine/engine";
import { collectionRateBy } from "../../src/taskpane/engine/model";
import type { SourceInput } from "../../src/taskpane/engine/protocol";
import { AS_OF, REQUEST, d, fixtureEngine } from "./fixtures";

const SAMPLE = path.join(__dirname, "../../assets/sample.xlsx");

describe("the dashboard model on the sample equals analyze --json", () => {
  const book = openXlsx(fs.readFileSync(SAMPLE));
  const grids = book.sheetNames.map((name) => ({
    file: null,
    sheet: name,
    rows: book.readSheet(name),
  }));
  const asOf = d("2026-06-30");
  // As the CLI reads a workbook: every sheet that looks like invoices, payments or customers.
  const imported = importGrids(grids.map((grid) => ({ grid })));
  const json = analysisJson(imported, analyze(imported.ledger, asOf));

  // As the pane does: each sheet with its kind and its (detected) mapping.
  const sources: SourceInput[] = grids.map((g) => {
    const map = detectHeader(g)!;
    return {
      sheet: g.sheet,
      kind: map.kind,
      mapping: { headerRow: map.headerRow, columns: map.columns as Record<string, number> },
    };
  });
  const engine = new LocalEngine();
  for (const g of grids) void engine.load(g.sheet, g.rows);
  const model = engine.analyzeNow({ sources, asOf, policy: makePolicy() });

  test("rows and problems", () => {
    expect(model.rows).toEqual(json.rows);
    expect(model.problemCount).toBe(json.problems.length);
    expect(model.problems.map((p) => p.code)).toEqual(json.problems.map((p) => p.code));
  });

  test("totals, overdue and buckets per currency", () => {
    expect(
      model.totals.map((t) => ({
        currency: t.currency,
        outstanding: fromMinor(t.outstanding, t.digits),
        overdue: fromMinor(t.overdue, t.digits),
        buckets: Object.fromEntries(
          model.labels.map((l, b) => [l, fromMinor(t.buckets[b], t.digits)]),
        ),
        notDue: fromMinor(t.notDue, t.digits),
        credits: fromMinor(t.credits, t.digits),
      })),
    ).toEqual(json.totals);
    // the line that makes them tie, on the dashboard model (minor units: exact)
    for (const t of model.totals) expect(t.overdue + t.notDue + t.credits).toBe(t.outstanding);
    expect(model.totals.map((t) => Math.round((t.overdueRate ?? 0) * 10000) / 10000)).toEqual(
      json.kpis.map((k) => k.overdueRate),
    );
  });

  test("top overdue customers are the JSON's customers with the most overdue", () => {
    for (const [k, t] of model.totals.entries()) {
      const expected = json.customers
        .filter((c) => c.currency === t.currency && c.overdue > 0)
        .sort((x, y) => y.overdue - x.overdue)
        .slice(0, 10)
        .map((c) => [c.customer, c.overdue]);
      expect(model.topOverdue[k].map((g) => [g.code, fromMinor(g.overdue, g.digits)])).toEqual(
        expected,
      );
    }
  });

  test("customers over or near their limit", () => {
    const expected = json.customers
      .filter((c) => c.overLimit || (c.utilisation !== null && c.utilisation >= 0.9))
      .map((c) => c.customer)
      .sort();
    expect(model.nearLimit.map((g) => g.code).sort()).toEqual(expected);
    expect(model.nearLimit.length).toBeGreaterThan(0);
  });

  test("salespeople: outstanding and overdue per currency", () => {
    const mine = model.salespeople
      .map((s) => [
        s.salesperson,
        s.currency,
        fromMinor(s.outstanding, s.digits),
        fromMinor(s.overdue, s.digits),
      ])
      .sort();
    const theirs = json.salespeople
      .map((s) => [s.salesperson, s.currency, s.outstanding, s.overdue])
      .sort();
    expect(mine).toEqual(theirs);
    for (const s of model.salespeople) {
      if (s.collectionRate !== null) expect(s.collectionRate).toBe(s.collected / s.due);
    }
  });

  test("the cash forecast and the grades are the insight section's", () => {
    const a = analyze(imported.ledger, asOf);
    const ins = insightJson(a, insight(a));
    expect(
      model.insight.forecast.map((f) => ({
        currency: f.currency,
        open: fromMinor(f.open, f.digits),
        weeks: f.weeks.map((w) => fromMinor(w.amount, f.digits)),
        months: f.months.map((m) => [m.month, fromMinor(m.amount, f.digits)]),
        later: fromMinor(f.later, f.digits),
        never: fromMinor(f.never, f.digits),
        neverItems: f.neverItems,
      })),
    ).toEqual(
      ins.forecast.map((f) => ({
        currency: f.currency,
        open: f.open,
        weeks: f.weeks.map((w) => w.amount),
        months: f.months.map((m) => [m.month, m.amount]),
        later: f.later,
        never: f.never,
        neverItems: f.neverItems,
      })),
    );
    const order = "ABCD";
    const worse = ins.customers.filter(
      (c) =>
        c.gradeDiffers === true &&
        order.indexOf(c.grade) > order.indexOf(c.recordedGrade!.trim().toUpperCase()[0]),
    );
    expect(model.insight.worseCount).toBeGreaterThan(0);
    expect(model.insight.worse.map((g) => [g.code, g.grade]).sort()).toEqual(
      worse.map((c) => [c.customer, c.grade]).sort(),
    );
    expect(model.insight.differCount).toBe(
      ins.customers.filter((c) => c.gradeDiffers === true).length,
    );
    expect(model.insight.history).toBe(ins.model.history);
  });

  test("collection rates per salesperson are kpi.collectionRate's, one salesperson at a time", () => {
    const a = analyze(imported.ledger, asOf);
    const { ledger } = a;
    const from = monthStart(asOf, 2);
    const spOf = (i: number) =>
      ledger.items.salesperson[i] >= 0
        ? ledger.items.salesperson[i]
        : ledger.customers[ledger.items.customer[i]].salesperson;
    const nc = ledger.currencies.length;
    const grouped = collectionRateBy(
      ledger,
      from,
      asOf,
      (i) => spOf(i) + 1,
      ledger.salespeople.length + 1,
    );
    let compared = 0;
    for (let s = -1; s < ledger.salespeople.length; s++) {
      for (const r of collectionRate(ledger, from, asOf, (i) => spOf(i) === s)) {
        const g = (s + 1) * nc + r.currency;
        expect([grouped.collected[g], grouped.due[g]]).toEqual([r.collected, r.due]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3);
  });

  test("the sample's payments are dated: the collection rates are figures", () => {
    expect(model.collectionUnknown).toBe(false);
    expect(model.salespeople.some((s) => s.collectionRate !== null)).toBe(true);
  });
});

describe("collection actions", () => {
  test("today: the collection plan's actions dated today or earlier and not done", async () => {
    const engine = await fixtureEngine();
    const model = engine.analyzeNow(REQUEST);
    const brief = (a: { date: number; kind: string; level: number; ref: string | null }) => [
      a.date - AS_OF,
      a.kind,
      a.level,
      a.ref,
    ];
    // A1's visit fell due 30 days ago and is not done: still to do today, as the plan says.
    expect(model.actions.today.map(brief)).toEqual([
      [-30, "escalate", 5, "A1"],
      [-1, "reminder", 0, "A3"],
      [0, "escalate", 1, "A2"],
    ]);
    expect(model.actions.todayCount).toBe(3);
    // the same list as the plan sheet's
    const { analysis } = (engine as unknown as { need(): { analysis: Analysis } }).need();
    const plan = collectionPlan(analysis).filter(
      (r) =>
        r.actionDate !== null &&
        r.actionDate <= AS_OF &&
        !["holdDisputed", "holdPromise", "applyCredit", "none"].includes(r.action),
    );
    expect(model.actions.today.map((x) => x.item).sort()).toEqual(plan.map((r) => r.item).sort());
  });

  test("held items (disputed) have no actions", async () => {
    const engine = await fixtureEngine();
    const rows = (await import("./fixtures")).INVOICES.map((r, i) =>
      i >= 2 && i <= 5 ? [...r, "是"] : i === 1 ? [...r, "争议"] : r,
    );
    await engine.load("应收明细", rows);
    const req = structuredClone(REQUEST);
    req.sources[0].mapping.columns.disputed = 9;
    const model = engine.analyzeNow(req);
    expect(model.actions.todayCount + model.actions.weekCount).toBe(0);
  });
});

describe("the model of the small workbook", () => {
  test("no dated collection (a paid amount without a date): every collection rate is unknown", async () => {
    const engine = await fixtureEngine();
    const model = engine.analyzeNow(REQUEST);
    expect(model.collectionUnknown).toBe(true);
    expect(model.salespeople.length).toBeGreaterThan(0);
    // 0 % would say nothing was collected; A4 was paid, we only do not know when.
    for (const s of model.salespeople) expect(s.collectionRate).toBeNull();
  });

  test("near limit, salespeople and problems", async () => {
    const engine = await fixtureEngine();
    const model = engine.analyzeNow(REQUEST);
    expect(model.nearLimit.map((g) => [g.code, g.utilisation])).toEqual([["C1", 1500 / 1600]]);
    expect(
      model.salespeople.map((s) => [s.salesperson, s.outstanding / 100, s.overdue / 100]),
    ).toEqual([
      ["张伟", 1500, 1500],
      ["李娜", 800, 0],
    ]);
    expect(model.problems.map((p) => [p.code, p.source?.row])).toEqual([
      ["row.subtotal", 7],
      ["row.badAmount", 8],
    ]);
  });

  test("customer detail: open items oldest due first, settled history", async () => {
    const engine = await fixtureEngine();
    const model = engine.analyzeNow(REQUEST);
    const c1 = model.topOverdue[0][0].customer;
    const detail = await engine.customer(c1);
    expect(detail.code).toBe("C1");
    expect(detail.open.map((i) => [i.ref, i.daysOverdue, i.row, i.sheet])).toEqual([
      ["A1", 91, 3, "应收明细"],
      ["A2", 1, 4, "应收明细"],
    ]);
    // Customers are numbered in the order the customer list names them: C2 is 1.
    const c2 = await engine.customer(1);
    expect(c2.code).toBe("C2");
    expect(c2.history.map((i) => [i.ref, i.daysLate])).toEqual([["A4", null]]);
  });

  test("customer detail: expected pay dates with their reasons, and the suggested grade", async () => {
    const engine = await fixtureEngine();
    engine.analyzeNow(REQUEST);
    const detail = await engine.customer(0);
    // Nothing settled by the as-of date to learn from: no behaviour, and the stated rule (the
    // due date; for an item already overdue, within 30 days, never "tomorrow"), with its reason.
    expect(detail.behaviour).toBeNull();
    expect(
      detail.open.map((i) => [
        i.ref,
        (i.expected?.date ?? 0) - AS_OF,
        i.expected?.basis,
        i.expected?.reasons.map((r) => r.code),
      ]),
    ).toEqual([
      ["A1", 30, "noHistory", ["basis.noHistoryOverdue"]],
      ["A2", 30, "noHistory", ["basis.noHistoryOverdue"]],
    ]);
    const c2 = await engine.customer(1);
    expect(c2.open.map((i) => [i.ref, (i.expected?.date ?? 0) - AS_OF])).toEqual([["A3", 6]]);
    expect(detail.grade?.grade).toBe("D");
    expect(detail.grade?.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(["grade.overdue", "grade.nearLimit", "grade.overdueShare"]),
    );
  });

  test("the aging report document writes four sheets", async () => {
    const engine = await fixtureEngine();
    engine.analyzeNow(REQUEST);
    const { specs } = await engine.build("aging-report", "en-US");
    expect(specs.map((s) => s.name)).toEqual([
      "Summary",
      "Aging by customer",
      "Open items",
      "Problems",
    ]);
    expect((await engine.documents()).map((x) => x.id)).toContain("aging-report");
  });
});
