/**
 * The suite's sections, in the order they run. Each fills its part of `Figures` and says how it
 * went (ok, pending, skipped, error). Sections for features that have not landed yet are listed
 * with the issue that brings them and a probe for the module they will measure, so wiring one in
 * is: write its `run`, add its rows to the table in run.ts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import type { BaselineRunResult, CoreResult, WriterResult } from "./child";
import { AS_OF_ISO, cacheDir, type DataFiles } from "./data";
import { documentsFigures, type DocumentsFigures } from "./documents";
import { insightFigures, type InsightFigures } from "./insight";
import {
  arDeskTotals,
  comparePandas,
  findPython,
  runPandas,
  summarise,
  type PandasFigures,
  type PandasRun,
} from "./pandas";
import { CHROMIUM, paneFigures, type PaneFigures } from "./pane";
import { writeCorpus } from "../test/hostile/make-corpus";
import {
  convert,
  ensureNativeWorkbook,
  findLibreOffice,
  nativeShape,
  profileDir,
  readSummary,
  verify,
  type ArDeskPosition,
  type LibreOffice,
  type Verification,
} from "./native";
import { prepareCli, runChild, runCli, type CliEntry, type CliRun } from "./spawn";
import { duration, timing, type Timing } from "./stats";

const ROOT = path.resolve(__dirname, "..");

export interface Options {
  sizes: number[];
  /** Timed runs per measurement; null: 5 up to 100k rows, 3 above. */
  runs: number | null;
  only: Set<string> | null;
  skip: Set<string>;
  /** The LibreOffice peer runs up to this many rows, beyond only if its estimate fits the limit. */
  loMaxRows: number;
  /** Longest LibreOffice run allowed (and estimate accepted) before the peer is capped. */
  loLimitMs: number;
}

export type Status = "ok" | "pending" | "skipped" | "error";

export interface SectionStatus {
  status: Status;
  note: string | null;
}

export interface ReadFigures {
  command: string;
  /** Per format (xlsx, csv) and mode (summary, json). */
  runs: Record<string, { timing: Timing; maxRss: number | null; outputBytes: number }>;
}

export interface NativeFigures {
  rows: number;
  pairs: number;
  formulas: number;
  workbookBytes: number;
  command: string;
  recalc: Timing | null;
  /** The same conversion with recalculation off: load and save only. */
  control: Timing | null;
  verification: Verification | null;
  /** The control file read back: all sentinels, so the check would catch a missing recalc. */
  controlVerification: Verification | null;
  /** LibreOffice recalc ÷ ar-desk `analyze` (.xlsx, summary), end to end. */
  speedUp: number | null;
  note: string | null;
}

export interface BundleFigures {
  files: Record<string, { bytes: number; gzip: number }>;
  /** What taskpane.html loads first: functions.js + taskpane.js. */
  initialGzip: number;
  buildMs: number;
}

export interface FunctionsFigures {
  rows: number;
  agingSpill: Timing;
  agingTable: Timing;
  scalarNs: number;
  /** Open items whose AR.AGING bucket is not ar-desk's. */
  disagreements: number;
  checked: number;
}

export interface Figures {
  core: Record<number, CoreResult>;
  baseline: Record<number, BaselineRunResult>;
  read: Record<number, ReadFigures>;
  writer: Record<number, WriterResult>;
  native: Record<number, NativeFigures>;
  functions: Record<number, FunctionsFigures>;
  bundle: BundleFigures | null;
  documents?: DocumentsFigures | null;
  insight?: InsightFigures | null;
  pane?: PaneFigures | null;
  hostile?: HostileFigures | null;
  /** The pandas peer, per size. */
  pandas?: Record<number, PandasFigures>;
}

/** The hostile-file corpus (test/hostile), each file through `analyze --json` once. */
export interface HostileFigures {
  files: {
    name: string;
    bytes: number;
    status: number | null;
    ms: number;
    maxRss: number | null;
  }[];
}

/** The stated bounds for a hostile file (issue 15): the bench reports them as budgets. */
export const HOSTILE_BOUNDS = { ms: 5_000, rssBytes: 512 * 1024 * 1024 } as const;

export interface Context {
  options: Options;
  data: Map<number, DataFiles>;
  figures: Figures;
  status: Record<string, SectionStatus>;
  log: (s: string) => void;
  cli: (CliEntry & { note: string | null }) | null;
  libreOffice: LibreOffice | null;
  /** `analyze --json` of the .xlsx per size, kept for the LibreOffice check. */
  jsonOutputs: Map<number, string>;
}

