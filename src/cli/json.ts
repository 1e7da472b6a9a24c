/**
 * The `analyze --json` document (CLI.md, schema 1): its zod schema and how an Analysis becomes it.
 * Extensions beyond CLI.md's example are additive (`status`, `actBy`, `hold`, customer names,
 * `unapplied`, `salespeople`, `sheets`, problem `code`s, `insight`); nothing there is renamed.
 */
import { z } from "zod";
import { datedAfterAsOf, type Analysis, type Totals } from "../core/analyze";
import type { PolicyPosition } from "../core/credit";
import { isoOrNull } from "../core/dates";
import type { Behaviour } from "../core/insight/behaviour";
import { NOT_PREDICTED } from "../core/insight/expected";
import type { Insight } from "../core/insight";
import type { LimitationEntry } from "../core/insight/limitation";
import { insightMessage } from "../core/insight/messages";
import { BASIS_CODES, NEVER_CODES } from "../core/insight/model";
import { itemSource, paymentSource } from "../core/ledger";
import { problemMessage, type Locale } from "../core/messages";
import { dso, overdueRate, provision } from "../core/kpi";
import { fromMinor, minorDigits } from "../core/money";
import { ItemStatus } from "../core/position";
import type { Problem } from "../core/problems";
import type { ImportResult } from "../sheet/import";
import { LazyArray, materialise } from "./json-stream";
import { HOLD, STATUS, itemWriter } from "./item-text";

export { moneyText } from "./item-text";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const source = z.object({
  file: z.string().nullable(),
  sheet: z.string().nullable(),
  row: z.number().int(),
});
const buckets = z.record(z.string(), z.number());

export const ItemJson = z.object({
  source,
  invoice: z.string().nullable(),
  customer: z.string(),
  currency: z.string().nullable(),
  invoiceDate: isoDate.nullable(),
  dueDate: isoDate.nullable(),
  amount: z.number(),
  outstanding: z.number(),
  settledDate: isoDate.nullable(),
  daysOverdue: z.number().int().nullable(),
  daysLate: z.number().int().min(0).nullable(),
  bucket: z.string().nullable(),
  overdue: z.boolean(),
  level: z.number().int().min(0),
  status: z.enum(["open", "closed", "future"]),
  actBy: isoDate.nullable(),
  hold: z.enum(["disputed", "promise"]).nullable(),
  salesperson: z.string().nullable(),
});

const totalsShape = {
  currency: z.string().nullable(),
  outstanding: z.number(),
  overdue: z.number(),
  buckets,
  /** Positive open items not overdue; overdue + notDue + credits = outstanding. */
  notDue: z.number(),
  /** Credit notes, overpayments and unapplied cash (negative). */
  credits: z.number(),
};

export const CustomerJson = z.object({
  customer: z.string(),
  name: z.string().nullable(),
  ...totalsShape,
  unapplied: z.number(),
  exposure: z.number(),
  creditLimit: z.number().nullable(),
  headroom: z.number().nullable(),
  overLimit: z.boolean(),
  utilisation: z.number().nullable(),
  /**
   * Set when the credit policy (`--policy`) changed the recorded limit for the customer's grade:
   * `creditLimit` is then the policy's, this the recorded one and the grade; null otherwise.
   */
  policyLimit: z
    .object({ recorded: z.number().nullable(), grade: z.string().nullable() })
    .nullable(),
  maxDaysOverdue: z.number().int().nullable(),
  level: z.number().int(),
  salesperson: z.string().nullable(),
});

export const TotalsJson = z.object(totalsShape);

export const ProblemJson = z.object({
  source: source.nullable(),
  column: z.string().nullable(),
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
});

