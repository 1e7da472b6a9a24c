// The production build as it is shipped: `ADDIN_URL=… webpack --mode production` (built once,
// into a temporary folder) writes a manifest whose every URL points at ADDIN_URL, and the
// folder is a static site that answers every one of those URLs: served over https on
// 127.0.0.1 with a certificate made for the test (openssl), each manifest URL, rewritten to
// that origin, answers 200. And the shipped functions bundle, loaded in headless Chromium with
// a minimal stand-in for Office's custom functions runtime, associates every function of
// functions.json and functions.zh-CN.json, gives what the sources give for the same arguments
// (single cells and columns of the sample), and what `ar-desk analyze --json` says of the
// sample's items; matrix results are rectangular.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { AnalyzeJson } from "../../src/cli/json";
import { main } from "../../src/cli/main";
import { serialFromIso } from "../../src/core/dates";

jest.setTimeout(900_000);

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const AS_OF = "2026-06-30";

const ROOT = path.resolve(__dirname, "../..");
const ADDIN_URL = "https://ar.example.com/ar-desk";
const OPENSSL = ["/usr/bin/openssl", "/usr/local/bin/openssl"].find((p) => fs.existsSync(p));

let out = "";
let manifest = "";

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-web-"));
  const webpack = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const build = spawnSync(
    process.execPath,
    [webpack, "--mode", "production", "--output-path", out, "--no-devtool"],
    {
      cwd: ROOT,
      env: { ...process.env, ADDIN_URL: ADDIN_URL + "/" },
      encoding: "utf8",
      timeout: 850_000,
    },
  );
  if (build.status !== 0) throw new Error(`webpack failed:\n${build.stdout}\n${build.stderr}`);
  manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
});

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

/** Every URL in attribute values and element text of the manifest (namespaces left out). */
function manifestUrls(xml: string): string[] {
  const urls: string[] = [];
  for (const m of xml.matchAll(/(\w[\w:]*)="([^"]*)"|>([^<]+)</g)) {
    if (m[1] && (m[1] === "xmlns" || m[1].startsWith("xmlns:"))) continue;
    const v = (m[2] ?? m[3] ?? "").trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) urls.push(v);
  }
  return urls;
}

