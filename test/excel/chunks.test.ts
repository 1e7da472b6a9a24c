import {
  gridBytes,
  OFFICE_LIMITS,
  OP_BYTES,
  packRows,
  planReadChunks,
  scalarBytes,
  stringBytes,
} from "../../src/excel/chunks";

const FULL = 1_048_576;

describe("planReadChunks", () => {
  test("a full 1,048,576-row × 20-column sheet: every row once, in order, each chunk within the limits", () => {
    const chunks = planReadChunks(0, FULL, 20);
    // 20 columns at 64 estimated bytes a cell: 1,283 bytes a row, so 3,117 rows fit in the
    // 4,000,000-byte budget (less one operation's allowance).
    const perChunk = Math.floor((OFFICE_LIMITS.budgetBytes - OP_BYTES) / (20 * 64 + 3));
    expect(perChunk).toBe(3117);
    expect(chunks).toHaveLength(Math.ceil(FULL / perChunk));
    expect(chunks).toHaveLength(337);
    let next = 0;
    for (const c of chunks) {
      expect(c.start).toBe(next); // no gap, no overlap
      expect(c.count).toBeGreaterThan(0);
      expect(c.count * 20).toBeLessThanOrEqual(OFFICE_LIMITS.maxCellsPerRead);
      // The explicit estimate: count rows × (20 cells × 64 bytes + 3) + one operation.
      expect(c.estimatedBytes).toBe(OP_BYTES + c.count * (20 * 64 + 3));
      expect(c.estimatedBytes).toBeLessThanOrEqual(OFFICE_LIMITS.budgetBytes);
      expect(c.estimatedBytes).toBeLessThan(OFFICE_LIMITS.maxPayloadBytes);
      next += c.count;
    }
    expect(next).toBe(FULL);
    expect(chunks[chunks.length - 1].count).toBe(FULL - 336 * perChunk);
  });

  test("starts at the used range's first row and honours the cell cap for narrow dense plans", () => {
    const chunks = planReadChunks(10, 1000, 3, { ...OFFICE_LIMITS, maxCellsPerRead: 600 }, 1);
    expect(chunks[0]).toMatchObject({ start: 10, count: 200 });
    expect(chunks.reduce((n, c) => n + c.count, 0)).toBe(1000);
    expect(chunks.every((c) => c.count * 3 <= 600)).toBe(true);
  });

  test("a row wider than the budget still gets read, one row a chunk", () => {
    const chunks = planReadChunks(0, 3, 16_384, OFFICE_LIMITS, 1000);
    expect(chunks.map((c) => c.count)).toEqual([1, 1, 1]);
  });

  test("nothing to read", () => {
    expect(planReadChunks(0, 0, 20)).toEqual([]);
    expect(planReadChunks(0, 20, 0)).toEqual([]);
  });
});

describe("packRows", () => {
  test("packs by bytes and by row count, covering every row once", () => {
    const bytes = (r: number) => (r % 10 === 0 ? 900 : 100);
    const chunks = packRows(95, bytes, 1000, 8);
    let next = 0;
    for (const c of chunks) {
      expect(c.start).toBe(next);
      expect(c.count).toBeLessThanOrEqual(8);
      let sum = 0;
      for (let r = c.start; r < c.start + c.count; r++) sum += bytes(r);
      expect(c.estimatedBytes).toBe(sum);
      expect(sum <= 1000 || c.count === 1).toBe(true);
      next += c.count;
    }
    expect(next).toBe(95);
  });

  test("an oversized row stands alone", () => {
    expect(packRows(3, (r) => (r === 1 ? 5000 : 10), 1000, 100).map((c) => c.count)).toEqual([
      1, 1, 1,
    ]);
  });
});

describe("payload estimates", () => {
  test("are the UTF-8 size of the JSON", () => {
    for (const s of ["", "ACME", '引号"\\', "客户名称", "😀", "tab\there", "bell\u0007"]) {
      expect(stringBytes(s)).toBe(Buffer.byteLength(JSON.stringify(s), "utf8"));
    }
    const grid = [
      [1, "a", null, true],
      [-2.5, "上海", false, 45658],
    ];
    expect(gridBytes(grid)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(grid)));
    expect(scalarBytes(123456)).toBe(6);
    expect(scalarBytes(null)).toBe(4);
  });
});