export interface Section {
  id: string;
  title: string;
  run(ctx: Context): Promise<SectionStatus>;
}

export function runsFor(ctx: Context, rows: number): number {
  return ctx.options.runs ?? (rows <= 100_000 ? 5 : 3);
}

const ok = (note: string | null = null): SectionStatus => ({ status: "ok", note });

const exists = (rel: string): boolean => fs.existsSync(path.join(ROOT, rel));

// ---------------------------------------------------------------------------------------------

const core: Section = {
  id: "core",
  title: "Core analysis (importGrids, analyze)",
  async run(ctx) {
    for (const rows of ctx.options.sizes) {
      ctx.log(`  core ${rows.toLocaleString("en")} rows`);
      // In-process and cheap next to the rest: 5 timed runs at every size, for steadier medians.
      ctx.figures.core[rows] = await runChild<CoreResult>("core", {
        rows,
        runs: ctx.options.runs ?? 5,
      });
    }
    return ok();
  },
};

const baseline: Section = {
  id: "baseline",
  title: "Straightforward implementation (date-fns, floats, Map of objects)",
  async run(ctx) {
    for (const rows of ctx.options.sizes) {
      ctx.log(`  baseline ${rows.toLocaleString("en")} rows`);
      ctx.figures.baseline[rows] = await runChild<BaselineRunResult>("baseline", {
        rows,
        runs: ctx.options.runs ?? 5,
      });
    }
    const off = Object.values(ctx.figures.baseline).filter((b) => b.comparison.mismatches > 0);
    return off.length === 0
      ? ok()
      : { status: "ok", note: `baseline totals differ from ar-desk at ${off.length} size(s)` };
  },
};

const read: Section = {
  id: "read",
  title: "Reading end to end: ar-desk analyze <file>",
  async run(ctx) {
    ctx.cli ??= prepareCli(ctx.log);
    const cli = ctx.cli;
    const out = path.join(cacheDir(), `stdout-${process.pid}.txt`);
    for (const rows of ctx.options.sizes) {
      const files = ctx.data.get(rows) as DataFiles;
      const runs = runsFor(ctx, rows);
      const figures: ReadFigures = { command: cli.label, runs: {} };
      for (const format of ["xlsx", "csv"] as const) {
        const file = format === "xlsx" ? files.xlsx : files.csv;
        const base = ["analyze", file, "--as-of", AS_OF_ISO, "--lang", "en-US"];
        for (const mode of ["summary", "json"] as const) {
          const args = mode === "json" ? [...base, "--json"] : base;
          ctx.log(`  ${cli.label} ${args.join(" ").replace(cacheDir() + "/", "")}`);
          // One untimed run first (file cache, disk); then the timed runs.
          if (mode === "summary") check(runCli(cli, args, out, 15 * 60_000), rows, out, false);
          const times: number[] = [];
          let maxRss: number | null = null;
          for (let k = 0; k < runs; k++) {
            const res = check(runCli(cli, args, out, 15 * 60_000), rows, out, mode === "json");
            times.push(res.ms);
            if (res.maxRss !== null) maxRss = Math.max(maxRss ?? 0, res.maxRss);
          }
          figures.runs[`${format}-${mode}`] = {
            timing: timing(times),
            maxRss,
            outputBytes: fs.statSync(out).size,
          };
          if (format === "xlsx" && mode === "json" && rows <= 100_000) {
            const keep = path.join(cacheDir(), `analyze-${rows}.json`);
            fs.copyFileSync(out, keep);
            ctx.jsonOutputs.set(rows, keep);
          }
        }
      }
      ctx.figures.read[rows] = figures;
    }
    fs.rmSync(out, { force: true });
    return ok(cli.note);
  },
};

// ---------------------------------------------------------------------------------------------
// The pandas peer (issue 17)

