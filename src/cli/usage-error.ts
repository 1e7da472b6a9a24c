import type { Locale } from "../core/messages";

/**
 * Unusable arguments: a one-line message, exit status 2. `message` is English; one made from
 * the message table (`usageError`) carries `localized` too, and main.ts prints that in the
 * run's language.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly localized?: (locale: Locale) => string,
  ) {
    super(message);
  }

  /** The message in `locale` (the English one when the error has no other). */
  text(locale: Locale): string {
    return this.localized ? this.localized(locale) : this.message;
  }
}
