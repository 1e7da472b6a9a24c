// The browser preview's entry (webpack.preview.js): the task pane on an in-memory workbook.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { PreviewApp } from "./PreviewApp";

const container = document.getElementById("root");
if (!container) throw new Error("preview.html has no #root element");
const here = (file: string) => new URL(file, document.baseURI);
createRoot(container).render(
  <FluentProvider theme={webLightTheme} style={{ height: "100%" }}>
    <PreviewApp
      engineUrl={here("engine.worker.js")}
      readerUrl={here("reader.worker.js")}
      sampleUrl={here("sample.xlsx")}
    />
  </FluentProvider>,
);
