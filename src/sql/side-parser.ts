// A statement nested too deep overflows the stack inside the WASM parser, and that leaks the parser's own (shadow)
// stack: libpg-query cannot restore it, so a thread that overflowed a few times breaks or hangs. And how deep a
// statement may be depends on the thread's stack. So a parse that overflows here is done again in a side worker
// with a fixed stack above every thread's, called synchronously; it gives the same answer whichever thread asks.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { skipTrivia, topLevelSemicolons } from './split.js';

/**
 * What a side worker does for a thread: libpg-query's two calls that can overflow, and a piece of a file parsed as
 * parseSql does, which on an overflow says where (deepStatement) in the error's `at`.
 */
export type SideCall = 'parseSync' | 'parsePlPgSQLSync' | 'parsePiece';

/**
 * The side worker's stack: 1.5 times a worker's default (4 MB), 6 times the main thread's, so every statement that
 * parses in a thread parses there (`1+1+...`: 58,500 terms, a worker 38,400, the main thread 9,600). Not more: one
 * overflow at 6 MB takes up to 8.4 MB of the parser's 33 MB shadow stack, and a piece can overflow twice (see serveParser).
 */
const SIDE_STACK_MB = 6;

/** Overflows a thread lives through before all its parses go to the side worker: each leaks up to 5.5 MB of shadow stack in a worker. */
const OVERFLOWS_HERE = 2;

/** How long a thread waits on one answer: far longer than a parse of the largest piece (4 MB) takes. */
const ANSWER_MS = 120_000;

/** Whether the parser ran out of stack (its WASM shares the JavaScript stack); by name, as the error may come from another realm. */
export const overflows = (e: unknown) => (e as Error | null)?.name === 'RangeError' && /call stack/i.test(String((e as Error).message));

/**
 * Where the statement too deep for `parse` starts in `text`: parsed alone, statement by statement (cut at top-level
 * semicolons, a cut that splits a statement, as in a BEGIN ATOMIC body, being passed over), it is the one that overflows.
 */
export function deepStatement(text: string, parse: (sql: string) => unknown): number {
  let from = 0;
  for (const cut of [...topLevelSemicolons(text), text.length]) {
    try {
      parse(text.slice(from, cut));
      from = cut;
    } catch (e) {
      if (overflows(e)) return skipTrivia(text, from);
    }
  }
  return 0;
}

/** The CLI bundle, which serves as the side worker: beside this code in dist/, where both bundles keep every chunk. */
const BUNDLE = join(dirname(fileURLToPath(import.meta.url)), 'cli.js');
/** Null when running from source (tests): no bundle, and an overflow stays in its thread. */
let entry: string | null | undefined;
const sideEntry = () => (entry === undefined ? (entry = existsSync(BUNDLE) ? BUNDLE : null) : entry);

let overflowedHere = 0;

interface Side {
  worker: Worker;
  port: MessagePort;
  /** 0 while a call is out, 1 when it is answered, 2 when the worker has gone. */
  signal: Int32Array;
}

/** The side worker that serves this thread (one that overflowed is replaced at once); null before the first call. */
let side: Side | null = null;

/**
 * `call` on `text`: in this thread (by `here`) while it has overflowed fewer than OVERFLOWS_HERE times, redone in
 * the side worker when it overflows; from then on in the side worker at once. Throws what the call throws, wherever it ran.
 */
export function guarded<T>(call: SideCall, text: string, here: (text: string) => T): T {
  const bundle = sideEntry();
  if (!bundle || overflowedHere < OVERFLOWS_HERE) {
    try {
      return here(text);
    } catch (e) {
      if (!bundle || !overflows(e)) throw e;
      overflowedHere++;
    }
  }
  return onSide(bundle, call, text) as T;
}

/** A result or what was thrown (with its own fields: sqlDetails, at), and whether the worker's parser is spent: it overflowed or trapped. */
type Answer = ({ json: string } | { error: { name: string; message: string } }) & { spent: boolean };

