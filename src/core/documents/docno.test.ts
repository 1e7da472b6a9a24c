import fc from "fast-check";
import { d } from "../../../test/support/core-builders";
import { DOC_PREFIX, docCode, docNo, DocNumbers } from "./docno";

describe("docNo", () => {
  test("prefix, date, customer code, sequence from 2", () => {
    expect(docNo("statement", d("2026-06-30"), "C0001")).toBe("DZ-20260630-C0001");
    expect(docNo("confirmation", d("2026-06-30"), "C0001")).toBe("XZ-20260630-C0001");
    expect(docNo("dunning", d("2026-01-05"), "C0001", 1)).toBe("CK-20260105-C0001");
    expect(docNo("dunning", d("2026-01-05"), "C0001", 2)).toBe("CK-20260105-C0001-2");
    expect(docNo("plan", d("2026-06-30"))).toBe("CS-20260630");
    expect(docNo("commitment", d("2026-06-30"), "")).toBe("HC-20260630");
  });

  test("codes made safe: scripts kept, other runs one underscore, 24 characters", () => {
    expect(docCode("北京某某科技有限公司")).toBe("北京某某科技有限公司");
    expect(docCode('=HYPERLINK("x")')).toBe("HYPERLINK_x");
    expect(docCode("A/B  C")).toBe("A_B_C");
    expect(docCode("ＡＢＣ１２３")).toBe("ABC123");
    expect(docCode("🚀 Rocket")).toBe("Rocket");
    expect(docCode("x".repeat(40))).toHaveLength(24);
    expect(docCode("abcdefghijklmnopqrstuvw/xyz")).toBe("abcdefghijklmnopqrstuvw");
    expect(docCode("[]:*?/\\")).toBe("");
    expect(docNo("dunning", d("2026-06-30"), "[]:*?/\\")).toBe("CK-20260630");
  });

  test("every prefix is two capital letters and distinct", () => {
    const prefixes = Object.values(DOC_PREFIX);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of prefixes) expect(p).toMatch(/^[A-Z]{2}$/);
  });
});

describe("DocNumbers", () => {
  test("a second document of a kind for a customer on a date gets -2", () => {
    const n = new DocNumbers();
    const day = d("2026-06-30");
    expect(n.next("statement", day, "C1")).toBe("DZ-20260630-C1");
    expect(n.next("statement", day, "C1")).toBe("DZ-20260630-C1-2");
    expect(n.next("dunning", day, "C1")).toBe("CK-20260630-C1");
    expect(n.next("statement", day, "C2")).toBe("DZ-20260630-C2");
    expect(n.size).toBe(4);
  });

  test("codes that read the same once made safe still get distinct numbers", () => {
    const n = new DocNumbers();
    const day = d("2026-06-30");
    expect(n.next("dunning", day, "A/B")).toBe("CK-20260630-A_B");
    expect(n.next("dunning", day, "A B")).toBe("CK-20260630-A_B-2");
  });

  test("reserved numbers (a delivery log) are skipped", () => {
    const n = new DocNumbers();
    n.reserve(["CK-20260630-C1", "CK-20260630-C1-2"]);
    expect(n.next("dunning", d("2026-06-30"), "C1")).toBe("CK-20260630-C1-3");
  });

  test("property: unique within a run, deterministic, safe as text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...(Object.keys(DOC_PREFIX) as (keyof typeof DOC_PREFIX)[])),
            date: fc.integer({ min: 45000, max: 47000 }),
            code: fc.option(fc.string({ maxLength: 30 }), { nil: null }),
          }),
          { maxLength: 60 },
        ),
        (docs) => {
          const a = new DocNumbers();
          const b = new DocNumbers();
          const numbers = docs.map((x) => a.next(x.kind, x.date, x.code));
          expect(new Set(numbers).size).toBe(numbers.length);
          expect(docs.map((x) => b.next(x.kind, x.date, x.code))).toEqual(numbers);
          for (const no of numbers)
            expect(no).toMatch(/^[A-Z]{2}-\d{8}(-[\p{L}\p{N}_]+)?(-\d+)?$/u);
        },
      ),
    );
  });
});
