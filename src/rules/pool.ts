// Worker threads for work that splits into independent batches (parsing and linting many files): the
// workers run the CLI bundle itself (its entry serves batches when it is not the main thread), and the
// main thread takes batches too while they start up. Results come back in batch order.

import { Worker, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { warn } from '../warnings.js';

/** The script a worker runs: set by an entry point that can serve batches (the CLI bundle), else none. */
let entry: string | null = null;

export function setWorkerEntry(file: string): void {
  entry = file;
}

/**
 * How many threads lint at once, the main thread included: MIGRATION_GATE_THREADS when set (1 keeps
 * everything in this thread), else one per available core. 1 when no entry can start a worker.
 */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  if (!entry) return 1;
  const configured = Number(env.MIGRATION_GATE_THREADS);
  return Number.isInteger(configured) && configured > 0 ? configured : availableParallelism();
}

export interface PoolPlan {
  /** Worker threads to start. */
  workers: number;
  /** Whether the main thread takes batches too (it is idle otherwise). */
  mainThread: boolean;
}

interface Job<I> {
  batch: number;
  input: I;
  /** What the run shares with every worker, posted with its first batch only. */
  prelude?: unknown;
}

type Reply<O> = { batch: number; output: O } | { batch: number; error: string };

interface Slot<I> {
  worker: Worker;
  /** What it was started with: a warm worker serves only a run that shares the same. */
  shared: unknown;
  /**
   * Batches posted and not answered: two, so a worker has the next one while the main thread is busy.
   * Posted from the start: a booting worker finds them queued instead of waiting for this thread to yield.
   */
  jobs: Array<Job<I>>;
  gone: boolean;
  /** Whether it has this run's prelude. */
  primed?: boolean;
}

const IN_FLIGHT = 2;

function spawn(shared: unknown): Slot<never> {
  return { worker: new Worker(entry!, { workerData: { batchWorker: true, shared } }), shared, jobs: [], gone: false };
}

/** Workers started ahead of their run (see warmUp), booting while this thread still reads the files. */
let warm: Array<Slot<never>> = [];

/**
 * Starts `count` workers now for a runBatches that will share `shared`: a worker takes ~0.2 s to load
 * the bundle and the parser, which otherwise delays its first batch. Unreferenced until a run adopts
 * them, so they never keep the process alive; coolDown() stops them when no run does.
 */
export function warmUp(count: number, shared: unknown): void {
  for (let i = warm.length; entry && i < count; i++) {
    const slot = spawn(shared);
    slot.worker.unref();
    // A warm worker that fails is simply not adopted; runBatches starts another.
    slot.worker.on('error', () => (slot.gone = true));
    slot.worker.on('exit', () => (slot.gone = true));
    warm.push(slot);
  }
}

/** Stops the warm workers no run adopted. */
export function coolDown(): void {
  for (const slot of warm) void slot.worker.terminate();
  warm = [];
}

/** The warm workers that can serve a run sharing `shared` (up to `count`); the others stop. */
function adopt<I>(count: number, shared: unknown): Array<Slot<I>> {
  const usable = warm.filter((s) => !s.gone && s.shared === shared).slice(0, count);
  for (const slot of warm) if (!usable.includes(slot)) void slot.worker.terminate();
  warm = [];
  for (const slot of usable) {
    slot.worker.removeAllListeners('error');
    slot.worker.removeAllListeners('exit');
    slot.worker.ref();
  }
  return usable as Array<Slot<I>>;
}

/**
 * Runs `work` over every batch: in `plan.workers` workers (each started with `shared` as its workerData,
 * running its own setup once) and, when `plan.mainThread`, here (after `local.setup()`). A worker that
 * fails to start or dies hands its batch back; with no worker left the main thread finishes the rest.
 * An error that `work` throws fails the run, wherever it ran.
 */
