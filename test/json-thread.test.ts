/**
 * `analyze --json` on a large ledger has a worker thread make blocks of the items' text
 * (cli/item-thread.ts). The bytes must be the ones a single thread writes.
 *
 * - The walk over blocks (json-stream.ts), with a stand-in for the worker that hands over some
 *   blocks at once and others only after a wait: the same bytes as the plain walk, every block
 *   in its place, every part given back.
 * - The built command with the real worker (AR_DESK_JSON_THREAD makes it run on small files,
 *   and leaves every odd block to the worker): the same bytes as without the worker, on the
 *   sample, the hostile corpus and a file of awkward invoice numbers.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import {
  jsonBytes,
  jsonChunks,
  LazyArray,
  piece,
  textBlock,
  type JsonSink,
  type TextBlocks,
} from "../src/cli/json-stream";
import { coreToSpare, itemThreadOptions } from "../src/cli/item-thread";
import { writeCorpus } from "./hostile/make-corpus";

const ROOT = path.resolve(__dirname, "..");
const BUILT = fs.existsSync(path.join(ROOT, "dist/cli/item-text-worker.js"));

/** Texts with what is awkward in UTF-8: multi-byte and 4-byte characters, escapes. */
const WORDS = ["a", "长文本", "😀", '"q"', "\\", "\u009b", "x".repeat(40)];

function element(i: number, sink: JsonSink): void {
  const w = WORDS[i % WORDS.length];
  if (i % 3 === 0) sink.piece(piece(`{"i":${i},"w":${JSON.stringify(w)}}`));
  else {
    sink.ascii(`{"i":`);
    sink.int(i % 5 === 0 ? -i : i);
    sink.putSafe(`,"w":${JSON.stringify(w).replace("\u009b", "\\u009b")}}`);
  }
}

async function collect(chunks: Iterable<Uint8Array | Promise<void>>): Promise<string> {
  const out: Buffer[] = [];
  for (const c of chunks) {
    if (c instanceof Promise) await c;
    else out.push(Buffer.from(c));
  }
  return Buffer.concat(out).toString("utf8");
}

