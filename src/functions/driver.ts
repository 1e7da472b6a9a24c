/**
 * The one driver of the custom functions: `run(id, raw)` takes what Excel (or a JS caller) passed
 * for function `id`, in the order of its declaration in table.ts, and
 *
 * 1. wraps each argument (a cell, a range, or nothing) as an `Arg` named as Excel shows it;
 * 2. checks that the parallel ranges have the same number of cells (`rows` in the table);
 * 3. reads the `value` arguments by their kind, within their bounds, in order;
 * 4. calls the family: per result cell, spilling the `cell` arguments (each read by its kind; a
 *    blank gives a blank cell, a bad one its error), or once for the whole result;
 * 5. maps a refused call (`Refusal`, thrown by any step) to its error as a one-cell result.
 *
 * Errors are `CustomFunctions.Error` inside Excel (functions.ts sets the factory) and
 * `FunctionError` elsewhere; their messages name the argument in the user's language
 * (messages.ts). The host's two settings, the error factory and the language, are read once per
 * call into the call's context; nothing else persists between calls but caches of parsed
 * thresholds and ladders (family/aging.ts, family/kpi.ts).
 */
import * as cellsModule from "./cells";
import { FunctionError, type Arg, type Cx, type ErrorCode, type ErrorFactory } from "./cells";
import { FAMILY as AGING } from "./family/aging";
import { FAMILY as CUSTOMER } from "./family/customer";
import { FAMILY as INSIGHT } from "./family/insight";
import { FAMILY as ITEM } from "./family/item";
import { FAMILY as KPI } from "./family/kpi";
import { FAMILY as ORDER } from "./family/order";
import { flagOf, given, sumOf } from "./lists";
import type { ArgName, Locale, MessageKey } from "./messages";

// Bound once, as locals: the per-cell loop calls the readers a million times, and under CommonJS
// interop (tsx, ts-jest) every use of an imported name is a property or getter read.
const {
  arg,
  BLANK,
  failure,
  failWith,
  newCx,
  OK,
  one,
  readAsOf,
  readDate,
  readDays,
  readHold,
  readMoney,
  readRate,
  readTerm,
  refuse,
  Refusal,
  requireSameCells,
  spill,
} = cellsModule;
import {
  FUNCTIONS,
  type ArgSpec,
  type Call,
  type FunctionId,
  type Implementation,
  type Kind,
} from "./table";

export { FunctionError, type ErrorCode, type ErrorFactory };

/** Every function's computation, by id. */
const IMPLEMENTATIONS: Record<FunctionId, Implementation> = {
  ...ITEM,
  ...CUSTOMER,
  ...AGING,
  ...KPI,
  ...INSIGHT,
  ...ORDER,
};

/** The host's settings: how errors are made and the language of messages and texts. */
const host: { makeError: ErrorFactory; locale: Locale } = {
  makeError: (code, text) => new FunctionError(code, text),
  locale: "en-US",
};

/** How error results are made: `new CustomFunctions.Error(code, message)` inside Excel. */
export function setErrorFactory(factory: ErrorFactory): void {
  host.makeError = factory;
}

/** The language of messages and texts (Office's display language, mapped by `localeOf`). */
export function setLocale(l: Locale): void {
  host.locale = l;
}

// ---------------------------------------------------------------------------------------------
// Plans: a function's declaration compiled once into what each call needs (positions, kinds and
// bounds as plain numbers), so that a call costs little more than its reading. Made from the
// constant table and never changed.

/** Kinds the driver reads per cell, as small integers for the per-cell switch. */
const CELL_KINDS: Partial<Record<Kind, number>> = {
  date: 0,
  asOf: 1,
  money: 2,
  days: 3,
  term: 4,
  rate: 5,
  hold: 6,
};

