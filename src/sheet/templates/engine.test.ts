import { serialFromIso } from "../../core/dates";
import type { SheetSpec, SpecCell } from "../spec";
import {
  fillTemplate,
  fillText,
  formatDate,
  parseTemplate,
  stackSpecs,
  type FieldSet,
} from "./engine";
import { mapFormulaRows } from "./formula";

const FIELDS: FieldSet = {
  fields: ["customer.name", "asOf", "balance", "note"],
  sections: { items: ["invoice", "amount", "due"] },
};

const TEMPLATE: SheetSpec = {
  name: "T",
  widths: [12, 14, 10],
  heights: [30, undefined, undefined, 18, undefined],
  rows: [
    [{ value: "Statement for {{customer.name}}", bold: true }],
    ["As of", "{{asOf}}"],
    ["Invoice", "Due", "Amount"],
    [
      { value: "{{#items}}{{item.invoice}}" },
      { value: "{{item.due}}", format: "dd/mm/yyyy" },
      { value: "{{item.amount}}{{/items}}" },
    ],
    ["Total", null, { value: { formula: "SUM(C4:C4)" } }],
    ["Balance {{balance}}", null, { value: { formula: "C5-$C$4" } }],
  ],
  merges: ["A1:C1", "A4:B4"],
  print: { area: "A1:C6", titleRows: [3, 3], footer: "&L{{customer.name}}&R{{page}}/{{pages}}" },
};

const money = (major: number) => ({ money: Math.round(major * 100), digits: 2 });
const date = (iso: string) => ({ date: serialFromIso(iso)! });

function cell(spec: SheetSpec, r: number, c: number): SpecCell {
  const raw = spec.rows[r][c];
  return (typeof raw === "object" && raw !== null ? raw : { value: raw ?? null }) as SpecCell;
}

