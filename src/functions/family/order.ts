/**
 * The order family: AR.CHECKORDER, may this order ship on credit? The core's order check
 * (`judgeOrder`, the rules of `ar-desk check-order`) on facts read from the cells.
 */
import {
  DEFAULT_CREDIT_POLICY,
  judgeOrder,
  reasonMessage,
  verdictLabel,
  type OrderCheck,
  type OverdueFact,
} from "../../core/credit";
import * as analyzeModule from "../../core/analyze";
import * as itemRules from "../../core/item-rules";
import { cellText } from "../../sheet/values";
import * as cellsModule from "../cells";
import * as listsModule from "../lists";
import { PUNCTUATION, sizeText } from "../messages";
import type { Call, FunctionId, Implementation } from "../table";
import { balancesByCustomer } from "./customer";

// Bound once, as locals (see the note in family/item.ts).
const {
  at,
  BLANK,
  cellCount,
  errorOf,
  FAIL,
  failError,
  failure,
  isSingle,
  nth,
  OK,
  readAsOf,
  readDateNth,
  readMoney,
  readMoneyNth,
  readTerm,
  refuse,
  refuseWith,
  requireSameCells,
  show,
  spill,
  toCell,
} = cellsModule;
const { customerKey, flagOf, given, major } = listsModule;

const { actByDate } = analyzeModule;
const { isOverdue } = itemRules;

/**
 * AR.CHECKORDER: exposure = the customer's balances; its overdue items = rows with a balance and
 * a due date before the as-of date (blocking after the credit policy's days, or past the act-by
 * date of the one-third rule when term days are given: in a column of terms a blank row's act-by
 * date is its due date; a row flagged in `disputed` does not block, as in `ar-desk
 * check-order`); its limit and grade under the default credit policy (A–D). A customer is known
 * when it has balances or a limit. Credit reviews are not in the cells: no review warnings.
 * Returns the verdict in Office's language; `detail` TRUE spills four columns: verdict, headroom
 * before and after the order, and the reasons.
 *
 * The driver has checked `balances` against `customers`; the due dates, terms and dispute flags
 * are checked here, after the exposure is summed and only with due dates.
 */