interface Plan {
  readonly specs: readonly ArgSpec[];
  readonly impl: Implementation;
  /** Position of each argument by name. */
  readonly index: ReadonlyMap<ArgName, number>;
  /** Parallel-range checks: [position, position of the range it must match, when]. */
  readonly rows: readonly (readonly [number, number, "always" | "given" | "range"])[];
  /** Positions of the `value` arguments the driver reads. */
  readonly values: readonly number[];
  /** The `cell` arguments (per-cell functions only): positions, kinds, blank values, bounds. */
  readonly cells: readonly number[];
  readonly cellKind: readonly number[];
  readonly cellDefault: readonly number[];
  readonly cellMin: readonly number[];
  readonly cellMax: readonly number[];
  readonly cellBounded: boolean;
}

function planOf(id: FunctionId): Plan {
  const specs: readonly ArgSpec[] = FUNCTIONS[id];
  const impl = IMPLEMENTATIONS[id];
  const index = new Map(specs.map((s, i) => [s.name, i] as const));
  const driverReads = (s: ArgSpec) => s.family === undefined;
  const rows = specs.flatMap((s, i) =>
    s.rows !== undefined && driverReads(s)
      ? [[i, index.get(s.rows.of) as number, s.rows.when] as const]
      : [],
  );
  const values = specs.flatMap((s, i) => (s.shape === "value" && driverReads(s) ? [i] : []));
  const cells = "cells" in impl ? specs.flatMap((s, i) => (s.shape === "cell" ? [i] : [])) : [];
  const cellKind = cells.map((i) => {
    const k = CELL_KINDS[specs[i].kind];
    if (k === undefined) throw new Error(`${id}: a ${specs[i].kind} is not read per cell`);
    return k;
  });
  const cellMin = cells.map((i) => specs[i].min ?? -Infinity);
  const cellMax = cells.map((i) => specs[i].max ?? Infinity);
  return {
    specs,
    impl,
    index,
    rows,
    values,
    cells,
    cellKind,
    cellDefault: cells.map((i) => specs[i].default ?? 0),
    cellMin,
    cellMax,
    cellBounded: cellMin.some((m) => m > -Infinity) || cellMax.some((m) => m < Infinity),
  };
}

const PLANS = Object.fromEntries(
  (Object.keys(FUNCTIONS) as FunctionId[]).map((id) => [id, planOf(id)]),
) as Record<FunctionId, Plan>;

/** One call as the family sees it (`Call`, table.ts). */
class CallOf implements Call {
  constructor(
    readonly cx: Cx,
    private readonly plan: Plan,
    private readonly args: readonly Arg[],
    private readonly values: readonly number[],
  ) {}

  private at(name: ArgName): number {
    const i = this.plan.index.get(name);
    if (i === undefined) throw new Error(`no argument ${name}`);
    return i;
  }

  arg(name: ArgName): Arg {
    return this.args[this.at(name)];
  }

  value(name: ArgName): number {
    return this.values[this.at(name)] ?? NaN;
  }
}

const NO_VALUES: readonly number[] = [];

/** Function `id` on the arguments `raw`, in the order of its declaration. */
export function run(id: FunctionId, raw: readonly unknown[]): unknown[][] {
  const plan = PLANS[id];
  const specs = plan.specs;
  const cx = newCx(host.locale, host.makeError);
  const args: Arg[] = new Array(specs.length);
  for (let i = 0; i < specs.length; i++) args[i] = arg(specs[i].name, raw[i]);
  try {
    checkRows(cx, plan, args);
    let values = NO_VALUES;
    if (plan.values.length > 0) {
      const read: number[] = new Array(specs.length).fill(NaN);
      for (const i of plan.values) read[i] = readValue(cx, specs[i], args[i]);
      values = read;
    }
    const impl = plan.impl;
    if ("whole" in impl) return impl.whole(new CallOf(cx, plan, args, values));
    const prepared = impl.prepare ? impl.prepare(new CallOf(cx, plan, args, values)) : undefined;
    return spillCells(cx, plan, args, impl.cells, prepared);
  } catch (e) {
    if (e instanceof Refusal) return one(e.error);
    throw e;
  }
}

