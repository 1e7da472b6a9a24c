/**
 * A sheet showing the custom functions at work (issue 3): the open items with one =AR.* formula
 * per cell, reading the row's own values and one as-of cell, each with the engine's result
 * cached so the figures show before the add-in has loaded. The demo's report carries it.
 *
 * In a saved workbook Excel stores a web add-in's function call as `_xldudf_<NAMESPACE>_<ID>(…)`
 * and shows it as `=AR.<ID>(…)` once the add-in has registered its functions; that is the form
 * written here. (Not verified in Excel itself, which cannot run here.)
 */
import type { Analysis } from "../core/analyze";
import type { Locale } from "../core/messages";
import { minorDigits } from "../core/money";
import { ItemStatus } from "../core/position";
import {
  dateCell,
  MONEY_FORMAT,
  tableHeader,
  tablePrint,
  type SheetSpec,
  type SpecRow,
} from "./spec";

/** How a workbook file spells a call of the add-in's function `id` (namespace AR). */
export function storedCall(id: string, args: string): string {
  return `_xldudf_AR_${id}(${args})`;
}

const T = {
  "zh-CN": {
    sheet: "函数示例",
    title: "=AR.* 自定义函数示例（需加载 ar-desk 加载项；修改基准日或数据即重新计算）",
    asOf: "基准日",
    print:
      "打印时只打印本页说明：没有加载项的电脑（及其他表格软件）会把 =AR.* 公式重新计算成 #NAME?；同样的数字见“未清明细”工作表。",
    head: [
      "单据编号",
      "客户编码",
      "到期日",
      "账期天数",
      "未收金额",
      "=AR.DAYSOVERDUE",
      "=AR.AGING",
      "=AR.OVERDUE",
      "=AR.LEVEL",
      "=AR.ACTBY",
    ],
  },
  "en-US": {
    sheet: "AR functions",
    title:
      "The =AR.* custom functions at work (needs the ar-desk add-in; change the as-of date or the data and they recalculate)",
    asOf: "As of",
    print:
      "Only this note prints: without the add-in (or in another spreadsheet program) the =AR.* formulas recalculate to #NAME?; the Open items sheet prints the same figures.",
    head: [
      "Invoice",
      "Customer",
      "Due date",
      "Term days",
      "Outstanding",
      "=AR.DAYSOVERDUE",
      "=AR.AGING",
      "=AR.OVERDUE",
      "=AR.LEVEL",
      "=AR.ACTBY",
    ],
  },
} as const;

export function functionsSheetSpec(a: Analysis, locale: Locale): SheetSpec {
  const L = T[locale];
  const { ledger, items: r } = a;
  const it = ledger.items;
  const grace = a.policy.graceDays;
  const head = tableHeader(L.head, [16, 10, 12, 9, 14, 16, 12, 12, 10, 12]);
  const rows: SpecRow[] = [
    [{ value: L.title, bold: true }],
    [
      { value: L.asOf, bold: true },
      { ...dateCell(a.asOf)!, fill: "FFF2CC" },
    ],
    [{ value: L.print, italic: true }],
    head.cells,
  ];
  for (let i = 0; i < it.length; i++) {
    if (a.position.status[i] !== ItemStatus.open || r.outstanding[i] === 0) continue;
    const row = rows.length + 1;
    const digits = minorDigits(ledger.currencies[it.currency[i]]);
    const f = (id: string, args: string, result: number | string | boolean) =>
      ({ value: { formula: storedCall(id, args), result: result as number | string } }) as const;
    rows.push([
      it.ref[i] ?? "",
      ledger.customers[it.customer[i]].code,
      dateCell(r.due[i]),
      r.termDays[i],
      { value: r.outstanding[i] / 10 ** digits, format: MONEY_FORMAT },
      f("DAYSOVERDUE", `C${row},$B$2`, r.daysOverdue[i]),
      f("AGING", `C${row},$B$2`, a.labels[r.bucket[i]]),
      { ...f("OVERDUE", `C${row},E${row},$B$2,${grace}`, r.overdue[i] === 1), format: "General" },
      f("LEVEL", `C${row},E${row},$B$2,D${row},${grace}`, r.level[i]),
      { ...f("ACTBY", `C${row},D${row}`, r.actBy[i]), format: "yyyy-mm-dd" },
    ]);
  }
  return {
    name: L.sheet,
    widths: head.widths,
    heights: [undefined, undefined, undefined, head.height],
    rows,
    freeze: { rows: 4, columns: 1 },
    // A printer recalculates: where the add-in is absent every formula prints #NAME?. The print
    // area is the title and the note saying so (row 3), not pages of errors.
    print: tablePrint(locale, L.sheet, head.widths, undefined, { area: "A1:J3" }),
  };
}
