/** One customer: its positions per currency, open items (each selects its row) and settled history. */
import { Button, Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Locale } from "../../core/messages";
import type { CustomerDetail, ItemRow } from "../engine/protocol";
import { date, major, money, percent } from "../format";
import { useSharedStyles } from "./styles";
import { bucketName, fill, levelName, strings } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  back: { alignSelf: "flex-start" },
  muted: { color: tokens.colorNeutralForeground3 },
  positions: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
  },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  td: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  link: {
    minWidth: 0,
    height: "auto",
    padding: 0,
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForegroundLink,
  },
  overdue: { color: tokens.colorPaletteRedForeground1 },
});

export interface CustomerViewProps {
  locale: Locale;
  detail: CustomerDetail;
  onBack(): void;
  onSelectRow(sheet: string, row: number): void;
}

export function CustomerView({ locale, detail, onBack, onSelectRow }: CustomerViewProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const ref = (item: ItemRow) =>
    item.sheet ? (
      <Button
        appearance="transparent"
        className={styles.link}
        onClick={() => onSelectRow(item.sheet as string, item.row)}
        aria-label={fill(t.goToItem, { ref: item.ref ?? String(item.row) })}
      >
        {item.ref ?? `#${item.row}`}
      </Button>
    ) : (
      (item.ref ?? "")
    );

  return (
    <div className={styles.root} data-testid="customer-detail">
      <Button className={styles.back} size="small" onClick={onBack}>
        ← {t.back}
      </Button>
      <div>
        <Subtitle2 className={shared.heading} as="h2">
          {detail.name ?? detail.code}
        </Subtitle2>
        <br />
        <Caption1 className={styles.muted}>
          {detail.code}
          {detail.salesperson ? ` · ${t.salesperson} ${detail.salesperson}` : ""}
        </Caption1>
      </div>
      <div className={styles.positions}>
        {detail.positions.map((p) => (
          <Text key={p.currency ?? ""} size={200}>
            {p.currency ?? ""} {t.outstanding}{" "}
            <strong data-value={major(p.outstanding, p.digits)}>
              {money(p.outstanding, p.digits)}
            </strong>{" "}
            · {t.overdue} <span className={styles.overdue}>{money(p.overdue, p.digits)}</span>
            {p.creditLimit !== null &&
              ` · ${t.creditLimit} ${money(p.creditLimit, p.digits)} · ${t.headroom} ${money(p.headroom ?? 0, p.digits)} · ${t.utilisation} ${percent(p.utilisation, 0)}`}
          </Text>
        ))}
      </div>

      <section aria-labelledby="cust-open">
        <Subtitle2 className={shared.heading} as="h3" id="cust-open">
          {t.openItemsTitle} ({detail.open.length})
        </Subtitle2>
        {detail.open.length === 0 ? (
          <Caption1>{t.noOpenItems}</Caption1>
        ) : (
          <table className={styles.table} data-testid="open-items">
            <thead>
              <tr>
                <th className={styles.th}>{t.invoice}</th>
                <th className={styles.th}>{t.dueDate}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.outstanding}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.daysOverdue}</th>
              </tr>
            </thead>
            <tbody>
              {detail.open.map((item) => (
                <tr key={item.item}>
                  <td className={styles.td}>{ref(item)}</td>
                  <td className={styles.td}>{date(item.due)}</td>
                  <td
                    className={`${styles.td} ${styles.num}`}
                    data-value={major(item.outstanding, item.digits)}
                  >
                    {money(item.outstanding, item.digits)}
                  </td>
                  <td
                    className={`${styles.td} ${styles.num} ${item.daysOverdue !== null && item.daysOverdue > 0 ? styles.overdue : ""}`}
                    title={[
                      item.bucket ? bucketName(locale, item.bucket) : "",
                      item.level > 0 ? levelName(locale, item.level) : "",
                      item.hold ? (item.hold === "disputed" ? t.holdDisputed : t.holdPromise) : "",
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  >
                    {item.daysOverdue ?? "—"}
                    {item.hold ? " ⏸" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="cust-history">
        <Subtitle2 className={shared.heading} as="h3" id="cust-history">
          {t.historyTitle}
        </Subtitle2>
        <br />
        <Caption1 className={styles.muted}>
          {detail.historyCount > detail.history.length &&
            fill(t.historyMore, { shown: detail.history.length, count: detail.historyCount }) +
              " · "}
          {detail.averageDaysLate !== null &&
            fill(t.averageDaysLate, { days: detail.averageDaysLate.toFixed(1) })}
        </Caption1>
        {detail.history.length > 0 && (
          <table className={styles.table}>
            <thead>
              <tr>
                <th className={styles.th}>{t.invoice}</th>
                <th className={styles.th}>{t.settled}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.amount}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.daysLate}</th>
              </tr>
            </thead>
            <tbody>
              {detail.history.map((item) => (
                <tr key={item.item}>
                  <td className={styles.td}>{ref(item)}</td>
                  <td className={styles.td}>{date(item.settled)}</td>
                  <td className={`${styles.td} ${styles.num}`}>
                    {money(item.amount, item.digits)}
                  </td>
                  <td className={`${styles.td} ${styles.num}`}>{item.daysLate ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
