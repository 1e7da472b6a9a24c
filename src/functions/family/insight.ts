/**
 * The insight family: AR.EXPECTEDPAY, the expected pay date of an item learnt from the history
 * of settled items, with the core's model (src/core/insight/model.ts, as the pane and the CLI
 * use it).
 */
import {
  Basis,
  basisReason,
  learnModel,
  newPrediction,
  predict,
  type History,
  type Prediction,
} from "../../core/insight/model";
import * as cellsModule from "../cells";
import * as listsModule from "../lists";
import { basisText, sizeText } from "../messages";
import type { Call, FunctionId, Implementation } from "../table";

// Bound once, as locals (see the note in family/item.ts).
const {
  at,
  BLANK,
  cellCount,
  errorOf,
  failure,
  nth,
  OK,
  readDate,
  readDateNth,
  readHold,
  refuse,
  refuseWith,
  spill,
} = cellsModule;
const { customerKey, customerKeyAt, flagOf, given, requiredDateAt } = listsModule;

/**
 * AR.EXPECTEDPAY: the expected pay date of an item due on `due_date` of `customer`, learnt from
 * the history columns (customers, due dates, settled dates; a row with a settled date on or
 * before the as-of date is history). The model is the core's: the customer's level, the
 * salesperson's when `salespeople` (the history's) and `salesperson` (the item's) are given, and
 * all customers; the dispute shift learnt from the history's `disputed` flags and applied to an
 * item whose `blocked` is TRUE; a promise to pay (`blocked` a date on or after the as-of date) is
 * the expected date itself. With an as-of date the item is taken as open at it, so the date is
 * after it and comes from the past payments that were at least as late; without one, from all of
 * them. Expected never: `#N/A` (more than 90 days overdue and later than any past payment; the
 * provision ladder, which needs invoice dates, is not applied). `detail` TRUE spills four
 * columns: the date, the band's first and last day, the basis. Every item asked about is taken
 * as still open at the as-of date: over a whole invoice table,
 * `=IF(settled="", AR.EXPECTEDPAY(...), settled)` keeps the settled rows' real dates.
 *
 * The driver has checked the history's columns against `customers` and read `as_of` (0: none)
 * and `detail`.
 */
function expectedPay(call: Call): unknown[][] {
  const { cx } = call;
  const D = call.arg("due_date");
  const K = call.arg("customer");
  const C = call.arg("customers");
  const DD = call.arg("due_dates");
  const SD = call.arg("settled_dates");
  const X = call.arg("detail");
  const SP = call.arg("salesperson");
  const SS = call.arg("salespeople");
  const B = call.arg("blocked");
  const P = call.arg("disputed");
  const n = cellCount(C);
  const withSales = given(SS);
  const withDisputes = given(P);
  const now = call.value("as_of");
  const wantDetail = call.value("detail") === 1;
  if (wantDetail && D.cols > 1) {
    throw refuseWith(cx, "#VALUE!", "detailShape", X, {
      size: sizeText(D.rows, D.cols, cx.locale),
    });
  }

  // The history: customer and salesperson index, delay (settled − due) and dispute flag of
  // every row settled by the as-of date.
  const indexOf = new Map<string, number>();
  const keyOf = new Map<unknown, string>();
  const salesOf = new Map<string, number>();
  const hCustomer = new Int32Array(n);
  const hSales = new Int32Array(n).fill(-1);
  const hDelay = new Int32Array(n);
  const hDisputed = new Uint8Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const settled = readDateNth(cx, SD, i);
    if (cx.st === BLANK) continue;
    if (cx.st !== OK) throw refuse(cx, SD, i + 1);
    if (now > 0 && settled > now) continue; // settled after the as-of date: open then
    const due = requiredDateAt(cx, DD, i, "settled_dates");
    const key = customerKeyAt(cx, C, i, "settled_dates", keyOf);
    let c = indexOf.get(key);
    if (c === undefined) indexOf.set(key, (c = indexOf.size));
    if (withSales) {
      const sp = customerKey(cx, nth(SS, i));
      if (sp === null && cx.st !== BLANK) throw refuse(cx, SS, i + 1);
      if (sp !== null) {
        let s = salesOf.get(sp);
        if (s === undefined) salesOf.set(sp, (s = salesOf.size));
        hSales[m] = s;
      }
    }
    if (withDisputes) {
      hDisputed[m] = flagOf(cx, nth(P, i)) ? 1 : 0;
      if (cx.st !== OK) throw refuse(cx, P, i + 1);
    }
    hCustomer[m] = c;
    hDelay[m++] = settled - due;
  }
  const history: History = {
    length: m,
    customer: hCustomer,
    salesperson: hSales,
    delay: hDelay,
    disputed: hDisputed,
  };
  const model = learnModel(history, indexOf.size, salesOf.size);
  const p = newPrediction();
  const locale = cx.locale;
  const whoOf = new Map<unknown, number>();
  const neverErrors = new Map<number, unknown>();

  const predictCell = (r: number, c: number): Prediction | unknown => {
    const due = readDate(cx, D, r, c);
    if (cx.st !== OK) return cx.st === BLANK ? "" : failure(cx, D);
    // The customer's index, by the cell's value first: a column repeats its customers.
    const raw = at(K, r, c);
    let who = whoOf.get(raw);
    if (who === undefined) {
      const key = customerKey(cx, raw);
      if (key === null && cx.st !== BLANK) return failure(cx, K);
      who = key === null ? -1 : (indexOf.get(key) ?? -1);
      if (typeof raw !== "object" || raw === null) whoOf.set(raw, who);
    }
    const hold = readHold(cx, B, r, c);
    if (cx.st !== OK) return failure(cx, B);
    if (hold > 1 && hold >= now) {
      // A live promise to pay: expected on the promised date, whatever the history says.
      p.date = p.low = p.high = hold;
      p.basis = Basis.promise;
      return p;
    }
    const sp = customerKey(cx, at(SP, r, c));
    if (sp === null && cx.st !== BLANK) return failure(cx, SP);
    predict(model, who, sp === null ? -1 : (salesOf.get(sp) ?? -1), due, now, hold === 1, p);
    if (p.basis === Basis.never) {
      // One error per distinct number of days: a column of old items shares them.
      let e = neverErrors.get(now - due);
      if (e === undefined) {
        e = errorOf(cx, "#N/A", "expectedNever", D, { value: String(now - due) });
        neverErrors.set(now - due, e);
      }
      return e;
    }
    return p;
  };
  if (!wantDetail) {
    return spill(cx, [D, K, SP, B], (r, c) => {
      const x = predictCell(r, c);
      return x === p ? p.date : x;
    });
  }
  const rows = spill(cx, [D, K, SP, B], (r) => {
    const x = predictCell(r, 0);
    if (x !== p) return [x, "", "", ""];
    // The core's reason: the no-history rule split by whether the item was already overdue.
    const reason = basisReason(p);
    const basis =
      reason === "noHistory" ||
      reason === "noHistoryOverdue" ||
      reason === "beyondHistory" ||
      reason === "promise"
        ? reason
        : "levels";
    const text = basisText(basis, locale, {
      weight: p.weightCustomer,
      weightSalesperson: p.weightSalesperson,
      n: p.nCustomer,
      assumed: model.options.beyondHistoryDays,
    });
    return [p.date, p.low, p.high, text];
  });
  return rows.map((row) => row[0] as unknown[]);
}

export const FAMILY = {
  EXPECTEDPAY: { whole: expectedPay },
} satisfies Partial<Record<FunctionId, Implementation>>;
