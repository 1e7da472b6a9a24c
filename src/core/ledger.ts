/**
 * The receivables model, held column by column.
 *
 * A full sheet has 1,048,576 rows; an object per row with string dates would cost more to build
 * than the whole analysis. So the ledger is a set of typed arrays (one per field) plus small
 * dictionaries for customers, salespeople, currencies and sources. Readers fill it through
 * `LedgerBuilder`, row by row; the engine reads the columns.
 *
 * Sentinels: a missing date is 0 (serial 0 is not a date), a missing number is NaN, a missing
 * dictionary reference is -1.
 */
import type { Serial } from "./dates";
import type { CurrencyCode, Minor } from "./money";
import type { SourceRef } from "./problems";

/** Bit flags of an item. */
export const ItemFlag = {
  disputed: 1,
  creditNote: 2,
} as const;

/** One receivable as a reader hands it over. Dates are serials or null; money in minor units. */
export interface ItemInput {
  /** Invoice or document number, as text (leading zeros kept). */
  ref: string | null;
  /** Customer code or name, as the sheet has it. */
  customer: string;
  /** The customer's name, when the sheet has a name column beside the code. */
  customerName?: string | null;
  currency: CurrencyCode;
  invoiceDate: Serial | null;
  /** The explicit due date, if the sheet has one. */
  dueDate: Serial | null;
  /** Payment terms of this row, if the sheet has them. */
  terms?: Terms | null;
  /** Invoice amount; negative for a credit note. */
  amount: Minor;
  /** Amount received, as a column of the invoice sheet says (no separate payment rows). */
  paid?: Minor | null;
  /** Paid-in-full date, or the date of the `paid` amount. */
  settledDate?: Serial | null;
  salesperson?: string | null;
  disputed?: boolean;
  /** A promise-to-pay date: the item is held from dunning until it has passed. */
  promiseDate?: Serial | null;
  contract?: string | null;
  note?: string | null;
  source: SourceRef;
}

export interface PaymentInput {
  /** The invoice it pays, if named. */
  ref: string | null;
  /** The paying customer, if named; needed when no invoice is named. */
  customer: string | null;
  currency: CurrencyCode;
  /** Null: undated, counts as applied at any as-of date. */
  date: Serial | null;
  amount: Minor;
  source: SourceRef;
}

/** Payment terms: a number of days, counted from the invoice date or from its month's end (月结). */
export interface Terms {
  days: number;
  monthEnd: boolean;
}

