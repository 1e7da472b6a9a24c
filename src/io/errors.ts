/**
 * A problem with the user's input file as a whole (unreadable, not a workbook, too large): the
 * message is one line, fit to print as is. The command line exits with status 2 on it; the
 * preview shows it. The one definition, used by the readers here and the CLI's file access.
 *
 * `message` is the English text; an error made from a message table also carries `localized`,
 * the same message in another locale, which the command line prints in the run's language.
 */
export class InputError extends Error {
  readonly localized?: (locale: "zh-CN" | "en-US") => string;

  constructor(message: string, localized?: (locale: "zh-CN" | "en-US") => string) {
    super(oneLine(message));
    this.name = "InputError";
    if (localized) this.localized = (locale) => oneLine(localized(locale));
  }

  /** The message in `locale` (the English one when the error has no other). */
  text(locale: "zh-CN" | "en-US"): string {
    return this.localized ? this.localized(locale) : this.message;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ");
}
