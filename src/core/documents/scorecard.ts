/**
 * The salesperson scorecard (业务员回款考核) for a period [from, to], per salesperson and
 * currency: outstanding, overdue and the overdue rate at `to`; the collection rate of the
 * period; DSO (simple, best possible, average days delinquent, countback); average days late
 * of the items settled in the period (plain and amount-weighted); customers over their limit.
 *
 * The figures are those of kpi.ts. Its DSO and days-late functions work on a whole analysis, so
 * they are applied here to a view of the analysis holding only one salesperson's items (or only
 * the items settled in the period): the same functions, on fewer rows.
 */
import { analyze, type Analysis, type ItemResults } from "../analyze";
import type { Serial } from "../dates";
import type { ItemColumns, Ledger } from "../ledger";
import { splitBySalesperson } from "../insight/scorecard";
import { averageDaysLate, cei, collectionRate, dso, overdueRate } from "../kpi";
import { minorDigits, type CurrencyCode, type Minor } from "../money";
import type { Position } from "../position";
import { compareText, itemSalesperson, salespersonName } from "./common";
import { DocNumbers } from "./docno";

/** One salesperson in one currency; also the shape of the totals rows. */
export interface ScorecardRow {
  /** Index in `ledger.salespeople`; -1 for items with no salesperson; -2 on a totals row. */
  salespersonIndex: number;
  /** Name; null for items with no salesperson and on totals rows. */
  salesperson: string | null;
  currency: CurrencyCode;
  currencyIndex: number;
  digits: number;
  /** Customers with open items (net of credits and unapplied cash) at `to`. */
  customers: number;
  openItems: number;
  /** Outstanding at `to` (net of credits and unapplied cash). */
  outstanding: Minor;
  overdue: Minor;
  /** Positive open items not yet overdue, and credits and unapplied cash (≤ 0): with overdue
   * they add up to outstanding (the reconciliation line of every face). */
  notDue: Minor;
  credits: Minor;
  overdueItems: number;
  /** overdue ÷ (overdue + not yet due), on gross receivables (kpi.overdueRate): never above
   * 100 %; null when nothing positive is open. */
  overdueRate: number | null;
  /** Collections in the period on the amount counted in `dueInPeriod`. */
  collected: Minor;
  /** Amount due by `to` that was open at `from` or invoiced in the period. */
  dueInPeriod: Minor;
  /** collected ÷ dueInPeriod (回款率); null when nothing was due. */
  collectionRate: number | null;
  /** DSO over the last `dsoDays` days of credit sales; null without sales. */
  dso: number | null;
  bestPossibleDso: number | null;
  /** Average days delinquent = DSO − best possible DSO. */
  averageDaysDelinquent: number | null;
  countbackDso: number | null;
  /** Collection effectiveness index for the period (CRF formula), on this salesperson's part of the ledger. */
  cei: number | null;
  dsoDays: number;
  /** Items settled in the period with a known settled date, and their average days late. */
  settledItems: number;
  averageDaysLate: number | null;
  weightedDaysLate: number | null;
  /** Customers of the salesperson over their credit limit at `to`. */
  customersOverLimit: number;
}

export interface Scorecard {
  docNo: string;
  issueDate: Serial;
  period: { from: Serial; to: Serial };
  /** = period.to: the date outstanding and overdue are taken at. */
  asOf: Serial;
  /** By salesperson name (none last), then currency. */
  rows: ScorecardRow[];
  /** All salespeople together, one row per currency. */
  totals: ScorecardRow[];
}

export interface ScorecardOptions {
  /** Days of sales for DSO (default 90). */
  dsoDays?: number;
  issueDate?: Serial;
  numbers?: DocNumbers;
}

/**
 * The scorecard for [from, to]. Outstanding and overdue are taken at `to` (default: the
 * analysis date; another date is analysed afresh with the same policy).
 */
