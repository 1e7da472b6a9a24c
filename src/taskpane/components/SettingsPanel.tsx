/**
 * Settings: as-of date, aging thresholds and basis, grace days, the reminder schedule, the
 * dunning ladder, interest and fees, and the language. Text fields are kept as typed and checked
 * field by field: a field that is not valid is marked with a message naming it, and nothing is
 * sent to the pane (so nothing is saved) until every field is valid — the last valid policy
 * stays in force meanwhile.
 */
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { isoFromSerial, type Serial } from "../../core/dates";
import type { Locale } from "../../core/messages";
import { DEFAULT_POLICY, Policy, type DunningStep, type PolicyInput } from "../../core/policy";
import type { PaneSettings } from "../settings";
import { useSharedStyles } from "./styles";
import { fill, strings } from "../strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  row: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "flex-end",
    flexWrap: "wrap",
  },
  grow: { flexGrow: 1, flexBasis: "120px", minWidth: 0 },
  small: { width: "96px" },
  ladder: { width: "100%", borderCollapse: "collapse", tableLayout: "fixed" },
  th: {
    textAlign: "left",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  td: {
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  // A small button is 64 px wide at least: the ✕ stuck out of its column by 4 px at 350 px.
  remove: { minWidth: 0, maxWidth: "100%" },
  fieldset: {
    border: "none",
    padding: 0,
    margin: 0,
    // A fieldset is as wide as its content by default: the ladder stuck out at 350 px.
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
});

export interface SettingsPanelProps {
  locale: Locale;
  settings: PaneSettings;
  today: Serial;
  policyError: string | null;
  saveState: "saving" | "saved" | null;
  onPolicy(policy: PolicyInput): void;
  onAsOf(iso: string | null): void;
  onLocale(locale: Locale): void;
}

/** The form's fields as typed. */
interface Form {
  thresholds: string;
  basis: "due" | "invoice";
  graceDays: string;
  reminderDaysBefore: string;
  confirmDaysBefore: string;
  ladder: { level: string; from: "due" | "actBy"; days: string }[];
  interest: string;
  fees: string;
}

function formOf(input: Record<string, unknown>): Form {
  const p = { ...DEFAULT_POLICY, ...(input as Partial<typeof DEFAULT_POLICY>) };
  return {
    thresholds: (p.thresholds ?? []).join(", "),
    basis: p.basis,
    graceDays: String(p.graceDays),
    reminderDaysBefore: String(p.reminderDaysBefore),
    confirmDaysBefore: String(p.confirmDaysBefore),
    ladder: p.ladder.map((s: DunningStep) => ({
      level: String(s.level),
      from: s.from,
      days: String(s.days),
    })),
    // Stored as a fraction, shown as a percentage; toPrecision drops binary noise (0.06 × 100).
    interest: String(Number((p.annualInterestRate * 100).toPrecision(12))),
    fees: p.feesByLevel.join(", "),
  };
}

const number = (text: string) => (text.trim() === "" ? NaN : Number(text.trim()));
const list = (text: string) =>
  text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(number);

/** The policy input a form describes (the pane's schema check reports what is wrong). */
export function policyOfForm(f: Form): PolicyInput {
  return {
    thresholds: list(f.thresholds),
    basis: f.basis,
    graceDays: number(f.graceDays),
    reminderDaysBefore: number(f.reminderDaysBefore),
    confirmDaysBefore: number(f.confirmDaysBefore),
    ladder: f.ladder.map((s) => ({ level: number(s.level), from: s.from, days: number(s.days) })),
    annualInterestRate: Number((number(f.interest) / 100).toPrecision(12)),
    feesByLevel: list(f.fees),
  };
}

type Strings = ReturnType<typeof strings>;

/** A field of the form: a key of Form, or `ladder.<k>.level` / `ladder.<k>.days`. */
export type FormErrors = Record<string, string>;

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const whole = (text: string, min: number, max: number) => {
  const v = text.trim();
  return WHOLE.test(v) && Number(v) >= min && Number(v) <= max;
};
const items = (text: string) => text.split(/[,，\s]+/).filter(Boolean);

/**
 * What is wrong with each field of a form, in the user's language (empty when all is valid).
 * The same bounds as core's Policy schema, checked here so the message can name the field.
 */
export function formErrors(f: Form, t: Strings): FormErrors {
  const out: FormErrors = {};
  const th = items(f.thresholds);
  const days = th.map(Number);
  if (
    th.length < 1 ||
    th.length > 12 ||
    !th.every((x) => WHOLE.test(x) && Number(x) >= 1 && Number(x) <= 36500) ||
    !days.every((x, i) => i === 0 || x > days[i - 1])
  )
    out.thresholds = t.errThresholds;
  if (!whole(f.graceDays, 0, 3650)) out.graceDays = t.errGraceDays;
  if (!whole(f.reminderDaysBefore, 0, 365)) out.reminderDaysBefore = t.errReminderDays;
  if (!whole(f.confirmDaysBefore, 0, 365)) out.confirmDaysBefore = t.errConfirmDays;
  const interest = f.interest.trim();
  if (!DECIMAL.test(interest) || Number(interest) > 1000) out.interest = t.errInterest;
  const fees = items(f.fees);
  if (fees.length > 10 || !fees.every((x) => DECIMAL.test(x))) out.fees = t.errFees;
  f.ladder.forEach((s, k) => {
    if (!whole(s.level, 1, 9)) out[`ladder.${k}.level`] = fill(t.errLadderLevel, { n: k + 1 });
    if (!whole(s.days, 0, 3650)) out[`ladder.${k}.days`] = fill(t.errLadderDays, { n: k + 1 });
  });
  return out;
}

export function SettingsPanel(props: SettingsPanelProps) {
  const { locale, settings, today, policyError, saveState } = props;
  const styles = useStyles();
  const shared = useSharedStyles();
  const t = strings(locale);
  const [form, setForm] = useState<Form>(() => formOf(settings.policy));
  const errors = formErrors(form, t);
  const invalid = Object.keys(errors).length > 0;

  const edit = (change: Partial<Form>) => {
    const next = { ...form, ...change };
    setForm(next);
    // Only a policy valid in every field (and by core's schema) goes to the pane and is saved.
    if (Object.keys(formErrors(next, t)).length > 0) return;
    const policy = policyOfForm(next);
    if (Policy.safeParse(policy).success) props.onPolicy(policy);
  };
  /** Field props marking a field that is not valid (Fluent sets aria-invalid and the description). */
  const check = (key: string) =>
    errors[key]
      ? { validationState: "error" as const, validationMessage: errors[key] }
      : { validationState: "none" as const };
  const step = (k: number, change: Partial<Form["ladder"][number]>) =>
    edit({ ladder: form.ladder.map((s, i) => (i === k ? { ...s, ...change } : s)) });

  return (
    <div className={styles.root}>
      <Subtitle2 className={shared.heading} as="h2">
        {t.settingsTitle}
      </Subtitle2>
      {invalid && (
        <MessageBar intent="warning" data-testid="settings-not-saved">
          <MessageBarBody>{t.notSaved}</MessageBarBody>
        </MessageBar>
      )}
      {policyError && (
        <MessageBar intent="error">
          <MessageBarBody>{fill(t.invalid, { message: policyError })}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Field label={t.asOfDate} className={styles.grow}>
          <Input
            type="date"
            value={settings.asOf ?? isoFromSerial(today)}
            onChange={(_, d) => props.onAsOf(/^\d{4}-\d{2}-\d{2}$/.test(d.value) ? d.value : null)}
            data-testid="as-of-input"
          />
        </Field>
        <Button onClick={() => props.onAsOf(null)} disabled={settings.asOf === null}>
          {t.today}
        </Button>
      </div>

      <Field label={t.thresholds} {...check("thresholds")} hint={t.thresholdsHint}>
        <Input value={form.thresholds} onChange={(_, d) => edit({ thresholds: d.value })} />
      </Field>
      <Field label={t.basis}>
        <RadioGroup
          layout="horizontal"
          value={form.basis}
          onChange={(_, d) => edit({ basis: d.value as Form["basis"] })}
        >
          <Radio value="due" label={t.basisDue} />
          <Radio value="invoice" label={t.basisInvoice} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Field label={t.graceDays} {...check("graceDays")} className={styles.grow}>
          <Input
            className={shared.input}
            type="number"
            min={0}
            value={form.graceDays}
            onChange={(_, d) => edit({ graceDays: d.value })}
          />
        </Field>
        <Field label={t.interest} {...check("interest")} className={styles.grow}>
          <Input
            className={shared.input}
            type="number"
            min={0}
            step={0.5}
            value={form.interest}
            onChange={(_, d) => edit({ interest: d.value })}
          />
        </Field>
      </div>
      <Field label={t.reminderDays} {...check("reminderDaysBefore")}>
        <Input
          type="number"
          min={0}
          value={form.reminderDaysBefore}
          onChange={(_, d) => edit({ reminderDaysBefore: d.value })}
        />
      </Field>
      <Field label={t.confirmDays} {...check("confirmDaysBefore")}>
        <Input
          type="number"
          min={0}
          value={form.confirmDaysBefore}
          onChange={(_, d) => edit({ confirmDaysBefore: d.value })}
        />
      </Field>

      <fieldset className={styles.fieldset}>
        <legend>
          <Subtitle2 className={shared.heading} as="h3">
            {t.ladderTitle}
          </Subtitle2>
        </legend>
        <table className={styles.ladder} data-testid="ladder">
          <colgroup>
            <col style={{ width: "17%" }} />
            <col style={{ width: "46%" }} />
            <col style={{ width: "22%" }} />
            <col style={{ width: "15%" }} />
          </colgroup>
          <thead>
            <tr>
              <th className={styles.th}>{t.ladderLevel}</th>
              <th className={styles.th}>{t.ladderFrom}</th>
              <th className={styles.th}>{t.ladderDays}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {form.ladder.map((s, k) => (
              <tr key={k}>
                <td className={styles.td}>
                  <Input
                    size="small"
                    type="number"
                    min={1}
                    max={9}
                    value={s.level}
                    aria-label={`${t.ladderLevel} · ${fill(t.stepN, { n: k + 1 })}`}
                    aria-invalid={!!errors[`ladder.${k}.level`]}
                    aria-describedby={
                      errors[`ladder.${k}.level`] ? `ladder-${k}-level-error` : undefined
                    }
                    onChange={(_, d) => step(k, { level: d.value })}
                    className={shared.input}
                  />
                </td>
                <td className={styles.td}>
                  <Select
                    size="small"
                    value={s.from}
                    aria-label={`${t.ladderFrom} · ${fill(t.stepN, { n: k + 1 })}`}
                    onChange={(_, d) => step(k, { from: d.value as "due" | "actBy" })}
                  >
                    <option value="due">{t.fromDue}</option>
                    <option value="actBy">{t.fromActBy}</option>
                  </Select>
                </td>
                <td className={styles.td}>
                  <Input
                    size="small"
                    type="number"
                    min={0}
                    value={s.days}
                    aria-label={`${t.ladderDays} · ${fill(t.stepN, { n: k + 1 })}`}
                    aria-invalid={!!errors[`ladder.${k}.days`]}
                    aria-describedby={
                      errors[`ladder.${k}.days`] ? `ladder-${k}-days-error` : undefined
                    }
                    onChange={(_, d) => step(k, { days: d.value })}
                    className={shared.input}
                  />
                </td>
                <td className={styles.td}>
                  <Button
                    size="small"
                    appearance="subtle"
                    aria-label={fill(t.removeStep, { n: k + 1 })}
                    className={styles.remove}
                    disabled={form.ladder.length <= 1}
                    onClick={() => edit({ ladder: form.ladder.filter((_, i) => i !== k) })}
                  >
                    ✕
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {form.ladder.flatMap((_, k) =>
          (["level", "days"] as const)
            .filter((part) => errors[`ladder.${k}.${part}`])
            .map((part) => (
              <Caption1
                key={`${k}-${part}`}
                id={`ladder-${k}-${part}-error`}
                className={styles.error}
              >
                {errors[`ladder.${k}.${part}`]}
              </Caption1>
            )),
        )}
        <Button
          size="small"
          onClick={() => {
            const top = form.ladder.reduce((m, s) => Math.max(m, Number(s.level) || 0), 0);
            edit({
              ladder: [
                ...form.ladder,
                { level: String(Math.min(9, top + 1)), from: "actBy", days: "81" },
              ],
            });
          }}
        >
          {t.addStep}
        </Button>
      </fieldset>

      <Field label={t.fees} {...check("fees")}>
        <Input
          value={form.fees}
          placeholder="0, 0, 0, 50, 100, 200"
          onChange={(_, d) => edit({ fees: d.value })}
        />
      </Field>

      <Field label={t.language}>
        <RadioGroup
          layout="horizontal"
          value={locale}
          onChange={(_, d) => props.onLocale(d.value as Locale)}
          data-testid="language"
        >
          <Radio value="zh-CN" label="简体中文" />
          <Radio value="en-US" label="English" />
        </RadioGroup>
      </Field>
      {saveState && (
        <Caption1 className={styles.muted} role="status">
          {saveState === "saving" ? t.saving : t.saved}
        </Caption1>
      )}
    </div>
  );
}
