/**
 * An in-process stand-in for the part of Excel's object model ar-desk uses, for tests and the
 * benchmark (never used by the product). Why not office-addin-mock alone: its OfficeMockObject
 * models a fixed tree of scalar properties; it cannot model collections (`items`), methods that
 * return new objects per argument (`getRangeByIndexes`, `getItemOrNullObject`, `add`), writes
 * that must apply in queue order at sync (a Text number format before the values it governs),
 * client results (`getCellProperties`) or request payloads. The tests use OfficeMockObject
 * where it can (test/excel/mock-*.test.ts) and this fake for the rest.
 *
 * What it keeps of Office's behaviour:
 * - Batches: every property set and method call is queued and applied in order at `sync()`;
 *   a loaded property can be read only after the sync that loads it (reading it earlier throws,
 *   as Office's PropertyNotLoaded does); `*OrNullObject` gives `isNullObject` after a sync.
 * - Payloads: each request's size is measured (JSON of what it carries, UTF-8) and a request or
 *   response over `maxPayloadBytes` fails as Excel on the web does.
 * - Typing into cells: a string assigned to `values`/`formulas` is parsed as Excel parses typed
 *   input (`=`… becomes a formula, `00123` a number, `TRUE` a boolean) unless the cell's number
 *   format is Text (`@`); `null` leaves a cell alone.
 * - Sheet names are unique (case-insensitively); a missing item fails with `ItemNotFound`.
 */
import { columnLetters } from "../../src/sheet/grid";
import { columnNumber } from "../../src/excel/print";

export interface FakeBorder {
  style: string;
  weight?: string;
}

export interface FakeCell {
  value?: string | number | boolean | { error: string };
  formula?: string;
  numberFormat?: string;
  font?: {
    bold?: boolean;
    italic?: boolean;
    underline?: string;
    size?: number;
    name?: string;
    color?: string;
  };
  fill?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  borders?: { top?: FakeBorder; bottom?: FakeBorder; left?: FakeBorder; right?: FakeBorder };
}

export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const STANDARD_HEIGHT = 15;
const STANDARD_WIDTH = 48;

export class FakeSheet {
  cells = new Map<number, FakeCell>();
  widths = new Map<number, number>();
  heights = new Map<number, number>();
  merges: Box[] = [];
  freeze: { rows: number; columns: number } | null = null;
  showGridlines = true;
  tabColor = "";
  properties = new Map<string, { key: string; value: string }>();
  page: Record<string, unknown> = {
    orientation: "Portrait",
    paperSize: "Letter",
    topMargin: 54,
    bottomMargin: 54,
    leftMargin: 50.4,
    rightMargin: 50.4,
    headerMargin: 21.6,
    footerMargin: 21.6,
    centerHorizontally: false,
    zoom: { scale: 100 },
  };
  headerFooter: Record<string, string> = {
    leftHeader: "",
    centerHeader: "",
    rightHeader: "",
    leftFooter: "",
    centerFooter: "",
    rightFooter: "",
  };
  printArea: Box | null = null;
  titleRows: [number, number] | null = null;
  breaks: number[] = [];
  /** Sheet-scoped names: name → A1 address. */
  names = new Map<string, string>();
  handlers = new Set<(e: unknown) => Promise<unknown>>();

  constructor(
    public name: string,
    public readonly id: string,
  ) {}

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(r * MAX_COLUMNS + c);
  }

  touch(r: number, c: number): FakeCell {
    const k = r * MAX_COLUMNS + c;
    let cell = this.cells.get(k);
    if (!cell) this.cells.set(k, (cell = {}));
    return cell;
  }

  /** The used range: cells with values (valuesOnly) or with anything. */
  used(valuesOnly: boolean): Box | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    for (const [k, cell] of this.cells) {
      const has =
        cell.value !== undefined ||
        cell.formula !== undefined ||
        (!valuesOnly && Object.keys(cell).length > 0);
      if (!has) continue;
      const r = Math.floor(k / MAX_COLUMNS);
      const c = k % MAX_COLUMNS;
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    if (!valuesOnly) {
      for (const m of this.merges) {
        r0 = Math.min(r0, m.row);
        c0 = Math.min(c0, m.column);
        r1 = Math.max(r1, m.row + m.rows - 1);
        c1 = Math.max(c1, m.column + m.columns - 1);
      }
    }
    return r1 < 0 ? null : { row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
  }

  /** Values as `range.values` gives them. */
  valueAt(r: number, c: number): unknown {
    const cell = this.cell(r, c);
    if (!cell) return "";
    if (cell.formula !== undefined) return cell.value === undefined ? 0 : plain(cell.value);
    return cell.value === undefined ? "" : plain(cell.value);
  }
}

function plain(v: FakeCell["value"]): unknown {
  return typeof v === "object" && v !== null ? v.error : v;
}

