/**
 * The mail register of `ar-desk remind --register REG.xlsx` as a file: a lock beside it so two
 * runs never send the same messages at once, and its rows read and appended through the file
 * adapter (each append written at once, to a temporary file then renamed).
 */
import * as fs from "node:fs";
import type { Locale } from "../../core/messages";
import { InputError } from "../../io/errors";
import type { CellValue } from "../../sheet/grid";
import { MAIL_REGISTER_SHEET, mailRegisterSpec, type MailRecord } from "../../sheet/mail-register";
import { FileWorkbook } from "../io/file-workbook";
import { cliText } from "../messages";

/** A lock beside the register, so two runs never send the same messages at once. */
export function takeLock(register: string, locale: Locale): string {
  const lock = `${register}.lock`;
  try {
    fs.writeFileSync(lock, `${process.pid} ${new Date().toISOString()}\n`, { flag: "wx" });
  } catch {
    let stale = false;
    try {
      const pid = Number(fs.readFileSync(lock, "utf8").split(" ")[0]);
      process.kill(pid, 0);
    } catch {
      stale = true; // the run that left it is gone
    }
    if (!stale) throw new InputError(cliText(locale, "registerLocked", { file: register, lock }));
    fs.writeFileSync(lock, `${process.pid} ${new Date().toISOString()}\n`);
  }
  return lock;
}

/**
 * The mail register workbook: its rows now, and an append that saves at once, through the file
 * adapter (written to a temporary file and renamed; the workbook's other sheets carried over).
 */
export async function openRegister(
  file: string,
  locale: Locale,
): Promise<{ rows: CellValue[][]; append(m: MailRecord): Promise<void> }> {
  const names = Object.values(MAIL_REGISTER_SHEET);
  const book = new FileWorkbook(file, { own: names, locale });
  const sheet = book.exists()
    ? (book.book.sheetNames.find((n) => names.includes(n)) ?? null)
    : null;
  const rows: CellValue[][] = sheet === null ? [] : (await book.readValues(sheet)).rows;
  const added: MailRecord[] = [];
  return {
    rows,
    async append(m) {
      added.push(m);
      const spec = mailRegisterSpec({ sheet, rows }, added, locale);
      await book.writeSheets([spec]);
    },
  };
}