/** Payment behaviour of a customer, salesperson or the portfolio (src/core/insight/behaviour.ts). */
export const BehaviourJson = z.object({
  /** Settled items learned from (settled by the as-of date). */
  settled: z.number().int(),
  onTimeShare: z.number(),
  averageDaysLate: z.number(),
  /** Weighted by amount, in `weightCurrency`. */
  weightedDaysLate: z.number(),
  weightCurrency: z.string().nullable(),
  /** settled − due, sign kept (negative: early): mean, median and quartiles. */
  averageDelay: z.number(),
  medianDelay: z.number(),
  q1Delay: z.number(),
  q3Delay: z.number(),
  recentSettled: z.number().int(),
  recentAverageDaysLate: z.number().nullable(),
  earlierAverageDaysLate: z.number().nullable(),
  /** recent − earlier average days late; positive: paying later lately. */
  trend: z.number().nullable(),
  lastSettled: isoDate,
});

const ReasonJson = z.object({ code: z.string(), points: z.number().int(), message: z.string() });
const period = { from: isoDate, to: isoDate, amount: z.number() };

/** `insight`: behaviour, grades, the cash forecast and expected pay dates (src/core/insight). */
export const InsightJson = z.object({
  model: z.object({
    /** Settled items learned from. */
    history: z.number().int(),
    credibility: z.number(),
    band: z.tuple([z.number(), z.number()]),
    disputeShift: z.number().int(),
    neverAfterDays: z.number().int(),
    /**
     * The stated rule's days: an overdue item later than every past payment, or any overdue
     * item when `history` is 0 (basis `noHistory`), is assumed paid within this many days.
     */
    assumedDays: z.number().int(),
    horizonWeeks: z.number().int(),
  }),
  portfolio: BehaviourJson.nullable(),
  /** One per customer in the position or with a history. */
  customers: z.array(
    z.object({
      customer: z.string(),
      name: z.string().nullable(),
      behaviour: BehaviourJson.nullable(),
      grade: z.enum(["A", "B", "C", "D"]),
      points: z.number().int(),
      reasons: z.array(ReasonJson),
      /** The grade the customer list records, and whether the suggestion differs (null: not comparable). */
      recordedGrade: z.string().nullable(),
      gradeDiffers: z.boolean().nullable(),
    }),
  ),
  salespeople: z.array(z.object({ salesperson: z.string().nullable(), behaviour: BehaviourJson })),
  /** Per currency: 13 weeks from the day after the as-of date, the calendar months they touch. */
  forecast: z.array(
    z.object({
      currency: z.string().nullable(),
      open: z.number(),
      /** The currency's outstanding = open + credits (credits and unapplied cash, not forecast). */
      outstanding: z.number(),
      credits: z.number(),
      weeks: z.array(z.object(period)),
      months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), ...period })),
      later: z.number(),
      never: z.number(),
      neverItems: z.number().int(),
    }),
  ),
  /** Every open item with a positive balance: its expected pay date and band. */
  items: z.array(
    z.object({
      /** Index in `items`. */
      item: z.number().int(),
      invoice: z.string().nullable(),
      customer: z.string(),
      expectedPayDate: isoDate.nullable(),
      earliest: isoDate.nullable(),
      latest: isoDate.nullable(),
      basis: z.enum(BASIS_CODES as [string, ...string[]]),
      never: z.enum(NEVER_CODES.slice(1) as [string, ...string[]]).nullable(),
    }),
  ),
  /**
   * Limitation watch (DOCUMENTS §4): overdue claims whose 3-year period, from the due date or
   * the latest demand or acknowledgement in the collection log (`--log`), ends within 180 days
   * of the as-of date or has ended.
   */
  limitation: z
    .array(
      z.object({
        item: z.number().int(),
        invoice: z.string().nullable(),
        customer: z.string(),
        currency: z.string().nullable(),
        outstanding: z.number(),
        dueDate: isoDate,
        from: isoDate,
        startsFrom: z.enum(["due", "interruption"]),
        ends: isoDate,
        daysLeft: z.number().int(),
        status: z.enum(["expired", "soon", "ok"]),
      }),
    )
    .optional(),
});
export type InsightJson = z.infer<typeof InsightJson>;

