/**
 * Generate: one button per document kind (documents.ts, one list), with progress while the
 * engine builds and the port writes, and a summary of what was written where; then the live
 * formulas sheet (formulas.ts), its formulas shown before anything is written.
 */
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
import type { BuildOptions, DashboardModel, DocumentInfo, Engine } from "../engine/protocol";
import { AS_OF_CELL, type FormulaSheet } from "../formulas";
import { useSharedStyles } from "./styles";
import { fill, strings } from "../strings";

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
}

export function GeneratePanel({
  locale,
  engine,
  port,
  model,
  asOfToday,
  onWritten,
}: GeneratePanelProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const [docs, setDocs] = useState<DocumentInfo[]>([]);
  const [run, setRun] = useState<Run | null>(null);
  const [formulas, setFormulas] = useState<FormulaSheet | null>(null);
  const [docsError, setDocsError] = useState<string | null>(null);

  useEffect(() => {
    engine.documents().then(setDocs, (err) => setDocsError(String(err?.message ?? err)));
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

  const write = async (id: string, build: () => Promise<SheetSpec[]>) => {
    setRun({ id, phase: "build", done: 0, total: 0 });
    try {
      const specs = await build();
      setRun({ id, phase: "write", done: 0, total: specs.length });
      const written = await port.writeSheets(specs, (p) =>
        setRun({ id, phase: "write", done: p.done, total: p.total, sheet: p.sheet }),
      );
      setRun({ id, phase: "done", done: written.length, total: written.length, written });
      onWritten();
    } catch (err) {
      setRun({
        id,
        phase: "error",
        done: 0,
        total: 0,
        error: err instanceof Error ? err.message : String(err),
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
                  </Caption1>
                </li>
              ))}
            </ul>
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
              disabled={!model || busy}
              onClick={() =>
                void write(d.id, async () => engine.build(d.id, locale, await workbookOptions()))
              }
              data-testid={`generate-${d.id}`}
            >
              {t.generate}
            </Button>
          </div>
          <Caption1 className={styles.muted}>{d.description[locale]}</Caption1>
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
