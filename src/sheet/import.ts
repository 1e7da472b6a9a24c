/**
 * From grids to a Ledger, with the nothing-lost rule of DESIGN §4: every row read is imported,
 * skipped (blank, subtotal, note, signature footer: with a reason) or rejected (with a located problem), and the
 * counts add up, per sheet and in all.
 *
 * Sheets can come in any order and from several files; `importGrids` takes customers first,
 * then invoices, then payments, so that terms and limits attach and payments find their invoices.
 */
import { MAX_SERIAL, MIN_SERIAL, type Serial } from "../core/dates";
import { LedgerBuilder, matchKey as keyOf, type Ledger, type Terms } from "../core/ledger";
import {
  minorDigits,
  normalizeCurrency,
  toMinor as minorOf,
  type CurrencyCode,
} from "../core/money";
import {
  problem,
  type Problem,
  type ProblemCode,
  type ProblemParams,
  type SourceRef,
} from "../core/problems";
import {
  invoiceStatusOf,
  type CustomerField,
  type InvoiceField,
  type InvoiceStatus,
  type PaymentField,
  type SheetKind,
} from "./fields";
import {
  CELL_DECIMAL,
  CELL_NUMBER,
  CELL_OTHER,
  CELL_SHARED,
  columnValue,
  decimalText,
  gridRowCount,
  isCellError,
  type CellColumn,
  type CellValue,
  type Grid,
} from "./grid";
import {
  detectHeader,
  missingRequired,
  userColumnMap,
  type AnyColumnMap,
  type ColumnMap,
} from "./headers";
import {
  cellText as textOf,
  inferDateOrder,
  inferDateOrderCounted,
  isBlank as blankCell,
  parseBoolCell,
  parseDateCell,
  parseMoneyCell,
  parseMoneyMajor,
  parseTermsCell,
  type DateOrder,
  type OrderInference,
} from "./values";

/**
 * Module-local bindings of the imported functions called for every row. Where modules are
 * bundled with getters for their exports (tsx, esbuild: the bench runs so), each use of an
 * imported binding is a call of a getter (two through tsx's CommonJS wrapper): about 0.1 s on a
 * full sheet.
 */
const matchKey = keyOf;
const toMinor = minorOf;
const cellText = textOf;
const isBlank = blankCell;

export interface RowCounts {
  read: number;
  imported: number;
  skipped: number;
  rejected: number;
}

export interface ImportOptions {
  /** Order of day/month dates when a column cannot tell (`--date-order`). */
  dateOrder?: DateOrder | null;
  /** Dates of an .xlsx in the 1904 system. */
  date1904?: boolean;
  /**
   * Every row read the general way, none by the columnar fast path: the reference that tests
   * check the fast path against (same ledger, problems and counts).
   */
  reference?: boolean;
}

/** A grid with what the caller knows of it. */
export interface GridInput {
  grid: Grid;
  /** Force the kind (from `--payments`, `--customers`); otherwise detected. */
  kind?: SheetKind;
  date1904?: boolean;
  /**
   * The columns as the user mapped them (the task pane's mapping editor), instead of the
   * detected ones: field → 0-based column, and the 1-based header row (default: the detected
   * one, else 1). The kind is `kind`, else the detected one, else invoices.
   */
  mapping?: ColumnChoice;
}

/** A user's choice of header row and columns for one sheet. */
export interface ColumnChoice {
  headerRow?: number;
  columns: Partial<Record<string, number>>;
}

export interface SheetReport {
  file: string | null;
  sheet: string | null;
  kind: SheetKind | null;
  headerRow: number | null;
  /** Field → header text, for the columns used. */
  columns: Record<string, string>;
  rows: RowCounts;
}

export interface ImportResult {
  ledger: Ledger;
  problems: Problem[];
  rows: RowCounts;
  sheets: SheetReport[];
  /** Last credit review date by customer index, from a customer list's review column. */
  lastReview?: Map<number, Serial>;
}

const SUBTOTAL =
  /^(合计|小计|总计|累计|本页合计|本期合计|共计|total|subtotal|grandtotal|sum|totals)(?![a-z])/i;

/** First characters of the subtotal words, so most rows never reach the regular expression. */
const SUBTOTAL_START = new Set([..."合小总累本共TtSs"]);

/**
 * The labels of the signature and print lines an accounting package (Kingdee, Yonyou…) puts
 * under a printed list — `制表人：张三   审核人：李四`, `制单人：`, `打印日期：2026-07-01` — and
 * their English counterparts. A label ends the cell or is followed by a colon, so a customer
 * named `审核科技` is not one.
 */
const FOOTER =
  /^(制表人|制表日期|制表|制单人|制单日期|制单|审核人|审核日期|审核|复核人|复核|审批人|审批|批准人|批准|核准人|核准|记账人|记账|过账人|过账|出纳|会计主管|财务主管|财务负责人|主管|负责人|经办人|经手人|编制人|编制日期|打印日期|打印时间|打印人|prepared by|made by|checked by|reviewed by|approved by|audited by|printed by|printed on|print date|print time|date printed)\s*(?:[:：]|$)/i;

/** First characters of the footer labels (as above, for speed). */
const FOOTER_START = new Set([..."制审复批核记过出会财主负经编打PpMmCcRrAaDd"]);

/**
 * By UTF-16 code: 1 when a subtotal word starts with it, 2 when a footer label does (a table
 * read per cell, for the first character of nearly every text a sheet has).
 */
const LABEL_START = new Uint8Array(0x10000);
for (const ch of SUBTOTAL_START) LABEL_START[ch.charCodeAt(0)] |= 1;
for (const ch of FOOTER_START) LABEL_START[ch.charCodeAt(0)] |= 2;

const emptyCounts = (): RowCounts => ({ read: 0, imported: 0, skipped: 0, rejected: 0 });

/** Reads grids of invoices, payments and customers into one ledger. */
export function importGrids(inputs: GridInput[], options: ImportOptions = {}): ImportResult {
  const problems: Problem[] = [];
  const builder = new LedgerBuilder();
  const sheets: SheetReport[] = [];
  const mapped: { input: GridInput; map: AnyColumnMap | null; report: SheetReport }[] = [];

  for (const input of inputs) {
    const { grid } = input;
    // What the file's reader found (quoting, encoding, workbook XML), at its rows.
    if (grid.problems) problems.push(...grid.problems);
    let map = detectHeader(grid, input.kind);
    if (input.mapping) {
      const kind = input.kind ?? map?.kind ?? "invoices";
      const headerRow = input.mapping.headerRow ?? map?.headerRow ?? 1;
      map = userColumnMap(grid, kind, headerRow, input.mapping.columns);
      const missing = missingRequired(kind, map.columns);
      if (missing.length > 0) {
        sheets.push({
          file: grid.file,
          sheet: grid.sheet,
          kind,
          headerRow,
          columns: {},
          rows: rejectAll(grid),
        });
        for (const field of missing) {
          problems.push(
            problem("sheet.missingColumn", "error", at(grid, headerRow - 1), null, { field }),
          );
        }
        continue;
      }
    }
    const report: SheetReport = {
      file: grid.file,
      sheet: grid.sheet,
      kind: map?.kind ?? input.kind ?? null,
      headerRow: map?.headerRow ?? null,
      columns: {},
      rows: emptyCounts(),
    };
    sheets.push(report);
    if (!map) {
      const nonEmpty = lastRow(grid) > 0;
      // Nothing lost: the rows of a sheet that cannot be read are rejected, counted as read.
      const rows = lastRow(grid);
      problems.push(
        problem(nonEmpty ? "sheet.noHeader" : "sheet.empty", "error", at(grid, 0), null, {
          kind: input.kind ?? null,
          count: rows,
          last: rows,
        }),
      );
      report.rows.read = rows;
      report.rows.rejected = rows;
      continue;
    }
    for (const [field, c] of Object.entries(map.columns))
      report.columns[field] = map.headers[c as number];
    mapped.push({ input, map, report });
  }

  const order: SheetKind[] = ["customers", "invoices", "payments"];
  const refs = new KeyIndex();
  const ctx: Context = {
    builder,
    problems,
    options,
    refs,
    hasMaster: false,
    rejectedRefs: new Map(),
    lastReview: new Map(),
    cancelledRefs: new Map(),
    statuses: [],
    paidByItem: new Map(),
    spellings: new Map(),
    lastSpelling: [],
  };
  for (const kind of order) {
    for (const m of mapped) {
      if (m.map?.kind !== kind) continue;
      const date1904 = m.input.date1904 ?? options.date1904 ?? false;
      if (kind === "customers") {
        ctx.hasMaster = true;
        readCustomers(
          ctx,
          m.input.grid,
          m.map as ColumnMap<CustomerField>,
          m.report.rows,
          date1904,
        );
      } else if (kind === "invoices") {
        readInvoices(ctx, m.input.grid, m.map as ColumnMap<InvoiceField>, m.report.rows, date1904);
      } else {
        readPayments(ctx, m.input.grid, m.map as ColumnMap<PaymentField>, m.report.rows, date1904);
      }
    }
  }

  checkStatuses(ctx);
  reportMerges(ctx);
  // (Unless a sheet-level error, such as no header or a missing column, already says why.)
  const sheetError = problems.some((p) => p.severity === "error" && p.code.startsWith("sheet."));
  if (builder.itemCount === 0 && sheets.length > 0 && !sheetError) {
    // Figures built from payments alone would be wrong, not merely incomplete: an error.
    const first = sheets.find((s) => s.kind === "invoices") ?? sheets[0];
    // First, so that no list cut short leaves it out.
    problems.unshift(
      problem("sheet.noInvoices", "error", { file: first.file, sheet: first.sheet, row: 1 }),
    );
  }
  const ledger = builder.build();
  reportMixedCurrencies(ledger, problems);
  const rows = emptyCounts();
  for (const s of sheets) {
    rows.read += s.rows.read;
    rows.imported += s.rows.imported;
    rows.skipped += s.rows.skipped;
    rows.rejected += s.rows.rejected;
  }
  return { ledger, problems, rows, sheets, lastReview: ctx.lastReview };
}

interface Context {
  builder: LedgerBuilder;
  problems: Problem[];
  options: ImportOptions;
  /** Invoice reference key → item index (first occurrence). */
  refs: KeyIndex;
  hasMaster: boolean;
  /** Invoice reference key → row of an invoice row that was rejected. */
  rejectedRefs: Map<string, number>;
  /** Customer index → last credit review date. */
  lastReview: Map<number, Serial>;
  /** Invoice reference key → the row and customer of a cancelled (作废/红冲) invoice row. */
  cancelledRefs: Map<string, { row: number; customer: string | null }>;
  /** Items whose status column said something, to weigh against the payment data. */
  statuses: StatusNote[];
  /** Item index → sum of the payment rows naming it (any date). */
  paidByItem: Map<number, number>;
  /** Customer text exactly as written → its customer and where it was seen. */
  spellings: Map<string, Spelling>;
  /** By customer index: the text last noted for it and its record in `spellings`. */
  lastSpelling: ({ text: string; spelling: Spelling } | undefined)[];
}

