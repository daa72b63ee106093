/**
 * This kernel against tslab's, side by side in one run: time from process start to
 * kernel_info_reply, to the first `1+1` result, and the round-trip of a trivial cell.
 */
import * as path from "node:path";
import { DEFAULT_KERNEL_ARGV, KernelClient } from "../kernel/client/kernel-client";

const TSLAB_ARGV = [process.execPath, path.join(path.dirname(require.resolve("tslab/package.json")), "bin", "tslab"), "kernel", "--config-path", "{connection_file}"];

export interface KernelFigures {
  readyMs: number;
  firstResultMs: number;
  roundTripMedianMs: number;
  roundTripP90Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function measure(argv: string[], roundTrips: number): Promise<KernelFigures> {
  const started = performance.now();
  const client = await KernelClient.start({ argv });
  const readyMs = performance.now() - started;
  try {
    const first = await client.execute("1+1");
    const firstResultMs = performance.now() - started;
    if (first.reply.content.status !== "ok") throw new Error(`1+1 failed: ${JSON.stringify(first.reply.content)}`);
    const times: number[] = [];
    for (let i = 0; i < roundTrips; i++) {
      const t = performance.now();
      await client.execute(`${i} + 1`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { readyMs, firstResultMs, roundTripMedianMs: percentile(times, 0.5), roundTripP90Ms: percentile(times, 0.9) };
  } finally {
    await client.shutdown();
  }
}

/** Medians over `starts` alternating starts of each kernel, so machine noise hits both alike. */
export async function benchKernelStartup(starts = 3, roundTrips = 50): Promise<{ conclab: KernelFigures; tslab: KernelFigures }> {
  const runs: Record<"conclab" | "tslab", KernelFigures[]> = { conclab: [], tslab: [] };
  for (let i = 0; i < starts; i++) {
    runs.conclab.push(await measure(DEFAULT_KERNEL_ARGV, roundTrips));
    runs.tslab.push(await measure(TSLAB_ARGV, roundTrips));
  }
  const median = (list: KernelFigures[]): KernelFigures => {
    const pick = (key: keyof KernelFigures) => list.map((f) => f[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
    return { readyMs: pick("readyMs"), firstResultMs: pick("firstResultMs"), roundTripMedianMs: pick("roundTripMedianMs"), roundTripP90Ms: pick("roundTripP90Ms") };
  };
  return { conclab: median(runs.conclab), tslab: median(runs.tslab) };
}
