/**
 * The audit register (文书登记簿): one row per document ar-desk generated — type, number,
 * customer, as-of date, balance stated, items, generated at, by whom, and a SHA-256 of the
 * document's filled cell values, so that a later dispute can show what was sent. Regenerating
 * adds rows; nothing is ever deleted (the CLI appends to the register workbook's sheet).
 *
 * The hash covers the values of the filled document (not fonts or widths): the cells in row
 * order, each as `row,column:type:value`, one per line. Identical content, identical hash.
 */
import { sha256Hex } from "../core/credit/sha256";
import type { Serial } from "../core/dates";
import type { Locale } from "../core/messages";
import { minorDigits } from "../core/money";
import type { DocumentRecord } from "./document-options";
import { DOCUMENT_NAMES } from "./templates/fields";
import { columnLetters, isCellError, type CellValue } from "./grid";
import { dateCell, header, moneyCell, MONEY_FORMAT, type SheetSpec, type SpecRow } from "./spec";

/** The canonical text of a sheet's cell values, the input of the content hash. */
export function contentText(spec: Pick<SheetSpec, "rows">): string {
  const lines: string[] = [];
  spec.rows.forEach((row, r) =>
    row.forEach((raw, c) => {
      const v = raw !== null && typeof raw === "object" ? raw.value : raw;
      if (v === null || v === undefined || v === "") return;
      let text: string;
      if (typeof v === "object")
        text = "date" in v ? `d:${v.date}` : `f:${v.formula.replace(/^=/, "")}`;
      else
        text = `${typeof v === "number" ? "n" : typeof v === "boolean" ? "b" : "s"}:${String(v)}`;
      lines.push(`${r + 1},${c + 1}:${text}`);
    }),
  );
  return lines.join("\n");
}

/** SHA-256 (hex) of a filled document's cell values. */
export function contentHash(spec: Pick<SheetSpec, "rows">): string {
  return sha256Hex(contentText(spec));
}

export const REGISTER_SHEET: Record<Locale, string> = {
  "zh-CN": "文书登记簿",
  "en-US": "Document register",
};

export const REGISTER_HEADERS: Record<Locale, string[]> = {
  "zh-CN": [
    "生成时间",
    "生成人",
    "文书类型",
    "文书编号",
    "客户",
    "币种",
    "基准日",
    "所述余额",
    "明细笔数",
    "内容哈希（SHA-256）",
    "工作表",
  ],
  "en-US": [
    "Generated at",
    "By",
    "Document type",
    "Document no.",
    "Customer",
    "Currency",
    "As of",
    "Balance stated",
    "Items",
    "Content hash (SHA-256)",
    "Sheet",
  ],
};

/** The register's type column: what each kind of document is called. */
const KIND_LABELS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = DOCUMENT_NAMES;

export interface RegisterMeta {
  asOf: Serial;
  /** When the run made the documents, as people read it (`2026-06-30 14:05:09`). */
  generatedAt: string;
  /** Who made them: the Office user name, the system user, or blank. */
  by: string | null;
}

/** The register rows of a run's documents, in the order they were made. */
export function registerRows(
  documents: readonly DocumentRecord[],
  meta: RegisterMeta,
  locale: Locale,
): SpecRow[] {
  return documents.map((d) => [
    meta.generatedAt,
    meta.by ?? "",
    KIND_LABELS[locale][d.kind] ?? d.kind,
    d.docNo,
    d.customer,
    d.currency ?? "",
    dateCell(meta.asOf),
    moneyCell(d.balance, minorDigits(d.currency)),
    d.items,
    d.hash ?? "",
    d.sheet,
  ]);
}

/** A new register sheet holding a run's rows under the header. */
export function registerSpec(
  documents: readonly DocumentRecord[],
  meta: RegisterMeta,
  locale: Locale,
): SheetSpec {
  const rows: SpecRow[] = [
    REGISTER_HEADERS[locale].map(header),
    ...registerRows(documents, meta, locale),
  ];
  return {
    name: REGISTER_SHEET[locale],
    widths: [20, 10, 14, 26, 12, 6, 12, 16, 8, 66, 16],
    rows,
    freeze: { rows: 1, columns: 0 },
    autoFilter: `A1:K${rows.length}`,
  };
}

/** A register sheet as read from a workbook: its name and values (null when there is none). */
export interface RegisterRead {
  sheet: string | null;
  rows: CellValue[][] | null;
}

/**
 * The register sheet after a run, for every face (the pane writes it back through Office.js,
 * the CLI through the file adapter): every row it held, as read (never one dropped or
 * changed), then one row per document made. Dates and balances keep their formats.
 */
export function registerAppended(
  documents: readonly DocumentRecord[],
  old: RegisterRead,
  meta: RegisterMeta,
  locale: Locale,
): SheetSpec {
  const added = registerRows(documents, meta, locale);
  const rows0 = old.rows ?? [];
  let end = rows0.length;
  while (end > 0 && !rows0[end - 1]?.some((v) => v !== null && v !== "")) end--;
  const base = registerSpec(documents, meta, locale);
  if (end === 0) return old.sheet ? { ...base, name: old.sheet } : base;
  // The columns of the as-of date and the balance, as the register lays them out.
  const asOfColumn = 6;
  const balanceColumn = 7;
  const kept: SpecRow[] = rows0.slice(0, end).map((row, r) =>
    row.map((v, c) => {
      if (isCellError(v)) return v.error;
      if (r === 0 && typeof v === "string") return header(v);
      if (typeof v === "number" && c === asOfColumn) return dateCell(v) ?? v;
      if (typeof v === "number" && c === balanceColumn) return { value: v, format: MONEY_FORMAT };
      return v;
    }),
  );
  const rows = [...kept, ...added];
  const width = Math.max(REGISTER_HEADERS[locale].length, ...kept.map((r) => r.length));
  return {
    ...base,
    name: old.sheet ?? REGISTER_SHEET[locale],
    rows,
    autoFilter: `A1:${columnLetters(width - 1)}${rows.length}`,
  };
}