/** One request as the fake measured it. */
export interface FakeRequest {
  operations: number;
  requestBytes: number;
  responseBytes: number;
}

export interface FakeExcelOptions {
  /** Office's payload cap (5 MB in Excel on the web). */
  maxPayloadBytes?: number;
  /** False: measure requests without applying writes to the model (for large benchmarks). */
  apply?: boolean;
  /**
   * Makes an operation fail at its sync as Office would reject it: called with each operation's
   * log label, returns an error code (e.g. "InvalidArgument") to throw. Operations queued before
   * it in the same request stay applied, the rest of the request is lost (Office's batches are
   * not transactions).
   */
  reject?: (label: string) => string | undefined;
}

type Op = { bytes: number; run: () => unknown; label?: string };

/** The workbook and everything that happened to it. */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, { key: string; value: unknown }>();
  readonly requests: FakeRequest[] = [];
  /** Labels of applied operations in order (`sync` between requests), for order checks. */
  readonly log: string[] = [];
  active: string | null = null;
  selection: { sheet: string; row: number; column: number } | null = null;
  readonly maxPayloadBytes: number;
  readonly apply: boolean;
  readonly reject: ((label: string) => string | undefined) | undefined;
  private nextId = 1;

  constructor(options: FakeExcelOptions = {}) {
    this.maxPayloadBytes = options.maxPayloadBytes ?? 5_000_000;
    this.apply = options.apply ?? true;
    this.reject = options.reject;
  }

  /** Runs a batch: what `Excel.run` does, for `new OfficeWorkbook(fake.run)`. */
  run = async <T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    reuse?: unknown,
  ): Promise<T> => {
    const context = reuse instanceof FakeContext ? reuse : new FakeContext(this);
    return batch(context as unknown as Excel.RequestContext);
  };

  get syncs(): number {
    return this.requests.length;
  }

  /** Adds a sheet (as a user would) with values; `{ error }` cells hold error values. */
  addSheet(name: string, rows: unknown[][] = [], at?: { row: number; column: number }): FakeSheet {
    if (this.find(name)) throw new Error(`sheet ${name} exists`);
    const sheet = new FakeSheet(name, `{${this.nextId++}}`);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === "") return;
        sheet.touch(r + (at?.row ?? 0), c + (at?.column ?? 0)).value = v as FakeCell["value"];
      }),
    );
    this.sheets.push(sheet);
    return sheet;
  }

  find(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  need(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw officeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
    return s;
  }

  newSheet(name: string): FakeSheet {
    checkName(this, name, null);
    const sheet = new FakeSheet(name, `{${this.nextId++}}`);
    this.sheets.push(sheet);
    return sheet;
  }

  /** Sends a change event to a sheet's handlers. */
  async change(sheet: string, address: string, changeType = "RangeEdited"): Promise<void> {
    const s = this.need(sheet);
    for (const h of s.handlers) {
      await h({
        address,
        changeType,
        source: "Local",
        type: "WorksheetChanged",
        worksheetId: s.id,
      });
    }
  }
}

function checkName(excel: FakeExcel, name: string, self: FakeSheet | null): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name)) {
    throw officeError("InvalidArgument", `Invalid sheet name: ${name}`);
  }
  const other = excel.find(name);
  if (other && other !== self) throw officeError("ItemAlreadyExists", `Sheet exists: ${name}`);
}

export function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, name: "RichApi.Error" });
}

/** UTF-8 bytes of a value's JSON. */
function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

class FakeContext {
  private queue: Op[] = [];
  readonly workbook: FakeWorkbook;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const requestBytes = ops.reduce((n, op) => n + op.bytes, 0);
    const request: FakeRequest = { operations: ops.length, requestBytes, responseBytes: 0 };
    this.excel.requests.push(request);
    this.excel.log.push("sync");
    if (requestBytes > this.excel.maxPayloadBytes) {
      throw officeError(
        "RequestPayloadSizeLimitExceeded",
        "The request payload size has exceeded the limit.",
      );
    }
    for (const op of ops) {
      const code = op.label !== undefined ? this.excel.reject?.(op.label) : undefined;
      if (code) throw officeError(code, `The argument is invalid or missing: ${op.label}`);
      const out = op.run();
      if (op.label) this.excel.log.push(op.label);
      if (out !== undefined) request.responseBytes += jsonBytes(out);
    }
    if (request.responseBytes > this.excel.maxPayloadBytes) {
      throw officeError(
        "ResponsePayloadSizeLimitExceeded",
        "The response payload size has exceeded the limit.",
      );
    }
    await Promise.resolve();
  }

  write(label: string, args: unknown, run: () => void): void {
    const excel = this.excel;
    this.enqueue({
      bytes: jsonBytes(args) + label.length,
      label,
      run: () => {
        if (excel.apply || label.startsWith("sheet.")) run();
      },
    });
  }
}

