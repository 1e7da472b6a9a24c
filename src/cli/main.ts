/**
 * The `ar-desk` command (CLI.md). The single exit point: commands return a status or throw a
 * UsageError / InputError, which become a one-line message and status 2, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError } from "../io/errors";
import type { Locale } from "../core/messages";
import { helpText, localeArg, UsageError, usageError, type Io, type ParsedArgs } from "./shared";
import { terminalSafe } from "./terminal";

export type { Io } from "./shared";
export { installInterruptCleanup } from "./io/safe-write";

// Each command's modules load when it runs (zod, nodemailer, the document generators…): start-up
// is part of every run's time.
const analyzeCommand: Run = async (a, io) =>
  (await import("./commands/analyze")).analyzeCommand(a, io);
const generateCommand: Run = async (a, io) =>
  (await import("./commands/generate")).generateCommand(a, io);
const remindCommand: Run = async (a, io) =>
  (await import("./commands/remind")).remindCommand(a, io);
const checkOrderCommand: Run = async (a, io) =>
  (await import("./commands/check-order")).checkOrderCommand(a, io);
const templatesCommand: Run = async (a, io) =>
  (await import("./commands/templates")).templatesCommand(a, io);
const demoCommand: Run = async (a, io) => (await import("./commands/demo")).demoCommand(a, io);

type Run = (args: ParsedArgs, io: Io) => Promise<number>;

const COMMANDS: Record<string, { options: ParseArgsConfig["options"]; run: Run }> = {
  analyze: {
    options: {
      sheet: { type: "string" },
      payments: { type: "string", multiple: true },
      customers: { type: "string", multiple: true },
      "as-of": { type: "string" },
      buckets: { type: "string" },
      basis: { type: "string" },
      grace: { type: "string" },
      "date-order": { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      lang: { type: "string" },
      problems: { type: "boolean" },
      log: { type: "string" },
      policy: { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    run: analyzeCommand,
  },
  generate: {
    options: {
      sheet: { type: "string" },
      payments: { type: "string", multiple: true },
      customers: { type: "string", multiple: true },
      "as-of": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      buckets: { type: "string" },
      basis: { type: "string" },
      grace: { type: "string" },
      "date-order": { type: "string" },
      template: { type: "string" },
      company: { type: "string" },
      "require-company": { type: "boolean" },
      customer: { type: "string", multiple: true },
      "per-customer": { type: "boolean" },
      lang: { type: "string" },
      out: { type: "string" },
      log: { type: "string" },
      schedule: { type: "string" },
      register: { type: "string" },
      force: { type: "boolean" },
      pdf: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    run: generateCommand,
  },
  remind: {
    options: {
      sheet: { type: "string" },
      payments: { type: "string", multiple: true },
      customers: { type: "string", multiple: true },
      "as-of": { type: "string" },
      buckets: { type: "string" },
      basis: { type: "string" },
      grace: { type: "string" },
      "date-order": { type: "string" },
      log: { type: "string" },
      template: { type: "string" },
      company: { type: "string" },
      "mail-templates": { type: "string" },
      lang: { type: "string" },
      out: { type: "string" },
      register: { type: "string" },
      send: { type: "boolean" },
      "dry-run": { type: "boolean" },
      smtp: { type: "string" },
      from: { type: "string" },
      "reply-to": { type: "string" },
      collector: { type: "string" },
      max: { type: "string" },
      rate: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    run: remindCommand,
  },
  "check-order": {
    options: {
      sheet: { type: "string" },
      payments: { type: "string", multiple: true },
      customers: { type: "string", multiple: true },
      customer: { type: "string" },
      amount: { type: "string" },
      currency: { type: "string" },
      "as-of": { type: "string" },
      policy: { type: "string" },
      reviews: { type: "boolean" },
      log: { type: "string" },
      grace: { type: "string" },
      "date-order": { type: "string" },
      json: { type: "boolean" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    run: checkOrderCommand,
  },
  templates: {
    options: {
      out: { type: "string" },
      lang: { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    run: templatesCommand,
  },
  demo: {
    options: {
      out: { type: "string" },
      "as-of": { type: "string" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    run: demoCommand,
  },
};

/** Runs the command line `argv` (without `node` and the script). Resolves to the exit status. */
export async function main(argv: string[], given: Io): Promise<number> {
  // Names and values from the data never drive the terminal (terminal.ts).
  const io = terminalSafe(given);
  const [command, ...rest] = argv;
  try {
    if (!command || command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(helpText());
      return command ? 0 : 2;
    }
    if (command === "--version" || command === "-v") {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    const spec = COMMANDS[command];
    if (!spec) throw usageError("unknownCommand", { command });
    let parsed: ParsedArgs;
    try {
      parsed = parseArgs({
        args: rest,
        options: spec.options,
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      // Said in the language --lang asks for; without one, in both (the command's own options
      // were not understood, so neither is its default language to be trusted).
      const error = argumentError(command, e);
      const lang = langArg(rest);
      throw lang ? error : new UsageError(`${error.text("zh-CN")}/ ${error.text("en-US")}`);
    }
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await spec.run(parsed, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      const locale = messageLocale(rest);
      io.stderr.write(`ar-desk: ${firstLine(e.text(locale))}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * Our own one-line message for what the argument parser refused: an unknown option, or one
 * missing its value. Printed in the language of --lang, or in both without one (main).
 */
export function argumentError(command: string, e: unknown): UsageError {
  const code = (e as { code?: string }).code;
  const option = /'(-[^' ]*)/.exec(firstLine(e))?.[1] ?? "";
  const help = `ar-desk ${command} --help`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return usageError("unknownOption", { option, help });
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return usageError("optionValue", { option, help });
  return usageError("badArguments", { help });
}

/**
 * The language of a run's one-line error: `--lang` as given (read from the raw arguments, so
 * an error raised before or while they are parsed says it too), else the environment's
 * (LC_ALL, LC_MESSAGES, LANG), as for a wrong `--lang`. (A message a command builds itself
 * speaks the command's language, whose default may differ: generate's documents are Chinese
 * unless --lang says otherwise.)
 */
export function messageLocale(args: readonly string[]): Locale {
  return langArg(args) ?? localeArg(undefined);
}

/** The language `--lang` names among the raw arguments; undefined when none or a wrong one. */
function langArg(args: readonly string[]): Locale | undefined {
  let lang: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--") break;
    if (args[i] === "--lang") lang = args[i + 1];
    else if (args[i].startsWith("--lang=")) lang = args[i].slice("--lang=".length);
  }
  try {
    return lang === undefined ? undefined : localeArg(lang);
  } catch {
    return undefined;
  }
}

/** The help of one command: its usage lines from the full help (every form of it). */
export function commandHelp(command: string): string {
  const lines = helpText().split("\n");
  const own: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(`  ar-desk ${command} `) && lines[i] !== `  ar-desk ${command}`)
      continue;
    own.push(lines[i]);
    for (i++; i < lines.length && /^ {4,}/.test(lines[i]); i++) own.push(lines[i]);
    i--;
  }
  if (!own.length) return helpText();
  return [lines[0], "", "Usage:", ...own, ""].join("\n");
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0];
}

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../../package.json") as { version: string }).version;
}
