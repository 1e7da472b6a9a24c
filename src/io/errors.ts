/**
 * A problem with the user's input file as a whole (unreadable, not a workbook, too large): the
 * message is one line, fit to print as is. The command line exits with status 2 on it; the
 * preview shows it. The one definition, used by the readers here and the CLI's file access.
 *
 * `message` is the English text; an error made from a message table also carries `localized`,
 * the same message in another locale, which the command line prints in the run's language.
 */
import { LocalizedError } from "../core/errors";
import type { Locale } from "../core/messages";

export class InputError extends LocalizedError {
  constructor(message: string, localized?: (locale: Locale) => string) {
    super(oneLine(message), localized && ((locale) => oneLine(localized(locale))));
    this.name = "InputError";
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ");
}
