/**
 * The readable summary of `ar-desk analyze`: totals, aging by bucket, top overdue customers,
 * customers over their limit, the expected collections and suggested risk grades (when given the
 * insight), and the problems count — in zh-CN or en-US.
 */
import {
  datedAfterAsOf,
  type Analysis,
  type CustomerPosition,
  type DatedAfter,
} from "../core/analyze";
import type { PolicyPosition } from "../core/credit";
import { isoFromSerial, type Serial } from "../core/dates";
import { bucketHeading } from "../core/documents";
import type { Insight } from "../core/insight";
import type { LimitationEntry } from "../core/insight/limitation";
import { dso, overdueRate, provision } from "../core/kpi";
import { problemMessage, problemPlace, severityLabel, type Locale } from "../core/messages";
import { formatMinor, minorDigits } from "../core/money";
import type { ImportResult } from "../sheet/import";
import { displayWidth } from "../sheet/spec";
import { cliText } from "./messages";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const TEXT = {
  "en-US": {
    /** The width of the severity column of a problem line. */
    severityWidth: 7,
    title: (asOf: string, basis: string, t: string) =>
      `ar-desk · as of ${asOf} · aging by ${basis === "due" ? "due date" : "invoice date"} (${t})`,
    rows: (r: ImportResult["rows"]) =>
      `Rows: ${r.read} read, ${r.imported} imported, ${r.skipped} skipped, ${r.rejected} rejected`,
    currency: (code: string, line: string) => `Currency ${code}: ${line}`,
    rate: (pct: string) => ` (${pct}% of gross receivables)`,
    none: "(none)",
    outstanding: "Outstanding",
    overdue: "Overdue",
    kpi: (dso: string, add: string, prov: string) =>
      `  DSO ${dso} days (best possible + ${add} days delinquent) · bad-debt provision ${prov}`,
    /** `Top overdue customers (top 10 of 24):`, `(3 customers)` when all are listed. */
    heading: (what: string, shown: number, total: number) =>
      `${what} (${shown < total ? `top ${shown} of ${total}` : plural(total, "customer", "customers")}):`,
    topOverdue: "Top overdue customers",
    overLimit: "Over credit limit",
    limit: "limit",
    policyLimit: (grade: string, recorded: string) =>
      ` (credit policy, grade ${grade}; recorded ${recorded})`,
    exposure: "exposure",
    days: "days",
    level: "level",
    noneOverdue: "  none",
    problems: (e: number, w: number, i: number) =>
      `Problems: ${plural(e, "error", "errors")}, ${plural(w, "warning", "warnings")}, ${plural(i, "note", "notes")}` +
      (e + w + i > 0 ? " (--problems lists them; --json has them all)" : ""),
    problem: (severity: string, place: string, message: string) =>
      `  ${severity}  ${place}: ${message}`,
    nothingImported: "Nothing was imported:",
    nothingOpen: (asOf: string) => `Nothing is open at the as-of date ${asOf}.`,
    staleAsOf: (asOf: string, latest: string) =>
      `The as-of date defaulted to today, ${asOf}; the file's latest date is ${latest}: pass --as-of ${latest} to see the position then.`,
    unapplied: "unapplied cash",
    limitsUnknown: "unknown: no credit limit is recorded",
    dsoUnknown: "  DSO unknown: no sales in the last 90 days",
    reconcile: (overdue: string, notDue: string, credits: string) =>
      `  = overdue ${overdue} + not yet due ${notDue} + credits and unapplied cash ${credits}`,
    forecast: (w4: string, w13: string, later: string, never: string) =>
      `  Expected in: 4 weeks ${w4} · 13 weeks ${w13} · later ${later} · at risk (no payment expected) ${never}`,
    forecastRule: (days: number) =>
      `  No settled items to learn from: these dates follow a stated rule (not yet due: the due date; overdue: within ${days} days), not a forecast.`,
    grades: (counts: string, differ: number | null) =>
      `Suggested risk grades: ${counts}` +
      (differ === null
        ? " (no grade recorded in a customer list: not compared)"
        : differ > 0
          ? ` (${differ} differ from the customer list)`
          : ""),
  },
  "zh-CN": {
    severityWidth: 4,
    title: (asOf: string, basis: string, t: string) =>
      `ar-desk · 基准日 ${asOf} · ${basis === "due" ? "按到期日" : "按开票日"}账龄（${t}）`,
    rows: (r: ImportResult["rows"]) =>
      `行数：读取 ${r.read}，导入 ${r.imported}，跳过 ${r.skipped}，未导入 ${r.rejected}`,
    currency: (code: string, line: string) =>
      `币种${code.startsWith("（") ? "" : " "}${code}：${line}`,
    rate: (pct: string) => `（占应收总额 ${pct}%，未扣贷项）`,
    none: "（未注明）",
    outstanding: "应收余额",
    overdue: "逾期",
    kpi: (dso: string, add: string, prov: string) =>
      `  应收账款周转天数 DSO ${dso} 天（其中逾期拖延 ${add} 天）· 坏账准备 ${prov}`,
    heading: (what: string, shown: number, total: number) =>
      `${what}（${shown < total ? `前 ${shown} / 共 ${total} 个` : `共 ${total} 个`}）：`,
    topOverdue: "逾期金额最大的客户",
    overLimit: "超信用额度的客户",
    limit: "额度",
    policyLimit: (grade: string, recorded: string) =>
      `（信用政策 ${grade} 级；档案额度 ${recorded}）`,
    exposure: "占用",
    days: "天",
    level: "催收级别",
    noneOverdue: "  无",
    problems: (e: number, w: number, i: number) =>
      `问题：错误 ${e}，警告 ${w}，提示 ${i}` +
      (e + w + i > 0 ? "（--problems 逐条列出；--json 含全部）" : ""),
    problem: (severity: string, place: string, message: string) =>
      `  ${severity}  ${place}：${message}`,
    nothingImported: "未导入任何数据：",
    nothingOpen: (asOf: string) => `基准日 ${asOf} 没有未清的应收款。`,
    staleAsOf: (asOf: string, latest: string) =>
      `未指定基准日，按今天 ${asOf} 计算；文件中最晚的日期是 ${latest}：可用 --as-of ${latest} 查看当时的情况。`,
    unapplied: "未核销回款",
    limitsUnknown: "未知：没有记录任何信用额度",
    dsoUnknown: "  DSO 未知：近 90 天没有销售",
    reconcile: (overdue: string, notDue: string, credits: string) =>
      `  = 逾期 ${overdue} + 未到期 ${notDue} + 贷项及未核销回款 ${credits}`,
    forecast: (w4: string, w13: string, later: string, never: string) =>
      `  预计回款：4 周内 ${w4} · 13 周内 ${w13} · 之后 ${later} · 回收风险（暂无预计回款）${never}`,
    forecastRule: (days: number) =>
      `  尚无已结清款项可供参考：以上日期按规则假定（未到期按到期日，已逾期假定 ${days} 天内），并非预测。`,
    grades: (counts: string, differ: number | null) =>
      `建议风险等级：${counts}` +
      (differ === null
        ? "（客户档案未记录等级：未比较）"
        : differ > 0
          ? `（${differ} 个与客户档案不同）`
          : ""),
  },
} as const;