function onSide(bundle: string, call: SideCall, text: string): unknown {
  const s = (side ??= startSide(bundle));
  Atomics.store(s.signal, 0, 0);
  s.port.postMessage({ call, text });
  Atomics.wait(s.signal, 0, 0, ANSWER_MS);
  const answer = receiveMessageOnPort(s.port)?.message as Answer | undefined;
  if (!answer || answer.spent) {
    // Its stack leaked as this thread's would have: the next call gets a fresh worker, which boots meanwhile.
    void s.worker.terminate();
    side = answer ? startSide(bundle) : null;
  }
  if (!answer) throw new Error(`the parser's side worker did not answer (${bundle})`);
  if ('json' in answer) return JSON.parse(answer.json);
  const { message, ...fields } = answer.error;
  throw Object.assign(new Error(message), fields);
}

function startSide(bundle: string): Side {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  // bin.ts starts serveParser on `parserWorker`.
  const worker = new Worker(bundle, {
    workerData: { parserWorker: { port: port2, signal } },
    transferList: [port2],
    resourceLimits: { stackSizeMb: SIDE_STACK_MB },
  });
  // Answers are read synchronously: neither the worker nor its port keeps the process alive.
  worker.unref();
  port1.unref();
  return { worker, port: port1, signal };
}

/**
 * The side worker: answers each call on `port` and wakes the waiting thread through `signal`; says so there when it
 * exits. A piece that overflows is searched for its deep statement here at once, which overflows a second time: two
 * overflows leave room on the shadow stack, and a fresh worker takes the next call.
 */
export async function serveParser(): Promise<void> {
  const { port, signal } = (workerData as { parserWorker: { port: MessagePort; signal: Int32Array } }).parserWorker;
  const wake = (state: number) => {
    Atomics.store(signal, 0, state);
    Atomics.notify(signal, 0);
  };
  process.on('exit', () => wake(2));
  const pg = await import('libpg-query');
  await pg.loadModule();
  let spent = false;
  const watched = (parse: (text: string) => unknown) => (text: string) => {
    try {
      return parse(text);
    } catch (e) {
      // A WebAssembly trap (out of memory, say) leaves the WASM stack as an overflow does.
      spent ||= overflows(e) || (e as Error | null)?.name === 'RuntimeError';
      throw e;
    }
  };
  const parse = watched(pg.parseSync);
  const calls: Record<SideCall, (text: string) => unknown> = {
    parseSync: parse,
    parsePlPgSQLSync: watched(pg.parsePlPgSQLSync),
    parsePiece: (text) => {
      try {
        return parse(text);
      } catch (e) {
        throw overflows(e) ? Object.assign(e as Error, { at: deepStatement(text, parse) }) : e;
      }
    },
  };
  port.on('message', ({ call, text }: { call: SideCall; text: string }) => {
    let answer: Answer;
    try {
      answer = { json: toJson(calls[call](text)), spent };
    } catch (e) {
      const { name, message } = e as Error;
      answer = { error: { ...(e as object), name, message }, spent };
    }
    port.postMessage(answer);
    wake(1);
  });
}

/** Punctuation between the values toJson writes. */
class Mark {
  constructor(readonly text: string) {}
}

/** JSON of a parse tree, without recursion: JSON.stringify and structured clone recurse, and overflow on a tree this deep. */
function toJson(root: unknown): string {
  const out: string[] = [];
  const todo: unknown[] = [root];
  while (todo.length) {
    const value = todo.pop();
    if (value instanceof Mark) out.push(value.text);
    else if (value === null || typeof value !== 'object') out.push(JSON.stringify(value));
    else if (Array.isArray(value)) {
      todo.push(new Mark(']'));
      for (let i = value.length - 1; i >= 0; i--) todo.push(value[i], new Mark(i ? ',' : '['));
      if (!value.length) todo.push(new Mark('['));
    } else {
      const keys = Object.keys(value);
      todo.push(new Mark('}'));
      for (let i = keys.length - 1; i >= 0; i--) todo.push((value as Record<string, unknown>)[keys[i]!], new Mark(`${i ? ',' : '{'}${JSON.stringify(keys[i])}:`));
      if (!keys.length) todo.push(new Mark('{'));
    }
  }
  return out.join('');
}
