/**
 * The documents the Generate panel offers: ONE list. Each entry names a document kind in both
 * languages and builds its sheets from the analysis; the panel shows a button per entry, the
 * engine (in its worker) runs `build`, and the pane writes the sheets through the workbook port.
 *
 * To add a kind (statements, confirmations, reminders, collection plan…), append an entry whose
 * `build` calls its generator (src/sheet/templates); nothing else in the pane changes.
 */
import type { Analysis } from "../core/analyze";
import type { CommitmentPlan } from "../core/credit/commitment";
import type { DoneAction } from "../core/documents";
import type { Locale } from "../core/messages";
import type { ImportResult } from "../sheet/import";
import {
  generateDocuments,
  type DocumentKind as GeneratedKind,
  type DocumentRecord,
} from "../sheet/documents";
import { reportSpecs } from "../sheet/report";
import type { SheetSpec } from "../sheet/spec";
import type { BuildOptions, DocumentInfo } from "./engine/protocol";

export interface DocumentContext extends Omit<BuildOptions, "schedule" | "register"> {
  imported: ImportResult;
  analysis: Analysis;
  locale: Locale;
  /** Steps already taken, from the collection log (the plan and letters follow them). */
  done?: readonly DoneAction[];
  /** Checked payment schedules: one commitment letter each. */
  commitments?: readonly CommitmentPlan[];
}

/** What a build makes: the sheets, and the documents in them for the audit register. */
export interface Built {
  specs: SheetSpec[];
  documents: DocumentRecord[];
  /** Company profile fields the documents print that the profile leaves blank (keys). */
  profileMissing?: readonly string[];
}

/** A document of the generator (src/sheet/documents/), with the workbook's templates and profile. */
function generated(
  kind: GeneratedKind,
  label: DocumentKind["label"],
  description: DocumentKind["description"],
): DocumentKind {
  return {
    id: kind,
    label,
    description,
    build: ({ imported, analysis, locale, templates, profile, done, commitments }) => {
      const g = generateDocuments([kind], {
        ledger: imported.ledger,
        analysis,
        policy: analysis.policy,
        locale,
        profile: profile ?? {},
        templates,
        done,
        commitments,
      });
      const missing = g.issues.find((i) => i.code === "template.profileMissing");
      return { specs: g.specs, documents: g.documents, profileMissing: missing?.fields ?? [] };
    },
  };
}

export interface DocumentKind extends DocumentInfo {
  build(ctx: DocumentContext): Built;
  /** Built from a payment schedule sheet the user fills (the commitment letters). */
  needsSchedule?: boolean;
}

export const DOCUMENTS: DocumentKind[] = [
  {
    id: "aging-report",
    label: { "en-US": "Aging report", "zh-CN": "账龄分析表" },
    description: {
      "en-US": "Summary per currency, aging by customer, open items and problems: four sheets.",
      "zh-CN": "按币种汇总、客户账龄、未清明细与问题清单，共四张工作表。",
    },
    build: ({ imported, analysis, locale }) => ({
      specs: reportSpecs(imported, analysis, locale),
      documents: [],
    }),
  },
  generated(
    "statements",
    { "en-US": "Statements of account", "zh-CN": "客户对账单" },
    {
      "en-US":
        "One statement per customer owing money: open items, aging footer, reply slip; a page each.",
      "zh-CN": "每个欠款客户一份：未清明细、账龄、回执，每份一页起。",
    },
  ),
  generated(
    "confirmations",
    { "en-US": "Balance confirmations", "zh-CN": "询证函" },
    {
      "en-US": "Audit confirmation per customer with an open balance, reply slip and seal places.",
      "zh-CN": "每个有余额的客户一份企业询证函，含回函联与盖章处。",
    },
  ),
  generated(
    "reminders",
    { "en-US": "Dunning letters", "zh-CN": "催款函" },
    {
      "en-US":
        "Reminder, second notice or final demand by ladder level; items on hold left out and said so.",
      "zh-CN": "按催收级别出具付款提醒函、催款函或最后催告函；争议及已承诺款项不列入并注明。",
    },
  ),
  {
    ...generated(
      "commitments",
      { "en-US": "Payment commitments", "zh-CN": "还款承诺书" },
      {
        "en-US":
          "One letter per customer in the payment schedule sheet: the debts, the agreed instalments, signature and seal places.",
        "zh-CN": "按还款计划工作表每个客户一份：欠款明细、约定分期还款计划、签字盖章处。",
      },
    ),
    needsSchedule: true,
  },
  generated(
    "plan",
    { "en-US": "Collection plan", "zh-CN": "催收计划" },
    {
      "en-US": "Every open item's next action, date and owner, sorted by date, ready to filter.",
      "zh-CN": "每笔未清款项的下一步催收动作、日期与负责人，按日期排序，可筛选。",
    },
  ),
  generated(
    "aging",
    { "en-US": "Aging report (live formulas)", "zh-CN": "账龄分析表（公式）" },
    {
      "en-US":
        "SUMIFS over an editable data block: change an amount or the as-of cell and it follows.",
      "zh-CN": "以 SUMIFS 汇总可编辑的明细数据：修改金额或基准日，汇总随之更新。",
    },
  ),
  generated(
    "scorecard",
    { "en-US": "Salesperson scorecard", "zh-CN": "业务员考核表" },
    {
      "en-US":
        "Outstanding, overdue rate, collection rate for the month, DSO, days late, customers over limit.",
      "zh-CN": "应收余额、逾期率、当月回款率、DSO、迟付天数、超额度客户数。",
    },
  ),
];

/** The list without the builders, for the panel. */
export function documentInfos(): DocumentInfo[] {
  return DOCUMENTS.map(({ id, label, description, needsSchedule }) => ({
    id,
    label,
    description,
    ...(needsSchedule ? { needsSchedule } : {}),
  }));
}
