import { analyze } from "../analyze";
import { isoFromSerial } from "../dates";
import { ledgerFrom } from "../ledger";
import { d, inv } from "../../../test/support/core-builders";
import { addYears, limitationWatch } from "./limitation";

describe("limitation watch", () => {
  test("three years on the same calendar day; 29 February ends on the 28th", () => {
    expect(isoFromSerial(addYears(d("2021-03-15"), 3))).toBe("2024-03-15");
    expect(isoFromSerial(addYears(d("2024-02-29"), 3))).toBe("2027-02-28");
    expect(isoFromSerial(addYears(d("2024-02-29"), 4))).toBe("2028-02-29");
  });

  const ledger = ledgerFrom([
    inv({ ref: "OLD", customer: "A", date: "2022-06-01", due: "2022-07-01" }), // ends 2025-07-01
    inv({ ref: "GONE", customer: "A", date: "2022-01-01", due: "2022-02-01" }), // ended 2025-02-01
    inv({ ref: "NEW", customer: "A", date: "2024-06-01", due: "2024-07-01" }), // ends 2027
    inv({
      ref: "PAID",
      customer: "B",
      date: "2022-01-01",
      due: "2022-02-01",
      settled: "2022-03-01",
    }),
    inv({ ref: "NOTDUE", customer: "B", date: "2025-06-01", due: "2025-07-30" }),
  ]);
  const a = analyze(ledger, d("2025-06-30"));

  test("overdue claims within 180 days of the end, or past it, from the due date", () => {
    const w = limitationWatch(a);
    expect(
      w.map((e) => [
        ledger.items.ref[e.item],
        isoFromSerial(e.end),
        e.daysLeft,
        e.status,
        e.startsFrom,
      ]),
    ).toEqual([
      ["GONE", "2025-02-01", -149, "expired", "due"],
      ["OLD", "2025-07-01", 1, "soon", "due"],
    ]);
    expect(limitationWatch(a, { all: true }).map((e) => ledger.items.ref[e.item])).toEqual([
      "GONE",
      "OLD",
      "NEW",
    ]);
  });

  test("an interruption restarts the period: a letter for the item, a confirmation for the customer", () => {
    const letter = limitationWatch(a, { interruptions: [{ item: 0, date: d("2024-01-10") }] });
    expect(letter.map((e) => ledger.items.ref[e.item])).toEqual(["GONE"]);
    const confirmation = limitationWatch(a, {
      all: true,
      interruptions: [{ customer: 0, date: d("2023-12-31") }],
    });
    expect(
      confirmation.map((e) => [ledger.items.ref[e.item], isoFromSerial(e.start), e.startsFrom]),
    ).toEqual([
      ["OLD", "2023-12-31", "interruption"],
      ["GONE", "2023-12-31", "interruption"],
      ["NEW", "2024-07-01", "due"], // invoiced after the confirmation: not covered by it
    ]);
    // An interruption after the as-of date has not happened yet.
    const future = limitationWatch(a, { interruptions: [{ item: 0, date: d("2025-07-15") }] });
    expect(future.map((e) => e.startsFrom)).toEqual(["due", "due"]);
  });
});
