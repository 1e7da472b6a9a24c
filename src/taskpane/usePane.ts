/**
 * The pane's state and what it does with the workbook and the engine: read the sheets, pick and
 * map the receivables (and optional payments and customers) sheets, keep the settings in the
 * workbook, and recompute the dashboard when anything it depends on changes (debounced; the work
 * itself runs in the engine's worker). Components get the result and callbacks as props.
 */
import type { OptionalFeature } from "../excel/requirements";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { serialFromIso, type Serial } from "../core/dates";
import type { Locale } from "../core/messages";
import { Policy, type PolicyInput } from "../core/policy";
import type { SheetKind } from "../sheet/fields";
import type { CellValue } from "../sheet/grid";
import { detectHeader, type AnyColumnMap } from "../sheet/headers";
import type { SheetInfo, WorkbookPort } from "../sheet/workbook";
import { yieldToBrowser } from "./engine/yield";
import type {
  CreditSheetKind,
  CreditSheets,
  DashboardModel,
  Engine,
  SheetStream,
  SourceInput,
} from "./engine/protocol";
import { creditOrder, readsValues } from "./credit-sheets";
import { policyOf, readSettings, type PaneSettings, type Source } from "./settings";

export const KINDS: SheetKind[] = ["invoices", "payments", "customers"];

/** How the pane reaches its host (Excel or the preview). */
export interface PaneEnv {
  port: WorkbookPort;
  engine: Engine;
  /** Office's (or the browser's) language: the default when the settings name none. */
  displayLocale: Locale;
  /** Today, as a serial (an argument, so tests fix it). */
  today: Serial;
  /** Calls `handler` after edits to `sheet` (the host debounces); returns how to stop. */
  watch?: (sheet: string, handler: () => void) => () => void;
  /** True when the engine runs in the pane's thread (no worker): the pane says so. */
  engineInline?: boolean;
  /** Who generates documents, for the register (Office's user name; "preview" in the preview). */
  userName?: string | null;
  /** Features this Excel's API version lacks (src/excel/requirements.ts): the pane lists them. */
  unavailable?: readonly OptionalFeature[];
}

/** Rows of a sheet the credit-sheet detection looks at (headers are in the first ten). */
const HEAD_ROWS = 10;

export type Busy = "reading" | "analysing" | null;

/** How far the read of the workbook is: rows of `sheet` read so far, of `total`. */
export interface ReadProgress {
  sheet: string;
  done: number;
  total: number;
}

/**
 * Whether a sheet's chunks go to the engine as they are read: a source in the saved settings,
 * or (none saved) a sheet whose first rows have the header of one. Other sheets are loaded
 * only if the analysis asks for them.
 */
function wanted(sheet: string, head: CellValue[][], saved: PaneSettings | null): boolean {
  if (saved) return KINDS.some((k) => saved[k]?.sheet.toLowerCase() === sheet.toLowerCase());
  return detectHeader({ file: null, sheet, rows: head }) !== null;
}

/** Milliseconds of quiet before a change recomputes or saves. */
const RECOMPUTE_DELAY = 150;
const SAVE_DELAY = 400;

export function sourceFromMap(sheet: string, map: AnyColumnMap): Source {
  return {
    sheet,
    headerRow: map.headerRow,
    columns: { ...(map.columns as Record<string, number>) },
    custom: false,
  };
}

/** The likely sheet of each kind: the one whose header names the most fields of it. */
export function autoSources(
  sheets: SheetInfo[],
  detections: Map<string, AnyColumnMap | null>,
): Pick<PaneSettings, SheetKind> {
  const out: Pick<PaneSettings, SheetKind> = { invoices: null, payments: null, customers: null };
  for (const kind of KINDS) {
    let best: { sheet: string; map: AnyColumnMap } | null = null;
    for (const s of sheets) {
      if (s.generated) continue;
      const map = detections.get(s.name);
      if (map?.kind === kind && (!best || map.score > best.map.score))
        best = { sheet: s.name, map };
    }
    if (best) out[kind] = sourceFromMap(best.sheet, best.map);
  }
  return out;
}

