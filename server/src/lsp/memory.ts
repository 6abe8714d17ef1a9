/**
 * Memory hygiene for large documents: after the server has parsed and checked a lot of
 * text, and once the results are published, a full garbage collection returns the
 * short-lived objects of that work right away instead of letting the heap grow first.
 * The work counted is what was really done (a keystroke in a large group re-parses and
 * checks one app): a full collection of a large heap takes tens of milliseconds, and one
 * after every keystroke delayed the next. Smaller work is collected once the server has
 * been idle for a moment.
 * Only when the runtime exposes `gc` (the worker thread of `lsp/worker.ts` does).
 */
const THRESHOLD = 512 * 1024;
/** Milliseconds without publications before collecting, after large and after smaller work. */
const LARGE_IDLE_MS = 100;
const IDLE_MS = 1000;

let pending = 0;
let idle: NodeJS.Timeout | undefined;

const collect = () => {
  if (idle) clearTimeout(idle);
  idle = undefined;
  pending = 0;
  (globalThis as { gc?: () => void }).gc?.();
};

/** Records that `chars` characters were parsed or checked (and their results published). */
export function noteWork(chars: number): void {
  if (!(globalThis as { gc?: () => void }).gc || chars <= 0) return;
  pending += chars;
  // Once the server has been idle for a moment (a message that comes right after the
  // publication, such as the next keystroke, is not made to wait for the collection).
  if (idle) clearTimeout(idle);
  idle = setTimeout(collect, pending >= THRESHOLD ? LARGE_IDLE_MS : IDLE_MS);
  idle.unref();
}

/**
 * A document of `chars` characters was closed: when it was large, its tree and results
 * are collected at once (a collection costs what is still alive, little once they are
 * garbage), before the next document's work makes the heap grow around them.
 */
export function noteClosed(chars: number): void {
  if (chars >= THRESHOLD) collect();
}
