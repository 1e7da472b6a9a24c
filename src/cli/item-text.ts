/**
 * The JSON text of `analyze --json`'s items, written straight from the analysis's columns into
 * the output's bytes (no item object, no JSON.stringify, no string per item), and the number
 * and string texts it shares with json.ts.
 */
import type { Analysis } from "../core/analyze";
import { isoOrNull } from "../core/dates";
import { fromMinor, minorDigits } from "../core/money";
import { ItemStatus } from "../core/position";
import { piece, sinkText, type JsonSink, type Piece } from "./json-stream";
import { jsonSafe } from "./terminal";

export const STATUS = ["future", "open", "closed"] as const;
export const HOLD = [null, "disputed", "promise"] as const;

/** Printable ASCII but `"` and `\`: JSON text as it is (most invoice numbers). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** A string (or null) as JSON text, DEL and C1 escaped (`jsonSafe`). */
export function quoted(s: string | null): string {
  if (s === null) return "null";
  return PLAIN.test(s) ? `"${s}"` : jsonSafe(JSON.stringify(s));
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * A money amount in minor units as JSON writes its major units (`num(fromMinor(minor, d))`):
 * what `moneyInto` writes, as a string.
 */
export function moneyText(minor: number, digits: number): string {
  return sinkText((sink) => moneyInto(sink, minor, digits));
}

/** Small whole numbers' text, made once (days, levels). */
const SMALL = Array.from({ length: 4096 }, (_, n) => `${n}`);

/** A number or null as JSON text (JSON.stringify's digits for a finite number). */
export function num(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return "null";
  return n >= 0 && n < 4096 && n % 1 === 0 ? SMALL[n] : `${n}`;
}

/**
 * Writes a money amount in minor units as JSON writes its major units
 * (`num(fromMinor(minor, d))`), from the integer: below 10^15 minor units the major amount has
 * at most 15 significant digits, so the double nearest to it prints as exactly those digits,
 * which this writes without converting a double to text. Anything else goes the long way.
 */
function moneyInto(sink: JsonSink, minor: number, digits: number): void {
  if (digits < 1 || digits > 6 || !Number.isSafeInteger(minor) || Math.abs(minor) >= 1e15) {
    sink.ascii(num(fromMinor(minor, digits)));
    return;
  }
  const m = minor < 0 ? -minor : minor;
  const p = POW10[digits];
  const whole = Math.floor(m / p);
  let frac = m - whole * p;
  if (minor < 0) sink.ascii("-");
  sink.int(whole);
  if (frac === 0) return;
  let places = digits;
  while (frac % 10 === 0) {
    frac /= 10;
    places--;
  }
  sink.ascii(".");
  for (let z = POW10[places - 1]; frac < z; z /= 10) sink.ascii("0");
  sink.int(frac);
}

/**
 * JSON text as pieces (UTF-8 made once): the item's keys, each joined to the value before it
 * where that value is one of few, so that an item is about a dozen copies.
 */
const K = {
  invoice: piece(`},"invoice":`),
  /** Before a plain invoice number, whose closing quote starts the customer's piece. */
  invoiceQuote: piece(`},"invoice":"`),
  null: piece(`null`),
  outstanding: piece(`,"outstanding":`),
  outstandingZero: piece(`,"outstanding":0`),
  daysLate: piece(`,"daysLate":`),
  nullDaysLate: piece(`null,"daysLate":`),
  overdue: [piece(`,"overdue":false,"level":`), piece(`,"overdue":true,"level":`)],
  /** Status with a null act-by date (an item not open). */
  statusNoActBy: STATUS.map((st) => piece(`,"status":"${st}","actBy":null`)),
};

/** `,"key":"yyyy-mm-dd"` (or null for 0) and then `next`, as a piece made once per date. */
function datePieces(key: string, next = ""): (serial: number) => Piece {
  const made = new Map<number, Piece>();
  const none = piece(`,"${key}":null${next}`);
  return (serial) => {
    if (!serial) return none;
    let p = made.get(serial);
    if (p === undefined)
      made.set(serial, (p = piece(`,"${key}":${quoted(isoOrNull(serial))}${next}`)));
    return p;
  };
}

/**
 * Writes the JSON text of item i without making the item object or a string of it: what
 * repeats (a source's file and sheet, a customer, a currency, a date, a bucket, a salesperson,
 * the keys) is a piece made once, its UTF-8 copied (the bytes of a Chinese sheet name are not
 * encoded again per item), and numbers are written digit by digit. At a million items this is
 * most of `--json`'s time saved. It must equal `jsonSafe(JSON.stringify(item))` of json.ts's
 * item, key for key: test/json-text.test.ts compares them.
 */
export function itemWriter(a: Analysis): (i: number, sink: JsonSink) => void {
  const { ledger, items: res } = a;
  const it = ledger.items;
  const refs = it.ref;
  const cur = ledger.currencies;
  const digits = cur.map((c) => minorDigits(c));
  const sources = ledger.sources.map((s) =>
    piece(`{"source":{"file":${quoted(s.file)},"sheet":${quoted(s.sheet)},"row":`),
  );
  // A customer with its currency: one piece per pair met, with and without the closing quote
  // of a plain invoice number before it.
  const nc = cur.length;
  const pairs: Piece[][] = [[], []];
  const customerCurrency = (k: number, c: number, quote: 0 | 1): Piece =>
    (pairs[quote][k * nc + c] ??= piece(
      `${quote ? '"' : ""},"customer":${quoted(ledger.customers[k].code)}` +
        `,"currency":${quoted(cur[c])}`,
    ));
  // The bucket, after a daysLate number or after its null.
  const buckets = [0, 1].map((afterNull) =>
    [...a.labels, null].map((l) => piece(`${afterNull ? "null" : ""},"bucket":${quoted(l)}`)),
  );
  const noBucket = a.labels.length;
  // The hold with the salesperson: one piece per pair met.
  const np = ledger.salespeople.length + 1;
  const holdPeople: Piece[] = [];
  const holdPerson = (h: number, s: number): Piece =>
    (holdPeople[h * np + s + 1] ??= piece(
      `,"hold":${quoted(HOLD[h])},"salesperson":${s < 0 ? "null" : quoted(ledger.salespeople[s])}}`,
    ));
  const invoiceDate = datePieces("invoiceDate");
  const dueDate = datePieces("dueDate", `,"amount":`);
  const settledDate = datePieces("settledDate", `,"daysOverdue":`);
  const openActBy = datePieces(`status":"open","actBy`);
  return (i: number, sink: JsonSink): void => {
    const c = it.currency[i];
    const st = res.status[i];
    const open = st === ItemStatus.open;
    const k = it.customer[i];
    const m = digits[c];
    const sp = it.salesperson[i] >= 0 ? it.salesperson[i] : ledger.customers[k].salesperson;
    sink.piece(sources[it.sourceIndex[i]]);
    sink.int(it.sourceRow[i]);
    const r = refs[i];
    if (r !== null && PLAIN.test(r)) {
      sink.piece(K.invoiceQuote);
      sink.ascii(r);
      sink.piece(customerCurrency(k, c, 1));
    } else {
      sink.piece(K.invoice);
      if (r === null) sink.piece(K.null);
      else sink.putSafe(jsonSafe(JSON.stringify(r)));
      sink.piece(customerCurrency(k, c, 0));
    }
    sink.piece(invoiceDate(it.invoiceDate[i]));
    sink.piece(dueDate(res.due[i]));
    moneyInto(sink, it.amount[i], m);
    if (open) {
      sink.piece(K.outstanding);
      moneyInto(sink, res.outstanding[i], m);
    } else sink.piece(K.outstandingZero);
    sink.piece(settledDate(st === ItemStatus.closed ? res.settled[i] : 0));
    if (open && res.due[i] !== 0) {
      sink.int(res.daysOverdue[i]);
      sink.piece(K.daysLate);
    } else sink.piece(K.nullDaysLate);
    const bucket = open ? res.bucket[i] : noBucket;
    const b = bucket >= 0 && bucket < noBucket ? bucket : noBucket;
    if (res.daysLate[i] >= 0) {
      sink.int(res.daysLate[i]);
      sink.piece(buckets[0][b]);
    } else sink.piece(buckets[1][b]);
    sink.piece(K.overdue[res.overdue[i] === 1 ? 1 : 0]);
    sink.int(res.level[i]);
    sink.piece(open ? openActBy(res.actBy[i]) : K.statusNoActBy[st]);
    sink.piece(holdPerson(res.hold[i], sp));
  };
}