export const AnalyzeJson = z.object({
  schema: z.literal(1),
  asOf: isoDate,
  basis: z.enum(["due", "invoice"]),
  thresholds: z.array(z.number().int().positive()),
  bucketLabels: z.array(z.string()),
  rows: z.object({
    read: z.number().int(),
    imported: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
  }),
  items: z.array(ItemJson),
  unapplied: z.array(
    z.object({
      source,
      customer: z.string(),
      currency: z.string().nullable(),
      date: isoDate.nullable(),
      amount: z.number(),
    }),
  ),
  customers: z.array(CustomerJson),
  salespeople: z.array(z.object({ salesperson: z.string().nullable(), ...totalsShape })),
  totals: z.array(TotalsJson),
  /** Per currency, items dated after the as-of date: not in any figure (their status is "future"). */
  datedAfterAsOf: z.array(
    z.object({ currency: z.string().nullable(), items: z.number().int(), amount: z.number() }),
  ),
  kpis: z.array(
    z.object({
      currency: z.string().nullable(),
      overdueRate: z.number().nullable(),
      /** What the overdue rate is a share of: gross receivables (overdue + not yet due). */
      overdueRateBase: z.literal("gross"),
      dso: z.number().nullable(),
      bestPossibleDso: z.number().nullable(),
      averageDaysDelinquent: z.number().nullable(),
      countbackDso: z.number().nullable(),
      provision: z.number(),
    }),
  ),
  sheets: z.array(
    z.object({
      file: z.string().nullable(),
      sheet: z.string().nullable(),
      kind: z.enum(["invoices", "payments", "customers"]).nullable(),
      headerRow: z.number().int().nullable(),
      columns: z.record(z.string(), z.string()),
      rows: z.object({
        read: z.number(),
        imported: z.number(),
        skipped: z.number(),
        rejected: z.number(),
      }),
    }),
  ),
  problems: z.array(ProblemJson),
  insight: InsightJson.optional(),
});
export type AnalyzeJson = z.infer<typeof AnalyzeJson>;

type Lazy<T extends unknown[]> = LazyArray<T[number]>;
type InsightDoc = Omit<InsightJson, "customers" | "items" | "limitation"> & {
  customers: Lazy<InsightJson["customers"]>;
  items: Lazy<InsightJson["items"]>;
  limitation?: Lazy<NonNullable<InsightJson["limitation"]>>;
};
/**
 * The document as `analyze --json` writes it: its long arrays (items, unapplied cash, customers,
 * problems, and in `insight` the grades, expected pay dates and limitation watch) are
 * `LazyArray`s whose entries are made one at a time while `writeJson` writes them.
 */
export type AnalyzeDoc = Omit<
  AnalyzeJson,
  "items" | "unapplied" | "customers" | "problems" | "insight"
> & {
  items: Lazy<AnalyzeJson["items"]>;
  unapplied: Lazy<AnalyzeJson["unapplied"]>;
  customers: Lazy<AnalyzeJson["customers"]>;
  problems: Lazy<AnalyzeJson["problems"]>;
  insight?: InsightDoc;
};

/** Builds the JSON document, every array whole. Money in major units, exact to the minor unit. */
export function analysisJson(
  imported: ImportResult,
  a: Analysis,
  locale: Locale = "en-US",
  insight?: Insight,
  limitation?: readonly LimitationEntry[],
): AnalyzeJson {
  const doc = analysisDoc(imported, a, locale, insight, limitation);
  // Replaced in place, so every key keeps its position.
  const out = { ...doc } as unknown as AnalyzeJson;
  out.items = materialise(doc.items);
  out.unapplied = materialise(doc.unapplied);
  out.customers = materialise(doc.customers);
  out.problems = materialise(doc.problems);
  if (doc.insight) out.insight = insightPlain(doc.insight);
  return out;
}

/** `insight` with its arrays whole. */
function insightPlain(d: InsightDoc): InsightJson {
  const out = { ...d } as unknown as InsightJson;
  out.customers = materialise(d.customers);
  out.items = materialise(d.items);
  if (d.limitation) out.limitation = materialise(d.limitation);
  return out;
}

