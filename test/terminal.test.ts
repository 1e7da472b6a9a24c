/** Issue 15: text from the data never drives the terminal; --json keeps it exact. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { jsonSafe, visibleLine, visibleText } from "../src/cli/terminal";
import { run } from "./support/cli";

// eslint-disable-next-line no-control-regex -- what must never reach the terminal
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

const NAMES = [
  "\u001b[2J\u001b[HClear", // clear the screen, cursor home
  "\u001b]8;;https://evil.example/\u0007Link\u001b]8;;\u0007", // OSC 8 hyperlink
  "Over\rTOTAL 0.00", // bare CR: overwrite the line
  "C1\u009b2J", // a C1 CSI
];

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-term-"));
  file = path.join(dir, "names.csv");
  const rows = NAMES.map((n, i) => `"${n}",INV${i},2026-03-01,${100 + i}`);
  fs.writeFileSync(file, ["客户,单据编号,业务日期,价税合计", ...rows].join("\n") + "\n");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("visible forms", () => {
  expect(visibleText("a\u001b[2Jb\rc\u009bd\u007fe\tf\ng")).toBe("a␛[2Jb␍c\\x9Bd␡e\tf\ng");
  expect(visibleLine("two\nlines\tx")).toBe("two␊lines x");
  expect(jsonSafe(JSON.stringify("a\u0085b"))).toBe('"a\\u0085b"');
  expect(JSON.parse(jsonSafe(JSON.stringify("a\u0085b")))).toBe("a\u0085b");
});

test("the summary shows the names with their control characters made visible", async () => {
  const r = await run("analyze", file, "--as-of", "2026-06-30", "--lang", "en-US");
  expect(r.status).toBe(0);
  expect(r.stdout).not.toMatch(RAW_CONTROL);
  expect(r.stdout).toContain("␛[2J␛[HClear");
  expect(r.stdout).toContain("Over␍TOTAL 0.00");
  expect(r.stdout).toContain("C1\\x9B2J");
});

test("--json keeps the names exact and prints no raw control character", async () => {
  const r = await run("analyze", file, "--as-of", "2026-06-30", "--json");
  expect(r.status).toBe(0);
  expect(r.stdout).not.toMatch(RAW_CONTROL);
  const doc = JSON.parse(r.stdout) as { customers: { customer: string }[] };
  expect(doc.customers.map((c) => c.customer).sort()).toEqual([...NAMES].sort());
});

test("a one-line message quoting a sheet name", async () => {
  const sample = path.resolve(__dirname, "../assets/sample.xlsx");
  const r = await run("analyze", sample, "--sheet", "\u001b[31mRed\u001b[0m");
  expect(r.status).toBe(2);
  expect(r.stderr).not.toMatch(RAW_CONTROL);
  expect(r.stderr).toContain("␛[31mRed␛[0m");
});
