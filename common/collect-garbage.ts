import * as v8 from "node:v8";
import * as vm from "node:vm";
import { setTimeout as sleep } from "node:timers/promises";

type Gc = (options?: { type: "major" | "minor" }) => void;
let gc: Gc | undefined;

/**
 * How much the heap (JS objects and the memory they hold outside it: Buffers) may grow from what
 * the last full GC left before the next run gets a full GC of its own. Below it, what the runs before
 * left behind is too little to start a major GC inside a run or to move a memory window much.
 */
export const FULL_GC_AFTER_GROWTH_BYTES = 4 * 1024 * 1024;

/** heapUsed + external after this thread's last full GC (or lower, when it fell since); undefined before the first. */
let liveAfterFullGc: number | undefined;

function liveBytes(): number {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/**
 * Called before each run (in every thread and process that runs the body) so that one run's
 * garbage is neither collected on the next one's time nor freed inside its memory window. A minor
 * GC (under a millisecond) clears what the last run left in the young generation; a full GC (30-45
 * ms on a kernel heap that has type-checked cells) follows only when the heap has grown by
 * FULL_GC_AFTER_GROWTH_BYTES since the last one, as it does after a cell is type-checked or a run
 * keeps what it allocated. Returns which ran.
 */
export function collectGarbage(): "minor" | "full" {
  if (!gc) {
    // V8 frees ArrayBuffers (Buffers) on a background thread after a GC: their RSS would then fall
    // inside the next run's window, under its baseline, hiding what that run allocated.
    v8.setFlagsFromString("--no-concurrent-array-buffer-sweeping");
    const exposed = (globalThis as { gc?: Gc }).gc;
    if (exposed) {
      gc = exposed;
    } else {
      v8.setFlagsFromString("--expose-gc");
      gc = vm.runInNewContext("gc") as Gc;
    }
  }
  gc({ type: "minor" });
  const live = liveBytes();
  if (liveAfterFullGc !== undefined && live - liveAfterFullGc < FULL_GC_AFTER_GROWTH_BYTES) {
    liveAfterFullGc = Math.min(liveAfterFullGc, live);
    return "minor";
  }
  gc({ type: "major" });
  liveAfterFullGc = liveBytes();
  return "full";
}

/** How long releasedToSystem waits at most: the kernel's heap after type-checking a cell takes a few ms. */
const RELEASE_WAIT_MS = 25;

/**
 * Resolves once the process's RSS has stopped falling after a full GC: V8 sweeps the heap and
 * returns the emptied pages to the system on background threads after the GC returns, so an RSS
 * read at once counts memory about to go (10 MiB of a kernel heap that had just type-checked a
 * body, taken from a 200 MiB run's peak above that baseline). RSS falling over the next
 * millisecond is the sign; a process with nothing to return waits one millisecond.
 */
export async function releasedToSystem(): Promise<void> {
  const until = performance.now() + RELEASE_WAIT_MS;
  for (let before = process.memoryUsage.rss(); performance.now() < until; ) {
    await sleep(1);
    const now = process.memoryUsage.rss();
    if (now >= before) return;
    before = now;
  }
}