/**
 * The same document with its long arrays lazy (`AnalyzeDoc`): what `analyze --json` hands to
 * `writeJson`, so that only the entry being written exists, not one object per item at once.
 */
export function analysisDoc(
  imported: ImportResult,
  a: Analysis,
  locale: Locale = "en-US",
  insight?: Insight,
  limitation?: readonly LimitationEntry[],
): AnalyzeDoc {
  const { ledger, items: r, labels } = a;
  const it = ledger.items;
  const cur = ledger.currencies;
  const digits = cur.map((c) => minorDigits(c));
  const money = (minor: number, c: number) => fromMinor(minor, digits[c]);
  const bucketsOf = (t: Totals) =>
    Object.fromEntries(labels.map((label, b) => [label, money(t.buckets[b], t.currency)]));
  const spName = (s: number) => (s >= 0 ? ledger.salespeople[s] : null);

  const items = LazyArray.range(
    it.length,
    (i): AnalyzeJson["items"][number] => {
      const c = it.currency[i];
      const st = r.status[i];
      const open = st === ItemStatus.open;
      const customer = ledger.customers[it.customer[i]];
      return {
        source: itemSource(ledger, i),
        invoice: it.ref[i],
        customer: customer.code,
        currency: cur[c],
        invoiceDate: isoOrNull(it.invoiceDate[i]),
        dueDate: isoOrNull(r.due[i]),
        amount: money(it.amount[i], c),
        outstanding: open ? money(r.outstanding[i], c) : 0,
        settledDate: st === ItemStatus.closed ? isoOrNull(r.settled[i]) : null,
        daysOverdue: open && r.due[i] !== 0 ? r.daysOverdue[i] : null,
        daysLate: r.daysLate[i] >= 0 ? r.daysLate[i] : null,
        bucket: open ? labels[r.bucket[i]] : null,
        overdue: r.overdue[i] === 1,
        level: r.level[i],
        status: STATUS[st],
        actBy: open ? isoOrNull(r.actBy[i]) : null,
        hold: HOLD[r.hold[i]],
        salesperson: spName(it.salesperson[i] >= 0 ? it.salesperson[i] : customer.salesperson),
      };
    },
    itemWriter(a),
  );

  return {
    schema: 1,
    asOf: isoOrNull(a.asOf) as string,
    basis: a.policy.basis,
    thresholds: a.policy.thresholds,
    bucketLabels: labels,
    rows: imported.rows,
    items,
    unapplied: LazyArray.map(a.position.unapplied, (u) => ({
      source: paymentSource(ledger, u.payment),
      customer: ledger.customers[u.customer].code,
      currency: cur[u.currency],
      date: isoOrNull(u.date),
      amount: money(u.amount, u.currency),
    })),
    customers: LazyArray.map(a.customers, (g: PolicyPosition) => {
      const c = ledger.customers[g.customer];
      return {
        customer: c.code,
        name: c.name,
        currency: cur[g.currency],
        outstanding: money(g.outstanding, g.currency),
        overdue: money(g.overdue, g.currency),
        buckets: bucketsOf(g),
        notDue: money(g.notDue, g.currency),
        credits: money(g.credits, g.currency),
        unapplied: money(g.unapplied, g.currency),
        exposure: money(g.exposure, g.currency),
        creditLimit: g.creditLimit === null ? null : money(g.creditLimit, g.currency),
        headroom: g.headroom === null ? null : money(g.headroom, g.currency),
        overLimit: g.overLimit,
        utilisation:
          g.utilisation === null || !Number.isFinite(g.utilisation)
            ? null
            : Math.round(g.utilisation * 10000) / 10000,
        policyLimit: g.policyLimit
          ? {
              recorded:
                g.policyLimit.recorded === null ? null : money(g.policyLimit.recorded, g.currency),
              grade: g.policyLimit.grade,
            }
          : null,
        maxDaysOverdue: g.maxDaysOverdue,
        level: g.maxLevel,
        salesperson: spName(c.salesperson),
      };
    }),
    salespeople: a.salespeople.map((s) => ({
      salesperson: spName(s.salesperson),
      currency: cur[s.currency],
      outstanding: money(s.outstanding, s.currency),
      overdue: money(s.overdue, s.currency),
      buckets: bucketsOf(s),
      notDue: money(s.notDue, s.currency),
      credits: money(s.credits, s.currency),
    })),
    totals: a.totals.map((t) => ({
      currency: cur[t.currency],
      outstanding: money(t.outstanding, t.currency),
      overdue: money(t.overdue, t.currency),
      buckets: bucketsOf(t),
      notDue: money(t.notDue, t.currency),
      credits: money(t.credits, t.currency),
    })),
    datedAfterAsOf: datedAfterAsOf(a).map((x) => ({
      currency: cur[x.currency],
      items: x.items,
      amount: money(x.amount, x.currency),
    })),
    kpis: kpisJson(a, money),
    sheets: imported.sheets,
    problems: LazyArray.map(imported.problems, (p) => problemJson(p, locale)),
    ...(insight ? { insight: insightDoc(a, insight, locale, limitation) } : {}),
  };
}

