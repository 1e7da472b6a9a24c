/**
 * The Data tab: which sheet holds the receivables (preselected from the headers), optionally the
 * payments and customers sheets, and the column mapping of each.
 *
 * First use (a sheet detected, not yet confirmed) reads as three steps, the detected sheet with a
 * one-line summary of its columns, and one "Looks right" button; each full mapping table is
 * folded behind "Fix a column" and opens on demand, or by itself when a required column is
 * missing (something only the user can settle). Once confirmed, the tables are open.
 */
import { errorText } from "../../core/errors";
import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Fragment, useEffect, useId, useState, type ReactNode } from "react";
import type { Locale } from "../../core/messages";
import type { SheetKind } from "../../sheet/fields";
import type { CellValue } from "../../sheet/grid";
import { fieldsOf, missingRequired, type AnyColumnMap } from "../../sheet/headers";
import type { SheetReport } from "../../sheet/import";
import type { SheetInfo } from "../../sheet/workbook";
import type { DashboardModel } from "../engine/protocol";
import type { PaneSettings, Source } from "../settings";
import { useSharedStyles } from "./styles";
import { fieldLabel, fill, strings, type StringKey } from "../strings";
import { MappingEditor } from "./MappingEditor";

const useStyles = makeStyles({
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  done: { alignSelf: "flex-start" },
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  problems: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorPaletteDarkOrangeForeground1,
  },
  kind: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  counts: { color: tokens.colorNeutralForeground3 },
  // A sheet name may be 31 wide characters, a header any length: long words break, never stick out.
  summary: { overflowWrap: "anywhere" },
  // A native select is as wide as its longest option (a 31-character sheet name and its hint
  // stuck out 317 px at 350 px): it takes the width given, the text cut with an ellipsis, the
  // whole name in its tooltip.
  select: { minWidth: 0 },
  selectEl: { minWidth: 0, textOverflow: "ellipsis" },
  fold: {
    alignSelf: "flex-start",
    minWidth: 0,
    paddingLeft: 0,
    fontWeight: tokens.fontWeightRegular,
  },
  chevron: { display: "inline-block", width: "1em", color: tokens.colorNeutralForeground3 },
});

/** Fields named in a column summary before "and n more". */
const SUMMARY_FIELDS = 5;

const LABEL: Record<SheetKind, StringKey> = {
  invoices: "receivablesSheet",
  payments: "paymentsSheet",
  customers: "customersSheet",
};
const KIND_NAME: Record<SheetKind, StringKey> = {
  invoices: "kindInvoices",
  payments: "kindPayments",
  customers: "kindCustomers",
};

export interface ConnectPanelProps {
  locale: Locale;
  sheets: SheetInfo[];
  grids: Map<string, CellValue[][]>;
  detections: Map<string, AnyColumnMap | null>;
  settings: PaneSettings;
  model: DashboardModel | null;
  onSource(kind: SheetKind, sheet: string | null): void;
  onMapping(kind: SheetKind, source: Source): void;
  onReset(kind: SheetKind): void;
  /** The collection log sheet found in the workbook, if any. */
  logSheet?: string | null;
  /** Creates the empty log sheet (only when there is none); its name, or null. */
  onCreateLog?: () => Promise<string | null>;
  /** The credit policy sheet found in the workbook, if any. */
  policySheet?: string | null;
  /** Creates the credit policy sheet (default table; only when there is none). */
  onCreatePolicy?: () => Promise<string | null>;
  /** "Looks right": on to the dashboard. */
  onDone?: () => void;
}

