/**
 * This kernel against tslab's, side by side in one run: time from process start to
 * kernel_info_reply, to the first `1+1` result, and the steady round-trip of a trivial cell.
 */
import * as path from "node:path";
import { KERNEL_ARGV, KernelClient } from "../client/kernel-client";

const TSLAB_ARGV = [process.execPath, path.join(path.dirname(require.resolve("tslab/package.json")), "bin", "tslab"), "kernel", "--config-path", "{connection_file}"];
const KERNELS = { conclab: KERNEL_ARGV, tslab: TSLAB_ARGV };
type KernelName = keyof typeof KERNELS;
/** Idle time before the steady round-trips, for both kernels to finish warming up (conclab builds its full checker). */
const STEADY_AFTER_MS = 3000;
const STEP_TIMEOUT_MS = 60_000;

export interface KernelFigures {
  readyMs: number;
  firstResultMs: number;
  roundTripMedianMs: number;
  roundTripP90Ms: number;
}

function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function startAndFirstResult(name: KernelName): Promise<{ client: KernelClient; readyMs: number; firstResultMs: number }> {
  const started = performance.now();
  const client = await within(KernelClient.start({ argv: KERNELS[name] }), `starting ${name}`);
  const readyMs = performance.now() - started;
  const first = await within(client.execute("1+1", { untilReply: true }), `${name}'s first cell`);
  if (first.reply.content.status !== "ok") throw new Error(`${name}: 1+1 failed: ${JSON.stringify(first.reply.content)}`);
  return { client, readyMs, firstResultMs: performance.now() - started };
}

/**
 * `starts` rounds; in each, both kernels start one after the other, then trivial cells alternate
 * between them so that machine noise hits both alike. Figures are medians over the rounds.
 */
export async function benchKernelStartup(starts = 3, roundTrips = 50): Promise<Record<KernelName, KernelFigures>> {
  const rounds: Record<KernelName, KernelFigures[]> = { conclab: [], tslab: [] };
  for (let round = 0; round < starts; round++) {
    const conclab = await startAndFirstResult("conclab");
    const tslab = await startAndFirstResult("tslab").catch(async (e: Error) => {
      await conclab.client.shutdown();
      throw e;
    });
    const started = { conclab, tslab };
    try {
      await new Promise((resolve) => setTimeout(resolve, STEADY_AFTER_MS));
      const times: Record<KernelName, number[]> = { conclab: [], tslab: [] };
      for (let i = 0; i < roundTrips; i++) {
        for (const name of ["conclab", "tslab"] as const) {
          const t = performance.now();
          // Until execute_reply: tslab's kernel now and then loses its status: idle under back-to-back cells.
          await within(started[name].client.execute(`${i} + 1`, { untilReply: true }), `${name}'s round-trip ${i}`);
          times[name].push(performance.now() - t);
        }
      }
      for (const name of ["conclab", "tslab"] as const) {
        const { readyMs, firstResultMs } = started[name];
        rounds[name].push({ readyMs, firstResultMs, roundTripMedianMs: quantile(times[name], 0.5), roundTripP90Ms: quantile(times[name], 0.9) });
        process.stderr.write(`  round ${round + 1}/${starts} ${name}: ready ${readyMs.toFixed(0)} ms, first result ${firstResultMs.toFixed(0)} ms, round-trip median ${quantile(times[name], 0.5).toFixed(1)} ms\n`);
      }
    } finally {
      await Promise.all(Object.values(started).map(({ client }) => client.shutdown()));
    }
  }
  const median = (list: KernelFigures[]): KernelFigures => ({
    readyMs: quantile(list.map((f) => f.readyMs), 0.5),
    firstResultMs: quantile(list.map((f) => f.firstResultMs), 0.5),
    roundTripMedianMs: quantile(list.map((f) => f.roundTripMedianMs), 0.5),
    roundTripP90Ms: quantile(list.map((f) => f.roundTripP90Ms), 0.5),
  });
  return { conclab: median(rounds.conclab), tslab: median(rounds.tslab) };
}
