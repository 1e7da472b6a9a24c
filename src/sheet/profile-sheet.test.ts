import { specValues } from "./memory-workbook";
import { profileFromGrid, profileSheetSpec } from "./profile-sheet";

describe("company profile sheet", () => {
  it("round-trips a profile through the sheet a user fills in", () => {
    const profile = {
      company: { name: "上海示例商贸有限公司", bank: { account: "1001 2345" } },
      auditor: { name: "示例会计师事务所" },
      replyDays: 7,
    };
    const spec = profileSheetSpec("zh-CN", profile);
    expect(spec.name).toBe("公司信息");
    expect(profileFromGrid(specValues(spec))).toEqual(profile);
  });

  it("ignores unknown fields and blank values", () => {
    expect(
      profileFromGrid([
        ["company.name", "x", "  ACME Ltd  "],
        ["company.ceo", "x", "Someone"],
        ["company.phone", "x", null],
        ["payDays", "x", "10"],
      ]),
    ).toEqual({ company: { name: "ACME Ltd" }, payDays: 10 });
  });
});
