import { GRADES } from "./grade";
import { gradeWords, INSIGHT_CODES, insightMessage } from "./messages";

describe("insight messages", () => {
  test("every code has wording in both languages, with the same parameters", () => {
    for (const code of INSIGHT_CODES) {
      const en = insightMessage({ code, params: {} }, "en-US");
      const zh = insightMessage({ code, params: {} }, "zh-CN");
      expect(en).not.toBe(code);
      expect(zh).toMatch(/\p{Script=Han}/u);
      const names = (locale: "en-US" | "zh-CN") => {
        const filled = insightMessage(
          { code, params: new Proxy({}, { get: (_, k) => `<${String(k)}>` }) },
          locale,
        );
        return [...filled.matchAll(/<(\w+)>/g)].map((m) => m[1]).sort();
      };
      expect({ code, params: names("zh-CN") }).toEqual({ code, params: names("en-US") });
    }
  });

  test("parameters fill their places; an unknown code shows as itself", () => {
    expect(insightMessage({ code: "grade.overdue", params: { days: 75 } })).toBe(
      "oldest overdue item is 75 days past due",
    );
    expect(insightMessage({ code: "grade.overdue", params: { days: 75 } }, "zh-CN")).toBe(
      "最早一笔逾期款已逾期 75 天",
    );
    expect(insightMessage({ code: "nope", params: {} })).toBe("nope");
  });

  test("grade words", () => {
    expect(GRADES.map((g) => gradeWords(g))).toEqual([
      "low risk",
      "moderate risk",
      "high risk",
      "very high risk",
    ]);
    expect(gradeWords("D", "zh-CN")).toBe("很高风险");
  });
});
