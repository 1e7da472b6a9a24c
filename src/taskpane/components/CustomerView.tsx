/**
 * One customer: its positions per currency, its payment behaviour and suggested grade (collection
 * insight), open items (each selects its row) with their expected pay dates, and settled history.
 */
import { Button, Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { gradeWords, insightMessage } from "../../core/insight/messages";
import type { Locale } from "../../core/messages";
import type { BehaviourRow, CustomerDetail, ExpectedRow, ItemRow } from "../engine/protocol";
import { date, major, money, percent, policyLimitText } from "../format";
import { GradeBadge } from "./RiskGrades";
import { useSharedStyles } from "./styles";
import { bucketName, fill, levelName, strings, type Strings } from "../strings";

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
  nowrap: { whiteSpace: "nowrap" },
  ref: { textAlign: "left" },
  behaviour: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, fontVariantNumeric: "tabular-nums" },
  grade: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalXS },
  reasons: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  expected: {
    whiteSpace: "nowrap",
    textDecorationLine: "underline",
    textDecorationStyle: "dotted",
    cursor: "help",
  },
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
              ` · ${t.creditLimit} ${money(p.creditLimit, p.digits)}` +
                (p.policyLimit ? ` (${policyLimitText(t.policyLimit, p)})` : "") +
                ` · ${t.headroom} ${money(p.headroom ?? 0, p.digits)} · ${t.utilisation} ${percent(p.utilisation, 0)}`}
          </Text>
        ))}
      </div>

      <Behaviour locale={locale} detail={detail} />

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
                <th className={styles.th}>{t.dueAndDays}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.outstanding}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.expected}</th>
              </tr>
            </thead>
            <tbody>
              {detail.open.map((item) => (
                <tr key={item.item}>
                  <td className={`${styles.td} ${styles.ref}`}>{ref(item)}</td>
                  <td className={`${styles.td} ${styles.nowrap}`}>
                    {date(item.due)}
                    <br />
                    <Caption1
                      className={
                        item.daysOverdue !== null && item.daysOverdue > 0
                          ? styles.overdue
                          : styles.muted
                      }
                      data-field="daysOverdue"
                      title={[
                        item.bucket ? bucketName(locale, item.bucket) : "",
                        item.level > 0 ? levelName(locale, item.level) : "",
                        item.hold
                          ? item.hold === "disputed"
                            ? t.holdDisputed
                            : t.holdPromise
                          : "",
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    >
                      {item.daysOverdue === null
                        ? "—"
                        : fill(t.daysOverdueShort, { days: item.daysOverdue })}
                      {item.hold ? " ⏸" : ""}
                    </Caption1>
                  </td>
                  <td
                    className={`${styles.td} ${styles.num}`}
                    data-value={major(item.outstanding, item.digits)}
                  >
                    {money(item.outstanding, item.digits)}
                  </td>
                  <td className={`${styles.td} ${styles.num}`} data-field="expected">
                    <Expected
                      locale={locale}
                      expected={item.expected}
                      className={styles.expected}
                    />
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

/** What an expected pay date says, in words: the date and band, then the reasons. */
export function expectedText(locale: Locale, e: ExpectedRow): string {
  const t = strings(locale);
  const head =
    e.date === null
      ? t.expectedNeverTitle
      : fill(t.expectedTitle, { date: date(e.date), low: date(e.low), high: date(e.high) });
  return [head, ...e.reasons.map((r) => insightMessage(r, locale))].join("\n");
}

/** An open item's expected pay date; the band and the reasons on hover (title) and for screen readers. */
function Expected({
  locale,
  expected: e,
  className,
}: {
  locale: Locale;
  expected: ExpectedRow | null;
  className: string;
}) {
  const t = strings(locale);
  if (e === null) return <>—</>;
  const text = expectedText(locale, e);
  return (
    <span
      className={className}
      title={text}
      aria-label={text}
      tabIndex={0}
      data-value={e.date === null ? "never" : date(e.date)}
      data-basis={e.basis}
    >
      {e.date === null ? t.expectedNever : date(e.date)}
    </span>
  );
}

function Behaviour({ locale, detail }: { locale: Locale; detail: CustomerDetail }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const b = detail.behaviour;
  const g = detail.grade;
  return (
    <section aria-labelledby="cust-behaviour" className={styles.behaviour} data-testid="behaviour">
      <Subtitle2 className={shared.heading} as="h3" id="cust-behaviour">
        {t.behaviourTitle}
      </Subtitle2>
      {b === null ? (
        <Caption1>{t.behaviourNone}</Caption1>
      ) : (
        <dl className={styles.facts} aria-label={fill(t.behaviourSettled, { count: b.settled })}>
          <dt className={styles.dt}>{t.behaviourSettledLabel}</dt>
          <dd className={styles.dd} data-field="settled" data-value={b.settled}>
            {b.settled}
          </dd>
          <dt className={styles.dt}>{t.behaviourOnTime}</dt>
          <dd className={styles.dd} data-field="onTimeShare" data-value={b.onTimeShare}>
            {percent(b.onTimeShare, 0)}
          </dd>
          <dt className={styles.dt}>{t.behaviourLate}</dt>
          <dd className={styles.dd} data-field="averageDaysLate" data-value={b.averageDaysLate}>
            {b.averageDaysLate.toFixed(1)} · {t.behaviourWeighted}{" "}
            <span data-field="weightedDaysLate" data-value={b.weightedDaysLate}>
              {b.weightedDaysLate.toFixed(1)}
            </span>
            {b.weightCurrency ? ` (${b.weightCurrency})` : ""}
          </dd>
          <dt className={styles.dt}>{t.behaviourTrend}</dt>
          <dd className={styles.dd} data-field="trend" data-value={b.trend ?? ""}>
            {trendText(t, b)}
          </dd>
        </dl>
      )}
      {g && (
        <>
          <span className={styles.grade} data-testid="suggested-grade" data-grade={g.grade}>
            <GradeBadge grade={g.grade} />
            <Text size={200}>
              {fill(t.suggestedGrade, { grade: g.grade, words: gradeWords(g.grade, locale) })}
              {g.recorded !== null && ` · ${fill(t.recordedGrade, { recorded: g.recorded })}`}
            </Text>
          </span>
          <ul className={styles.reasons}>
            {g.reasons
              .filter((r) => r.code !== "grade.differs")
              .map((r, k) => (
                <li key={k}>
                  {r.points > 0 ? `+${r.points} ` : ""}
                  {insightMessage(r, locale)}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

function trendText(t: Strings, b: BehaviourRow): string {
  if (b.trend === null || b.recent.averageDaysLate === null || b.earlier.averageDaysLate === null)
    return t.behaviourNoTrend;
  const word =
    b.trend >= 1 ? t.behaviourWorse : b.trend <= -1 ? t.behaviourBetter : t.behaviourSteady;
  return `${word}: ${fill(t.behaviourTrendText, {
    recent: b.recent.averageDaysLate.toFixed(1),
    earlier: b.earlier.averageDaysLate.toFixed(1),
    window: b.recentDays,
  })}`;
}
