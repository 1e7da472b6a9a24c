/**
 * Generate: one button per document kind (documents.ts, one list), with progress while the
 * engine builds and the port writes, and a summary of what was written where; then the live
 * formulas sheet (formulas.ts), its formulas shown before anything is written.
 */
import { errorText } from "../../core/errors";
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Locale } from "../../core/messages";
import type { SheetSpec } from "../../sheet/spec";
import type { WorkbookPort, WrittenSheet } from "../../sheet/workbook";
import { PROFILE_SHEETS, profileFromGrid, profileSheetSpec } from "../../sheet/profile-sheet";
import { builtinTemplate, TEMPLATE_SHEETS } from "../../sheet/templates/builtin";
import type { TemplateKind } from "../../sheet/templates/fields";
import type {
  BuildOptions,
  BuildResult,
  DashboardModel,
  DocumentInfo,
  Engine,
  RegisterInput,
} from "../engine/protocol";
import { registerSheetOf } from "../credit-sheets";
import { AS_OF_CELL, type FormulaSheet } from "../formulas";
import { useSharedStyles } from "./styles";
import { fill, strings } from "../strings";
import { creditStrings } from "../strings-credit";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  doc: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  written: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  formulas: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  code: {
    display: "block",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalXS,
    overflowWrap: "anywhere",
  },
});

interface Run {
  id: string;
  phase: "build" | "write" | "done" | "error";
  done: number;
  total: number;
  sheet?: string;
  written?: WrittenSheet[];
  error?: string;
  /** What the build said: rows added to the register, the schedule read. */
  built?: Omit<BuildResult, "specs">;
}

export interface GeneratePanelProps {
  locale: Locale;
  engine: Engine;
  port: WorkbookPort;
  model: DashboardModel | null;
  /** True when the as-of date is today (the formulas sheet then holds =TODAY()). */
  asOfToday: boolean;
  /** After sheets were written (the pane lists the sheets again). */
  onWritten(): void;
  /** The payment schedule sheet found in the workbook, if any. */
  schedule?: string | null;
  /** Loads the schedule's rows into the engine; its sheet name, or null when none. */
  loadSchedule?: () => Promise<string | null>;
  /** Creates the empty schedule sheet (only when there is none). */
  onCreateSchedule?: () => Promise<string | null>;
  /** Who generates, for the register ("by"): Office's user name where the host gives it. */
  userName?: string | null;
}

