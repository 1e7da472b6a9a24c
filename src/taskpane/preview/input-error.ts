/**
 * The browser's stand-in for src/cli/io/read.ts when the preview bundles the CLI's fast .xlsx
 * reader (src/cli/io/xlsx.ts): the reader needs only `InputError` from there, and read.ts opens
 * files with Node's fs. webpack.preview.js swaps this module in for that one import.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "InputError";
  }
}