export function ConnectPanel(props: ConnectPanelProps) {
  const { locale, sheets, grids, detections, settings, model } = props;
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const userSheets = sheets.filter((s) => !s.generated);
  const report = (sheet: string): SheetReport | undefined =>
    model?.sheets.find((r) => r.sheet === sheet);
  // First use: a sheet detected (or none found) and nothing confirmed yet.
  const firstUse = !settings.confirmed;

  return (
    <div className={styles.root}>
      <Subtitle2 className={shared.heading} as="h2">
        {t.connectTitle}
      </Subtitle2>
      {firstUse && (
        <ol className={styles.steps} aria-label={t.stepsLabel} data-testid="first-steps">
          {[t.step1, t.step2, t.step3].map((text, k) => {
            const done = k === 0 ? !!settings.invoices : k === 1 ? !!model : false;
            return (
              <li key={k} data-done={done}>
                <Caption1>
                  {done ? "✓ " : ""}
                  {text}
                </Caption1>
              </li>
            );
          })}
        </ol>
      )}
      {!settings.invoices && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.noReceivables}</MessageBarBody>
        </MessageBar>
      )}
      {(["invoices", "payments", "customers"] as SheetKind[]).map((kind) => {
        const source = settings[kind];
        const rows = source ? grids.get(source.sheet) : undefined;
        const counts = source ? report(source.sheet)?.rows : undefined;
        return (
          <Fragment key={kind}>
            <section className={styles.kind} aria-label={t[LABEL[kind]]}>
              <Field label={t[LABEL[kind]]}>
                <Select
                  className={styles.select}
                  select={{ className: styles.selectEl }}
                  value={source?.sheet ?? ""}
                  title={source?.sheet}
                  onChange={(_, d) => props.onSource(kind, d.value || null)}
                  data-testid={`sheet-${kind}`}
                >
                  <option value="">{t.noSheet}</option>
                  {userSheets.map((s) => {
                    const detected = detections.get(s.name);
                    const hint = detected
                      ? ` — ${fill(t.looksLike, { kind: t[KIND_NAME[detected.kind]] })}`
                      : "";
                    return (
                      <option key={s.name} value={s.name}>
                        {s.name}
                        {hint}
                      </option>
                    );
                  })}
                </Select>
              </Field>
              {source && rows && (
                <>
                  <Caption1 className={styles.counts}>
                    {fill(t.sheetRows, { rows: rows.length, columns: widthOf(rows) })}
                    {counts && ` · ${fill(t.rowsSummary, { ...counts })}`}
                  </Caption1>
                  <ColumnsFound locale={locale} kind={kind} source={source} />
                  <Fold
                    key={source.sheet}
                    locale={locale}
                    kind={kind}
                    // Open unless this is first use; open anyway where the user must act.
                    open={!firstUse || source.custom || needsUser(kind, source, counts)}
                    needsUser={needsUser(kind, source, counts)}
                  >
                    <MappingEditor
                      locale={locale}
                      kind={kind}
                      rows={rows}
                      source={source}
                      onChange={(s) => props.onMapping(kind, s)}
                      onReset={() => props.onReset(kind)}
                    />
                  </Fold>
                </>
              )}
            </section>
            {kind === "invoices" && firstUse && props.onDone && settings.invoices && (
              <Button
                appearance="primary"
                className={styles.done}
                disabled={!model || needsUser("invoices", settings.invoices, counts)}
                onClick={props.onDone}
                data-testid="looks-right"
              >
                {t.looksRight}
              </Button>
            )}
          </Fragment>
        );
      })}
      <LogSection {...props} />
      <PolicySection {...props} />
    </div>
  );
}

const missing = (kind: SheetKind, source: Source) =>
  missingRequired(kind, source.columns).length > 0;

/**
 * Whether a sheet's mapping needs the user: a required column missing, or not one row imported
 * (every row rejected: the columns are likely not what detection took them for).
 */
const needsUser = (kind: SheetKind, source: Source, counts: SheetReport["rows"] | undefined) =>
  missing(kind, source) || (!!counts && counts.read > 0 && counts.imported === 0);

/**
 * What was recognised in a sheet, in one line: the header row and the first fields found
 * ("Header in row 4 · recognised: Invoice number, Customer code, … and 4 more").
 */
function ColumnsFound({
  locale,
  kind,
  source,
}: {
  locale: Locale;
  kind: SheetKind;
  source: Source;
}) {
  const styles = useStyles();
  const t = strings(locale);
  const found = fieldsOf(kind).filter((f) => source.columns[f] !== undefined);
  const named = found.slice(0, SUMMARY_FIELDS).map((f) => fieldLabel(locale, kind, f));
  const list = named.join(t.listSeparator);
  const fields =
    found.length > SUMMARY_FIELDS
      ? fill(t.columnsMore, { fields: list, more: found.length - SUMMARY_FIELDS })
      : list;
  return (
    <Caption1 className={styles.summary} data-testid={`columns-found-${kind}`}>
      {found.length === 0 ? t.columnsNone : fill(t.columnsFound, { row: source.headerRow, fields })}
    </Caption1>
  );
}

/**
 * "Fix a column": a disclosure over a sheet's full mapping table. `open` is how it starts;
 * it opens by itself when the mapping comes to need the user (a required column missing).
 */
function Fold({
  locale,
  kind,
  open: initial,
  needsUser,
  children,
}: {
  locale: Locale;
  kind: SheetKind;
  open: boolean;
  needsUser: boolean;
  children: ReactNode;
}) {
  const styles = useStyles();
  const t = strings(locale);
  const id = useId();
  const [open, setOpen] = useState(initial);
  useEffect(() => {
    if (needsUser) setOpen(true);
  }, [needsUser]);
  return (
    <>
      <Button
        size="small"
        appearance="subtle"
        className={styles.fold}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        data-testid={`fix-columns-${kind}`}
      >
        <span className={styles.chevron} aria-hidden>
          {open ? "▾" : "▸"}
        </span>
        {t.fixColumns}
      </Button>
      <div id={id} hidden={!open}>
        {open && children}
      </div>
    </>
  );
}

