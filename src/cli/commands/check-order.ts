/**
 * `ar-desk check-order <file>… --customer C --amount N`: may we ship this order on credit?
 * The order check of the credit core (src/core/credit/order.ts) on the files' position at the
 * as-of date, under the credit policy (`--policy FILE.json` or `--policy BOOK.xlsx` with the
 * credit policy sheet 信用政策 / Credit policy, else the default table).
 * `--reviews` lists the credit reviews coming due instead.
 *
 * Exit status: 0 when the order may go on credit, 1 when it may not (so a script can branch on
 * it), 2 for unusable arguments or files.
 */
import * as fs from "node:fs";
import { analyze } from "../../core/analyze";
import { orderAmount, orderCheck } from "../../desk/order";
import { openPosition } from "../../desk/position";
import { logFile, requireFound } from "../credit-files";
import {
  CreditPolicy,
  DEFAULT_CREDIT_POLICY,
  reasonMessage,
  reviewLabel,
  reviewsDue,
  verdictLabel,
  type OrderCheck,
} from "../../core/credit";
import { isoOrNull } from "../../core/dates";
import type { Locale } from "../../core/messages";
import { formatMinor, fromMinor } from "../../core/money";
import {
  CREDIT_POLICY_SHEET,
  creditPolicyFromGrid,
  isCreditPolicy,
  policyProblemText,
} from "../../sheet/credit-policy-sheet";
import { InputError } from "../../io/errors";
import { openSource } from "../io/read";
import type { ParsedArgs } from "../shared";
import { jsonSafe } from "../terminal";
import {
  asOfArg,
  dateOrderArg,
  loadInputs,
  localeArg,
  policyArgs,
  UsageError,
  type Io,
} from "../shared";

/**
 * The credit policy of `--policy FILE`, validated; the default table without one. A .json file
 * holds the policy object; an .xlsx/.xlsm/.csv the policy sheet (the sheet named 信用政策 /
 * Credit policy, else the first sheet that looks like one), refused with its located problems.
 */
