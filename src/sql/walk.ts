// Reading parse trees as deep as PostgreSQL takes them (`1+1+...` thousands of terms nests thousands of nodes) without
// recursion, which would overflow the call stack: a depth-first walk from a stack of its own, and a driver for
// computations that call each other recursively (written as generators that yield their calls).

/**
 * Walks the tree under `root` depth first, in the order its fields and items come. `enter(node, key)` sees the root and every
 * node and list below it (not their strings, numbers and booleans), `key` the field holding it (undefined for the root and
 * list items); false keeps the walk out of it.
 */
export function walkTree(root: unknown, enter: (node: object, key: string | undefined) => boolean | void): void {
  if (!root || typeof root !== 'object') return;
  const nodes: object[] = [root];
  const keys: Array<string | undefined> = [undefined];
  while (nodes.length) {
    const node = nodes.pop()!;
    if (enter(node, keys.pop()) === false) continue;
    // Pushed last to first, so that they come off the stack first to last.
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const item: unknown = node[i];
        if (item && typeof item === 'object') {
          nodes.push(item);
          keys.push(undefined);
        }
      }
    } else {
      const fields = Object.keys(node);
      for (let i = fields.length - 1; i >= 0; i--) {
        const value: unknown = (node as Record<string, unknown>)[fields[i]!];
        if (value && typeof value === 'object') {
          nodes.push(value);
          keys.push(fields[i]);
        }
      }
    }
  }
}

/** Whether `test` holds for a node or list in the tree under `root` (see walkTree). */
export function someInTree(root: unknown, test: (node: object, key: string | undefined) => boolean): boolean {
  let found = false;
  // Once found, the nodes still on the walk's stack are passed over without a look inside.
  walkTree(root, (node, key) => !found && !(found = test(node, key)));
  return found;
}

/**
 * A computation that may nest as deep as the tree it reads: a generator that, for each computation it needs the result
 * of, does `yield* nested(computation)`. runDeep() runs them from a stack of its own.
 */
export type Deep<T> = Generator<Deep<unknown>, T, unknown>;

/** Runs `computation` (see Deep) and gives its result. */
export function runDeep<T>(computation: Deep<T>): T {
  // Most finish without needing another (a leaf of the tree): no stack for them.
  const first = computation.next();
  if (first.done) return first.value;
  const stack: Array<Deep<unknown>> = [computation, first.value];
  let result: unknown;
  for (;;) {
    const step = stack[stack.length - 1]!.next(result);
    if (step.done) {
      stack.pop();
      result = step.value;
      if (!stack.length) return result as T;
    } else {
      stack.push(step.value);
      result = undefined;
    }
  }
}

/** In a Deep computation, `yield* nested(other)` is `other`'s result, other run by runDeep in turn. */
export function* nested<T>(computation: Deep<T>): Generator<Deep<unknown>, T, unknown> {
  return (yield computation) as T;
}
