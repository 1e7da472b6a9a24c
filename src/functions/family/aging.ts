/**
 * The aging family: the bucket table of the `thresholds` and `basis` arguments (shared with
 * AR.AGING, family/item.ts), and AR.AGINGTABLE, the customers × buckets table.
 */
import * as analyzeModule from "../../core/analyze";
import { bucketLabels, DEFAULT_POLICY, Policy } from "../../core/policy";
import { cellText } from "../../sheet/values";
import * as cellsModule from "../cells";
import type { Arg, Cx } from "../cells";
import * as listsModule from "../lists";
import { SKIP } from "../lists";
import { tableWords } from "../messages";
import type { Call, FunctionId, Implementation } from "../table";

// Bound once, as locals (see the note in family/item.ts).
const { BLANK, cellCount, failWith, isBlankValue, isSingle, nth, refuse, refuseWith, toCell } =
  cellsModule;
const { amountAt, customerKey, major, requiredDateAt } = listsModule;

const { bucketOf, bucketTable } = analyzeModule;

export interface Aging {
  table: Int8Array;
  labels: string[];
}

const DEFAULT_AGING: Aging = {
  table: bucketTable(DEFAULT_POLICY),
  labels: bucketLabels(DEFAULT_POLICY),
};
/** Distinct thresholds or ladders kept; past it a cache starts again (a workbook has a few). */
export const CACHE_LIMIT = 256;

/**
 * Parsed bucket tables, by basis and thresholds and by the text of text thresholds: a formula
 * filled down a column asks for the same one again. `last` is the last text seen (with the
 * default basis) and its table, the fast path. A cache only: every entry is what parsing its key
 * gives, so no call sees another's arguments through it.
 */
const cache = {
  tables: new Map<string, Aging>(),
  lastText: "",
  last: DEFAULT_AGING,
};

/** The bucket table of `thresholds` and `basis` arguments; refuses the call when one is bad. */
export function agingOf(cx: Cx, thresholds: Arg, basis: Arg): Aging {
  // Fast path for a formula filled down with the same text thresholds and the default basis.
  const text = thresholds.m[0][0];
  const how = basis.m[0][0];
  const plainText =
    isSingle(thresholds) && isSingle(basis) && typeof text === "string" && isBlankValue(how)
      ? text
      : null;
  if (plainText !== null && plainText === cache.lastText) return cache.last;
  const quick = plainText !== null ? cache.tables.get(`text|${plainText}`) : undefined;
  if (quick !== undefined) {
    cache.lastText = plainText as string;
    return (cache.last = quick);
  }
  const b = basisOf(cx, basis);
  if (b === null) throw refuse(cx, basis);
  const t = thresholdsOf(cx, thresholds);
  if (t === null) throw refuse(cx, thresholds);
  if (t === "default" && b === "due") return DEFAULT_AGING;
  const list = t === "default" ? DEFAULT_POLICY.thresholds : t;
  const key = `${b}|${list.join(",")}`;
  let aging = cache.tables.get(key);
  if (aging === undefined) {
    const parsed = Policy.safeParse({ thresholds: list, basis: b });
    if (!parsed.success) {
      failWith(cx, "badThresholds", list.join(","));
      throw refuse(cx, thresholds);
    }
    aging = { table: bucketTable(parsed.data), labels: bucketLabels(parsed.data) };
    if (cache.tables.size >= CACHE_LIMIT) cache.tables.clear();
    cache.tables.set(key, aging);
  }
  if (plainText !== null) {
    cache.tables.set(`text|${plainText}`, aging);
    cache.lastText = plainText;
    cache.last = aging;
  }
  return aging;
}

const BASIS: Record<string, "due" | "invoice"> = {
  due: "due",
  duedate: "due",
  到期日: "due",
  到期: "due",
  invoice: "invoice",
  invoicedate: "invoice",
  开票日: "invoice",
  开票日期: "invoice",
  发票日期: "invoice",
  业务日期: "invoice",
};