interface Spelling {
  customer: number;
  count: number;
  /** The first few places (sheet or file, row). */
  rows: { where: string; row: number }[];
}

/** Records the text a row names its customer by, to report merges of spellings. */
function noteSpelling(ctx: Context, text: string, customer: number, source: SourceRef): void {
  const t = text.trim();
  // The customer's last spelling is nearly always this one: the record the map holds for it.
  const last = ctx.lastSpelling[customer];
  let s: Spelling | undefined;
  if (last !== undefined && last.text === t) s = last.spelling;
  else {
    s = spellingOf(ctx, t, customer);
    ctx.lastSpelling[customer] = { text: t, spelling: s };
  }
  countSpelling(s, source.sheet ?? source.file ?? "", source.row);
}

/** The record of a (trimmed) customer text, made for this customer when first seen. */
function spellingOf(ctx: Context, t: string, customer: number): Spelling {
  let s = ctx.spellings.get(t);
  if (!s) ctx.spellings.set(t, (s = { customer, count: 0, rows: [] }));
  return s;
}

/** One more row naming a customer by this spelling. */
function countSpelling(s: Spelling, where: string, row: number): void {
  s.count++;
  if (s.rows.length < SPELLING_ROWS) s.rows.push({ where, row });
}

/** Places a spelling's record keeps. */
const SPELLING_ROWS = 3;

/**
 * Customer names that differ only in case, width or spaces (`ACME Ltd` / `Acme Ltd`) are one
 * customer (matchKey); the merge is reported once per customer, with each spelling and its rows.
 */
function reportMerges(ctx: Context): void {
  const groups = new Map<string, { customer: number; texts: [string, Spelling][] }>();
  for (const [text, s] of ctx.spellings) {
    const key = `${s.customer}\u0000${matchKey(text)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { customer: s.customer, texts: [] }));
    g.texts.push([text, s]);
  }
  for (const g of groups.values()) {
    if (g.texts.length < 2) continue;
    const wheres = new Set(g.texts.flatMap(([, s]) => s.rows.map((r) => r.where)));
    const spellings = g.texts
      .map(([text, s]) => {
        const rows = s.rows.map((r) => (wheres.size > 1 ? `${r.where} ${r.row}` : `${r.row}`));
        if (s.count > s.rows.length) rows.push(`+${s.count - s.rows.length}`);
        return `"${text}" (${rows.join(", ")})`;
      })
      .join("; ");
    const c = ctx.builder.customerAt(g.customer);
    ctx.problems.push(
      problem("customer.merged", "info", null, null, { customer: c.code, spellings }),
    );
  }
}

/** What an invoice row's status column said, and where. */
interface StatusNote {
  item: number;
  status: Exclude<InvoiceStatus, "cancelled">;
  value: string;
  source: SourceRef;
  column: string;
  digits: number;
}

/** The columns that are mapped. */
function defined(columns: (number | undefined)[]): number[] {
  return columns.filter((c): c is number => c !== undefined);
}

function at(grid: Grid, r: number): SourceRef {
  return { file: grid.file, sheet: grid.sheet, row: r + 1 };
}

/** All rows of a sheet rejected, as for a sheet without a header (nothing lost). */
function rejectAll(grid: Grid): RowCounts {
  const rows = lastRow(grid);
  return { read: rows, imported: 0, skipped: 0, rejected: rows };
}

/** Number of the last row holding anything (rows after it are not read). */
function lastRow(grid: Grid): number {
  const rows = new Rows(grid);
  for (let r = rows.length - 1; r >= 0; r--) {
    const row = rows.row(r);
    if (row && row.some((v) => !isBlank(v))) return r + 1;
  }
  return 0;
}

/**
 * A grid's rows, read from `rows` or, when the grid is held as columns (`Grid.cells`), into two
 * arrays reused row after row: a million-row sheet is read without an array per row.
 */
class Rows {
  readonly length: number;
  private readonly current: CellValue[] = [];
  private readonly second: CellValue[] = [];
  constructor(private readonly grid: Grid) {
    this.length = gridRowCount(grid);
  }
  /** Row r (undefined past the end), valid until the next call of `row`. */
  row(r: number): CellValue[] | undefined {
    const cells = this.grid.cells;
    return cells ? cells.row(r, this.current) : this.grid.rows[r];
  }
  /** Row r beside the one `row` gave, valid until the next call of `other`. */
  other(r: number): CellValue[] | undefined {
    const cells = this.grid.cells;
    return cells ? cells.row(r, this.second) : this.grid.rows[r];
  }
}

/** A column of a grid held as columns, with the shared strings its cells may index. */
interface StoredColumn {
  /** Undefined: no cell in the column. */
  col: CellColumn | undefined;
  strings: readonly string[];
}

/**
 * Column c as the grid's column store holds it, for a scan down the column without a row array
 * per row; null when the grid is not held as columns (read its rows).
 */
function storedColumn(grid: Grid, c: number): StoredColumn | null {
  const cells = grid.cells;
  if (!cells || !cells.column || cells.strings === undefined) return null;
  const col = cells.column(c);
  return col === null ? null : { col, strings: cells.strings };
}

/** The value at row r of a stored column (null for an empty cell), as `rows[r][c]`. */
function storedValue(stored: StoredColumn, r: number): CellValue {
  return stored.col === undefined ? null : columnValue(stored.col, stored.strings, r);
}

/**
 * Per-row bookkeeping shared by the three readers: where problems go, and the outcome of the row.
 */
class RowScope {
  private issues: Problem[] = [];
  rejected = false;
  private cached: SourceRef | null = null;
  private cachedRow = -1;
  constructor(
    private readonly grid: Grid,
    private readonly headers: string[],
    public r: number,
  ) {}
  /** Where the row is, for problems (a fresh object each time). */
  get source(): SourceRef {
    return at(this.grid, this.r);
  }
  /** Where the row is, one object per row: for the ledger, which only reads it. */
  get rowSource(): SourceRef {
    if (this.cachedRow !== this.r) {
      this.cached = at(this.grid, this.r);
      this.cachedRow = this.r;
    }
    return this.cached as SourceRef;
  }
  /** A problem that rejects the row. */
  reject(
    code: ProblemCode,
    column: number | null,
    params: Record<string, string | number | null> = {},
  ): void {
    this.rejected = true;
    this.issues.push(problem(code, "error", this.source, this.header(column), params));
  }
  /** A problem that keeps the row. */
  warn(
    code: ProblemCode,
    column: number | null,
    params: Record<string, string | number | null> = {},
    severity: "warning" | "info" = "warning",
  ): void {
    this.issues.push(problem(code, severity, this.source, this.header(column), params));
  }
  private header(column: number | null): string | null {
    return column === null ? null : this.headers[column] || `#${column + 1}`;
  }
  flush(into: Problem[]): void {
    if (this.issues.length > 0) {
      for (const p of this.issues) into.push(p);
      this.issues = [];
    }
    this.rejected = false;
  }
}

/** Shows a cell's value in a message. */
function shown(v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  return String(v);
}

/**
 * Classifies a row before reading it: blank, subtotal, signature footer or note rows are
 * skipped. A footer is a row whose first filled cell is a footer label and whose amount columns
 * hold no amount.
 */
function skipReason(
  row: CellValue[] | undefined,
  keyColumns: number[],
  amountColumns: number[],
): ProblemCode | null {
  if (!row) return "row.blank";
  // Index loops and no per-row arrays: this runs for every row of a million-row sheet.
  let filled = 0;
  let onlyText = true;
  let first = -1;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (isBlank(v)) continue;
    if (first < 0) first = i;
    filled++;
    if (typeof v !== "string") onlyText = false;
  }
  if (filled === 0) return "row.blank";
  if (isSubtotalLabel(row[0])) return "row.subtotal";
  for (let k = 0; k < keyColumns.length; k++)
    if (isSubtotalLabel(row[keyColumns[k]])) return "row.subtotal";
  if (isFooterLabel(row[first]) && noAmount(row, amountColumns)) return "row.footer";
  if (filled === 1 && onlyText) return "row.note";
  return null;
}

function isSubtotalLabel(v: CellValue | undefined): boolean {
  if (typeof v !== "string" || v.length === 0) return false;
  const c = v.charCodeAt(0);
  // Most cells start with a character that is not white space: tell by its code, no new string.
  if (plainStart(c) && (LABEL_START[c] & 1) === 0) return false;
  return SUBTOTAL_START.has(v.trimStart().charAt(0)) && SUBTOTAL.test(v.replace(/[\s:：]/g, ""));
}

function isFooterLabel(v: CellValue | undefined): boolean {
  if (typeof v !== "string") return false;
  const c = v.charCodeAt(0);
  if (plainStart(c) && (LABEL_START[c] & 2) === 0) return false;
  const t = v.trimStart();
  return FOOTER_START.has(t.charAt(0)) && FOOTER.test(t);
}

/** Whether a character code is surely not white space to trimStart (so it is the first one left). */
function plainStart(c: number): boolean {
  return c > 0x20 && c !== 0xa0 && c !== 0xfeff && (c < 0x1680 || c > 0x3000);
}

/** True when none of the columns holds an amount (blank, or text that is not a number). */
function noAmount(row: CellValue[], columns: number[]): boolean {
  for (let k = 0; k < columns.length; k++) {
    const v = row[columns[k]];
    if (v !== undefined && parseMoneyCell(v, 2).ok) return false;
  }
  return true;
}

/** The footer labels of a row, as its message names them: `制表人/审核人`. */
function footerLabels(row: CellValue[]): string {
  const labels: string[] = [];
  for (const v of row) {
    if (!isFooterLabel(v)) continue;
    const label = FOOTER.exec((v as string).trimStart())?.[1];
    if (label && !labels.includes(label)) labels.push(label);
  }
  return labels.join("/");
}

/**
 * Starts reading row `r`: counts it, and skips it (with its reason) when it is blank, a
 * subtotal, a signature footer or a note. Returns the row's cells, or null when skipped.
 */
function beginRow(
  scope: RowScope,
  rows: Rows,
  r: number,
  keys: { key: number[]; amount: number[] },
  counts: RowCounts,
  problems: Problem[],
  notesAreRows = false,
): CellValue[] | null {
  counts.read++;
  scope.r = r;
  const row = rows.row(r);
  const skip = skipReason(row, keys.key, keys.amount);
  if (skip && !(notesAreRows && skip === "row.note")) {
    counts.skipped++;
    const params: ProblemParams =
      skip === "row.footer" ? { labels: footerLabels(row as CellValue[]) } : {};
    problems.push(problem(skip, "info", scope.source, null, params));
    return null;
  }
  return row as CellValue[];
}

type DateColumns = Map<number, DateOrder | null>;

/** Days between the 1904 and the 1900 date systems' day zero (as values.ts). */
const DATE1904_OFFSET = 1462;

/**
 * Infers the day/month order of each date column from its unambiguous values. A column whose
 * slashed values are all ambiguous, or that mixes both orders, is reported once; its ambiguous
 * values are then rejected cell by cell, never guessed.
 */
