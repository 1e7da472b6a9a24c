import { jsonSafe } from "./terminal";

/**
 * An array whose elements are made only as they are read: `writeJson` stringifies each one and
 * lets it go, so a document of a million items never holds a million element objects at once.
 * Re-iterable (every walk calls `source` again); `JSON.stringify` sees the materialised array.
 */
export class LazyArray<T> implements Iterable<T> {
  constructor(
    private readonly source: () => Iterable<T>,
    /**
     * When set, the JSON text of each of `length` elements: `write(i, sink)` gives the sink
     * exactly `jsonSafe` of `JSON.stringify` of the i-th element the iterator makes, and
     * `jsonChunks` writes it so, never making the elements.
     */
    readonly texts?: { length: number; write: (i: number, sink: JsonSink) => void },
  ) {}

  /**
   * `length` elements, the i-th made by `at(i)`; with `text`, `text(i, sink)` writes its JSON
   * text (equal to `jsonSafe(JSON.stringify(at(i)))`, which test/json-text.test.ts holds it to)
   * without making the element.
   */
  static range<T>(
    length: number,
    at: (i: number) => T,
    text?: (i: number, sink: JsonSink) => void,
  ): LazyArray<T> {
    return new LazyArray(
      function* () {
        for (let i = 0; i < length; i++) yield at(i);
      },
      text && { length, write: text },
    );
  }

  /** `list` mapped element by element. */
  static map<S, T>(list: readonly S[], f: (s: S) => T): LazyArray<T> {
    return new LazyArray(function* () {
      for (let i = 0; i < list.length; i++) yield f(list[i]);
    });
  }

  [Symbol.iterator](): Iterator<T> {
    return this.source()[Symbol.iterator]();
  }

  toArray(): T[] {
    return Array.from(this);
  }

  toJSON(): T[] {
    return this.toArray();
  }
}

/** JSON text made once and written often (a source's file and sheet, a customer), as UTF-8 too. */
export interface Piece {
  readonly text: string;
  readonly bytes: Uint8Array;
  /** All ASCII (as many bytes as characters): cheaper written as part of a longer text. */
  readonly ascii: boolean;
}

/** A piece of safe JSON text (`jsonSafe` already applied), with its UTF-8. */
export function piece(text: string): Piece {
  const bytes = Buffer.from(text, "utf8");
  return { text, bytes, ascii: bytes.length === text.length };
}

/** Where an element's JSON text goes, already `jsonSafe`: as text, or pieces made once. */
export interface JsonSink {
  putSafe(text: string): void;
  piece(p: Piece): void;
  /** Safe JSON text of ASCII characters only (a number's text, a plain string's characters). */
  ascii(text: string): void;
  /** A whole number (a safe integer), as JSON writes it. */
  int(n: number): void;
}

/** What `write` gives a sink, as one string. */
export function sinkText(write: (sink: JsonSink) => void): string {
  const out = new TextOut();
  write(out);
  return out.take();
}

/** A `LazyArray` as a plain array; anything else as it is. */
export function materialise<T>(v: T[] | LazyArray<T>): T[] {
  return v instanceof LazyArray ? v.toArray() : v;
}

/**
 * JSON written in pieces: the same text as `JSON.stringify(value)` (with DEL and the C1 controls
 * escaped, `jsonSafe`: the same string to a JSON reader), handed to `write` in chunks
 * of about 64 KB, so that a result of millions of items never becomes one string (V8 caps a
 * string at about 512 MB: `--json` over ~920k items used to die with "Invalid string length").
 * Arrays and objects are walked to `depth` levels; below that, and for every element of an
 * array that is not itself an array, each value is stringified on its own. A `LazyArray` is
 * walked like an array at any level, its elements made one at a time.
 */
export function writeJson(
  value: unknown,
  write: (chunk: string) => unknown,
  chunkSize = 1 << 16,
  depth = 3,
): void {
  for (const chunk of jsonChunks(value, chunkSize, depth)) write(chunk);
}

