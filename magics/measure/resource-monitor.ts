import type { Worker } from "node:worker_threads";
import { epochNow } from "../tasks/task-table";
import { startRoleWorker } from "../runners/start-role-worker";
import { MAX_WATCHED_CHILDREN, MONITOR_BUFFER_BYTES, MonitorSlot, MonitorViews, monitorViews, withSamplesLock } from "../lanes/monitor-slots";
import { ProcessStatus, processRssBytes, readProcessStatus } from "../../common/process-status";

/**
 * How often the monitor samples. Each sample costs its thread ~20 µs of reading plus a wake-up
 * (60-90 µs on a busy 2-core machine): at 5 ms that was 4% of a core, charged to every run, at 10
 * ms 2%, at 20 ms under 1%. A peak shorter than this may be missed, but RSS falls only when a GC
 * frees memory back, so a body's peak lasts longer than that.
 */
export const SAMPLE_EVERY_MS = 20;

/** RSS readings of a window, in time order: `epochMs[k]` (as epochNow() gives it) and `rssBytes[k]`. */
export interface RssSeries {
  epochMs: number[];
  rssBytes: number[];
}

export interface WindowPeaks {
  /** Of the whole process tree: this process and the children the window watched. */
  peakRssBytes: number;
  /** Each watched child's highest RSS in the window, by pid. */
  childPeakRssBytes: Map<number, number>;
  peakThreads?: number;
  /** RSS over the window as the monitor sampled it, then now (a couple of thousand samples at most, the monitor's peak among them). */
  rss: RssSeries;
}

/**
 * Main-thread side of the monitor thread (see monitor-thread.ts). One thread serves every cell of
 * the kernel: starting it took 30-45 ms of a trivial cell. It samples while a lab holds it
 * (`hold`) and sleeps on a futex between cells, costing no CPU.
 */
export class ResourceMonitor {
  private static shared: Promise<ResourceMonitor> | undefined;
  private readonly views: MonitorViews;
  private children: number[] = [];
  private holders = 0;

  /** @param osThreadId the monitor thread's OS id: its CPU is the harness's */
  private constructor(private readonly worker: Worker, control: SharedArrayBuffer, readonly osThreadId: number | undefined) {
    this.views = monitorViews(control);
  }

  /** The kernel's monitor, started the first time (again if its thread ended), sampling until `release`. */
  static async hold(): Promise<ResourceMonitor> {
    if (!ResourceMonitor.shared) {
      const starting = ResourceMonitor.start();
      ResourceMonitor.shared = starting;
      const forget = () => {
        if (ResourceMonitor.shared === starting) ResourceMonitor.shared = undefined;
      };
      starting.then((monitor) => monitor.worker.once("exit", forget), forget);
    }
    const monitor = await ResourceMonitor.shared;
    if (monitor.holders++ === 0) {
      Atomics.store(monitor.views.slots, MonitorSlot.sampling, 1);
      Atomics.notify(monitor.views.slots, MonitorSlot.sampling);
    }
    return monitor;
  }

  private static async start(): Promise<ResourceMonitor> {
    const control = new SharedArrayBuffer(MONITOR_BUFFER_BYTES);
    const [worker, { osThreadId }] = await startRoleWorker({ role: "resource-monitor", control, intervalMs: SAMPLE_EVERY_MS }, "monitor-started");
    worker.unref();
    return new ResourceMonitor(worker, control, osThreadId);
  }

  /** Ends a `hold`: with no lab holding it, the monitor stops sampling. */
  release(): void {
    if (--this.holders === 0) Atomics.store(this.views.slots, MonitorSlot.sampling, 0);
  }

  /**
   * Starts a measuring window over this process and the child processes `childPids`: the peaks and
   * the RSS series restart from now, and now (of the whole tree) is the baseline.
   */
  beginWindow(childPids: readonly number[] = []): ProcessStatus {
    const { slots, childPids: watched, childPeakKb } = this.views;
    if (childPids.length > MAX_WATCHED_CHILDREN) throw new RangeError(`the resource monitor watches at most ${MAX_WATCHED_CHILDREN} child processes; got ${childPids.length}`);
    Atomics.store(slots, MonitorSlot.childCount, 0);
    childPids.forEach((pid, c) => {
      Atomics.store(watched, c, pid);
      Atomics.store(childPeakKb, c, Math.round((processRssBytes(pid) ?? 0) / 1024));
    });
    Atomics.store(slots, MonitorSlot.childCount, childPids.length);
    this.children = [...childPids];
    const now = treeStatus(this.children);
    Atomics.store(slots, MonitorSlot.peakRssKb, Math.round(now.rssBytes / 1024));
    Atomics.store(slots, MonitorSlot.peakThreads, now.threads ?? 0);
    withSamplesLock(slots, () => {
      Atomics.store(slots, MonitorSlot.sampleCount, 0);
      Atomics.add(slots, MonitorSlot.window, 1);
    });
    return now;
  }

  endWindow(): WindowPeaks {
    const { slots, childPeakKb } = this.views;
    const now = treeStatus(this.children);
    const childPeakRssBytes = new Map(this.children.map((pid, c) => [pid, Math.max(processRssBytes(pid) ?? 0, Atomics.load(childPeakKb, c) * 1024)]));
    const peakRssBytes = Math.max(now.rssBytes, Atomics.load(slots, MonitorSlot.peakRssKb) * 1024);
    const rss = withSamplesLock(slots, () => readSeries(this.views));
    rss.epochMs.push(epochNow());
    rss.rssBytes.push(now.rssBytes);
    return { peakRssBytes, childPeakRssBytes, peakThreads: now.threads === undefined ? undefined : Math.max(now.threads, Atomics.load(slots, MonitorSlot.peakThreads)), rss };
  }

}

/** RSS of this process and of the child processes `childPids` (those still alive), and this process's threads. */
export function treeStatus(childPids: readonly number[]): ProcessStatus {
  const own = readProcessStatus();
  return { ...own, rssBytes: own.rssBytes + childPids.reduce((sum, pid) => sum + (processRssBytes(pid) ?? 0), 0) };
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
