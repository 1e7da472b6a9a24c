/**
 * An array whose elements are made only as they are read: `writeJson` stringifies each one and
 * lets it go, so a document of a million items never holds a million element objects at once.
 * Re-iterable (every walk calls `source` again); `JSON.stringify` sees the materialised array.
 */
export class LazyArray<T> implements Iterable<T> {
  constructor(private readonly source: () => Iterable<T>) {}

  /** `length` elements, the i-th made by `at(i)`. */
  static range<T>(length: number, at: (i: number) => T): LazyArray<T> {
    return new LazyArray(function* () {
      for (let i = 0; i < length; i++) yield at(i);
    });
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

/** A `LazyArray` as a plain array; anything else as it is. */
export function materialise<T>(v: T[] | LazyArray<T>): T[] {
  return v instanceof LazyArray ? v.toArray() : v;
}

/**
 * JSON written in pieces: the same text as `JSON.stringify(value)`, handed to `write` in chunks
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
export function* jsonChunks(value: unknown, chunkSize = 1 << 16, depth = 3): Generator<string> {
  let buf = "";
  const skipped = (e: unknown) =>
    e === undefined || typeof e === "function" || typeof e === "symbol";
  function* walk(v: unknown, level: number): Generator<string> {
    if (v instanceof LazyArray || (level < depth && Array.isArray(v))) {
      buf += "[";
      let first = true;
      for (const e of v as Iterable<unknown>) {
        if (!first) buf += ",";
        first = false;
        if (skipped(e)) buf += "null";
        else if (e instanceof LazyArray || Array.isArray(e)) yield* walk(e, level + 1);
        // An element that is not itself an array (an item, a customer) is small: one native
        // stringify is several times faster than walking its fields one by one.
        else buf += JSON.stringify(e) ?? "null";
        if (buf.length >= chunkSize) {
          yield buf;
          buf = "";
        }
      }
      buf += "]";
      return;
    }
    if (
      level < depth &&
      v !== null &&
      typeof v === "object" &&
      typeof (v as { toJSON?: unknown }).toJSON !== "function"
    ) {
      buf += "{";
      let first = true;
      for (const key of Object.keys(v)) {
        const e: unknown = (v as Record<string, unknown>)[key];
        if (skipped(e)) continue;
        buf += (first ? "" : ",") + JSON.stringify(key) + ":";
        first = false;
        yield* walk(e, level + 1);
        if (buf.length >= chunkSize) {
          yield buf;
          buf = "";
        }
      }
      buf += "}";
      return;
    }
    buf += JSON.stringify(v) ?? "null";
  }
  yield* walk(value, 0);
  if (buf) yield buf;
}
