/**
 * A small book of receivables for the reminder tests (issue 19), as of 2026-06-30: one customer
 * per case of the collection plan and of the mailing rules. Every address is @ar-desk.test,
 * the domain the loopback test server (scripts/ci/start-mail.sh) delivers locally.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const AS_OF = "2026-06-30";

export const INVOICES = `发票号,客户编码,客户名称,开票日期,到期日,金额,已收金额,争议,承诺付款日
INV-001,C0001,上海华东机电有限公司,2026-06-07,2026-07-07,12345.67,0,,
INV-002,C0002,Northwind Trading,2026-06-03,2026-07-03,2000.00,500.00,,
INV-003,C0003,杭州西湖茶业有限公司,2026-05-31,2026-06-30,8800.00,0,,
INV-004,C0004,广州珠江贸易有限公司,2026-03-01,2026-04-15,50000.00,10000.00,,
INV-005,C0005,深圳争议电子有限公司,2026-06-01,2026-07-07,3000.00,0,是,
INV-006,C0006,成都勿扰食品有限公司,2026-06-01,2026-07-07,4000.00,0,,
INV-007,C0007,武汉无邮箱钢铁有限公司,2026-06-01,2026-07-07,5000.00,0,,
INV-008,C0008,南京地址错误有限公司,2026-06-01,2026-07-07,6000.00,0,,
INV-009,C0009,苏州拒收物流有限公司,2026-06-01,2026-07-07,7000.00,0,,
INV-010,C0010,天津承诺化工有限公司,2026-03-01,2026-04-30,9000.00,0,,2026-07-15
INV-011,C0011,重庆半拒收机械有限公司,2026-06-01,2026-07-07,1100.00,0,,
`;

export const CUSTOMERS = `客户编码,客户名称,联系人邮箱,语言,不联系
C0001,上海华东机电有限公司,c0001@ar-desk.test,中文,
C0002,Northwind Trading,"ap@ar-desk.test; c0002.boss@ar-desk.test",English,
C0003,杭州西湖茶业有限公司,c0003@ar-desk.test,,
C0004,广州珠江贸易有限公司,c0004@ar-desk.test,,
C0005,深圳争议电子有限公司,c0005@ar-desk.test,,
C0006,成都勿扰食品有限公司,c0006@ar-desk.test,,是
C0007,武汉无邮箱钢铁有限公司,,,
C0008,南京地址错误有限公司,not-an-address,,
C0009,苏州拒收物流有限公司,refuse@ar-desk.test,,
C0010,天津承诺化工有限公司,c0010@ar-desk.test,,
C0011,重庆半拒收机械有限公司,"c0011@ar-desk.test, refuse@ar-desk.test",,
`;

/** Writes the two CSV files into `dir`; returns their paths. */
export function writeFixture(dir: string): { invoices: string; customers: string } {
  fs.mkdirSync(dir, { recursive: true });
  const invoices = path.join(dir, "invoices.csv");
  const customers = path.join(dir, "customers.csv");
  fs.writeFileSync(invoices, INVOICES);
  fs.writeFileSync(customers, CUSTOMERS);
  return { invoices, customers };
}

/** The text of a PDF by pdftotext, or null when pdftotext is missing. */
export function pdfText(file: string): string {
  const res = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", timeout: 60_000 });
  if (res.status !== 0) throw new Error(`pdftotext failed on ${file}: ${res.stderr}`);
  return res.stdout;
}

export const hasPdftotext = spawnSync("pdftotext", ["-v"], { encoding: "utf8" }).status === 0;

/** The Maildir the test server (scripts/ci/start-mail.sh) delivers @ar-desk.test into. */
export const MAILDIR = "/var/mail/ar-desk/ar-desk.test/inbox";

/**
 * Whether an SMTP server answers on 127.0.0.1:25 and its Maildir can be read: decided at load
 * time (synchronously), so the tests that need it report a skip, never pass vacuously.
 */
export function smtpReachable(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      "-e",
      `const s=require("net").connect({host:"127.0.0.1",port:25});` +
        `s.setTimeout(3000,()=>process.exit(1));` +
        `s.on("data",d=>process.exit(/^220/.test(String(d))?0:1));s.on("error",()=>process.exit(1));`,
    ],
    { timeout: 10_000 },
  );
  if (probe.status !== 0) return false;
  try {
    fs.accessSync(path.dirname(MAILDIR), fs.constants.R_OK | fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
