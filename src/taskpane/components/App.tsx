/**
 * The task pane: a header, five tabs (Data, Problems, Dashboard, Generate, Settings) and the
 * panels. Everything outside the pane comes in through `PaneEnv` (the workbook port, the engine,
 * the host's language and edit events), so the same component runs in Excel, in the browser
 * preview and in tests. Panels other than Data load lazily (their own chunks).
 */
import type { OptionalFeature } from "../../excel/requirements";
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from "react";
import type { Problem } from "../../core/problems";
import type { CustomerDetail } from "../engine/protocol";
import { OTHER_LOCALE, problemsCount, readingRows, strings } from "../strings";
import { KINDS, usePane, type PaneEnv } from "../usePane";
import { ConnectPanel } from "./ConnectPanel";

const ProblemsPanel = lazy(() =>
  import(/* webpackChunkName: "problems", webpackPrefetch: true */ "./ProblemsPanel").then((m) => ({
    default: m.ProblemsPanel,
  })),
);
const Dashboard = lazy(() =>
  import(/* webpackChunkName: "dashboard", webpackPrefetch: true */ "./Dashboard").then((m) => ({
    default: m.Dashboard,
  })),
);
const CustomerView = lazy(() =>
  import(/* webpackChunkName: "dashboard-customer", webpackPrefetch: true */ "./CustomerView").then(
    (m) => ({
      default: m.CustomerView,
    }),
  ),
);
const GeneratePanel = lazy(() =>
  import(/* webpackChunkName: "generate", webpackPrefetch: true */ "./GeneratePanel").then((m) => ({
    default: m.GeneratePanel,
  })),
);
const RemindersPanel = lazy(() =>
  import(/* webpackChunkName: "generate", webpackPrefetch: true */ "./RemindersPanel").then(
    (m) => ({ default: m.RemindersPanel }),
  ),
);
const OrderCheckPanel = lazy(() =>
  import(/* webpackChunkName: "order-check", webpackPrefetch: true */ "./OrderCheckPanel").then(
    (m) => ({ default: m.OrderCheckPanel }),
  ),
);
const SettingsPanel = lazy(() =>
  import(/* webpackChunkName: "settings", webpackPrefetch: true */ "./SettingsPanel").then((m) => ({
    default: m.SettingsPanel,
  })),
);

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100%",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
  },
  title: { fontWeight: tokens.fontWeightSemibold, margin: 0, flexGrow: 1 },
  // The other language, one click away in the header (it follows Office's until chosen).
  lang: { minWidth: 0 },
  back: { alignSelf: "flex-start" },
  tab: { paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS },
  // At 350 px with a long problem count the tabs wrap to a second row rather than scroll out of
  // sight (a tab hidden in a scrolled strip is a tab the user never finds).
  tabs: {
    paddingLeft: tokens.spacingHorizontalXXS,
    paddingRight: tokens.spacingHorizontalXXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    flexWrap: "wrap",
    // The selection underline is drawn under the selected tab at once. Fluent slides it from the
    // previous tab over 300 ms by a horizontal offset only: in a strip that wraps, the line ran
    // along the second row under no tab (Generate → Settings), and for most of the slide it sat
    // between two tabs, beside the hover line of the tab clicked. (More specific than Fluent's
    // single-class rule, which is merged after a Tab's own className.)
    "& [role=tab]::after": { transform: "none", transitionProperty: "none" },
  },
  body: {
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalXXL,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
});

/** The largest problem count the tab shows as it is. */
const MAX_BADGE = 99;

export type TabId = "data" | "problems" | "dashboard" | "generate" | "settings";

/** The pane's sentence for each feature this Excel lacks (src/excel/requirements.ts). */
const FEATURE_TEXT: Record<OptionalFeature, "unavailableTemplateMerges"> = {
  templateMerges: "unavailableTemplateMerges",
};