describe("the walk over blocks made elsewhere", () => {
  test("gives the bytes of the plain walk, whoever makes which block", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.constantFrom("mine", "ready", "later"), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(1, 7, 300, 1 << 16),
        fc.constantFrom(5, 64, 1 << 20),
        async (length, size, plan, chunkSize, partSize) => {
          const made = (b: number): Uint8Array[] =>
            textBlock(element, b * size, Math.min(length, (b + 1) * size), partSize);
          const given: Uint8Array[] = [];
          const done: number[] = [];
          const asked = new Set<number>();
          const blocks: TextBlocks = {
            size,
            claim(b) {
              const how = plan[b % plan.length];
              if (how === "mine") return true;
              // "later": the first ask waits, as for a block the worker is still making.
              if (how === "later" && !asked.has(b)) {
                asked.add(b);
                return new Promise<void>((resolve) => setImmediate(resolve));
              }
              return made(b);
            },
            done: (b) => done.push(b),
            recycle: (part) => given.push(part),
          };
          const value = { a: 1, items: LazyArray.range(length, (i) => i, element, blocks) };
          const plain = { a: 1, items: LazyArray.range(length, (i) => i, element) };
          const expected = await collect(jsonBytes(plain, chunkSize));
          expect(await collect(jsonBytes(value, chunkSize))).toBe(expected);
          const blockCount = Math.ceil(length / size);
          expect(done).toEqual(Array.from({ length: blockCount }, (_, b) => b));
          // Every part made elsewhere is given back once copied.
          const parts = Array.from({ length: blockCount }, (_, b) =>
            plan[b % plan.length] === "mine" ? 0 : made(b).length,
          ).reduce((x, y) => x + y, 0);
          expect(given).toHaveLength(parts);
          // The text walk writes every element itself.
          expect([...jsonChunks(value, chunkSize)].join("")).toBe(expected);
          expect((JSON.parse(expected) as { items: unknown[] }).items).toHaveLength(length);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("a part is never cut inside a character: chunks hold whole UTF-8 only in sum", async () => {
    // A block of one element longer than many chunks, handed over in parts of 5 bytes.
    const long = "😀长".repeat(3000);
    const write = (_i: number, sink: JsonSink) => sink.putSafe(JSON.stringify(long));
    const blocks: TextBlocks = {
      size: 1,
      claim: () => textBlock(write, 0, 1, 5),
      done: () => undefined,
      recycle: () => undefined,
    };
    const text = await collect(jsonBytes({ x: LazyArray.range(1, () => long, write, blocks) }, 64));
    expect(JSON.parse(text)).toEqual({ x: [long] });
  });
});

describe("when a second thread is used", () => {
  test("only with a core to spare: two or more processors, not all kept busy", () => {
    expect(coreToSpare(2, 0.4)).toBe(true);
    expect(coreToSpare(2, 1.6)).toBe(true);
    expect(coreToSpare(2, 2)).toBe(false);
    expect(coreToSpare(2, 4.5)).toBe(false);
    expect(coreToSpare(1, 0)).toBe(false);
    // Windows reports no load average.
    expect(coreToSpare(8, 0)).toBe(true);
  });

  test("the tests' setting: small files, small blocks, the worker required", () => {
    expect(itemThreadOptions({})).toEqual({ minItems: 100_000, block: 16_384, test: false });
    expect(itemThreadOptions({ AR_DESK_JSON_THREAD: "1,3" })).toEqual({
      minItems: 1,
      block: 3,
      test: true,
    });
    for (const bad of ["", "1", "1,0", "a,b", "1,3,5"])
      expect(itemThreadOptions({ AR_DESK_JSON_THREAD: bad }).test).toBe(false);
  });
});

/** Runs the built command; stdout as bytes. */
function analyze(
  file: string,
  thread: string | null,
): { status: number | null; out: Buffer; err: string } {
  const env = { ...process.env };
  delete env.AR_DESK_JSON_THREAD;
  if (thread !== null) env.AR_DESK_JSON_THREAD = thread;
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/ar-desk.js"), "analyze", file, "--as-of", "2026-06-30", "--json"],
    { env, maxBuffer: 256 * 1024 * 1024 },
  );
  return { status: r.status, out: r.stdout, err: r.stderr.toString() };
}

(BUILT ? describe : describe.skip)("the built command with its worker thread", () => {
  let dir: string;
  let files: string[];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-json-thread-"));
    files = [...writeCorpus(dir).values()];
    // Invoice numbers that are not plain ASCII: quotes, backslashes, Chinese, emoji, C1.
    const awkward = ["INV-1", 'INV-"2"', "INV\\3", "发票-4", "INV-😀5", "INV-\u00856", "INV-7"];
    const lines = ["Invoice,Customer,Invoice date,Due date,Amount"];
    for (let i = 0; i < 5000; i++)
      lines.push(
        `"${awkward[i % awkward.length].replace(/"/g, '""')}-${i}",客户${i % 37},2026-0${1 + (i % 6)}-1${i % 10},2026-0${1 + ((i + 2) % 6)}-2${i % 9},${(i * 37.13).toFixed(2)}`,
      );
    const csv = path.join(dir, "awkward.csv");
    fs.writeFileSync(csv, lines.join("\n"));
    files.push(csv, path.join(ROOT, "assets/sample.xlsx"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("writes the same bytes as one thread, in blocks of 1 and 3 items", () => {
    let compared = 0;
    for (const file of files) {
      const one = analyze(file, null);
      for (const thread of ["1,1", "1,3"]) {
        const two = analyze(file, thread);
        expect({ file, thread, status: two.status, err: two.err }).toEqual({
          file,
          thread,
          status: one.status,
          err: one.err,
        });
        expect(two.out.equals(one.out)).toBe(true);
      }
      if (one.status === 0) compared++;
    }
    // Most of the corpus has items: the comparison is not of empty outputs.
    expect(compared).toBeGreaterThan(5);
  });
});
