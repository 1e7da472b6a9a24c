/**
 * The Poulomi8 synthetic receivables set (../shared/data/SOURCES.md): invoices, payments, a
 * customer master and credit limits, built as a cleaning exercise. Every dirty row must be
 * reported at its own row, nothing may be lost, and outstanding and headroom must equal an
 * independent computation from the raw CSVs.
 */
import path from "node:path";
import type { AnalyzeJson } from "../../src/cli/json";
import {
  analyzeJson,
  bucketIndex,
  cents,
  dataPath,
  describeWithData,
  dmyDay,
  emptySums,
  isoDay,
  isoOf,
  readCsv,
  sumsOf,
  type CsvRow,
  type Sums,
} from "./data";

const INV = "poulomi8-ar-synthetic-invoices.csv";
const PAY = "poulomi8-ar-synthetic-payments.csv";
const MASTER = "poulomi8-ar-synthetic-customer-master.csv";
const LIMITS = "poulomi8-ar-synthetic-credit-limits.csv";
const LABELS = ["current", "1-30", "31-60", "61-90", "91+"];
const THRESHOLDS = [30, 60, 90];

interface Invoice {
  line: number;
  id: string;
  customer: string;
  invoiceDate: number;
  due: number;
  amount: number; // cents
}

/** First occurrence of each key, and the later rows that repeat it. */
function duplicates(rows: CsvRow[], key: (r: CsvRow) => string) {
  const first = new Map<string, CsvRow>();
  const repeats: { row: CsvRow; first: CsvRow; identical: boolean }[] = [];
  for (const r of rows) {
    const f = first.get(key(r));
    if (!f) first.set(key(r), r);
    else repeats.push({ row: r, first: f, identical: r.cells.join(",") === f.cells.join(",") });
  }
  return { first, repeats };
}

