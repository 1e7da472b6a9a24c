/**
 * Collection insight (issue 7): what will happen next, from the history already in the ledger.
 *
 * `insight(a)` takes an analysis (it is a separate call, not part of `analyze`, so the aging
 * stays within its budget) and returns, as of the analysis' date and learning only from items
 * settled by then:
 *
 * - payment behaviour per customer, per salesperson and overall (behaviour.ts);
 * - the expected pay date of every open item, with its band and basis (model.ts, expected.ts);
 * - the cash forecast by week and month for 13 weeks per currency, and what is expected never
 *   (forecast.ts);
 * - a suggested risk grade per customer with its reasons (grade.ts).
 *
 * Other questions take other inputs and are their own calls: roll rates between two dates
 * (rollrates.ts), provision per customer (provision.ts), the limitation watch (limitation.ts),
 * the salesperson scorecard over a period (scorecard.ts), and the backtest (backtest.ts).
 *
 * Cost: a pass over the items, a sort of the settled items' delays per group, and per open item
 * a few binary searches: about n log n at worst.
 */
import type { Analysis } from "../analyze";
import { behaviourOf, type Behaviour, type BehaviourOptions } from "./behaviour";
import { expectedPayDates, type ExpectedPay, type ExpectedPayOptions } from "./expected";
import { cashForecast, type CashForecast, type ForecastOptions } from "./forecast";
import { suggestGrades, type GradeOptions, type GradeSuggestion } from "./grade";
import { settledItems, type SettledItems } from "./history";

export interface InsightOptions {
  behaviour: Partial<BehaviourOptions>;
  model: Partial<ExpectedPayOptions>;
  forecast: Partial<ForecastOptions>;
  grade: Partial<GradeOptions>;
}

export interface Insight {
  asOf: number;
  /** Settled items learned from. */
  history: number;
  portfolio: Behaviour | null;
  /** Indexed by customer; null for a customer with nothing settled. */
  customers: (Behaviour | null)[];
  /** One entry per salesperson with settled items; key -1: items with no salesperson. */
  salespeople: Behaviour[];
  expected: ExpectedPay;
  forecast: CashForecast[];
  grades: GradeSuggestion[];
}

/**
 * Behaviour, expected pay dates, cash forecast and grades as of the analysis date.
 *
 * The salespeople's and the portfolio's behaviour are made when first read: the summary and the
 * pane show neither (the JSON does), and on a full sheet they are two more passes over the
 * history and a sort of it. Read or not, they are the same figures.
 */
export function insight(a: Analysis, options: Partial<InsightOptions> = {}): Insight {
  const ledger = a.ledger;
  const nc = ledger.currencies.length;
  let h: SettledItems | null = settledItems(a);
  const history = h.length;
  const expected = expectedPayDates(a, h, options.model);
  // Without a dispute shift the model's samples are the raw delays, grouped the same way.
  const model = expected.model;
  const same = model.disputeShift === 0;
  const bo = options.behaviour ?? {};
  const nCustomers = ledger.customers.length;
  const customers = behaviourOf(
    h,
    h.customer,
    nCustomers,
    nc,
    a.asOf,
    (g) => g,
    bo,
    same ? model.customers : undefined,
  );
  const forecast = cashForecast(a, expected, options.forecast);
  const window = bo.recentDays !== undefined ? { recentDays: bo.recentDays } : {};
  const grades = suggestGrades(a, customers, { ...window, ...options.grade });

  let salespeople: Behaviour[] | null = null;
  let portfolio: Behaviour | null | undefined;
  // The history is held until both are made, then let go.
  const release = () => {
    if (salespeople !== null && portfolio !== undefined) h = null;
  };
  const salespeopleOf = (s: SettledItems): Behaviour[] => {
    const spGroup = new Int32Array(s.length);
    for (let k = 0; k < s.length; k++) spGroup[k] = s.salesperson[k] + 1;
    return behaviourOf(
      s,
      spGroup,
      ledger.salespeople.length + 1,
      nc,
      a.asOf,
      (g) => g - 1,
      bo,
    ).filter((b): b is Behaviour => b !== null);
  };
  const portfolioOf = (s: SettledItems): Behaviour | null =>
    behaviourOf(
      s,
      new Int32Array(s.length),
      1,
      nc,
      a.asOf,
      () => -1,
      bo,
      same ? model.portfolio : undefined,
    )[0];
  return {
    asOf: a.asOf,
    history,
    get portfolio(): Behaviour | null {
      if (portfolio === undefined) {
        portfolio = portfolioOf(h as SettledItems);
        release();
      }
      return portfolio;
    },
    customers,
    get salespeople(): Behaviour[] {
      if (salespeople === null) {
        salespeople = salespeopleOf(h as SettledItems);
        release();
      }
      return salespeople;
    },
    expected,
    forecast,
    grades,
  };
}

export { behaviourOf, type Behaviour } from "./behaviour";
export { backtest, type BacktestResult } from "./backtest";
export { explainItem, expectedPayDates, NOT_PREDICTED, type ExpectedPay } from "./expected";
export { cashForecast, type CashForecast } from "./forecast";
export { readGrade, suggestGrades, type Grade, type GradeSuggestion } from "./grade";
export { settledItems } from "./history";
export { limitationWatch, type Interruption, type LimitationEntry } from "./limitation";
export { gradeWords, insightMessage } from "./messages";
export {
  Basis,
  BASIS_CODES,
  basisReason,
  learnModel,
  Never,
  NEVER_CODES,
  predict,
  type BasisReason,
} from "./model";
export { provisionReport } from "./provision";
export { rollRates, type RollRates } from "./rollrates";
export { salespersonScorecard, type ScorecardRow } from "./scorecard";
