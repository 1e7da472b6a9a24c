/**
 * Bad-debt provision per customer and in total (DESIGN §3), with the policy's ladder: the rule
 * of `kpi.provision` — positive open balances by age band (age from the invoice date) × the
 * band's rate, each band rounded to the minor unit — computed for every customer in one pass
 * rather than one pass per customer. The total is `kpi.provision` itself, so it is the figure
 * the KPIs, the summary and `AR.PROVISION` give. (Per-customer amounts are rounded per customer
 * and band, so they can differ from the total by a few minor units.)
 */
import type { Analysis } from "../analyze";
import { provision, type Provision } from "../kpi";
import type { ProvisionBand } from "../policy";
import { ItemStatus } from "../position";

export interface CustomerProvision extends Provision {
  customer: number;
}

export interface ProvisionReport {
  /** One entry per customer and currency with an open item. */
  customers: CustomerProvision[];
  /** Per currency: `kpi.provision(a)`. */
  totals: Provision[];
}

/** Index of the band an age falls in, as `kpi.provision` finds it. */
export function bandIndex(bands: readonly ProvisionBand[], age: number): number {
  let b = 0;
  while (
    b < bands.length - 1 &&
    bands[b].upToDays !== null &&
    age > (bands[b].upToDays as number)
  ) {
    b++;
  }
  return b;
}

/** The provision of every customer (per currency), and the totals. */
export function provisionReport(a: Analysis): ProvisionReport {
  const { ledger, policy } = a;
  const it = ledger.items;
  const bands = policy.provision;
  const nb = bands.length;
  const nc = ledger.currencies.length;
  // Groups (customer, currency) in order of first open item; balances per group and band.
  const groupOf = new Map<number, number>();
  const keys: number[] = [];
  let balances = new Float64Array(64 * nb);
  for (let i = 0; i < it.length; i++) {
    if (a.items.status[i] !== ItemStatus.open) continue;
    const key = it.customer[i] * nc + it.currency[i];
    let g = groupOf.get(key);
    if (g === undefined) {
      g = keys.length;
      keys.push(key);
      groupOf.set(key, g);
      if (keys.length * nb > balances.length) {
        const bigger = new Float64Array(balances.length * 2);
        bigger.set(balances);
        balances = bigger;
      }
    }
    const amount = a.items.outstanding[i];
    if (amount <= 0) continue;
    const age = a.asOf - (it.invoiceDate[i] || a.items.due[i]);
    balances[g * nb + bandIndex(bands, age)] += amount;
  }
  const order = keys.map((key, g) => ({ key, g })).sort((x, y) => x.key - y.key);
  const customers = order.map(({ key, g }): CustomerProvision => {
    const bal = Array.from(balances.subarray(g * nb, (g + 1) * nb));
    const amounts = bal.map((x, b) => Math.round(x * bands[b].rate));
    return {
      customer: Math.floor(key / nc),
      currency: key % nc,
      balances: bal,
      amounts,
      total: amounts.reduce((s, x) => s + x, 0),
    };
  });
  return { customers, totals: provision(a) };
}
