/**
 * The request budget of a write through Office.js: operations are queued until the next one
 * would take the request over the budget, then synced (DESIGN §7). Nothing syncs per row or cell.
 */

/** Estimated bytes of one property set or method call on an object already in the request. */
export const ACTION_BYTES = 96;

/**
 * Queued operations of one write, synced when the next one would take the request over the
 * budget. `reserve(bytes)` is called before queuing an operation of that estimated size.
 */
export class Batch {
  private bytes = 0;
  private started = false;
  private waiting: (() => void)[] = [];
  /** Queued at the start of each request (e.g. suspending calculation until its sync). */
  onStart: (() => void) | null = null;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly record: (request: number) => void,
  ) {}

  async reserve(bytes: number): Promise<void> {
    if (this.started && this.bytes + bytes > this.budget) await this.sync();
    if (!this.started) {
      this.started = true;
      this.bytes = 2 * ACTION_BYTES;
      this.onStart?.();
    }
    this.bytes += bytes;
  }

  /** Runs `f` once what is queued so far has been synced. */
  afterSync(f: () => void): void {
    this.waiting.push(f);
  }

  async sync(): Promise<void> {
    if (!this.started) return;
    this.record(this.bytes);
    await this.context.sync();
    this.bytes = 0;
    this.started = false;
    const done = this.waiting;
    this.waiting = [];
    for (const f of done) f();
  }
}