export function renderSummary(
  imported: ImportResult,
  a: Analysis,
  locale: Locale,
  listProblems = false,
  top = 10,
  insight?: Insight,
  context: { asOfDefaulted?: boolean } = {},
): string {
  const t = TEXT[locale];
  const { ledger } = a;
  const labels = a.labels.map((l) => bucketHeading(l, locale));
  const lines: string[] = [];
  const asOf = isoFromSerial(a.asOf);
  lines.push(t.title(asOf, a.policy.basis, a.policy.thresholds.join("/")));
  lines.push(t.rows(imported.rows));
  // An empty or unreadable file says why here, on the first screen, not only under --problems.
  if (imported.rows.imported === 0) {
    lines.push(t.nothingImported);
    for (const p of imported.problems.filter((q) => q.severity === "error").slice(0, 5))
      lines.push(problemLine(p));
  }
  // Today's date on a file whose dates all lie more than a year earlier: say which date it was.
  const latest = latestDate(a);
  if (context.asOfDefaulted && latest !== null && a.asOf - latest > 365)
    lines.push(t.staleAsOf(asOf, isoFromSerial(latest)));
  if (imported.rows.imported > 0 && a.totals.every((x) => x.outstanding === 0 && x.overdue === 0))
    lines.push(t.nothingOpen(asOf));
  const name = (g: CustomerPosition) => {
    const c = ledger.customers[g.customer];
    return c.name && c.name !== c.code ? `${c.code} ${c.name}` : c.code;
  };

  const dsoList = dso(a, 90);
  const provisions = provision(a);
  // Items dated after the as-of date are not in the figures: said per currency, never dropped
  // silently (a currency with nothing else open still gets its line, after the blocks).
  const after = new Map(datedAfterAsOf(a).map((x) => [x.currency, x]));
  const datedAfterLine = (x: DatedAfter, prefix: string, fmt: (m: number) => string) =>
    prefix +
    cliText(locale, "datedAfter", {
      n: x.items,
      date: isoFromSerial(a.asOf),
      amount: fmt(x.amount),
    });
  for (const total of a.totals) {
    if (total.outstanding === 0 && total.overdue === 0) continue;
    const code = ledger.currencies[total.currency];
    const d = minorDigits(code);
    const fmt = (m: number) => formatMinor(m, d);
    const r = overdueRate(total);
    const rate = r === null ? "" : t.rate((r * 100).toFixed(1));
    lines.push("");
    lines.push(
      t.currency(
        code ?? t.none,
        `${t.outstanding} ${fmt(total.outstanding)} · ${t.overdue} ${fmt(total.overdue)}${rate}`,
      ),
    );
    lines.push(t.reconcile(fmt(total.overdue), fmt(total.notDue), fmt(total.credits)));
    const later = after.get(total.currency);
    if (later) {
      after.delete(total.currency);
      lines.push(datedAfterLine(later, "", fmt));
    }
    const k = dsoList.find((x) => x.currency === total.currency);
    const p = provisions.find((x) => x.currency === total.currency);
    const days = (x: number | null | undefined) =>
      x === null || x === undefined ? "-" : x.toFixed(1);
    if (k?.dso === null || k?.dso === undefined) {
      lines.push(
        `${t.dsoUnknown} · ${t
          .kpi("-", "-", fmt(p?.total ?? 0))
          .split(" · ")
          .pop()}`,
      );
    } else lines.push(t.kpi(days(k?.dso), days(k?.add), fmt(p?.total ?? 0)));
    const f = insight?.forecast.find((x) => x.currency === total.currency);
    if (f) {
      const weeks = (n: number) => f.weeks.slice(0, n).reduce((sum, w) => sum + w.amount, 0);
      lines.push(t.forecast(fmt(weeks(4)), fmt(weeks(13)), fmt(f.later), fmt(f.never)));
      if (insight!.history === 0)
        lines.push(t.forecastRule(insight!.expected.model.options.beyondHistoryDays));
    }
    const width = Math.max(...labels.map(displayWidth), 7);
    labels.forEach((label, b) => {
      lines.push(`  ${padEnd(label, width)} ${fmt(total.buckets[b]).padStart(18)}`);
    });

    const mine: PolicyPosition[] = a.customers.filter((g) => g.currency === total.currency);
    const overdue = mine.filter((g) => g.overdue > 0).sort((x, y) => y.overdue - x.overdue);
    lines.push(t.heading(t.topOverdue, Math.min(top, overdue.length), overdue.length));
    if (overdue.length === 0) lines.push(t.noneOverdue);
    for (const g of overdue.slice(0, top)) {
      lines.push(
        `  ${padEnd(truncate(name(g), 34), 34)} ${fmt(g.overdue).padStart(16)}  ${`${g.maxDaysOverdue ?? 0} ${t.days}`.padStart(8)}  ${t.level} ${g.maxLevel}`,
      );
    }
    const limitsKnown = mine.some((g) => g.creditLimit !== null);
    const over = mine
      .filter((g) => g.overLimit)
      .sort((x, y) => (x.headroom ?? 0) - (y.headroom ?? 0));
    if (!limitsKnown) lines.push(`${t.overLimit}: ${t.limitsUnknown}`);
    else lines.push(t.heading(t.overLimit, Math.min(top, over.length), over.length));
    if (limitsKnown && over.length === 0) lines.push(t.noneOverdue);
    for (const g of over.slice(0, top)) {
      lines.push(
        `  ${padEnd(truncate(name(g), 34), 34)} ${t.exposure} ${fmt(g.exposure).padStart(16)} / ${t.limit} ${fmt(g.creditLimit ?? 0).padStart(16)}` +
          (g.policyLimit
            ? t.policyLimit(
                g.policyLimit.grade ?? "-",
                g.policyLimit.recorded === null ? "-" : fmt(g.policyLimit.recorded),
              )
            : ""),
      );
    }
  }
  for (const x of after.values()) {
    const code = ledger.currencies[x.currency];
    lines.push("");
    lines.push(
      datedAfterLine(x, `${code ?? t.none}:`, (m) => formatMinor(m, minorDigits(code))).replace(
        /^(\S+:)\s+/,
        "$1 ",
      ),
    );
  }

  if (insight && insight.grades.length > 0) {
    const n = { A: 0, B: 0, C: 0, D: 0 };
    for (const g of insight.grades) n[g.grade]++;
    // Not comparable at all (no grade recorded): unknown, not "0 differ".
    const differ = insight.grades.some((g) => g.differs !== null)
      ? insight.grades.filter((g) => g.differs === true).length
      : null;
    lines.push("");
    lines.push(t.grades(`A ${n.A} · B ${n.B} · C ${n.C} · D ${n.D}`, differ));
  }

  const count = (s: string) => imported.problems.filter((p) => p.severity === s).length;
  lines.push("");
  lines.push(t.problems(count("error"), count("warning"), count("info")));
  if (listProblems) {
    for (const p of imported.problems) lines.push(problemLine(p));
  }
  return lines.join("\n") + "\n";

  function problemLine(p: ImportResult["problems"][number]): string {
    return t.problem(
      padEnd(severityLabel(p.severity, locale), t.severityWidth),
      problemPlace(p, locale),
      problemMessage(p, locale),
    );
  }
}

