/**
 * The IBM "Accounts Receivable / late payment histories" sample (../shared/data/SOURCES.md):
 * historical aging at several as-of dates, checked row by row and sum by sum against an
 * independent reading of the raw CSV.
 */
import path from "node:path";
import type { AnalyzeJson } from "../../src/cli/json";
import {
  analyzeJson,
  bucketIndex,
  cents,
  dataPath,
  describeWithData,
  emptySums,
  isoDay,
  isoOf,
  readCsv,
  sumsOf,
  usDay,
  type Sums,
} from "./data";

const FILE = "ibm-ar-late-payments.csv";
const DUE_LABELS = ["current", "1-30", "31-60", "61-90", "91+"];
const INVOICE_LABELS = ["0-30", "31-60", "61-90", "91+"];

interface Row {
  line: number;
  invoice: string;
  customer: string;
  invoiceDate: number;
  dueDate: number;
  settled: number;
  amount: number; // cents
  disputed: boolean;
  daysLate: number;
}

interface Expected {
  status: "open" | "closed" | "future";
  outstanding: number; // cents
  daysOverdue: number | null;
  bucket: string | null;
  overdue: boolean;
}

function expectedAt(
  r: Row,
  asOf: number,
  thresholds: number[],
  basis: "due" | "invoice",
  labels: string[],
): Expected {
  if (r.invoiceDate > asOf) {
    return { status: "future", outstanding: 0, daysOverdue: null, bucket: null, overdue: false };
  }
  if (r.settled <= asOf) {
    return { status: "closed", outstanding: 0, daysOverdue: null, bucket: null, overdue: false };
  }
  const daysOverdue = asOf - r.dueDate;
  const age = basis === "due" ? daysOverdue : asOf - r.invoiceDate;
  return {
    status: "open",
    outstanding: r.amount,
    daysOverdue,
    bucket: labels[bucketIndex(age, thresholds, basis)],
    overdue: daysOverdue > 0,
  };
}

