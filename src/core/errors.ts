/**
 * An error whose message a user reads: `message` is the English text (logs, tests, other
 * languages' fallback); `text(locale)` is the message in the user's language when the error was
 * made from a message table. Every face shows `errorText(err, locale)`.
 */
import type { Locale } from "./messages";

export class LocalizedError extends Error {
  readonly localized?: (locale: Locale) => string;

  constructor(message: string, localized?: (locale: Locale) => string) {
    super(message);
    if (localized) this.localized = localized;
  }

  /** The message in `locale` (the English one when the error has no other). */
  text(locale: Locale): string {
    return this.localized ? this.localized(locale) : this.message;
  }
}

/** What to show a user for any thrown value, in `locale` when the error knows it. */
export function errorText(err: unknown, locale: Locale): string {
  if (err instanceof LocalizedError) return err.text(locale);
  if (err instanceof Error) return err.message;
  return String(err);
}
