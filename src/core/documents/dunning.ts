/**
 * Dunning letters (催款函): one per customer and currency that has overdue items not held from
 * dunning. The stage follows the highest ladder level among the letter's items: A reminder
 * (levels 0–2), B notice (3–4, past the act-by date of the one-third rule), C final demand (5
 * and above). Held items (disputed, or with a payment promised for today or later) are left
 * out of the demand, and listed apart so that the letter can say so (DOCUMENTS §3).
 */
import { Hold, type Analysis } from "../analyze";
import type { Serial } from "../dates";
import { formatMinor, type Minor } from "../money";
import { ItemStatus } from "../position";
import {
  byCustomerCode,
  currencyFields,
  customerFields,
  inWords,
  type DocumentHeader,
  type DocumentOptions,
  type DoneAction,
} from "./common";
import { DocNumbers } from "./docno";
import {
  documentText,
  heldNote,
  holdLabel,
  stageTitle,
  type DunningStage,
  type HoldReason,
} from "./messages";

export type { DunningStage } from "./messages";

/** Days to pay after the issue date, by stage: A 7, B 7, C 5. */
export const DEFAULT_PAY_DAYS: Readonly<Record<DunningStage, number>> = { A: 7, B: 7, C: 5 };

/** The stage of a ladder level: ≤ 2 A, 3–4 B, ≥ 5 C. */
export function stageOfLevel(level: number): DunningStage {
  return level >= 5 ? "C" : level >= 3 ? "B" : "A";
}

/** One overdue item of a letter: a row of `{{#items}}`. */
export interface DunningItem {
  /** Index in `ledger.items`. */
  item: number;
  contract: string | null;
  /** Invoice (document) number. */
  invoice: string | null;
  /** Invoice date. */
  date: Serial;
  dueDate: Serial;
  /** Invoice amount. */
  amount: Minor;
  /** amount − outstanding: paid and credited so far. */
  paid: Minor;
  outstanding: Minor;
  daysOverdue: number;
  /** Ladder level of the item (1 reminder … 5 legal). */
  level: number;
  /** Simple late interest to the as-of date (policy.annualInterestRate; 0 when none). */
  interest: Minor;
  /** The fee of the item's level (policy.feesByLevel; 0 when none). */
  fee: Minor;
  /** Act-by date of the one-third rule. */
  actBy: Serial;
}

/** An overdue item left out of the letter because it is held. */
export interface HeldItem extends DunningItem {
  hold: HoldReason;
  /** hold in the document's locale (有争议 / disputed …). */
  holdLabel: string;
  /** The promised payment date, null when none. */
  promiseDate: Serial | null;
}

export interface DunningLetter extends DocumentHeader {
  stage: DunningStage;
  /** Title of the stage in the locale: 付款提醒函 / Payment reminder … */
  title: string;
  /** Highest ladder level among the items. */
  level: number;
  /** Overdue, unheld items, oldest due first. */
  items: DunningItem[];
  /** Distinct contract numbers of the items, in item order, joined by "、" (zh-CN) or ", ". */
  contracts: string;
  contractList: string[];
  /** Σ outstanding of the items. */
  overdueTotal: Minor;
  overdueTotalInWords: string;
  /** Largest days overdue among the items. */
  daysOverdue: number;
  maxDaysOverdue: number;
  /** Σ interest of the items, to the as-of date. */
  interest: Minor;
  /** The policy's annual rate in percent (6 for 6 %). */
  annualRatePercent: number;
  /** Σ fees of the items. */
  fees: Minor;
  /** overdueTotal + interest + fees. */
  totalDue: Minor;
  totalDueInWords: string;
  /** Days given to pay, and the date: issue date + payDays. */
  payDays: number;
  payBy: Serial;
  /** Overdue items held from dunning (disputed, payment promised), not demanded. */
  heldItems: HeldItem[];
  heldCount: number;
  heldTotal: Minor;
  /** The sentence saying what was left out ("" when nothing was). */
  heldNote: string;
  /** The customer's whole balance in this currency (exposure), for context. */
  balance: Minor;
  /** Date of the latest step already taken on the letter's items (from `done`), else null. */
  lastNotice: Serial | null;
}

export interface DunningOptions extends DocumentOptions {
  /** Days to pay by stage; missing stages take `DEFAULT_PAY_DAYS`. */
  payDays?: Partial<Record<DunningStage, number>>;
  /** Steps already taken (collection log): gives `lastNotice`. */
  done?: readonly DoneAction[];
  /** Formats the held total inside `heldNote`; default: plain major units (1234.5 → "1,234.50"). */
  formatAmount?: (minor: Minor, digits: number) => string;
}