describeWithData("IBM late-payment histories (real data)", [FILE], () => {
  const csv = readCsv(FILE);
  const rows: Row[] = csv.rows.map((r) => ({
    line: r.line,
    invoice: r.get("invoiceNumber"),
    customer: r.get("customerID"),
    invoiceDate: usDay(r.get("InvoiceDate")),
    dueDate: usDay(r.get("DueDate")),
    settled: usDay(r.get("SettledDate")),
    amount: cents(r.get("InvoiceAmount")),
    disputed: r.get("Disputed") === "Yes",
    daysLate: Number(r.get("DaysLate")),
  }));
  const customers = [...new Set(rows.map((r) => r.customer))];

  test("the raw file is the one SOURCES.md describes", () => {
    expect(rows).toHaveLength(2466);
    expect(new Set(rows.map((r) => r.invoice)).size).toBe(2466);
    expect(rows.every((r) => /^\d{10}$/.test(r.invoice))).toBe(true);
    expect(rows.some((r) => r.invoice.startsWith("0"))).toBe(true);
    expect(customers).toHaveLength(100);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(14_770_318);
    expect(rows.filter((r) => r.disputed)).toHaveLength(561);
  });

  /** Runs the CLI and checks every item and every sum against the raw rows. */
  function checkRun(
    args: string[],
    asOfIso: string,
    thresholds: number[],
    basis: "due" | "invoice",
    labels: string[],
  ) {
    const asOf = isoDay(asOfIso);
    let out: AnalyzeJson;
    beforeAll(async () => {
      out = await analyzeJson([dataPath(FILE), "--as-of", asOfIso, ...args]);
    });

    test("header: as-of, basis, thresholds, labels", () => {
      expect(out.asOf).toBe(asOfIso);
      expect(out.basis).toBe(basis);
      expect(out.thresholds).toEqual(thresholds);
      expect(out.bucketLabels).toEqual(labels);
    });

    test("nothing lost: 2466 read, 2466 imported, nothing skipped or rejected", () => {
      expect(out.rows).toEqual({ read: 2466, imported: 2466, skipped: 0, rejected: 0 });
      expect(out.sheets).toHaveLength(1);
      expect(out.sheets[0].rows).toEqual(out.rows);
      expect(out.sheets[0].headerRow).toBe(1);
      expect(out.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(out.items).toHaveLength(2466);
    });

    test("every item matches its CSV row", () => {
      const byInvoice = new Map(out.items.map((i) => [i.invoice, i]));
      expect(byInvoice.size).toBe(2466);
      const mismatches: string[] = [];
      for (const r of rows) {
        const item = byInvoice.get(r.invoice);
        if (!item) {
          mismatches.push(`${r.invoice}: missing`);
          continue;
        }
        const e = expectedAt(r, asOf, thresholds, basis, labels);
        const got = {
          file: path.basename(item.source.file ?? ""),
          row: item.source.row,
          customer: item.customer,
          currency: item.currency,
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
          hold: e.status === "open" ? item.hold : null,
        };
        const want = {
          file: FILE,
          row: r.line,
          customer: r.customer,
          currency: null,
          invoiceDate: isoOf(r.invoiceDate),
          dueDate: isoOf(r.dueDate),
          amount: r.amount,
          status: e.status,
          outstanding: e.outstanding,
          daysOverdue: e.daysOverdue,
          bucket: e.bucket,
          overdue: e.overdue,
          settledDate: e.status === "closed" ? isoOf(r.settled) : null,
          // The data set's own DaysLate for settled items; not settled at the as-of date: none.
          daysLate: e.status === "closed" ? r.daysLate : null,
          // Disputed open items are held but still aged (bucket and days overdue above).
          hold: e.status === "open" && r.disputed ? "disputed" : null,
        };
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          mismatches.push(
            `${r.invoice} row ${r.line}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`,
          );
        }
      }
      expect({ count: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({
        count: 0,
        first: [],
      });
    });

    test("per-customer and total sums equal independent sums; buckets add up", () => {
      const byCustomer = new Map<string, Sums>(customers.map((c) => [c, emptySums(labels.length)]));
      const total = emptySums(labels.length);
      for (const r of rows) {
        const e = expectedAt(r, asOf, thresholds, basis, labels);
        if (e.status !== "open") continue;
        for (const s of [byCustomer.get(r.customer)!, total]) {
          s.outstanding += e.outstanding;
          if (e.overdue) s.overdue += e.outstanding;
          s.buckets[labels.indexOf(e.bucket!)] += e.outstanding;
        }
      }
      const seen = new Set<string>();
      for (const c of out.customers) {
        expect(c.currency).toBeNull();
        expect(seen.has(c.customer)).toBe(false);
        seen.add(c.customer);
        const want = byCustomer.get(c.customer);
        expect(want).toBeDefined();
        const got = sumsOf(c, labels);
        expect({ customer: c.customer, ...got }).toEqual({ customer: c.customer, ...want });
        expect(got.buckets.reduce((a, b) => a + b, 0)).toBe(got.outstanding);
        expect(cents(c.exposure)).toBe(want!.outstanding);
      }
      for (const [c, s] of byCustomer) if (s.outstanding !== 0) expect(seen.has(c)).toBe(true);

      expect(out.totals).toHaveLength(1);
      expect(out.totals[0].currency).toBeNull();
      const got = sumsOf(out.totals[0], labels);
      expect(got).toEqual(total);
      expect(got.buckets.reduce((a, b) => a + b, 0)).toBe(got.outstanding);
    });

    return () => out;
  }

  const DATES = ["2012-03-31", "2012-12-31", "2013-06-30", "2013-09-15", "2013-12-31"];
  describe.each(DATES)("as of %s, aged by due date", (asOf) => {
    const out = checkRun([], asOf, [30, 60, 90], "due", DUE_LABELS);

    test("the date is a real test: some items open, some closed", () => {
      const statuses = new Set(out().items.map((i) => i.status));
      expect(statuses.has("open")).toBe(true);
      expect(statuses.has("closed")).toBe(true);
    });

    test("disputed open items past due are held but still aged", () => {
      const asOfDay = isoDay(asOf);
      const disputed = rows.filter(
        (r) => r.disputed && r.invoiceDate <= asOfDay && asOfDay < r.settled && asOfDay > r.dueDate,
      );
      const ids = new Set(disputed.map((r) => r.invoice));
      const held = out().items.filter((i) => ids.has(i.invoice!));
      expect(held).toHaveLength(disputed.length);
      for (const i of held) {
        expect(i.hold).toBe("disputed");
        expect(i.bucket).not.toBeNull();
        expect(i.bucket).not.toBe("current");
        expect(i.daysOverdue).toBeGreaterThan(0);
      }
    });
  });

  describe("as of 2013-06-30, --basis invoice", () => {
    checkRun(["--basis", "invoice"], "2013-06-30", [30, 60, 90], "invoice", INVOICE_LABELS);
  });

  describe("as of 2012-12-31, --buckets 15,45", () => {
    checkRun(["--buckets", "15,45"], "2012-12-31", [15, 45], "due", [
      "current",
      "1-15",
      "16-45",
      "46+",
    ]);
  });
});
