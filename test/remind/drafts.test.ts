/**
 * The pane's side of the reminders (issue 19): the platform-neutral .eml builder read back by
 * mailparser, the day's drafts built from the same plan as `ar-desk remind`, and their rows in
 * the mail register marked as prepared (never counted as sent).
 */
import { simpleParser } from "mailparser";
import { parseText } from "../../src/io/csv";
import { analyze } from "../../src/core/analyze";
import { serialFromIso } from "../../src/core/dates";
import { buildEml, encodeWords } from "../../src/core/mail/eml";
import { Policy } from "../../src/core/policy";
import { importGrids } from "../../src/sheet/import";
import { MAIL_REGISTER_HEADERS, sentKeys } from "../../src/sheet/mail-register";
import { reminderDrafts } from "../../src/sheet/reminder-drafts";
import { AS_OF, CUSTOMERS, INVOICES } from "../support/remind-fixture";

describe(".eml builder", () => {
  test("Chinese subject and names, several recipients, a draft with an attachment", async () => {
    const pdf = new Uint8Array(300).map((_, i) => (i * 37) % 256);
    const subject =
      "付款提醒：上海华东机电有限公司 12,345.67 将于 2026-07-07 到期（请勿忽略本邮件，谢谢）";
    const eml = buildEml({
      from: "收款部 <ar@ar-desk.test>",
      to: ["a@ar-desk.test", "Northwind AP <b@ar-desk.test>"],
      replyTo: "collector@ar-desk.test",
      subject,
      text: "您好！\n第二行\n",
      date: new Date(Date.UTC(2026, 5, 30, 8, 0, 0)),
      messageId: "<x.1@ar-desk.test>",
      attachments: [
        { filename: "对账单-C0001-20260630.pdf", contentType: "application/pdf", bytes: pdf },
      ],
      draft: true,
    });
    // Headers are ASCII, lines short.
    const head = eml.slice(0, eml.indexOf("\r\n\r\n"));
    expect(/^[\x20-\x7e\r\n\t]*$/.test(head)).toBe(true);
    expect(Math.max(...eml.split("\r\n").map((l) => l.length))).toBeLessThanOrEqual(998);
    const m = await simpleParser(eml);
    expect(m.subject).toBe(subject);
    expect(m.from?.value[0]).toEqual({ name: "收款部", address: "ar@ar-desk.test" });
    expect((m.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual([
      "a@ar-desk.test",
      "b@ar-desk.test",
    ]);
    expect(m.replyTo?.text).toBe("collector@ar-desk.test");
    expect(m.text).toBe("您好！\n第二行\n");
    expect(m.messageId).toBe("<x.1@ar-desk.test>");
    expect(m.headers.get("x-unsent")).toBe("1");
    expect(m.attachments[0].filename).toBe("对账单-C0001-20260630.pdf");
    expect(Buffer.compare(m.attachments[0].content, Buffer.from(pdf))).toBe(0);
  });

  test("no header injection: line breaks in a subject become spaces", () => {
    expect(encodeWords("a\r\nBcc: x@y.cn")).toBe("a Bcc: x@y.cn");
  });
});

describe("the day's drafts", () => {
  const grids = [
    {
      grid: { file: "invoices.csv", sheet: null, rows: parseText(INVOICES, ",") },
      date1904: false,
    },
    {
      grid: { file: "customers.csv", sheet: null, rows: parseText(CUSTOMERS, ",") },
      kind: "customers" as const,
      date1904: false,
    },
  ];
  const a = analyze(importGrids(grids).ledger, serialFromIso(AS_OF)!, Policy.parse({}));
  let n = 0;
  const { drafts, skipped } = reminderDrafts(a, {
    locale: "zh-CN",
    from: "收款部 <ar@ar-desk.test>",
    replyTo: "collector@ar-desk.test",
    company: "测试公司",
    collector: "王芳",
    now: new Date(Date.UTC(2026, 5, 30, 1, 0, 0)),
    id: () => `id${++n}`,
  });

  test("one per reminder due, with its recipients; holds and address problems apart", async () => {
    expect(drafts.map((d) => [d.customerCode, d.type, d.recipients.join(",")])).toEqual([
      ["C0001", "preDue", "c0001@ar-desk.test"],
      ["C0002", "confirm", "ap@ar-desk.test,c0002.boss@ar-desk.test"],
      ["C0003", "dueDay", "c0003@ar-desk.test"],
      ["C0004", "dunning", "c0004@ar-desk.test"],
      ["C0009", "preDue", "refuse@ar-desk.test"],
      ["C0011", "preDue", "c0011@ar-desk.test,refuse@ar-desk.test"],
    ]);
    expect(skipped.map((k) => [k.customerCode, k.reason])).toEqual([
      ["C0005", "disputed"],
      ["C0006", "doNotContact"],
      ["C0007", "noAddress"],
      ["C0008", "badAddress"],
      ["C0010", "promise"],
    ]);
    expect(skipped.find((k) => k.customerCode === "C0008")?.source?.row).toBe(9);
    const m = await simpleParser(drafts[0].eml);
    expect(m.subject).toBe("付款提醒：上海华东机电有限公司 12,345.67 将于 2026-07-07 到期");
    expect(m.text).toContain("INV-001");
    expect(m.text).toContain("王芳");
    expect(drafts[1].subject).toMatch(/^Please confirm your payment date: Northwind Trading/);
    expect(drafts[3].fileName).toBe("20260630-dunning-C-C0004.eml");
  });

  test("register rows say prepared, and prepared is not sent", () => {
    const rows = [MAIL_REGISTER_HEADERS["zh-CN"], ...drafts.map((d) => d.registerRow)];
    expect(drafts[0].registerRow[1]).toBe("已准备草稿");
    expect(drafts[0].registerRow[9]).toBe("<ar-desk.id1@ar-desk.test>");
    expect(sentKeys(rows).size).toBe(0);
    const sent = rows.map((r, i) => (i === 1 ? r.map((v, c) => (c === 1 ? "已发送" : v)) : r));
    expect([...sentKeys(sent)]).toEqual([drafts[0].key]);
  });
});
