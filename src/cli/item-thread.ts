/**
 * `analyze --json` on a large ledger writes its items on two cores: a worker thread
 * (item-text-worker.ts) makes blocks of the items' JSON text while the main thread makes and
 * writes the others, then writes the worker's blocks in their place. The bytes are the same as
 * one thread's (test/json-thread.test.ts compares them): both run `itemWriter` on the same data.
 *
 * The worker is started right after the analysis, so it works while the main thread computes
 * the insight. Blocks are taken from one shared counter, first come first served, so neither
 * thread waits for a fixed half of the other's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import type { Analysis } from "../core/analyze";
import { itemTextCopy, itemTextData } from "./item-text";
import type { ItemBlockMessage, ItemWorkerData } from "./item-text-worker";
import type { TextBlocks } from "./json-stream";

/** Below this many items a second thread costs more (its start, the copy) than it saves. */
const MIN_ITEMS = 100_000;
/** Items per block: about 8 MB of text. */
const BLOCK = 16_384;
/** Blocks the worker may make beyond what is written (about 128 MB waiting at most). */
const AHEAD = 16;

export interface ItemThreadOptions {
  minItems: number;
  block: number;
  /**
   * Tests: fail rather than write alone when the worker cannot be started, and leave every odd
   * block to the worker, so that its text is surely in what is compared.
   */
  test: boolean;
}

/**
 * The options. AR_DESK_JSON_THREAD="minItems,block" is for the tests, which run the thread on
 * small files with small blocks (see `test`).
 */
export function itemThreadOptions(env: NodeJS.ProcessEnv = process.env): ItemThreadOptions {
  const m = /^(\d+),(\d+)$/.exec(env.AR_DESK_JSON_THREAD ?? "");
  if (m && Number(m[2]) > 0) return { minItems: Number(m[1]), block: Number(m[2]), test: true };
  return { minItems: MIN_ITEMS, block: BLOCK, test: false };
}

/**
 * Whether a second thread would find a core: more processors than the last minute's load keeps
 * busy. On a machine whose cores are all taken, the worker only adds its start and the copy
 * (measured: 1.2× the wall time of one thread at a load of 4 on 2 cores). Windows reports no
 * load average (0): there, any second processor counts.
 */
export function coreToSpare(cores = os.availableParallelism(), load = os.loadavg()[0]): boolean {
  return cores >= 2 && load < cores;
}

export class ItemThread implements TextBlocks {
  private readonly ready = new Map<number, Uint8Array[]>();
  private failure: Error | null = null;
  private ended = false;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly counters: Int32Array,
    readonly size: number,
    private readonly oddToWorker: boolean,
    private readonly back: MessagePort,
  ) {
    back.unref();
    const wakeUp = () => {
      const w = this.wake;
      this.wake = null;
      w?.();
    };
    worker.on("message", (m: ItemBlockMessage) => {
      this.ready.set(m.block, m.parts);
      wakeUp();
    });
    worker.on("error", (e: Error) => {
      this.failure = e;
      wakeUp();
    });
    worker.on("exit", () => {
      this.ended = true;
      wakeUp();
    });
    // Not unref'd: while the main thread waits for a block, the worker is what keeps the
    // process alive (with nothing else pending, Node would exit, the document unwritten).
    // `close` ends it however the walk ends.
  }

  /**
   * A worker for the analysis's items, or null when there are too few of them or the compiled
   * worker is not there (the tests run the TypeScript sources: one thread).
   */
  static start(a: Analysis, options = itemThreadOptions()): ItemThread | null {
    const n = a.ledger.items.length;
    if (n < options.minItems || n <= options.block) return null;
    if (!options.test && !coreToSpare()) return null;
    const file = path.join(__dirname, "item-text-worker.js");
    if (!fs.existsSync(file)) {
      if (options.test) throw new Error(`analyze --json: no worker at ${file}`);
      return null;
    }
    const { data, transfer } = itemTextCopy(itemTextData(a));
    const counters = new Int32Array(new SharedArrayBuffer(8));
    const { port1, port2 } = new MessageChannel();
    const workerData: ItemWorkerData = {
      data,
      counters: counters.buffer as SharedArrayBuffer,
      size: options.block,
      ahead: AHEAD,
      back: port2,
    };
    return new ItemThread(
      new Worker(file, { workerData, transferList: [...transfer, port2] }),
      counters,
      options.block,
      options.test,
      port1,
    );
  }

  claim(b: number): true | Uint8Array[] | Promise<void> {
    const parts = this.ready.get(b);
    if (parts) {
      this.ready.delete(b);
      return parts;
    }
    if (this.failure) throw this.failure;
    // Block b is the main thread's if the worker has not taken it.
    const mine = !(this.oddToWorker && b % 2 === 1);
    if (mine && Atomics.compareExchange(this.counters, 0, b, b + 1) === b) return true;
    if (this.ended) throw new Error(`analyze --json: the worker ended before block ${b}`);
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  done(b: number): void {
    Atomics.store(this.counters, 1, b + 1);
    Atomics.notify(this.counters, 1);
  }

  recycle(part: Uint8Array): void {
    // The whole buffer, which the worker allocated and handed over: back to it.
    if (part.byteOffset === 0 && part.buffer.byteLength > Buffer.poolSize) {
      const ab = part.buffer as ArrayBuffer;
      this.back.postMessage(ab, [ab]);
    }
  }

  /** Stops the worker (the items are written, or the walk failed). */
  async close(): Promise<void> {
    this.back.close();
    await this.worker.terminate();
  }
}