export function salespersonScorecard(
  a: Analysis,
  from: Serial,
  to: Serial = a.asOf,
  options: ScorecardOptions = {},
): Scorecard {
  const at = to === a.asOf ? a : analyze(a.ledger, to, a.policy);
  const { ledger } = at;
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const dsoDays = options.dsoDays ?? 90;
  const issueDate = options.issueDate ?? to;
  const numbers = options.numbers ?? new DocNumbers();

  const owner = new Int32Array(it.length);
  for (let i = 0; i < it.length; i++) owner[i] = itemSalesperson(ledger, i);

  const rows = new Map<number, ScorecardRow>();
  const row = (sp: number, currency: number): ScorecardRow => {
    const key = (sp + 2) * nc + currency;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow(ledger, sp, currency, dsoDays)));
    return r;
  };

  // Outstanding and overdue at `to`.
  for (const t of at.salespeople) {
    const r = row(t.salesperson, t.currency);
    r.openItems = t.openItems;
    r.outstanding = t.outstanding;
    r.overdue = t.overdue;
    r.notDue = t.notDue;
    r.credits = t.credits;
    r.overdueItems = t.overdueItems;
    r.overdueRate = overdueRate(t);
  }

  // Collection rate and DSO, salesperson by salesperson.
  const bySp = new Map<number, number[]>();
  for (let i = 0; i < it.length; i++) {
    let list = bySp.get(owner[i]);
    if (!list) bySp.set(owner[i], (list = []));
    list.push(i);
  }
  for (const [sp, items] of bySp) {
    for (const c of collectionRate(ledger, from, to, (i) => owner[i] === sp)) {
      const r = row(sp, c.currency);
      r.collected = c.collected;
      r.dueInPeriod = c.due;
      r.collectionRate = c.rate;
    }
    const totals = at.salespeople.filter((t) => t.salesperson === sp);
    for (const x of dso(view(at, items, totals), dsoDays)) setDso(row(sp, x.currency), x);
  }

  // CEI needs the opening and closing positions of one salesperson's items and payments: the
  // ledger cut by salesperson, as the insight scorecard cuts it.
  for (const { salesperson, ledger: part } of splitBySalesperson(ledger))
    for (const x of cei(part, from, to)) row(salesperson, x.currency).cei = x.cei;

  // Average days late of the items settled in the period.
  const settledInPeriod: number[] = [];
  for (let i = 0; i < it.length; i++) {
    const s = at.items.settled[i];
    if (at.items.daysLate[i] >= 0 && s >= from && s <= to) settledInPeriod.push(i);
  }
  for (const x of averageDaysLate(view(at, settledInPeriod, []), "salesperson")) {
    const r = row(x.key, x.currency);
    r.settledItems = x.items;
    r.averageDaysLate = x.plain;
    r.weightedDaysLate = x.weighted;
  }

  // Customers with something open, and those over their limit, per salesperson.
  for (const [sp, currency, overLimit] of customerOwners(at, owner)) {
    const r = row(sp, currency);
    r.customers++;
    if (overLimit) r.customersOverLimit++;
  }

  // Totals: the same functions on the whole analysis.
  const totals = new Map<number, ScorecardRow>();
  const total = (currency: number): ScorecardRow => {
    let r = totals.get(currency);
    if (!r) totals.set(currency, (r = emptyRow(ledger, -2, currency, dsoDays)));
    return r;
  };
  for (const t of at.totals) {
    const r = total(t.currency);
    r.openItems = t.openItems;
    r.outstanding = t.outstanding;
    r.overdue = t.overdue;
    r.notDue = t.notDue;
    r.credits = t.credits;
    r.overdueItems = t.overdueItems;
    r.overdueRate = overdueRate(t);
  }
  for (const c of collectionRate(ledger, from, to)) {
    const r = total(c.currency);
    r.collected = c.collected;
    r.dueInPeriod = c.due;
    r.collectionRate = c.rate;
  }
  for (const x of dso(at, dsoDays)) setDso(total(x.currency), x);
  for (const x of cei(ledger, from, to)) total(x.currency).cei = x.cei;
  const everyone = view(at, settledInPeriod, []);
  everyone.ledger.items.salesperson = new Int32Array(settledInPeriod.length); // all one person
  for (const x of averageDaysLate(everyone, "salesperson")) {
    const r = total(x.currency);
    r.settledItems = x.items;
    r.averageDaysLate = x.plain;
    r.weightedDaysLate = x.weighted;
  }
  for (const g of at.customers) {
    if (g.openItems === 0) continue;
    const r = total(g.currency);
    r.customers++;
    if (g.overLimit) r.customersOverLimit++;
  }

  const ordered = [...rows.values()].sort(
    (x, y) =>
      (x.salesperson === null ? 1 : 0) - (y.salesperson === null ? 1 : 0) ||
      compareText(x.salesperson ?? "", y.salesperson ?? "") ||
      x.salespersonIndex - y.salespersonIndex ||
      x.currencyIndex - y.currencyIndex,
  );
  return {
    docNo: numbers.next("scorecard", issueDate),
    issueDate,
    period: { from, to },
    asOf: to,
    rows: ordered,
    totals: [...totals.values()].sort((x, y) => x.currencyIndex - y.currencyIndex),
  };
}

