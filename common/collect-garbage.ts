import * as v8 from "node:v8";
import * as vm from "node:vm";

let gc: (() => void) | undefined;

/**
 * A full GC before each measured run (in every thread and process that runs the body), so one
 * run's garbage is neither collected on the next one's time nor freed inside its memory window.
 */
export function collectGarbage(): void {
  if (!gc) {
    // V8 frees ArrayBuffers (Buffers) on a background thread after a GC: their RSS would then fall
    // inside the next run's window, under its baseline, hiding what that run allocated.
    v8.setFlagsFromString("--no-concurrent-array-buffer-sweeping");
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) {
      gc = exposed;
    } else {
      v8.setFlagsFromString("--expose-gc");
      gc = vm.runInNewContext("gc") as () => void;
    }
  }
  gc();
}