/**
 * The chunks `writeJson` writes, one at a time: a caller that must wait for its output to drain
 * (a pipe read slower than it is written) takes the next one only when it is ready, so the text
 * waiting to be written stays about one chunk, never the whole document.
 */
export function jsonChunks(value: unknown, chunkSize = 1 << 16, depth = 3): Generator<string> {
  return walkJson(value, new TextOut(), chunkSize, depth);
}

/**
 * The same JSON as UTF-8 bytes in chunks of about `chunkSize` bytes, with DEL and the C1
 * controls escaped (`jsonSafe`), so the bytes are free of control characters: what
 * `analyze --json` writes. Each piece is encoded into the chunk as it is made; a million
 * items never become one long string to flatten, scan and encode again (with a non-ASCII sheet
 * name in every item, that string is UTF-16: twice the bytes at every step).
 */
export function jsonBytes(
  value: unknown,
  chunkSize = 1 << 16,
  depth = 3,
  pool?: ChunkPool,
): Generator<Uint8Array> {
  return walkJson(value, new ByteOut(chunkSize, pool), chunkSize, depth);
}

/**
 * Buffers of `jsonBytes` chunks given back once their bytes are written, to be filled again.
 * Half a gigabyte of JSON in fresh 128 KB buffers is thousands of allocations outside V8's
 * heap, and V8 answers that "external memory pressure" with a full collection of the heap
 * (hundreds of MB at a full sheet) every few dozen MB: most of `--json`'s garbage-collection
 * time. Only a chunk whose bytes are surely written may be given back (`analyze.ts`).
 */
export class ChunkPool {
  private readonly free: Buffer[] = [];
  /** A buffer of `size` bytes, one given back if there is one. */
  get(size: number): Buffer {
    const b = this.free.pop();
    return b && b.length === size ? b : Buffer.allocUnsafe(size);
  }
  /** `chunk`'s buffer may be filled again: nothing holds its bytes any more. */
  release(chunk: Uint8Array): void {
    const ab = chunk.buffer;
    // Only a whole buffer of ByteOut's own (not a concatenation, not Buffer's shared pool).
    if (chunk.byteOffset === 0 && ab.byteLength > Buffer.poolSize && this.free.length < 8)
      this.free.push(Buffer.from(ab, 0, ab.byteLength));
  }
}

/** Where the walk puts the text: `size` so far, `take` hands it over and starts again. */
interface Out<C> extends JsonSink {
  /** JSON text, DEL and C1 escaped on the way (`jsonSafe`). */
  put(text: string): void;
  /** JSON text that is safe already (a `LazyArray`'s texts). */
  putSafe(text: string): void;
  /** `,` */
  comma(): void;
  readonly size: number;
  take(): C;
}

class TextOut implements Out<string> {
  private buf = "";
  put(text: string): void {
    this.buf += jsonSafe(text);
  }
  putSafe(text: string): void {
    this.buf += text;
  }
  piece(p: Piece): void {
    this.buf += p.text;
  }
  ascii(text: string): void {
    this.buf += text;
  }
  int(n: number): void {
    this.buf += `${n}`;
  }
  comma(): void {
    this.buf += ",";
  }
  get size(): number {
    return this.buf.length;
  }
  take(): string {
    const b = this.buf;
    this.buf = "";
    return b;
  }
}

class ByteOut implements Out<Uint8Array> {
  private buf: Buffer;
  private used = 0;
  /** Chunks already full, waiting to be taken (a piece longer than the room left). */
  private full: Buffer[] = [];
  private fullBytes = 0;

  constructor(
    chunkSize: number,
    private readonly pool?: ChunkPool,
  ) {
    this.buf = this.fresh(Math.max(chunkSize, 1024) * 2);
  }

  private fresh(size: number): Buffer {
    return this.pool ? this.pool.get(size) : Buffer.allocUnsafe(size);
  }

  put(text: string): void {
    this.putSafe(jsonSafe(text));
  }

