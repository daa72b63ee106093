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
 * Measured with this bench against the kernel before the paired method (3 runs of each model, no
 * warm-up; `node dist/bench/compare.bench.js OLD/bin/conclab.js`): a default %%compare of `return 1;`
 * took 2.74 to 2.87 times a trivial %%sync cell (505-522 ms against 177-184 ms). The limit is 2x that.
 */
const BEFORE_RATIO = 2.87;

async function timed(client: KernelClient, code: string): Promise<number> {
  const t0 = performance.now();
  const { reply } = await client.execute(code, { untilReply: true });
  if (reply.content.status !== "ok") throw new Error(`${code.split("\n")[0]} failed: ${JSON.stringify(reply.content)}`);
  return performance.now() - t0;
}

/** Median ms of a default %%compare and of a trivial %%sync cell, in one kernel (`argv`, this package's by default). */
export async function compareAndBaselineMs(argv: string[] = KERNEL_ARGV, turns = TURNS): Promise<{ compareMs: number; baselineMs: number }> {
  const client = await KernelClient.start({ argv });
  try {
    // The first of each compiles the magics' code paths and the body; it is not counted.
    await timed(client, BASELINE);
    await timed(client, COMPARE);
    const compare: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < turns; i++) {
      baseline.push(await timed(client, BASELINE));
      compare.push(await timed(client, COMPARE));
    }
    return { compareMs: median(compare), baselineMs: median(baseline) };
  } finally {
    await client.shutdown();
  }
}

export async function benchCompare(): Promise<BenchRow[]> {
  const { compareMs, baselineMs } = await compareAndBaselineMs();
  return [
    {
      name: "default %%compare of `return 1;` vs a trivial %%sync cell, median of 9 turns",
      value: compareMs,
      baseline: baselineMs,
      ratio: compareMs / baselineMs,
      unit: "ms",
      target: `<= ${2 * BEFORE_RATIO} (2x the ${BEFORE_RATIO} before)`,
    },
  ];
}

if (require.main === module) {
  // node dist/bench/compare.bench.js [path/to/bin/conclab.js]: another build's kernel, e.g. the one before a change.
  const bin = process.argv[2];
  compareAndBaselineMs(bin ? [process.execPath, bin, "kernel", "--connection-file", "{connection_file}"] : KERNEL_ARGV).then(
    ({ compareMs, baselineMs }) => console.log(`%%compare ${compareMs.toFixed(0)} ms, %%sync ${baselineMs.toFixed(0)} ms, ratio ${(compareMs / baselineMs).toFixed(2)}`),
    (e: Error) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
