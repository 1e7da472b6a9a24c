import fc from "fast-check";
import {
  allDelays,
  delayOrder,
  groupDelays,
  laterThan,
  quantileOf,
  sizeOf,
  spreadOf,
} from "./delays";

describe("grouped delay samples", () => {
  test("records are grouped and each group sorted; negative groups left out", () => {
    const s = groupDelays([1, 0, 1, -1, 1], [5, -2, 3, 99, -7], 3);
    expect(Array.from(s.offsets)).toEqual([0, 1, 4, 4]);
    expect(Array.from(s.delays)).toEqual([-2, -7, 3, 5]);
    expect([sizeOf(s, 0), sizeOf(s, 1), sizeOf(s, 2)]).toEqual([1, 3, 0]);
  });

  test("does not mutate its input", () => {
    const delays = Int32Array.of(3, 1, 2);
    groupDelays([0, 0, 0], delays, 1);
    expect(Array.from(delays)).toEqual([3, 1, 2]);
  });

  test("quantiles are PERCENTILE.INC's (linear between closest ranks)", () => {
    const d = Int32Array.of(1, 2, 3, 10);
    expect(quantileOf(d, 0, 4, 0.5)).toBe(2.5);
    expect(quantileOf(d, 0, 4, 0.25)).toBe(1.75);
    expect(quantileOf(d, 0, 4, 0)).toBe(1);
    expect(quantileOf(d, 0, 4, 1)).toBe(10);
    expect(quantileOf(d, 1, 2, 0.9)).toBe(2); // one value
    expect(quantileOf(d, 2, 2, 0.5)).toBeNaN(); // none
  });

  test("spread: median, quartiles, min, max; null for an empty group", () => {
    const s = groupDelays([0, 0, 0, 0, 0], [4, -1, 0, 10, 2], 2);
    expect(spreadOf(s, 0)).toEqual({ median: 2, q1: 0, q3: 4, min: -1, max: 10 });
    expect(spreadOf(s, 1)).toBeNull();
  });

  test("laterThan finds the first delay greater than the bound (any data)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ g: fc.integer({ min: 0, max: 3 }), d: fc.integer({ min: -40, max: 60 }) }),
        ),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -50, max: 70 }),
        (records, g, after) => {
          const s = groupDelays(
            records.map((r) => r.g),
            records.map((r) => r.d),
            4,
          );
          const k = laterThan(s, g, after);
          const tail = Array.from(s.delays.subarray(k, s.offsets[g + 1]));
          const want = records
            .filter((r) => r.g === g && r.d > after)
            .map((r) => r.d)
            .sort((x, y) => x - y);
          expect(tail).toEqual(want);
        },
      ),
    );
  });

  test("allDelays = groupDelays with every record in one group, with or without a delay order", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: -200, max: 300 }), { maxLength: 300 }),
          fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 300 }),
        ),
        (xs) => {
          const delay = Int32Array.from(xs);
          const plain = groupDelays(new Int32Array(xs.length), delay, 1);
          for (const order of [delayOrder(delay), null]) {
            const s = allDelays(delay, delay.length, order);
            expect(Array.from(s.offsets)).toEqual(Array.from(plain.offsets));
            expect(Array.from(s.delays)).toEqual(Array.from(plain.delays));
          }
        },
      ),
    );
  });
});
