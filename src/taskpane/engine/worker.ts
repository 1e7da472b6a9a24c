/**
 * The engine's Web Worker: import and analysis of a whole sheet run here, off the pane's thread,
 * so Excel and the pane stay responsive (a 100,000-row sheet takes a few hundred milliseconds).
 * Built as its own webpack entry (engine.worker.js), see webpack.config.js.
 */
import type { SheetSpec } from "../../sheet/spec";
import { LocalEngine } from "./engine";
import type { Request, Response } from "./messages";
import type { SheetStream } from "./protocol";

/** Rows of a built sheet per message back to the pane. */
const SPEC_SLICE = 2000;

interface WorkerScope {
  postMessage(message: Response): void;
  onmessage: ((event: MessageEvent<Request>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const engine = new LocalEngine();
/** Sheets on their way in: each chunk goes into the engine's store for the sheet as it comes. */
const pending = new Map<string, { stream: SheetStream; rows: number }>();

scope.onmessage = (event) => {
  const msg = event.data;
  try {
    handle(msg);
  } catch (err) {
    scope.postMessage({
      id: msg.id,
      type: "error",
      message: err instanceof Error ? err.message : String(err),
    });
  }
};

function handle(msg: Request): void {
  switch (msg.op) {
    case "begin":
      pending.set(msg.sheet, { stream: engine.openSheet(msg.sheet), rows: 0 });
      return;
    case "rows": {
      const open = pending.get(msg.sheet);
      if (!open) throw new Error(`rows for "${msg.sheet}" before begin`);
      void open.stream.push(msg.rows);
      open.rows += msg.rows.length;
      return;
    }
    case "end": {
      const open = pending.get(msg.sheet) ?? { stream: engine.openSheet(msg.sheet), rows: 0 };
      pending.delete(msg.sheet);
      if (msg.rows !== undefined && open.rows !== msg.rows)
        throw new Error(`"${msg.sheet}": ${open.rows} of ${msg.rows} rows arrived`);
      void open.stream.end(open.rows);
      return done(msg.id, open.rows);
    }
    case "analyze":
      return done(msg.id, engine.analyzeNow(msg.req));
    case "customer":
      void engine.customer(msg.customer).then((r) => done(msg.id, r), fail(msg.id));
      return;
    case "documents":
      void engine.documents().then((r) => done(msg.id, r), fail(msg.id));
      return;
    case "build":
      void engine
        .build(msg.doc, msg.locale, msg.options)
        .then(({ specs, ...rest }) => sendSpecs(msg.id, specs, rest, "specs"), fail(msg.id));
      return;
    case "formulas":
      void engine
        .formulas(msg.locale, msg.options)
        .then(({ spec, ...rest }) => sendSpecs(msg.id, [spec], rest, "spec"), fail(msg.id));
      return;
    case "customers":
      void engine.customers().then((r) => done(msg.id, r), fail(msg.id));
      return;
    case "checkOrder":
      void engine.checkOrder(msg.order).then((r) => done(msg.id, r), fail(msg.id));
      return;
    case "blankSheet":
      void engine.blankSheet(msg.kind, msg.locale).then((r) => done(msg.id, r), fail(msg.id));
      return;
    case "detectCredit":
      void engine.detectCredit(msg.heads).then((r) => done(msg.id, r), fail(msg.id));
      return;
    case "reminders":
      void engine.reminders(msg.req).then((r) => done(msg.id, r), fail(msg.id));
      return;
  }
}

function done(id: number, result: unknown, specsAs?: "spec" | "specs"): void {
  scope.postMessage({ id, type: "done", result, specsAs });
}

function fail(id: number): (err: unknown) => void {
  return (err) =>
    scope.postMessage({
      id,
      type: "error",
      message: err instanceof Error ? err.message : String(err),
    });
}

/**
 * Sheets in slices, then `done` with `result`: the pane puts the sheets back in it, as `spec`
 * (the first) or `specs` (all).
 */
function sendSpecs(id: number, specs: SheetSpec[], result: object, as: "spec" | "specs"): void {
  for (const { rows, ...rest } of specs) {
    scope.postMessage({ id, type: "spec", spec: rest });
    for (let r = 0; r < rows.length; r += SPEC_SLICE) {
      scope.postMessage({ id, type: "specRows", rows: rows.slice(r, r + SPEC_SLICE) });
    }
  }
  done(id, result, as);
}
