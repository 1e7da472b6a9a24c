/** Styles the panels share: headings without the browser's margins, tables of figures. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useSharedStyles = makeStyles({
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  /** A table that fits a task pane: fixed layout, headers allowed to wrap. */
  figures: {
    width: "100%",
    borderCollapse: "collapse",
    tableLayout: "fixed",
    fontSize: tokens.fontSizeBase200,
  },
  th: {
    textAlign: "left",
    verticalAlign: "bottom",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalXXS,
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  td: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalXXS,
    verticalAlign: "top",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  /** Fluent's Input asks for 250 px; in a task pane it takes what it is given. */
  input: { minWidth: 0, width: "100%", boxSizing: "border-box" },
});
