/**
 * Everything the README and the code cite is in the repository (issues 14 and 20): no pointer to
 * the shared notes a user's clone does not have, every "DESIGN §n" / "DOCUMENTS §n" names a
 * section the document has, and every link or path to a document under docs/ resolves.
 *
 * The scanners are pure functions, checked first on made-up text so that each rule is seen to
 * fail; then they run over README.md, docs/, src/, test/, bench/, scripts/ and the root configs.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const SELF = path.relative(ROOT, __filename);

// Spelled in pieces so that this file does not cite what it forbids.
const SHARED_DOCS = ["shared", "docs"].join("/");
const SECTION = "\u00a7";

/** Documents cited by section number: name in the citation → file under docs/. */
const SECTIONED: Record<string, string> = { DESIGN: "DESIGN.md", DOCUMENTS: "DOCUMENTS.md" };
/** Design notes the code names by bare file name; they live in docs/. */
const NOTES = ["DESIGN", "CLI", "DOCUMENTS", "TEMPLATES", "STYLE"];

interface Finding {
  file: string;
  line: number;
  message: string;
}

/** Section numbers of a markdown document: its `## n. Title` headings. */
function sectionsOf(markdown: string): Set<number> {
  const out = new Set<number>();
  for (const m of markdown.matchAll(/^##\s+(\d+)\.\s/gm)) out.add(Number(m[1]));
  return out;
}

/**
 * Every "NAME §n" citation of a sectioned document in `text`, with its line: `DESIGN §3`,
 * `DESIGN.md §2`, `DESIGN §4, §5`, and a markdown link followed by a section,
 * `[docs/DESIGN.md](docs/DESIGN.md) §3`.
 */
function sectionCitations(text: string): { doc: string; section: number; line: number }[] {
  const names = Object.keys(SECTIONED).join("|");
  const cite = new RegExp(
    `\\b(${names})(?:\\.md)?(?:\\]\\([^)\\s]*\\))?\\s*(${SECTION}\\s*\\d+(?:\\s*(?:,|and|&)\\s*${SECTION}\\s*\\d+)*)`,
    "g",
  );
  const out: { doc: string; section: number; line: number }[] = [];
  for (const m of text.matchAll(cite)) {
    const line = lineOf(text, m.index ?? 0);
    for (const n of m[2].matchAll(/\d+/g)) out.push({ doc: m[1], section: Number(n[0]), line });
  }
  return out;
}

/** Paths into docs/ named in `text` (`docs/CLI.md`, `../docs/TEMPLATES.md`), with their line. */
function docsPaths(text: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  for (const m of text.matchAll(/(?<![\w-])((?:\.\.?\/)*)docs\/([\w.-]+(?:\/[\w.-]+)*\.md)/g)) {
    const start = m.index ?? 0;
    // `<something>/docs/…` other than ./ and ../ is someone else's folder (checked apart).
    if (start > 0 && text[start - 1] === "/") continue;
    out.push({ target: `docs/${m[2]}`, line: lineOf(text, start) });
  }
  return out;
}

/** Relative markdown links to .md files: `[text](CLI.md)`, `[text](docs/CLI.md#json)`. */
function markdownLinks(text: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  for (const m of text.matchAll(/\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)/g)) {
    if (/^[a-z]+:/i.test(m[1])) continue; // https:, file: … are not the repository's
    out.push({ target: m[1], line: lineOf(text, m.index ?? 0) });
  }
  return out;
}

/** Bare names of the design notes (`CLI.md`, `STYLE.md`) not preceded by a path. */
function bareNotes(text: string): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  const re = new RegExp(`(?<![\\w/.-])(${NOTES.join("|")})\\.md\\b`, "g");
  for (const m of text.matchAll(re)) out.push({ name: m[0], line: lineOf(text, m.index ?? 0) });
  return out;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * What is wrong with one file's citations. `exists` says whether a path relative to the
 * repository root exists; `sections` maps a sectioned document's name to its section numbers.
 */
function checkFile(
  file: string,
  text: string,
  exists: (relative: string) => boolean,
  sections: Record<string, Set<number>>,
): Finding[] {
  const findings: Finding[] = [];
  const add = (line: number, message: string) => findings.push({ file, line, message });
  text.split("\n").forEach((l, i) => {
    if (l.includes(SHARED_DOCS))
      add(i + 1, `cites ${SHARED_DOCS}, which a clone does not have; cite docs/ instead`);
  });
  for (const c of sectionCitations(text)) {
    if (!sections[c.doc]?.has(c.section))
      add(c.line, `cites ${c.doc} ${SECTION}${c.section}, which docs/${SECTIONED[c.doc]} lacks`);
  }
  const reported = new Set<string>();
  for (const p of docsPaths(text)) {
    if (exists(p.target)) continue;
    add(p.line, `names ${p.target}, which does not exist`);
    reported.add(`${p.line}:${p.target}`);
  }
  const dir = path.posix.dirname(file);
  for (const l of markdownLinks(text)) {
    const target = path.posix.normalize(path.posix.join(dir, l.target));
    if (exists(target) || reported.has(`${l.line}:${target}`)) continue;
    add(l.line, `links ${l.target} (${target}), which does not exist`);
  }
  for (const b of bareNotes(text)) {
    if (!exists(`docs/${b.name}`)) add(b.line, `names ${b.name}, which docs/ does not hold`);
  }
  return findings;
}

const TEXT_EXT = new Set([".ts", ".tsx", ".js", ".cjs", ".mjs", ".json", ".md", ".html", ".xml"]);

/** Repository-relative paths (POSIX) of the text files under `dir`. */
function walk(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(rel));
    else if (TEXT_EXT.has(path.extname(entry.name))) out.push(rel);
  }
  return out;
}

