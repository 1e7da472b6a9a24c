/**
 * The order check (issue 8): may we ship this order on credit? A small form — customer (a
 * combobox of the analysed customers), amount, currency — whose answer the engine computes in
 * its worker with the core's `checkOrder`, the rules of `ar-desk check-order` and AR.CHECKORDER:
 * the verdict, headroom before and after, and every reason with its figures.
 */
import { errorText } from "../../core/errors";
import {
  Button,
  Caption1,
  Caption1Strong,
  Combobox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { reasonMessage, verdictLabel } from "../../core/credit/messages";
import type { Locale } from "../../core/messages";
import type { CustomerChoice, DashboardModel, Engine, OrderAnswer } from "../engine/protocol";
import { major, money } from "../format";
import { fill } from "../strings";
import { creditStrings } from "../strings-credit";
import { useSharedStyles } from "./styles";

/** Customers the combobox lists at once (the typed text narrows them). */
const SHOWN = 50;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr)",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "end",
  },
  wide: { minWidth: 0, width: "100%" },
  figures: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, textAlign: "right", fontVariantNumeric: "tabular-nums" },
  negative: { color: tokens.colorPaletteRedForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

export interface OrderCheckPanelProps {
  locale: Locale;
  engine: Engine;
  model: DashboardModel;
}

export function OrderCheckPanel({ locale, engine, model }: OrderCheckPanelProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const c = creditStrings(locale);
  const [customers, setCustomers] = useState<CustomerChoice[]>([]);
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<number | null>(null);
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("");
  const [answer, setAnswer] = useState<OrderAnswer | null>(null);
  const [missing, setMissing] = useState(false);

  // The customers of this analysis; an answer belongs to the analysis it came from.
  useEffect(() => {
    let current = true;
    engine.customers().then(
      (list) => current && setCustomers(list),
      () => current && setCustomers([]),
    );
    setAnswer(null);
    return () => {
      current = false;
    };
  }, [engine, model]);

  const label = (c: CustomerChoice) => (c.name ? `${c.code} ${c.name}` : c.code);
  const matches = useMemo(() => {
    // Typed text narrows the list; a customer chosen from it shows them all again.
    const q = chosen === null ? query.trim().toLowerCase() : "";
    const out: CustomerChoice[] = [];
    for (const c of customers) {
      if (out.length >= SHOWN) break;
      if (!q || label(c).toLowerCase().includes(q)) out.push(c);
    }
    return out;
  }, [customers, query, chosen]);
  const currencies = model.totals.map((x) => x.currency).filter((c): c is string => !!c);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const customer = chosen ?? query.trim();
    if (customer === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    engine
      .checkOrder({ customer, amount, currency: currency || null })
      .then(setAnswer, (err) => setAnswer({ error: "nothing", value: errorText(err, locale) }));
  };

  return (
    <section className={styles.root} aria-labelledby="order-title" data-testid="order-check">
      <Subtitle2 className={shared.heading} as="h2" id="order-title">
        {c.orderTitle}
      </Subtitle2>
      <Caption1 className={shared.muted}>{c.orderIntro}</Caption1>
      <form onSubmit={submit} className={styles.root} style={{ borderBottom: "none" }}>
        <Field
          label={c.orderCustomer}
          validationMessage={missing ? c.orderChooseCustomer : undefined}
        >
          <Combobox
            className={styles.wide}
            freeform
            placeholder={c.orderCustomerHint}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setChosen(null);
            }}
            onOptionSelect={(_, d) => {
              const c = customers.find((x) => String(x.customer) === d.optionValue);
              setChosen(c ? c.customer : null);
              setQuery(d.optionText ?? "");
            }}
            data-testid="order-customer"
          >
            {matches.map((c) => (
              <Option key={c.customer} value={String(c.customer)} text={label(c)}>
                {label(c)}
              </Option>
            ))}
          </Combobox>
        </Field>
        <div className={styles.row}>
          <Field label={c.orderAmount}>
            <Input
              className={styles.wide}
              inputMode="decimal"
              value={amount}
              onChange={(_, d) => setAmount(d.value)}
              data-testid="order-amount"
            />
          </Field>
          <Field label={c.orderCurrency}>
            <Select
              className={styles.wide}
              value={currency}
              onChange={(_, d) => setCurrency(d.value)}
              data-testid="order-currency"
            >
              <option value="">{c.orderCurrencyAuto}</option>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div>
          <Button type="submit" appearance="primary" size="small" data-testid="order-submit">
            {c.orderCheck}
          </Button>
        </div>
      </form>
      {answer && <Answer locale={locale} answer={answer} />}
    </section>
  );
}

function Answer({ locale, answer }: { locale: Locale; answer: OrderAnswer }) {
  const styles = useStyles();
  const c = creditStrings(locale);
  if ("error" in answer)
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          {answer.error === "amount"
            ? fill(c.orderBadAmount, { value: answer.value })
            : answer.error === "currency"
              ? fill(c.orderBadCurrency, { value: answer.value })
              : answer.value}
        </MessageBarBody>
      </MessageBar>
    );
  const d = answer.digits;
  const cur = answer.currency ? `${answer.currency} ` : "";
  const figure = (field: string, term: string, v: number | null) => (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd
        className={`${styles.value} ${v !== null && v < 0 ? styles.negative : ""}`}
        data-field={field}
        data-value={v === null ? "" : major(v, d)}
      >
        {v === null ? c.orderNone : `${cur}${money(v, d)}`}
      </dd>
    </>
  );
  return (
    <div role="status" aria-live="polite" data-testid="order-answer" data-verdict={answer.verdict}>
      <MessageBar intent={answer.approved ? "success" : "error"}>
        <MessageBarBody>
          <MessageBarTitle>{c.orderVerdict}</MessageBarTitle>
          <span data-testid="order-verdict">{verdictLabel(answer.verdict, locale)}</span>
          {" · "}
          {answer.customerCode}
          {answer.customerName ? ` ${answer.customerName}` : ""}
        </MessageBarBody>
      </MessageBar>
      <dl className={styles.figures}>
        <dt className={styles.term}>{c.orderGrade}</dt>
        <dd className={styles.value}>{answer.grade ?? "—"}</dd>
        {figure("limit", c.orderLimit, answer.limit)}
        {figure("exposure", c.orderExposure, answer.exposure)}
        {figure("headroomBefore", c.orderBefore, answer.headroomBefore)}
        {figure("headroomAfter", c.orderAfter, answer.headroomAfter)}
      </dl>
      <Caption1Strong as="p">{c.orderReasons}</Caption1Strong>
      <ul className={styles.list} data-testid="order-reasons">
        {answer.reasons.map((r, k) => (
          <li key={k} data-code={r.code} data-severity={r.severity}>
            {reasonMessage(r, locale)}
          </li>
        ))}
      </ul>
      {answer.blockingRefs.length > 0 && (
        <>
          <Caption1Strong as="p">{c.orderBlocking}</Caption1Strong>
          <ul className={styles.list}>
            {answer.blockingRefs.slice(0, 20).map((b, k) => (
              <li key={k}>
                {fill(c.orderItem, {
                  ref: b.ref ?? "—",
                  amount: money(b.outstanding, d),
                  days: b.daysOverdue,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
