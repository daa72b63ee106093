import { Worker } from "node:worker_threads";
import { cellGlobal } from "../../magics/framework/cell-realm";

/** A main thread whose heartbeat is this old is stuck in JavaScript. */
const STUCK_AFTER_MS = 200;

/**
 * Runs `work` while SIGINT reaches only `onSigint` (as in the kernel, where SIGINT interrupts the
 * cell), and sends SIGINT to this process from another thread: what Jupyter does to interrupt a
 * kernel whose interrupt_mode is "signal". It is sent `afterMs` after the start, or, with
 * `whenStuck`, once the main thread has been stuck in JavaScript for a while (a signal that lands
 * just before the body takes the thread would wait for the run's --timeout instead). The test
 * runner's own SIGINT handlers are set aside meanwhile.
 */
export async function withSigint<T>(when: { afterMs: number } | { whenStuck: true }, onSigint: () => void, work: () => Promise<T>): Promise<T> {
  // The real process object: a test framework may give this module a stand-in.
  const { process } = cellGlobal();
  const others = process.rawListeners("SIGINT") as ((...args: unknown[]) => void)[];
  process.removeAllListeners("SIGINT");
  process.on("SIGINT", onSigint);
  const heartbeat = new Int32Array(new SharedArrayBuffer(4));
  const beat = setInterval(() => Atomics.store(heartbeat, 0, Date.now() % 2 ** 30), 10);
  Atomics.store(heartbeat, 0, Date.now() % 2 ** 30);
  const sender = new Worker(
    "afterMs" in when
      ? `setTimeout(() => process.kill(process.pid, "SIGINT"), ${when.afterMs});`
      : // Repeated while the main thread stays stuck, as the kernel's I/O thread does: a pause that only
        // looked stuck (a GC, a type-check) would otherwise take the one signal before the loop starts.
        `const { workerData: heartbeat } = require("node:worker_threads");
         let sentAt = 0;
         setInterval(() => {
           const now = Date.now();
           if (now % 2 ** 30 - Atomics.load(heartbeat, 0) < ${STUCK_AFTER_MS} || now - sentAt < 250) return;
           sentAt = now;
           process.kill(process.pid, "SIGINT");
         }, 10);`,
    { eval: true, workerData: heartbeat },
  );
  try {
    return await work();
  } finally {
    clearInterval(beat);
    await sender.terminate();
    // A SIGINT still on its way must find a handler.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off("SIGINT", onSigint);
    for (const listener of others) process.on("SIGINT", listener);
  }
}
