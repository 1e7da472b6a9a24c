/**
 * The task pane in headless Chromium (Debian's /usr/bin/chromium via playwright-core), on the
 * browser preview: what a user waits for. These are the figures the end-to-end tests used to
 * assert and no longer do (a test on a shared machine cannot judge time): they are measured here,
 * as medians of several page loads, against budgets.
 *
 * - time to first answer: opening the preview with the sample until the headline figures
 *   (outstanding, overdue) are on screen; and the first render of the pane;
 * - a 100,000-row .xlsx dropped on the preview: read + analysed until the dashboard shows, and
 *   the longest task that blocked the page's main thread meanwhile.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { timing, type Timing } from "./stats";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist", "preview");
export const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface PaneFigures {
  /** Page navigation → the pane's first render (performance mark). */
  firstRender: Timing;
  /** Page navigation → the headline figures of the sample on the dashboard. */
  firstAnswer: Timing;
  /** A 100k-row .xlsx chosen → its dashboard shown (read in the worker, analysed). */
  bigToDashboard: Timing | null;
  /** The longest main-thread task while the 100k-row workbook loads (median over runs). */
  bigLongestBlock: Timing | null;
  buildMs: number;
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
  const s = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const rel = decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname);
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

/** Builds the preview, then measures `runs` page loads (and big-workbook loads when given). */
export async function paneFigures(
  runs: number,
  bigXlsx: string | null,
  log: (s: string) => void,
): Promise<PaneFigures> {
  log("  webpack --config webpack.preview.js --mode production");
  const t = performance.now();
  const build = spawnSync(
    process.execPath,
    [
      require.resolve("webpack-cli/bin/cli.js"),
      "--config",
      "webpack.preview.js",
      "--mode",
      "production",
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const buildMs = performance.now() - t;
  if (build.status !== 0) throw new Error(`preview build failed: ${build.stderr.slice(-300)}`);
  const { chromium } = await import("playwright-core");
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const firstRender: number[] = [];
    const firstAnswer: number[] = [];
    const big: number[] = [];
    const block: number[] = [];
    // One warm-up load (the browser's own caches), then the timed ones, each in a fresh page.
    for (let k = 0; k <= runs; k++) {
      const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
      page.setDefaultTimeout(300_000);
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push(e.duration);
        }).observe({ type: "longtask", buffered: true });
      });
      await page.goto(`${base}?lang=en-US&today=2026-06-30`);
      await page.getByRole("tab", { name: /Dashboard/ }).click();
      await page.locator("[data-testid=total-CNY] [data-field=outstanding]").waitFor();
      const marks = await page.evaluate(() => ({
        render: performance.getEntriesByName("ar-desk:first-render")[0]?.startTime ?? NaN,
        answer: performance.now(),
      }));
      if (k > 0) {
        firstRender.push(marks.render);
        firstAnswer.push(marks.answer);
      }
      if (bigXlsx && k > 0) {
        await page.evaluate(() => {
          (window as unknown as { __longTasks: number[] }).__longTasks = [];
        });
        const start = await page.evaluate(() => performance.now());
        await page.getByTestId("file-input").setInputFiles(bigXlsx);
        await page.waitForFunction(
          (name) => document.querySelector("[data-testid=book-name]")?.textContent === name,
          path.basename(bigXlsx),
        );
        await page.waitForFunction(() => !document.querySelector("[data-testid=busy]"));
        await page.getByRole("tab", { name: /Dashboard/ }).click();
        await page.locator("[data-testid=total-CNY] [data-field=outstanding]").waitFor();
        const end = await page.evaluate(() => ({
          now: performance.now(),
          longest: Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
        }));
        big.push(end.now - start);
        block.push(end.longest);
      }
      await page.close();
    }
    return {
      firstRender: timing(firstRender),
      firstAnswer: timing(firstAnswer),
      bigToDashboard: big.length > 0 ? timing(big) : null,
      bigLongestBlock: block.length > 0 ? timing(block) : null,
      buildMs,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
