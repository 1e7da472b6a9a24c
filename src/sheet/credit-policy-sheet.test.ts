import { DEFAULT_CREDIT_POLICY, makeCreditPolicy } from "../core/credit/policy";
import {
  CREDIT_POLICY_SHEET,
  creditPolicyFromGrid,
  creditPolicySheetSpec,
  isCreditPolicy,
  policyProblemText,
} from "./credit-policy-sheet";
import { specValues } from "./memory-workbook";

describe("credit policy sheet", () => {
  it.each(["zh-CN", "en-US"] as const)("round-trips the default table (%s)", (locale) => {
    const spec = creditPolicySheetSpec(locale);
    expect(spec.name).toBe(CREDIT_POLICY_SHEET[locale]);
    const rows = specValues(spec);
    expect(isCreditPolicy(rows)).toBe(true);
    const read = creditPolicyFromGrid(rows, spec.name);
    expect(read.problems).toEqual([]);
    expect(read.valid).toBe(true);
    expect(read.policy).toEqual(DEFAULT_CREDIT_POLICY);
  });

  it("round-trips a policy of the user's own grades and settings", () => {
    const policy = makeCreditPolicy({
      grades: [
        { grade: "AAA", limitFactor: 1.5, maxLimit: 2_000_000, termsDays: 90, reviewMonths: 12 },
        { grade: "一级", defaultLimit: 50_000.5, cashOnDelivery: true, blockOverdueDays: 10 },
      ],
      ungraded: { prepayment: true, limitFactor: 0 },
      blockOverdueDays: null,
      blockPastActBy: false,
      blockOverdueMinimum: 100,
      reviewNoticeDays: 45,
    });
    for (const locale of ["zh-CN", "en-US"] as const) {
      const spec = creditPolicySheetSpec(locale, policy);
      expect(creditPolicyFromGrid(specValues(spec), spec.name)).toEqual({
        found: true,
        policy,
        valid: true,
        problems: [],
      });
    }
  });

  it("has yes/no drop-downs in the sheet's language", () => {
    const spec = creditPolicySheetSpec("zh-CN");
    const lists = spec.validations?.filter((v) => v.list) ?? [];
    expect(lists.map((v) => v.range)).toEqual(expect.arrayContaining(["F2:F21", "G2:G21"]));
    for (const v of lists) expect(v.list).toEqual(["是", "否"]);
  });

  it("a bad cell is a located problem; an unknown row is reported, not dropped", () => {
    const rows = specValues(creditPolicySheetSpec("zh-CN"));
    rows[3][5] = "也许"; // C's prepayment
    rows[2][7] = "半年"; // B's review months
    rows.splice(6, 0, [null, 0.5, null, null, 30]); // a rule with no grade
    const read = creditPolicyFromGrid(rows, "信用政策");
    expect(read.valid).toBe(false);
    expect(read.problems).toEqual([
      expect.objectContaining({ code: "policy.badNumber", cell: "H3", column: "复核周期（月）" }),
      expect.objectContaining({ code: "policy.badYesNo", cell: "F4", value: "也许" }),
      expect.objectContaining({ code: "policy.unknownRow", row: 7, cell: "A7" }),
    ]);
    expect(policyProblemText(read.problems[1], "zh-CN")).toBe(
      "信用政策!F4 (款到发货): 应填“是”或“否”：也许",
    );
  });

  it("values the schema refuses are located too, and the default table is kept", () => {
    const rows = specValues(creditPolicySheetSpec("en-US"));
    rows[1][7] = 0; // A reviewed every 0 months
    rows[3][0] = "a"; // a second A
    const read = creditPolicyFromGrid(rows, "Credit policy");
    expect(read.valid).toBe(false);
    expect(read.policy).toBe(DEFAULT_CREDIT_POLICY);
    expect(read.problems.map((p) => [p.code, p.cell])).toEqual(
      expect.arrayContaining([
        ["policy.invalid", "H2"],
        ["policy.invalid", "A1"],
      ]),
    );
  });

  it("no header: found false with a problem", () => {
    const read = creditPolicyFromGrid([["x", "y"]], "Sheet1");
    expect(read.found).toBe(false);
    expect(read.problems[0].code).toBe("policy.noHeader");
  });
});
