/**
 * Collection insight (issue 7) for the benchmark: the backtest of the expected-pay-date model on
 * the IBM late-payment histories (../shared/data/ibm-ar-late-payments.csv, read by ar-desk's own
 * reader and importer), and how long `insight` takes — on that file and, when asked, on the
 * benchmark's generated sheets.
 *
 *   import { insightFigures } from "./insight";
 *   const figures = await insightFigures();                       // IBM only
 *   const more = await insightFigures({ sizes: [100_000, 1_048_575] });
 *
 * The backtest: at the first of each month from 2012-04 to 2013-11, learn from the items settled
 * by then, predict the items open then, compare with their real settlement dates (see
 * src/core/insight/backtest.ts). test/realdata/backtest.test.ts holds the same run to thresholds.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadInputs } from "../src/cli/shared";
import { analyze } from "../src/core/analyze";
import { serialFromYmd, type Serial } from "../src/core/dates";
import { insight, NOT_PREDICTED } from "../src/core/insight";
import { backtest } from "../src/core/insight/backtest";
import { importGrids } from "../src/sheet/import";
import { AS_OF, gridRows } from "./data";

export interface InsightTiming {
  rows: number;
  /** Open items with a balance, i.e. predictions made. */
  open: number;
  /** `analyze` alone, then `insight` on its result (median of the runs), milliseconds. */
  analyzeMs: number;
  insightMs: number;
}

export interface InsightFigures {
  status: "ok" | "skipped";
  note: string | null;
  file: string;
  backtest: {
    dates: number;
    predictions: number;
    /** Mean absolute error in days: the model, and the naive rule "pays on the due date". */
    maeDays: number | null;
    naiveMaeDays: number | null;
    medianErrorDays: number | null;
    naiveMedianErrorDays: number | null;
    /** Σ |forecast − actual| ÷ Σ actual over 13 weeks after each date. */
    weeklyError: number | null;
    naiveWeeklyError: number | null;
    /** Share of actual dates inside the model's 10–90 % band. */
    bandCoverage: number | null;
    /** All 20 dates: analyse, learn, predict, forecast. */
    totalMs: number;
  } | null;
  /** One `insight` call on the IBM file as of 2013-06-30, and on generated sheets if asked. */
  timings: InsightTiming[];
}

const DATA_DIR = process.env.AR_DESK_DATA
  ? path.resolve(process.env.AR_DESK_DATA)
  : path.resolve(__dirname, "../../shared/data");
const FILE = "ibm-ar-late-payments.csv";

function asOfDates(): Serial[] {
  const out: Serial[] = [];
  for (let m = 4; m <= 23; m++) {
    out.push(serialFromYmd(2012 + Math.floor((m - 1) / 12), ((m - 1) % 12) + 1, 1) as Serial);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeInsight(
  ledger: Parameters<typeof analyze>[0],
  asOf: Serial,
  runs: number,
): InsightTiming {
  insight(analyze(ledger, asOf)); // warm-up
  const analyzeTimes: number[] = [];
  const insightTimes: number[] = [];
  let predictions = 0;
  for (let k = 0; k < runs; k++) {
    let t = performance.now();
    const a = analyze({ ...ledger }, asOf); // a fresh ledger object: no cached due dates
    analyzeTimes.push(performance.now() - t);
    t = performance.now();
    const ins = insight(a);
    insightTimes.push(performance.now() - t);
    predictions = 0;
    for (let i = 0; i < ins.expected.basis.length; i++) {
      if (ins.expected.basis[i] !== NOT_PREDICTED) predictions++;
    }
  }
  return {
    rows: ledger.items.length,
    open: predictions,
    analyzeMs: median(analyzeTimes),
    insightMs: median(insightTimes),
  };
}

/** Runs the backtest on the IBM file and times `insight`; `sizes`: generated sheets too. */
export async function insightFigures(
  options: { sizes?: number[]; runs?: number } = {},
): Promise<InsightFigures> {
  const runs = options.runs ?? 5;
  const file = path.join(DATA_DIR, FILE);
  const timings: InsightTiming[] = [];
  let figures: InsightFigures["backtest"] = null;
  let status: InsightFigures["status"] = "ok";
  let note: string | null = null;
  if (!fs.existsSync(file)) {
    status = "skipped";
    note = `${file} not found (real third-party data is only beside the CI clone)`;
  } else {
    const { ledger } = importGrids(loadInputs([file], {}));
    const dates = asOfDates();
    const t0 = performance.now();
    const r = backtest(ledger, dates);
    const totalMs = performance.now() - t0;
    const [w] = r.weekly;
    figures = {
      dates: dates.length,
      predictions: r.scored,
      maeDays: r.mae,
      naiveMaeDays: r.naiveMae,
      medianErrorDays: r.medianError,
      naiveMedianErrorDays: r.naiveMedianError,
      weeklyError: w?.error ?? null,
      naiveWeeklyError: w?.naiveError ?? null,
      bandCoverage: r.coverage,
      totalMs,
    };
    timings.push(timeInsight(ledger, serialFromYmd(2013, 6, 30) as Serial, runs));
  }
  for (const rows of options.sizes ?? []) {
    const { ledger } = importGrids([
      { grid: { file: `receivables-${rows}.xlsx`, sheet: "应收明细", rows: gridRows(rows) } },
    ]);
    timings.push(timeInsight(ledger, AS_OF, rows > 200_000 ? 3 : runs));
  }
  return { status, note, file, backtest: figures, timings };
}
