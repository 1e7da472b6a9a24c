/**
 * The dashboard as of one date: totals per currency, aging, the cash forecast, top overdue
 * customers, customers over or near their limit, risk grades worse than recorded, this week's
 * collection actions and the salespeople's figures.
 * Figures come from the engine's model (protocol.ts); `data-value` attributes carry them
 * unformatted, in major units, as `ar-desk analyze --json` prints them.
 */
import {
  Badge,
  Button,
  Caption1,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import { problemMessage, type Locale } from "../../core/messages";
import type { Action, CustomerRow, DashboardModel } from "../engine/protocol";
import { compactMoney, date, major, money, percent, policyLimitText } from "../format";
import { useSharedStyles } from "./styles";
import { fill, levelName, strings, type Strings } from "../strings";
import { AgingBars } from "./AgingBars";
import { ForecastCard } from "./ForecastCard";
import { RiskGrades } from "./RiskGrades";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  head: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  // Side by side while their figures fit, one a row when they do not: a card is never narrower
  // than its big figure (4,886,833.20 stuck out of a 159 px card at 350 px).
  cards: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  card: {
    flexGrow: 1,
    flexShrink: 1,
    flexBasis: "150px",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  big: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: "tabular-nums",
  },
  muted: { color: tokens.colorNeutralForeground3 },
  overdue: { color: tokens.colorPaletteRedForeground1 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  right: { textAlign: "right" },
  td: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    verticalAlign: "top",
  },
  link: {
    minWidth: 0,
    height: "auto",
    padding: 0,
    textAlign: "left",
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForegroundLink,
  },
  name: {
    display: "block",
    maxWidth: "150px",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  actions: { listStyleType: "none", margin: 0, padding: 0 },
  action: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  headline: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  kpi: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  toggle: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    width: "100%",
    padding: 0,
    border: "none",
    background: "none",
    font: "inherit",
    color: "inherit",
    textAlign: "left",
    cursor: "pointer",
  },
  chevron: { display: "inline-block", width: "1em", color: tokens.colorNeutralForeground3 },
  more: { alignSelf: "flex-start" },
  actionLine: {
    display: "flex",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
  },
});

/** Rows shown per list before "Show all". */
const SHOWN = 5;

export interface DashboardProps {
  locale: Locale;
  model: DashboardModel;
  onCustomer(customer: number): void;
  /** Opens the order check (its own view, not above the totals). */
  onOrderCheck?(): void;
}

