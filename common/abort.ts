/** Waiting on work that an AbortSignal may cut short (an interrupt, a --timeout). */
import { setTimeout as sleep } from "node:timers/promises";

/** Resolves when `work` settles or `signal` aborts, whichever is first. */
export function untilDoneOrAborted(work: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const onAbort = () => resolve();
    const onSettled = () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(onSettled, onSettled);
  });
}

/** Settles like `work`, or rejects with the abort reason once `signal` aborts; leaves no listener behind. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Polls `done` until it holds (a few ms apart) or `signal` aborts. */
export async function until(done: () => boolean, signal: AbortSignal): Promise<void> {
  while (!done()) await abortable(sleep(5), signal);
}