export interface CustomerInput {
  code: string;
  name?: string | null;
  creditLimit?: Minor | null;
  /** Currency of the credit limit. */
  currency?: CurrencyCode;
  terms?: Terms | null;
  grade?: string | null;
  salesperson?: string | null;
  contact?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Never to be e-mailed (the list's "do not contact" flag). */
  doNotContact?: boolean;
  /** The list's language of the customer: "zh-CN", "en-US", or null when not said. */
  language?: "zh-CN" | "en-US" | null;
  source?: SourceRef | null;
}

export interface Customer {
  /** Index in `Ledger.customers`. */
  index: number;
  code: string;
  name: string | null;
  creditLimit: Minor | null;
  currency: CurrencyCode;
  terms: Terms | null;
  grade: string | null;
  /** Index in `Ledger.salespeople`, or -1. */
  salesperson: number;
  contact: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** Never to be e-mailed (the list's "do not contact" flag); absent when the list has none. */
  doNotContact?: boolean;
  /** The customer's language from the list; absent or null when not said. */
  language?: "zh-CN" | "en-US" | null;
  /** Whether a customer list described it (false: known only from invoices or payments). */
  listed: boolean;
  source: SourceRef | null;
}

export interface ItemColumns {
  length: number;
  ref: (string | null)[];
  customer: Int32Array;
  currency: Int32Array;
  invoiceDate: Int32Array;
  dueDate: Int32Array;
  /** Row terms in days, or -1. */
  termDays: Int32Array;
  termMonthEnd: Uint8Array;
  amount: Float64Array;
  /** Paid amount from the invoice row, or NaN. */
  paid: Float64Array;
  settledDate: Int32Array;
  promiseDate: Int32Array;
  flags: Uint8Array;
  /** Salesperson of the row, or -1 (then the customer's). */
  salesperson: Int32Array;
  contract: (string | null)[];
  note: (string | null)[];
  /** Index in `Ledger.sources` and the row number there. */
  sourceIndex: Int32Array;
  sourceRow: Int32Array;
}

export interface PaymentColumns {
  length: number;
  ref: (string | null)[];
  /** The item it names, resolved by the builder, or -1. */
  item: Int32Array;
  /** Customer index, or -1. */
  customer: Int32Array;
  currency: Int32Array;
  date: Int32Array;
  amount: Float64Array;
  sourceIndex: Int32Array;
  sourceRow: Int32Array;
}

export interface Ledger {
  items: ItemColumns;
  payments: PaymentColumns;
  customers: Customer[];
  salespeople: string[];
  /** Index 0 is always `null`, the unnamed currency. */
  currencies: CurrencyCode[];
  /** Distinct (file, sheet) pairs. */
  sources: { file: string | null; sheet: string | null }[];
}

/** A growable typed-array column. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const int32 = () => new Column((n) => new Int32Array(n));
const float64 = () => new Column((n) => new Float64Array(n));

/**
 * The item columns while the builder fills them: arrays of `capacity` rows written in place, one
 * capacity check per item instead of one per column. A reader that knows its row count reserves
 * them up front (`reserveItems`), so a full sheet is stored without a copy on growth.
 */
type ItemStore = Omit<ItemColumns, "length"> & { capacity: number };

/** A copy of `a` with room for `n` values (n >= a.length). */
function resized<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  const out = new (a.constructor as new (n: number) => T)(n);
  out.set(a);
  return out;
}

/** A text column of `n` slots: the given values, then nulls (filled, so never holey reads). */
function resizedTexts(a: (string | null)[], n: number): (string | null)[] {
  const from = a.length;
  a.length = n;
  return a.fill(null, from);
}

function itemStore(capacity: number): ItemStore {
  return {
    capacity,
    ref: new Array<string | null>(capacity).fill(null),
    customer: new Int32Array(capacity),
    currency: new Int32Array(capacity),
    invoiceDate: new Int32Array(capacity),
    dueDate: new Int32Array(capacity),
    termDays: new Int32Array(capacity),
    termMonthEnd: new Uint8Array(capacity),
    amount: new Float64Array(capacity),
    paid: new Float64Array(capacity),
    settledDate: new Int32Array(capacity),
    promiseDate: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    salesperson: new Int32Array(capacity),
    contract: new Array<string | null>(capacity).fill(null),
    note: new Array<string | null>(capacity).fill(null),
    sourceIndex: new Int32Array(capacity),
    sourceRow: new Int32Array(capacity),
  };
}

function grownStore(s: ItemStore, capacity: number): ItemStore {
  return {
    capacity,
    ref: resizedTexts(s.ref, capacity),
    customer: resized(s.customer, capacity),
    currency: resized(s.currency, capacity),
    invoiceDate: resized(s.invoiceDate, capacity),
    dueDate: resized(s.dueDate, capacity),
    termDays: resized(s.termDays, capacity),
    termMonthEnd: resized(s.termMonthEnd, capacity),
    amount: resized(s.amount, capacity),
    paid: resized(s.paid, capacity),
    settledDate: resized(s.settledDate, capacity),
    promiseDate: resized(s.promiseDate, capacity),
    flags: resized(s.flags, capacity),
    salesperson: resized(s.salesperson, capacity),
    contract: resizedTexts(s.contract, capacity),
    note: resizedTexts(s.note, capacity),
    sourceIndex: resized(s.sourceIndex, capacity),
    sourceRow: resized(s.sourceRow, capacity),
  };
}

/** The first n values of a text column (the builder's array, cut to length). */
function firstTexts(a: (string | null)[], n: number): (string | null)[] {
  a.length = n;
  return a;
}

/**
 * The first n values of a column, as the ledger keeps them: the array itself when full, a view
 * when only a few slots are left over (a reserve that counted skipped rows), else a copy.
 */
function firstOf<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  if (n === a.length) return a;
  return (a.length - n <= n >> 6 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** Case-, width- and space-insensitive key for matching customer names and invoice numbers. */
export function matchKey(text: string): string {
  // Fast path for the usual code or number: printable ASCII, no spaces; without lower-case
  // letters it is its own key (no new string).
  let plain = text.length > 0;
  let lower = false;
  for (let k = 0; k < text.length && plain; k++) {
    const ch = text.charCodeAt(k);
    plain = ch > 0x20 && ch < 0x7f;
    if (ch >= 0x61 && ch <= 0x7a) lower = true;
  }
  if (plain) return lower ? text.toUpperCase() : text;
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toUpperCase();
}

/**
 * Collects items, payments and customers, interning names, and builds a `Ledger`.
 * Customers are matched by code first, then by name (an invoice sheet may name customers either way).
 */
export class LedgerBuilder {
  private readonly customers: Customer[] = [];
  private readonly customerByKey = new Map<string, number>();
  /** The same lookup by the text exactly as given, to skip normalising repeated names. */
  private readonly customerByText = new Map<string, number>();
  private readonly salespeople: string[] = [];
  private readonly salespersonByKey = new Map<string, number>();
  private readonly salespersonByText = new Map<string, number>();
  private readonly currencies: CurrencyCode[] = [null];
  private readonly sources: { file: string | null; sheet: string | null }[] = [];
  private readonly sourceByKey = new Map<string, number>();

  private item: ItemStore = itemStore(1024);
  private items = 0;

  private readonly payment = {
    ref: [] as (string | null)[],
    item: int32(),
    customer: int32(),
    currency: int32(),
    date: int32(),
    amount: float64(),
    sourceIndex: int32(),
    sourceRow: int32(),
  };

  /** Adds or completes a customer from a customer list. Returns its index. */
  addCustomer(input: CustomerInput): number {
    const existing =
      this.findCustomer(input.code) ?? (input.name ? this.findCustomer(input.name) : undefined);
    const index = existing ?? this.newCustomer(input.code);
    const c = this.customers[index];
    c.name = input.name ?? c.name;
    c.creditLimit = input.creditLimit ?? c.creditLimit;
    c.currency = input.currency ?? c.currency;
    if (c.currency !== null) this.currencyIndex(c.currency);
    c.terms = input.terms ?? c.terms;
    c.grade = input.grade ?? c.grade;
    if (input.salesperson) c.salesperson = this.salespersonIndex(input.salesperson);
    c.contact = input.contact ?? c.contact;
    c.address = input.address ?? c.address;
    c.phone = input.phone ?? c.phone;
    c.email = input.email ?? c.email;
    if (input.doNotContact !== undefined) c.doNotContact = input.doNotContact || c.doNotContact;
    if (input.language) c.language = input.language;
    c.listed = true;
    c.source = input.source ?? c.source;
    if (input.name) this.customerByKey.set(matchKey(input.name), index);
    return index;
  }

  /** The index of the customer with this code or name, if known. */
  findCustomer(codeOrName: string): number | undefined {
    return this.customerByKey.get(matchKey(codeOrName));
  }

  /** Whether a customer list has described this customer. */
  isListed(index: number): boolean {
    return this.customers[index].listed;
  }

  private newCustomer(code: string): number {
    const index = this.customers.length;
    this.customers.push({
      index,
      code: code.trim(),
      name: null,
      creditLimit: null,
      currency: null,
      terms: null,
      grade: null,
      salesperson: -1,
      contact: null,
      address: null,
      phone: null,
      email: null,
      listed: false,
      source: null,
    });
    this.customerByKey.set(matchKey(code), index);
    return index;
  }

  private customerIndex(codeOrName: string): number {
    let index = this.customerByText.get(codeOrName);
    if (index === undefined) {
      index = this.findCustomer(codeOrName) ?? this.newCustomer(codeOrName);
      this.customerByText.set(codeOrName, index);
    }
    return index;
  }

  private salespersonIndex(name: string): number {
    // Each text as written is matched once: a million rows name a few dozen salespeople.
    let index = this.salespersonByText.get(name);
    if (index === undefined) {
      index = this.salespersonIndexByKey(name);
      this.salespersonByText.set(name, index);
    }
    return index;
  }

  private salespersonIndexByKey(name: string): number {
    const key = matchKey(name);
    let index = this.salespersonByKey.get(key);
    if (index === undefined) {
      index = this.salespeople.length;
      this.salespeople.push(name.trim());
      this.salespersonByKey.set(key, index);
    }
    return index;
  }

  currencyIndex(code: CurrencyCode): number {
    let index = this.currencies.indexOf(code);
    if (index < 0) {
      index = this.currencies.length;
      this.currencies.push(code);
    }
    return index;
  }

  private lastSource: { file: string | null; sheet: string | null; index: number } | null = null;

  private sourceIndex(source: SourceRef): number {
    // Rows come sheet by sheet: the last source is nearly always the one.
    const last = this.lastSource;
    if (last !== null && last.file === source.file && last.sheet === source.sheet)
      return last.index;
    const index = this.sourceIndexByKey(source);
    this.lastSource = { file: source.file, sheet: source.sheet, index };
    return index;
  }

  private sourceIndexByKey(source: SourceRef): number {
    const key = `${source.file ?? ""}\u0000${source.sheet ?? ""}`;
    let index = this.sourceByKey.get(key);
    if (index === undefined) {
      index = this.sources.length;
      this.sources.push({ file: source.file, sheet: source.sheet });
      this.sourceByKey.set(key, index);
    }
    return index;
  }

  /** The customer index for a code or name, creating an unlisted customer if new. */
  customerIndexOf(codeOrName: string): number {
    return this.customerIndex(codeOrName);
  }

  /** Customer and currency index of an item added so far. */
  itemCustomer(item: number): number {
    return this.item.customer[item];
  }

  /** Source row of an item added so far. */
  itemRow(item: number): number {
    return this.item.sourceRow[item];
  }

  itemCurrency(item: number): CurrencyCode {
    return this.currencies[this.item.currency[item]];
  }

  /** Amount, row-paid amount (NaN when none) and settled date (0 when none) of an item added so far. */
  itemMoney(item: number): { amount: number; paid: number; settled: number } {
    const it = this.item;
    return {
      amount: it.amount[item],
      paid: it.paid[item],
      settled: it.settledDate[item],
    };
  }

  /** Records an amount received on an item after the fact (a status column saying "paid"). */
  setItemPaid(item: number, paid: Minor): void {
    this.item.paid[item] = paid;
  }

  /** Sets the currency of an item added so far (a sheet's currency learnt from its marks). */
  setItemCurrency(item: number, code: CurrencyCode): void {
    this.item.currency[item] = this.currencyIndex(code);
  }

  /** Sets the currency of a payment added so far. */
  setPaymentCurrency(payment: number, code: CurrencyCode): void {
    this.payment.currency.data[payment] = this.currencyIndex(code);
  }

  get paymentCount(): number {
    return this.payment.amount.length;
  }

  paymentCurrency(payment: number): CurrencyCode {
    return this.currencies[this.payment.currency.data[payment]];
  }

  customerAt(index: number): Customer {
    return this.customers[index];
  }

  get itemCount(): number {
    return this.items;
  }

  /**
   * Makes room for `count` more items, so that adding them copies no column: a reader that
   * knows how many rows a sheet has says so before adding its items (an over-count costs only
   * the unused slots).
   */
  reserveItems(count: number): void {
    const need = this.items + count;
    if (need > this.item.capacity) this.item = grownStore(this.item, need);
  }

  /** The index the next item gets, its room made (the columns doubled when full). */
  private nextItem(): number {
    const index = this.items;
    if (index === this.item.capacity) this.item = grownStore(this.item, 2 * index);
    this.items = index + 1;
    return index;
  }

  /** Adds an item; returns its index. */
  addItem(input: ItemInput): number {
    const customer = this.customerIndex(input.customer);
    if (input.customerName) this.nameCustomer(customer, input.customerName);
    const index = this.nextItem();
    const it = this.item;
    it.ref[index] = input.ref;
    it.customer[index] = customer;
    it.currency[index] = this.currencyIndex(input.currency);
    it.invoiceDate[index] = input.invoiceDate ?? 0;
    it.dueDate[index] = input.dueDate ?? 0;
    it.termDays[index] = input.terms ? input.terms.days : -1;
    it.termMonthEnd[index] = input.terms?.monthEnd ? 1 : 0;
    it.amount[index] = input.amount;
    it.paid[index] = input.paid ?? NaN;
    it.settledDate[index] = input.settledDate ?? 0;
    it.promiseDate[index] = input.promiseDate ?? 0;
    it.flags[index] =
      (input.disputed ? ItemFlag.disputed : 0) | (input.amount < 0 ? ItemFlag.creditNote : 0);
    it.salesperson[index] = input.salesperson ? this.salespersonIndex(input.salesperson) : -1;
    it.contract[index] = input.contract ?? null;
    it.note[index] = input.note ?? null;
    it.sourceIndex[index] = this.sourceIndex(input.source);
    it.sourceRow[index] = input.source.row;
    return index;
  }

  /** A name column beside the code: the customer's name, when it has none yet. */
  private nameCustomer(customer: number, name: string): void {
    if (this.customers[customer].name !== null) return;
    this.customers[customer].name = name.trim();
    if (!this.findCustomer(name)) this.customerByKey.set(matchKey(name), customer);
  }

  /** The salesperson index for a name as written (created if new): as `addItem` resolves it. */
  salespersonIndexOf(name: string): number {
    return this.salespersonIndex(name);
  }

  /** The index of a row's (file, sheet): as `addItem` resolves it. */
  sourceIndexOf(source: SourceRef): number {
    return this.sourceIndex(source);
  }

  /**
   * As `addItem`, for a reader that resolved the row's customer (`customerIndexOf`), currency
   * (`currencyIndex`), salesperson (`salespersonIndexOf`, or -1) and source (`sourceIndexOf`)
   * itself: the same columns, without an input object per row. Dates are serials or 0, terms
   * days -1 when none, `paid` NaN when none.
   */
  addItemResolved(
    ref: string | null,
    customer: number,
    customerName: string | null,
    currency: number,
    invoiceDate: number,
    dueDate: number,
    termDays: number,
    termMonthEnd: boolean,
    amount: Minor,
    paid: number,
    settledDate: number,
    promiseDate: number,
    disputed: boolean,
    salesperson: number,
    contract: string | null,
    note: string | null,
    sourceIndex: number,
    sourceRow: number,
  ): number {
    if (customerName) this.nameCustomer(customer, customerName);
    const index = this.nextItem();
    const it = this.item;
    it.ref[index] = ref;
    it.customer[index] = customer;
    it.currency[index] = currency;
    it.invoiceDate[index] = invoiceDate;
    it.dueDate[index] = dueDate;
    it.termDays[index] = termDays;
    it.termMonthEnd[index] = termMonthEnd ? 1 : 0;
    it.amount[index] = amount;
    it.paid[index] = paid;
    it.settledDate[index] = settledDate;
    it.promiseDate[index] = promiseDate;
    it.flags[index] = (disputed ? ItemFlag.disputed : 0) | (amount < 0 ? ItemFlag.creditNote : 0);
    it.salesperson[index] = salesperson;
    it.contract[index] = contract;
    it.note[index] = note;
    it.sourceIndex[index] = sourceIndex;
    it.sourceRow[index] = sourceRow;
    return index;
  }

  /** Adds a payment. `item` is the index of the invoice it names (resolved by the caller), or -1. */
  addPayment(input: PaymentInput, item: number): number {
    const p = this.payment;
    const index = p.amount.length;
    p.ref.push(input.ref);
    p.item.push(item);
    p.customer.push(
      input.customer
        ? this.customerIndex(input.customer)
        : item >= 0
          ? this.item.customer[item]
          : -1,
    );
    p.currency.push(this.currencyIndex(input.currency));
    p.date.push(input.date ?? 0);
    p.amount.push(input.amount);
    p.sourceIndex.push(this.sourceIndex(input.source));
    p.sourceRow.push(input.source.row);
    return index;
  }

  /** The ledger. It takes over the builder's columns: nothing is added after this. */
  build(): Ledger {
    const it = this.item;
    const p = this.payment;
    const n = this.items;
    return {
      items: {
        length: n,
        ref: firstTexts(it.ref, n),
        customer: firstOf(it.customer, n),
        currency: firstOf(it.currency, n),
        invoiceDate: firstOf(it.invoiceDate, n),
        dueDate: firstOf(it.dueDate, n),
        termDays: firstOf(it.termDays, n),
        termMonthEnd: firstOf(it.termMonthEnd, n),
        amount: firstOf(it.amount, n),
        paid: firstOf(it.paid, n),
        settledDate: firstOf(it.settledDate, n),
        promiseDate: firstOf(it.promiseDate, n),
        flags: firstOf(it.flags, n),
        salesperson: firstOf(it.salesperson, n),
        contract: firstTexts(it.contract, n),
        note: firstTexts(it.note, n),
        sourceIndex: firstOf(it.sourceIndex, n),
        sourceRow: firstOf(it.sourceRow, n),
      },
      payments: {
        length: p.amount.length,
        ref: p.ref,
        item: p.item.done(),
        customer: p.customer.done(),
        currency: p.currency.done(),
        date: p.date.done(),
        amount: p.amount.done(),
        sourceIndex: p.sourceIndex.done(),
        sourceRow: p.sourceRow.done(),
      },
      customers: this.customers,
      salespeople: this.salespeople,
      currencies: this.currencies,
      sources: this.sources,
    };
  }
}

/** Builds a ledger from row objects: for tests and small callers. */
export function ledgerFrom(
  items: ItemInput[],
  payments: (PaymentInput & { item?: number })[] = [],
  customers: CustomerInput[] = [],
): Ledger {
  const b = new LedgerBuilder();
  for (const c of customers) b.addCustomer(c);
  const byRef = new Map<string, number>();
  for (const item of items) {
    const index = b.addItem(item);
    if (item.ref && !byRef.has(matchKey(item.ref))) byRef.set(matchKey(item.ref), index);
  }
  for (const p of payments)
    b.addPayment(p, p.item ?? (p.ref ? (byRef.get(matchKey(p.ref)) ?? -1) : -1));
  return b.build();
}

/** The source reference of item `i`. */
export function itemSource(ledger: Ledger, i: number): SourceRef {
  const s = ledger.sources[ledger.items.sourceIndex[i]];
  return { file: s.file, sheet: s.sheet, row: ledger.items.sourceRow[i] };
}

export function paymentSource(ledger: Ledger, i: number): SourceRef {
  const s = ledger.sources[ledger.payments.sourceIndex[i]];
  return { file: s.file, sheet: s.sheet, row: ledger.payments.sourceRow[i] };
}