/** The latest invoice or due date in the ledger, or null without items. */
function latestDate(a: Analysis): Serial | null {
  let latest = 0;
  const it = a.ledger.items;
  for (let i = 0; i < it.length; i++)
    latest = Math.max(latest, it.invoiceDate[i] || 0, a.items.due[i] || 0);
  return latest > 0 ? latest : null;
}

/** `text` cut to `width` terminal columns (a CJK character takes two), with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + "…";
}

/** `text` padded with spaces to `width` terminal columns (a CJK character takes two). */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** One line on claims nearing or past the 3-year limitation (nothing when there are none). */
export function limitationLine(
  a: Analysis,
  entries: readonly LimitationEntry[],
  locale: Locale,
): string {
  const expired = entries.filter((e) => e.status === "expired");
  const soon = entries.filter((e) => e.status === "soon");
  if (!expired.length && !soon.length) return "";
  const sum = (list: readonly LimitationEntry[]) => {
    const by = new Map<number, number>();
    for (const e of list) by.set(e.currency, (by.get(e.currency) ?? 0) + e.outstanding);
    return [...by]
      .map(([c, v]) =>
        `${a.ledger.currencies[c] ?? ""} ${formatMinor(v, minorDigits(a.ledger.currencies[c]))}`.trim(),
      )
      .join(", ");
  };
  return (
    cliText(locale, "limitation", {
      soon: soon.length,
      soonSum: sum(soon) || "0",
      expired: expired.length,
      expiredSum: sum(expired) || "0",
    }) + "\n"
  );
}
