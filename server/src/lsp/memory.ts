/**
 * Memory hygiene for large documents: after the server has parsed and checked a lot of
 * text, and once the results are published, a full garbage collection returns the
 * short-lived objects of that work right away instead of letting the heap grow first.
 * Only when the runtime exposes `gc` (the worker thread of `lsp/worker.ts` does).
 */
const THRESHOLD = 512 * 1024;

let pending = 0;
let timer: NodeJS.Timeout | undefined;

/** Records that `chars` characters were parsed or checked. */
export function noteWork(chars: number): void {
  pending += chars;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc || pending < THRESHOLD || timer) return;
  // After the current messages are handled (the publication goes out first).
  timer = setTimeout(() => {
    timer = undefined;
    pending = 0;
    gc();
  }, 0);
}
