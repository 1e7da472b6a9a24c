#!/usr/bin/env python3
"""Aging by customer with pandas: the script users write instead of running ar-desk.

    python3 bench/peers/pandas_aging.py receivables.xlsx --as-of 2025-06-30
    python3 bench/peers/pandas_aging.py receivables.csv --as-of 2025-06-30

Reads an ERP's 应收明细 export (.xlsx through openpyxl, or .csv), tidies the dirty cells an
export has (amounts like "¥12,345.60" or "12,345.60元", dates like "2024/3/5", "2024年3月5日"
or "20240305", customer codes with trailing spaces), and ages what is outstanding at the as-of
date by due date: current (not yet due), 1-30, 31-60, 61-90, 91+ days overdue.

- due date: the 到期日 column; where it is blank, 业务日期 + the terms (月结N天 counts from the
  end of the invoice month, 货到付款 is due on the day); else the invoice date;
- outstanding: 价税合计 − 已收金额, the payment counting if its 结清日期 is blank or on or
  before the as-of date; a 结清日期 without 已收金额 means paid in full;
- overdue: outstanding > 0 and more than 0 days past due. Credit notes (negative amounts) are
  aged like any item, so the buckets add up to the outstanding.

Prints one JSON document: per customer and currency the outstanding, the overdue part and the
buckets in minor units (分, cents), and the script's own timings and peak RSS. The bench
(`npm run bench -- --only read,pandas`) checks these totals against `ar-desk analyze --json`.
"""

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402

T_IMPORTED = time.perf_counter()

# openpyxl complains about a workbook without a default style; it reads it all the same.
warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")

