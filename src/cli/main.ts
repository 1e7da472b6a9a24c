/**
 * The `ar-desk` command (CLI.md). The single exit point: commands return a status or throw a
 * UsageError / InputError, which become a one-line message and status 2, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { analyzeCommand } from "./commands/analyze";
import { checkOrderCommand } from "./commands/check-order";
import { demoCommand } from "./commands/demo";
import { generateCommand } from "./commands/generate";
import { templatesCommand } from "./commands/templates";
import { InputError } from "./io/read";
import { helpText, UsageError, type Io } from "./shared";

export type { Io } from "./shared";

const COMMANDS: Record<
  string,
  { options: ParseArgsConfig["options"]; run: (args: ParsedArgs, io: Io) => Promise<number> }
> = {
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
      customer: { type: "string", multiple: true },
      "per-customer": { type: "boolean" },
      lang: { type: "string" },
      out: { type: "string" },
      log: { type: "string" },
      schedule: { type: "string" },
      register: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    run: generateCommand,
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

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Runs the command line `argv` (without `node` and the script). Resolves to the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
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
    if (!spec) throw new UsageError(`unknown command "${command}" (try: ar-desk --help)`);
    let parsed: ParsedArgs;
    try {
      parsed = parseArgs({
        args: rest,
        options: spec.options,
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError(firstLine(e));
    }
    if (parsed.values.help) {
      io.stdout.write(helpText());
      return 0;
    }
    return await spec.run(parsed, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.stderr.write(`ar-desk: ${firstLine(e)}\n`);
      return 2;
    }
    throw e;
  }
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0];
}

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../../package.json") as { version: string }).version;
}
