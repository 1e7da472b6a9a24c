/**
 * Which file arguments name the same file. Path strings do not tell: a symlink, a hard link,
 * `./a/../x.xlsx` or `X.XLSX` on a case-insensitive disk all name the same file by another
 * string. Two existing files are the same when their device and inode agree (after following
 * symlinks); a file that does not exist yet (an output about to be made) is identified by its
 * folder's device and inode and its name, compared without case when that folder is on a
 * case-insensitive file system.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { unzipSync } from "fflate";
import type { Locale } from "../../core/messages";
import { InputError } from "../../io/errors";
import { UsageError } from "../usage-error";
import type { MessageParams } from "../../core/i18n";
import { cliText, type CliKey } from "../messages";

/** One file named on the command line. */
export interface FileArg {
  /** The option that named it (`--out`, `--log`), or `input` for a positional file. */
  flag: string;
  path: string;
  /** Whether this run may write it (an output, or an input that may be created or appended). */
  writes: boolean;
}

type Identity =
  | { exists: true; dev: number; ino: number }
  | { exists: false; dirDev: number; dirIno: number; name: string; caseless: boolean }
  | { exists: false; dirDev: null; resolved: string };

function identityOf(file: string): Identity {
  try {
    const st = fs.statSync(file);
    return { exists: true, dev: st.dev, ino: st.ino };
  } catch {
    // Not there (or a dangling symlink): its folder and name.
  }
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const name = path.basename(abs);
  try {
    const st = fs.statSync(dir);
    return {
      exists: false,
      dirDev: st.dev,
      dirIno: st.ino,
      name,
      caseless: caseInsensitive(dir, st),
    };
  } catch {
    return { exists: false, dirDev: null, resolved: abs };
  }
}

/**
 * Whether names in this folder are compared without case: the folder's own name with its case
 * swapped leads to the same folder. A name without letters cannot tell; then the platform's
 * usual disks decide (macOS and Windows are case-insensitive by default).
 */
function caseInsensitive(dir: string, st: fs.Stats): boolean {
  const base = path.basename(dir);
  const swapped = [...base]
    .map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
    .join("");
  if (swapped === base) return process.platform === "darwin" || process.platform === "win32";
  try {
    const other = fs.statSync(path.join(path.dirname(dir), swapped));
    return other.dev === st.dev && other.ino === st.ino;
  } catch {
    return false;
  }
}

/** Whether two paths name the same file (existing, or to be made in the same folder). */
export function sameFile(a: string, b: string): boolean {
  const x = identityOf(a);
  const y = identityOf(b);
  if (x.exists && y.exists) return x.dev === y.dev && x.ino === y.ino;
  if (x.exists || y.exists) return false;
  if (x.dirDev === null || y.dirDev === null)
    return path.resolve(a) === path.resolve(b) && x.dirDev === y.dirDev;
  if (x.dirDev !== y.dirDev || x.dirIno !== y.dirIno) return false;
  return x.caseless || y.caseless
    ? x.name.toLowerCase() === y.name.toLowerCase()
    : x.name === y.name;
}

/**
 * Refuses a run in which a file it writes is also another of its file arguments (an input, or
 * a second output), whatever the paths look like. `allowed` pairs of flags may share a file
 * by design (`generate --register` = `--out` writes the register into the output).
 */
export function refuseSharedFiles(
  files: readonly FileArg[],
  locale: Locale,
  allowed: readonly (readonly [string, string])[] = [],
): void {
  const given = files.filter((f) => f.path);
  for (let i = 0; i < given.length; i++) {
    for (let j = i + 1; j < given.length; j++) {
      const a = given[i];
      const b = given[j];
      if (!a.writes && !b.writes) continue;
      if (
        allowed.some(([p, q]) => (p === a.flag && q === b.flag) || (p === b.flag && q === a.flag))
      )
        continue;
      if (!sameFile(a.path, b.path)) continue;
      const [w, other] = a.writes ? [a, b] : [b, a];
      throw new UsageError(sharedFileMessage(w, other, locale));
    }
  }
}

function label(f: FileArg, locale: Locale): string {
  if (f.flag === "input") return cliText(locale, "inputFile", { file: f.path });
  return `${f.flag} ${f.path}`;
}

function sharedFileMessage(w: FileArg, other: FileArg, locale: Locale): string {
  return cliText(locale, w.path === other.path ? "sameFile" : "sameFileLinked", {
    a: label(w, locale),
    b: label(other, locale),
  });
}

/**
 * Whether an existing .xlsx was written by ar-desk: its extended properties name ar-desk as
 * the application, or its core properties give ar-desk as both creator and last editor (the
 * workbooks ar-desk makes through ExcelJS). A workbook saved again in Excel names Excel and
 * its user: it is the user's now.
 */
export function madeByArDesk(file: string): boolean {
  let data: Uint8Array;
  try {
    data = fs.readFileSync(file);
  } catch {
    return false;
  }
  try {
    const parts = unzipSync(data, {
      filter: (f) =>
        (f.name === "docProps/app.xml" || f.name === "docProps/core.xml") &&
        f.originalSize < 1 << 20,
    });
    const text = (name: string) =>
      parts[name] ? new TextDecoder("utf-8").decode(parts[name]) : "";
    if (/<(?:\w+:)?Application>\s*ar-desk\s*</.test(text("docProps/app.xml"))) return true;
    const core = text("docProps/core.xml");
    return (
      /<dc:creator>\s*ar-desk\s*</.test(core) && /<cp:lastModifiedBy>\s*ar-desk\s*</.test(core)
    );
  } catch {
    return false;
  }
}

/**
 * Refuses to replace an existing file ar-desk did not make, unless `--force` was given
 * (`flag` names the option, for the message).
 */
export function refuseForeignOverwrite(
  file: string,
  force: boolean,
  flag: string,
  locale: Locale,
): void {
  if (force || !fs.existsSync(file) || madeByArDesk(file)) return;
  throw new UsageError(cliText(locale, "foreignOverwrite", { flag, file }));
}

/**
 * Before anything is written: a file the run will write can be written (the file itself when
 * it exists, else the nearest existing folder on its path), and one it will also read (`read`,
 * a register to append to, a log to apply) can be read. A one-line message otherwise.
 */
export function checkWritable(file: string, flag: string, locale: Locale, read = false): void {
  const fail = (key: CliKey, params: MessageParams = {}): never => {
    const why = cliText(locale, key, params);
    throw new InputError(cliText(locale, "notWritable", { flag, file, why }));
  };
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(file);
  } catch {
    st = null;
  }
  if (st) {
    if (st.isDirectory()) fail("whyFolder");
    try {
      fs.accessSync(file, read ? fs.constants.R_OK | fs.constants.W_OK : fs.constants.W_OK);
    } catch {
      fail("whyPermission");
    }
  }
  // The folder it goes in: the nearest one that exists must take a new file.
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    try {
      const d = fs.statSync(dir);
      if (!d.isDirectory()) fail("whyNotFolder", { dir });
      break;
    } catch (e) {
      if (e instanceof InputError) throw e;
      const up = path.dirname(dir);
      if (up === dir) fail("whyNoFolder");
      dir = up;
    }
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    fail("whyNoWriteIn", { dir });
  }
}
