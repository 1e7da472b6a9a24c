import { d } from "../../../test/support/core-builders";
import { addWorkingDays } from "./common";
import {
  ACTION_CODES,
  actionLabel,
  actionOfLevel,
  bucketHeading,
  heldNote,
  lineTypeLabel,
  stageTitle,
} from "./messages";

describe("document wording", () => {
  test("every action has a label in both languages", () => {
    for (const code of ACTION_CODES) {
      expect(actionLabel(code, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
      expect(actionLabel(code, "en-US")).toMatch(/^[A-Z]/);
    }
  });

  test("ladder levels to actions", () => {
    expect([0, 1, 2, 3, 4, 5, 7].map(actionOfLevel)).toEqual([
      "none",
      "reminder",
      "phone",
      "writtenNotice",
      "visit",
      "legal",
      "legal",
    ]);
  });

  test("bucket headings", () => {
    expect(
      ["current", "1-30", "31-60", "91+", "0-30"].map((b) => bucketHeading(b, "zh-CN")),
    ).toEqual(["未到期", "1–30天", "31–60天", "90天以上", "0–30天"]);
    expect(bucketHeading("91+")).toBe("Over 90 days");
    expect(bucketHeading("current")).toBe("Current");
  });

  test("held note: none, one, several", () => {
    expect(heldNote(0, "0.00")).toBe("");
    expect(heldNote(1, "12.00")).toBe(
      "One further item (12.00), disputed or with a payment promised, is not included in this letter.",
    );
    expect(heldNote(3, "1,000.00", "zh-CN")).toBe(
      "另有3笔款项（合计1,000.00）因存在争议或已承诺付款，暂未列入本函。",
    );
  });

  test("titles and line types", () => {
    expect(["A", "B", "C"].map((s) => stageTitle(s as "A", "zh-CN"))).toEqual([
      "付款提醒函",
      "催款函",
      "最后催告函",
    ]);
    expect(lineTypeLabel("opening", "zh-CN")).toBe("上期结转");
    expect(lineTypeLabel("credit")).toBe("Credit note");
  });
});

describe("addWorkingDays", () => {
  test("skips Saturdays and Sundays", () => {
    // 2025-06-27 is a Friday
    expect(addWorkingDays(d("2025-06-27"), 1)).toBe(d("2025-06-30"));
    expect(addWorkingDays(d("2025-06-27"), 10)).toBe(d("2025-07-11"));
    expect(addWorkingDays(d("2025-06-28"), 1)).toBe(d("2025-06-30"));
    expect(addWorkingDays(d("2025-06-30"), 0)).toBe(d("2025-06-30"));
  });
});