export function GeneratePanel({
  locale,
  engine,
  port,
  model,
  asOfToday,
  onWritten,
  schedule = null,
  loadSchedule,
  onCreateSchedule,
  userName = null,
}: GeneratePanelProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const c = creditStrings(locale);
  const [docs, setDocs] = useState<DocumentInfo[]>([]);
  const [run, setRun] = useState<Run | null>(null);
  const [formulas, setFormulas] = useState<FormulaSheet | null>(null);
  const [docsError, setDocsError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  useEffect(() => {
    engine.documents().then(setDocs, (err) => setDocsError(errorText(err, locale)));
  }, [engine]);

  useEffect(() => {
    if (!model) return;
    let current = true;
    engine.formulas(locale, { asOfToday }).then(
      (f) => current && setFormulas(f),
      () => current && setFormulas(null),
    );
    return () => {
      current = false;
    };
  }, [engine, model, locale, asOfToday]);

  const write = async (id: string, build: () => Promise<SheetSpec[] | BuildResult>) => {
    setRun({ id, phase: "build", done: 0, total: 0 });
    try {
      const made = await build();
      const { specs, ...built } = Array.isArray(made) ? { specs: made } : made;
      const info = Array.isArray(made) ? undefined : (built as Run["built"]);
      setRun({ id, phase: "write", done: 0, total: specs.length, built: info });
      const written = await port.writeSheets(specs, (p) =>
        setRun({ id, phase: "write", done: p.done, total: p.total, sheet: p.sheet, built: info }),
      );
      setRun({
        id,
        phase: "done",
        done: written.length,
        total: written.length,
        written,
        built: info,
      });
      onWritten();
    } catch (err) {
      setRun({
        id,
        phase: "error",
        done: 0,
        total: 0,
        error: errorText(err, locale),
      });
    }
  };
  const busy = run !== null && (run.phase === "build" || run.phase === "write");

  /**
   * The workbook's own template sheets (either language; the user's edited copy wins over the
   * built-in one) and its company profile sheet, read just before a build.
   */
  const workbookOptions = async (): Promise<BuildOptions> => {
    const names = new Map((await port.sheets()).map((x) => [x.name.toLowerCase(), x.name]));
    const templates: BuildOptions["templates"] = {};
    for (const byKind of [TEMPLATE_SHEETS["en-US"], TEMPLATE_SHEETS["zh-CN"]]) {
      for (const [kind, name] of Object.entries(byKind) as [TemplateKind, string][]) {
        const actual = names.get(name.toLowerCase());
        if (actual && byKind === TEMPLATE_SHEETS[locale])
          templates[kind] = await port.readSheet(actual);
        else if (actual && !templates[kind]) templates[kind] = await port.readSheet(actual);
      }
    }
    const profileName = [PROFILE_SHEETS[locale], PROFILE_SHEETS["zh-CN"], PROFILE_SHEETS["en-US"]]
      .map((n) => names.get(n.toLowerCase()))
      .find((n) => n !== undefined);
    const profile = profileName ? profileFromGrid((await port.readValues(profileName)).rows) : {};
    return { templates, profile };
  };

  /**
   * The audit register as it stands (issue 8): every document generated here is appended to it.
   * Its rows come back from the engine with the new ones under them and the port writes the
   * sheet again: no row is ever dropped. (A register sheet the user made, not ar-desk, is not
   * overwritten: the port writes the continued register under a fresh name beside it.)
   */
  const registerInput = async (): Promise<RegisterInput | undefined> => {
    if (!model) return undefined;
    const found = registerSheetOf(await port.sheets());
    const rows = found ? (await port.readValues(found.name)).rows : null;
    return {
      meta: {
        asOf: model.asOf,
        generatedAt: new Date().toISOString().replace("T", " ").slice(0, 19) + "Z",
        by: userName,
      },
      sheet: found?.name ?? null,
      rows,
    };
  };

  const buildDocument = async (d: DocumentInfo): Promise<BuildResult> => {
    const options = await workbookOptions();
    const scheduleSheet = d.needsSchedule && loadSchedule ? await loadSchedule() : null;
    return engine.build(d.id, locale, {
      ...options,
      schedule: scheduleSheet,
      register: await registerInput(),
    });
  };

  /** Installs the built-in templates and the profile sheet; sheets already there are kept. */
  const installTemplates = () =>
    write("templates", async () => {
      const present = new Set((await port.sheets()).map((x) => x.name.toLowerCase()));
      const specs = [
        profileSheetSpec(locale),
        ...(Object.keys(TEMPLATE_SHEETS[locale]) as TemplateKind[]).map((k) =>
          builtinTemplate(k, locale),
        ),
      ];
      return specs.filter((x) => !present.has(x.name.toLowerCase()));
    });

  const status = (id: string, name: string) => {
    if (run?.id !== id) return null;
    switch (run.phase) {
      case "build":
        return <ProgressBar aria-label={fill(t.generating, { name })} />;
      case "write":
        return (
          <>
            <ProgressBar value={run.total ? run.done / run.total : 0} aria-label={t.writing} />
            <Caption1 className={styles.muted}>
              {fill(t.writing, { done: run.done, total: run.total, sheet: run.sheet ?? "" })}
            </Caption1>
          </>
        );
      case "error":
        return (
          <MessageBar intent="error">
            <MessageBarBody>{run.error}</MessageBarBody>
          </MessageBar>
        );
      case "done":
        return (
          <div role="status" data-testid={`written-${id}`}>
            {run.built?.profileMissing?.length ? (
              <MessageBar intent="warning" data-testid={`profile-missing-${id}`}>
                <MessageBarBody>
                  {fill(t.profileMissing, {
                    fields: run.built.profileMissing.join(t.listSeparator),
                    sheet: PROFILE_SHEETS[locale],
                  })}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {run.built?.schedule && (
              <Caption1 as="p" data-testid={`schedule-${id}`}>
                {fill(c.scheduleRead, {
                  sheet: run.built.schedule.sheet ?? "-",
                  ...run.built.schedule.rows,
                  letters: run.built.schedule.letters,
                  refused: run.built.schedule.refused,
                })}
              </Caption1>
            )}
            {run.built?.schedule?.problems.length ? (
              <ul className={styles.written} data-testid={`schedule-problems-${id}`}>
                {run.built.schedule.problems.map((p) => (
                  <li key={p}>
                    <Caption1>{p}</Caption1>
                  </li>
                ))}
              </ul>
            ) : null}
            <Text size={200} weight="semibold">
              {t.wroteTitle}
            </Text>
            <ul className={styles.written}>
              {(run.written ?? []).map((w) => (
                <li key={w.name} data-sheet={w.name}>
                  <Caption1>
                    {fill(t.wroteSheet, { name: w.name, rows: w.rows })} ·{" "}
                    {w.replaced
                      ? t.wroteReplaced
                      : w.name !== w.wanted
                        ? fill(t.wroteRenamed, { name: w.name, wanted: w.wanted })
                        : t.wroteNew}
                    {w.printError && (
                      <span data-testid="print-error">
                        {" · "}
                        {fill(t.wrotePrintFailed, { message: w.printError })}
                      </span>
                    )}
                  </Caption1>
                </li>
              ))}
            </ul>
            {run.built && run.built.registered > 0 && (
              <Caption1 data-testid={`registered-${id}`}>
                {fill(c.registered, { rows: run.built.registered })}
              </Caption1>
            )}
          </div>
        );
    }
  };

  return (
    <div className={styles.root}>
      <Subtitle2 className={shared.heading} as="h2">
        {t.generateTitle}
      </Subtitle2>
      {!model && <Caption1>{t.needData}</Caption1>}
      {docsError && (
        <MessageBar intent="error">
          <MessageBarBody>{fill(t.documentsFailed, { message: docsError })}</MessageBarBody>
        </MessageBar>
      )}
      {docs.map((d) => (
        <section key={d.id} className={styles.doc} aria-label={d.label[locale]}>
          <div className={styles.line}>
            <Text weight="semibold">{d.label[locale]}</Text>
            <Button
              appearance="primary"
              size="small"
              disabled={!model || busy || (d.needsSchedule && !schedule)}
              onClick={() => void write(d.id, () => buildDocument(d))}
              data-testid={`generate-${d.id}`}
            >
              {t.generate}
            </Button>
          </div>
          <Caption1 className={styles.muted}>{d.description[locale]}</Caption1>
          {d.needsSchedule && (
            <div className={styles.line}>
              <Caption1 data-testid="schedule-sheet">
                {schedule ? fill(c.scheduleFound, { sheet: schedule }) : c.scheduleNone}
              </Caption1>
              {!schedule && onCreateSchedule && (
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() =>
                    void onCreateSchedule().then(
                      (name) =>
                        setCreated(name ? fill(t.sheetCreated, { sheet: name }) : t.sheetExists),
                      (err) => setCreated(errorText(err, locale)),
                    )
                  }
                  data-testid="create-schedule"
                >
                  {c.scheduleCreate}
                </Button>
              )}
            </div>
          )}
          {d.needsSchedule && created && (
            <Caption1 role="status" data-testid="schedule-created">
              {created}
            </Caption1>
          )}
          {status(d.id, d.label[locale])}
        </section>
      ))}

      <section className={styles.doc} aria-label={t.templatesTitle}>
        <div className={styles.line}>
          <Text weight="semibold">{t.templatesTitle}</Text>
          <Button
            size="small"
            disabled={busy}
            onClick={() => void installTemplates()}
            data-testid="install-templates"
          >
            {t.templatesInstall}
          </Button>
        </div>
        <Caption1 className={styles.muted}>{t.templatesHint}</Caption1>
        {status("templates", t.templatesTitle)}
      </section>

      <section className={styles.doc} aria-labelledby="formulas-title">
        <div className={styles.line}>
          <Subtitle2 className={shared.heading} as="h2" id="formulas-title">
            {t.formulasTitle}
          </Subtitle2>
          <Button
            appearance="primary"
            size="small"
            disabled={!formulas || busy}
            onClick={() => formulas && void write("formulas", async () => [formulas.spec])}
            data-testid="insert-formulas"
          >
            {t.insertFormulas}
          </Button>
        </div>
        <Caption1 className={styles.muted}>{t.formulasIntro}</Caption1>
        <Caption1 className={styles.muted}>
          {fill(t.formulasAsOf, { cell: AS_OF_CELL.replace(/\$/g, "") })}
        </Caption1>
        {status("formulas", t.formulasTitle)}
        {formulas && (
          <>
            <Text size={200} weight="semibold">
              {t.formulasPreview} ({formulas.spec.name}, {formulas.firstRow}–{formulas.lastRow})
            </Text>
            <ul className={styles.formulas} data-testid="formulas-preview">
              {formulas.columns
                .filter((c) => c.formula)
                .map((c) => (
                  <li key={c.column}>
                    <Caption1>
                      {c.column}
                      {formulas.firstRow} · {c.title}
                    </Caption1>
                    <code className={styles.code}>{c.formula}</code>
                  </li>
                ))}
            </ul>
            {formulas.notes.map((n) => (
              <Caption1 key={n} className={styles.muted}>
                {fill(t.formulasSkipped, { what: t[n] })}
              </Caption1>
            ))}
          </>
        )}
      </section>
    </div>
  );
}
