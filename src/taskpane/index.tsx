// The task pane in Excel: once Office is ready, the pane gets the Office workbook (host.ts) and
// the engine worker, and renders. The same <App> runs in the browser preview (preview/index.tsx).
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { startEngine } from "./engine/client";
import { officeEnv } from "./host";

Office.onReady(async () => {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  const { engine, inline } = await startEngine(new URL("engine.worker.js", document.baseURI));
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App {...officeEnv()} engine={engine} engineInline={inline} />
    </FluentProvider>,
  );
});