/** The source of a kind on a sheet: detected for that kind, else an empty mapping to fill in. */
export function sourceFor(sheet: string, kind: SheetKind, rows: CellValue[][] | undefined): Source {
  const map = rows ? detectHeader({ file: null, sheet, rows }, kind) : null;
  return map ? sourceFromMap(sheet, map) : { sheet, headerRow: 1, columns: {}, custom: true };
}

export function usePane(env: PaneEnv) {
  const { port, engine } = env;
  const [settings, setSettings] = useState<PaneSettings | null>(null);
  const [sheets, setSheets] = useState<SheetInfo[]>([]);
  const [grids, setGrids] = useState<Map<string, CellValue[][]>>(new Map());
  const [model, setModel] = useState<DashboardModel | null>(null);
  const [busy, setBusy] = useState<Busy>("reading");
  const [error, setError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<"saving" | "saved" | null>(null);
  const [credit, setCredit] = useState<CreditSheets>({ log: null, schedule: null, policy: null });
  /** While the sheets are read: the sheet and its rows read so far, of how many. */
  const [progress, setProgress] = useState<ReadProgress | null>(null);
  /** The grid version the engine holds, per sheet. */
  const inEngine = useRef(new Map<string, CellValue[][]>());
  const run = useRef(0);
  const loadedSettings = useRef<PaneSettings | null>(null);

  const fail = useCallback((err: unknown) => {
    setError(err instanceof Error ? err.message : String(err));
    setBusy(null);
  }, []);

  const detections = useMemo(() => {
    const out = new Map<string, AnyColumnMap | null>();
    for (const [sheet, rows] of grids) out.set(sheet, detectHeader({ file: null, sheet, rows }));
    return out;
  }, [grids]);

  // Start: the sheets, their values and the saved settings.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [infos, raw] = await Promise.all([port.sheets(), port.loadSettings()]);
      const saved = raw === null ? null : readSettings(raw);
      const map = new Map<string, CellValue[][]>();
      for (const s of infos) {
        if (!readsValues(s)) continue;
        const rows = await readSheet(s.name, saved);
        if (cancelled) return;
        map.set(s.name, rows);
        await yieldToBrowser();
      }
      setProgress(null);
      if (cancelled) return;
      const found = new Map<string, AnyColumnMap | null>();
      for (const [sheet, rows] of map) found.set(sheet, detectHeader({ file: null, sheet, rows }));
      let next: PaneSettings;
      if (saved === null) {
        next = { ...readSettings({ version: 1 }), ...autoSources(infos, found) };
      } else {
        next = saved;
        // A sheet that is gone is a source no more.
        for (const kind of KINDS) if (next[kind] && !map.has(next[kind].sheet)) next[kind] = null;
      }
      // Settings read back are not written again; the first connection's choice is.
      loadedSettings.current = raw === null ? null : next;
      setSheets(infos);
      setGrids(map);
      setSettings(next);
      setBusy(null);
    })().catch(fail);
    return () => {
      cancelled = true;
    };

    /**
     * A sheet's values, read chunk by chunk where the port reads so: each chunk is counted (the
     * pane shows how far the read is) and, for a sheet that is or looks like a source, goes to
     * the engine at once, which stores it while the rest is read; the sheet is then in the
     * engine when the read ends. Where the chunks do not add up to the sheet read, it is loaded
     * whole later, as any other.
     */
    async function readSheet(sheet: string, saved: PaneSettings | null): Promise<CellValue[][]> {
      let stream: SheetStream | null | undefined;
      let pushed = 0;
      let failed: unknown = null;
      const grid = await port.readValues(sheet, (chunk) => {
        if (cancelled) return;
        setProgress({ sheet, done: chunk.done, total: chunk.total });
        if (stream === undefined)
          stream = wanted(sheet, chunk.rows, saved) ? openSheet(sheet) : null;
        if (!stream) return;
        pushed += chunk.rows.length;
        stream.push(chunk.rows).catch((err: unknown) => (failed ??= err));
      });
      if (stream && !failed && pushed === grid.rows.length) {
        try {
          await stream.end(pushed);
          inEngine.current.set(sheet, grid.rows);
        } catch {
          // Loaded whole when the analysis needs it.
        }
      }
      return grid.rows;
    }

    function openSheet(sheet: string): SheetStream | null {
      return engine.openSheet?.(sheet) ?? null;
    }
  }, [port, engine, fail]);

  const locale: Locale = settings?.locale ?? env.displayLocale;
  const asOf: Serial = (settings?.asOf ? serialFromIso(settings.asOf) : null) ?? env.today;
  const policy = useMemo(() => (settings ? policyOf(settings) : null), [settings]);

  // The collection log and payment schedule: found by their headers (sheets named like them
  // first) among the sheets read that are not a connected source.
  useEffect(() => {
    if (!settings) return;
    let current = true;
    const used = new Set(KINDS.map((k) => settings[k]?.sheet).filter(Boolean));
    const heads = creditOrder([...grids.keys()].filter((n) => !used.has(n))).map((sheet) => ({
      sheet,
      rows: (grids.get(sheet) ?? []).slice(0, HEAD_ROWS),
    }));
    engine.detectCredit(heads).then(
      (found) => {
        if (!current) return;
        setCredit((old) =>
          old.log === found.log &&
          old.schedule === found.schedule &&
          (old.policy ?? null) === (found.policy ?? null)
            ? old
            : found,
        );
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [engine, grids, settings]);

  const request = useMemo(() => {
    if (!settings?.invoices || !policy?.ok) return null;
    const sources: SourceInput[] = [];
    for (const kind of KINDS) {
      const s = settings[kind];
      if (!s) continue;
      // Always the mapping shown: a detected one imports exactly as detection would.
      sources.push({
        sheet: s.sheet,
        kind,
        mapping: { headerRow: s.headerRow, columns: s.columns },
      });
    }
    return {
      sources,
      asOf,
      policy: policy.policy,
      log: credit.log,
      schedule: credit.schedule,
      creditPolicy: credit.policy ?? null,
    };
  }, [settings, policy, asOf, credit.log, credit.schedule, credit.policy]);

  // Recompute when the request or a source sheet's values change.
  useEffect(() => {
    if (!request) {
      // An invalid policy keeps the last dashboard (Settings says what is wrong).
      if (!settings?.invoices) setModel(null);
      return;
    }
    const id = ++run.current;
    const timer = setTimeout(() => {
      (async () => {
        setBusy("analysing");
        const names = request.sources.map((s) => s.sheet);
        // The credit sheets connected are loaded like sources (once per version of their rows).
        for (const extra of [request.log, request.schedule, request.creditPolicy])
          if (extra && !names.includes(extra)) names.push(extra);
        for (const sheet of names) {
          const rows = grids.get(sheet);
          if (!rows) throw new Error(`no sheet named "${sheet}"`);
          if (inEngine.current.get(sheet) !== rows) {
            await engine.load(sheet, rows);
            inEngine.current.set(sheet, rows);
          }
          if (id !== run.current) return;
        }
        const next = await engine.analyze(request);
        if (id !== run.current) return;
        setModel(next);
        setError(null);
        setBusy(null);
      })().catch((err) => {
        if (id === run.current) fail(err);
      });
    }, RECOMPUTE_DELAY);
    return () => clearTimeout(timer);
  }, [request, grids, engine, fail, settings?.invoices]);

  // Save the settings in the workbook after each change (not the ones just loaded).
  useEffect(() => {
    if (!settings || settings === loadedSettings.current) return;
    setSaveState("saving");
    const timer = setTimeout(() => {
      port
        .saveSettings(settings)
        .then(() => setSaveState("saved"))
        .catch(fail);
    }, SAVE_DELAY);
    return () => clearTimeout(timer);
  }, [settings, port, fail]);

  /** Reads a sheet again (after an edit); a detected mapping follows the new header. */
  const refreshSheet = useCallback(
    async (sheet: string) => {
      const rows = (await port.readValues(sheet)).rows;
      setGrids((old) => new Map(old).set(sheet, rows));
      setSettings((old) => {
        if (!old) return old;
        let next = old;
        for (const kind of KINDS) {
          const s = old[kind];
          if (s?.sheet !== sheet || s.custom) continue;
          next = { ...next, [kind]: sourceFor(sheet, kind, rows) };
        }
        return next;
      });
    },
    [port],
  );

  // Follow edits to the connected sheets.
  const watched = useMemo(
    () =>
      [
        ...KINDS.map((k) => settings?.[k]?.sheet),
        credit.log,
        credit.schedule,
        credit.policy,
      ].filter((s, k, all): s is string => !!s && all.indexOf(s) === k),
    [settings, credit.log, credit.schedule, credit.policy],
  );
  const watchKey = watched.join("\u0000");
  useEffect(() => {
    if (!env.watch) return;
    const stops = watchKey
      .split("\u0000")
      .filter(Boolean)
      .map((sheet) => env.watch!(sheet, () => void refreshSheet(sheet).catch(fail)));
    return () => stops.forEach((stop) => stop());
  }, [env.watch, watchKey, refreshSheet, fail]);

  const update = useCallback((change: (s: PaneSettings) => PaneSettings) => {
    setSettings((old) => (old ? change(old) : old));
  }, []);

  const setSource = useCallback(
    (kind: SheetKind, sheet: string | null) =>
      update((s) => ({ ...s, [kind]: sheet ? sourceFor(sheet, kind, grids.get(sheet)) : null })),
    [update, grids],
  );

  const setMapping = useCallback(
    (kind: SheetKind, source: Source) => update((s) => ({ ...s, [kind]: source })),
    [update],
  );

  const resetMapping = useCallback(
    (kind: SheetKind) =>
      update((s) => {
        const cur = s[kind];
        return cur ? { ...s, [kind]: sourceFor(cur.sheet, kind, grids.get(cur.sheet)) } : s;
      }),
    [update, grids],
  );

  /** A new policy, when core's schema accepts it (an invalid one is never kept nor saved). */
  const setPolicy = useCallback(
    (policy: PolicyInput) => {
      if (!Policy.safeParse(policy).success) return;
      update((s) => ({ ...s, policy: policy as Record<string, unknown> }));
    },
    [update],
  );
  const setAsOf = useCallback(
    (iso: string | null) => update((s) => ({ ...s, asOf: iso })),
    [update],
  );
  const setLocale = useCallback(
    (next: Locale | null) => update((s) => ({ ...s, locale: next })),
    [update],
  );
  /** "Looks right": the sheets and columns as they are; first use is over (saved). */
  const confirm = useCallback(() => update((s) => ({ ...s, confirmed: true })), [update]);

  /** The sheets again, after ar-desk wrote some. */
  const refreshSheets = useCallback(async () => setSheets(await port.sheets()), [port]);

  /** The payment schedule's rows as the engine should know them (loaded before a build). */
  const loadSchedule = useCallback(async (): Promise<string | null> => {
    const sheet = credit.schedule;
    const rows = sheet ? grids.get(sheet) : undefined;
    if (!sheet || !rows) return null;
    if (inEngine.current.get(sheet) !== rows) {
      await engine.load(sheet, rows);
      inEngine.current.set(sheet, rows);
    }
    return sheet;
  }, [credit.schedule, grids, engine]);

  /**
   * Creates the empty collection log or payment schedule sheet, or the credit policy table (the
   * default one, to edit). Only when none is there: the
   * sheet is the user's to fill from then on, and although the port marks what it writes as
   * generated (replaceable), ar-desk never writes it again — not when one was detected, and not
   * when any sheet already has its name (a filled log whose header was changed, say), since
   * writing a spec of that name would replace it. Returns the sheet's name, or null when nothing
   * was written.
   */
  const createCreditSheet = useCallback(
    async (kind: CreditSheetKind): Promise<string | null> => {
      if (credit[kind]) return null;
      const spec = await engine.blankSheet(kind, locale);
      const infos = await port.sheets();
      if (infos.some((x) => x.name.toLowerCase() === spec.name.toLowerCase())) return null;
      const [written] = await port.writeSheets([spec]);
      const rows = (await port.readValues(written.name)).rows;
      setSheets(await port.sheets());
      setGrids((old) => new Map(old).set(written.name, rows));
      return written.name;
    },
    [credit, engine, locale, port],
  );

  return {
    settings,
    sheets,
    grids,
    progress,
    detections,
    model,
    busy,
    error,
    saveState,
    locale,
    asOf,
    policy,
    setSource,
    setMapping,
    resetMapping,
    setPolicy,
    setAsOf,
    setLocale,
    confirm,
    refreshSheets,
    refreshSheet,
    credit,
    createCreditSheet,
    loadSchedule,
    dismissError: () => setError(null),
  };
}

export type Pane = ReturnType<typeof usePane>;