function dateOrders(
  ctx: Context,
  grid: Grid,
  headerRow: number,
  headers: string[],
  columns: (number | undefined)[],
  scans = scanRows(grid, headerRow, columns),
): DateColumns {
  const out: DateColumns = new Map();
  for (const c of columns) {
    if (c === undefined || out.has(c)) continue;
    const scan = scans.get(c);
    const inf = scan ? inferDateOrder(scan.texts) : columnDateOrder(grid, headerRow, c);
    let order = inf.order;
    const header = headers[c] || `#${c + 1}`;
    const source: SourceRef = { file: grid.file, sheet: grid.sheet, row: headerRow };
    if (inf.mixed) {
      ctx.problems.push(
        problem("column.mixedDateOrder", "warning", source, header, { dmy: inf.dmy, mdy: inf.mdy }),
      );
      order = ctx.options.dateOrder ?? null;
    } else if (inf.ambiguous) {
      order = ctx.options.dateOrder ?? null;
      if (!order) {
        ctx.problems.push(
          problem("column.ambiguousDateOrder", "error", source, header, { count: inf.either }),
        );
      }
    } else if (!order) {
      order = ctx.options.dateOrder ?? null;
    }
    out.set(c, order);
  }
  return out;
}

/** What a pass over a grid's rows found in a column from some row on. */
interface RowScan {
  /** Its texts, in row order. */
  texts: string[];
  /** Its cells that are not blank. */
  filled: number;
}

/**
 * The columns of a grid's rows from row `from` on (those of `columns` the grid does not hold as
 * columns): one pass over the rows for all of them, a full sheet's rows being a million arrays
 * to visit.
 */
function scanRows(grid: Grid, from: number, columns: (number | undefined)[]): Map<number, RowScan> {
  const at = [...new Set(defined(columns))].filter((c) => storedColumn(grid, c) === null);
  const scans = at.map((): RowScan => ({ texts: [], filled: 0 }));
  const rows = new Rows(grid);
  if (at.length > 0) {
    for (let r = from; r < rows.length; r++) {
      const row = rows.row(r);
      if (row === undefined) continue;
      for (let k = 0; k < at.length; k++) {
        const v = row[at[k]];
        if (typeof v === "string") scans[k].texts.push(v);
        if (!isBlank(v ?? null)) scans[k].filled++;
      }
    }
  }
  return new Map(at.map((c, k) => [c, scans[k]]));
}

/**
 * `inferDateOrder` over column c from row `from` on. Only text can tell the order: a column of
 * date serials gives none, without a generator step per row; a column of a column store is
 * counted by distinct text (a CSV's date column repeats a few thousand texts).
 */
function columnDateOrder(grid: Grid, from: number, c: number): OrderInference {
  const stored = storedColumn(grid, c);
  if (stored === null) return inferDateOrder((scanRows(grid, from, [c]).get(c) as RowScan).texts);
  const values: CellValue[] = [];
  const counts: number[] = [];
  if (stored.col === undefined) return inferDateOrderCounted(values, counts);
  // Only text cells, found by their tags: numbers, and decimal texts (`12.5`: one point, never
  // day/month/year), tell nothing. Inference counts, so their order is free.
  const { tag, num, obj } = stored.col;
  const end = gridRowCount(grid);
  let r = tag.indexOf(CELL_SHARED, from);
  if (r >= 0 && r < end) {
    const times = new Int32Array(stored.strings.length);
    for (; r >= 0 && r < end; r = tag.indexOf(CELL_SHARED, r + 1)) times[num[r]]++;
    for (let i = 0; i < times.length; i++) {
      if (times[i] === 0) continue;
      values.push(stored.strings[i]);
      counts.push(times[i]);
    }
  }
  for (r = tag.indexOf(CELL_OTHER, from); r >= 0 && r < end; r = tag.indexOf(CELL_OTHER, r + 1)) {
    values.push(obj[num[r]]);
    counts.push(1);
  }
  return inferDateOrderCounted(values, counts);
}

/**
 * Parses an optional date cell. Returns the serial, null when blank, or undefined after
 * recording a problem (rejecting the row when `required`).
 */
function dateCell(
  scope: RowScope,
  row: CellValue[],
  c: number | undefined,
  orders: DateColumns,
  date1904: boolean,
  rejectBad: boolean,
): Serial | null | undefined {
  if (c === undefined) return null;
  const v = row[c] ?? null;
  if (typeof v === "number" && Number.isFinite(v)) {
    // A date cell as Excel stores it, read as parseDateCell reads it, without its result object.
    const day = Math.floor(v) + (date1904 ? DATE1904_OFFSET : 0);
    if (day >= MIN_SERIAL && day <= MAX_SERIAL) return day;
  }
  const res = parseDateCell(v, orders.get(c) ?? null, date1904);
  if (res.ok) return res.serial;
  if (res.reason === "empty") return null;
  const params = { value: shown(v) };
  if (rejectBad) {
    const code =
      res.reason === "error"
        ? "row.errorValue"
        : res.reason === "ambiguous"
          ? "row.ambiguousDate"
          : "row.badDate";
    scope.reject(code, c, params);
  } else {
    const code =
      res.reason === "error"
        ? "cell.errorValue"
        : res.reason === "ambiguous"
          ? "cell.ambiguousDate"
          : "cell.badDate";
    scope.warn(code, c, params);
  }
  return undefined;
}

/** A currency column's value, with the mark an amount may carry; undefined after a problem. */
function currencyOf(
  scope: RowScope,
  row: CellValue[],
  c: number | undefined,
  fromAmount: CurrencyCode,
): CurrencyCode | undefined {
  let code: CurrencyCode = null;
  if (c !== undefined) {
    const text = cellText(row[c] ?? null);
    if (text !== null) {
      code = normalizeCurrency(text);
      if (code === null) {
        scope.reject("cell.badCurrency", c, { value: text });
        return undefined;
      }
    }
  }
  if (fromAmount !== null) {
    if (code !== null && code !== fromAmount) {
      scope.reject("cell.currencyConflict", c ?? null, { column: code, amount: fromAmount });
      return undefined;
    }
    code = fromAmount;
  }
  return code;
}

/** An amount cell in the given currency: the minor units and any currency mark; undefined after a problem. */
function moneyCell(
  scope: RowScope,
  row: CellValue[],
  c: number | undefined,
  digits: number,
  required: boolean,
): { minor: number | null; mark: CurrencyCode } | undefined {
  if (c === undefined) return NO_MONEY;
  const v = row[c] ?? null;
  if (typeof v === "number") {
    // As parseMoneyCell reads a number cell, without its result object.
    const minor = toMinor(v, digits);
    if (minor !== null) return { minor, mark: null };
  }
  const res = parseMoneyCell(v, digits);
  if (res.ok) return { minor: res.minor, mark: res.currency };
  if (res.reason === "empty") {
    if (required) scope.reject("row.noAmount", c);
    return NO_MONEY;
  }
  const params = { value: shown(v) };
  if (required)
    scope.reject(res.reason === "error" ? "row.errorValue" : "row.badAmount", c, params);
  else scope.reject(res.reason === "error" ? "row.errorValue" : "cell.badNumber", c, params);
  return undefined;
}

/** No amount (no column, or a blank cell): shared, never changed. */
const NO_MONEY: { readonly minor: null; readonly mark: null } = Object.freeze({
  minor: null,
  mark: null,
});

/**
 * The minor-unit digits of a row's amounts: they depend on the currency, read from the row's
 * currency column when there is one.
 */
function rowDigits(row: CellValue[], currencyColumn: number | undefined): number {
  const curText = currencyColumn === undefined ? null : cellText(row[currencyColumn] ?? null);
  return minorDigits(curText ? normalizeCurrency(curText) : null);
}

function textCell(row: CellValue[], c: number | undefined): string | null {
  return c === undefined ? null : cellText(row[c] ?? null);
}

function termsCell(scope: RowScope, row: CellValue[], c: number | undefined): Terms | null {
  if (c === undefined) return null;
  const v = row[c] ?? null;
  const res = parseTermsCell(v);
  if (res.ok) return res.terms;
  if (res.reason !== "empty") scope.warn("cell.badTerms", c, { value: shown(v) });
  return null;
}

