// Bootstraps the task pane. The real pane (column mapping, problems, dashboard, documents) comes
// in later issues; this shell only proves the page, Office.js and Fluent UI load together.
import {
  FluentProvider,
  Text,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
  },
});

function Shell() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title3 as="h1">ar-desk · 应收账款</Title3>
      <Text>任务窗格正在建设中。 / This task pane is under construction.</Text>
    </main>
  );
}

Office.onReady(() => {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Shell />
    </FluentProvider>,
  );
});
