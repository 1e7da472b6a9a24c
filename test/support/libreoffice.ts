/**
 * LibreOffice as an independent spreadsheet engine for tests: recalculate a generated workbook
 * (`--convert-to xlsx` with recalculation on load forced on) or print it to PDF. Shares the
 * benchmark's profile handling (bench/native.ts).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { convert, findLibreOffice, profileDir } from "../../bench/native";

export const libreOffice = findLibreOffice();

/**
 * A LibreOffice profile of this test process's own: jest runs test files in parallel workers, and
 * two soffice processes sharing a profile hand their work to each other and race.
 */
const PROFILE_TAG = `-jest-${process.pid}`;
/** Ceiling for one soffice run: its first start on a new profile is slow on a loaded machine. */
const SOFFICE_MS = 600_000;
process.once("exit", () => {
  for (const mode of [0, 1] as const) {
    const dir = path.join(path.dirname(profileDir(mode)), `lo-profile-recalc${mode}${PROFILE_TAG}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Recalculates `file` in LibreOffice; resolves to the path of the recalculated copy. */
export function recalculate(file: string, outDir: string): string {
  if (!libreOffice) throw new Error("LibreOffice (soffice) is not installed");
  const res = convert(libreOffice, file, outDir, 0, SOFFICE_MS, PROFILE_TAG);
  if (!res.ok) throw new Error(`LibreOffice failed: ${res.message}`);
  return res.output;
}

/** Prints `file` to PDF; resolves to the PDF's path and its page count. */
export function toPdf(file: string, outDir: string): { pdf: string; pages: number } {
  if (!libreOffice) throw new Error("LibreOffice (soffice) is not installed");
  fs.mkdirSync(outDir, { recursive: true });
  const res = spawnSync(
    libreOffice.binary,
    [
      `-env:UserInstallation=file://${profileDir(0, PROFILE_TAG)}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      file,
    ],
    { encoding: "utf8", timeout: SOFFICE_MS },
  );
  const pdf = path.join(outDir, path.basename(file).replace(/\.xlsx$/i, ".pdf"));
  if (res.status !== 0 || !fs.existsSync(pdf))
    throw new Error(`LibreOffice could not print ${file}: ${res.stderr || res.error?.message}`);
  const bytes = fs.readFileSync(pdf, "latin1");
  const pages = (bytes.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { pdf, pages };
}

/**
 * The text layer of a PDF (poppler's pdftotext), to check what a reader would see: glyphs
 * printed as empty boxes (no CJK font) leave no Chinese text behind.
 */
export function pdfText(pdf: string): string {
  const res = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: SOFFICE_MS,
  });
  if (res.error || res.status !== 0)
    throw new Error(
      `pdftotext failed on ${pdf} (Debian's poppler-utils; .ci/run installs it): ${res.stderr || res.error?.message}`,
    );
  return res.stdout;
}

/**
 * Prints several workbooks to PDF in one LibreOffice run (starting soffice is most of the cost
 * on a busy machine); returns each file's PDF path, in order. Throws when one is missing.
 */
export function toPdfs(files: string[], outDir: string, timeout = SOFFICE_MS): string[] {
  if (!libreOffice) throw new Error("LibreOffice (soffice) is not installed");
  fs.mkdirSync(outDir, { recursive: true });
  const res = spawnSync(
    libreOffice.binary,
    [
      `-env:UserInstallation=file://${profileDir(0, PROFILE_TAG)}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      ...files,
    ],
    { encoding: "utf8", timeout },
  );
  return files.map((file) => {
    const pdf = path.join(outDir, path.basename(file).replace(/\.xlsx$/i, ".pdf"));
    if (!fs.existsSync(pdf))
      throw new Error(`LibreOffice could not print ${file}: ${res.stderr || res.error?.message}`);
    return pdf;
  });
}

/** The text of each page of a PDF, laid out as printed (`pdftotext -layout`). */
export function pdfPages(pdf: string): string[] {
  const res = spawnSync("pdftotext", ["-layout", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (res.status !== 0) throw new Error(`pdftotext failed on ${pdf}: ${res.stderr}`);
  const pages = res.stdout.split("\f");
  if (pages.length && pages[pages.length - 1].trim() === "") pages.pop();
  return pages;
}

/** Whether a command is on the PATH (pdftotext, pdftoppm). */
export function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}