/** Refuses the call when a range does not match its parallel range row for row (`rows`). */
function checkRows(cx: Cx, plan: Plan, args: readonly Arg[]): void {
  const rows = plan.rows;
  for (let k = 0; k < rows.length; k++) {
    const [i, j, when] = rows[k];
    const a = args[i];
    if (when === "given" && !given(a)) continue;
    if (when === "range" && a.rows === 1 && a.cols === 1) continue;
    requireSameCells(cx, a, args[j]);
  }
}

/** The message of a value outside the bounds of its kind. */
const OUT_OF_BOUNDS: Partial<Record<Kind, MessageKey>> = {
  days: "badDays",
  term: "badTerms",
  rate: "badRate",
  money: "badMoney",
  number: "badNumber",
};

/** A `value` argument, read by its kind: the number, or the call is refused. */
function readValue(cx: Cx, s: ArgSpec, a: Arg): number {
  let v: number;
  switch (s.kind) {
    case "moneySum":
      return sumOf(cx, a).sum;
    case "flag":
      v = flagOf(cx, a.m[0][0]) ? 1 : 0;
      break;
    case "date":
      v = readDate(cx, a, 0, 0);
      if (cx.st === BLANK) {
        if (s.default === undefined) failWith(cx, "blank", "");
        else {
          cx.st = OK;
          v = s.default;
        }
      }
      break;
    default: {
      const k = CELL_KINDS[s.kind];
      if (k === undefined) throw new Error(`${s.name}: a ${s.kind} is read by its family`);
      v = readCell(cx, k, a, 0, 0, s.default ?? 0);
    }
  }
  if (cx.st !== OK) throw refuse(cx, a);
  if ((s.min !== undefined && v < s.min) || (s.max !== undefined && v > s.max)) {
    const key = s.kind === "days" && (s.min ?? 0) > 0 ? "badDaysPositive" : OUT_OF_BOUNDS[s.kind];
    failWith(cx, key ?? "badType", v);
    throw refuse(cx, a);
  }
  return v;
}

/** Cell (r, c) of an argument by its kind (`CELL_KINDS`); sets `cx.st`. */
function readCell(cx: Cx, kind: number, a: Arg, r: number, c: number, ifBlank: number): number {
  switch (kind) {
    case 0:
      return readDate(cx, a, r, c);
    case 1:
      return readAsOf(cx, a, r, c);
    case 2:
      return readMoney(cx, a, r, c);
    case 3:
      return readDays(cx, a, r, c, ifBlank);
    case 4:
      return readTerm(cx, a, r, c);
    case 5:
      return readRate(cx, a, r, c);
    default:
      return readHold(cx, a, r, c);
  }
}

/**
 * The result of a per-cell function: spills its `cell` arguments and, for each result cell,
 * reads them in order (the first blank gives a blank cell, the first bad one its error), then
 * computes the cell from their values (`v[i]`: argument i).
 */
function spillCells(
  cx: Cx,
  plan: Plan,
  args: readonly Arg[],
  each: (v: number[], cx: Cx, prepared: unknown) => unknown,
  prepared: unknown,
): unknown[][] {
  const { cells, cellKind: kind, cellDefault: dflt, cellMin: min, cellMax: max } = plan;
  const bounded = plan.cellBounded;
  const n = cells.length;
  const cellArgs: Arg[] = new Array(n);
  for (let k = 0; k < n; k++) cellArgs[k] = args[cells[k]];
  // A plain array of doubles: allocating a typed array costs more than a one-cell call.
  const v: number[] = new Array(args.length).fill(0);
  return spill(cx, cellArgs, (r, c) => {
    for (let k = 0; k < n; k++) {
      const a = cellArgs[k];
      const x = readCell(cx, kind[k], a, r, c, dflt[k]);
      if (cx.st !== OK) return cx.st === BLANK ? "" : failure(cx, a);
      if (bounded && (x < min[k] || x > max[k])) {
        failWith(cx, OUT_OF_BOUNDS[plan.specs[cells[k]].kind] ?? "badType", x);
        return failure(cx, a);
      }
      v[cells[k]] = x;
    }
    return each(v, cx, prepared);
  });
}