describe("production build with ADDIN_URL", () => {
  test("the built manifest has every URL under ADDIN_URL and none on localhost", () => {
    const urls = manifestUrls(manifest);
    expect(urls.length).toBeGreaterThan(8);
    expect(manifest).not.toMatch(/localhost/i);
    for (const url of urls)
      expect({ url, ok: url.startsWith(ADDIN_URL + "/") }).toEqual({ url, ok: true });
    // The rest of the manifest is the source's, byte for byte.
    const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    expect(manifest).toBe(source.split("https://localhost:3000/").join(ADDIN_URL + "/"));
  });

  test("an ADDIN_URL Office would not load stops the build's config", () => {
    // A CommonJS build file without typings: required, not imported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { addinUrl } = require(path.join(ROOT, "webpack.shared.js")) as {
      addinUrl: (v: string | undefined) => string | undefined;
    };
    expect(addinUrl("https://ar.example.com/")).toBe("https://ar.example.com");
    expect(() => addinUrl("http://ar.example.com")).toThrow(/https/);
    expect(() => addinUrl("https://ar.example.com/?v=1")).toThrow(/query/);
    expect(() => addinUrl("ar.example.com")).toThrow(/not a URL/);
  });

  (OPENSSL ? test : test.skip)(
    "served over https, every manifest URL answers 200 (openssl makes the certificate)",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-tls-"));
      try {
        const key = path.join(dir, "key.pem");
        const cert = path.join(dir, "cert.pem");
        const made = spawnSync(
          OPENSSL!,
          [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            key,
            "-out",
            cert,
          ],
          { encoding: "utf8" },
        );
        expect(made.status).toBe(0);
        const tls = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
        const server = https.createServer(tls, (req, res) => {
          const rel = decodeURIComponent(new URL(req.url ?? "/", "https://x").pathname);
          const prefix = "/ar-desk/";
          const file = rel.startsWith(prefix) ? path.join(out, rel.slice(prefix.length)) : "";
          if (
            !file.startsWith(out + path.sep) ||
            !fs.existsSync(file) ||
            !fs.statSync(file).isFile()
          ) {
            res.writeHead(404).end();
            return;
          }
          res.writeHead(200);
          fs.createReadStream(file).pipe(res);
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
        try {
          const local = manifestUrls(manifest).map((u) =>
            u.replace("https://ar.example.com", origin),
          );
          const status = (url: string) =>
            new Promise<number>((resolve, reject) => {
              // Trusting only the test's certificate: a real TLS handshake, no verification off.
              https
                .get(url, { ca: tls.cert }, (res) => {
                  res.resume();
                  res.on("end", () => resolve(res.statusCode ?? 0));
                })
                .on("error", reject);
            });
          const results: [string, number][] = [];
          for (const url of [...new Set(local)]) results.push([url, await status(url)]);
          expect(results.length).toBeGreaterThan(5);
          expect(results.filter(([, s]) => s !== 200)).toEqual([]);
          // And the server does say 404 for what is not there.
          expect(await status(`${origin}/ar-desk/nope.js`)).toBe(404);
        } finally {
          await new Promise((resolve) => server.close(resolve));
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

interface Param {
  name: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  parameters: Param[];
  result: { dimensionality?: string };
}

/** A result with error values made comparable (`{ error: code }`). */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object" && "code" in v) return { error: (v as { code: string }).code };
  return v;
}

(HAVE_CHROMIUM ? describe : describe.skip)("the shipped functions bundle in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let out2: AnalyzeJson;
  let source: Record<string, (...args: unknown[]) => unknown>;

  beforeAll(async () => {
    let json = "";
    const status = await main(
      ["analyze", path.join(ROOT, "assets/sample.xlsx"), "--as-of", AS_OF, "--json"],
      { stdout: { write: (t: string) => (json += t) }, stderr: { write: () => true } },
    );
    expect(status).toBe(0);
    out2 = JSON.parse(json) as AnalyzeJson;

    // The sources, with the same stand-in: functions.ts as the bundle was built from it.
    const g = globalThis as Record<string, unknown>;
    g.CustomFunctions = {
      associate: () => undefined,
      Error: class {
        constructor(
          public code: string,
          public message?: string,
        ) {}
      },
    };
    g.Office = { onReady: () => Promise.resolve({}), context: { displayLanguage: "en-US" } };
    // Required after the stand-in is in place (functions.ts uses it as it loads).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    source = require("../../src/functions/functions");

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    page = await browser.newPage();
    // The built folder at a made-up origin: nothing leaves the machine.
    await page.route("https://addin.test/**", (route) => {
      const rel = new URL(route.request().url()).pathname.slice(1);
      if (rel === "host.html") {
        return route.fulfill({
          contentType: "text/html",
          // As taskpane.html: UTF-8 declared by the page, which a script served without a
          // charset (as static hosts often do) inherits. Without it the bundle's Chinese text
          // is read as Latin-1 and the bundle does not parse.
          body: `<!doctype html><meta charset="utf-8"><script>
            window.associated = {};
            window.CustomFunctions = {
              associate(id, fn) { window.associated[id] = fn; },
              Error: class { constructor(code, message) { this.code = code; this.message = message; } },
            };
            window.Office = {
              onReady(cb) { const p = Promise.resolve({ host: "Excel" }); if (cb) p.then(cb); return p; },
              context: { displayLanguage: "en-US" },
            };
          </script><script src="functions.js"></script>`,
        });
      }
      const file = path.join(out, rel);
      if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({ contentType: "text/javascript", body: fs.readFileSync(file) });
    });
    await page.goto("https://addin.test/host.html");
    await page.waitForFunction(
      () => Object.keys((window as never as { associated: object }).associated).length > 0,
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Calls a function through the bundle: what Excel's runtime would get back. */
  const call = (id: string, args: unknown[]): Promise<unknown> =>
    page.evaluate(
      async ([id, args]) => {
        const fn = (window as never as { associated: Record<string, (...a: unknown[]) => unknown> })
          .associated[id as string];
        const plainIn = (v: unknown): unknown =>
          Array.isArray(v)
            ? v.map(plainIn)
            : v && typeof v === "object" && "code" in v
              ? { error: (v as { code: string }).code }
              : v;
        return plainIn(await fn(...(args as unknown[])));
      },
      [id, args] as const,
    );

  const metadata = (file: string): Fn[] =>
    (JSON.parse(fs.readFileSync(path.join(out, file), "utf8")) as { functions: Fn[] }).functions;

  test("every id of functions.json and functions.zh-CN.json is associated", async () => {
    const associated = await page.evaluate(() =>
      Object.keys((window as never as { associated: object }).associated).sort(),
    );
    const en = metadata("functions.json")
      .map((f) => f.id)
      .sort();
    const zh = metadata("functions.zh-CN.json")
      .map((f) => f.id)
      .sort();
    expect(en.length).toBeGreaterThan(10);
    expect(zh).toEqual(en);
    expect(associated).toEqual(en);
  });

  /** The sample's open items with a due date, as a user's sheet holds them. */
  const rows = () =>
    out2.items
      .filter((i) => i.dueDate !== null && i.status === "open")
      .map((i) => ({ item: i, due: serialFromIso(i.dueDate as string) as number }));

  test("row functions through the bundle equal analyze --json, cell by cell and spilled", async () => {
    const asOf = [[serialFromIso(AS_OF)]];
    const list = rows();
    expect(list.length).toBeGreaterThan(5);
    const bad: string[] = [];
    for (const { item, due } of list) {
      const d = [[due]];
      const owed = [[item.outstanding]];
      const got = {
        daysOverdue: ((await call("DAYSOVERDUE", [d, asOf])) as unknown[][])[0][0],
        bucket: ((await call("AGING", [d, asOf])) as unknown[][])[0][0],
        overdue: ((await call("OVERDUE", [d, owed, asOf])) as unknown[][])[0][0],
      };
      const want = { daysOverdue: item.daysOverdue, bucket: item.bucket, overdue: item.overdue };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        bad.push(`${item.invoice}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
      }
    }
    expect(bad).toEqual([]);
    // One spilled formula per column: ISO text dates, the as-of date as text.
    const dueColumn = list.map((r) => [r.item.dueDate]);
    const spilled = (await call("DAYSOVERDUE", [dueColumn, [[AS_OF]]])) as unknown[][];
    expect(spilled.map((r) => r.length)).toEqual(list.map(() => 1));
    expect(spilled.map((r) => r[0])).toEqual(list.map((r) => r.item.daysOverdue));
    const buckets = (await call("AGING", [dueColumn, [[AS_OF]]])) as unknown[][];
    expect(buckets.map((r) => r[0])).toEqual(list.map((r) => r.item.bucket));
  });

  test("every function gives through the bundle what the sources give; matrix results are rectangular", async () => {
    const list = rows();
    const col = (f: (r: (typeof list)[number]) => unknown) => list.map((r) => [f(r)]);
    const byName: Record<string, unknown[][]> = {
      due_date: col((r) => r.due),
      due_dates: col((r) => r.due),
      as_of: [[serialFromIso(AS_OF)]],
      outstanding: col((r) => r.item.outstanding),
      balances: col((r) => r.item.outstanding),
      receivables: col((r) => r.item.outstanding),
      amount: col((r) => r.item.outstanding),
      amount_due: col((r) => r.item.outstanding),
      customer: col((r) => r.item.customer),
      customers: col((r) => r.item.customer),
      settled_date: col(() => ""),
      settled_dates: col(() => ""),
      term_days: col(() => 30),
      credit_limit: [[100000]],
      credit_sales: [[1_000_000]],
      collections: [[500_000]],
      days: [[365]],
      annual_rate: [[0.05]],
    };
    const fns = metadata("functions.json");
    const checked: string[] = [];
    const withValues: string[] = [];
    for (const f of fns) {
      const required = f.parameters.filter((p) => !p.optional);
      const args = required.map((p) => byName[p.name] ?? [[1]]);
      const name = Object.keys(source).find((k) => k.toUpperCase() === f.id);
      expect({ id: f.id, source: name !== undefined }).toEqual({ id: f.id, source: true });
      const want = plain(await source[name!](...args));
      const got = await call(f.id, args);
      expect({ id: f.id, got }).toEqual({ id: f.id, got: want });
      if (f.result.dimensionality === "matrix") {
        expect(Array.isArray(got)).toBe(true);
        const widths = new Set((got as unknown[][]).map((r) => (Array.isArray(r) ? r.length : -1)));
        expect({ id: f.id, rectangular: widths.size === 1 && !widths.has(-1) }).toEqual({
          id: f.id,
          rectangular: true,
        });
      }
      checked.push(f.id);
      const cells = (Array.isArray(got) ? (got as unknown[][]).flat() : [got]) as unknown[];
      if (cells.some((v) => v !== null && v !== "" && !(typeof v === "object" && "error" in v))) {
        withValues.push(f.id);
      }
    }
    expect(checked).toEqual(fns.map((f) => f.id));
    // Not a comparison of errors only: most functions give values for the sample's columns.
    expect(withValues.length).toBeGreaterThan(fns.length / 2);
  });
});
