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
import { orderAmount, orderCheck } from "../../desk/order";
import { openRun } from "../open-run";
import { CreditPolicy, DEFAULT_CREDIT_POLICY, reviewLabel, reviewsDue } from "../../core/credit";
import { isoOrNull } from "../../core/dates";
import type { Locale } from "../../core/messages";
import { policyProblemText, readPolicyBook } from "../../sheet/credit-policy-sheet";
import { InputError } from "../../io/errors";
import { FileWorkbook } from "../io/file-workbook";
import { orderJson, orderText } from "../order-print";
import type { ParsedArgs } from "../shared";
import { jsonSafe } from "../terminal";
import { cliText } from "../messages";
import { asOfArg, localeArg, policyArgs, UsageError, type Io } from "../shared";

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
    throw new InputError(
      cliText(locale, "cannotRead", {
        file: name,
        why: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  const parsed = CreditPolicy.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      cliText(locale, "policyIssueAt", {
        file: name,
        where: issue.path.join(".") || cliText(locale, "policyTop"),
        issue: issue.message,
      }),
    );
  }
  return parsed.data;
}

function creditPolicyBook(name: string, locale: Locale): CreditPolicy {
  const read = readPolicyBook(new FileWorkbook(name, { locale }).book);
  if (!read) throw new InputError(cliText(locale, "noPolicySheet", { file: name }));
  if (!read.valid)
    throw new InputError(
      cliText(locale, "policyProblems", {
        file: name,
        problems: read.problems.map((p) => policyProblemText(p, locale)).join("; "),
      }),
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
  if (!reviews && !customer) throw new UsageError(cliText(locale, "needsCustomer"));
  // The amount and currency as the pane's order box reads them (src/desk/order.ts).
  const asked = orderAmount(
    typeof values.amount === "string" ? values.amount : "",
    values.currency === undefined ? undefined : String(values.currency),
  );
  if (!asked.ok && asked.error === "currency")
    throw new UsageError(cliText(locale, "currencyBad", { value: String(values.currency) }));
  if (!asked.ok && !reviews)
    throw new UsageError(cliText(locale, "amountBad", { value: String(values.amount ?? "") }));
  const amount = asked.ok ? asked.amount : 0;
  const currency = asked.ok ? asked.currency : undefined;
  // The collection log, applied as the task pane applies it, so both give the same verdict.
  if (typeof values.log === "string" && !fs.existsSync(values.log))
    throw new InputError(cliText(locale, "logMissing", { file: values.log }));
  // The position, as every face computes it (src/desk); the order check applies the credit
  // policy itself (checkOrder), from the recorded limits.
  const { opened } = await openRun(values, positionals, { locale, asOf, policy });
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
      const lines = [
        cliText(locale, "reviewsDue", { date: isoOrNull(asOf), n: due.length }),
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