const pandas: Section = {
  id: "pandas",
  title: "Peer: a pandas script (read_excel/read_csv + pivot_table), checked against ar-desk",
  async run(ctx) {
    const python = findPython();
    if ("why" in python) return { status: "skipped", note: python.why };
    ctx.cli ??= prepareCli(ctx.log);
    const v = python.versions;
    ctx.log(
      `  ${python.bin}: Python ${v.python}, pandas ${v.pandas}, numpy ${v.numpy}, openpyxl ${v.openpyxl}`,
    );
    const figures = (ctx.figures.pandas ??= {});
    const out = path.join(cacheDir(), `pandas-${process.pid}.json`);
    const off: string[] = [];
    for (const rows of ctx.options.sizes) {
      const files = ctx.data.get(rows) as DataFiles;
      // A full sheet through openpyxl takes minutes: one run, no warm-up, above 100k rows.
      const big = rows > 100_000;
      const runs = big ? 1 : runsFor(ctx, rows);
      const arDesk = arDeskTotals(analyzeJson(ctx, rows));
      const fig: PandasFigures = {
        python: python.bin,
        versions: v,
        script: "bench/peers/pandas_aging.py",
        arDeskImported: arDesk.imported,
        formats: {},
      };
      for (const format of ["xlsx", "csv"] as const) {
        const file = format === "xlsx" ? files.xlsx : files.csv;
        ctx.log(
          `  python3 pandas_aging.py ${path.basename(file)} --as-of ${AS_OF_ISO} (${runs} run${runs > 1 ? "s" : ""}${big ? "" : " after a warm-up"})`,
        );
        const first = runPandas(python, file, AS_OF_ISO, out);
        const timed: PandasRun[] = big ? [first] : [];
        while (timed.length < runs) timed.push(runPandas(python, file, AS_OF_ISO, out));
        const check = comparePandas(first.output, arDesk.totals, arDesk.labels);
        const ours = ctx.figures.read[rows]?.runs[`${format}-summary`]?.timing.median;
        const s = summarise(timed);
        fig.formats[format] = { ...s, check, speedUp: ours ? s.timing.median / ours : null };
        ctx.log(
          `    ${duration(s.timing.median)} (import ${duration(s.importMs)}, read ${duration(s.readMs)}, ` +
            `aging ${duration(s.computeMs)}), peak ${Math.round(s.maxRss / 2 ** 20)} MB; ` +
            `${s.invoices.toLocaleString("en")} invoices (ar-desk imported ${arDesk.imported?.toLocaleString("en") ?? "?"}); ` +
            (check.mismatches === 0
              ? `totals = ar-desk's for ${check.compared} customer × currency pairs`
              : `${check.mismatches} figures differ in ${check.pairsOff} of ${check.compared} pairs, e.g. ${check.examples.slice(0, 3).join("; ")}`),
        );
        if (check.mismatches > 0) {
          off.push(
            `${rows.toLocaleString("en")} rows .${format}: ${check.mismatches} figures in ` +
              `${check.pairsOff} pairs differ (up to ${check.maxDiffCents}¢), first: ${check.examples.join("; ")}`,
          );
        }
      }
      figures[rows] = fig;
    }
    fs.rmSync(out, { force: true });
    const notes = [
      python.note,
      ctx.figures.read[ctx.options.sizes[0]]
        ? null
        : "no ratios: ar-desk's end-to-end times come from the read section (--only read,pandas)",
      off.length > 0 ? `pandas totals differ from ar-desk: ${off.join(" | ")}` : null,
    ].filter((x): x is string => x !== null);
    return ok(notes.length > 0 ? notes.join("; ") : null);
  },
};

/** The `analyze --json` document of the .xlsx of `rows` rows: the read section's, or a new run. */
function analyzeJson(ctx: Context, rows: number): string {
  const kept = ctx.jsonOutputs.get(rows);
  if (kept) return kept;
  const cli = ctx.cli as CliEntry;
  const files = ctx.data.get(rows) as DataFiles;
  const file = path.join(cacheDir(), `analyze-${rows}.json`);
  ctx.log(`  ${cli.label} analyze ${path.basename(files.xlsx)} --as-of ${AS_OF_ISO} --json`);
  const res = runCli(
    cli,
    ["analyze", files.xlsx, "--as-of", AS_OF_ISO, "--json"],
    file,
    15 * 60_000,
  );
  if (res.status !== 0) throw new Error(`ar-desk analyze --json failed: ${res.stderr}`);
  ctx.jsonOutputs.set(rows, file);
  return file;
}