/** The `insight` section. */
export function insightJson(
  a: Analysis,
  ins: Insight,
  locale: Locale = "en-US",
  limitation?: readonly LimitationEntry[],
): InsightJson {
  return insightPlain(insightDoc(a, ins, locale, limitation));
}

/** The `insight` section with its long arrays lazy. */
function insightDoc(
  a: Analysis,
  ins: Insight,
  locale: Locale,
  limitation: readonly LimitationEntry[] | undefined,
): InsightDoc {
  const { ledger } = a;
  const cur = ledger.currencies;
  const money = (minor: number, c: number) => fromMinor(minor, minorDigits(cur[c]));
  const ep = ins.expected;
  const o = ep.model.options;
  const totalOf = (c: number) => a.totals.find((t) => t.currency === c)?.outstanding;
  const items = new LazyArray(function* (): Generator<InsightJson["items"][number]> {
    for (let i = 0; i < ep.basis.length; i++) {
      if (ep.basis[i] === NOT_PREDICTED) continue;
      yield {
        item: i,
        invoice: ledger.items.ref[i],
        customer: ledger.customers[ledger.items.customer[i]].code,
        expectedPayDate: isoOrNull(ep.date[i]),
        earliest: isoOrNull(ep.low[i]),
        latest: isoOrNull(ep.high[i]),
        basis: BASIS_CODES[ep.basis[i]],
        never: ep.never[i] === 0 ? null : NEVER_CODES[ep.never[i]],
      };
    }
  });
  return {
    model: {
      history: ins.history,
      credibility: o.credibility,
      band: [o.band[0], o.band[1]],
      disputeShift: ep.model.disputeShift,
      neverAfterDays: o.neverAfterDays,
      assumedDays: o.beyondHistoryDays,
      horizonWeeks: ins.forecast[0]?.weeks.length ?? 13,
    },
    portfolio: ins.portfolio ? behaviourJson(ins.portfolio, cur) : null,
    customers: LazyArray.map(ins.grades, (g) => {
      const c = ledger.customers[g.customer];
      const b = ins.customers[g.customer];
      return {
        customer: c.code,
        name: c.name,
        behaviour: b ? behaviourJson(b, cur) : null,
        grade: g.grade,
        points: g.points,
        reasons: g.reasons.map((r) => ({
          code: r.code,
          points: r.points,
          message: insightMessage(r, locale),
        })),
        recordedGrade: g.recorded,
        gradeDiffers: g.differs,
      };
    }),
    salespeople: ins.salespeople.map((b) => ({
      salesperson: b.key >= 0 ? ledger.salespeople[b.key] : null,
      behaviour: behaviourJson(b, cur),
    })),
    forecast: ins.forecast.map((f) => ({
      currency: cur[f.currency],
      open: money(f.open, f.currency),
      outstanding: money(totalOf(f.currency) ?? f.open, f.currency),
      credits: money((totalOf(f.currency) ?? f.open) - f.open, f.currency),
      weeks: f.weeks.map((w) => ({
        from: isoOrNull(w.from) as string,
        to: isoOrNull(w.to) as string,
        amount: money(w.amount, f.currency),
      })),
      months: f.months.map((m) => ({
        month: `${m.year}-${String(m.month).padStart(2, "0")}`,
        from: isoOrNull(m.from) as string,
        to: isoOrNull(m.to) as string,
        amount: money(m.amount, f.currency),
      })),
      later: money(f.later, f.currency),
      never: money(f.never, f.currency),
      neverItems: f.neverItems,
    })),
    items,
    ...(limitation
      ? {
          limitation: LazyArray.map(limitation, (e) => ({
            item: e.item,
            invoice: ledger.items.ref[e.item],
            customer: ledger.customers[e.customer].code,
            currency: cur[e.currency],
            outstanding: money(e.outstanding, e.currency),
            dueDate: isoOrNull(e.due) as string,
            from: isoOrNull(e.start) as string,
            startsFrom: e.startsFrom,
            ends: isoOrNull(e.end) as string,
            daysLeft: e.daysLeft,
            status: e.status,
          })),
        }
      : {}),
  };
}

