import { gradeOfPoints, readGrade } from "./grade";

describe("grades", () => {
  test("points to grades: 0 A, 1–2 B, 3–4 C, 5+ D", () => {
    expect([0, 1, 2, 3, 4, 5, 12].map((p) => gradeOfPoints(p))).toEqual([
      "A",
      "B",
      "B",
      "C",
      "C",
      "D",
      "D",
    ]);
  });

  test("recorded grades read on the A–D scale; anything else is not guessed", () => {
    const cases: [string, string | null][] = [
      ["A", "A"],
      ["aa", "A"],
      ["AAA", "A"],
      [" B+ ", "B"],
      ["C-", "C"],
      ["Ｃ", "C"], // full width
      ["D级", "D"],
      ["E", "D"],
      ["F", "D"],
      ["甲", "A"],
      ["乙级", "B"],
      ["丙", "C"],
      ["丁类", "D"],
      ["VIP", null],
      ["AB", null],
      ["1", null],
      ["5星", null],
      ["", null],
    ];
    for (const [text, want] of cases)
      expect({ text, grade: readGrade(text) }).toEqual({ text, grade: want });
  });
});
