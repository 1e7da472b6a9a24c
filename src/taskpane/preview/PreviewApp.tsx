/**
 * The browser preview: the task pane (the same <App> as in Excel) at a task pane's width, on an
 * in-memory workbook (the bundled sample, or a file the user opens or drops), beside a plain grid
 * of the workbook's sheets: the user's, and those the add-in wrote.
 */
import {
  Badge,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { serialFromIso, serialFromLocalDate } from "../../core/dates";
import { App } from "../components/App";
import { startEngine } from "../engine/client";
import type { Engine } from "../engine/protocol";
import { yieldToBrowser } from "../engine/yield";
import { localeOf, strings } from "../strings";
import { GridView } from "./GridView";
import { loadBook } from "./load";
import { PreviewWorkbook } from "./preview-workbook";

const PANE_WIDTH = 350;

const useStyles = makeStyles({
  page: {
    display: "flex",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground3,
    "@media (max-width: 760px)": { flexDirection: "column", height: "auto" },
  },
  pane: {
    width: `${PANE_WIDTH}px`,
    flexShrink: 0,
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxShadow: tokens.shadow4,
    "@media (max-width: 760px)": { width: "100%", height: "70vh" },
  },
  sheet: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    minWidth: 0,
    minHeight: "300px",
    // Stacked under the pane, the page grows with its content: a fixed height keeps the grid a
    // scroller of its own (a 100,000-row sheet would otherwise make a 2-million-pixel page).
    "@media (max-width: 760px)": { height: "80vh" },
  },
  bar: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  grow: { flexGrow: 1 },
  tabs: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowX: "auto",
    flexShrink: 0,
  },
  drop: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: "-6px" },
  hidden: { display: "none" },
});

export interface PreviewProps {
  engineUrl: URL;
  readerUrl: URL;
  sampleUrl: URL;
}

interface Loaded {
  name: string;
  workbook: PreviewWorkbook;
  engine: Engine;
  inline: boolean;
}

const params = new URLSearchParams(location.search);
const LOCALE = localeOf(params.get("lang") ?? navigator.language);
const TODAY = serialFromIso(params.get("today") ?? "") ?? serialFromLocalDate(new Date());

