/**
 * Instrumentation of the Office.js adapter: how many requests (context.sync calls) an operation
 * took and how large the largest one was, by the adapter's own payload estimate (chunks.ts).
 * A benchmark runs OfficeWorkbook against the in-process fake (fake-excel.ts) and reports these
 * figures, e.g. "requests and largest payload for writing N customers' documents".
 */

export interface RequestStats {
  /** `context.sync()` calls: one round trip to Excel each. */
  syncs: number;
  /** Largest estimated request payload of one sync, in bytes. */
  largestRequest: number;
  /** Largest estimated response payload of one sync, in bytes. */
  largestResponse: number;
  /** Sum of the estimated request payloads, in bytes. */
  totalRequest: number;
  /** Sum of the estimated response payloads, in bytes. */
  totalResponse: number;
}

export function newRequestStats(): RequestStats {
  return { syncs: 0, largestRequest: 0, largestResponse: 0, totalRequest: 0, totalResponse: 0 };
}

export function resetRequestStats(stats: RequestStats): void {
  Object.assign(stats, newRequestStats());
}

/** Records one sync of `request` and `response` estimated bytes. */
export function recordSync(stats: RequestStats, request: number, response: number): void {
  stats.syncs++;
  stats.largestRequest = Math.max(stats.largestRequest, request);
  stats.largestResponse = Math.max(stats.largestResponse, response);
  stats.totalRequest += request;
  stats.totalResponse += response;
}