/** The collection log: what was read from it, or a button that creates the sheet to fill. */
function LogSection({ locale, model, logSheet, onCreateLog }: ConnectPanelProps) {
  const styles = useStyles();
  const t = strings(locale);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const log = model?.log && model.log.sheet === logSheet ? model.log : null;
  const create = () => {
    if (!onCreateLog) return;
    setBusy(true);
    onCreateLog()
      .then(
        (name) => setNote(name ? fill(t.sheetCreated, { sheet: name }) : t.sheetExists),
        (err) => setNote(errorText(err, locale)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className={styles.kind} aria-labelledby="log-title" data-testid="log-section">
      <Subtitle2 as="h3" id="log-title">
        {t.logTitle}
      </Subtitle2>
      {log ? (
        <Caption1 data-testid="log-applied">
          {fill(t.logApplied, {
            sheet: log.sheet,
            imported: log.rows.imported,
            rejected: log.rows.rejected,
            ...log.promises,
            disputed: log.disputed,
          })}
        </Caption1>
      ) : logSheet ? (
        <Caption1>{fill(t.logFound, { sheet: logSheet })}</Caption1>
      ) : (
        <>
          <Caption1 className={styles.counts}>{t.logNone}</Caption1>
          {onCreateLog && (
            <div>
              <Button size="small" disabled={busy} onClick={create} data-testid="create-log">
                {t.logCreate}
              </Button>
            </div>
          )}
        </>
      )}
      {model?.schedule && (
        <Caption1 data-testid="schedule-applied">
          {fill(t.scheduleApplied, { ...model.schedule })}
        </Caption1>
      )}
      {note && (
        <Caption1 role="status" data-testid="log-created">
          {note}
        </Caption1>
      )}
    </section>
  );
}

/** Runs a create button's action and says what happened. */
function useCreate(locale: Locale, action?: () => Promise<string | null>) {
  const t = strings(locale);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = () => {
    if (!action) return;
    setBusy(true);
    action()
      .then(
        (name) => setNote(name ? fill(t.sheetCreated, { sheet: name }) : t.sheetExists),
        (err) => setNote(errorText(err, locale)),
      )
      .finally(() => setBusy(false));
  };
  return { note, busy, create };
}

/** The credit policy table: which sheet the order check follows, or a button to create it. */
function PolicySection({ locale, model, policySheet, onCreatePolicy }: ConnectPanelProps) {
  const styles = useStyles();
  const t = strings(locale);
  const { note, busy, create } = useCreate(locale, onCreatePolicy);
  const read =
    model?.creditPolicy && model.creditPolicy.sheet === policySheet ? model.creditPolicy : null;
  return (
    <section className={styles.kind} aria-labelledby="policy-title" data-testid="policy-section">
      <Subtitle2 as="h3" id="policy-title">
        {t.policyTitle}
      </Subtitle2>
      {read ? (
        read.valid ? (
          <Caption1 data-testid="policy-applied">
            {fill(t.policyApplied, { sheet: read.sheet, grades: read.grades.join(" / ") })}
          </Caption1>
        ) : (
          <div role="alert" data-testid="policy-problems">
            <Caption1>{fill(t.policyInvalid, { sheet: read.sheet })}</Caption1>
            <ul className={styles.problems}>
              {read.problems.slice(0, 10).map((p) => (
                <li key={p}>
                  <Caption1>{p}</Caption1>
                </li>
              ))}
            </ul>
          </div>
        )
      ) : policySheet ? (
        <Caption1>{fill(t.policyFound, { sheet: policySheet })}</Caption1>
      ) : (
        <>
          <Caption1 className={styles.counts}>{t.policyNone}</Caption1>
          {onCreatePolicy && (
            <div>
              <Button size="small" disabled={busy} onClick={create} data-testid="create-policy">
                {t.policyCreate}
              </Button>
            </div>
          )}
        </>
      )}
      {note && (
        <Caption1 role="status" data-testid="policy-created">
          {note}
        </Caption1>
      )}
    </section>
  );
}

function widthOf(rows: CellValue[][]): number {
  let w = 0;
  // The first rows are enough to tell the width of a table.
  for (let r = 0; r < Math.min(rows.length, 50); r++) w = Math.max(w, rows[r]?.length ?? 0);
  return w;
}