export function App(env: PaneEnv) {
  const styles = useStyles();
  const pane = usePane(env);
  const t = strings(pane.locale);
  const [tab, setTab] = useState<TabId>("data");
  const [detail, setDetail] = useState<CustomerDetail | null>(null);
  const [orderCheck, setOrderCheck] = useState(false);
  const [detailError, setDetailError] = useState<string | null>(null);
  const { port, engine } = env;

  useEffect(() => {
    document.documentElement.lang = pane.locale;
  }, [pane.locale]);

  // Marks for the budgets (first render < 1 s): read by the end-to-end tests.
  useEffect(() => mark("ar-desk:first-render"), []);
  useEffect(() => {
    if (pane.model) mark("ar-desk:first-analysis");
  }, [pane.model]);

  // A customer shown belongs to the analysis it came from.
  useEffect(() => setDetail(null), [pane.model]);

  const selectProblem = useCallback(
    (p: Problem) => {
      const s = p.source;
      if (!s?.sheet) return;
      let column = 1;
      const source = KINDS.map((k) => pane.settings?.[k]).find((x) => x?.sheet === s.sheet);
      const rows = pane.grids.get(s.sheet);
      if (p.column && source && rows) {
        const header = rows[source.headerRow - 1] ?? [];
        const at = header.findIndex((v) => typeof v === "string" && v.trim() === p.column);
        const numbered = /^#(\d+)$/.exec(p.column);
        if (at >= 0) column = at + 1;
        else if (numbered) column = Number(numbered[1]);
      } else if (p.column && rows) {
        // Not a source (the collection log): its header is in the first rows.
        for (const header of rows.slice(0, 10)) {
          const at = (header ?? []).findIndex(
            (v) => typeof v === "string" && v.trim() === p.column,
          );
          if (at >= 0) {
            column = at + 1;
            break;
          }
        }
      }
      port.select(s.sheet, s.row, column).catch((err) => setDetailError(String(err)));
    },
    [pane.settings, pane.grids, port],
  );

  /** Where the user was on the dashboard before opening a customer or the order check. */
  const returnTo = useRef<HTMLElement | null>(null);
  const remember = useCallback(() => {
    const at = document.activeElement;
    returnTo.current = at instanceof HTMLElement && at !== document.body ? at : null;
  }, []);
  const openCustomer = useCallback(
    (customer: number) => {
      remember();
      engine.customer(customer).then(setDetail, (err) => setDetailError(String(err)));
    },
    [engine, remember],
  );
  // Back on the dashboard: focus returns to the button that left it.
  const away = !!detail || orderCheck;
  useEffect(() => {
    if (away || !returnTo.current) return;
    const el = returnTo.current;
    returnTo.current = null;
    if (el.isConnected) el.focus();
  }, [away]);

  const problemCount = pane.model?.problemCount ?? 0;
  const fallback = <Spinner size="small" />;

  // While the sheets are read: how many rows of how many, once the first chunk is in.
  const readLabel = pane.progress
    ? readingRows(pane.locale, pane.progress.done, pane.progress.total)
    : t.loadingWorkbook;

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Text as="h1" size={400} className={styles.title}>
          {t.appTitle}
        </Text>
        <Button
          size="small"
          appearance="subtle"
          className={styles.lang}
          lang={OTHER_LOCALE[pane.locale]}
          title={t.language}
          disabled={!pane.settings}
          onClick={() => pane.setLocale(OTHER_LOCALE[pane.locale])}
          data-testid="language-switch"
        >
          {t.switchLanguage}
        </Button>
        {pane.busy && (
          <Spinner
            size="extra-tiny"
            label={pane.busy === "reading" ? readLabel : t.analysing}
            labelPosition="before"
            data-testid="busy"
          />
        )}
      </header>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(d.value as TabId)}
        aria-label={t.tabsLabel}
      >
        <Tab value="data" className={styles.tab}>
          {t.tabData}
        </Tab>
        {/* More than 99: "99+", the exact count in the tooltip (a 5-digit count widened the
            strip). */}
        <Tab
          value="problems"
          className={styles.tab}
          title={problemCount > 0 ? problemsCount(pane.locale, problemCount) : undefined}
          data-testid="tab-problems"
        >
          {t.tabProblems}
          {problemCount > 0
            ? ` (${problemCount > MAX_BADGE ? `${MAX_BADGE}+` : problemCount})`
            : ""}
        </Tab>
        <Tab value="dashboard" className={styles.tab}>
          {t.tabDashboard}
        </Tab>
        <Tab value="generate" className={styles.tab}>
          {t.tabGenerate}
        </Tab>
        <Tab value="settings" className={styles.tab}>
          {t.tabSettings}
        </Tab>
      </TabList>
      <main className={styles.body} role="tabpanel" aria-label={t[TAB_LABEL[tab]]}>
        {env.engineInline && (
          <MessageBar intent="info">
            <MessageBarBody>{t.engineInline}</MessageBarBody>
          </MessageBar>
        )}
        {env.unavailable && env.unavailable.length > 0 && (
          <MessageBar intent="info" data-testid="unavailable">
            <MessageBarBody>
              <MessageBarTitle>{t.unavailableTitle}</MessageBarTitle>
              {env.unavailable.map((f) => t[FEATURE_TEXT[f]]).join(" ")}
            </MessageBarBody>
          </MessageBar>
        )}
        {(pane.error || detailError) && (
          <MessageBar intent="error" data-testid="error">
            <MessageBarBody>
              <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
              {pane.error ?? detailError}
            </MessageBarBody>
            <Button
              size="small"
              appearance="transparent"
              onClick={() => {
                pane.dismissError();
                setDetailError(null);
              }}
            >
              {t.dismiss}
            </Button>
          </MessageBar>
        )}
        {!pane.settings ? (
          <Spinner label={readLabel} data-testid="read-progress" />
        ) : (
          <Suspense fallback={fallback}>
            {tab === "data" && (
              <ConnectPanel
                locale={pane.locale}
                sheets={pane.sheets}
                grids={pane.grids}
                detections={pane.detections}
                settings={pane.settings}
                model={pane.model}
                onSource={pane.setSource}
                onMapping={pane.setMapping}
                onReset={pane.resetMapping}
                logSheet={pane.credit.log}
                onCreateLog={() => pane.createCreditSheet("log")}
                policySheet={pane.credit.policy ?? null}
                onCreatePolicy={() => pane.createCreditSheet("policy")}
                onDone={() => {
                  pane.confirm();
                  setTab("dashboard");
                }}
              />
            )}
            {tab === "problems" && (
              <ProblemsPanel
                locale={pane.locale}
                problems={pane.model?.problems ?? []}
                count={problemCount}
                onSelect={selectProblem}
              />
            )}
            {tab === "dashboard" &&
              (!pane.model ? (
                <Text data-testid="dashboard-empty">
                  {pane.busy || pane.settings.invoices ? t.analysing : t.dashboardEmpty}
                </Text>
              ) : (
                <>
                  {detail ? (
                    <CustomerView
                      locale={pane.locale}
                      detail={detail}
                      onBack={() => setDetail(null)}
                      onSelectRow={(sheet, row) => {
                        port.select(sheet, row, 1).catch((err) => setDetailError(String(err)));
                      }}
                    />
                  ) : orderCheck ? (
                    <>
                      <Button
                        size="small"
                        appearance="subtle"
                        className={styles.back}
                        onClick={() => setOrderCheck(false)}
                        data-testid="order-check-back"
                      >
                        ← {t.back}
                      </Button>
                      <OrderCheckPanel locale={pane.locale} engine={engine} model={pane.model} />
                    </>
                  ) : null}
                  {/* Kept mounted while a customer or the order check is shown: the lists
                      opened and the sections folded stay so, and focus can go back. */}
                  <div hidden={!!detail || orderCheck}>
                    <Dashboard
                      locale={pane.locale}
                      model={pane.model}
                      onCustomer={openCustomer}
                      onOrderCheck={() => {
                        remember();
                        setOrderCheck(true);
                      }}
                    />
                  </div>
                </>
              ))}
            {tab === "generate" && (
              <GeneratePanel
                locale={pane.locale}
                engine={engine}
                port={port}
                model={pane.model}
                asOfToday={pane.settings.asOf === null}
                onWritten={() => void pane.refreshSheets()}
                schedule={pane.credit.schedule}
                loadSchedule={pane.loadSchedule}
                onCreateSchedule={() => pane.createCreditSheet("schedule")}
                userName={env.userName ?? null}
              />
            )}
            {tab === "generate" && pane.model && (
              <RemindersPanel
                locale={pane.locale}
                engine={engine}
                port={port}
                onWritten={() => void pane.refreshSheets()}
              />
            )}
            {tab === "settings" && (
              <SettingsPanel
                locale={pane.locale}
                settings={pane.settings}
                today={env.today}
                policyError={pane.policy && !pane.policy.ok ? pane.policy.message : null}
                saveState={pane.saveState}
                onPolicy={pane.setPolicy}
                onAsOf={pane.setAsOf}
                onLocale={pane.setLocale}
              />
            )}
          </Suspense>
        )}
      </main>
    </div>
  );
}

/** A performance mark, once (the first time only). */
function mark(name: string): void {
  if (typeof performance === "undefined" || !performance.mark) return;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

const TAB_LABEL = {
  data: "tabData",
  problems: "tabProblems",
  dashboard: "tabDashboard",
  generate: "tabGenerate",
  settings: "tabSettings",
} as const;