describeWithData("Poulomi8 synthetic receivables (real data)", [INV, PAY, MASTER, LIMITS], () => {
  const inv = readCsv(INV);
  const pay = readCsv(PAY);
  const master = readCsv(MASTER);
  const limits = readCsv(LIMITS);

  // ---- customers: terms and limits from the master's first row per customer
  const masterDup = duplicates(master.rows, (r) => r.get("Customer_ID"));
  const terms = new Map<string, number>();
  const masterLimit = new Map<string, number>();
  for (const [id, r] of masterDup.first) {
    const m = /^Net (\d+)$/.exec(r.get("Payment_Terms"));
    if (!m) throw new Error(`terms of ${id}: ${r.get("Payment_Terms")}`);
    terms.set(id, Number(m[1]));
    masterLimit.set(id, cents(r.get("Credit_Limit")));
  }
  const fileLimit = new Map(
    limits.rows.map((r) => [r.get("Customer_ID"), cents(r.get("Credit_Limit"))]),
  );

  // ---- invoices: the dirt, found here from the raw file
  const slashed = inv.rows.filter((r) => r.get("Invoice_Date").includes("/"));
  const blankDue = inv.rows.filter((r) => r.get("Due_Date") === "");
  const blankAmount = inv.rows.filter((r) => r.get("Invoice_Amount") === "");
  const invDup = duplicates(inv.rows, (r) => r.get("Invoice_ID"));
  const identicalDups = invDup.repeats.filter((d) => d.identical);
  const differentDups = invDup.repeats.filter((d) => !d.identical);
  const skippedLines = new Set(identicalDups.map((d) => d.row.line));
  const rejectedLines = new Set(blankAmount.map((r) => r.line));

  const invoices: Invoice[] = inv.rows
    .filter((r) => !skippedLines.has(r.line) && !rejectedLines.has(r.line))
    .map((r) => {
      const d = r.get("Invoice_Date");
      const invoiceDate = d.includes("/") ? dmyDay(d) : isoDay(d);
      const customer = r.get("Customer_ID");
      const due = r.get("Due_Date");
      return {
        line: r.line,
        id: r.get("Invoice_ID"),
        customer,
        invoiceDate,
        due: due === "" ? invoiceDate + terms.get(customer)! : isoDay(due),
        amount: cents(r.get("Invoice_Amount")),
      };
    });
  const importedIds = new Set(invoices.map((i) => i.id));

  // ---- payments: by invoice; those naming a rejected invoice cannot be applied
  const payments = new Map<string, { date: number; amount: number }[]>();
  const orphanPayments: CsvRow[] = [];
  for (const r of pay.rows) {
    const id = r.get("Invoice_ID");
    if (!importedIds.has(id)) {
      orphanPayments.push(r);
      continue;
    }
    const list = payments.get(id) ?? [];
    list.push({ date: isoDay(r.get("Payment_Date")), amount: cents(r.get("Amount_Paid")) });
    payments.set(id, list);
  }

  test("the raw files hold the dirt SOURCES.md lists", () => {
    expect(inv.rows).toHaveLength(8005);
    expect(pay.rows).toHaveLength(6748);
    expect(master.rows).toHaveLength(503);
    expect(limits.rows).toHaveLength(500);
    expect(slashed).toHaveLength(10);
    expect(blankDue).toHaveLength(15);
    expect(blankAmount).toHaveLength(6);
    expect(invDup.repeats).toHaveLength(5);
    expect(masterDup.repeats).toHaveLength(3);
    // At least one day-first date that would also read as a valid month-first date.
    expect(slashed.some((r) => Number(r.get("Invoice_Date").slice(0, 2)) <= 12)).toBe(true);
    expect(orphanPayments.length).toBeGreaterThan(0);
    const rejectedIds = new Set(blankAmount.map((r) => r.get("Invoice_ID")));
    for (const r of orphanPayments) expect(rejectedIds.has(r.get("Invoice_ID"))).toBe(true);
    for (const [id, l] of fileLimit) expect(masterLimit.get(id)).toBe(l);
  });

  interface Expected {
    status: "open" | "closed" | "future";
    outstanding: number;
    daysOverdue: number | null;
    bucket: string | null;
    overdue: boolean;
    settledDate: string | null;
    daysLate: number | null;
  }

  function expectedAt(i: Invoice, asOf: number): Expected {
    const none = {
      daysOverdue: null,
      bucket: null,
      overdue: false,
      settledDate: null,
      daysLate: null,
    };
    if (i.invoiceDate > asOf) return { status: "future", outstanding: 0, ...none };
    const applied = (payments.get(i.id) ?? []).filter((p) => p.date <= asOf);
    // A payment against a credit note, dated on or after it, is a refund: it settles the credit.
    const effect = (p: { amount: number; date: number }) =>
      i.amount < 0 && p.date >= i.invoiceDate ? -Math.abs(p.amount) : p.amount;
    const outstanding = i.amount - applied.reduce((s, p) => s + effect(p), 0);
    if (outstanding === 0) {
      const settled = Math.max(...applied.map((p) => p.date));
      return {
        ...none,
        status: "closed",
        outstanding: 0,
        settledDate: isoOf(settled),
        daysLate: Math.max(0, settled - i.due),
      };
    }
    const daysOverdue = asOf - i.due;
    return {
      ...none,
      status: "open",
      outstanding,
      daysOverdue,
      bucket: LABELS[bucketIndex(daysOverdue, THRESHOLDS, "due")],
      overdue: outstanding > 0 && daysOverdue > 0,
    };
  }

  function checkRun(asOfIso: string, withLimitsFile: boolean) {
    const asOf = isoDay(asOfIso);
    const files = withLimitsFile ? [INV, PAY, MASTER, LIMITS] : [INV, PAY, MASTER];
    const limit = withLimitsFile ? fileLimit : masterLimit;
    let out: AnalyzeJson;
    beforeAll(async () => {
      const args = [dataPath(INV), "--payments", dataPath(PAY), "--customers", dataPath(MASTER)];
      if (withLimitsFile) args.push("--customers", dataPath(LIMITS));
      out = await analyzeJson([...args, "--as-of", asOfIso]);
    });

    const base = (f: string | null) => path.basename(f ?? "");
    const problemsAt = (file: string, row: number) =>
      out.problems.filter((p) => p.source && base(p.source.file) === file && p.source.row === row);
    const itemAt = (row: number) =>
      out.items.find((i) => base(i.source.file) === INV && i.source.row === row);

    test("nothing lost: every file's rows are read and add up", () => {
      const want: Record<string, AnalyzeJson["rows"]> = {
        [INV]: {
          read: inv.rows.length,
          imported: invoices.length,
          skipped: identicalDups.length,
          rejected: blankAmount.length,
        },
        [PAY]: {
          read: pay.rows.length,
          imported: pay.rows.length - orphanPayments.length,
          skipped: 0,
          rejected: orphanPayments.length,
        },
        [MASTER]: {
          read: master.rows.length,
          imported: masterDup.first.size,
          skipped: expect.any(Number),
          rejected: expect.any(Number),
        },
        [LIMITS]: { read: limits.rows.length, imported: 500, skipped: 0, rejected: 0 },
      };
      expect(out.sheets.map((s) => base(s.file))).toEqual(files);
      const total = { read: 0, imported: 0, skipped: 0, rejected: 0 };
      for (const s of out.sheets) {
        expect(s.headerRow).toBe(1);
        expect({ file: base(s.file), ...s.rows }).toEqual({
          file: base(s.file),
          ...want[base(s.file)],
        });
        expect(s.rows.read).toBe(s.rows.imported + s.rows.skipped + s.rows.rejected);
        for (const k of ["read", "imported", "skipped", "rejected"] as const) total[k] += s.rows[k];
      }
      const m = out.sheets.find((s) => base(s.file) === MASTER)!;
      expect(m.rows.skipped + m.rows.rejected).toBe(masterDup.repeats.length);
      expect(out.rows).toEqual(total);
      expect(out.rows.read).toBe(out.rows.imported + out.rows.skipped + out.rows.rejected);
      expect(out.items).toHaveLength(invoices.length);
    });

    test("the invoice rows not imported are exactly the blank-amount and repeated rows", () => {
      const imported = new Set(out.items.map((i) => i.source.row));
      const missing = inv.rows.map((r) => r.line).filter((l) => !imported.has(l));
      expect(missing.sort((a, b) => a - b)).toEqual(
        [...rejectedLines, ...skippedLines].sort((a, b) => a - b),
      );
      for (const l of missing) expect(problemsAt(INV, l).length).toBeGreaterThan(0);
    });

    test("blank Invoice_Amount: rejected with an error at that row and column", () => {
      for (const r of blankAmount) {
        expect(itemAt(r.line)).toBeUndefined();
        const ps = problemsAt(INV, r.line).filter((p) => p.severity === "error");
        expect({ row: r.line, columns: ps.map((p) => p.column) }).toEqual({
          row: r.line,
          columns: ["Invoice_Amount"],
        });
      }
    });

    test("duplicate Invoice_ID: identical rows skipped naming the first row, others warned", () => {
      for (const d of identicalDups) {
        expect(itemAt(d.row.line)).toBeUndefined();
        const ps = problemsAt(INV, d.row.line).filter((p) => p.severity === "warning");
        expect(ps).toHaveLength(1);
        expect(ps[0].message).toContain(`row ${d.first.line}`);
      }
      for (const d of differentDups) {
        expect(itemAt(d.row.line)).toBeDefined();
        const ps = problemsAt(INV, d.row.line).filter((p) => p.severity === "warning");
        expect(ps.length).toBeGreaterThan(0);
        expect(ps.map((p) => p.message).join(" ")).toContain(`row ${d.first.line}`);
      }
    });

    test("blank Due_Date: imported, due = invoice date + customer terms, info at the cell", () => {
      for (const r of blankDue) {
        const item = itemAt(r.line);
        expect(item).toBeDefined();
        const invoiceDate = isoDay(r.get("Invoice_Date"));
        expect({ row: r.line, due: item!.dueDate }).toEqual({
          row: r.line,
          due: isoOf(invoiceDate + terms.get(r.get("Customer_ID"))!),
        });
        const ps = problemsAt(INV, r.line);
        expect(ps.map((p) => [p.column, p.severity])).toEqual([["Due_Date", "info"]]);
      }
    });

    test("DD/MM/YYYY invoice dates are imported on the right day", () => {
      for (const r of slashed) {
        const item = itemAt(r.line);
        expect({ row: r.line, date: item?.invoiceDate }).toEqual({
          row: r.line,
          date: isoOf(dmyDay(r.get("Invoice_Date"))),
        });
        for (const p of problemsAt(INV, r.line)) expect(p.column).toBe("Invoice_Date");
      }
    });

    test("payments for rejected invoices are reported at their payment row", () => {
      for (const r of orphanPayments) {
        const ps = problemsAt(PAY, r.line);
        expect({ row: r.line, problems: ps.map((p) => [p.column, p.severity]) }).toEqual({
          row: r.line,
          problems: [["Invoice_ID", "error"]],
        });
      }
      // Not silently turned into unapplied cash either.
      expect(out.unapplied).toEqual([]);
    });

    test("duplicate customers in the master are reported at their rows", () => {
      for (const d of masterDup.repeats) {
        const ps = problemsAt(MASTER, d.row.line);
        expect(ps).toHaveLength(1);
        expect(ps[0].column).toBe("Customer_ID");
        expect(["warning", "error"]).toContain(ps[0].severity);
        expect(ps[0].message).toContain(`row ${d.first.line}`);
      }
    });

    test("no problem is reported on a clean row", () => {
      const dirty = new Set([
        ...[...slashed, ...blankDue, ...blankAmount].map((r) => `${INV}:${r.line}`),
        ...invDup.repeats.map((d) => `${INV}:${d.row.line}`),
        ...orphanPayments.map((r) => `${PAY}:${r.line}`),
        ...masterDup.repeats.map((d) => `${MASTER}:${d.row.line}`),
      ]);
      const stray = out.problems.filter(
        (p) => !p.source || !dirty.has(`${base(p.source.file)}:${p.source.row}`),
      );
      expect(stray).toEqual([]);
    });

    test("every item: outstanding = amount − payments dated ≤ as-of, dates and bucket", () => {
      const byRow = new Map(out.items.map((i) => [i.source.row, i]));
      const mismatches: string[] = [];
      for (const i of invoices) {
        const item = byRow.get(i.line);
        const e = expectedAt(i, asOf);
        const got = item && {
          invoice: item.invoice,
          customer: item.customer,
          invoiceDate: item.invoiceDate,
          dueDate: item.dueDate,
          amount: cents(item.amount),
          status: item.status,
          outstanding: cents(item.outstanding),
          daysOverdue: item.daysOverdue,
          bucket: item.bucket,
          overdue: item.overdue,
          settledDate: item.settledDate,
          daysLate: item.daysLate,
        };
        const want = {
          invoice: i.id,
          customer: i.customer,
          invoiceDate: isoOf(i.invoiceDate),
          dueDate: isoOf(i.due),
          amount: i.amount,
          status: e.status,
          outstanding: e.outstanding,
          daysOverdue: e.daysOverdue,
          bucket: e.bucket,
          overdue: e.overdue,
          settledDate: e.settledDate,
          daysLate: e.daysLate,
        };
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          mismatches.push(`row ${i.line}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        }
      }
      expect({ count: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({
        count: 0,
        first: [],
      });
    });

    test("per customer: outstanding, buckets, exposure, headroom and over-limit in cents", () => {
      const sums = new Map<string, Sums>([...terms.keys()].map((c) => [c, emptySums(5)]));
      const total = emptySums(5);
      for (const i of invoices) {
        const e = expectedAt(i, asOf);
        if (e.status !== "open") continue;
        for (const s of [sums.get(i.customer)!, total]) {
          s.outstanding += e.outstanding;
          if (e.overdue) s.overdue += e.outstanding;
          s.buckets[LABELS.indexOf(e.bucket!)] += e.outstanding;
        }
      }
      const seen = new Set<string>();
      for (const c of out.customers) {
        expect(seen.has(c.customer)).toBe(false);
        seen.add(c.customer);
        const want = sums.get(c.customer)!;
        const got = sumsOf(c, LABELS);
        expect({ customer: c.customer, ...got }).toEqual({ customer: c.customer, ...want });
        expect(got.buckets.reduce((a, b) => a + b, 0)).toBe(got.outstanding);
        const lim = limit.get(c.customer)!;
        const exposure = want.outstanding;
        expect({
          customer: c.customer,
          unapplied: cents(c.unapplied),
          exposure: cents(c.exposure),
          creditLimit: c.creditLimit === null ? null : cents(c.creditLimit),
          headroom: c.headroom === null ? null : cents(c.headroom),
          overLimit: c.overLimit,
        }).toEqual({
          customer: c.customer,
          unapplied: 0,
          exposure,
          creditLimit: lim,
          headroom: lim - exposure,
          overLimit: exposure > lim,
        });
      }
      // Every customer with a limit is there (all 500 have invoices).
      expect([...seen].sort()).toEqual([...limit.keys()].sort());
      expect(out.totals).toHaveLength(1);
      expect(sumsOf(out.totals[0], LABELS)).toEqual(total);
    });

    return () => out;
  }

  describe("as of 2025-12-31, invoices + payments + customer master", () => {
    const out = checkRun("2025-12-31", false);
    test("the run exercises partial, refunded credit notes and over-limit cases", () => {
      const items = out().items;
      expect(items.some((i) => i.outstanding > 0 && i.outstanding < i.amount)).toBe(true);
      // credit notes paid back (refunds) are settled, not doubled (issue 13: 125,260 invented)
      const refunded = items.filter((i) => i.amount < 0 && i.status === "closed");
      expect(refunded.length).toBeGreaterThan(0);
      expect(items.filter((i) => i.outstanding < 0)).toEqual([]);
      expect(out().customers.some((c) => c.overLimit)).toBe(true);
    });
  });

  describe("as of 2025-12-31, with the credit-limits file too", () => {
    checkRun("2025-12-31", true);
  });

  describe("as of 2025-06-30, with the credit-limits file too", () => {
    const out = checkRun("2025-06-30", true);
    test("later invoices are future; later payments are ignored", () => {
      expect(out().items.some((i) => i.status === "future")).toBe(true);
    });
  });
});
