/**
 * The architecture's arrows (docs/DESIGN.md §2), held by the lint config and by the import graph:
 * - ESLint refuses a forbidden import in each layer (checked here on made-up source text, so the
 *   rule is proven to fire, not only that today's code happens to pass);
 * - no import cycles among the product's modules (src/, tests excluded).
 */
import { ESLint } from "eslint";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

// The project's own flat config, handed over as an object (ESLint would load the file through a
// dynamic import, which jest's module sandbox does not offer).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CONFIG = require("../eslint.config.js") as ESLint.Options["overrideConfig"];

async function lintAs(file: string, text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: CONFIG });
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("ESLint enforces every arrow of the architecture", () => {
  const forbidden: [string, string][] = [
    ["src/functions/x.ts", "../taskpane/format"],
    ["src/functions/x.ts", "../excel/cells"],
    ["src/functions/x.ts", "../cli/summary"],
    ["src/taskpane/components/X.tsx", "../../cli/io/read"],
    ["src/taskpane/x.ts", "../functions/impl"],
    ["src/cli/commands/x.ts", "../../taskpane/format"],
    ["src/cli/x.ts", "../excel/office-workbook"],
    ["src/excel/x.ts", "../taskpane/settings"],
    ["src/excel/x.ts", "../cli/main"],
    ["src/io/x.ts", "node:fs"],
    ["src/io/x.ts", "../cli/io/read"],
    ["src/sheet/x.ts", "../cli/io/read"],
    ["src/core/x.ts", "../sheet/grid"],
    ["src/core/x.ts", "../desk/position"],
    ["src/sheet/x.ts", "../desk/position"],
    ["src/desk/x.ts", "../cli/main"],
    ["src/desk/x.ts", "../taskpane/format"],
    ["src/desk/x.ts", "node:fs"],
  ];
  test.each(forbidden)("%s may not import %s", async (file, target) => {
    const messages = await lintAs(file, `import * as m from "${target}";\nexport const x = m;\n`);
    expect(messages.length).toBeGreaterThan(0);
  });

  const allowed: [string, string][] = [
    ["src/functions/x.ts", "../core/analyze"],
    ["src/taskpane/preview/x.ts", "../../io/xlsx"],
    ["src/cli/x.ts", "../io/csv"],
    ["src/cli/x.ts", "../sheet/import"],
    ["src/taskpane/x.ts", "../excel/office-workbook"],
    ["src/io/x.ts", "../sheet/grid"],
    ["src/desk/x.ts", "../core/analyze"],
    ["src/desk/x.ts", "../sheet/import"],
    ["src/cli/commands/x.ts", "../../desk/position"],
    ["src/taskpane/engine/x.ts", "../../desk/position"],
  ];
  test.each(allowed)("%s may import %s", async (file, target) => {
    const messages = await lintAs(file, `import * as m from "${target}";\nexport const x = m;\n`);
    expect(messages).toEqual([]);
  });
});

/** Every product module under src/ and the relative modules it imports (type-only too). */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$|\.d\.ts$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(ROOT, "src"));
  const known = new Set(files);
  const resolve = (from: string, spec: string): string | null => {
    const base = path.resolve(path.dirname(from), spec);
    for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
      if (known.has(c)) return c;
    return null;
  };
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const info = ts.preProcessFile(fs.readFileSync(f, "utf8"), true, true);
    graph.set(
      f,
      info.importedFiles
        .map((i) => i.fileName)
        .filter((s) => s.startsWith("."))
        .map((s) => resolve(f, s))
        .filter((x): x is string => x !== null),
    );
  }
  return graph;
}

test("no import cycles among the product's modules", () => {
  const graph = importGraph();
  expect(graph.size).toBeGreaterThan(100);
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      const s = state.get(g);
      if (s === "open") {
        const loop = stack.slice(stack.indexOf(g)).concat(g);
        cycles.push(loop.map((x) => path.relative(ROOT, x)).join(" → "));
      } else if (s === undefined) visit(g);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
});
