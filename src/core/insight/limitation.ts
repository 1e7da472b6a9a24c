/**
 * Limitation watch: when the limitation period of each overdue claim would end, and which end
 * soon.
 *
 * The PRC Civil Code gives three years (art. 188) from the day the creditor knew it was not
 * paid — for an invoice, the due date — and a demand for payment or an acknowledgement by the
 * debtor interrupts it, so it runs anew from then (art. 195): a dunning letter that can be
 * proved, a signed balance confirmation (对账函/询证函). The period ends on the same calendar day
 * `years` later (a start on 29 February ends on the 28th; art. 203 counts to the corresponding
 * day, else the month's last). This is a watch list, not legal advice: a user confirms with
 * counsel, especially near the end.
 *
 * - start = the later of the due date and the latest interruption on or before the as-of date
 *   that applies to the item: one naming the item, or one naming the customer (a confirmation of
 *   its balance) dated on or after the item's invoice date;
 * - status: `expired` (end ≤ as-of), `soon` (within `warnDays`, 180), else `ok`.
 */
import type { Analysis } from "../analyze";
import { serialFromYmd, ymdFromSerial, type Serial } from "../dates";
import type { Minor } from "../money";
import { ItemStatus } from "../position";

/** A recorded demand or acknowledgement: for one item, or for all of a customer's items. */
export interface Interruption {
  date: Serial;
  /** Item index (a dunning letter for an invoice). */
  item?: number;
  /** Customer index (a signed confirmation of the customer's balance). */
  customer?: number;
}

export interface LimitationOptions {
  years: number;
  warnDays: number;
  interruptions: readonly Interruption[];
  /** Return every overdue claim, not only the flagged ones. */
  all: boolean;
}

export const DEFAULT_LIMITATION_OPTIONS: LimitationOptions = {
  years: 3,
  warnDays: 180,
  interruptions: [],
  all: false,
};

export type LimitationStatus = "expired" | "soon" | "ok";

export interface LimitationEntry {
  item: number;
  customer: number;
  currency: number;
  outstanding: Minor;
  due: Serial;
  /** Date the period runs from. */
  start: Serial;
  startsFrom: "due" | "interruption";
  end: Serial;
  /** end − as-of (negative: expired). */
  daysLeft: number;
  status: LimitationStatus;
}

/**
 * The serial `years` years after `serial`, on the same calendar day (29 February → 28 February).
 *
 * @example
 * addYears(serialFromIso("2021-03-15"), 3) //=> serialFromIso("2024-03-15")
 * addYears(serialFromIso("2024-02-29"), 3) //=> serialFromIso("2027-02-28")
 */
export function addYears(serial: Serial, years: number): Serial {
  const { year, month, day } = ymdFromSerial(serial);
  return (serialFromYmd(year + years, month, day) ??
    serialFromYmd(year + years, month, day - 1)) as Serial;
}

/** Overdue claims whose limitation period ends within `warnDays` of the as-of date (or all). */
export function limitationWatch(
  a: Analysis,
  options: Partial<LimitationOptions> = {},
): LimitationEntry[] {
  const o = { ...DEFAULT_LIMITATION_OPTIONS, ...options };
  const it = a.ledger.items;
  const byItem = new Map<number, Serial>();
  const byCustomer = new Map<number, Serial[]>();
  for (const x of o.interruptions) {
    if (x.date > a.asOf) continue; // not yet happened at the as-of date
    if (x.item !== undefined && x.item >= 0) {
      byItem.set(x.item, Math.max(byItem.get(x.item) ?? 0, x.date));
    } else if (x.customer !== undefined && x.customer >= 0) {
      let list = byCustomer.get(x.customer);
      if (!list) byCustomer.set(x.customer, (list = []));
      list.push(x.date);
    }
  }
  for (const list of byCustomer.values()) list.sort((p, q) => q - p); // latest first
  const out: LimitationEntry[] = [];
  for (let i = 0; i < it.length; i++) {
    if (a.items.status[i] !== ItemStatus.open || a.items.overdue[i] !== 1) continue;
    const due = a.items.due[i];
    let interruption = byItem.get(i) ?? 0;
    const list = byCustomer.get(it.customer[i]);
    if (list) {
      // The latest confirmation that covers the item: dated on or after its invoice date.
      const invoiced = it.invoiceDate[i] || due;
      const latest = list.find((d) => d >= invoiced);
      if (latest !== undefined && latest > interruption) interruption = latest;
    }
    const fromInterruption = interruption > due;
    const start = fromInterruption ? interruption : due;
    const end = addYears(start, o.years);
    const daysLeft = end - a.asOf;
    const status: LimitationStatus =
      daysLeft <= 0 ? "expired" : daysLeft <= o.warnDays ? "soon" : "ok";
    if (status === "ok" && !o.all) continue;
    out.push({
      item: i,
      customer: it.customer[i],
      currency: it.currency[i],
      outstanding: a.items.outstanding[i],
      due,
      start,
      startsFrom: fromInterruption ? "interruption" : "due",
      end,
      daysLeft,
      status,
    });
  }
  out.sort((x, y) => x.end - y.end || x.item - y.item);
  return out;
}