/** Loaded values of a proxy: readable only after the sync that loads them. */
class Loadable {
  protected readonly loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}

  /** name → reader at sync time. */
  protected readers(): Record<string, () => unknown> {
    return {};
  }

  load(arg?: string | string[] | Record<string, unknown>): this {
    const names = loadNames(arg);
    const readers = this.readers();
    for (const n of names) {
      if (!(n.split("/")[0] in readers))
        throw new Error(`fake: cannot load ${n} on ${this.constructor.name}`);
    }
    this.ctx.enqueue({
      bytes: 64,
      run: () => {
        const out: Record<string, unknown> = {};
        for (const n of names) {
          const top = n.split("/")[0];
          const v = readers[top]();
          this.loaded.set(top, v);
          out[top] = Array.isArray(v)
            ? v.map((x) => (x instanceof Loadable ? x.snapshot() : x))
            : v;
        }
        this.afterLoad();
        return out;
      },
    });
    return this;
  }

  protected afterLoad(): void {}

  /** The loaded values, as Office would send them back. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }

  protected got<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw officeError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name) as T;
  }
}

function loadNames(arg?: string | string[] | Record<string, unknown>): string[] {
  if (arg === undefined) throw new Error("fake: load() with no properties (load what you read)");
  const list =
    typeof arg === "string" ? arg.split(",") : Array.isArray(arg) ? arg : Object.keys(arg);
  return list.map((s) => s.trim()).filter(Boolean);
}

/** A proxy whose target may be missing: `*OrNullObject`. */
class Nullable extends Loadable {
  private nullKnown: boolean | undefined;
  constructor(
    ctx: FakeContext,
    private readonly exists: () => boolean,
  ) {
    super(ctx);
  }
  protected override afterLoad(): void {
    this.nullKnown = !this.exists();
  }
  get isNullObject(): boolean {
    if (this.nullKnown === undefined)
      throw officeError("PropertyNotLoaded", "isNullObject before sync");
    return this.nullKnown;
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly settings: FakeSettings;
  readonly application: FakeApplication;
  readonly styles: { getItem(name: string): { font: FakeNormalFont } };
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.settings = new FakeSettings(ctx);
    this.application = new FakeApplication(ctx);
    this.styles = {
      getItem: (name: string) => {
        if (name !== "Normal") throw new Error("fake: only the Normal style");
        return { font: new FakeNormalFont(ctx) };
      },
    };
  }
}

class FakeNormalFont extends Loadable {
  protected override readers() {
    return { name: () => "Calibri", size: () => 11 };
  }
  get name(): string {
    return this.got("name");
  }
  get size(): number {
    return this.got("size");
  }
}

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.write("app.suspendCalculation", null, () => {});
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.write("app.suspendScreenUpdating", null, () => {});
  }
  calculate(type: string): void {
    this.ctx.write(`app.calculate ${type}`, type, () => {});
  }
}