export function PreviewApp({ engineUrl, readerUrl, sampleUrl }: PreviewProps) {
  const styles = useStyles();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState<string | null>("sample.xlsx");
  const [error, setError] = useState<string | null>(null);
  const [paneKey, setPaneKey] = useState(0);
  const [shown, setShown] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // The page around the pane speaks the language the preview was opened in.
  const t = strings(LOCALE);

  const open = useCallback(
    async (bytes: ArrayBuffer, name: string) => {
      setLoading(name);
      setError(null);
      // The engine's worker starts while the file is parsed.
      const engineReady = startEngine(engineUrl);
      let workbook: PreviewWorkbook | null = null;
      let shown: Promise<void> = Promise.resolve();
      try {
        await loadBook(bytes, name, readerUrl, {
          // Once the sheets are known the pane opens on them, and reads their rows as they come.
          book: (sheets) => {
            const wb = PreviewWorkbook.arriving(sheets);
            workbook = wb;
            shown = show(name, wb, sheets[0]?.name ?? null);
          },
          rows: (sheet, rows) => workbook?.addRows(sheet, rows),
        });
        (workbook as PreviewWorkbook | null)?.finish();
        await shown;
      } catch (err) {
        if (!workbook)
          void engineReady.then(
            ({ engine }) => engine.dispose(),
            () => undefined,
          );
        (workbook as PreviewWorkbook | null)?.finish(
          err instanceof Error ? err : new Error(String(err)),
        );
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setLoading(null);
      }

      async function show(name: string, workbook: PreviewWorkbook, first: string | null) {
        const { engine, inline } = await engineReady;
        // The old workbook's pane and grid go first, the new ones come in the next task: two
        // smaller updates rather than one long one.
        setLoaded((old) => {
          old?.engine.dispose();
          return null;
        });
        await yieldToBrowser();
        setLoaded({ name, workbook, engine, inline });
        setShown(first);
        setPaneKey((k) => k + 1);
      }
    },
    [engineUrl, readerUrl],
  );

  useEffect(() => {
    fetch(sampleUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`${sampleUrl.pathname}: HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((bytes) => open(bytes, "sample.xlsx"))
      .catch((err) => {
        setError(String(err));
        setLoading(null);
      });
  }, [sampleUrl, open]);

  // Follow the workbook: show what the add-in wrote, and the sheet of the cell it selected.
  useEffect(() => {
    if (!loaded) return;
    return loaded.workbook.listen((e) => {
      if (e.type === "written") setShown(e.sheets[0]?.name ?? null);
      else if (e.type === "selected" && loaded.workbook.selection)
        setShown(loaded.workbook.selection.sheet);
      setVersion((v) => v + 1);
    });
  }, [loaded]);

  const openFile = (file: File | undefined) => {
    if (file) void file.arrayBuffer().then((bytes) => open(bytes, file.name));
  };

  const wb = loaded?.workbook;
  const infos = useSheetInfos(wb);
  const current = shown && wb?.sheet(shown) ? shown : (infos[0]?.name ?? null);
  const spec = current ? wb?.sheet(current) : undefined;
  // A user's sheet holds the values as read; a generated one the cells as written (formulas
  // and formats included): the grid shows either as is.
  const rows = spec?.rows ?? [];
  const selection =
    wb?.selection && current && wb.selection.sheet.toLowerCase() === current.toLowerCase()
      ? { row: wb.selection.row, column: wb.selection.column }
      : null;

  // The pane renders on its own changes, not on each chunk of rows the grid shows.
  const pane = useMemo(
    () =>
      loaded ? (
        <App
          key={paneKey}
          port={loaded.workbook}
          engine={loaded.engine}
          engineInline={loaded.inline}
          displayLocale={LOCALE}
          today={TODAY}
          userName="preview"
        />
      ) : (
        <Spinner label={t.previewOpening} />
      ),
    [loaded, paneKey, t],
  );

  return (
    <div
      className={`${styles.page} ${dragging ? styles.drop : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        openFile(e.dataTransfer.files[0]);
      }}
    >
      <aside className={styles.pane} aria-label={t.previewPane} data-testid="pane">
        {pane}
      </aside>
      <section className={styles.sheet} aria-label={t.previewWorkbook}>
        <div className={styles.bar}>
          <Text weight="semibold" data-testid="book-name">
            {loaded?.name ?? "…"}
          </Text>
          {loading && <Spinner size="tiny" label={loading} labelPosition="after" />}
          <Caption1 className={styles.grow}>{t.previewHint}</Caption1>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,.xlsm,.csv,.txt,.tsv"
            className={styles.hidden}
            data-testid="file-input"
            onChange={(e) => openFile(e.target.files?.[0])}
          />
          <Button size="small" onClick={() => fileInput.current?.click()}>
            {t.previewOpenFile}
          </Button>
          <Button
            size="small"
            disabled={!loaded}
            onClick={() => setPaneKey((k) => k + 1)}
            data-testid="reopen"
          >
            {t.previewReopen}
          </Button>
        </div>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {current && (
          <GridView name={current} rows={rows} widths={spec?.widths} selection={selection} />
        )}
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={current ?? ""}
          onTabSelect={(_, d) => setShown(String(d.value))}
          aria-label={t.previewSheets}
          data-testid="sheet-tabs"
        >
          {infos.map((s) => (
            <Tab key={s.name} value={s.name}>
              {s.name}{" "}
              {s.generated && (
                <Badge size="small" appearance="tint" color="success">
                  ar-desk
                </Badge>
              )}
            </Tab>
          ))}
        </TabList>
      </section>
    </div>
  );
}

/** The sheets of the workbook, read again whenever the component renders after a change. */
function useSheetInfos(wb: PreviewWorkbook | undefined) {
  const [infos, setInfos] = useState<Awaited<ReturnType<PreviewWorkbook["sheets"]>>>([]);
  useEffect(() => {
    if (!wb) return;
    const update = () => void wb.sheets().then(setInfos);
    update();
    // Rows arriving change no sheet's name nor kind.
    return wb.listen((e) => e.type !== "rows" && update());
  }, [wb]);
  return infos;
}
