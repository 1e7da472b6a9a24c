/**
 * `analyze --json` writes each item's JSON text straight from the analysis (json.ts `itemText`),
 * without making the item object. That text must be exactly what JSON.stringify makes of the
 * item (with DEL and C1 escaped, `jsonSafe`), for every kind of item and every awkward string,
 * and the bytes `jsonBytes` writes must be the text `jsonChunks` makes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { main } from "../src/cli/main";
import { run } from "./support/cli";
import { analysisDoc, analysisJson, moneyText } from "../src/cli/json";
import { fromMinor } from "../src/core/money";
import {
  ChunkPool,
  jsonBytes,
  jsonChunks,
  LazyArray,
  piece,
  sinkText,
} from "../src/cli/json-stream";
import { jsonSafe } from "../src/cli/terminal";
import { analyze } from "../src/core/analyze";
import { insight } from "../src/core/insight";
import { ledgerFrom, type ItemInput, type PaymentInput } from "../src/core/ledger";
import { makePolicy } from "../src/core/policy";
import type { ImportResult } from "../src/sheet/import";

const BASE = 45000;
const AWKWARD = [
  "plain",
  'quote " and \\ backslash',
  "C1 \u009b[31m and DEL \u007f",
  "C0 \u0001 \u001b tab\t line\n",
  "\u2028 separator",
  "应收明细",
  "emoji 💸",
  "lone surrogate \ud800",
  "",
];

function imported(ledger: ImportResult["ledger"]): ImportResult {
  return {
    ledger,
    problems: [],
    rows: { read: 0, imported: 0, skipped: 0, rejected: 0 },
    sheets: [],
  };
}

function text(chunks: Iterable<string>): string {
  let s = "";
  for (const c of chunks) s += c;
  return s;
}

function bytes(chunks: Iterable<Uint8Array>): string {
  return Buffer.concat([...chunks].map((c) => Buffer.from(c))).toString("utf8");
}

const itemArb = fc.record({
  ref: fc.option(fc.constantFrom(...AWKWARD), { nil: null }),
  customer: fc.constantFrom(...AWKWARD.filter((s) => s.trim() !== "")),
  currency: fc.constantFrom(null, "CNY", "USD", "JPY", "KWD"),
  invoice: fc.integer({ min: -30, max: 400 }),
  due: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  amount: fc.oneof(
    fc.integer({ min: 1, max: 5_000_000_000 }),
    fc.integer({ min: -500_000, max: -1 }),
  ),
  paid: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
  settled: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
  salesperson: fc.option(fc.constantFrom(...AWKWARD), { nil: null }),
  disputed: fc.boolean(),
  promise: fc.option(fc.integer({ min: -20, max: 40 }), { nil: null }),
  sheet: fc.option(fc.constantFrom(...AWKWARD), { nil: null }),
  file: fc.option(fc.constantFrom("a.xlsx", "路径/b.csv", "\u009b.xlsx"), { nil: null }),
  row: fc.integer({ min: 1, max: 1_048_576 }),
});

describe("the item text of analyze --json", () => {
  test("equals JSON.stringify of the item, for any item and any string", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.record({ item: fc.nat(), amount: fc.integer({ min: 1, max: 3_000_000 }) }), {
          maxLength: 10,
        }),
        fc.integer({ min: 0, max: 500 }),
        (items, pays, at) => {
          const inputs: ItemInput[] = items.map((x) => ({
            ref: x.ref,
            customer: x.customer,
            currency: x.currency,
            invoiceDate: BASE + x.invoice,
            dueDate: x.due === null ? null : BASE + x.invoice + x.due,
            amount: x.amount,
            paid: x.paid,
            settledDate: x.settled === null ? null : BASE + x.invoice + x.settled,
            salesperson: x.salesperson,
            disputed: x.disputed,
            promiseDate: x.promise === null ? null : BASE + at + x.promise,
            source: { file: x.file, sheet: x.sheet, row: x.row },
          }));
          const payments: (PaymentInput & { item?: number })[] = pays.map((p) => {
            const it = items[p.item % items.length];
            return {
              ref: null,
              customer: it.customer,
              currency: it.currency,
              date: BASE + it.invoice + 5,
              amount: p.amount,
              source: { file: "p.csv", sheet: null, row: 2 },
              item: p.item % items.length,
            };
          });
          const ledger = ledgerFrom(inputs, payments);
          const a = analyze(ledger, BASE + at, makePolicy({}));
          const doc = analysisDoc(imported(ledger), a, "zh-CN", insight(a));
          const lazy = doc.items as LazyArray<unknown>;
          expect(lazy.texts).toBeDefined();
          const made = [...lazy];
          const { length, write } = lazy.texts!;
          const texts = Array.from({ length }, (_, i) => sinkText((sink) => write(i, sink)));
          expect(texts).toHaveLength(made.length);
          made.forEach((item, i) => expect(texts[i]).toBe(jsonSafe(JSON.stringify(item))));
          // The whole document: the bytes written are the text, and the text is the document's.
          const whole = jsonSafe(
            JSON.stringify(analysisJson(imported(ledger), a, "zh-CN", insight(a))),
          );
          for (const size of [1, 300, 1 << 16]) {
            expect(text(jsonChunks(doc, size))).toBe(whole);
            expect(bytes(jsonBytes(doc, size))).toBe(whole);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  test("DEL and C1 are escaped everywhere, control characters never reach the bytes", () => {
    const value = {
      a: "\u009b2J",
      b: new LazyArray(() => ["\u007f", { k: "\u0085" }]),
      c: LazyArray.range(
        3,
        (i) => ({ i }),
        (i, sink) => (i === 1 ? sink.piece(piece(`{"i":1}`)) : sink.putSafe(`{"i":${i}}`)),
      ),
    };
    const out = bytes(jsonBytes(value, 4));
    expect(out).toBe(
      '{"a":"\\u009b2J","b":["\\u007f",{"k":"\\u0085"}],"c":[{"i":0},{"i":1},{"i":2}]}',
    );
    // eslint-disable-next-line no-control-regex -- the characters that must not be there
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(JSON.parse(out)).toEqual({
      a: "\u009b2J",
      b: ["\u007f", { k: "\u0085" }],
      c: [{ i: 0 }, { i: 1 }, { i: 2 }],
    });
  });

  test("a piece larger than a chunk is written whole, in its own chunk", () => {
    const long = "长".repeat(5000);
    const chunks = [...jsonBytes({ a: [long, "x"] }, 64)];
    expect(bytes(chunks)).toBe(JSON.stringify({ a: [long, "x"] }));
    expect(chunks.length).toBeGreaterThan(1);
    // A piece made once, longer than the chunk's buffer, among pieces that fill it.
    const lazy = LazyArray.range(
      4,
      (i) => (i === 2 ? long : `短${i}`),
      (i, sink) => sink.piece(piece(JSON.stringify(i === 2 ? long : `短${i}`))),
    );
    expect(bytes(jsonBytes({ lazy }, 64))).toBe(JSON.stringify({ lazy: [...lazy] }));
    expect(text(jsonChunks({ lazy }, 64))).toBe(JSON.stringify({ lazy: [...lazy] }));
  });
});

describe("chunks' buffers filled again (ChunkPool)", () => {
  const value = {
    title: "应收 ledger",
    items: LazyArray.range(
      30000,
      (i) => ({ i, w: i % 7 === 0 ? "长😀" : "x" }),
      (i, sink) => {
        sink.ascii(`{"i":`);
        sink.int(i);
        sink.putSafe(`,"w":${JSON.stringify(i % 7 === 0 ? "长😀" : "x")}}`);
      },
    ),
  };
  const expected = JSON.stringify({ title: value.title, items: [...value.items] });

  test("a chunk given back once written is filled again, and the bytes are unchanged", () => {
    const pool = new ChunkPool();
    const written: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    let chunks = 0;
    for (const chunk of jsonBytes(value, 8192, 3, pool)) {
      written.push(Buffer.from(chunk)); // a copy: what the system takes
      buffers.add(chunk.buffer);
      chunks++;
      pool.release(chunk);
    }
    expect(Buffer.concat(written).toString("utf8")).toBe(expected);
    expect(chunks).toBeGreaterThan(20);
    // The same two buffers over and over (the one being filled, the one given back).
    expect(buffers.size).toBeLessThanOrEqual(2);
  });

  test("a chunk not given back is never overwritten", () => {
    const pool = new ChunkPool();
    const held = [...jsonBytes(value, 8192, 3, pool)];
    expect(new Set(held.map((c) => c.buffer)).size).toBe(held.length);
    expect(bytes(held)).toBe(expected);
  });

  test("only a whole buffer of its own is taken back", () => {
    const pool = new ChunkPool();
    const whole = Buffer.allocUnsafe(1 << 17);
    pool.release(whole.subarray(100, 200)); // not from its start
    pool.release(Buffer.from("small")); // Buffer's shared pool
    expect(pool.get(1 << 17)).not.toBe(whole);
    pool.release(whole.subarray(0, 10));
    expect(pool.get(1 << 17).buffer).toBe(whole.buffer);
  });
});

describe("analyze --json gives a buffer back only when stdout says it is written", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-json-pool-"));
    file = path.join(dir, "ar.csv");
    const lines = ["Invoice,Customer,Invoice date,Due date,Amount"];
    for (let i = 0; i < 4000; i++)
      lines.push(`INV-${i},客户${i % 41},2026-03-${10 + (i % 18)},2026-05-${10 + (i % 19)},${i}.5`);
    fs.writeFileSync(file, lines.join("\n"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function analyzeJson(written: boolean | null) {
    const chunks: Uint8Array[] = [];
    const buffers = new Set<ArrayBufferLike>();
    let text = "";
    const stdout = {
      write: (s: string) => (text += s),
      // With `written` true, the bytes are with the system once written: copy them, as it does.
      // Otherwise keep the chunk itself, as a stream that queues it does.
      writeBytes: (b: Uint8Array) => {
        buffers.add(b.buffer);
        chunks.push(written === true ? Buffer.from(b) : b);
      },
      ...(written === null ? {} : { written: () => written }),
    };
    const args = ["analyze", file, "--as-of", "2026-06-30", "--json"];
    expect(await main(args, { stdout, stderr: { write: () => true } })).toBe(0);
    return { bytes: Buffer.concat(chunks).toString("utf8") + text, chunks, buffers };
  }

  test("held chunks stay whole; written ones are filled again", async () => {
    const plain = await run("analyze", file, "--as-of", "2026-06-30", "--json");
    expect(plain.stdout.length).toBeGreaterThan(1 << 20);
    for (const written of [null, false]) {
      const held = await analyzeJson(written);
      expect(held.bytes).toBe(plain.stdout);
      expect(new Set(held.chunks.map((c) => c.buffer)).size).toBe(held.chunks.length);
    }
    const taken = await analyzeJson(true);
    expect(taken.bytes).toBe(plain.stdout);
    expect(taken.buffers.size).toBeLessThan(taken.chunks.length / 4);
  });
});

describe("money as --json writes it", () => {
  test("from the minor units, the text JSON.stringify gives the major amount", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e6, max: 1e6 }),
          fc.maxSafeInteger(),
          fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }),
          fc.constantFrom(0, -0, 1, -1, 10, -10, 100, 999_999_999_999_999, 1e15, -1e15, 2 ** 53),
        ),
        fc.integer({ min: 0, max: 4 }),
        (minor, digits) => {
          expect(moneyText(minor, digits)).toBe(JSON.stringify(fromMinor(minor, digits)));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
