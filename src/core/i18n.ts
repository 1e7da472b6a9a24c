/**
 * Filling a message template, for every face (issue 14: one i18n rule, plurals right).
 *
 * A template holds text and placeholders:
 * - `{name}`: the parameter `name`;
 * - `{name, plural, one {# item} other {# items}}`: the branch for the plural category of the
 *   number `name` in the locale (`Intl.PluralRules`: English has `one` and `other`, Chinese only
 *   `other`), with `#` standing for the number. An exact branch `=0 {none}` wins over a category.
 *   A branch may hold placeholders of its own.
 *
 * Chinese templates need no plural branches (a measure word does not change), so the zh-CN
 * tables use plain `{count} 笔`; English ones must say `{count, plural, …}` wherever a noun
 * follows a count (test/i18n.test.ts checks every table for `{n} items`-style slips).
 *
 * Pure: no I/O, no DOM.
 */

/** A BCP 47 locale (`en-US`, `zh-CN`); core/messages' `Locale` is one. */
type LocaleTag = string;

/**
 * A table of texts in both languages, the English checked against the Chinese: it must have
 * every key the Chinese has, and no other (a missing or stray key is a type error). Documents
 * and templates keep their words in such tables instead of inline language ternaries.
 *
 * @example
 * const T = perLocale({ "zh-CN": { total: "合计" }, "en-US": { total: "Total" } });
 * T[locale].total
 */
export function perLocale<T>(table: { "zh-CN": T; "en-US": NoInfer<T> }): {
  "zh-CN": T;
  "en-US": T;
} {
  return table;
}

export type MessageParams = Readonly<Record<string, string | number | null | undefined>>;

export interface FillOptions {
  /** Whose plural rules choose a branch (default en-US). */
  locale?: LocaleTag;
  /** A parameter that is absent or null: `""` (default) or the placeholder kept as written. */
  missing?: "empty" | "keep";
  /** How a parameter is written (default `String(value)`); `#` in a branch uses it too. */
  format?: (name: string, value: string | number) => string;
}

const RULES = new Map<string, Intl.PluralRules>();

/** The plural category of `n` in `locale`: "one" or "other" in English, always "other" in Chinese. */
export function pluralCategory(n: number, locale: LocaleTag = "en-US"): Intl.LDMLPluralRule {
  let rules = RULES.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    RULES.set(locale, rules);
  }
  return rules.select(n);
}

/**
 * The template with its placeholders filled.
 *
 * @example
 * fill("{n, plural, one {# day} other {# days}} late", { n: 1 }) //=> "1 day late"
 * fill("{n, plural, one {# day} other {# days}} late", { n: 3 }) //=> "3 days late"
 */
export function fill(template: string, params: MessageParams, options: FillOptions = {}): string {
  if (!template.includes("{")) return template;
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matching(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    out += placeholder(template.slice(open, close + 1), params, options);
    i = close + 1;
  }
  return out;
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function matching(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === "{") depth++;
    else if (s[k] === "}" && --depth === 0) return k;
  }
  return -1;
}

const SIMPLE = /^\{\s*(\w+)\s*\}$/;
const PLURAL = /^\{\s*(\w+)\s*,\s*plural\s*,([\s\S]*)\}$/;

function placeholder(text: string, params: MessageParams, o: FillOptions): string {
  const simple = SIMPLE.exec(text);
  if (simple) {
    const v = params[simple[1]];
    if (v === undefined || v === null) return o.missing === "keep" ? text : "";
    return o.format ? o.format(simple[1], v) : String(v);
  }
  const plural = PLURAL.exec(text);
  if (!plural) return text; // not a placeholder: kept as written
  const name = plural[1];
  const v = params[name];
  if (v === undefined || v === null) return o.missing === "keep" ? text : "";
  // A number given as text ("1", "1,234") is read; anything else takes the `other` branch.
  const n = typeof v === "number" ? v : Number(String(v).replace(/,/g, ""));
  const branches = parseBranches(plural[2]);
  const chosen = Number.isFinite(n)
    ? (branches.get(`=${n}`) ?? branches.get(pluralCategory(n, o.locale)) ?? branches.get("other"))
    : branches.get("other");
  if (chosen === undefined) return "";
  const shown = o.format ? o.format(name, v) : String(v);
  // `#` is the number; the branch's own placeholders are filled as the template's are.
  return fill(chosen.replace(/#/g, shown), params, o);
}

/** `one {# item} other {# items}` → { one: "# item", other: "# items" }. */
function parseBranches(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf("{", i);
    if (open < 0) break;
    const key = s.slice(i, open).trim();
    const close = matching(s, open);
    if (close < 0) break;
    if (key) out.set(key, s.slice(open + 1, close));
    i = close + 1;
  }
  return out;
}