function emptyRow(ledger: Ledger, sp: number, currency: number, dsoDays: number): ScorecardRow {
  const code = ledger.currencies[currency];
  return {
    salespersonIndex: sp,
    salesperson: sp >= 0 ? salespersonName(ledger, sp) : null,
    currency: code,
    currencyIndex: currency,
    digits: minorDigits(code),
    customers: 0,
    openItems: 0,
    outstanding: 0,
    overdue: 0,
    notDue: 0,
    credits: 0,
    overdueItems: 0,
    overdueRate: null,
    collected: 0,
    dueInPeriod: 0,
    collectionRate: null,
    dso: null,
    bestPossibleDso: null,
    averageDaysDelinquent: null,
    countbackDso: null,
    cei: null,
    dsoDays,
    settledItems: 0,
    averageDaysLate: null,
    weightedDaysLate: null,
    customersOverLimit: 0,
  };
}

function setDso(r: ScorecardRow, x: ReturnType<typeof dso>[number]): void {
  r.dso = x.dso;
  r.bestPossibleDso = x.bestPossible;
  r.averageDaysDelinquent = x.add;
  r.countbackDso = x.countback;
}

/**
 * (salesperson, currency, over limit) for each customer group with something open. A customer
 * belongs to its own salesperson; one with none, to the salespeople of its items in that currency.
 */
function customerOwners(a: Analysis, owner: Int32Array): [number, number, boolean][] {
  const { ledger } = a;
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const itemOwners = new Map<number, Set<number>>();
  for (let i = 0; i < it.length; i++) {
    const key = it.customer[i] * nc + it.currency[i];
    let set = itemOwners.get(key);
    if (!set) itemOwners.set(key, (set = new Set()));
    set.add(owner[i]);
  }
  const out: [number, number, boolean][] = [];
  for (const g of a.customers) {
    if (g.openItems === 0) continue;
    const own = ledger.customers[g.customer].salesperson;
    const sps = own >= 0 ? [own] : [...(itemOwners.get(g.customer * nc + g.currency) ?? [-1])];
    for (const sp of sps) out.push([sp, g.currency, g.overLimit]);
  }
  return out;
}

/**
 * The analysis restricted to some items (indices ascending), with `totals` as its totals: for
 * kpi.ts functions that read whole item columns. Customers, salespeople and currencies keep
 * their indices.
 */
function view(a: Analysis, keep: number[], totals: Analysis["totals"]): Analysis {
  const ledger: Ledger = { ...a.ledger, items: pick(a.ledger.items, keep) as ItemColumns };
  ledger.items.length = keep.length;
  return {
    ...a,
    ledger,
    items: pick(a.items, keep) as ItemResults,
    position: { ...(pick(a.position, keep) as Position), unapplied: a.position.unapplied },
    totals,
    customers: [],
    salespeople: [],
  };
}

/** Copies an object of columns, each column of `n` rows cut down to the rows `keep`. */
function pick<T extends object>(columns: T, keep: number[]): T {
  const n = "length" in columns ? (columns.length as number) : -1;
  const out: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(columns)) {
    if (ArrayBuffer.isView(column) && !(column instanceof DataView)) {
      const source = column as unknown as { length: number; [k: number]: number };
      if (n >= 0 && source.length !== n) {
        out[name] = column;
        continue;
      }
      const ctor = column.constructor as new (k: number) => { [k: number]: number };
      const copy = new ctor(keep.length);
      for (let k = 0; k < keep.length; k++) copy[k] = source[keep[k]];
      out[name] = copy;
    } else if (Array.isArray(column)) {
      out[name] = keep.map((i) => column[i]);
    } else {
      out[name] = column;
    }
  }
  return out as T;
}
