import { IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { setImmediate as immediate, setTimeout as sleep } from "node:timers/promises";

/**
 * The histogram's timer wakes the main thread every RESOLUTION_MS: at 1 ms that cost 15 ms of the
 * main thread's CPU per idle 500 ms (charged to %%sync and %%async bodies); at 5 ms, 6.5 ms, so an
 * idle %%sync body of 1 s was charged 15-30 ms, over the 2% the harness may cost; at 10 ms, 8-12 ms.
 * An idle loop's delay then reads about 10 ms.
 */
const RESOLUTION_MS = 10;

/**
 * Event-loop delay of the main thread, over windows. A window restarts the histogram's timer, whose
 * first tick measures nothing (it has no tick before it to measure from), so a block at the very
 * start of a run would be lost; a one-shot timer armed as the window opens measures that first
 * interval, from the opening. Between windows the timer is stopped, so it costs nothing while no run
 * is measured, and opening one waits for nothing.
 */
export class LoopDelayProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  /** Milliseconds from the window's opening to its first tick. */
  private firstInterval: Promise<number> = Promise.resolve(0);

  beginWindow(): void {
    const h = this.histogram;
    h.disable();
    h.reset();
    h.enable();
    const openedAt = performance.now();
    this.firstInterval = sleep(RESOLUTION_MS).then(() => performance.now() - openedAt);
  }

  async endWindow(): Promise<{ p50: number; p99: number; max: number }> {
    const h = this.histogram;
    // A tick the body held back past its due time fires in the next timers phase, recording the block.
    await sleep(1);
    await immediate();
    // A window shorter than one tick waits for it, so that an idle loop reads one resolution, as in longer windows.
    const first = await this.firstInterval;
    h.disable();
    if (h.count === 0) return { p50: first, p99: first, max: first };
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: Math.max(first, h.max / 1e6) };
  }

  stop(): void {
    this.histogram.disable();
  }
}
