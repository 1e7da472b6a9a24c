/**
 * PDF letters (issue 19): every generated document printed by LibreOffice headless from the
 * same filled template sheet the user would print, one PDF per document. LibreOffice is a real,
 * maintained renderer; ar-desk never draws PDFs itself. Each run uses a private LibreOffice
 * profile (a fresh temporary directory), so parallel runs never share one.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ymdFromSerial, type Serial } from "../core/dates";
import type { Locale } from "../core/messages";
import type { DocumentRecord, Generated } from "../sheet/documents";
import type { SheetSpec } from "../sheet/spec";
import { DOCUMENT_NAMES, type TemplateKind } from "../sheet/templates/fields";
import { InputError } from "../io/errors";
import { cliText } from "./messages";
import { writeSpecs } from "./xlsx-writer";

/** Generous: a cold LibreOffice start on a loaded 2-core machine takes tens of seconds. */
export const PDF_TIMEOUT_MS = 300_000;

/** The LibreOffice binary (`AR_DESK_SOFFICE`, else soffice / libreoffice on the PATH), or null. */
export function findSoffice(): string | null {
  const candidates = [
    process.env.AR_DESK_SOFFICE,
    "soffice",
    "libreoffice",
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
  ].filter((c): c is string => !!c);
  for (const binary of candidates) {
    const res = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 60_000 });
    if (res.status === 0) return binary;
  }
  return null;
}

export function sofficeMissing(locale: Locale): InputError {
  return new InputError(cliText(locale, "sofficeMissing"));
}

/** Short names of the documents in file names. */
const FILE_KIND: Record<Locale, Record<TemplateKind, string>> = {
  "zh-CN": DOCUMENT_NAMES["zh-CN"],
  "en-US": {
    statement: "Statement",
    activity: "Activity-statement",
    confirmation: "Confirmation",
    reminder: "Reminder",
    notice: "Second-notice",
    final: "Final-demand",
    commitment: "Commitment",
  },
};

/**
 * A file-name part safe on Windows, macOS and Linux: no path separators, reserved or control
 * characters, no leading dots, at most 60 characters.
 */
export function safeNamePart(text: string): string {
  const clean = text
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, "")
    .replace(/[\\/:*?"<>|]+/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  const cut = Array.from(clean).slice(0, 60).join("");
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cut);
  return !cut || reserved ? `_${cut}` : cut;
}

export function yyyymmdd(serial: Serial): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`;
}

/** `对账单-C0003-20260630.pdf`; a second one the same day gets `-2`, and so on. */
export function pdfFileNames(
  docs: readonly Pick<DocumentRecord, "kind" | "customer">[],
  date: Serial,
  locale: Locale,
): string[] {
  const seen = new Map<string, number>();
  return docs.map((d) => {
    const base = `${FILE_KIND[locale][d.kind]}-${safeNamePart(d.customer)}-${yyyymmdd(date)}`;
    const key = base.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${n === 1 ? base : `${base}-${n}`}.pdf`;
  });
}

/** The documents of a per-customer generation (one sheet each), ready to print. */
export function pdfDocuments(g: Generated, date: Serial, locale: Locale): PdfDocument[] {
  const byName = new Map(g.specs.map((s) => [s.name, s]));
  const names = pdfFileNames(g.documents, date, locale);
  return g.documents.map((d, k) => ({ spec: byName.get(d.sheet)!, name: names[k], record: d }));
}

export interface PdfDocument {
  record?: DocumentRecord;
  /** The document's filled sheet (one document, its own print setup). */
  spec: SheetSpec;
  /** The PDF's file name (safe, see pdfFileNames). */
  name: string;
}

/**
 * Prints each document to its own PDF in `outDir`: one one-sheet workbook per document, all
 * converted by a single LibreOffice run. Resolves to the PDFs' paths in document order.
 */
export async function writePdfs(
  docs: readonly PdfDocument[],
  outDir: string,
  locale: Locale,
  soffice: string | null = findSoffice(),
): Promise<string[]> {
  if (!docs.length) return [];
  if (!soffice) throw sofficeMissing(locale);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ar-desk-pdf-"));
  try {
    const books = path.join(work, "books");
    const pdfs = path.join(work, "pdf");
    fs.mkdirSync(books);
    fs.mkdirSync(pdfs);
    // ASCII names for LibreOffice; the meaningful names are given when the PDFs are moved.
    const inputs: string[] = [];
    for (let k = 0; k < docs.length; k++) {
      const file = path.join(books, `doc-${String(k + 1).padStart(5, "0")}.xlsx`);
      await writeSpecs(file, [{ ...docs[k].spec, name: docs[k].spec.name.slice(0, 31) }]);
      inputs.push(file);
    }
    await runSoffice(soffice, path.join(work, "profile"), pdfs, inputs, locale);
    fs.mkdirSync(outDir, { recursive: true });
    const out: string[] = [];
    for (let k = 0; k < docs.length; k++) {
      const made = path.join(pdfs, path.basename(inputs[k]).replace(/\.xlsx$/, ".pdf"));
      if (!fs.existsSync(made))
        throw new InputError(cliText(locale, "pdfNotPrinted", { name: docs[k].name }));
      const target = path.join(outDir, docs[k].name);
      fs.copyFileSync(made, target);
      out.push(target);
    }
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function runSoffice(
  soffice: string,
  profile: string,
  outDir: string,
  inputs: string[],
  locale: Locale,
): Promise<void> {
  const args = [
    `-env:UserInstallation=file://${profile
      .split(path.sep)
      .join("/")
      .replace(/^([^/])/, "/$1")}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    "--nodefault",
    "--convert-to",
    "pdf",
    "--outdir",
    outDir,
    ...inputs,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(soffice, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), PDF_TIMEOUT_MS);
    child.on("error", () => {
      clearTimeout(timer);
      reject(sofficeMissing(locale));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = signal
        ? cliText(locale, "pdfTimeout", { seconds: PDF_TIMEOUT_MS / 1000 })
        : `exit ${code}`;
      reject(
        new InputError(
          cliText(locale, "pdfFailed", {
            why,
            stderr: stderr
              // eslint-disable-next-line no-control-regex
              .replace(/[\u0000-\u001f]+/g, " ")
              .trim()
              .slice(0, 300),
          }),
        ),
      );
    });
  });
}
