/**
 * @jest-environment jsdom
 */
// The pane's reminders (issue 19): the day's reminders listed with their recipients; the
// download button hands over the .eml drafts (one .zip) and appends them to the mail register
// sheet, keeping the rows already there.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { unzipSync, strFromU8 } from "fflate";
import { parseText } from "../../src/io/csv";
import { analyze } from "../../src/core/analyze";
import { serialFromIso } from "../../src/core/dates";
import { Policy } from "../../src/core/policy";
import { importGrids } from "../../src/sheet/import";
import { MAIL_REGISTER_HEADERS, MAIL_REGISTER_SHEET } from "../../src/sheet/mail-register";
import { MemoryWorkbook, specValues } from "../../src/sheet/memory-workbook";
import { reminderDrafts } from "../../src/sheet/reminder-drafts";
import { RemindersPanel } from "../../src/taskpane/components/RemindersPanel";
import type { Engine, RemindersRequest } from "../../src/taskpane/engine/protocol";
import { AS_OF, CUSTOMERS, INVOICES } from "../support/remind-fixture";

import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "node:util";
// jsdom has no TextEncoder; the pane's worker (a browser) has.
globalThis.TextEncoder ??= NodeTextEncoder as typeof TextEncoder;
globalThis.TextDecoder ??= NodeTextDecoder as typeof TextDecoder;

jest.setTimeout(60_000);

function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });
}

test("listed with recipients; downloaded as drafts and recorded as prepared", async () => {
  const ledger = importGrids([
    { grid: { file: null, sheet: "应收", rows: parseText(INVOICES, ",") }, date1904: false },
    {
      grid: { file: null, sheet: "客户", rows: parseText(CUSTOMERS, ",") },
      kind: "customers",
      date1904: false,
    },
  ]).ledger;
  const analysis = analyze(ledger, serialFromIso(AS_OF)!, Policy.parse({}));
  const asked: RemindersRequest[] = [];
  const engine = {
    reminders: async (req: RemindersRequest) => {
      asked.push(req);
      let n = 0;
      return {
        asOf: analysis.asOf,
        ...reminderDrafts(analysis, { ...req, now: new Date(), id: () => `t${++n}` }),
      };
    },
  } as unknown as Engine;
  const wb = new MemoryWorkbook();
  // A register with one row already: kept.
  const earlier = ["2026-06-29T01:00:00.000Z", "已发送", "到期前提醒", "C0099"];
  await wb.writeSheets([
    { name: MAIL_REGISTER_SHEET["zh-CN"], rows: [MAIL_REGISTER_HEADERS["zh-CN"], earlier] },
  ]);
  const zips: Blob[] = [];
  URL.createObjectURL = (b: Blob) => {
    zips.push(b);
    return "blob:x";
  };
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = () => undefined;

  render(
    <FluentProvider theme={webLightTheme}>
      <RemindersPanel locale="zh-CN" engine={engine} port={wb} />
    </FluentProvider>,
  );
  fireEvent.click(screen.getByText("列出今日提醒"));
  expect(await screen.findByText("请填写发件人邮箱")).toBeTruthy();
  fireEvent.change(screen.getAllByRole("textbox")[0], { target: { value: "ar@ar-desk.test" } });
  fireEvent.click(screen.getByText("列出今日提醒"));
  const list = await screen.findByTestId("reminders-list");
  expect(asked[0].from).toBe("ar@ar-desk.test");
  expect(list.querySelectorAll("li")).toHaveLength(6);
  expect(list.textContent).toContain("ap@ar-desk.test, c0002.boss@ar-desk.test");
  expect(screen.getByText(/C0006 成都勿扰食品有限公司: 标注不联系/)).toBeTruthy();

  fireEvent.click(screen.getByTestId("reminders-download"));
  await waitFor(() => expect(screen.getByRole("status").textContent).toContain("已下载 6 封草稿"));
  const files = unzipSync(await bytesOf(zips[0]));
  expect(Object.keys(files)).toContain("20260630-preDue-C0001.eml");
  expect(strFromU8(files["20260630-preDue-C0001.eml"])).toContain("X-Unsent: 1");
  const rows = specValues(wb.sheet(MAIL_REGISTER_SHEET["zh-CN"])!);
  expect(rows).toHaveLength(8);
  expect(rows[1].slice(0, 4)).toEqual(earlier);
  expect(rows.slice(2).map((r) => [r[1], r[3]])).toEqual(
    ["C0001", "C0002", "C0003", "C0004", "C0009", "C0011"].map((c) => ["已准备草稿", c]),
  );
});