class FakeWorksheets extends Loadable {
  constructor(ctx: FakeContext) {
    super(ctx);
  }
  protected override readers() {
    return {
      items: () =>
        this.ctx.excel.sheets.map((s) => {
          const ws = new FakeWorksheet(this.ctx, () => s);
          ws.preload({ name: s.name, position: this.ctx.excel.sheets.indexOf(s), id: s.id });
          return ws;
        }),
    };
  }
  get items(): FakeWorksheet[] {
    return this.got("items");
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.need(name));
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.find(name) ?? null);
  }
  add(name: string): FakeWorksheet {
    let made: FakeSheet | null = null;
    this.ctx.write(`sheet.add ${name}`, name, () => {
      made = this.ctx.excel.newSheet(name);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!made) throw new Error("fake: sheet used before it was added");
      return made;
    });
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly target: () => FakeSheet | null,
  ) {
    super(ctx);
  }
  private get model(): FakeSheet {
    const s = this.target();
    if (!s) throw officeError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }
  /** For collection items, which Office returns with the loaded properties. */
  preload(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }
  protected override readers() {
    return {
      name: () => this.target()?.name,
      position: () => (this.target() ? this.ctx.excel.sheets.indexOf(this.model) : undefined),
      id: () => this.target()?.id,
      showGridlines: () => this.target()?.showGridlines,
      tabColor: () => this.target()?.tabColor,
      standardHeight: () => STANDARD_HEIGHT,
    };
  }
  protected override afterLoad(): void {
    this.nullKnown = this.target() === null;
  }
  private nullKnown: boolean | undefined;
  get isNullObject(): boolean {
    if (this.nullKnown === undefined)
      throw officeError("PropertyNotLoaded", "isNullObject before sync");
    return this.nullKnown;
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.ctx.write(`sheet.rename ${v}`, v, () => {
      checkName(this.ctx.excel, v, this.model);
      this.model.name = v;
    });
  }
  get position(): number {
    return this.got("position");
  }
  set position(p: number) {
    this.ctx.write(`sheet.position ${p}`, p, () => {
      const list = this.ctx.excel.sheets;
      const s = this.model;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(p, list.length), 0, s);
    });
  }
  get id(): string {
    return this.got("id");
  }
  get showGridlines(): boolean {
    return this.got("showGridlines");
  }
  set showGridlines(v: boolean) {
    this.ctx.write("showGridlines", v, () => (this.model.showGridlines = v));
  }
  get tabColor(): string {
    return this.got("tabColor");
  }
  set tabColor(v: string) {
    this.ctx.write("tabColor", v, () => (this.model.tabColor = v));
  }
  get standardHeight(): number {
    return this.got("standardHeight");
  }
  delete(): void {
    this.ctx.write("sheet.delete", null, () => {
      const list = this.ctx.excel.sheets;
      if (list.length === 1) throw officeError("InvalidOperation", "a workbook needs a sheet");
      list.splice(list.indexOf(this.model), 1);
    });
  }
  activate(): void {
    this.ctx.write("sheet.activate", null, () => (this.ctx.excel.active = this.model.name));
  }
  calculate(markAllDirty: boolean): void {
    this.ctx.write(`sheet.calculate ${markAllDirty}`, markAllDirty, () => void this.model);
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this, () => (address ? parseAddress(address) : all()));
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    if (rows <= 0 || columns <= 0) throw new Error(`fake: empty range ${rows}×${columns}`);
    return new FakeRange(this.ctx, this, () => ({ row, column, rows, columns }));
  }
  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, this, () => this.model.used(valuesOnly === true), true);
  }
  get customProperties() {
    return new FakeProperties(this.ctx, () => this.model);
  }
  get pageLayout() {
    return new FakePageLayout(this.ctx, () => this.model);
  }
  get freezePanes() {
    return new FakeFreezePanes(this.ctx, () => this.model);
  }
  get horizontalPageBreaks() {
    return new FakePageBreaks(this.ctx, () => this.model);
  }
  get names() {
    const ctx = this.ctx;
    return {
      add: (name: string, reference: FakeRange) =>
        ctx.write(`names.add ${name}`, [name], () => {
          const sheet = this.model;
          const key = name.toLowerCase();
          if ([...sheet.names.keys()].some((k) => k.toLowerCase() === key))
            throw officeError("ItemAlreadyExists", `name ${name} exists`);
          sheet.names.set(name, reference.addressText());
        }),
    };
  }
  get onChanged() {
    const ctx = this.ctx;
    return {
      add: (handler: (e: unknown) => Promise<unknown>) => {
        ctx.write("onChanged.add", null, () => this.model.handlers.add(handler));
        return {
          context: ctx,
          remove: () =>
            ctx.write("onChanged.remove", null, () => this.model.handlers.delete(handler)),
        };
      },
    };
  }
  sheetModel(): FakeSheet {
    return this.model;
  }
}

/** A client result: `value` after the sync. */
class FakeResult<T> {
  private done = false;
  private v: T | undefined;
  set(v: T) {
    this.v = v;
    this.done = true;
  }
  get value(): T {
    if (!this.done) throw officeError("PropertyNotLoaded", "ClientResult.value before sync");
    return this.v as T;
  }
}

function all(): Box {
  return { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS };
}

/** A1 reference of a box: `A1:B2`, `$1:$2` whole rows, `$A:$B` whole columns. */
export function boxAddress(b: Box, absolute = false): string {
  const d = absolute ? "$" : "";
  if (b.columns === MAX_COLUMNS && b.column === 0) return `${d}${b.row + 1}:${d}${b.row + b.rows}`;
  if (b.rows === MAX_ROWS && b.row === 0) {
    return `${d}${columnLetters(b.column)}:${d}${columnLetters(b.column + b.columns - 1)}`;
  }
  const a = `${d}${columnLetters(b.column)}${d}${b.row + 1}`;
  if (b.rows === 1 && b.columns === 1) return a;
  return `${a}:${d}${columnLetters(b.column + b.columns - 1)}${d}${b.row + b.rows}`;
}

function qualified(sheet: FakeSheet, b: Box, absolute = false): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name)
    ? sheet.name
    : `'${sheet.name.replace(/'/g, "''")}'`;
  return `${name}!${boxAddress(b, absolute)}`;
}

