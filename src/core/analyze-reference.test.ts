/**
 * `analyze` works out each item's figures and adds them to the customer, salesperson and
 * currency sums in one pass over typed arrays (and the position closes items in its first pass
 * when no payment row needs allocating). This pins that fast path to the plain reading of DESIGN
 * §3: a reference written item by item with objects and maps, from the scalar rules of
 * item-rules.ts, must give the same figures to the bit, on random ledgers with credits, partial
 * payments, settled dates, items dated after the as-of date, disputes, promises, several
 * currencies, missing dates, salespeople, unapplied cash, credit limits, interest and fees, on
 * either aging basis.
 */
import fc from "fast-check";
import { analyze, bucketOf, bucketTable, Hold, mainCurrency, type Totals } from "./analyze";
import { isOverdue, ladderLevel, lateInterest, preDueStep } from "./item-rules";
import {
  ItemFlag,
  ledgerFrom,
  type CustomerInput,
  type ItemInput,
  type Ledger,
  type PaymentInput,
} from "./ledger";
import { minorDigits, toMinor } from "./money";
import { bucketLabels, makePolicy, type Policy } from "./policy";
import { computePosition, effectiveDueDates, ItemStatus } from "./position";

const BASE = 45000;

interface Sum {
  outstanding: number;
  overdue: number;
  buckets: number[];
  notDue: number;
  credits: number;
  openItems: number;
  overdueItems: number;
  interest: number;
  fees: number;
  maxDays: number | null;
  maxLevel: number;
}

