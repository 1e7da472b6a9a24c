/** The sheet names of the built-in templates. */
import type { Locale } from "../../../core/messages";
import type { TemplateKind } from "../fields";

/** Sheet names of the built-in templates, by language; a workbook sheet of that name wins. */
export const TEMPLATE_SHEETS: Record<Locale, Record<TemplateKind, string>> = {
  "zh-CN": {
    statement: "模板-对账单",
    activity: "模板-往来对账单",
    confirmation: "模板-询证函",
    reminder: "模板-付款提醒函",
    notice: "模板-催款函",
    final: "模板-最后催告函",
    commitment: "模板-还款承诺书",
  },
  "en-US": {
    statement: "Template Statement",
    activity: "Template Activity statement",
    confirmation: "Template Confirmation",
    reminder: "Template Reminder",
    notice: "Template Second notice",
    final: "Template Final demand",
    commitment: "Template Payment commitment",
  },
};