describe("the citation checks catch what they are for", () => {
  const sections = { DESIGN: new Set([1, 2, 3]), DOCUMENTS: new Set([4]) };
  const exists = (p: string) => ["docs/DESIGN.md", "docs/CLI.md"].includes(p);
  const check = (text: string, file = "src/x.ts") =>
    checkFile(file, text, exists, sections).map((f) => f.message);

  test("a pointer to the shared notes", () => {
    expect(check(`// see ../${SHARED_DOCS}/CLI.md`)).toEqual([
      expect.stringContaining(SHARED_DOCS),
    ]);
  });

  test("a section the document lacks, in each form a citation takes", () => {
    expect(check(`(DESIGN ${SECTION}3, ${SECTION}9)`)).toEqual([
      expect.stringContaining(`DESIGN ${SECTION}9`),
    ]);
    expect(check(`DESIGN.md ${SECTION}7`)).toHaveLength(1);
    expect(check(`[docs/DESIGN.md](docs/DESIGN.md) ${SECTION}8`, "README.md")).toHaveLength(1);
    expect(check(`DOCUMENTS ${SECTION}3`)).toEqual([
      expect.stringContaining(`DOCUMENTS ${SECTION}3`),
    ]);
    expect(check(`DESIGN ${SECTION}2 and DOCUMENTS ${SECTION}4`)).toEqual([]);
  });

  test("a docs/ path or link that does not exist", () => {
    expect(check("read docs/NOPE.md")).toEqual([expect.stringContaining("docs/NOPE.md")]);
    expect(check("path.resolve(__dirname, '../docs/GONE.md')")).toHaveLength(1);
    expect(check("[x](docs/CLI.md) [y](docs/MISSING.md#top)", "README.md")).toEqual([
      expect.stringContaining("MISSING.md"),
    ]);
    // Inside docs/, links are relative to docs/.
    expect(check("[x](CLI.md) [y](OTHER.md)", "docs/DESIGN.md")).toEqual([
      expect.stringContaining("docs/OTHER.md"),
    ]);
    expect(check("see STYLE.md")).toEqual([expect.stringContaining("STYLE.md")]);
    expect(check("CLI.md, docs/CLI.md, bench/PERFORMANCE.md, https://x.org/a.md")).toEqual([]);
  });

  test("sections are read from the headings", () => {
    expect([...sectionsOf("# T\n## 1. A\ntext\n## 2. B\n### 2.1 sub\n## Notes\n")]).toEqual([1, 2]);
  });
});

describe("the repository cites only what it holds", () => {
  const files = [
    "README.md",
    ...["eslint.config.js", "jest.config.js", "webpack.config.js", "webpack.preview.js"].filter(
      (f) => fs.existsSync(path.join(ROOT, f)),
    ),
    ...walk("docs"),
    ...walk("src"),
    ...walk("test"),
    ...walk("bench"),
    ...walk("scripts"),
  ].filter((f) => f !== SELF.split(path.sep).join("/"));
  const sections: Record<string, Set<number>> = {};
  for (const [name, file] of Object.entries(SECTIONED)) {
    const p = path.join(ROOT, "docs", file);
    sections[name] = fs.existsSync(p) ? sectionsOf(fs.readFileSync(p, "utf8")) : new Set();
  }
  const exists = (rel: string) => fs.existsSync(path.join(ROOT, rel));

  test("the design and the document catalogue have their numbered sections", () => {
    expect([...sections.DESIGN].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...sections.DOCUMENTS].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("the scan covers the code, the tests and the README", () => {
    expect(files).toContain("README.md");
    expect(files.filter((f) => f.startsWith("src/")).length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith("test/")).length).toBeGreaterThan(10);
    // The code does cite the design by section: the check is not vacuous.
    const cited = files.flatMap((f) =>
      sectionCitations(fs.readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(cited.length).toBeGreaterThan(20);
  });

  test("no pointer to the shared notes, no missing section, no missing document", () => {
    const findings = files.flatMap((f) =>
      checkFile(f, fs.readFileSync(path.join(ROOT, f), "utf8"), exists, sections),
    );
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.message}`)).toEqual([]);
  });
});
