import { performance } from "node:perf_hooks";
import { LoopDelayProbe } from "../measure/loop-delay";
import { RunProbes } from "../measure/measure-run";
import { ResourceMonitor } from "../measure/resource-monitor";
import { OnProgress } from "../render/live-progress";
import type { ServerAddress } from "../tasks/loopback-client";
import { startRoleWorker } from "../runners/start-role-worker";
import type { Worker } from "node:worker_threads";
import type { ThreadWorkerData } from "../lanes/lane-messages";

/**
 * What the experiments of one magic cell share: the resource monitor (the kernel's, held for the
 * cell), the loop-delay probe, the loopback server (started when a body first uses it) and where progress goes.
 */
export class Lab {
  private server: Promise<LoopbackServerThread> | undefined;
  private serverThreadId: number | undefined;
  readonly startedAt = performance.now();
  readonly probes: RunProbes;

  private constructor(monitor: ResourceMonitor, loopDelay: LoopDelayProbe, kernelThreadIds: readonly number[], readonly onProgress: OnProgress | undefined) {
    const harnessThreadIds = () => [...kernelThreadIds, ...[monitor.osThreadId, this.serverThreadId].filter((id): id is number => id !== undefined)];
    this.probes = { monitor, loopDelay, harnessThreadIds };
  }

  /**
   * Opens a lab, runs `work` in it and closes the lab, whether `work` resolves or throws.
   * `kernelThreadIds`: the kernel's own threads, whose CPU is the harness's like the lab's own.
   */
  static async with<T>(setting: { onProgress?: OnProgress; kernelThreadIds?: readonly number[] }, work: (lab: Lab) => Promise<T>): Promise<T> {
    const loopDelay = new LoopDelayProbe();
    const lab = new Lab(await ResourceMonitor.hold(), loopDelay, setting.kernelThreadIds ?? [], setting.onProgress);
    try {
      return await work(lab);
    } finally {
      await lab.close();
    }
  }

  /** The loopback server's address; all experiments of a cell share the server options. */
  async serverAddress(latencyMs: number, bytes: number): Promise<ServerAddress> {
    this.server ??= LoopbackServerThread.start(latencyMs, bytes);
    const server = await this.server;
    this.serverThreadId = server.osThreadId;
    return server.address;
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.then((s) => s.close(), () => undefined);
    this.probes.monitor.release();
    this.probes.loopDelay.stop();
  }
}

/** Main-thread handle of the server's worker. */
export class LoopbackServerThread {
  private constructor(private readonly worker: Worker, readonly address: ServerAddress, readonly osThreadId: number | undefined) {}

  static async start(latencyMs: number, bytes: number): Promise<LoopbackServerThread> {
    const workerData: ThreadWorkerData = { role: "loopback-server", latencyMs, bytes };
    const [worker, { port, osThreadId }] = await startRoleWorker(workerData, "server-listening");
    return new LoopbackServerThread(worker, { url: `http://127.0.0.1:${port}`, latencyMs, bytes }, osThreadId);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