  putSafe(safe: string): void {
    // A UTF-16 unit is at most 3 UTF-8 bytes.
    if (this.used + safe.length * 3 > this.buf.length) {
      this.flush();
      if (safe.length * 3 > this.buf.length) {
        this.push(Buffer.from(safe, "utf8"));
        return;
      }
    }
    this.used += this.buf.write(safe, this.used);
  }

  piece(p: Piece): void {
    const b = p.bytes;
    const n = b.length;
    if (this.used + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.push(Buffer.from(b));
        return;
      }
    }
    this.buf.set(b, this.used);
    this.used += n;
  }

  ascii(text: string): void {
    const n = text.length;
    if (this.used + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.push(Buffer.from(text, "latin1"));
        return;
      }
    }
    // Written as the item is made: no string of the whole item to build, flatten and encode.
    if (n <= 32) {
      const buf = this.buf;
      let u = this.used;
      for (let k = 0; k < n; k++) buf[u++] = text.charCodeAt(k);
      this.used = u;
    } else this.used += this.buf.write(text, this.used, "latin1");
  }

  int(n: number): void {
    if (this.used + 24 > this.buf.length) this.flush();
    const buf = this.buf;
    let u = this.used;
    let v = n;
    if (v < 0) {
      buf[u++] = 45;
      v = -v;
    }
    let width = 1;
    for (let p = 10; p <= v; p *= 10) width++;
    u += width;
    this.used = u;
    do {
      const d = v % 10;
      buf[--u] = 48 + d;
      v = (v - d) / 10;
    } while (v > 0);
  }

  comma(): void {
    if (this.used === this.buf.length) this.flush();
    this.buf[this.used++] = 44;
  }

  private push(b: Buffer): void {
    this.full.push(b);
    this.fullBytes += b.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.push(this.buf.subarray(0, this.used));
    this.buf = this.fresh(this.buf.length);
    this.used = 0;
  }

  get size(): number {
    return this.used + this.fullBytes;
  }

  take(): Uint8Array {
    this.flush();
    const parts = this.full;
    this.full = [];
    this.fullBytes = 0;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }
}

function* walkJson<C>(value: unknown, out: Out<C>, chunkSize: number, depth: number): Generator<C> {
  const skipped = (e: unknown) =>
    e === undefined || typeof e === "function" || typeof e === "symbol";
  function* walk(v: unknown, level: number): Generator<C> {
    if (v instanceof LazyArray && v.texts) {
      // Elements with their JSON text at hand: no element object, no stringify.
      const { length, write } = v.texts;
      out.put("[");
      for (let i = 0; i < length; i++) {
        if (i > 0) out.comma();
        write(i, out);
        if (out.size >= chunkSize) yield out.take();
      }
      out.put("]");
      return;
    }
    if (v instanceof LazyArray || (level < depth && Array.isArray(v))) {
      out.put("[");
      let first = true;
      for (const e of v as Iterable<unknown>) {
        if (!first) out.put(",");
        first = false;
        if (skipped(e)) out.put("null");
        else if (e instanceof LazyArray || Array.isArray(e)) yield* walk(e, level + 1);
        // An element that is not itself an array (an item, a customer) is small: one native
        // stringify is several times faster than walking its fields one by one.
        else out.put(JSON.stringify(e) ?? "null");
        if (out.size >= chunkSize) yield out.take();
      }
      out.put("]");
      return;
    }
    if (
      level < depth &&
      v !== null &&
      typeof v === "object" &&
      typeof (v as { toJSON?: unknown }).toJSON !== "function"
    ) {
      out.put("{");
      let first = true;
      for (const key of Object.keys(v)) {
        const e: unknown = (v as Record<string, unknown>)[key];
        if (skipped(e)) continue;
        out.put((first ? "" : ",") + JSON.stringify(key) + ":");
        first = false;
        yield* walk(e, level + 1);
        if (out.size >= chunkSize) yield out.take();
      }
      out.put("}");
      return;
    }
    out.put(JSON.stringify(v) ?? "null");
  }
  yield* walk(value, 0);
  if (out.size > 0) yield out.take();
}