/** The analysis as DESIGN §3 reads, one item at a time, with a map of sums per group. */
function reference(ledger: Ledger, asOf: number, policy: Policy) {
  const pos = computePosition(ledger, asOf, { applications: false });
  const it = ledger.items;
  const due = effectiveDueDates(ledger);
  const table = bucketTable(policy);
  const nb = bucketLabels(policy).length;
  const groups = new Map<string, Sum>();
  const present = new Set<string>();
  const sumOf = (key: string): Sum => {
    let s = groups.get(key);
    if (!s) {
      s = {
        outstanding: 0,
        overdue: 0,
        buckets: new Array<number>(nb).fill(0),
        notDue: 0,
        credits: 0,
        openItems: 0,
        overdueItems: 0,
        interest: 0,
        fees: 0,
        maxDays: null,
        maxLevel: 0,
      };
      groups.set(key, s);
    }
    return s;
  };
  const add = (
    key: string,
    x: { amount: number; bucket: number; overdue: boolean; days: number; level: number },
    interest: number,
    fee: number,
    cash: boolean,
  ) => {
    const s = sumOf(key);
    s.outstanding += x.amount;
    s.buckets[x.bucket] += x.amount;
    s.openItems++;
    if (x.overdue) {
      s.overdue += x.amount;
      s.overdueItems++;
      s.maxDays = s.maxDays === null ? x.days : Math.max(s.maxDays, x.days);
    } else if (x.amount > 0 && !cash) s.notDue += x.amount;
    else s.credits += x.amount;
    s.maxLevel = Math.max(s.maxLevel, x.level);
    s.interest += interest;
    s.fees += fee;
  };
  const salesOf = (i: number) =>
    it.salesperson[i] >= 0 ? it.salesperson[i] : ledger.customers[it.customer[i]].salesperson;
  const items = [];
  for (let i = 0; i < it.length; i++) {
    const d = due[i];
    const inv = it.invoiceDate[i];
    const term = inv && d ? d - inv : -1;
    const actBy = d === 0 ? 0 : Math.min(2958465, d + Math.floor(Math.max(0, term) / 3));
    const r = {
      termDays: term,
      actBy,
      daysOverdue: 0,
      daysLate: -1,
      bucket: -1,
      overdue: 0,
      level: 0,
      hold: 0,
      preDue: 0,
      interest: 0,
      fee: 0,
    };
    items.push(r);
    const st = pos.status[i];
    if (st === ItemStatus.future) continue;
    present.add(`c${it.customer[i]}/${it.currency[i]}`);
    if (st === ItemStatus.closed) {
      if (pos.settled[i] && d) r.daysLate = Math.max(0, pos.settled[i] - d);
      continue;
    }
    const amount = pos.outstanding[i];
    r.daysOverdue = d === 0 ? 0 : asOf - d;
    const age = policy.basis === "invoice" ? asOf - (inv || d) : r.daysOverdue;
    r.bucket = bucketOf(table, age);
    if (amount > 0) {
      if (it.flags[i] & ItemFlag.disputed) r.hold = Hold.disputed;
      else if (it.promiseDate[i] >= asOf) r.hold = Hold.promise;
      if (isOverdue(amount, r.daysOverdue, policy.graceDays)) {
        r.overdue = 1;
        r.level = ladderLevel(policy, r.daysOverdue, asOf - actBy);
        if (policy.annualInterestRate > 0)
          r.interest = lateInterest(amount, policy.annualInterestRate, r.daysOverdue);
        const major = policy.feesByLevel[r.level];
        const code = ledger.currencies[it.currency[i]];
        if (policy.feesByLevel.length > 0)
          r.fee = major === undefined ? 0 : (toMinor(major, minorDigits(code)) ?? 0);
      } else if (d !== 0) r.preDue = preDueStep(policy, r.daysOverdue);
    }
    const x = {
      amount,
      bucket: r.bucket,
      overdue: r.overdue === 1,
      days: r.daysOverdue,
      level: r.level,
    };
    add(`c${it.customer[i]}/${it.currency[i]}`, x, r.interest, r.fee, false);
    add(`s${salesOf(i)}/${it.currency[i]}`, x, r.interest, r.fee, false);
    add(`t${it.currency[i]}`, x, r.interest, r.fee, false);
  }
  const unapplied = new Map<string, number>();
  for (const u of pos.unapplied) {
    const b = bucketOf(table, u.date === 0 ? 0 : asOf - u.date);
    const x = { amount: u.amount, bucket: b, overdue: false, days: 0, level: 0 };
    const key = `c${u.customer}/${u.currency}`;
    add(key, x, 0, 0, true);
    add(`s${ledger.customers[u.customer].salesperson}/${u.currency}`, x, 0, 0, true);
    add(`t${u.currency}`, x, 0, 0, true);
    unapplied.set(key, (unapplied.get(key) ?? 0) + u.amount);
  }
  const nc = ledger.currencies.length;
  const limits = new Map<string, number>();
  for (const c of ledger.customers) {
    if (c.creditLimit === null) continue;
    let cur = c.currency === null ? -1 : ledger.currencies.indexOf(c.currency);
    if (cur < 0) {
      const mine = [];
      for (let k = 0; k < nc; k++)
        if (present.has(`c${c.index}/${k}`) || groups.has(`c${c.index}/${k}`)) mine.push(k);
      cur = mine.length === 1 ? mine[0] : mainCurrency(ledger, pos.status);
    }
    limits.set(`c${c.index}/${cur}`, c.creditLimit);
  }
  const totalsOf = (s: Sum | undefined, currency: number): Totals => ({
    currency,
    outstanding: s?.outstanding ?? 0,
    overdue: s?.overdue ?? 0,
    buckets: s?.buckets ?? new Array<number>(nb).fill(0),
    notDue: s?.notDue ?? 0,
    credits: s?.credits ?? 0,
    openItems: s?.openItems ?? 0,
    overdueItems: s?.overdueItems ?? 0,
    interest: s?.interest ?? 0,
    fees: s?.fees ?? 0,
  });
  const customers = [];
  for (let c = 0; c < ledger.customers.length; c++) {
    for (let cur = 0; cur < nc; cur++) {
      const key = `c${c}/${cur}`;
      if (!present.has(key) && !groups.has(key) && !limits.has(key)) continue;
      const s = groups.get(key);
      const t = totalsOf(s, cur);
      const limit = limits.get(key) ?? null;
      customers.push({
        ...t,
        customer: c,
        unapplied: unapplied.get(key) ?? 0,
        creditLimit: limit,
        exposure: t.outstanding,
        headroom: limit === null ? null : limit - t.outstanding,
        overLimit: limit !== null && t.outstanding > limit,
        utilisation:
          limit === null
            ? null
            : limit > 0
              ? t.outstanding / limit
              : t.outstanding > 0
                ? Infinity
                : 0,
        maxDaysOverdue: s?.maxDays ?? null,
        maxLevel: s?.maxLevel ?? 0,
      });
    }
  }
  const salespeople = [];
  for (let sp = -1; sp < ledger.salespeople.length; sp++)
    for (let cur = 0; cur < nc; cur++) {
      const s = groups.get(`s${sp}/${cur}`);
      if (s) salespeople.push({ ...totalsOf(s, cur), salesperson: sp });
    }
  const totals = [];
  for (let cur = 0; cur < nc; cur++) {
    const s = groups.get(`t${cur}`);
    if (s) totals.push(totalsOf(s, cur));
  }
  return { pos, due, items, customers, salespeople, totals };
}

const itemArb = fc.record({
  customer: fc.constantFrom("A", "B", "C", "D"),
  currency: fc.constantFrom(null, "CNY", "USD", "JPY"),
  invoice: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null, freq: 8 }),
  due: fc.option(fc.integer({ min: -10, max: 120 }), { nil: null }),
  term: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -500_000, max: -1 })),
  paid: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  settled: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  disputed: fc.boolean(),
  promise: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null, freq: 4 }),
  salesperson: fc.option(fc.constantFrom("Li", "Wang", "Smith"), { nil: null }),
});

const paymentArb = fc.record({
  target: fc.option(fc.nat(), { nil: null }),
  customer: fc.constantFrom("A", "B", "C", "D"),
  currency: fc.constantFrom(null, "CNY", "USD"),
  date: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  amount: fc.integer({ min: -100_000, max: 5_000_000 }),
});

const customerArb = fc.record({
  code: fc.constantFrom("A", "B", "C", "D"),
  creditLimit: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
  currency: fc.constantFrom(null, "CNY", "USD"),
  salesperson: fc.option(fc.constantFrom("Li", "Zhao"), { nil: null }),
  terms: fc.option(fc.record({ days: fc.integer({ min: 0, max: 60 }), monthEnd: fc.boolean() }), {
    nil: null,
  }),
});