/** Dunning letters as of the analysis date, ordered by customer code and currency. */
export function dunningLetters(a: Analysis, options: DunningOptions = {}): DunningLetter[] {
  const { ledger, items: r } = a;
  const it = ledger.items;
  const nc = ledger.currencies.length;
  const locale = options.locale ?? "en-US";
  const issueDate = options.issueDate ?? a.asOf;
  const numbers = options.numbers ?? new DocNumbers();
  const payDays = { ...DEFAULT_PAY_DAYS, ...options.payDays };
  const format = options.formatAmount ?? formatMinor;

  const lastDone = new Map<number, Serial>();
  for (const step of options.done ?? []) {
    if (step.date > a.asOf) continue;
    if ((lastDone.get(step.item) ?? 0) < step.date) lastDone.set(step.item, step.date);
  }

  // Overdue items per customer and currency, due ones and held ones apart.
  const groups = new Map<
    number,
    { customer: number; currency: number; due: number[]; held: number[] }
  >();
  for (let i = 0; i < it.length; i++) {
    if (r.status[i] !== ItemStatus.open || r.overdue[i] !== 1) continue;
    const key = it.customer[i] * nc + it.currency[i];
    let g = groups.get(key);
    if (!g) {
      g = { customer: it.customer[i], currency: it.currency[i], due: [], held: [] };
      groups.set(key, g);
    }
    (r.hold[i] === Hold.none ? g.due : g.held).push(i);
  }

  const balances = new Map<number, Minor>();
  for (const c of a.customers) balances.set(c.customer * nc + c.currency, c.exposure);

  const order = byCustomerCode(a);
  const letters: DunningLetter[] = [];
  for (const [key, g] of [...groups.entries()].sort((x, y) => order(x[1], y[1]))) {
    if (g.due.length === 0) continue;
    const byDue = (x: number, y: number) =>
      r.due[x] - r.due[y] || it.invoiceDate[x] - it.invoiceDate[y] || x - y;
    const items = g.due.sort(byDue).map(line);
    const heldItems = g.held.sort(byDue).map((i): HeldItem => {
      const hold: HoldReason = r.hold[i] === Hold.disputed ? "disputed" : "promise";
      return {
        ...line(i),
        hold,
        holdLabel: holdLabel(hold, locale),
        promiseDate: it.promiseDate[i] || null,
      };
    });
    const level = Math.max(...items.map((x) => x.level));
    const stage = stageOfLevel(level);
    const overdueTotal = sum(items.map((x) => x.outstanding));
    const interest = sum(items.map((x) => x.interest));
    const fees = sum(items.map((x) => x.fee));
    const totalDue = overdueTotal + interest + fees;
    const heldTotal = sum(heldItems.map((x) => x.outstanding));
    const cur = currencyFields(ledger, g.currency);
    const customer = customerFields(ledger, g.customer);
    const contractList = [...new Set(items.map((x) => x.contract).filter((c) => c !== null))];
    const maxDaysOverdue = Math.max(...items.map((x) => x.daysOverdue));
    let lastNotice: Serial | null = null;
    for (const x of items) {
      const done = lastDone.get(x.item);
      if (done !== undefined && (lastNotice === null || done > lastNotice)) lastNotice = done;
    }
    letters.push({
      docNo: numbers.next("dunning", issueDate, customer.code),
      issueDate,
      asOf: a.asOf,
      customer,
      ...cur,
      stage,
      title: stageTitle(stage, locale),
      level,
      items,
      contracts: contractList.join(documentText("listSeparator", locale)),
      contractList,
      overdueTotal,
      overdueTotalInWords: inWords(overdueTotal, cur.currency, locale),
      daysOverdue: maxDaysOverdue,
      maxDaysOverdue,
      interest,
      annualRatePercent: Math.round(a.policy.annualInterestRate * 1e6) / 1e4,
      fees,
      totalDue,
      totalDueInWords: inWords(totalDue, cur.currency, locale),
      payDays: payDays[stage],
      payBy: issueDate + payDays[stage],
      heldItems,
      heldCount: heldItems.length,
      heldTotal,
      heldNote: heldNote(heldItems.length, format(heldTotal, cur.digits), locale),
      balance: balances.get(key) ?? overdueTotal,
      lastNotice,
    });
  }
  return letters;

  function line(i: number): DunningItem {
    return {
      item: i,
      contract: it.contract[i],
      invoice: it.ref[i],
      date: it.invoiceDate[i],
      dueDate: r.due[i],
      amount: it.amount[i],
      paid: it.amount[i] - r.outstanding[i],
      outstanding: r.outstanding[i],
      daysOverdue: r.daysOverdue[i],
      level: r.level[i],
      interest: r.interest[i],
      fee: r.fee[i],
      actBy: r.actBy[i],
    };
  }
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
