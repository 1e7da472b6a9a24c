/** Small helpers for timings: medians, spread, and the shape every timed figure is kept in. */

/** Several timings of one thing, in milliseconds, after a warm-up. */
export interface Timing {
  /** Each timed run, in order. */
  runs: number[];
  median: number;
  min: number;
  max: number;
  /** (max − min) / median: how noisy the runs were (0.1 = 10%). */
  spread: number;
  /**
   * Median CPU time of the process over the same runs (user + system, all threads: the GC's
   * helpers count too), when measured in-process. Far below `median` means the run waited for a
   * CPU: the machine was busy.
   */
  cpuMedian: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function timing(runs: number[], cpu: number[] | null = null): Timing {
  const m = median(runs);
  const min = Math.min(...runs);
  const max = Math.max(...runs);
  return {
    runs,
    median: m,
    min,
    max,
    spread: m > 0 ? (max - min) / m : 0,
    cpuMedian: cpu && cpu.length > 0 ? median(cpu) : null,
  };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (with a GC before each, if exposed). */
export function measure(fn: () => unknown, runs: number, warmup = 1): Timing {
  for (let k = 0; k < warmup; k++) fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    collect();
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return timing(times, cpu);
}

/** A full GC when the process runs with --expose-gc; nothing otherwise. */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const MB = 1024 * 1024;

/** 1234567 → "1.23 M", 12345 → "12.3 k". */
export function si(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 1 : 2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)} k`;
  return n.toFixed(0);
}

/** Milliseconds for people: "850 ms", "2.41 s", "3 min 05 s". */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/** A timing as "850 ms ±4%" (half the spread). */
export function withNoise(t: Timing): string {
  const noise = t.runs.length > 1 ? ` ±${Math.round((t.spread / 2) * 100)}%` : "";
  return duration(t.median) + noise;
}
