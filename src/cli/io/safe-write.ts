/**
 * Writing an output so that no run can leave a partial file under its name: the bytes go to a
 * temporary file in the same folder (`.NAME.PID-RANDOM.ar-desk-tmp`), are flushed to disk, and
 * the temporary file is renamed over the final name, which the file system does in one step.
 * A failure while writing (a full disk, an error in the data) removes the temporary file and
 * leaves the previous file as it was; an interrupt (Ctrl-C, SIGTERM) removes the temporary
 * files of the writes under way before the process ends.
 *
 * Concurrency: two runs writing the same output each write their own temporary file; the last
 * rename wins and the file is always one run's complete output, never a mix (no lock is taken).
 *
 * An output that is a symlink is written through: the file it points to is replaced and the
 * link kept.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export type Chunks =
  Uint8Array | string | Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>;

/** Temporary files being written now, removed on an interrupt. */
const live = new Set<string>();

/** The suffix of temporary files (for tests and clean-up). */
export const TEMP_SUFFIX = ".ar-desk-tmp";

/** The file a write to `file` replaces: the symlink's target when it is one. */
function finalPath(file: string): string {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) return fs.realpathSync(file);
  } catch {
    // Not there yet, or a dangling link (replaced by the new file).
  }
  return path.resolve(file);
}

function tempPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`,
  );
}

function* asIterable(data: Uint8Array | string | Iterable<Uint8Array | string>) {
  if (typeof data === "string" || data instanceof Uint8Array) yield data;
  else yield* data;
}

/**
 * Writes `data` to `file` atomically (see the module comment). Keeps the permissions of the
 * file it replaces.
 */
export async function writeFileAtomic(file: string, data: Chunks): Promise<void> {
  const target = finalPath(file);
  const tmp = tempPathFor(target);
  let mode = 0o666;
  try {
    mode = fs.statSync(target).mode & 0o777;
  } catch {
    // A new file: the default mode, less the umask.
  }
  live.add(tmp);
  let handle: fs.promises.FileHandle | null = null;
  try {
    handle = await fs.promises.open(tmp, "wx", mode);
    const source =
      typeof data === "object" && data !== null && Symbol.asyncIterator in data
        ? (data as AsyncIterable<Uint8Array | string>)
        : asIterable(data as Uint8Array | string | Iterable<Uint8Array | string>);
    for await (const chunk of source) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      for (let done = 0; done < bytes.length;)
        done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.promises.rename(tmp, target);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    live.delete(tmp);
  }
}

/** Removes the temporary files of the writes under way (on an interrupt). */
export function removeTempFiles(): void {
  for (const tmp of live) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do on the way out.
    }
  }
  live.clear();
}

const SIGNALS: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/**
 * On SIGINT, SIGTERM or SIGHUP: remove the temporary files and end with status 128 + the
 * signal's number, as a shell reports a killed process. Installed by the command's entry point.
 */
export function installInterruptCleanup(): void {
  // Any way out (process.exit on EPIPE included) leaves no temporary file behind.
  process.on("exit", removeTempFiles);
  for (const [signal, n] of Object.entries(SIGNALS)) {
    process.once(signal as NodeJS.Signals, () => {
      removeTempFiles();
      process.exit(128 + n);
    });
  }
}