/** A box of an A1 address (`A1`, `A1:B2`, `$A$1`, `A:B`, `1:2`, optionally `Sheet!`). */
export function parseAddress(address: string): Box {
  const a = address
    .slice(address.lastIndexOf("!") + 1)
    .replace(/\$/g, "")
    .toUpperCase();
  const [p, q = p] = a.split(":");
  const cell = (s: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(s);
    if (!m) throw officeError("InvalidArgument", `bad address ${address}`);
    return { col: m[1] ? columnNumber(m[1]) - 1 : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const x = cell(p);
  const y = cell(q);
  const r0 = x.row ?? 0;
  const r1 = y.row ?? MAX_ROWS - 1;
  const c0 = x.col ?? 0;
  const c1 = y.col ?? MAX_COLUMNS - 1;
  return { row: r0, column: c0, rows: r1 - r0 + 1, columns: c1 - c0 + 1 };
}

function cellsOf(b: Box, f: (r: number, c: number) => void): void {
  for (let r = b.row; r < b.row + b.rows; r++)
    for (let c = b.column; c < b.column + b.columns; c++) f(r, c);
}

/** Excel's reading of typed input (enough of it to show what Text format prevents). */
function typed(text: string): FakeCell["value"] | { formula: string } {
  const t = text.trim();
  const number = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$/i.test(t);
  if (text.length > 1 && (text[0] === "=" || (/^[+\-@]/.test(text) && !number))) {
    return { formula: text };
  }
  if (number) {
    const n = Number(t.replace("%", ""));
    return t.endsWith("%") ? n / 100 : n;
  }
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  if (/^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/.test(t)) return { error: t };
  return text;
}

class FakeRange extends Nullable {
  constructor(
    ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly box: () => Box | null,
    orNull = false,
  ) {
    super(ctx, () => (orNull ? this.box() !== null : true));
  }
  private get sheet(): FakeSheet {
    return this.ws.sheetModel();
  }
  private b(): Box {
    const b = this.box();
    if (!b) throw officeError("ItemNotFound", "null range");
    return b;
  }
  private grid(f: (r: number, c: number) => unknown): unknown[][] | undefined {
    const b = this.box();
    if (!b) return undefined;
    if (b.rows * b.columns > 5_000_000)
      throw officeError("OperationCellsExceedLimit", "too many cells");
    const out: unknown[][] = [];
    for (let r = b.row; r < b.row + b.rows; r++) {
      const row: unknown[] = [];
      for (let c = b.column; c < b.column + b.columns; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }
  protected override readers() {
    const b = () => this.box();
    return {
      address: () => (b() ? qualified(this.sheet, b()!, true) : undefined),
      rowIndex: () => b()?.row,
      columnIndex: () => b()?.column,
      rowCount: () => b()?.rows,
      columnCount: () => b()?.columns,
      values: () => this.grid((r, c) => this.sheet.valueAt(r, c)),
      formulas: () =>
        this.grid((r, c) => {
          const cell = this.sheet.cell(r, c);
          return cell?.formula ?? this.sheet.valueAt(r, c);
        }),
      numberFormat: () => this.grid((r, c) => this.sheet.cell(r, c)?.numberFormat ?? "General"),
      valueTypes: () =>
        this.grid((r, c) => {
          const v = this.sheet.cell(r, c)?.value;
          if (v === undefined) return this.sheet.cell(r, c)?.formula ? "Double" : "Empty";
          if (typeof v === "object") return "Error";
          return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
        }),
    };
  }
  get address(): string {
    return this.got("address");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  get values(): unknown[][] {
    return this.got("values");
  }
  set values(v: unknown) {
    this.enter("values", v);
  }
  get formulas(): unknown[][] {
    return this.got("formulas");
  }
  set formulas(v: unknown) {
    this.enter("formulas", v);
  }
  get valueTypes(): string[][] {
    return this.got("valueTypes");
  }
  get numberFormat(): unknown[][] {
    return this.got("numberFormat");
  }
  /**
   * Takes only the typed form, a 2-D array of the range's shape (`numberFormat: any[][]`); a bare
   * string or a wrong shape fails at the sync with InvalidArgument. Logged with the format when
   * every cell gets the same one.
   */
  set numberFormat(v: unknown) {
    const grid = Array.isArray(v) ? (v as unknown[][]) : null;
    const first = grid?.[0]?.[0];
    const uniform = grid !== null && grid.every((row) => row.every((f) => f === first));
    this.ctx.write(
      `numberFormat ${this.label()} ${uniform ? String(first) : grid ? "[grid]" : `(not a 2-D array) ${String(v)}`}`,
      v,
      () => {
        const b = this.b();
        if (
          !grid ||
          grid.length !== b.rows ||
          grid.some((row) => !Array.isArray(row) || row.length !== b.columns)
        ) {
          throw officeError(
            "InvalidArgument",
            `numberFormat of ${this.label()} takes a ${b.rows}×${b.columns} array`,
          );
        }
        cellsOf(b, (r, c) => {
          const f = grid[r - b.row][c - b.column];
          if (f !== null && f !== undefined) this.sheet.touch(r, c).numberFormat = String(f);
        });
      },
    );
  }
  private label(): string {
    const b = this.box();
    return b ? boxAddress(b) : "?";
  }
  /** The range's address as text, for the fake's own records. */
  addressText(): string {
    return this.label();
  }
  private enter(kind: "values" | "formulas", v: unknown): void {
    this.ctx.write(`${kind} ${this.label()}`, v, () => {
      const b = this.b();
      if (
        Array.isArray(v) &&
        (v.length !== b.rows || v.some((row) => !Array.isArray(row) || row.length !== b.columns))
      ) {
        throw officeError("InvalidArgument", `${kind}: array size does not match ${boxAddress(b)}`);
      }
      cellsOf(b, (r, c) => {
        const x = Array.isArray(v) ? (v as unknown[][])[r - b.row][c - b.column] : v;
        if (x === null || x === undefined) return;
        const cell = this.sheet.touch(r, c);
        delete cell.formula;
        if (typeof x === "string") {
          if (x === "") {
            delete cell.value;
            return;
          }
          if (cell.numberFormat === "@") {
            cell.value = x;
            return;
          }
          const t = typed(x);
          if (typeof t === "object" && t !== null && "formula" in t) {
            cell.formula = t.formula;
            delete cell.value;
          } else cell.value = t;
        } else if (typeof x === "number" || typeof x === "boolean") cell.value = x;
        else throw officeError("InvalidArgument", `${kind}: bad value ${JSON.stringify(x)}`);
      });
    });
  }
  get format(): FakeFormat {
    return new FakeFormat(this.ctx, this.ws, () => this.b());
  }
  merge(across?: boolean): void {
    this.ctx.write(`merge ${this.label()}`, across ?? false, () => {
      const b = this.b();
      if (this.sheet.merges.some((m) => overlaps(m, b)))
        throw officeError("InvalidOperation", "merge overlaps");
      this.sheet.merges.push(b);
      cellsOf(b, (r, c) => {
        if (r === b.row && c === b.column) return;
        const cell = this.sheet.cell(r, c);
        if (cell) {
          delete cell.value;
          delete cell.formula;
        }
      });
    });
  }
  select(): void {
    this.ctx.write(`select ${this.label()}`, null, () => {
      const b = this.b();
      this.ctx.excel.selection = { sheet: this.sheet.name, row: b.row + 1, column: b.column + 1 };
    });
  }
  getMergedAreasOrNullObject(): FakeMergedAreas {
    return new FakeMergedAreas(this.ctx, () => {
      const b = this.b();
      const areas = this.sheet.merges.filter((m) => overlaps(m, b));
      return areas.length ? areas.map((m) => qualified(this.sheet, m, true)).join(",") : null;
    });
  }
  getCellProperties(_options: unknown): FakeResult<unknown[][]> {
    const result = new FakeResult<unknown[][]>();
    this.ctx.enqueue({
      bytes: 256,
      run: () => {
        const v = this.grid((r, c) => cellProperties(this.sheet.cell(r, c)))!;
        result.set(v);
        return v;
      },
    });
    return result;
  }
  getRowProperties(_options: unknown): FakeResult<unknown[]> {
    const result = new FakeResult<unknown[]>();
    this.ctx.enqueue({
      bytes: 128,
      run: () => {
        const b = this.b();
        const v = Array.from({ length: b.rows }, (_, k) => {
          const h = this.sheet.heights.get(b.row + k);
          return {
            rowIndex: b.row + k,
            format: { rowHeight: h ?? STANDARD_HEIGHT, useStandardHeight: h === undefined },
          };
        });
        result.set(v);
        return v;
      },
    });
    return result;
  }
  getColumnProperties(_options: unknown): FakeResult<unknown[]> {
    const result = new FakeResult<unknown[]>();
    this.ctx.enqueue({
      bytes: 128,
      run: () => {
        const b = this.b();
        const v = Array.from({ length: b.columns }, (_, k) => ({
          columnIndex: b.column + k,
          format: { columnWidth: this.sheet.widths.get(b.column + k) ?? STANDARD_WIDTH },
        }));
        result.set(v);
        return v;
      },
    });
    return result;
  }
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

function cellProperties(cell: FakeCell | undefined) {
  const border = (b?: FakeBorder) => ({
    style: b?.style ?? "None",
    weight: b?.weight ?? "Thin",
    color: "#000000",
  });
  return {
    format: {
      font: {
        bold: cell?.font?.bold ?? false,
        italic: cell?.font?.italic ?? false,
        underline: cell?.font?.underline ?? "None",
        size: cell?.font?.size ?? 11,
        name: cell?.font?.name ?? "Calibri",
        color: cell?.font?.color ?? "#000000",
      },
      fill: cell?.fill
        ? { color: cell.fill, pattern: "Solid" }
        : { color: "#FFFFFF", pattern: "None" },
      horizontalAlignment: cell?.horizontalAlignment ?? "General",
      verticalAlignment: cell?.verticalAlignment ?? "Bottom",
      wrapText: cell?.wrapText ?? false,
      borders: {
        top: border(cell?.borders?.top),
        bottom: border(cell?.borders?.bottom),
        left: border(cell?.borders?.left),
        right: border(cell?.borders?.right),
      },
    },
  };
}

class FakeMergedAreas extends Nullable {
  constructor(
    ctx: FakeContext,
    private readonly addr: () => string | null,
  ) {
    super(ctx, () => addr() !== null);
  }
  protected override readers() {
    return { address: () => this.addr() ?? undefined };
  }
  get address(): string {
    return this.got("address");
  }
}

class FakeFormat {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly box: () => Box,
  ) {}
  private each(
    label: string,
    v: unknown,
    f: (cell: FakeCell, r: number, c: number, b: Box) => void,
  ) {
    this.ctx.write(label, v, () => {
      const b = this.box();
      const sheet = this.ws.sheetModel();
      cellsOf(b, (r, c) => f(sheet.touch(r, c), r, c, b));
    });
  }
  get font() {
    const set = (k: keyof NonNullable<FakeCell["font"]>) => (v: unknown) =>
      this.each(`font.${k} ${boxAddress(this.box())} ${String(v)}`, v, (cell) => {
        cell.font = { ...cell.font, [k]: v };
      });
    return {
      set bold(v: boolean) {
        set("bold")(v);
      },
      set italic(v: boolean) {
        set("italic")(v);
      },
      set underline(v: string) {
        set("underline")(v);
      },
      set size(v: number) {
        set("size")(v);
      },
      set name(v: string) {
        set("name")(v);
      },
      set color(v: string) {
        set("color")(v);
      },
    };
  }
  get fill() {
    const each = this.each.bind(this);
    const box = this.box;
    return {
      set color(v: string) {
        each(`fill.color ${boxAddress(box())} ${v}`, v, (cell) => (cell.fill = v));
      },
    };
  }
  set horizontalAlignment(v: string) {
    this.each(
      `horizontalAlignment ${boxAddress(this.box())}`,
      v,
      (cell) => (cell.horizontalAlignment = v),
    );
  }
  set verticalAlignment(v: string) {
    this.each(
      `verticalAlignment ${boxAddress(this.box())}`,
      v,
      (cell) => (cell.verticalAlignment = v),
    );
  }
  set wrapText(v: boolean) {
    this.each(`wrapText ${boxAddress(this.box())}`, v, (cell) => (cell.wrapText = v));
  }
  set columnWidth(v: number) {
    this.ctx.write(`columnWidth ${boxAddress(this.box())} ${v}`, v, () => {
      const b = this.box();
      for (let c = b.column; c < b.column + b.columns; c++) this.ws.sheetModel().widths.set(c, v);
    });
  }
  set rowHeight(v: number) {
    this.ctx.write(`rowHeight ${boxAddress(this.box())} ${v}`, v, () => {
      const b = this.box();
      for (let r = b.row; r < b.row + b.rows; r++) this.ws.sheetModel().heights.set(r, v);
    });
  }
  get borders() {
    return {
      getItem: (edge: string) => {
        const apply = (k: "style" | "weight") => (v: string) =>
          this.each(`border.${edge}.${k} ${boxAddress(this.box())} ${v}`, v, (cell, r, c, b) => {
            const sides: ("top" | "bottom" | "left" | "right")[] = [];
            const last = { r: b.row + b.rows - 1, c: b.column + b.columns - 1 };
            if (edge === "EdgeTop" && r === b.row) sides.push("top");
            if (edge === "EdgeBottom" && r === last.r) sides.push("bottom");
            if (edge === "EdgeLeft" && c === b.column) sides.push("left");
            if (edge === "EdgeRight" && c === last.c) sides.push("right");
            if (edge === "InsideHorizontal") {
              if (r < last.r) sides.push("bottom");
              if (r > b.row) sides.push("top");
            }
            if (edge === "InsideVertical") {
              if (c < last.c) sides.push("right");
              if (c > b.column) sides.push("left");
            }
            if (!sides.length) return;
            cell.borders = { ...cell.borders };
            for (const s of sides)
              cell.borders[s] = { ...(cell.borders[s] ?? { style: "None" }), [k]: v };
          });
        return {
          set style(v: string) {
            apply("style")(v);
          },
          set weight(v: string) {
            apply("weight")(v);
          },
        };
      },
    };
  }
}

class FakeProperties {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  add(key: string, value: string): void {
    this.ctx.write(`sheet.property ${key}=${value}`, [key, value], () =>
      this.sheet().properties.set(key.toLowerCase(), { key, value }),
    );
  }
  getItemOrNullObject(key: string) {
    return new FakeItem(this.ctx, () => this.sheet().properties.get(key.toLowerCase()) ?? null);
  }
}

class FakeItem extends Nullable {
  constructor(
    ctx: FakeContext,
    private readonly item: () => { key: string; value: unknown } | null,
  ) {
    super(ctx, () => item() !== null);
  }
  protected override readers() {
    return { value: () => this.item()?.value, key: () => this.item()?.key };
  }
  get value(): unknown {
    return this.got("value");
  }
  get key(): string {
    return this.got("key");
  }
}

class FakeSettings {
  constructor(private readonly ctx: FakeContext) {}
  add(key: string, value: unknown): void {
    this.ctx.write(`settings.add ${key}`, [key, value], () =>
      this.ctx.excel.settings.set(key.toLowerCase(), { key, value }),
    );
  }
  getItemOrNullObject(key: string) {
    return new FakeItem(this.ctx, () => this.ctx.excel.settings.get(key.toLowerCase()) ?? null);
  }
}

class FakePageLayout extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    for (const k of Object.keys(new FakeSheet("", "").page)) {
      Object.defineProperty(this, k, {
        get: () => this.got(k),
        set: (v: unknown) =>
          this.ctx.write(`page.${k} ${JSON.stringify(v)}`, v, () => (this.sheet().page[k] = v)),
      });
    }
  }
  protected override readers() {
    const out: Record<string, () => unknown> = {};
    for (const k of Object.keys(new FakeSheet("", "").page)) out[k] = () => this.sheet().page[k];
    return out;
  }
  get headersFooters() {
    const ctx = this.ctx;
    const sheet = this.sheet;
    return { defaultForAllPages: new FakeHeaderFooter(ctx, sheet) };
  }
  setPrintArea(area: string): void {
    this.ctx.write(
      `page.printArea ${area}`,
      area,
      () => (this.sheet().printArea = parseAddress(area)),
    );
  }
  setPrintTitleRows(rows: string): void {
    this.ctx.write(`page.titleRows ${rows}`, rows, () => {
      const b = parseAddress(rows);
      this.sheet().titleRows = [b.row + 1, b.row + b.rows];
    });
  }
  getPrintAreaOrNullObject() {
    return new FakeMergedAreas(this.ctx, () => {
      const a = this.sheet().printArea;
      return a ? qualified(this.sheet(), a, true) : null;
    });
  }
  getPrintTitleRowsOrNullObject() {
    return new FakeMergedAreas(this.ctx, () => {
      const t = this.sheet().titleRows;
      return t
        ? qualified(
            this.sheet(),
            { row: t[0] - 1, column: 0, rows: t[1] - t[0] + 1, columns: MAX_COLUMNS },
            true,
          )
        : null;
    });
  }
}

class FakeHeaderFooter extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    for (const k of Object.keys(new FakeSheet("", "").headerFooter)) {
      Object.defineProperty(this, k, {
        get: () => this.got(k),
        set: (v: string) =>
          this.ctx.write(`page.${k} ${v}`, v, () => (this.sheet().headerFooter[k] = v)),
      });
    }
  }
  protected override readers() {
    const out: Record<string, () => unknown> = {};
    for (const k of Object.keys(new FakeSheet("", "").headerFooter))
      out[k] = () => this.sheet().headerFooter[k];
    return out;
  }
}

class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  freezeRows(n: number): void {
    this.ctx.write(`freezeRows ${n}`, n, () => (this.sheet().freeze = { rows: n, columns: 0 }));
  }
  freezeColumns(n: number): void {
    this.ctx.write(`freezeColumns ${n}`, n, () => (this.sheet().freeze = { rows: 0, columns: n }));
  }
  freezeAt(range: FakeRange | string): void {
    this.ctx.write("freezeAt", typeof range === "string" ? range : "range", () => {
      const b =
        typeof range === "string" ? parseAddress(range) : parseAddress(rangeAddressNow(range));
      this.sheet().freeze = { rows: b.row + b.rows, columns: b.column + b.columns };
    });
  }
  getLocationOrNullObject() {
    return new FakeMergedAreas(this.ctx, () => {
      const f = this.sheet().freeze;
      if (!f) return null;
      const b: Box =
        f.columns === 0
          ? { row: 0, column: 0, rows: f.rows, columns: MAX_COLUMNS }
          : f.rows === 0
            ? { row: 0, column: 0, rows: MAX_ROWS, columns: f.columns }
            : { row: 0, column: 0, rows: f.rows, columns: f.columns };
      return qualified(this.sheet(), b, true);
    });
  }
}

/** The box of a fake range at apply time (for freezeAt with a range argument). */
function rangeAddressNow(range: FakeRange): string {
  return boxAddress((range as unknown as { b(): Box }).b());
}

class FakePageBreaks extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected override readers() {
    return { items: () => this.sheet().breaks.map((rowIndex) => ({ rowIndex, columnIndex: 0 })) };
  }
  get items(): { rowIndex: number }[] {
    return this.got("items");
  }
  add(at: string): void {
    this.ctx.write(`pageBreak ${at}`, at, () => {
      const row = parseAddress(at).row;
      const list = this.sheet().breaks;
      if (!list.includes(row)) list.push(row);
      list.sort((a, b) => a - b);
    });
  }
  removePageBreaks(): void {
    this.ctx.write("pageBreak.removeAll", null, () => {
      this.sheet().breaks.length = 0;
    });
  }
}