function readInvoices(
  ctx: Context,
  grid: Grid,
  map: ColumnMap<InvoiceField>,
  counts: RowCounts,
  date1904: boolean,
): void {
  const col = map.columns;
  const { builder, problems, refs } = ctx;
  const dateColumns = [col.invoiceDate, col.dueDate, col.settledDate, col.promiseDate];
  // A grid of rows: its date columns in one pass, for their day/month order and the due dates.
  const scans = scanRows(grid, map.headerRow, dateColumns);
  const orders = dateOrders(ctx, grid, map.headerRow, map.headers, dateColumns, scans);
  const keys = {
    key: defined([col.ref, col.customer, col.customerName]),
    amount: defined([col.amount, col.balance, col.paid]),
  };
  const customerColumn = col.customer ?? col.customerName;
  const end = lastRow(grid);
  // Room for an item and an invoice number per row, made once: a full sheet's columns and index
  // would otherwise be copied as they grow.
  builder.reserveItems(Math.max(0, end - map.headerRow));
  refs.reserve(Math.max(0, end - map.headerRow));
  const rows = new Rows(grid);
  const scope = new RowScope(grid, map.headers, 0);
  /** Items from this index on come from this sheet. */
  const sheetStart = builder.itemCount;
  // A blank due date is worth a note where the column is normally filled in; where the sheet
  // leaves it to the terms, it is the rule, not an anomaly.
  let dueFilled = 0;
  if (col.dueDate !== undefined) {
    const stored = storedColumn(grid, col.dueDate);
    if (stored === null) {
      // Counted to the last row, not to `end`: the rows after `end` are blank.
      dueFilled = (scans.get(col.dueDate) as RowScan).filled;
    } else if (stored.col !== undefined) {
      // Every row but the empty cells and blank texts, found by their tags: a date column is
      // nearly all numbers, so this visits a few cells, not the column.
      const { tag } = stored.col;
      dueFilled = Math.max(0, end - map.headerRow);
      for (const kind of [0, CELL_SHARED, CELL_OTHER])
        for (let r = tag.indexOf(kind, map.headerRow); r >= 0 && r < end;) {
          if (kind === 0 || isBlank(storedValue(stored, r))) dueFilled--;
          r = tag.indexOf(kind, r + 1);
        }
    }
  }
  const dueMostlyFilled = dueFilled > 0.5 * (end - map.headerRow);
  const unknownReported = new Set<number>();
  const unknownStatus = new Map<string, { count: number; row: number }>();
  const marks = new SheetMarks(col.currency === undefined);
  const fast = ctx.options.reference
    ? null
    : fastInvoiceRows(fastCells(grid, col), col, date1904, orders);
  let sourceIndex = -1;
  const where = grid.sheet ?? grid.file ?? "";
  /** Customers of the fast path whose rows are counted in `uncounted`, not yet in their spelling. */
  const uncounted: FastCustomer[] = [];

  for (let r = map.headerRow; r < end; r++) {
    if (fast !== null) {
      // The usual row, read field by field from the columns; anything else (a skip, a problem,
      // a status, a duplicate number, a blank due date…) goes the general way below.
      const f = fast.read(r, refs);
      if (f !== null) {
        counts.read++;
        const c = f.customer;
        if (c.index < 0) {
          c.index = builder.customerIndexOf(c.text);
          c.spelling = spellingOf(ctx, c.text, c.index);
        }
        if (sourceIndex < 0) sourceIndex = builder.sourceIndexOf(at(grid, r));
        const seller = f.salesperson;
        if (seller !== null && seller.index < 0)
          seller.index = builder.salespersonIndexOf(seller.text);
        scope.r = r;
        if (f.dueDate === 0 && f.invoiceDate !== 0) {
          // As the general path: no due date, so the terms decide (or say why they cannot).
          if (!f.terms && !builder.customerAt(c.index).terms) {
            scope.warn("cell.noTerms", col.dueDate ?? col.terms ?? null);
          } else if (dueMostlyFilled) {
            scope.warn("cell.noDueDate", col.dueDate ?? null, {}, "info");
          }
        }
        // A customer is named by the first name cell that names it (the builder keeps that
        // name): once named, the rows after it need not ask again.
        const name = c.named ? null : f.customerName;
        if (name) c.named = true;
        const index = builder.addItemResolved(
          f.ref,
          c.index,
          name,
          builder.currencyIndex(f.currency),
          f.invoiceDate,
          f.dueDate,
          f.terms === null ? -1 : f.terms.days,
          f.terms !== null && f.terms.monthEnd,
          f.amount,
          f.paid,
          f.settledDate,
          f.promiseDate,
          f.disputed,
          seller === null ? -1 : seller.index,
          f.contract,
          f.note,
          sourceIndex,
          r + 1,
        );
        marks.note(index, null, r + 1);
        if (c.spellingFull) {
          // Its first rows are noted: only the count grows, added up after the sheet (the
          // spelling's record is one more object per row to fetch from memory).
          if (c.uncounted++ === 0) uncounted.push(c);
        } else {
          const s = c.spelling as Spelling;
          countSpelling(s, where, r + 1);
          c.spellingFull = s.rows.length >= SPELLING_ROWS;
        }
        const st = f.status;
        if (st !== null) {
          if (st.status === null) {
            const seen = unknownStatus.get(st.text);
            if (seen) seen.count++;
            else unknownStatus.set(st.text, { count: 1, row: r + 1 });
          } else {
            ctx.statuses.push({
              item: index,
              status: st.status,
              value: st.text,
              source: scope.source,
              column: map.headers[col.status!] || `#${col.status! + 1}`,
              digits: minorDigits(f.currency),
            });
          }
        }
        if (ctx.hasMaster && !builder.customerAt(c.index).listed && !unknownReported.has(c.index)) {
          unknownReported.add(c.index);
          scope.warn("customer.unknown", customerColumn ?? null, { customer: c.text });
        }
        if (f.key !== null) refs.set(f.key, index);
        counts.imported++;
        scope.flush(problems);
        continue;
      }
    }
    const cells = beginRow(scope, rows, r, keys, counts, problems);
    if (!cells) continue;

    const customer = textCell(cells, customerColumn);
    if (customer === null) scope.reject("row.noCustomer", customerColumn ?? null);
    const amountCol = col.amount ?? col.balance;
    const digits = rowDigits(cells, col.currency);
    const amount = moneyCell(scope, cells, amountCol, digits, true);
    const paidCell =
      col.amount !== undefined ? moneyCell(scope, cells, col.paid, digits, false) : NO_MONEY;
    const balanceCell =
      col.amount !== undefined && col.balance !== undefined && col.paid === undefined
        ? moneyCell(scope, cells, col.balance, digits, false)
        : NO_MONEY;
    const invoiceDate = dateCell(scope, cells, col.invoiceDate, orders, date1904, true);
    const dueDate = dateCell(scope, cells, col.dueDate, orders, date1904, true);
    const settledDate = dateCell(scope, cells, col.settledDate, orders, date1904, true);
    const promiseDate = dateCell(scope, cells, col.promiseDate, orders, date1904, false);
    if (invoiceDate === null && dueDate === null) {
      scope.reject("row.noDate", col.invoiceDate ?? col.dueDate ?? null);
    }
    const currency = currencyOf(scope, cells, col.currency, amount?.mark ?? null);
    const terms = termsCell(scope, cells, col.terms);
    let disputed = false;
    if (col.disputed !== undefined) {
      const v = cells[col.disputed] ?? null;
      const res = parseBoolCell(v);
      if (res.ok) disputed = res.value;
      else if (res.reason !== "empty")
        scope.warn("cell.badNumber", col.disputed, { value: shown(v) });
    }

    const statusText = textCell(cells, col.status);
    const status = statusText === null ? null : invoiceStatusOf(statusText);
    if (statusText !== null && status === null) {
      const seen = unknownStatus.get(statusText);
      if (seen) seen.count++;
      else unknownStatus.set(statusText, { count: 1, row: r + 1 });
    }
    if (status === "cancelled" && !scope.rejected) {
      // A cancelled or reversed document is not an open item: skipped, with its reason.
      const cancelledRef = textCell(cells, col.ref);
      if (cancelledRef !== null)
        ctx.cancelledRefs.set(matchKey(cancelledRef), { row: r + 1, customer });
      counts.skipped++;
      scope.flush(problems);
      problems.push(
        problem("row.cancelled", "info", scope.source, map.headers[col.status!] ?? null, {
          value: statusText,
        }),
      );
      continue;
    }

    if (scope.rejected || amount === undefined || amount.minor === null || currency === undefined) {
      const rejectedRef = textCell(cells, col.ref);
      if (rejectedRef !== null) ctx.rejectedRefs.set(matchKey(rejectedRef), r + 1);
      counts.rejected++;
      scope.flush(problems);
      continue;
    }

    if (dueDate === null && invoiceDate) {
      const customerTerms = builder.customerAt(builder.customerIndexOf(customer as string)).terms;
      if (!terms && !customerTerms) {
        scope.warn("cell.noTerms", col.dueDate ?? col.terms ?? null);
      } else if (dueMostlyFilled) {
        scope.warn("cell.noDueDate", col.dueDate ?? null, {}, "info");
      }
    }
    if (invoiceDate && dueDate && dueDate < invoiceDate) {
      scope.warn("invoice.dueBeforeInvoice", col.dueDate ?? null);
    }
    let paid: number | null = paidCell?.minor ?? null;
    if (col.amount === undefined && col.balance !== undefined) {
      // Only a balance column: the amount is what is still owed.
      paid = null;
    } else if (paid === null && balanceCell && balanceCell.minor !== null) {
      paid = amount.minor - balanceCell.minor;
    }
    const ref = textCell(cells, col.ref);
    const key = ref === null ? null : matchKey(ref);
    const firstItem = key === null ? undefined : refs.get(key);
    const first = firstItem === undefined ? undefined : builder.itemRow(firstItem);
    if (first !== undefined && firstItem! >= sheetStart) {
      if (sameRow(rows.other(first - 1), cells)) {
        // The same row twice (an export artefact): importing it again would count it twice.
        counts.skipped++;
        scope.flush(problems);
        problems.push(
          problem("row.duplicate", "warning", scope.source, null, { ref, firstRow: first }),
        );
        continue;
      }
    }
    const index = builder.addItem({
      ref,
      customer: customer as string,
      customerName: col.customer !== undefined ? textCell(cells, col.customerName) : null,
      currency,
      invoiceDate: invoiceDate ?? null,
      dueDate: dueDate ?? null,
      terms,
      amount: amount.minor,
      paid,
      settledDate: settledDate ?? null,
      salesperson: textCell(cells, col.salesperson),
      disputed,
      promiseDate: promiseDate ?? null,
      contract: textCell(cells, col.contract),
      note: textCell(cells, col.note),
      source: scope.rowSource,
    });
    marks.note(index, amount.mark, r + 1);
    noteSpelling(ctx, customer as string, builder.itemCustomer(index), scope.rowSource);
    if (status !== null && status !== "cancelled") {
      ctx.statuses.push({
        item: index,
        status,
        value: statusText as string,
        source: scope.source,
        column: map.headers[col.status!] || `#${col.status! + 1}`,
        digits: minorDigits(currency),
      });
    }
    const cust = builder.itemCustomer(index);
    if (ctx.hasMaster && !builder.customerAt(cust).listed && !unknownReported.has(cust)) {
      unknownReported.add(cust);
      scope.warn("customer.unknown", customerColumn ?? null, { customer: customer as string });
    }
    if (first !== undefined) {
      scope.warn("invoice.duplicate", col.ref ?? null, { ref, firstRow: first });
    } else if (key !== null) {
      refs.set(key, index);
    }
    counts.imported++;
    scope.flush(problems);
  }
  for (const c of uncounted) (c.spelling as Spelling).count += c.uncounted;
  marks.settle(
    (i) => builder.itemCurrency(i),
    (i, code) => builder.setItemCurrency(i, code),
    problems,
    at(grid, map.headerRow - 1),
    map.headers[(col.amount ?? col.balance)!] ?? null,
  );
  for (const [value, seen] of unknownStatus) {
    problems.push(
      problem(
        "status.unknown",
        "warning",
        at(grid, map.headerRow - 1),
        map.headers[col.status!] ?? null,
        { value, count: seen.count, firstRow: seen.row },
      ),
    );
  }
}

/** Seed of KeyIndex's hash, so that no file can be made to collide on purpose. */
const KEY_SEED = (Math.random() * 0x100000000) | 0;

/** Entries `KeyIndex.index` hashes at a time. */
const INDEX_BLOCK = 2048;

