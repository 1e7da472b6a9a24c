/**
 * Text from the data (customer, sheet and file names, cell values in messages) must not drive
 * the terminal: an ESC sequence could clear the screen or recolour it, an OSC 8 sequence plant a
 * link, a bare carriage return overwrite the total line. Everything the command prints passes
 * through `terminalSafe`, the one sanitiser: control characters other than line feed and tab
 * are made visible — C0 as their Unicode control pictures (ESC → ␛, CR → ␍), DEL as ␡, C1
 * (0x80–0x9F, which some terminals obey as ESC sequences) as `\x9B`-style text.
 *
 * `--json` keeps its data exact: JSON.stringify escapes C0 itself, and `jsonSafe` escapes C1
 * as `\u009b` inside the JSON text (the same string to a JSON reader).
 */
import type { Io } from "./shared";

// eslint-disable-next-line no-control-regex -- these are the characters to make visible
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex -- as CONTROL
const HAS_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function shown(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return "\u2421";
  return `\\x${c.toString(16).toUpperCase()}`;
}

/** The text with every control character but line feed and tab made visible. */
export function visibleText(s: string): string {
  return HAS_CONTROL.test(s) ? s.replace(CONTROL, shown) : s;
}

/** A line of data (a name): line breaks made visible too. */
export function visibleLine(s: string): string {
  return visibleText(s).replace(/\n/g, "\u240A").replace(/\t/g, " ");
}

/** JSON text with the C1 characters escaped (JSON.stringify leaves them raw). */
export function jsonSafe(json: string): string {
  return /[\u007F-\u009F]/.test(json)
    ? json.replace(
        /[\u007F-\u009F]/g,
        (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
      )
    : json;
}

/** The streams with everything written to them made safe for a terminal. */
export function terminalSafe(io: Io): Io {
  return {
    stdout: {
      write: (text: string) => io.stdout.write(visibleText(text)),
      writeBytes: (bytes: Uint8Array) =>
        io.stdout.writeBytes
          ? io.stdout.writeBytes(bytes)
          : io.stdout.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString()),
      written: () => io.stdout.written?.() === true,
    },
    stderr: { write: (text: string) => io.stderr.write(visibleText(text)) },
  };
}
