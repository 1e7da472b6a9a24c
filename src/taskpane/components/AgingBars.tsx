/**
 * Aging by bucket as horizontal bars: plain elements, no chart library (a few hundred bytes
 * instead of a few hundred kilobytes), readable at a task pane's width, and a real table
 * underneath for screen readers.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Locale } from "../../core/messages";
import type { CurrencyTotals } from "../engine/protocol";
import { compactMoney, major, money, percent } from "../format";
import { bucketName, fill, strings } from "../strings";

const useStyles = makeStyles({
  table: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  label: {
    width: "30%",
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    paddingRight: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  barCell: { paddingTop: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalXXS },
  track: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  bar: {
    height: "16px",
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorBrandBackground,
    minWidth: "2px",
    flexShrink: 0,
  },
  overdueBar: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  oldBar: { backgroundColor: tokens.colorPaletteRedBackground3 },
  value: {
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
    fontVariantNumeric: "tabular-nums",
  },
});

export function AgingBars({
  locale,
  labels,
  totals,
}: {
  locale: Locale;
  labels: string[];
  totals: CurrencyTotals;
}) {
  const styles = useStyles();
  const t = strings(locale);
  const max = Math.max(1, ...totals.buckets.map((b) => Math.abs(b)));
  const last = labels.length - 1;
  return (
    <table
      className={styles.table}
      aria-label={fill(t.agingChart, { currency: totals.currency ?? "" })}
    >
      <tbody>
        {labels.map((label, b) => {
          const amount = totals.buckets[b];
          const share = totals.outstanding !== 0 ? amount / totals.outstanding : null;
          const tone =
            b === 0 && label === "current" ? "" : b === last ? styles.oldBar : styles.overdueBar;
          return (
            <tr
              key={label}
              data-testid={`bucket-${label}`}
              data-value={major(amount, totals.digits)}
            >
              <th scope="row" className={styles.label} title={bucketName(locale, label)}>
                {bucketName(locale, label)}
              </th>
              <td className={styles.barCell}>
                <div className={styles.track}>
                  <div
                    className={`${styles.bar} ${tone}`}
                    style={{ width: `${(Math.max(0, amount) / max) * 52}%` }}
                    aria-hidden
                  />
                  <span className={styles.value} title={money(amount, totals.digits)}>
                    {compactMoney(amount, totals.digits, locale)} · {percent(share, 0)}
                  </span>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