export async function runBatches<I, O>(
  inputs: I[],
  shared: unknown,
  local: { setup(): Promise<void>; work(input: I): O },
  plan: PoolPlan,
  /** What of a batch is posted to a worker (structured clone copies it). */
  toWorker: (input: I) => unknown = (input) => input,
  /** What every worker of this run needs besides its batches: copied once per worker, with its first batch. */
  prelude?: unknown,
): Promise<O[]> {
  const outputs: O[] = new Array(inputs.length);
  const queue: Array<Job<I>> = inputs.map((input, batch) => ({ batch, input }));
  let pending = inputs.length;
  let failure: Error | null = null;
  let wake = () => {};
  const slots: Array<Slot<I>> = [];
  let alive = 0;

  const dispatch = () => {
    for (const slot of slots) {
      if (failure || queue.length === 0) return;
      while (!slot.gone && slot.jobs.length < IN_FLIGHT && queue.length > 0) {
        const job = queue.shift()!;
        slot.jobs.push(job);
        const first = prelude !== undefined && !slot.primed;
        slot.primed = true;
        slot.worker.postMessage({ batch: job.batch, input: toWorker(job.input), ...(first && { prelude }) });
      }
    }
  };
  const started = adopt<I>(plan.workers, shared);
  while (entry && started.length < plan.workers) started.push(spawn(shared));
  for (const slot of started) {
    slots.push(slot);
    alive++;
    slot.worker.on('message', (reply: Reply<O>) => {
      if ('error' in reply) failure ??= new Error(reply.error);
      else outputs[reply.batch] = reply.output;
      slot.jobs = slot.jobs.filter((j) => j.batch !== reply.batch);
      pending--;
      dispatch();
      wake();
    });
    const lost = () => {
      if (slot.gone) return;
      slot.gone = true;
      alive--;
      // Not the batches' fault: they go back to the queue for another thread.
      queue.unshift(...slot.jobs);
      slot.jobs = [];
      dispatch();
      wake();
    };
    slot.worker.on('error', (e: Error) => {
      // Still correct, only slower: said on stderr so that a broken install does not go unnoticed.
      warn(`a worker thread failed (${e.message}); its files are linted in another thread`);
      lost();
    });
    slot.worker.on('exit', lost);
  }
  dispatch();

  let localReady: Promise<void> | null = null;
  try {
    while (pending > 0 && !failure) {
      const job = plan.mainThread || alive === 0 ? queue.shift() : undefined;
      if (job) {
        await (localReady ??= local.setup());
        outputs[job.batch] = local.work(job.input);
        pending--;
        // Let the workers' replies (and requests for more) in before the next batch.
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    for (const slot of slots) {
      slot.worker.removeAllListeners();
      slot.worker.on('error', () => {});
      slot.worker.unref();
      void slot.worker.terminate();
    }
  }
  if (failure) throw failure;
  return outputs;
}

/** Whether this thread is a batch worker started by runBatches, and what the main thread shared with it. */
export function batchWorkerData(): { shared: unknown } | null {
  const data = workerData as { batchWorker?: boolean; shared?: unknown } | null;
  return parentPort && data?.batchWorker ? { shared: data.shared } : null;
}

/**
 * The worker side: `setup` once, then `work` on each batch the main thread posts (with the run's prelude,
 * which comes with the first) until it stops the worker. Batches posted during setup wait in the port until the listener is on.
 */
export async function serveBatches<I, O>(setup: () => Promise<void>, work: (input: I, prelude: unknown) => O): Promise<void> {
  const port = parentPort!;
  await setup();
  let prelude: unknown;
  port.on('message', (job: Job<I>) => {
    if ('prelude' in job) prelude = job.prelude;
    let reply: Reply<O>;
    try {
      reply = { batch: job.batch, output: work(job.input, prelude) };
    } catch (e) {
      reply = { batch: job.batch, error: (e as Error)?.stack ?? String(e) };
    }
    port.postMessage(reply);
  });
}
