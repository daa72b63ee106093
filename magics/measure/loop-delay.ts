import { IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * The histogram's timer wakes the main thread every RESOLUTION_MS: at 1 ms that cost 15 ms of the
 * main thread's CPU per idle 500 ms (charged to %%sync and %%async bodies); at 5 ms, 6.5 ms, so an
 * idle %%sync body of 1 s was charged 15-30 ms, over the 2% the harness may cost; at 10 ms, 8-12 ms.
 * An idle loop's delay then reads about 10 ms.
 */
const RESOLUTION_MS = 10;

/**
 * Event-loop delay of the main thread. The histogram's timer must already be ticking when the
 * body starts, and must tick once more after it ends, or a body that blocks the loop shows nothing.
 * After a reset the histogram skips its first tick (it has no previous one to measure from), so a
 * window begins only once it has counted a tick, and ends once it has counted one more.
 */
export class LoopDelayProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  async start(): Promise<void> {
    this.histogram.enable();
    await this.ticks(1);
  }

  async beginWindow(): Promise<void> {
    this.histogram.reset();
    await this.ticks(1);
  }

  async endWindow(): Promise<{ p50: number; p99: number; max: number }> {
    await this.ticks(this.histogram.count + 1);
    const h = this.histogram;
    if (h.count === 0) return { p50: 0, p99: 0, max: 0 };
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  }

  /** Waits until the histogram has counted `count` ticks (at most a few resolutions: it ticks on its own). */
  private async ticks(count: number): Promise<void> {
    for (let waited = 0; this.histogram.count < count && waited < 4 * RESOLUTION_MS; waited++) await sleep(1);
  }

  stop(): void {
    this.histogram.disable();
  }
}
