/**
 * `ar-desk remind` (issue 19): the day's reminders from the collection plan, as .eml drafts
 * and through a real SMTP server on 127.0.0.1 (postfix, scripts/ci/start-mail.sh), read back
 * with mailparser: recipients, the Chinese subject, the PDF letter's text, the register, once
 * each, holds and located address problems; and a refused recipient plus a connection cut
 * mid-run (a loopback proxy in front of postfix): reported, only what was delivered recorded,
 * the rest sent by the next run.
 */
import ExcelJS from "exceljs";
import { simpleParser, type ParsedMail } from "mailparser";
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import nodemailer from "nodemailer";
import { smtpConfig } from "../../src/cli/mail/smtp";
import { isAddress, mailTemplates, parseAddresses } from "../../src/core/documents/reminders";
import { sentKeys } from "../../src/sheet/mail-register";
import { run } from "../support/cli";
import { libreOffice } from "../support/libreoffice";
import {
  AS_OF,
  hasPdftotext,
  MAILDIR,
  pdfText,
  smtpReachable,
  writeFixture,
} from "../support/remind-fixture";

let dir: string;
let fixture: { invoices: string; customers: string };
const COMPANY = path.resolve(__dirname, "../../assets/sample-company.json");
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-remind-test-"));
  fixture = writeFixture(path.join(dir, "in"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("addresses, templates, settings", () => {
  test("several addresses in a cell; malformed ones apart", () => {
    expect(parseAddresses("a@x.cn; B <b@y.com.cn>，c@x.cn、a@x.cn")).toEqual({
      valid: ["a@x.cn", "b@y.com.cn", "c@x.cn"],
      invalid: [],
    });
    expect(parseAddresses("not-an-address, ok@x.cn")).toEqual({
      valid: ["ok@x.cn"],
      invalid: ["not-an-address"],
    });
    expect(parseAddresses(null)).toEqual({ valid: [], invalid: [] });
    for (const bad of ["a@b", "a..b@x.cn", "a@-x.cn", "a b@x.cn", "a@x.cn\r\nBcc: z@x.cn"])
      expect(isAddress(bad)).toBe(false);
  });

  test("an unknown placeholder in an edited template is an issue", () => {
    const t = mailTemplates({ "zh-CN": { preDue: { subject: "{{customer}} {{balnce}}" } } });
    expect(t.issues).toEqual([
      { locale: "zh-CN", type: "preDue", part: "subject", name: "balnce" },
    ]);
    expect(t.templates["zh-CN"].preDue.subject).toBe("{{customer}} {{balnce}}");
    expect(mailTemplates({ "en-US": { dueDay: { body: "Hi {{customer}}" } } }).issues).toEqual([]);
  });

  test("the password comes from the environment only", async () => {
    const file = path.join(dir, "smtp-with-password.json");
    fs.writeFileSync(file, JSON.stringify({ host: "127.0.0.1", password: "x" }));
    expect(() => smtpConfig(file, {}, "en-US")).toThrow(/AR_DESK_SMTP_PASSWORD/);
    expect(() => smtpConfig(file, {}, "zh-CN")).toThrow(/不得写密码/);
    expect(() =>
      smtpConfig(undefined, { AR_DESK_SMTP_HOST: "h", AR_DESK_SMTP_USER: "u" }, "en-US"),
    ).toThrow(/AR_DESK_SMTP_PASSWORD is empty/);
    expect(
      smtpConfig(
        undefined,
        {
          AR_DESK_SMTP_HOST: "smtp.example.cn",
          AR_DESK_SMTP_USER: "u",
          AR_DESK_SMTP_PASSWORD: "p",
        },
        "en-US",
      ),
    ).toMatchObject({ host: "smtp.example.cn", port: 587, security: "starttls", password: "p" });
    expect(() =>
      smtpConfig(
        undefined,
        {
          AR_DESK_SMTP_HOST: "smtp.example.cn",
          AR_DESK_SMTP_SECURITY: "none",
          AR_DESK_SMTP_USER: "u",
          AR_DESK_SMTP_PASSWORD: "p",
        },
        "en-US",
      ),
    ).toThrow(/in clear/);
    const r = await run("remind", fixture.invoices, "--password", "secret");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/password/);
    const noSmtp = await run(
      "remind",
      fixture.invoices,
      "--send",
      "--register",
      path.join(dir, "r.xlsx"),
    );
    expect(noSmtp.status).toBe(2);
    expect(noSmtp.stderr).toMatch(/SMTP/);
  });
});

const printing = libreOffice && hasPdftotext ? describe : describe.skip;

async function attachmentText(mail: ParsedMail, where: string): Promise<string> {
  expect(mail.attachments).toHaveLength(1);
  const a = mail.attachments[0];
  expect(a.contentType).toBe("application/pdf");
  const file = path.join(where, `${randomUUID()}.pdf`);
  fs.writeFileSync(file, a.content);
  return pdfText(file);
}

printing("dry run: .eml drafts and the summary (skipped without soffice and pdftotext)", () => {
  let out: string;
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    out = path.join(dir, "drafts");
    r = await run(
      "remind",
      fixture.invoices,
      "--customers",
      fixture.customers,
      "--as-of",
      AS_OF,
      "--out",
      out,
      "--from",
      "收款部 <ar@ar-desk.test>",
      "--reply-to",
      "collector@ar-desk.test",
    );
  }, 600_000);

  test("one draft per reminder due, in the customer's language, the letter attached", async () => {
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const emls = fs
      .readdirSync(out)
      .filter((f) => f.endsWith(".eml"))
      .sort();
    expect(emls).toEqual([
      "20260630-confirm-C0002.eml",
      "20260630-dueDay-C0003.eml",
      "20260630-dunning-C-C0004.eml",
      "20260630-preDue-C0001.eml",
      "20260630-preDue-C0009.eml",
      "20260630-preDue-C0011.eml",
    ]);
    const c1 = await simpleParser(fs.readFileSync(path.join(out, "20260630-preDue-C0001.eml")));
    expect(c1.subject).toContain("上海华东机电有限公司");
    expect(c1.subject).toContain("2026-07-07");
    expect((c1.to as { text: string }).text).toBe("c0001@ar-desk.test");
    expect(c1.replyTo?.text).toBe("collector@ar-desk.test");
    expect(c1.text).toContain("INV-001");
    const text = await attachmentText(c1, dir);
    expect(text).toContain("上海华东机电有限公司");
    expect(text).toContain("12,345.67");
    // The list says English for C0002: an English message and letter.
    const c2 = await simpleParser(fs.readFileSync(path.join(out, "20260630-confirm-C0002.eml")));
    expect(c2.subject).toMatch(/^Please confirm your payment date: Northwind Trading/);
    expect(c2.attachments[0].filename).toBe("Statement-C0002-20260630.pdf");
    expect((c2.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual([
      "ap@ar-desk.test",
      "c0002.boss@ar-desk.test",
    ]);
  });

  test("without a company profile the drafts carry placeholders, and the run says what to fill in", async () => {
    expect(r.stdout).toMatch(/^ {2}! 公司资料缺少 公司名称、.*发送（--send）前请用 --company/m);
    const c1 = await simpleParser(fs.readFileSync(path.join(out, "20260630-preDue-C0001.eml")));
    expect(await attachmentText(c1, dir)).toContain("待填");
  });

  test("--send without a company profile refuses before the first message (exit 2)", async () => {
    // Port 1: nothing listens, so a run that tried to send would fail per message (exit 1).
    const smtp = path.join(dir, "smtp-nowhere.json");
    fs.writeFileSync(smtp, JSON.stringify({ host: "127.0.0.1", port: 1, security: "none" }));
    const refused = await run(
      "remind",
      fixture.invoices,
      "--customers",
      fixture.customers,
      "--as-of",
      AS_OF,
      "--send",
      "--smtp",
      smtp,
      "--from",
      "ar@ar-desk.test",
      "--register",
      path.join(dir, "register-refused.xlsx"),
      "--out",
      path.join(dir, "refused"),
      "--lang",
      "en-US",
    );
    expect(refused.status).toBe(2);
    expect(fs.existsSync(path.join(dir, "register-refused.xlsx"))).toBe(false);
    expect(refused.stderr).toMatch(
      /^ar-desk: --send: the company profile lacks company name, .*nothing was sent\n$/,
    );
  }, 600_000);

  test("holds skipped with their reasons; address problems located", () => {
    expect(r.stdout).toMatch(/C0005 深圳争议电子有限公司.*有争议/);
    expect(r.stdout).toMatch(/C0006 成都勿扰食品有限公司.*不联系/);
    expect(r.stdout).toMatch(/C0010 天津承诺化工有限公司.*已承诺付款/);
    expect(r.stdout).toMatch(/customers\.csv 第 8 行（邮箱）：C0007 .*没有邮箱/);
    expect(r.stdout).toMatch(/customers\.csv 第 9 行（邮箱）：C0008 .*格式有误 "not-an-address"/);
    expect(r.stdout).toContain("写出 6 封 .eml 草稿");
    for (const held of ["C0005", "C0006", "C0007", "C0008", "C0010"])
      expect(fs.readdirSync(out).some((f) => f.includes(held))).toBe(false);
  });
});

/**
 * Messages in the test server's Maildir sent from `from`, once the server has delivered all it
 * accepted: a marker message is sent last and waited for (postfix delivers in order of arrival
 * to one mailbox), then the marker is left out.
 */
async function delivered(from: string): Promise<ParsedMail[]> {
  const marker = `marker ${randomUUID()}`;
  const t = nodemailer.createTransport({ host: "127.0.0.1", port: 25, ignoreTLS: true });
  await t.sendMail({ from, to: "marker@ar-desk.test", subject: marker, text: "." });
  t.close();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const mails: ParsedMail[] = [];
    for (const sub of ["new", "cur"]) {
      const d = path.join(MAILDIR, sub);
      if (!fs.existsSync(d)) continue;
      for (const f of fs.readdirSync(d)) {
        const bytes = fs.readFileSync(path.join(d, f));
        if (!bytes.includes(from)) continue;
        mails.push(await simpleParser(bytes));
      }
    }
    if (mails.some((m) => m.subject === marker))
      return mails.filter((m) => deliveredTo(m) !== "marker@ar-desk.test");
    if (Date.now() > deadline) throw new Error("the marker message was not delivered in 120 s");
    // Wait for the server's local delivery (a state), polling.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function deliveredTo(m: ParsedMail): string {
  const h = m.headers.get("delivered-to") as
    { value?: { address?: string }[] } | string | undefined;
  const text = typeof h === "string" ? h : (h?.value?.[0]?.address ?? "");
  return text.toLowerCase();
}

async function registerRows(file: string): Promise<(string | number | null)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("邮件发送登记")!;
  const rows: (string | number | null)[][] = [];
  ws.eachRow((row) => {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= 14; c++) {
      const v = row.getCell(c).value;
      cells.push(typeof v === "string" || typeof v === "number" ? v : null);
    }
    rows.push(cells);
  });
  return rows;
}