/** KeyIndex's hash of a key (FNV-1a steps, then a finaliser), from a seed. */
export function keyHash(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

/**
 * The order of keys for KeyIndex's runs: shorter first, then by code units. Numbers written
 * without leading zeros (INV-9, INV-10) then come in the order they count, as padded ones do.
 */
function keyBefore(a: string, b: string): boolean {
  return a.length < b.length || (a.length === b.length && a < b);
}

/**
 * A run of keys set in increasing order (`keyBefore`), not yet in the table: any key outside
 * [min, max] is surely not among them.
 */
interface KeyRun {
  min: string;
  max: string;
  /** Their entries (indexes in `KeyIndex.keys`), `length` of them. */
  entries: number[];
  length: number;
}

/** At most this many runs are kept apart from the table. */
const MAX_RUNS = 4;
/** What `KeyIndex.place` says of a key besides a run's index: a new run, the table (new), look up. */
const NEW_RUN = -1;
const NEW_IN_TABLE = -2;
const LOOK_UP = -3;

/**
 * Invoice number key → item index, as a Map<string, number> would hold it: a hash table in typed
 * arrays (open addressing), which at a million numbers takes about half the time of a Map.
 *
 * At a million rows the table is far larger than the processor's caches, so a lookup per row
 * waits on memory, row after row. But sheets list their invoices in number order, often a few
 * series interleaved (invoices XS…, credit notes HZ…): a key after the last of its series and
 * outside every other series' range cannot have been set. Such keys are kept in runs (sorted
 * lists, without hashing) and known to be new with a comparison or two; a run is hashed into the
 * table, in one pass that lets the memory reads overlap, only when a lookup falls in its range
 * (a key out of order, a duplicate, `get` for a payment). Keys in any other order take the
 * table as before.
 */
export class KeyIndex {
  /** Slots (a power of two); at most half of them are used. */
  private cap = 1024;
  /** Per slot, two numbers: the entry's index in `keys` (-1 when free) and its key's hash. */
  private table = KeyIndex.newTable(1024);
  /** The least and greatest key in the table (null when it is empty). */
  private tableMin: string | null = null;
  private tableMax: string | null = null;
  /** Runs not in the table, in key order; their ranges do not overlap. */
  private readonly runs: KeyRun[] = [];
  /** Entries set, and how many of them are in the table. */
  private count = 0;
  private inTable = 0;
  /**
   * Entries in the order set (room for `values.length`). `values` and the runs' entries are
   * arrays of small integers on the JS heap, not typed arrays: a full sheet's item store is
   * already 57 MB of ArrayBuffers, and V8 starts a full collection when ArrayBuffers grow by
   * 64 MB (a collection that must visit every row of a grid of a million rows held by the
   * caller: about 0.2 s).
   */
  private keys: (string | null)[] = new Array<string | null>(1024).fill(null);
  private values: number[] = new Array<number>(1024).fill(0);
  /** The key last placed and where (`place`), until anything is set or moved. */
  private placedKey: string | null = null;
  private placed = LOOK_UP;
  /** The key last looked up in the table, its hash and its slot, until an entry fills a free
   * slot or moves. */
  private slotKey: string | null = null;
  private slotHash = 0;
  private slot = -1;
  /** Scratch for `indexRun`. */
  private hashes: Int32Array | null = null;

  constructor(private readonly seed = KEY_SEED) {}

  /** A table of free slots (the hash of a free slot is never read). */
  private static newTable(cap: number): Int32Array {
    return new Int32Array(2 * cap).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Makes room for `n` more keys without growing while they are set (the table grows when
   * keys go into it). */
  reserve(n: number): void {
    if (this.count + n > this.values.length) this.resizeEntries(this.count + n);
  }

  private resizeEntries(n: number): void {
    const values = this.values;
    values.length = n;
    values.fill(0, this.count);
    const keys = this.keys;
    const from = keys.length;
    keys.length = n;
    keys.fill(null, from);
  }

  /** Grows the table, if need be, so that `n` more entries leave it at most half full. */
  private roomInTable(n: number): void {
    let cap = this.cap;
    while (2 * (this.inTable + n) > cap) cap *= 2;
    if (cap > this.cap) this.resize(cap);
  }

  /**
   * Where a key is or would go: a run's index or NEW_RUN or NEW_IN_TABLE when it is surely new,
   * LOOK_UP when only the table can tell (a run whose range holds the key is put in the table
   * first).
   */
  private place(key: string): number {
    if (key === this.placedKey) return this.placed;
    const runs = this.runs;
    let where = runs.length < MAX_RUNS ? NEW_RUN : NEW_IN_TABLE;
    // From the greatest run down: the first whose max is below the key takes it, unless a run
    // above (already passed) or the table holds the key's range.
    for (let i = runs.length - 1; i >= 0; i--) {
      const run = runs[i];
      if (keyBefore(run.max, key)) {
        where = i;
        break;
      }
      if (!keyBefore(key, run.min)) {
        this.indexRun(i);
        where = LOOK_UP;
        break;
      }
    }
    if (
      where !== LOOK_UP &&
      this.tableMin !== null &&
      !keyBefore(key, this.tableMin) &&
      !keyBefore(this.tableMax as string, key)
    )
      where = LOOK_UP;
    this.placedKey = key;
    this.placed = where;
    return where;
  }

  /** The slot (index in `table`) holding the key, or the free one where it would go. */
  private slotOf(key: string): number {
    if (key === this.slotKey && this.slot >= 0) return this.slot;
    const h = keyHash(key, this.seed);
    const mask = this.cap - 1;
    const table = this.table;
    const keys = this.keys;
    let p = h & mask;
    for (;;) {
      const e = table[2 * p];
      if (e < 0 || (table[2 * p + 1] === h && keys[e] === key)) break;
      p = (p + 1) & mask;
    }
    this.slotKey = key;
    this.slotHash = h;
    this.slot = 2 * p;
    return 2 * p;
  }

  /**
   * Puts run i's entries in the table (all new keys, so no comparing of keys), a block at a
   * time: the hashes first, then the slots, a loop short enough for the processor to have many
   * of its memory reads under way at once.
   */
  private indexRun(i: number): void {
    const run = this.runs[i];
    this.roomInTable(run.length);
    const mask = this.cap - 1;
    const table = this.table;
    const keys = this.keys;
    const entries = run.entries;
    const hashes = (this.hashes ??= new Int32Array(INDEX_BLOCK));
    for (let from = 0; from < run.length; from += INDEX_BLOCK) {
      const to = Math.min(from + INDEX_BLOCK, run.length);
      for (let k = from; k < to; k++)
        hashes[k - from] = keyHash(keys[entries[k]] as string, this.seed);
      for (let k = from; k < to; k++) {
        const h = hashes[k - from];
        let p = h & mask;
        while (table[2 * p] >= 0) p = (p + 1) & mask;
        table[2 * p] = entries[k];
        table[2 * p + 1] = h;
      }
    }
    this.runs.splice(i, 1);
    this.inTable += run.length;
    this.widenTable(run.min, run.max);
    this.slot = -1;
    this.placedKey = null;
  }

  private widenTable(min: string, max: string): void {
    if (this.tableMin === null || keyBefore(min, this.tableMin)) this.tableMin = min;
    if (this.tableMax === null || keyBefore(this.tableMax, max)) this.tableMax = max;
  }

  get(key: string): number | undefined {
    if (this.place(key) !== LOOK_UP) return undefined;
    const e = this.table[this.slotOf(key)];
    return e < 0 ? undefined : this.values[e];
  }

  has(key: string): boolean {
    return this.place(key) === LOOK_UP && this.table[this.slotOf(key)] >= 0;
  }

  /** Sets the value (an item index: a non-negative integer) of a key. */
  set(key: string, value: number): void {
    const where = this.place(key);
    this.placedKey = null;
    const e = this.count;
    if (where >= 0) {
      const run = this.runs[where];
      run.entries.push(e);
      run.length++;
      run.max = key;
    } else if (where === NEW_RUN) {
      const run: KeyRun = { min: key, max: key, entries: [e], length: 1 };
      this.runs.unshift(run);
    } else {
      let p = this.slotOf(key);
      const old = this.table[p];
      if (old >= 0) {
        this.values[old] = value;
        return;
      }
      if (2 * (this.inTable + 1) > this.cap) {
        this.roomInTable(1);
        p = this.slotOf(key);
      }
      this.table[p] = e;
      this.table[p + 1] = this.slotHash;
      this.inTable++;
      this.widenTable(key, key);
    }
    if (e === this.values.length) this.resizeEntries(2 * e);
    this.count = e + 1;
    this.keys[e] = key;
    this.values[e] = value;
  }

  private resize(cap: number): void {
    const old = this.table;
    const mask = cap - 1;
    const table = KeyIndex.newTable(cap);
    for (let i = 0; i < old.length; i += 2) {
      const e = old[i];
      if (e < 0) continue;
      const h = old[i + 1];
      let p = h & mask;
      while (table[2 * p] >= 0) p = (p + 1) & mask;
      table[2 * p] = e;
      table[2 * p + 1] = h;
    }
    this.cap = cap;
    this.table = table;
    this.slot = -1;
  }
}

/**
 * Module-local copies of the cell tags and serial bounds, read for every cell by the fast path:
 * where modules are bundled with getters for their exports (tsx, esbuild), each read of an
 * imported binding is a call.
 */
const TAG_NUMBER = CELL_NUMBER;
const TAG_SHARED = CELL_SHARED;
const TAG_DECIMAL = CELL_DECIMAL;
const FIRST_SERIAL = MIN_SERIAL;
const LAST_SERIAL = MAX_SERIAL;

/** A value the fast path does not read: the row goes the general way. */
const BAIL: unique symbol = Symbol("bail");
type Bail = typeof BAIL;

/** Columns of a column store for the fast path: by 0-based index, and the texts they index. */
interface ColumnSource {
  /** Column c (undefined: not held). */
  column(c: number): CellColumn | undefined;
  /** The texts that CELL_SHARED cells index. */
  readonly strings: readonly string[];
}

/** A field of the fast path: its value at row r, or BAIL when the row must go the general way. */
interface FastField<T> {
  at(r: number): T | Bail;
}

/** A field of a column that mostly follows the row's customer (its name, terms, currency…). */
interface FollowField<T> extends FastField<T> {
  /**
   * As `at(r)`, for a row of this customer. Where a text would be looked up among the column's
   * distinct texts, the customer's last row's text (slot k of `owner`) is tried first.
   */
  follow(r: number, owner: FastCustomer, k: number): T | Bail;
}

/**
 * Where the fast path reads a sheet's cells: a column store's columns (`Grid.cells`, the CLI's
 * readers), or the grid's rows as they are (Office.js, tests). Each gives a field, an amount
 * and a date the same values for the same cells.
 */
interface FastCells {
  /** Column c through `fn` (memo: worked out once per distinct text where the source can). */
  field<T>(c: number | undefined, fn: (v: CellValue) => T | Bail, memo: boolean): FollowField<T>;
  /** An amount column (AmountField): text through `amountOfText` only when `text`. */
  amount(c: number | undefined, text: boolean): FastField<number | null>;
  /**
   * A date column: a serial (the day of a number, shifted by `offset`, within the serial range),
   * 0 when empty, a text through `text` (once per distinct text).
   */
  date(
    c: number | undefined,
    text: (v: CellValue) => number | Bail,
    offset: number,
  ): FastField<number>;
}

/**
 * A field of a column store's column: a function of the cell's value, worked out once per
 * distinct shared string (by its index) when `memo`, else per cell.
 */
class Field<T> implements FollowField<T> {
  /** By shared-string index: 0 not yet worked out, else 1 + the index of its value in `values`. */
  private slot: Int32Array | null = null;
  private readonly values: (T | Bail)[] = [];
  private readonly empty: T | Bail;
  constructor(
    private readonly col: CellColumn | undefined,
    private readonly strings: readonly string[],
    private readonly fn: (v: CellValue) => T | Bail,
    private readonly useMemo: boolean,
  ) {
    this.empty = fn(null);
  }
  at(r: number): T | Bail {
    const col = this.col;
    if (col === undefined) return this.empty;
    const t = col.tag[r];
    if (t === 0) return this.empty;
    if (t === TAG_SHARED) {
      const i = col.num[r];
      if (!this.useMemo) return this.fn(this.strings[i]);
      let slot = this.slot;
      if (slot !== null && i < slot.length) {
        const k = slot[i];
        if (k !== 0) return this.values[k - 1];
      } else {
        // Sized by the greatest index seen: a column of a few distinct strings keeps a small
        // table however many strings the workbook has.
        slot = this.growSlot(i);
      }
      const v = this.fn(this.strings[i]);
      // Distinct strings often give one value (a lead cell's `true`): kept once, not per string.
      const values = this.values;
      const n = values.length;
      slot[i] = n > 0 && values[n - 1] === v ? n : values.push(v);
      return v;
    }
    // A decimal text (a CSV's amount) is text to every reader, as the general path sees it.
    if (t > TAG_DECIMAL) return this.fn(decimalText(t, col.num[r]));
    return this.fn(t === TAG_NUMBER ? col.num[r] : col.obj[col.num[r]]);
  }

  /** As `at`: a text is found by its index here, as cheaply as the customer's last one. */
  follow(r: number): T | Bail {
    return this.at(r);
  }

  private growSlot(i: number): Int32Array {
    const old = this.slot;
    let n = old === null ? 256 : old.length;
    while (n <= i) n *= 2;
    const slot = new Int32Array(Math.min(n, Math.max(this.strings.length, i + 1)));
    if (old !== null) slot.set(old);
    this.slot = slot;
    return slot;
  }
}

/**
 * An amount column of the fast path, in major units: a number as it is; a decimal text
 * (CELL_DECIMAL, a CSV's `1234.50`) as its value, which is what parseMoneyCell reads from it;
 * other text (`1,234.50`, `-`) as parseMoneyCell reads it, once per distinct text (when `text`).
 * Null when empty; BAIL for what the general path must see (a currency mark, bad text, an
 * error, a boolean).
 */
class AmountField implements FastField<number | null> {
  private readonly texts: Field<number | null> | null;
  constructor(
    private readonly col: CellColumn | undefined,
    strings: readonly string[],
    text: boolean,
  ) {
    this.texts =
      col === undefined || !text
        ? null
        : new Field<number | null>(col, strings, amountOfText, true);
  }
  at(r: number): number | null | Bail {
    const col = this.col;
    if (col === undefined) return null;
    const t = col.tag[r];
    if (t === 0) return null;
    if (t === TAG_NUMBER) return col.num[r];
    if (this.texts === null) return BAIL;
    return t > TAG_DECIMAL ? col.num[r] : this.texts.at(r);
  }
}

/** An amount text's value in major units (AmountField), null when blank. */
function amountOfText(v: CellValue): number | null | Bail {
  if (typeof v !== "string") return BAIL;
  const res = parseMoneyMajor(v);
  if (res.ok) return res.currency === null ? res.major : BAIL;
  return res.reason === "empty" ? null : BAIL;
}

/** A date column of a column store (FastCells.date). */
class DateField implements FastField<number> {
  constructor(
    private readonly col: CellColumn | undefined,
    private readonly texts: Field<number>,
    private readonly offset: number,
  ) {}
  at(r: number): number | Bail {
    const col = this.col;
    if (col === undefined) return 0;
    const t = col.tag[r];
    if (t === 0) return 0;
    if (t !== TAG_NUMBER) return this.texts.at(r);
    const v = col.num[r];
    if (!Number.isFinite(v)) return BAIL;
    const day = Math.floor(v) + this.offset;
    return day >= FIRST_SERIAL && day <= LAST_SERIAL ? day : BAIL;
  }
}

/** The fields of a column store's columns. */
class ColumnCells implements FastCells {
  constructor(private readonly cells: ColumnSource) {}
  private column(c: number | undefined): CellColumn | undefined {
    return c === undefined ? undefined : this.cells.column(c);
  }
  field<T>(c: number | undefined, fn: (v: CellValue) => T | Bail, memo: boolean): Field<T> {
    return new Field<T>(this.column(c), this.cells.strings, fn, memo);
  }
  amount(c: number | undefined, text: boolean): AmountField {
    return new AmountField(this.column(c), this.cells.strings, text);
  }
  date(c: number | undefined, text: (v: CellValue) => number | Bail, offset: number): DateField {
    return new DateField(this.column(c), this.field(c, text, true), offset);
  }
}

/** A grid's rows, as the fast path reads them (rows may be missing, short or holey). */
type GridRows = readonly (readonly CellValue[] | undefined)[];

/**
 * A field of a grid's rows: as Field, for the grid's rows. A row's cell is read where it is
 * (no copy of the column first); a text is worked out once per distinct text when `memo`.
 */
class RowField<T> implements FollowField<T> {
  private readonly memo: Map<string, T | Bail> | null;
  private readonly empty: T | Bail;
  /** The text last worked out and its value: a column often repeats the row above. */
  private lastText: string | null = null;
  private lastValue: T | Bail = BAIL;
  constructor(
    private readonly rows: GridRows,
    /** -1: no column. */
    private readonly c: number,
    private readonly fn: (v: CellValue) => T | Bail,
    memo: boolean,
  ) {
    this.memo = memo ? new Map() : null;
    this.empty = fn(null);
  }
  at(r: number): T | Bail {
    if (this.c < 0) return this.empty;
    const row = this.rows[r];
    return row === undefined ? this.empty : this.of(row[this.c]);
  }
  /**
   * A customer's rows nearly always repeat its name, salesperson, terms and currency: the text
   * is compared with the one the customer's last row had before it is looked up (a lookup by
   * text, in a Map, is the most a row costs here).
   */
  follow(r: number, owner: FastCustomer, k: number): T | Bail {
    if (this.c < 0 || this.memo === null) return this.at(r);
    const row = this.rows[r];
    if (row === undefined) return this.empty;
    const v = row[this.c];
    if (typeof v !== "string") return this.of(v);
    if (owner.seen[k] === v) return owner.values[k] as T | Bail;
    const out = this.of(v);
    owner.seen[k] = v;
    owner.values[k] = out;
    return out;
  }

  /** The value of a cell (undefined: past the end of its row, an empty cell). */
  of(v: CellValue | undefined): T | Bail {
    if (v === null || v === undefined) return this.empty;
    const memo = this.memo;
    if (memo === null || typeof v !== "string") return this.fn(v);
    if (v === this.lastText) return this.lastValue;
    let out = memo.get(v);
    if (out === undefined && !memo.has(v)) memo.set(v, (out = this.fn(v)));
    this.lastText = v;
    this.lastValue = out as T | Bail;
    return out as T | Bail;
  }
}

/** An amount column of a grid's rows: as AmountField. */
class RowAmount implements FastField<number | null> {
  constructor(
    private readonly rows: GridRows,
    private readonly c: number,
    /** Null: text is not read here. */
    private readonly texts: RowField<number | null> | null,
  ) {}
  at(r: number): number | null | Bail {
    if (this.c < 0) return null;
    const row = this.rows[r];
    if (row === undefined) return null;
    const v = row[this.c];
    if (typeof v === "number") return v;
    if (v === null || v === undefined) return null;
    return this.texts === null ? BAIL : this.texts.of(v);
  }
}

/** A date column of a grid's rows: as DateField. */
class RowDate implements FastField<number> {
  constructor(
    private readonly rows: GridRows,
    private readonly c: number,
    private readonly texts: RowField<number>,
    private readonly offset: number,
  ) {}
  at(r: number): number | Bail {
    if (this.c < 0) return 0;
    const row = this.rows[r];
    if (row === undefined) return 0;
    const v = row[this.c];
    if (typeof v !== "number") return v === null || v === undefined ? 0 : this.texts.of(v);
    if (!Number.isFinite(v)) return BAIL;
    const day = Math.floor(v) + this.offset;
    return day >= FIRST_SERIAL && day <= LAST_SERIAL ? day : BAIL;
  }
}

/**
 * The fields of a grid's rows. A column store keeps a text of some columns as an index into
 * its table of distinct texts (the fast path then works it out once per distinct text) and of
 * others as itself; the rows do the same: texts of the columns in `interned` are worked out
 * once per distinct text, others (invoice numbers, notes: read once per row) per cell.
 */
class RowCells implements FastCells {
  constructor(
    private readonly rows: GridRows,
    private readonly interned: ReadonlySet<number>,
  ) {}
  field<T>(c: number | undefined, fn: (v: CellValue) => T | Bail, memo: boolean): RowField<T> {
    return new RowField<T>(this.rows, c ?? -1, fn, memo && c !== undefined && this.interned.has(c));
  }
  amount(c: number | undefined, text: boolean): RowAmount {
    return new RowAmount(
      this.rows,
      c ?? -1,
      c === undefined || !text ? null : this.field(c, amountOfText, true),
    );
  }
  date(c: number | undefined, text: (v: CellValue) => number | Bail, offset: number): RowDate {
    return new RowDate(this.rows, c ?? -1, this.field(c, text, true), offset);
  }
}

/** A customer text of the fast path, with its customer and spelling once it has been added. */
interface FastCustomer {
  text: string;
  index: number;
  spelling: Spelling | null;
  /** The customer has a name (`addItemResolved` names it from the first row's name cell). */
  named: boolean;
  /** Its spelling's record holds all the places it keeps; rows counted since, not yet added. */
  spellingFull: boolean;
  uncounted: number;
  /** By `FollowField.follow`'s slot: the text of the customer's last row, and its value. */
  seen: (string | null)[];
  values: unknown[];
}

/** Slots of `FastCustomer.seen`: the fields that follow the customer. */
const FOLLOW_NAME = 0;
const FOLLOW_SALESPERSON = 1;
const FOLLOW_TERMS = 2;
const FOLLOW_CURRENCY = 3;

/** A customer of the fast path, not yet added. */
function fastCustomer(text: string): FastCustomer {
  return {
    text,
    index: -1,
    spelling: null,
    named: false,
    spellingFull: false,
    uncounted: 0,
    seen: [null, null, null, null],
    values: [null, null, null, null],
  };
}

/** A salesperson text of the fast path, with its index once it has been looked up. */
interface FastSalesperson {
  text: string;
  index: number;
}

/** A status cell's text and the status it names (null: not a known word). */
interface FastStatus {
  text: string;
  status: Exclude<InvoiceStatus, "cancelled"> | null;
}

/** An invoice row as the fast path read it (dates 0 when none, `paid` NaN when none). */
interface FastInvoice {
  customer: FastCustomer;
  customerName: string | null;
  ref: string | null;
  key: string | null;
  currency: CurrencyCode;
  amount: number;
  paid: number;
  invoiceDate: number;
  dueDate: number;
  settledDate: number;
  promiseDate: number;
  terms: Terms | null;
  disputed: boolean;
  status: FastStatus | null;
  salesperson: FastSalesperson | null;
  contract: string | null;
  note: string | null;
}

const NO_CURRENCY = { code: null, digits: minorDigits(null) };

/** A key column's text (as textCell), BAIL for a subtotal label. */
function keyText(v: CellValue): string | null | Bail {
  return isSubtotalLabel(v) ? BAIL : cellText(v);
}

/**
 * The cells the fast invoice path reads: the column store's own columns (the .xlsx and .csv
 * readers), else the grid's rows (Office.js and tests give rows), read where they are, so that
 * a full sheet given as rows takes the fast path too without being copied into columns first.
 * The general path keeps reading the grid as it is. Null when the first column holds nothing.
 */
function fastCells(grid: Grid, col: Partial<Record<InvoiceField, number>>): FastCells | null {
  const cells = grid.cells;
  if (cells?.column && cells.strings !== undefined) {
    const first = cells.column(0);
    if (first === undefined) return null;
    if (first !== null) {
      const strings = cells.strings;
      return new ColumnCells({ column: (c) => cells.column!(c) ?? undefined, strings });
    }
  }
  const rows = cells ? cells.toRows() : grid.rows;
  // Texts read once per row (numbers, contracts, notes) are not worth remembering by text.
  const interned = new Set<number>();
  for (const [field, c] of Object.entries(col))
    if (c !== undefined && field !== "ref" && field !== "contract" && field !== "note")
      interned.add(c);
  return new RowCells(rows, interned);
}

/**
 * The invoice rows of a sheet (`fastCells`), read field by field with what the general path
 * would make of them, for the rows it would import: `read(r)` gives the row, or null when the
 * row needs the general path (skip reasons, rejections, warnings on a cell, a cancelled status,
 * an invoice number seen before…); the caller adds the warnings of a blank due date and of an
 * unknown customer, and notes the status. The row is valid until the next `read`. Null when
 * there are no cells to read this way.
 */
function fastInvoiceRows(
  cells: FastCells | null,
  col: Partial<Record<InvoiceField, number>>,
  date1904: boolean,
  orders: DateColumns,
): { read(r: number, refs: KeyIndex): FastInvoice | null } | null {
  if (cells === null) return null;
  const field = <T>(c: number | undefined, fn: (v: CellValue) => T | Bail, memo = true) =>
    cells.field<T>(c, fn, memo);

  // skipReason says null when the first cell is filled with no label and the amount is a number.
  const lead = field(0, (v) =>
    isBlank(v) || isSubtotalLabel(v) || isFooterLabel(v) ? BAIL : true,
  );
  const customerColumn = col.customer ?? col.customerName;
  const customer = field<FastCustomer>(customerColumn, (v) => {
    const text = keyText(v);
    return text === null || text === BAIL ? BAIL : fastCustomer(text);
  });
  const customerName = field(col.customer !== undefined ? col.customerName : undefined, keyText);
  const ref = field(col.ref, keyText, false);
  const currency = field(col.currency, (v) => {
    const text = cellText(v);
    if (text === null) return NO_CURRENCY;
    const code = normalizeCurrency(text);
    return code === null ? BAIL : { code, digits: minorDigits(code) };
  });
  const terms = field<Terms | null>(col.terms, (v) => {
    const res = parseTermsCell(v);
    return res.ok ? res.terms : res.reason === "empty" ? null : BAIL;
  });
  const disputed = field(col.disputed, (v) => {
    const res = parseBoolCell(v);
    return res.ok ? res.value : res.reason === "empty" ? false : BAIL;
  });
  const status = field<FastStatus | null>(col.status, (v) => {
    const text = cellText(v);
    if (text === null) return null;
    const st = invoiceStatusOf(text);
    // A cancelled document is skipped: the general way.
    return st === "cancelled" ? BAIL : { text, status: st };
  });
  const salesperson = field<FastSalesperson | null>(col.salesperson, (v) => {
    const text = cellText(v);
    return text === null ? null : { text, index: -1 };
  });
  const contract = field(col.contract, cellText, false);
  const note = field(col.note, cellText, false);
  // An amount written as text is read here too, unless the row could then be a note to the
  // general path (one filled cell, text): the amount, customer and first cell in one column.
  const amountIndex = col.amount ?? col.balance;
  const textAmounts = new Set([0, customerColumn, amountIndex]).size > 1;
  const amountColumn = cells.amount(amountIndex, textAmounts);
  const paidColumn = cells.amount(col.amount !== undefined ? col.paid : undefined, textAmounts);
  const balanceColumn = cells.amount(
    col.amount !== undefined && col.balance !== undefined && col.paid === undefined
      ? col.balance
      : undefined,
    textAmounts,
  );
  const onlyBalance = col.amount === undefined && col.balance !== undefined;
  // A date written as text (a CSV's) is read as dateCell reads it, once per distinct text.
  const offset = date1904 ? DATE1904_OFFSET : 0;
  const date = (c: number | undefined) => {
    const order = c === undefined ? null : (orders.get(c) ?? null);
    return cells.date(
      c,
      (v) => {
        const res = parseDateCell(v, order, date1904);
        return res.ok && res.serial !== 0 ? res.serial : BAIL;
      },
      offset,
    );
  };
  const invoiceDateColumn = date(col.invoiceDate);
  const dueDateColumn = date(col.dueDate);
  const settledDateColumn = date(col.settledDate);
  const promiseDateColumn = date(col.promiseDate);

  // One row object, filled anew by each `read`: the caller is done with it before the next.
  const out: FastInvoice = {
    customer: fastCustomer(""),
    customerName: null,
    ref: null,
    key: null,
    currency: null,
    amount: 0,
    paid: NaN,
    invoiceDate: 0,
    dueDate: 0,
    settledDate: 0,
    promiseDate: 0,
    terms: null,
    disputed: false,
    status: null,
    salesperson: null,
    contract: null,
    note: null,
  };

  return {
    read(r: number, refs: KeyIndex): FastInvoice | null {
      if (lead.at(r) === BAIL) return null;
      const amountRaw = amountColumn.at(r);
      if (amountRaw === null || amountRaw === BAIL) return null;
      const cust = customer.at(r);
      if (cust === BAIL) return null;
      const cur = currency.follow(r, cust, FOLLOW_CURRENCY);
      if (cur === BAIL) return null;
      const amount = toMinor(amountRaw, cur.digits);
      if (amount === null) return null;
      let paid: number | null = null;
      const paidRaw = paidColumn.at(r);
      if (paidRaw === BAIL) return null;
      if (paidRaw !== null) {
        paid = toMinor(paidRaw, cur.digits);
        if (paid === null) return null;
      }
      const balanceRaw = balanceColumn.at(r);
      if (balanceRaw === BAIL) return null;
      let balance: number | null = null;
      if (balanceRaw !== null) {
        balance = toMinor(balanceRaw, cur.digits);
        if (balance === null) return null;
      }
      const invoiceDate = invoiceDateColumn.at(r);
      const dueDate = dueDateColumn.at(r);
      const settledDate = settledDateColumn.at(r);
      const promiseDate = promiseDateColumn.at(r);
      if (invoiceDate === BAIL || dueDate === BAIL || settledDate === BAIL || promiseDate === BAIL)
        return null;
      // No date at all, or a due date before the invoice date: the general way.
      if (dueDate === 0 ? invoiceDate === 0 : invoiceDate !== 0 && dueDate < invoiceDate)
        return null;
      const rowTerms = terms.follow(r, cust, FOLLOW_TERMS);
      const dispute = disputed.at(r);
      const st = status.at(r);
      if (rowTerms === BAIL || dispute === BAIL || st === BAIL) return null;
      const name = customerName.follow(r, cust, FOLLOW_NAME);
      const refText = ref.at(r);
      const seller = salesperson.follow(r, cust, FOLLOW_SALESPERSON);
      const contractText = contract.at(r);
      const noteText = note.at(r);
      if (
        name === BAIL ||
        refText === BAIL ||
        seller === BAIL ||
        contractText === BAIL ||
        noteText === BAIL
      )
        return null;
      const key = refText === null ? null : matchKey(refText);
      if (key !== null && refs.has(key)) return null;
      if (onlyBalance) paid = null;
      else if (paid === null && balance !== null) paid = amount - balance;
      out.customer = cust;
      out.customerName = name;
      out.ref = refText;
      out.key = key;
      out.currency = cur.code;
      out.amount = amount;
      out.paid = paid ?? NaN;
      out.invoiceDate = invoiceDate;
      out.dueDate = dueDate;
      out.settledDate = settledDate;
      out.promiseDate = promiseDate;
      out.terms = rowTerms;
      out.disputed = dispute;
      out.status = st;
      out.salesperson = seller;
      out.contract = contractText;
      out.note = noteText;
      return out;
    },
  };
}

function readPayments(
  ctx: Context,
  grid: Grid,
  map: ColumnMap<PaymentField>,
  counts: RowCounts,
  date1904: boolean,
): void {
  const col = map.columns;
  const { builder, problems, refs } = ctx;
  const orders = dateOrders(ctx, grid, map.headerRow, map.headers, [col.paymentDate]);
  const keys = {
    key: defined([col.paymentRef, col.ref, col.customer]),
    amount: defined([col.paymentAmount]),
  };
  const end = lastRow(grid);
  const rows = new Rows(grid);
  const scope = new RowScope(grid, map.headers, 0);
  let customerCurrency: Map<number, CurrencyCode> | null = null;
  const marks = new SheetMarks(col.currency === undefined);

  for (let r = map.headerRow; r < end; r++) {
    const cells = beginRow(scope, rows, r, keys, counts, problems);
    if (!cells) continue;
    const amount = moneyCell(scope, cells, col.paymentAmount, rowDigits(cells, col.currency), true);
    const date = dateCell(scope, cells, col.paymentDate, orders, date1904, true);
    let currency = currencyOf(scope, cells, col.currency, amount?.mark ?? null);
    const ref = textCell(cells, col.ref);
    const customerText = textCell(cells, col.customer);
    let payerText = customerText;
    let item = -1;
    if (ref !== null) item = refs.get(matchKey(ref)) ?? -1;
    let customer: number | null = null;
    if (customerText !== null) {
      const found = builder.findCustomer(customerText);
      if (found === undefined) {
        scope.warn("payment.unknownCustomer", col.customer ?? null, { customer: customerText });
      }
      customer = found ?? builder.customerIndexOf(customerText);
    }
    const rejectedRow = item < 0 && ref !== null ? ctx.rejectedRefs.get(matchKey(ref)) : undefined;
    const cancelled = item < 0 && ref !== null ? ctx.cancelledRefs.get(matchKey(ref)) : undefined;
    if (cancelled !== undefined && cancelled.customer !== null && customer === null) {
      // Money received for a cancelled invoice is still the customer's: held as unapplied cash.
      scope.warn("payment.cancelledInvoice", col.ref ?? null, { ref, invoiceRow: cancelled.row });
      customer = builder.customerIndexOf(cancelled.customer);
      payerText = cancelled.customer;
    } else if (rejectedRow !== undefined) {
      // Its invoice was rejected: applying the money elsewhere would be a guess.
      scope.reject("payment.rejectedInvoice", col.ref ?? null, { ref, invoiceRow: rejectedRow });
    } else if (item < 0 && ref !== null) {
      if (customer === null) scope.reject("payment.unknownInvoice", col.ref ?? null, { ref });
      else scope.warn("payment.unknownInvoice", col.ref ?? null, { ref });
    } else if (item < 0 && customer === null) {
      scope.reject("row.noCustomer", col.customer ?? col.ref ?? null);
    }
    if (item >= 0 && customer !== null && builder.itemCustomer(item) !== customer) {
      // The invoice belongs to another customer than the payer column says: trust neither.
      scope.reject("payment.unknownInvoice", col.ref ?? null, { ref, customer: customerText });
    }
    if (item >= 0 && currency !== undefined) {
      const invoiceCurrency = builder.itemCurrency(item);
      if (currency === null) currency = invoiceCurrency;
      else if (invoiceCurrency !== null && currency !== invoiceCurrency) {
        scope.reject("payment.currencyMismatch", col.currency ?? null, {
          ref,
          invoice: invoiceCurrency,
          payment: currency,
        });
      }
    } else if (currency === null && customer !== null) {
      customerCurrency ??= currencyOfCustomers(builder);
      currency = customerCurrency.get(customer) ?? null;
    }
    if (
      scope.rejected ||
      amount === undefined ||
      amount.minor === null ||
      currency === undefined ||
      date === undefined
    ) {
      counts.rejected++;
      scope.flush(problems);
      continue;
    }
    if (item >= 0) ctx.paidByItem.set(item, (ctx.paidByItem.get(item) ?? 0) + amount.minor);
    marks.note(builder.paymentCount, amount.mark, r + 1);
    if (customerText !== null && customer !== null)
      noteSpelling(ctx, customerText, customer, scope.rowSource);
    builder.addPayment(
      {
        ref,
        customer: item >= 0 ? null : payerText,
        currency,
        date,
        amount: amount.minor,
        source: scope.rowSource,
      },
      item,
    );
    counts.imported++;
    scope.flush(problems);
  }
  marks.settle(
    (j) => builder.paymentCurrency(j),
    (j, code) => builder.setPaymentCurrency(j, code),
    problems,
    at(grid, map.headerRow - 1),
    map.headers[col.paymentAmount!] ?? null,
  );
}

function readCustomers(
  ctx: Context,
  grid: Grid,
  map: ColumnMap<CustomerField>,
  counts: RowCounts,
  date1904: boolean,
): void {
  const col = map.columns;
  const { builder, problems } = ctx;
  const orders = dateOrders(ctx, grid, map.headerRow, map.headers, [col.lastReview]);
  const keys = { key: defined([col.code, col.name]), amount: defined([col.creditLimit]) };
  const end = lastRow(grid);
  const rows = new Rows(grid);
  const scope = new RowScope(grid, map.headers, 0);
  const seen = new Map<string, number>();

  for (let r = map.headerRow; r < end; r++) {
    // A customer row may hold just a code: not a note.
    const cells = beginRow(scope, rows, r, keys, counts, problems, true);
    if (!cells) continue;
    const code = textCell(cells, col.code);
    const name = col.name !== col.code ? textCell(cells, col.name) : null;
    if (code === null) scope.reject("row.noCustomer", col.code ?? null);
    const limit = moneyCell(scope, cells, col.creditLimit, rowDigits(cells, col.currency), false);
    const currency = currencyOf(scope, cells, col.currency, limit?.mark ?? null);
    const terms = termsCell(scope, cells, col.terms);
    const lastReview = dateCell(scope, cells, col.lastReview, orders, date1904, false);
    if (code !== null) {
      const key = matchKey(code);
      const first = seen.get(key);
      if (first !== undefined)
        scope.reject("customer.duplicate", col.code ?? null, { customer: code, firstRow: first });
      else seen.set(key, r + 1);
    }
    if (scope.rejected || limit === undefined || currency === undefined) {
      counts.rejected++;
      scope.flush(problems);
      continue;
    }
    const index = builder.addCustomer({
      code: code as string,
      name,
      creditLimit: limit.minor,
      currency,
      terms,
      grade: textCell(cells, col.grade),
      salesperson: textCell(cells, col.salesperson),
      contact: textCell(cells, col.contact),
      address: textCell(cells, col.address),
      phone: textCell(cells, col.phone),
      email: textCell(cells, col.email),
      doNotContact:
        col.doNotContact === undefined ? undefined : doNotContactCell(cells[col.doNotContact]),
      language: col.language === undefined ? undefined : languageCell(cells[col.language]),
      source: scope.source,
    });
    if (lastReview) ctx.lastReview.set(index, lastReview);
    noteSpelling(ctx, code as string, index, scope.source);
    if (name !== null) noteSpelling(ctx, name, index, scope.source);
    counts.imported++;
    scope.flush(problems);
  }
}

/** A "do not contact" cell: blank, 否, no, false and 0 say contact; anything else says don't. */
function doNotContactCell(v: CellValue | undefined): boolean {
  if (v === undefined || isBlank(v)) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const t = String(v).normalize("NFKC").trim().toLowerCase();
  return !["否", "不", "无", "no", "n", "false", "0", "-"].includes(t);
}

/** A language cell: Chinese or English in either language's words, else null (not said). */
function languageCell(v: CellValue | undefined): "zh-CN" | "en-US" | null {
  if (v === undefined || isBlank(v) || typeof v !== "string") return null;
  const t = v.normalize("NFKC").trim().toLowerCase();
  if (/^(zh([-_].*)?|中文|汉语|简体中文|chinese|cn)$/.test(t)) return "zh-CN";
  if (/^(en([-_].*)?|英文|英语|english)$/.test(t)) return "en-US";
  return null;
}

/** The one currency each customer is invoiced in (customers with several are left out). */
function currencyOfCustomers(builder: LedgerBuilder): Map<number, CurrencyCode> {
  const out = new Map<number, CurrencyCode>();
  const mixed = new Set<number>();
  for (let i = 0; i < builder.itemCount; i++) {
    const c = builder.itemCustomer(i);
    const cur = builder.itemCurrency(i);
    if (mixed.has(c)) continue;
    if (!out.has(c)) out.set(c, cur);
    else if (out.get(c) !== cur) {
      out.delete(c);
      mixed.add(c);
    }
  }
  return out;
}

/** Whether two rows hold the same values in every cell. */
function sameRow(a: CellValue[] | undefined, b: CellValue[]): boolean {
  if (!a) return false;
  const n = Math.max(a.length, b.length);
  for (let c = 0; c < n; c++) {
    const x = a[c] ?? null;
    const y = b[c] ?? null;
    if (x === y) continue;
    if (isCellError(x) && isCellError(y) && x.error === y.error) continue;
    if (isBlank(x) && isBlank(y)) continue;
    return false;
  }
  return true;
}

/** One warning per customer whose items come in more than one currency. */
function reportMixedCurrencies(ledger: Ledger, problems: Problem[]): void {
  const it = ledger.items;
  // By customer: its first currency, and (only for a customer with several) the set of them in
  // the order seen; customers in the order first seen. A set per customer only where needed.
  const first = new Int32Array(ledger.customers.length).fill(-1);
  const order: number[] = [];
  const mixed = new Map<number, Set<number>>();
  for (let i = 0; i < it.length; i++) {
    const c = it.customer[i];
    const cur = it.currency[i];
    const f = first[c];
    if (f === cur) continue;
    if (f < 0) {
      first[c] = cur;
      order.push(c);
      continue;
    }
    let set = mixed.get(c);
    if (!set) mixed.set(c, (set = new Set([f])));
    set.add(cur);
  }
  for (const c of order) {
    const set = mixed.get(c);
    if (set === undefined) continue;
    problems.push(
      problem("currency.mixed", "info", null, null, {
        customer: ledger.customers[c].code,
        currencies: [...set].map((k) => ledger.currencies[k] ?? "-").join(", "),
      }),
    );
  }
}

/**
 * Weighs each status against the payment data (the row's own paid amount or settled date and
 * the payment rows naming it, whatever their date). "Paid" with no payment data at all: settled,
 * date unknown (one note per status word). A contradiction is a located warning; the figures
 * follow the payment data, and the warning says so.
 */
function checkStatuses(ctx: Context): void {
  const { builder, problems } = ctx;
  const paidNoDate = new Map<string, { count: number; first: StatusNote }>();
  for (const note of ctx.statuses) {
    const { amount, paid, settled } = builder.itemMoney(note.item);
    const rows = ctx.paidByItem.get(note.item);
    const hasRow = paid === paid || settled !== 0;
    if (!hasRow && rows === undefined) {
      if (note.status === "paid") {
        builder.setItemPaid(note.item, amount);
        const key = `${note.source.file ?? ""}\u0000${note.source.sheet ?? ""}\u0000${note.value}`;
        const seen = paidNoDate.get(key);
        if (seen) seen.count++;
        else paidNoDate.set(key, { count: 1, first: note });
      } else if (note.status === "partial" && amount !== 0) {
        problems.push(
          problem("status.partialNoPayments", "warning", note.source, note.column, {
            value: note.value,
          }),
        );
      }
      continue;
    }
    // On a credit note, money recorded as paid is a refund: it settles the credit (see position).
    const refund = (v: number) => (amount < 0 ? -Math.abs(v) : v);
    const fromRow = paid === paid ? refund(paid) : settled !== 0 ? amount : 0;
    const open = amount - fromRow - refund(rows ?? 0);
    if (note.status === "paid" && open !== 0) {
      const scale = 10 ** note.digits;
      problems.push(
        problem("status.paidButOpen", "warning", note.source, note.column, {
          value: note.value,
          open: (open / scale).toFixed(note.digits),
          amount: (amount / scale).toFixed(note.digits),
          percent: amount !== 0 ? `${Math.round((open / amount) * 100)}%` : "-",
        }),
      );
    } else if (note.status !== "paid" && open === 0 && amount !== 0) {
      problems.push(
        problem("status.openButPaid", "warning", note.source, note.column, { value: note.value }),
      );
    }
  }
  for (const { count, first } of paidNoDate.values()) {
    problems.push(
      problem(
        "status.paidNoDate",
        "info",
        { ...first.source, row: first.source.row },
        first.column,
        { value: first.value, count, firstRow: first.source.row },
      ),
    );
  }
}

/**
 * Currency marks on some amount cells of a sheet without a currency column (`¥1,234.50`,
 * `1,234.50元` beside bare numbers): evidence of the sheet's one currency. When every mark
 * names the same currency, the unmarked rows take it; marks of several currencies are an
 * explicit conflict, reported once, and the unmarked rows are left without a currency.
 */
class SheetMarks {
  private readonly seen = new Map<string, { count: number; row: number }>();
  private readonly rows: number[] = [];
  constructor(private readonly active: boolean) {}
  note(index: number, mark: CurrencyCode, row: number): void {
    if (!this.active) return;
    this.rows.push(index);
    if (mark === null) return;
    const s = this.seen.get(mark);
    if (s) s.count++;
    else this.seen.set(mark, { count: 1, row });
  }
  settle(
    get: (index: number) => CurrencyCode,
    set: (index: number, code: CurrencyCode) => void,
    problems: Problem[],
    source: SourceRef,
    column: string | null,
  ): void {
    if (!this.active || this.seen.size === 0) return;
    if (this.seen.size === 1) {
      const [code] = this.seen.keys();
      for (const i of this.rows) if (get(i) === null) set(i, code);
      return;
    }
    const byCount = [...this.seen.entries()].sort((a, b) => b[1].count - a[1].count);
    const [other, first] = byCount[1];
    problems.push(
      problem("currency.markConflict", "warning", source, column, {
        currencies: byCount.map(([code, v]) => `${code} ×${v.count}`).join(", "),
        other,
        row: first.row,
      }),
    );
  }
}