const policyArb = fc.record({
  thresholds: fc
    .uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 })
    .map((t) => t.sort((a, b) => a - b)),
  basis: fc.constantFrom("due" as const, "invoice" as const),
  graceDays: fc.integer({ min: 0, max: 10 }),
  annualInterestRate: fc.constantFrom(0, 0.06, 0.125),
  feesByLevel: fc.oneof(
    fc.constant([] as number[]),
    fc.array(
      fc.integer({ min: 0, max: 5000 }).map((x) => x / 100),
      { maxLength: 6 },
    ),
  ),
});

type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;

function build(
  items: Gen<typeof itemArb>[],
  payments: Gen<typeof paymentArb>[],
  customers: Gen<typeof customerArb>[],
): Ledger {
  const inputs: ItemInput[] = items.map((x, i) => ({
    ref: `I${i}`,
    customer: x.customer,
    currency: x.currency,
    invoiceDate: x.invoice === null ? null : BASE + x.invoice,
    dueDate: x.due === null || x.invoice === null ? null : BASE + x.invoice + x.due,
    terms: x.term === null ? null : { days: x.term, monthEnd: x.term % 2 === 1 },
    amount: x.amount,
    paid: x.paid,
    settledDate: x.settled === null ? null : BASE + (x.invoice ?? 0) + x.settled,
    disputed: x.disputed,
    promiseDate: x.promise === null ? null : BASE + x.promise,
    salesperson: x.salesperson,
    source: { file: "t", sheet: null, row: i + 2 },
  }));
  const pays: (PaymentInput & { item?: number })[] = payments.map((p, j) => {
    const item = p.target !== null && items.length > 0 ? p.target % items.length : -1;
    return {
      ref: item >= 0 ? `I${item}` : null,
      customer: item >= 0 ? null : p.customer,
      currency: item >= 0 ? items[item].currency : p.currency,
      date: p.date === null ? null : BASE + p.date,
      amount: p.amount,
      source: { file: "p", sheet: null, row: j + 2 },
      item,
    };
  });
  const list: CustomerInput[] = customers.map((c) => ({ ...c }));
  return ledgerFrom(inputs, pays, list);
}

/** Columns of `ItemResults` as plain arrays, for a readable diff. */
const plain = (xs: ArrayLike<number>) => Array.from(xs);

describe("analyze = the item-by-item reference", () => {
  test("every item's figures and every sum, bit for bit", () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 40 }),
        fc.array(paymentArb, { maxLength: 12 }),
        fc.array(customerArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 600 }),
        policyArb,
        (items, payments, customers, at, p) => {
          const ledger = build(items, payments, customers);
          const policy = makePolicy(p);
          const asOf = BASE + at;
          const a = analyze(ledger, asOf, policy);
          const ref = reference(ledger, asOf, policy);
          const col = (k: keyof (typeof ref.items)[number]) => ref.items.map((r) => r[k]);
          expect(plain(a.items.status)).toEqual(plain(ref.pos.status));
          expect(plain(a.items.outstanding)).toEqual(plain(ref.pos.outstanding));
          expect(plain(a.items.settled)).toEqual(plain(ref.pos.settled));
          expect(plain(a.items.due)).toEqual(plain(ref.due));
          for (const k of [
            "termDays",
            "actBy",
            "daysOverdue",
            "daysLate",
            "bucket",
            "overdue",
            "level",
            "hold",
            "preDue",
            "interest",
            "fee",
          ] as const)
            expect([k, plain(a.items[k])]).toEqual([k, col(k)]);
          // toEqual tells 0 from -0 and compares key order-free; the JSON compares order.
          expect(a.customers).toEqual(ref.customers);
          expect(JSON.stringify(a.customers)).toBe(JSON.stringify(ref.customers));
          expect(a.salespeople).toEqual(ref.salespeople);
          expect(JSON.stringify(a.salespeople)).toBe(JSON.stringify(ref.salespeople));
          expect(a.totals).toEqual(ref.totals);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("without payment rows by the as-of date, the position is the one the dated events give", () => {
    // A payment of 0 naming an item changes nothing but sends the position down the general
    // path (events sorted by date); without it, items are settled and closed in one pass.
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 600 }),
        (list, at) => {
          const asOf = BASE + at;
          // The payment names item 0, invoiced by the as-of date (else it would be cash held).
          const items = [{ ...list[0], invoice: 0 }, ...list.slice(1)];
          const direct = computePosition(build(items, [], []), asOf);
          const zero = { target: 0, customer: "A" as const, currency: null, date: 0, amount: 0 };
          const general = computePosition(build(items, [zero], []), asOf);
          expect(plain(direct.status)).toEqual(plain(general.status));
          expect(plain(direct.outstanding)).toEqual(plain(general.outstanding));
          expect(plain(direct.settled)).toEqual(plain(general.settled));
          expect(direct.unapplied).toEqual(general.unapplied);
        },
      ),
      { numRuns: 300 },
    );
  });
});
