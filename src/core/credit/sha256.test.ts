import { createHash } from "node:crypto";
import fc from "fast-check";
import { sha256Hex, utf8 } from "./sha256";

describe("sha256Hex", () => {
  test("known vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("agrees with node:crypto on any text, block boundaries included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
        expect(Buffer.from(utf8(s)).equals(Buffer.from(s, "utf8"))).toBe(true);
      }),
      { numRuns: 300 },
    );
    for (let n = 50; n < 70; n++) {
      const s = "对".repeat(n);
      expect(sha256Hex(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
    }
  });
});