export function creditPolicyArg(file: unknown, locale: Locale = "en-US"): CreditPolicy {
  if (file === undefined) return DEFAULT_CREDIT_POLICY;
  const name = String(file);
  if (/\.(xlsx|xlsm|csv)$/i.test(name)) return creditPolicyBook(name, locale);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(name, "utf8"));
  } catch (e) {
    throw new InputError(`cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = CreditPolicy.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${name}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return parsed.data;
}

function creditPolicyBook(name: string, locale: Locale): CreditPolicy {
  const book = openSource(name);
  const names = book.sheetNames.length ? book.sheetNames : [null];
  const known = Object.values(CREDIT_POLICY_SHEET).map((n) => n.toLowerCase());
  const named = names.find((n) => n !== null && known.includes(n.toLowerCase()));
  let sheet: string | null | undefined = named;
  let grid = named !== undefined ? book.read(named) : null;
  if (!grid)
    for (const n of names) {
      const g = book.read(n);
      if (isCreditPolicy(g.rows)) {
        sheet = n;
        grid = g;
        break;
      }
    }
  if (!grid || sheet === undefined)
    throw new InputError(
      locale === "zh-CN"
        ? `${name}：未找到信用政策表（工作表“信用政策”或带“信用等级”等列的表）`
        : `${name}: no credit policy sheet (named "Credit policy", or with Grade and rule columns)`,
    );
  const read = creditPolicyFromGrid(grid.rows, sheet ?? name);
  if (!read.valid)
    throw new InputError(
      `${name}: ${read.problems.map((p) => policyProblemText(p, locale)).join("; ")}`,
    );
  return read.policy;
}

export async function checkOrderCommand(
  { values, positionals }: ParsedArgs,
  io: Io,
): Promise<number> {
  const locale = localeArg(values.lang);
  const asOf = asOfArg(values["as-of"]);
  const policy = policyArgs(values);
  const credit = creditPolicyArg(values.policy, locale);
  const reviews = values.reviews === true;
  const customer = typeof values.customer === "string" ? values.customer.trim() : "";
  if (!reviews && !customer) throw new UsageError("check-order needs --customer CODE");
  // The amount and currency as the pane's order box reads them (src/desk/order.ts).
  const asked = orderAmount(
    typeof values.amount === "string" ? values.amount : "",
    values.currency === undefined ? undefined : String(values.currency),
  );
  if (!asked.ok && asked.error === "currency")
    throw new UsageError(`--currency wants a currency code like CNY, not "${values.currency}"`);
  if (!asked.ok && !reviews)
    throw new UsageError(
      `--amount wants a positive amount like 50000, not "${values.amount ?? ""}"`,
    );
  const amount = asked.ok ? asked.amount : 0;
  const currency = asked.ok ? asked.currency : undefined;
  const inputs = loadInputs(positionals, {
    sheet: values.sheet as string | undefined,
    payments: values.payments as string[] | undefined,
    customers: values.customers as string[] | undefined,
  });
  // The collection log, applied as the task pane applies it, so both give the same verdict.
  if (typeof values.log === "string" && !fs.existsSync(values.log))
    throw new InputError(
      locale === "zh-CN"
        ? `找不到催收记录 ${values.log}`
        : `cannot read the collection log ${values.log}: no such file`,
    );
  // The position, as every face computes it (src/desk); the order check applies the credit
  // policy itself (checkOrder), from the recorded limits.
  const log = await logFile(values.log, locale);
  const opened = openPosition({
    inputs,
    dateOrder: dateOrderArg(values["date-order"]),
    asOf,
    policy,
    log: log?.book,
  });
  requireFound(log, null, opened);
  const { imported, analysis } = opened;
  const lastReview = imported.lastReview ?? new Map<number, number>();

  if (reviews) {
    const due = reviewsDue(imported.ledger, lastReview, asOf, credit);
    if (values.json) {
      io.stdout.write(
        jsonSafe(
          JSON.stringify({
            schema: "ar-desk/reviews@1",
            asOf: isoOrNull(asOf),
            reviews: due.map((r) => ({
              customer: r.code,
              name: r.name,
              grade: r.grade,
              lastReview: isoOrNull(r.lastReview),
              nextReview: isoOrNull(r.nextReview),
              intervalMonths: r.intervalMonths,
              status: r.status,
              label: reviewLabel(r.status, locale),
              daysPast: r.daysPast,
            })),
          }),
        ) + "\n",
      );
    } else {
      const zh = locale === "zh-CN";
      const lines = [
        zh
          ? `截至 ${isoOrNull(asOf)} 需信用复核的客户：${due.length}`
          : `Credit reviews due at ${isoOrNull(asOf)}: ${due.length}`,
        ...due.map(
          (r) =>
            `  ${r.code} ${r.name ?? ""}  ${r.grade ?? "-"}  ${reviewLabel(r.status, locale)}` +
            (r.nextReview ? `  ${isoOrNull(r.nextReview)}` : ""),
        ),
      ];
      io.stdout.write(lines.join("\n") + "\n");
    }
    return 0;
  }

  const r = orderCheck(imported, analysis, customer, amount, currency, credit);
  if (values.json) io.stdout.write(jsonSafe(JSON.stringify(orderJson(r, analysis, locale))) + "\n");
  else io.stdout.write(orderText(r, analysis, locale));
  return r.approved ? 0 : 1;
}

/** The check as JSON: amounts in major units, dates as ISO, reasons with their message. */
export function orderJson(r: OrderCheck, a: ReturnType<typeof analyze>, locale: Locale) {
  const m = (v: number | null) => (v === null ? null : fromMinor(v, r.digits));
  return {
    schema: "ar-desk/check-order@1",
    asOf: isoOrNull(r.asOf),
    verdict: r.verdict,
    label: verdictLabel(r.verdict, locale),
    approved: r.approved,
    customer: r.customerCode,
    name: r.customerName,
    grade: r.grade,
    gradeListed: r.gradeListed,
    currency: r.currency,
    amount: m(r.amount),
    recordedLimit: m(r.recordedLimit),
    limit: m(r.limit),
    exposure: m(r.exposure),
    headroomBefore: m(r.headroomBefore),
    headroomAfter: m(r.headroomAfter),
    overdue: m(r.overdue),
    overdueItems: r.overdueItems,
    blocking: m(r.blocking),
    blockingItems: r.blockingItems.map((i) => ({
      invoice: a.ledger.items.ref[i],
      outstanding: m(a.items.outstanding[i]),
      daysOverdue: a.items.daysOverdue[i],
      dueDate: isoOrNull(a.items.due[i]),
    })),
    maxDaysOverdue: r.maxDaysOverdue,
    termsDays: r.termsDays,
    lastReview: isoOrNull(r.lastReview),
    nextReview: isoOrNull(r.nextReview),
    reasons: r.reasons.map((x) => ({
      code: x.code,
      severity: x.severity,
      verdict: x.verdict,
      message: reasonMessage(x, locale),
    })),
  };
}

function orderText(r: OrderCheck, a: ReturnType<typeof analyze>, locale: Locale): string {
  const zh = locale === "zh-CN";
  const money = (v: number | null) =>
    v === null
      ? zh
        ? "未设"
        : "none"
      : `${r.currency ? r.currency + " " : ""}${formatMinor(v, r.digits)}`;
  const who = `${r.customerCode}${r.customerName ? ` ${r.customerName}` : ""}`;
  const lines = [
    zh
      ? `订单信用审核（基准日 ${isoOrNull(r.asOf)}）：${who}，订单金额 ${money(r.amount)}`
      : `Order check at ${isoOrNull(r.asOf)}: ${who}, order of ${money(r.amount)}`,
    (zh ? "结论：" : "Verdict: ") + verdictLabel(r.verdict, locale),
    zh
      ? `  等级 ${r.grade ?? "-"}    额度 ${money(r.limit)}    占用 ${money(r.exposure)}`
      : `  grade ${r.grade ?? "-"}    limit ${money(r.limit)}    exposure ${money(r.exposure)}`,
    zh
      ? `  可用额度：下单前 ${money(r.headroomBefore)}，下单后 ${money(r.headroomAfter)}`
      : `  headroom: ${money(r.headroomBefore)} before, ${money(r.headroomAfter)} after`,
    zh
      ? `  逾期 ${money(r.overdue)}（${r.overdueItems} 笔），其中暂停赊销的 ${money(r.blocking)}（${r.blockingItems.length} 笔）`
      : `  overdue ${money(r.overdue)} (${r.overdueItems} items), blocking ${money(r.blocking)} (${r.blockingItems.length} items)`,
    zh ? "原因：" : "Reasons:",
    ...r.reasons.map(
      (x) =>
        `  ${x.severity === "block" ? "✗" : x.severity === "warning" ? "!" : "·"} ${reasonMessage(x, locale)}`,
    ),
  ];
  for (const i of r.blockingItems.slice(0, 10))
    lines.push(
      `    ${a.ledger.items.ref[i] ?? "-"}  ${isoOrNull(a.items.due[i])}  ${formatMinor(a.items.outstanding[i], r.digits)}  ${a.items.daysOverdue[i]}${zh ? " 天" : " days"}`,
    );
  if (r.blockingItems.length > 10)
    lines.push(
      zh
        ? `    …另 ${r.blockingItems.length - 10} 笔`
        : `    … ${r.blockingItems.length - 10} more`,
    );
  return lines.join("\n") + "\n";
}
