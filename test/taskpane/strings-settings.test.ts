// The pane's wording and its saved settings.
import { DEFAULT_POLICY } from "../../src/core/policy";
import { DEFAULT_SETTINGS, policyOf, readSettings } from "../../src/taskpane/settings";
import {
  bucketName,
  fieldLabel,
  fill,
  levelName,
  localeOf,
  strings,
} from "../../src/taskpane/strings";
import { fieldsOf } from "../../src/sheet/headers";

describe("strings", () => {
  test("both languages have every string, none empty", () => {
    const en = strings("en-US");
    const zh = strings("zh-CN");
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const t of [en, zh]) for (const v of Object.values(t)) expect(v.trim()).not.toBe("");
  });

  test("placeholders are the same in both languages", () => {
    // `{name}` and `{name, plural, …}` (core/i18n), each name once.
    const names = (s: string) =>
      [...new Set([...s.matchAll(/\{(\w+)\s*(?:\}|,\s*plural\b)/g)].map((m) => m[1]))].sort();
    const en = strings("en-US");
    const zh = strings("zh-CN");
    for (const k of Object.keys(en) as (keyof typeof en)[])
      expect([k, names(zh[k])]).toEqual([k, names(en[k])]);
  });

  test("every field of every kind has a label in both languages", () => {
    for (const kind of ["invoices", "payments", "customers"] as const)
      for (const f of fieldsOf(kind))
        for (const locale of ["en-US", "zh-CN"] as const)
          expect(fieldLabel(locale, kind, f)).not.toBe(f);
  });

  test("fill, locale of Office's language, buckets and levels", () => {
    expect(fill("{a} of {b}, {c}", { a: 1, b: "two" })).toBe("1 of two, {c}");
    expect([localeOf("zh-CN"), localeOf("zh-TW"), localeOf("en-GB"), localeOf(undefined)]).toEqual([
      "zh-CN",
      "zh-CN",
      "en-US",
      "en-US",
    ]);
    expect([bucketName("zh-CN", "current"), bucketName("en-US", "31-60")]).toEqual([
      "未到期",
      "31-60 days",
    ]);
    expect([levelName("en-US", 3), levelName("zh-CN", 5), levelName("en-US", 7)]).toEqual([
      "written notice",
      "法律途径",
      "level 7",
    ]);
  });
});

describe("settings", () => {
  test("nothing saved, or something unreadable, gives the defaults", () => {
    expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ version: 2 })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ version: 1, asOf: "30/06/2026" })).toEqual(DEFAULT_SETTINGS);
  });

  test("a saved mapping comes back as saved", () => {
    const saved = {
      version: 1,
      invoices: { sheet: "AR", headerRow: 4, columns: { customer: 1, amount: 7 }, custom: true },
      policy: { graceDays: 5 },
      asOf: "2026-06-30",
      locale: "zh-CN",
      confirmed: false,
    };
    expect(readSettings(JSON.parse(JSON.stringify(saved)))).toEqual({
      ...saved,
      payments: null,
      customers: null,
    });
  });

  test("first use is over once confirmed, and for a pane saved before confirmation was asked", () => {
    const invoices = { sheet: "AR", headerRow: 1, columns: { customer: 0, amount: 1 } };
    expect(readSettings({ version: 1, invoices, confirmed: true }).confirmed).toBe(true);
    expect(readSettings({ version: 1, invoices, confirmed: false }).confirmed).toBe(false);
    // Saved by an earlier version (no such key): a connected pane was in use already.
    expect(readSettings({ version: 1, invoices }).confirmed).toBe(true);
    expect(readSettings({ version: 1 }).confirmed).toBe(false);
  });

  test("the policy is core's, with its defaults and its checks", () => {
    expect(policyOf({ policy: {} })).toEqual({ ok: true, policy: DEFAULT_POLICY });
    const bad = policyOf({ policy: { thresholds: [60, 30] } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^thresholds: .*increasing/);
  });
});