const smtp = libreOffice && hasPdftotext && smtpReachable() ? describe : describe.skip;

smtp("sent through the SMTP server on 127.0.0.1:25 (skipped when none answers)", () => {
  const smtpFile = (port: number) => {
    const f = path.join(dir, `smtp-${port}.json`);
    fs.writeFileSync(f, JSON.stringify({ host: "127.0.0.1", port, security: "none" }));
    return f;
  };
  const remind = (from: string, register: string, port = 25, out = "sent") =>
    run(
      "remind",
      fixture.invoices,
      "--customers",
      fixture.customers,
      "--company",
      COMPANY,
      "--as-of",
      AS_OF,
      "--send",
      "--smtp",
      smtpFile(port),
      "--register",
      register,
      "--from",
      `收款部 <${from}>`,
      "--reply-to",
      "collector@ar-desk.test",
      "--out",
      path.join(dir, out),
      "--rate",
      "6000",
    );

  test("delivered, recorded once each; a second run sends nothing", async () => {
    const from = `run-${randomUUID().slice(0, 8)}@ar-desk.test`;
    const register = path.join(dir, "register.xlsx");
    const first = await remind(from, register);
    // C0009's only address is refused: a failure, retried next run, never recorded.
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(
      /失败 \| 到期前提醒 \| C0009 .*refuse@ar-desk\.test.*下次运行重试/,
    );
    expect(first.stdout).toMatch(
      /已发送 \| 到期前提醒 \| C0011 .*c0011@ar-desk\.test .*被服务器拒收：refuse@ar-desk\.test/,
    );
    expect(first.stdout).toContain("已发送 5 封，失败 1 封");

    // C0002 has two addresses: one copy each; C0011 one copy (the other address refused).
    const mails = await delivered(from);
    expect(mails.map(deliveredTo).sort()).toEqual([
      "ap@ar-desk.test",
      "c0001@ar-desk.test",
      "c0002.boss@ar-desk.test",
      "c0003@ar-desk.test",
      "c0004@ar-desk.test",
      "c0011@ar-desk.test",
    ]);
    const c1 = mails.find((m) => deliveredTo(m) === "c0001@ar-desk.test")!;
    // The subject went out encoded (RFC 2047) and reads back in Chinese.
    expect(c1.subject).toMatch(/^付款提醒：上海华东机电有限公司 12,345\.67 将于 2026-07-07 到期$/);
    expect(c1.replyTo?.text).toBe("collector@ar-desk.test");
    expect(c1.from?.value[0].address).toBe(from);
    const text = await attachmentText(c1, dir);
    expect(text).toContain("上海华东机电有限公司");
    expect(text).toContain("12,345.67");
    const c4 = mails.find((m) => deliveredTo(m) === "c0004@ar-desk.test")!;
    expect(c4.subject).toContain("最后催告函");
    expect(await attachmentText(c4, dir)).toContain("40,000.00");

    // The register: one row per message delivered, the PDF's SHA-256, the message id.
    const rows = await registerRows(register);
    expect(rows[0][0]).toBe("时间（UTC）");
    const data = rows.slice(1);
    expect(data.map((r) => r[3]).sort()).toEqual(["C0001", "C0002", "C0003", "C0004", "C0011"]);
    const row1 = data.find((r) => r[3] === "C0001")!;
    expect(row1[1]).toBe("已发送");
    expect(row1[8]).toBe("c0001@ar-desk.test");
    expect(row1[9]).toBe(c1.messageId);
    expect(row1[10]).toBe("对账单-C0001-20260630.pdf");
    expect(row1[11]).toBe(createHash("sha256").update(c1.attachments[0].content).digest("hex"));
    expect(data.find((r) => r[3] === "C0011")![8]).toBe("c0011@ar-desk.test");
    expect(sentKeys(rows.map((r) => r.map((v) => v)))).toHaveProperty("size", 5);

    // Same day again: nothing already sent goes out; the refused one is tried again.
    const second = await remind(from, register);
    expect(second.stdout).toContain("已发送 0 封，失败 1 封，已发过 5 封");
    expect((await registerRows(register)).length).toBe(rows.length);
    expect(await delivered(from)).toHaveLength(6);
  }, 900_000);

  test("a refused recipient and a connection cut mid-run: reported, only deliveries recorded, the rest sent next run", async () => {
    const from = `cut-${randomUUID().slice(0, 8)}@ar-desk.test`;
    const register = path.join(dir, "register-cut.xlsx");
    // A loopback proxy in front of postfix: the third session (C0003's message) is cut when
    // the client starts sending the message (DATA); the others pass.
    let sessions = 0;
    const open = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      open.add(client);
      client.on("close", () => open.delete(client));
      const n = ++sessions;
      const server = net.connect({ host: "127.0.0.1", port: 25 });
      open.add(server);
      server.on("close", () => open.delete(server));
      server.on("error", () => client.destroy());
      client.on("error", () => server.destroy());
      server.pipe(client);
      client.on("data", (chunk: Buffer) => {
        if (n === 3 && /^DATA\r?$/im.test(chunk.toString("latin1"))) {
          client.destroy();
          server.destroy();
          return;
        }
        server.write(chunk);
      });
      client.on("end", () => server.end());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const port = (proxy.address() as net.AddressInfo).port;
    try {
      const cut = await remind(from, register, port, "cut");
      expect(cut.status).toBe(1);
      // Both reported: C0003's connection dropped mid-message, C0009's only address refused
      // (and one of C0011's two); the others delivered.
      expect(cut.stdout).toMatch(
        /失败 \| 到期日提醒 \| C0003 .*下次运行重试：.*(closed|ECONNRESET|socket)/i,
      );
      expect(cut.stdout).toMatch(/失败 \| 到期前提醒 \| C0009 .*下次运行重试：.*554 5\.1\.1/);
      expect(cut.stdout).toMatch(
        /已发送 \| 到期前提醒 \| C0011 .*被服务器拒收：refuse@ar-desk\.test/,
      );
      for (const code of ["C0001", "C0002", "C0004"])
        expect(cut.stdout).toMatch(new RegExp(`已发送 \\| [^|]+ \\| ${code} `));
      expect(cut.stdout).toContain("已发送 4 封，失败 2 封");
    } finally {
      for (const s of open) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
    const afterCut = (await registerRows(register)).slice(1);
    expect(afterCut.map((r) => r[3]).sort()).toEqual(["C0001", "C0002", "C0004", "C0011"]);
    // What was delivered: nothing of C0003.
    expect((await delivered(from)).map(deliveredTo).sort()).toEqual([
      "ap@ar-desk.test",
      "c0001@ar-desk.test",
      "c0002.boss@ar-desk.test",
      "c0004@ar-desk.test",
      "c0011@ar-desk.test",
    ]);

    // The next run, straight to the server, sends the rest and nothing twice.
    const next = await remind(from, register);
    expect(next.stdout).toContain("已发送 1 封，失败 1 封，已发过 4 封");
    expect(next.stdout).toMatch(/已发送 \| 到期日提醒 \| C0003/);
    expect(next.stdout).toMatch(/失败 \| 到期前提醒 \| C0009/);
    const rows = (await registerRows(register)).slice(1);
    expect(rows.map((r) => r[3]).sort()).toEqual(["C0001", "C0002", "C0003", "C0004", "C0011"]);
    const mails = await delivered(from);
    expect(mails.map(deliveredTo).sort()).toEqual([
      "ap@ar-desk.test",
      "c0001@ar-desk.test",
      "c0002.boss@ar-desk.test",
      "c0003@ar-desk.test",
      "c0004@ar-desk.test",
      "c0011@ar-desk.test",
    ]);
  }, 900_000);
});
