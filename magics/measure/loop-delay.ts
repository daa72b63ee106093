import { IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { setImmediate as immediate, setTimeout as sleep } from "node:timers/promises";

/**
 * The histogram's timer wakes the main thread every RESOLUTION_MS: at 1 ms that cost 15 ms of the
 * main thread's CPU per idle 500 ms (charged to %%sync and %%async bodies); at 5 ms, 6.5 ms, so an
 * idle %%sync body of 1 s was charged 15-30 ms, over the 2% the harness may cost; at 10 ms, 8-12 ms.
 * An idle loop's delay then reads about 10 ms. (A JavaScript timer ticking as often cost twice that.)
 */
const RESOLUTION_MS = 10;
/** A window's first sample is due this soon, so that a run shorter than a tick gets one without waiting a tick for it. */
const FIRST_SAMPLE_MS = 1;

/**
 * Event-loop delay of the main thread, over windows, as Node's loop-delay histogram reads it: each
 * tick records the interval since the one before (RESOLUTION_MS plus how late it fired), so an idle
 * loop reads one resolution. A window restarts the histogram, whose first tick, due a resolution
 * later, measures nothing (it has no tick before it); two one-shot timers armed at the opening read
 * that first interval the same way, one due at once and one with the histogram's first tick, so a
 * block at a run's very start counts and a run shorter than a tick needs no wait. Between windows
 * nothing ticks.
 */
export class LoopDelayProbe {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  /** Samples of the one-shot timers, in ms. */
  private firstSamples: number[] = [];
  private oneShots: NodeJS.Timeout[] = [];

  beginWindow(): void {
    const h = this.histogram;
    this.stop();
    h.reset();
    h.enable();
    const openedAt = performance.now();
    this.firstSamples = [];
    this.oneShots = [FIRST_SAMPLE_MS, RESOLUTION_MS].map((dueMs) =>
      setTimeout(() => this.firstSamples.push(RESOLUTION_MS + Math.max(0, performance.now() - openedAt - dueMs)), dueMs).unref(),
    );
  }

  async endWindow(): Promise<{ p50: number; p99: number; max: number }> {
    // A tick the body held back past its due time fires in the next timers phase, before this
    // later timer, recording the block; the window's first one-shot is due before it too.
    await sleep(FIRST_SAMPLE_MS);
    await immediate();
    this.stop();
    const h = this.histogram;
    const first = [...this.firstSamples].sort((a, b) => a - b);
    if (first.length === 0) throw new Error("the loop-delay probe ended a window that it had not begun");
    const firstMax = first[first.length - 1];
    if (h.count === 0) return { p50: first[(first.length - 1) >> 1], p99: firstMax, max: firstMax };
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: Math.max(firstMax, h.max / 1e6) };
  }

  /** A one-shot not yet due when the window ends had no interval to read: the window was shorter than it. */
  stop(): void {
    this.histogram.disable();
    for (const timer of this.oneShots) clearTimeout(timer);
    this.oneShots = [];
  }
}