function basisOf(cx: Cx, a: Arg): "due" | "invoice" | null {
  const v = a.m[0][0];
  if (isBlankValue(v)) return "due";
  const cell = toCell(v);
  if (typeof cell === "object" && cell !== null) {
    failWith(cx, "errorCell", cell);
    return null;
  }
  const b =
    typeof cell === "string"
      ? BASIS[
          cell
            .trim()
            .toLowerCase()
            .replace(/[\s_-]/g, "")
        ]
      : undefined;
  if (b === undefined) failWith(cx, "badBasis", v);
  return b ?? null;
}

/** Thresholds from numbers in a range, or one text cell `30,60,90`; "default" when blank. */
function thresholdsOf(cx: Cx, a: Arg): number[] | "default" | null {
  const list: number[] = [];
  for (let i = 0; i < cellCount(a); i++) {
    const v = nth(a, i);
    if (typeof v === "number") {
      list.push(v);
      continue;
    }
    if (isBlankValue(v)) continue;
    const cell = toCell(v);
    if (typeof cell !== "string") {
      if (cell !== null && typeof cell === "object") failWith(cx, "errorCell", cell);
      else failWith(cx, "badThresholds", v);
      return null;
    }
    for (const part of cell.normalize("NFKC").split(/[\s,;、]+/)) {
      if (part === "") continue;
      const n = Number(part);
      if (!Number.isFinite(n)) {
        failWith(cx, "badThresholds", v);
        return null;
      }
      list.push(n);
    }
  }
  return list.length === 0 ? "default" : list;
}

/**
 * AR.AGINGTABLE: a header row (customer, one column per bucket, total), one row per customer in
 * the order they first appear, and a total row. Buckets add up to each customer's balance. The
 * driver has checked that the three columns match and read the as-of date.
 */
function agingTable(call: Call): unknown[][] {
  const { cx } = call;
  const C = call.arg("customers");
  const D = call.arg("due_dates");
  const B = call.arg("balances");
  const n = cellCount(C);
  const now = call.value("as_of");
  const { table, labels } = agingOf(cx, call.arg("thresholds"), call.arg("basis"));
  const nb = labels.length;

  const groupOf = new Map<unknown, number>();
  const groupByKey = new Map<string, number>();
  const names: string[] = [];
  let sums = new Float64Array(64 * nb);
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const amount = amountAt(cx, B, i, seen);
    if (amount === SKIP) continue;
    const due = requiredDateAt(cx, D, i, "balances");
    const raw = nth(C, i);
    let g = groupOf.get(raw);
    if (g === undefined) {
      const key = customerKey(cx, raw);
      if (key === null) {
        if (cx.st === BLANK)
          throw refuseWith(cx, "#VALUE!", "rowMissing", C, { row: i + 1, other: "balances" });
        throw refuse(cx, C, i + 1);
      }
      g = groupByKey.get(key);
      if (g === undefined) {
        g = names.length;
        names.push(cellText(toCell(raw)) as string);
        groupByKey.set(key, g);
        if ((g + 1) * nb > sums.length) {
          const bigger = new Float64Array(sums.length * 2);
          bigger.set(sums);
          sums = bigger;
        }
      }
      groupOf.set(raw, g);
    }
    sums[g * nb + bucketOf(table, now - due)] += amount;
  }

  const words = tableWords(cx.locale);
  const out: unknown[][] = [[words.customer, ...labels, words.total]];
  const totals = new Float64Array(nb);
  for (let g = 0; g < names.length; g++) {
    const row: unknown[] = [names[g]];
    let sum = 0;
    for (let b = 0; b < nb; b++) {
      const x = sums[g * nb + b];
      row.push(major(x));
      sum += x;
      totals[b] += x;
    }
    row.push(major(sum));
    out.push(row);
  }
  const last: unknown[] = [words.total];
  let grand = 0;
  for (let b = 0; b < nb; b++) {
    last.push(major(totals[b]));
    grand += totals[b];
  }
  last.push(major(grand));
  out.push(last);
  return out;
}

export const FAMILY = {
  AGINGTABLE: { whole: agingTable },
} satisfies Partial<Record<FunctionId, Implementation>>;
