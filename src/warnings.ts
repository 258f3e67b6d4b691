// Warnings: a problem that costs only speed or comfort, never a finding. The door that owns stderr (the CLI)
// says where they go; without one, a Node process warning.

type Sink = (message: string) => void;

let sink: Sink = (message) => process.emitWarning(`migration-gate: ${message}`);

export function warn(message: string): void {
  sink(message);
}

/** Sends warnings to `to` while `run` runs. */
export async function warningsTo<T>(to: Sink, run: () => Promise<T>): Promise<T> {
  const before = sink;
  sink = to;
  try {
    return await run();
  } finally {
    sink = before;
  }
}