function checkOrder(call: Call): unknown[][] {
  const { cx } = call;
  const K = call.arg("customer");
  const M = call.arg("amount");
  const L = call.arg("credit_limit");
  const C = call.arg("customers");
  const B = call.arg("balances");
  const D = call.arg("due_dates");
  const A = call.arg("as_of");
  const G = call.arg("grade");
  const T = call.arg("term_days");
  const X = call.arg("detail");
  const P = call.arg("disputed");
  const idx = balancesByCustomer(cx, C, B);
  const wantDetail = flagOf(cx, X.m[0][0]);
  if (cx.st !== OK) throw refuse(cx, X);
  if (wantDetail && (K.cols > 1 || M.cols > 1)) {
    const wide = K.cols > 1 ? K : M;
    throw refuseWith(cx, "#VALUE!", "detailShapeOrder", X, {
      size: sizeText(wide.rows, wide.cols, cx.locale),
    });
  }

  // Overdue rows per customer: only with due dates (and then an as-of date).
  const overdueOf = new Map<string, OverdueFact[]>();
  let now = 0;
  if (given(D)) {
    const n = cellCount(C);
    requireSameCells(cx, D, C);
    const termEach = !isSingle(T);
    if (termEach) requireSameCells(cx, T, C);
    const disputedEach = !isSingle(P);
    if (disputedEach) requireSameCells(cx, P, C);
    const allDisputed = flagOf(cx, P.m[0][0]);
    if (cx.st !== OK) throw refuse(cx, P);
    now = readAsOf(cx, A, 0, 0);
    if (cx.st !== OK) throw refuse(cx, A);
    let term = termEach ? -1 : readTerm(cx, T, 0, 0);
    if (cx.st !== OK) throw refuse(cx, T);
    for (let i = 0; i < n; i++) {
      const owed = readMoneyNth(cx, B, i);
      if (cx.st === BLANK || owed <= 0) continue;
      const due = readDateNth(cx, D, i);
      if (cx.st === BLANK) continue;
      if (cx.st !== OK) throw refuse(cx, D, i + 1);
      const days = now - due;
      if (!isOverdue(owed, days, 0)) continue;
      if (termEach) {
        term = readTerm(cx, T, Math.floor(i / T.cols), i % T.cols);
        if (cx.st !== OK) throw refuse(cx, T, i + 1);
      }
      const isDisputed = disputedEach ? flagOf(cx, nth(P, i)) : allDisputed;
      if (cx.st !== OK) throw refuse(cx, P, i + 1);
      const key = customerKey(cx, nth(C, i));
      if (key === null) continue;
      let list = overdueOf.get(key);
      if (!list) overdueOf.set(key, (list = []));
      list.push({
        item: i + 1,
        outstanding: owed,
        daysOverdue: days,
        disputed: isDisputed,
        // A blank row of a term column: act-by is the due date, as AR.ACTBY and the core
        // take an item without a term; no term_days at all: the one-third rule is not checked.
        pastActBy: (termEach || term >= 0) && now > actByDate(due, term),
      });
    }
  }

  const locale = cx.locale;
  const judge = (r: number, c: number): OrderCheck | unknown => {
    const key = customerKey(cx, at(K, r, c));
    if (key === null) return cx.st === BLANK ? "" : failure(cx, K);
    const amt = readMoney(cx, M, r, c);
    if (cx.st !== OK) return cx.st === BLANK ? "" : failure(cx, M);
    if (amt <= 0) return errorOf(cx, "#VALUE!", "notPositive", M, { value: show(at(M, r, c)) });
    const amountCurrency = cx.currency;
    const limit = readMoney(cx, L, r, c);
    if (cx.st === FAIL) return failure(cx, L);
    const hasLimit = cx.st === OK;
    const limitCurrency = cx.currency;
    const g = toCell(at(G, r, c));
    if (g !== null && typeof g === "object") {
      failError(cx, g);
      return failure(cx, G);
    }
    const currency = idx.currency ?? amountCurrency ?? null;
    return judgeOrder(
      {
        customer: -1,
        customerCode: cellText(toCell(at(K, r, c))) ?? "",
        customerName: null,
        known: idx.sums.has(key) || hasLimit,
        grade: cellText(g),
        currency,
        digits: 2,
        asOf: now,
        amount: amt,
        recordedLimit: hasLimit ? limit : null,
        limitOtherCurrency:
          hasLimit && limitCurrency !== null && currency !== null && limitCurrency !== currency
            ? limitCurrency
            : null,
        exposure: idx.sums.get(key) ?? 0,
        overdueItems: overdueOf.get(key) ?? [],
        termsDays: null,
        lastReview: null,
      },
      DEFAULT_CREDIT_POLICY,
    );
  };
  const isCheck = (x: unknown): x is OrderCheck =>
    typeof x === "object" && x !== null && "verdict" in x && "reasons" in x;
  if (!wantDetail) {
    return spill(cx, [K, M, L, G], (r, c) => {
      const x = judge(r, c);
      return isCheck(x) ? verdictLabel(x.verdict, locale) : x;
    });
  }
  const rows = spill(cx, [K, M, L, G], (r) => {
    const x = judge(r, 0);
    if (!isCheck(x)) return [x, "", "", ""];
    const reasons = x.reasons
      .filter((why) => !why.code.startsWith("review."))
      .map((why) => reasonMessage(why, locale));
    return [
      verdictLabel(x.verdict, locale),
      x.headroomBefore === null ? "" : major(x.headroomBefore),
      x.headroomAfter === null ? "" : major(x.headroomAfter),
      reasons.join(PUNCTUATION[locale].join),
    ];
  });
  return rows.map((row) => row[0] as unknown[]);
}

export const FAMILY = {
  CHECKORDER: { whole: checkOrder },
} satisfies Partial<Record<FunctionId, Implementation>>;
