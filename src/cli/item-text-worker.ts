/**
 * The worker thread of cli/item-thread.ts: makes blocks of `analyze --json`'s item texts while
 * the main thread makes and writes the others. It takes the next block not yet taken (one
 * shared counter, so each thread takes as much as it has time for), and runs at most `ahead`
 * blocks beyond what the main thread has written, so the blocks waiting in memory stay few.
 */
import {
  parentPort,
  receiveMessageOnPort,
  workerData,
  type MessagePort,
} from "node:worker_threads";
import { itemWriter, type ItemTextData } from "./item-text";
import { ChunkPool, textBlock } from "./json-stream";

/** What the main thread hands over (item-thread.ts). */
export interface ItemWorkerData {
  data: ItemTextData;
  /** Int32 counters: [0] the next block to take, [1] blocks the main thread has written. */
  counters: SharedArrayBuffer;
  size: number;
  ahead: number;
  /** Where the main thread gives back the buffers it has copied out, to be filled again. */
  back: MessagePort;
}

/** One block's UTF-8, in parts (json-stream.ts `textBlock`). */
export interface ItemBlockMessage {
  block: number;
  parts: Uint8Array[];
}

/** Bytes per part of a block. */
const PART = 1 << 20;

function run({ data, counters: shared, size, ahead, back }: ItemWorkerData): void {
  const counters = new Int32Array(shared);
  const write = itemWriter(data);
  // Buffers come back to be filled again: fresh ones for every block would be hundreds of MB
  // outside V8's heap, and each few dozen MB of that sets off a full garbage collection in
  // both threads (json-stream.ts ChunkPool).
  const pool = new ChunkPool(64);
  const blocks = Math.ceil(data.length / size);
  for (;;) {
    const b = Atomics.add(counters, 0, 1);
    if (b >= blocks) return;
    for (;;) {
      const written = Atomics.load(counters, 1);
      if (b - written < ahead) break;
      Atomics.wait(counters, 1, written);
    }
    for (let m = receiveMessageOnPort(back); m; m = receiveMessageOnPort(back))
      pool.release(new Uint8Array(m.message as ArrayBuffer));
    const parts = textBlock(write, b * size, Math.min(data.length, (b + 1) * size), PART, pool);
    // A part on a buffer of its own is handed over; one from Buffer's shared pool is copied.
    const transfer = new Set<ArrayBuffer>();
    for (const p of parts)
      if (p.buffer.byteLength > Buffer.poolSize) transfer.add(p.buffer as ArrayBuffer);
    const message: ItemBlockMessage = { block: b, parts };
    parentPort?.postMessage(message, [...transfer]);
  }
}

run(workerData as ItemWorkerData);
