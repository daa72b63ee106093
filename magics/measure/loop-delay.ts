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
 * Event-loop delay of the main thread, over windows. The histogram's timer must have ticked once
 * after a reset before the body starts (a reset forgets the last tick, so the first tick after it
 * measures nothing), and must tick once more after a body that blocked the loop, or that block shows
 * nothing. Between windows the timer is stopped, so it costs nothing while no run is measured.
 */
export class LoopDelayProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  /**
   * Restarts the timer now, with an empty histogram, and resolves once its first tick has fired.
   * Synchronous work done after calling it and before awaiting it (collecting garbage) runs before
   * that tick, so it overlaps the wait and is not counted.
   */
  async beginWindow(): Promise<void> {
    const h = this.histogram;
    h.disable();
    h.reset();
    h.enable();
    // The timer's first tick is due RESOLUTION_MS after enable(); this timeout is due after it, and
    // libuv runs due timers in order, or in one timers phase, which setImmediate waits out.
    await sleep(RESOLUTION_MS + 2);
    await immediate();
  }

  async endWindow(): Promise<{ p50: number; p99: number; max: number }> {
    const h = this.histogram;
    // A tick the body held back past its due time fires in the next timers phase, recording the block.
    await sleep(1);
    await immediate();
    // A window shorter than one tick: wait for it, so that an idle loop reads one resolution, as in longer windows.
    if (h.count === 0) await this.firstTick();
    h.disable();
    if (h.count === 0) return { p50: 0, p99: 0, max: 0 };
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  }

  /** Waits until the histogram has counted a tick (at most a few resolutions: it ticks on its own). */
  private async firstTick(): Promise<void> {
    for (let waited = 0; this.histogram.count === 0 && waited < 4 * RESOLUTION_MS; waited++) await sleep(1);
  }

  stop(): void {
    this.histogram.disable();
  }
}
