/**
 * A problem with the user's input file as a whole (unreadable, not a workbook, too large): the
 * message is one line, fit to print as is. The command line exits with status 2 on it; the
 * preview shows it. The one definition, used by the readers here and the CLI's file access.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "InputError";
  }
}
