/**
 * Document numbers (文书编号): every letter and statement carries a unique number, written on
 * the document, in the delivery log and on the courier's waybill (DOCUMENTS §4).
 *
 * A number reads `PREFIX-YYYYMMDD-CODE[-N]`: the kind's prefix, the document date, the
 * customer's code made safe, and a sequence when one customer gets more than one document of a
 * kind on a date (several currencies, a second run). Deterministic: the same inputs in the same
 * order give the same numbers.
 */
import { ymdFromSerial, type Serial } from "../dates";

/** Prefixes by kind: initials of the Chinese names (对账, 询证, 催款, …). */
export const DOC_PREFIX = {
  /** 对账单 statement of account (open-item or balance-forward). */
  statement: "DZ",
  /** 询证函 / 对账函 balance confirmation. */
  confirmation: "XZ",
  /** 催款函 dunning letter (all stages). */
  dunning: "CK",
  /** 律师函（草稿）letter before action, draft. */
  legal: "LS",
  /** 催收计划 collection plan. */
  plan: "CS",
  /** 还款承诺书 payment commitment. */
  commitment: "HC",
  /** 账龄分析 aging report. */
  aging: "ZL",
  /** 业务员考核 salesperson scorecard. */
  scorecard: "KH",
} as const;

export type DocKind = keyof typeof DOC_PREFIX;

/** Longest customer part kept in a number. */
const MAX_CODE = 24;

/**
 * A customer code as it may stand in a document number: letters and digits of any script kept,
 * every other run of characters (spaces, `/`, `-`, `=`, emoji …) one `_`, at most 24 characters.
 * Empty when nothing is left.
 */
export function docCode(code: string | null | undefined): string {
  if (!code) return "";
  const safe = code
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
  return Array.from(safe).slice(0, MAX_CODE).join("").replace(/_+$/, "");
}

/**
 * The number of one document: `docNo("statement", 46203, "C0001")` → `DZ-20260630-C0001`;
 * `seq` 2 and up adds `-2`, `-3` …; no customer code (a plan, a report) leaves that part out.
 * Starts with a letter, so it is never read as a number or a formula.
 */
export function docNo(
  kind: DocKind,
  date: Serial,
  customerCode: string | null = null,
  seq = 1,
): string {
  const { year, month, day } = ymdFromSerial(date);
  const ymd = `${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
  const code = docCode(customerCode);
  return (
    `${DOC_PREFIX[kind]}-${ymd}` + (code ? `-${code}` : "") + (seq > 1 ? `-${Math.floor(seq)}` : "")
  );
}

/**
 * Hands out numbers for one run, unique within it: a customer's second document of a kind on a
 * date gets `-2`, and two codes that read the same once made safe (`A/B`, `A B`) get distinct
 * numbers too. Share one instance across the generators of a run.
 */
export class DocNumbers {
  private readonly issued = new Set<string>();

  /** Numbers handed out so far. */
  get size(): number {
    return this.issued.size;
  }

  /** Whether a number was handed out by this run (or reserved). */
  has(no: string): boolean {
    return this.issued.has(no);
  }

  /** Marks numbers as taken, e.g. those of the delivery log, so that none is handed out again. */
  reserve(numbers: Iterable<string>): void {
    for (const no of numbers) this.issued.add(no);
  }

  /** The next free number for this kind, date and customer. */
  next(kind: DocKind, date: Serial, customerCode: string | null = null): string {
    for (let seq = 1; ; seq++) {
      const no = docNo(kind, date, customerCode, seq);
      if (!this.issued.has(no)) {
        this.issued.add(no);
        return no;
      }
    }
  }
}
