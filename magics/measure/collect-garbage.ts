import * as v8 from "node:v8";
import * as vm from "node:vm";

let gc: (() => void) | undefined;

/** A full GC before each measured run, so one run's garbage is not collected on the next one's time. */
export function collectGarbage(): void {
  if (!gc) {
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
