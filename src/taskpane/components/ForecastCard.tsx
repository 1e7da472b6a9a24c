/**
 * The cash forecast of one currency (core/insight/forecast.ts, via the engine's model): expected
 * collections week by week for 13 weeks as horizontal bars (plain elements, like AgingBars), then
 * the totals of the first two months, the rest of the horizon, later and expected never, which
 * add up to the open balance. `data-value`s carry the figures in major units, as
 * `ar-desk analyze --json` prints them in its `insight.forecast`.
 */
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Locale } from "../../core/messages";
import { isoFromSerial } from "../../core/dates";
import type { ForecastRow } from "../engine/protocol";
import { compactMoney, major, money } from "../format";
import { fill, strings } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  table: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  label: {
    width: "22%",
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: "tabular-nums",
    paddingRight: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
  barCell: { paddingTop: "1px", paddingBottom: "1px" },
  track: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  bar: {
    height: "12px",
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorPaletteGreenBackground3,
    minWidth: "2px",
    flexShrink: 0,
  },
  value: {
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
  totals: {
    width: "100%",
    borderCollapse: "collapse",
    tableLayout: "fixed",
    fontSize: tokens.fontSizeBase200,
  },
  totalLabel: {
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  totalValue: {
    width: "40%",
    textAlign: "right",
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  never: { color: tokens.colorPaletteRedForeground1 },
  strong: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** `2026-07-06` → `07-06`: the week's first day, short enough for a task pane. */
const monthDay = (serial: number) => isoFromSerial(serial).slice(5);

export function ForecastCard({
  locale,
  forecast,
  history,
  assumedDays,
}: {
  locale: Locale;
  forecast: ForecastRow;
  history: number;
  /** The stated rule's days for an overdue item, shown when `history` is 0. */
  assumedDays: number;
}) {
  const styles = useStyles();
  const t = strings(locale);
  const f = forecast;
  const currency = f.currency ?? "";
  const max = Math.max(1, ...f.weeks.map((w) => w.amount));
  const months = f.months;
  const monthLabel = (m: ForecastRow["months"][number]) => {
    const first = isoFromSerial(m.from);
    const last = isoFromSerial(m.to);
    if (!first.endsWith("-01"))
      return fill(t.forecastMonthPart, { month: m.month, from: monthDay(m.from) });
    // The month's last day: the day before the next month's first.
    const next = isoFromSerial(m.to + 1);
    if (!next.endsWith("-01"))
      return fill(t.forecastMonthPartEnd, { month: m.month, to: last.slice(5) });
    return fill(t.forecastMonth, { month: m.month });
  };
  const rest = months.slice(2).reduce((s, m) => s + m.amount, 0);
  const lines: { field: string; label: string; title: string; amount: number; tone?: string }[] = [
    ...months.slice(0, 2).map((m) => ({
      field: `month-${m.month}`,
      label: monthLabel(m),
      title: `${isoFromSerial(m.from)} – ${isoFromSerial(m.to)}`,
      amount: m.amount,
    })),
  ];
  if (months.length > 2) {
    lines.push({
      field: "rest",
      label: t.forecastRest,
      title: `${isoFromSerial(months[2].from)} – ${isoFromSerial(months[months.length - 1].to)}`,
      amount: rest,
    });
  }
  lines.push({ field: "later", label: t.forecastLater, title: t.forecastLater, amount: f.later });
  const neverLabel = fill(t.forecastNever, { count: f.neverItems });
  lines.push({
    field: "never",
    label: neverLabel,
    title: neverLabel,
    amount: f.never,
    tone: styles.never,
  });

  return (
    <div className={styles.root} data-testid={`forecast-${f.currency ?? "none"}`}>
      <table className={styles.table} aria-label={fill(t.forecastChart, { currency })}>
        <tbody>
          {f.weeks.map((w, k) => {
            const title = fill(t.forecastWeek, {
              n: k + 1,
              from: isoFromSerial(w.from),
              to: isoFromSerial(w.to),
            });
            return (
              <tr
                key={w.from}
                data-testid={`forecast-week-${k + 1}`}
                data-value={major(w.amount, f.digits)}
              >
                <th scope="row" className={styles.label} title={title} aria-label={title}>
                  {monthDay(w.from)}
                </th>
                <td className={styles.barCell}>
                  <div className={styles.track}>
                    <div
                      className={styles.bar}
                      style={{ width: `${(Math.max(0, w.amount) / max) * 60}%` }}
                      aria-hidden
                    />
                    <span className={styles.value} title={money(w.amount, f.digits)}>
                      {compactMoney(w.amount, f.digits, locale)}
                    </span>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table
        className={styles.totals}
        aria-label={fill(t.forecastTotals, { currency })}
        data-testid="forecast-totals"
      >
        <tbody>
          {lines.map((l) => (
            <tr key={l.field}>
              <th scope="row" className={styles.totalLabel} title={l.title}>
                {l.label}
              </th>
              <td
                className={`${styles.totalValue} ${l.tone ?? ""}`}
                data-field={l.field}
                data-value={major(l.amount, f.digits)}
              >
                {money(l.amount, f.digits)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" className={`${styles.totalLabel} ${styles.strong}`}>
              {t.forecastOpen}
            </th>
            <td
              className={`${styles.totalValue} ${styles.strong}`}
              data-field="open"
              data-value={major(f.open, f.digits)}
            >
              {money(f.open, f.digits)}
            </td>
          </tr>
          {f.credits !== 0 ? (
            <>
              <tr>
                <th scope="row" className={styles.totalLabel}>
                  {t.forecastCredits}
                </th>
                <td
                  className={styles.totalValue}
                  data-field="credits"
                  data-value={major(f.credits, f.digits)}
                >
                  {money(f.credits, f.digits)}
                </td>
              </tr>
              <tr>
                <th scope="row" className={`${styles.totalLabel} ${styles.strong}`}>
                  {t.forecastOutstanding}
                </th>
                <td
                  className={`${styles.totalValue} ${styles.strong}`}
                  data-field="outstanding"
                  data-value={major(f.outstanding, f.digits)}
                >
                  {money(f.outstanding, f.digits)}
                </td>
              </tr>
            </>
          ) : null}
        </tbody>
      </table>
      <Caption1 className={styles.muted} data-testid="forecast-basis">
        {history === 0
          ? fill(t.forecastRule, { days: assumedDays })
          : fill(t.forecastHint, { count: history })}
      </Caption1>
    </div>
  );
}