COLUMNS = {
    "单据编号": "ref",
    "客户编码": "customer",
    "客户名称": "name",
    "业务员": "salesperson",
    "业务日期": "invoice_date",
    "付款条件": "terms",
    "到期日": "due_date",
    "币种": "currency",
    "价税合计": "amount",
    "已收金额": "paid",
    "结清日期": "settled",
}
CURRENCY = {"人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "美元": "USD", "USD": "USD"}
THRESHOLDS = [30, 60, 90]
LABELS = ["current", "1-30", "31-60", "61-90", "91+"]


def read(path: str) -> pd.DataFrame:
    text = {"单据编号": str, "客户编码": str, "币种": str, "付款条件": str}
    if path.lower().endswith(".csv"):
        df = pd.read_csv(path, encoding="utf-8-sig", dtype=text)
    else:
        df = pd.read_excel(path, engine="openpyxl", dtype=text)
    return df.rename(columns=lambda c: COLUMNS.get(str(c).strip(), c))


def text_cells(col: pd.Series) -> pd.Series:
    """The cells that hold text (an export mixes it with numbers and dates), NaN elsewhere."""
    return col.where(col.map(lambda v: isinstance(v, str))).astype(object)


def to_dates(col: pd.Series) -> pd.Series:
    """Dates, whether the cell holds a date or text such as 2024/3/5, 2024年3月5日, 20240305."""
    if pd.api.types.is_datetime64_any_dtype(col):
        return col.dt.normalize()
    if pd.api.types.is_numeric_dtype(col):  # Excel serials, the column not formatted as dates
        return pd.to_datetime(col, unit="D", origin="1899-12-30").dt.normalize()
    text = (
        text_cells(col)
        .str.strip()
        .str.replace(r"^(\d{4})(\d{2})(\d{2})$", r"\1-\2-\3", regex=True)
        .str.replace(r"[年月/.]", "-", regex=True)
        .str.replace("日", "", regex=False)
    )
    return pd.to_datetime(col.where(text.isna(), text), errors="coerce").dt.normalize()


def to_money(col: pd.Series) -> pd.Series:
    """Numbers, whether the cell holds one or text such as ¥12,345.60 or 12,345.60元."""
    if pd.api.types.is_numeric_dtype(col):
        return col.astype(float)
    text = text_cells(col).str.replace(r"[¥￥,元\s]", "", regex=True)
    return pd.to_numeric(col.where(text.isna(), text), errors="coerce")


def due_from_terms(invoice_date: pd.Series, terms: pd.Series) -> pd.Series:
    """Invoice date + terms: 月结60天 from the end of the invoice month, Net 30, 30天, 货到付款."""
    terms = terms.fillna("").str.strip()
    days = terms.str.extract(r"(\d+)", expand=False).astype(float)
    days = days.where(~terms.str.contains("货到付款|COD", regex=True), 0)
    month_end = terms.str.startswith("月结")
    start = invoice_date.where(~month_end, invoice_date + pd.offsets.MonthEnd(0))
    return start + pd.to_timedelta(days, unit="D")


def aging(raw: pd.DataFrame, as_of: pd.Timestamp) -> tuple[pd.DataFrame, int]:
    """Per customer and currency: outstanding, overdue and the buckets; and the invoices used."""
    df = pd.DataFrame(
        {
            "customer": raw["customer"].str.strip(),
            "currency": raw["currency"].str.strip().map(lambda c: CURRENCY.get(c, c)),
            "invoice_date": to_dates(raw["invoice_date"]),
            "due_date": to_dates(raw["due_date"]),
            "amount": to_money(raw["amount"]),
            "paid": to_money(raw["paid"]),
            "settled": to_dates(raw["settled"]),
        }
    )
    # Invoices only: no blank, 小计 (subtotal) or note rows, no #N/A amounts.
    df = df[df["customer"].notna() & (df["customer"] != "")]
    df = df.dropna(subset=["amount", "invoice_date"])
    invoices = len(df)
    df = df[df["invoice_date"] <= as_of]

    due = df["due_date"].fillna(due_from_terms(df["invoice_date"], raw.loc[df.index, "terms"]))
    due = due.fillna(df["invoice_date"])

    counts = df["settled"].isna() | (df["settled"] <= as_of)
    received = df["paid"].fillna(df["amount"].where(df["settled"].notna(), 0))
    df["outstanding"] = df["amount"] - received.where(counts, 0)
    df["days_overdue"] = (as_of - due).dt.days
    df = df[df["outstanding"] != 0]

    df["bucket"] = pd.cut(
        df["days_overdue"],
        bins=[-np.inf, 0, *THRESHOLDS, np.inf],
        labels=LABELS,
        right=True,
    )
    df["overdue"] = df["outstanding"].where((df["outstanding"] > 0) & (df["days_overdue"] > 0), 0)

    keys = ["customer", "currency"]
    buckets = df.pivot_table(
        index=keys,
        columns="bucket",
        values="outstanding",
        aggfunc="sum",
        fill_value=0,
        observed=False,
    ).reindex(columns=LABELS, fill_value=0)
    totals = df.groupby(keys)[["outstanding", "overdue"]].sum()
    return totals.join(buckets).reset_index(), invoices


def main() -> None:
    parser = argparse.ArgumentParser(description="Receivables aging by customer with pandas")
    parser.add_argument("file", help=".xlsx or .csv export, header in the first row")
    parser.add_argument("--as-of", required=True, help="YYYY-MM-DD")
    args = parser.parse_args()
    as_of = pd.Timestamp(args.as_of)

    t = time.perf_counter()
    raw = read(args.file)
    t_read = time.perf_counter()
    result, invoices = aging(raw, as_of)
    t_compute = time.perf_counter()

    money = ["outstanding", "overdue", *LABELS]
    cents = (result[money] * 100).round().astype("int64")
    customers = [
        {
            "customer": c,
            "currency": cur,
            "outstanding": int(row[0]),
            "overdue": int(row[1]),
            "buckets": [int(v) for v in row[2:]],
        }
        for c, cur, row in zip(result["customer"], result["currency"], cents.to_numpy())
    ]
    doc = {
        "file": args.file,
        "asOf": args.as_of,
        "bucketLabels": LABELS,
        "rows": {"read": int(len(raw)), "invoices": invoices},
        "customers": customers,
        "timings": {
            "importMs": (T_IMPORTED - T_START) * 1000,
            "readMs": (t_read - t) * 1000,
            "computeMs": (t_compute - t_read) * 1000,
        },
        # Linux reports kilobytes.
        "maxRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "versions": {
            "python": sys.version.split()[0],
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "openpyxl": openpyxl.__version__,
        },
    }
    json.dump(doc, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
