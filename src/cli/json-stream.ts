/**
 * JSON written in pieces: the same text as `JSON.stringify(value)`, handed to `write` in chunks
 * of about 64 KB, so that a result of millions of items never becomes one string (V8 caps a
 * string at about 512 MB: `--json` over ~920k items used to die with "Invalid string length").
 * Arrays and objects are walked to `depth` levels; below that, and for every element of an
 * array that is not itself an array, each value is stringified on its own.
 */
export function writeJson(
  value: unknown,
  write: (chunk: string) => unknown,
  chunkSize = 1 << 16,
  depth = 3,
): void {
  let buf = "";
  const out = (s: string): void => {
    buf += s;
    if (buf.length >= chunkSize) {
      write(buf);
      buf = "";
    }
  };
  const walk = (v: unknown, level: number): void => {
    if (level < depth && Array.isArray(v)) {
      out("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out(",");
        const e: unknown = v[i];
        if (e === undefined || typeof e === "function" || typeof e === "symbol") out("null");
        // An element that is not itself an array (an item, a customer) is small: one native
        // stringify is several times faster than walking its fields one by one.
        else if (!Array.isArray(e)) out(JSON.stringify(e) ?? "null");
        else walk(e, level + 1);
      }
      out("]");
      return;
    }
    if (
      level < depth &&
      v !== null &&
      typeof v === "object" &&
      typeof (v as { toJSON?: unknown }).toJSON !== "function"
    ) {
      out("{");
      let first = true;
      for (const key of Object.keys(v)) {
        const e: unknown = (v as Record<string, unknown>)[key];
        if (e === undefined || typeof e === "function" || typeof e === "symbol") continue;
        out((first ? "" : ",") + JSON.stringify(key) + ":");
        first = false;
        walk(e, level + 1);
      }
      out("}");
      return;
    }
    out(JSON.stringify(v) ?? "null");
  };
  walk(value, 0);
  if (buf) write(buf);
}
