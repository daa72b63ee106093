/**
 * Soak: 1,000 plain cells and 300 magic runs in one kernel, twice. Reports the kernel's RSS and V8
 * heap after a full GC, and its live threads, before and after.
 */
import { KernelClient } from "../client/kernel-client";
import type { BenchRow } from "./bench-row";

const PROBE = [
  'import * as v8 from "node:v8";',
  'import * as vm from "node:vm";',
  'import { readFileSync } from "node:fs";',
  'v8.setFlagsFromString("--expose-gc");',
  'const collect = vm.runInNewContext("gc") as () => void;',
  "collect();",
  "collect();",
  'const threads = Number(/Threads:\\s+(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))![1]);',
  "console.log(JSON.stringify({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, threads }));",
].join("\n");

export interface Footprint {
  rss: number;
  heap: number;
  threads: number;
}

async function probe(kernel: KernelClient): Promise<Footprint> {
  const { iopub } = await kernel.execute(PROBE);
  return JSON.parse(iopub.filter((m) => m.header.msg_type === "stream").map((m) => m.content.text).join(""));
}

const SETTLE_PROBES = 3;
const SETTLE_MS = 1000;

/**
 * The lowest of a few probes a second apart: freed malloc memory (compiler zones, tslab's
 * program) reaches the OS only some time after a GC, so one probe measures when, not how much.
 */
export async function footprint(kernel: KernelClient): Promise<Footprint> {
  const probes: Footprint[] = [];
  for (let i = 0; i < SETTLE_PROBES; i++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    probes.push(await probe(kernel));
  }
  return probes.reduce((low, p) => (p.rss < low.rss ? p : low));
}

async function ok(kernel: KernelClient, code: string): Promise<void> {
  const { reply } = await kernel.execute(code);
  if (reply.content.status !== "ok") throw new Error(`soak cell failed: ${code}\n${JSON.stringify(reply.content)}`);
}

/** Declares what the soak cells use and starts the first worker pool; the footprint before the soak. */
export async function prepareSoak(kernel: KernelClient): Promise<Footprint> {
  await ok(kernel, "let total = 0;");
  await ok(kernel, "%%threads --workers 2 --tasks 4 --repeat 1\nreturn task.index;");
  return footprint(kernel);
}

/** 1,000 plain cells, then 300 magic runs; the RSS right after the plain cells, for the transient. */
export async function soakRound(kernel: KernelClient): Promise<Footprint> {
  for (let i = 0; i < 1000; i++) await ok(kernel, `total += ${i}; const item = { i: ${i}, text: "x".repeat(100) }; item.i + total`);
  const afterPlain = await probe(kernel);
  for (let i = 0; i < 100; i++) {
    for (const magic of ["%%sync --tasks 5", "%%async --tasks 20", "%%threads --workers 2 --tasks 8"]) {
      await ok(kernel, `${magic} --repeat 1\nawait task.sleep(1);\nreturn task.index * ${i};`);
    }
  }
  return afterPlain;
}

/**
 * Two rounds in one kernel: the first from a fresh kernel (the target), the second against the
 * first, which tells a leak (it grows again) from pools that fill once (glibc's per-thread
 * arenas for the workers, V8's pages).
 */
export async function benchSoak(): Promise<BenchRow[]> {
  const kernel = await KernelClient.start();
  try {
    const before = await prepareSoak(kernel);
    const afterPlain = await soakRound(kernel);
    const after = await footprint(kernel);
    await soakRound(kernel);
    const afterSecond = await footprint(kernel);
    const mib = 2 ** 20;
    const rss = (name: string, value: Footprint, baseline: Footprint, target?: string): BenchRow => ({ name, value: value.rss / mib, baseline: baseline.rss / mib, ratio: value.rss / baseline.rss, unit: "MiB", ...(target ? { target } : {}) });
    return [
      rss("soak: kernel RSS after GC, after vs before 1,000 cells + 300 magic runs", after, before, "growth < 50 MiB"),
      rss("soak: kernel RSS right after the 1,000 plain cells (one probe), vs before", afterPlain, before),
      rss("soak: kernel RSS after GC, after a second round vs after the first", afterSecond, after),
      { name: "soak: V8 heap used after GC, after vs before", value: after.heap / mib, baseline: before.heap / mib, ratio: after.heap / before.heap, unit: "MiB" },
      { name: "soak: live threads, after two rounds vs before", value: afterSecond.threads, baseline: before.threads, ratio: afterSecond.threads / before.threads, unit: "threads", target: "<= 1" },
    ];
  } finally {
    await kernel.shutdown();
  }
}