export function Dashboard({ locale, model, onCustomer, onOrderCheck }: DashboardProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const [k, setK] = useState(0);
  const [allTop, setAllTop] = useState(false);
  const [allLimits, setAllLimits] = useState(false);
  const [allSales, setAllSales] = useState(false);
  const c = Math.min(k, Math.max(0, model.totals.length - 1));
  const totals = model.totals[c];
  const currencyName = (x: string | null) => x ?? "—";

  // No invoice imported: an error, never figures built from payments alone.
  const noInvoices = model.problems.find((p) => p.code === "sheet.noInvoices");
  if (noInvoices) {
    return (
      <div className={styles.root} role="alert" data-testid="no-invoices">
        <Text>{fill(t.asOf, { date: date(model.asOf) })}</Text>
        <Text weight="semibold">{problemMessage(noInvoices, locale)}</Text>
      </div>
    );
  }

  if (!totals) {
    return (
      <div className={styles.root}>
        <Text>{fill(t.asOf, { date: date(model.asOf) })}</Text>
        <Caption1>{t.nothingOutstanding}</Caption1>
      </div>
    );
  }
  const sales = model.salespeople.filter((s) => s.currency === totals.currency);
  const forecast = model.insight.forecast.find((f) => f.currency === totals.currency);
  const limits = model.nearLimit;
  const overLimit = limits.filter((g) => g.overLimit).length;
  const topRows = model.topOverdue[c];

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Subtitle2 className={shared.heading} as="h2" data-testid="as-of">
          {fill(t.asOf, { date: date(model.asOf) })}
        </Subtitle2>
        {onOrderCheck && (
          <Button size="small" onClick={onOrderCheck} data-testid="open-order-check">
            {t.orderCheckOpen}
          </Button>
        )}
        {model.totals.length > 1 && (
          <Select
            size="small"
            aria-label={t.currency}
            value={String(c)}
            onChange={(_, d) => setK(Number(d.value))}
            data-testid="currency"
          >
            {model.totals.map((x, i) => (
              <option key={i} value={i}>
                {currencyName(x.currency)}
              </option>
            ))}
          </Select>
        )}
      </div>

      <div className={styles.cards}>
        {model.totals.map((x) => (
          <div
            key={x.currency ?? ""}
            className={styles.card}
            data-testid={`total-${x.currency ?? "none"}`}
            aria-label={`${t.currency} ${currencyName(x.currency)}`}
            role="group"
          >
            <Caption1 className={styles.muted}>
              {t.outstanding} · {currencyName(x.currency)}
            </Caption1>
            <span
              className={styles.big}
              data-field="outstanding"
              data-value={major(x.outstanding, x.digits)}
            >
              {money(x.outstanding, x.digits)}
            </span>
            <Caption1>
              {t.overdue}{" "}
              <span
                className={styles.overdue}
                data-field="overdue"
                data-value={major(x.overdue, x.digits)}
              >
                {money(x.overdue, x.digits)}
              </span>
            </Caption1>
            <Caption1 data-field="reconcile">
              {fill(t.reconcile, {
                overdue: money(x.overdue, x.digits),
                notDue: money(x.notDue, x.digits),
                credits: money(x.credits, x.digits),
              })}
              <span hidden data-field="notDue" data-value={major(x.notDue, x.digits)} />
              <span hidden data-field="credits" data-value={major(x.credits, x.digits)} />
            </Caption1>
            {x.datedAfter && (
              <Caption1 data-field="datedAfter" data-value={x.datedAfter.items}>
                {fill(
                  t.datedAfter,
                  { n: x.datedAfter.items, amount: money(x.datedAfter.amount, x.digits) },
                  locale,
                )}
              </Caption1>
            )}
            <Caption1>
              {t.overdueRate}{" "}
              <strong
                data-field="overdueRate"
                data-value={x.overdueRate ?? ""}
                title={t.overdueRateBase}
              >
                {percent(x.overdueRate)}
              </strong>{" "}
              <span className={styles.muted}>{t.overdueRateBase}</span> ·{" "}
              {fill(t.openItems, { count: x.openItems })}
            </Caption1>
          </div>
        ))}
      </div>

      <div
        className={styles.headline}
        role="group"
        aria-label={t.headlineLabel}
        data-testid="headline"
      >
        <div className={styles.kpi}>
          <Caption1 className={styles.muted}>{t.overLimitCount}</Caption1>
          <span
            className={`${styles.big} ${overLimit > 0 ? styles.overdue : ""}`}
            data-field="overLimit"
            data-value={overLimit}
          >
            {overLimit}
          </span>
        </div>
        <div className={styles.kpi}>
          <Caption1 className={styles.muted}>{t.todayActions}</Caption1>
          <span
            className={styles.big}
            data-field="actionsToday"
            data-value={model.actions.todayCount}
          >
            {model.actions.todayCount}
          </span>
        </div>
      </div>

      <Section id="dash-aging" title={`${t.agingTitle} · ${currencyName(totals.currency)}`}>
        <AgingBars locale={locale} labels={model.labels} totals={totals} />
      </Section>
      <Section id="dash-actions" title={t.actionsTitle}>
        <ActionList
          title={fill(t.actionsToday, { count: model.actions.todayCount })}
          actions={model.actions.today}
          count={model.actions.todayCount}
          locale={locale}
          onCustomer={onCustomer}
          testId="actions-today"
        />
        <ActionList
          title={fill(t.actionsWeek, { count: model.actions.weekCount })}
          actions={model.actions.week}
          count={model.actions.weekCount}
          locale={locale}
          onCustomer={onCustomer}
          testId="actions-week"
        />
      </Section>
      <Section id="dash-top" title={t.topOverdueTitle}>
        {topRows.length === 0 ? (
          <Caption1>{t.topOverdueNone}</Caption1>
        ) : (
          <table className={styles.table} data-testid="top-overdue">
            <thead>
              <tr>
                <th className={styles.th}>{t.customer}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.overdue}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.daysOverdueMax}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.level}</th>
              </tr>
            </thead>
            <tbody>
              {(allTop ? topRows : topRows.slice(0, SHOWN)).map((g) => (
                <tr key={g.customer} data-customer={g.code}>
                  <td className={styles.td}>
                    <CustomerButton
                      t={t}
                      row={g}
                      onCustomer={onCustomer}
                      className={styles.link}
                      nameClass={styles.name}
                    />
                  </td>
                  <td
                    className={`${styles.td} ${styles.num}`}
                    data-value={major(g.overdue, g.digits)}
                    title={money(g.overdue, g.digits)}
                  >
                    {compactMoney(g.overdue, g.digits, locale)}
                  </td>
                  <td className={`${styles.td} ${styles.num}`}>{g.maxDaysOverdue ?? "—"}</td>
                  <td className={`${styles.td} ${styles.num}`} title={levelName(locale, g.level)}>
                    {g.level}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ShowAll
          t={t}
          total={topRows.length}
          all={allTop}
          onToggle={setAllTop}
          testId="top-overdue-all"
        />
      </Section>
      <Section id="dash-limits" title={t.limitsTitle}>
        {model.limitsKnown === 0 ? (
          <Caption1 data-testid="limits-unknown">{t.limitsUnknown}</Caption1>
        ) : limits.length === 0 ? (
          <Caption1>{t.limitsNone}</Caption1>
        ) : (
          <table className={styles.table} data-testid="near-limit">
            <thead>
              <tr>
                <th className={styles.th}>{t.customer}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.utilisation}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.creditLimit}</th>
                <th className={`${styles.th} ${styles.num}`}>{t.headroom}</th>
              </tr>
            </thead>
            <tbody>
              {(allLimits ? limits : limits.slice(0, SHOWN)).map((g) => (
                <tr key={`${g.customer}-${g.currency}`} data-customer={g.code}>
                  <td className={styles.td}>
                    <CustomerButton
                      t={t}
                      row={g}
                      onCustomer={onCustomer}
                      className={styles.link}
                      nameClass={styles.name}
                    />
                    {g.overLimit && (
                      <Badge color="danger" size="small" appearance="tint">
                        {t.overLimit}
                      </Badge>
                    )}
                  </td>
                  <td className={`${styles.td} ${styles.num}`}>{percent(g.utilisation, 0)}</td>
                  <td
                    className={`${styles.td} ${styles.num}`}
                    data-field="creditLimit"
                    data-value={g.creditLimit === null ? "" : major(g.creditLimit, g.digits)}
                    data-policy={g.policyLimit ? "true" : undefined}
                    title={
                      money(g.creditLimit ?? 0, g.digits) +
                      (g.policyLimit ? ` (${policyLimitText(t.policyLimit, g)})` : "")
                    }
                  >
                    {g.creditLimit === null ? "—" : compactMoney(g.creditLimit, g.digits, locale)}
                    {g.policyLimit ? "*" : ""}
                  </td>
                  <td
                    className={`${styles.td} ${styles.num} ${g.headroom !== null && g.headroom < 0 ? styles.overdue : ""}`}
                    title={g.headroom === null ? "" : money(g.headroom, g.digits)}
                  >
                    {g.headroom === null ? "—" : compactMoney(g.headroom, g.digits, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ShowAll
          t={t}
          total={limits.length}
          all={allLimits}
          onToggle={setAllLimits}
          testId="near-limit-all"
        />
        {limits.some((g) => g.policyLimit) && (
          <Caption1 className={styles.muted} data-testid="policy-limits">
            {t.policyLimits}
          </Caption1>
        )}
      </Section>
      <Section id="dash-sales" title={`${t.salesTitle} · ${currencyName(totals.currency)}`}>
        <table className={shared.figures} data-testid="salespeople">
          <colgroup>
            <col style={{ width: "23%" }} />
            <col style={{ width: "22%" }} />
            <col style={{ width: "18%" }} />
            <col style={{ width: "18%" }} />
            <col style={{ width: "19%" }} />
          </colgroup>
          <thead>
            <tr>
              <th className={shared.th}>{t.salesperson}</th>
              <th className={`${shared.th} ${styles.right}`}>{t.outstanding}</th>
              <th className={`${shared.th} ${styles.right}`}>{t.overdue}</th>
              <th className={`${shared.th} ${styles.right}`}>{t.overdueRate}</th>
              <th className={`${shared.th} ${styles.right}`}>{t.collectionRate}</th>
            </tr>
          </thead>
          <tbody>
            {(allSales ? sales : sales.slice(0, SHOWN)).map((s) => (
              <tr key={s.salesperson ?? ""} data-salesperson={s.salesperson ?? ""}>
                <td className={shared.td} title={s.salesperson ?? t.noSalesperson}>
                  {s.salesperson ?? t.noSalesperson}
                </td>
                <td
                  className={`${shared.td} ${shared.num}`}
                  data-field="outstanding"
                  data-value={major(s.outstanding, s.digits)}
                  title={money(s.outstanding, s.digits)}
                >
                  {compactMoney(s.outstanding, s.digits, locale)}
                </td>
                <td
                  className={`${shared.td} ${shared.num}`}
                  data-field="overdue"
                  data-value={major(s.overdue, s.digits)}
                  title={money(s.overdue, s.digits)}
                >
                  {compactMoney(s.overdue, s.digits, locale)}
                </td>
                <td className={`${shared.td} ${shared.num}`}>{percent(s.overdueRate, 0)}</td>
                <td
                  className={`${shared.td} ${shared.num}`}
                  data-field="collectionRate"
                  data-value={s.collectionRate ?? ""}
                  title={`${money(s.collected, s.digits)} / ${money(s.due, s.digits)}`}
                >
                  {percent(s.collectionRate, 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ShowAll
          t={t}
          total={sales.length}
          all={allSales}
          onToggle={setAllSales}
          testId="salespeople-all"
        />
        <Caption1 className={styles.muted} data-testid="collection-period">
          {model.collectionUnknown
            ? t.collectionUnknown
            : fill(t.collectionPeriod, {
                from: date(model.collectionPeriod.from),
                to: date(model.collectionPeriod.to),
              })}
        </Caption1>
      </Section>
      <Section id="dash-forecast" title={`${t.forecastTitle} · ${currencyName(totals.currency)}`}>
        {forecast ? (
          <ForecastCard
            locale={locale}
            forecast={forecast}
            history={model.insight.history}
            assumedDays={model.insight.assumedDays}
          />
        ) : (
          <Caption1>{t.forecastNone}</Caption1>
        )}
      </Section>
      <Section id="dash-grades" title={t.gradesTitle}>
        <RiskGrades locale={locale} insight={model.insight} onCustomer={onCustomer} />
      </Section>

      <Caption1 className={styles.muted}>
        {fill(t.timing, {
          ms:
            model.timing.importMs +
            model.timing.analyzeMs +
            model.timing.insightMs +
            model.timing.modelMs,
        })}
      </Caption1>
    </div>
  );
}

/** A dashboard section whose heading folds it away (open to start with). */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [open, setOpen] = useState(true);
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 className={shared.heading} as="h3">
        <button
          type="button"
          id={id}
          className={styles.toggle}
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen(!open)}
        >
          <span className={styles.chevron} aria-hidden>
            {open ? "▾" : "▸"}
          </span>
          {title}
        </button>
      </Subtitle2>
      <div id={`${id}-body`} className={styles.section} hidden={!open}>
        {children}
      </div>
    </section>
  );
}

/** "Show all (n)" under a list cut to its first rows, and "Show fewer" once open. */
function ShowAll({
  t,
  total,
  all,
  onToggle,
  testId,
}: {
  t: Strings;
  total: number;
  all: boolean;
  onToggle(all: boolean): void;
  testId: string;
}) {
  const styles = useStyles();
  if (total <= SHOWN) return null;
  return (
    <Button
      size="small"
      appearance="subtle"
      className={styles.more}
      aria-expanded={all}
      onClick={() => onToggle(!all)}
      data-testid={testId}
    >
      {all ? t.showFewer : fill(t.showAll, { count: total })}
    </Button>
  );
}

function CustomerButton({
  t,
  row,
  onCustomer,
  className,
  nameClass,
}: {
  t: Strings;
  row: Pick<CustomerRow, "customer" | "code" | "name">;
  onCustomer(customer: number): void;
  className: string;
  nameClass: string;
}) {
  const label = row.name ? `${row.code} ${row.name}` : row.code;
  return (
    <Button
      appearance="transparent"
      className={className}
      onClick={() => onCustomer(row.customer)}
      aria-label={fill(t.showCustomer, { customer: label })}
      title={label}
    >
      <span className={nameClass}>{row.name ?? row.code}</span>
    </Button>
  );
}

function ActionList({
  title,
  actions,
  count,
  locale,
  onCustomer,
  testId,
}: {
  title: string;
  actions: Action[];
  count: number;
  locale: Locale;
  onCustomer(customer: number): void;
  testId: string;
}): ReactNode {
  const styles = useStyles();
  const t = strings(locale);
  const [all, setAll] = useState(false);
  const kind = (a: Action) =>
    a.kind === "reminder"
      ? t.actionReminder
      : a.kind === "confirm"
        ? t.actionConfirm
        : a.kind === "dueDay"
          ? t.actionDueDay
          : fill(t.actionEscalate, { level: levelName(locale, a.level) });
  return (
    <div data-testid={testId}>
      <Text weight="semibold" size={200}>
        {title}
      </Text>
      {actions.length === 0 ? (
        <Caption1 className={styles.muted}> · {t.actionsNone}</Caption1>
      ) : (
        <ul className={styles.actions}>
          {(all ? actions : actions.slice(0, SHOWN)).map((a) => (
            <li key={`${a.item}-${a.date}`} className={styles.action}>
              <span className={styles.actionLine}>
                <Caption1>
                  <strong>{kind(a)}</strong> · {date(a.date)}
                </Caption1>
                <Caption1 className={styles.num} title={money(a.outstanding, a.digits)}>
                  {a.currency ?? ""} {compactMoney(a.outstanding, a.digits, locale)}
                </Caption1>
              </span>
              <span className={styles.actionLine}>
                <Button
                  appearance="transparent"
                  className={styles.link}
                  onClick={() => onCustomer(a.customer)}
                  aria-label={fill(t.showCustomer, { customer: a.name ?? a.code })}
                >
                  <span className={styles.name}>{a.name ?? a.code}</span>
                </Button>
                <Caption1 className={styles.muted}>
                  {a.ref ?? ""} {a.salesperson ? `· ${a.salesperson}` : ""}
                </Caption1>
              </span>
            </li>
          ))}
        </ul>
      )}
      <ShowAll t={t} total={count} all={all} onToggle={setAll} testId={`${testId}-all`} />
      {all && count > actions.length && (
        <Caption1 className={styles.muted}>
          {fill(t.moreItems, { count: count - actions.length })}
        </Caption1>
      )}
    </div>
  );
}
