import type { Worker } from "node:worker_threads";
import { epochNow } from "../tasks/task-table";
import { startRoleWorker } from "../runners/start-role-worker";
import { MONITOR_BUFFER_BYTES, MonitorSlot, MonitorViews, monitorViews, withSamplesLock } from "../lanes/monitor-slots";
import { ProcessStatus, readProcessStatus } from "../../common/process-status";

const SAMPLE_EVERY_MS = 5;

/** RSS readings of a window, in time order: `epochMs[k]` (as epochNow() gives it) and `rssBytes[k]`. */
export interface RssSeries {
  epochMs: number[];
  rssBytes: number[];
}

export interface WindowPeaks {
  peakRssBytes: number;
  peakThreads?: number;
  /** RSS over the window as the monitor sampled it, then now (a couple of thousand samples at most, the monitor's peak among them). */
  rss: RssSeries;
}

/** Main-thread side of the monitor thread (see monitor-thread.ts). */
export class ResourceMonitor {
  private readonly views: MonitorViews;

  private constructor(private readonly worker: Worker, control: SharedArrayBuffer) {
    this.views = monitorViews(control);
  }

  static async start(): Promise<ResourceMonitor> {
    const control = new SharedArrayBuffer(MONITOR_BUFFER_BYTES);
    const [worker] = await startRoleWorker({ role: "resource-monitor", control, intervalMs: SAMPLE_EVERY_MS }, "monitor-started");
    worker.unref();
    return new ResourceMonitor(worker, control);
  }

  /** Starts a measuring window: the peaks and the RSS series restart from now, and now is the baseline. */
  beginWindow(): ProcessStatus {
    const { slots } = this.views;
    const now = readProcessStatus();
    Atomics.store(slots, MonitorSlot.peakRssKb, Math.round(now.rssBytes / 1024));
    Atomics.store(slots, MonitorSlot.peakThreads, now.threads ?? 0);
    withSamplesLock(slots, () => {
      Atomics.store(slots, MonitorSlot.sampleCount, 0);
      Atomics.add(slots, MonitorSlot.window, 1);
    });
    return now;
  }

  endWindow(): WindowPeaks {
    const { slots } = this.views;
    const now = readProcessStatus();
    const peakRssBytes = Math.max(now.rssBytes, Atomics.load(slots, MonitorSlot.peakRssKb) * 1024);
    const rss = withSamplesLock(slots, () => readSeries(this.views));
    rss.epochMs.push(epochNow());
    rss.rssBytes.push(now.rssBytes);
    return { peakRssBytes, peakThreads: now.threads === undefined ? undefined : Math.max(now.threads, Atomics.load(slots, MonitorSlot.peakThreads)), rss };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The window's samples (call holding the samples lock). */
export function readSeries({ slots, samples }: MonitorViews): RssSeries {
  const count = Atomics.load(slots, MonitorSlot.sampleCount);
  const series: RssSeries = { epochMs: new Array(count), rssBytes: new Array(count) };
  for (let k = 0; k < count; k++) {
    series.epochMs[k] = samples[2 * k];
    series.rssBytes[k] = samples[2 * k + 1] * 1024;
  }
  return series;
}
