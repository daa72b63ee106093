import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { compiledFile } from "./package-paths";
import { ProcFile, machineCpuTicks, osThreadId, readProcessStatus, readThreadCpu, statThreads, statmRssBytes, threadCpuBetween, threadCpuMs } from "./process-status";

const onLinux = process.platform === "linux" ? it : it.skip;

describe("process-status", () => {
  onLinux("reads RSS through a kept-open statm within a page or two of VmRSS, and the thread count as /proc/self/status has it", () => {
    const statm = new ProcFile("/proc/self/statm");
    const stat = new ProcFile("/proc/self/stat");
    const status = readProcessStatus();
    expect(Math.abs(statmRssBytes(statm)! - status.rssBytes)).toBeLessThan(512 * 1024);
    expect(statThreads(stat)).toBe(status.threads);
    statm.close();
    expect(statm.read()).toBeUndefined();
  });

  onLinux("measures this thread's CPU as the kernel's tick counts do, and never above the whole process's getrusage", () => {
    const before = readThreadCpu()!;
    const usage = process.cpuUsage();
    const start = performance.now();
    while (performance.now() - start < 300);
    const after = readThreadCpu()!;
    const own = threadCpuBetween(before, after);
    const used = process.cpuUsage(usage);
    // The scheduler's ns-precise time against the 10 ms ticks it also counts: a few ticks apart at most.
    const ticksMs = (after.userTicks + after.systemTicks - before.userTicks - before.systemTicks) * 10;
    expect(Math.abs(own.userMs + own.systemMs - ticksMs)).toBeLessThanOrEqual(30);
    expect(own.userMs + own.systemMs).toBeLessThanOrEqual((used.user + used.system) / 1000 + 2);
    expect(threadCpuMs()).toBeGreaterThan(0);
  });

  onLinux("reads the calling thread's CPU through its own kept-open file: in step with /proc's reading here, and a worker's is the worker's", async () => {
    const before = [threadCpuMs()!, readThreadCpu()!.totalMs];
    // Spin until /proc's reading has moved 60 ms (on a busy machine 100 ms of wall time gave 45 ms of CPU).
    const start = performance.now();
    while (readThreadCpu()!.totalMs - before[1] < 60 && performance.now() - start < 10_000) {
      const sliceEnd = performance.now() + 5;
      while (performance.now() < sliceEnd);
    }
    const after = [threadCpuMs()!, readThreadCpu()!.totalMs];
    expect(Math.abs(after[0] - before[0] - (after[1] - before[1]))).toBeLessThan(2);
    expect(after[0] - before[0]).toBeGreaterThan(50);
    // This thread has used far more CPU by now than a worker that has just started.
    const worker = new Worker(
      `const { parentPort } = require("node:worker_threads");
       const { threadCpuMs, readThreadCpu } = require(${JSON.stringify(compiledFile("common/process-status.js"))});
       parentPort.postMessage([threadCpuMs(), readThreadCpu().totalMs]);`,
      { eval: true },
    );
    const [inWorker, workerProc] = await new Promise<number[]>((resolve, reject) => worker.once("message", resolve).once("error", reject));
    await worker.terminate();
    expect(Math.abs(inWorker - workerProc)).toBeLessThan(5);
    expect(inWorker).toBeLessThan(threadCpuMs()! - 50);
  });

  it("splits a thread's CPU between user and system as its tick counts do", () => {
    expect(threadCpuBetween({ totalMs: 10, userTicks: 1, systemTicks: 1 }, { totalMs: 110, userTicks: 4, systemTicks: 2 })).toEqual({ userMs: 75, systemMs: 25 });
    // No tick in between (under 10 ms): all user.
    expect(threadCpuBetween({ totalMs: 10, userTicks: 1, systemTicks: 1 }, { totalMs: 15, userTicks: 1, systemTicks: 1 })).toEqual({ userMs: 5, systemMs: 0 });
  });

  onLinux("knows this thread's OS id and the machine's CPU ticks", () => {
    expect(osThreadId()).toBe(process.pid);
    const ticks = machineCpuTicks()!;
    expect(ticks.total).toBeGreaterThanOrEqual(ticks.busy);
    expect(ticks.busy).toBeGreaterThan(0);
    expect(availableParallelism()).toBeGreaterThan(0);
  });
});
