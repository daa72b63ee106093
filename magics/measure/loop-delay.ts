import { IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

const RESOLUTION_MS = 1;

/**
 * Event-loop delay of the main thread. The histogram's timer must already be ticking when the
 * body starts, and must tick once more after it ends, or a body that blocks the loop shows nothing.
 * After a reset the histogram skips its first tick (it has no previous one to measure from), so a
 * window begins only once it has ticked again.
 */
export class LoopDelayProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  async start(): Promise<void> {
    this.histogram.enable();
    await sleep(RESOLUTION_MS * 3);
  }

  async beginWindow(): Promise<void> {
    this.histogram.reset();
    await sleep(RESOLUTION_MS * 2);
  }

  async endWindow(): Promise<{ p50: number; p99: number; max: number }> {
    await sleep(RESOLUTION_MS * 2);
    const h = this.histogram;
    if (h.count === 0) return { p50: 0, p99: 0, max: 0 };
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  }

  stop(): void {
    this.histogram.disable();
  }
}
