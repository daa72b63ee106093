import { epochNow } from "../tasks/task-table";
import { MonitorSlot, MonitorViews, SAMPLE_CAPACITY, monitorViews, withSamplesLock } from "./monitor-slots";
import { ProcFile, readProcessStatus, statThreads, statmRssBytes } from "../../common/process-status";

/**
 * The monitor's side of the window's RSS series. Each stored sample stands for `spacing`
 * consecutive readings and holds the highest of them, so the peak is always in the series; when
 * the buffer fills, neighbours merge (the higher one stays) and the spacing doubles.
 */
export class RssSeriesWriter {
  private window = -1;
  private spacing = 1;
  private readingsInLast = 0;

  constructor(private readonly views: MonitorViews) {}

  record(epochMs: number, rssKb: number): void {
    const { slots, samples } = this.views;
    withSamplesLock(slots, () => {
      const window = Atomics.load(slots, MonitorSlot.window);
      if (window !== this.window) {
        this.window = window;
        this.spacing = 1;
        this.readingsInLast = 0;
      }
      let count = Atomics.load(slots, MonitorSlot.sampleCount);
      if (this.readingsInLast > 0 && this.readingsInLast < this.spacing) {
        if (rssKb > samples[2 * count - 1]) samples.set([epochMs, rssKb], 2 * (count - 1));
        this.readingsInLast++;
        return;
      }
      if (count === SAMPLE_CAPACITY) {
        count = mergeNeighbours(samples, count);
        this.spacing *= 2;
      }
      samples.set([epochMs, rssKb], 2 * count);
      Atomics.store(slots, MonitorSlot.sampleCount, count + 1);
      this.readingsInLast = 1;
    });
  }
}

/** Halves the series in place, each pair of samples becoming the one with the higher RSS; returns the new count. */
function mergeNeighbours(samples: Float64Array, count: number): number {
  const half = Math.floor(count / 2);
  for (let k = 0; k < half; k++) {
    const higher = samples[4 * k + 3] > samples[4 * k + 1] ? 2 * k + 1 : 2 * k;
    samples[2 * k] = samples[2 * higher];
    samples[2 * k + 1] = samples[2 * higher + 1];
  }
  return half;
}

/**
 * Runs in a worker of its own: samples the RSS of the process tree (this process and the child
 * processes the window watches, each child's peak kept apart) and the thread count every few ms
 * into shared memory, so a main thread blocked by the body cannot hide its memory peak or its
 * memory over time.
 */
export function runResourceMonitor(control: SharedArrayBuffer, intervalMs: number, onStarted: () => void): void {
  const views = monitorViews(control);
  const { slots } = views;
  const series = new RssSeriesWriter(views);
  const ownRss = new ProcFile("/proc/self/statm");
  const ownStat = new ProcFile("/proc/self/stat");
  const fallback = ownRss.read() === undefined;
  let childWindow = -1;
  let children: ProcFile[] = [];
  const sample = () => {
    const window = Atomics.load(slots, MonitorSlot.window);
    if (window !== childWindow) {
      // A new window may watch other children: open theirs (the main thread set them before bumping the window).
      childWindow = window;
      for (const child of children) child.close();
      children = Array.from({ length: Atomics.load(slots, MonitorSlot.childCount) }, (_, c) => new ProcFile(`/proc/${Atomics.load(views.childPids, c)}/statm`));
    }
    const own = fallback ? readProcessStatus() : { rssBytes: statmRssBytes(ownRss) ?? 0, threads: statThreads(ownStat) };
    let rssKb = Math.round(own.rssBytes / 1024);
    const threads = own.threads;
    children.forEach((child, c) => {
      const childKb = Math.round((statmRssBytes(child) ?? 0) / 1024);
      rssKb += childKb;
      if (childKb > Atomics.load(views.childPeakKb, c)) Atomics.store(views.childPeakKb, c, childKb);
    });
    if (rssKb > Atomics.load(slots, MonitorSlot.peakRssKb)) Atomics.store(slots, MonitorSlot.peakRssKb, rssKb);
    if (threads !== undefined && threads > Atomics.load(slots, MonitorSlot.peakThreads)) Atomics.store(slots, MonitorSlot.peakThreads, threads);
    series.record(epochNow(), rssKb);
  };
  sample();
  onStarted();
  // A futex wait between samples, not a timer: this thread needs no event loop, and a timer's wake
  // costs more (an empty 5 ms setInterval in a worker took 18 ms of CPU a second here, this 12).
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    if (Atomics.load(slots, MonitorSlot.sampling) === 0) Atomics.wait(slots, MonitorSlot.sampling, 0);
    else Atomics.wait(pause, 0, 0, intervalMs);
    sample();
  }
}
