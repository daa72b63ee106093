/**
 * What %%compare's comparison method costs: a default %%compare of a trivial body (every default
 * model, the default warm-up and rounds), from the client, against a trivial %%sync cell in the same
 * kernel, the two cells taking turns so that drift in the machine hits both alike.
 */
import { KERNEL_ARGV, KernelClient } from "../client/kernel-client";
import { median } from "../magics/statistics/statistics";
import type { BenchRow } from "./bench-row";

const TURNS = 9;
const COMPARE = "%%compare\nreturn 1;";
const BASELINE = "%%sync\nreturn 1;";
/**
 * The kernel before the paired method (0948edf: 3 runs of each model, no warm-up, a full GC per run)
 * took 505-522 ms for a default %%compare of `return 1;`, 2.74 to 2.87 times its own trivial %%sync
 * cell (177-184 ms), measured with this bench. The limit is twice that time. This kernel's
 * %%sync cell is cheaper (no full GC per run), so the ratio against it is no longer the measure of
 * that limit: the two-kernel mode below is.
 */
const BEFORE_RATIO = 2.87;

async function timed(client: KernelClient, code: string): Promise<number> {
  const t0 = performance.now();
  const { reply } = await client.execute(code, { untilReply: true });
  if (reply.content.status !== "ok") throw new Error(`${code.split("\n")[0]} failed: ${JSON.stringify(reply.content)}`);
  return performance.now() - t0;
}

/** The measured runs' own wall time in the last %%compare's result, summed over its models. */
const RUNS_OWN_MS = "$last.experiments.reduce((total, e) => total + e.runs.reduce((sum, run) => sum + run.wallMs, 0), 0)";

async function runsOwnMs(client: KernelClient): Promise<number> {
  const { reply, iopub } = await client.execute(RUNS_OWN_MS);
  const result = iopub.find((m) => m.header.msg_type === "execute_result")?.content as { data?: Record<string, string> } | undefined;
  const ms = Number(result?.data?.["text/plain"]);
  if (reply.content.status !== "ok" || !Number.isFinite(ms)) throw new Error(`the runs' own time could not be read from $last: ${JSON.stringify(result ?? reply.content)}`);
  return ms;
}

/**
 * Median ms of a default %%compare and of a trivial %%sync cell, in one kernel (`argv`, this
 * package's by default), and the median of what each %%compare took beyond its measured runs' own wall time.
 */
export async function compareAndBaselineMs(argv: string[] = KERNEL_ARGV, turns = TURNS): Promise<{ compareMs: number; baselineMs: number; beyondRunsMs: number }> {
  const client = await KernelClient.start({ argv });
  try {
    // The first of each compiles the magics' code paths and the body; it is not counted.
    await timed(client, BASELINE);
    await timed(client, COMPARE);
    const compare: number[] = [];
    const baseline: number[] = [];
    const beyondRuns: number[] = [];
    for (let i = 0; i < turns; i++) {
      baseline.push(await timed(client, BASELINE));
      compare.push(await timed(client, COMPARE));
      beyondRuns.push(compare[i] - (await runsOwnMs(client)));
    }
    return { compareMs: median(compare), baselineMs: median(baseline), beyondRunsMs: median(beyondRuns) };
  } finally {
    await client.shutdown();
  }
}

export async function benchCompare(): Promise<BenchRow[]> {
  const { compareMs, baselineMs, beyondRunsMs } = await compareAndBaselineMs();
  return [
    {
      name: "default %%compare of `return 1;`: ms beyond its measured runs' own wall time, median of 9",
      value: beyondRunsMs,
      baseline: compareMs,
      ratio: beyondRunsMs / compareMs,
      unit: "ms",
      target: "value <= 300 ms (baseline: the whole cell)",
    },
    {
      name: "default %%compare of `return 1;` vs a trivial %%sync cell, median of 9 turns",
      value: compareMs,
      baseline: baselineMs,
      ratio: compareMs / baselineMs,
      unit: "ms",
      target: `informational: ${BEFORE_RATIO} before, against a %%sync cell that cost more then; the limit of 2x the time before is checked with another build's kernel (see compare.bench.ts)`,
    },
  ];
}

/** `argv` of another build's kernel, from the path of its bin/conclab.js. */
function kernelArgvOf(bin: string): string[] {
  return [process.execPath, bin, "kernel", "--connection-file", "{connection_file}"];
}

if (require.main === module) {
  // node dist/bench/compare.bench.js [path/to/bin/conclab.js]: with another build's kernel (e.g. the
  // one before a change), both kernels are measured in this script, one after the other, and the
  // ratio of this kernel's default %%compare to that one's is printed.
  const bin = process.argv[2];
  const report = async () => {
    const now = await compareAndBaselineMs();
    console.log(`this kernel: %%compare ${now.compareMs.toFixed(0)} ms (${now.beyondRunsMs.toFixed(0)} ms beyond its runs' own time), %%sync ${now.baselineMs.toFixed(0)} ms, ratio ${(now.compareMs / now.baselineMs).toFixed(2)}`);
    if (!bin) return;
    const other = await compareAndBaselineMs(kernelArgvOf(bin));
    console.log(`${bin}: %%compare ${other.compareMs.toFixed(0)} ms, %%sync ${other.baselineMs.toFixed(0)} ms, ratio ${(other.compareMs / other.baselineMs).toFixed(2)}`);
    console.log(`default %%compare, this kernel over that one: ${(now.compareMs / other.compareMs).toFixed(2)}x (limit 2)`);
  };
  report().catch((e: Error) => {
    console.error(e);
    process.exitCode = 1;
  });
}
