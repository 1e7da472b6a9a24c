/**
 * Finding the header row of a sheet and what each column means.
 *
 * Headers are found, not assumed (DESIGN §4): the header may sit under a title block, so the
 * first rows are scored by how many distinct fields their cells name, for each kind of sheet.
 */
import {
  CUSTOMER_FIELDS,
  headerKey,
  INVOICE_FIELDS,
  PAYMENT_FIELDS,
  synonymIndex,
  type CustomerField,
  type InvoiceField,
  type PaymentField,
  type SheetKind,
} from "./fields";
import { gridRow, gridRowCount, type CellValue, type Grid } from "./grid";

/** How far down a header is looked for. */
export const HEADER_SEARCH_ROWS = 30;

export interface ColumnMap<F extends string> {
  kind: SheetKind;
  /** 1-based row number of the header. */
  headerRow: number;
  /** 0-based column of each field found. */
  columns: Partial<Record<F, number>>;
  /** Header text of every column of the header row ("" where blank). */
  headers: string[];
  /** Number of distinct fields found. */
  score: number;
}

export type AnyColumnMap =
  ColumnMap<InvoiceField> | ColumnMap<PaymentField> | ColumnMap<CustomerField>;

const TABLES = {
  invoices: INVOICE_FIELDS,
  payments: PAYMENT_FIELDS,
  customers: CUSTOMER_FIELDS,
} as const;

const INDEXES = {
  invoices: synonymIndex(INVOICE_FIELDS),
  payments: synonymIndex(PAYMENT_FIELDS),
  customers: synonymIndex(CUSTOMER_FIELDS),
};

/** Preference of a synonym within its field (lower is better): `业务日期` beats `日期`. */
const RANKS = {
  invoices: ranks(INVOICE_FIELDS),
  payments: ranks(PAYMENT_FIELDS),
  customers: ranks(CUSTOMER_FIELDS),
};

function ranks(table: Record<string, readonly string[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const names of Object.values(table)) {
    names.forEach((name, rank) => {
      const key = headerKey(name);
      if (!out.has(key)) out.set(key, rank);
    });
  }
  return out;
}

/** Whether the columns found make a usable sheet of the kind. */
export function hasRequired(kind: SheetKind, columns: Record<string, number | undefined>): boolean {
  const has = (f: string) => columns[f] !== undefined;
  switch (kind) {
    case "invoices":
      return (
        (has("customer") || has("customerName")) &&
        (has("amount") || has("balance")) &&
        (has("invoiceDate") || has("dueDate"))
      );
    case "payments":
      return has("paymentAmount") && (has("ref") || has("customer"));
    case "customers":
      return (has("code") || has("name")) && Object.keys(columns).length >= 2;
  }
}

/** The fields a header row names, for one kind of sheet. */
export function mapColumns(kind: SheetKind, row: CellValue[], headerRow: number): AnyColumnMap {
  const index = INDEXES[kind] as Map<string, string>;
  const rank = RANKS[kind];
  const columns: Record<string, number> = {};
  const best: Record<string, number> = {};
  const headers = row.map((v) => (typeof v === "string" ? v.trim() : v === null ? "" : String(v)));
  headers.forEach((text, c) => {
    if (!text) return;
    const key = headerKey(text);
    const field = index.get(key);
    if (!field) return;
    const r = rank.get(key) ?? 99;
    if (best[field] === undefined || r < best[field]) {
      best[field] = r;
      columns[field] = c;
    }
  });
  // A customer column named like a name ("客户名称") is the name when a code column exists too.
  if (kind === "customers" && columns.code === undefined && columns.name !== undefined) {
    columns.code = columns.name;
  }
  return {
    kind,
    headerRow,
    columns,
    headers,
    score: Object.keys(best).length,
  } as AnyColumnMap;
}

/**
 * The most plausible header row and kind of a grid, or null when no row of the first
 * `HEADER_SEARCH_ROWS` names the required fields of any kind. With `kind` given, only that
 * kind is considered.
 */
export function detectHeader(grid: Grid, kind?: SheetKind): AnyColumnMap | null {
  const kinds: SheetKind[] = kind ? [kind] : ["invoices", "payments", "customers"];
  let found: AnyColumnMap | null = null;
  const limit = Math.min(gridRowCount(grid), HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = gridRow(grid, r);
    if (!row || row.length === 0) continue;
    for (const k of kinds) {
      const map = mapColumns(k, row, r + 1);
      if (!hasRequired(k, map.columns)) continue;
      // Prefer more fields; on a tie, invoices over payments over customers (the order above).
      if (!found || map.score > found.score) found = map;
    }
  }
  return found;
}

/** Field names of a kind, for messages and the task pane's mapping UI. */
export function fieldsOf(kind: SheetKind): string[] {
  return Object.keys(TABLES[kind]);
}

/**
 * The fields of a kind a column map lacks to make a usable sheet, as the first field of each
 * missing requirement (`["customer", "amount"]`); empty when it is usable.
 */
export function missingRequired(
  kind: SheetKind,
  columns: Record<string, number | undefined>,
): string[] {
  const has = (f: string) => columns[f] !== undefined;
  const needs: string[][] =
    kind === "invoices"
      ? [
          ["customer", "customerName"],
          ["amount", "balance"],
          ["invoiceDate", "dueDate"],
        ]
      : kind === "payments"
        ? [["paymentAmount"], ["ref", "customer"]]
        : [["code", "name"]];
  return needs.filter((any) => !any.some(has)).map((any) => any[0]);
}

/**
 * A column map the user chose instead of the detected one (the task pane's mapping editor):
 * the header row and, per field, the 0-based column. Fields unknown to the kind and columns
 * outside the row are dropped; header texts are read from the row as `mapColumns` does.
 * @example
 * userColumnMap(grid, "invoices", 4, { customer: 1, amount: 7, invoiceDate: 3 }).columns
 * //=> { customer: 1, amount: 7, invoiceDate: 3 }
 */
export function userColumnMap(
  grid: Grid,
  kind: SheetKind,
  headerRow: number,
  columns: Partial<Record<string, number>>,
): AnyColumnMap {
  const row = gridRow(grid, headerRow - 1) ?? [];
  const headers = row.map((v) =>
    typeof v === "string"
      ? v.trim()
      : v === null
        ? ""
        : typeof v === "object"
          ? v.error
          : String(v),
  );
  const known = new Set(fieldsOf(kind));
  const out: Record<string, number> = {};
  for (const [field, c] of Object.entries(columns)) {
    // 16,384 columns is Excel's limit (XFD).
    if (!known.has(field) || c === undefined || !Number.isInteger(c) || c < 0 || c >= 16384)
      continue;
    out[field] = c;
    while (headers.length <= c) headers.push("");
  }
  // As in mapColumns: a customer list with only a name column uses the name as the code.
  if (kind === "customers" && out.code === undefined && out.name !== undefined) out.code = out.name;
  return {
    kind,
    headerRow,
    columns: out,
    headers,
    score: Object.keys(out).length,
  } as AnyColumnMap;
}
