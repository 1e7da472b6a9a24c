/**
 * Risk grades (core/insight/grade.ts): how many customers got each suggested grade, and the
 * customers whose suggested grade is worse than the one the customer list records, each with
 * the recorded and suggested grade and the reasons (points) behind the suggestion.
 */
import { Badge, Button, Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { insightMessage } from "../../core/insight/messages";
import type { Locale } from "../../core/messages";
import type { GradeLetter, GradeRow, InsightSummary } from "../engine/protocol";
import { fill, strings } from "../strings";

/** Rows shown before "Show more". */
const SHOWN = 10;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  link: {
    minWidth: 0,
    height: "auto",
    padding: 0,
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForegroundLink,
  },
  name: {
    display: "block",
    maxWidth: "190px",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  grades: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalXS },
  why: { minWidth: 0, flexShrink: 0 },
  reasons: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  points: { fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  more: { alignSelf: "flex-start" },
});

const COLOR: Record<GradeLetter, "success" | "informative" | "warning" | "danger"> = {
  A: "success",
  B: "informative",
  C: "warning",
  D: "danger",
};

export function GradeBadge({ grade }: { grade: GradeLetter }) {
  return (
    <Badge color={COLOR[grade]} appearance="filled" size="small" shape="rounded">
      {grade}
    </Badge>
  );
}

export function RiskGrades({
  locale,
  insight,
  onCustomer,
}: {
  locale: Locale;
  insight: InsightSummary;
  onCustomer(customer: number): void;
}) {
  const styles = useStyles();
  const t = strings(locale);
  const [all, setAll] = useState(false);
  const rows = all ? insight.worse : insight.worse.slice(0, SHOWN);
  const c = insight.gradeCounts;
  return (
    <div className={styles.root}>
      <Caption1 className={styles.muted} data-testid="grade-counts">
        {fill(insight.recordedCount === 0 ? t.gradesSummaryUnknown : t.gradesSummary, {
          A: c.A,
          B: c.B,
          C: c.C,
          D: c.D,
          differ: insight.differCount,
        })}
      </Caption1>
      {/* With no grade recorded there is nothing to be riskier than: the line above says so. */}
      {insight.recordedCount > 0 && (
        <Text weight="semibold" size={200}>
          {fill(t.gradesWorse, { count: insight.worseCount })}
        </Text>
      )}
      {insight.recordedCount === 0 ? null : rows.length === 0 ? (
        <Caption1>{t.gradesNone}</Caption1>
      ) : (
        <ul className={styles.list} aria-label={t.gradesList} data-testid="risk-grades">
          {rows.map((g) => (
            <GradeItem key={g.customer} row={g} locale={locale} onCustomer={onCustomer} />
          ))}
        </ul>
      )}
      {!all && insight.worse.length > SHOWN && (
        <Button size="small" className={styles.more} onClick={() => setAll(true)}>
          {t.showMore} ({insight.worse.length - SHOWN})
        </Button>
      )}
      {insight.worseCount > insight.worse.length && (
        <Caption1 className={styles.muted}>
          {fill(t.moreItems, { count: insight.worseCount - insight.worse.length })}
        </Caption1>
      )}
    </div>
  );
}

function GradeItem({
  row: g,
  locale,
  onCustomer,
}: {
  row: GradeRow;
  locale: Locale;
  onCustomer(customer: number): void;
}) {
  const styles = useStyles();
  const t = strings(locale);
  const label = g.name ? `${g.code} ${g.name}` : g.code;
  const change = fill(t.gradeChange, { recorded: g.recorded, suggested: g.grade });
  const reasons = g.reasons.filter((r) => r.code !== "grade.differs");
  const listId = `grade-reasons-${g.customer}`;
  const [open, setOpen] = useState(false);
  return (
    <li
      className={styles.item}
      data-customer={g.code}
      data-grade={g.grade}
      data-recorded={g.recordedGrade}
    >
      <span className={styles.line}>
        <Button
          appearance="transparent"
          className={styles.link}
          onClick={() => onCustomer(g.customer)}
          aria-label={fill(t.showCustomer, { customer: label })}
          aria-describedby={listId}
          title={label}
        >
          <span className={styles.name}>{g.name ?? g.code}</span>
        </Button>
        <span className={styles.grades} role="img" aria-label={change} title={change}>
          <Caption1 className={styles.muted}>{g.recorded}</Caption1>
          <Caption1 aria-hidden>→</Caption1>
          <GradeBadge grade={g.grade} />
        </span>
        <Button
          size="small"
          appearance="subtle"
          className={styles.why}
          aria-expanded={open}
          aria-controls={listId}
          aria-label={fill(t.gradeReasonsOf, { customer: g.name ?? g.code, grade: g.grade })}
          onClick={() => setOpen(!open)}
          data-testid="grade-why"
        >
          {t.gradeWhy}
        </Button>
      </span>
      <ul
        className={styles.reasons}
        id={listId}
        hidden={!open}
        aria-label={fill(t.gradeReasonsOf, { customer: g.name ?? g.code, grade: g.grade })}
      >
        {reasons.map((r, k) => (
          <li key={k}>
            {r.points > 0 && <span className={styles.points}>+{r.points} </span>}
            {insightMessage(r, locale)}
          </li>
        ))}
      </ul>
    </li>
  );
}