/** Throws unless the command ran and printed what a run over `rows` rows prints. */
function check(res: CliRun, rows: number, out: string, json: boolean): CliRun {
  if (res.status !== 0) {
    throw new Error(`ar-desk exited with ${res.status}: ${res.stderr.split("\n")[0]}`);
  }
  if (json) {
    // Only the start: the document of a full sheet is close to V8's longest string.
    const fd = fs.openSync(out, "r");
    const head = Buffer.alloc(4096);
    fs.readSync(fd, head, 0, 4096, 0);
    fs.closeSync(fd);
    const m = /"rows":\{"read":(\d+)/.exec(head.toString("utf8"));
    if (!m || Number(m[1]) !== rows) throw new Error(`analyze --json did not read ${rows} rows`);
  } else {
    const text = fs.readFileSync(out, "utf8");
    if (!text.includes(`Rows: ${rows} read`)) {
      throw new Error(`the summary does not say "Rows: ${rows} read"`);
    }
  }
  return res;
}

const writer: Section = {
  id: "writer",
  title: "Report writer: reportSpecs + writeSpecs (SheetSpec → .xlsx, fast writer)",
  async run(ctx) {
    for (const rows of ctx.options.sizes) {
      // The full sheet's report is ~280k rows through ExcelJS's in-memory workbook: one run.
      const runs = rows > 100_000 ? 1 : Math.min(3, runsFor(ctx, rows));
      ctx.log(`  writer ${rows.toLocaleString("en")} rows (${runs} run${runs > 1 ? "s" : ""})`);
      ctx.figures.writer[rows] = await runChild<WriterResult>("writer", {
        rows,
        runs,
        warmup: rows > 100_000 ? 0 : 1,
      });
    }
    return ok();
  },
};

/** The custom functions' module, once issue 3 lands it (probed by the child at run time). */
const FUNCTIONS_MODULE = "src/functions/impl.ts";

const functions: Section = {
  id: "functions",
  title: "Custom functions: spilled AR.AGING, AR.AGINGTABLE, scalar calls",
  async run(ctx) {
    if (!exists(FUNCTIONS_MODULE)) return { status: "pending", note: "issue 3" };
    for (const rows of ctx.options.sizes) {
      ctx.log(`  functions ${rows.toLocaleString("en")} rows`);
      try {
        ctx.figures.functions[rows] = await runChild<FunctionsFigures>("functions", {
          rows,
          runs: runsFor(ctx, rows),
        });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        return {
          status: "pending",
          note: `pending (issue 3): ${FUNCTIONS_MODULE} not usable yet (${why})`,
        };
      }
    }
    return ok(`measured through ${FUNCTIONS_MODULE}`);
  },
};

const documents: Section = {
  id: "documents",
  title:
    "Documents: statements, confirmations, dunning letters for 1,000 customers (generate + ExcelJS)",
  async run(ctx) {
    ctx.log(
      "  1,000 customers: generate, write .xlsx, write through the Office.js adapter (fake Excel)",
    );
    ctx.figures.documents = await documentsFigures(1000);
    const d = ctx.figures.documents;
    ctx.log(
      `  ${d.documents} documents, ${d.sheetRows.toLocaleString("en")} sheet rows: generate ${duration(d.generateMs)}, ` +
        `write ${duration(d.writeMs)} (${Math.round(d.writerRowsPerSecond).toLocaleString("en")} rows/s); statements alone ${duration(d.statementsMs)}`,
    );
    return ok();
  },
};

const office: Section = {
  id: "office",
  title: "Office writes: requests and largest payload through the Office.js adapter (fake Excel)",
  async run(ctx) {
    const d = ctx.figures.documents ?? (ctx.figures.documents = await documentsFigures(1000));
    ctx.log(
      `  ${d.documents} documents: ${d.office.requests} requests, largest ${(d.office.largestRequestBytes / 1e6).toFixed(2)} MB ` +
        `(estimated ${(d.office.largestEstimatedBytes / 1e6).toFixed(2)} MB; cap 5 MB), ${duration(d.office.ms)}`,
    );
    return ok();
  },
};

const insightSection: Section = {
  id: "insight",
  title: "Collection insight: IBM backtest (expected pay dates vs 'pays on the due date'), timing",
  async run(ctx) {
    const f = await insightFigures({
      sizes: ctx.options.sizes.filter((n) => n <= 100_000),
      runs: 3,
    });
    ctx.figures.insight = f;
    if (f.status !== "ok") return { status: "skipped", note: f.note };
    const b = f.backtest;
    if (b)
      ctx.log(
        `  ${b.dates} as-of dates, ${b.predictions.toLocaleString("en")} predictions: MAE ${b.maeDays?.toFixed(2)} d vs naive ${b.naiveMaeDays?.toFixed(2)} d; ` +
          `weekly error ${b.weeklyError?.toFixed(3)} vs ${b.naiveWeeklyError?.toFixed(3)}`,
      );
    return ok(f.note);
  },
};

const bundle: Section = {
  id: "bundle",
  title: "Task pane: gzip size of the initial bundle (webpack --mode production)",
  async run(ctx) {
    ctx.log("  npx webpack --mode production");
    const t = performance.now();
    const res = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"],
      { cwd: ROOT, encoding: "utf8", timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const buildMs = performance.now() - t;
    if (res.status !== 0) {
      const text = `${res.stdout ?? ""}\n${res.stderr ?? ""}`;
      const first = text.split("\n").find((l) => /error/i.test(l)) ?? `exit ${res.status}`;
      return { status: "error", note: `webpack failed: ${first.trim().slice(0, 200)}` };
    }
    const web = path.join(ROOT, "dist", "web");
    const files: BundleFigures["files"] = {};
    for (const name of ["taskpane.js", "functions.js", "taskpane.html"]) {
      const file = path.join(web, name);
      if (!fs.existsSync(file)) continue;
      const data = fs.readFileSync(file);
      files[name] = { bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
    }
    if (!files["taskpane.js"]) return { status: "error", note: "dist/web/taskpane.js not built" };
    const initialGzip = ["taskpane.html", "functions.js", "taskpane.js"].reduce(
      (s, n) => s + (files[n]?.gzip ?? 0),
      0,
    );
    ctx.figures.bundle = { files, initialGzip, buildMs };
    return ok();
  },
};

// ---------------------------------------------------------------------------------------------
// The LibreOffice peer

const native: Section = {
  id: "native",
  title: "Native formulas recalculated by LibreOffice (headless)",
  async run(ctx) {
    ctx.libreOffice ??= findLibreOffice();
    const lo = ctx.libreOffice;
    if (!lo) {
      return {
        status: "skipped",
        note: "LibreOffice not installed (apt-get install -y --no-install-recommends libreoffice-calc)",
      };
    }
    ctx.cli ??= prepareCli(ctx.log);
    const sizes = [...ctx.options.sizes].sort((a, b) => a - b);
    const outDir = path.join(cacheDir(), "lo-out");
    // Start-up of a fresh profile is slow: one untimed conversion per profile first.
    const smallest = await ensureNativeWorkbook(sizes[0], ctx.log);
    for (const mode of [0, 1] as const)
      convert(lo, smallest.file, outDir, mode, ctx.options.loLimitMs);

    const notes: string[] = [];
    let last: { rows: number; pairs: number; ms: number } | null = null;
    for (const rows of sizes) {
      if (rows > ctx.options.loMaxRows && last) {
        const shape = nativeShape(rows);
        const estimate =
          (last.ms * (shape.pairs.length * shape.dataRows)) / (last.pairs * last.rows);
        if (estimate > ctx.options.loLimitMs) {
          const note =
            `capped at ${last.rows.toLocaleString("en")} rows: at ` +
            `${rows.toLocaleString("en")} rows the recalculation would take about ` +
            `${Math.round(estimate / 60_000)} min (measured time scaled by customers × rows, ` +
            `the SUMIFS work), over the ${Math.round(ctx.options.loLimitMs / 60_000)} min limit`;
          ctx.log(`  LibreOffice ${note}`);
          notes.push(note);
          const formulas = shape.pairs.length * 6 + shape.dataRows * 3;
          ctx.figures.native[rows] = emptyNative(rows, shape.pairs.length, formulas, null, note);
          continue;
        }
      }
      const wb = await ensureNativeWorkbook(rows, ctx.log);
      const runs = rows <= 10_000 ? Math.min(3, runsFor(ctx, rows)) : 1;
      ctx.log(`  LibreOffice recalc ${rows.toLocaleString("en")} rows (${runs} run(s))`);
      const times: number[] = [];
      let command = "";
      let output = "";
      let failed: string | null = null;
      for (let k = 0; k < runs && !failed; k++) {
        const c = convert(lo, wb.file, outDir, 0, ctx.options.loLimitMs);
        command = c.command;
        output = c.output;
        if (!c.ok) failed = c.message;
        else times.push(c.ms);
      }
      if (failed) {
        const note = `LibreOffice failed at ${rows.toLocaleString("en")} rows: ${failed}`;
        notes.push(note);
        ctx.figures.native[rows] = emptyNative(rows, wb.pairs.length, wb.formulas, wb.file, note);
        continue;
      }
      const positions = arDeskPositions(ctx, rows);
      const summary = await readSummary(output);
      const verification = verify(summary, wb.pairs, positions.customers, positions.labels);
      ctx.log(`  control: the same conversion with recalculation off`);
      const control = convert(lo, wb.file, outDir, 1, ctx.options.loLimitMs);
      const controlVerification = control.ok
        ? verify(await readSummary(control.output), wb.pairs, positions.customers, positions.labels)
        : null;
      const recalc = timing(times);
      const ours = ctx.figures.read[rows]?.runs["xlsx-summary"]?.timing.median;
      ctx.figures.native[rows] = {
        rows,
        pairs: wb.pairs.length,
        formulas: wb.formulas,
        workbookBytes: fs.statSync(wb.file).size,
        command,
        recalc,
        control: control.ok ? timing([control.ms]) : null,
        verification,
        controlVerification,
        speedUp: ours ? recalc.median / ours : null,
        note: verification.ok ? null : "recalculated values do not match ar-desk",
      };
      last = { rows, pairs: wb.pairs.length, ms: recalc.median };
    }
    const bad = Object.values(ctx.figures.native).filter(
      (n) => n.verification && !n.verification.ok,
    );
    if (bad.length > 0) return { status: "error", note: `unverified at ${bad.map((b) => b.rows)}` };
    return ok(notes.length > 0 ? notes.join("; ") : null);
  },
};

function emptyNative(
  rows: number,
  pairs: number,
  formulas: number,
  file: string | null,
  note: string,
): NativeFigures {
  return {
    rows,
    pairs,
    formulas,
    workbookBytes: file ? fs.statSync(file).size : 0,
    command: "",
    recalc: null,
    control: null,
    verification: null,
    controlVerification: null,
    speedUp: null,
    note,
  };
}

/** ar-desk's per-customer figures for the sheet of `rows` rows, from `analyze --json`. */
function arDeskPositions(
  ctx: Context,
  rows: number,
): { customers: ArDeskPosition[]; labels: string[] } {
  const file = analyzeJson(ctx, rows);
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
    customers: ArDeskPosition[];
    bucketLabels: string[];
  };
  return { customers: doc.customers, labels: doc.bucketLabels };
}

const pane: Section = {
  id: "pane",
  title: "Task pane in headless Chromium: time to first answer, a 100k-row workbook",
  async run(ctx) {
    if (!fs.existsSync(CHROMIUM)) {
      return { status: "skipped", note: `${CHROMIUM} missing (apt-get install chromium)` };
    }
    const big = ctx.data.get(100_000)?.xlsx ?? null;
    ctx.figures.pane = await paneFigures(ctx.options.runs ?? 3, big, ctx.log);
    return ok(
      big ? null : "no 100k-row size in this run: the big-workbook figures are not measured",
    );
  },
};

const hostile: Section = {
  id: "hostile",
  title: "Hostile files (test/hostile corpus): analyze --json, each once",
  async run(ctx) {
    ctx.cli ??= prepareCli(ctx.log);
    const cli = ctx.cli;
    const dir = path.join(cacheDir(), "hostile");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // The same files the test suite runs, written by the same script.
    const files = writeCorpus(dir);
    const out = path.join(dir, "stdout.txt");
    const figures: HostileFigures = { files: [] };
    for (const [name, file] of files) {
      const res = runCli(cli, ["analyze", file, "--as-of", AS_OF_ISO, "--json"], out, 5 * 60_000);
      figures.files.push({
        name,
        bytes: fs.statSync(file).size,
        status: res.status,
        ms: res.ms,
        maxRss: res.maxRss,
      });
      ctx.log(`  ${name}: exit ${res.status}, ${duration(res.ms)}`);
    }
    ctx.figures.hostile = figures;
    fs.rmSync(dir, { recursive: true, force: true });
    return ok(cli.note);
  },
};

export const SECTIONS: Section[] = [
  core,
  baseline,
  read,
  pandas,
  writer,
  functions,
  documents,
  office,
  insightSection,
  bundle,
  pane,
  hostile,
  native,
];

/** For results.json: the LibreOffice profile setting used. */
export const LIBREOFFICE_SETTING =
  "org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0 (always recalculate on load)";

export { profileDir };
