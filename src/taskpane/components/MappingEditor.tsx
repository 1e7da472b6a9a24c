/**
 * The column mapping of one sheet: which row holds the header, and what each column means. Each
 * column shows its header text, an example value and a dropdown of the fields of the sheet's
 * kind; changing one makes the mapping the user's own (saved, and used instead of detection).
 */
import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  Option,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useId } from "react";
import { isoFromSerial, isSerial } from "../../core/dates";
import type { Locale } from "../../core/messages";
import type { SheetKind } from "../../sheet/fields";
import { columnLetters, isCellError, type CellValue } from "../../sheet/grid";
import { fieldsOf, mapColumns, missingRequired } from "../../sheet/headers";
import type { Source } from "../settings";
import { fieldLabel, fill, strings } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  top: {
    display: "flex",
    alignItems: "flex-end",
    columnGap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
  },
  headerRow: { width: "96px" },
  table: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    paddingBottom: tokens.spacingVerticalXS,
  },
  td: {
    verticalAlign: "top",
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: {
    display: "block",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  letter: { color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXS },
  example: {
    display: "block",
    color: tokens.colorNeutralForeground3,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  dropdown: { minWidth: "0", width: "100%" },
  missing: { color: tokens.colorPaletteRedForeground1 },
  custom: { color: tokens.colorBrandForeground1 },
});

const DATE_FIELDS = new Set([
  "invoiceDate",
  "dueDate",
  "settledDate",
  "promiseDate",
  "paymentDate",
  "lastReview",
]);
/** Rows below the header looked at for example values. */
const EXAMPLE_ROWS = 30;

function shown(v: CellValue | undefined, field: string | null): string {
  if (v === null || v === undefined) return "";
  if (isCellError(v)) return v.error;
  if (typeof v === "number" && field && DATE_FIELDS.has(field) && isSerial(Math.floor(v)))
    return isoFromSerial(Math.floor(v));
  return String(v);
}

export interface MappingEditorProps {
  locale: Locale;
  kind: SheetKind;
  rows: CellValue[][];
  source: Source;
  onChange(source: Source): void;
  onReset(): void;
}

export function MappingEditor({
  locale,
  kind,
  rows,
  source,
  onChange,
  onReset,
}: MappingEditorProps) {
  const styles = useStyles();
  const t = strings(locale);
  const id = useId();
  const headerCells = rows[source.headerRow - 1] ?? [];
  let width = headerCells.length;
  for (let r = source.headerRow; r < Math.min(rows.length, source.headerRow + 5); r++)
    width = Math.max(width, rows[r]?.length ?? 0);
  const fieldOf = new Map<number, string>();
  for (const [field, c] of Object.entries(source.columns)) {
    // A column serving two fields (a customer list's name as its code) shows the first.
    if (!fieldOf.has(c)) fieldOf.set(c, field);
  }
  const fields = fieldsOf(kind);
  const missing = missingRequired(kind, source.columns);

  const choose = (column: number, field: string | null) => {
    const columns: Record<string, number> = {};
    for (const [f, c] of Object.entries(source.columns)) {
      if (c !== column && f !== field) columns[f] = c;
    }
    if (field) columns[field] = column;
    onChange({ ...source, columns, custom: true });
  };

  const example = (c: number): string => {
    for (
      let r = source.headerRow;
      r < Math.min(rows.length, source.headerRow + EXAMPLE_ROWS);
      r++
    ) {
      const text = shown(rows[r]?.[c], fieldOf.get(c) ?? null);
      if (text) return text;
    }
    return "";
  };

  return (
    <section className={styles.root} aria-label={fill(t.mappingFor, { sheet: source.sheet })}>
      <div className={styles.top}>
        <Field label={t.headerRow} className={styles.headerRow}>
          <Input
            type="number"
            size="small"
            min={1}
            style={{ minWidth: 0, width: "100%" }}
            value={String(source.headerRow)}
            onChange={(_, d) => {
              const n = Number(d.value);
              if (!Number.isInteger(n) || n < 1 || n > rows.length) return;
              // The fields that row names, when it names any; else the columns stay as they were.
              const named = mapColumns(kind, rows[n - 1] ?? [], n).columns as Record<
                string,
                number
              >;
              const columns = Object.keys(named).length > 0 ? { ...named } : source.columns;
              onChange({ ...source, headerRow: n, columns, custom: true });
            }}
          />
        </Field>
        <Caption1 className={source.custom ? styles.custom : undefined}>
          {source.custom ? t.mappingCustom : t.mappingDetected}
        </Caption1>
        {source.custom && (
          <Button size="small" appearance="subtle" onClick={onReset}>
            {t.resetMapping}
          </Button>
        )}
      </div>
      {missing.length > 0 && (
        <Caption1 className={styles.missing} role="alert">
          {fill(t.missingFields, {
            fields: missing.map((f) => fieldLabel(locale, kind, f)).join(t.listSeparator),
          })}
        </Caption1>
      )}
      <table className={styles.table}>
        <thead>
          <tr>
            <th className={styles.th} id={`${id}-col`} style={{ width: "45%" }}>
              {t.columnHeading}
            </th>
            <th className={styles.th} id={`${id}-as`}>
              {t.recognisedAs}
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: width }, (_, c) => {
            const header = shown(headerCells[c], null);
            const field = fieldOf.get(c) ?? "";
            const ex = example(c);
            const letter = columnLetters(c);
            return (
              <tr key={c} data-column={c}>
                <td className={styles.td}>
                  <span className={styles.header} title={header}>
                    <span className={styles.letter}>{letter}</span>
                    {header || "—"}
                  </span>
                  {ex && (
                    <Caption1 className={styles.example} title={ex}>
                      {t.example} {ex}
                    </Caption1>
                  )}
                </td>
                <td className={styles.td}>
                  <Dropdown
                    className={styles.dropdown}
                    size="small"
                    aria-label={fill(t.fieldFor, {
                      column: letter,
                      header: header || "—",
                      sheet: source.sheet,
                    })}
                    value={field ? fieldLabel(locale, kind, field) : t.notUsed}
                    selectedOptions={[field]}
                    onOptionSelect={(_, d) => choose(c, d.optionValue ? d.optionValue : null)}
                    data-testid={`map-${kind}-${c}`}
                  >
                    <Option value="">{t.notUsed}</Option>
                    {fields.map((f) => (
                      <Option key={f} value={f}>
                        {fieldLabel(locale, kind, f)}
                      </Option>
                    ))}
                  </Dropdown>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
