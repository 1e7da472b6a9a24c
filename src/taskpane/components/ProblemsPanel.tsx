/**
 * Every skipped or rejected row, and every warning, with its reason in the pane's language;
 * choosing one selects its cell in the sheet.
 */
import {
  Badge,
  Button,
  Caption1,
  Field,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { problemMessage, problemPlace, type Locale } from "../../core/messages";
import type { Problem, Severity } from "../../core/problems";
import { useSharedStyles } from "./styles";
import { fill, problemsCount, strings } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  head: {
    display: "flex",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "stretch",
    textAlign: "left",
    width: "100%",
    height: "auto",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightRegular,
    borderRadius: 0,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  // Beside a long place (a 31-character sheet name) the badge kept shrinking: "rejected" ran
  // past its outline and 未导入 stood in a column of three lines.
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
  // A sheet or column name with nowhere to break still wraps, inside the pane.
  place: { color: tokens.colorNeutralForeground3, minWidth: 0, overflowWrap: "anywhere" },
  message: {
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    overflowWrap: "anywhere",
  },
  count: { color: tokens.colorNeutralForeground3 },
});

type Filter = "all" | Severity;
const PAGE = 100;
const BADGE: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

export interface ProblemsPanelProps {
  locale: Locale;
  problems: Problem[];
  /** All problems, when `problems` is capped. */
  count: number;
  onSelect(problem: Problem): void;
}

export function ProblemsPanel({ locale, problems, count, onSelect }: ProblemsPanelProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const [filter, setFilter] = useState<Filter>("all");
  const [shown, setShown] = useState(PAGE);
  const list = useMemo(
    () => (filter === "all" ? problems : problems.filter((p) => p.severity === filter)),
    [problems, filter],
  );
  const severity: Record<Severity, string> = {
    error: t.severityError,
    warning: t.severityWarning,
    info: t.severityInfo,
  };

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div>
          <Subtitle2 className={shared.heading} as="h2">
            {t.problemsTitle}
          </Subtitle2>
          <br />
          <Caption1 className={styles.count} data-testid="problem-count">
            {problemsCount(locale, count)}
            {list.length > shown && ` · ${fill(t.problemsShown, { shown, count: list.length })}`}
          </Caption1>
        </div>
        <Field label={t.filterLabel}>
          <Select
            size="small"
            value={filter}
            onChange={(_, d) => {
              setFilter(d.value as Filter);
              setShown(PAGE);
            }}
          >
            <option value="all">{t.filterAll}</option>
            <option value="error">{t.filterError}</option>
            <option value="warning">{t.filterWarning}</option>
            <option value="info">{t.filterInfo}</option>
          </Select>
        </Field>
      </div>
      {count === 0 ? (
        <Caption1>{t.problemsNone}</Caption1>
      ) : (
        <ul className={styles.list} aria-label={t.problemsTitle}>
          {list.slice(0, shown).map((p, k) => {
            const place = problemPlace(p, locale);
            return (
              <li key={k}>
                <Button
                  appearance="subtle"
                  className={styles.item}
                  disabled={!p.source?.sheet}
                  // Named by its visible text (severity, place, message); what it does is its
                  // description.
                  title={fill(t.goToCell, { place })}
                  onClick={() => onSelect(p)}
                  data-testid="problem"
                >
                  <span className={styles.line}>
                    <Badge
                      appearance="tint"
                      color={BADGE[p.severity]}
                      size="small"
                      className={styles.badge}
                    >
                      {severity[p.severity]}
                    </Badge>
                    <Caption1 className={styles.place}>{place}</Caption1>
                  </span>
                  <span className={styles.message}>{problemMessage(p, locale)}</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {list.length > shown && (
        <Button onClick={() => setShown((n) => n + PAGE)}>{t.showMore}</Button>
      )}
    </div>
  );
}
