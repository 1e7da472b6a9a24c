/**
 * Small builders for tests of the core: items and payments from ISO dates and major amounts.
 * Not used by the product.
 */
import { serialFromIso } from "../../src/core/dates";
import type { CustomerInput, ItemInput, PaymentInput } from "../../src/core/ledger";

export function d(iso: string): number {
  const s = serialFromIso(iso);
  if (s === null) throw new Error(`bad test date ${iso}`);
  return s;
}

let row = 1;

export function inv(
  partial: Partial<Omit<ItemInput, "invoiceDate" | "dueDate" | "settledDate" | "promiseDate">> & {
    date?: string;
    due?: string;
    settled?: string;
    promise?: string;
  },
): ItemInput {
  return {
    ref: partial.ref ?? `INV${row}`,
    customer: partial.customer ?? "ACME",
    currency: partial.currency ?? null,
    invoiceDate: partial.date ? d(partial.date) : null,
    dueDate: partial.due ? d(partial.due) : null,
    terms: partial.terms ?? null,
    amount: partial.amount ?? 10000,
    paid: partial.paid ?? null,
    settledDate: partial.settled ? d(partial.settled) : null,
    salesperson: partial.salesperson ?? null,
    disputed: partial.disputed ?? false,
    promiseDate: partial.promise ? d(partial.promise) : null,
    source: { file: "t.csv", sheet: null, row: ++row },
  };
}

export function pay(
  partial: Partial<Omit<PaymentInput, "date">> & { date?: string; item?: number },
): PaymentInput & { item?: number } {
  return {
    ref: partial.ref ?? null,
    customer: partial.customer ?? null,
    currency: partial.currency ?? null,
    date: partial.date ? d(partial.date) : null,
    amount: partial.amount ?? 0,
    source: { file: "p.csv", sheet: null, row: ++row },
    item: partial.item,
  };
}

export function cust(code: string, more: Partial<CustomerInput> = {}): CustomerInput {
  return { code, ...more };
}
