/**
 * The customer and credit family: balances summed per customer from two parallel columns
 * (customers, balances), and per customer cell its outstanding balance, exposure, headroom under
 * a credit limit, or whether it is over the limit. Also the exposure index AR.CHECKORDER uses.
 */
import * as cellsModule from "../cells";
import type { Arg, Cx } from "../cells";
import * as listsModule from "../lists";
import { SKIP } from "../lists";
import type { Call, FunctionId, Implementation } from "../table";

// Bound once, as locals (see the note in family/item.ts).
const { at, BLANK, cellCount, failure, OK, readMoney, spill } = cellsModule;
const { amountAt, customerKey, customerKeyAt, major } = listsModule;

export interface Balances {
  /** Minor-unit sum per customer key. */
  sums: Map<string, number>;
  currency: string | null;
}

/**
 * Sums `balances` per customer of `customers` (matched as the ledger matches names); refuses the
 * call for a bad row. The driver has checked that the two columns match.
 */
export function balancesByCustomer(cx: Cx, C: Arg, B: Arg): Balances {
  const n = cellCount(C);
  const sums = new Map<string, number>();
  const keyOf = new Map<unknown, string>();
  const seen = { currency: null as string | null };
  for (let i = 0; i < n; i++) {
    const amount = amountAt(cx, B, i, seen);
    if (amount === SKIP) continue;
    const key = customerKeyAt(cx, C, i, "balances", keyOf);
    sums.set(key, (sums.get(key) ?? 0) + amount);
  }
  return { sums, currency: seen.currency };
}

/** Exposure of each cell of `customer` (0 for a customer with no balances). */
function exposureSpill(
  call: Call,
  extra: Arg[],
  each: (exposure: number, r: number, c: number) => unknown,
): unknown[][] {
  const { cx } = call;
  const K = call.arg("customer");
  const idx = balancesByCustomer(cx, call.arg("customers"), call.arg("balances"));
  return spill(cx, [K, ...extra], (r, c) => {
    const key = customerKey(cx, at(K, r, c));
    if (key === null) return cx.st === BLANK ? "" : failure(cx, K);
    return each(idx.sums.get(key) ?? 0, r, c);
  });
}

/** The customer's exposure, as major units. */
const balance = (call: Call): unknown[][] => exposureSpill(call, [], (sum) => major(sum));

export const FAMILY = {
  /** AR.OUTSTANDING: the customer's open balance, net of credits and unapplied cash. */
  OUTSTANDING: { whole: balance },
  /** AR.EXPOSURE: the customer's credit exposure; DESIGN §3: the sum of its open items, = outstanding. */
  EXPOSURE: { whole: balance },
  /** AR.HEADROOM: credit limit − exposure; blank when no limit is set. */
  HEADROOM: {
    whole: (call) => {
      const { cx } = call;
      const L = call.arg("credit_limit");
      return exposureSpill(call, [L], (sum, r, c) => {
        const limit = readMoney(cx, L, r, c);
        if (cx.st !== OK) return cx.st === BLANK ? "" : failure(cx, L);
        return major(limit - sum);
      });
    },
  },
  /** AR.OVERLIMIT: exposure > credit limit; FALSE when no limit is set. */
  OVERLIMIT: {
    whole: (call) => {
      const { cx } = call;
      const L = call.arg("credit_limit");
      return exposureSpill(call, [L], (sum, r, c) => {
        const limit = readMoney(cx, L, r, c);
        if (cx.st !== OK) return cx.st === BLANK ? false : failure(cx, L);
        return sum > limit;
      });
    },
  },
} satisfies Partial<Record<FunctionId, Implementation>>;