describe("template engine", () => {
  const { template, issues } = parseTemplate(TEMPLATE, FIELDS);

  it("finds the section and accepts offered placeholders", () => {
    expect(issues).toEqual([]);
    expect(template.sections).toEqual([{ name: "items", alias: "item", start: 3, end: 3 }]);
  });

  it("repeats the item row, types whole-cell values and moves formulas, merges and print rows", () => {
    const ctx = {
      customer: { name: '=HYPERLINK("x") & Co' },
      asOf: date("2026-06-30"),
      balance: money(1234.5),
      items: [
        { invoice: "A-1", amount: money(1000), due: date("2026-05-31") },
        { invoice: "A-2", amount: money(200), due: date("2026-06-15") },
        { invoice: "A-3", amount: money(34.5), due: date("2026-07-15") },
      ],
    };
    const { spec, issues } = fillTemplate(template, ctx, { locale: "en-US" });
    expect(issues).toEqual([]);
    expect(spec.rows).toHaveLength(8);
    // Text from data stays text, even when it looks like a formula.
    expect(cell(spec, 0, 0)).toMatchObject({
      value: 'Statement for =HYPERLINK("x") & Co',
      bold: true,
    });
    expect(cell(spec, 1, 1)).toEqual({
      value: { date: serialFromIso("2026-06-30") },
      format: "yyyy-mm-dd",
    });
    expect(spec.rows.slice(3, 6).map((r) => (r[0] as SpecCell).value)).toEqual([
      "A-1",
      "A-2",
      "A-3",
    ]);
    expect(cell(spec, 4, 1)).toEqual({
      value: { date: serialFromIso("2026-06-15") },
      format: "dd/mm/yyyy",
    });
    expect(cell(spec, 5, 2).value).toBe(34.5);
    expect(cell(spec, 6, 2).value).toEqual({ formula: "SUM(C4:C6)" });
    expect(cell(spec, 7, 0).value).toBe("Balance 1,234.50");
    expect(cell(spec, 7, 2).value).toEqual({ formula: "C7-$C$4" });
    expect(spec.merges).toEqual(["A1:C1", "A4:B4", "A5:B5", "A6:B6"]);
    expect(spec.heights).toEqual([30, undefined, undefined, 18, 18, 18, undefined, undefined]);
    expect(spec.print?.area).toBe("A1:C8");
    expect(spec.print?.titleRows).toEqual([3, 3]);
    expect(spec.print?.footer).toBe('&L=HYPERLINK("x") && Co&R&P/&N');
    expect(spec.widths).toEqual([12, 14, 10]);
  });

  it("keeps one blank line for an empty list and reports missing data once per field", () => {
    const { spec, issues } = fillTemplate(
      template,
      { customer: {}, items: [] },
      { locale: "zh-CN", subject: "C1" },
    );
    expect(spec.rows).toHaveLength(6);
    expect(cell(spec, 3, 0).value).toBeNull();
    expect(cell(spec, 4, 2).value).toEqual({ formula: "SUM(C4:C4)" });
    expect(issues.map((i) => [i.name, i.severity, i.subject])).toEqual([
      ["customer.name", "warning", "C1"],
      ["asOf", "warning", "C1"],
      ["balance", "warning", "C1"],
    ]);
  });

  it("reports unknown placeholders and sections with their cells", () => {
    const bad: SheetSpec = {
      name: "Bad",
      rows: [
        ["{{customer.nmae}}"],
        ["{{#lines}}{{line.x}}{{/lines}}"],
        [null, "{{#items}}{{item.bogus}}"],
      ],
      print: { footer: "{{docNo}}" },
    };
    const { issues } = parseTemplate(bad, FIELDS);
    expect(issues.map((i) => [i.code, i.name, i.row ?? null, i.column ?? null])).toEqual([
      ["template.unknownPlaceholder", "customer.nmae", 1, 1],
      ["template.unknownSection", "lines", 2, 1],
      ["template.strayClose", "lines", 2, 1],
      ["template.unknownPlaceholder", "line.x", 2, 1],
      ["template.unknownPlaceholder", "item.bogus", 3, 2],
      ["template.unclosedSection", "items", 3, 1],
      ["template.unknownPlaceholder", "docNo", null, null],
    ]);
  });

  it("stacks documents with a page break after each", () => {
    const a = fillTemplate(template, { items: [{}] }, { locale: "en-US" }).spec;
    const b = fillTemplate(template, { items: [{}, {}] }, { locale: "en-US" }).spec;
    const s = stackSpecs("All", [a, b]);
    expect(s.rows).toHaveLength(a.rows.length + b.rows.length);
    expect(s.print?.breaksAfter).toEqual([a.rows.length]);
    expect(s.print?.area).toBe(`A1:C${a.rows.length + b.rows.length}`);
    expect(s.merges).toContain(`A${a.rows.length + 1}:C${a.rows.length + 1}`);
    // The second document's formulas follow it down the sheet.
    const total = s.rows[a.rows.length + 5][2] as SpecCell;
    expect(total.value).toEqual({ formula: `SUM(C${a.rows.length + 4}:C${a.rows.length + 5})` });
  });

  it("formats dates for the reader", () => {
    const s = serialFromIso("2026-06-30")!;
    expect(formatDate(s, "zh-CN")).toBe("2026年6月30日");
    expect(formatDate(s, "en-US")).toBe("30 June 2026");
  });

  it("leaves no double space where an optional sentence comes to nothing", () => {
    const values: Record<string, string> = { a: "", b: "Interest is 5.00.", c: "" };
    const fill = (text: string) => fillText(text, (name) => values[name] ?? "");
    expect(fill("Overdue. {{a}} Pay now.")).toBe("Overdue. Pay now.");
    expect(fill("Overdue. {{b}} Pay now.")).toBe("Overdue. Interest is 5.00. Pay now.");
    expect(fill("{{a}} Pay now.")).toBe("Pay now.");
    expect(fill("Pay now. {{a}}")).toBe("Pay now.");
    expect(fill("Pay {{a}} {{c}} now")).toBe("Pay now");
    expect(fill("Total 5.00 {{a}} is due")).toBe("Total 5.00 is due");
    // Other spacing is the template's own.
    expect(fill("Contact: {{a}}    Phone: 1")).toBe("Contact:    Phone: 1");
    expect(fill("付清{{a}}合计")).toBe("付清合计");
    const { template } = parseTemplate(
      { name: "T", rows: [["Dear {{customer.name}}, {{note}} as of {{asOf}}."]] },
      FIELDS,
    );
    const { spec } = fillTemplate(
      template,
      { customer: { name: "Ann" }, note: "", asOf: date("2026-06-30") },
      { locale: "en-US" },
    );
    expect(cell(spec, 0, 0).value).toBe("Dear Ann, as of 30 June 2026.");
  });
});

describe("formula row mapping", () => {
  const shift = (f: string) => mapFormulaRows(f, "T", (r) => (r >= 5 ? r + 10 : r));
  it("moves own-sheet references and leaves text, functions and other sheets alone", () => {
    expect(shift("SUM(C4:C6)+T!D7+'Other'!D7+LOG10(E9)&\"A5\"")).toBe(
      "SUM(C4:C16)+T!D17+'Other'!D7+LOG10(E19)&\"A5\"",
    );
  });
});