function behaviourJson(b: Behaviour, cur: Analysis["ledger"]["currencies"]) {
  return {
    settled: b.settled,
    onTimeShare: round(b.onTimeShare, 4) as number,
    averageDaysLate: round(b.averageDaysLate, 2) as number,
    weightedDaysLate: round(b.weightedDaysLate, 2) as number,
    weightCurrency: cur[b.weightCurrency],
    averageDelay: round(b.averageDelay, 2) as number,
    medianDelay: b.median,
    q1Delay: b.q1,
    q3Delay: b.q3,
    recentSettled: b.recent.settled,
    recentAverageDaysLate: round(b.recent.averageDaysLate, 2),
    earlierAverageDaysLate: round(b.earlier.averageDaysLate, 2),
    trend: round(b.trend, 2),
    lastSettled: isoOrNull(b.lastSettled) as string,
  };
}

export function problemJson(p: Problem, locale: Locale): AnalyzeJson["problems"][number] {
  return {
    source: p.source,
    column: p.column,
    severity: p.severity,
    code: p.code,
    message: problemMessage(p, locale),
  };
}

const round = (x: number | null, digits = 1) =>
  x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** Per currency: overdue rate, DSO (90 days) and its companions, the bad-debt provision. */
function kpisJson(a: Analysis, money: (minor: number, c: number) => number): AnalyzeJson["kpis"] {
  const d = dso(a, 90);
  const p = provision(a);
  return a.totals.map((t, k) => ({
    currency: a.ledger.currencies[t.currency],
    overdueRate: round(overdueRate(t), 4),
    overdueRateBase: "gross" as const,
    dso: round(d[k].dso),
    bestPossibleDso: round(d[k].bestPossible),
    averageDaysDelinquent: round(d[k].add),
    countbackDso: round(d[k].countback),
    provision: money(p.find((x) => x.currency === t.currency)?.total ?? 0, t.currency),
  }));
}

/**
 * `value` with every array longer than `max` cut to its first `max` entries: what the run-time
 * contract check reads. Every entry of an array is made by the same code, so its first thousand
 * show a shape error as well as a million would; checking a million items with zod took seconds
 * (0.3 s of a 100k-row `--json` run). The test suite checks whole documents. A `LazyArray` is
 * read no further than its first `max` entries.
 */
export function sampleForCheck<T>(value: T, max = 1000): T {
  if (value instanceof LazyArray) {
    // The first `max` entries only: the rest are never made.
    const first: unknown[] = [];
    if (max > 0)
      for (const v of value as LazyArray<unknown>) {
        first.push(sampleForCheck(v, max));
        if (first.length >= max) break;
      }
    return first as T;
  }
  if (Array.isArray(value)) return value.slice(0, max).map((v) => sampleForCheck(v, max)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sampleForCheck(v, max);
    return out as T;
  }
  return value;
}
