/** Running measurements in other processes: a forked bench child, or the `ar-desk` command. */
import { fork, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** Node flags of every forked child: room for a full sheet, and `gc()` between timed runs. */
export const CHILD_EXEC_ARGV = ["--max-old-space-size=6000", "--expose-gc", "-r", "tsx/cjs"];

/** Runs one task of child.ts in a fresh process and resolves to its answer. */
export function runChild<T>(task: string, args: object, timeoutMs = 30 * 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(path.join(__dirname, "child.ts"), [task, JSON.stringify(args)], {
      cwd: ROOT,
      execArgv: CHILD_EXEC_ARGV,
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    let answer: { value: T } | null = null;
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on("message", (m) => {
      answer = { value: m as T };
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (answer) resolve(answer.value);
      else {
        const why = signal ? `killed by ${signal}` : `exit ${code}`;
        const last = stderr.trim().split("\n").slice(-3).join(" | ");
        reject(new Error(`${task} child failed (${why})${last ? ": " + last : ""}`));
      }
    });
  });
}

/** How to start `ar-desk`: the compiled bin/ar-desk.js, or the sources through tsx. */
export interface CliEntry {
  nodeArgs: string[];
  label: string;
}

/**
 * Compiles the CLI (`tsc -p tsconfig.cli.json`, as `npm run build:cli` does) so that the timed
 * command is the one users run. If the sources do not compile right now, falls back to tsx.
 */
export function prepareCli(log: (s: string) => void): CliEntry & { note: string | null } {
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const res = spawnSync(process.execPath, [tsc, "-p", "tsconfig.cli.json"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 5 * 60_000,
  });
  if (res.status === 0) {
    return {
      nodeArgs: [path.join(ROOT, "bin", "ar-desk.js")],
      label: "node bin/ar-desk.js",
      note: null,
    };
  }
  const first = (res.stdout || res.stderr || "").trim().split("\n")[0];
  log(`  npm run build:cli failed (${first}); timing the sources through tsx instead`);
  return {
    nodeArgs: ["-r", "tsx/cjs", path.join(__dirname, "cli.ts")],
    label: "node -r tsx/cjs bench/cli.ts",
    note: `CLI build failed (${first}); timed through tsx, which adds its start-up`,
  };
}

export interface CliRun {
  ms: number;
  status: number | null;
  maxRss: number | null;
  stdoutBytes: number;
  stderr: string;
}

/** Runs `ar-desk <args>` with stdout to `stdoutFile`; wall time and peak memory. */
export function runCli(
  cli: CliEntry,
  args: string[],
  stdoutFile: string,
  timeoutMs: number,
): CliRun {
  const rusage = `${stdoutFile}.rusage.json`;
  fs.rmSync(rusage, { force: true });
  const out = fs.openSync(stdoutFile, "w");
  const t = performance.now();
  const res = spawnSync(
    process.execPath,
    ["-r", path.join(__dirname, "rusage.cjs"), ...cli.nodeArgs, ...args],
    {
      cwd: ROOT,
      stdio: ["ignore", out, "pipe"],
      env: { ...process.env, AR_DESK_BENCH_RUSAGE: rusage },
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const ms = performance.now() - t;
  fs.closeSync(out);
  let maxRss: number | null = null;
  if (fs.existsSync(rusage)) {
    maxRss = (JSON.parse(fs.readFileSync(rusage, "utf8")) as { maxRSS: number }).maxRSS;
    fs.rmSync(rusage, { force: true });
  }
  return {
    ms,
    status: res.status,
    maxRss,
    stdoutBytes: fs.statSync(stdoutFile).size,
    stderr: (res.stderr?.toString() ?? "").trim(),
  };
}
