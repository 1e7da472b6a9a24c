/**
 * The KPI family (DESIGN §3), one figure each over plain ranges: days sales outstanding, the
 * collection rate, the overdue rate and the bad-debt provision. The driver has summed the amount
 * ranges (`moneySum`), read the as-of date and days, and checked the parallel ranges.
 */
import * as itemRules from "../../core/item-rules";
import { overdueRate } from "../../core/kpi";
import { DEFAULT_POLICY, Policy, type ProvisionBand } from "../../core/policy";
import * as cellsModule from "../cells";
import type { Arg, Cx } from "../cells";
import * as listsModule from "../lists";
import { SKIP } from "../lists";
import type { Call, FunctionId, Implementation } from "../table";
import { CACHE_LIMIT } from "./aging";

// Bound once, as locals (see the note in family/item.ts).
const {
  cellCount,
  divisionByZero,
  failWith,
  isBlankValue,
  isSingle,
  nth,
  OK,
  one,
  rateOf,
  refuse,
  refuseWith,
  toCell,
} = cellsModule;
const { amountAt, major, requiredDateAt } = listsModule;

const { isOverdue } = itemRules;

/** AR.OVERDUERATE: overdue ÷ gross receivables (positive balances), over balances and due dates. */
function overdueRateOf(call: Call): unknown[][] {
  const { cx } = call;
  const B = call.arg("balances");
  const D = call.arg("due_dates");
  const n = cellCount(B);
  const now = call.value("as_of");
  const grace = call.value("grace_days");
  let gross = 0;
  let overdueSum = 0;
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const owed = amountAt(cx, B, i, seen);
    if (owed === SKIP) continue;
    const due = requiredDateAt(cx, D, i, "balances");
    if (owed > 0) gross += owed;
    if (isOverdue(owed, now - due, grace)) overdueSum += owed;
  }
  // Base: gross receivables (positive balances), so credits never push the rate above 100%.
  const rate = overdueRate({ overdue: overdueSum, notDue: gross - overdueSum });
  return one(rate === null ? divisionByZero(cx) : rate);
}

/** Parsed ladders by their text (a cache only: each entry is what parsing its key gives). */
const ladderCache = new Map<string, ProvisionBand[]>();

/**
 * Provision bands from a two-column range (up to days, rate) or text `365:5%,730:10%,:100%`;
 * refuses the call for anything else.
 */
function ladderOf(cx: Cx, a: Arg): ProvisionBand[] {
  const bands = parseLadder(cx, a);
  if (bands === null) throw refuse(cx, a);
  return bands;
}

function parseLadder(cx: Cx, a: Arg): ProvisionBand[] | null {
  if (isSingle(a) && isBlankValue(a.m[0][0])) return DEFAULT_POLICY.provision;
  const pairs: [unknown, unknown][] = [];
  let text: string | null = null;
  if (isSingle(a)) {
    const cell = toCell(a.m[0][0]);
    if (typeof cell !== "string") {
      if (cell !== null && typeof cell === "object") failWith(cx, "errorCell", cell);
      else failWith(cx, "badLadder", a.m[0][0]);
      return null;
    }
    text = cell;
    const cached = ladderCache.get(text);
    if (cached) return cached;
    for (const part of cell.normalize("NFKC").split(/[,;，；\s]+/)) {
      if (part === "") continue;
      const [days, rate, more] = part.split(":");
      if (rate === undefined || more !== undefined) {
        failWith(cx, "badLadder", a.m[0][0]);
        return null;
      }
      pairs.push([days, rate]);
    }
  } else if (a.cols === 2) {
    for (let r = 0; r < a.rows; r++) {
      const [days, rate] = a.m[r];
      if (isBlankValue(days) && isBlankValue(rate)) continue;
      pairs.push([days, rate]);
    }
  } else {
    failWith(cx, "badLadder", `${a.rows}×${a.cols}`);
    return null;
  }
  const bands: ProvisionBand[] = [];
  for (const [days, rate] of pairs) {
    const r = rateOf(cx, rate);
    if (cx.st !== OK || r > 1) {
      failWith(cx, "badLadder", text ?? rate);
      return null;
    }
    let upTo: number | null = null;
    if (!isBlankValue(days)) {
      upTo = typeof days === "number" ? days : Number(String(days).trim());
      if (!Number.isInteger(upTo) || upTo <= 0) {
        failWith(cx, "badLadder", text ?? days);
        return null;
      }
    }
    bands.push({ upToDays: upTo, rate: r });
  }
  const increasing = bands.every(
    (b, i) =>
      (b.upToDays === null && i === bands.length - 1) ||
      (b.upToDays !== null && (i === 0 || (bands[i - 1].upToDays as number) < b.upToDays)),
  );
  if (bands.length === 0 || !increasing || !Policy.safeParse({ provision: bands }).success) {
    failWith(cx, "badLadder", text ?? `${a.rows}×${a.cols}`);
    return null;
  }
  if (text !== null) {
    if (ladderCache.size >= CACHE_LIMIT) ladderCache.clear();
    ladderCache.set(text, bands);
  }
  return bands;
}

/** Index of the provision band an age falls in: the first whose upper bound it does not pass. */
function bandOf(bands: readonly ProvisionBand[], age: number): number {
  for (let b = 0; b < bands.length; b++) {
    const upTo = bands[b].upToDays;
    if (upTo === null || age <= upTo) return b;
  }
  return bands.length - 1;
}

/**
 * AR.PROVISION: the bad-debt provision, Σ over age bands of (positive balances in the band) ×
 * the band's rate, each band rounded to the cent, as `provision` in src/core/kpi.ts.
 */
function provision(call: Call): unknown[][] {
  const { cx } = call;
  const B = call.arg("balances");
  const G = call.arg("age_days");
  const n = cellCount(B);
  const bands = ladderOf(cx, call.arg("ladder"));
  const perBand = new Float64Array(bands.length);
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const amount = amountAt(cx, B, i, seen);
    if (amount === SKIP) continue;
    const v = nth(G, i);
    let age: number;
    if (typeof v === "number" && Number.isFinite(v)) age = v;
    else if (isBlankValue(v)) {
      throw refuseWith(cx, "#VALUE!", "rowMissing", G, { row: i + 1, other: "balances" });
    } else {
      const cell = toCell(v);
      age = typeof cell === "string" ? Number(cell.trim()) : NaN;
      if (!Number.isFinite(age)) {
        if (cell !== null && typeof cell === "object") failWith(cx, "errorCell", cell);
        else failWith(cx, "badNumber", v);
        throw refuse(cx, G, i + 1);
      }
    }
    if (amount > 0) perBand[bandOf(bands, age)] += amount;
  }
  let total = 0;
  for (let b = 0; b < bands.length; b++) total += Math.round(perBand[b] * bands[b].rate);
  return one(major(total));
}

export const FAMILY = {
  /** AR.DSO: receivables ÷ credit sales of the last `days` days × `days` (default 90). */
  DSO: {
    whole: (call) => {
      const ar = call.value("receivables");
      const sales = call.value("credit_sales");
      const n = call.value("days");
      return one(sales > 0 ? (ar / sales) * n : divisionByZero(call.cx));
    },
  },
  /** AR.COLLECTIONRATE: collections in the period ÷ the amount due in it. */
  COLLECTIONRATE: {
    whole: (call) => {
      const got = call.value("collections");
      const due = call.value("amount_due");
      return one(due > 0 ? got / due : divisionByZero(call.cx));
    },
  },
  OVERDUERATE: { whole: overdueRateOf },
  PROVISION: { whole: provision },
} satisfies Partial<Record<FunctionId, Implementation>>;
